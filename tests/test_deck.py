"""The lecture slides (python -m scripts.handbook deck): every deck opens, has the
slides its module's data calls for, says everything the module says in its language,
in the template's placeholders at 16:9, in Arial at readable sizes, and no text
overflows its placeholder — measured in the file (the font's own advance widths,
see scripts/handbook/deck_fit.py) and in LibreOffice's rendering of one module deck
per language (every word inside the body area of the slide)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from scripts.handbook import course_data, deck, deck_fit, trainer_data
from scripts.handbook.deck_slides import course_slides, deck_name, module_slides
from scripts.handbook.i18n import translator
from scripts.handbook.paths import LANGS

COURSE = course_data.load_course()
QUIZZES = course_data.load_quizzes().by_module()
SCENARIOS = course_data.load_scenarios().scenarios
LESSONS = trainer_data.load_trainer().by_module()
MODULES = [(m.id, lang) for m in COURSE.modules for lang in LANGS]
LAYOUTS = {"Title Slide", "Title and Content", "Section Header"}
URL = "https://example.org/"


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("decks")
    written = {}
    for module in COURSE.modules:
        for lang in LANGS:
            target = out / deck_name(module, lang)
            deck.write(module_slides(lang, module.id), lang, target, URL, "t")
            written[module.id, lang] = target
    for lang in LANGS:
        target = out / deck_name(None, lang)
        deck.write(course_slides(lang), lang, target, URL, "t")
        written["course", lang] = target
    return written


def body_paragraphs(slide) -> list:
    return [p for shape in slide.placeholders if shape.placeholder_format.idx != 0
            for p in shape.text_frame.paragraphs]


def title(slide) -> str:
    return norm(slide.placeholders[0].text_frame.text)


def expected_slides(module, lang: str) -> int:
    """One cover, objectives, key points, activity, discussion, closing; two per
    scenario and two per question (question, then answer)."""
    lesson = 2 if module.id in LESSONS else 0
    scenarios = sum(1 for s in SCENARIOS if s.module == module.id)
    questions = len(QUIZZES[module.id].questions) if module.id in QUIZZES else 0
    return 4 + lesson + 2 * scenarios + 2 * questions


@pytest.mark.parametrize(("module_id", "lang"), MODULES)
def test_deck_has_every_slide_and_every_text(decks, module_id, lang):
    module = COURSE.by_id()[module_id]
    prs = Presentation(str(decks[module_id, lang]))
    slides = list(prs.slides)
    continued = translator(lang)("deck-continued")
    extra = sum(1 for s in slides if title(s).endswith(continued))
    assert len(slides) == expected_slides(module, lang) + extra
    quiz = QUIZZES[module_id].questions
    question = re.escape(translator(lang)("deck-question")).replace(r"\{n\}", r"\d+") \
        .replace(r"\{total\}", str(len(quiz)))
    assert sum(1 for s in slides if re.fullmatch(question, title(s))) == len(quiz)
    # Body text in reading order, source ids left out: a long item split between
    # slides reads on across the page break.
    body = " ".join(norm(p.text) for s in slides for p in body_paragraphs(s)
                    if not all(r.font.size and r.font.size.pt <= deck.SMALL_PT
                               for r in p.runs))
    texts = [getattr(o, lang) for o in module.objectives]
    texts += [getattr(p, lang) for p in module.key_points]
    for q in quiz:
        texts += [getattr(q.question, lang), getattr(q.explanation, lang)]
        texts += [getattr(o, lang) for o in q.options]
    lesson = LESSONS[module_id]
    texts += [getattr(s, lang) for s in lesson.activity.steps]
    texts += [getattr(q, lang) for q in lesson.discussion]
    for scenario in (s for s in SCENARIOS if s.module == module_id):
        texts += [getattr(scenario.situation, lang)]
        texts += [getattr(p, lang) for p in scenario.answer]
    missing = [text for text in texts if norm(text) not in body]
    assert missing == []
    assert norm(getattr(module.title, lang)) == title(slides[0])


@pytest.mark.parametrize("key", [*MODULES, ("course", "vi"), ("course", "en")],
                         ids=lambda k: k if isinstance(k, str) else None)
def test_deck_is_16_9_placeholders_arial_and_fits(decks, key):
    prs = Presentation(str(decks[key]))
    assert (prs.slide_width, prs.slide_height) == deck.WIDE
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        assert slide.slide_layout.name in LAYOUTS
        # Text in the layout's placeholders only, never a loose text box.
        assert all(shape.is_placeholder for shape in slide.shapes), number
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip() \
            or number == 1, f"slide {number} has no speaker notes"
        for shape in slide.placeholders:
            frame = shape.text_frame
            box = deck_fit.box(shape)
            used = 0.0
            for i, paragraph in enumerate(frame.paragraphs):
                for run in paragraph.runs:
                    rpr = run._r.find(qn("a:rPr"))
                    assert run.font.name == deck.FONT
                    assert {rpr.find(qn(t)).get("typeface") for t in ("a:ea", "a:cs")} == \
                        {deck.FONT}
                    size = run.font.size.pt
                    # Body text never below MIN_PT; source ids are the small type.
                    assert size >= deck.MIN_PT or (size == deck.SMALL_PT and _is_ids(run.text)), \
                        f"slide {number}: {size} pt for “{run.text}”"
                indent = int(paragraph._p.pPr.get("marL")) / deck_fit.EMU_PER_PT
                pieces = [deck_fit.Piece(r.text.strip(), r.font.size.pt, bool(r.font.bold))
                          for r in paragraph.runs]
                before = paragraph.space_before.pt if paragraph.space_before and i else 0
                used += deck_fit.para_height(pieces, box.width - indent, before)
            if used > box.height:
                problems.append(f"slide {number}, {shape.name}: {used:.0f} pt of text in "
                                f"{box.height:.0f} pt")
    assert problems == []


def _is_ids(text: str) -> bool:
    text = text.strip()
    return text in {translator(lang)("deck-source") for lang in LANGS} or bool(
        re.fullmatch(r"[a-z0-9-]+(, [a-z0-9-]+)*", text))


def test_long_item_is_split_not_shrunk():
    """An item longer than a slide goes on across slides at the body size."""
    box = deck_fit.Box(864, 360)
    words = " ".join(["Bí thư chi bộ giữ liên hệ chặt chẽ với đảng viên."] * 40)
    slide = deck.Slide("points", [deck.Run("Ý chính")],
                       [[deck.Para((deck.Run(words),))]])
    pages = deck.pages(slide, box, deck.BODY_PT)
    assert len(pages) >= 3
    rejoined = " ".join(r.text for page in pages for item in page for p in item for r in p.runs)
    assert rejoined == words
    for page in pages:
        assert sum(deck.item_height(item, deck.BODY_PT, box.width) for item in page) <= box.height


@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_renders_module_4(decks, lang, tmp_path):
    """Module 4 in LibreOffice Impress: one PDF page per slide, the Vietnamese text
    with its diacritics, and every word inside the slide's text area."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing — run `make browser` (libreoffice-impress)"
    source = decks["bai-4", lang]
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (source.stem + ".pdf")
    assert pdf.exists(), done.stdout + done.stderr
    slides = len(Presentation(str(source)).slides)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == slides
    text = norm(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True).stdout)
    module = COURSE.by_id()["bai-4"]
    assert norm(getattr(module.title, lang)) in text
    if lang == "vi":
        for word in ("chủ trì", "nghị quyết", "Đáp án đúng", "bí thư"):
            assert word in text
    # Words below the body area or beyond the right edge: text spilling out.
    bottom = deck.BODY_BOTTOM / deck_fit.EMU_PER_PT
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    outside = [(m[3], m[1], m[2]) for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
        if float(m[2]) > bottom + 2 or float(m[1]) > deck.WIDE[0] / deck_fit.EMU_PER_PT]
    assert outside == []


def test_a_title_too_long_for_two_lines_stops_the_build():
    box = deck_fit.Box(864, 80)
    with pytest.raises(deck.DeckError, match=r"x\.pptx: the title .* shorten it in the data"):
        deck._title_size([deck.Run("Bí thư chi bộ " * 30)], box, (32, 28), "x.pptx")

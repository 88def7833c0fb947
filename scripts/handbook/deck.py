"""The trainer's lecture slides: `python -m scripts.handbook deck [SITE]`.

Writes SITE/downloads/slide/<module slug>-<lang>.pptx for every module of
data/course.yml and SITE/downloads/khoa-tap-huan-<lang>.pptx for the whole
course, with python-pptx, from the slides of deck_slides.py.

- Layouts: python-pptx's default template (Title Slide, Title and Content, Section
  Header), made 16:9 here in code: the slide is 13.333 × 7.5 in and every placeholder
  of the master and the layouts is stretched to the new width, so a trainer who adds
  a slide gets 16:9 placeholders too. Text goes into the placeholders, never into
  loose text boxes.
- Font: Arial (Windows, macOS and every office suite have it; LibreOffice uses the
  metric-compatible Liberation Sans), set on every run (latin, ea, cs) and as the
  theme's fonts, with the run language Vietnamese or English.
- Sizes: titles 32 pt (28 pt for a long one), body text 24 pt; a quiz question and
  its options may step down to MIN_PT (20 pt) to stay on one slide; source ids are
  small type (14 pt). Nothing else is shrunk: items that do not fit a slide go on
  the next one, its title marked "(tiếp)", and an item longer than a slide is
  split between words. Autofit is off, so what is measured (deck_fit.py) is what
  is shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from scripts.handbook import course_data, deck_fit
from scripts.handbook.deck_slides import Para, Run, Slide, course_slides, deck_name, module_slides
from scripts.handbook.i18n import translator
from scripts.handbook.paths import LANGS, SITE

FONT = "Arial"
TITLE_PT, MIN_TITLE_PT, COVER_PT = 32, 28, 40
BODY_PT, MIN_PT, SMALL_PT, NOTES_PT = 24, 20, 14, 12
GAP = 10  # points of space before each item
FILL = 0.95  # use at most this share of a placeholder's height (rounding in renderers)
INDENT = {"bullet": 342900, "alpha": 457200, "none": 0}  # EMU, left margin of the text
WIDE = (12192000, 6858000)  # 16:9, 13.333 × 7.5 in
BODY_BOTTOM = 6492240  # 7.1 in
LAYOUT = {"cover": 0, "content": 1, "section": 2}
LANG_ID = {"vi": MSO_LANGUAGE_ID.VIETNAMESE, "en": MSO_LANGUAGE_ID.ENGLISH_UK}
SMALL_COLOUR = "4D4D4D"  # dark grey on white: 8.4:1


class DeckError(RuntimeError):
    pass


def base() -> Presentation:
    """The default template, 16:9, its placeholders widened and its fonts Arial."""
    prs = Presentation()
    old = prs.slide_width
    prs.slide_width, prs.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    ratio = WIDE[0] / old
    shapes = list(prs.slide_master.shapes)
    for layout in prs.slide_layouts:
        shapes += [s for s in layout.shapes if s._element.spPr.find(qn("a:xfrm")) is not None]
    for shape in shapes:
        shape.left, shape.width = Emu(round(shape.left * ratio)), Emu(round(shape.width * ratio))
    # The body reaches down to 0.4 in above the slide's edge (the template leaves
    # room for a footer that these slides do not use).
    body = next(s for s in prs.slide_master.placeholders
                if s.placeholder_format.type == PP_PLACEHOLDER.BODY)
    body.height = Emu(BODY_BOTTOM - body.top)
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = etree.fromstring(theme.blob)
    for latin in xml.iter(qn("a:latin")):
        if latin.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", FONT)
    theme._blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)
    return prs


def _pieces(p: Para, size: float) -> list[deck_fit.Piece]:
    return [deck_fit.Piece(r.text, SMALL_PT if r.small else size, r.bold) for r in p.runs]


def _para_height(p: Para, size: float, room: float, first: bool) -> float:
    room -= INDENT[p.indent or p.bullet] / deck_fit.EMU_PER_PT
    small = all(r.small for r in p.runs)
    return deck_fit.para_height(_pieces(p, size), room, 0 if (first or small) else GAP)


def item_height(item: list[Para], size: float, room: float) -> float:
    return sum(_para_height(p, size, room, i == 0) for i, p in enumerate(item))


def _split(item: list[Para], size: float, box: deck_fit.Box) -> list[list[Para]]:
    """An item too long for one slide: its first paragraph cut between words into
    parts that fit (the rest of the item, e.g. its sources, stays with the last)."""
    head, tail = item[0], item[1:]
    text = " ".join(r.text for r in head.runs)
    words, parts, current = text.split(), [], []
    for word in words:
        trial = Para((Run(" ".join([*current, word]), bold=head.runs[0].bold),), head.bullet,
                     head.number)
        if current and item_height([trial], size, box.width) > box.height * FILL:
            parts.append([Para((Run(" ".join(current), bold=head.runs[0].bold),), head.bullet,
                               head.number)])
            current = [word]
        else:
            current.append(word)
    last = [Para((Run(" ".join(current), bold=head.runs[0].bold),), head.bullet, head.number)]
    parts.append(last + tail)
    return parts


def pages(slide: Slide, box: deck_fit.Box, size: float) -> list[list[list[Para]]]:
    """The slide's items packed onto as few pages as fit, in order."""
    room = box.height * FILL
    result, page, used = [], [], 0.0
    for whole in slide.items:
        parts = [whole] if item_height(whole, size, box.width) + GAP <= room else \
            _split(whole, size, box)
        for item in parts:
            height = item_height(item, size, box.width) + (GAP if page else 0)
            if page and used + height > room:
                result.append(page)
                page, used = [], 0.0
                height -= GAP
            page.append(item)
            used += height
    if page or not result:
        result.append(page)
    return result


def _font(run, text: Run | None, size: float, lang: str, bold: bool = False) -> None:
    font = run.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.language_id = LANG_ID[lang]
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    for tag in ("a:cs", "a:ea"):
        if rpr.find(qn(tag)) is None:
            element = etree.SubElement(rpr, qn(tag))
            element.set("typeface", FONT)
            latin.addnext(element)
    if text is not None and text.small:
        font.color.rgb = RGBColor.from_string(SMALL_COLOUR)


def _write_para(paragraph, p: Para, size: float, lang: str, first: bool, site_url: str) -> None:
    small = all(r.small for r in p.runs)
    # Exact line spacing (LINE × size): PowerPoint, LibreOffice and WPS then all lay
    # out the lines deck_fit.py measures, whatever their idea of "single" spacing.
    paragraph.line_spacing = Pt(round(deck_fit.LINE * (SMALL_PT if small else size), 1))
    paragraph.space_before = Pt(0 if (first or small) else GAP)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(INDENT[p.indent or p.bullet]))
    ppr.set("indent", str(-INDENT[p.bullet]))
    if p.bullet == "none":
        etree.SubElement(ppr, qn("a:buNone"))
    elif p.bullet == "alpha":
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", FONT)
        auto = etree.SubElement(ppr, qn("a:buAutoNum"))
        auto.set("type", "alphaUcPeriod")
        auto.set("startAt", str(p.number))
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", FONT)
        etree.SubElement(ppr, qn("a:buChar")).set("char", "•")
    for i, r in enumerate(p.runs):
        run = paragraph.add_run()
        run.text = r.text if i == 0 else " " + r.text
        _font(run, r, SMALL_PT if r.small else size, lang, r.bold)
        if r.link:
            run.hyperlink.address = f"{site_url}{'' if lang == 'vi' else 'en/'}" \
                                    f"{r.link.removesuffix('index')}" \
                                    f"{'' if r.link.endswith('index') else '/'}"


def _fill(frame, paras: list[Para], size: float, lang: str, site_url: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, p in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _write_para(paragraph, p, size, lang, i == 0, site_url)


def _title_size(runs: list[Run], box: deck_fit.Box, sizes: tuple[int, ...], where: str) -> int:
    for size in sizes:
        pieces = [deck_fit.Piece(r.text, size, False) for r in runs]
        if deck_fit.para_height(pieces, box.width, 0) <= box.height * FILL:
            return size
    raise DeckError(f"{where}: the title “{' '.join(r.text for r in runs)}” does not fit on "
                    f"two lines even at {sizes[-1]} pt — shorten it in the data")


def _notes(slide, notes: list[str], lang: str) -> None:
    if not notes:
        return
    frame = slide.notes_slide.notes_text_frame
    for i, text in enumerate(notes):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        _font(run, None, NOTES_PT, lang)


def write(slides: list[Slide], lang: str, target: Path, site_url: str, title: str) -> int:
    """Write *slides* to *target*; return the number of slides written."""
    prs = base()
    prs.core_properties.title = title
    prs.core_properties.language = "vi-VN" if lang == "vi" else "en-GB"
    t = translator(lang)
    layouts = prs.slide_layouts
    content = layouts[LAYOUT["content"]]
    title_box = deck_fit.box(content.placeholders[0])
    body_box = deck_fit.box(content.placeholders[1])
    for slide in slides:
        if slide.kind in ("cover", "section"):
            page = prs.slides.add_slide(layouts[LAYOUT[slide.kind]])
            head, body = page.placeholders[0], page.placeholders[1]
            size = _title_size(slide.title, deck_fit.box(head), (COVER_PT, TITLE_PT, MIN_TITLE_PT),
                               target.name)
            _fill(head.text_frame, [Para(tuple(slide.title), "none")], size, lang, site_url)
            _fill(body.text_frame, [p for item in slide.items for p in item], BODY_PT, lang,
                  site_url)
            _notes(page, slide.notes, lang)
            continue
        size = BODY_PT
        packed = pages(slide, body_box, size)
        if slide.kind == "question" and len(packed) > 1:
            size = MIN_PT  # keep a question with its options, down to the minimum size
            packed = pages(slide, body_box, size)
        for number, items in enumerate(packed):
            runs = slide.title + ([Run(t("deck-continued"))] if number else [])
            page = prs.slides.add_slide(content)
            head, body = page.placeholders[0], page.placeholders[1]
            _fill(head.text_frame, [Para(tuple(runs), "none")],
                  _title_size(runs, title_box, (TITLE_PT, MIN_TITLE_PT), target.name), lang,
                  site_url)
            head.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            body.text_frame.vertical_anchor = MSO_ANCHOR.TOP
            _fill(body.text_frame, [p for item in items for p in item], size, lang, site_url)
            _notes(page, slide.notes, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    prs.save(target)
    return len(prs.slides)


def site_url(site: Path) -> str:
    from scripts.handbook.check import Context
    from scripts.handbook.check.site import config

    return str(config(Context(site=site)).get("site_url") or "/").rstrip("/") + "/"


def main(site: Path = SITE) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    url = site_url(site)
    course = course_data.load_course()
    try:
        for lang in LANGS:
            t = translator(lang)
            for module in course.modules:
                target = site / deck_name(module, lang)
                count = write(module_slides(lang, module.id), lang, target, url,
                              getattr(module.title, lang))
                print(f"{target.relative_to(site).as_posix()}: {count} slides, "
                      f"{target.stat().st_size / 1024:.0f} KB")
            target = site / deck_name(None, lang)
            count = write(course_slides(lang), lang, target, url, t("deck-course"))
            print(f"{target.relative_to(site).as_posix()}: {count} slides, "
                  f"{target.stat().st_size / 1024:.0f} KB")
    except (DeckError, deck_fit.FontMissing) as error:
        print(error, file=sys.stderr)
        return 1
    return 0

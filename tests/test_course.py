"""The training course: its data, the rendered quiz HTML, and build errors with file:line."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook import course_data
from scripts.handbook.check import Context, run
from tests.conftest import mkdocs_build
from tests.test_build import _copy_project

COURSE = course_data.load_course()
QUIZZES = course_data.load_quizzes().by_module()
LANGS = {"vi": "", "en": "en/"}


def test_six_modules_each_with_a_quiz_and_a_scenario():
    scenarios = {s.module for s in course_data.load_scenarios().scenarios}
    assert len(COURSE.modules) >= 6
    for module in COURSE.modules:
        assert len(QUIZZES[module.id].questions) >= course_data.MIN_QUESTIONS, module.id
        assert module.id in scenarios, module.id
        assert module.objectives and module.key_points, module.id


def test_real_course_data_passes_the_course_rules(built_site):
    ctx = Context(site=built_site)
    findings = run(ctx, ["quiz-answers", "course-sources", "course-modules", "course-schema"])
    assert findings == []
    # Every actionable paragraph of the source is taught somewhere in the course.
    assert any(re.fullmatch(r"course: cites (\d+) of \1 actionable source paragraphs", line)
               for line in ctx.summary), ctx.summary


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_quiz_is_plain_accessible_html(built_site, module, lang):
    html = (built_site / LANGS[lang] / "tap-huan" / module.slug / "index.html").read_text(
        encoding="utf-8")
    tree = HTMLParser(html)
    quiz = tree.css_first(f"section.stcb-quiz[data-stcb-quiz='{module.id}']")
    assert quiz is not None
    questions = QUIZZES[module.id].questions
    fieldsets = quiz.css("fieldset.stcb-quiz__q")
    assert len(fieldsets) == len(questions)
    for fieldset, question in zip(fieldsets, questions, strict=True):
        assert getattr(question.question, lang) in fieldset.css_first("legend").text()
        kind = "radio" if question.kind == "single" else "checkbox"
        inputs = fieldset.css("input")
        assert [i.attributes["type"] for i in inputs] == [kind] * len(question.options)
        for option, element in zip(question.options, inputs, strict=True):
            label = fieldset.css_first(f"label[for='{element.attributes['id']}']")
            assert getattr(option, lang) in label.text()
        # Without JavaScript the answer and explanation are one click away.
        details = fieldset.css_first("details.stcb-quiz__answer")
        assert getattr(question.explanation, lang) in details.text()
        links = [a.attributes["href"] for a in details.css("a.stcb-sources__link")]
        assert links == [f"../../tra-cuu/van-ban-nguon/#{pid}" for pid in question.source]
    # The page loads the quiz script, and no link placeholder is left unresolved.
    assert "assets/javascripts/stcb-quiz.js" in html
    assert "stcb-page:" not in html


def test_quiz_script_is_only_on_quiz_pages(built_site):
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert ("stcb-quiz.js" in html) == ("data-stcb-quiz=" in html), page


def test_no_unresolved_component_links_anywhere(built_site):
    leftovers = [p for p in built_site.rglob("*.html") if "stcb-page:" in p.read_text("utf-8")]
    assert leftovers == []


def test_answer_key_marks_every_correct_option(built_site):
    # One lesson-plan page per module, each with its own answer key.
    marked = [li for module in COURSE.modules
              for li in HTMLParser((built_site / "tap-huan" / "giang-vien" / module.id /
                                    "index.html").read_text(encoding="utf-8"))
              .css("li.stcb-quiz-key__option--correct")]
    expected = sum(o.correct for q in QUIZZES.values() for x in q.questions for o in x.options)
    assert len(marked) == expected
    assert all("(đáp án đúng)" in li.text() for li in marked)


def _build_with(tmp_path, edit):
    project = _copy_project(tmp_path)
    edit(project)
    return mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)


def test_unknown_quiz_id_fails_the_build_with_file_and_line(tmp_path):
    def edit(project):
        page = project / "docs" / "tap-huan" / "bai-2-lanh-dao-chi-uy-tu-tuong.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("<!-- stcb:quiz bai-2 -->", "<!-- stcb:quiz bai-9 -->"),
                        encoding="utf-8")

    page = "docs/tap-huan/bai-2-lanh-dao-chi-uy-tu-tuong.md"
    line = _line_of(page, "<!-- stcb:quiz bai-2 -->")
    result = _build_with(tmp_path, edit)
    assert result.returncode != 0
    assert f"{page}:{line}: unknown quiz 'bai-9' in the quiz marker — use one of: bai-1" \
        in result.stderr


def test_quiz_data_error_fails_the_build_at_the_yaml_line(tmp_path):
    target = "    kind: single\n"
    lines = (course_data.DATA / "quizzes.yml").read_text(encoding="utf-8").splitlines(True)
    line = lines.index(target) + 1

    def edit(project):
        path = project / "data" / "quizzes.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(target, "    kind: several\n", 1), encoding="utf-8")

    result = _build_with(tmp_path, edit)
    assert result.returncode != 0
    assert re.search(rf"data/quizzes\.yml:{line}: quizzes #1 › questions #1 › kind: input "
                     r"should be 'single' or 'multiple'", result.stderr), result.stderr


def _line_of(page: str, text: str) -> int:
    from scripts.handbook.paths import ROOT

    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)

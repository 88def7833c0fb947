"""The trainer's pages as a set: an overview and one lesson-plan page per module (both
languages) with its timing, activity, discussion questions, practice, its own answer
key, its slides and a visible contents list; and the handouts' "print all six" PDF."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook import course_data, trainer_data
from scripts.handbook.deck_slides import deck_name
from tests.conftest import site_step

COURSE = course_data.load_course()
QUIZZES = course_data.load_quizzes().by_module()
LESSONS = trainer_data.load_trainer().by_module()
PREFIX = {"vi": "", "en": "en/"}


def page(site, lang, path):
    return HTMLParser((site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_module_has_its_lesson_plan_page(built_site, lang):
    overview = page(built_site, lang, "tap-huan/giang-vien")
    links = [a.attributes["href"] for a in overview.css(".stcb-lesson-plans a")]
    assert links == [f"{m.id}/" for m in COURSE.modules]
    # The overview no longer carries the lesson plans or the answer keys.
    assert not overview.css(".stcb-quiz-key, .stcb-lesson__timing")
    for module in COURSE.modules:
        tree = page(built_site, lang, f"tap-huan/giang-vien/{module.id}")
        lesson = LESSONS[module.id]
        rows = tree.css(".stcb-lesson__timing tbody tr")
        assert [r.css("td")[1].text() for r in rows] == [getattr(x, lang) for x in lesson.plan]
        steps = [li.text() for li in tree.css(".stcb-lesson__activity li")]
        assert steps == [getattr(s, lang) for s in lesson.activity.steps]
        assert len(tree.css(".stcb-lesson__discussion > li")) == len(lesson.discussion)
        # Its own answer key: every question of this module, no other module's.
        assert len(tree.css(".stcb-quiz-key__q")) == len(QUIZZES[module.id].questions)
        key = tree.css_first(".stcb-quiz-key").text()
        for question in QUIZZES[module.id].questions:
            assert unicodedata.normalize("NFC", getattr(question.question, lang)) in key
        # A visible contents list whose links reach this page's own sections.
        ids = {node.attributes.get("id") for node in tree.css("h2[id]")}
        contents = [a.attributes["href"] for a in tree.css("article ul a[href^='#']")]
        assert len(contents) == 6 and {href[1:] for href in contents} <= ids
        slides = tree.css_first(".stcb-lesson__slides a[download]").attributes["href"]
        assert slides.endswith(deck_name(module, lang).removeprefix("downloads/"))


def test_handouts_print_all_six_as_one_pdf(built_site):
    site_step(built_site, "pdf", "handouts")
    for lang in ("vi", "en"):
        pdf = built_site / "downloads" / f"tai-lieu-phat-tay-{lang}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert f"Pages:           {len(COURSE.modules)}" in info
        text = unicodedata.normalize("NFC", subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
        for module in COURSE.modules:
            assert getattr(module.title, lang) in " ".join(text.split())
        tree = page(built_site, lang, "tap-huan/tai-lieu-phat-tay")
        button = tree.css_first("a.md-button[download]")
        assert button.attributes["href"].endswith(f"downloads/tai-lieu-phat-tay-{lang}.pdf")


@pytest.mark.browser
def test_trainer_pages_are_short_on_a_phone(browser, server):
    """The trainer's page was 33.5 phone screens; the overview and each lesson plan
    are now a few screens each."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    screens = {}
    for path in ["tap-huan/giang-vien/", *(f"tap-huan/giang-vien/{m.id}/" for m in COURSE.modules)]:
        tab.goto(f"{server}/{path}")
        screens[path] = tab.evaluate("document.documentElement.scrollHeight") / 844
    context.close()
    assert screens["tap-huan/giang-vien/"] < 8, screens
    assert max(screens.values()) < 16, screens

"""The projector view (tap-huan/trinh-chieu, stcb-present.js) in real Chromium: one
slide per screen in a modal dialog, keys, buttons and swipes, the question before its
answer, focus and the live counter for screen readers, both languages, file:// use,
and no serious axe violation, listed or presenting, light or dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scripts.handbook.deck_slides import module_slides
from scripts.handbook.i18n import translator
from tests.conftest import file_context, run_axe

pytestmark = pytest.mark.browser

PREFIX = {"vi": "", "en": "en/"}
MODULE = "bai-4"


def open_view(page, server, lang="vi"):
    page.goto(f"{server}/{PREFIX[lang]}tap-huan/trinh-chieu/#{MODULE}")
    start = page.locator(f"#{MODULE} .stcb-present__start")
    start.wait_for(state="visible")
    return start


def counter(page):
    return page.locator("dialog[open] .stcb-present__counter")


def current(page):
    return page.locator("dialog[open] .stcb-slide.is-current")


def words(lang, key, **numbers):
    text = translator(lang)(key)
    for name, value in numbers.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_keys_show_one_slide_then_the_answer_after_its_question(watched, server, lang):
    page = watched.page
    slides = module_slides(lang, MODULE)
    total = len(slides)
    first_question = next(i for i, s in enumerate(slides) if s.kind == "question")
    start = open_view(page, server, lang)
    start.press("Enter")
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    assert counter(page).inner_text().startswith(words(lang, "present-counter", n=1, total=total))
    assert page.locator("dialog[open] .stcb-slide:visible").count() == 1
    # Focus is on the slide, so a screen reader reads it; the counter is a live region.
    assert page.evaluate("document.activeElement.classList.contains('is-current')")
    assert counter(page).get_attribute("aria-live") == "polite"
    for _ in range(first_question):
        page.keyboard.press("ArrowRight")
    question = slides[first_question]
    assert current(page).get_attribute("data-kind") == "question"
    assert question.items[0][0].runs[0].text in current(page).inner_text()
    assert words(lang, "deck-correct") not in current(page).inner_text()
    page.keyboard.press("Space")
    assert current(page).get_attribute("data-kind") == "answer"
    assert words(lang, "deck-correct") in current(page).inner_text()
    page.keyboard.press("ArrowLeft")
    assert current(page).get_attribute("data-kind") == "question"
    page.keyboard.press("End")
    assert counter(page).inner_text().startswith(
        words(lang, "present-counter", n=total, total=total))
    assert page.locator("dialog[open] .stcb-present__next").is_disabled()
    page.keyboard.press("Home")
    assert page.locator("dialog[open] .stcb-present__prev").is_disabled()
    page.keyboard.press("Escape")
    page.locator("dialog[open]").wait_for(state="detached")
    # Back on the page: focus returns to the button, the list shows every slide again.
    page.wait_for_function(
        "() => document.activeElement.classList.contains('stcb-present__start')")
    expect(page.locator(f"#{MODULE} .stcb-slide:visible")).to_have_count(total)
    assert watched.console_errors == [] and watched.foreign_requests == []


def test_buttons_and_swipes_turn_slides(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    open_view(page, server).click()
    next_button = page.locator("dialog[open] .stcb-present__next")
    next_button.click()
    assert counter(page).inner_text().startswith("Trang 2/")
    # The buttons keep their focus (the slide does not take it from them).
    assert page.evaluate("document.activeElement.classList.contains('stcb-present__next')")
    page.keyboard.press("Enter")
    assert counter(page).inner_text().startswith("Trang 3/")
    stage = page.locator("dialog[open] .stcb-present__stage").bounding_box()
    y = stage["y"] + stage["height"] / 2
    for x0, x1, expected in ((300, 60, "Trang 4/"), (60, 300, "Trang 3/"), (100, 130, "Trang 3/")):
        page.mouse.move(x0, y)
        page.mouse.down()
        page.mouse.move(x1, y, steps=5)
        page.mouse.up()
        assert counter(page).inner_text().startswith(expected)
    page.locator("dialog[open] .stcb-present__close").click()
    page.locator("dialog[open]").wait_for(state="detached")
    context.close()


def test_works_from_file_url(browser, built_site):
    context = file_context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_site / "tap-huan" / "trinh-chieu" / "index.html").as_uri())
    page.locator(f"#{MODULE} .stcb-present__start").click()
    page.keyboard.press("ArrowRight")
    assert counter(page).inner_text().startswith("Trang 2/")
    assert [e for e in errors if "search_index" not in e] == []
    context.close()


def test_without_javascript_every_slide_is_listed(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/tap-huan/trinh-chieu/")
    assert not page.locator(f"#{MODULE} .stcb-present__start").is_visible()
    assert page.locator(f"#{MODULE} .stcb-slide:visible").count() == \
        len(module_slides("vi", MODULE))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_serious_axe_violations(context, server, lang, scheme):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    start = open_view(page, server, lang)
    assert run_axe(page) == []
    start.click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert run_axe(page) == []

"""What the reader is told when part of the page cannot work (issue 14, point 11):
a checklist without its script says its ticks will not be saved; a search whose
worker cannot load says that search is unavailable, in the page's language,
instead of looking like a search that found nothing."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CHECKLIST = "checklist/chuan-bi-sinh-hoat-chi-bo/"
NOTE = ".stcb-checklist__nojs"


def _context(browser, **options):
    return browser.new_context(viewport={"width": 1280, "height": 900}, **options)


@pytest.mark.parametrize(("path", "text"), [
    (CHECKLIST, "Tiến độ sẽ không được lưu: JavaScript đang tắt hoặc chưa tải được."),
    ("en/" + CHECKLIST, "Your progress will not be saved: JavaScript is off or did not load."),
])
def test_without_javascript_the_checklist_says_nothing_is_saved(browser, server, path, text):
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    note = page.locator(NOTE)
    assert note.is_visible()
    assert note.inner_text().startswith(text)
    context.close()


def test_when_the_checklist_script_fails_the_note_stays(browser, server):
    context = _context(browser)
    context.route(re.compile(r".*/stcb-checklist\.js$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{server}/{CHECKLIST}")
    page.wait_for_load_state("load")
    assert page.locator(NOTE).is_visible()
    context.close()


def test_with_the_script_the_note_gives_way_to_the_storage_line(context, server):
    page = context.new_page()
    page.goto(f"{server}/{CHECKLIST}")
    page.wait_for_selector("[data-stcb-checklist][data-stcb-mounted]")
    assert not page.locator(NOTE).is_visible()
    assert page.locator(".stcb-checklist__storage").is_visible()


@pytest.mark.parametrize(("start", "query", "text"), [
    ("", "bi thu", "Chức năng tìm kiếm hiện không dùng được"),
    ("en/", "secretary", "Search is unavailable"),
])
def test_a_failed_search_worker_says_search_is_unavailable(context, server, start, query, text):
    context.route(re.compile(r".*/assets/javascripts/workers/.*"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{server}/{start}")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(query)
    page.locator("input.md-search__input").press("End")
    page.wait_for_function("""text => (document.querySelector('.md-search-result__meta')
        || {}).textContent?.startsWith(text)""", arg=text)
    page.locator("input.md-search__input").press_sequentially(" chi")  # typing on keeps it
    meta = page.locator(".md-search-result__meta")
    assert meta.inner_text().startswith(text)

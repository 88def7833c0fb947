"""Every page, both languages, in real Chromium: no console errors, no request
to another host, a working language switcher, and no serious axe violations."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import Watched, new_context, run_axe, site_pages

pytestmark = pytest.mark.browser


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        from scripts.handbook.paths import DOCS

        # Page list from docs/ so parametrisation needs no build; the test then
        # checks that the built page exists.
        paths = set()
        for md in DOCS.rglob("*.md"):
            rel = md.relative_to(DOCS).as_posix()
            lang_prefix = "en/" if rel.endswith(".en.md") else ""
            stem = rel.removesuffix(".en.md").removesuffix(".md")
            url = "" if stem == "index" else stem.removesuffix("/index").removesuffix("index")
            url = url + "/" if url else ""
            paths.add(lang_prefix + url)
        metafunc.parametrize("page_path", sorted(paths))


_REPORTS: dict[str, dict] = {}
FORGET_PALETTE = """for (const key of Object.keys(localStorage))
    if (key.endsWith('__palette')) localStorage.removeItem(key);"""


def page_report(browser, server: str, page_path: str) -> dict:
    """One visit of a page for the checks below (a third of the run's time went to
    opening every page three times): the status, console errors and requests to
    other hosts until the network is idle, then axe in the light scheme, then axe
    again after a reload in the dark scheme (as a first visit: no palette stored).
    Every test of a page runs on the same worker (xdist group per page,
    tests/conftest.py), so each page is visited once."""
    if page_path not in _REPORTS:
        context = new_context(browser)
        try:
            watched = Watched(context.new_page(), server)
            page = watched.page
            page.emulate_media(color_scheme="light")
            response = page.goto(f"{server}/{page_path}")
            page.wait_for_load_state("networkidle")
            report = {"status": response.status, "console_errors": list(watched.console_errors),
                      "foreign_requests": list(watched.foreign_requests),
                      "light": run_axe(page)}
            # Material keeps the palette it chose at the first visit (localStorage
            # "…__palette"); without it, it follows the system scheme again. (Removed
            # before any script of the reloaded page runs.)
            context.add_init_script(FORGET_PALETTE)
            page.emulate_media(color_scheme="dark")
            page.reload()
            # Material's script applies the system scheme once it runs (it may be after
            # the load event): wait for it, or report the scheme it stayed in.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(
                    "document.body.getAttribute('data-md-color-scheme') === 'slate'",
                    timeout=15_000)
            report["scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            report["dark"] = run_axe(page)
        finally:
            context.close()
        _REPORTS[page_path] = report
    return _REPORTS[page_path]


def test_page_loads_cleanly(browser, server, page_path):
    report = page_report(browser, server, page_path)
    assert report["status"] == 200, page_path
    assert report["console_errors"] == []
    assert report["foreign_requests"] == []


def test_language_switcher_lands_on_counterpart(watched, server, page_path):
    page = watched.page
    page.goto(f"{server}/{page_path}")
    is_en = page_path.startswith("en/")
    counterpart = page_path.removeprefix("en/") if is_en else "en/" + page_path
    target = "vi" if is_en else "en"
    link = page.locator(f".md-select__link[hreflang='{target}']")
    assert link.count() == 1
    page.locator(".md-header__option .md-select").first.hover()
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{server}/{counterpart}"
    assert page.evaluate("document.documentElement.lang") == target


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(browser, server, page_path, scheme):
    report = page_report(browser, server, page_path)
    assert report["scheme"] == "slate", "the dark scheme should be on after the reload"
    assert report[scheme] == []


def test_site_pages_match_docs(built_site):
    # Guards the parametrisation above: every built page is tested.
    from scripts.handbook.paths import DOCS

    assert len(site_pages(built_site)) == len(list(DOCS.rglob("*.md")))

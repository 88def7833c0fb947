"""Every page, both languages, in real Chromium, served by the shipped nginx
configuration: no console errors, no request to another host, no violation of the
Content-Security-Policy, a working language switcher, and no serious axe violations
in the light and the dark scheme."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import COLOUR_RULES, CSP_LISTENER, Watched, run_axe, site_pages

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


def page_report(browser, base: str, page_path: str) -> dict:
    """One visit of a page for the checks below (it was five visits, more than half
    of the suite's time), served by the shipped nginx configuration under its real
    Content-Security-Policy: the status, console errors, CSP violations and requests to
    other hosts until the network is idle; axe in the light scheme; axe's colour rules
    again after a reload in the dark scheme (as a first visit: no palette stored); then
    the language switch. Every test of a page runs on the same worker (xdist group per
    page, tests/conftest.py), so each page is visited once."""
    if page_path not in _REPORTS:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                      ignore_https_errors=True)
        context.add_init_script(CSP_LISTENER)
        try:
            watched = Watched(context.new_page(), base)
            page = watched.page
            page.emulate_media(color_scheme="light")
            response = page.goto(f"{base}/{page_path}")
            page.wait_for_load_state("networkidle")
            report = {"status": response.status, "console_errors": list(watched.console_errors),
                      "foreign_requests": list(watched.foreign_requests),
                      "csp": page.evaluate("window.__cspViolations"),
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
            report["dark"] = run_axe(page, COLOUR_RULES)
            report["csp"] += page.evaluate("window.__cspViolations")
            report["console_errors"] = list(watched.console_errors)
            report["foreign_requests"] = list(watched.foreign_requests)
            report["switch"] = switch_language(page, page_path)
        finally:
            context.close()
        _REPORTS[page_path] = report
    return _REPORTS[page_path]


def switch_language(page, page_path: str) -> dict:
    """Follow the header's link to the other language: where it landed, or the error."""
    target = "vi" if page_path.startswith("en/") else "en"
    link = page.locator(f".md-select__link[hreflang='{target}']")
    links = link.count()
    try:
        page.locator(".md-header__option .md-select").first.hover()
        link.click()
        page.wait_for_load_state()
        return {"links": links, "url": page.url,
                "lang": page.evaluate("document.documentElement.lang")}
    except PlaywrightError as error:
        return {"links": links, "error": str(error)}


def test_page_loads_cleanly(browser, nginx_server, page_path):
    report = page_report(browser, nginx_server, page_path)
    assert report["status"] == 200, page_path
    assert report["console_errors"] == []
    assert report["foreign_requests"] == []


def test_page_works_under_the_csp(browser, nginx_server, page_path):
    report = page_report(browser, nginx_server, page_path)
    assert report["csp"] == []


def test_language_switcher_lands_on_counterpart(browser, nginx_server, page_path):
    report = page_report(browser, nginx_server, page_path)["switch"]
    is_en = page_path.startswith("en/")
    counterpart = page_path.removeprefix("en/") if is_en else "en/" + page_path
    assert report["links"] == 1
    assert "error" not in report, report.get("error")
    assert report["url"] == f"{nginx_server}/{counterpart}"
    assert report["lang"] == ("vi" if is_en else "en")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(browser, nginx_server, page_path, scheme):
    report = page_report(browser, nginx_server, page_path)
    assert report["scheme"] == "slate", "the dark scheme should be on after the reload"
    assert report[scheme] == []


def test_site_pages_match_docs(built_site):
    # Guards the parametrisation above: every built page is tested.
    from scripts.handbook.paths import DOCS

    assert len(site_pages(built_site)) == len(list(DOCS.rglob("*.md")))

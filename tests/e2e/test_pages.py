"""Every page, both languages, in real Chromium, served by the shipped nginx
configuration: no console errors, no request to another host, no violation of the
Content-Security-Policy, a working language switcher, and no serious axe violations
in the light and the dark scheme."""

from __future__ import annotations

import contextlib

import pytest
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
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
# (Functions, not expressions, for wait_for_function: Playwright evaluates the text once,
# from DevTools, then calls the function at each poll; an expression would be evaluated
# again by the page at each poll, which the CSP forbids: no 'unsafe-eval'.)
IS_SLATE = "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"


def counterpart(page_path: str) -> str:
    """The same page in the other language."""
    return page_path.removeprefix("en/") if page_path.startswith("en/") else "en/" + page_path


def page_report(browser, base: str, page_path: str) -> dict:
    """One visit of a page for the checks below (it was four, more than half of the
    suite's time), served by the shipped nginx configuration under its real
    Content-Security-Policy: the status, language, console errors, CSP violations and
    requests to other hosts until the network is idle; axe in the light scheme; the
    header's toggle to the dark scheme and axe's colour rules again; the language
    switcher's link. Every test of a page and of its counterpart in the other language
    runs on the same worker (xdist group per page, tests/conftest.py), so each page is
    visited once."""
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
            report = {"status": response.status,
                      "lang": page.evaluate("document.documentElement.lang"),
                      "light": run_axe(page)}
            # The dark scheme as a reader turns it on: the header's toggle (Material sets
            # the scheme on <body>; on a first visit it follows the system's, tested below).
            page.locator("form[data-md-component=palette] label:not([hidden])").click()
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(IS_SLATE, timeout=15_000)
            report["scheme"] = page.evaluate(SCHEME)
            report["dark"] = run_axe(page, COLOUR_RULES)
            report["csp"] = page.evaluate("window.__cspViolations")
            report["console_errors"] = list(watched.console_errors)
            report["foreign_requests"] = list(watched.foreign_requests)
            target = "vi" if page_path.startswith("en/") else "en"
            report["switch"] = page.eval_on_selector_all(
                f".md-select__link[hreflang='{target}']", "links => links.map(a => a.href)")
        finally:
            context.close()
        _REPORTS[page_path] = report
    return _REPORTS[page_path]


def test_page_loads_cleanly(browser, nginx_server, page_path):
    report = page_report(browser, nginx_server, page_path)
    assert report["status"] == 200, page_path
    assert report["lang"] == ("en" if page_path.startswith("en/") else "vi")
    assert report["console_errors"] == []
    assert report["foreign_requests"] == []


def test_page_works_under_the_csp(browser, nginx_server, page_path):
    assert page_report(browser, nginx_server, page_path)["csp"] == []


def test_language_switcher_lands_on_counterpart(browser, nginx_server, page_path):
    """The switcher links to the same page in the other language, which loads in that
    language (its own visit); following the link is tested below."""
    other = counterpart(page_path)
    assert page_report(browser, nginx_server, page_path)["switch"] == [f"{nginx_server}/{other}"]
    theirs = page_report(browser, nginx_server, other)
    assert theirs["status"] == 200
    assert theirs["lang"] == ("en" if other.startswith("en/") else "vi")


@pytest.mark.parametrize("path", ["", "en/", "nhiem-vu/ra-nghi-quyet/", "en/tra-cuu/thuat-ngu/"])
def test_following_the_language_switcher(context, server, path):
    target = "vi" if path.startswith("en/") else "en"
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link[hreflang='{target}']").click()
    page.wait_for_load_state()
    assert page.url == f"{server}/{counterpart(path)}"
    assert page.evaluate("document.documentElement.lang") == target


@pytest.mark.parametrize("path", ["", "en/"])
def test_a_first_visit_follows_the_systems_dark_scheme(context, server, path):
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(f"{server}/{path}")
    page.wait_for_function(IS_SLATE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(browser, nginx_server, page_path, scheme):
    report = page_report(browser, nginx_server, page_path)
    assert report["scheme"] == "slate", "the header's toggle should turn the dark scheme on"
    assert report[scheme] == []


def test_site_pages_match_docs(built_site):
    # Guards the parametrisation above: every built page is tested.
    from scripts.handbook.paths import DOCS

    assert len(site_pages(built_site)) == len(list(DOCS.rglob("*.md")))

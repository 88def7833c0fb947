"""Every page, both languages, in real Chromium: no console errors, no request
to another host, a working language switcher, and no serious axe violations."""

from __future__ import annotations

import pytest

from tests.conftest import run_axe, site_pages

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


def test_page_loads_cleanly(watched, server, page_path):
    response = watched.page.goto(f"{server}/{page_path}")
    assert response.status == 200, page_path
    watched.page.wait_for_load_state("networkidle")
    assert watched.console_errors == []
    assert watched.foreign_requests == []


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
def test_no_serious_axe_violations(context, server, page_path, scheme):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{server}/{page_path}")
    assert run_axe(page) == []


def test_site_pages_match_docs(built_site):
    # Guards the parametrisation above: every built page is tested.
    from scripts.handbook.paths import DOCS

    assert len(site_pages(built_site)) == len(list(DOCS.rglob("*.md")))

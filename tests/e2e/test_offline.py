"""The offline ZIP, unzipped and opened from file:// in Chromium: every page of
both languages loads without console errors or network requests, its links
point at files in the package, the language switch works, and search works.

The package is built from the project plus the search stand-in pages
(tests/search_fixture), so pages added to docs/ are covered automatically."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.handbook import offline_zip
from scripts.handbook.paths import DOCS
from scripts.handbook.search_eval import SearchBox
from tests import search_fixture
from tests.conftest import Watched

# One worker runs the module (`--dist loadgroup`): its served site is set up once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("offline")]


def offline_path(md: str) -> str:
    """docs path → page in the offline package: "bat-dau/index.md" → "bat-dau/index.html",
    "vai-tro.en.md" → "en/vai-tro.html"."""
    prefix = "en/" if md.endswith(".en.md") else ""
    return prefix + md.removesuffix(".en.md").removesuffix(".md") + ".html"


def _pages() -> list[str]:
    docs = {md.relative_to(DOCS).as_posix() for md in DOCS.rglob("*.md")}
    return sorted(offline_path(md) for md in docs | set(search_fixture.stand_in_pages()))


def pytest_generate_tests(metafunc):
    if "offline_page" in metafunc.fixturenames:
        metafunc.parametrize("offline_page", _pages())


@pytest.fixture(scope="module")
def package(built_site) -> Path:
    return search_fixture.offline_package(built_site)


@pytest.fixture
def offline(browser):
    # (Any http(s) request is foreign to file:// and fails the test; none leaves the
    # machine: CHROMIUM_ARGS.)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page, "file://")
    context.close()


@pytest.fixture(scope="module")
def reader(browser):
    """One context for the page-by-page test: a reader going through the package, a
    new tab per page (a context per page cost a quarter of the test's time)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def offline_tab(reader):
    page = reader.new_page()
    yield Watched(page, "file://")
    page.close()


def test_every_page_loads_and_links_stay_in_the_package(offline_tab, package, offline_page):
    offline = offline_tab
    page = offline.page
    target = package / offline_page
    assert target.exists(), f"{offline_page} is missing from the offline package"
    page.goto(target.as_uri())
    page.wait_for_load_state("load")
    assert offline.console_errors == []
    assert offline.foreign_requests == []
    broken = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        parts = urlsplit(href)
        if parts.scheme != "file":
            continue  # the website (newest ZIP), the theme's credit link
        path = Path(unquote(parts.path))
        if not path.exists() or path.is_dir():
            broken.append(href)
    assert broken == []


def test_a_link_and_the_language_switch_work(offline, package):
    page = offline.page
    page.goto((package / "index.html").as_uri())
    page.locator(".md-nav__link[href='bat-dau/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url == (package / "bat-dau/index.html").as_uri()
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(".md-select__link[hreflang='en']").click()
    page.wait_for_load_state()
    assert page.url == (package / "en/bat-dau/index.html").as_uri()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert offline.console_errors == []


@pytest.mark.parametrize(("start", "query", "found"), [
    ("index.html", "thuat ngu", "tra-cuu/thuat-ngu.html"),  # typed without diacritics
    ("en/tap-huan/index.html", "glossary", "en/tra-cuu/thuat-ngu.html"),
])
def test_search_works_and_opens_the_result(offline, package, start, query, found):
    page = offline.page
    box = SearchBox(page, (package / start).as_uri())
    hrefs = box.search(query)
    assert hrefs, f"no results for {query!r}"
    assert urlsplit(hrefs[0]).path == (package / found).as_posix()
    page.locator("li.md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == (package / found).as_posix()
    assert offline.console_errors == []


def test_the_word_download_works_from_file(offline, package, tmp_path):
    # The Word scripts are found next to stcb-templates.js under file:// too.
    from tests.e2e.test_docx import download, open_docx
    from tests.e2e.test_templates import MINUTES, fill_minutes

    page = offline.page
    page.goto((package / "bieu-mau" / f"{MINUTES}.html").as_uri())
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    path, name = download(page, tmp_path)
    assert name == f"{MINUTES}-2026-11-05.docx"
    assert open_docx(path).paragraphs[0].text == "BIÊN BẢN"
    assert offline.console_errors == []
    assert offline.foreign_requests == []


def test_blank_templates_and_checklists_open_from_the_package(offline, package):
    """The blank Word files, checklist PDFs and module decks are in the package and
    linked relatively; the whole-book PDFs and the ZIP itself are on the website."""
    page = offline.page
    found = {}
    for start in ("bieu-mau/index.html", "en/bieu-mau/index.html", "checklist/index.html",
                  "en/checklist/index.html", "in-an/index.html", "ngoai-tuyen.html"):
        page.goto((package / start).as_uri())
        for href in page.eval_on_selector_all("a[href*='downloads/']",
                                              "links => links.map(a => a.href)"):
            found[href.rsplit("/", 1)[-1]] = href
    # What the package carries (offline_zip.PACKED: blank Word templates, checklist PDFs,
    # module slide decks, handouts) must be linked into the package; the rest to the website.
    local = {name: href for name, href in found.items()
             if offline_zip.packed("downloads/" + unquote(href).split("/downloads/", 1)[1])}
    assert len([n for n in local if n.endswith(".docx")]) == 6
    assert {"checklist-vi.pdf", "checklist-en.pdf"} <= set(local)
    for name, href in local.items():
        assert href.startswith("file://"), (name, href)
        assert Path(unquote(urlsplit(href).path)).stat().st_size > 1000, name
    remote = {name: href for name, href in found.items() if name not in local}
    assert {"so-tay-bi-thu-chi-bo-vi.pdf", "so-tay-bi-thu-chi-bo-offline.zip"} <= set(remote)
    assert all(href.startswith("https://") and "/downloads/" in href
               for href in remote.values()), remote

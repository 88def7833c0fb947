"""The handbook as an installable app, served by the shipped nginx configuration:
after one online visit every page of both languages works offline (search, a
checklist, a template printed and downloaded as Word) with no failed request and
no console error; a new build shows the update notice and reloads only when the
reader asks, never over unsaved typing; the manifests make it installable; the
offline ZIP (file://) registers nothing.

The site is the session's mkdocs build plus the service worker (`sw`) and small
stand-ins for the downloads `make build` adds (blank Word file, PDFs, ZIP)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.handbook import app_manifest, nginx, perf, service_worker
from scripts.handbook.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.handbook.i18n import translator
from scripts.handbook.paths import ROOT
from scripts.handbook.search_eval import SearchBox
from tests.conftest import Watched
from tests.e2e.test_docx import open_docx
from tests.e2e.test_templates import MINUTES_TEXT, field, fill_minutes

# One worker runs the module (`--dist loadgroup`): its served site is set up once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("app")]

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/work/shots/pwa")
# Ten pages per language: home, the role, duties, a checklist, templates, a module,
# the glossary, the offline page.
PAGES = ["", "vai-tro/", "nhiem-vu/lanh-dao-chi-uy/", "nhiem-vu/ra-nghi-quyet/",
         "checklist/chuan-bi-hop-chi-uy/", "bieu-mau/", "bieu-mau/bien-ban-sinh-hoat-chi-bo/",
         "tap-huan/bai-1-vai-tro/", "tra-cuu/thuat-ngu/", "ngoai-tuyen/"]
CHECKLIST, TEMPLATE = PAGES[4], PAGES[6]
BOX = "input[data-stcb-item]"
# Stand-ins for what `make build` writes after mkdocs: cached on first use, or network only.
BLANK_DOCX = "downloads/bieu-mau/bien-ban-sinh-hoat-chi-bo.docx"
CHECKLIST_PDF = "downloads/checklist-vi.pdf"
BOOK_PDF = "downloads/so-tay-bi-thu-chi-bo-vi.pdf"
ZIP = "downloads/so-tay-bi-thu-chi-bo-offline.zip"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
FETCH = "u => fetch(u).then(r => r.arrayBuffer().then(() => r.status))"  # the whole body


def make_app_site(built_site: Path, target: Path) -> Path:
    shutil.copytree(built_site, target)
    for name in (BLANK_DOCX, CHECKLIST_PDF, BOOK_PDF, ZIP):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(b"stand-in for " + name.encode())
    service_worker.generate(target)
    return target


@pytest.fixture(scope="module")
def app_site(built_site, tmp_path_factory) -> Path:
    return make_app_site(built_site, tmp_path_factory.mktemp("app") / "site")


@pytest.fixture(scope="module")
def app_url(app_site):
    with nginx.run(app_site) as url:
        yield url


# The session's browser (tests/conftest.py) accepts the run's self-signed certificate:
# Chromium registers a service worker only over a certificate it trusts.


def prefix(lang: str) -> str:
    return "" if lang == "vi" else f"{lang}/"


def visit_online(page, url: str) -> None:
    """Open *url* and wait until the service worker controls the page: with
    clientsClaim that is once it has activated, so the precache is complete."""
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=60_000)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_visit_then_the_whole_handbook_works_offline(browser, app_url, tmp_path, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  ignore_https_errors=True)
    try:
        watched = Watched(context.new_page(), app_url)
        page = watched.page
        root = f"{app_url}/{prefix(lang)}"
        visit_online(page, root)
        # A blank Word file fetched once online stays for offline use.
        assert page.evaluate(FETCH, f"{app_url}/{BLANK_DOCX}") == 200

        context.set_offline(True)
        failed: list[str] = []
        network: list[str] = []  # responses that did not come from the service worker
        context.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: None if r.from_service_worker or r.url.startswith(
            ("data:", "blob:")) else network.append(r.url))

        for path in PAGES:
            response = page.goto(root + path)
            assert response is not None and response.status == 200, path
            assert page.locator("article h1").count() == 1, path
            assert page.evaluate("document.documentElement.lang") == lang
            # Let the page finish (its search worker starts after load): a request
            # cut short by the next navigation would count as failed.
            page.wait_for_load_state("networkidle")

        # Search, in the page's language.
        results = SearchBox(page, root).search("bi thu chi bo")
        assert results and all(r.startswith(root) for r in results), results
        assert (lang == "en") == all(r.startswith(f"{app_url}/en/") for r in results)
        page.wait_for_load_state("networkidle")

        # A checklist tick survives a reload.
        page.goto(root + CHECKLIST)
        page.locator(BOX).first.check()
        page.reload()
        assert page.locator(BOX).first.is_checked()
        page.wait_for_load_state("networkidle")

        # A template: filled, printed to PDF, downloaded as Word.
        page.goto(root + TEMPLATE)
        fill_minutes(page)
        page.locator("[data-stcb-act=preview]").click()
        assert page.pdf()[:5] == b"%PDF-"
        with page.expect_download() as info:
            page.locator("[data-stcb-review] [data-stcb-act=docx]").click()
        info.value.save_as(tmp_path / "out.docx")
        text = "\n".join(p.text for p in open_docx(tmp_path / "out.docx").paragraphs)
        assert MINUTES_TEXT["place"] in text

        # The blank Word file comes from the cache.
        assert page.evaluate(FETCH, f"{app_url}/{BLANK_DOCX}") == 200
        assert failed == []
        assert network == []
        assert watched.console_errors == []
        assert watched.foreign_requests == []

        # The whole book and the ZIP are never cached: offline they fail.
        for name in (BOOK_PDF, ZIP):
            assert page.evaluate("u => fetch(u).then(() => 'ok', () => 'failed')",
                                 f"{app_url}/{name}") == "failed", name
    finally:
        context.close()


def test_the_precache_lists_both_languages_and_leaves_the_big_downloads_out(app_site):
    urls = set(service_worker.precached(app_site))
    pages = {p.relative_to(app_site).as_posix() for p in app_site.rglob("*.html")}
    assert pages <= urls
    for name in ("search/search_index.full.json", "en/search/search_index.full.json",
                 "manifest.webmanifest", "en/manifest.webmanifest",
                 "assets/javascripts/stcb-app.js", "assets/javascripts/vendor/docx/docx.min.js",
                 "assets/fonts/be-vietnam-pro-400-normal.woff2"):
        assert name in urls, name
    assert not [u for u in urls if u.startswith("downloads/") or u.endswith((".map", ".gz"))]
    size = service_worker.precache_size(app_site)
    assert size["gzip_bytes"] < 3 * 1024 * 1024  # the budget is reported by `make perf`


def test_perf_counts_the_first_visit_the_precache_and_an_offline_repeat_visit(browser, app_url):
    result = perf.app_visits(browser, app_url + "/")
    assert result["precache_download"]["requests"] > 100  # the worker's, after load
    assert 0 < result["first_visit"]["requests"] < result["precache_download"]["requests"]
    assert result["repeat_visit_offline"] == {"network_requests": 0, "urls": []}


# ---- Updates --------------------------------------------------------------------


@pytest.fixture(scope="module")
def next_build(app_site, tmp_path_factory) -> Path:
    """The same site with one page changed and its worker regenerated."""
    site = tmp_path_factory.mktemp("next") / "site"
    shutil.copytree(app_site, site)
    for lang in ("vi", "en"):
        page = site / prefix(lang) / "vai-tro" / "index.html"
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("<h1", '<p id="stcb-next-build">v2</p><h1', 1),
                        encoding="utf-8")
    service_worker.generate(site)
    return site


@pytest.fixture
def served(app_site, tmp_path):
    """A fresh copy of the first build, served; deploy() puts the next build in place."""
    site = tmp_path / "site"
    shutil.copytree(app_site, site)
    with nginx.run(site) as url:
        yield url, site


def deploy(next_build: Path, site: Path) -> None:
    shutil.copytree(next_build, site, dirs_exist_ok=True)


def notice(page):
    return page.locator(".stcb-app-update")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, ignore_https_errors=True)
    yield context
    context.close()


def open_controlled(context, origin: str, url: str) -> Watched:
    """A page of *url*, controlled by the worker, its registration watched by stcb-app.js."""
    watched = Watched(context.new_page(), origin)
    visit_online(watched.page, url)
    watched.page.evaluate("() => window.stcb.app.ready")
    return watched


def wait_for_update(page) -> None:
    assert page.evaluate("() => window.stcb.app.check()") is True
    notice(page).locator("button").wait_for()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_build_is_announced_and_loads_when_the_reader_asks(
        phone, served, next_build, lang):
    url, site = served
    watched = open_controlled(phone, url, f"{url}/{prefix(lang)}vai-tro/")
    page = watched.page
    deploy(next_build, site)
    wait_for_update(page)
    t = translator(lang)
    assert notice(page).locator("p").first.inner_text() == t("app-update")
    assert notice(page).locator("button").inner_text() == t("app-reload")
    assert page.locator("#stcb-next-build").count() == 0  # nothing reloaded by itself
    page.screenshot(path=str(SHOTS / f"update-notice-{lang}-390.png"))
    with page.expect_navigation():
        notice(page).locator("button").click()
    page.locator("#stcb-next-build").wait_for()
    assert notice(page).count() == 0
    assert watched.console_errors == []


def test_unsaved_typing_is_never_reloaded(phone, served, next_build):
    url, site = served
    watched = open_controlled(phone, url, f"{url}/{TEMPLATE}")
    page = watched.page
    page.evaluate("() => { window.stcbSamePage = true; }")
    place = field(page, "place")
    place.click()
    place.press_sequentially("Phòng họp")
    deploy(next_build, site)
    wait_for_update(page)
    # The typing field still has focus: the reload is refused, the text stays.
    assert page.evaluate("() => window.stcb.app.reload()") is False
    assert place.evaluate("e => e === document.activeElement")
    # A module reports unsaved input: pressing Reload says so and keeps the page.
    page.evaluate("() => { window.stcbPending = true;"
                  " window.stcb.unsaved.push(() => window.stcbPending); }")
    notice(page).locator("button").click()
    warning = notice(page).locator(".stcb-app-update__unsaved")
    warning.wait_for()
    assert warning.inner_text() == translator("vi")("app-unsaved")
    page.screenshot(path=str(SHOTS / "update-unsaved-vi-390.png"))
    assert page.evaluate("() => window.stcbSamePage") is True
    assert place.input_value() == "Phòng họp"
    # Saved: now Reload loads the new version, and the typing was kept by the form.
    page.evaluate("() => { window.stcbPending = false; }")
    with page.expect_navigation():
        notice(page).locator("button").click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.stcbSamePage") is None
    assert field(page, "place").input_value() == "Phòng họp"
    assert watched.console_errors == []


def test_reload_in_another_tab_does_not_reload_a_tab_with_typing(phone, served, next_build):
    """Reload in one tab activates the new worker for every tab; the others only
    show the notice (a page is never reloaded under the reader)."""
    url, site = served
    typing = open_controlled(phone, url, f"{url}/{TEMPLATE}")
    other = open_controlled(phone, url, f"{url}/vai-tro/")
    typing.page.evaluate("() => { window.stcbSamePage = true; }")
    field(typing.page, "place").click()
    field(typing.page, "place").press_sequentially("Hội trường")
    deploy(next_build, site)
    wait_for_update(other.page)
    with other.page.expect_navigation():
        notice(other.page).locator("button").click()
    other.page.locator("#stcb-next-build").wait_for()
    notice(typing.page).locator("button").wait_for()  # told, after the switch
    assert typing.page.evaluate("() => window.stcbSamePage") is True
    assert field(typing.page, "place").input_value() == "Hội trường"
    assert typing.console_errors == other.console_errors == []


# ---- Install ----------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_manifest_fields_and_headers(app_url, app_site, lang):
    import tests.e2e.test_nginx as served

    served._TLS[0] = app_url.ssl_context()  # trust the test's self-signed certificate
    fetch = served.fetch
    path = app_manifest.manifest_path(lang)
    status, headers, body = fetch(f"{app_url}/{path}")
    assert status == 200
    assert headers["Content-Type"].startswith("application/manifest+json")
    assert headers["Cache-Control"] == "no-cache"
    data = json.loads(body)
    t = translator(lang)
    assert data["lang"] == lang
    assert (data["name"], data["short_name"]) == (t("app-name"), t("app-short-name"))
    assert len(data["short_name"]) <= 13
    assert data["start_url"] == data["scope"] == "./"  # the language's root
    assert data["display"] == "standalone"
    assert data["theme_color"] == app_manifest.theme_color()
    manifest_dir = (app_site / path).parent
    sizes = {}
    for icon in data["icons"]:
        file = (manifest_dir / icon["src"]).resolve()
        assert png_size(file) == tuple(int(n) for n in icon["sizes"].split("x"))
        sizes.setdefault(icon["purpose"], set()).add(icon["sizes"])
    assert sizes == {"any": {"192x192", "512x512"}, "maskable": {"512x512"}}
    status, headers, _ = fetch(f"{app_url}/sw.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert "worker-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_installable_with_a_quiet_button(browser, app_url, tmp_path, lang):
    """Chromium's own verdict (DevTools protocol), in a normal (non-incognito) profile."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"], viewport=PHONE,
        ignore_https_errors=True)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        watched = Watched(page, app_url)
        visit_online(page, f"{app_url}/{prefix(lang)}ngoai-tuyen/")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == f"{app_url}/{app_manifest.manifest_path(lang)}"
        assert manifest["errors"] == []
        button = page.locator(".stcb-app-install button")
        button.wait_for()
        assert button.inner_text() == translator(lang)("app-install")
        assert notice(page).count() == 0  # a first visit is no update
        button.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"install-button-{lang}-390.png"))
        assert watched.console_errors == []
    finally:
        context.close()


IPHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
             "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ios_gets_the_home_screen_steps(browser, app_url, lang):
    context = browser.new_context(viewport=PHONE, user_agent=IPHONE_UA, is_mobile=True,
                                  ignore_https_errors=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/{prefix(lang)}ngoai-tuyen/")
        steps = page.locator(".stcb-app-install p")
        steps.wait_for()
        assert steps.inner_text() == translator(lang)("app-ios")
        steps.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"install-ios-{lang}-390.png"))
    finally:
        context.close()


def test_the_offline_copy_registers_nothing(browser, tmp_path):
    """The offline ZIP's build, opened from file://: no manifest link, no worker, no
    error (tests/e2e/test_offline.py opens every page of the real package)."""
    site = tmp_path / "site-offline"
    env = {**os.environ, "STCB_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                             "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (site / "manifest.webmanifest").exists()
    context = browser.new_context()
    try:
        watched = Watched(context.new_page(), "file://")
        page = watched.page
        for path in ("index.html", "en/ngoai-tuyen.html"):
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            assert page.locator("link[rel=manifest]").count() == 0
            assert page.evaluate("() => window.stcb.app") is None
            assert page.locator(".stcb-app-install").is_hidden()
            registrations = page.evaluate(
                "() => navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                ".then(r => r.length, () => 0) : 0")
            assert registrations == 0
        assert watched.console_errors == []
    finally:
        context.close()

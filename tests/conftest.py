"""Shared fixtures: one strict build of the site per test session, a local
HTTP server for it, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts.handbook import compress, nginx
from scripts.handbook.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.handbook.localserver import serve
from scripts.handbook.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml",
                 cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(site_dir)],
        cwd=cwd, capture_output=True, text=True, env=env,
    )


def copy_project(tmp_path: Path) -> Path:
    """A copy of everything the build reads, to break on purpose in a test."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides", "data", "scripts"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@contextmanager
def _locked(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_folder(tmp_path_factory) -> Path:
    """A folder shared by every xdist worker of this run (the parent of the workers'
    own base folders), or this session's base folder without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(folder: Path, name: str, step) -> None:
    """Run *step* once for the whole run, whichever worker asks first; the others wait
    for it. A step that fails is tried again by the next worker that asks (and fails
    its tests too)."""
    done = folder / f"{name}.done"
    with _locked(folder / f"{name}.lock"):
        if not done.exists():
            step()
            done.touch()


def site_step(site: Path, *args: str, expect: str = "") -> None:
    """A step of `make build` (`python -m scripts.handbook ARGS SITE`) run on the shared
    built site once for the run, in its own process (Playwright's sync API cannot start
    inside the session's running browser loop); *expect* is a line its output must have."""
    def step():
        done = subprocess.run([sys.executable, "-m", "scripts.handbook", *args, str(site)],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert expect in done.stdout, done.stdout

    once(site.parent, "-".join(args), step)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once for every worker of the run (tests must not change it;
    build steps that add downloads to it go through once())."""
    site = shared_folder(tmp_path_factory) / "site"

    def build():
        shutil.rmtree(site, ignore_errors=True)
        result = mkdocs_build(site)
        assert result.returncode == 0, result.stderr

    once(site.parent, "site", build)
    return site


@pytest.fixture(scope="session")
def nginx_site(built_site) -> Path:
    """The built site as `make build` leaves it for nginx (with its precompressed
    copies), made once for every worker of the run."""
    site = built_site.parent / "nginx-site"

    def make():
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(built_site, site)
        compress.compress(site)

    once(site.parent, "nginx-site", make)
    return site


@pytest.fixture(scope="session")
def nginx_server(nginx_site):
    """The shipped nginx configuration (deploy/nginx.conf) serving nginx_site over
    HTTPS with a certificate made for the run: "https://127.0.0.1:<port>" (its `.http`
    is the plain-HTTP base, its `.ssl_context()` trusts the certificate)."""
    with nginx.run(nginx_site) as url:
        yield url


@pytest.fixture(scope="session")
def server(built_site):
    """The built site on http://127.0.0.1:<free port> (no trailing slash)."""
    with serve(built_site) as root:
        yield root.rstrip("/")


@pytest.fixture(scope="session")
def browser():
    # No skip: a missing browser must fail the run (`make test` installs it).
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing — run `make browser`"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            # The shipped nginx serves HTTPS with a certificate made for the test run;
            # service workers register only if Chromium itself accepts it.
            args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"])
        yield chromium
        chromium.close()


# Records the page's Content-Security-Policy violations in window.__cspViolations (an
# init script: it runs before any of the page's own).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile);
});
"""


class Watched:
    """A page plus everything it did: console errors and off-site requests."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._on_request)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def _on_request(self, request):
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "file:"))):
            self.foreign_requests.append(url)


def new_context(browser):
    """The tests' usual browser context (the `context` fixture's)."""
    # (HTTPS errors ignored: the shipped nginx config serves HTTPS with a self-signed
    # certificate made for the test run, tests/e2e/test_app.py among its users.)
    # (bypass_csp: tests inject axe-core and page scripts as inline <script>, which the
    # pages' own meta CSP forbids; the policy itself is tested under the shipped nginx
    # in tests/e2e/test_pages.py and test_nginx.py, with contexts of their own.)
    # (No request leaves the machine, even one that slips through: the browser's own
    # flags, CHROMIUM_ARGS, resolve every other host to nothing.)
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                               ignore_https_errors=True, bypass_csp=True)


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    yield ctx
    ctx.close()


def pytest_collection_modifyitems(items):
    """Tests of one page and of its counterpart in the other language (test_pages.py)
    run on one worker (`--dist loadgroup`), so that they share one visit of each."""
    for item in items:
        params = getattr(item, "callspec", None)
        if item.module.__name__.endswith("test_pages") and params and \
                "page_path" in params.params:
            page = params.params["page_path"].removeprefix("en/")
            item.add_marker(pytest.mark.xdist_group(f"page:{page}"))


def file_context(browser):
    """A browser context for a site opened from file:// (a request to another host
    fails: CHROMIUM_ARGS; tests watch for any request with Watched(page, "file://"))."""
    return browser.new_context()


@pytest.fixture
def watched(context, server):
    return Watched(context.new_page(), server)


# Storage that fails: localStorage itself throws (disabled), or the availability probe
# passes and every real write fails (full).
BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
    get: function () { throw new DOMException('blocked', 'SecurityError'); }});"""
FULL_STORAGE = """(function () { var set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (!/probe$/.test(key)) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value); }; })();"""


def material_errors(context, server: str, script: str) -> list[str]:
    """The page errors that Material's own inline scripts raise under *script* (they
    read localStorage unguarded) on a page with none of ours: the baseline that a
    page with a checklist or a template must not add to."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(script)
    page.goto(f"{server}/in-an/")
    page.wait_for_load_state("networkidle")
    page.close()
    return errors


# The axe rules whose result can change with the colour scheme: Material's dark scheme
# changes colours only (CSS custom properties); the DOM, names and sizes stay the same.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def run_axe(page, rules: tuple[str, ...] = ()) -> list[dict]:
    """Serious and critical axe-core violations under WCAG 2.x A/AA tags (only *rules*
    if given). axe is evaluated, not added as a <script>, so that it also runs under the
    pages' real Content-Security-Policy (nginx; contexts without bypass_csp)."""
    assert AXE.exists(), f"{AXE} is missing — run `npm ci`"
    # Measure the settled page: fonts swapped in and no layout still moving
    # (target-size and contrast depend on it, and CI machines can be slow).
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
    # A colour transition still running (Material's buttons fade on hover, and a
    # scroll moves what is under the mouse) would be measured half-way.
    # (Only finite ones: an endless animation would never settle.)
    page.evaluate("""Promise.all(document.getAnimations()
        .filter(a => a.effect && isFinite(a.effect.getComputedTiming().endTime))
        .map(a => a.finished.catch(() => null)))""")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    run_only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}
    result = page.evaluate("""async (runOnly) => {
        // (resultTypes: the passes are not gathered; violations are found as before.)
        const r = await axe.run(document, {runOnly, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", run_only)
    return [v for v in result if v["impact"] in ("serious", "critical")]


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def site_pages(site: Path) -> list[str]:
    """URL paths of every built page, both languages ("", "bat-dau/", "en/", ...)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith("assets") or rel.startswith("search"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages

"""Make sure Debian's Chromium is there for the browser tests.

Playwright's own browser download cannot work here (no internet beyond the
package registries), so the tests drive /usr/bin/chromium. If it is missing
and we are root on Debian, install it with apt; otherwise say what to run.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Flags for headless Debian Chromium in containers and CI (same as tests/conftest.py):
# no sandbox (no user namespaces there), no GPU, and no background network traffic.
# Nothing a page loads may leave the machine (the tests' pages, the build's PDFs): every
# host name and address but 127.0.0.1 resolves to nothing (net::ERR_NAME_NOT_RESOLVED;
# the rule maps addresses too). This replaced a Playwright route on every request,
# which cost a round trip to Python per request and turned the HTTP cache off (page
# loads took about twice as long). (Not a proxy that is not there: with one, a form
# submitted without JavaScript did not navigate until the next navigation.)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# Extra Debian packages the tests use: pdftotext/pdftoppm for PDF checks; nginx
# for the deployment test (tests/e2e/test_nginx.py) and `make perf`; LibreOffice
# Impress and Liberation 2 (Arial's metrics, Vietnamese letters) for the lecture
# slides (tests/test_deck.py renders a deck to PDF; `deck` measures text with the font);
# libcairo2 for CairoSVG, which renders the app icons from the logo during the build;
# openssl for the deployment test's self-signed certificate; nginx's Brotli static
# module, with which the shipped configuration sends the .br copies (`brotli_static`).
APT_PACKAGES = ["chromium", "poppler-utils", "nginx", "libreoffice-impress", "fonts-liberation2",
                "libcairo2", "openssl", "libnginx-mod-http-brotli-static"]
LIBERATION2 = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
# `dpkg -L libnginx-mod-http-brotli-static` (Debian 12; nginx loads it from modules-enabled/).
BROTLI_STATIC_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


# The server and Chromium that shared_browser() keeps open for every printing step.
_SHARED: dict = {}


@contextlib.contextmanager
def shared_browser(site_dir: Path) -> Iterator[None]:
    """Serve *site_dir* and start Chromium once for several steps (`python -m
    scripts.handbook build` prints every PDF with one browser): local_page() on the
    same folder opens a new context in it instead of a new browser."""
    from playwright.sync_api import sync_playwright

    from scripts.handbook import localserver

    with localserver.serve(site_dir) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        _SHARED.update(site=Path(site_dir).resolve(), base=root.rstrip("/"), browser=browser)
        try:
            yield
        finally:
            _SHARED.clear()
            browser.close()


@contextlib.contextmanager
def local_page(site_dir: Path) -> Iterator[tuple[object, str]]:
    """Serve *site_dir* on 127.0.0.1 and yield (a Chromium page, the base URL without a
    trailing /). The page can reach nothing beyond this machine (CHROMIUM_ARGS)."""
    if _SHARED.get("site") == Path(site_dir).resolve():
        with _page(_SHARED["browser"]) as page:
            yield page, _SHARED["base"]
        return
    with shared_browser(site_dir), _page(_SHARED["browser"]) as page:
        yield page, _SHARED["base"]


@contextlib.contextmanager
def _page(browser):
    context = browser.new_context()  # (no other host: CHROMIUM_ARGS)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_built(page, base: str, url_path: str) -> None:
    """Load one page of the built site, or say which one is missing."""
    response = page.goto(f"{base}/{url_path.lstrip('/')}", wait_until="load")
    if response is None or response.status != 200:
        status = response.status if response else "no response"
        raise RuntimeError(f"{url_path}: HTTP {status} — is the site built?")


def missing() -> list[str]:
    needed = {"chromium": CHROMIUM, "poppler-utils": "pdftotext", "nginx": "/usr/sbin/nginx",
              "libreoffice-impress": "soffice", "openssl": "openssl"}
    todo = [pkg for pkg, exe in needed.items() if not shutil.which(exe)]
    if not Path(LIBERATION2).exists():
        todo.append("fonts-liberation2")
    if ctypes.util.find_library("cairo") is None:
        todo.append("libcairo2")
    if not Path(BROTLI_STATIC_MODULE).exists():
        todo.append("libnginx-mod-http-brotli-static")
    return todo


def ensure() -> int:
    todo = missing()
    if not todo:
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {' '.join(todo)} with apt-get …")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *todo], check=True, env=env)
        return 0 if not missing() else 1
    print("The build and the tests need Debian's Chromium, poppler-utils, nginx (with "
          "libnginx-mod-http-brotli-static), LibreOffice Impress, fonts-liberation2, libcairo2 "
          "and openssl. Install them with:\n"
          f"    sudo apt-get install {' '.join(todo)}")
    return 1

"""The shipped nginx configuration (deploy/nginx.conf) with real Debian nginx on
127.0.0.1, over HTTPS with a self-signed certificate made at start: the 301 from
port 80, HSTS and the other security headers, caching, Brotli and gzip
(precompressed files first), a 404 page per language (folders without an index too),
and search and the Word download working in Chromium under the
Content-Security-Policy. (Every page of both languages is opened under it in
tests/e2e/test_pages.py.)"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import brotli
import pytest

from scripts.handbook import deploy, nginx
from scripts.handbook.search_eval import SearchBox
from tests.conftest import CSP_LISTENER, Watched

# One worker runs the module (`--dist loadgroup`): its served site is set up once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("nginx")]


@pytest.fixture(scope="module")
def served_site(nginx_site):
    """The built site as `make build` leaves it for nginx: with its .gz and .br copies."""
    return nginx_site


@pytest.fixture(scope="module")
def nginx_url(nginx_server):
    _TLS[0] = nginx_server.ssl_context()
    return nginx_server


@pytest.fixture
def context(browser):
    """Chromium trusting nothing but the test's own self-signed certificate is
    not possible per context: accept it (only this test's nginx is reachable)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                              ignore_https_errors=True)
    yield ctx
    ctx.close()


_TLS: list = [None]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(
        _NoRedirect, urllib.request.HTTPSHandler(context=_TLS[0]))
    try:
        with opener.open(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_shipped_conf_matches_the_built_site(built_site):
    assert deploy.render(built_site) == deploy.OUTPUT.read_text(encoding="utf-8"), \
        "run `python -m scripts.handbook nginx-conf site` and commit deploy/nginx.conf"


def test_security_headers(nginx_url):
    status, headers, _ = fetch(nginx_url + "/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self' 'sha256-" in csp
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'none'" in csp
    hsts = headers["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Server" not in headers or "/" not in headers["Server"]  # no version


@pytest.mark.parametrize(("pattern", "cache"), [
    ("", "no-cache"),
    ("en/bat-dau/", "no-cache"),
    ("search/search_index.json", "no-cache"),
    ("assets/javascripts/bundle.*.min.js", "public, max-age=31536000, immutable"),
    ("assets/stylesheets/main.*.min.css", "public, max-age=31536000, immutable"),
    ("assets/stylesheets/stcb.*.css", "public, max-age=31536000, immutable"),
    ("assets/javascripts/workers/stcb-search.*.js", "public, max-age=31536000, immutable"),
    ("assets/fonts/be-vietnam-pro-400-normal.woff2", "public, max-age=31536000"),
    ("assets/images/favicon.svg", "public, max-age=86400"),
])
def test_caching(nginx_url, built_site, pattern, cache):
    # Hashed names change with their content: find today's.
    path = pattern if "*" not in pattern else \
        sorted(built_site.glob(pattern))[0].relative_to(built_site).as_posix()
    status, headers, _ = fetch(f"{nginx_url}/{path}")
    assert status == 200, path
    assert headers["Cache-Control"] == cache


def test_csp_only_where_it_applies(nginx_url, built_site):
    worker = sorted(built_site.glob("assets/javascripts/workers/stcb-search.*.js"))[0]
    for path in ("", "en/", "bat-dau/index.html", worker.relative_to(built_site).as_posix()):
        assert "Content-Security-Policy" in fetch(f"{nginx_url}/{path}")[1], path
    for path in ("assets/stylesheets/stcb.css", "assets/fonts/be-vietnam-pro-400-normal.woff2"):
        assert "Content-Security-Policy" not in fetch(f"{nginx_url}/{path}")[1], path


@pytest.mark.parametrize(("path", "lang"), [
    ("/no-such-page/", "vi"), ("/bat-dau/no-such-page", "vi"),
    ("/en/no-such-page/", "en"), ("/en/bat-dau/no-such-page", "en"),
])
def test_404_page_per_language(nginx_url, path, lang):
    status, headers, body = fetch(nginx_url + path)
    assert status == 404
    assert f'<html lang="{lang}"'.encode() in body
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers


@pytest.mark.parametrize("path", ["/", "/bat-dau/?x=1", "/en/no-such-page/"])
def test_plain_http_redirects_to_https(nginx_url, path):
    status, headers, _ = fetch(nginx_url.http + path)
    assert status == 301
    # The shipped block redirects to the standard port (the test's is a free one).
    assert headers["Location"] == f"https://127.0.0.1{path}"
    assert "Server" not in headers or "/" not in headers["Server"]


@pytest.mark.parametrize(("path", "lang"), [
    ("/assets/", "vi"), ("/assets/javascripts/", "vi"), ("/en/assets/", "en"),
    ("/search/", "vi"), ("/en/search/", "en"),
])
def test_folder_without_index_answers_the_404_page(nginx_url, path, lang):
    status, headers, body = fetch(nginx_url + path)
    assert status == 404, path  # not nginx's own 403 page
    assert f'<html lang="{lang}"'.encode() in body
    assert "Content-Security-Policy" in headers


@pytest.mark.parametrize(("path", "compressed"), [
    ("/", True), ("/en/", True), ("/assets/stylesheets/stcb.css", True),
    ("/assets/javascripts/stcb.js", True), ("/search/search_index.full.json", True),
    ("/assets/fonts/be-vietnam-pro-400-normal.woff2", False),
])
def test_gzip(nginx_url, path, compressed):
    status, headers, _ = fetch(nginx_url + path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert (headers.get("Content-Encoding") == "gzip") is compressed


def sent_from_copy(nginx_url, served_site, file, accept: str, encoding: str, unpack) -> None:
    """*file* is sent, to a client accepting *accept*, as the bytes of its precompressed
    copy for *encoding* (".gz" or ".br"), which unpack to the file."""
    path = "/" + file.relative_to(served_site).as_posix()
    status, headers, body = fetch(nginx_url + path, **{"Accept-Encoding": accept})
    assert status == 200
    assert headers["Content-Encoding"] == encoding, path
    suffix = {"gzip": ".gz", "br": ".br"}[encoding]
    assert body == file.with_name(file.name + suffix).read_bytes(), path
    assert unpack(body) == file.read_bytes()


def test_javascript_is_sent_compressed_from_the_precompressed_file(nginx_url, served_site):
    """gzip_static: the bytes sent are the .gz `compress` wrote (level 9, no time
    stamp), not nginx's on-the-fly level-6 output; Material's bundle included."""
    bundle = sorted(served_site.glob("assets/javascripts/bundle.*.min.js"))[0]
    for file in (served_site / "assets/javascripts/stcb.js", bundle):
        sent_from_copy(nginx_url, served_site, file, "gzip", "gzip", gzip.decompress)


@pytest.mark.parametrize(("path", "compressed"), [
    ("/", True), ("/en/", True), ("/assets/stylesheets/stcb.css", True),
    ("/assets/javascripts/stcb.js", True), ("/search/search_index.full.json", True),
    ("/assets/fonts/be-vietnam-pro-400-normal.woff2", False),
])
def test_brotli(nginx_url, path, compressed):
    """A browser that accepts Brotli gets it (brotli_static); caches keep the
    encodings apart (Vary)."""
    status, headers, _ = fetch(nginx_url + path, **{"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert (headers.get("Content-Encoding") == "br") is compressed
    if compressed:
        assert headers["Vary"] == "Accept-Encoding"


def test_brotli_is_sent_from_the_precompressed_file(nginx_url, served_site):
    """brotli_static: the bytes sent are the .br `compress` wrote, for a page, our
    script, Material's bundle and the search index; gzip still to whoever asks only
    for gzip."""
    bundle = sorted(served_site.glob("assets/javascripts/bundle.*.min.js"))[0]
    for file in (served_site / "index.html", served_site / "assets/javascripts/stcb.js", bundle,
                 served_site / "search/search_index.full.json"):
        sent_from_copy(nginx_url, served_site, file, "br, gzip", "br", brotli.decompress)
        sent_from_copy(nginx_url, served_site, file, "gzip", "gzip", gzip.decompress)


def test_chromium_gets_brotli_and_the_page_works(context, nginx_url, served_site):
    """Chromium asks for Brotli over HTTPS: the page, its stylesheets and scripts
    and the search index come as .br, and the page is styled, scripted and searchable."""
    encodings = {}
    context.on("response", lambda response: encodings.setdefault(
        response.url.split("/", 3)[-1], response.headers.get("content-encoding")))
    watched = Watched(context.new_page(), nginx_url)
    box = SearchBox(watched.page, nginx_url + "/")
    assert box.search("nghi quyet")  # the worker parsed the Brotli-sent index
    page = watched.page
    assert page.evaluate("typeof window.stcb === 'object'")  # our script ran
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert encodings[""] == "br"
    # Every file that has a .br copy (sw.js of a bare `mkdocs build` is too small for one).
    sent = {url: encoding for url, encoding in encodings.items()
            if url and (served_site / f"{url}.br").is_file()}
    assert any(url.startswith("assets/javascripts/bundle.") for url in sent)
    assert any(url.startswith("assets/stylesheets/main.") for url in sent)
    assert "search/search_index.full.json" in sent
    assert {url: encoding for url, encoding in sent.items() if encoding != "br"} == {}
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_text_javascript_is_compressed_on_the_fly(nginx_url, served_site):
    """A .js without a .gz copy (added after the build) is still compressed,
    whichever MIME type nginx's mime.types gives JavaScript."""
    extra = served_site / "assets/javascripts/stcb-late.js"
    extra.write_text("/* a late script */\n" + "var x = 1;\n" * 200, encoding="utf-8")
    try:
        status, headers, body = fetch(f"{nginx_url}/assets/javascripts/stcb-late.js",
                                      **{"Accept-Encoding": "gzip"})
    finally:
        extra.unlink()
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"/* a late script */")


@pytest.mark.parametrize(("start", "query"), [("/", "nghi quyet"), ("/en/", "resolution")])
def test_search_works_under_the_csp(context, nginx_url, start, query):
    context.add_init_script(CSP_LISTENER)
    watched = Watched(context.new_page(), nginx_url)
    box = SearchBox(watched.page, nginx_url + start)
    box.search(query)  # the worker, lunr and the index load on the first query
    assert watched.page.locator(".md-search-result__meta").text_content() != box.placeholder
    assert watched.page.evaluate("window.__cspViolations") == []
    assert watched.console_errors == []


def test_the_word_download_works_under_the_csp(context, nginx_url, tmp_path):
    # docx.min.js and stcb-docx.js load on the click, under script-src 'self' without
    # 'unsafe-eval'; the file is saved through a blob: URL.
    from tests.e2e.test_docx import download, open_docx
    from tests.e2e.test_templates import MINUTES, fill_minutes

    context.add_init_script(CSP_LISTENER)
    watched = Watched(context.new_page(), nginx_url)
    page = watched.page
    page.goto(f"{nginx_url}/bieu-mau/{MINUTES}/")
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    path, _ = download(page, tmp_path)
    assert open_docx(path).paragraphs[0].text == "BIÊN BẢN"
    assert page.evaluate("window.__cspViolations") == []
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_gzip_and_charset_cover_text_javascript():
    """Newer mime.types call JavaScript text/javascript (RFC 9239), older ones
    application/javascript: the shipped config must compress and label both."""
    conf = deploy.OUTPUT.read_text(encoding="utf-8")
    for directive in ("gzip_types", "charset_types"):
        value = conf.split(f"    {directive} ", 1)[1].split(";", 1)[0].split()
        assert {"text/javascript", "application/javascript"} <= set(value), directive
    assert "gzip_static on;" in conf
    assert "brotli_static on;" in conf


def test_meta_policy_is_the_header_policy(built_site):
    """Every page carries the nginx policy as <meta> (for hosts without our headers),
    minus what a <meta> cannot carry, and no Referer."""
    import re

    header = re.search(r'"~\(/\|\\.html\)\$"\s+"([^"]+)"',
                       deploy.OUTPUT.read_text(encoding="utf-8")).group(1)
    expected = deploy.meta_tags(header)
    assert "frame-ancestors" not in expected and "form-action 'none'" in expected
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta charset="utf-8">' + expected in html, page.relative_to(built_site)
        assert html.count('http-equiv="Content-Security-Policy"') == 1


def test_a_missing_brotli_module_names_its_package(monkeypatch, tmp_path):
    """No skip: without Debian's module the runner stops and says what to install."""
    monkeypatch.setattr(nginx, "BROTLI_STATIC_MODULE", str(tmp_path / "missing.so"))
    with pytest.raises(FileNotFoundError, match="libnginx-mod-http-brotli-static"), \
            nginx.run(tmp_path):
        pass

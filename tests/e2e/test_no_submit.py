"""No form on the site ever submits what was typed (issue 14, point 1).

In every text field (input, textarea) of every page that has a form or a field of
ours (checklists, templates, the meeting workspace, quizzes) and in the search box
of both home pages, type something and press Enter: with JavaScript on, with
JavaScript off, and half-loaded (the site's own scripts stcb*.js fail to load).
Nothing may navigate and no request may carry what was typed. Three layers make
that true: the markup (forms with method="dialog", which cannot navigate, and no
field names to serialise), the Content-Security-Policy `form-action 'none'` (a
<meta> in every page, so it holds without headers and from file://), and a
capture-phase submit guard in stcb.js.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts.handbook.paths import DOCS
from tests.conftest import site_pages

pytestmark = pytest.mark.browser

# Pages whose Markdown places a component with fields; every other page has only
# Material's header forms (search, same markup everywhere: tested on the home pages).
FIELD_MARKERS = re.compile(
    r"<!--\s*stcb:(checklist|template|meeting|quiz|decision-guide|scenario)\s")
TYPED = "Họp chi bộ bí mật"
TEXT_FIELDS = ("textarea, input:not([type]), input[type=text], input[type=search], "
               "input[type=email], input[type=tel], input[type=url], input[type=number], "
               "input[type=password], input[type=date], input[type=time], "
               "input[type=datetime-local], input[type=month], input[type=week]")
VALUES = {"date": "2026-11-05", "time": "19:30", "datetime-local": "2026-11-05T19:30",
          "month": "2026-11", "week": "2026-W45", "number": "7"}
SENTINEL = "/__stcb-sentinel__"
OUR_SCRIPTS = re.compile(r"/assets/javascripts/stcb[^/]*\.js$")


def page_url(md: str) -> str:
    prefix = "en/" if md.endswith(".en.md") else ""
    stem = md.removesuffix(".en.md").removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return prefix + (stem + "/" if stem else "")


def pages_with_fields() -> list[str]:
    found = {"", "en/"}
    for md in DOCS.rglob("*.md"):
        if FIELD_MARKERS.search(md.read_text(encoding="utf-8")):
            found.add(page_url(md.relative_to(DOCS).as_posix()))
    return sorted(found)


PAGES = pages_with_fields()


def test_every_page_with_a_field_is_tested(built_site):
    """Guards the list above: a new component with fields on a page not listed fails."""
    missing = []
    for path in site_pages(built_site):
        tree = LexborHTMLParser((built_site / path / "index.html").read_text(encoding="utf-8"))
        ours = [f for f in tree.css(TEXT_FIELDS) + tree.css("form")
                if not _in_material_header(f)]
        if ours and path not in PAGES:
            missing.append(path)
    assert missing == []


def _in_material_header(node) -> bool:
    while node is not None:
        if node.tag == "header" and "md-header" in (node.attributes.get("class") or ""):
            return True
        node = node.parent
    return False


@pytest.fixture(params=["js-on", "js-off", "half-loaded"])
def mode(request):
    return request.param


@pytest.fixture
def guarded(browser, mode):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=mode != "js-off")

    def route(route):
        url = route.request.url
        if not url.startswith("http://127.0.0.1"):
            return route.abort()  # nothing leaves the machine
        if mode == "half-loaded" and OUR_SCRIPTS.search(urlsplit(url).path):
            return route.abort()
        return route.continue_()

    context.route("**/*", route)
    yield context
    context.close()


class Recorder:
    """Every request and main-frame navigation after the page has loaded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.navigations: list[str] = []
        self.sentinel_done = False
        page.on("request", self._request)
        page.on("framenavigated", self._navigated)

    def _request(self, request):
        if not request.url.endswith(SENTINEL):
            self.requests.append(f"{request.method} {request.url} {request.post_data or ''}")

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.navigations.append(frame.url)

    def leaks(self) -> list[str]:
        """Requests that carry data or navigate; fetching the site's own files
        (the search index and worker load on the first focus of the search box) is not."""
        bad = []
        for line in self.requests:
            method, url, _ = line.split(" ", 2)
            if method != "GET" or "?" in url or line.strip() != f"{method} {url}" \
                    or TYPED in line or "%" in urlsplit(url).path:
                bad.append(line)
        return bad

    def settle(self):
        """A same-origin fetch queued behind any submission the key presses started
        (a form submission navigates from a task queued at the key press); once it
        has finished, that navigation has begun (or was blocked)."""
        with self.page.expect_event("requestfinished",
                                    lambda request: request.url.endswith(SENTINEL)):
            self.page.evaluate(f"""() => new Promise(resolve => setTimeout(() =>
                fetch({SENTINEL!r}).catch(() => null).then(() => resolve()), 0))""")
        self.sentinel_done = True


def _type_and_enter(page, field, kind: str) -> None:
    if kind in VALUES:
        field.fill(VALUES[kind])
    else:
        field.fill(TYPED)
    field.press("Enter")


@pytest.mark.parametrize("path", PAGES)
def test_enter_in_every_field_sends_nothing(guarded, server, mode, path):
    page = guarded.new_page()
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    if mode == "js-on" and page.locator("[data-stcb-form-root], [data-stcb-checklist]").count():
        # The enhanced page: its scripts have mounted (a field they reveal is tested too).
        page.wait_for_function("""() => !document.querySelector('[data-stcb-checklist]')
            || document.querySelector('[data-stcb-checklist][data-stcb-mounted]')""")
    page.evaluate("window.__stcbSamePage = true")
    start = page.url
    recorder = Recorder(page)
    fields = page.locator(TEXT_FIELDS)
    pressed = 0
    for index in range(fields.count()):
        field = fields.nth(index)
        if not field.is_visible() or not field.is_editable():
            continue  # hidden until a button opens it (no Enter can reach it there)
        kind = (field.get_attribute("type") or "text").lower()
        _type_and_enter(page, field, kind)
        pressed += 1
    assert pressed, "no visible text field on the page"
    recorder.settle()
    assert recorder.sentinel_done
    assert recorder.navigations == []
    assert recorder.leaks() == []
    assert page.url == start
    assert page.evaluate("window.__stcbSamePage === true")

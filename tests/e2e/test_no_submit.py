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
    r"<!--\s*stcb:(checklist|template|meeting|quiz|decision-guide|scenario|profile)\s")
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
# The browser test opens one page of each kind (the components share their markup
# and the guard, so one page per kind covers the rest): the home search box, a
# checklist, a template, the profile, the templates index (meeting workspace), a
# course module with a quiz and scenarios, and the decision guide; both languages.
KINDS = ["", "checklist/chuan-bi-hop-chi-uy/", "bieu-mau/bien-ban-sinh-hoat-chi-bo/",
         "bieu-mau/ho-so-chi-bo/", "bieu-mau/", "tap-huan/bai-1-vai-tro/",
         "nhiem-vu/nguoi-dung-dau/"]
# The templates and the meeting workspace have many fields: Vietnamese only.
SAMPLE = [f"{lang}{path}" for path in KINDS for lang in ("", "en/")
          if not (lang and path.startswith("bieu-mau/") and "ho-so" not in path)]


def test_the_sample_pages_have_fields():
    assert set(SAMPLE) <= set(PAGES)


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

    def settle(self, js: bool):
        """Wait until any submission the key presses started has shown itself.
        With JavaScript: a same-origin fetch queued behind it (a form submission
        navigates from a task queued at the key press); once it has finished, that
        navigation has begun (or was blocked). Without JavaScript (no page script,
        no evaluate): a round trip to the renderer for every field, after the
        queued tasks, then the load state; a navigation would have requested its URL."""
        if js:
            with self.page.expect_event("requestfinished",
                                        lambda request: request.url.endswith(SENTINEL)):
                self.page.evaluate(f"""() => new Promise(resolve => setTimeout(() =>
                    fetch({SENTINEL!r}).catch(() => null).then(() => resolve()), 0))""")
        else:
            self.page.locator(TEXT_FIELDS).count()
        self.page.wait_for_load_state()
        self.sentinel_done = True


def _type_and_enter(page, field, kind: str) -> None:
    field.fill(VALUES.get(kind, TYPED))
    field.press("Enter")


@pytest.mark.parametrize("path", SAMPLE)
def test_enter_in_every_field_sends_nothing(guarded, server, mode, path):
    js = mode != "js-off"
    page = guarded.new_page()
    page.set_default_timeout(15_000)  # a hang fails fast
    page.goto(f"{server}/{path}")
    if mode == "js-on" and page.locator("[data-stcb-form-root], [data-stcb-checklist]").count():
        # The enhanced page: its scripts have mounted (a field they reveal is tested too).
        page.wait_for_function("""() => !document.querySelector('[data-stcb-checklist]')
            || document.querySelector('[data-stcb-checklist][data-stcb-mounted]')""")
    if js:
        page.evaluate("window.__stcbSamePage = true")
    start = page.url
    recorder = Recorder(page)
    typed = []
    # The first visible field of each kind (a text input, a textarea, a date, ...):
    # Enter acts the same in every field of one kind (implicit submission).
    for selector in TEXT_FIELDS.split(", "):
        handle = page.query_selector(f"{selector} >> visible=true")
        if handle is None or not handle.is_visible() or not handle.is_editable():
            continue  # none, or hidden until a button opens it (no Enter reaches it)
        kind = (handle.get_attribute("type") or "text").lower()
        _type_and_enter(page, handle, kind)
        typed.append((handle, VALUES.get(kind, TYPED)))
    # Without JavaScript the search box and the script-built components show no
    # field; the page is still opened, and nothing may be requested.
    assert typed or not js, "no visible text field on the page"
    recorder.settle(js)
    assert recorder.sentinel_done
    assert recorder.navigations == []
    assert recorder.leaks() == []
    assert page.url == start
    if js:
        assert page.evaluate("window.__stcbSamePage === true")
    # The same document: what was typed is still there.
    for handle, value in typed[:1]:  # (a textarea keeps the Enter as a new line)
        assert handle.input_value().rstrip("\n") == value

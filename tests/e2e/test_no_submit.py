"""No form on the site ever submits what was typed (issue 14, point 1).

In every text field (input of every text-like type, textarea) of every page of the
built site that has one, both languages, type something and press Enter: with
JavaScript on, with JavaScript off, and half-loaded (the site's own scripts stcb*.js
fail to load: Material runs, our submit guard does not). Nothing may navigate and no
request may carry what was typed. Three layers make that true: the markup (no <form>,
or method="dialog", which cannot navigate), the Content-Security-Policy
`form-action 'none'` (a <meta> in every page, so it holds without headers and from
file://), and a capture-phase submit guard in stcb.js.

The pages come from the built HTML (parsed once, see pages_to_test: a page whose
fields are byte for byte those of a page opened, with no <form> and no other script,
is covered by it: the checklists' own pages repeat "All checklists"); the fields from
the live DOM of each page, so with JavaScript on also those the scripts add (rows,
the meeting bar's panels). Fields that appear only after a click are revealed as a
user would: a table's "add a row", the button that controls the hidden panel
(aria-controls: rename, new meeting), "back" from the check-answers step that Enter
in a template's field opens. One tab per language and mode opens every page, and
requests and navigations are collected for all of a page's fields at once; a page
that leaked is run again one field at a time to name the field. Material's header
search is a <form> too (GET, a named field `query`): it is tested last on both home
pages in every mode (JavaScript off hides it; its markup is the same on every page of
a language, checked below).

Not covered, and why: the meeting bar's import is a file chooser (no text, no Enter);
the "clear" and "delete" panels hold only buttons; the check-answers step's printed
document has no field; with JavaScript off or our scripts blocked, the script-only
parts (the profile form, the meeting bar's panels) are hidden, so nobody can type
there (counted as unreached, not as tested).

A self-test runs the same check against a deliberately broken page (a checklist
wrapped in a real <form method="get">, the policy relaxed, the guard removed from
stcb.js) and must report the run-name field in every mode: the check can fail.
"""

from __future__ import annotations

import contextlib
import re
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import site_pages

pytestmark = pytest.mark.browser

MODES = ("js-on", "js-off", "half-loaded")
HOMES = {"vi": "", "en": "en/"}
TYPED = "Họp chi bộ bí mật"
TEXT_FIELDS = ("textarea, input:not([type]), input[type=text], input[type=search], "
               "input[type=email], input[type=tel], input[type=url], input[type=number], "
               "input[type=password], input[type=date], input[type=time], "
               "input[type=datetime-local], input[type=month], input[type=week]")
VALUES = {"date": "2026-11-05", "time": "19:30", "datetime-local": "2026-11-05T19:30",
          "month": "2026-11", "week": "2026-W45", "number": "7"}
SENTINEL = "/__stcb-sentinel__"
SETTLE_LIMIT = 15  # seconds: a barrier that never ends fails the page, it does not hang
OUR_SCRIPTS = re.compile(r"/assets/javascripts/stcb[^/]*\.js$")
# Loaded by every page; they add no field (every page tested runs them too).
EVERY_PAGE_SCRIPTS = {"stcb.js", "stcb-search-status.js", "stcb-worker-shim.js"}
SEARCH_FORM = "form.md-search__form"
# Component roots our scripts mount (each sets data-stcb-mounted when done).
MOUNTED = """() => !document.querySelector(['[data-stcb-checklist]', '[data-stcb-form-root]',
    '[data-stcb-profile-root]', '[data-stcb-quiz]', '[data-stcb-course]',
    '[data-stcb-present]'].map(s => s + ':not([data-stcb-mounted])').join(', '))"""
# Each field: a name for the report, its type, where it is, and whether a user can
# reach it (and if not, which panel a button would open).
DESCRIBE = """fields => fields.map(f => {
    const label = (f.id && document.querySelector(`label[for="${CSS.escape(f.id)}"]`))
        || f.closest('label');
    const text = ((label && label.textContent) || f.getAttribute('aria-label') || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 50);
    const name = [f.id && '#' + f.id, f.name && `name=${f.name}`, text && `"${text}"`]
        .filter(Boolean).join(' ') || f.outerHTML.slice(0, 80);
    const panel = f.closest('[hidden]');
    return {name, type: f.type, header: !!f.closest('header.md-header'),
            visible: f.checkVisibility({checkVisibilityCSS: true}),
            editable: !f.disabled && !f.readOnly,
            panel: panel && panel.id || null};
})"""
# Make one field ready for Enter, as a user would: with JavaScript on, back from the
# check-answers step (Enter in a template's field opens it) or open the panel that
# holds the field (the meeting bar's rename and new-meeting fields); then focus it
# and type (the value set as an input event: one round trip per field, and the same
# for date, time and number fields). False if no user could reach it.
PREPARE = """([f, value, reveal]) => {
    const shown = el => el.checkVisibility({checkVisibilityCSS: true});
    if (reveal && !shown(f)) {
        const back = [...document.querySelectorAll('[data-stcb-act=back]')].find(shown);
        if (back) back.click();
    }
    const panel = f.closest('[hidden]');
    const opener = panel && panel.id && document.querySelector(`[aria-controls="${panel.id}"]`);
    if (reveal && !shown(f) && opener && shown(opener)) opener.click();
    if (!shown(f) || f.disabled || f.readOnly) return false;
    f.focus();
    const proto = f.tagName === 'TEXTAREA' ? HTMLTextAreaElement : HTMLInputElement;
    Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(f, value);
    f.dispatchEvent(new InputEvent('input', {bubbles: true, data: value,
                                              inputType: 'insertText'}));
    return document.activeElement === f;
}"""


class Facts:
    """What the built HTML of one page says: its text fields of ours (outer HTML),
    whether it has a <form> of ours, and the component scripts it loads."""

    def __init__(self, site: Path, path: str):
        text = (site / path / "index.html").read_text(encoding="utf-8")
        tree = LexborHTMLParser(text)
        self.fields = frozenset(node.html for node in tree.css(TEXT_FIELDS)
                                if not _in_material_header(node))
        self.form = any(not _in_material_header(node) for node in tree.css("form"))
        self.scripts = frozenset(re.findall(r'javascripts/(stcb[^"/]*\.js)"', text)) \
            - EVERY_PAGE_SCRIPTS


@cache
def site_facts(site: Path) -> dict[str, Facts]:
    return {path: Facts(site, path) for path in site_pages(site)}


@cache
def pages_to_test(site: Path, lang: str, mode: str) -> tuple[str, ...]:
    """The pages of *lang* to open in *mode*, and why the others need not be.
    Opened: the home page (header search), every page with a <form> of ours, and every
    page with a text field unless each of its fields is also, byte for byte, on a page
    opened before it with no <form> around them and no other scripts (the checklists'
    own pages repeat "All checklists": same markup, same script). With JavaScript on
    also one page of each set of component scripts that has no field in its HTML (the
    scripts could add one). Every other page runs only stcb.js and
    stcb-search-status.js, which run on every page opened too."""
    home = HOMES[lang]
    facts = {p: f for p, f in site_facts(site).items()
             if p.startswith("en/") == (lang == "en")}
    # Pages with more fields first: the pages that repeat them come after.
    order = sorted(facts, key=lambda p: (p != home, -len(facts[p].fields), p))
    chosen: list[str] = []
    seen_scripts: set[frozenset] = set()
    for path in order:
        page = facts[path]
        covered = any(page.fields <= facts[q].fields and page.scripts <= facts[q].scripts
                      and not page.form for q in chosen)
        scripts_only = (mode == "js-on" and not page.fields and page.scripts
                        and page.scripts not in seen_scripts)
        if path == home or page.form or (page.fields and not covered) or scripts_only:
            chosen.append(path)
        if path in chosen:
            seen_scripts.add(page.scripts)
    return tuple(chosen)


def _in_material_header(node) -> bool:
    while node is not None:
        if node.tag == "header" and "md-header" in (node.attributes.get("class") or ""):
            return True
        node = node.parent
    return False


def test_the_header_search_is_the_same_on_every_page(built_site):
    """The header search is tested on the home pages only: the same form everywhere."""
    forms: dict[str, set[str]] = {"vi": set(), "en": set()}
    for path in site_pages(built_site):
        tree = LexborHTMLParser((built_site / path / "index.html").read_text(encoding="utf-8"))
        found = tree.css(SEARCH_FORM)
        assert len(found) == 1, path
        forms["en" if path.startswith("en/") else "vi"].add(found[0].html)
    assert [len(variants) for variants in forms.values()] == [1, 1]


def test_the_pages_found_cover_every_field(built_site):
    """Guards the discovery: every page of the built site with a text field or a
    form of ours is opened, or repeats a page opened (same fields, no form, no
    other scripts); every template page is opened; JavaScript on opens more."""
    facts = site_facts(built_site)
    for lang, home in HOMES.items():
        for mode in MODES:
            chosen = pages_to_test(built_site, lang, mode)
            for path, page in facts.items():
                if path.startswith("en/") != (lang == "en") or path in chosen:
                    continue
                assert not page.form, path
                assert not page.fields or any(
                    page.fields <= facts[q].fields and page.scripts <= facts[q].scripts
                    for q in chosen), path
            assert {p for p in facts if p.startswith(f"{home}bieu-mau/")} <= set(chosen)
            assert f"{home}checklist/tat-ca/" in chosen
        assert set(pages_to_test(built_site, lang, "js-off")) \
            < set(pages_to_test(built_site, lang, "js-on"))


def new_guarded(browser, mode: str, replace: dict[str, str] | None = None):
    """A context for *mode*: nothing leaves the machine, our scripts fail to load when
    half-loaded, and *replace* serves other text for some paths (the self-test)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=mode != "js-off")
    replace = replace or {}

    def route(route):
        url = route.request.url
        path = urlsplit(url).path
        if mode == "half-loaded" and OUR_SCRIPTS.search(path):
            return route.abort()
        if path in replace and "?" not in url:
            kind = "text/javascript" if path.endswith(".js") else "text/html; charset=utf-8"
            return route.fulfill(body=replace[path], content_type=kind)
        return route.continue_()

    # (Nothing leaves the machine: CHROMIUM_ARGS. The route costs a round trip per
    # request, so only the modes that need it have it.)
    if mode == "half-loaded" or replace:
        context.route("**/*", route)
    return context


@pytest.fixture(params=MODES)
def mode(request):
    return request.param


def close(context) -> None:
    """Close a context whose tabs a submission may still be navigating: each tab is sent
    to about:blank first, with a time limit (closing a tab mid-navigation could hang the
    worker for good: it did once in a full run, in the self-test below)."""
    for page in context.pages:
        with contextlib.suppress(PlaywrightError):
            page.goto("about:blank", timeout=5_000)
    context.close()


@pytest.fixture
def guarded(browser, mode):
    context = new_guarded(browser, mode)
    yield context
    close(context)


class Recorder:
    """Every request and main-frame navigation after the page has loaded."""

    def __init__(self, page, js: bool):
        self.page = page
        self.requests: list[str] = []
        self.navigations: list[str] = []
        # Without JavaScript, a DevTools session of its own switches scripts on for the
        # barrier in settle() only. (Never detached: a session that leaves switches
        # them back on for good. Its own state starts "on", so it turns them off first:
        # a switch to the state it thinks they are in does nothing.)
        self.switch = None if js else page.context.new_cdp_session(page)
        self.barrier = False
        page.on("request", self._request)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)
        page.on("framenavigated", self._navigated)

    def _request(self, request):
        if not request.url.endswith(SENTINEL):
            self.requests.append(f"{request.method} {request.url} {request.post_data or ''}")

    def stop(self):
        self.page.remove_listener("request", self._request)
        self.page.remove_listener("requestfinished", self._ended)
        self.page.remove_listener("requestfailed", self._ended)
        self.page.remove_listener("framenavigated", self._navigated)

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
        return bad + [f"navigated to {url}" for url in self.navigations]

    def settle(self):
        """Wait until any submission the key presses started has shown itself. A
        same-origin fetch is queued behind it (a form submission navigates from a task
        queued at the key press, and tasks of the same priority run in the order they
        were queued): once that fetch has ended, the navigation has begun (or was
        blocked). Without JavaScript no timer runs, so scripts are switched on for that
        fetch alone and off again: the page's own scripts did not run at its load and
        set nothing up to run now. (A round trip to the renderer is no barrier: a full
        run under load once saw the submission only after it.)
        The fetch is started, not awaited: a page that a submission replaces never
        settles a promise awaited in it (a run hung there). The wait ends when the fetch
        has ended or something has leaked, checked at each turn of Playwright's loop."""
        self.barrier = False
        if self.switch:
            self._scripts(on=True)
        try:
            self.page.evaluate(f"() => {{ setTimeout(() => fetch({SENTINEL!r})"
                               ".catch(() => null), 0); }")
            give_up = time.monotonic() + SETTLE_LIMIT
            while not (self.barrier or self.leaks()):
                if time.monotonic() > give_up:
                    raise PlaywrightError(f"the barrier fetch did not end in {SETTLE_LIMIT} s")
                self.page.wait_for_timeout(20)  # lets Playwright deliver the events
        finally:
            if self.switch:
                self._scripts(on=False)
        self.page.wait_for_load_state()

    def _ended(self, request):
        if request.url.endswith(SENTINEL):
            self.barrier = True

    def _scripts(self, on: bool):
        if on:
            self.switch.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self.switch.send("Emulation.setScriptExecutionDisabled", {"value": not on})


class Result:
    def __init__(self):
        self.tested: list[str] = []
        self.unreached: list[str] = []
        self.leaks: list[str] = []
        self.culprit = ""


def check_page(page, url: str, mode: str, search: bool, stepwise: bool = False) -> Result:
    """Type and press Enter in every reachable text field of the page at *url*: the
    content's fields first, then those a button reveals (JavaScript on), the header
    search last (typing there opens Material's search, which takes the keyboard).
    *stepwise* settles after every field, to name the field that leaked."""
    js = mode != "js-off"
    result = Result()
    recorder = None
    current = ""
    try:
        page.goto(url)
        if mode == "js-on":
            page.wait_for_function(MOUNTED)
            # Rows that start empty: their fields exist after "add a row" only.
            page.evaluate("""() => document.querySelectorAll('[data-stcb-act=add]')
                .forEach(b => b.checkVisibility() && b.click())""")
        if js:
            page.evaluate("window.__stcbSamePage = true")
        start = page.url
        recorder = Recorder(page, js)
        handles = page.query_selector_all(TEXT_FIELDS)
        facts = page.evaluate(DESCRIBE, handles)
        fields = sorted(zip(handles, facts, strict=True),
                        key=lambda hf: (hf[1]["header"], not hf[1]["visible"]))
        for handle, fact in fields:
            if fact["header"] and not search:
                continue
            if page.url != start or recorder.navigations:
                break
            value = VALUES.get(fact["type"], TYPED)
            current = fact["name"]
            if not page.evaluate(PREPARE, [handle, value, mode == "js-on"]):
                # Hidden: no user can type there (e.g. script-only parts with JS off).
                result.unreached.append(fact["name"])
                continue
            page.keyboard.press("Enter")
            result.tested.append(fact["name"])
            if stepwise:
                recorder.settle()
                if recorder.leaks():
                    result.culprit = fact["name"]
                    break
        recorder.settle()
        if js and page.url == start and not page.evaluate("window.__stcbSamePage === true"):
            result.leaks.append("the page was replaced")
    except PlaywrightError as error:  # the document went away under the typing
        result.leaks.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        if stepwise:
            result.culprit = current
    if recorder is not None:
        result.leaks += recorder.leaks()
        recorder.stop()
        if page.url != start:
            result.leaks.append(f"the address became {page.url}")
    return result


def new_tab(context):
    page = context.new_page()
    page.set_default_timeout(15_000)  # a hang fails fast
    return page


def check_pages(context, server: str, paths: list[str], mode: str, home: str):
    """(tested fields, unreached fields, one line per page that leaked)."""
    tested: list[str] = []
    unreached: list[str] = []
    failures: list[str] = []
    page = new_tab(context)  # one tab for every page: a new one for each costs
    for path in paths:
        url = f"{server}/{path}"
        result = check_page(page, url, mode, search=path == home)
        tested += [f"/{path} {name}" for name in result.tested]
        unreached += [f"/{path} {name}" for name in result.unreached]
        if result.leaks:
            # Again, one field at a time, to name the field that sent something (in
            # a new tab each time: the old one may still be navigating).
            page = new_tab(context)
            culprit = check_page(page, url, mode, search=path == home,
                                 stepwise=True).culprit or "(not found one at a time)"
            failures.append(f"/{path}: Enter in {culprit} sent: {result.leaks}")
            page = new_tab(context)
    # (The tab is left to the context's close: closing a tab that a form submission
    # navigated could hang.)
    return tested, unreached, failures


@pytest.mark.parametrize("lang", list(HOMES))
def test_enter_in_every_field_sends_nothing(guarded, server, built_site, mode, lang):
    paths = pages_to_test(built_site, lang, mode)
    tested, unreached, failures = check_pages(guarded, server, paths, mode, HOMES[lang])
    assert failures == [], "\n".join(failures)
    assert tested
    if mode == "js-on":
        # With JavaScript every field is reachable (a button reveals the hidden ones)
        # and every page with a field had them tested. (Without JavaScript the header
        # search and the script-only parts, the whole profile form among them, are
        # hidden: nobody can type there.)
        assert unreached == []
        with_fields = {f"/{p}" for p in paths if site_facts(built_site)[p].fields}
        assert {t.split(" ")[0] for t in tested} >= with_fields
    # Material's search: typed in whenever Material runs; hidden without JavaScript.
    search = f"/{HOMES[lang]} name=query"
    assert any(t.startswith(search) for t in (unreached if mode == "js-off" else tested))


# The self-test: a page that really submits (a checklist in <form method="get">, the
# policy without form-action 'none', stcb.js without its guard).
BROKEN_PAGE = "checklist/chuan-bi-hop-chi-uy/"
GUARD = re.compile(r'document\.addEventListener\("submit", function \(event\) \{\s*'
                   r'event\.preventDefault\(\);\s*\}, true\);')


def broken_copy(site: Path) -> dict[str, str]:
    html = (site / BROKEN_PAGE / "index.html").read_text(encoding="utf-8")
    broken = re.sub(r'(<section class="stcb-checklist[\s\S]*?</section>)',
                    r'<form method="get">\1</form>', html, count=1)
    broken = broken.replace("form-action 'none'; ", "")
    script = (site / "assets/javascripts/stcb.js").read_text(encoding="utf-8")
    unguarded = GUARD.sub("", script)
    # The breakage must have happened (else the self-test proves nothing).
    assert broken.count('<form method="get">') == 1 and "form-action" not in broken
    assert unguarded != script
    return {f"/{BROKEN_PAGE}": broken, "/assets/javascripts/stcb.js": unguarded}


def test_the_check_reports_a_form_that_submits(browser, server, built_site, mode):
    context = new_guarded(browser, mode, broken_copy(built_site))
    try:
        tested, _, failures = check_pages(context, server, [BROKEN_PAGE], mode, home="")
    finally:
        close(context)
    run_field = f"#stcb-run-{BROKEN_PAGE.split('/')[1]}"
    assert any(run_field in t for t in tested), tested
    assert len(failures) == 1, failures
    assert f"Enter in {run_field}" in failures[0] and "run=" in failures[0], failures

"""Measure search quality in a real browser: `python -m scripts.handbook search-eval [SITE]`.

Types every query of the fixed query set (tests/search_queries.yml) into
Material's search box on the home page of the query's language, reads the
results and reports:

- recall: the share of the pages a query must find ("expect") that appear
  among the first 10 results (what Material shows before scrolling);
- precision@3: the share of the top three results that are relevant
  ("expect" or "also"); the target is no irrelevant page in the top three;
- results in the other language (there must be none).

SITE is a built site folder (default site/); it is served on 127.0.0.1, or
opened from file:// with --offline (a site built by the `zip` command, e.g.
site-offline/). Writes build/search-eval.json; exits 1 when a target is missed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.handbook.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.handbook.paths import DEFAULT_LANG, LANGS, ROOT

QUERIES = ROOT / "tests" / "search_queries.yml"
OUTPUT = ROOT / "build" / "search-eval.json"
SHOWN = 10  # results Material renders before the reader scrolls
TOP = 3


@dataclass
class Query:
    query: str
    lang: str
    expect: list[str]
    also: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    query: str
    lang: str
    expect: list[str]
    results: list[str]          # page keys; other-language pages as "en:vai-tro/"
    missing: list[str]          # expected pages not among the first SHOWN results
    irrelevant_top: list[str]   # top-3 results that are neither expected nor also
    foreign: list[str]          # results in the other language
    absent_pages: list[str]     # expected pages that the site does not have

    @property
    def ok(self) -> bool:
        return not (self.missing or self.irrelevant_top or self.foreign)


def load_queries(path: Path = QUERIES) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(**entry) for entry in entries]


def page_key(url: str, base: str, lang: str, languages: tuple[str, ...] = LANGS) -> str:
    """The page a result links to, as written in the query set.

    "http://h/en/vai-tro/?h=x#a" → "vai-tro/" for an English query, and
    "file:///s/vai-tro.html" → "vai-tro/". A page in another language than
    *lang* comes back prefixed with its language: "en:vai-tro/", "vi:"."""
    path = urlsplit(url).path
    base_path = urlsplit(base).path
    rel = path[len(base_path):] if path.startswith(base_path) else path
    first = rel.split("/", 1)[0]
    page_lang = first if first in languages and first != DEFAULT_LANG else DEFAULT_LANG
    if page_lang != DEFAULT_LANG:
        rel = rel[len(page_lang) + 1:]
    rel = rel.removesuffix("index.html")
    if rel.endswith(".html"):  # offline build: no directory URLs
        rel = rel.removesuffix(".html") + "/"
    return rel if page_lang == lang else f"{page_lang}:{rel}"


def page_exists(site: Path, key: str, lang: str) -> bool:
    folder = site if lang == DEFAULT_LANG else site / lang
    if not key:
        return (folder / "index.html").exists()
    return (folder / key / "index.html").exists() or (folder / (key.rstrip("/") + ".html")).exists()


class SearchBox:
    """Material's search box on one page."""

    def __init__(self, page, url: str | None):
        """Open *url* (None: use the page as it is) and click into its search box."""
        self.page = page
        if url is not None:
            page.goto(url)
        self.placeholder = page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent)"
            ".translations['search.result.placeholder']")
        self.input = page.locator("input.md-search__input")
        self.meta = page.locator(".md-search-result__meta")
        self.input.click()

    def search(self, query: str, timeout: float = 15000) -> list[str]:
        # Clear (a keyup on an empty box shows the placeholder), then type the
        # query: Material sends a query on keyup, and only when the text changed.
        self.input.fill("")
        self.input.press("End")
        self._wait(lambda text: text == self.placeholder, timeout)
        self.input.fill(query)
        self.input.press("End")
        self._wait(lambda text: text != self.placeholder, timeout)
        return self.page.eval_on_selector_all(
            "li.md-search-result__item > a.md-search-result__link:first-child",
            "links => links.map(a => a.href)")

    def _wait(self, condition, timeout):
        step = 25
        for _ in range(int(timeout / step)):
            if condition(self.meta.text_content() or ""):
                return
            self.page.wait_for_timeout(step)
        raise TimeoutError(f"search results did not update (meta: {self.meta.text_content()!r})")


def language_root(base: str, lang: str, offline: bool) -> str:
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return base + prefix + ("index.html" if offline else "")


def evaluate(page, base: str, site: Path, queries: list[Query], offline: bool) -> list[Outcome]:
    outcomes = []
    box, box_lang = None, None
    for query in queries:
        if box_lang != query.lang:  # the search box of the query's language
            box, box_lang = SearchBox(page, language_root(base, query.lang, offline)), query.lang
        results = [page_key(href, base, query.lang) for href in box.search(query.query)]
        relevant = set(query.expect) | set(query.also)
        outcomes.append(Outcome(
            query=query.query, lang=query.lang, expect=query.expect, results=results,
            missing=[p for p in query.expect if p not in results[:SHOWN]],
            irrelevant_top=[p for p in results[:TOP] if p not in relevant],
            foreign=[p for p in results if ":" in p],
            absent_pages=[p for p in query.expect if not page_exists(site, p, query.lang)],
        ))
    return outcomes


def summarise(outcomes: list[Outcome]) -> dict:
    expected = sum(len(o.expect) for o in outcomes)
    found = expected - sum(len(o.missing) for o in outcomes)
    shown_top = sum(min(TOP, len(o.results)) for o in outcomes)
    irrelevant = sum(len(o.irrelevant_top) for o in outcomes)
    return {
        "queries": len(outcomes),
        "queries_ok": sum(o.ok for o in outcomes),
        "recall": round(found / expected, 4) if expected else 1.0,
        "precision_at_3": round(1 - irrelevant / shown_top, 4) if shown_top else 1.0,
        "irrelevant_in_top_3": irrelevant,
        "foreign_results": sum(len(o.foreign) for o in outcomes),
    }


def run(site: Path, queries: list[Query], offline: bool = False) -> tuple[list[Outcome], dict]:
    from playwright.sync_api import sync_playwright

    from scripts.handbook.localserver import serve

    site = site.resolve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            if offline:
                outcomes = evaluate(page, site.as_uri() + "/", site, queries, offline=True)
            else:
                with serve(site) as base:
                    outcomes = evaluate(page, base, site, queries, offline=False)
        finally:
            browser.close()
    return outcomes, summarise(outcomes)


def main(site: Path, queries_path: Path = QUERIES, offline: bool = False,
         output: Path = OUTPUT) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    if offline and not (site / "search" / "search_index.js").exists():
        print(f"{site} is not an offline build — run `python -m scripts.handbook zip` "
              "and pass site-offline/")
        return 2
    queries = load_queries(queries_path)
    outcomes, summary = run(site, queries, offline)
    for o in outcomes:
        mark = "ok  " if o.ok else "MISS"
        shown = ", ".join(r or "(home)" for r in o.results[:TOP]) or "(no results)"
        print(f"{mark} [{o.lang}] {o.query!r}: {shown}")
        if o.missing:
            print(f"       not found: {', '.join(o.missing)}")
        if o.irrelevant_top:
            print(f"       irrelevant in the top {TOP}: {', '.join(o.irrelevant_top)}")
        if o.foreign:
            print(f"       other-language results: {', '.join(o.foreign)}")
        if o.absent_pages:
            print(f"       the site has no page {', '.join(o.absent_pages)} — add it, or a "
                  "stand-in in tests/search_fixture/pages.yml for the tests")
    print(f"{summary['queries_ok']}/{summary['queries']} queries ok; "
          f"recall {summary['recall']:.0%}, precision@{TOP} {summary['precision_at_3']:.0%}, "
          f"{summary['irrelevant_in_top_3']} irrelevant in the top {TOP}, "
          f"{summary['foreign_results']} other-language results "
          f"({'file://' if offline else 'served'})")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({
        "site": str(site), "mode": "offline" if offline else "served",
        "summary": summary, "queries": [asdict(o) for o in outcomes],
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {output}")
    return 0 if summary["queries_ok"] == summary["queries"] else 1

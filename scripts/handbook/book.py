"""The whole book as one PDF per language, printed from the built site.

    python -m scripts.handbook pdf book [SITE]
        → SITE/downloads/so-tay-bi-thu-chi-bo-vi.pdf and -en.pdf

The contents follow `nav:` in mkdocs.yml, so a page added to the nav (the
meeting templates, the course) is in the book at the next build. For each nav
page, the book takes the main content (`<article>`) of the built page, in nav
order, each page starting on a new sheet:

- ids are prefixed with the chapter's id, so that they stay unique in one
  document; links to a page (or a heading) in the book become links inside the
  PDF, links to pages outside the book lose their address (there is nothing to
  follow on paper), links to other hosts are kept;
- no script runs: components print as their plain-HTML form (empty boxes, blank
  lines), and book.css hides the buttons.

The HTML is served from memory next to the site (its CSS and self-hosted fonts)
and printed twice by Chromium: the first print finds the page on which each
chapter starts (an invisible marker per chapter, read back with `pdftotext`),
the second writes the contents with those page numbers. The markers are
absolutely positioned and the numbers have a fixed-width column, so the two
prints lay out identically. Page numbers in the footer are CSS @page margin boxes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from scripts.handbook.browser import local_page
from scripts.handbook.i18n import translator
from scripts.handbook.paths import DEFAULT_LANG, DOCS, LANGS, ROOT
from scripts.handbook.pdf import page_count
from scripts.handbook.urls import page_url, stem

BOOK_PDF = "downloads/so-tay-bi-thu-chi-bo-{lang}.pdf"
CSS = Path(__file__).with_name("book.css")

# Nav pages that are not part of the book, and why:
SKIP = {
    "index",             # the home page: ways into the site; the cover replaces it
    "in-an/index",       # how to print and download: the reader holds the print
    "ngoai-tuyen",       # downloading the offline ZIP
    "checklist/tat-ca",  # every checklist again: the book has each checklist's page
    "tap-huan/trinh-chieu",  # the projector view: every module's slides again
}

_MARK = "STCBCH{:03d}"
_MARK_RE = re.compile(r"STCBCH(\d{3})")
# Attributes that name an id of the same page.
_ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
            "list", "headers", "form")


@dataclass
class Chapter:
    stem: str
    section: str | None
    title: str
    url: str                      # site path, "/nhiem-vu/ra-nghi-quyet/"
    ident: str                    # "ch-nhiem-vu-ra-nghi-quyet"
    body: str = ""
    one_page: bool = False        # a checklist: must print on one sheet
    page: int = 0                 # where it starts in the PDF (1-based)


@dataclass
class Book:
    lang: str
    chapters: list[Chapter] = field(default_factory=list)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python/name tags read as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 — _Loader is a SafeLoader


def nav_pages(config: dict) -> list[tuple[str | None, str]]:
    """(section name in Vietnamese or None, source path) for every nav page, in order."""
    pages: list[tuple[str | None, str]] = []

    def walk(items, section):
        for item in items or []:
            if isinstance(item, str):
                pages.append((section, item))
            elif isinstance(item, dict):
                for name, value in item.items():
                    if isinstance(value, list):
                        walk(value, section or name)
                    elif isinstance(value, str) and not re.match(r"[a-z]+://", value):
                        pages.append((section, value))

    walk(config.get("nav"), None)
    return pages


def _section_names(config: dict, lang: str) -> dict[str, str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages") or []:
                if language.get("locale") == lang:
                    return language.get("nav_translations") or {}
    return {}


def _front_title(page_stem: str, lang: str) -> str | None:
    suffix = ".md" if lang == DEFAULT_LANG else f".{lang}.md"
    source = DOCS / f"{page_stem}{suffix}"
    text = source.read_text(encoding="utf-8") if source.exists() else ""
    if text.startswith("---"):
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        return meta.get("title")
    return None


def plan(lang: str, config: dict | None = None) -> Book:
    """The chapters of the book in *lang*, from the nav."""
    config = config or _config()
    names = _section_names(config, lang) if lang != DEFAULT_LANG else {}
    book = Book(lang)
    for section, src in nav_pages(config):
        page_stem = stem(src)
        if page_stem in SKIP:
            continue
        url = "/" + page_url(page_stem, lang)
        book.chapters.append(Chapter(
            stem=page_stem,
            section=names.get(section, section) if section else None,
            title=_front_title(page_stem, lang) or page_stem,
            url=url,
            ident="ch-" + page_stem.replace("/", "-")))
    return book


def _built_file(site_dir: Path, url: str) -> Path:
    return site_dir / url.lstrip("/") / "index.html"


def _chapter_body(site_dir: Path, chapter: Chapter, by_url: dict[str, Chapter]) -> str:
    """The page's <article> content, with ids, links and addresses fixed for the book."""
    built = _built_file(site_dir, chapter.url)
    if not built.exists():
        raise FileNotFoundError(f"{built}: not built — run `mkdocs build` first "
                                f"(page {chapter.stem} is in nav: in mkdocs.yml)")
    tree = LexborHTMLParser(built.read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    if article is None:
        raise ValueError(f"{built}: no <article class=\"md-content__inner\">")
    for node in article.css("a.headerlink, script, .stcb-no-print, .md-source-file"):
        node.decompose()
    chapter.one_page = article.css_first(".stcb-checklist--page") is not None
    base = "http://book.invalid" + chapter.url
    prefix = chapter.ident + "--"
    for node in article.css("[id]"):
        # SVG ids are referenced by url(#...) inside the drawing: left alone.
        if not _in_svg(node):
            node.attrs["id"] = prefix + node.attrs["id"]
    for name in _ID_REFS:
        for node in article.css(f"[{name}]"):
            node.attrs[name] = " ".join(prefix + ref for ref in (node.attrs[name] or "").split())
    for node in article.css("details"):
        node.attrs["open"] = ""  # folded text is printed too
    for node in article.css("[src]"):
        node.attrs["src"] = _site_path(base, node.attrs["src"] or "")
    for node in article.css("a[href]"):
        href = node.attrs["href"] or ""
        target = urlsplit(urljoin(base, href))
        if target.netloc != "book.invalid":
            continue  # another host (or mailto:): keep the address
        path = target.path
        if path.endswith("/index.html"):
            path = path.removesuffix("index.html")
        linked = by_url.get(path)
        if linked is not None:
            frag = target.fragment
            node.attrs["href"] = f"#{linked.ident}--{frag}" if frag else f"#{linked.ident}"
        else:
            del node.attrs["href"]  # a page that is not in the book, or a download
            for attr in ("download", "hreflang", "target", "rel"):
                if attr in node.attrs:
                    del node.attrs[attr]
    return article.inner_html


def _in_svg(node) -> bool:
    while node is not None:
        if node.tag == "svg":
            return True
        node = node.parent
    return False


def _site_path(base: str, ref: str) -> str:
    target = urlsplit(urljoin(base, ref))
    if target.netloc != "book.invalid":
        return ref
    return target.path + (f"?{target.query}" if target.query else "")


def _stylesheets(site_dir: Path, book: Book) -> list[str]:
    """The stylesheets of the first chapter's built page, as site paths."""
    chapter = book.chapters[0]
    tree = LexborHTMLParser(_built_file(site_dir, chapter.url).read_text(encoding="utf-8"))
    base = "http://book.invalid" + chapter.url
    return [_site_path(base, node.attrs["href"] or "")
            for node in tree.css('head link[rel="stylesheet"]')]


def _build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _date_text(date: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    return f"{date.day} {date.strftime('%B')} {date.year}"


def render(book: Book, stylesheets: list[str], marks: bool) -> str:
    """The book as one HTML document (*marks*: the first print's chapter markers)."""
    t = translator(book.lang)
    esc = html.escape
    footer = t("book-title").replace("\\", "\\\\").replace('"', '\\"')
    css = CSS.read_text(encoding="utf-8").replace("/*FOOTER*/", f'"{footer}  ·  "')

    toc: list[str] = []
    section = None
    for chapter in book.chapters:
        if chapter.section != section:
            if section is not None:
                toc.append("</ol></li>")
            section = chapter.section
            if section is not None:
                toc.append(f'<li class="stcb-book__toc-section"><span>{esc(section)}</span><ol>')
        number = str(chapter.page) if chapter.page else ""
        toc.append(f'<li><a href="#{chapter.ident}"><span class="stcb-book__toc-title">'
                   f'{esc(chapter.title)}</span><span class="stcb-book__toc-page">'
                   f'{number}</span></a></li>')
    if section is not None:
        toc.append("</ol></li>")

    chapters = []
    for index, chapter in enumerate(book.chapters):
        mark = (f'<span class="stcb-book__mark" aria-hidden="true">{_MARK.format(index)}</span>'
                if marks else "")
        chapters.append(f'<section class="stcb-book__chapter" id="{chapter.ident}">'
                        f'{mark}{chapter.body}</section>')

    links = "\n".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in stylesheets)
    return f"""<!doctype html>
<html lang="{book.lang}" class="stcb-book">
<head>
<meta charset="utf-8">
<title>{esc(t("book-title"))}</title>
{links}
<style>{css}</style>
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="red"
      data-md-color-accent="red">
<div class="stcb-book__cover">
  <p class="stcb-book__kicker">{esc(t("book-audience"))}</p>
  <h1 class="stcb-book__title">{esc(t("book-title"))}</h1>
  <p class="stcb-book__subtitle">{esc(t("book-subtitle"))}</p>
  <div class="stcb-book__colophon">
    <p>{esc(t("book-source"))}</p>
    <p>{esc(t("book-printed"))} {esc(_date_text(_build_date(), book.lang))}</p>
  </div>
</div>
<nav class="stcb-book__toc" aria-labelledby="stcb-book-toc">
  <h1 id="stcb-book-toc">{esc(t("book-contents"))}</h1>
  <ol>{"".join(toc)}</ol>
</nav>
<article class="md-typeset stcb-book__body">
{"".join(chapters)}
</article>
</body>
</html>
"""


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page of *pdf* (poppler's pdftotext; pages end in a form feed)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _start_pages(pdf: Path, count: int) -> list[int]:
    starts = [0] * count
    for number, text in enumerate(pdf_pages_text(pdf), start=1):
        for match in _MARK_RE.finditer(text):
            index = int(match.group(1))
            if index < count and not starts[index]:
                starts[index] = number
    missing = [i for i, page in enumerate(starts) if not page]
    if missing:
        raise RuntimeError(f"chapter markers {missing} not found in {pdf} — "
                           "is pdftotext (poppler-utils) installed?")
    return starts


def write_books(site_dir: Path, langs=LANGS) -> int:
    """Print the book in each language into SITE/downloads/; 1 if a checklist overflows."""
    config = _config()
    books = []
    for lang in langs:
        book = plan(lang, config)
        by_url = {chapter.url: chapter for chapter in book.chapters}
        for chapter in book.chapters:
            chapter.body = _chapter_body(site_dir, chapter, by_url)
        books.append(book)

    status = 0
    with local_page(site_dir) as (page, base):
        # The book itself is no file of the site: the page is handed it at its URL.
        documents: dict[str, str] = {}
        page.route(f"{base}/__book-*", lambda route: route.fulfill(
            status=200, body=documents[route.request.url],
            content_type="text/html; charset=utf-8"))
        page.emulate_media(media="print")

        def print_book(book: Book, marks: bool, out: Path) -> None:
            url = f"{base}/__book-{book.lang}.html"
            documents[url] = render(book, _stylesheets(site_dir, book), marks)
            page.goto(url, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            out.parent.mkdir(parents=True, exist_ok=True)
            # The first print is only read back for its page breaks: no
            # bookmarks and no tags, which take time and do not move a line.
            page.pdf(path=str(out), format="A4", print_background=True,
                     prefer_css_page_size=True, outline=not marks, tagged=not marks)

        for book in books:
            started = time.monotonic()
            out = site_dir / BOOK_PDF.format(lang=book.lang)
            print_book(book, True, out)
            for chapter, start in zip(book.chapters, _start_pages(out, len(book.chapters)),
                                      strict=True):
                chapter.page = start
            print_book(book, False, out)
            pages = page_count(out)
            ends = [c.page for c in book.chapters[1:]] + [pages + 1]
            for chapter, end in zip(book.chapters, ends, strict=True):
                if chapter.one_page and end - chapter.page != 1:
                    print(f"{out.relative_to(site_dir)}: the checklist “{chapter.title}” "
                          f"takes {end - chapter.page} pages — shorten it in "
                          "data/checklists.yml so that it fits on one A4 page")
                    status = 1
            size = out.stat().st_size
            print(f"{out.relative_to(site_dir).as_posix()}: {pages} pages, "
                  f"{len(book.chapters)} chapters, {size / 1024:.0f} KB, "
                  f"{time.monotonic() - started:.1f} s")
    return status

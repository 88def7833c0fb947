"""Links for HTML that components write themselves.

MkDocs rewrites links in Markdown, but not in raw HTML from markers. Links to
pages are written as `stcb-page:` references (page_ref) and resolved by the
page_links hook with MkDocs' own URLs; links to generated files that are not
pages (downloads) are written as `stcb-file:` references (file_ref) and made
relative by the same hook. Both end up relative (they work
from any host and from file://) and follow `use_directory_urls`: the served site
uses directory URLs ("a/b/"), the offline build (Material's offline plugin)
uses files ("a/b.html").

A page is named by its stem, the source path without docs/ and the language
suffix: "index", "checklist/index", "tra-cuu/van-ban-nguon".
"""

from __future__ import annotations

from scripts.handbook.paths import DEFAULT_LANG, LANGS


def stem(src_path: str) -> str:
    """"docs/a/b.en.md" → "a/b"; "docs/index.md" → "index"."""
    rel = src_path.removeprefix("docs/").removesuffix(".md")
    for lang in LANGS:
        if rel.endswith(f".{lang}"):
            return rel.removesuffix(f".{lang}")
    return rel


def page_url(page_stem: str, lang: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page: ("a/b", "en") → "en/a/b/" (or "en/a/b.html")."""
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    if directory_urls:
        if page_stem == "index":
            return prefix
        path = page_stem.removesuffix("/index") if page_stem.endswith("/index") else page_stem
        return f"{prefix}{path}/"
    return f"{prefix}{page_stem}.html"


def page_ref(to_stem: str, anchor: str = "") -> str:
    """A link to page *to_stem* ("checklist/index", "tra-cuu/van-ban-nguon") for
    component HTML: `stcb-page:PATH.md#anchor`. overrides/hooks/page_links.py turns it
    into a URL relative to the page, in the page's language, following
    use_directory_urls, and stops the build if the page does not exist."""
    return f"stcb-page:{to_stem}.md" + (f"#{anchor}" if anchor else "")


def file_ref(site_file: str) -> str:
    """A link to a file of the built site that is not a page ("downloads/bieu-mau/x.docx")
    for component HTML: `stcb-file:PATH`, the same in both languages.
    overrides/hooks/page_links.py makes it relative to the page."""
    return f"stcb-file:{site_file}"

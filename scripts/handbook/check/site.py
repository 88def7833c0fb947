"""The built site as the rules see it: every HTML page and stylesheet is read and
parsed once per run (cached on the Context) and shared by all rules.

Layout (mkdocs-static-i18n, suffix structure): the default language is at the
site root, every other language in its own folder (`en/`). A built page maps
back to its Markdown source: `x/index.html` ↔ `docs/x.md` or `docs/x/index.md`,
`en/x/index.html` ↔ `docs/x.en.md`; without directory URLs `x.html` ↔ `docs/x.md`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pathspec
import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from scripts.handbook.paths import DEFAULT_LANG, LANGS

# Anything with a scheme (http:, mailto:, tel:, data:, javascript:) or a host (//x).
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
WEB = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
# url(...) and @import "..." in CSS (stylesheets and style attributes).
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)"""
                     r"""|@import\s+(['"])(?P<imp>[^'"]+)\3""")
# Attributes that hold a URL the browser follows or loads.
URL_ATTRS = ("href", "src", "poster", "data", "action")
URL_NODES = "[href], [src], [srcset], video[poster], object[data], form[action]"
# What an editor calls the thing an element loads or leads to.
KINDS = {"a": "link", "area": "link", "img": "image", "script": "script", "link": "file",
         "iframe": "embedded page", "video": "video", "audio": "audio", "source": "media file",
         "track": "subtitles", "object": "embedded file", "embed": "embedded file",
         "form": "form"}


def is_external(url: str) -> bool:
    return bool(EXTERNAL.match(url.strip()))


def css_urls(text: str):
    """(line, url) for every url() and @import in a piece of CSS."""
    for match in CSS_URL.finditer(text):
        url = (match.group("url") or match.group("imp") or "").strip()
        if url:
            yield text.count("\n", 0, match.start()) + 1, url


@dataclass
class Page:
    """One built HTML file, parsed."""

    path: Path
    rel: str  # relative to the site root, e.g. "en/bat-dau/index.html"
    lang: str
    html: str

    @cached_property
    def tree(self) -> LexborHTMLParser:
        return LexborHTMLParser(self.html)

    @cached_property
    def ids(self) -> set[str]:
        found = {n.attributes.get("id") for n in self.tree.css("[id]")}
        found |= {n.attributes.get("name") for n in self.tree.css("a[name]")}
        return {i for i in found if i}

    @property
    def is_404(self) -> bool:
        return self.rel.rsplit("/", 1)[-1] == "404.html"

    @property
    def local(self) -> str:
        """The path without the language folder: "bat-dau/index.html"."""
        return self.rel.removeprefix(f"{self.lang}/") if self.lang != DEFAULT_LANG else self.rel

    @cached_property
    def refs(self) -> list[tuple[LexborNode, str, str]]:
        """(node, attribute, url) for every URL in an attribute of the page."""
        found = []
        for node in self.tree.css(URL_NODES):
            attrs = node.attributes
            for attr in URL_ATTRS:
                value = (attrs.get(attr) or "").strip()
                if value:
                    found.append((node, attr, value))
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    found.append((node, "srcset", candidate.split()[0]))
        return found

    @property
    def links(self):
        """(node, href) for every <a href> and <area href>."""
        return [(node, url) for node, attr, url in self.refs
                if attr == "href" and node.tag in ("a", "area")]

    def line(self, *needles: str) -> int:
        """Line of the first needle found in the HTML (1 when none is)."""
        for needle in filter(None, needles):
            match = _finder(needle).search(self.html)
            if match:
                return self.html.count("\n", 0, match.start()) + 1
        return 1


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its Python tags (!!python/name:...)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def config(ctx) -> dict:
    """The project's mkdocs.yml (fixtures may hold a tiny one, or none)."""
    def load(c):
        path = c.root / "mkdocs.yml"
        return (yaml.load(_read(path), Loader=_ConfigLoader) or {}) if path.exists() else {}

    return ctx.cached("config", load)


def excluded(ctx):
    """A predicate: is this docs/ file left out of the site (MkDocs' exclude_docs)?"""
    def build(c):
        lines = [".*", "/templates/"]  # MkDocs' default exclusions
        lines += (config(c).get("exclude_docs") or "").splitlines()
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        return lambda path: spec.match_file(path.relative_to(c.docs).as_posix())

    return ctx.cached("excluded", build)


class Site:
    """Every file of the built site, by its path relative to the site root
    ("en/bat-dau/index.html"); HTML pages parsed on first use, stylesheets read."""

    def __init__(self, root: Path, project: Path, site_url: str | None = None):
        self.root = root.resolve()
        self.project = project
        self.files = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                      if p.is_file()}
        parts = urlsplit(site_url or "/")
        self.host = parts.netloc.lower()
        self.base = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.pages: dict[str, Page] = {}
        for rel in sorted(f for f in self.files if f.endswith(".html")):
            first = rel.split("/", 1)[0]
            lang = first if first in LANGS and first != DEFAULT_LANG and "/" in rel \
                else DEFAULT_LANG
            self.pages[rel] = Page(self.root / rel, rel, lang, _read(self.root / rel))
        self.stylesheets = {rel: _read(self.root / rel)
                            for rel in sorted(self.files) if rel.endswith(".css")}
        self._resolved: dict[tuple[str, str], str | None] = {}

    def path(self, rel: str) -> Path:
        return self.root / rel

    def page(self, rel: str | None) -> Page | None:
        return self.pages.get(rel) if rel is not None else None

    def exists(self, rel: str | None) -> bool:
        return rel in self.files

    def resolve(self, base: str, url: str) -> str | None:
        """The file an internal URL points at, seen from the file `base` (a page or a
        stylesheet): directories give their index.html. None when it leaves the site.
        Remembered, as the same links (navigation) recur on every page and rule."""
        key = (base, url)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(base, url)
        return self._resolved[key]

    def _resolve(self, base: str, url: str) -> str | None:
        raw = url.split("#", 1)[0].split("?", 1)[0]
        path = unquote(raw) if "%" in raw else raw
        if path.startswith("/"):
            path = path[len(self.base):] if path.startswith(self.base) else path.lstrip("/")
        elif path:
            path = posixpath.join(posixpath.dirname(base), path)
        else:
            return base  # "?query" or "#fragment" only: this same file
        target = posixpath.normpath(path) if path else "."
        if target == ".." or target.startswith("../"):
            return None
        target = "" if target == "." else target
        if not target or raw.endswith("/") or target not in self.files:
            index = f"{target}/index.html" if target else "index.html"
            if not target or raw.endswith("/") or index in self.files:
                return index
        return target

    def counterpart(self, page: Page, lang: str) -> str:
        """Where the selector's link to `lang` must lead: the same page in that
        language (a 404 page links to that language's home page)."""
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        return prefix + ("index.html" if page.is_404 else page.local)

    def homes(self) -> list[str]:
        return ["index.html" if lang == DEFAULT_LANG else f"{lang}/index.html" for lang in LANGS]

    def source(self, page: Page) -> Path | None:
        """The Markdown file a built page comes from, if there is one."""
        docs = self.project / "docs"
        suffix = "" if page.lang == DEFAULT_LANG else f".{page.lang}"
        local = page.local
        if local == "index.html" or local.endswith("/index.html"):
            stem = local.removesuffix("index.html").rstrip("/")
            candidates = [f"{stem}/index" if stem else "index"] + ([stem] if stem else [])
        else:
            candidates = [local.removesuffix(".html")]
        for stem in candidates:
            path = docs / f"{stem}{suffix}.md"
            if path.exists():
                return path
        return None

    def built(self, source: Path) -> str | None:
        """The built page of a Markdown file (either URL layout), if it was built."""
        rel = source.relative_to(self.project / "docs").as_posix()
        stem, lang = rel.removesuffix(".md"), DEFAULT_LANG
        for other in LANGS:
            if stem.endswith(f".{other}"):
                stem, lang = stem.removesuffix(f".{other}"), other
        folder = "" if lang == DEFAULT_LANG else f"{lang}/"
        if stem == "index" or stem.endswith("/index"):
            candidates = [f"{folder}{stem}.html"]
        else:
            candidates = [f"{folder}{stem}/index.html", f"{folder}{stem}.html"]
        return next((c for c in candidates if c in self.files), None)

    def asset_source(self, rel: str) -> Path | None:
        """docs/<same path> for a file copied from docs/ (stylesheets, images)."""
        source = self.project / "docs" / rel
        return source if source.exists() else None


def locate(ctx, page: Page, *needles: str) -> tuple[str, int]:
    """Where a finding about `page` points: the first line of its Markdown source
    holding one of the needles, or else the first such line of the built HTML."""
    needles = tuple(n for n in needles if n and n != "[]")
    source = ctx.site_model.source(page)
    if source is not None:
        # One search of the whole text per needle (a search per line was most of a
        # run with many findings): its first match is on the first line with one, as
        # a needle holds no line break and its bounds accept one.
        text = ctx.cached(f"source-text:{source}", lambda _ctx: _read(source))
        for needle in needles:
            match = _finder(needle).search(text)
            if match:
                return ctx.rel(source), len((text[:match.start()] + "x").splitlines())
    return ctx.rel(page.path), page.line(*needles)


@lru_cache(maxsize=1024)
def _finder(needle: str) -> re.Pattern:
    """A needle as written in Markdown or HTML: "[link text]" and "<tag" as they
    are; a URL whole, between delimiters (so ".." does not match "..."); a
    "#fragment" at the end of a URL."""
    escaped = re.escape(needle)
    if needle.startswith(("[", "<")):
        return re.compile(escaped)
    end = r"(?=[\s)\"'>]|$)"
    if needle.startswith("#"):
        return re.compile(escaped + end)
    return re.compile(r"(?<![^\s(\"'<=])" + escaped + end)


def kind(node: LexborNode) -> str:
    return KINDS.get(node.tag, f"<{node.tag}>")


def node_text(node: LexborNode) -> str:
    return " ".join((node.text() or "").split())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


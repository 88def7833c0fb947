"""The built site as the rules see it: every HTML page and stylesheet is read and
parsed once per run (cached on the Context) and shared by all rules.

Layout (mkdocs-static-i18n, suffix structure): the default language is at the
site root, every other language in its own folder (`en/`). A built page maps
back to its Markdown source: `x/index.html` ↔ `docs/x.md` or `docs/x/index.md`,
`en/x/index.html` ↔ `docs/x.en.md`; without directory URLs `x.html` ↔ `docs/x.md`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scripts.handbook.paths import DEFAULT_LANG, LANGS

# Anything with a scheme (http:, mailto:, tel:, data:, javascript:) or a host (//x).
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
WEB = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
# url(...) and @import "..." in CSS (stylesheets and style attributes).
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)"""
                     r"""|@import\s+(['"])(?P<imp>[^'"]+)\3""")
SITE_URL = re.compile(r"^site_url:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
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

    def urls(self):
        """(node, attribute, url) for every URL in an attribute of the page."""
        for node in self.tree.css(URL_NODES):
            attrs = node.attributes
            for attr in URL_ATTRS:
                value = attrs.get(attr)
                if value is not None and value.strip():
                    yield node, attr, value.strip()
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    yield node, "srcset", candidate.split()[0]

    def line(self, *needles: str) -> int:
        """Line of the first needle found in the HTML (1 when none is)."""
        for needle in needles:
            index = self.html.find(needle) if needle else -1
            if index >= 0:
                return self.html.count("\n", 0, index) + 1
        return 1


class Site:
    def __init__(self, root: Path, project: Path):
        self.root = root.resolve()
        self.project = project
        self.files = {p for p in self.root.rglob("*") if p.is_file()}
        match = SITE_URL.search(_read(project / "mkdocs.yml"))
        parts = urlsplit(match.group(1) if match else "/")
        self.host = parts.netloc.lower()
        self.base = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.pages: dict[Path, Page] = {}
        for path in sorted(p for p in self.files if p.suffix == ".html"):
            rel = path.relative_to(self.root).as_posix()
            first = rel.split("/", 1)[0]
            lang = first if first in LANGS and first != DEFAULT_LANG and "/" in rel \
                else DEFAULT_LANG
            self.pages[path] = Page(path, rel, lang, _read(path))
        self.stylesheets = {p: _read(p) for p in sorted(self.files) if p.suffix == ".css"}

    def page(self, path: Path | None) -> Page | None:
        return self.pages.get(path) if path else None

    def resolve(self, base: Path, url: str) -> Path | None:
        """The file an internal URL points at, seen from the file `base` (a page or a
        stylesheet): directories give their index.html. None when it leaves the site."""
        raw = urlsplit(url).path
        path = unquote(raw)
        if path.startswith("/"):
            rest = path[len(self.base):] if path.startswith(self.base) else path.lstrip("/")
            target = self.root / rest
        elif path:
            target = base.parent / path
        else:
            return base
        target = Path(os.path.normpath(target))
        if target != self.root and self.root not in target.parents:
            return None
        if raw.endswith("/") or target not in self.files:
            index = target / "index.html"
            if index in self.files or raw.endswith("/"):
                return index
        return target

    def exists(self, path: Path | None) -> bool:
        return path in self.files

    def counterpart(self, page: Page, lang: str) -> Path:
        """Where the selector's link to `lang` must lead: the same page in that
        language (a 404 page links to that language's home page)."""
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        local = "index.html" if page.is_404 else page.local
        return self.root / f"{prefix}{local}"

    def homes(self) -> list[Path]:
        return [self.root / ("" if lang == DEFAULT_LANG else lang) / "index.html"
                for lang in LANGS]

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

    def built(self, source: Path) -> Path | None:
        """The built page of a Markdown file (either URL layout), if it was built."""
        rel = source.relative_to(self.project / "docs").as_posix()
        stem, lang = rel.removesuffix(".md"), DEFAULT_LANG
        for other in LANGS:
            if stem.endswith(f".{other}"):
                stem, lang = stem.removesuffix(f".{other}"), other
        folder = self.root if lang == DEFAULT_LANG else self.root / lang
        if stem == "index" or stem.endswith("/index"):
            candidates = [folder / stem.removesuffix("index") / "index.html"]
        else:
            candidates = [folder / stem / "index.html", folder / f"{stem}.html"]
        return next((c for c in candidates if c in self.files), None)

    def asset_source(self, path: Path) -> Path | None:
        """docs/<same path> for a file copied from docs/ (stylesheets, images)."""
        source = self.project / "docs" / path.relative_to(self.root)
        return source if source.exists() else None


def locate(ctx, page: Page, *needles: str) -> tuple[str, int]:
    """Where a finding about `page` points: the first line of its Markdown source
    holding one of the needles, or else the first such line of the built HTML."""
    source = ctx.site_model.source(page)
    if source is not None:
        for needle in needles:
            if not needle:
                continue
            for number, text in enumerate(_lines(source), start=1):
                if needle in text:
                    return ctx.rel(source), number
    return ctx.rel(page.path), page.line(*needles)


def kind(node: LexborNode) -> str:
    return KINDS.get(node.tag, f"<{node.tag}>")


def node_text(node: LexborNode) -> str:
    return " ".join((node.text() or "").split())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


def _lines(path: Path) -> list[str]:
    return _read(path).splitlines()

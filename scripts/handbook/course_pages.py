"""Links from course components to other pages, in the reader's language.

Components write `stcb-page:PATH.md#anchor` hrefs (scripts/handbook/urls.py page_ref,
as every component does), which overrides/hooks/page_links.py turns into relative URLs.
Link text is the target page's own front-matter title, so it always matches what the
handbook, checklist and template pages call themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.handbook import urls
from scripts.handbook.paths import DOCS

SOURCE_PAGE = "tra-cuu/van-ban-nguon"


@dataclass(frozen=True)
class PageLink:
    path: str  # under docs/, without .md, e.g. "checklist/lap-ke-hoach"
    title: str
    href: str


def page_file(path: str, lang: str, docs: Path = DOCS) -> Path:
    return docs / (f"{path}.md" if lang == "vi" else f"{path}.{lang}.md")


_TITLES: dict[Path, tuple[float, str | None]] = {}


def page_title(path: str, lang: str, docs: Path = DOCS) -> str | None:
    """The page's front-matter title, or None when the page does not exist."""
    file = page_file(path, lang, docs)
    if not file.exists():
        return None
    mtime = file.stat().st_mtime
    hit = _TITLES.get(file)
    if hit and hit[0] == mtime:
        return hit[1]
    text = file.read_text(encoding="utf-8")
    title = None
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            meta = yaml.safe_load(text[3:end]) or {}
            title = meta.get("title")
    if not title:
        heading = next((line for line in text.splitlines() if line.startswith("# ")), None)
        title = heading[2:].strip() if heading else path
    _TITLES[file] = (mtime, str(title))
    return str(title)


def href(path: str, anchor: str | None = None) -> str:
    return urls.page_ref(path, anchor or "")


def link(path: str, lang: str) -> PageLink | None:
    title = page_title(path, lang)
    return None if title is None else PageLink(path, title, href(path))


def source_links(ids: list[str]) -> list[dict[str, str]]:
    return [{"id": pid, "href": href(SOURCE_PAGE, pid)} for pid in ids]

"""The Markdown sources as the rules see them: front matter, headings (with the
ids the site gives them) and component markers, each with its line number.
Read once per run and cached on the Context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from markdown.extensions.toc import unique

from scripts.handbook.check.site import excluded
from scripts.handbook.markers import FENCE, MARKER
from scripts.handbook.slug import slugify

HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$")
CLOSING_HASHES = re.compile(r"[ \t]+#+$")
ATTR_LIST = re.compile(r"[ \t]*\{:?([^}]*)\}$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Item:
    """A heading or a marker: what two translations must share, in order."""

    line: int
    key: tuple  # ("h", level, id) or ("m", "kind arg ...")
    text: str  # as written, e.g. "## Mục đích" or "<!-- stcb:cite vt-1 -->"

    def describe(self) -> str:
        if self.key[0] == "h":
            return f'heading "{self.text}" (h{self.key[1]} #{self.key[2]})'
        return f"marker {self.text}"


class Markdown:
    """One docs page: its lines, front matter and outline."""

    def __init__(self, path: Path):
        self.path = path
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.meta: dict | None = None
        self.meta_error: str | None = None
        self.meta_error_line = 1
        self.body_start = 0  # index of the first line after the front matter
        if self.lines and self.lines[0].strip() == "---":
            end = next((i for i, t in enumerate(self.lines[1:], 1)
                        if t.strip() in ("---", "...")), None)
            if end is None:
                self.meta_error = "the front matter has no closing --- line"
                return
            self.body_start = end + 1
            try:
                meta = yaml.safe_load("\n".join(self.lines[1:end]))
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                self.meta_error = f"the front matter is not valid YAML ({error.problem})"
                self.meta_error_line = mark.line + 2 if mark else 1  # after the first ---
                return
            self.meta = meta if isinstance(meta, dict) else {}

    def meta_line(self, key: str) -> int:
        for number, text in enumerate(self.lines[: self.body_start], start=1):
            if text.startswith(f"{key}:"):
                return number
        return 1

    def body(self):
        """(line number, text) for every body line outside code fences."""
        in_fence = False
        for number, text in enumerate(self.lines[self.body_start:], start=self.body_start + 1):
            if FENCE.match(text):
                in_fence = not in_fence
            elif not in_fence:
                yield number, text

    @cached_property
    def outline(self) -> list[Item]:
        """Headings and markers in document order, headings with their anchor ids
        computed as Python-Markdown's toc does (explicit {#id} first, then unique
        slugs with _1, _2 for repeats)."""
        found = []
        for number, text in self.body():
            heading = HEADING.match(text)
            if heading:
                title = CLOSING_HASHES.sub("", heading.group(2))
                attrs = ATTR_LIST.search(title)
                explicit = None
                if attrs:
                    title = title[: attrs.start()]
                    ids = [t[1:] for t in attrs.group(1).split() if t.startswith("#")]
                    explicit = ids[-1] if ids else None
                found.append((number, "h", len(heading.group(1)), title, explicit, text.strip()))
            for marker in MARKER.finditer(text):
                args = " ".join([marker.group("kind"), *marker.group("args").split()])
                found.append((number, "m", 0, args, None, marker.group(0)))
        used = {explicit for _, kind, _, _, explicit, _ in found if explicit}
        items = []
        for number, kind, level, title, explicit, raw in found:
            if kind == "m":
                items.append(Item(number, ("m", title), raw))
                continue
            anchor = explicit or unique(slugify(_plain(title)), used)
            items.append(Item(number, ("h", level, anchor), raw))
        return items


def _plain(title: str) -> str:
    """Heading text as the reader sees it: links keep their text, tags go."""
    return TAG.sub("", LINK.sub(r"\1", title))


def markdown_files(ctx) -> dict[Path, Markdown]:
    """Every docs page the site builds (files in exclude_docs are left out)."""
    def read(c):
        skip = excluded(c)
        return {path: Markdown(path) for path in sorted(c.docs.rglob("*.md")) if not skip(path)}

    return ctx.cached("markdown", read)


def text_files(ctx) -> dict[Path, list[str]]:
    """Every source text file the text rules read: docs/**/*.md and data/**/*.yml."""
    def read(c):
        paths = sorted(c.docs.rglob("*.md")) + sorted(c.data.rglob("*.yml"))
        return {p: p.read_text(encoding="utf-8").splitlines() for p in paths}

    return ctx.cached("text", read)

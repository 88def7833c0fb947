"""Markers: `<!-- stcb:KIND ARG ... -->` in a page becomes rendered HTML.

Each kind has one renderer, registered with @renderer("kind"). A renderer gets a
Marker and returns HTML; it raises MarkerError for an unknown id. Renderers may
ask for page assets (scripts) through `marker.assets`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import Environment

MARKER = re.compile(r"<!--\s*stcb:(?P<kind>[a-z0-9-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
# A lookalike that does not parse, e.g. "<!-- stcb checklist x -->" or "stcb:Bad".
LOOSE = re.compile(r"<!--\s*stcb\b")

FENCE = re.compile(r"^\s*(```|~~~)")


class MarkerError(Exception):
    """A marker that cannot be expanded: str() is `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class Assets(dict):
    """The scripts a page needs, in the order they must load (a set that keeps the
    order of insertion: the template modules depend on one another)."""

    def add(self, path: str) -> None:
        self[path] = None

    def update(self, paths) -> None:  # type: ignore[override]
        for path in paths:
            self[path] = None


@dataclass
class Marker:
    kind: str
    args: list[str]
    lang: str
    env: Environment
    path: str
    line: int
    assets: Assets = field(default_factory=Assets)

    def href(self, to_stem: str, anchor: str = "") -> str:
        """Link from this page to page *to_stem* (e.g. "checklist/index"), in this
        page's language; resolved by overrides/hooks/page_links.py."""
        from scripts.handbook import urls

        return urls.page_ref(to_stem, anchor)

    def fail(self, message: str) -> MarkerError:
        return MarkerError(self.path, self.line, message)

    def render(self, template: str, **context) -> str:
        from scripts.handbook import i18n

        tpl = self.env.get_template(f"partials/stcb/{template}")
        return tpl.render(lang=self.lang, t=i18n.translator(self.lang), **context)


def escaping(env: Environment) -> Environment:
    """The marker environment: every partial escapes what it prints (data text,
    ids, translations), so a "<" in data/*.yml shows as text and never becomes
    markup or script. Partials mark HTML they build themselves (Markup, `| safe`).
    overrides/hooks/markers.py applies it to the theme's environment."""
    env.autoescape = True
    return env


Renderer = Callable[[Marker], str]
RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[kind] = func
        return func

    return register


_ENVIRONMENTS: dict[tuple[str, ...], Environment] = {}


def environment(theme) -> Environment:
    """The Jinja environment for our partials, one per theme folder list for the whole
    process: MkDocs loads the hooks again for the second language, so the cache lives
    here. It reloads a partial whose file changed (for `mkdocs serve`)."""
    # (The i18n plugin puts its sitemap folder in front once more for the second
    # language; a folder listed twice finds nothing new.)
    dirs = tuple(dict.fromkeys(theme.dirs))
    if dirs not in _ENVIRONMENTS:
        env = escaping(theme.get_env())  # autoescape on (see its docstring)
        env.auto_reload = True
        _ENVIRONMENTS[dirs] = env
    return _ENVIRONMENTS[dirs]


def find(markdown: str, front_matter_lines: int = 0):
    """Yield (line, kind, args, match) for every marker outside code fences."""
    in_fence = False
    for number, text in enumerate(markdown.splitlines(), start=1 + front_matter_lines):
        if FENCE.match(text):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        matched = False
        for match in MARKER.finditer(text):
            matched = True
            yield number, match.group("kind"), match.group("args").split(), match
        if not matched and LOOSE.search(text):
            yield number, None, [], None


SLOT = "<!-- stcb-slot {} -->"
# Only what Markdown would leave as it is: HTML that opens with a block-level element
# (a line that opens with e.g. <span> is a paragraph to Markdown: it wraps and formats it).
BLOCK = re.compile(r"\s*<(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|"
                   r"figure|footer|form|header|hr|nav|ol|p|pre|section|table|ul)[\s>]")
# A block with headings (HTML or Markdown) goes through Markdown: that is how they
# reach the page's table of contents.
HEADING = re.compile(r"<h[1-6][\s>]|^\s*#{1,6}\s", re.MULTILINE)
# Inside a list item Markdown wraps the placeholder in a paragraph: the block
# replaces the paragraph too (a <p> cannot hold our blocks).
SLOTS = re.compile(r"(<p>)?<!-- stcb-slot (\d+) -->(?(1)</p>)")


def expand(markdown: str, *, src_path: str, lang: str, env: Environment,
           front_matter_lines: int = 0,
           slots: list[str] | None = None) -> tuple[str, Assets]:
    """Return the Markdown with every marker rendered, and the assets they need.

    With *slots* (a list to fill), a block of HTML that stands alone on its line is
    not put into the Markdown: the line gets a placeholder comment and the HTML goes
    to *slots*, for `fill()` to put into the page's HTML after Markdown. Markdown
    passes raw HTML through unchanged, so the page is the same, but it no longer
    parses our (large) rendered blocks: a fifth of the build."""
    load_components()
    assets = Assets()
    lines = markdown.splitlines()
    for number, kind, args, match in find(markdown, front_matter_lines):
        if kind is None:
            raise MarkerError(src_path, number, "malformed marker — write it as "
                              "<!-- stcb:KIND ID --> with a lower-case kind, e.g. "
                              "<!-- stcb:checklist chuan-bi-hop-chi-uy -->")
        if kind not in RENDERERS:
            known = ", ".join(sorted(RENDERERS)) or "none"
            raise MarkerError(src_path, number, f"unknown marker kind '{kind}' — "
                              f"use one of: {known}")
        marker = Marker(kind, args, lang, env, src_path, number)
        html = RENDERERS[kind](marker)
        assets |= marker.assets
        index = number - 1 - front_matter_lines
        if (slots is not None and "\n" in html and lines[index].strip() == match.group(0)
                and BLOCK.match(html) and not HEADING.search(html)):
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            lines[index] = indent + SLOT.format(len(slots))
            slots.append(html.strip("\n"))
            continue
        # Raw HTML needs blank lines around it to stay out of Markdown paragraphs;
        # inline kinds (e.g. citations) return a single line without newlines.
        lines[index] = lines[index].replace(match.group(0), html, 1)
    return "\n".join(lines) + "\n", assets


def fill(html: str, slots: list[str]) -> str:
    """Put the blocks that expand() kept aside into the page's HTML."""
    if not slots:
        return html
    return SLOTS.sub(lambda match: slots[int(match.group(2))], html)


def load_components() -> None:
    """Import the renderer modules once, so they register themselves."""
    from scripts.handbook import components  # noqa: F401  (registers renderers)

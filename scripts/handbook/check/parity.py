"""Translation parity: every page in both languages, with the same headings
(level, order, id) and the same component markers in the same order.

Works on the Markdown sources; reports the first difference of each pair, at
the English file, with the matching line of the Vietnamese one.
The page title (h1) counts by its level only: it is the top of the page, which
nobody links to by id, and "# Get started {#bat-dau}" would be noise.
"""

from __future__ import annotations

from scripts.handbook.check import Finding, rule
from scripts.handbook.check.sources import Item, Markdown, markdown_files

LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


@rule("parity")
def parity(ctx):
    files = markdown_files(ctx)
    for path, page in files.items():
        name = path.name
        if name.endswith(".en.md"):
            other = path.with_name(name.removesuffix(".en.md") + ".md")
            lang = "vi"
        else:
            other = path.with_name(name.removesuffix(".md") + ".en.md")
            lang = "en"
        if other not in files:
            yield Finding(ctx.rel(path), 1, "parity",
                          f"this page has no {LANGUAGE_NAMES[lang]} version {ctx.rel(other)}",
                          f"create {ctx.rel(other)} with the same headings, translated "
                          "(every page must exist in both languages), or fix the file name")
        elif lang == "vi":
            yield from _compare(ctx, path, page, other, files[other])


def _compare(ctx, en_path, en: Markdown, vi_path, vi: Markdown):
    mine, theirs = en.outline, vi.outline
    for i in range(max(len(mine), len(theirs))):
        here = mine[i] if i < len(mine) else None
        there = theirs[i] if i < len(theirs) else None
        if here and there and _key(here) == _key(there):
            continue
        vi_at = f"{ctx.rel(vi_path)}:{there.line}" if there else ""
        if here is None:
            yield Finding(ctx.rel(en_path), len(en.lines), "parity",
                          f"{there.describe()} at {vi_at} is missing here",
                          f"add it at the end, {_example(there)}")
        elif there is None:
            yield Finding(ctx.rel(en_path), here.line, "parity",
                          f"{here.describe()} has no counterpart in {ctx.rel(vi_path)}",
                          f"remove it, or add the same {_kind(here)} to {ctx.rel(vi_path)}")
        elif i + 1 < len(theirs) and _key(theirs[i + 1]) == _key(here):
            yield Finding(ctx.rel(en_path), here.line, "parity",
                          f"{there.describe()} at {vi_at} is missing here",
                          f"add it before this line, {_example(there)}")
        elif i + 1 < len(mine) and _key(mine[i + 1]) == _key(there):
            yield Finding(ctx.rel(en_path), here.line, "parity",
                          f"{here.describe()} has no counterpart in {ctx.rel(vi_path)}",
                          f"remove it, or add the same {_kind(here)} to {ctx.rel(vi_path)} "
                          f"before line {there.line}")
        else:
            yield Finding(ctx.rel(en_path), here.line, "parity",
                          f"{here.describe()} does not match {vi_at} {_short(there)}",
                          _mismatch_fix(here, there))
        return


def _key(item: Item) -> tuple:
    return item.key[:2] if item.key[:2] == ("h", 1) else item.key


def _kind(item: Item) -> str:
    return "heading" if item.key[0] == "h" else "marker"


def _short(item: Item) -> str:
    if item.key[0] == "h":
        return f'"{item.text}" (h{item.key[1]} #{item.key[2]})'
    return item.text


def _example(item: Item) -> str:
    if item.key[0] == "m":
        return f"the same marker: {item.text}"
    return f'translated, with the same level and id: "{"#" * item.key[1]} … {{#{item.key[2]}}}"'


def _mismatch_fix(here: Item, there: Item) -> str:
    if here.key[0] != there.key[0] or here.key[0] == "m":
        return "keep the same headings and markers (same ids), in the same order, in both " \
               "languages"
    level, anchor = there.key[1], there.key[2]
    title = here.text.lstrip("#").strip()
    if "{" in title:
        title = title[: title.rindex("{")].rstrip()
    example = f'"{"#" * level} {title} {{#{anchor}}}"'
    if here.key[1] == level:
        return f"give both the same id, e.g. {example}"
    if here.key[2] == anchor:
        return f'use the same heading level ({"#" * level}) in both files, e.g. {example}'
    return f"use the same level and id in both files, e.g. {example}"

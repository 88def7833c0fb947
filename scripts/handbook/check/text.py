"""Text hygiene of the sources (docs/**/*.md, data/**/*.yml): Unicode NFC, no
leftover placeholders, and a title and description for every page that the
built page really uses."""

from __future__ import annotations

import re
import unicodedata

from scripts.handbook.check import Finding, rule
from scripts.handbook.check.sources import markdown_files, text_files

PLACEHOLDER = re.compile(r"\b(?:TODO|FIXME|TBD)\b|\blorem ipsum\b|\btranslate me\b",
                         re.IGNORECASE)
# Notes to self are written in capitals; "todo" in lower case may be a real word
# (a to-do list), so only the capitalised forms count.
SHOUTED = ("todo", "fixme", "tbd")


@rule("nfc")
def nfc(ctx):
    for path, lines in text_files(ctx).items():
        for number, text in enumerate(lines, start=1):
            if unicodedata.is_normalized("NFC", text):
                continue
            word = next((w for w in text.split() if not unicodedata.is_normalized("NFC", w)),
                        text.strip())
            yield Finding(
                ctx.rel(path), number, "nfc",
                f'"{unicodedata.normalize("NFC", word)}" (column {text.find(word) + 1}) is not '
                "in Unicode NFC form: its accents are stored as separate marks",
                "retype the word (text pasted from PDF or Word often looks right but is "
                "stored this way), or convert the file to NFC in your editor")


@rule("placeholder")
def placeholder(ctx):
    for path, lines in text_files(ctx).items():
        for number, text in enumerate(lines, start=1):
            for match in PLACEHOLDER.finditer(text):
                found = match.group(0)
                if found.lower() in SHOUTED and not found.isupper():
                    continue
                yield Finding(ctx.rel(path), number, "placeholder",
                              f'leftover placeholder text "{found}"',
                              "write (or translate) the real text, or remove the note")
                break


@rule("front-matter")
def front_matter(ctx):
    site = ctx.site_model
    for path, page in markdown_files(ctx).items():
        where = ctx.rel(path)
        if page.meta_error:
            yield Finding(where, page.meta_error_line, "front-matter", page.meta_error,
                          "put values with special characters ([ ] { } : # \") in quotes, "
                          'e.g. title: "Bước 1: chuẩn bị", and end the block with ---')
            continue
        if page.meta is None:
            yield Finding(where, 1, "front-matter", "the page has no front matter",
                          'start the file with four lines: "---", "title: …", '
                          '"description: …" (one sentence for search results), "---"')
            continue
        missing = False
        for key, what in (("title", "the page title"),
                          ("description", "one sentence for search results and link previews")):
            value = page.meta.get(key)
            if not isinstance(value, str) or not value.strip():
                missing = True
                yield Finding(where, page.meta_line(key), "front-matter",
                              f"the front matter's {key} is missing or empty",
                              f'add "{key}: …" ({what}) between the --- lines at the top')
        built = site.page(site.built(path))
        if missing or built is None:
            if built is None:
                yield Finding(where, 1, "front-matter", "this page was not built",
                              "list it under nav: in mkdocs.yml, then run `make build`")
            continue
        yield from _built_matches(ctx, where, page, built)


def _built_matches(ctx, where, page, built):
    title, description = (" ".join(page.meta[k].split()) for k in ("title", "description"))
    node = built.tree.css_first("title")
    html_title = " ".join((node.text() if node else "").split())
    if not html_title.startswith(title):
        yield Finding(where, page.meta_line("title"), "front-matter",
                      f'the built page\'s <title> "{html_title}" does not start with the '
                      f'front-matter title "{title}"',
                      "remove any other title for this page; if that is not it, the site "
                      "template ignores the front matter: tell the site maintainer")
    node = built.tree.css_first('meta[name="description"]')
    html_description = " ".join(((node.attributes.get("content") or "") if node else "").split())
    if html_description != description:
        yield Finding(where, page.meta_line("description"), "front-matter",
                      f'the built page\'s meta description "{html_description}" is not the '
                      f'front-matter description "{description}"',
                      "write the description in the front matter only; if it is there, "
                      "the site template ignores it: tell the site maintainer")

"""The source article on the source-text page, rendered from data/source.yml.

    <!-- stcb:source-credit -->       title, publisher and source site
    <!-- stcb:source-text -->         every paragraph with a visible id and id="<id>"
    <!-- stcb:source-corrections -->  every typo correction (original → corrected)

source-text returns Markdown headings (so that the source's headings appear in
the page's table of contents, with id="<paragraph id>") between raw-HTML blocks
for the paragraphs and list items; every block stands alone between blank lines.
"""

from __future__ import annotations

from scripts.handbook import data
from scripts.handbook.markers import Marker, renderer

INTRO_ANCHOR = "mo-dau"


def _check_no_args(marker: Marker) -> None:
    if marker.args:
        raise marker.fail(f"{marker.kind} takes no arguments — write <!-- stcb:{marker.kind} -->")


def blocks(source: data.Source) -> list[dict]:
    """Headings, paragraphs and runs of list items, in article order."""
    result: list[dict] = [{"type": "intro"}]
    for paragraph in source.paragraphs:
        if paragraph.kind == "heading":
            result.append({"type": "heading", "p": paragraph})
        elif paragraph.kind == "list-item":
            if result[-1]["type"] != "list":
                result.append({"type": "list", "entries": []})
            result[-1]["entries"].append(paragraph)
        else:
            result.append({"type": "paragraph", "p": paragraph})
    return result


@renderer("source-text")
def render_text(marker: Marker) -> str:
    _check_no_args(marker)
    source = data.load_source()
    return marker.render("source-text.html", blocks=blocks(source), intro=INTRO_ANCHOR)


@renderer("source-credit")
def render_credit(marker: Marker) -> str:
    _check_no_args(marker)
    return marker.render("source-credit.html", meta=data.load_source().meta)


@renderer("source-corrections")
def render_corrections(marker: Marker) -> str:
    _check_no_args(marker)
    rows = [(paragraph, correction)
            for paragraph in data.load_source().paragraphs
            for correction in paragraph.corrections]
    return marker.render("source-corrections.html", rows=rows)

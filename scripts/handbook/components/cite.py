"""`<!-- stcb:cite ID ID ... -->`: a small group of links to source paragraphs.

Inline: it may end a paragraph or stand on its own line under a heading. It
renders "Nguồn: ¶ vt-1, vt-2" (English: "Source: ¶ …") linking to the anchors
on the source-text page, with relative URLs that work at any page depth, in
both languages, and from file://.
"""

from __future__ import annotations

from scripts.handbook import data, urls
from scripts.handbook.markers import Marker, renderer

# The page that shows every source paragraph with id="<paragraph id>".
SOURCE_PAGE = "tra-cuu/van-ban-nguon"
EXCERPT = 110  # characters of paragraph text in the link's tooltip


def source_href(paragraph_id: str) -> str:
    return urls.page_ref(SOURCE_PAGE, paragraph_id)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def links(ids: list[str], lang: str) -> list[dict]:
    """href, id and tooltip for each id; KeyError names the first unknown id."""
    paragraphs = data.load_source().by_id()
    result = []
    for paragraph_id in ids:
        paragraph = paragraphs[paragraph_id]
        text = paragraph.vi if lang == "vi" else paragraph.en
        result.append({
            "id": paragraph_id,
            "href": source_href(paragraph_id),
            "title": f"¶ {paragraph_id}: {excerpt(text)}",
        })
    return result


@renderer("cite")
def render(marker: Marker) -> str:
    if not marker.args:
        raise marker.fail("cite marker without paragraph ids — write e.g. "
                          "<!-- stcb:cite vt-1 vt-2 -->")
    seen = set()
    for paragraph_id in marker.args:
        if paragraph_id in seen:
            raise marker.fail(f"source paragraph '{paragraph_id}' is cited twice in one "
                              "marker — list each id once")
        seen.add(paragraph_id)
    known = data.load_source().by_id()
    unknown = [i for i in marker.args if i not in known]
    if unknown:
        raise marker.fail(f"unknown source paragraph '{unknown[0]}' — use an id from "
                          "data/source.yml (shown on the Source text page), e.g. "
                          + ", ".join(list(known)[:4]) + ", …")
    html = marker.render("cite.html", links=links(marker.args, marker.lang))
    # Inline marker: the HTML must stay on one line inside its paragraph.
    return html.strip()

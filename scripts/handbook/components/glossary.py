"""The glossary page, rendered from data/glossary.yml.

    <!-- stcb:glossary terms -->          every term: vi, en, definition, notes
    <!-- stcb:glossary abbreviations -->  the abbreviations and what they stand for
    <!-- stcb:glossary avoid -->          English renderings no page may use

`abbr_definitions(lang)` gives the Markdown abbreviation lines
(`*[ĐUCS]: …`) that overrides/hooks/glossary_abbr.py appends to every page.
"""

from __future__ import annotations

from markupsafe import Markup

from scripts.handbook import data
from scripts.handbook.components import cite
from scripts.handbook.markers import Marker, renderer
from scripts.handbook.paths import DATA
from scripts.handbook.slug import fold

PARTS = ("terms", "abbreviations", "avoid")


def sort_key(term: data.Term, lang: str) -> str:
    text = term.vi if lang == "vi" else term.en.removeprefix("the ")
    return fold(text).casefold()


@renderer("glossary")
def render(marker: Marker) -> str:
    if len(marker.args) != 1 or marker.args[0] not in PARTS:
        raise marker.fail("glossary needs one part — write <!-- stcb:glossary PART --> "
                          f"with PART one of: {', '.join(PARTS)}")
    glossary = data.load_glossary()
    part = marker.args[0]
    if part == "terms":
        terms = sorted(glossary.terms, key=lambda term: sort_key(term, marker.lang))
        known = data.load_source().by_id()
        for term in terms:
            unknown = [i for i in term.source if i not in known]
            if unknown:
                raise marker.fail(f"data/glossary.yml: term '{term.id}' cites unknown source "
                                  f"paragraph '{unknown[0]}' — use an id from data/source.yml")
        sources = {
            # HTML of our own partial: inserted as it is (Markup) under autoescape.
            term.id: Markup(marker.render("cite.html",
                                          links=cite.links(term.source, marker.lang)))
            for term in terms if term.source
        }
        return marker.render("glossary-terms.html", terms=terms, sources=sources)
    if part == "abbreviations":
        return marker.render("glossary-abbreviations.html",
                             abbreviations=glossary.abbreviations, terms=glossary.by_id())
    if marker.lang == "vi":
        # Renderings to avoid are a note for translators: the English page lists them.
        return marker.render("glossary-avoid-elsewhere.html")
    rows = [(phrase, term) for term in glossary.terms for phrase in term.avoid]
    return marker.render("glossary-avoid.html", rows=rows)


def abbr_definitions(lang: str) -> str:
    """Markdown `abbr` definitions for every abbreviation, in the page's language."""
    path = DATA / "glossary.yml"
    if not path.exists():
        return ""
    lines = []
    for item in data.load_glossary().abbreviations:
        title = item.vi if lang == "vi" else f"{item.vi} — {item.en}"
        lines.append(f"*[{item.abbr}]: {title}")
    return "\n".join(lines)

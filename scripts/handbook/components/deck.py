"""The lecture slides on the site: download links and the projector view.

    <!-- stcb:deck-links -->   every module's .pptx in this language, and the whole
                              course's (the trainer's page, the printing page)
    <!-- stcb:present -->      the projector view: every module's slides, one per
                              screen once the script runs (stcb-present.js); without
                              it, a readable list of the slides

The slides come from scripts/handbook/deck_slides.py, the same as the .pptx files
(made by `python -m scripts.handbook deck` after the build; the validator checks
that the links resolve).
"""

from __future__ import annotations

from scripts.handbook import course_data, urls
from scripts.handbook.components.course import standalone
from scripts.handbook.deck_slides import Slide, deck_name, fmt, module_slides
from scripts.handbook.markers import Marker, renderer

PRESENT_JS = "assets/javascripts/stcb-present.js"
PRESENT_PAGE = "tap-huan/trinh-chieu"


def deck_href(module, lang: str) -> str:
    return urls.file_ref(deck_name(module, lang))


@renderer("deck-links")
def render_deck_links(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("<!-- stcb:deck-links --> takes no arguments")
    course = course_data.load_course()
    rows = [{"number": n, "module": m, "href": deck_href(m, marker.lang),
             "present": marker.href(PRESENT_PAGE, m.id)}
            for n, m in enumerate(course.modules, start=1)]
    return standalone(marker.render("deck-links.html", rows=rows,
                                    course_href=deck_href(None, marker.lang)))


def blocks(slide: Slide) -> list[dict]:
    """A slide's body as HTML blocks: a paragraph, or a run of bullets (ul) or of
    lettered options (ol, starting at the first option's letter)."""
    found: list[dict] = []
    for item in slide.items:
        for para in item:
            small = all(r.small for r in para.runs)
            kind = "p" if para.bullet == "none" else (
                "ul" if para.bullet == "bullet" else "ol")
            if kind != "p" and found and found[-1]["kind"] == kind:
                found[-1]["items"].append(para)
                continue
            found.append({"kind": kind, "items": [para], "small": small,
                          "start": para.number})
    return found


@renderer("present")
def render_present(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("<!-- stcb:present --> takes no arguments")
    course = course_data.load_course()
    decks = []
    for number, module in enumerate(course.modules, start=1):
        slides = module_slides(marker.lang, module.id)
        decks.append({"number": number, "module": module, "href": deck_href(module, marker.lang),
                      "slides": [{"slide": s, "blocks": blocks(s)} for s in slides]})
    marker.assets.add(PRESENT_JS)
    return standalone(marker.render("present.html", decks=decks, count=len(decks), fmt=fmt,
                                    page_href=marker.href))

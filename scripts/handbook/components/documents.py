"""The register of documents (data/documents.yml) and the citations of it.

    <!-- stcb:documents -->          the register, grouped by kind (reference page)
    <!-- stcb:docs ID ID ... -->     inside a "Bổ sung" / "Added" box: the documents it
                                     rests on, each linked to the register with its
                                     status; `was:ID` names a superseded one as such

An unknown id stops the build; the validator rule `added-citations` also checks
that every box cites, and that no superseded document is cited as current.
"""

from __future__ import annotations

from scripts.handbook import urls
from scripts.handbook.data_documents import FORMER, load_documents
from scripts.handbook.markers import Marker, renderer

REGISTER_PAGE = "tra-cuu/van-ban"
KINDS = ("party", "web", "tool")


def label(doc, lang: str) -> str:
    """A short name: "12-HD/BTCTW (06/7/2018)", "Party Charter, Art. 24 (2011)", or the
    title of a web page or tool."""
    name = getattr(doc.short, lang) if doc.short else doc.number or getattr(doc.title, lang)
    return f"{name} ({doc.date})" if doc.date and doc.number else name


@renderer("documents")
def render_register(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("documents takes no arguments — write <!-- stcb:documents -->")
    register = load_documents()
    known = register.by_id()
    groups = [(kind, [d for d in register.documents if d.kind == kind]) for kind in KINDS]
    return marker.render("documents.html", groups=groups, known=known,
                         label=lambda doc: label(doc, marker.lang))


@renderer("docs")
def render_citation(marker: Marker) -> str:
    if not marker.args:
        raise marker.fail("docs marker without document ids — write e.g. "
                          "<!-- stcb:docs hd-12-2018 --> (ids in data/documents.yml)")
    known = load_documents().by_id()
    links = []
    for arg in marker.args:
        former = arg.startswith(FORMER)
        doc_id = arg.removeprefix(FORMER)
        if doc_id not in known:
            raise marker.fail(f"unknown document '{doc_id}' — use an id from "
                              "data/documents.yml (shown on the page “Văn bản được dùng "
                              "trong sổ tay”)")
        doc = known[doc_id]
        links.append({"href": urls.page_ref(REGISTER_PAGE, doc.id), "doc": doc,
                      "label": label(doc, marker.lang), "former": former})
    return marker.render("documents-cite.html", links=links).strip()

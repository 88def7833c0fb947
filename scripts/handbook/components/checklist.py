"""Checklist markers.

    <!-- stcb:checklist ID -->      one checklist from data/checklists.yml
    <!-- stcb:checklist-index -->   a table of every checklist, linking to its page
    <!-- stcb:checklist-index here -->  a list of links to the checklists on this page
    <!-- stcb:checklist-link ID -->  a one-line pointer to a checklist's own page, and to
                                     the forms its work produces (`forms:` in the data)

On the checklist's own page (docs/checklist/ID.md and .en.md) its title is the
page's <h1> and printing the page prints only the checklist; elsewhere the
title is an <h2>. Source citations link to the source text page when it exists.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from scripts.handbook import paths
from scripts.handbook.data_checklists import ChecklistDataError, load_checklists
from scripts.handbook.markers import Marker, renderer

STORAGE_JS = "assets/javascripts/stcb-storage.js"  # every read and write of storage
SCRIPT = "assets/javascripts/stcb-checklist.js"
PROGRESS_SCRIPT = "assets/javascripts/stcb-progress.js"
SOURCE_PAGE = "tra-cuu/van-ban-nguon"


def _load(marker: Marker):
    try:
        return load_checklists(paths.DATA)
    except ChecklistDataError as error:
        raise marker.fail(str(error)) from None


@renderer("checklist")
def render(marker: Marker) -> str:
    data = _load(marker)
    known = data.by_id()
    if len(marker.args) != 1:
        raise marker.fail("write one checklist id: <!-- stcb:checklist ID --> — ids: "
                          + ", ".join(known))
    checklist_id = marker.args[0]
    if checklist_id not in known:
        raise marker.fail(f"unknown checklist '{checklist_id}' — use one of: "
                          + ", ".join(known) + " (ids are in data/checklists.yml)")
    own_page = PurePosixPath(marker.path).parent.name == "checklist" and \
        PurePosixPath(marker.path).name in (f"{checklist_id}.md", f"{checklist_id}.en.md")
    source_page = paths.DOCS / f"{SOURCE_PAGE}.md"
    cite_base = marker.href(SOURCE_PAGE) if source_page.exists() else None
    marker.assets.add(STORAGE_JS)
    marker.assets.add(SCRIPT)
    html = marker.render("checklist.html", checklist=known[checklist_id], roles=data.roles,
                         cite_base=cite_base, heading=1 if own_page else 2,
                         form_hrefs=_form_hrefs(marker, known[checklist_id]))
    return _block(html)


@renderer("checklist-link")
def render_link(marker: Marker) -> str:
    known = _load(marker).by_id()
    if len(marker.args) != 1 or marker.args[0] not in known:
        raise marker.fail("write <!-- stcb:checklist-link ID --> with one of: "
                          + ", ".join(known) + " (ids are in data/checklists.yml)")
    checklist_id = marker.args[0]
    href = marker.href(f"checklist/{checklist_id}")
    return _block(marker.render("checklist-link.html", checklist=known[checklist_id],
                                href=href, form_hrefs=_form_hrefs(marker, known[checklist_id])))


@renderer("checklist-index")
def render_index(marker: Marker) -> str:
    if marker.args not in ([], ["here"]):
        raise marker.fail("write <!-- stcb:checklist-index --> (a table linking to each "
                          "checklist page) or <!-- stcb:checklist-index here --> (links to "
                          "the checklists on this page)")
    data = _load(marker)
    if not marker.args:  # the table shows each list's progress in this browser
        marker.assets.add(PROGRESS_SCRIPT)
    html = marker.render("checklist-index.html", checklists=data.checklists, roles=data.roles,
                         hrefs={c.id: marker.href(f"checklist/{c.id}") for c in data.checklists},
                         here=bool(marker.args))
    return _block(html)


def _form_hrefs(marker: Marker, checklist) -> dict[str, str]:
    """Links to the forms the checklist's work produces (`forms:` in the data); the
    page_links hook stops the build if a template page does not exist."""
    return {form.template: marker.href(f"bieu-mau/{form.template}") for form in checklist.forms}


def _block(html: str) -> str:
    """One raw-HTML block: no blank lines (they would end it), no indentation."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())

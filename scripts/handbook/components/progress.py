"""`<!-- stcb:progress -->`: "Đang làm dở" / "In progress" on the home page — the
checklists with ticks (n/m) and the current meeting's documents, read from this
browser's storage by docs/assets/javascripts/stcb-progress.js.

Progressive enhancement: the section is `hidden` and stays so without JavaScript or
when nothing is in progress. The checklist index (<!-- stcb:checklist-index -->) uses
the same script for a progress note on each row.
"""

from __future__ import annotations

from scripts.handbook import meeting_templates
from scripts.handbook.components.checklist import _load as load_checklists
from scripts.handbook.markers import Marker, renderer

SCRIPT = "assets/javascripts/stcb-progress.js"


@renderer("progress")
def render(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("write <!-- stcb:progress --> without arguments")
    lang = marker.lang
    checklists = [{"id": c.id, "title": c.title.vi if lang == "vi" else c.title.en,
                   "href": marker.href(f"checklist/{c.id}"),
                   "items": [item.id for item in c.items]}
                  for c in load_checklists(marker).checklists]
    templates = [{"id": tid, "title": tpl.title.vi if lang == "vi" else tpl.title.en,
                  "href": marker.href(f"bieu-mau/{tid}")}
                 for tid, tpl in meeting_templates.load_templates().items()]
    marker.assets.add(SCRIPT)
    html = marker.render("progress.html", checklists=checklists, templates=templates)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())

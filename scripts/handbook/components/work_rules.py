"""`<!-- stcb:work-rules -->`: the outline of the working rules of the cell committee and
the head of the unit (data/quy-che.yml, scripts/handbook/work_rules.py), each section
with its source citation, and the Word download of the same outline."""

from __future__ import annotations

from scripts.handbook import work_rules
from scripts.handbook.components import cite
from scripts.handbook.markers import Marker, MarkerError, renderer


@renderer("work-rules")
def render(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("write <!-- stcb:work-rules --> without arguments")
    try:
        rules = work_rules.load()
    except MarkerError as error:
        raise marker.fail(str(error)) from None
    html = marker.render("work-rules.html", rules=rules,
                         cites={s.id: cite.links(s.source, marker.lang) for s in rules.sections},
                         download=work_rules.DOWNLOADS[marker.lang])
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())

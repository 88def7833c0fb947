"""Scenario exercises from data/scenarios.yml: <!-- stcb:scenario SCENARIO-ID -->.

The situation and the task are shown; the model answer (each point citing the source)
is in a <details>, so learners answer first and then compare.
"""

from __future__ import annotations

from scripts.handbook import course_data, course_pages
from scripts.handbook.components.course import standalone
from scripts.handbook.markers import Marker, renderer


@renderer("scenario")
def render_scenario(marker: Marker) -> str:
    if len(marker.args) != 1:
        raise marker.fail("write <!-- stcb:scenario SCENARIO-ID --> with one scenario id")
    scenarios = course_data.load_scenarios().by_id()
    scenario = scenarios.get(marker.args[0])
    if scenario is None:
        raise marker.fail(f"unknown scenario '{marker.args[0]}' — use one of: "
                          f"{', '.join(scenarios) or 'none'} (data/scenarios.yml)")
    return standalone(marker.render("scenario.html", scenario=scenario,
                                    source_links=course_pages.source_links))

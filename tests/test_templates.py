"""Meeting templates without a browser: data, the generated print layout, placeholders,
and the build failing on an unknown template id."""

from __future__ import annotations

import re

import pytest

from scripts.handbook import meeting_templates as mt
from scripts.handbook.paths import ROOT
from tests.conftest import mkdocs_build
from tests.test_build import _copy_project

AGREED_IDS = {"thong-bao-sinh-hoat", "bien-ban-hop-chi-uy", "bien-ban-sinh-hoat-chi-bo",
              "nghi-quyet-chi-bo", "ke-hoach-thuc-hien", "bao-cao-so-ket-tong-ket"}


def test_the_six_agreed_templates_load_and_reference_real_fields():
    templates = mt.load_templates()
    assert set(templates) == AGREED_IDS
    meeting = mt.load_meeting()
    for template in templates.values():
        assert mt.reference_problems(template, meeting) == []


def test_cited_source_paragraphs_exist():
    from scripts.handbook.data import load_source

    known = set(load_source().by_id())
    meeting = mt.load_meeting()
    cited = set()
    for template in mt.load_templates().values():
        cited |= set(template.source)
        for check in template.checks:
            # A check cites a paragraph id or a key of data/references.yml.
            cited |= set(check.source) - set(mt.load_references().references)
        for field in mt.all_fields(template, meeting).values():
            cited |= set(field.source)
            for column in field.columns:
                cited |= set(column.source)
    assert cited - known == set()
    assert {"c-b3-6", "c-th-3", "c-b4-6"} <= cited


def test_the_minutes_have_the_fields_of_domain_md():
    minutes = mt.load_templates()["bien-ban-sinh-hoat-chi-bo"]
    fields = mt.all_fields(minutes, mt.load_meeting())
    # The attendance model of domain.md §3a: the total and those present are worked
    # out (attendance_summary), not typed; two votes (the conclusion, the minutes).
    for name in ("meeting_date", "start_time", "place", "official_members",
                 "probationary_members", "exempt_absent", "attached_present",
                 "absent_probationary", "attendance_summary", "absent_with_reason",
                 "absent_without_reason", "chair", "minute_taker", "guests", "agenda",
                 "discussion", "conclusion", "vote_agree", "vote_disagree", "vote_abstain",
                 "vote_result", "minutes_vote_agree", "minutes_vote_result",
                 "read_back", "end_time"):
        assert name in fields, name
    assert [c.id for c in fields["discussion"].columns] == ["speaker", "opinion"]
    assert minutes.document.signature == "minutes"


def test_the_plan_table_has_the_elements_of_c_th_3():
    plan = mt.load_templates()["ke-hoach-thuc-hien"]
    tasks = mt.all_fields(plan, mt.load_meeting())["tasks"]
    assert [c.id for c in tasks.columns] == ["work", "lead", "participants", "resources",
                                            "pilot", "start", "end"]
    assert all("c-th-3" in c.source for c in tasks.columns)


def test_print_css_comes_from_layout_yml():
    layout = mt.load_layout()
    assert set(mt.LAYOUT_KEYS) <= set(layout.values)
    css = mt.layout_css(layout)
    margins = " ".join(layout.v(k) for k in ("margin-top", "margin-right", "margin-bottom",
                                              "margin-left"))
    assert f"margin: {margins};" in css
    assert f"size: {layout.v('page-size')};" in css
    assert f"--stcb-doc-body-size: {layout.v('body-size')};" in css
    assert "@page stcb-doc:first" in css  # numbers from page 2


def test_the_committed_print_stylesheet_is_up_to_date():
    committed = (ROOT / "docs" / mt.CSS_PATH).read_text(encoding="utf-8")
    assert committed == mt.layout_css(mt.load_layout()), (
        "docs/assets/stylesheets/stcb-doc-layout.css is out of date — run a build "
        "(`make build`), which regenerates it from data/layout.yml")


def test_no_layout_number_is_written_outside_layout_yml():
    """Sizes in mm/pt/cm belong in data/layout.yml, not in the stylesheet or scripts."""
    scripts = sorted(str(p.relative_to(ROOT)) for p in
                     (ROOT / "docs/assets/javascripts").glob("stcb-tpl-*.js"))
    assert len(scripts) >= 7, scripts
    for rel in ("docs/assets/stylesheets/stcb-templates.css",
                "docs/assets/javascripts/stcb-templates.js",
                "docs/assets/javascripts/stcb-docx.js", *scripts,
                "overrides/partials/stcb/template-macros.html",
                "overrides/partials/stcb/template.html"):
        text = (ROOT / rel).read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        assert not re.findall(r"\d(?:mm|pt|cm)\b", text), rel


def test_the_word_layout_comes_from_layout_yml_in_word_units():
    layout = mt.load_layout()
    word = mt.docx_layout(layout)
    # A4 in twips (1/20 pt), margins from the mm values, sizes in half-points.
    assert (word["page"]["width"], word["page"]["height"]) == (11906, 16838)
    for side in ("top", "right", "bottom", "left"):
        mm = float(layout.v(f"margin-{side}").removesuffix("mm"))
        assert word["page"]["margin"][side] == round(mm * 1440 / 25.4), side
    assert word["page"]["textWidth"] == 11906 - word["page"]["margin"]["left"] - \
        word["page"]["margin"]["right"]
    assert word["body"]["size"] == 2 * int(layout.v("body-size").removesuffix("pt"))
    assert word["type"] == {"size": 2 * int(layout.v("type-name-size").removesuffix("pt")),
                            "bold": True}
    assert word["font"] == "Times New Roman"  # the official face; Tinos stands in on screen
    assert word["body"]["align"] == "both" and word["date"]["italic"] is True
    assert word["blankRule"] == {"style": "dotted", "size": 6}  # 1px = 0.75 pt = 6 eighths
    assert word["pageNumber"]["from"] == int(layout.v("page-number-from"))


def test_the_definition_carries_the_word_layout():
    import json

    from scripts.handbook.components import template as component

    template = mt.load_templates()["bien-ban-sinh-hoat-chi-bo"]
    meeting, layout = mt.load_meeting(), mt.load_layout()
    sections = component._sections(template, meeting, "en")
    payload = json.loads(component._definition(template, meeting, layout, sections, "en"))
    assert payload["docx"] == {"layout": mt.docx_layout(layout), "file": template.id,
                               "title": template.title.en, "date": "meeting_date"}


def test_every_layout_value_cites_a_listed_source():
    layout = mt.load_layout()
    for key, value in layout.values.items():
        assert value.source, key
        assert set(value.source) <= set(layout.sources), key
    assert layout.values["margin-top"].alternatives  # sources disagree on margins


@pytest.mark.parametrize(("text", "slots"), [
    ("Số {number}-NQ/CB", [("number", "")]),
    ("ngày {meeting_date|day} [[({reason})]]", [("meeting_date", "day"), ("reason", "")]),
    ("[[a [[b {x}]] {y}]]", [("x", ""), ("y", "")]),
])
def test_placeholders_parse(text, slots):
    parsed = mt.parse_text(text)
    assert [(s["field"], s["filter"]) for s in mt.slots(parsed)] == slots


@pytest.mark.parametrize("text", ["[[a", "a]]", "{bad name}", "{x|}"])
def test_bad_placeholders_are_refused(text):
    with pytest.raises(ValueError):
        mt.parse_text(text)


def test_definition_json_cannot_close_its_script_element():
    from scripts.handbook.components import template as component

    template = mt.load_templates()["nghi-quyet-chi-bo"]
    meeting = mt.load_meeting()
    sections = component._sections(template, meeting, "vi")
    sections[0]["title"] = "</script><script>alert(1)</script>"
    payload = component._definition(template, meeting, mt.load_layout(), sections, "vi")
    assert "</" not in payload and "<script" not in payload


def test_unknown_template_id_fails_the_build_with_file_and_line(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "bieu-mau" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", "<!-- stcb:template khong-co -->", ""]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)
    assert result.returncode != 0
    assert (f"docs/bieu-mau/index.md:{len(lines) - 1}: unknown template 'khong-co' — use one "
            "of: ") in result.stderr


def test_every_check_names_its_level_and_a_known_source():
    references = set(mt.load_references().references)
    from scripts.handbook.data import load_source

    paragraphs = set(load_source().by_id())
    meeting = mt.load_meeting()
    checks = list(meeting.checks) + [c for t in mt.load_templates().values() for c in t.checks]
    assert checks
    for check in checks:
        assert check.level in mt.CHECK_LEVELS, check.id
        assert check.source and set(check.source) <= references | paragraphs, check.id
    # Every rule of Party procedure is a warning: nothing stops printing.
    assert {c.id: c.level for c in checks if c.kind == "count"} == {
        "attendance-fits": "warning", "absent-probationary-within": "warning",
        "exempt-probationary-within": "warning", "votes-within-voters": "warning",
        "majority": "warning",
        "minutes-votes-within-voters": "warning", "minutes-majority": "warning"}

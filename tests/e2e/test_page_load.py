"""What Lighthouse found on loading the pages (#17), fixed and kept fixed: the search
dialog's name, the minified stylesheet bundle, sized images, table columns sized by
class, no late layout shift; and the Lighthouse part of `make perf` itself.
No timing is asserted: `python -m scripts.handbook perf` reports the scores."""

from __future__ import annotations

import json
import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook import lighthouse, nginx
from scripts.handbook.css_bundle import make
from scripts.handbook.paths import DOCS, ROOT
from tests.conftest import AXE

pytestmark = pytest.mark.browser

TEMPLATE = "bieu-mau/bien-ban-sinh-hoat-chi-bo/"
PLAN = "bieu-mau/ke-hoach-thuc-hien/"


@pytest.mark.parametrize("path", ["", "en/"])
def test_the_search_dialog_has_an_accessible_name(context, server, path):
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'rule',
        values: ['aria-dialog-name']}})).violations.map(v => v.id)""")
    assert violations == []
    name = page.locator(".md-search[role=dialog]").get_attribute("aria-label")
    assert name == ("Tìm kiếm" if path == "" else "Search")


def _bundle_href(html: str) -> str:
    return re.search(r'href="([^"]*assets/stylesheets/stcb\.[0-9a-f]{8}\.css)"', html).group(1)


def test_the_stylesheet_bundle_is_minified_with_the_same_rules(context, server, built_site):
    import yaml

    html = (built_site / "index.html").read_text(encoding="utf-8")
    minified = (built_site / _bundle_href(html)).read_text(encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # (its !! tags are Python objects)
    source = make(DOCS, config["extra_css"], minify=False).text
    assert "/*" not in minified and "\n" not in minified.strip()
    assert len(minified) < 0.85 * len(source)
    page = context.new_page()
    page.goto(f"{server}/")
    # The rules as Chromium reads them, from each text.
    rules = page.evaluate("""(texts) => texts.map(text => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return Array.from(sheet.cssRules, rule => rule.cssText);
    })""", [source, minified])
    assert len(rules[0]) > 300
    # Custom properties and values with var() keep their text as written: the minifier
    # drops line breaks and the spaces after commas, which such a value never depends on.
    source_rules, minified_rules = ([re.sub(r",\s+", ",", re.sub(r"\s+", " ", rule))
                                     for rule in sheet] for sheet in rules)
    assert [rule for rule in minified_rules if rule not in source_rules] == []
    assert minified_rules == source_rules


@pytest.mark.parametrize("path", ["", TEMPLATE, "en/" + PLAN])
def test_every_image_has_its_size_in_the_markup(built_site, path):
    tree = HTMLParser((built_site / path / "index.html").read_text(encoding="utf-8"))
    images = tree.css("img")
    assert images
    for image in images:
        assert image.attributes.get("width") and image.attributes.get("height"), image.html


@pytest.mark.parametrize("path", [PLAN, "en/" + PLAN])
def test_plan_columns_are_sized_by_class_not_by_obsolete_attributes(context, server, built_site,
                                                                   path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    cols = HTMLParser(html).css("table.stcb-doc__table col")
    assert cols and not any("width" in col.attributes or "style" in col.attributes
                            for col in cols)
    widths = [int(col.attributes["data-width"]) for col in cols]
    assert [col.attributes["class"] for col in cols] == [f"stcb-col-{w}" for w in widths]
    page = context.new_page()
    page.goto(f"{server}/{path}")
    # The document's table laid out where it can be seen (the document itself shows at
    # the check-answers step): each column takes its share of the table.
    shares = page.evaluate("""() => {
        const box = document.createElement('div');
        box.className = 'md-typeset stcb-doc';
        box.style.width = '1000px';
        box.append(document.querySelector('table.stcb-doc__table').cloneNode(true));
        document.body.prepend(box);
        const table = box.querySelector('table');
        return Array.from(table.querySelectorAll('thead th'),
            th => 100 * th.getBoundingClientRect().width / table.getBoundingClientRect().width);
    }""")
    assert [round(share) for share in shares] == widths


def test_a_column_width_without_a_class_is_refused():
    from pydantic import ValidationError

    from scripts.handbook.meeting_templates import TableColumn

    assert TableColumn(header="TT", cell="{n}", width=6).width == 6
    for width in (7, 0, 62):
        with pytest.raises(ValidationError, match="even percentage from 2 to 60"):
            TableColumn(header="TT", cell="{n}", width=width)


def test_checklist_links_in_list_items_are_valid_html(built_site):
    html = (built_site / "bat-dau/90-ngay-dau/index.html").read_text(encoding="utf-8")
    assert html.count('class="stcb-checklist-link"') >= 5
    # No <p> in a <p>: the parser would close the first and leave an empty one.
    assert not re.search(r"<p>\s*<p\b", html)
    tree = HTMLParser(html)
    assert not [p for p in tree.css("li p") if not p.text(strip=True) and not p.css("img")]


# A template page at phone width, loaded cold: the layout shifts Chromium reports
# (PerformanceObserver, buffered) until the page, its fonts and its scripts settled.
SHIFTS = """() => new Promise(resolve => {
    let total = 0;
    const add = entries => entries.forEach(e => { if (!e.hadRecentInput) total += e.value; });
    const observer = new PerformanceObserver(list => add(list.getEntries()));
    observer.observe({type: 'layout-shift', buffered: true});
    document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
        add(observer.takeRecords());  // any not yet delivered
        resolve(total);
    })));
})"""


@pytest.mark.parametrize("path", [TEMPLATE, "en/" + TEMPLATE])
def test_a_template_page_does_not_shift_while_it_loads_on_a_phone(browser, built_site, path):
    with nginx.run(built_site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      ignore_https_errors=True, service_workers="block")
        try:
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_load_state("networkidle")
            shift = page.evaluate(SHIFTS)
        finally:
            context.close()
    assert shift < lighthouse.CLS_MAX


def test_the_screen_text_font_is_never_swapped_in_late(context, server):
    """A late font swap re-wraps every line (it shifted template pages by 0.15): the
    body's font on screen is laid out once, or not at all until the next page."""
    page = context.new_page()
    page.goto(f"{server}/{TEMPLATE}")
    family = page.evaluate("getComputedStyle(document.body).fontFamily.split(',')[0]")
    displays = page.evaluate("""(family) => Array.from(document.fonts)
        .filter(face => face.family.replace(/["']/g, '') === family.replace(/["']/g, ''))
        .map(face => face.display)""", family)
    assert len(displays) == 4 and set(displays) == {"optional"}
    page.emulate_media(media="print")  # printing waits for its fonts (fonts.css, swap)
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != family


# Lighthouse -------------------------------------------------------------------

def test_lighthouse_runs_on_one_page_and_writes_its_figures(built_site, tmp_path, capsys):
    output = tmp_path / "lighthouse.json"
    assert lighthouse.main(built_site, output, pages={"duty": "nhiem-vu/ra-nghi-quyet/"},
                           runs=1) == 0
    result = json.loads(output.read_text(encoding="utf-8"))
    page = result["pages"]["duty"]
    assert page["path"] == "/nhiem-vu/ra-nghi-quyet/" and len(page["runs"]) == 1
    assert set(page["scores"]) == set(lighthouse.CATEGORIES)
    assert all(0 <= score <= 100 for score in page["scores"].values())
    assert page["cls"] >= 0 and page["load_average"] >= 0
    assert page["runs"][0]["lighthouse"] == "12.2.3"
    assert "HeadlessChrome" in page["runs"][0]["user_agent"]  # Debian's, not a download
    printed = capsys.readouterr().out
    assert re.search(r"^duty\s+\d+\s+\d+\s+\d+\s+\d+\s+[\d.]+", printed, re.M)


def _report(scores: dict, cls: float, failing: tuple = ()) -> dict:
    """A Lighthouse JSON report cut to what `summary` reads."""
    audits = {"cumulative-layout-shift": {"numericValue": cls, "score": 1, "title": "CLS"},
              "ok": {"score": 1, "title": "Fine"}}
    categories = {}
    for name, score in scores.items():
        refs = [{"id": "ok", "weight": 1}]
        for audit in failing:
            if audit.startswith(name + ":"):
                audits[audit] = {"score": 0, "title": "Broken"}
                refs.append({"id": audit, "weight": 3})
        categories[name] = {"score": score, "auditRefs": refs}
    return {"lighthouseVersion": "12.2.3", "categories": categories, "audits": audits}


def test_lighthouse_summary_and_median():
    perfect = {"performance": 0.96, "accessibility": 1, "best-practices": 1, "seo": 1}
    runs = [lighthouse.summary(_report(perfect, 0.01)),
            lighthouse.summary(_report({**perfect, "performance": 0.9}, 0.02)),
            lighthouse.summary(_report({**perfect, "accessibility": 0.96}, 0.06,
                                       ("accessibility:aria-dialog-name",)))]
    assert runs[2]["failed"] == {"accessibility": ["accessibility:aria-dialog-name: Broken"]}
    median = lighthouse.median(runs)
    assert median["scores"] == {"performance": 96, "accessibility": 100,
                                "best-practices": 100, "seo": 100}
    assert (median["cls"], median["cls_max"]) == (0.02, 0.06)
    assert not lighthouse.meets(median)  # one run shifted by 0.06
    assert lighthouse.meets(lighthouse.median([runs[0], runs[0]]))
    with pytest.raises(RuntimeError, match="NO_FCP"):
        lighthouse.summary({"runtimeError": {"code": "NO_FCP", "message": "NO_FCP: no paint"}})

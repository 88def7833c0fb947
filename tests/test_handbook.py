"""The handbook pages: citations, the source text, the decision guide, the
glossary and its tooltips, and the rules on the real project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from pydantic import ValidationError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook import data, urls
from scripts.handbook.components.cite import source_href
from scripts.handbook.markers import find
from scripts.handbook.paths import DOCS, ROOT
from tests.conftest import mkdocs_build
from tests.test_build import _copy_project

SOURCE = data.load_source()
GLOSSARY = data.load_glossary()
HANDBOOK_PAGES = ["vai-tro", "nhiem-vu/index", "nhiem-vu/lanh-dao-chi-uy",
                  "nhiem-vu/nguoi-dung-dau", "nhiem-vu/ra-nghi-quyet"]
LANG_PREFIX = {"vi": "", "en": "en/"}


def html(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


# Citations -------------------------------------------------------------------


def test_component_links_are_page_references_the_hook_resolves():
    # Relative URLs at every depth, in both languages and in the offline build (.html)
    # are MkDocs' own (overrides/hooks/page_links.py): tested on the built pages below
    # and in tests/e2e/test_offline.py (every link of the package leads to a file).
    assert source_href("vt-1") == "stcb-page:tra-cuu/van-ban-nguon.md#vt-1"
    assert urls.page_ref("checklist/index") == "stcb-page:checklist/index.md"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_built_cite_link_reaches_its_paragraph(built_site, lang):
    label = {"vi": "Nguồn:", "en": "Source:"}[lang]
    checked_depths = set()
    for page in sorted(built_site.rglob("index.html")):
        rel = page.parent.relative_to(built_site).as_posix()
        if (lang == "en") != (rel == "en" or rel.startswith("en/")):
            continue
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        for group in tree.css(".stcb-cite"):
            assert group.css_first(".stcb-cite__label").text() == label, page
            for link in group.css("a.stcb-cite__link"):
                target, fragment = urldefrag(link.attributes["href"])
                file = (page.parent / target / "index.html").resolve() if target else page
                assert file == (built_site / LANG_PREFIX[lang] / "tra-cuu/van-ban-nguon"
                                / "index.html").resolve(), (page, link.attributes["href"])
                assert fragment == link.text()
                assert HTMLParser(file.read_text(encoding="utf-8")).css_first(
                    f'[id="{fragment}"]') is not None
                checked_depths.add(len(Path(rel).parts) - (1 if lang == "en" else 0))
    # Pages at the root level, one and two folders down all carry citations.
    assert {1, 2} <= checked_depths


def test_unknown_cite_id_fails_the_build_with_file_and_line(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "nhiem-vu" / "ra-nghi-quyet.en.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("A sentence. <!-- stcb:cite vt-1 zz-9 -->")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)
    assert result.returncode != 0
    assert (f"docs/nhiem-vu/ra-nghi-quyet.en.md:{len(lines)}: unknown source paragraph "
            "'zz-9'") in result.stderr


def _sections(text: str):
    """(heading, body) for the part before the first h2 and each h2/h3 section."""
    heading, body = "(intro)", []
    for line in text.split("\n---\n", 2)[-1].splitlines():
        if re.match(r"^#{2,3} ", line):
            yield heading, "\n".join(body)
            heading, body = line, []
        elif not line.startswith("# "):
            body.append(line)
    yield heading, "\n".join(body)


def _cited(text: str) -> list[str]:
    return [i for _line, kind, args, _m in find(text) if kind == "cite" for i in args]


@pytest.mark.parametrize("page", HANDBOOK_PAGES)
@pytest.mark.parametrize("suffix", [".md", ".en.md"])
def test_every_section_of_a_handbook_page_cites_the_source(page, suffix):
    text = (DOCS / f"{page}{suffix}").read_text(encoding="utf-8")
    for heading, body in _sections(text):
        if body.strip():
            assert _cited(body), f"{page}{suffix}: section {heading!r} cites no paragraph"


@pytest.mark.parametrize("page", HANDBOOK_PAGES)
def test_both_languages_cite_the_same_paragraphs(page):
    vi = _cited((DOCS / f"{page}.md").read_text(encoding="utf-8"))
    en = _cited((DOCS / f"{page}.en.md").read_text(encoding="utf-8"))
    assert vi == en


# Source text -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_source_page_has_an_anchor_and_visible_id_for_every_paragraph(built_site, lang):
    tree = html(built_site, LANG_PREFIX[lang] + "tra-cuu/van-ban-nguon")
    badges = [node.text() for node in tree.css(".stcb-src__id")]
    for paragraph in SOURCE.paragraphs:
        anchors = tree.css(f'[id="{paragraph.id}"]')
        assert len(anchors) == 1, paragraph.id
        assert paragraph.id in badges
        text = paragraph.vi if lang == "vi" else paragraph.en
        assert " ".join(text.split()) in " ".join(anchors[0].text().split()), paragraph.id
    originals = tree.css('.stcb-src__orig[lang="vi"]')
    assert len(originals) == (len(SOURCE.paragraphs) if lang == "en" else 0)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_source_page_lists_every_correction_and_the_credit(built_site, lang):
    tree = html(built_site, LANG_PREFIX[lang] + "tra-cuu/van-ban-nguon")
    rows = [[cell.text() for cell in row.css("td")]
            for row in tree.css(".stcb-corrections tbody tr")]
    kinds = {"vi": {"typo": "Sửa lỗi gõ", "reconstruction": "Phục dựng"},
             "en": {"typo": "Typo fixed", "reconstruction": "Reconstruction"}}[lang]
    expected = [[p.id, c.original, c.corrected, kinds[c.kind]]
                for p in SOURCE.paragraphs for c in p.corrections]
    assert [row[:3] + [row[3].split(" —")[0]] for row in rows] == expected
    # The one reconstruction (issue 16, item 6) is labelled as such.
    assert [p.id for p in SOURCE.paragraphs for c in p.corrections
            if c.kind == "reconstruction"] == ["c-b4-1"]
    credit = tree.css_first(".stcb-credit").text()
    assert SOURCE.meta.title.vi in credit
    assert SOURCE.meta.publisher in credit
    assert "thaiphuongthuy.com" in credit


def test_english_is_required_in_the_source_schema():
    record = SOURCE.paragraphs[0].model_dump()
    for value in ("", None):
        with pytest.raises(ValidationError):
            data.Paragraph.model_validate({**record, "en": value})


# Decision guide ----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [
    ("vi", ["Thông thường", "Chưa thống nhất ý kiến", "Khẩn cấp"]),
    ("en", ["Normal case", "No agreement", "Emergency"]),
])
def test_decision_guide_svg_has_a_text_equivalent(built_site, lang, words):
    tree = html(built_site, LANG_PREFIX[lang] + "nhiem-vu/nguoi-dung-dau")
    svg = tree.css_first("svg.stcb-dg__svg")
    assert svg.attributes["role"] == "img"
    title = tree.css_first(f'[id="{svg.attributes["aria-labelledby"]}"]')
    assert title.tag == "title" and title.text().strip()
    text = tree.css_first(f'[id="{svg.attributes["aria-describedby"]}"]')
    assert text.tag == "ol"
    items = [item.text() for item in text.css("li")]
    assert len(items) == 3
    for item, word in zip(items, words, strict=True):
        assert item.startswith(word)
    # The diagram draws every case, in the page's language, with no external file.
    drawn = " ".join(node.text() for node in svg.css("text"))
    assert all(marker in drawn for marker in ("①", "②", "③"))
    assert not svg.css("image, use[href^='http']")


# Glossary ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_glossary_page_shows_every_term_and_abbreviation(built_site, lang):
    tree = html(built_site, LANG_PREFIX[lang] + "tra-cuu/thuat-ngu")
    for term in GLOSSARY.terms:
        node = tree.css_first(f'dt[id="{term.id}"]')
        assert node is not None, term.id
        assert term.vi in node.text() and term.en in node.text()
    shown = [row.css_first("th").text() for row in tree.css(".stcb-abbr-table tbody tr")]
    assert shown == [item.abbr for item in GLOSSARY.abbreviations]
    avoided = [row.css_first("td").text() for row in tree.css(".stcb-avoid-table tbody tr")]
    if lang == "en":
        assert avoided == [phrase for term in GLOSSARY.terms for phrase in term.avoid]
    else:
        # The Vietnamese page shows definitions; translator's notes and avoided
        # renderings belong to the English page (issue 16).
        assert avoided == []
        assert tree.css(".stcb-glossary__note, .stcb-glossary__avoid") == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_abbreviations_are_tooltips_in_the_page_language(built_site, lang):
    tree = html(built_site, LANG_PREFIX[lang] + "bat-dau")
    titles = {node.text(): node.attributes["title"] for node in tree.css("abbr")}
    for item in GLOSSARY.abbreviations:
        if item.abbr in ("ĐUCS", "NQ", "T/M"):
            expected = item.vi if lang == "vi" else f"{item.vi} — {item.en}"
            assert titles[item.abbr] == expected


# The rules on the real project ---------------------------------------------------

MY_RULES = ["source-coverage", "cite-exists", "source-faithful", "glossary", "terminology"]


def test_handbook_rules_pass_with_full_coverage(built_site):
    args = [sys.executable, "-m", "scripts.handbook", "check", str(built_site)]
    for rule_id in MY_RULES:
        args += ["--only", rule_id]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "Source coverage: 100% (69/69 paragraphs cited)" in result.stdout.splitlines()

"""Checklist data, marker rendering and completeness rules (no browser)."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from scripts.handbook import paths, urls, yaml_lines
from scripts.handbook.check import Context, load_rules, run
from scripts.handbook.data import load_checklists, load_source
from scripts.handbook.data_checklists import ChecklistDataError
from scripts.handbook.markers import MarkerError, expand
from scripts.handbook.paths import ROOT
from tests.conftest import mkdocs_build
from tests.test_build import _copy_project

IDS = ["lanh-dao-chi-uy", "cong-tac-tu-tuong", "quan-he-nguoi-dung-dau", "chuan-bi-hop-chi-uy",
       "chu-tri-hop-chi-uy", "chuan-bi-sinh-hoat-chi-bo", "chu-tri-sinh-hoat-chi-bo",
       "lap-ke-hoach", "trien-khai-ke-hoach", "so-ket-tong-ket", "pham-chat-bi-thu",
       "chin-muoi-ngay-dau", "kiem-tra-giam-sat"]  # the last two: issue 16
CLEAN_SITE = Path(__file__).parent / "fixtures" / "clean" / "site"


def test_the_agreed_checklists_exist_in_order():
    assert [c.id for c in load_checklists().checklists] == IDS


def test_each_checklist_has_its_page_in_both_languages():
    for checklist_id in IDS:
        for suffix in (".md", ".en.md"):
            page = paths.DOCS / "checklist" / f"{checklist_id}{suffix}"
            assert f"<!-- stcb:checklist {checklist_id} -->" in page.read_text(encoding="utf-8")


def test_completeness_rules_pass_on_the_project_with_full_coverage():
    load_rules()
    ctx = Context(site=CLEAN_SITE, root=ROOT)
    rules = ["checklist-schema", "checklist-unique-ids", "checklist-languages",
             "checklist-sources", "checklist-coverage", "checklist-placement", "checklist-empty"]
    assert [str(f) for f in run(ctx, rules)] == []
    actionable = sum(p.actionable for p in load_source().paragraphs)
    assert ctx.summary == [f"Checklist coverage: 100% of actionable paragraphs "
                           f"({actionable}/{actionable})"]


def test_checklist_text_is_nfc_and_items_cite_real_paragraphs():
    known = load_source().by_id()
    for checklist in load_checklists().checklists:
        for item in checklist.items:
            assert item.source and all(ref in known for ref in item.source), item.id
            for text in (item.text.vi, item.text.en):
                assert unicodedata.is_normalized("NFC", text), item.id


def test_yaml_lines_point_at_keys_and_list_entries(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a:\n  b:\n  - id: one\n  - id: two\n    text: hi\n", encoding="utf-8")
    value, lines = yaml_lines.load(path)
    assert value == {"a": {"b": [{"id": "one"}, {"id": "two", "text": "hi"}]}}
    assert lines[("a", "b", 1)] == 4
    assert lines[("a", "b", 1, "text")] == 5
    assert lines.at(("a", "b", 1, "text", "missing")) == 5


def test_schema_error_names_the_file_and_line(tmp_path):
    text = (paths.DATA / "checklists.yml").read_text(encoding="utf-8")
    broken = text.replace("  when: during\n", "  when: sometimes\n", 1)
    (tmp_path / "checklists.yml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("  when: sometimes") + 1
    with pytest.raises(ChecklistDataError) as error:
        load_checklists(tmp_path)
    assert str(error.value).startswith(
        f"data/checklists.yml:{line}: checklist 'chu-tri-hop-chi-uy', when: 'sometimes' "
        "is not allowed")


def _page_links_hook():
    spec = importlib.util.spec_from_file_location(
        "page_links", paths.OVERRIDES / "hooks" / "page_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("src", "directory_urls", "href"), [
    ("index.md", True, "checklist/lap-ke-hoach/"),
    ("checklist/index.md", True, "lap-ke-hoach/"),
    ("checklist/lap-ke-hoach.md", True, "./"),
    ("nhiem-vu/ra-nghi-quyet.md", True, "../../checklist/lap-ke-hoach/"),
    ("nhiem-vu/ra-nghi-quyet.md", False, "../checklist/lap-ke-hoach.html"),
    ("checklist/index.md", False, "lap-ke-hoach.html"),
])
def test_links_to_a_checklist_page(src, directory_urls, href):
    # Components write page references; the page_links hook makes them relative URLs
    # with MkDocs' own rules (directory URLs on the site, .html in the offline build).
    from mkdocs.structure.files import File, Files

    target = "checklist/lap-ke-hoach.md"
    files = Files([File(path, "docs", "site", directory_urls)
                   for path in dict.fromkeys((src, target))])
    page = SimpleNamespace(file=files.get_file_from_path(src))
    html = f'<a href="{urls.page_ref("checklist/lap-ke-hoach", "buoc-1")}">x</a>'
    out = _page_links_hook().on_page_content(html, page, None, files)
    assert out == f'<a href="{href}#buoc-1">x</a>'


@pytest.mark.parametrize(("src", "dest_uri", "directory_urls", "href"), [
    ("index.md", "index.html", True, "downloads/checklist-vi.pdf"),
    ("checklist/tat-ca.md", "checklist/tat-ca/index.html", True,
     "../../downloads/checklist-vi.pdf"),
    ("checklist/tat-ca.md", "checklist/tat-ca.html", False, "../downloads/checklist-vi.pdf"),
    # mkdocs-static-i18n builds an English page under en/.
    ("checklist/tat-ca.en.md", "en/checklist/tat-ca/index.html", True,
     "../../../downloads/checklist-vi.pdf"),
    ("checklist/tat-ca.en.md", "en/checklist/tat-ca.html", False,
     "../../downloads/checklist-vi.pdf"),
])
def test_links_to_a_download(src, dest_uri, directory_urls, href):
    # Downloads are made after MkDocs builds; pages name them from the site root and
    # the page_links hook makes the link relative to the page, .html or directory URL.
    from mkdocs.structure.files import File, Files

    file = File(src, "docs", "site", directory_urls, dest_uri=dest_uri)
    page = SimpleNamespace(file=file)
    html = f'<a href="{urls.file_ref("downloads/checklist-vi.pdf")}" download>x</a>'
    out = _page_links_hook().on_page_content(html, page, None, Files([file]))
    assert out == f'<a href="{href}" download>x</a>'


@pytest.mark.parametrize("ref", ["stcb-file:checklist-vi.pdf", "stcb-file:downloads/"])
def test_a_download_link_outside_downloads_stops_the_build(ref):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    file = File("in-an/index.md", "docs", "site", True)
    page = SimpleNamespace(file=file)
    with pytest.raises(PluginError, match=(
            rf'docs/in-an/index.md: href="{ref}" must name a file under downloads/, '
            "e.g. stcb-file:downloads/checklist-vi.pdf")):
        _page_links_hook().on_page_content(f'<a href="{ref}">', page, None, Files([file]))


def test_a_link_to_a_missing_page_stops_the_build():
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    files = Files([File("index.md", "docs", "site", True)])
    page = SimpleNamespace(file=files.get_file_from_path("index.md"))
    with pytest.raises(PluginError, match="a component links to docs/checklist/khong-co.md, "
                                          "which does not exist"):
        _page_links_hook().on_page_content(f'<a href="{urls.page_ref("checklist/khong-co")}">',
                                           page, None, files)


def _render(markdown: str, src_path: str, lang: str = "vi") -> tuple[str, set[str]]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.OVERRIDES)))
    return expand(markdown, src_path=src_path, lang=lang, env=env)


def test_source_links_only_when_the_source_page_exists(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DOCS", tmp_path)
    html, assets = _render("<!-- stcb:checklist lap-ke-hoach -->\n", "docs/nhiem-vu/x.md")
    assert list(assets) == ["assets/javascripts/stcb-storage.js",
                            "assets/javascripts/stcb-checklist.js"]
    assert "<span>c-th-3</span>" in html and "van-ban-nguon" not in html
    (tmp_path / "tra-cuu").mkdir()
    (tmp_path / "tra-cuu" / "van-ban-nguon.md").write_text("# x\n", encoding="utf-8")
    html, _ = _render("<!-- stcb:checklist lap-ke-hoach -->\n", "docs/nhiem-vu/x.en.md", "en")
    assert '<a href="stcb-page:tra-cuu/van-ban-nguon.md#c-th-3">c-th-3</a>' in html
    assert "Print this checklist" in html


def test_own_page_uses_h1_elsewhere_h2():
    own, _ = _render("<!-- stcb:checklist so-ket-tong-ket -->\n",
                     "docs/checklist/so-ket-tong-ket.md")
    other, _ = _render("<!-- stcb:checklist so-ket-tong-ket -->\n", "docs/nhiem-vu/x.md")
    assert re.search(r"<h1 class=\"stcb-checklist__title\"", own)
    assert "stcb-checklist--page" in own
    assert re.search(r"<h2 class=\"stcb-checklist__title\"", other)
    assert "stcb-checklist--page" not in other


def test_rendered_checklist_is_one_raw_html_block():
    html, _ = _render("<!-- stcb:checklist cong-tac-tu-tuong -->\n", "docs/x.md")
    assert "\n\n" not in html.strip()
    assert html.count('type="checkbox"') == len(load_checklists().by_id()
                                                 ["cong-tac-tu-tuong"].items)


def test_unknown_checklist_id_is_refused():
    with pytest.raises(MarkerError) as error:
        _render("text\n\n<!-- stcb:checklist khong-co -->\n", "docs/x.md")
    assert str(error.value).startswith("docs/x.md:3: unknown checklist 'khong-co' — use one "
                                       "of: lanh-dao-chi-uy, ")


def test_unknown_checklist_fails_the_build_with_file_and_line(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "checklist" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", "<!-- stcb:checklist khong-co -->"]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)
    assert result.returncode != 0
    assert (f"docs/checklist/index.md:{len(lines)}: unknown checklist 'khong-co' — use one of:"
            in result.stderr), result.stderr[-2000:]


def test_procedure_steps_point_at_their_checklists(built_site):
    vi = (built_site / "nhiem-vu" / "ra-nghi-quyet" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "nhiem-vu" / "ra-nghi-quyet" / "index.html").read_text(
        encoding="utf-8")
    assert 'href="../../checklist/chuan-bi-hop-chi-uy/"' in vi
    assert "Bảng kiểm cho bước này:" in vi
    assert 'href="../../checklist/so-ket-tong-ket/"' in en
    assert "Checklist for this step:" in en


def test_unknown_checklist_link_names_file_and_line():
    from scripts.handbook.markers import MarkerError, expand

    with pytest.raises(MarkerError) as error:
        expand("a\n\n<!-- stcb:checklist-link khong-co -->\n", src_path="docs/x.md",
               lang="vi", env=None)
    assert str(error.value).startswith("docs/x.md:3: write <!-- stcb:checklist-link ID -->")

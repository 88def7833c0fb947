"""The Word (.docx) download of the meeting templates, in real Chromium against the
built site: a filled document from the check-answers step (both languages), the blank
file of every template (`python -m scripts.handbook docx`), hostile and huge text,
and the lazy, same-origin loading of the Word scripts. Files are opened with
python-docx and every XML part is parsed with lxml."""

from __future__ import annotations

import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from scripts.handbook import docx_files
from scripts.handbook import meeting_templates as mt
from tests.conftest import site_step
from tests.e2e.test_templates import (
    MINUTES,
    MINUTES_TEXT,
    RESOLUTION,
    field,
    fill_minutes,
    fill_resolution,
    row_input,
    url,
)

pytestmark = pytest.mark.browser

TEMPLATES = mt.load_templates()
LAYOUT = mt.load_layout()
PLAN = "ke-hoach-thuc-hien"
WORD_SCRIPTS = ("vendor/docx/docx.min.js", "stcb-docx.js")


def open_docx(path: Path):
    """The document, after checking that every XML part of the package parses."""
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # raises on malformed XML
    return docx.Document(str(path))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def header_cells(document) -> list[str]:
    table = document.tables[0]
    return [cell.text for row in table.rows for cell in row.cells]


def download(page, tmp_path: Path, name: str = "out.docx") -> tuple[Path, str]:
    """Click "Download as Word" in the check-answers step; return the file and its name."""
    with page.expect_download() as info:
        page.locator("[data-stcb-review] [data-stcb-act=docx]").click()
    target = tmp_path / name
    info.value.save_as(target)
    return target, info.value.suggested_filename


def announced(page) -> str:
    live = page.locator("[data-stcb-form-root] > [aria-live=polite]")
    live.filter(has_text=".docx").wait_for()
    return live.inner_text()


def check_minutes(document):
    superior, party, number, place_date = header_cells(document)
    assert superior.split("\n") == ["ĐẢNG BỘ TRƯỜNG ĐẠI HỌC SƯ PHẠM KỸ THUẬT",
                                    "CHI BỘ KHOA CƠ KHÍ", "*"]
    assert party == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert number == "Số 05-BB/CB"
    assert place_date == "Thủ Đức, ngày 05 tháng 11 năm 2026"
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["BIÊN BẢN", "sinh hoạt chi bộ tháng 11 năm 2026"]
    for key in ("opening", "item_study", "item_news", "item_report", "conclusion"):
        assert MINUTES_TEXT[key] in texts, key
    assert "- Đồng chí Hoàng Minh Tuấn: Nhất trí với báo cáo." in texts
    assert "Địa điểm: Phòng họp A1-201." in texts
    signatures = [cell.text.split("\n") for cell in document.tables[-1].rows[0].cells]
    assert signatures == [["THƯ KÝ", "Phạm Thị Lan"], ["CHỦ TRÌ", "Lê Văn Thắng"]]


def check_layout(document):
    """Page, fonts and styles as data/layout.yml says (Word's own units)."""
    v = LAYOUT.v
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for side in ("top", "bottom", "left", "right"):
        expected = float(v(f"margin-{side}").removesuffix("mm"))
        assert abs(getattr(section, f"{side}_margin").mm - expected) < 0.1, side
    assert section.different_first_page_header_footer is (v("page-number-from") == "2")
    assert 'w:ascii="Times New Roman"' in document.styles.element.xml
    cells = document.tables[0].rows
    issuer = cells[0].cells[0].paragraphs[1].runs[0]
    assert issuer.bold and issuer.font.size == Pt(float(v("issuing-body-size")[:-2]))
    date = cells[1].cells[1].paragraphs[0].runs[0]
    assert date.italic
    party = cells[0].cells[1].paragraphs[0].runs[0]
    assert party.bold and party.underline and \
        party.font.size == Pt(float(v("party-heading-size")[:-2]))
    type_name = document.paragraphs[0]
    assert type_name.runs[0].bold and type_name.runs[0].font.size == \
        Pt(float(v("type-name-size")[:-2]))
    assert type_name.alignment == 1  # centred
    body = next(p for p in document.paragraphs if p.text == MINUTES_TEXT["opening"])
    assert body.alignment == 3  # justified
    assert abs(body.paragraph_format.first_line_indent.mm -
               float(v("body-indent")[:-2])) < 0.1


# Filled documents -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_filled_minutes_download_as_word(watched, server, tmp_path, lang):
    page = watched.page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url(server, MINUTES, lang))
    html = page.content()
    assert not any(script in html for script in WORD_SCRIPTS)  # not in the page at all
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    loaded_before = [u for u in requests if u.endswith(WORD_SCRIPTS)]
    clicked_at = len(requests)

    path, name = download(page, tmp_path)

    assert loaded_before == []  # the first load and the form never fetch the Word scripts
    after = requests[clicked_at:]
    assert [u.removeprefix(server + "/assets/javascripts/") for u in after
            if u.endswith(".js")] == list(WORD_SCRIPTS)
    assert all(u.startswith((server, "blob:", "data:")) for u in after), after
    assert watched.foreign_requests == []
    assert name == "bien-ban-sinh-hoat-chi-bo-2026-11-05.docx"
    message = announced(page)
    expected = "Đã tạo tệp Word" if lang == "vi" else "The Word file"
    assert message.startswith(expected) and name in message
    document = open_docx(path)
    check_minutes(document)  # Vietnamese on both language pages
    check_layout(document)
    title = TEMPLATES[MINUTES].title.model_dump()[lang]
    props = document.core_properties
    assert props.title == title
    assert props.author == "Sổ tay Bí thư chi bộ" == props.last_modified_by
    assert watched.console_errors == []


def test_the_resolution_and_the_plan_have_recipients_and_a_real_table(context, server,
                                                                       tmp_path):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    page.goto(url(server, RESOLUTION))
    fill_resolution(page)
    page.locator("[data-stcb-act=preview]").click()
    path, _ = download(page, tmp_path, "resolution.docx")
    document = open_docx(path)
    assert header_cells(document)[2] == "Số 03-NQ/CB"
    assert [p.text for p in document.paragraphs][:2] == [
        "NGHỊ QUYẾT", "lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026"]
    recipients, sign = (cell.text.split("\n") for cell in document.tables[-1].rows[0].cells)
    assert recipients == ["Nơi nhận:", "- Đảng ủy Trường (để báo cáo),", "- Lưu chi bộ."]
    assert document.tables[-1].rows[0].cells[0].paragraphs[0].runs[0].underline
    assert sign == ["T/M CHI BỘ", "BÍ THƯ", "Lê Văn Thắng"]

    page.goto(url(server, PLAN))
    field(page, "plan_date").fill("2026-12-05")
    tasks = [("Tổ chức hội thảo chuyên đề", "Đồng chí Tuấn", "2026-12-10", "2026-12-20"),
             ("Tổng kết học kỳ I", "Đồng chí Hà", "2026-12-21", "2026-12-30")]
    for index, (work, lead, start, end) in enumerate(tasks):
        if index:
            page.locator("[data-stcb-rows='tasks'] [data-stcb-act=add]").click()
        row_input(page, "tasks", index, "work").fill(work)
        row_input(page, "tasks", index, "lead").fill(lead)
        row_input(page, "tasks", index, "start").fill(start)
        row_input(page, "tasks", index, "end").fill(end)
    page.locator("[data-stcb-act=preview]").click()
    path, name = download(page, tmp_path, "plan.docx")
    assert name == "ke-hoach-thuc-hien-2026-11-05.docx"  # the meeting's date
    document = open_docx(path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    block = next(b for b in TEMPLATES[PLAN].document.body if b.table)
    headers = [column.header for column in block.columns]
    assert [cell.text for cell in table.rows[0].cells] == headers
    assert len(table.rows) == 1 + len(tasks)
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows[0][:3] == ["1", "Tổ chức hội thảo chuyên đề", "Đồng chí Tuấn"]
    assert rows[1][:3] == ["2", "Tổng kết học kỳ I", "Đồng chí Hà"]
    # A real Word table: borders on every side and a repeated header row.
    xml = table._tbl.xml
    assert "<w:tblBorders>" in xml and 'w:val="single"' in xml
    assert "<w:tblHeader" in xml
    # Its columns share the text width as the template's data says (read from the
    # page's <col data-width>).
    grid = [column.width for column in table.columns]
    assert [round(100 * width / sum(grid)) for width in grid] == \
        [column.width for column in block.columns]


# Blank files ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def blank_files(built_site) -> Path:
    """The blank files, written by the CLI step into the built site (a subprocess: this
    session's Playwright is already running)."""
    site_step(built_site, "docx")  # the site is shared by every worker
    return built_site / docx_files.FOLDER


@pytest.mark.parametrize("template_id", list(TEMPLATES))
def test_every_blank_file_opens_with_its_header_and_title(blank_files, template_id):
    template = TEMPLATES[template_id]
    document = open_docx(blank_files / f"{template_id}.docx")
    superior, party, number, place_date = header_cells(document)
    assert superior.endswith("\n*") and superior.startswith("……")
    assert party == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert number.startswith("Số ") and number.endswith(f"-{template.doc_type}/CB")
    assert "ngày …… tháng …… năm ………" in place_date
    assert document.paragraphs[0].text == template.document.type_name
    assert document.core_properties.title == template.title.vi
    if any(block.table for block in template.document.body):
        assert any(t.rows[0].cells[0].text == "TT" for t in document.tables)
    # Every line to write on is its own dotted line (a tab with a dot leader), as many
    # as the page's blank copy has.
    html = (blank_files.parents[1] / "bieu-mau" / template_id / "index.html").read_text(
        encoding="utf-8")
    lines = html.count('class="stcb-doc__line" data-blank-line')
    leaders = [p for p in document.paragraphs
               if p._p.xpath("./w:pPr/w:tabs/w:tab[@w:leader='dot']")]
    assert len(leaders) == lines > 0


def test_the_blank_file_is_linked_from_both_language_pages(context, server, blank_files):
    page = context.new_page()
    for lang in ("vi", "en"):
        page.goto(url(server, MINUTES, lang))
        href = page.locator("[data-stcb-blank-docx]").evaluate("a => a.href")
        assert href == f"{server}/downloads/bieu-mau/{MINUTES}.docx"
        assert page.request.get(href).status == 200


# Hostile and huge text --------------------------------------------------------------------

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[x](javascript:alert(1))",
    "Nguyễn Thị Ỹ Ặ Ữ",
    "👩🏽‍💼 Bí thư",
]


def test_hostile_text_is_written_literally_and_nothing_runs(watched, server, tmp_path):
    page = watched.page
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    decomposed = unicodedata.normalize("NFD", "Phòng họp Đảng ủy — Ỹ Ặ Ữ")
    field(page, "place").fill(decomposed)
    field(page, "conclusion").fill("\n".join(HOSTILE + ["Trước\u0001\u000b\u001fsau\u0000."]))
    field(page, "chair").fill("Lê Văn Thắng 👩🏽‍💼")
    assert "\u0001\u000b\u001f" in field(page, "conclusion").input_value()  # reaches the builder
    page.locator("[data-stcb-act=preview]").click()
    path, _ = download(page, tmp_path)
    document = open_docx(path)
    texts = [p.text for p in document.paragraphs]
    for line in HOSTILE:
        assert line in texts, line
    assert "Trướcsau." in texts  # control characters dropped, the rest kept
    place = unicodedata.normalize("NFC", decomposed)
    assert f"Địa điểm: {place}." in texts
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert "Lê Văn Thắng 👩🏽‍💼" in document.tables[-1].rows[0].cells[1].text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watched.console_errors == []


def test_a_100_kb_text_makes_a_file_that_opens(context, server, tmp_path):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    words = "Chi bộ thống nhất nâng cao chất lượng sinh hoạt, "
    huge = (words * (100 * 1024 // len(words.encode("utf-8")) + 1)).strip()
    assert len(huge.encode("utf-8")) >= 100 * 1024
    field(page, "item_report").fill(huge)
    page.locator("[data-stcb-act=preview]").click()
    path, _ = download(page, tmp_path)
    assert huge in [p.text for p in open_docx(path).paragraphs]


def test_a_failed_load_is_announced_in_the_page_language_and_can_be_retried(
        watched, server, tmp_path):
    page = watched.page
    blocked = {"on": True}
    page.route("**/vendor/docx/docx.min.js", lambda route: route.abort()
               if blocked["on"] else route.continue_())
    page.goto(url(server, MINUTES, "en"))
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    page.locator("[data-stcb-review] [data-stcb-act=docx]").click()
    live = page.locator("[data-stcb-form-root] > [aria-live=polite]")
    live.filter(has_text="could not be made").wait_for()
    assert live.inner_text().startswith("The Word file could not be made.")
    assert not [e for e in watched.console_errors if "docx.min.js" not in e]  # no script error
    blocked["on"] = False
    path, _ = download(page, tmp_path)  # the next click loads it again
    assert open_docx(path).paragraphs[0].text == "BIÊN BẢN"



def test_a_hung_load_gives_up_and_the_button_works_again(watched, server, tmp_path):
    """Issue 14.11: a request that never answers used to leave the button disabled
    until reload; the loader now gives up after T.docxTimeout."""
    page = watched.page
    hung = []
    page.route("**/vendor/docx/docx.min.js", lambda route: hung.append(route)
               if not hung else route.continue_())
    page.goto(url(server, MINUTES, "vi"))
    page.evaluate("window.stcb.tpl.docxTimeout = 300")
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    button = page.locator("[data-stcb-review] [data-stcb-act=docx]")
    button.click()
    page.wait_for_function("() => !document.querySelector("
                           "'[data-stcb-review] [data-stcb-act=docx][aria-disabled]')")
    live = page.locator("[data-stcb-form-root] > [aria-live=polite]")
    live.filter(has_text="Không tạo được").wait_for()
    assert len(hung) == 1  # announced and usable while the request still hangs
    # The connection finally drops (Chromium holds a second request for the same
    # URL until the first ends); the next click loads the scripts. (Once the browser
    # has seen it fail: a full run under load once clicked before, and no download came.)
    with page.expect_event("requestfailed", lambda request: "docx.min.js" in request.url):
        hung[0].abort()
    # (The short give-up time served the hung request; the real download of the
    # 700 KB library may take longer than that on a loaded machine.)
    page.evaluate("window.stcb.tpl.docxTimeout = 60000")
    path, _ = download(page, tmp_path)
    assert open_docx(path).paragraphs[0].text == "BIÊN BẢN"

# Every template, filled ---------------------------------------------------------------

# The shared details and one field of each template's own, printed by the page's own
# printDocument and built by the same stcb.docx.build the button uses.
SHARED = {"superior_body": "Đảng bộ Phường Bến Thành", "cell_name": "Chi bộ Khu phố 3",
          "locality": "Quận 1", "meeting_date": "2026-11-05"}


@pytest.mark.parametrize("template_id", list(TEMPLATES))
def test_every_template_builds_a_filled_word_file(watched, server, tmp_path, template_id):
    from tests.e2e.test_templates import OWN_FIELD

    name, value = OWN_FIELD[template_id]
    page = watched.page
    page.goto(url(server, template_id))
    target = tmp_path / f"{template_id}.docx"
    target.write_bytes(docx_files.build_in_page(page, {**SHARED, name: value}))
    document = open_docx(target)
    superior, party, number, place_date = header_cells(document)
    assert superior.split("\n") == ["ĐẢNG BỘ PHƯỜNG BẾN THÀNH", "CHI BỘ KHU PHỐ 3", "*"]
    assert party == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert number.endswith(f"-{TEMPLATES[template_id].doc_type}/CB")
    # The document's own date is the meeting date, or a date of its own (left blank here).
    assert place_date in ("Quận 1, ngày 05 tháng 11 năm 2026", "Quận 1, ngày …… tháng …… năm ………")
    assert document.paragraphs[0].text == TEMPLATES[template_id].document.type_name
    assert value in all_text(document)
    assert watched.console_errors == []


def test_a_two_line_opinion_prints_and_downloads_as_two_lines(watched, server, tmp_path):
    """Issue 13: the lines of one speaker's opinion are separate items, not joined by '; '."""
    page = watched.page
    page.goto(url(server, MINUTES, "vi"))
    fill_minutes(page)
    row_input(page, "discussion", 0, "opinion").fill("Dòng ý kiến thứ nhất\nDòng ý kiến thứ hai")
    page.locator("[data-stcb-act=preview]").click()
    page.emulate_media(media="print")
    pdf = tmp_path / "minutes.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    printed = [line.strip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(printed) if line.endswith("Dòng ý kiến thứ nhất"))
    assert printed[first + 1] == "Dòng ý kiến thứ hai"
    assert "; Dòng ý kiến thứ hai" not in text
    path, _ = download(page, tmp_path)
    paragraphs = [p.text.strip() for p in open_docx(path).paragraphs]
    first = next(i for i, p in enumerate(paragraphs) if p.endswith("Dòng ý kiến thứ nhất"))
    assert paragraphs[first + 1] == "Dòng ý kiến thứ hai"
    assert watched.console_errors == []

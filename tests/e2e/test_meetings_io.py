"""Moving meetings between devices, and what bad or hostile input does, in real Chromium.

Export one or all meetings as JSON (checked against the published schema), import it
back exactly, ask before replacing a meeting, refuse bad files with a message in the
page's language without touching what is saved; markup, very long text, emoji, rare
and decomposed Vietnamese across form, print view and JSON; storage that is disabled
or full; two tabs editing the same meeting. The .docx side is in test_docx.py."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from scripts.handbook.paths import DOCS
from tests.conftest import BLOCK_STORAGE, FULL_STORAGE, material_errors, run_axe
from tests.e2e.test_templates import (
    MINUTES,
    MINUTES_TEXT,
    RESOLUTION,
    field,
    fill_minutes,
    row_input,
    saved,
    url,
)

pytestmark = pytest.mark.browser

SCHEMAS = {v: json.loads((DOCS / "assets" / "schemas" / f"meetings-v{v}.schema.json")
                         .read_text(encoding="utf-8")) for v in (1, 2)}
SCHEMA = SCHEMAS[2]  # what an export writes; version 1 files still import
FILE = "[data-stcb-io-file]"
ERROR = "[data-stcb-io-error]"
STATUS = "[data-stcb-ws-status]"

HOSTILE = {
    "script": "<script>window.__pwned = 1</script>",
    "img": '<img src=x onerror="window.__pwned = 1">',
    "link": ("[bấm vào đây](javascript:window.__pwned=1) "
             "<a href=\"javascript:window.__pwned=1\">x</a>"),
    "emoji": "Chi bộ 👩🏽‍💼🇻🇳 họp ✅",
    "rare": "Nguyễn Thị Ỹ, Lưu Ặ Ữ, Đinh Ỵ — ẵ ẳ ỡ ự",
}
RARE_NFD = unicodedata.normalize("NFD", "Tập thể chi ủy Trường Xuân Ỹ")


def export(page, act="export-all") -> tuple[dict, str]:
    with page.expect_download() as info:
        page.locator(f"[data-stcb-ws-act={act}]").click()
    download = info.value
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    return data, download.suggested_filename


def choose(page, name: str, content: bytes | str):
    """Pick a file for import and wait until the page has answered (the file is read
    asynchronously): a message, an error or the question."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.evaluate("document.querySelector('[data-stcb-ws-status]').textContent = ''")
    page.set_input_files(FILE, files=[{"name": name, "mimeType": "application/json",
                                        "buffer": data}])
    page.wait_for_function("""() => {
        const q = (s) => document.querySelector(s);
        return !q('[data-stcb-io-error]').hidden || !q('[data-stcb-ws-panel=clash]').hidden
            || q('[data-stcb-ws-status]').textContent !== ''; }""")


def stored(page) -> str | None:
    page.evaluate("window.stcb.meetings.flush()")
    return page.evaluate("localStorage.getItem('stcb:meetings')")


def meetings_of(data: dict) -> list[dict]:
    return data["meetings"]


def two_meetings(page):
    """Meeting 1: the whole minutes; meeting 2: a resolution with its own values."""
    page.goto(url(page.server, MINUTES))
    fill_minutes(page)
    page.locator("[data-stcb-ws-act=new]").click()
    page.locator("#stcb-ws-new-name").fill("Họp chi bộ tháng 12")
    page.locator("[data-stcb-ws-act=new-ok]").click()
    page.goto(url(page.server, RESOLUTION))
    field(page, "resolution_number").fill("03")
    field(page, "results").fill("Hoàn thành kế hoạch học kỳ I.")
    row_input(page, "assignments", 0, "person").fill("Đồng chí Hoàng Minh Tuấn")


@pytest.fixture
def page(context, server):
    page = context.new_page()
    page.server = server
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return page


# Export and import ------------------------------------------------------------------

def test_export_all_then_import_gives_back_every_meeting_exactly(page, server):
    two_meetings(page)
    page.wait_for_load_state("networkidle")
    page.requests.clear()
    before, name = export(page)
    assert name.startswith("tat-ca-cuoc-hop-") and name.endswith(".json")
    jsonschema.validate(before, SCHEMA)
    assert before["format"] == "so-tay-bi-thu-chi-bo/meetings" and before["version"] == 2
    assert [m["name"] for m in meetings_of(before)][1] == "Họp chi bộ tháng 12"
    first = meetings_of(before)[0]
    assert first["shared"]["chair"] == MINUTES_TEXT["chair"]
    assert first["forms"][MINUTES]["discussion"][1]["speaker"] == "Đặng Thu Hà"

    page.locator("[data-stcb-ws-act=clear]").click()
    page.locator("[data-stcb-ws-act=clear-ok]").click()
    assert field(page, "results").input_value() == ""
    choose(page, name, json.dumps(before, ensure_ascii=False))
    expect = "Đã nhập 2 cuộc họp từ “" + name + "”. Đang làm cuộc họp “"
    assert page.locator(STATUS).inner_text().startswith(expect)
    # Exactly what was exported (the empty meeting left by "clear" stays beside them).
    after, _ = export(page)
    imported = [m for m in meetings_of(after) if m["id"] in {x["id"] for x in meetings_of(before)}]
    assert imported == meetings_of(before)
    # Export, import and export again: not one request (the files are blob: URLs).
    assert [u for u in page.requests if not u.startswith("blob:")] == []
    page.locator("#stcb-ws-select").select_option(label="Họp chi bộ tháng 12")
    assert field(page, "results").input_value() == "Hoàn thành kế hoạch học kỳ I."
    page.goto(url(server, MINUTES))
    page.locator("#stcb-ws-select").select_option(first["id"])
    assert field(page, "chair").input_value() == MINUTES_TEXT["chair"]
    assert row_input(page, "discussion", 1, "opinion").input_value() == "Đề nghị phân công cụ thể."
    assert [u for u in page.requests if not u.startswith((server, "blob:"))] == []


def test_export_one_meeting_in_english(page, server):
    page.goto(url(server, MINUTES, "en"))
    field(page, "place").fill("Phòng họp A1")
    page.locator("[data-stcb-ws-act=rename]").click()
    page.locator("#stcb-ws-rename-name").fill("Họp tháng 11/2026")
    page.locator("[data-stcb-ws-act=rename-ok]").click()
    data, name = export(page, "export-one")
    assert name.startswith("cuoc-hop-hop-thang-11-2026-")
    jsonschema.validate(data, SCHEMA)
    assert [m["name"] for m in meetings_of(data)] == ["Họp tháng 11/2026"]
    assert page.locator(STATUS).inner_text() == f"Downloaded “{name}”."


def test_importing_over_an_existing_meeting_asks_first(page, server):
    page.goto(url(server, MINUTES))
    field(page, "place").fill("Phòng họp A1")
    data, name = export(page, "export-one")
    field(page, "place").fill("Hội trường B")
    text = json.dumps(data, ensure_ascii=False)
    panel = page.locator("[data-stcb-ws-panel=clash]")

    choose(page, name, text)  # 1. cancel: nothing changes
    assert panel.is_visible()
    # This device's copy is newer than the file's: "Keep both" comes first and has focus.
    assert page.evaluate("document.activeElement.dataset.stcbWsAct") == "clash-copy"
    assert "Tệp có 1 cuộc họp đã có trên thiết bị này" in panel.inner_text()
    before = stored(page)
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.locator(STATUS).inner_text() == "Đã hủy nhập. Dữ liệu đã lưu không thay đổi."
    assert stored(page) == before and field(page, "place").input_value() == "Hội trường B"

    choose(page, name, text)  # 2. keep both: a copy with its own name
    page.locator("[data-stcb-ws-act=clash-copy]").click()
    names = [m["name"] for m in page.evaluate("window.stcb.meetings.list()")]
    assert len(names) == 2 and names[1] == names[0] + " (2)"
    assert field(page, "place").input_value() == "Phòng họp A1"  # the copy is current

    choose(page, name, text)  # 3. replace: the file's copy wins
    page.locator("[data-stcb-ws-act=clash-replace]").click()
    page.locator("#stcb-ws-select").select_option(data["meetings"][0]["id"])
    assert field(page, "place").input_value() == "Phòng họp A1"
    assert len(page.evaluate("window.stcb.meetings.list()")) == 2


def valid_file() -> dict:
    return {"format": "so-tay-bi-thu-chi-bo/meetings", "version": 1,
            "exported": "2026-11-27T10:00:00.000Z",
            "meetings": [{"id": "mabc123", "name": "Tháng 11",
                          "created": "2026-11-01T08:00:00.000Z",
                          "updated": "2026-11-02T08:00:00.000Z", "shared": {"place": "Phòng A"},
                          "forms": {MINUTES: {"discussion": [{"speaker": "A", "opinion": "B"}]}}}]}


def broken(change) -> str:
    data = valid_file()
    change(data)
    return json.dumps(data, ensure_ascii=False)


# (case, file text, message in vi, message in en); {file} is the file's name.
BAD_FILES = [
    ("not-json", "Biên bản họp chi bộ tháng 11\n",
     "Tệp “{file}” không phải tệp JSON nên không đọc được.",
     "“{file}” is not a JSON file, so it could not be read."),
    ("empty", "", "Tệp “{file}” không phải tệp JSON", "“{file}” is not a JSON file"),
    ("an-array", "[1, 2, 3]",
     "Tệp “{file}” không phải tệp cuộc họp của Sổ tay, hoặc đã bị sửa: mục “(file)” không đúng.",
     "“{file}” is not a meetings file from this handbook, or it has been edited: "
     "“(file)” is not valid."),
    ("no-meetings", broken(lambda d: d.pop("meetings")), "thiếu mục “meetings”",
     "“meetings” is missing"),
    ("wrong-format", broken(lambda d: d.update(format="something-else")),
     "mục “format” không đúng", "“format” is not valid"),
    ("number-value", broken(lambda d: d["meetings"][0]["shared"].update(place=5)),
     "mục “meetings[0].shared.place” không đúng", "“meetings[0].shared.place” is not valid"),
    ("proto-key", broken(lambda d: d["meetings"][0]["shared"].update({"__proto__": [{"x": "y"}]})),
     "có mục lạ “meetings[0].shared.__proto__”", "“meetings[0].shared.__proto__” is not expected"),
    ("markup-key", broken(lambda d: d["meetings"][0]["forms"].update({"<img src=x>": {}})),
     "có mục lạ “meetings[0].forms.<img src=x>”",
     "“meetings[0].forms.<img src=x>” is not expected"),
    ("empty-name", broken(lambda d: d["meetings"][0].update(name="  ")),
     "mục “meetings[0].name” không đúng", "“meetings[0].name” is not valid"),
    ("bad-id", broken(lambda d: d["meetings"][0].update(id="../x")),
     "mục “meetings[0].id” không đúng", "“meetings[0].id” is not valid"),
    ("extra-key", broken(lambda d: d.update(note="hi")), "có mục lạ “note”",
     "“note” is not expected"),
    ("newer", broken(lambda d: d.update(version=3)),
     "Tệp “{file}” do một phiên bản mới hơn của Sổ tay tạo ra (định dạng 3); trang này chỉ đọc "
     "được định dạng 2.",
     "“{file}” was made by a newer version of this handbook (format 3); "
     "this page reads format 2 only."),
    ("over-5-mb", '{"format": "so-tay-bi-thu-chi-bo/meetings", "pad": "' + "x" * (5 * 1024 * 1024)
     + '"}', "Tệp “{file}” nặng 5 MB, quá giới hạn 5 MB, nên không được đọc.",
     "“{file}” is 5 MB, over the 5 MB limit, so it was not read."),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bad_files_are_refused_in_the_page_language_and_change_nothing(page, server, lang):
    page.goto(url(server, MINUTES, lang))
    field(page, "place").fill("Phòng họp A1")
    field(page, "conclusion").fill("Thống nhất")
    before = stored(page)
    error = page.locator(ERROR)
    unchanged = "Dữ liệu đã lưu không thay đổi." if lang == "vi" else "Nothing saved has changed."
    for case, text, vi, en in BAD_FILES:
        name = f"{case}.json"
        choose(page, name, text)
        error.wait_for(state="visible")
        message = error.inner_text()
        assert (vi if lang == "vi" else en).format(file=name) in message, (case, message)
        assert message.endswith(unchanged), case
        assert page.locator(FILE).get_attribute("aria-invalid") == "true"
        assert stored(page) == before, case
        assert field(page, "place").input_value() == "Phòng họp A1"
        page.evaluate("document.querySelector('[data-stcb-io-error]').hidden = true")
    assert page.evaluate("window.__pwned") is None
    # A good file afterwards clears the error.
    choose(page, "ok.json", json.dumps(valid_file(), ensure_ascii=False))
    expect_ok = "Đã nhập 1 cuộc họp" if lang == "vi" else "Imported 1 meeting(s)"
    assert page.locator(STATUS).inner_text().startswith(expect_ok)
    assert error.is_hidden() and page.locator(FILE).get_attribute("aria-invalid") is None


def test_the_schema_refuses_the_same_wrong_shapes_as_the_page():
    jsonschema.validate(valid_file(), SCHEMAS[1])
    for case, text, _, _ in BAD_FILES:
        if case in ("not-json", "empty", "over-5-mb"):
            continue  # refused before any shape is looked at
        data = json.loads(text)
        version = data.get("version") if isinstance(data, dict) else 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, SCHEMAS.get(version, SCHEMA))


def test_an_import_in_decomposed_unicode_is_stored_as_nfc(page, server):
    page.goto(url(server, MINUTES))
    data = valid_file()
    data["meetings"][0]["name"] = unicodedata.normalize("NFD", "Họp chi ủy tháng 11")
    data["meetings"][0]["shared"]["place"] = RARE_NFD
    choose(page, "nfd.json", json.dumps(data, ensure_ascii=False))
    assert field(page, "place").input_value() == unicodedata.normalize("NFC", RARE_NFD)
    state = json.loads(stored(page))
    meeting = state["meetings"]["mabc123"]
    assert meeting["name"] == "Họp chi ủy tháng 11"
    assert meeting["shared"]["place"] == unicodedata.normalize("NFC", RARE_NFD)


# Hostile and odd text ----------------------------------------------------------------

def test_markup_emoji_and_rare_letters_stay_text_in_form_print_and_json(page, server, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    values = {"chair": HOSTILE["script"], "place": HOSTILE["img"], "conclusion": HOSTILE["link"],
              "cell_name": HOSTILE["emoji"], "minute_taker": HOSTILE["rare"],
              "opening": RARE_NFD}
    for name, value in values.items():
        field(page, name).fill(value)
    row_input(page, "discussion", 0, "speaker").fill(HOSTILE["img"])
    page.locator("[data-stcb-ws-act=rename]").click()
    page.locator("#stcb-ws-rename-name").fill(HOSTILE["script"])
    page.locator("[data-stcb-ws-act=rename-ok]").click()
    expected = {k: unicodedata.normalize("NFC", v) for k, v in values.items()}

    page.reload()  # form: exactly the text, after a reload
    for name, value in expected.items():
        assert field(page, name).input_value() == value, name
    page.locator("[data-stcb-act=preview]").click()  # check answers + print view
    summary = page.locator("[data-stcb-summary]").inner_text()
    filled = page.locator("[data-stcb-filled]")
    printed = filled.inner_text()
    for value in (HOSTILE["script"], HOSTILE["img"], HOSTILE["emoji"], HOSTILE["rare"]):
        assert value in summary and value in printed.replace("\n", " ") or value.upper() in printed
    assert "javascript:window.__pwned=1" in printed
    for selector in ("script", "img", "a[href^='javascript']"):
        assert filled.locator(selector).count() == 0, selector
    assert page.locator("[data-stcb-summary] img, [data-stcb-summary] script").count() == 0
    assert page.locator("#stcb-ws-select option:checked").inner_text() == HOSTILE["script"]
    pdf = tmp_path / "hostile.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for piece in ("<script>window.__pwned = 1</script>", 'onerror="window.__pwned = 1">',
                  "Nguyễn Thị Ỹ, Lưu Ặ Ữ", "javascript:window.__pwned=1"):
        assert piece in unicodedata.normalize("NFC", text), piece
    page.emulate_media(media="screen")

    data, name = export(page, "export-one")  # JSON: the same text, NFC
    jsonschema.validate(data, SCHEMA)
    meeting = data["meetings"][0]
    assert meeting["name"] == HOSTILE["script"]
    for key in ("chair", "place", "cell_name", "minute_taker"):
        assert meeting["shared"][key] == expected[key]
    assert meeting["forms"][MINUTES]["conclusion"] == expected["conclusion"]
    assert meeting["forms"][MINUTES]["opening"] == expected["opening"]
    assert meeting["forms"][MINUTES]["discussion"][0]["speaker"] == HOSTILE["img"]
    # …and back in: a copy beside the original, still only text.
    choose(page, name, json.dumps(data, ensure_ascii=False))
    page.locator("[data-stcb-ws-act=clash-copy]").click()
    assert field(page, "chair").input_value() == HOSTILE["script"]
    assert page.evaluate("window.__pwned") is None and dialogs == []


def test_a_100_kb_field_is_kept_printed_and_exported(page, server):
    page.goto(url(server, MINUTES))
    sentence = "Đồng chí Bí thư báo cáo kết quả thực hiện nghị quyết tháng 10; 📋 "
    long_text = (sentence * 2000)[:102400]
    assert len(long_text.encode("utf-8")) > 100 * 1024
    box = field(page, "item_report")
    box.fill(long_text)
    page.reload()
    assert box.input_value() == long_text
    printed = page.evaluate("document.querySelector('[data-stcb-filled]').textContent")
    assert long_text.strip()[:5000] in printed and len(printed) > 100_000
    data, name = export(page, "export-one")
    assert data["meetings"][0]["forms"][MINUTES]["item_report"] == long_text
    page.locator("[data-stcb-ws-act=delete]").click()
    page.locator("[data-stcb-ws-act=delete-ok]").click()
    choose(page, name, json.dumps(data, ensure_ascii=False))
    assert box.input_value() == long_text


# Storage that is disabled or full --------------------------------------------------------

def test_full_storage_says_saving_is_off_and_keeps_what_was_saved(context, server):
    first = context.new_page()
    first.goto(url(server, MINUTES))
    field(first, "place").fill("Phòng họp A1")
    before = stored(first)
    first.close()

    page = context.new_page()
    page.add_init_script(FULL_STORAGE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url(server, MINUTES))
    assert field(page, "place").input_value() == "Phòng họp A1"
    fill_minutes(page)
    field(page, "place").fill("Hội trường B")
    page.evaluate("window.stcb.meetings.flush()")
    status = page.locator(STATUS)
    assert status.inner_text().startswith("Không lưu được")
    assert "stcb-ws__status--off" in status.get_attribute("class")
    page.locator("[data-stcb-act=preview]").click()  # the page still works
    assert page.locator("[data-stcb-review]").is_visible()
    page.locator("[data-stcb-act=back]").click()
    choose(page, "ok.json", json.dumps(valid_file(), ensure_ascii=False))
    assert page.locator(ERROR).inner_text() == (
        "Không nhập được: trình duyệt không cho lưu thêm (bộ nhớ lưu trữ đã đầy). Hãy xóa bớt "
        "cuộc họp cũ rồi thử lại. Dữ liệu đã lưu không thay đổi.")
    assert page.evaluate("localStorage.getItem('stcb:meetings')") == before
    assert field(page, "place").input_value() == "Hội trường B"  # what is on screen stays
    assert errors == []
    page.close()

    again = context.new_page()
    again.goto(url(server, MINUTES))
    assert field(again, "place").input_value() == "Phòng họp A1"


def test_disabled_storage_still_fills_exports_and_imports(context, server):
    baseline_errors = material_errors(context, server, BLOCK_STORAGE)

    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(BLOCK_STORAGE)
    page.goto(url(server, MINUTES, "en"))
    page.wait_for_load_state("networkidle")
    assert page.locator(STATUS).inner_text().startswith("Saving is off")
    field(page, "place").fill("Phòng họp A1")
    data, _ = export(page, "export-one")
    assert data["meetings"][0]["shared"]["place"] == "Phòng họp A1"
    choose(page, "ok.json", json.dumps(valid_file(), ensure_ascii=False))
    assert page.locator(STATUS).inner_text().startswith(
        "Imported 1 meeting(s) from “ok.json”, but they are not saved")
    assert field(page, "place").input_value() == "Phòng A"
    assert errors == baseline_errors


# Two tabs ----------------------------------------------------------------------------------

def landed(page, condition):
    """Wait until *page* (another tab) reads a saved current meeting `m` for which the
    JavaScript *condition* holds: proof that a write has reached the browser's storage."""
    page.wait_for_function(
        "() => { const s = JSON.parse(localStorage.getItem('stcb:meetings') || 'null');"
        " const m = s && s.meetings[s.current] && s.meetings[s.current].shared;"
        f" return !!m && ({condition}); }}")


def test_two_tabs_on_one_meeting_keep_both_edits_and_hear_of_each_other(context, server):
    a, b = context.new_page(), context.new_page()
    a.goto(url(server, MINUTES))
    field(a, "place").fill("Phòng họp A1")
    a.evaluate("window.stcb.meetings.flush()")
    b.goto(url(server, MINUTES))
    assert field(b, "place").input_value() == "Phòng họp A1"

    # Both type before either has heard of the other: neither edit is lost.
    field(a, "chair").fill("Lê Văn Thắng")
    field(b, "minute_taker").fill("Phạm Thị Lan")
    a.evaluate("window.stcb.meetings.flush()")
    b.evaluate("window.stcb.meetings.flush()")
    a.wait_for_function("document.querySelector(\"[data-stcb-input='minute_taker']\").value"
                        " === 'Phạm Thị Lan'")
    # (b hears of a's write in its own time: a storage event, which reached a first in
    # a full run under load.)
    b.wait_for_function("document.querySelector(\"[data-stcb-input='chair']\").value"
                        " === 'Lê Văn Thắng'")
    assert a.locator(STATUS).inner_text() == (
        "Cuộc họp vừa được sửa ở một thẻ khác của trình duyệt; trang này đã cập nhật theo.")
    meeting = json.loads(stored(a))
    meeting = meeting["meetings"][meeting["current"]]
    assert meeting["shared"]["chair"] == "Lê Văn Thắng"
    assert meeting["shared"]["minute_taker"] == "Phạm Thị Lan"

    # A write that crossed another (tabs are separate processes): b writes a state
    # read before a's last edit reached it. a puts its edit back, and both settle.
    field(a, "chair").fill("Nguyễn Văn An")
    a.evaluate("window.stcb.meetings.flush()")
    # The crossing is made by hand below, so a's write must be in the browser's
    # storage before b's (the browser does not order two tabs' writes of the same
    # instant: under load, b's could land first and the test would stage another case).
    landed(b, "m.chair === 'Nguyễn Văn An'")
    b.evaluate("""(chair) => {
        const s = JSON.parse(localStorage.getItem('stcb:meetings'));
        s.meetings[s.current].shared.chair = chair;  // a's edit not seen yet
        s.meetings[s.current].shared.place = 'Hội trường B';  // b's own edit
        localStorage.setItem('stcb:meetings', JSON.stringify(s));
    }""", "Lê Văn Thắng")
    a.wait_for_function("() => { const s = JSON.parse(localStorage.getItem('stcb:meetings'));"
                        " const m = s.meetings[s.current].shared;"
                        " return m.chair === 'Nguyễn Văn An' && m.place === 'Hội trường B'; }")
    b.wait_for_function("document.querySelector(\"[data-stcb-input='chair']\").value"
                        " === 'Nguyễn Văn An'")
    assert field(a, "place").input_value() == "Hội trường B"
    # a wrote only to put its edit back: the news stays; its own next edit is "saved".
    assert a.locator(STATUS).inner_text() == (
        "Cuộc họp vừa được sửa ở một thẻ khác của trình duyệt; trang này đã cập nhật theo.")
    field(a, "chair").fill("Nguyễn Văn Bình")
    a.evaluate("window.stcb.meetings.flush()")
    assert a.locator(STATUS).inner_text().startswith("Đã lưu trên thiết bị này lúc ")

    # A field being typed in is not overwritten under the cursor.
    field(b, "conclusion").focus()
    field(a, "conclusion").fill("Từ thẻ A")
    a.evaluate("window.stcb.meetings.flush()")
    b.keyboard.type("Từ thẻ B")
    b.evaluate("window.stcb.meetings.flush()")
    assert field(b, "conclusion").input_value() == "Từ thẻ B"

    # A meeting deleted in one tab goes away in the other.
    b.locator("[data-stcb-ws-act=new]").click()
    b.locator("[data-stcb-ws-act=new-ok]").click()
    b.evaluate("window.stcb.meetings.flush()")
    a.wait_for_function("document.querySelectorAll('#stcb-ws-select option').length === 2")
    b.locator("[data-stcb-ws-act=delete]").click()
    b.locator("[data-stcb-ws-act=delete-ok]").click()
    b.evaluate("window.stcb.meetings.flush()")
    a.wait_for_function("document.querySelectorAll('#stcb-ws-select option').length === 1")
    state = json.loads(stored(a))
    assert len(state["meetings"]) == 1
    assert saved(b)["meetings"] == state["meetings"]

    # "Clear data" in one tab empties the other too, without an extra meeting.
    a.locator("[data-stcb-ws-act=clear]").click()
    a.locator("[data-stcb-ws-act=clear-ok]").click()
    b.wait_for_function("document.querySelector(\"[data-stcb-input='place']\").value === ''")
    b.wait_for_timeout(500)  # any write b would make on hearing of it is done by now
    assert len(saved(b)["meetings"]) == 1 and saved(a)["meetings"] == saved(b)["meetings"]


def test_the_import_controls_pass_axe_with_an_error_and_a_question(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    choose(page, "x.json", "not json")
    page.locator(ERROR).wait_for(state="visible")
    assert run_axe(page) == []
    data, name = export(page, "export-one")
    choose(page, name, json.dumps(data, ensure_ascii=False))
    page.locator("[data-stcb-ws-panel=clash]").wait_for(state="visible")
    assert run_axe(page) == []
    # Keyboard: the question has focus; Tab reaches the three answers in order.
    labels = []
    for _ in range(3):
        page.keyboard.press("Tab")
        labels.append(page.evaluate("document.activeElement.textContent"))
    assert labels == ["Thay bằng bản trong tệp", "Giữ cả hai", "Hủy"]


def test_data_from_a_newer_version_is_never_overwritten(context, server):
    stamp = "2027-01-01T00:00:00Z"
    newer = json.dumps({"format": "stcb-meetings", "version": 3, "current": "mnew1",
                        "meetings": {"mnew1": {"name": "Từ bản mới", "created": stamp,
                                               "updated": stamp, "shared": {"place": "Phòng B"},
                                               "forms": {}, "extra": {"a": 1}}}},
                       ensure_ascii=False)
    # 1. Found on load: shown as far as it can be read, never written over.
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('stcb:meetings', {json.dumps(newer)})")
    page.goto(url(server, MINUTES))
    assert page.locator(STATUS).inner_text().startswith("Dữ liệu đã lưu do một phiên bản mới hơn")
    assert field(page, "place").input_value() == "Phòng B"
    field(page, "place").fill("Phòng C")
    choose(page, "ok.json", json.dumps(valid_file(), ensure_ascii=False))
    assert page.locator(ERROR).inner_text().startswith(
        "Không nhập được: dữ liệu đã lưu do phiên bản mới hơn")
    page.evaluate("window.stcb.meetings.flush()")
    assert page.evaluate("localStorage.getItem('stcb:meetings')") == newer
    page.close()

    # 2. Written by another tab (a newer version) while this page is open.
    fresh = context.new_page()
    fresh.goto(f"{server}/in-an/")
    fresh.evaluate("localStorage.clear()")
    a = context.new_page()
    a.goto(url(server, MINUTES))
    field(a, "place").fill("Phòng A")
    a.evaluate("window.stcb.meetings.flush()")
    landed(fresh, "m.place === 'Phòng A'")  # the newer write comes after a's, as staged
    fresh.evaluate(f"localStorage.setItem('stcb:meetings', {json.dumps(newer)})")
    a.wait_for_function("document.querySelector('[data-stcb-ws-status]').textContent"
                        ".startsWith('Dữ liệu đã lưu do một phiên bản mới hơn')")
    field(a, "chair").fill("Lê Văn Thắng")
    a.evaluate("window.stcb.meetings.flush()")
    assert a.evaluate("localStorage.getItem('stcb:meetings')") == newer

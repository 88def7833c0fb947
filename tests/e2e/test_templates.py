"""Meeting templates in real Chromium: autosave, the meeting workspace, checks in both
languages, keyboard-only rows, check answers, print in the official layout, privacy
(no request while filling) and clearing the data."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest

from scripts.handbook.meeting_templates import load_templates
from tests.conftest import run_axe

pytestmark = pytest.mark.browser

TEMPLATE_IDS = list(load_templates())
MINUTES = "bien-ban-sinh-hoat-chi-bo"
RESOLUTION = "nghi-quyet-chi-bo"

# One field of its own per template, to prove each saves what is typed.
OWN_FIELD = {
    "thong-bao-sinh-hoat": ("focus", "Thảo luận dự thảo nghị quyết tháng 12"),
    "bien-ban-hop-chi-uy": ("presented", "Bí thư trình bày dự thảo nghị quyết"),
    "bien-ban-sinh-hoat-chi-bo": ("conclusion", "Chi bộ thống nhất các nhiệm vụ tháng 12"),
    "nghi-quyet-chi-bo": ("results", "Hoàn thành kế hoạch học kỳ I"),
    "ke-hoach-thuc-hien": ("purpose", "Cụ thể hóa Nghị quyết số 03-NQ/CB"),
    "bao-cao-so-ket-tong-ket": ("lessons", "Phân công rõ người, rõ việc"),
}

MINUTES_TEXT = {
    "superior_body": "Đảng bộ Trường Đại học Sư phạm Kỹ thuật",
    "cell_name": "Chi bộ Khoa Cơ khí",
    "number": "05",
    "locality": "Thủ Đức",
    "meeting_date": "2026-11-05",
    "start_time": "14:00",
    "place": "Phòng họp A1-201",
    "official_members": "16",
    "probationary_members": "2",
    "chair": "Lê Văn Thắng",
    "minute_taker": "Phạm Thị Lan",
    "guests": "Đồng chí Võ Minh Quân, đảng ủy viên phụ trách chi bộ",
    "agenda": "Học tập chuyên đề năm 2026\nĐánh giá kết quả tháng 10",
    "opening": "Đồng chí Bí thư tuyên bố lý do, thông qua chương trình.",
    "item_study": "Quán triệt chuyên đề năm 2026.",
    "item_news": "Thông tin thời sự trong tháng.",
    "item_report": "Tháng 10 hoàn thành kế hoạch giảng dạy; tháng 11 tổ chức hội thảo.",
    "conclusion": "Chi bộ thống nhất các nhiệm vụ tháng 11.",
    "vote_agree": "14",
    "vote_disagree": "0",
    "vote_abstain": "0",
    "minutes_vote_agree": "14",
    "end_time": "16:30",
}
ABSENT = [("Nguyễn Thị Hồng", "đi công tác"), ("Trần Văn Đức", "ốm")]
DISCUSSION = [("Hoàng Minh Tuấn", "Nhất trí với báo cáo."),
              ("Đặng Thu Hà", "Đề nghị phân công cụ thể.")]


def url(server, template_id="", lang="vi"):
    prefix = "/en" if lang == "en" else ""
    return f"{server}{prefix}/bieu-mau/{template_id + '/' if template_id else ''}"


def field(page, name):
    return page.locator(f"[data-stcb-input='{name}']")


def rows(page, group):
    return page.locator(f"[data-stcb-rows='{group}'] [data-stcb-row]")


def row_input(page, group, index, column):
    return rows(page, group).nth(index).locator(f"[data-stcb-col='{column}']")


def saved(page):
    """The stored workspace, after the pending save is written."""
    page.evaluate("window.stcb.meetings.flush()")
    return json.loads(page.evaluate("localStorage.getItem('stcb:meetings')"))


def current_meeting(page):
    state = saved(page)
    return state["meetings"][state["current"]]


def fill_minutes(page):
    for name, value in MINUTES_TEXT.items():
        field(page, name).fill(value)
    group = page.locator("[data-stcb-rows='absent_with_reason']")
    for index, (name, reason) in enumerate(ABSENT):
        group.locator("[data-stcb-act=add]").click()
        row_input(page, "absent_with_reason", index, "name").fill(name)
        row_input(page, "absent_with_reason", index, "reason").fill(reason)
    for index, (speaker, opinion) in enumerate(DISCUSSION):
        if index:
            page.locator("[data-stcb-rows='discussion'] [data-stcb-act=add]").click()
        row_input(page, "discussion", index, "speaker").fill(speaker)
        row_input(page, "discussion", index, "opinion").fill(opinion)
    field(page, "read_back").check()


def fill_resolution(page):
    field(page, "resolution_number").fill("03")
    field(page, "period").fill("tháng 12 năm 2026")
    field(page, "results").fill("Hoàn thành kế hoạch học kỳ I.")
    field(page, "tasks").fill("Tổng kết học kỳ I.")
    row_input(page, "assignments", 0, "person").fill("Đồng chí Hoàng Minh Tuấn")
    row_input(page, "assignments", 0, "task").fill("phụ trách tổng kết học kỳ I.")
    field(page, "recipients").fill("Đảng ủy Trường (để báo cáo)\nLưu chi bộ")
    field(page, "signer_title").select_option("BÍ THƯ")
    field(page, "signer_name").fill("Lê Văn Thắng")


# Autosave ----------------------------------------------------------------------------

@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_each_template_keeps_what_was_typed_after_reload(watched, server, template_id):
    page = watched.page
    page.goto(url(server, template_id))
    name, value = OWN_FIELD[template_id]
    field(page, name).fill(value)
    field(page, "cell_name").fill("Chi bộ Khoa Cơ khí")
    page.reload()
    assert field(page, name).input_value() == value
    assert field(page, "cell_name").input_value() == "Chi bộ Khoa Cơ khí"
    assert watched.console_errors == []


def test_the_minutes_keep_every_field_and_row_after_reload(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    page.reload()
    for name, value in MINUTES_TEXT.items():
        assert field(page, name).input_value() == value, name
    assert field(page, "read_back").is_checked()
    assert rows(page, "absent_with_reason").count() == 2
    for index, (name, reason) in enumerate(ABSENT):
        assert row_input(page, "absent_with_reason", index, "name").input_value() == name
        assert row_input(page, "absent_with_reason", index, "reason").input_value() == reason
    for index, (speaker, opinion) in enumerate(DISCUSSION):
        assert row_input(page, "discussion", index, "speaker").input_value() == speaker
        assert row_input(page, "discussion", index, "opinion").input_value() == opinion


def test_what_was_typed_survives_a_closed_tab(context, server):
    page = context.new_page()
    page.goto(url(server, RESOLUTION))
    field(page, "results").fill("Kết quả tháng 11")
    page.close(run_before_unload=True)  # no explicit save: pagehide must write it
    again = context.new_page()
    again.goto(url(server, RESOLUTION))
    assert field(again, "results").input_value() == "Kết quả tháng 11"


def test_state_is_one_versioned_json_object(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    field(page, "place").fill("Phòng họp A1")
    field(page, "conclusion").fill("Thống nhất")
    state = saved(page)
    assert state["format"] == "stcb-meetings" and state["version"] == 2
    meeting = state["meetings"][state["current"]]
    assert meeting["shared"]["place"] == "Phòng họp A1"
    assert meeting["forms"][MINUTES]["conclusion"] == "Thống nhất"


def test_decomposed_text_is_stored_as_nfc(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    field(page, "chair").fill(decomposed)
    assert field(page, "chair").input_value() == unicodedata.normalize("NFC", decomposed)
    assert current_meeting(page)["shared"]["chair"] == "Nguyễn Thị Hồng"


# Meeting workspace ----------------------------------------------------------------

def test_shared_details_flow_into_every_template_of_the_meeting(context, server):
    page = context.new_page()
    page.goto(url(server, "thong-bao-sinh-hoat"))
    field(page, "cell_name").fill("Chi bộ Khoa Điện")
    field(page, "meeting_date").fill("2026-12-03")
    field(page, "place").fill("Hội trường B")
    field(page, "agenda").fill("Sinh hoạt chuyên đề")
    page.goto(url(server, RESOLUTION))
    assert field(page, "cell_name").input_value() == "Chi bộ Khoa Điện"
    assert field(page, "meeting_date").input_value() == "2026-12-03"
    page.goto(url(server, MINUTES))
    assert field(page, "place").input_value() == "Hội trường B"
    assert field(page, "agenda").input_value() == "Sinh hoạt chuyên đề"
    page.goto(url(server))  # the workspace on the index page
    assert field(page, "cell_name").input_value() == "Chi bộ Khoa Điện"
    field(page, "superior_body").fill("Đảng bộ Trường")
    page.goto(url(server, "ke-hoach-thuc-hien", "en"))  # English page, same meeting
    assert field(page, "superior_body").input_value() == "Đảng bộ Trường"


def test_meetings_can_be_created_switched_renamed_and_deleted(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    select = page.locator("[data-stcb-ws-select]")
    assert select.locator("option").count() == 1  # a default meeting on first use
    field(page, "place").fill("Phòng A (tháng 11)")
    first = select.input_value()

    page.locator("[data-stcb-ws-act=rename]").click()
    name_box = page.locator("#stcb-ws-rename-name")
    assert page.evaluate("document.activeElement.id") == "stcb-ws-rename-name"
    name_box.fill("Tháng 11/2026")
    page.locator("[data-stcb-ws-act=rename-ok]").click()
    assert select.locator("option:checked").inner_text() == "Tháng 11/2026"

    page.locator("[data-stcb-ws-act=new]").click()
    page.locator("#stcb-ws-new-name").fill("Tháng 12/2026")
    page.locator("#stcb-ws-new-name").press("Enter")
    assert select.locator("option").count() == 2
    assert select.locator("option:checked").inner_text() == "Tháng 12/2026"
    assert field(page, "place").input_value() == ""  # a new meeting starts empty
    field(page, "place").fill("Phòng B (tháng 12)")

    select.select_option(first)
    assert field(page, "place").input_value() == "Phòng A (tháng 11)"
    page.reload()
    assert page.locator("[data-stcb-ws-select] option:checked").inner_text() == "Tháng 11/2026"

    # Delete asks first; cancelling keeps the meeting.
    page.locator("[data-stcb-ws-act=delete]").click()
    question = page.locator("#stcb-ws-delete-q")
    assert "Tháng 11/2026" in question.inner_text()
    assert page.evaluate("document.activeElement.id") == "stcb-ws-delete-q"
    page.locator("[data-stcb-ws-panel=delete] [data-stcb-ws-act=cancel]").click()
    assert select.locator("option").count() == 2
    page.locator("[data-stcb-ws-act=delete]").click()
    page.locator("[data-stcb-ws-act=delete-ok]").click()
    assert select.locator("option").count() == 1
    assert select.locator("option:checked").inner_text() == "Tháng 12/2026"
    assert field(page, "place").input_value() == "Phòng B (tháng 12)"
    assert [m["name"] for m in saved(page)["meetings"].values()] == ["Tháng 12/2026"]


def test_an_empty_meeting_name_is_refused(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES, "en"))
    page.locator("[data-stcb-ws-act=rename]").click()
    page.locator("#stcb-ws-rename-name").fill("   ")
    page.locator("[data-stcb-ws-act=rename-ok]").click()
    assert page.locator("#stcb-ws-rename-error").inner_text() == "Enter a name for the meeting."
    assert page.locator("#stcb-ws-rename-name").get_attribute("aria-invalid") == "true"


# Checks -------------------------------------------------------------------------------

# Every check is a warning listed on the check-answers step ("Cần xem lại"), linked to
# its field; only a count that is not a number is an error. None hides Print or Word
# (issue 13: before, any failed check kept the secretary on the form).
CHECK_TEXT = {
    "vi": {
        "fits": "Số miễn sinh hoạt không dự cộng số vắng (12) lớn hơn tổng số đảng viên (10).",
        "required": "Hãy điền “Kết luận của người chủ trì”.",
        "number": "Lỗi: “Số tán thành”: nhập một con số, ví dụ 12.",
        "title": "Cần xem lại",
    },
    "en": {
        "fits": "Exempt members not attending plus those absent (12) are more than the total "
                "members (10).",
        "required": "Enter “The chair's conclusion”.",
        "number": "Error: “In favour”: type a number, for example 12.",
        "title": "Please check",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_checks_fire_in_the_page_language(context, server, lang):
    page = context.new_page()
    page.goto(url(server, MINUTES, lang))
    field(page, "official_members").fill("10")
    field(page, "exempt_absent").fill("12")
    field(page, "vote_agree").fill("mười")
    page.locator("[data-stcb-act=preview]").click()
    review = page.locator("[data-stcb-review]")
    assert review.is_visible()
    for act in ("print", "docx"):  # nothing hides Print or Word
        assert review.locator(f"[data-stcb-act={act}]").is_visible()
    assert page.locator("[data-stcb-filled] [data-stcb-doc]").is_visible()
    text = CHECK_TEXT[lang]
    issues = review.locator("[data-stcb-issues]")
    assert text["title"] in issues.locator("h3").all_inner_texts()
    assert text["required"] in issues.locator("[data-stcb-missing] a").all_inner_texts()
    links = issues.locator("[data-stcb-check] a").all_inner_texts()
    for key in ("fits", "number"):
        assert text[key] in links
    # The link goes back to the field, where the message stands inline.
    issues.locator("a", has_text=text["fits"]).click()
    assert page.evaluate("document.activeElement.id") == "stcb-f-exempt_absent"
    exempt = field(page, "exempt_absent")
    assert exempt.get_attribute("aria-invalid") == "true"
    error_id = exempt.get_attribute("aria-describedby").split()[-1]
    assert text["fits"] in page.locator(f"#{error_id}").inner_text()
    summary = page.locator("[data-stcb-error-summary]")
    assert summary.locator("h3").inner_text() == text["title"]
    exempt.fill("2")
    assert text["fits"] not in summary.inner_text()
    assert exempt.get_attribute("aria-invalid") is None


@pytest.mark.parametrize(("lang", "message"), [
    ("vi", "Ngày ra thông báo (05/11/2026) phải trước ngày sinh hoạt (05/11/2026) "
           "ít nhất một ngày."),
    ("en", "The notice date (05/11/2026) must be at least one day before the meeting "
           "(05/11/2026)."),
])
def test_the_notice_must_go_out_a_day_ahead(context, server, lang, message):
    page = context.new_page()
    page.goto(url(server, "thong-bao-sinh-hoat", lang))
    field(page, "meeting_date").fill("2026-11-05")
    assert page.locator("[data-stcb-computed=send_by]").inner_text() == "04/11/2026"
    field(page, "notice_date").fill("2026-11-05")
    page.locator("[data-stcb-act=preview]").click()
    assert message in page.locator("[data-stcb-review] [data-stcb-check]").inner_text()
    page.locator("[data-stcb-review] [data-stcb-act=back]").click()
    field(page, "notice_date").fill("2026-11-04")
    assert message not in page.locator("[data-stcb-error-summary]").inner_text()


def test_dates_must_be_in_order(context, server):
    # Absentees are no longer checked against total − present: those present are
    # worked out from the absentees named (issue 13 point 2: exempt members are not absent).
    page = context.new_page()
    page.goto(url(server, MINUTES))
    field(page, "start_time").fill("14:00")
    field(page, "end_time").fill("13:00")
    page.locator("[data-stcb-act=preview]").click()
    summary = page.locator("[data-stcb-review] [data-stcb-check]").inner_text()
    assert "Giờ kết thúc (13 giờ 00) không được sớm hơn giờ bắt đầu (14 giờ 00)." in summary

    page.goto(url(server, "ke-hoach-thuc-hien", "en"))
    row_input(page, "tasks", 0, "work").fill("Hội thảo")
    row_input(page, "tasks", 0, "start").fill("2026-12-10")
    row_input(page, "tasks", 0, "end").fill("2026-12-01")
    page.locator("[data-stcb-act=preview]").click()
    assert ("The end date (01/12/2026) cannot be before the start date (10/12/2026). (Task 1)"
            in page.locator("[data-stcb-review] [data-stcb-check]").inner_text())


# Keyboard-only rows -------------------------------------------------------------------

def focused(page, attribute="data-stcb-col"):
    return page.evaluate(f"""() => {{
        const el = document.activeElement;
        const row = el.closest('[data-stcb-row]');
        const rows = row ? [...row.parentNode.children] : [];
        return [el.getAttribute('{attribute}') || el.getAttribute('data-stcb-act'),
                rows.indexOf(row)];
    }}""")


def test_rows_can_be_added_filled_moved_and_removed_by_keyboard(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    keys = page.keyboard
    row_input(page, "discussion", 0, "speaker").focus()
    keys.type("Người A")
    keys.press("Tab")
    keys.type("Ý kiến A")
    # A single row cannot move: Tab skips the disabled Move up / Move down.
    keys.press("Tab")
    assert focused(page) == ["remove", 0]
    keys.press("Tab")
    assert focused(page) == ["add", -1]
    keys.press("Enter")
    assert focused(page) == ["speaker", 1]  # the new row's first field
    keys.type("Người B")
    keys.press("Tab")
    keys.type("Ý kiến B")
    keys.press("Tab")
    assert focused(page) == ["up", 1]
    keys.press("Enter")  # move row B up
    speakers = [r["speaker"] for r in current_meeting(page)["forms"][MINUTES]["discussion"]]
    assert speakers == ["Người B", "Người A"]
    assert focused(page) == ["down", 0]  # up is now disabled: focus goes to its partner
    assert rows(page, "discussion").nth(0).locator("legend").inner_text() == "Ý kiến 1"
    keys.press("Space")  # and back down
    speakers = [r["speaker"] for r in current_meeting(page)["forms"][MINUTES]["discussion"]]
    assert speakers == ["Người A", "Người B"]
    assert focused(page) == ["up", 1]
    keys.press("Tab")  # Move down is disabled on the last row
    assert focused(page) == ["remove", 1]
    keys.press("Enter")  # remove row B: focus goes to the row before it
    assert focused(page) == ["speaker", 0]
    assert rows(page, "discussion").count() == 1
    assert [r["speaker"] for r in current_meeting(page)["forms"][MINUTES]["discussion"]] \
        == ["Người A"]
    page.reload()
    assert row_input(page, "discussion", 0, "opinion").input_value() == "Ý kiến A"


# Check answers and print ------------------------------------------------------------------

def test_check_answers_lists_every_field_with_change_links(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    field(page, "item_news").fill("")
    page.locator("[data-stcb-act=preview]").click()
    review = page.locator("[data-stcb-review]")
    assert review.is_visible()
    assert page.evaluate("document.activeElement.id") == "stcb-review-title"
    row = review.locator(".stcb-summary__row", has=page.locator("dt", has_text="Thông tin thời sự"))
    assert row.locator("dd").first.inner_text() == "Chưa điền"
    place = review.locator(".stcb-summary__row", has=page.locator("dt", has_text="Địa điểm"))
    assert place.locator("dd").first.inner_text() == "Phòng họp A1-201"
    place.locator("a", has_text="Sửa").click()
    assert page.evaluate("document.activeElement.id") == "stcb-f-place"
    assert not review.is_visible()


def print_view(page):
    page.locator("[data-stcb-act=preview]").click()
    page.emulate_media(media="print")
    return page.locator("[data-stcb-filled] [data-stcb-doc]")


def test_print_shows_the_minutes_in_the_official_layout_only(context, server, tmp_path):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    doc = print_view(page)
    assert doc.is_visible()
    assert doc.locator(".stcb-doc__party-text").inner_text() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    rule = doc.locator(".stcb-doc__party-text").evaluate(
        "el => getComputedStyle(el).borderBottomStyle")
    assert rule == "solid"
    assert doc.locator(".stcb-doc__superior").inner_text() == \
        "ĐẢNG BỘ TRƯỜNG ĐẠI HỌC SƯ PHẠM KỸ THUẬT"
    issuer = doc.locator(".stcb-doc__issuer")
    assert issuer.inner_text() == "CHI BỘ KHOA CƠ KHÍ"
    assert issuer.evaluate("el => getComputedStyle(el).fontWeight") == "700"
    assert doc.locator(".stcb-doc__mark").inner_text() == "*"
    assert doc.locator(".stcb-doc__number").inner_text() == "Số 05-BB/CB"
    date = doc.locator(".stcb-doc__place-date")
    assert date.inner_text() == "Thủ Đức, ngày 05 tháng 11 năm 2026"
    assert date.evaluate("el => getComputedStyle(el).fontStyle") == "italic"
    assert doc.locator(".stcb-doc__type").inner_text() == "BIÊN BẢN"
    assert doc.locator(".stcb-doc__summary").inner_text() == \
        "sinh hoạt chi bộ tháng 11 năm 2026"
    body = doc.locator(".stcb-doc__body").inner_text()
    assert "Vắng có lý do: 2 đồng chí: đồng chí Nguyễn Thị Hồng (đi công tác), " \
           "đồng chí Trần Văn Đức (ốm)." in body
    assert "- Đồng chí Hoàng Minh Tuấn: Nhất trí với báo cáo." in body
    assert "Buổi sinh hoạt kết thúc lúc 16 giờ 30 phút cùng ngày." in body
    signatures = doc.locator(".stcb-doc__sign").all_inner_texts()
    assert signatures[0].split("\n")[0] == "THƯ KÝ" and "Phạm Thị Lan" in signatures[0]
    assert signatures[1].split("\n")[0] == "CHỦ TRÌ" and "Lê Văn Thắng" in signatures[1]
    # The site's chrome, the form and the blank copy do not print.
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "h1",
                     "[data-stcb-form]", "[data-stcb-ws]", "[data-stcb-blank]",
                     ".stcb-summary"):
        assert not page.locator(selector).first.is_visible(), selector
    font = doc.evaluate("el => getComputedStyle(el).fontFamily")
    assert font.startswith("Tinos")

    pdf = tmp_path / "minutes.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    first_page = text.split("\f")[0]
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ KHOA CƠ KHÍ", "Số 05-BB/CB",
                     "Thủ Đức, ngày 05 tháng 11 năm 2026", "BIÊN BẢN",
                     "sinh hoạt chi bộ tháng 11 năm 2026", "Đồng chí Võ Minh Quân"):
        assert expected in first_page, expected
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text
    assert "Sổ tay" not in text  # no site name, header or navigation
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "pts (A4)" in info
    assert first_page.lstrip().startswith("ĐẢNG BỘ")  # no page number on page 1


def test_print_shows_the_resolution_with_signature_block_and_recipients(context, server,
                                                                        tmp_path):
    page = context.new_page()
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    page.goto(url(server, RESOLUTION, "en"))  # English page: the document stays Vietnamese
    fill_resolution(page)
    doc = print_view(page)
    assert doc.get_attribute("lang") == "vi"
    assert doc.locator(".stcb-doc__number").inner_text() == "Số 03-NQ/CB"
    assert doc.locator(".stcb-doc__type").inner_text() == "NGHỊ QUYẾT"
    assert doc.locator(".stcb-doc__summary").inner_text() == \
        "lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026"
    body = doc.locator(".stcb-doc__body").inner_text()
    assert ("Tổng số đảng viên: 18 (chính thức 16, dự bị 2); có mặt 16 (chính thức 14, "
            "dự bị 2); vắng 2 (có lý do 2, không lý do 0)." in body)
    assert ("Nghị quyết được chi bộ biểu quyết thông qua: nhất trí 100% (14/14 đảng viên "
            "chính thức có mặt)." in body)
    assert "I. KẾT QUẢ, HẠN CHẾ VÀ NGUYÊN NHÂN" in body
    assert "1. Kết quả đạt được:" in body and "2. Nhiệm vụ:" not in body  # renumbered parts
    assert "1. Nhiệm vụ:" in body
    sign = doc.locator(".stcb-doc__sign").inner_text().split("\n")
    assert [line for line in sign if line.strip()] == ["T/M CHI BỘ", "BÍ THƯ", "Lê Văn Thắng"]
    label = doc.locator(".stcb-doc__recipients-label")
    assert label.inner_text() == "Nơi nhận:"
    assert label.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    assert doc.locator(".stcb-doc__recipients-list li").all_inner_texts() == \
        ["- Đảng ủy Trường (để báo cáo),", "- Lưu chi bộ."]
    pdf = tmp_path / "resolution.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("NGHỊ QUYẾT", "T/M CHI BỘ", "Nơi nhận:", "Lê Văn Thắng"):
        assert expected in text


def test_the_blank_copy_prints_with_and_without_javascript(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(url(server, "ke-hoach-thuc-hien"))
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    page.locator(".stcb-blank [data-stcb-act=print-blank]").click()
    assert page.locator("[data-stcb-template]").get_attribute("data-print") == "blank"
    page.emulate_media(media="print")
    assert page.locator("[data-stcb-blank] [data-stcb-doc]").is_visible()
    assert not page.locator("[data-stcb-filled]").is_visible()
    table = page.locator("[data-stcb-blank] .stcb-doc__table")
    assert table.locator("th").all_inner_texts()[1] == "Nội dung công việc"
    context.close()

    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(url(server, MINUTES))
    assert page.locator(".stcb-ws__nojs").is_visible()
    assert not page.locator("[data-stcb-act=preview]").is_visible()
    page.emulate_media(media="print")
    blank = page.locator("[data-stcb-blank] [data-stcb-doc]")
    assert blank.is_visible()
    assert blank.locator(".stcb-doc__number").inner_text().startswith("Số ")
    assert "THƯ KÝ" in blank.inner_text()
    assert not page.locator("[data-stcb-form]").is_visible()
    no_js.close()


# Privacy -----------------------------------------------------------------------------

def test_filling_a_template_sends_nothing(context, server):
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(url(server, MINUTES))
    page.wait_for_load_state("networkidle")
    loaded = list(requests)
    assert all(r.url.startswith(server) for r in loaded)
    assert all(r.method == "GET" for r in loaded)
    assert not [r.url for r in loaded if r.resource_type in ("xhr", "fetch")
                and "search" not in r.url]
    requests.clear()
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    page.locator("[data-stcb-act=back]").click()
    page.locator("[data-stcb-ws-act=new]").click()
    page.locator("[data-stcb-ws-act=new-ok]").click()
    saved(page)
    page.wait_for_timeout(500)
    # (The browser's own favicon fetch, a GET of the site's icon, may come late under load:
    # it carries nothing typed.)
    assert [r.url for r in requests
            if not (r.method == "GET" and r.url == f"{server}/assets/images/favicon.svg")] == []


def test_clear_data_removes_everything_after_confirmation(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES, "en"))
    field(page, "place").fill("Phòng họp A1")
    field(page, "conclusion").fill("Thống nhất")
    page.locator("[data-stcb-ws-act=clear]").click()
    assert page.evaluate("document.activeElement.id") == "stcb-ws-clear-q"
    page.locator("[data-stcb-ws-panel=clear] [data-stcb-ws-act=cancel]").click()
    assert field(page, "place").input_value() == "Phòng họp A1"
    page.locator("[data-stcb-ws-act=clear]").click()
    page.locator("[data-stcb-ws-act=clear-ok]").click()
    assert field(page, "place").input_value() == ""
    assert field(page, "conclusion").input_value() == ""
    assert page.locator("[data-stcb-ws-status]").inner_text() == (
        "Everything this site kept on this device has been deleted.")
    state = saved(page)
    assert len(state["meetings"]) == 1
    assert list(state["meetings"].values())[0]["shared"] == {}
    page.reload()
    assert field(page, "place").input_value() == ""


def test_pages_state_privacy_and_layout_rules(context, server):
    for lang, privacy, layout in (
        ("vi", "Không có gì được gửi đi đâu.", "Trình bày theo HD 36-HD/VPTW (2018)"),
        ("en", "Nothing is sent anywhere.", "Laid out according to HD 36-HD/VPTW (2018)"),
    ):
        for template_id in ("", MINUTES):
            page = context.new_page()
            page.goto(url(server, template_id, lang))
            text = page.locator("article").inner_text()
            assert privacy in text
            assert layout in text
            page.close()
    page = context.new_page()
    page.goto(url(server, MINUTES, "en"))
    assert "The printed document is in Vietnamese" in page.locator("article").inner_text()
    assert page.locator("label[for='stcb-f-place']").inner_text() == "Place (required)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_error_and_review_states_pass_axe(browser, server, scheme):
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # axe is injected
    page = context.new_page()
    page.goto(url(server, MINUTES))
    field(page, "official_members").fill("5")
    field(page, "exempt_absent").fill("9")
    page.locator("[data-stcb-act=preview]").click()
    page.locator("[data-stcb-act=back]").click()
    page.locator("[data-stcb-ws-act=delete]").click()
    # axe measures colour under the sticky header if a button sits beneath it.
    page.evaluate("window.scrollTo(0, 0)")
    assert run_axe(page) == []
    page.goto(url(server, MINUTES))
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    assert page.locator("[data-stcb-review]").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    assert run_axe(page) == []
    context.close()

"""The realistic cells of tests/data/cells.yml in real Chromium: each is typed into the
minutes and the resolution as a secretary would, and must show exactly its expected
figures in the form, the printed PDF (pdftotext) and the Word file (python-docx), in
both page languages; a warning never hides Print, Word or the document."""

from __future__ import annotations

import subprocess

import docx
import pytest

from tests.test_count import CELLS

pytestmark = pytest.mark.browser

MINUTES = "bien-ban-sinh-hoat-chi-bo"
RESOLUTION = "nghi-quyet-chi-bo"
# Every cell in Vietnamese; the mixed cell of 20 and the exactly-half one in English too.
CASES = [(c, "vi") for c in CELLS] + [(c, "en") for c in CELLS
                                       if c["id"] in ("twenty-mixed", "exactly-half")]


def url(server, template_id, lang):
    return f"{server}{'/en' if lang == 'en' else ''}/bieu-mau/{template_id}/"


def type_cell(page, typed: dict):
    """Type the cell's values into the form, rows by their add buttons."""
    for name, value in typed.items():
        if isinstance(value, list):
            group = page.locator(f"[data-stcb-rows='{name}']")
            for index, row in enumerate(value):
                group.locator("[data-stcb-act=add]").click()
                for column, text in row.items():
                    group.locator("[data-stcb-row]").nth(index).locator(
                        f"[data-stcb-col='{column}']").fill(text)
        else:
            box = page.locator(f"[data-stcb-input='{name}']")
            if box.count():
                box.fill(value)
                box.dispatch_event("change")


def pdf_text(page, tmp_path) -> str:
    page.emulate_media(media="print")
    target = tmp_path / "doc.pdf"
    page.pdf(path=str(target), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


def word_text(page, tmp_path) -> str:
    with page.expect_download() as info:
        page.locator("[data-stcb-review] [data-stcb-act=docx]").click()
    target = tmp_path / "doc.docx"
    info.value.save_as(target)
    return " ".join(p.text for p in docx.Document(str(target)).paragraphs)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("cell", "lang"), CASES,
                         ids=[f"{c['id']}-{lang}" for c, lang in CASES])
def test_a_cell_prints_its_figures_in_form_pdf_and_word(context, server, tmp_path, cell,
                                                       lang):
    page = context.new_page()
    expect = cell["expect"]
    page.goto(url(server, MINUTES, lang))
    type_cell(page, cell["typed"])
    # The form shows the figures as they are typed.
    page.locator("[data-stcb-computed='attendance_summary']").filter(
        has_text=expect["attendance"]).wait_for()
    assert page.locator("[data-stcb-computed='vote_result']").inner_text() == expect["vote"]
    page.locator("[data-stcb-act=preview]").click()
    review = page.locator("[data-stcb-review]")
    review.wait_for()
    # Nothing hides Print, Word or the document, whatever is missing or disputed.
    for act in ("print", "docx"):
        assert review.locator(f"[data-stcb-act={act}]").is_visible()
    doc = page.locator("[data-stcb-filled] [data-stcb-doc]")
    assert doc.is_visible()
    assert review.locator("[data-stcb-missing] li").count() > 0  # the rest is left empty
    checks = review.locator("[data-stcb-check]").inner_text()
    if "majority" in expect["warnings"]:
        assert "QĐ 24-QĐ/TW" in checks
    else:
        assert "QĐ 24-QĐ/TW" not in checks
    body = flat(doc.inner_text())
    attendance = f"- {expect['attendance']}."
    vote = f"Chi bộ biểu quyết thông qua kết luận: {expect['vote']}."
    assert attendance in body and vote in body
    assert "……" in body  # empty fields print as dotted blanks
    printed = pdf_text(page, tmp_path)
    assert flat(attendance) in printed and flat(vote) in printed
    word = word_text(page, tmp_path)
    assert attendance in word and vote in word
    # The resolution of the same meeting prints the same figures (shared attendance).
    page.goto(url(server, RESOLUTION, lang))
    page.locator("[data-stcb-act=preview]").click()
    body = flat(page.locator("[data-stcb-filled] [data-stcb-doc]").inner_text())
    assert f"{expect['attendance']}." in body
    assert f"Nghị quyết được chi bộ biểu quyết thông qua: {expect['vote']}." in body
    page.close()


def test_unanimous_is_one_tap(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES, "vi"))
    type_cell(page, {"official_members": "18", "probationary_members": "2",
                     "exempt_absent": "2"})
    page.locator("[data-stcb-field='vote_agree'] [data-stcb-act=unanimous]").click()
    assert page.locator("[data-stcb-input='vote_agree']").input_value() == "16"
    assert page.locator("[data-stcb-computed='vote_result']").inner_text() == \
        "nhất trí 100% (16/16 đảng viên chính thức có mặt)"
    page.close()


def test_a_count_typed_with_words_is_understood_or_explained_at_once(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES, "vi"))
    box = page.locator("[data-stcb-input='official_members']")
    box.fill("12 đồng chí")
    box.dispatch_event("change")
    assert box.input_value() == "12"
    box.fill("mười hai")
    page.locator("[data-stcb-act=preview]").click()
    checks = page.locator("[data-stcb-review] [data-stcb-check]").inner_text()
    assert "Nhập một con số, ví dụ 12" in checks or "nhập một con số, ví dụ 12" in checks
    assert page.locator("[data-stcb-review] [data-stcb-act=print]").is_visible()
    page.close()


# The cell's profile ------------------------------------------------------------------

FULL = [f"Đảng viên {n:02d}" for n in range(1, 17)]
PROFILE = {
    "superior_body": "Đảng bộ Trường Đại học Sư phạm Kỹ thuật",
    "cell_name": "Chi bộ Khoa Cơ khí",
    "secretary": "Lê Văn Thắng",
    "roll_full": "\n".join(FULL),
    "roll_probationary": "Dự bị Một\nDự bị Hai",
    "roll_exempt": "Miễn Một\nĐồng chí Miễn Hai",
    "roll_attached": "Tạm thời Một",
}
TWENTY = ("Tổng số đảng viên: 20 (chính thức 18, dự bị 2); có mặt 16 (chính thức 14, dự bị 2); "
          "vắng 2 (có lý do 2, không lý do 0); miễn sinh hoạt không dự 2; "
          "sinh hoạt tạm thời có mặt 1")


def test_a_second_meeting_starts_from_the_profile_and_the_roll_call_is_three_taps(
        context, server):
    page = context.new_page()
    page.goto(f"{server}/bieu-mau/ho-so-chi-bo/")
    for name, value in PROFILE.items():
        page.locator(f"[data-stcb-profile='{name}']").fill(value)
    page.locator("[data-stcb-profile-status]").filter(has_text="Đã lưu").wait_for()
    page.goto(url(server, MINUTES, "vi"))
    # A second meeting, made from the meeting bar, starts from the profile too.
    page.locator("[data-stcb-ws-act=new]").click()
    page.locator("#stcb-ws-new-name").fill("Tháng 12/2026")
    page.locator("#stcb-ws-new-name").press("Enter")
    assert page.locator("[data-stcb-input='cell_name']").input_value() == "Chi bộ Khoa Cơ khí"
    assert page.locator("[data-stcb-input='chair']").input_value() == "Lê Văn Thắng"
    assert page.locator("[data-stcb-input='official_members']").input_value() == "18"
    # Names are offered from the roll; another name can still be typed.
    assert page.locator("[data-stcb-input='minute_taker']").get_attribute("list") == \
        "stcb-roll-names"
    # Three taps: tick the two absent, then "Xong".
    roll = page.locator("[data-stcb-roll]")
    roll.get_by_label("Đảng viên 03 vắng").check()
    roll.get_by_label("Đảng viên 07 vắng").check()
    roll.locator("[data-stcb-roll-done]").click()
    assert page.locator("[data-stcb-computed='attendance_summary']").inner_text() == TWENTY
    names = page.locator("[data-stcb-rows='absent_with_reason'] [data-stcb-col='name']")
    assert names.evaluate_all("els => els.map(e => e.value)") == ["Đảng viên 03",
                                                                  "Đảng viên 07"]
    # "Đồng chí …" typed in a name is not printed twice.
    page.locator("[data-stcb-input='minute_taker']").fill("Đồng chí Phạm Thị Lan")
    page.locator("[data-stcb-act=preview]").click()
    body = flat(page.locator("[data-stcb-filled] [data-stcb-doc]").inner_text())
    assert f"- {TWENTY}." in body
    assert "Thư ký: đồng chí Phạm Thị Lan." in body
    assert "đồng chí đồng chí" not in body.lower()
    page.close()


def test_a_cell_without_a_committee_holds_a_secretaries_meeting(context, server):
    page = context.new_page()
    page.goto(f"{server}/bieu-mau/ho-so-chi-bo/")
    page.locator("[data-stcb-profile='secretary']").fill("Lê Văn Nam")
    page.locator("[data-stcb-profile='has_committee']").check()
    page.locator("[data-stcb-profile='has_committee']").uncheck()
    page.goto(url(server, "bien-ban-hop-chi-uy", "vi"))
    assert page.locator("[data-stcb-input='cm_chair']").input_value() == "Lê Văn Nam"
    page.locator("[data-stcb-act=preview]").click()
    doc = page.locator("[data-stcb-filled] [data-stcb-doc]")
    assert doc.locator(".stcb-doc__summary").inner_text().startswith(
        "họp bí thư, phó bí thư (hoặc bí thư) tháng")
    assert "chi ủy" not in doc.inner_text().lower()
    page.close()


def test_on_a_phone_print_and_word_are_at_the_top_of_the_review(browser, server, tmp_path):
    from tests.e2e.test_templates import fill_minutes

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(url(server, MINUTES, "vi"))
    fill_minutes(page)
    page.locator("[data-stcb-act=preview]").click()
    review = page.locator("[data-stcb-review]")
    header = page.locator(".md-header").bounding_box()
    heading = page.locator("#stcb-review-title").bounding_box()
    assert heading["y"] >= header["y"] + header["height"]  # not under the sticky header
    for act in ("print", "docx"):
        box = review.locator(f"[data-stcb-act={act}]").bounding_box()
        assert box["y"] + box["height"] <= 844, act  # on the first screen
    assert review.locator("[data-stcb-act=print-blank]").count() == 0
    assert page.locator(".md-top").inner_text().strip() == "Lên đầu trang"
    # The signature block never prints alone on a page.
    page.emulate_media(media="print")
    target = tmp_path / "minutes.pdf"
    page.pdf(path=str(target), prefer_css_page_size=True)
    pages = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    signed = next(p for p in pages if "CHỦ TRÌ" in p)
    assert "Buổi sinh hoạt kết thúc" in signed
    context.close()


def test_the_number_is_the_sequence_only_and_the_next_one_is_offered(context, server):
    page = context.new_page()
    page.goto(url(server, MINUTES, "vi"))
    page.locator("[data-stcb-act=preview]").click()
    number = page.locator("[data-stcb-filled] .stcb-doc__number")
    assert number.inner_text().strip() == ""  # minutes in a bound book: no "Số" line
    page.locator("[data-stcb-review] [data-stcb-act=back]").click()
    box = page.locator("[data-stcb-input='number']")
    box.fill("05-BB/CB")  # pasted whole: the sequence is kept
    box.dispatch_event("change")
    assert box.input_value() == "05"
    page.locator("[data-stcb-act=preview]").click()
    assert number.inner_text() == "Số 05-BB/CB"
    page.locator("[data-stcb-review] [data-stcb-act=back]").click()
    page.locator("[data-stcb-ws-act=new]").click()
    page.locator("#stcb-ws-new-name").fill("Tháng 12/2026")
    page.locator("#stcb-ws-new-name").press("Enter")
    offer = page.locator("[data-stcb-next-number]")
    assert offer.inner_text() == "Dùng số tiếp theo: 06"
    offer.click()
    assert box.input_value() == "06"
    page.close()

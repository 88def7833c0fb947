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

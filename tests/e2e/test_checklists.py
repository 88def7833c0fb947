"""Checklists in real Chromium against the built site: saving by item id across
languages and reloads, progress and status words, reset with confirmation,
keyboard use, storage that is disabled or throws, print layout (one A4 page per
checklist, blank boxes), and the PDF booklets with every diacritic intact."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from scripts.handbook.data import load_checklists
from scripts.handbook.pdf import page_count
from tests.conftest import BLOCK_STORAGE, FULL_STORAGE, material_errors, site_step

pytestmark = pytest.mark.browser

CHECKLISTS = load_checklists()
ONE = CHECKLISTS.by_id()["chuan-bi-sinh-hoat-chi-bo"]
TOTAL = len(ONE.items)
VI = f"checklist/{ONE.id}/"
EN = f"en/checklist/{ONE.id}/"
BOX = "input[data-stcb-item]"
# Records window.print() calls (with the <html> classes at that moment) instead of
# opening the print dialog.
STUB_PRINT = """window.__printed = [];
window.print = function () { window.__printed.push(document.documentElement.className); };"""


def open_checklist(page, server, path=VI):
    page.goto(f"{server}/{path}")
    page.wait_for_selector("[data-stcb-checklist][data-stcb-mounted]")
    return page


def status(page, index=0):
    section = page.locator("[data-stcb-checklist]").nth(index)
    return (section.locator(".stcb-checklist__status-word").inner_text(),
            section.locator(".stcb-checklist__progress").inner_text())


def test_tick_survives_reload_other_language_and_closed_tab(context, watched, server):
    page = open_checklist(watched.page, server)
    assert status(page) == ("Chưa bắt đầu", f"0/{TOTAL} mục đã xong")
    first = page.locator(BOX).first
    item_id = first.get_attribute("data-stcb-item")
    assert item_id == ONE.items[0].id
    first.check()
    assert status(page) == ("Đang thực hiện", f"1/{TOTAL} mục đã xong")

    page.reload()
    page.wait_for_selector("[data-stcb-mounted]")
    assert page.locator(BOX).first.is_checked()
    assert status(page) == ("Đang thực hiện", f"1/{TOTAL} mục đã xong")

    english = open_checklist(context.new_page(), server, EN)
    assert english.locator(f"#stcb-tick-{item_id}").is_checked()
    assert status(english) == ("In progress", f"1 of {TOTAL} done")
    assert english.locator(BOX).nth(1).is_checked() is False

    # Close every tab, then open the page again in the same browser profile.
    page.close()
    english.close()
    again = open_checklist(context.new_page(), server)
    assert again.locator(f"#stcb-tick-{item_id}").is_checked()
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_all_ticked_reads_complete_and_is_announced_politely(context, server):
    page = open_checklist(context.new_page(), server)
    live = page.locator(".stcb-checklist__status")
    assert live.get_attribute("aria-live") == "polite"
    boxes = page.locator(BOX)
    for index in range(TOTAL):
        boxes.nth(index).check()
    assert status(page) == ("Hoàn thành", f"{TOTAL}/{TOTAL} mục đã xong")
    assert page.locator("[data-stcb-checklist]").get_attribute("data-state") == "complete"
    assert live.inner_text().startswith("Trạng thái:")


def test_run_name_persists_and_is_shared_between_languages(context, server):
    page = open_checklist(context.new_page(), server)
    page.fill(".stcb-checklist__run", "Sinh hoạt chi bộ tháng 6")
    page.reload()
    page.wait_for_selector("[data-stcb-mounted]")
    assert page.input_value(".stcb-checklist__run") == "Sinh hoạt chi bộ tháng 6"
    english = open_checklist(context.new_page(), server, EN)
    assert english.input_value(".stcb-checklist__run") == "Sinh hoạt chi bộ tháng 6"


def test_reset_asks_first_and_clears_ticks_and_run_name(context, server):
    page = open_checklist(context.new_page(), server)
    page.locator(BOX).nth(0).check()
    page.locator(BOX).nth(2).check()
    page.fill(".stcb-checklist__run", "Tháng 6")
    messages = []

    def dismiss(dialog):
        messages.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Đặt lại bảng kiểm").click()
    assert messages == [("confirm", "Bỏ mọi dấu đã đánh và tên lần sử dụng của bảng kiểm "
                                    "này? Không thể hoàn tác.")]
    assert page.locator(BOX).nth(0).is_checked()  # "Cancel" keeps everything

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Đặt lại bảng kiểm").click()
    assert [page.locator(BOX).nth(i).is_checked() for i in range(TOTAL)] == [False] * TOTAL
    assert page.input_value(".stcb-checklist__run") == ""
    assert status(page) == ("Chưa bắt đầu", f"0/{TOTAL} mục đã xong")
    assert "Đã đặt lại bảng kiểm." in page.locator(".stcb-checklist__status").inner_text()

    page.reload()
    page.wait_for_selector("[data-stcb-mounted]")
    assert page.locator(f"{BOX}:checked").count() == 0
    assert page.input_value(".stcb-checklist__run") == ""


def test_keyboard_only(context, server):
    page = context.new_page()
    page.add_init_script(STUB_PRINT)
    open_checklist(page, server)
    boxes = [item.id for item in ONE.items]

    def tab_to(predicate, limit=200):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"Tab never reached: {predicate}")

    tab_to("document.activeElement.matches('input[data-stcb-item]')")
    assert page.evaluate("document.activeElement.dataset.stcbItem") == boxes[0]
    page.keyboard.press("Space")
    tab_to("document.activeElement.matches('input[data-stcb-item]')")
    assert page.evaluate("document.activeElement.dataset.stcbItem") == boxes[1]
    page.keyboard.press("Space")
    assert status(page) == ("Đang thực hiện", f"2/{TOTAL} mục đã xong")

    tab_to("document.activeElement.dataset.action === 'print'")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed.length") == 1
    assert "stcb-print-one" in page.evaluate("window.__printed[0]")

    tab_to("document.activeElement.dataset.action === 'reset'", limit=5)
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert page.locator(f"{BOX}:checked").count() == 0


def test_every_checkbox_has_its_label_as_accessible_name(context, server):
    for path, lang in ((VI, "vi"), (EN, "en")):
        page = open_checklist(context.new_page(), server, path)
        for item in ONE.items:
            box = page.get_by_role("checkbox", name=getattr(item.text, lang), exact=True)
            assert box.count() == 1, (lang, item.id)
            assert box.get_attribute("data-stcb-item") == item.id


def test_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/{VI}")
        box = page.locator(BOX).first
        box.check()
        assert box.is_checked()
        # Controls that need the script stay hidden rather than doing nothing.
        assert not page.locator(".stcb-checklist__actions").is_visible()
        assert not page.locator(".stcb-checklist__state").is_visible()
    finally:
        context.close()


THROW_SET = """Storage.prototype.setItem = function () {
    throw new DOMException('full', 'QuotaExceededError'); };"""


@pytest.mark.parametrize("script", [BLOCK_STORAGE, THROW_SET, FULL_STORAGE],
                         ids=["getter-throws", "setitem-throws", "fails-after-load"])
def test_without_storage_it_still_works_and_says_so(context, watched, server, script):
    # Material's own inline scripts read localStorage without a guard, so a throwing
    # getter raises the same errors on every page; count them on a page without a
    # checklist and require the checklist page to add none.
    baseline_errors = material_errors(context, server, script)

    page = watched.page
    page.add_init_script(script)
    open_checklist(page, server)
    note = page.locator(".stcb-checklist__storage")
    page.locator(BOX).first.check()
    assert page.locator(BOX).first.is_checked()
    assert status(page) == ("Đang thực hiện", f"1/{TOTAL} mục đã xong")
    assert note.is_visible()
    assert note.inner_text().startswith("Tiến độ sẽ không được lưu")
    assert note.get_attribute("role") == "alert"
    page.fill(".stcb-checklist__run", "Tháng 6")  # typing must not throw either
    assert watched.console_errors == baseline_errors


def test_print_hides_navigation_and_buttons_and_shows_paper_fields(context, server):
    page = open_checklist(context.new_page(), server)
    page.locator(BOX).first.check()
    page.fill(".stcb-checklist__run", "Tháng 6")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search",
                     ".stcb-checklist__actions", ".stcb-checklist__state",
                     ".stcb-checklist__run-hint", ".stcb-no-print"):
        assert not page.locator(selector).first.is_visible(), selector
    for selector in (".stcb-checklist__title", ".stcb-checklist__sign",
                     ".stcb-checklist__field--print"):
        assert page.locator(selector).first.is_visible(), selector
    # Blank copy: the ticked box prints empty, the run name is not printed…
    box_after = ("getComputedStyle(document.querySelector('.stcb-checklist__box:checked'), "
                 "'::after').content")
    run_colour = "getComputedStyle(document.querySelector('.stcb-checklist__run')).color"
    assert page.evaluate(box_after) in ("none", "normal")
    assert page.evaluate(run_colour) == "rgba(0, 0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector("
                         "'.stcb-checklist__box')).appearance") == "none"
    # …unless the reader asks to print their ticks.
    page.evaluate("document.documentElement.classList.add('stcb-print-ticked')")
    assert page.evaluate(box_after) == '"✓"'
    assert page.evaluate(run_colour) == "rgb(0, 0, 0)"


def test_print_this_checklist_prints_it_alone(context, server):
    page = context.new_page()
    page.add_init_script(STUB_PRINT)
    page.goto(f"{server}/checklist/tat-ca/")
    page.wait_for_selector("[data-stcb-mounted]")
    sections = page.locator("[data-stcb-checklist]")
    assert sections.count() == len(CHECKLISTS.checklists)
    sections.nth(2).get_by_role("button", name="In bảng kiểm này").click()
    page.emulate_media(media="print")
    visible = [sections.nth(i).is_visible() for i in range(sections.count())]
    assert visible == [i == 2 for i in range(sections.count())]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert all(sections.nth(i).is_visible() for i in range(sections.count()))


def _pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("checklist_id", [c.id for c in CHECKLISTS.checklists])
def test_each_checklist_prints_on_one_a4_page(context, server, tmp_path, checklist_id, lang):
    page = context.new_page()
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{server}/{prefix}checklist/{checklist_id}/")
    page.wait_for_selector("[data-stcb-mounted]")
    page.locator(BOX).first.check()  # a ticked item must not change the printout
    pdf = tmp_path / f"{checklist_id}-{lang}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert _pdf_pages(pdf) == 1
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "pts (A4)" in info  # poppler names the paper size


@pytest.fixture(scope="module")
def booklets(built_site):
    # The CLI step of `make build`, in its own process: Playwright's sync API cannot
    # start inside the session's running browser loop.
    site_step(built_site, "pdf", "checklists", expect=(
        f"downloads/checklist-vi.pdf: {len(CHECKLISTS.checklists)} pages, one per checklist"))
    return {lang: built_site / "downloads" / f"checklist-{lang}.pdf" for lang in ("vi", "en")}


def _pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_booklet_has_one_page_per_checklist_and_every_diacritic(booklets, lang):
    pdf = booklets[lang]
    count = len(CHECKLISTS.checklists)
    assert _pdf_pages(pdf) == count
    assert page_count(pdf) == count  # the build's own count agrees with poppler
    text = _pdf_text(pdf)
    assert text.count("\f") == count
    assert unicodedata.is_normalized("NFC", text)
    flat = " ".join(text.split())
    for checklist in CHECKLISTS.checklists:
        assert " ".join(getattr(checklist.title, lang).split()) in flat, checklist.id
        for item in checklist.items:
            assert " ".join(getattr(item.text, lang).split()) in flat, item.id
            if item.hint:
                assert " ".join(getattr(item.hint, lang).split()) in flat, item.id
    if lang == "vi":
        for words in ("Chuẩn bị", "nghị quyết", "đảng viên", "Người thực hiện (ký, ghi rõ "
                      "họ tên)", "Chi bộ:", "Ngày:", "Đảng bộ SPKT"):
            assert words in text, words
    else:
        assert "Completed by (signature and full name)" in text


def test_booklets_are_linked_from_the_checklist_pages(built_site, booklets):
    for page in ("checklist/index.html", "checklist/tat-ca/index.html",
                 "en/checklist/index.html", "en/checklist/tat-ca/index.html",
                 "in-an/index.html", "en/in-an/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*checklist-(?:vi|en)\.pdf)"', html)
        assert len(hrefs) == 2, page
        for href in hrefs:
            assert ((built_site / page).parent / href).resolve().exists(), (page, href)

""""Where was I?" and the first 90 days, in real Chromium against the built site:
the home page's "Đang làm dở" / "In progress" (checklists with n/m ticked, the current
meeting's documents started or not), the progress note on the checklist index, the
90-day checklist (tick, save, reload) with its links to checklists and forms, and the
working-rules and inspection pages."""

from __future__ import annotations

import pytest

from scripts.handbook.data import load_checklists
from tests.conftest import BLOCK_STORAGE, run_axe

pytestmark = pytest.mark.browser

CHECKLISTS = load_checklists().by_id()
NINETY = CHECKLISTS["chin-muoi-ngay-dau"]
RESUME = "[data-stcb-resume]"


def home(page, server, lang="vi"):
    page.goto(f"{server}/{'en/' if lang == 'en' else ''}")
    page.wait_for_load_state("load")
    return page


def tick(page, server, checklist_id, count, lang="vi"):
    page.goto(f"{server}/{'en/' if lang == 'en' else ''}checklist/{checklist_id}/")
    page.wait_for_selector("[data-stcb-checklist][data-stcb-mounted]")
    boxes = page.locator("input[data-stcb-item]")
    for index in range(count):
        boxes.nth(index).check()


def test_nothing_in_progress_shows_nothing(context, server):
    page = home(context.new_page(), server)
    # The section is there, empty and hidden, until something is in progress.
    assert page.locator(RESUME).count() == 1
    assert page.locator(RESUME).is_hidden()


def test_home_shows_nothing_without_storage(context, server):
    page = context.new_page()
    page.add_init_script(BLOCK_STORAGE)
    home(page, server)
    assert page.locator(RESUME).is_hidden()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ticked_checklists_show_on_the_home_page(context, server, lang):
    page = context.new_page()
    tick(page, server, "chin-muoi-ngay-dau", 3, lang)
    tick(page, server, "lap-ke-hoach", 1, lang)
    home(page, server, lang)
    section = page.locator(RESUME)
    section.wait_for(state="visible")
    heading = {"vi": "Đang làm dở", "en": "In progress"}[lang]
    assert section.get_by_role("heading", level=2).inner_text() == heading
    row = section.locator("[data-stcb-resume-checklist='chin-muoi-ngay-dau']")
    total = len(NINETY.items)
    words = {"vi": f"3/{total} mục đã đánh dấu", "en": f"3 of {total} ticked"}[lang]
    assert row.inner_text() == f"{getattr(NINETY.title, lang)} — {words}"
    assert run_axe(page) == []
    row.get_by_role("link").click()
    page.wait_for_selector("[data-stcb-checklist][data-stcb-mounted]")
    assert page.url.endswith("/checklist/chin-muoi-ngay-dau/")
    assert page.locator("input[data-stcb-item]:checked").count() == 3


def test_checklist_index_shows_each_lists_progress(context, server):
    page = context.new_page()
    tick(page, server, "so-ket-tong-ket", 2)
    page.goto(f"{server}/checklist/")
    note = page.locator("[data-stcb-progress-for='so-ket-tong-ket']")
    note.wait_for(state="visible")
    total = len(CHECKLISTS["so-ket-tong-ket"].items)
    assert note.inner_text().strip() == f"· Đang làm: 2/{total}"
    # Lists without a tick say nothing more.
    assert page.locator("[data-stcb-progress-for='lap-ke-hoach']").is_hidden()


def test_current_meeting_documents_show_started_or_not(context, server):
    page = context.new_page()
    page.goto(f"{server}/bieu-mau/thong-bao-sinh-hoat/")
    page.locator("[data-stcb-input='focus']").fill("Thảo luận dự thảo nghị quyết tháng 12")
    # A hostile name is shown as text, never run as HTML.
    page.locator("[data-stcb-ws-act=rename]").click()
    page.locator("#stcb-ws-rename-name").fill('<img src=x onerror="window.__pwned=1">')
    page.locator("[data-stcb-ws-act=rename-ok]").click()
    page.evaluate("window.stcb.meetings.flush()")
    home(page, server)
    section = page.locator(RESUME)
    section.wait_for(state="visible")
    assert section.locator(".stcb-resume__meeting-name").inner_text() == \
        'Cuộc họp đang làm: <img src=x onerror="window.__pwned=1">'
    assert section.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    notice = section.locator("[data-stcb-resume-doc='thong-bao-sinh-hoat']")
    assert notice.get_attribute("data-state") == "started"
    assert notice.locator(".stcb-resume__status").inner_text() == "đã có nội dung"
    minutes = section.locator("[data-stcb-resume-doc='bien-ban-sinh-hoat-chi-bo']")
    assert minutes.get_attribute("data-state") == "empty"
    assert minutes.locator(".stcb-resume__status").inner_text() == "chưa điền"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ninety_day_plan_ticks_are_saved_and_steps_lead_to_tools(context, server, lang):
    page = context.new_page()
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{server}/{prefix}bat-dau/90-ngay-dau/")
    page.wait_for_selector("[data-stcb-checklist='chin-muoi-ngay-dau'][data-stcb-mounted]")
    page.locator("input[data-stcb-item]").nth(1).check()
    page.reload()
    page.wait_for_selector("[data-stcb-mounted]")
    assert page.locator("input[data-stcb-item]").nth(1).is_checked()
    # Every step leads to its checklist, and the meeting steps to their forms.
    links = page.locator(".stcb-checklist-link a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    for target in ("checklist/chuan-bi-sinh-hoat-chi-bo/", "bieu-mau/thong-bao-sinh-hoat/",
                   "bieu-mau/bien-ban-sinh-hoat-chi-bo/", "bieu-mau/ke-hoach-thuc-hien/",
                   "checklist/kiem-tra-giam-sat/"):
        assert any(href.endswith(target) for href in links), target
    assert run_axe(page) == []


def test_ninety_days_is_the_first_way_in_from_home(context, server):
    page = home(context.new_page(), server)
    page.locator(".stcb-way").first.get_by_role("link", name="90 ngày đầu").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/bat-dau/90-ngay-dau/")


def test_the_notice_checklist_links_to_its_form(context, server):
    page = context.new_page()
    page.goto(f"{server}/checklist/chuan-bi-sinh-hoat-chi-bo/")
    page.locator(".stcb-checklist__forms").get_by_role("link", name="Soạn thông báo").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/bieu-mau/thong-bao-sinh-hoat/")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_working_rules_and_inspection_pages(context, server, lang):
    page = context.new_page()
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{server}/{prefix}nhiem-vu/quy-che-lam-viec/")
    sections = page.locator(".stcb-outline__section")
    assert sections.count() >= 6
    for index in range(sections.count()):  # every section cites its source
        assert sections.nth(index).locator(".stcb-cite__link").count() >= 1
    download = page.locator(".stcb-outline__download a")
    name = "quy-che-hoat-dong.docx" if lang == "vi" else "quy-che-hoat-dong-en.docx"
    assert download.get_attribute("href").endswith(f"downloads/bieu-mau/{name}")
    page.goto(f"{server}/{prefix}nhiem-vu/kiem-tra-giam-sat/")
    assert page.locator(".stcb-checklist-link a[href$='checklist/kiem-tra-giam-sat/']").count() == 1
    assert run_axe(page) == []

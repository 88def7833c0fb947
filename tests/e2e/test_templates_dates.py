"""The dates of one meeting checked against each other in real Chromium (issue 13): the
cell committee meeting date is shared by every template of the meeting, so the notice is
checked against it (c-b3-5, c-b3-6, HD 12/2018 §II.1.1), and the plan cannot be dated
before the meeting that adopted its resolution (a consistency rule). Warnings only: the
document and Print stay."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_templates import field, url

pytestmark = pytest.mark.browser

NOTICE = "thong-bao-sinh-hoat"
COMMITTEE = "bien-ban-hop-chi-uy"
PLAN = "ke-hoach-thuc-hien"

AFTER_COMMITTEE = {
    "vi": "Ngày ra thông báo (02/11/2026) trước ngày họp chi ủy (03/11/2026); chi ủy họp "
          "thống nhất nội dung rồi mới thông báo.",
    "en": "The notice is dated (02/11/2026) before the committee meeting (03/11/2026); the "
          "committee agrees the content first, then sends the notice.",
}
CM_BEFORE = {
    "vi": "Ngày sinh hoạt chi bộ (05/11/2026) không được trước ngày họp chi ủy (06/11/2026)",
    "en": "The cell meeting (05/11/2026) cannot come before the committee meeting (06/11/2026)",
}
PLAN_BEFORE = {
    "vi": "Ngày ban hành kế hoạch (04/11/2026) trước ngày chi bộ họp thông qua nghị quyết "
          "(05/11/2026)",
    "en": "The plan is dated (04/11/2026) before the cell meeting that adopted the "
          "resolution (05/11/2026)",
}


def review_checks(page):
    return page.locator("[data-stcb-review] [data-stcb-check]")


def preview(page):
    page.locator("[data-stcb-act=preview]").click()
    page.locator("[data-stcb-review]").wait_for(state="visible")


def back(page):
    page.locator("[data-stcb-review] [data-stcb-act=back]").click()
    page.locator("[data-stcb-form-step]").wait_for(state="visible")


def test_the_committee_date_typed_in_its_minutes_shows_on_the_notice(context, server):
    page = context.new_page()
    page.goto(url(server, COMMITTEE))
    field(page, "cm_date").fill("2026-11-03")
    page.evaluate("window.stcb.meetings.flush()")
    page.goto(url(server, NOTICE, "en"))
    assert field(page, "cm_date").input_value() == "2026-11-03"
    meeting = json.loads(page.evaluate("localStorage.getItem('stcb:meetings')"))
    assert meeting["meetings"][meeting["current"]]["shared"]["cm_date"] == "2026-11-03"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_notice_is_checked_against_the_committee_meeting(context, server, lang):
    page = context.new_page()
    page.goto(url(server, NOTICE, lang))
    field(page, "meeting_date").fill("2026-11-05")
    field(page, "cm_date").fill("2026-11-03")
    field(page, "notice_date").fill("2026-11-02")
    preview(page)
    checks = review_checks(page)
    assert AFTER_COMMITTEE[lang] in checks.inner_text()
    assert CM_BEFORE[lang][:20] not in checks.inner_text()
    # A warning: the document and Print stay.
    assert page.locator("[data-stcb-review] [data-stcb-act=print]").first.is_visible()
    assert page.locator("[data-stcb-filled] [data-stcb-doc]").is_visible()
    back(page)
    field(page, "notice_date").fill("2026-11-03")  # the same day is not "before"
    field(page, "cm_date").fill("2026-11-06")
    preview(page)
    text = review_checks(page).inner_text()
    assert AFTER_COMMITTEE[lang][:25] not in text
    assert CM_BEFORE[lang] in text
    back(page)
    field(page, "cm_date").fill("2026-11-02")
    preview(page)
    text = page.locator("[data-stcb-review]").inner_text()
    assert AFTER_COMMITTEE[lang][:25] not in text and CM_BEFORE[lang][:25] not in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_plan_cannot_be_dated_before_the_meeting(context, server, lang):
    page = context.new_page()
    page.goto(url(server, PLAN, lang))
    field(page, "meeting_date").fill("2026-11-05")
    field(page, "plan_date").fill("2026-11-04")
    preview(page)
    assert PLAN_BEFORE[lang] in review_checks(page).inner_text()
    assert page.locator("[data-stcb-filled] [data-stcb-doc]").is_visible()
    back(page)
    field(page, "plan_date").fill("2026-11-05")
    preview(page)
    assert PLAN_BEFORE[lang][:25] not in page.locator("[data-stcb-review]").inner_text()

"""The cell's profile in real Chromium (issue 13): an exempt member who is probationary
(domain.md §3a: probationary members do not vote, exempt members are not absent) and the
start of the committee's term, from which "Dùng số tiếp theo" counts (HD 36 §II.1.3:
numbers run from 01 through the committee's term). Profile version 2."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_storage import seed

pytestmark = pytest.mark.browser

PROFILE_PAGE = "/bieu-mau/ho-so-chi-bo/"
MINUTES = "bien-ban-sinh-hoat-chi-bo"


def url(server, template_id, lang="vi"):
    return f"{server}{'/en' if lang == 'en' else ''}/bieu-mau/{template_id}/"


def type_profile(page, values: dict):
    for name, value in values.items():
        page.locator(f"[data-stcb-profile='{name}']").fill(value)
    page.locator("[data-stcb-profile-status]").filter(has_text="Đã lưu").wait_for()


def test_an_exempt_probationary_member_is_counted_as_probationary(context, server):
    page = context.new_page()
    page.goto(server + PROFILE_PAGE)
    type_profile(page, {
        "roll_full": "\n".join(f"Đảng viên {n:02}" for n in range(1, 10)),
        "roll_probationary": "Dự bị 1\nDự bị 2",
        "roll_exempt": "Miễn 1",
        "roll_exempt_probationary": "Miễn dự bị 1",
    })
    stored = json.loads(page.evaluate("localStorage.getItem('stcb:profile')"))
    assert stored["version"] == 2
    assert {"name": "Miễn dự bị 1", "kind": "exempt_probationary"} in stored["profile"]["roll"]
    page.goto(url(server, MINUTES))
    figures = {name: page.locator(f"[data-stcb-input='{name}']").input_value()
               for name in ("official_members", "probationary_members", "exempt_absent",
                            "exempt_probationary")}
    assert figures == {"official_members": "10", "probationary_members": "3",
                       "exempt_absent": "2", "exempt_probationary": "1"}
    # Tick one full member absent on the roll: 8 full members present vote, not 9.
    roll = page.locator("[data-stcb-roll]")
    roll.get_by_label("Đảng viên 03 vắng").check()
    roll.locator("[data-stcb-roll-done]").click()
    summary = page.locator("[data-stcb-computed='attendance_summary']")
    summary.filter(has_text="miễn sinh hoạt không dự 2 (dự bị 1)").wait_for()
    assert summary.inner_text() == (
        "Tổng số đảng viên: 13 (chính thức 10, dự bị 3); có mặt 10 (chính thức 8, dự bị 2); "
        "vắng 1 (có lý do 1, không lý do 0); miễn sinh hoạt không dự 2 (dự bị 1)")
    # "Nhất trí 100%": every full member present, the exempt probationary one not among them.
    page.locator("[data-stcb-act=unanimous]").first.click()
    assert page.locator("[data-stcb-input='vote_agree']").input_value() == "8"
    page.close()


def meeting(name, day, number):
    return {"name": name, "created": f"{day}T08:00:00.000Z", "updated": f"{day}T08:00:00.000Z",
            "shared": {"meeting_date": day}, "forms": {MINUTES: {"number": number}}}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_next_number_counts_only_the_meetings_of_this_term(context, server, lang):
    # Number 07 was the last of the previous term; this term has used 01 and 02.
    seed(context, server, {"stcb:meetings": json.dumps({
        "format": "stcb-meetings", "version": 2, "current": "mnow", "removed": {},
        "meetings": {"mold": meeting("Tháng 6/2025", "2025-06-05", "07"),
                     "m1": meeting("Tháng 9/2026", "2026-09-05", "01"),
                     "m2": meeting("Tháng 10/2026", "2026-10-05", "02"),
                     "mnow": {"name": "Tháng 11/2026", "created": "2026-11-01T08:00:00.000Z",
                              "updated": "2026-11-01T08:00:00.000Z", "shared": {},
                              "forms": {}}}})})
    page = context.new_page()
    page.goto(url(server, MINUTES, lang))
    offer = page.locator("[data-stcb-next-number]")
    note = page.locator("[data-stcb-next-number-hint]")
    # No term start: every saved meeting counts, as before, and the hint says so.
    assert offer.inner_text().endswith(": 08")
    hint = {"vi": "Số tiếp theo tính trên mọi cuộc họp lưu trên máy này.",
            "en": "The next number counts every meeting saved on this device."}[lang]
    assert note.inner_text().startswith(hint)
    profile = page.context.new_page()
    profile.goto(server + ("/en" if lang == "en" else "") + PROFILE_PAGE)
    profile.locator("[data-stcb-profile='term_start']").fill("2026-07-20")
    profile.wait_for_function("window.stcb.profile.get().term_start === '2026-07-20'")
    profile.close()
    # The template page hears the other tab: only this term's meetings count now.
    offer.filter(has_text="03").wait_for()
    assert offer.inner_text().endswith(": 03")
    term = {"vi": "các cuộc họp của nhiệm kỳ này (từ 20/7/2026",
            "en": "the meetings of this term (from 20/7/2026"}[lang]
    assert term in note.inner_text()
    offer.click()
    assert page.locator("[data-stcb-input='number']").input_value() == "03"
    page.close()

"""Dates per meeting in the planner: one meeting moved to another date or time, a date skipped,
the later meetings following or staying as the organiser chooses, and the follow-up proposed
on the series' weekday (walkthrough A-3, M-6, M-4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from zoneinfo import ZoneInfo

import pytest

from planner_pages import open_link

pytestmark = pytest.mark.browser

HELSINKI = ZoneInfo("Europe/Helsinki")
WEEKLY = "model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&cards=kokemus-aloitus,_,_,_,_"


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()



def events(page):
    import icalendar

    with page.expect_download() as info:
        page.locator('[data-part="download"]').click()
    return list(icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT"))


def starts(page) -> list[datetime]:
    return [e.decoded("dtstart") for e in events(page)]


def at(day: int, hour: int = 17, minute: int = 30, month: int = 2) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=HELSINKI)


def move(page, index: int, date: str, time: str, follow: bool = True) -> None:
    meeting = page.locator(".planner-meeting").nth(index)
    meeting.locator(".planner-reschedule summary").click()
    meeting.locator('[data-part="at-date"]').fill(date)
    meeting.locator('[data-part="at-time"]').fill(time)
    meeting.locator('[data-part="at-follow"]').set_checked(follow)
    meeting.locator('[data-action="reschedule"]').click()


def test_follow_up_falls_on_the_series_weekday(page, origin):
    """Anna's Tuesday group: six months after Tue 6.4.2027 is a Wednesday; the follow-up is Tue 5.10."""
    open_link(page, origin, "model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&cards=" + ",".join(["_"] * 10 + ["kokemus-seuranta"]))
    assert page.locator(".planner-meeting__when").last.inner_text().startswith("ti 5.10.2027 klo 17.30")
    assert starts(page)[-1] == datetime(2027, 10, 5, 17, 30, tzinfo=HELSINKI)


def test_moving_one_meeting_moves_the_later_ones_with_it(page, origin):
    """Meeting 3 two days and half an hour later: 4 and 5 follow at the series' time; the page says 'moved'."""
    from playwright.sync_api import expect

    open_link(page, origin, WEEKLY)
    uids = [str(e["uid"]) for e in events(page)]
    move(page, 2, "2027-02-18", "18:00")
    assert starts(page) == [at(2), at(9), at(18, 18, 0), at(25), at(4, month=3)]
    assert "siirretty" in page.locator(".planner-meeting__when").nth(2).inner_text()
    assert [str(e["uid"]) for e in events(page)] == uids
    expect(page.locator('[data-part="status"]')).to_have_text("Oma tapaaminen: to 18.2.2027 klo 18.00–20.00.")


def test_moving_one_meeting_can_leave_the_later_ones_in_place(page, origin):
    """With 'the later meetings follow' unticked, only the moved meeting changes."""
    open_link(page, origin, WEEKLY)
    move(page, 2, "2027-02-17", "17:30", follow=False)
    assert starts(page) == [at(2), at(9), at(17), at(23), at(2, month=3)]


def test_skipping_a_date_moves_that_meeting_and_the_later_ones_one_interval(page, origin):
    """A holiday skipped on meeting 2: 2, 3, 4 and 5 go a week later; 'reset' brings them back."""
    open_link(page, origin, WEEKLY)
    meeting = page.locator(".planner-meeting").nth(1)
    meeting.locator(".planner-reschedule summary").click()
    meeting.locator('[data-action="skip"]').click()
    assert starts(page) == [at(2), at(16), at(23), at(2, month=3), at(9, month=3)]
    meeting = page.locator(".planner-meeting").nth(1)
    meeting.locator(".planner-reschedule summary").click()
    meeting.locator('[data-action="reset"]').click()
    assert starts(page) == [at(2), at(9), at(16), at(23), at(2, month=3)]


def test_moved_dates_travel_in_the_share_link(page, browser, origin):
    """A colleague opening the link sees the moved meeting and its followers on the same dates."""
    open_link(page, origin, WEEKLY)
    move(page, 1, "2027-02-11", "16:00", follow=False)
    link = page.evaluate("location.href")
    mine = starts(page)
    context = browser.new_context(accept_downloads=True)
    other = context.new_page()
    other.goto(link)
    other.locator('[data-part="plan"]:not([hidden])').wait_for()
    assert starts(other) == mine and mine[1] == at(11, 16, 0)
    context.close()


@pytest.mark.parametrize("root, model, present, absent", [
    ("", "vahvistin", "Yksittäisen tapaamisen", "Seurantatapaaminen"),
    ("", "kokemus-voimavaraksi", "Seurantatapaaminen", None),
    ("sv/", "vahvistin", "enskild träff", "Uppföljningsträffen"),
], ids=["fi-vahvistin", "fi-kokemus", "sv-vahvistin"])
def test_interval_hint_speaks_of_a_follow_up_only_for_a_model_with_one(page, origin, root, model, present, absent):
    """Walkthrough M-4: Vahvistin has no follow-up meeting, so its hint does not mention one."""
    open_link(page, origin, f"model={model}&start=2027-01-14T14:00", root=root)
    hint = page.locator("#planner-every-hint").inner_text()
    assert present in hint and (absent is None or absent not in hint)

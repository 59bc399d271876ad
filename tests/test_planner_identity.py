"""The planner's plan through its life, as calendar programs and servers see it.

A calendar program keeps one event per UID and replaces it when a file brings a higher SEQUENCE;
STATUS:CANCELLED takes it out (RFC 5545, 3.8.7.4 and 3.8.1.11). So importing every file the
planner handed out, in order, must leave exactly the current plan. The plan lives in the link's
fragment (#...), which no request carries.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

PLACE = "Järjestötalo, kokoushuone 2"
KOKEMUS_OLD_LINK = "model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&place=" + quote(PLACE)


@pytest.fixture
def page(browser):
    """A fresh page (own cookies and storage) in Helsinki time, able to download."""
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def wait_for_plan(page):
    page.locator('[data-part="plan"]:not([hidden])').wait_for()


def calendar_of(page):
    """The plan's calendar file as downloaded, parsed by `icalendar`."""
    import icalendar

    with page.expect_download() as info:
        page.locator('[data-part="download"]').click()
    return icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())


def event_view(event) -> tuple:
    return (event.decoded("dtstart"), event.decoded("dtend"), str(event["summary"]), str(event.get("location", "")))


class CalendarStore:
    """A calendar program's store: one event per UID, replaced only by a higher SEQUENCE."""

    def __init__(self):
        self.events = {}

    def import_file(self, calendar) -> None:
        for event in calendar.walk("VEVENT"):
            uid, sequence = str(event["uid"]), int(event["sequence"])
            if uid not in self.events or sequence > int(self.events[uid]["sequence"]):
                self.events[uid] = event

    def shown(self) -> dict:
        """What the calendar shows: the events that are not cancelled."""
        return {uid: event_view(e) for uid, e in self.events.items() if str(e.get("status", "")).upper() != "CANCELLED"}


def current_plan(calendar) -> dict:
    return {str(e["uid"]): event_view(e) for e in calendar.walk("VEVENT") if str(e["status"]) != "CANCELLED"}


def meetings_on_page(page) -> int:
    return page.locator(".planner-meeting").count()


def hand_out_and_import(page, store, first_uids) -> dict:
    """Downloads the current file, imports it, and checks the calendar equals the plan on the page."""
    calendar = calendar_of(page)
    store.import_file(calendar)
    plan = current_plan(calendar)
    assert store.shown() == plan
    assert len(plan) == meetings_on_page(page)
    assert set(plan) <= first_uids  # no meeting ever got a new UID
    return plan


def test_importing_every_file_of_a_plans_life_leaves_exactly_the_current_plan(page, origin):
    """After a time change, a removed meeting, a moved meeting, a re-ordered series and a
    language switch, a UID-keyed calendar that imported every file holds the current plan."""
    page.goto(f"{origin}suunnittelu/?{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    store = CalendarStore()
    first = calendar_of(page)
    store.import_file(first)
    first_uids = set(current_plan(first))
    assert len(first_uids) == meetings_on_page(page) == 12

    page.fill("#planner-time", "18:00")  # every meeting changes time
    plan = hand_out_and_import(page, store, first_uids)
    assert {start.hour for start, *_ in plan.values()} == {18}

    page.locator(".planner-meeting").nth(2).locator('[data-action="remove"]').click()
    removed = calendar_of(page)
    store.import_file(removed)
    cancelled = [e for e in removed.walk("VEVENT") if str(e["status"]) == "CANCELLED"]
    assert len(cancelled) == 1 and str(cancelled[0]["uid"]) in first_uids
    assert store.shown() == current_plan(removed) and len(store.shown()) == 11

    page.locator(".planner-meeting").nth(4).locator('[data-action="up"]').click()  # one meeting moved up
    hand_out_and_import(page, store, first_uids)

    moved = page.locator(".planner-meeting").nth(5)  # one meeting moved to another day and time
    moved.locator(".planner-reschedule summary").click()
    moved.locator('[data-part="at-date"]').fill("2027-03-12")
    moved.locator('[data-part="at-time"]').fill("16:00")
    moved.locator('[data-action="reschedule"]').click()
    plan = hand_out_and_import(page, store, first_uids)
    assert (datetime(2027, 3, 12, 16, 0, tzinfo=ZoneInfo("Europe/Helsinki")), ) in {view[:1] for view in plan.values()}

    for _ in range(3):  # the series re-ordered: the last weekly meeting becomes the second
        page.locator(".planner-meeting").nth(8).locator('[data-action="up"]').click()
    page.locator(".planner-meeting").nth(1).locator('[data-action="down"]').click()
    page.locator(".planner-meeting").nth(0).locator('[data-action="down"]').click()
    hand_out_and_import(page, store, first_uids)

    page.locator("a.shell-language__link").click()  # the same plan in Swedish
    page.wait_for_url("**/sv/suunnittelu/#*")
    wait_for_plan(page)
    plan = hand_out_and_import(page, store, first_uids)
    assert all(summary.startswith("Kamratstödsgrupp: ") for _, _, summary, _ in plan.values())
    assert {location for *_, location in plan.values()} == {PLACE}


def test_booster_plan_voted_after_the_dates_went_out_leaves_no_phantom_meetings(page, origin):
    """Mikael's Booster plan: 9 meetings handed out, 4 themes removed after the vote, one moved,
    an own theme added and named: the calendar holds the 6 meetings, the own one by its name."""
    page.goto(f"{origin}sv/suunnittelu/?model=vahvistin&start=2027-01-14T14:00&every=21")
    wait_for_plan(page)
    store = CalendarStore()
    first = calendar_of(page)
    store.import_file(first)
    first_uids = set(current_plan(first))
    for title in ("Yrkesidentitet", "Pengar", "Nätverk"):
        page.get_by_role("button", name=f"Ta bort: {title}", exact=False).first.click()
    page.locator(".planner-meeting").nth(4).locator('[data-action="remove"]').click()
    page.locator(".planner-meeting").nth(3).locator('[data-action="up"]').click()
    page.select_option("#planner-add", label="Egen träff")
    page.get_by_role("button", name="Lägg till träffen sist").click()
    page.locator(".planner-meeting").last.locator('[data-action="up"]').click()
    page.locator(".planner-meeting").nth(4).get_by_label("Träffens namn (frivilligt)").fill("Vår resa framåt")
    calendar = calendar_of(page)
    store.import_file(calendar)
    assert store.shown() == current_plan(calendar) and len(store.shown()) == 6
    assert "Kamratstödsgrupp: Vår resa framåt" in {summary for _, _, summary, _ in store.shown().values()}
    assert len(set(current_plan(calendar)) & first_uids) == 5  # the new meeting alone has a new UID
    assert page.locator(".planner-meeting__title").nth(4).inner_text() == "5. Vår resa framåt"


def test_cancelled_meetings_can_be_cleared_once_everyone_has_the_file(page, origin):
    """After 'clear', the file lists only the current meetings, with a higher SEQUENCE."""
    page.goto(f"{origin}suunnittelu/#{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    calendar_of(page)
    page.locator(".planner-meeting").nth(1).locator('[data-action="remove"]').click()
    before = calendar_of(page)
    assert [str(e["status"]) for e in before.walk("VEVENT")].count("CANCELLED") == 1
    page.get_by_role("button", name="Jätä perutut tapaamiset pois tiedostosta").click()
    assert page.locator('[data-part="gone"]').is_hidden()
    after = calendar_of(page)
    assert {str(e["status"]) for e in after.walk("VEVENT")} == {"CONFIRMED"}
    assert int(after.walk("VEVENT")[0]["sequence"]) > int(before.walk("VEVENT")[0]["sequence"])


def test_meetings_removed_before_anything_was_handed_out_leave_no_cancelled_event(page, origin):
    """A plan being drafted (nothing downloaded, copied or printed yet) has no cancelled events."""
    page.goto(f"{origin}suunnittelu/")
    page.locator("#planner:not([hidden])").wait_for()
    page.locator("#planner-model-vahvistin").check()
    page.locator(".planner-meeting").nth(1).locator('[data-action="remove"]').click()
    calendar = calendar_of(page)
    assert {str(e["status"]) for e in calendar.walk("VEVENT")} == {"CONFIRMED"}
    assert page.locator('[data-part="gone"]').is_hidden()


def test_a_colleague_opening_the_share_link_gets_the_same_events(page, browser, origin):
    """The same link in a fresh browser gives the same UIDs and SEQUENCE: no second copy."""
    page.goto(f"{origin}suunnittelu/?{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    page.fill("#planner-time", "18:15")
    mine = calendar_of(page)
    link = page.evaluate("location.href")
    context = browser.new_context(accept_downloads=True)
    other = context.new_page()
    other.goto(link)
    wait_for_plan(other)
    theirs = calendar_of(other)
    context.close()
    assert current_plan(theirs) == current_plan(mine)
    assert {int(e["sequence"]) for e in theirs.walk("VEVENT")} == {int(e["sequence"]) for e in mine.walk("VEVENT")}


def test_old_query_link_opens_and_moves_to_the_fragment(page, origin):
    """A ?model=... link from before still opens its plan; the address then holds it after '#'."""
    page.goto(f"{origin}suunnittelu/?{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    address = page.evaluate("({search: location.search, hash: location.hash})")
    assert address["search"] == ""
    assert address["hash"].startswith("#plan=") and "&model=kokemus-voimavaraksi&start=2027-02-02T17:30&" in address["hash"]
    assert address["hash"].endswith("&place=" + quote(PLACE))
    assert page.input_value("#planner-share") == page.evaluate("location.href")


def test_share_link_sends_the_place_to_no_server(browser, origin):
    """Opening a plan's link, switching language and following a heading anchor: no request
    (address or header) carries the place, and the plan stays in the address."""
    secret = "Salainen paikka 7"
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(f"{origin}suunnittelu/#model=vahvistin&start=2027-01-14T14:00&every=21&place=" + quote(secret))
    wait_for_plan(page)
    page.set_viewport_size({"width": 1280, "height": 900})  # the contents beside the page
    page.locator('a.md-nav__link[href="#mista-ehdotukset-tulevat"]:visible').first.click()
    assert "place=" in page.evaluate("location.hash")  # the anchor scrolled; the plan came back
    page.locator("a.shell-language__link").click()
    page.wait_for_url("**/sv/suunnittelu/#*")
    wait_for_plan(page)
    assert page.input_value("#planner-place") == secret
    seen = " ".join(f"{r.url} {r.all_headers()}" for r in requests)
    context.close()
    assert len(requests) > 5
    for form in (secret, quote(secret), quote(secret).replace("%20", "+"), "Salainen"):
        assert form not in seen


def test_pasted_share_link_opens_its_plan_in_the_same_page(page, origin):
    """A share link pasted into the address of the open planner (only the fragment changes) opens."""
    from playwright.sync_api import expect

    page.goto(f"{origin}suunnittelu/#{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    page.evaluate("location.hash = 'model=vahvistin&start=2027-01-14T14:00&every=21&cards=vahvistin-aloitus,vahvistin-paatos'")
    expect(page.locator(".planner-meeting")).to_have_count(2)
    assert page.input_value("#planner-every") == "21"


def test_the_menus_link_to_the_planner_keeps_the_plan(page, origin):
    """Walkthrough A-10: the menu's link to this page carries the plan; the contents keep their anchors."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{origin}suunnittelu/#{KOKEMUS_OLD_LINK}")
    wait_for_plan(page)
    page.fill("#planner-time", "18:15")
    menu = page.locator(".md-sidebar--primary a.md-nav__link--active").first
    assert menu.get_attribute("href").endswith(page.evaluate("location.hash"))
    menu.click()
    wait_for_plan(page)
    assert page.input_value("#planner-time") == "18:15"
    assert page.locator('.md-sidebar--secondary a[href="#mista-ehdotukset-tulevat"]').count() == 1

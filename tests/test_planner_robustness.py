"""The planner with hostile or odd links (red-team findings 14, 17 and 18): long texts cut between
characters, control characters kept out of the calendar file, a cap on meetings, years 2000-2100
and clock times that do not exist in Helsinki (the spring change to summer time)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

from planner_pages import open_link

pytestmark = pytest.mark.browser

HELSINKI = ZoneInfo("Europe/Helsinki")
BASE = "model=vahvistin&start=2027-01-14T14:00&every=21&cards=vahvistin-aloitus,raha"


@pytest.fixture
def page(browser):
    """A fresh page that records uncaught script errors."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()



def download(page) -> bytes:
    with page.expect_download() as info:
        page.locator('[data-part="download"]').click()
    return Path(info.value.path()).read_bytes()


def parsed(raw: bytes):
    import icalendar

    return icalendar.Calendar.from_ical(raw)


def problems(page) -> list[str]:
    return page.locator('[data-part="problems"] li').all_inner_texts()


@pytest.mark.parametrize("how", ["fragment", "old-query"])
def test_place_cut_at_200_never_splits_an_emoji_and_the_download_is_a_calendar(page, origin, how):
    """Finding 14: 199 letters and an emoji. The plan opens, the place keeps whole characters,
    and the download is an iCalendar file, never the page's HTML."""
    place = "a" * 199 + "\N{GRINNING FACE}" + "b" * 5
    link = BASE + "&place=" + quote(place)
    if how == "fragment":
        open_link(page, origin, link)
    else:
        page.goto(f"{origin}suunnittelu/?{link}")
        page.locator('[data-part="plan"]:not([hidden])').wait_for()
    assert page.errors == [] and page.locator('[data-part="load-failed"]').is_hidden()
    assert page.input_value("#planner-place") == "a" * 199 + "\N{GRINNING FACE}"
    raw = download(page)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"<html" not in raw.lower()
    assert {str(e["location"]) for e in parsed(raw).walk("VEVENT")} == {"a" * 199 + "\N{GRINNING FACE}"}


def test_calendar_text_has_no_control_characters_or_unicode_line_breaks(page, origin):
    """Finding 17: NUL, BEL, ESC, VT, FF, FS, NEL, U+2028 and U+2029 never reach the .ics, so a
    parser that splits on any line break sees no extra property."""
    place = "Room 1\u2028ATTENDEE:mailto:evil@example.com\u2029X\x00\x07\x1b[31m\x0b\x0c\x1c\x85Y\tZ"
    open_link(page, origin, BASE + "&place=" + quote(place))
    raw = download(page)
    text = raw.decode("utf-8")
    assert text.splitlines() == text.split("\r\n")[:-1]  # no line break but CRLF
    forbidden = [c for c in text if (ord(c) < 0x20 and c not in "\r\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029"]
    assert forbidden == []
    assert {str(e["location"]) for e in parsed(raw).walk("VEVENT")} == {"Room 1ATTENDEE:mailto:evil@example.comX[31mY Z"}


@pytest.mark.parametrize("start, shown", [
    ("9999-12-31T23:59", "Aloitusaika ”9999-12-31T23:59”"),
    ("1999-12-31T10:00", "Aloitusaika ”1999-12-31T10:00”"),
])
def test_start_outside_2000_to_2100_is_refused_with_a_message(page, origin, start, shown):
    """Finding 18: a start year outside 2000-2100 is named, and the plan keeps a real date."""
    open_link(page, origin, BASE.replace("2027-01-14T14:00", start))
    assert any(text.startswith(shown) and "2000–2100" in text for text in problems(page)), problems(page)
    years = {e.decoded("dtstart").year for e in parsed(download(page)).walk("VEVENT")}
    assert all(2000 <= year <= 2200 for year in years)


@pytest.mark.parametrize("start", ["2000-01-03T10:00", "2100-12-31T10:00"])
def test_start_in_2000_and_2100_is_accepted(page, origin, start):
    """The first and the last year allowed open without a message."""
    open_link(page, origin, BASE.replace("2027-01-14T14:00", start))
    assert problems(page) == []
    assert page.input_value("#planner-date") == start[:10]


def test_a_plan_holds_at_most_100_meetings(page, origin):
    """Finding 18: a link with 150 meetings gives 100 and says so; adding a 101st is refused aloud."""
    from playwright.sync_api import expect

    open_link(page, origin, "model=vahvistin&start=2027-01-14T14:00&every=7&cards=" + ",".join(["raha"] * 150))
    assert page.locator(".planner-meeting").count() == 100
    assert any("100" in text and "150" in text for text in problems(page)), problems(page)
    page.get_by_role("button", name="Lisää tapaaminen loppuun").click()
    expect(page.locator('[data-part="status"]')).to_have_text("Suunnitelmaan mahtuu 100 tapaamista. Uutta tapaamista ei lisätty.")
    assert page.locator(".planner-meeting").count() == 100
    assert len(parsed(download(page)).walk("VEVENT")) == 100


@pytest.mark.parametrize("root, notice", [
    ("", "28.3.2027 klo 03.30 ei ole olemassa"), ("sv/", "28.3.2027 kl. 03.30 finns inte")])
def test_time_in_the_spring_forward_gap_moves_an_hour_later_and_says_so(page, origin, root, notice):
    """Finding 18: 03:30 on 28 March 2027 does not exist in Helsinki: the page, printout and file
    all say 04:30, and a visible message explains it; the next week stays at 03:30."""
    open_link(page, origin, "model=vahvistin&start=2027-03-28T03:30&every=7&cards=raha,raha", root=root)
    notices = page.locator('[data-part="notices"]')
    assert notices.is_visible() and notice in notices.inner_text()
    assert "04.30" in notices.inner_text()
    when = page.locator(".planner-meeting__when").all_inner_texts()
    assert "04.30–" in when[0] and "03.30–" in when[1]
    starts = [e.decoded("dtstart") for e in parsed(download(page)).walk("VEVENT")]
    assert starts == [datetime(2027, 3, 28, 4, 30, tzinfo=HELSINKI), datetime(2027, 4, 4, 3, 30, tzinfo=HELSINKI)]
    assert starts[0].utcoffset().total_seconds() == 3 * 3600


def test_plan_outside_the_gap_has_no_summer_time_notice(page, origin):
    """The notice is for the missing hour only."""
    open_link(page, origin, "model=vahvistin&start=2027-03-28T04:00&every=7&cards=raha")
    assert page.locator('[data-part="notices"]').is_hidden()

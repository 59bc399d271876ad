"""The planner in a real browser: built by keyboard, opened from a share link, taken away as a
calendar file (read by the `icalendar` parser) and a printout, in both languages.

The share link is a public contract (overrides/assets/javascripts/planner.js): suunnittelu/#plan=<id>
&rev=<n>&next=<key>&lang=<locale>&model=<model>&start=<YYYY-MM-DDTHH:MM, Helsinki time>&every=<days>
&cards=<key>.<id>,...[&gone=...][&name<key>=<text>][&place=<text>]; '_' is a meeting without a
card. Links from before (?model=...&cards=<id>,<id>,...&place=...), as used here, still open.
The plan's life in calendars and the privacy of the fragment: tests/test_planner_identity.py.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

HELSINKI = ZoneInfo("Europe/Helsinki")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PLACE = "Kahvila, 2. krs; sali B"
VAHVISTIN = "model=vahvistin&start=2026-03-10T17:00&every=14&cards=vahvistin-aloitus,raha,_,vahvistin-paatos"
# Collects every Content-Security-Policy violation the page reports.
RECORD_POLICY_VIOLATIONS = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__policyViolations.push(e.violatedDirective));
"""


@pytest.fixture
def page(browser):
    """A fresh page (own cookies and storage) that records policy violations, en-US date fields."""
    context = browser.new_context(locale="en-US", viewport=WIDTHS["desktop"], accept_downloads=True)
    context.add_init_script(RECORD_POLICY_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


def open_plan(page, origin: str, query: str = "", root: str = ""):
    page.goto(f"{origin}{root}suunnittelu/{'?' + query if query else ''}")
    page.locator("#planner:not([hidden])").wait_for()
    page.locator(".planner-fallback").wait_for(state="hidden")


def calendar_of(page):
    """The downloaded .ics: its file name, raw bytes and the parsed calendar."""
    import icalendar

    with page.expect_download() as info:
        page.locator('[data-part="download"]').click()
    download = info.value
    raw = Path(download.path()).read_bytes()
    return download.suggested_filename, raw, icalendar.Calendar.from_ical(raw)


def events_of(calendar) -> list:
    return list(calendar.walk("VEVENT"))


def titles(page) -> list[str]:
    return page.locator(".planner-meeting__title").all_inner_texts()


def tab_to(page, predicate: str, limit: int = 120, key: str = "Tab") -> None:
    """Press Tab (or `key`) until `predicate` (JS, on document.activeElement as `el`) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"keyboard focus never reached: {predicate}")


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


def status(page):
    return page.locator('[role="status"][data-part="status"]')


def test_a_plan_built_by_keyboard_alone(page, origin):
    """Model, date, time, interval, place, remove, move, add and download, with keys only."""
    from playwright.sync_api import expect

    page.goto(origin + "suunnittelu/")
    page.locator("#planner:not([hidden])").wait_for()
    tab_to(page, "el.id === 'planner-model-vahvistin'")
    page.keyboard.press("Space")
    tab_to(page, "el.id === 'planner-date'")
    page.keyboard.type("03172026")
    tab_to(page, "el.id === 'planner-time'")
    page.keyboard.type("0530P")
    tab_to(page, "el.id === 'planner-every'")
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    tab_to(page, "el.id === 'planner-place'")
    page.keyboard.type(PLACE)
    expect(status(page)).to_have_text("Vahvistin-vertaisryhmämalli: 9 tapaamista.")

    tab_to(page, "el.getAttribute('aria-label') === 'Poista: Työkyky ja palautuminen'")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Poistettu: Työkyky ja palautuminen. Tapaamisia nyt 8.")
    assert focused_name(page) == "Poista: Ammatti-identiteetti"

    tab_to(page, "el.getAttribute('aria-label') === 'Siirrä ylöspäin: Raha'")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Raha on nyt tapaaminen 4/8.")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Raha on nyt tapaaminen 3/8.")
    assert focused_name(page) == "Siirrä ylöspäin: Raha"

    tab_to(page, "el.id === 'planner-add'")
    page.keyboard.type("Oma")
    tab_to(page, "el.dataset.action === 'add'")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Lisätty: Oma tapaaminen. Tapaamisia nyt 9.")

    assert titles(page)[:3] == ["1. Aloitustapaaminen", "2. Ammatti-identiteetti", "3. Raha"]
    assert titles(page)[-2:] == ["8. Päättämistapaaminen", "9. Oma tapaaminen"]
    tab_to(page, "el.dataset.part === 'download'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    import icalendar
    events = events_of(icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()))
    assert [e.decoded("dtstart") for e in events][:3] == [datetime(2026, 3, d, 17, 30, tzinfo=HELSINKI) for d in (17, 24, 31)]
    assert {str(e["location"]) for e in events} == {PLACE}
    assert page.url.endswith("&place=" + quote(PLACE, safe=""))
    assert page.evaluate("window.__policyViolations") == []


def test_share_link_opened_cold_shows_the_plan_and_its_download(page, origin):
    """The link's plan is on the page at once: meetings, dates, clock times, phases, links, download."""
    open_plan(page, origin, VAHVISTIN + "&place=" + quote(PLACE))
    assert titles(page) == ["1. Aloitustapaaminen", "2. Raha", "3. Oma tapaaminen", "4. Päättämistapaaminen"]
    assert page.locator(".planner-meeting__when").all_inner_texts() == [
        "ti 10.3.2026 klo 17.00–19.30", "ti 24.3.2026 klo 17.00–19.30 · Teematapaaminen",
        "ti 7.4.2026 klo 17.00–19.30", "ti 21.4.2026 klo 17.00–19.30"]
    raha = page.locator(".planner-meeting").nth(1)
    assert raha.locator(".planner-phases li").first.inner_text() == "17.00 Kuulumiskierros"
    assert raha.get_by_role("link", name="Avaa kortti: Raha").get_attribute("href") == origin + "kortit/raha/"
    assert raha.get_by_role("link", name="Tulostettava kortti (PDF): Raha").get_attribute("href") == origin + "kortit/raha.pdf"
    assert raha.get_by_role("button", name="Siirrä ylöspäin: Raha").is_enabled()
    assert page.get_by_role("button", name="Siirrä ylöspäin: Aloitustapaaminen").is_disabled()
    assert page.input_value("#planner-place") == PLACE and page.input_value("#planner-every") == "14"
    assert page.input_value("#planner-share") == page.url
    assert calendar_of(page)[0] == "vertaisryhma-vahvistin-2026-03-10.ics"
    assert page.locator('[data-part="problems"]').is_hidden()
    assert page.locator(".planner-meeting__methods:visible").count() == 0  # no method cards in this model


def test_copy_button_copies_the_share_link(page, origin):
    """'Kopioi linkki' puts the page's address on the clipboard and says so."""
    from playwright.sync_api import expect

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_plan(page, origin, VAHVISTIN)
    page.get_by_role("button", name="Kopioi linkki", exact=True).click()
    expect(status(page)).to_have_text("Linkki on kopioitu.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_downloaded_calendar_is_read_by_icalendar_with_dates_times_lengths_titles_and_links(page, origin):
    """One event per meeting, in Helsinki time, with the card's length, Finnish title, place and links."""
    open_plan(page, origin, VAHVISTIN + "&place=" + quote(PLACE))
    name, raw, calendar = calendar_of(page)
    events = events_of(calendar)
    assert name.endswith(".ics") and len(events) == 4
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [datetime(2026, m, d, 17, 0, tzinfo=HELSINKI) for m, d in ((3, 10), (3, 24), (4, 7), (4, 21))]
    assert all(str(e["dtstart"].params["TZID"]) == "Europe/Helsinki" for e in events)
    assert [e.decoded("dtend") - e.decoded("dtstart") for e in events] == [timedelta(minutes=150)] * 4
    assert [str(e["summary"]) for e in events] == [
        "Vertaisryhmä: Aloitustapaaminen", "Vertaisryhmä: Raha", "Vertaisryhmä: Oma tapaaminen", "Vertaisryhmä: Päättämistapaaminen"]
    raha = events[1]
    assert str(raha["location"]) == PLACE
    assert str(raha["url"]) == origin + "kortit/raha/"
    description = str(raha["description"])
    assert description.startswith("Teematapaaminen\n17.00 Kuulumiskierros\n17.20 Teeman avaus")
    assert f"Kortti: {origin}kortit/raha/" in description and f"(PDF): {origin}kortit/raha.pdf" in description
    assert "url" not in events[2] and "Ei korttia" in str(events[2]["description"])
    assert len({str(e["uid"]) for e in events}) == 4 and all(e.decoded("dtstamp").tzinfo is not None for e in events)
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Helsinki"


def test_calendar_file_is_well_formed_rfc5545_text(page, origin):
    """CRLF line ends, lines folded at 75 octets, text escaped, UTC stamps."""
    open_plan(page, origin, VAHVISTIN + "&place=" + quote(PLACE))
    _, raw, _ = calendar_of(page)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # descriptions are long enough to fold
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "LOCATION;LANGUAGE=fi:Kahvila\\, 2. krs\\; sali B\r\n" in unfolded
    assert all(line.endswith("Z") for line in unfolded.split("\r\n") if line.startswith("DTSTAMP:"))


def test_same_plan_downloaded_twice_has_the_same_event_ids(page, origin):
    """UIDs come from the plan, so importing it again updates the events instead of doubling them."""
    open_plan(page, origin, VAHVISTIN)
    first = [str(e["uid"]) for e in events_of(calendar_of(page)[2])]
    page.reload()
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    assert [str(e["uid"]) for e in events_of(calendar_of(page)[2])] == first


def test_series_across_the_summer_time_change_keeps_its_clock_time(page, origin):
    """Weekly meetings from 17 March 2026 stay at 18:15 Helsinki time after clocks go forward on 29 March."""
    open_plan(page, origin, "model=kokemus-voimavaraksi&start=2026-03-17T18:15&every=7&cards=kokemus-aloitus,_,_,_")
    events = events_of(calendar_of(page)[2])
    starts = [e.decoded("dtstart") for e in events]
    assert [(s.date(), s.hour, s.minute) for s in starts] == [(date(2026, 3, d), 18, 15) for d in (17, 24, 31)] + [(date(2026, 4, 7), 18, 15)]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=2)] * 2 + [timedelta(hours=3)] * 2
    assert [s.astimezone(ZoneInfo("UTC")).hour for s in starts] == [16, 16, 15, 15]


def test_follow_up_is_about_six_months_after_the_meeting_before_it(page, origin, site):
    """The proposal puts the follow-up about six months after the last weekly meeting, on its weekday
    and at its clock time (here back in winter time), and each proposed meeting carries its card's methods."""
    catalogue = json.loads((site / "suunnittelu" / "kortit.json").read_text("utf-8"))
    model = next(model for model in catalogue["models"] if model["id"] == "kokemus-voimavaraksi")
    open_plan(page, origin, "model=kokemus-voimavaraksi&start=2026-03-03T17:00&every=7")
    assert len(titles(page)) == len(model["series"]) and model["series"][-1] == "kokemus-seuranta"
    events = events_of(calendar_of(page)[2])
    last_weekly, follow_up = events[-2].decoded("dtstart"), events[-1].decoded("dtstart")
    assert last_weekly == datetime(2026, 3, 3, 17, 0, tzinfo=HELSINKI) + timedelta(days=7 * (len(events) - 2))
    six_months = last_weekly.replace(month=last_weekly.month + 6)
    assert follow_up.weekday() == last_weekly.weekday() and abs(follow_up - six_months) <= timedelta(days=3)
    assert follow_up.time() == last_weekly.time() and follow_up.utcoffset() == timedelta(hours=2)
    assert str(events[-1]["summary"]) == "Vertaisryhmä: Seurantatapaaminen"
    cards = {card["id"]: card for card in catalogue["cards"]}
    tokens = [id_ + "".join("~" + method for method in cards[id_]["methods"]) if id_ in cards else id_ for id_ in model["series"]]
    cards = page.evaluate("new URLSearchParams(location.hash.slice(1)).get('cards')")
    assert [token.split(".", 1)[1] for token in cards.split(",")] == tokens and "~" in cards


def test_swedish_plan_has_swedish_calendar_texts(page, origin):
    """On /sv/ the page, the event titles, descriptions and links are Swedish."""
    open_plan(page, origin, "model=kokemus-voimavaraksi&start=2026-09-01T17:00&every=7&cards=kokemus-aloitus,_,kokemus-seuranta", root="sv/")
    assert titles(page) == ["1. Startträff", "2. Egen träff", "3. Uppföljningsträff"]
    assert page.locator(".planner-meeting__when").first.inner_text() == "tis 1.9.2026 kl. 17.00–19.00"
    name, _, calendar = calendar_of(page)
    events = events_of(calendar)
    assert name == "kamratstodsgrupp-kokemus-voimavaraksi-2026-09-01.ics"
    assert [str(e["summary"]) for e in events] == ["Kamratstödsgrupp: Startträff", "Kamratstödsgrupp: Egen träff", "Kamratstödsgrupp: Uppföljningsträff"]
    assert str(events[0]["url"]) == origin + "sv/kortit/kokemus-aloitus/"
    assert str(events[0]["description"]).startswith("Startträff\n17.00 Kaffe och presentation")
    assert "Kortet för utskrift (PDF): " + origin + "sv/kortit/kokemus-aloitus.pdf" in str(events[0]["description"])
    assert str(calendar["x-wr-calname"]) == "Kamratstödsgruppens träffar"
    assert events[2].decoded("dtstart") == datetime(2027, 3, 9, 17, 0, tzinfo=HELSINKI)  # Tuesday, like the series


BAD_LINKS = [
    ("", "model=ryhma&start=2026-03-10T17:00", "Ryhmämallia ”ryhma” ei ole. Valitse malli.", []),
    ("", "start=2026-03-10T17:00&every=7&cards=raha", "Linkistä puuttuu ryhmämalli. Valitse malli.", []),
    ("", VAHVISTIN.replace("raha", "rahat"), "Korttia ”rahat” ei ole. Se jätettiin pois suunnitelmasta.",
     ["1. Aloitustapaaminen", "2. Oma tapaaminen", "3. Päättämistapaaminen"]),
    ("", VAHVISTIN.replace("raha", "kokemus-seuranta"), "Kortti ”kokemus-seuranta” kuuluu toiseen ryhmämalliin. Se jätettiin pois suunnitelmasta.",
     ["1. Aloitustapaaminen", "2. Oma tapaaminen", "3. Päättämistapaaminen"]),
    ("", VAHVISTIN.replace("2026-03-10", "2026-02-30"), "Aloitusaika ”2026-02-30T17:00” ei ole mahdollinen päivä ja kellonaika.",
     ["1. Aloitustapaaminen", "2. Raha", "3. Oma tapaaminen", "4. Päättämistapaaminen"]),
    ("", VAHVISTIN.replace("every=14", "every=-7"), "Tapaamisten väli ”-7” ei kelpaa. Välin pitää olla 1–365 päivää. Väli on nyt 14 päivää.",
     ["1. Aloitustapaaminen", "2. Raha", "3. Oma tapaaminen", "4. Päättämistapaaminen"]),
    ("sv/", VAHVISTIN.replace("every=14", "every=0").replace("raha", "rahat"), "Tiden mellan träffarna ”0” går inte att använda.",
     ["1. Startträff", "2. Egen träff", "3. Avslutningsträff"]),
    ("sv/", VAHVISTIN.replace("T17:00", "T25:00"), "Starttiden ”2026-03-10T25:00” är inget möjligt datum och klockslag.",
     ["1. Startträff", "2. Pengar", "3. Egen träff", "4. Avslutningsträff"]),
]


@pytest.mark.parametrize("root, query, message, kept", BAD_LINKS,
                         ids=["model", "no-model", "card", "card-model", "date", "interval", "sv-interval-and-card", "sv-time"])
def test_bad_parameter_is_named_in_the_pages_language_and_the_rest_is_kept(page, origin, root, query, message, kept):
    """A wrong part of the link gets a message naming it; the rest of the plan is shown."""
    page.goto(f"{origin}{root}suunnittelu/?{query}")
    problems = page.locator('[data-part="problems"]')
    problems.wait_for()
    assert any(text.startswith(message) for text in problems.locator("li").all_inner_texts()), problems.inner_text()
    assert titles(page) == kept


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("root", ["", "sv/"], ids=["fi", "sv"])
def test_planner_with_a_plan_has_no_axe_violations_and_stays_on_its_host(browser, origin, root, width):
    """0 WCAG 2.1 AA violations at 390 and 1280 px, no request to another host, no policy violation."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=WIDTHS[width])
    context.add_init_script(RECORD_POLICY_VIOLATIONS)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_plan(page, origin, VAHVISTIN + "&place=" + quote(PLACE), root=root)
    page.get_by_role("button", name="Poista" if not root else "Ta bort").first.focus()
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert [f"{v['id']}: {n['target']}" for v in violations for n in v["nodes"]] == []
    assert [url for url in requests if urlsplit(url).scheme in ("http", "https") and not url.startswith(origin)] == []
    assert page.evaluate("window.__policyViolations") == []
    context.close()


def test_plan_is_kept_in_no_cookie_and_no_storage(page, origin):
    """Building a plan sets no cookie and writes nothing to local or session storage."""
    open_plan(page, origin, VAHVISTIN)
    storage = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    before = page.evaluate(storage)
    page.get_by_role("button", name="Poista: Raha").click()
    page.fill("#planner-place", PLACE)
    assert page.context.cookies() == []
    assert page.evaluate(storage) == before and "raha" not in before.lower()


def test_print_view_is_one_or_two_pages_with_dates_times_titles_place_and_crisis_line(page, origin):
    """Printed, the plan is a table on at most two A4 pages, with the crisis help numbers, and no controls."""
    from pypdf import PdfReader

    open_plan(page, origin, "model=kokemus-voimavaraksi&start=2026-03-03T17:00&every=7&place=" + quote(PLACE))
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 2
    for expected in ("Tapaamissuunnitelma: Kokemus voimavaraksi", PLACE, "ti 3.3.2026", "17.00–19.00",
                     "Aloitustapaaminen", "Hyvä mielenterveys", "Seurantatapaaminen", "112", "09 2525 0111"):
        assert expected in text, expected
    for control in ("Siirrä ylöspäin", "Lataa kalenteritiedosto", "Valitse ryhmämalli", "Mistä ehdotukset tulevat"):
        assert control not in text, control


METHOD = {"id": "testimenetelma", "model": "kokemus-voimavaraksi", "kind": "method", "order": 90, "minutes": 20,
          "title": "Testimenetelmä", "page": "../kortit/hyva-mielenterveys/", "pdf": None,
          "phases": [{"title": "Harjoitus", "kind": "exercise", "minutes": 20}]}


def with_method_card(page, origin: str) -> None:
    """Serve the Finnish catalogue with one method card added (as issue #12's cards will be)."""
    def fulfil(route):
        response = route.fetch()
        catalogue = response.json()
        catalogue["cards"].append(METHOD)
        route.fulfill(response=response, json=catalogue)
    page.route(origin + "suunnittelu/kortit.json", fulfil)


def test_method_cards_are_attached_to_meetings_not_added_as_meetings(page, origin):
    """A method card is offered per meeting, attached and detached by name, kept in the link and the calendar."""
    from playwright.sync_api import expect

    with_method_card(page, origin)
    open_plan(page, origin, "model=kokemus-voimavaraksi&start=2026-03-03T17:00&every=7&cards=kokemus-aloitus~testimenetelma,_")
    first, second = page.locator(".planner-meeting").nth(0), page.locator(".planner-meeting").nth(1)
    assert first.locator(".planner-methods li").inner_text().startswith("Testimenetelmä (20 min)")
    assert "testimenetelma" not in page.locator("#planner-add option").evaluate_all("options => options.map(o => o.value)")
    second.locator(".planner-attach summary").press("Enter")  # opens the <details> with the list
    second.get_by_label("Tapaamiseen lisättävä harjoitus").select_option("testimenetelma")
    second.get_by_role("button", name="Lisää harjoitus: Oma tapaaminen").click()
    expect(status(page)).to_have_text("Harjoitus lisätty: Testimenetelmä, tapaamiseen Oma tapaaminen.")
    first.get_by_role("button", name="Poista harjoitus: Testimenetelmä, Aloitustapaaminen").click()
    expect(status(page)).to_have_text("Harjoitus poistettu: Testimenetelmä, tapaamisesta Aloitustapaaminen.")
    assert page.evaluate("new URLSearchParams(location.hash.slice(1)).get('cards')") == "1.kokemus-aloitus,2._~testimenetelma"
    events = events_of(calendar_of(page)[2])
    assert str(events[1]["description"]).endswith("Harjoitukset:\nTestimenetelmä: " + origin + "kortit/hyva-mielenterveys/")
    assert "Menetelmät" not in str(events[0]["description"])


@pytest.mark.parametrize("cards, message", [
    ("testimenetelma", "Kortti ”testimenetelma” on harjoitus eikä tapaaminen."),
    ("kokemus-aloitus~hyva-mielenterveys", "Kortti ”hyva-mielenterveys” ei ole harjoitus, joten sitä ei voi lisätä tapaamiseen."),
], ids=["method-as-meeting", "meeting-as-method"])
def test_method_in_the_wrong_place_is_named(page, origin, cards, message):
    """A method given as a meeting, or a meeting attached as a method, is named and left out."""
    with_method_card(page, origin)
    page.goto(f"{origin}suunnittelu/?model=kokemus-voimavaraksi&start=2026-03-03T17:00&every=7&cards={cards}")
    page.locator('[data-part="problems"]').wait_for()
    assert any(text.startswith(message) for text in page.locator('[data-part="problems"] li').all_inner_texts())

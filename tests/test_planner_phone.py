"""The planner on a phone and its own meetings' names: the plan's actions within reach while the
list scrolls, its sections in the page's contents, and a named meeting everywhere the plan goes
(walkthrough A-2, M-5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from planner_pages import open_link

PHONE = {"width": 390, "height": 844}
KOKEMUS = "model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7"
SECTIONS = ["#planner-model-title", "#planner-settings-title", "#planner-meetings-title", "#planner-output-title", "#planner-invite-title"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()



def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.browser
def test_action_bar_is_on_screen_while_the_meetings_scroll(phone, origin):
    """At 390 px, with meeting 6 of 12 on screen, the bar's download, print and share are too."""
    from playwright.sync_api import expect

    open_link(phone, origin, KOKEMUS)
    phone.locator(".planner-meeting").nth(5).scroll_into_view_if_needed()
    bar = phone.get_by_role("group", name="Suunnitelman toiminnot")
    assert in_view(phone, bar)
    with phone.expect_download() as info:
        bar.get_by_role("button", name="Kalenteriin (.ics)").tap()
    import icalendar
    assert len(icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")) == 12
    bar.get_by_role("link", name="Jaa linkki").tap()
    expect(phone.locator("#planner-output-title")).to_be_in_viewport()
    assert "model=kokemus-voimavaraksi" in phone.evaluate("location.hash")


@pytest.mark.parametrize("root", ["", "sv/"], ids=["fi", "sv"])
def test_contents_list_the_planners_sections_first(site, root):
    """The page's table of contents names the planner's five sections before the prose's."""
    html = BeautifulSoup((site / root / "suunnittelu" / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in html.select(".md-sidebar--secondary a.md-nav__link")]
    assert links[:5] == SECTIONS and len(links) > 5
    assert all(html.find(id=anchor[1:]) is not None for anchor in SECTIONS)


@pytest.mark.browser
def test_named_own_meeting_shows_its_name_in_plan_printout_and_calendar(phone, origin):
    """Walkthrough M-5: an own meeting named in the plan keeps that name on paper and in the calendar."""
    import icalendar
    from pypdf import PdfReader

    open_link(phone, origin, "model=vahvistin&start=2027-01-14T14:00&every=21&cards=1.vahvistin-aloitus,2._,3.vahvistin-paatos")
    phone.locator(".planner-meeting").nth(1).get_by_label("Tapaamisen nimi (vapaaehtoinen)").fill("Retki luontoon")
    assert phone.locator(".planner-meeting__title").nth(1).inner_text() == "2. Retki luontoon"
    assert "name2=Retki%20luontoon" in phone.evaluate("location.hash")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(phone.pdf(format="A4"))).pages)
    assert "Retki luontoon" in text
    with phone.expect_download() as info:
        phone.locator('[data-part="download"]').click()
    events = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    assert str(events[1]["summary"]) == "Vertaisryhmä: Retki luontoon"


@pytest.mark.browser
def test_without_javascript_the_card_index_paragraph_shows_and_the_planner_does_not(browser, origin):
    """The planner is painted from the first frame with JavaScript; without it, the reader sees
    the paragraph that points to the card index instead of controls that cannot work."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(origin + "suunnittelu/")
    assert page.locator(".planner-fallback").is_visible()
    assert page.locator("#planner").is_hidden()
    context.close()

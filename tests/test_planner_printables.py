"""Printables from the plan (walkthrough A-7, M-3): each meeting links its participant handout
when its card has one, and the plan links the model's booklet and, for Vahvistin, the theme
list and voting sheet, in the page's language."""

from __future__ import annotations

import io
import json

import pytest

ROOTS = {"fi": "", "sv": "sv/"}


def catalogue(site, locale):
    return json.loads((site / ROOTS[locale] / "suunnittelu" / "kortit.json").read_text("utf-8"))


@pytest.mark.parametrize("locale", ROOTS)
def test_catalogue_links_existing_handouts_booklets_and_the_voting_sheet(site, locale):
    """Every handout, booklet and sheet address in the catalogue is a built PDF; only cards with a
    handout have one; Vahvistin has its booklet and voting sheet, Kokemus voimavaraksi its booklet."""
    data = catalogue(site, locale)
    folder = site / ROOTS[locale] / "suunnittelu"
    cards = {card["id"]: card for card in data["cards"]}
    assert cards["kokemus-aloitus"]["handout"] and cards["hyva-mielenterveys"]["handout"] is None
    handouts = [card["handout"] for card in data["cards"] if card["handout"]]
    printables = {model["id"]: model["printables"] for model in data["models"]}
    assert [len(printables["vahvistin"]), len(printables["kokemus-voimavaraksi"])] == [2, 1]
    for href in handouts + [p["href"] for items in printables.values() for p in items]:
        assert (folder / href).resolve().is_file(), href


@pytest.mark.browser
@pytest.mark.parametrize("root, handout, voting", [
    ("", "Osallistujan moniste (PDF): Aloitustapaaminen", "äänestyslomake"),
    ("sv/", "Utdelningsblad för deltagarna (PDF): Startträff", "röstningsblad"),
], ids=["fi", "sv"])
def test_plan_links_each_meetings_handout_and_the_models_printables(browser, origin, root, handout, voting):
    """Meeting 1 links its handout, meeting 2 (no handout) links none; the plan links the booklet
    and, for Vahvistin, the voting sheet."""
    page = browser.new_page()
    page.goto(f"{origin}{root}suunnittelu/#model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&cards=kokemus-aloitus,hyva-mielenterveys")
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    link = page.get_by_role("link", name=handout)
    assert link.get_attribute("href").startswith(f"{origin}{root}kortit/kokemus-aloitus-")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert page.locator(".planner-meeting").nth(1).locator('[data-part="handout"]').is_hidden()
    assert page.locator('[data-part="printables"] a').count() == 1
    page.goto(f"{origin}{root}suunnittelu/#model=vahvistin&start=2027-01-14T14:00&every=21")
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    texts = page.locator('[data-part="printables"] a').all_inner_texts()
    assert len(texts) == 2 and voting in texts[1].lower()
    response = page.request.get(page.locator('[data-part="printables"] a').nth(1).get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    page.close()


@pytest.mark.browser
def test_invitation_text_holds_the_model_dates_place_and_contact_but_the_link_does_not(browser, origin):
    """The invitation to copy: the model in two sentences, every date, the place, the audience and
    the contact the organiser typed; the contact stays out of the share link."""
    page = browser.new_page()
    page.goto(f"{origin}suunnittelu/#model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&cards=kokemus-aloitus,_&place=Kirjasto")
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    page.fill("#planner-audience", "masennuksesta toipuville aikuisille")
    page.fill("#planner-contact", "29.1. mennessä: ryhma@example.org")
    text = page.input_value("#planner-invite")
    for expected in ("Vertaisryhmä mielen hyvinvoinnin tueksi", "kaksi kokemusasiantuntijaa",
                     "Kenelle: masennuksesta toipuville aikuisille", "- ti 2.2.2027 klo 17.30–19.30",
                     "- ti 9.2.2027 klo 17.30–19.30", "Paikka: Kirjasto", "ei ole terapiaa",
                     "Ilmoittautuminen: 29.1. mennessä: ryhma@example.org"):
        assert expected in text, expected
    assert "example.org" not in page.evaluate("location.href")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("root, title", [("", "Vertaisryhmä mielen hyvinvoinnin tueksi"), ("sv/", "Kamratstödsgrupp för psykiskt välbefinnande")],
                         ids=["fi", "sv"])
def test_invitation_prints_as_a_one_page_notice_without_the_plan_table(browser, origin, root, title):
    """Printed as a notice, the invitation is one A4 page with the dates and place, and no plan table."""
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(f"{origin}{root}suunnittelu/#model=vahvistin&start=2027-01-14T14:00&every=21&place=Kvarken")
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    page.fill("#planner-contact", "mikael@example.org")
    page.evaluate("document.body.classList.add('planner-printing-invite')")  # as 'print the invitation' does
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)  # the big title may wrap
    assert len(pdf.pages) == 1
    for expected in (title, "14.1.2027", "Kvarken", "mikael@example.org"):
        assert expected in text, expected
    assert "Nro" not in text and "Nr " not in text
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("root, button, expected", [
    ("", "Tulosta kortti täytettynä: Raha",
     ["Päivä ja aika: to 4.2.2027 klo 14.00–16.30", "Paikka: Kvarken", "Seuraava tapaaminen: to 25.2.2027 klo 14.00–16.30 · Päättämistapaaminen",
      "Keskustelukysymyksiä", "Millaisia ajatuksia ja tunteita raha sinussa herättää?"]),
    ("sv/", "Skriv ut kortet ifyllt: Pengar",
     ["Dag och tid: tors 4.2.2027 kl. 14.00–16.30", "Plats: Kvarken", "Nästa träff: tors 25.2.2027 kl. 14.00–16.30 · Avslutningsträff"]),
], ids=["fi", "sv"])
def test_card_printed_from_the_plan_has_its_date_place_and_next_meeting_filled_in(browser, origin, root, button, expected):
    """Walkthrough A-9: 'print the card filled in' prints the card's own text under the meeting's
    date and time, the place and the next meeting, and not the plan table."""
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(f"{origin}{root}suunnittelu/#model=vahvistin&start=2027-01-14T14:00&every=21&cards=vahvistin-aloitus,raha,vahvistin-paatos&place=Kvarken")
    page.locator('[data-part="plan"]:not([hidden])').wait_for()
    page.evaluate("window.print = () => {}")  # the printout is read below as a PDF instead
    page.get_by_role("button", name=button).click()
    page.locator('[data-part="card-print-body"] h1').wait_for(state="attached")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for line in expected:
        assert line in text, line
    assert "Nro" not in text and "Tapaamissuunnitelma" not in text and "Plan för träffarna" not in text
    assert page.evaluate("document.querySelectorAll('[data-part=\"card-print-body\"] [id], [data-part=\"card-print-body\"] script').length") == 0
    page.close()

"""Every card is a page in every language, with a card index and a timeline picture."""

from __future__ import annotations

import re

import pytest

from guide.cards import model as cards_model
from guide.cards import render as cards_render
import sitebuild
from pages import resolve, soup
from sitebuild import PROJECT

LOCALES = ["fi", "sv"]
CARDS = cards_model.load_cards(PROJECT / "data" / "cards", LOCALES, PROJECT)
LABELS = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)


@pytest.mark.parametrize("card", CARDS, ids=lambda card: card.id)
@pytest.mark.parametrize("prefix, locale", [("", "fi"), ("sv/", "sv")])
def test_card_page_shows_every_text_of_its_language(site, card, prefix, locale):
    """The card page has the title, every phase with its minutes, the questions and the safety note."""
    page = soup(site, f"{prefix}kortit/{card.id}/")
    text = card.texts[locale]
    assert page.html["lang"] == locale
    shared = sum(other.texts[locale].title == text.title for other in CARDS) > 1
    heading = f"{text.title} ({LABELS[locale]['model_short'][card.model]})" if shared else text.title
    assert " ".join(page.h1.get_text().split()).startswith(heading)
    headings = [h.get_text(strip=True) for h in page.select("article h3")]
    for phase in card.phases:
        assert any(text.phases[phase.id].title in h and f"({phase.minutes} min)" in h for h in headings)
    assert len(page.select("article ol li")) >= len(text.questions)
    assert "112" in page.select_one(".admonition.warning").get_text()


@pytest.mark.parametrize("card", CARDS[:3], ids=lambda card: card.id)
def test_timeline_bars_are_proportional_and_described(site, card):
    """The SVG timeline has one bar per phase, widths proportional to minutes, and a text description."""
    svg = soup(site, f"kortit/{card.id}/").select_one("svg.card-timeline")
    assert svg["role"] == "img" and svg.title.get_text() and svg.desc.get_text()
    widths = [float(rect["width"]) for rect in svg.select("rect")]
    assert len(widths) == len(card.phases)
    for width, phase in zip(widths, card.phases):
        assert width / sum(widths) == pytest.approx(phase.minutes / card.minutes, abs=0.01)


def test_language_switcher_links_card_twins(site):
    """The language menu of a Finnish card page leads to the same card in Swedish."""
    links = soup(site, "kortit/raha/").select("a.shell-language__link[hreflang=sv]")
    assert [resolve("kortit/raha/", link["href"]) for link in links] == ["sv/kortit/raha/"]


@pytest.mark.parametrize("prefix, locale", [("", "fi"), ("sv/", "sv")])
def test_card_index_groups_cards_by_model_and_meeting_with_lengths(site, prefix, locale):
    """The card index lists every card under its model and meeting kind, with its length."""
    page = soup(site, f"{prefix}kortit/")
    links = page.select("article li a")
    targets = {resolve(f"{prefix}kortit/", a["href"]) for a in links if not a["href"].endswith(".pdf")}
    assert targets == {f"{prefix}kortit/{card.id}/" for card in CARDS}
    assert len(page.select("article h2")) == 2
    assert re.search(r"· 150 min", page.get_text())


def test_edit_link_of_a_card_opens_its_yaml(site):
    """"Edit this page" on a card page opens the card's YAML file."""
    for url in ("kortit/raha/", "sv/kortit/raha/"):
        assert soup(site, url).select_one("a[rel=edit]")["href"].endswith("/data/cards/raha.yml")


def test_html_typed_into_a_card_is_shown_as_text():
    """Raw HTML in a YAML text is escaped, never passed through; inline Markdown is kept."""
    card = CARDS[0]
    evil = cards_model.CardText(**{**card.texts["fi"].__dict__, "goal": "<script>alert(1)</script> *tärkeä*"})
    card = cards_model.Card(**{**card.__dict__, "texts": {**card.texts, "fi": evil}})
    env = cards_render.environment([str(PROJECT / "overrides")])
    labels = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)
    markdown = cards_render.card_page(env, card, "fi", labels, pdfs=None)
    assert "<script>" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *tärkeä*" in markdown
    assert cards_render.inline_markdown("<b>x</b> *y*") == "&lt;b&gt;x&lt;/b&gt; <em>y</em>"


def test_a_bad_card_fails_the_build_naming_file_and_field(project_copy, tmp_path):
    """A card that breaks the outline stops the strict build with its file, line and field."""
    card = project_copy / "data" / "cards" / "raha.yml"
    card.write_text(card.read_text("utf-8").replace("minutes: 150", "minutes: 151", 1), "utf-8")
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert result.returncode != 0
    assert "data/cards/raha.yml:7: phases: the phases' minutes add up to 150, but minutes is 151" in result.log


@pytest.mark.parametrize("prefix, titles", [
    ("", {"vahvistin-aloitus": "Aloitustapaaminen (Vahvistin)", "kokemus-aloitus": "Aloitustapaaminen (Kokemus voimavaraksi)",
          "vahvistin-paatos": "Päättämistapaaminen (Vahvistin)", "kokemus-paatos": "Päättämistapaaminen (Kokemus voimavaraksi)"}),
    ("sv/", {"vahvistin-aloitus": "Startträff (Booster)", "kokemus-aloitus": "Startträff (Kokemus voimavaraksi)",
             "vahvistin-paatos": "Avslutningsträff (Booster)", "kokemus-paatos": "Avslutningsträff (Kokemus voimavaraksi)"}),
])
def test_cards_of_two_models_with_one_title_name_their_model(site, prefix, titles):
    """Two models' cards with the same title name their model in the heading and the tab (FI3-020, SV3-026)."""
    for card_id, title in titles.items():
        page = soup(site, f"{prefix}kortit/{card_id}/")
        assert " ".join(page.h1.get_text().split()).startswith(title)
        assert page.title.get_text().startswith(f"{title} – ")

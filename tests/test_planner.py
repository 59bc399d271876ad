"""The meeting-series planner as built: its card catalogue, its settings and texts, its markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guide.cards import model as cards_model
from guide.planner import catalogue as planner_catalogue
from guide.planner import data as planner_data
from guide.planner import page as planner_page
import sitebuild
from pages import soup
from sitebuild import PROJECT

LOCALES = ["fi", "sv"]
ROOTS = {"fi": "", "sv": "sv/"}
CARDS_DIR = PROJECT / "data" / "cards"
CARDS = cards_model.load_cards(CARDS_DIR, LOCALES, PROJECT)
MODELS, KINDS = cards_model.display_order(CARDS_DIR)
PLANNER = planner_data.load(planner_data.data_path(PROJECT), LOCALES, MODELS, KINDS, PROJECT)
OWN = planner_catalogue.OWN


def catalogue_of(site: Path, locale: str) -> dict:
    return json.loads((site / ROOTS[locale] / "suunnittelu" / "kortit.json").read_text("utf-8"))


def labels_file(tmp_path: Path, change) -> Path:
    """A copy of data/planner-labels.yml with `change(data)` applied."""
    data = yaml.safe_load(planner_data.data_path(PROJECT).read_text("utf-8"))
    change(data)
    path = tmp_path / "planner-labels.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(planner_data.Problems) as raised:
        planner_data.load(path, LOCALES, MODELS, KINDS, path.parent)
    return raised.value.problems


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_lists_every_card_in_the_language(site, locale):
    """Each language's catalogue has every card with its title, length and phases in that language."""
    catalogue = catalogue_of(site, locale)
    assert catalogue["locale"] == locale
    by_id = {card["id"]: card for card in catalogue["cards"]}
    assert set(by_id) == {card.id for card in CARDS}
    for card in CARDS:
        entry = by_id[card.id]
        assert (entry["model"], entry["kind"], entry["order"], entry["minutes"]) == (card.model, card.meeting, card.order, card.minutes)
        assert entry["title"] == card.texts[locale].title
        assert [phase["title"] for phase in entry["phases"]] == [card.texts[locale].phases[p.id].title for p in card.phases]
        assert sum(phase["minutes"] for phase in entry["phases"]) == card.minutes
        assert entry["methods"] == list(card.methods)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_links_each_cards_page_and_pdf_in_the_language(site, locale):
    """The page and PDF addresses, resolved against the catalogue, are the card's files in that language."""
    folder = site / ROOTS[locale] / "suunnittelu"
    for card in catalogue_of(site, locale)["cards"]:
        assert (folder / card["page"] / "index.html").resolve() == (site / ROOTS[locale] / "kortit" / card["id"] / "index.html").resolve()
        assert (folder / card["pdf"]).resolve() == (site / ROOTS[locale] / "kortit" / f"{card['id']}.pdf").resolve()


def test_vahvistin_proposal_is_kickoff_themes_in_order_and_closing():
    """Vahvistin: the kick-off, every theme card in its order, then the closing meeting."""
    series = planner_catalogue.default_series(CARDS, "vahvistin", PLANNER)
    cards = {card.id: card for card in CARDS}
    assert cards[series[0]].meeting == "kickoff" and cards[series[-1]].meeting == "closing"
    themes = [card.id for card in CARDS if card.model == "vahvistin" and card.meeting == "theme"]
    assert series[1:-1] == sorted(themes, key=lambda id_: cards[id_].order)
    assert OWN not in series


def test_kokemus_proposal_is_weekly_meetings_then_the_closing_and_the_follow_up():
    """Kokemus voimavaraksi: the kick-off and themes in order, meetings without a card up to ten
    regular ones, then the closing meeting and the follow-up."""
    in_model = sorted((card for card in CARDS if card.model == "kokemus-voimavaraksi"), key=lambda card: card.order)
    of = lambda kind: [card.id for card in in_model if card.meeting == kind]  # noqa: E731
    regular = of("kickoff") + of("theme")
    expected = regular + [OWN] * max(0, 10 - len(regular)) + of("closing") + of("follow-up")
    assert planner_catalogue.default_series(CARDS, "kokemus-voimavaraksi", PLANNER) == expected
    assert expected[-1] == "kokemus-seuranta"
    assert PLANNER.models["kokemus-voimavaraksi"].every == 7 and PLANNER.gaps == {"follow-up": 6}


def test_info_sessions_and_methods_are_in_no_proposal():
    """Cards of the optional kinds (an info session) and attached kinds (methods) stay out of proposals."""
    from dataclasses import replace
    raha = next(card for card in CARDS if card.id == "raha")
    extra = [replace(raha, id="info-tilaisuus", meeting="info", order=20), replace(raha, id="menetelma", meeting="method", order=21)]
    assert planner_catalogue.default_series(CARDS + extra, "vahvistin", PLANNER) == planner_catalogue.default_series(CARDS, "vahvistin", PLANNER)
    assert PLANNER.optional_kinds == ("info",) and PLANNER.attach_kinds == ("method",)


def test_vahvistin_interval_is_the_guides_suggestion_and_said_so(site):
    """The Vahvistin interval is two weeks, and the note says it is this guide's suggestion."""
    models = {model["id"]: model for model in catalogue_of(site, "fi")["models"]}
    assert models["vahvistin"]["every"] == 14
    assert "14 päivää on tämän oppaan ehdotus" in models["vahvistin"]["note"]
    kokemus = models["kokemus-voimavaraksi"]
    assert "Mallin mukaan ryhmä kokoontuu kerran viikossa" in kokemus["note"]
    assert f"Ehdotuksessa on {len(kokemus['series']) - 1} viikkotapaamista ja seurantatapaaminen" in kokemus["note"]


def test_meeting_without_a_card_can_never_be_a_card_id():
    """'_' (a meeting without a card) does not match the card schema's id pattern."""
    import re
    pattern = json.loads((PROJECT / "data" / "card.schema.json").read_text("utf-8"))["properties"]["id"]["pattern"]
    assert not re.fullmatch(pattern, OWN)


@pytest.mark.parametrize("locale", LOCALES)
def test_planner_markup_follows_the_fallback_paragraph_shown_from_the_first_paint(site, locale):
    """The planner sits after the no-JavaScript paragraph, not hidden (the stylesheet hides the
    paragraph, a <noscript> one the planner), pointing at its catalogue."""
    page = soup(site, f"{ROOTS[locale]}suunnittelu/")
    fallback = page.select_one("article p.planner-fallback")
    planner = fallback.find_next_sibling()
    assert planner["id"] == "planner" and not planner.has_attr("hidden") and planner["data-catalogue"] == "kortit.json"
    assert page.select_one('noscript link[href$="assets/stylesheets/planner-noscript.css"]') is not None
    assert fallback.find("a")["href"] == "../kortit/"
    assert page.html["lang"] == locale
    assert planner.select_one("#planner-model-title").get_text() == PLANNER.texts[locale]["choose_model"]


def test_only_the_planner_page_loads_the_planner_script(site):
    """planner.js, its early script and its stylesheets are on the planner pages and on no other page."""
    for path in sorted(site.rglob("*.html")):
        html = path.read_text("utf-8")
        for file in ("javascripts/planner.js", "javascripts/planner-early.js", "stylesheets/planner.css", "stylesheets/planner-noscript.css"):
            assert (f"assets/{file}" in html) == (path.parent.name == "suunnittelu"), (path, file)


def test_no_text_key_is_hidden_by_a_dict_method():
    """Templates read texts as `t.key`; a key named like a dict method (copy, items) would print the method."""
    assert [key for key in (*planner_data.TEXT_KEYS, "model_notes", "weekdays") if hasattr(dict, key)] == []


def test_every_input_has_a_label(site):
    """Each input and select of the planner has a <label for> with text."""
    page = soup(site, "suunnittelu/")
    for control in page.select("#planner input, #planner select"):
        label = page.select_one(f"label[for='{control['id']}']")
        assert label and label.get_text(strip=True), control


def test_partial_escapes_every_text():
    """HTML in a text of the data files reaches the page as text."""
    texts = {**PLANNER.texts["fi"], "choose_model": "<script>alert(1)</script>"}
    context = {"locale": "fi", "texts": texts, "catalogue_url": 'x"><b>', "crisis": {"heading": "<i>", "lines": [], "not_crisis_help": "&"},
               "models": [{"id": "vahvistin", "name": "<b>V</b>", "note": "<em>n</em>"}]}
    html = planner_page.render([str(PROJECT / "overrides")], context)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "<em>" not in html and "<i>" not in html


def test_page_without_the_fallback_paragraph_gets_no_planner():
    """Without a `{ .planner-fallback }` paragraph there is nowhere to put the planner."""
    assert planner_page.insert_after_fallback("<h1>T</h1><p>text</p>", "<div></div>") is None
    assert planner_page.insert_after_fallback('<p class="planner-fallback">x</p><h2>', "<div></div>") == '<p class="planner-fallback">x</p>\n<div></div>\n<h2>'


def test_text_missing_in_a_language_is_named_with_file_line_key_and_language(tmp_path):
    """A Swedish text left out is reported as file:line: sv.key: missing."""
    path = labels_file(tmp_path, lambda data: data["sv"].pop("download"))
    [problem] = problems_of(path)
    assert problem.startswith("planner-labels.yml:") and "sv.download: missing or empty; add the text in this language" in problem


def test_missing_model_note_and_bad_weekdays_are_reported_together(tmp_path):
    """Every problem of the file is listed at once."""
    def change(data):
        data["fi"]["model_notes"].pop("vahvistin")
        data["sv"]["weekdays"] = ["mån"]
    problems = problems_of(labels_file(tmp_path, change))
    assert any("fi.model_notes.vahvistin: missing" in p for p in problems)
    assert any("sv.weekdays: must list the 7 weekdays" in p for p in problems)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["settings"]["models"]["vahvistin"].update(every=0), "settings.models.vahvistin.every: must be a whole number of days from 1 to 365"),
    (lambda d: d["settings"]["models"].pop("kokemus-voimavaraksi"), "settings.models.kokemus-voimavaraksi: missing"),
    (lambda d: d["settings"]["gaps"].update({"reunion": {"months": 6}}), "settings.gaps.reunion: 'reunion' is not a meeting kind"),
    (lambda d: d["settings"].update(start_time="5pm"), "settings.start_time: must be a clock time HH:MM"),
    (lambda d: d.update(en={}), "en: 'en:' is neither a setting (settings) nor a language"),
], ids=["every", "model", "gap-kind", "start-time", "language"])
def test_wrong_setting_is_named(tmp_path, change, expected):
    """A wrong or missing setting stops the load with a message naming it."""
    assert any(expected in problem for problem in problems_of(labels_file(tmp_path, change)))


def test_card_added_in_yaml_appears_in_the_planner_with_no_other_edit(project_copy, tmp_path):
    """A new theme card is in both catalogues and in its model's proposal, before the closing meeting;
    a text missing from data/planner-labels.yml stops the same kind of build, naming file, key and language."""
    cards = project_copy / "data" / "cards"
    text = (cards / "raha.yml").read_text("utf-8").replace("id: raha", "id: uusi-teema").replace("order: 6", "order: 8")
    (cards / "uusi-teema.yml").write_text(text, "utf-8")
    verkostot = cards / "verkostot.yml"
    verkostot.write_text(verkostot.read_text("utf-8").replace("order: 8", "order: 10"), "utf-8")
    built = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert built.returncode == 0, built.log
    for locale in LOCALES:
        catalogue = catalogue_of(built.site, locale)
        assert "uusi-teema" in {card["id"] for card in catalogue["cards"]}
        series = next(model["series"] for model in catalogue["models"] if model["id"] == "vahvistin")
        assert series[-3:] == ["uusi-teema", "verkostot", "vahvistin-paatos"]
        assert all(card["pdf"] is None for card in catalogue["cards"])

    labels = project_copy / "data" / "planner-labels.yml"
    labels.write_text(labels.read_text("utf-8").replace("  print: Skriv ut planen\n", ""), "utf-8")
    broken = sitebuild.build(project_copy, tmp_path / "broken", CARDS_PDF="0")
    assert broken.returncode != 0
    assert "data/planner-labels.yml:" in broken.log and "sv.print: missing or empty; add the text in this language" in broken.log

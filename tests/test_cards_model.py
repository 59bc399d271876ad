"""A card is validated against its schema and outline rules, with messages a translator can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import cards_model
import translation_stamps
from sitebuild import PROJECT

MINIMAL = Path(__file__).parent / "data" / "cards" / "minimal.yml"
LOCALES = ["fi", "sv"]


@pytest.fixture
def cards_dir(tmp_path) -> Path:
    """An empty data/cards/ beside a copy of the real schema."""
    shutil.copy(PROJECT / "data" / "card.schema.json", tmp_path / "card.schema.json")
    (tmp_path / "cards").mkdir()
    return tmp_path / "cards"


def write_card(cards_dir: Path, edit=lambda text: text, name: str = "minimal.yml") -> Path:
    """The minimal valid card, edited as text and saved under `name`."""
    path = cards_dir / name
    path.write_text(edit(MINIMAL.read_text("utf-8")), "utf-8")
    return path


def problems_of(cards_dir: Path) -> list[str]:
    with pytest.raises(cards_model.CardProblems) as raised:
        cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    return raised.value.problems


def test_minimal_card_loads_into_the_model(cards_dir):
    """A valid card loads with its phases, start minutes and both languages' texts."""
    write_card(cards_dir)
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert [(phase.kind, start) for phase, start in card.phase_starts()][:3] == [
        ("check-in", 0), ("introduction", 20), ("discussion", 30)]
    assert card.texts["sv"].phases["tauko"].title == "Paus"


def test_an_unstamped_translation_is_outdated(cards_dir):
    """A card whose Swedish block has no translated_from stamp counts as outdated in Swedish only."""
    write_card(cards_dir)
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.outdated == {"sv"}


def test_a_current_stamp_makes_the_translation_up_to_date(cards_dir):
    """Stamping the Swedish block with the hash of the Finnish block clears it; a Finnish edit brings it back."""
    path = write_card(cards_dir)
    fi_hash = translation_stamps.block_hash(yaml.safe_load(path.read_text("utf-8"))["fi"])
    path.write_text(translation_stamps.stamped_card(path.read_text("utf-8"), "sv", fi_hash), "utf-8")
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.outdated == frozenset()
    path.write_text(path.read_text("utf-8").replace("  title: Pieni kortti", "  title: Pieni uusi kortti"), "utf-8")
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.outdated == {"sv"}


def test_every_shipped_card_is_valid_in_every_language():
    """All cards in data/cards/ pass, in every configured language, and there are at least 12."""
    cards = cards_model.load_cards(PROJECT / "data" / "cards", LOCALES, PROJECT)
    assert len(cards) >= 12
    assert {card.model for card in cards} == {"vahvistin", "kokemus-voimavaraksi"}


def test_yaml_syntax_error_names_the_line(cards_dir):
    """Broken YAML is reported with its line and a hint."""
    write_card(cards_dir, lambda t: t.replace("  title: Pieni kortti", "  title: [Pieni kortti"))
    [problem] = problems_of(cards_dir)
    assert problem.startswith("cards/minimal.yml:16: ")
    assert "YAML syntax error" in problem and "check the indentation" in problem


def test_missing_language_block(cards_dir):
    """A card without its sv: block says which block to add and how."""
    write_card(cards_dir, lambda t: t[: t.index("sv:\n")])
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:2: (file): missing language block 'sv:'; copy the 'fi:' block and translate every text"
    ]


def test_empty_text(cards_dir):
    """An empty text is named by its field and line."""
    write_card(cards_dir, lambda t: t.replace("  goal: Mål.", '  goal: ""'))
    assert problems_of(cards_dir) == ["cards/minimal.yml:33: sv.goal: must not be empty"]


def test_unknown_key_typo(cards_dir):
    """A misspelt key is reported with the keys that are allowed there."""
    write_card(cards_dir, lambda t: t.replace("  safety_note: Ei", "  safty_note: Ei", 1))
    [missing, unknown] = problems_of(cards_dir)
    assert missing == "cards/minimal.yml:14: fi: missing 'safety_note'; add it"
    assert unknown.startswith("cards/minimal.yml:30: fi.safty_note: unknown key 'safty_note'; expected one of: ")


def test_number_written_as_text(cards_dir):
    """Minutes in quotes are a text, and the message says to drop the quotes."""
    write_card(cards_dir, lambda t: t.replace("minutes: 120", 'minutes: "120"'))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:6: minutes: expected a whole number, got the text '120'; write the number without quotes"
    ]


def test_zero_or_negative_minutes(cards_dir):
    """A phase of zero or negative minutes is rejected."""
    write_card(cards_dir, lambda t: t.replace("kind: break, minutes: 10", "kind: break, minutes: 0"))
    assert problems_of(cards_dir) == ["cards/minimal.yml:11: phases[3].minutes: must be at least 1, got 0"]


def test_minutes_that_do_not_sum(cards_dir):
    """Phase minutes must add up to the card's length."""
    write_card(cards_dir, lambda t: t.replace("kind: closing, minutes: 15", "kind: closing, minutes: 5"))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:7: phases: the phases' minutes add up to 110, but minutes is 120; "
        "make them sum exactly to the card's length"
    ]


def test_length_outside_the_models_frame(cards_dir):
    """A Kokemus voimavaraksi meeting longer than 120 minutes is outside its frame."""
    write_card(cards_dir, lambda t: t.replace("model: vahvistin", "model: kokemus-voimavaraksi").replace(
        "minutes: 120\n", "minutes: 130\n").replace("kind: closing, minutes: 15", "kind: closing, minutes: 25"))
    assert problems_of(cards_dir) == ["cards/minimal.yml:6: minutes: must be at most 120, got 130"]


def test_fewer_than_three_questions(cards_dir):
    """A discussion needs at least three questions."""
    write_card(cards_dir, lambda t: t.replace("    - Tre?\n", ""))
    assert problems_of(cards_dir) == ["cards/minimal.yml:41: sv.questions: needs at least 3 items, has 2"]


def test_outline_order_and_break(cards_dir):
    """A card must open with a check-in, then an introduction, and have a break when over 90 minutes."""
    write_card(cards_dir, lambda t: t.replace("kind: check-in", "kind: discussion").replace("kind: break", "kind: exercise"))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:7: phases: the first phase must be a check-in (kind: check-in)",
        "cards/minimal.yml:7: phases: a meeting longer than 90 minutes needs a break phase (kind: break)",
    ]


def test_phase_without_texts_in_a_language(cards_dir):
    """Every phase needs its title and instructions in every language."""
    write_card(cards_dir, lambda t: t.replace("    tauko: {title: Paus, instructions: Vila.}\n", ""))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:34: sv.phases: no texts for phase 'tauko'; add 'tauko:' with a title and instructions"
    ]


def test_duplicate_id(cards_dir):
    """A second file with an existing id is caught: its name cannot match the id."""
    write_card(cards_dir)
    write_card(cards_dir, name="kopio.yml", edit=lambda t: t.replace("order: 1", "order: 2"))
    assert problems_of(cards_dir) == [
        "cards/kopio.yml:2: id: 'minimal' does not match the file name kopio.yml; "
        "rename the file to minimal.yml or fix the id"
    ]


def test_duplicate_order_within_a_model(cards_dir):
    """Two cards at the same position of one model are both named."""
    write_card(cards_dir)
    write_card(cards_dir, name="toinen.yml", edit=lambda t: t.replace("id: minimal", "id: toinen"))
    assert problems_of(cards_dir) == [
        "cards/toinen.yml: order: 1 is already used by cards/minimal.yml; every card needs its own"
    ]


def test_file_name_must_match_id(cards_dir):
    """The file name and the id must agree, so the web address is predictable."""
    write_card(cards_dir, name="vaara-nimi.yml")
    assert problems_of(cards_dir) == [
        "cards/vaara-nimi.yml:2: id: 'minimal' does not match the file name vaara-nimi.yml; "
        "rename the file to minimal.yml or fix the id"
    ]


def test_all_problems_of_a_file_are_reported_at_once(cards_dir):
    """Several mistakes in one file are all listed in one run."""
    write_card(cards_dir, lambda t: t.replace('minutes: 120', 'minutes: "120"').replace("  goal: Mål.", '  goal: ""'))
    assert len(problems_of(cards_dir)) == 2


def test_missing_interface_label_is_named(tmp_path):
    """A card label missing in one language is reported with its key."""
    (tmp_path / "cards").mkdir()
    (tmp_path / "card-labels.yml").write_text("fi:\n  goal: Tavoite\n  kinds: {break: Tauko}\nsv:\n  goal: Mål\n", "utf-8")
    with pytest.raises(cards_model.CardProblems) as raised:
        cards_model.load_labels(tmp_path / "cards", LOCALES, tmp_path)
    assert raised.value.problems == ["card-labels.yml: sv.kinds.break: missing; add the text in this language"]

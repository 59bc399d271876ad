"""A card is validated against its schema and outline rules, with messages a translator can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from guide.cards import model as cards_model
from guide.translation import stamps as translation_stamps
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


METHOD = MINIMAL.parent / "method.yml"
INFO = MINIMAL.parent / "info.yml"


def write_fixture(cards_dir: Path, fixture: Path, edit=lambda text: text, name: str | None = None) -> Path:
    """A fixture card (tests/data/cards/), edited as text and saved under its own name or `name`."""
    path = cards_dir / (name or fixture.name)
    path.write_text(edit(fixture.read_text("utf-8")), "utf-8")
    return path


def kokemus_meeting(methods: str) -> callable:
    """An edit turning the minimal card into a Kokemus voimavaraksi meeting that uses `methods`."""
    return lambda t: t.replace("model: vahvistin", "model: kokemus-voimavaraksi").replace(
        "phases:\n", f"methods: {methods}\nphases:\n", 1)


def test_method_card_loads_with_adaptations_and_opt_out(cards_dir):
    """A method card loads as a method, with its remote and mobility adaptations and its opt-out."""
    write_fixture(cards_dir, METHOD)
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.is_method and card.minutes == 15
    assert card.texts["fi"].adaptations == {"remote": "Etänä kamera voi olla pois.", "mobility": "Istuen."}
    assert card.texts["sv"].opt_out == "Man får stå över."


def test_info_session_has_its_own_frame(cards_dir):
    """An info session opens with an introduction, needs no check-in or exercise, and lasts 30–90 minutes."""
    write_fixture(cards_dir, INFO)
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.meeting == "info" and not card.is_method
    write_fixture(cards_dir, INFO, lambda t: t.replace("minutes: 60", "minutes: 100").replace("kind: discussion, minutes: 30", "kind: discussion, minutes: 70"))
    assert problems_of(cards_dir) == ["cards/info.yml:6: minutes: must be at most 90, got 100"]


def test_info_session_phase_rules(cards_dir):
    """An info session starts with an introduction, has a discussion and ends with a closing."""
    write_fixture(cards_dir, INFO, lambda t: t.replace("kind: introduction", "kind: check-in").replace("kind: discussion", "kind: exercise"))
    assert problems_of(cards_dir) == [
        "cards/info.yml:7: phases: the first phase must be an introduction (kind: introduction)",
        "cards/info.yml:7: phases: needs at least one discussion phase (kind: discussion)",
    ]


def test_method_card_lasts_5_to_40_minutes(cards_dir):
    """A method longer than 40 minutes is outside the method frame."""
    write_fixture(cards_dir, METHOD, lambda t: t.replace("minutes: 15", "minutes: 45").replace("kind: exercise, minutes: 10", "kind: exercise, minutes: 40"))
    assert problems_of(cards_dir) == ["cards/method.yml:6: minutes: must be at most 40, got 45"]


def test_method_card_steps_have_simple_kinds(cards_dir):
    """A method card has no check-in, break or closing, and needs an exercise step."""
    write_fixture(cards_dir, METHOD, lambda t: t.replace("kind: introduction", "kind: check-in").replace("kind: exercise", "kind: break"))
    assert problems_of(cards_dir) == [
        "cards/method.yml:7: phases: a method card's steps are of kinds introduction, exercise, discussion; "
        "'check-in' belongs to the meeting that uses the method",
        "cards/method.yml:7: phases: a method card's steps are of kinds introduction, exercise, discussion; "
        "'break' belongs to the meeting that uses the method",
        "cards/method.yml:7: phases: needs at least one exercise phase (kind: exercise)",
    ]


def test_method_card_needs_adaptations_and_opt_out(cards_dir):
    """A method card without adaptations or an opt-out says what to add."""
    write_fixture(cards_dir, METHOD, lambda t: t.replace("  opt_out: Saa jättää väliin.\n", "").replace("    mobility: Istuen.\n", ""))
    assert problems_of(cards_dir) == [
        "cards/method.yml:11: fi: missing 'opt_out'; add it",
        "cards/method.yml:23: fi.adaptations: missing 'mobility'; add it",
    ]


def test_method_card_needs_one_reflection_question_not_three(cards_dir):
    """One question is enough on a method card; none is not."""
    write_fixture(cards_dir, METHOD, lambda t: t.replace("    - Mitä huomasit?\n", "").replace("  questions:\n", "  questions: []\n", 1))
    assert problems_of(cards_dir) == ["cards/method.yml:18: fi.questions: needs at least 1 items, has 0"]


def test_method_card_cannot_use_methods(cards_dir):
    """A method card naming methods of its own is told to drop the list."""
    write_fixture(cards_dir, METHOD, lambda t: t.replace("phases:\n", "methods: [toinen]\nphases:\n", 1))
    assert problems_of(cards_dir) == [
        "cards/method.yml:7: methods: a method card cannot use other method cards; remove the list "
        "(meeting cards name the methods they use)"
    ]


def test_meeting_card_links_the_methods_it_uses(cards_dir):
    """A meeting card's methods load, and each method card knows the meetings that use it."""
    write_fixture(cards_dir, METHOD)
    write_card(cards_dir, kokemus_meeting("[method]"))
    cards = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    meeting = next(card for card in cards if not card.is_method)
    assert meeting.methods == ("method",)
    assert cards_model.users_of(cards) == {"method": [meeting]}


def test_unknown_method_id_names_its_line(cards_dir):
    """An id in methods that is no card, or no method card, is named with its line and the choices."""
    write_fixture(cards_dir, METHOD)
    write_fixture(cards_dir, INFO)
    write_card(cards_dir, lambda t: kokemus_meeting("[metodi, info]")(t).replace("order: 1", "order: 2"))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:7: methods[0]: 'metodi' is not a method card (no card has this id); "
        "method cards of this model: method",
        "cards/minimal.yml:7: methods[1]: 'info' is not a method card (its kind is info); "
        "method cards of this model: method",
    ]


def test_method_of_another_model(cards_dir):
    """A Vahvistin meeting cannot use a Kokemus voimavaraksi method card."""
    write_fixture(cards_dir, METHOD)
    write_card(cards_dir, lambda t: t.replace("phases:\n", "methods: [method]\nphases:\n", 1))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:7: methods[0]: 'method' is a method card of kokemus-voimavaraksi; use the "
        "vahvistin model's own (this model has no method cards yet)"
    ]


def test_method_listed_twice(cards_dir):
    """The same method twice in one list is caught by the schema."""
    write_fixture(cards_dir, METHOD)
    write_card(cards_dir, kokemus_meeting("[method, method]"))
    assert problems_of(cards_dir) == ["cards/minimal.yml:7: methods: names the same card twice; list each method card once"]


def test_method_cards_are_numbered_apart_from_meetings(cards_dir):
    """A method card and a meeting card of one model may both be order 1; two method cards may not."""
    write_fixture(cards_dir, METHOD)
    write_card(cards_dir, kokemus_meeting("[method]"))
    assert len(cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)) == 2
    write_fixture(cards_dir, METHOD, lambda t: t.replace("id: method", "id: toinen"), name="toinen.yml")
    assert problems_of(cards_dir) == [
        "cards/toinen.yml: order: 1 is already used by cards/method.yml; every card needs its own"
    ]


def test_optional_texts_in_every_language_or_none(cards_dir):
    """An opt-out in Finnish only, or an adaptation missing in Swedish, is named."""
    write_card(cards_dir, lambda t: t.replace("  safety_note: Ei terapiaa. Hätätilanteessa 112.\n",
                                              "  safety_note: Ei terapiaa. Hätätilanteessa 112.\n  opt_out: Saa jättää väliin.\n"))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:32: sv: 'fi' has 'opt_out:' but 'sv' has not; add 'opt_out:' translated from 'fi.opt_out'"
    ]
    write_fixture(cards_dir, METHOD, lambda t: t.replace("    remote: På distans kan kameran vara av.\n", ""))
    write_card(cards_dir)
    assert problems_of(cards_dir) == ["cards/method.yml:39: sv.adaptations: missing 'remote'; add it"]


def test_handout_loads_and_needs_the_same_prompts(cards_dir):
    """A handout loads with its prompts; a language with fewer prompts is named."""
    handout = ("  handout:\n    title: Moniste\n    instructions: Täytä.\n    prompts: [Yksi?, Kaksi?]\n")
    sv_handout = ("  handout:\n    title: Utdelning\n    instructions: Fyll i.\n    prompts: [Ett?]\n")
    write_card(cards_dir, lambda t: t.replace("  facilitator_notes: [Kuuntele.]\n", "  facilitator_notes: [Kuuntele.]\n" + handout)
               .replace("  facilitator_notes: [Lyssna.]\n", "  facilitator_notes: [Lyssna.]\n" + sv_handout))
    assert problems_of(cards_dir) == [
        "cards/minimal.yml:54: sv.handout.prompts: has 1 items but 'fi.handout.prompts' has 2; every language needs the same items"
    ]
    write_card(cards_dir, lambda t: t.replace("  facilitator_notes: [Kuuntele.]\n", "  facilitator_notes: [Kuuntele.]\n" + handout)
               .replace("  facilitator_notes: [Lyssna.]\n", "  facilitator_notes: [Lyssna.]\n" + handout))
    [card] = cards_model.load_cards(cards_dir, LOCALES, cards_dir.parent)
    assert card.texts["fi"].handout == cards_model.Handout("Moniste", "Täytä.", ("Yksi?", "Kaksi?"))


# Issue 23: card files that would lose or multiply content silently, or crash the loader.

def test_duplicate_key_names_both_lines(cards_dir):
    """A second `sv:` block (or any repeated key) is an error at its line, naming the first one (#10)."""
    path = write_card(cards_dir, lambda text: text + "sv:\n  title: Dubblett\n")
    first = next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line == "sv:")
    second = len(path.read_text("utf-8").splitlines()) - 1
    assert problems_of(cards_dir) == [f"cards/minimal.yml:{second}: 'sv:' is written twice (first on line {first}); "
                                      "keep one and merge what the other holds"]


def test_repeated_field_is_not_silently_replaced(cards_dir):
    """A repeated `minutes:` stops the load instead of keeping the last value (#10)."""
    write_card(cards_dir, lambda text: text.replace("minutes: 120\n", "minutes: 120\nminutes: 90\n", 1))
    assert problems_of(cards_dir) == ["cards/minimal.yml:7: 'minutes:' is written twice (first on line 6); keep one and merge what the other holds"]


def test_yaml_aliases_are_refused_without_expanding_them(cards_dir):
    """A billion-laughs alias tree of 350 bytes is refused at once, with a short message (#13)."""
    levels = "".join(f"  - &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 9))
    write_card(cards_dir, lambda text: text.replace("materials: [Kyniä]", "materials:\n  - &l0 [lol]\n" + levels.replace("  - ", "  - ", 1), 1))
    [problem] = problems_of(cards_dir)
    assert "an alias (*name) repeats another value: write the value out where it is needed" in problem
    assert len(problem) < 200


def test_oversize_card_file_is_refused(cards_dir):
    """A card file of more than a million characters is refused before it is parsed (#13)."""
    write_card(cards_dir, lambda text: text.replace("goal: Tavoite.", "goal: " + "x" * 1_000_001, 1))
    [problem] = problems_of(cards_dir)
    assert problem.startswith("cards/minimal.yml:1: the file holds 1001") and "split it or shorten it" in problem


def test_card_files_must_end_in_yml(cards_dir):
    """A card saved as .yaml or .YML is named in an error, not silently ignored (#12)."""
    write_card(cards_dir)
    write_card(cards_dir, lambda text: text.replace("id: minimal", "id: toinen"), name="toinen.yaml")
    write_card(cards_dir, lambda text: text.replace("id: minimal", "id: kolmas"), name="kolmas.YML")
    assert problems_of(cards_dir) == [
        "cards/kolmas.YML: card files end in .yml (this one is not read); rename it to kolmas.yml",
        "cards/toinen.yaml: card files end in .yml (this one is not read); rename it to toinen.yml",
    ]


def test_reserved_card_id_is_refused(cards_dir):
    """A card with id `index` would replace the card index page: it is refused at its id line (#9)."""
    write_card(cards_dir, lambda text: text.replace("id: minimal", "id: index"), name="index.yml")
    assert problems_of(cards_dir) == ["cards/index.yml:2: id: 'index' is reserved for the card index page (kortit/index.md); "
                                      "choose another id and rename the file"]


def test_empty_and_non_utf8_card_files_give_file_and_line(cards_dir):
    """An empty card file and one with a byte that is not UTF-8 give `file:line:` messages, not tracebacks (#19)."""
    (cards_dir / "tyhja.yml").write_text("", "utf-8")
    (cards_dir / "latin.yml").write_bytes(MINIMAL.read_bytes().replace("Tavoite.".encode(), "T\xe4rke\xe4.".encode("latin-1")))
    latin_line = next(n for n, line in enumerate(MINIMAL.read_text("utf-8").splitlines(), 1) if "Tavoite." in line)
    assert problems_of(cards_dir) == [
        f"cards/latin.yml:{latin_line}: (file): byte 0xe4 is not UTF-8 text; save the file as UTF-8 (in the editor: Save with encoding, UTF-8)",
        "cards/tyhja.yml:1: (file): the file must be a mapping of card fields (id: ..., model: ...); copy an existing card as a start (this file is empty)",
    ]


def test_each_problem_is_reported_once(cards_dir):
    """A block in a language the site does not have gives each message once, not once per schema branch (#23)."""
    write_card(cards_dir, lambda text: text + "en:\n  title: Small card\n")
    found = problems_of(cards_dir)
    assert len(found) == len(set(found)) and any(": en: missing" in problem for problem in found)

"""Meeting cards: load `data/cards/<id>.yml`, validate them, and give them one typed model.

The card's shape is declared once, in `data/card.schema.json` (JSON Schema, also used by
editors through each file's yaml-language-server modeline). A card file is UTF-8 text named
`<id>.yml` (other files in the folder are named in an error, not ignored), read by
`guide.shared.yaml_strict` (no duplicate keys, aliases or huge files); its id may not be a reserved page
name (`guide.shared.messages.RESERVED_IDS`). This module validates a file
against it with `jsonschema`, then checks the outline rules a schema cannot express, and
reports every problem of every file at once, each as `file:line: field: what is expected`.

Used by the card hooks, the PDF renderer, the translation status and the tests. Imports
nothing from MkDocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from guide.shared import messages as cards_messages
from guide.translation import stamps as translation_stamps
from guide.shared import yaml_strict

ADAPTATIONS = ("remote", "mobility")
"""The keys of a card's `adaptations`, in the order pages and PDFs print them."""


@dataclass(frozen=True)
class Phase:
    id: str
    kind: str
    minutes: int


@dataclass(frozen=True)
class PhaseText:
    title: str
    instructions: str


@dataclass(frozen=True)
class Handout:
    """A page participants fill in: its title, how to fill it in, and prompts with writing lines."""

    title: str
    instructions: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class CardText:
    title: str
    goal: str
    phases: dict[str, PhaseText]
    questions: tuple[str, ...]
    materials: tuple[str, ...]
    facilitator_notes: tuple[str, ...]
    safety_note: str
    adaptations: dict[str, str] = field(default_factory=dict)
    """Ways to take part in other circumstances, by key (`remote`, `mobility`), in schema order."""
    opt_out: str | None = None
    handout: Handout | None = None


@dataclass(frozen=True)
class Card:
    id: str
    model: str
    meeting: str
    order: int
    minutes: int
    phases: tuple[Phase, ...]
    texts: dict[str, CardText]
    source: Path
    outdated: frozenset[str] = frozenset()
    """Translations whose `translated_from` stamp is not the hash of the default language's block."""
    methods: tuple[str, ...] = ()
    """Ids of the method cards this meeting uses (checked: each is a method card of the same model)."""

    @property
    def is_method(self) -> bool:
        """An activity method card (`meeting: method`): used inside meetings, not a meeting of a series."""
        return self.meeting == cards_messages.METHOD

    def phase_starts(self) -> list[tuple[Phase, int]]:
        """Each phase with the minute it starts at."""
        starts, elapsed = [], 0
        for phase in self.phases:
            starts.append((phase, elapsed))
            elapsed += phase.minutes
        return starts


class CardProblems(Exception):
    """Every problem found in the cards, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def schema_path(cards_dir: Path) -> Path:
    return cards_dir.parent / "card.schema.json"


def load_cards(cards_dir: Path, locales: list[str], root: Path) -> list[Card]:
    """All cards, sorted by model and order; raises CardProblems listing every problem."""
    cards, problems = [], cards_messages.misnamed_files(cards_dir, root)
    for path in sorted(cards_dir.glob("*.yml")):
        card, found = load_card(path, tuple(locales), root)
        problems += found
        cards += [card] if card else []
    problems += cards_messages.duplicates(cards, root)
    if not problems:
        problems += cards_messages.method_problems(cards, root)
    if problems:
        raise CardProblems(list(dict.fromkeys(problems)))
    return sorted(cards, key=lambda card: (card.model, card.order))


def load_card(path: Path, locales: tuple[str, ...], root: Path) -> tuple[Card | None, list[str]]:
    """One card and the problems in its file (the card is None when there are any)."""
    where = cards_messages.Where(path, root)
    try:
        node, data = yaml_strict.parse(cards_messages.read_text(path))
    except cards_messages.NotText as problem:
        return None, [f"{where.name}:{problem.line}: {problem}"]
    except yaml.MarkedYAMLError as error:
        return None, [where.syntax_error(error)]
    if not isinstance(data, dict):
        return None, [f"{where.name}:1: (file): the file must be a mapping of card fields (id: ..., model: ...); "
                      f"copy an existing card as a start" + (" (this file is empty)" if node is None else "")]
    schema = schema_path(path.parent).read_text("utf-8")
    problems = where.schema_errors(node, _validator(schema).iter_errors(data))
    if not problems:
        problems = cards_messages.outline_problems(where, node, data, locales)
    return (None, problems) if problems else (_card(data, locales, path), [])


@cache
def _validator(schema_text: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text))


def _card(data: dict, locales: tuple[str, ...], path: Path) -> Card:
    return Card(
        id=data["id"],
        model=data["model"],
        meeting=data["meeting"],
        order=data["order"],
        minutes=data["minutes"],
        phases=tuple(Phase(**phase) for phase in data["phases"]),
        texts={locale: _card_text(data[locale]) for locale in locales},
        source=path,
        outdated=_outdated(data, locales),
        methods=tuple(data.get("methods", ())),
    )


def _outdated(data: dict, locales: tuple[str, ...]) -> frozenset[str]:
    """The translations made from an older default-language block (or never stamped)."""
    return frozenset(locale for locale in locales[1:] if translation_stamps.card_stamps(data, locales[0], locale).outdated)


def _card_text(block: dict) -> CardText:
    return CardText(
        title=block["title"],
        goal=block["goal"],
        phases={key: PhaseText(**value) for key, value in block["phases"].items()},
        questions=tuple(block["questions"]),
        materials=tuple(block["materials"]),
        facilitator_notes=tuple(block["facilitator_notes"]),
        safety_note=block["safety_note"],
        adaptations={key: block["adaptations"][key] for key in ADAPTATIONS if key in block.get("adaptations", {})},
        opt_out=block.get("opt_out"),
        handout=Handout(**{**block["handout"], "prompts": tuple(block["handout"]["prompts"])}) if "handout" in block else None,
    )


def labels_path(cards_dir: Path) -> Path:
    return cards_dir.parent / "card-labels.yml"


def load_labels(cards_dir: Path, locales: list[str], root: Path) -> dict[str, dict]:
    """The interface texts of cards per language; raises CardProblems naming missing keys."""
    path = labels_path(cards_dir)
    where = cards_messages.Where(path, root)
    try:
        labels = yaml_strict.parse(path.read_text("utf-8"))[1] or {}
    except yaml.MarkedYAMLError as error:
        raise CardProblems([where.syntax_error(error)]) from None
    expected = _leaf_keys(labels.get(locales[0], {}))
    problems = [
        f"{where.name}: {locale}.{key}: missing; add the text in this language"
        for locale in locales for key in sorted(expected - _leaf_keys(labels.get(locale, {})))
    ]
    if problems:
        raise CardProblems(problems)
    return labels


def users_of(cards: list[Card]) -> dict[str, list[Card]]:
    """For each method card id, the meeting cards that use it, in the order of `cards`."""
    users: dict[str, list[Card]] = {card.id: [] for card in cards if card.is_method}
    for card in cards:
        for method in card.methods:
            users.setdefault(method, []).append(card)
    return users


def display_order(cards_dir: Path) -> tuple[list[str], list[str]]:
    """Models and meeting kinds in the order the schema lists them."""
    properties = json.loads(schema_path(cards_dir).read_text("utf-8"))["properties"]
    return properties["model"]["enum"], properties["meeting"]["enum"]


def _leaf_keys(tree: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in tree.items():
        keys |= _leaf_keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}"}
    return keys

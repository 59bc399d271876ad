"""The planner's card catalogue: what the page's script knows about the cards, in one language.

The build writes one catalogue per language (`suunnittelu/kortit.json` under the language's
root) from the one card model (`guide.cards.model`), so a card added in YAML appears in the planner
with no other edit and no card text is copied into JavaScript. It holds each card's id, model,
meeting kind, order, length, title, phases (title, kind, minutes), the method cards it uses
(attached to its meeting when the planner proposes or adds it) and the addresses of its page
and PDF and of its participant handout (relative to the catalogue; the script resolves them against the catalogue's own
address), each model's proposed series and printables (booklet, voting sheet), the meeting kinds' names and the planner's texts in
that language. Texts are plain: a card title's inline Markdown is reduced to its text.

The share link names a meeting without a card by `OWN` ("_"), which no card id can be
(card ids are lowercase ASCII words joined by '-': data/card.schema.json).

Pure helpers: no MkDocs imports. Used by hooks/planner.py and the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from guide.cards import render as cards_render
from guide.cards.model import Card
from guide.planner.data import Planner

OWN = "_"
PAGE_URI = "suunnittelu.md"
"""The planner's page, relative to each language's root."""
CATALOGUE_URI = "suunnittelu/kortit.json"
"""The catalogue, relative to each language's root."""


@dataclass(frozen=True)
class CardLinks:
    """A card's page, PDF and participant handout addresses, relative to the catalogue; no PDF or
    handout when none is built."""

    page: str
    pdf: str | None
    handout: str | None = None


@dataclass(frozen=True)
class Printable:
    """A model's printable (its booklet, the voting sheet): address relative to the catalogue, link text."""

    href: str
    text: str


def default_series(cards: list[Card], model: str, planner: Planner) -> list[str]:
    """The proposed series of `model`: its regular cards in order, meetings without a card up to
    the model's number of regular meetings, then the closing kinds (`last_kinds`) in their order.
    Optional kinds (an info session) and attached kinds (methods) are in no proposal."""
    left_out = (*planner.optional_kinds, *planner.attach_kinds)
    in_model = sorted((card for card in cards if card.model == model and card.meeting not in left_out), key=lambda card: card.order)
    regular = [card.id for card in in_model if card.meeting not in planner.last_kinds]
    wanted = planner.models[model].meetings or 0
    last = sorted((card for card in in_model if card.meeting in planner.last_kinds),
                  key=lambda card: (planner.last_kinds.index(card.meeting), card.order))
    return regular + [OWN] * max(0, wanted - len(regular)) + [card.id for card in last]


def models(cards: list[Card], locale: str, card_labels: dict, planner: Planner, model_order: list[str],
           printables: dict[str, list[Printable]] | None = None) -> list[dict]:
    """Each model with its name, its note on where the defaults come from, its proposal and its
    printables (booklet, voting sheet) when they are built."""
    return [{**_model(cards, model, locale, card_labels, planner),
             "printables": [{"href": p.href, "text": p.text} for p in (printables or {}).get(model, [])]}
            for model in model_order]


def _model(cards: list[Card], model: str, locale: str, card_labels: dict, planner: Planner) -> dict:
    settings, series = planner.models[model], default_series(cards, model, planner)
    kinds = {card.id: card.meeting for card in cards}
    regular = sum(1 for id_ in series if kinds.get(id_) not in planner.gaps)
    note = _filled(planner.texts[locale]["model_notes"][model], every=settings.every, meetings=regular)
    return {
        "id": model,
        "name": card_labels[locale]["models"][model],
        "note": note,
        "every": settings.every,
        "own_minutes": settings.own_minutes,
        "series": series,
    }


def catalogue(cards: list[Card], locale: str, card_labels: dict, planner: Planner,
              order: tuple[list[str], list[str]], links: dict[str, CardLinks],
              printables: dict[str, list[Printable]] | None = None) -> dict:
    """The catalogue of one language, ready for `dumps`."""
    model_order, kind_order = order
    labels = card_labels[locale]
    return {
        "locale": locale,
        "own": OWN,
        "start_time": planner.start_time,
        "gaps": planner.gaps,
        "attach_kinds": list(planner.attach_kinds),
        "minutes": labels["minutes"],
        "models": models(cards, locale, card_labels, planner, model_order, printables),
        "kinds": [{"id": kind, "name": labels["meetings"][kind]} for kind in kind_order if kind in labels["meetings"]],
        "cards": [_card(card, locale, links[card.id]) for card in cards],
        "texts": {key: value for key, value in planner.texts[locale].items() if key != "model_notes"},
    }


def dumps(data: dict) -> str:
    """The catalogue as compact JSON text (UTF-8, not ASCII-escaped)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def plain(text: str) -> str:
    """A card text as plain text: inline Markdown reduced to its words, entities decoded."""
    return cards_render.inline_markdown(text).striptags()


def _card(card: Card, locale: str, links: CardLinks) -> dict:
    text = card.texts[locale]
    return {
        "id": card.id,
        "model": card.model,
        "kind": card.meeting,
        "order": card.order,
        "minutes": card.minutes,
        "title": plain(text.title),
        "page": links.page,
        "pdf": links.pdf,
        "handout": links.handout,
        "phases": [{"title": plain(text.phases[phase.id].title), "kind": phase.kind, "minutes": phase.minutes}
                   for phase in card.phases],
        "methods": list(card.methods),
    }


def _filled(text: str, **values) -> str:
    """`text` with each `{name}` replaced (str.format would choke on other braces)."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text

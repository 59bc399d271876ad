"""Render meeting cards to Markdown pages with the Jinja templates in `overrides/cards/`.

`card.md.jinja` gives one card's page, `index.md.jinja` a language's card index; both
include `timeline.svg.jinja`. The environment autoescapes, so a YAML text can carry inline
Markdown but never HTML. Pure helpers: no MkDocs imports; the PDF renderer shares `environment`.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import groupby

import jinja2
import markdown
from markupsafe import Markup, escape

from guide.cards.model import Card


def environment(template_dirs: list[str]) -> jinja2.Environment:
    """A strict, autoescaping Jinja environment over the theme's template folders."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["oneline"] = lambda text: Markup(" ".join(str(escape(text)).split()))
    env.filters["saved_name"] = saved_name
    # One converter per environment, as making one costs more than converting a text, and
    # each text converted once (a booklet repeats every card's texts); typed, so a Markup
    # text never shares a result with an equal plain one, which is escaped.
    convert = partial(inline_markdown, converter=markdown.Markdown())
    env.filters["inline_markdown"] = lru_cache(maxsize=None, typed=True)(convert)
    return env


# A number and its unit ("10 min") stay on one printed line (review SV3-020).
NUMBER_AND_UNIT = re.compile(r"(\d) (min|h)\b")


# What a saved file's name keeps of a title: letters, digits, spaces and plain punctuation.
UNSAFE_IN_FILE_NAME = re.compile(r"[^\w\s().,–-]")


def saved_name(title: str) -> str:
    """The name a downloaded PDF is saved under, from its title in the reader's language (the
    address keeps the Finnish slug; review SV3-031): "Pengar.pdf", not "raha.pdf"."""
    return " ".join(UNSAFE_IN_FILE_NAME.sub("", str(title)).split()) + ".pdf"


def inline_markdown(text: str, converter: markdown.Markdown | None = None) -> Markup:
    """A YAML text as inline HTML for print: Markdown emphasis rendered, any HTML shown as
    text, a number kept on the line of its unit."""
    converter = (converter or markdown.Markdown()).reset()
    html = converter.convert(NUMBER_AND_UNIT.sub("\\1\u00a0\\2", " ".join(str(escape(text)).split())))
    return Markup(html.removeprefix("<p>").removesuffix("</p>"))


def card_page(env: jinja2.Environment, card: Card, locale: str, labels: dict, cards: list[Card] | None = None, **extra) -> str:
    """A card's page; with `cards`, it links the method cards it uses (a meeting card) or the
    meetings that use it (a method card)."""
    by_id = {other.id: other for other in cards or [card]}
    previous, next_ = neighbours(card, cards or [card])
    return env.get_template("cards/card.md.jinja").render(
        card=card, text=card.texts[locale], labels=labels[locale], locale=locale,
        heading=distinct_title(card, locale, labels[locale], cards or [card]),
        outdated=locale in card.outdated,
        methods=[by_id[name] for name in card.methods if name in by_id],
        used_in=[other for other in cards or [] if card.id in other.methods],
        previous=previous, next=next_,
        **{"pdfs": None, **extra},
    )


def distinct_title(card: Card, locale: str, labels: dict, cards: list[Card]) -> str:
    """The card's title, with its model's short name when a card of another model has the same
    title, so that tabs, search results and prints tell them apart (reviews FI3-020, SV3-026)."""
    title = card.texts[locale].title
    if any(other.model != card.model and other.texts[locale].title == title for other in cards):
        return f"{title} ({labels['model_short'][card.model]})"
    return title


def neighbours(card: Card, cards: list[Card]) -> tuple[Card | None, Card | None]:
    """The cards before and after `card` in its model's order, as the card index lists them:
    a model's meeting cards in one sequence, its method cards in another (page shell, UX-8)."""
    same = sorted((other for other in cards if other.model == card.model and other.is_method == card.is_method),
                  key=lambda other: other.order)
    at = next(index for index, other in enumerate(same) if other.id == card.id)
    return (same[at - 1] if at > 0 else None), (same[at + 1] if at + 1 < len(same) else None)


def index_page(env, cards: list[Card], locale: str, labels: dict, order: tuple[list, list], **extra) -> str:
    """A language's card index; `pdfs` (the PDF file names) and `printables` (their link texts,
    data/printables.yml) add the printables' links. `repeated_titles`: titles that cards of two
    models share, whose file links also name the model (page shell, UX-7)."""
    titles = [card.texts[locale].title for card in cards]
    return env.get_template("cards/index.md.jinja").render(
        groups=grouped(cards, order), labels=labels[locale], locale=locale,
        repeated_titles={title for title in titles if titles.count(title) > 1},
        **{"pdfs": None, "printables": None, **extra}
    )


def grouped(cards: list[Card], order: tuple[list, list]) -> list:
    """[(model, [(meeting, [cards])])], in the schema's order of models and meetings."""
    models, meetings = order
    ranked = sorted(cards, key=lambda c: (models.index(c.model), meetings.index(c.meeting), c.order))
    return [
        (model, [(meeting, list(group)) for meeting, group in groupby(in_model, lambda c: c.meeting)])
        for model, in_model in groupby(ranked, lambda c: c.model)
    ]


def page_uri(card_id: str) -> str:
    """Where a card's page sits, relative to its language root."""
    return f"kortit/{card_id}.md"


INDEX_URI = "kortit/index.md"

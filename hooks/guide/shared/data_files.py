"""Data files with a block per language (`data/*.yml`): read them with their line numbers, and
word their problems as `file:line: key.path: what to do` (lines found as `guide.shared.messages.Where`
finds a card field's), every problem of a file at once.

Shared by the loaders of the crisis help and the site's 404 texts (`guide.safety.crisis_help`), the
search's texts (`guide.search.labels`), the planner's settings and texts (`guide.planner.data`) and the
printables' texts (`guide.cards.printables`); each adds the checks of its own file's shape. Pure
helpers: no MkDocs imports.
"""

from __future__ import annotations

import yaml

from guide.shared import yaml_strict
from guide.shared.messages import Where


class Problems(Exception):
    """Every problem found in a data file, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def parsed(text: str, where: Where, shape: str):
    """The YAML node tree (for line numbers) and the data of a file that must be a mapping;
    `shape` says what the mapping holds, for the message when it is not one."""
    try:
        node, data = yaml_strict.parse(text)
    except yaml.MarkedYAMLError as error:
        raise Problems([where.syntax_error(error)]) from None
    if not isinstance(data, dict):
        raise Problems([f"{where.name}:1: (file): the file must be a mapping: {shape}"])
    return node, data


def unknown_top_keys(where: Where, node, data: dict, locales: tuple[str, ...], settings: tuple[str, ...] = ()) -> list[str]:
    """A top-level key that is neither one of the file's settings nor a language of the site."""
    allowed = f"neither a setting ({', '.join(settings)}) nor" if settings else "not"
    return [where.at(node, (key,), f"'{key}:' is {allowed} a language of the site ({', '.join(locales)}); fix or remove it")
            for key in data if key not in settings and key not in locales]


def missing_block(where: Where, node, locale: str, locales: tuple[str, ...]) -> str:
    """The message for a language that has no block of its own."""
    return where.at(node, (locale,), f"missing; add a '{locale}:' block with every text (copy the '{locales[0]}:' block and translate it)")


def missing_texts(where: Where, node, block: dict, field: tuple, keys) -> list[str]:
    """One message per key of `keys` whose text in `block` (at `field`) is missing or empty."""
    return [where.at(node, (*field, key), "missing or empty; add the text in this language") for key in keys if not is_text(block.get(key))]


def is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())

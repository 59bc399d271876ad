"""The texts of the printables beside the cards: load and check `data/printables.yml`.

One block per language with the booklet covers per model (the model in brief), the ground rules,
the Vahvistin theme list and voting sheet, and the participant feedback form. Every language
needs the same keys and lists of the same length as the default language, every text non-empty;
the booklets name every model of the card schema; file names are ASCII slugs. Each problem is
reported as `file:line: field: what to do` (`guide.shared.messages.Where`). Pure helpers used by the
card hooks (`cards`, `guide.cards.pdf`) and the tests; nothing from MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from guide.shared import messages as cards_messages
from guide.shared import yaml_strict
from guide.shared.data_files import Problems

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILE_KEYS = ("booklets.*.pdf_file", "voting_sheet.pdf_file", "feedback.pdf_file")
MAX_OWN_ROWS = 10


def data_path(root: Path) -> Path:
    return root / "data" / "printables.yml"


def load(path: Path, locales: list[str], models: list[str], root: Path) -> dict[str, dict]:
    """The printables' texts by language; raises Problems naming every problem."""
    where = cards_messages.Where(path, root)
    try:
        text = path.read_text("utf-8")
        node, data = yaml_strict.parse(text)
    except FileNotFoundError:
        raise Problems([f"{where.name}: missing; create it with a block per language (see notes/CARD-FORMAT.md)"]) from None
    except yaml.MarkedYAMLError as error:
        raise Problems([where.syntax_error(error)]) from None
    if not isinstance(data, dict) or not isinstance(data.get(locales[0]), dict):
        raise Problems([f"{where.name}:1: {locales[0]}: missing; add the block of the default language"])
    problems = _shape_problems(where, node, data[locales[0]], (locales[0],), models)
    for locale in locales[1:]:
        if not isinstance(data.get(locale), dict):
            problems.append(where.at(node, (), f"missing language block '{locale}:'; copy the '{locales[0]}:' block and translate every text"))
            continue
        problems += _twin_problems(where, node, data[locales[0]], data[locale], (locale,), locales[0])
    if problems:
        raise Problems(problems)
    return {locale: data[locale] for locale in locales}


def _shape_problems(where, node, block: dict, field: tuple, models: list[str]) -> list[str]:
    """What the default language's block itself must be: every model's booklet, slugs, numbers."""
    problems = []
    booklets = block.get("booklets") if isinstance(block.get("booklets"), dict) else {}
    problems += [where.at(node, (*field, "booklets"), f"no booklet for the model '{model}'; add '{model}:' with pdf_file, title, download and brief")
                 for model in models if model not in booklets]
    problems += [where.at(node, (*field, "booklets", model), f"'{model}' is not a model of the cards ({', '.join(models)}); fix or remove it")
                 for model in booklets if model not in models]
    for key in ("ground_rules", "voting_sheet", "feedback"):
        if not isinstance(block.get(key), dict):
            problems.append(where.at(node, field, f"missing '{key}:'; see the comment at the top of the file"))
    for path in _leaves(block, ()):
        value = _get(block, path)
        if _matches(path, FILE_KEYS) and not (isinstance(value, str) and SLUG.match(value)):
            problems.append(where.at(node, (*field, *path), f"{value!r} must be a lowercase ASCII slug such as 'vahvistin-kortit' (no .pdf)"))
        elif path[-1] == "own_rows" and not (isinstance(value, int) and 0 <= value <= MAX_OWN_ROWS):
            problems.append(where.at(node, (*field, *path), f"must be a whole number from 0 to {MAX_OWN_ROWS}, got {value!r}"))
        elif path[-1] != "own_rows" and not (isinstance(value, str) and value.strip()):
            problems.append(where.at(node, (*field, *path), "must be a non-empty text"))
    return problems


def _twin_problems(where, node, first, other, field: tuple, first_locale: str, path: tuple = ()) -> list[str]:
    """The same keys, list lengths and non-empty texts as the default language's block."""
    shown = ".".join((first_locale, *map(str, path)))
    if isinstance(first, dict):
        if not isinstance(other, dict):
            return [where.at(node, (*field, *path), f"expected keys like '{shown}'; copy its keys and translate the texts")]
        problems = [where.at(node, (*field, *path), f"missing '{key}'; translate '{shown}.{key}'") for key in first if key not in other]
        problems += [where.at(node, (*field, *path, key), f"'{shown}' has no '{key}'; remove it or add it to every language") for key in other if key not in first]
        return problems + [problem for key in first if key in other
                           for problem in _twin_problems(where, node, first[key], other[key], field, first_locale, (*path, key))]
    if isinstance(first, list):
        if not isinstance(other, list) or len(other) != len(first):
            count = len(other) if isinstance(other, list) else 0
            return [where.at(node, (*field, *path), f"has {count} items but '{shown}' has {len(first)}; every language needs the same items")]
        return [problem for i, (a, b) in enumerate(zip(first, other)) for problem in _twin_problems(where, node, a, b, field, first_locale, (*path, i))]
    if path[-1] == "own_rows":
        return [] if other == first else [where.at(node, (*field, *path), f"must be {first!r} as in '{shown}'")]
    if isinstance(path[-1], str) and path[-1] == "pdf_file":
        return [] if isinstance(other, str) and SLUG.match(other) else [where.at(node, (*field, *path), f"{other!r} must be a lowercase ASCII slug such as 'booster-kort' (no .pdf)")]
    return [] if isinstance(other, str) and other.strip() else [where.at(node, (*field, *path), "must be a non-empty text")]


def _leaves(tree, path: tuple):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _get(tree, path: tuple):
    for key in path:
        tree = tree[key]
    return tree


def _matches(path: tuple, patterns) -> bool:
    dotted = ".".join(map(str, path))
    return any(re.fullmatch(pattern.replace(".", r"\.").replace("*", "[^.]+"), dotted) for pattern in patterns)

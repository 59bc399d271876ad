"""The page shell's texts and the navigation's reading of where an off-menu page belongs.

`data/site-labels.yml` holds, per language, the texts of the frame around every page that no
Markdown page holds: `shell:` (the menu button, the language switcher, ...) and `not_found:`
(the 404 page), and the names that pages in other languages keep as they are (`names:`).
Every problem of the file is reported at once as `file:line: key.path: what to do`
(`guide.shared.data_files`), so a missing language or text stops the build with a message a translator can
act on.

Pure helpers: no MkDocs imports. Used by hooks/page_shell.py, hooks/crisis_help.py (the 404
page) and the tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from guide.shared import yaml_strict
from guide.shared.messages import Where
from guide.shared.data_files import Problems, missing_texts, parsed

SHELL_KEYS = ("menu", "menu_close", "back", "show_section", "in_this_language", "search_start")
NOT_FOUND_KEYS = ("title", "text", "front_page", "card_index")


def labels_path(root: Path) -> Path:
    return root / "data" / "site-labels.yml"


def load(path: Path, locales: list[str], root: Path) -> dict[str, dict]:
    """The `shell:` texts of every language; raises Problems listing everything to fix."""
    return _section(path.read_text("utf-8"), path, root, tuple(locales), "shell", SHELL_KEYS)


def load_not_found(path: Path, locales: list[str], root: Path) -> dict[str, dict]:
    """The 404 page's `not_found:` texts of every language; raises Problems listing everything to fix."""
    return _section(path.read_text("utf-8"), path, root, tuple(locales), "not_found", NOT_FOUND_KEYS)


@lru_cache(maxsize=8)
def _section(text: str, path: Path, root: Path, locales: tuple[str, ...], section: str, keys: tuple[str, ...]) -> dict[str, dict]:
    """One section's texts in every language, parsed and checked once per file text."""
    where = Where(path, root)
    node, data = parsed(text, where, "one block per language (and names:)")
    problems = []
    for locale in locales:
        block = data.get(locale)
        texts = block.get(section) if isinstance(block, dict) else None
        if not isinstance(texts, dict):
            problems.append(where.at(node, (locale, section) if isinstance(block, dict) else (locale,),
                                     f"missing; add a '{locale}:' block with '{section}:' and its texts "
                                     f"({', '.join(keys)}) in this language"))
            continue
        problems += missing_texts(where, node, texts, (locale, section), keys)
    if problems:
        raise Problems(problems)
    return {locale: {key: data[locale][section][key].strip() for key in keys} for locale in locales}


def kept_names(path: Path, locales: list[str], root: Path) -> dict[str, list[str]]:
    """Names that pages of the other languages keep as they are, by the language they are in
    (`names:`, optional): {"fi": ["Kokemus voimavaraksi", ...]}; raises Problems for anything
    but lists of texts under the site's languages."""
    return _names(path.read_text("utf-8"), path, root, tuple(locales))


@lru_cache(maxsize=8)
def _names(text: str, path: Path, root: Path, locales: tuple[str, ...]) -> dict[str, list[str]]:
    where = Where(path, root)
    try:
        node, data = yaml_strict.parse(text)
    except yaml.MarkedYAMLError as error:
        raise Problems([where.syntax_error(error)]) from None
    block = data.get("names") or {}
    if not isinstance(block, dict):
        raise Problems([where.at(node, ("names",), "must map a language to its names ('fi:' and a list)")])
    problems = []
    for locale, names in block.items():
        if locale not in locales:
            problems.append(where.at(node, ("names", locale), f"'{locale}' is not a language of the site ({', '.join(locales)})"))
        elif not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
            problems.append(where.at(node, ("names", locale), "must be a list of names, one a line ('- Name')"))
    if problems:
        raise Problems(problems)
    return {locale: [name.strip() for name in names] for locale, names in block.items()}


def nav_parent(url: str, nav_urls: list[str], roots: set[str]) -> str | None:
    """For a page that is not in the menu, the menu page whose address is the longest start of
    its own (`kortit/raha/` -> `kortit/`); a language's front page (`roots`) does not count."""
    candidates = [other for other in nav_urls if other not in roots and other != url and url.startswith(other)]
    return max(candidates, key=len, default=None)

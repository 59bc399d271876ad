"""The page shell's texts and the navigation's reading of where an off-menu page belongs.

`data/site-labels.yml` holds, per language, the texts of the frame around every page that no
Markdown page holds (`shell:`: the menu button, the language switcher, ...; the 404 page's
`not_found:` texts are checked by `crisis_help_data`). Every problem of the file is reported at
once as `file:line: key.path: what to do` (lines found as `cards_messages` finds a card
field's), so a missing language or text stops the build with a message a translator can act on.

Pure helpers: no MkDocs imports. Used by hooks/page_shell.py and the tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from cards_messages import Where
from crisis_help_data import Problems

SHELL_KEYS = ("menu", "menu_close", "back", "show_section", "in_this_language", "search_start")


def labels_path(root: Path) -> Path:
    return root / "data" / "site-labels.yml"


def load(path: Path, locales: list[str], root: Path) -> dict[str, dict]:
    """The `shell:` texts of every language; raises Problems listing everything to fix."""
    return _checked(path.read_text("utf-8"), path, root, tuple(locales))


@lru_cache(maxsize=8)
def _checked(text: str, path: Path, root: Path, locales: tuple[str, ...]) -> dict[str, dict]:
    """Parsed and checked once per file text: every page of a build asks for it."""
    where = Where(path, root)
    try:
        node, data = yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        raise Problems([where.syntax_error(error)]) from None
    if not isinstance(data, dict):
        raise Problems([f"{where.name}:1: (file): the file must be a mapping with one block per language"])
    problems = []
    for locale in locales:
        block = data.get(locale)
        texts = block.get("shell") if isinstance(block, dict) else None
        if not isinstance(texts, dict):
            problems.append(where.at(node, (locale, "shell") if isinstance(block, dict) else (locale,),
                                     f"missing; add a '{locale}:' block with 'shell:' and its texts "
                                     f"({', '.join(SHELL_KEYS)}) in this language"))
            continue
        problems += [where.at(node, (locale, "shell", key), "missing or empty; add the text in this language")
                     for key in SHELL_KEYS if not (isinstance(texts.get(key), str) and texts[key].strip())]
    if problems:
        raise Problems(problems)
    return {locale: {key: data[locale]["shell"][key].strip() for key in SHELL_KEYS} for locale in locales}


def nav_parent(url: str, nav_urls: list[str], roots: set[str]) -> str | None:
    """For a page that is not in the menu, the menu page whose address is the longest start of
    its own (`kortit/raha/` -> `kortit/`); a language's front page (`roots`) does not count."""
    candidates = [other for other in nav_urls if other not in roots and other != url and url.startswith(other)]
    return max(candidates, key=len, default=None)

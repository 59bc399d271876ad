"""The site search's interface texts: load and check `data/search-labels.yml`.

One block per language, the same keys in each (see the file's header). Every problem of the
file is reported at once as `file:line: key.path: what to do` (lines found as `guide.shared.messages`
finds a card field's), so a missing language or text stops the build with a message a
translator can act on.

Pure helpers: no MkDocs imports. Used by hooks/search_index.py and the tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from guide.shared.messages import Where
from guide.shared.data_files import Problems, is_text, missing_block, missing_texts, parsed, unknown_top_keys

TEXT_KEYS = (
    "open", "title", "label", "placeholder", "close", "loading", "results_label", "results_one",
    "results_other", "none", "none_help", "suggestions_title", "other_languages", "error", "corrected",
)
LIST_KEYS = ("suggestions", "crisis_phrases", "question_words")
TERM_KEYS = ("synonyms", "tasks")
"""Synonym groups (lists of single words) and tasks (page address -> phrases)."""
PLACEHOLDERS = {"results_other": "{count}", "none": "{query}", "corrected": "{query}"}
"""Texts that must name what the browser fills in."""


def labels_path(root: Path) -> Path:
    return root / "data" / "search-labels.yml"


def load(path: Path, locales: list[str], root: Path) -> dict[str, dict]:
    """The texts of every language; raises Problems listing everything to fix."""
    return _checked(path.read_text("utf-8"), path, root, tuple(locales))


@lru_cache(maxsize=8)
def _checked(text: str, path: Path, root: Path, locales: tuple[str, ...]) -> dict[str, dict]:
    """Parsed and checked once per file text: every page of a build asks for it."""
    where = Where(path, root)
    node, data = parsed(text, where, "one block per language")
    problems = unknown_top_keys(where, node, data, locales)
    for locale in locales:
        problems += _language_problems(where, node, data.get(locale), locale, locales)
    if problems:
        raise Problems(problems)
    return {locale: data[locale] for locale in locales}


def _language_problems(where: Where, node, block, locale: str, locales: tuple[str, ...]) -> list[str]:
    if not isinstance(block, dict):
        return [missing_block(where, node, locale, locales)]
    problems = missing_texts(where, node, block, (locale,), TEXT_KEYS)
    problems += [where.at(node, (locale, key), f"must contain {mark}, where the browser puts the number or the words")
                 for key, mark in PLACEHOLDERS.items() if is_text(block.get(key)) and mark not in block[key]]
    problems += [where.at(node, (locale, key), "missing or empty; list at least one word in this language")
                 for key in LIST_KEYS if not _words(block.get(key))]
    problems += _synonym_problems(where, node, block.get("synonyms"), locale)
    problems += _task_problems(where, node, block.get("tasks"), locale)
    problems += [where.at(node, (locale, key), f"unknown key; expected one of: {', '.join((*TEXT_KEYS, *LIST_KEYS, *TERM_KEYS))}")
                 for key in block if key not in (*TEXT_KEYS, *LIST_KEYS, *TERM_KEYS)]
    return problems


def _synonym_problems(where: Where, node, groups, locale: str) -> list[str]:
    if not isinstance(groups, list) or not groups:
        return [where.at(node, (locale, "synonyms"), "missing or empty; list groups of words that mean the same: - [word, other]")]
    return [where.at(node, (locale, "synonyms", number), "a group is a list of two or more single words: [word, other]")
            for number, group in enumerate(groups)
            if not (_words(group) and len(group) >= 2 and all(len(word.split()) == 1 for word in group))]


def _task_problems(where: Where, node, tasks, locale: str) -> list[str]:
    if not isinstance(tasks, dict) or not tasks:
        return [where.at(node, (locale, "tasks"), "missing or empty; map page addresses to phrases: kortit/: [tulosta kortit]")]
    return [where.at(node, (locale, "tasks", page), "a page address (kortit/, or '' for the front page) with a list of phrases")
            for page, phrases in tasks.items()
            if not (isinstance(page, str) and (page == "" or page.endswith("/")) and _words(phrases))]


def _words(value) -> bool:
    return isinstance(value, list) and bool(value) and all(is_text(word) for word in value)

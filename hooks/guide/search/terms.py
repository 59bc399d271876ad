"""The search's synonyms and tasks (data/search-labels.yml) as the index and the browser use them.

- Synonyms: each word of a group, with its base forms for a language with an analyser, leads to
  the other words of its group; the browser (overrides/assets/javascripts/search.js) searches a
  query word's synonyms beside it ("vaitiolovelvollisuus" also as "luottamuksellisuus").
- Cards: a card's line of model and kind becomes Pagefind metadata shown in its result.
- Tasks: the phrases a reader types to do what a page is for ("tulosta kortit") are added to
  that page's copy for the index only, right after its title, weighted and between the
  base-form markers (⁅ ⁆), so the script never shows them in a snippet; the element is also a
  Pagefind filter `task` with the page's address. The browser matches a query against the
  phrases (as it does crisis phrases) and puts the pages of the tasks it names first.

Pure helpers: no MkDocs imports. Used by hooks/search_index.py and the tests.
"""

from __future__ import annotations

import re
from html import escape

from guide.search import crisis as search_crisis
from guide.search.crisis import WORD, forms
from guide.search.words import CLOSE, OPEN, Analyses

TITLE_END = re.compile(r"(<article\b.*?</h1>)", re.S)
CARD_META = '<p class="card-meta">'
"""A card page's line of model, kind and length (overrides/cards/card.md.jinja)."""
TASK_WEIGHT = 10
"""Pagefind's highest: a task phrase counts more than the page's own title (7)."""


def synonyms(groups: list[list[str]], analyses: Analyses | None) -> dict[str, list[str]]:
    """Every word of every group (and its base forms) -> the other words of its group."""
    found: dict[str, list[str]] = {}
    for group in groups:
        words = [word.lower() for word in group]
        for word in words:
            others = [other for other in words if other != word]
            for form in forms(word, analyses):
                found[form] = list(dict.fromkeys([*found.get(form, []), *others]))
    return found


def with_tasks(html: str, address: str, phrases: list[str], analyses: Analyses | None) -> str:
    """The page at `address` with its task phrases (and their words' base forms) after its `<article>`'s h1."""
    words = [form for phrase in phrases for word in WORD.findall(phrase.lower()) for form in forms(word, analyses)]
    hidden = f'<p data-pagefind-weight="{TASK_WEIGHT}" data-pagefind-filter="task:{escape(address)}">{OPEN}{escape(" ".join(dict.fromkeys(words)))}{CLOSE}</p>'
    return TITLE_END.sub(lambda match: match.group(1) + hidden, html, count=1)


def tasks(by_page: dict[str, list[str]], question_words: list[str], analyses: Analyses | None) -> list:
    """[address, phrase] for every task phrase, the phrase's words with their forms (as crisis
    phrases), without its question words: "miten aloitan ryhmän" is said by "aloitan ryhmän"."""
    asked = set(question_words)
    return [[address, [word for word in phrase if word[0] not in asked]]
            for address, phrases in by_page.items() for phrase in search_crisis.phrases(phrases, analyses)]


def with_card_meta(html: str) -> str:
    """A card page with its model-and-kind line as Pagefind's `card` metadata, which the search
    shows under the title (two cards may share a title: "Aloitustapaaminen")."""
    return html.replace(CARD_META, '<p class="card-meta" data-pagefind-meta="card">', 1)


def page_address(relative_to_root: str) -> str:
    """`kortit/index.html` -> `kortit/`; `index.html` -> `` (the address tasks are keyed by)."""
    folder = relative_to_root.rpartition("/")[0]
    return f"{folder}/" if folder else ""

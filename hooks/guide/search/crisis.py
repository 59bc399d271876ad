"""The search's crisis phrases as the browser matches them.

`crisis_phrases` in data/search-labels.yml are written as a reader types them ("haluan kuolla",
"ta livet av mig"). Each word of a phrase is given the forms it matches in a query: the word
as written and, for a language with an analyser (Voikko for Finnish), its base forms
("itseään" -> itse, "haluan" -> haluta). Not the parts of a compound: "itsemurha" must not
make every query with "itse" a crisis. The browser (overrides/assets/javascripts/search.js)
guesses a query word's base forms against these forms as it does against the index's.

Pure helpers: no MkDocs imports. Used by hooks/search_index.py and the tests.
"""

from __future__ import annotations

import re

from guide.search.words import Analyses

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def phrases(texts: list[str], analyses: Analyses | None) -> list[list[list[str]]]:
    """Every phrase as its words, each word as the forms that match it (the word first)."""
    return [[forms(word, analyses) for word in WORD.findall(text.lower())] for text in texts]


def forms(word: str, analyses: Analyses | None) -> list[str]:
    """`word` and, with an analyser, its base forms (not a compound's parts)."""
    bases = [result.get("BASEFORM", "").lower() for result in analyses(word)] if analyses else []
    return list(dict.fromkeys(form for form in (word, *bases) if form))

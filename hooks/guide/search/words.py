"""Base forms for the search index, from a morphological analyser (Voikko for Finnish).

Pagefind's Snowball stemmers cut endings but do not undo stem changes: Finnish "kyvyn" and
"kyky", "tuen" and "tuki", "palautumiseen" and "palautua" get different stems. So, before the
pages are indexed, every inflected word of a page's content is followed by its base forms
(and the parts of a compound) between ⁅ and ⁆: "työkyvyn ⁅työkyky työ kyky⁆". The marked words are indexed like any other; the search page's script
(overrides/assets/javascripts/search.js) removes them from titles and snippets and moves
their highlight to the word before them.

The query side meets those base forms with the language's vocabulary: every base form of its
pages (and nouns' nominatives, "palautuminen" beside the base form "palautua"), the parts of
its compounds, and the rules the script uses to guess a query word's base forms (strip an
ending, undo a stem change, keep only the guesses that are in the vocabulary).

A language without an analyser (Swedish: Snowball's stemmer handles most of its definite, plural
and genitive forms) is indexed as written, and its guesses are checked against its pages' own
words. Voikko comes through `guide.shared.system_parts` (shared with the spell check). Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import product

from guide.shared import system_parts

OPEN, CLOSE = "\u2045", "\u2046"
"""Around the base forms added after a word (⁅ ⁆): the script recognises and removes them."""
WORD = re.compile(r"&#?\w+;|[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word of text in HTML (an entity such as &amp; is matched to be skipped)."""
ARTICLE = re.compile(r"(<article\b[^>]*>)(.*?)(</article>)", re.S)
TEXT = re.compile(r">([^<]+)<")
MIN_PART = 3
"""Shorter compound parts are not worth a marker (they match too many words)."""

Analyses = Callable[[str], list[dict]]
"""A word's analyses, each with BASEFORM, STRUCTURE and WORDBASES as libvoikko gives them."""

# What the script strips and changes to guess a Finnish query word's base form. Endings: the
# cases (with their plural forms) and the possessive suffixes; stem changes: a stem ending as
# it is in inflected forms, and as it is in the base form (consonant gradation is applied on
# top of these by the script, in both directions).
_CASES = (
    "", "n", "t", "a", "ä", "ta", "tä", "tta", "ttä", "na", "nä", "ssa", "ssä", "sta", "stä",
    "lla", "llä", "lta", "ltä", "lle", "ksi", "tse", "ne", "en", "an", "än", "in", "on", "un",
    "yn", "ön", "seen", "hin", "han", "hen", "hon", "hun", "hyn", "hän", "hön", "ineen",
)
_PLURAL = ("i", "j", "ij", "id", "it", "itt")
_POSSESSIVES = ("", "ni", "si", "mme", "nne", "nsa", "nsä", "an", "en", "ään", "aan")
_PLURAL_ONLY = ("ien", "iden", "itten", "jen", "ten", "ihin", "isiin", "ita", "itä", "ja", "jä", "ia", "iä")
FINNISH_ENDINGS = sorted(
    {case + poss for case, poss in product(_CASES, _POSSESSIVES)}
    | {plural + case for plural, case in product(_PLURAL, _CASES[1:])}
    | {ending + poss for ending, poss in product(_PLURAL_ONLY, _POSSESSIVES)},
    key=lambda ending: (-len(ending), ending),
)
FINNISH_STEM_CHANGES = (
    ("", ""), ("se", "nen"), ("s", "nen"), ("kse", "s"), ("ks", "s"), ("de", "s"), ("tte", "s"),
    ("ee", "e"), ("e", "i"), ("e", ""), ("ime", "in"), ("mi", "a"), ("mi", "ä"), ("i", "a"), ("i", "ä"),
    ("o", "a"), ("ö", "ä"), ("e", "a"), ("e", "ä"), ("a", "aa"), ("ä", "ää"), ("ttoma", "ton"),
    ("ttömä", "tön"), ("a", "as"), ("ä", "äs"), ("aa", "as"), ("ää", "äs"), ("e", "is"), ("ii", "is"),
)
FINNISH_GRADATION = (
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("k", "v"), ("p", "v"), ("t", "d"), ("nk", "ng"),
    ("mp", "mm"), ("lt", "ll"), ("nt", "nn"), ("rt", "rr"), ("ht", "hd"), ("lk", "lj"), ("rk", "rj"),
)
"""Strong and weak grade of the consonant before a stem's last vowels; k between two vowels also
disappears (tuki, tuen), which the script tries too."""
# Swedish: definite, plural and genitive endings, and the stem changes of a few noun groups
# (fråga, frågor; nyckel, nycklar). Snowball's stemmer handles most of these already, but not
# all (hälsa, hälsan); without an analyser the guesses are checked against the words of the
# Swedish pages themselves.
SWEDISH_ENDINGS = sorted(
    {ending + genitive for ending, genitive in product(
        ("", "n", "en", "et", "t", "na", "arna", "erna", "orna", "rna", "ar", "er", "or", "r", "ens", "e"), ("", "s"))},
    key=lambda ending: (-len(ending), ending),
)
SWEDISH_STEM_CHANGES = (("", ""), ("", "a"), ("", "e"), ("l", "el"), ("r", "er"), ("n", "en"))
RULES = {
    "fi": {"endings": FINNISH_ENDINGS, "stem_changes": FINNISH_STEM_CHANGES, "gradation": FINNISH_GRADATION},
    "sv": {"endings": SWEDISH_ENDINGS, "stem_changes": SWEDISH_STEM_CHANGES, "gradation": ()},
}
"""Per language: how the script guesses base forms of query words. A language without rules
has no guessing (and needs none when its stemmer handles its forms)."""
ANALYSED = ("fi",)
"""Languages with a Voikko dictionary: their pages get base-form markers, and their vocabulary
is base forms. The others' vocabulary is the words of their pages as written."""


def voikko_analyses(locale: str) -> Analyses | None:
    """The analyser for `locale`, or None when Voikko has no dictionary for it.

    Raises RuntimeError when the language needs Voikko and it is not installed."""
    if locale not in ANALYSED:
        return None
    try:
        analyser = system_parts.voikko(locale)
    except system_parts.Missing as problem:
        raise RuntimeError(f"the search needs the Voikko analyser for '{locale}': {problem}; "
                           "or preview without base forms: SEARCH_BASE_FORMS=0 (make serve does so by itself)") from None
    return lru_cache(maxsize=None)(analyser.analyze)


def base_forms(word: str, analyses: Analyses) -> list[str]:
    """Every base form of `word` and of the parts of a compound word, lower case, in order."""
    results = analyses(word)
    if not results and "-" in word:
        return _unique(form for part in word.split("-") for form in base_forms(part, analyses))
    forms = []
    for result in results:
        forms.append(result.get("BASEFORM", "").lower())
        forms += compound_parts(result)
    return _unique(form for form in forms if len(form) >= MIN_PART)


def headword(word: str, analyses: Analyses) -> str | None:
    """`word` in lower case when it is a noun's nominative singular whose base form differs:
    "palautuminen" (base form "palautua"), which readers take for the base form."""
    lowered = word.lower()
    for result in analyses(word):
        if result.get("SIJAMUOTO") == "nimento" and result.get("NUMBER") == "singular" and result.get("BASEFORM") != lowered:
            return lowered
    return None


def compound_parts(result: dict) -> list[str]:
    """The base forms of a compound's parts (`+työ(työ)+kyky(kyky)` -> työ, kyky), without
    derivational endings (`+ja(+ja)`); none for a word that is not a compound."""
    if result.get("STRUCTURE", "").count("=") < 2:
        return []
    parts = re.findall(r"\+([^+()]+)(?:\(([^()]*)\))?", result.get("WORDBASES", ""))
    return [(base or surface).lower() for surface, base in parts
            if not base.startswith("+") and surface != "-" and len(base or surface) >= MIN_PART]


def with_markers(html: str, analyses: Analyses | None, vocabulary: dict[str, list[str]]) -> str:
    """The page with base-form markers after the inflected words of its `<article>`; adds every
    base form found to `vocabulary` (with the parts of a compound). Without an analyser, the
    page as it is, and its words as written added to `vocabulary`."""
    def text(match: re.Match) -> str:
        if analyses is None:
            vocabulary.update((word.lower(), []) for word in WORD.findall(match.group(1)) if not word.startswith("&"))
            return match.group(0)
        return ">" + WORD.sub(lambda word: _marked(word.group(0), analyses, vocabulary), match.group(1)) + "<"

    def article(match: re.Match) -> str:
        return match.group(1) + TEXT.sub(text, match.group(2)) + match.group(3)

    return ARTICLE.sub(article, html, count=1)


def _marked(word: str, analyses: Analyses, vocabulary: dict[str, list[str]]) -> str:
    if word.startswith("&"):
        return word
    lowered = word.lower()
    forms = base_forms(word, analyses)
    for form in [*forms, headword(word, analyses)]:
        if form:
            vocabulary.setdefault(form, [])
    for result in analyses(word):
        parts = compound_parts(result)
        if parts:
            vocabulary[result["BASEFORM"].lower()] = parts
    added = [form for form in forms if form != lowered]
    return f"{word} {OPEN}{' '.join(added)}{CLOSE}" if added else word


def vocabulary_file(locale: str, vocabulary: dict[str, list[str]]) -> dict:
    """What the script loads with a language's index: its base forms (and nouns' nominatives),
    the parts of its compounds, and the rules for guessing a query word's base forms."""
    return {
        "locale": locale,
        "words": sorted(vocabulary),
        "compounds": {word: parts for word, parts in sorted(vocabulary.items()) if parts},
        **RULES.get(locale, {}),
    }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

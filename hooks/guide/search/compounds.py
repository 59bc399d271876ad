"""Compound words split for the index with a Hunspell dictionary, for a language Voikko lacks
(Swedish: "avslappningsövning" -> avslappning, övning; "självmordstankar" -> självmord, tankar).

Hunspell has no morphological analysis to give, but it knows the words of the language: a word
of nine letters or more is split where both sides are dictionary words (the first of four
letters or more and not a particle such as till-, the last of five or more), the longest such
last part first (prissätter: pris + sätter, not priss + ätter). A split at a linking s comes
first, the first part given without it (självmords- -> självmord; Hunspell accepts the linking
form too) or with the -e or -a it lost (arbets- -> arbete).
The result is given in the shape of Voikko's analyses (BASEFORM, STRUCTURE, WORDBASES), so
`guide.search.words.with_markers` marks the parts as it marks a Finnish compound's and the
vocabulary lists them; a word that is not split is its own base form, so the vocabulary keeps
every word as written.

Pure helpers: no MkDocs imports. Uses PyPI `chunspell` and Debian's `hunspell-<locale>`
(both already needed by hooks/guide/translation/spelling.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from guide.search.words import Analyses

HUNSPELL_DIR = Path("/usr/share/hunspell")
MIN_WORD, MIN_HEAD, MIN_TAIL = 9, 4, 5
VOWELS = "aeiouyåäö"
LINKING = ("ning", "het", "tion", "else", "dom", "skap", "itet", "nad")
"""Endings of first parts that always take a linking s."""
PARTICLES = frozenset({"till", "över", "under", "åter", "inne", "miss", "samman", "efter", "fram", "emot", "genom"})
"""First parts that make a derived word or a particle verb (tillgänglig, återhämta), not a compound."""


def analyses(locale: str) -> Analyses | None:
    """The splitter for `locale`, or None when there is no Hunspell dictionary for it."""
    found = sorted(HUNSPELL_DIR.glob(f"{locale}_*.dic"), key=lambda path: path.stem != f"{locale}_FI")
    if not found:
        return None
    import hunspell

    dictionary = hunspell.Hunspell(found[0].stem, hunspell_data_dir=str(HUNSPELL_DIR))
    known = lru_cache(maxsize=None)(dictionary.spell)
    return lru_cache(maxsize=None)(lambda word: [_analysis(word, known)])


def split(word: str, known) -> tuple[str, str] | None:
    """The first and last part of a compound `word` (lower case), or None."""
    cuts = range(MIN_HEAD, len(word) - MIN_TAIL + 1)
    return next(filter(None, (_linked(word[:cut], word[cut:], known) for cut in cuts)), None) or \
        next(filter(None, (_joined(word[:cut], word[cut:], known) for cut in cuts)), None)


def _linked(head: str, tail: str, known) -> tuple[str, str] | None:
    """självmords|tankar -> självmord, tankar; arbets|förmåga -> arbete, förmåga. When the s
    may begin the last part too (priss|ätter, pris|sätter), only after an ending that always
    takes a linking s (avslappnings|övning)."""
    if not head.endswith("s") or not known(tail) or (known("s" + tail) and not head[:-1].endswith(LINKING)):
        return None
    return next(((first, tail) for first in (head[:-1], head[:-1] + "e", head[:-1] + "a")
                 if len(first) >= MIN_HEAD and first not in PARTICLES and known(first)), None)


def _joined(head: str, tail: str, known) -> tuple[str, str] | None:
    """grupp|ledare. The first part has five letters or more (fört|roligheten, stor|leken are
    words that are no compounds), and the cut is not at a consonant before a vowel, where a
    derived word's ending starts more often than a compound's last part (erfar|enheterna)."""
    if len(head) < MIN_HEAD + 1 or head in PARTICLES or (head[-1] not in VOWELS and tail[0] in VOWELS):
        return None
    return (head, tail) if known(head) and known(tail) else None


def _analysis(word: str, known) -> dict:
    lowered = word.lower()
    parts = split(lowered, known) if len(lowered) >= MIN_WORD and lowered.isalpha() else None
    if not parts:
        return {"BASEFORM": lowered}
    head, tail = parts
    return {"BASEFORM": lowered, "STRUCTURE": "=" + "p" * len(head) + "=" + "p" * len(tail),
            "WORDBASES": f"+{head}({head})+{tail}({tail})"}

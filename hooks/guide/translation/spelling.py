"""Spell check of every text of the guide, in each of its languages (`make translations`, `make test`).

What: the words of every page and of every language block of the YAML files under `data/`
(`guide.translation.spelling_sources` says which texts and which words), checked in their own language against

- Finnish (`fi`): Voikko. Debian `voikko-fi` and `libvoikko1`; PyPI `libvoikko` is its ctypes
  binding;
- any other language: Hunspell, with Debian's dictionary `hunspell-<locale>`
  (`/usr/share/hunspell/<locale>_FI`, else another `<locale>_*`); PyPI `chunspell` is the
  binding (it bundles libhunspell);
  (both found through `guide.shared.system_parts`, which names the packages and honours GUIDE_HIDE_SYSTEM);
- the project's word list `data/spelling/<locale>.txt`: names and terms the dictionary lacks.

A word passes when the list or the dictionary accepts it as written; a word followed by a dot
also with its dot ("esim.", "t.ex."); an abbreviation or number with an ending after a colon
("PDF:n", "ry:s") when the part before the colon passes and the ending is one to five lowercase
letters; a hyphenated word ("Vahvistin-malli", "-toimintamalli") when every part passes; a
part with a digit in it ("2026-03-10T17:00") is a number or a code, not a word.

Word list: one entry a line, `#` starts a comment line. `word` accepts the word as written (a
lowercase one also capitalised). `word ~ model` also accepts its inflected forms: a form passes
when the dictionary accepts the model inflected the same way (with `Kymsote ~ nalle`, "Kymsoten"
passes because "nallen" does: what follows the letters the two share at the end is the ending).

Output: one line per unknown word, `path:line: word (suggestions: a, b, c)`, sorted, then a
summary; exit status 1 when any word is unknown; 2 when a dictionary is not installed, a word
list line is malformed or a data file is not valid YAML (nothing is checked then).
Run as `PYTHONPATH=hooks python -m guide.translation.spelling [ROOT] [--lang LOCALE]`. Writes nothing; imports nothing from MkDocs.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from guide.shared import site_languages
from guide.translation import spelling_sources
from guide.shared import system_parts
from guide.translation.spelling_sources import Text, Word

PROJECT = Path(__file__).resolve().parents[3]
WORD_LISTS = Path("data") / "spelling"
COLON_ENDING = re.compile(r"[a-zåäö]{1,5}")
SUGGESTIONS = 3


class Dictionary(Protocol):
    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str): ...


class SetupError(Exception):
    """A dictionary that is not installed, with what to install."""


# ---- Dictionaries ------------------------------------------------------------------------

def dictionary(locale: str) -> tuple[Dictionary, str]:
    """The spelling dictionary of `locale` and its name for messages."""
    return (_voikko(), "Voikko") if locale == "fi" else _hunspell(locale)


def _voikko() -> Dictionary:
    try:
        return system_parts.voikko("fi")
    except system_parts.Missing as problem:
        raise SetupError(f"Finnish needs Voikko: {problem}.") from None


def _hunspell(locale: str) -> tuple[Dictionary, str]:
    try:
        found = system_parts.hunspell_dictionary(locale)
    except system_parts.Missing as problem:
        raise SetupError(f"Spelling of {locale!r} needs Hunspell: {problem}.") from None
    try:
        import hunspell
    except ImportError:
        raise SetupError("The Hunspell binding is not installed: run make setup (PyPI chunspell).") from None
    return hunspell.Hunspell(found.stem, hunspell_data_dir=str(found.parent)), f"Hunspell {found.stem}"


# ---- Word lists --------------------------------------------------------------------------

class WordListError(Exception):
    """A line of a word list that is not `word` or `word ~ model`."""


def word_list(path: Path) -> dict[str, str | None]:
    """The entries of a word list: each word with the model it inflects like (or None)."""
    entries = {}
    lines = path.read_text("utf-8").splitlines() if path.is_file() else []
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if len(fields) not in (1, 3) or (len(fields) == 3 and fields[1] != "~"):
            raise WordListError(f"{path}:{number}: write one word, or `word ~ model`; not {line.strip()!r}")
        entries[fields[0]] = fields[2] if len(fields) == 3 else None
    return entries


# ---- Checking ----------------------------------------------------------------------------

@dataclass(eq=False)
class Checker:
    """Decides whether a word of one language is known, and what to suggest instead."""

    dictionary: Dictionary
    entries: dict[str, str | None]

    def known(self, word: Word) -> bool:
        return self.accepts(word.text) or (word.dotted and self.accepts(word.text + "."))

    @functools.cache
    def accepts(self, word: str) -> bool:
        return (self._listed(word) or self.dictionary.spell(word) or self._colon_form(word)
                or self._hyphenated(word) or _code(word))

    @functools.cache
    def suggestions(self, word: str) -> tuple[str, ...]:
        return tuple(self.dictionary.suggest(word))[:SUGGESTIONS]

    def _listed(self, word: str) -> bool:
        return any(_matches(word, entry) or (model is not None and self._inflected(word, entry, model))
                   for entry, model in self.entries.items())

    def _inflected(self, word: str, entry: str, model: str) -> bool:
        """`word` is `entry` inflected as the dictionary inflects `model`."""
        shared = _shared_ending(entry.lower(), model.lower())
        stem, model_stem = entry[:len(entry) - shared], model[:len(model) - shared]
        form = _as_entry_case(word, entry)
        return form.startswith(stem) and len(form) > len(stem) and self.dictionary.spell(model_stem + form[len(stem):])

    def _colon_form(self, word: str) -> bool:
        base, colon, ending = word.rpartition(":")
        return bool(colon and base and COLON_ENDING.fullmatch(ending)) and (base.isdigit() or self.accepts(base))

    def _hyphenated(self, word: str) -> bool:
        """A word with a hyphen at an end passes without it; one with hyphens inside passes when it
        splits at a hyphen into two pieces that pass ("Miepä-palvelut", "axe-core-työkalua")."""
        inner = word.strip("-")
        if inner != word:
            return bool(inner) and self.accepts(inner)
        return any(self.accepts(word[:at]) and self.accepts(word[at + 1:])
                   for at, letter in enumerate(word) if letter == "-")


def _code(word: str) -> bool:
    """A piece with a digit and no hyphen is a number, a time or a code ("10T17:00"), not a word."""
    return "-" not in word and any(letter.isdigit() for letter in word)


def _matches(word: str, entry: str) -> bool:
    return word == entry or (entry[:1].islower() and word == entry[:1].upper() + entry[1:])


def _as_entry_case(word: str, entry: str) -> str:
    """`word` with its first letter lowered when `entry` starts in lowercase (sentence starts)."""
    return word[:1].lower() + word[1:] if entry[:1].islower() else word


def _shared_ending(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[-1 - length] == b[-1 - length]:
        length += 1
    return length


# ---- Report ------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    word: str
    suggestions: tuple[str, ...]
    locale: str

    def __str__(self) -> str:
        offered = f"suggestions: {', '.join(self.suggestions)}" if self.suggestions else "no suggestions"
        return f"{self.path}:{self.line}: {self.word} ({offered})"


def texts(root: Path, lang: site_languages.Language) -> list[Text]:
    """The pages of `lang` and its blocks in the data files, split by the language they are in."""
    found = [text for page in spelling_sources.pages(lang.docs_dir)
             for text in spelling_sources.page_texts(page, lang.locale)]
    return found + [text for path in spelling_sources.data_files(root / "data")
                    for text in spelling_sources.data_texts(path, lang.locale)]


def checker(root: Path, locale: str) -> tuple[Checker, str]:
    """The checker of `locale` (its dictionary and word list) and the dictionary's name."""
    found, name = dictionary(locale)
    return Checker(found, word_list(root / WORD_LISTS / f"{locale}.txt")), name


def findings(root: Path, checked: list[Text], checkers: dict[str, Checker]) -> list[Finding]:
    """Every unknown word, once per line, sorted by file, line and word."""
    unknown = {(word, text.locale) for text in checked for word in text.words()
               if not checkers[text.locale].known(word)}
    return sorted({Finding(site_languages.shown(word.path, root), word.line, word.text,
                           checkers[locale].suggestions(word.text), locale) for word, locale in unknown})


def summary(checked: list[Text], found: list[Finding], names: dict[str, str]) -> str:
    files = len({text.path for text in checked})
    dictionaries = ", ".join(f"{locale}: {name}" for locale, name in names.items())
    if not found:
        return f"Spelling OK: every word of {files} files is known ({dictionaries})."
    counts = ", ".join(f"{locale}: {sum(item.locale == locale for item in found)}" for locale in names)
    return (f"Spelling FAILED: {len(found)} unknown word{'s' if len(found) > 1 else ''} ({counts}) in {files} files ({dictionaries}). "
            f"Fix the typos; add a name or term the dictionary lacks to {WORD_LISTS.as_posix()}/<locale>.txt.")


# ---- Command line ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Print every unknown word and a summary; return the exit status."""
    args = _arguments().parse_args(argv)
    root = Path(args.root).resolve()
    declared = site_languages.languages_in_file(root / "mkdocs.yml")
    site = [lang.locale for lang in declared]
    try:
        read = [text for lang in declared if args.lang in (None, lang.locale) for text in texts(root, lang)]
        checked = [text for text in read if text.locale in site]
        loaded = {locale: checker(root, locale) for locale in site if any(text.locale == locale for text in checked)}
        found = findings(root, checked, {locale: pair[0] for locale, pair in loaded.items()})
    except (SetupError, WordListError, spelling_sources.UnreadableFile) as error:
        print(f"Spelling not checked: {error}", file=sys.stderr)
        return 2
    print("\n".join([*map(str, found), summary(checked, found, {locale: pair[1] for locale, pair in loaded.items()})]))
    return 1 if found else 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="spelling", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(PROJECT), help="the project folder (default: this project)")
    parser.add_argument("--lang", metavar="LOCALE", help="only this language (e.g. sv)")
    return parser


if __name__ == "__main__":
    sys.exit(main())

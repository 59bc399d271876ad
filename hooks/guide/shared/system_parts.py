"""The parts of the guide's tools that come from the system, not from PyPI: is each one there,
what a preview does without it, and the one command that adds it.

- `voikko` (Debian `libvoikko1`, `voikko-fi`): the search's Finnish base forms
  (hooks/guide/search/words.py) and the Finnish spell check (hooks/guide/translation/spelling.py). PyPI's pure-Python
  `pyvoikko` was measured against it and does not match (README, "Set up").
- `hunspell` (Debian `hunspell-<locale>`, Finland-Swedish `sv_FI`): the spell check of the other
  languages. PyPI offers Swedish dictionaries only for Sweden (`sv_SE`).
- `pango` (Debian `libpango-1.0-0`, …): WeasyPrint's text layout, so the card PDFs.

The packages of each part are those of `.ci/debian-packages.txt`, the list `.ci/run` and
`make test` install from. `GUIDE_HIDE_SYSTEM=voikko,hunspell,pango` makes parts count as
missing even when installed (tests; trying what a fresh machine sees).

Without a part, a strict build and `make test` stop and name the command (the search, the spell
check and hooks/cards.py ask `voikko`, `missing` and `install_command` here). `make serve`
first runs `PYTHONPATH=hooks python -m guide.shared.system_parts --preview`: one line per missing part on stderr (what
is skipped, the command that adds it) and on stdout the shell settings that turn its features
off (`CARDS_PDF=0`, `SEARCH_BASE_FORMS=0`), which the Makefile applies. Without `--preview` it
prints the same lines and exits 1 when a part is missing.

Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from guide.shared import site_languages

PROJECT = Path(__file__).resolve().parents[3]
PACKAGES = PROJECT / ".ci" / "debian-packages.txt"
HIDE = "GUIDE_HIDE_SYSTEM"
HUNSPELL_DIR = Path("/usr/share/hunspell")
PANGO_LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset")
"""The libraries WeasyPrint loads that Debian's python3 does not bring (its ffi module)."""
VOIKKO_LANGUAGES = ("fi",)
"""Languages Voikko checks and analyses; the others' spelling is Hunspell's."""


@dataclass(frozen=True)
class Part:
    name: str
    title: str
    preview: str
    """What a preview does without it."""
    settings: dict[str, str] = field(default_factory=dict)
    """What turns its features off in a preview."""


PARTS = {
    "voikko": Part("voikko", "Voikko (Finnish morphology)",
                   "the search indexes the Finnish pages without base forms (inflected words find less), "
                   "and make translations cannot check Finnish spelling", {"SEARCH_BASE_FORMS": "0"}),
    "hunspell": Part("hunspell", "Hunspell's Finland-Swedish dictionary",
                     "make translations cannot check Swedish spelling"),
    "pango": Part("pango", "Pango (text layout for the PDFs)",
                  "no card PDFs are made, and the card pages have no download links", {"CARDS_PDF": "0"}),
}


class Missing(Exception):
    """A part that is not installed (or hidden), with the command that adds it."""


def hidden() -> set[str]:
    """The parts GUIDE_HIDE_SYSTEM names (comma-separated)."""
    return {name.strip() for name in os.environ.get(HIDE, "").split(",") if name.strip()}


def missing(name: str) -> bool:
    """Is the part `name` missing (or hidden)?"""
    if name in hidden():
        return True
    return not {"voikko": _voikko_works, "hunspell": _dictionaries_there, "pango": _pango_there}[name]()


def install_command(name: str) -> str:
    """The apt-get command that installs the part's packages (from .ci/debian-packages.txt)."""
    packages = [fields[0] for fields in _package_lines() if fields[1] == name]
    return ("" if os.geteuid() == 0 else "sudo ") + "apt-get install " + " ".join(packages)


def voikko(locale: str = "fi"):
    """libvoikko's analyser and speller for `locale`; raises Missing when it is not there."""
    if "voikko" in hidden():
        raise Missing(f"Voikko is hidden ({HIDE}); install it with: {install_command('voikko')}")
    try:
        import libvoikko
    except ImportError:
        raise Missing("the Python binding of Voikko is not installed: run make setup (PyPI libvoikko)") from None
    try:
        return libvoikko.Voikko(locale)
    except (OSError, libvoikko.VoikkoException) as error:
        raise Missing(f"Voikko cannot start ({error}); install it with: {install_command('voikko')}") from None


def hunspell_dictionary(locale: str) -> Path:
    """The Hunspell dictionary of `locale` (`<locale>_FI` first); raises Missing without one."""
    found = sorted(HUNSPELL_DIR.glob(f"{locale}_*.dic"), key=lambda path: path.stem != f"{locale}_FI")
    if "hunspell" in hidden() or not found:
        why = f"hidden ({HIDE})" if found else f"not in {HUNSPELL_DIR}"
        raise Missing(f"the Hunspell dictionary for {locale!r} is {why}; install it with: {install_command('hunspell')}")
    return found[0]


def preview_lines(names: list[str]) -> list[str]:
    """One line per missing part: what the preview skips and the command that adds it."""
    return [f"Preview without {PARTS[name].title}: {PARTS[name].preview}. Add it with: {install_command(name)}" for name in names]


def _voikko_works() -> bool:
    try:
        voikko().terminate()
        return True
    except Missing:
        return False


def _dictionaries_there() -> bool:
    locales = [lang.locale for lang in site_languages.languages_in_file(PROJECT / "mkdocs.yml")]
    return all(any(HUNSPELL_DIR.glob(f"{locale}_*.dic")) for locale in locales if locale not in VOIKKO_LANGUAGES)


def _pango_there() -> bool:
    return all(ctypes.util.find_library(library) for library in PANGO_LIBRARIES)


def _package_lines() -> list[list[str]]:
    lines = PACKAGES.read_text("utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="system_parts", description=__doc__.splitlines()[0])
    args.add_argument("--preview", action="store_true", help="name what a preview skips; print the settings that skip it")
    preview = args.parse_args(argv).preview
    absent = [name for name in PARTS if missing(name)]
    for line in preview_lines(absent):
        print(line, file=sys.stderr)
    if preview:
        print("".join(f"export {key}={value}\n" for name in absent for key, value in PARTS[name].settings.items()), end="")
        return 0
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main())

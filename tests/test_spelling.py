"""The spell check finds typos in pages and card texts with their real lines, lets listed names pass,
reads only prose, writes nothing, and passes on the whole guide."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from guide.shared import site_languages
import sitebuild
from guide.translation import spelling
from guide.translation import spelling_sources
from guide.shared import system_parts
from sitebuild import PROJECT

FIXTURE = Path(__file__).parent / "data" / "spelling" / "project"


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(capsys, folder: Path, *args: str) -> tuple[int, list[str]]:
    """Run the check on `folder`, asserting it wrote nothing; the exit status and printed lines."""
    snapshot = sitebuild.snapshot if folder == PROJECT else tree_hashes
    before = snapshot(folder)
    status = spelling.main([str(folder), *args])
    assert snapshot(folder) == before, "the spell check changed a file"
    return status, capsys.readouterr().out.splitlines()


class Words:
    """A stand-in dictionary: knows the words it is given, suggests nothing."""

    def __init__(self, *known: str):
        self.known = set(known)

    def spell(self, word: str) -> bool:
        return word in self.known

    def suggest(self, word: str):
        return ()


def words_of(texts: list[spelling_sources.Text]) -> list[tuple[str, int, str]]:
    return [(text.locale, word.line, word.text) for text in texts for word in text.words()]


# ---- The fixture project, through the command line ----------------------------------------

def test_fixture_reports_each_typo_with_its_line_and_suggestions(capsys):
    """A typo in a card's folded value and one in a Swedish page: exact lines, sorted, a summary,
    exit 1; the misspelt words in front matter, a code span and a URL are not read."""
    status, lines = run(capsys, FIXTURE)
    assert status == 1
    assert lines == [
        "data/cards/kortti.yml:10: tarkkavaisesti (suggestions: tarkkaavaisesti, tarkkavatisesti, tarkkavoisesti)",
        "docs_sv/index.md:7: träfas (suggestions: trefas, frätas, trädas)",
        "Spelling FAILED: 2 unknown words (fi: 1, sv: 1) in 3 files (fi: Voikko, sv: Hunspell sv_FI). "
        "Fix the typos; add a name or term the dictionary lacks to data/spelling/<locale>.txt.",
    ]


def test_listed_name_passes_also_inflected(capsys):
    """"Innokylä ~ kylä" in fi.txt lets "Innokylässä" pass; without the list both names fail."""
    status, lines = run(capsys, FIXTURE, "--lang", "fi")
    assert not any("Innokyl" in line for line in lines)
    checker = spelling.Checker(spelling.dictionary("fi")[0], {})
    assert not checker.accepts("Innokylässä") and not checker.accepts("Innokylä")


def test_lang_option_limits_the_check(capsys):
    """--lang sv checks only the Swedish texts."""
    status, lines = run(capsys, FIXTURE, "--lang", "sv")
    assert status == 1 and lines[0].startswith("docs_sv/index.md:7: träfas") and len(lines) == 2


def test_missing_dictionary_says_what_to_install(capsys, monkeypatch, tmp_path):
    """Without the Swedish dictionary the check stops (exit 2) and names the Debian package."""
    monkeypatch.setattr(system_parts, "HUNSPELL_DIR", tmp_path)
    assert spelling.main([str(FIXTURE), "--lang", "sv"]) == 2
    assert capsys.readouterr().err == (
        f"Spelling not checked: Spelling of 'sv' needs Hunspell: the Hunspell dictionary for 'sv' is not in {tmp_path}; "
        f"install it with: {system_parts.install_command('hunspell')}.\n")
    assert system_parts.install_command("hunspell").endswith("apt-get install hunspell-sv")


def test_hidden_voikko_stops_the_check_naming_the_packages(capsys, monkeypatch):
    """With Voikko hidden (GUIDE_HIDE_SYSTEM, as on a machine without it) the check stops and names the command."""
    monkeypatch.setenv("GUIDE_HIDE_SYSTEM", "voikko")
    assert spelling.main([str(FIXTURE)]) == 2
    assert capsys.readouterr().err == (
        "Spelling not checked: Finnish needs Voikko: Voikko is hidden (GUIDE_HIDE_SYSTEM); "
        f"install it with: {system_parts.install_command('voikko')}.\n")


def test_bad_word_list_line_is_named(tmp_path):
    """A malformed word-list line is named with file and line and the expected form."""
    path = tmp_path / "fi.txt"
    path.write_text("# names\nKakspy\nKymsote like nalle\n", "utf-8")
    with pytest.raises(spelling.WordListError, match=r"fi\.txt:3: write one word, or `word ~ model`"):
        spelling.word_list(path)


# ---- What is read ---------------------------------------------------------------------------

PAGE = """---
title: Otsikkko
---
# Otsikko {#ankkuri .luokka}

!!! warning "Varoitus"
    Sisältöä&nbsp;tässä ja `koodia` sekä [linkki](../sivuu.md "Otsikkko") ja https://www.esimerkki.fi/poluu.
Sivusto www.ttl.fi, tiedosto .ics ja {count} kertaa: taide-, kulttuuri- ja -toimintamalli, 112:een.
*Being developed*{ lang=en } ja *moka on lahjja*{ lang=fi }.
"""


def test_page_prose_only_with_real_lines(tmp_path):
    """Front matter, attr_list, admonition keyword, entity, code, link target, URL, host name,
    extension and placeholder are not read; hyphens and colons stay in words; marked spans are
    texts of their own language."""
    page = tmp_path / "sivu.md"
    page.write_text(PAGE, "utf-8")
    assert words_of(spelling_sources.page_texts(page, "sv")) == [
        ("sv", 4, "Otsikko"),
        ("sv", 6, "Varoitus"),
        ("sv", 7, "Sisältöä"), ("sv", 7, "tässä"), ("sv", 7, "ja"), ("sv", 7, "sekä"), ("sv", 7, "linkki"),
        ("sv", 7, "ja"),
        ("sv", 8, "Sivusto"), ("sv", 8, "tiedosto"), ("sv", 8, "ja"), ("sv", 8, "kertaa"), ("sv", 8, "taide-"),
        ("sv", 8, "kulttuuri-"), ("sv", 8, "ja"), ("sv", 8, "-toimintamalli"), ("sv", 8, "112:een"),
        ("sv", 9, "ja"),
        ("en", 9, "Being"), ("en", 9, "developed"),
        ("fi", 9, "moka"), ("fi", 9, "on"), ("fi", 9, "lahjja"),
    ]


CARD = """id: kortti
fi:
  translated_from: "0123456789ab"
  title: Otsikko
  goal: >-
    Ensimmäinen rivi
    toinen rivi.
  questions:
    - "Lainattu \\"sana\\""
  booklet_file: vertaisryhma
  crisis_words: [itsemurh]
  minutes: 20
sv:
  title: Rubrik
"""


def test_data_values_of_one_language_with_their_lines(tmp_path):
    """Only the block's string values: not keys, stamps, file names, search stems or numbers;
    a word of a folded value is on its own line."""
    card = tmp_path / "kortti.yml"
    card.write_text(CARD, "utf-8")
    assert words_of(spelling_sources.data_texts(card, "fi")) == [
        ("fi", 4, "Otsikko"), ("fi", 6, "Ensimmäinen"), ("fi", 6, "rivi"), ("fi", 7, "toinen"), ("fi", 7, "rivi"),
        ("fi", 9, "Lainattu"), ("fi", 9, "sana"),
    ]
    assert words_of(spelling_sources.data_texts(card, "de")) == []


def test_invalid_yaml_is_named(tmp_path):
    """A data file that is not valid YAML is named with file and line."""
    card = tmp_path / "rikki.yml"
    card.write_text("fi:\n  title: [auki\n", "utf-8")
    with pytest.raises(spelling_sources.UnreadableFile, match=r"rikki\.yml:3: not valid YAML"):
        spelling_sources.data_texts(card, "fi")


# ---- How words pass -------------------------------------------------------------------------

@pytest.mark.parametrize("word, dotted, known", [
    ("esim", True, True),  # an abbreviation with its dot
    ("esim", False, False),
    ("PDF:n", False, True),  # the part before the colon is known
    ("PDF:kirjat", False, False),  # longer than an ending
    ("Vahvistin-malli", False, True),
    ("Vahvistin-maali", False, False),
    ("-malli", False, True),
    ("axe-core-työkalua", False, True),  # a listed name with a hyphen, then a word
    ("2026-03-10T17:00", False, True),  # numbers and codes
    ("Kymsoten", False, True),  # inflected like the model: "nallen" is known
    ("Kymsotella", False, False),  # "nallella" is not known here
    ("Kakspy", False, True),
    ("Kakspyn", False, False),  # no model: only as written
    ("Skripti", False, True),  # a lowercase entry at a sentence start
    ("SKRIPTI", False, False),
])
def test_checker_rules(word, dotted, known):
    """Dotted abbreviations, colon endings, hyphenated parts and listed names with a model pass; unknown words do not."""
    checker = spelling.Checker(
        Words("esim.", "PDF", "Vahvistin", "malli", "työkalua", "nalle", "nallen"),
        {"axe-core": None, "Kymsote": "nalle", "Kakspy": None, "skripti": None},
    )
    assert checker.known(spelling_sources.Word(Path("x.md"), 1, word, dotted)) is known


# ---- The project ----------------------------------------------------------------------------

def test_whole_guide_has_no_unknown_word(capsys):
    """Every page and data text of every language passes (typos fixed, names listed)."""
    status, lines = run(capsys, PROJECT)
    assert status == 0, "\n".join(lines)
    assert lines[-1].startswith("Spelling OK: every word of ")


@pytest.mark.parametrize("locale", [lang.locale for lang in site_languages.languages_in_file(PROJECT / "mkdocs.yml")])
def test_word_lists_hold_only_what_the_dictionary_lacks(locale):
    """Each entry is unknown to the dictionary (else it is not needed), each model is known."""
    dictionary, name = spelling.dictionary(locale)
    entries = spelling.word_list(PROJECT / spelling.WORD_LISTS / f"{locale}.txt")
    assert [entry for entry in entries if dictionary.spell(entry)] == [], f"{name} knows these already"
    assert [model for model in entries.values() if model and not dictionary.spell(model)] == []


def test_setup_installs_the_dictionaries():
    """The bindings are pinned, the Debian packages in the list .ci/run and make test install
    from and named in the README, and make translations runs the check after the translation status."""
    pins = (PROJECT / "requirements.txt").read_text("utf-8").splitlines()
    assert {"libvoikko==4.3", "chunspell==2.0.5"} <= set(pins)
    packages = [line.split()[0] for line in (PROJECT / ".ci" / "debian-packages.txt").read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    readme = (PROJECT / "README.md").read_text("utf-8")
    for package in ("libvoikko1", "voikko-fi", "hunspell-sv"):
        assert package in packages and package in readme
    recipe = (PROJECT / "Makefile").read_text("utf-8").split("\ntranslations:")[1].split("\n\n")[0]
    assert recipe.index("-m guide.translation.status") < recipe.index("-m guide.translation.spelling")

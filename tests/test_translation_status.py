"""`make translations` reports missing, orphan, different and outdated translations exactly."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.languages import parity as page_parity
import sitebuild
from guide.translation import stamps as translation_stamps
from guide.translation import status as translation_status
from sitebuild import PROJECT

FIXTURES = Path(__file__).parent / "data" / "translations"
SECTIONS_CLEAN = [
    "  Missing pages: none",
    "  Orphan pages: none",
    "  Missing card texts: none",
    "  Structure differences: none",
]


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(capsys, folder: Path, *args: str) -> tuple[int, list[str]]:
    """Run the check on `folder`, asserting it changed no file; the exit status and printed lines."""
    snapshot = sitebuild.snapshot if folder == PROJECT else tree_hashes
    before = snapshot(folder)
    status = translation_status.main([str(folder), *args])
    assert snapshot(folder) == before
    return status, capsys.readouterr().out.splitlines()


def test_complete_translation_passes(capsys):
    """A complete, stamped translation prints every section as none and exits 0."""
    status, lines = run(capsys, FIXTURES / "complete")
    assert status == 0
    assert lines == [
        "Svenska (sv) compared with Suomi (fi):",
        *SECTIONS_CLEAN,
        "  Outdated translations: none",
        "",
        "OK: every translation is complete and up to date.",
    ]


def test_missing_page_fails_naming_both_files(capsys):
    """A Finnish page with no Swedish twin fails with a message naming both paths and the fix."""
    status, lines = run(capsys, FIXTURES / "missing")
    assert status == 1
    assert lines[1:3] == [
        "  Missing pages (1):",
        '    - docs_sv/ohje.md is missing: translate docs/ohje.md into it, then stamp it '
        '(make translations ARGS="--stamp docs_sv/ohje.md").',
    ]
    assert lines[-1] == "FAILED: 1 to fix, 0 outdated. Fix the items above, then run make translations again."


def test_orphan_page_fails_naming_both_files(capsys):
    """A Swedish page with no Finnish source fails, naming the source it lacks."""
    status, lines = run(capsys, FIXTURES / "orphan")
    assert status == 1
    assert lines[2:4] == [
        "  Orphan pages (1):",
        "    - docs_sv/vanha.md has no Suomi (fi) source docs/vanha.md: delete it, "
        "or move it to the path of the page it translates.",
    ]


def test_outdated_translations_are_listed_but_pass(capsys, tmp_path):
    """Stale and missing stamps of pages and cards are listed, with the twins' structure, and exit 0;
    outside git, a line under each stale one says its changes cannot be shown."""
    status, lines = run(capsys, shutil.copytree(FIXTURES / "outdated", tmp_path / "outdated"))
    assert status == 0
    assert lines[1:5] == SECTIONS_CLEAN
    assert lines[5:12] == [
        "  Outdated translations (4):",
        "    - docs_sv/index.md has no translated_from stamp, so it may be older than docs/index.md: compare "
        'the two, update the translation, then stamp it (make translations ARGS="--stamp docs_sv/index.md").',
        '    - docs_sv/ohje.md was translated from an older docs/ohje.md (translated_from: "b8f407377ed4", '
        'now "329d4a1a0dc7"): update the translation, then stamp it (make translations ARGS="--stamp docs_sv/ohje.md").',
        '      Changes not shown: the version of docs/ohje.md stamped "b8f407377ed4" was not found: '
        "the file is not in a git repository.",
        "    - docs/ohje.md has 4 headings but docs_sv/ohje.md has 3: give the translation the same headings "
        "as its source, in the same order.",
        "    - data/cards/kortti.yml:16: sv: was translated from an older 'fi:' block (translated_from: "
        '"e7f61bfb3054", now "1d5731487a54"): update the \'sv:\' texts, then stamp them '
        '(make translations ARGS="--stamp data/cards/kortti.yml").',
        "      Changes not shown: the version of the 'fi:' block of data/cards/kortti.yml stamped \"e7f61bfb3054\" "
        "was not found: the file is not in a git repository.",
    ]
    assert lines[-1] == "OK: nothing is missing. 4 outdated (listed only; --strict fails on them): update them when you can."


def test_outdated_translations_fail_when_strict(capsys):
    """--strict turns outdated translations into a failure."""
    status, lines = run(capsys, FIXTURES / "outdated", "--strict")
    assert status == 1
    assert lines[-1] == ("FAILED: 0 to fix, 4 outdated (--strict fails on outdated ones). "
                         "Fix the items above, then run make translations again.")


def test_structure_mismatch_of_an_up_to_date_twin_fails(capsys):
    """A stamped twin with a heading too few or a link elsewhere fails, naming both files and the element."""
    status, lines = run(capsys, FIXTURES / "parity")
    assert status == 1
    assert lines[4:7] == [
        "  Structure differences (2):",
        "    - link 1 is 'ohje.md' in docs/index.md but 'index.md' in docs_sv/index.md: "
        "make the translation's link match its source.",
        "    - docs/ohje.md has 3 headings but docs_sv/ohje.md has 2: give the translation the same headings "
        "as its source, in the same order.",
    ]


def test_missing_or_empty_card_texts_fail(capsys):
    """An empty or missing text in a card's sv: block, or no sv: block, fails with the file, line and field."""
    status, lines = run(capsys, FIXTURES / "card-field")
    assert status == 1
    assert lines[3:7] == [
        "  Missing card texts (3):",
        "    - data/cards/kortti.yml:21: sv.phases.alku.title: missing or empty; translate fi.phases.alku.title.",
        "    - data/cards/kortti.yml:24: sv.questions[1]: missing or empty; translate fi.questions[1].",
        "    - data/cards/toinen.yml:7: fi: has no 'sv:' twin block; copy the 'fi:' block as 'sv:' "
        "and translate every text.",
    ]


def test_every_declared_language_is_checked(capsys):
    """A third language in mkdocs.yml is checked with no other change: its folder and card blocks."""
    status, lines = run(capsys, FIXTURES / "three-languages")
    assert status == 1
    assert "English (en) compared with Suomi (fi):" in lines
    assert ('    - docs_en/ohje.md is missing: translate docs/ohje.md into it, then stamp it '
            '(make translations ARGS="--stamp docs_en/ohje.md").') in lines
    assert ("    - data/cards/kortti.yml:7: fi: has no 'en:' twin block; copy the 'fi:' block as 'en:' "
            "and translate every text.") in lines


def test_lang_limits_the_report_to_one_language(capsys):
    """--lang sv reports Swedish only, so an incomplete English translation does not fail it."""
    status, lines = run(capsys, FIXTURES / "three-languages", "--lang", "sv")
    assert status == 0
    assert not any(line.startswith("English") for line in lines)


def test_stamping_brings_translations_up_to_date(capsys, tmp_path):
    """--stamp on a page and a card records the current source hashes; --strict then passes."""
    project = shutil.copytree(FIXTURES / "outdated", tmp_path / "outdated")
    page = project / "docs_sv" / "index.md"
    before = page.read_text("utf-8")
    status = translation_status.main([str(project), "--stamp", str(page), str(project / "data/cards/kortti.yml")])
    assert status == 0
    assert capsys.readouterr().out.splitlines()[0].startswith('stamped docs_sv/index.md: translated_from "')
    assert page.read_text("utf-8").split("---\n\n", 1)[1] == before
    (project / "docs_sv" / "ohje.md").write_text((project / "docs_sv" / "ohje.md").read_text("utf-8").replace(
        "Börja med en incheckningsrunda.", "Kom i tid.\n\n## Efter träffen\n\nBörja med en incheckningsrunda."), "utf-8")
    translation_status.main([str(project), "--stamp", str(project / "docs_sv" / "ohje.md")])
    assert translation_status.main([str(project), "--strict"]) == 0


def test_stamping_a_finnish_page_is_refused(capsys):
    """--stamp on a file that is not a translation changes nothing and explains what it takes."""
    folder = FIXTURES / "complete"
    before = tree_hashes(folder)
    assert translation_status.main([str(folder), "--stamp", str(folder / "docs" / "ohje.md")]) == 2
    assert tree_hashes(folder) == before
    assert capsys.readouterr().err.strip() == (
        "Not stamped: docs/ohje.md: not a translated page or a card; give a .md file in docs_sv/ "
        "or a card in data/cards/"
    )


def test_command_line_script_runs_as_make_does():
    """`PYTHONPATH=hooks python -m guide.translation.status ROOT` (the Makefile's command) runs and sets the exit status."""
    result = subprocess.run([sys.executable, "-m", "guide.translation.status", str(FIXTURES / "missing")],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")})
    assert result.returncode == 1
    assert "docs_sv/ohje.md is missing" in result.stdout


def test_real_project_has_no_missing_orphan_or_different_translation(capsys):
    """The guide itself: nothing missing, orphaned or structurally different (outdated may be listed)."""
    status, lines = run(capsys, PROJECT)
    assert status == 0, "\n".join(lines)
    assert lines[1:5] == SECTIONS_CLEAN


@pytest.mark.parametrize("page", sorted(p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*.md")))
def test_real_twins_have_the_same_structure(page):
    """Every Finnish page and its Swedish twin have the same headings, links, lists and admonitions."""
    project = translation_status.Project.at(PROJECT)
    source, translation = (lang.source_of(page) for lang in project.languages[:2])
    structures = [page_parity.structure(translation_stamps.without_front_matter(path.read_text("utf-8")), project.markdown)
                  for path in (source, translation)]
    assert structures[0], f"{page} has no headings, links, lists or admonitions: the check would be empty"
    assert page_parity.differences(*structures, str(source), str(translation)) == []

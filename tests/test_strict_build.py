"""A broken link, a page without its twin or a locale-like folder fails the build."""

from __future__ import annotations

import sitebuild


def build_copy(project, tmp_path):
    return sitebuild.build(project, tmp_path / "site", CARDS_PDF="0")


def test_broken_link_in_a_translation_fails(project_copy, tmp_path):
    """A Swedish page linking to a page that does not exist stops the strict build."""
    page = project_copy / "docs_sv" / "ohjaajalle.md"
    page.write_text(page.read_text("utf-8") + "\n[Saknas](finns-inte.md)\n", "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert "sv/ohjaajalle.md" in result.log and "finns-inte.md" in result.log


def test_page_without_swedish_twin_fails_naming_both_paths(project_copy, tmp_path):
    """A Finnish page with no Swedish twin is an error naming both files."""
    (project_copy / "docs_sv" / "ohjaajalle.md").unlink()
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert (
        "docs/ohjaajalle.md has no Svenska (sv) twin: create docs_sv/ohjaajalle.md "
        "with the translated page, or remove docs/ohjaajalle.md."
    ) in result.log


def test_swedish_page_without_finnish_source_fails(project_copy, tmp_path):
    """A Swedish page with no Finnish source is an error naming both files."""
    (project_copy / "docs_sv" / "extra.md").write_text("# Extra\n", "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert "docs_sv/extra.md has no Suomi (fi) twin: create docs/extra.md" in result.log


def test_two_letter_folder_in_docs_fails(project_copy, tmp_path):
    """A top-level two-letter folder, which static-i18n would silently drop, is an error."""
    for folder in ("docs/js", "docs_sv/js"):
        (project_copy / folder).mkdir()
        (project_copy / folder / "ohje.md").write_text("# Ohje\n", "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert "docs/js/ has a two-letter name" in result.log


def test_sources_are_untouched_by_a_build(built, sources_before_build):
    """The real build leaves docs/, docs_sv/ and data/ byte for byte as they were."""
    assert sitebuild.snapshot(sitebuild.PROJECT) == sources_before_build

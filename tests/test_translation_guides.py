"""Translators get editor support for cards and a guide in each language that matches the tool."""

from __future__ import annotations

import json
import re

import pytest

from guide.translation import status as translation_status
from sitebuild import PROJECT

GUIDES = ["translators/fi.md", "translators/sv.md"]


def test_vscode_maps_the_card_schema_to_the_cards():
    """.vscode/settings.json gives every data/cards/*.yml the card schema (completion and errors)."""
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas == {"./data/card.schema.json": ["data/cards/*.yml"]}
    assert (PROJECT / "data" / "card.schema.json").is_file()


def test_every_card_starts_with_the_schema_modeline():
    """Each card's first line points yaml-language-server at the same schema, for any editor."""
    for card in sorted((PROJECT / "data" / "cards").glob("*.yml")):
        first = card.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../card.schema.json", card.name


def test_schema_declares_the_stamp():
    """The schema knows translated_from (12 lowercase hex digits), so editors complete and check it."""
    schema = json.loads((PROJECT / "data" / "card.schema.json").read_text("utf-8"))
    stamp = schema["$defs"]["texts"]["properties"]["translated_from"]
    assert stamp["type"] == "string" and stamp["pattern"] == "^[0-9a-f]{12}$"


def test_readme_links_both_guides():
    """README.md's translators' section links the Finnish and the Swedish guide."""
    readme = (PROJECT / "README.md").read_text("utf-8")
    assert "## Translators / Kääntäjille / Översättare" in readme
    for guide in GUIDES:
        assert f"]({guide})" in readme
        assert (PROJECT / guide).is_file()


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_explains_the_commands_and_every_section(guide):
    """Each guide covers make serve, make translations, --stamp, --html, the change marks and every
    section the tool prints."""
    text = (PROJECT / guide).read_text("utf-8")
    for needle in ("make serve", "make translations", "--stamp", "--strict", "--html", "translated_from", "docs_sv/",
                   "sv:", "[-", "{+", "Changes not shown"):
        assert needle in text, f"{guide} does not mention {needle}"
    for heading in translation_status.SECTIONS.values():
        assert f"| {heading} |" in text, f"{guide} does not explain the section {heading!r}"


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_links_resolve(guide):
    """Every relative link in a guide points at a file in the repository."""
    path = PROJECT / guide
    prose = re.sub(r"`[^`]*`", "", path.read_text("utf-8"))  # examples in code are not links
    for target in re.findall(r"\]\(([^)#]+)\)", prose):
        if not re.match(r"[a-z]+:", target):
            assert (path.parent / target).exists(), f"{guide}: {target}"

"""`translated_from` stamps: how they are computed, read and written (one line, nothing else)."""

from __future__ import annotations

import hashlib
import shutil

import pytest
import yaml

from guide.cards import model as cards_model
from guide.translation import stamps
from sitebuild import PROJECT

CARD = """# yaml-language-server: $schema=../card.schema.json
id: kortti
fi:
  title: Kortti   # a comment stays
  questions: ["Yksi?", "Kaksi?"]
sv:
  title: Kort
  questions:
    - Ett?
    - Två?
"""


def test_page_without_front_matter_gets_one():
    """A page with no front matter gets one holding only the stamp; the page follows unchanged."""
    assert stamps.stamped_page("# Rubrik\n", "0123456789ab") == '---\ntranslated_from: "0123456789ab"\n---\n\n# Rubrik\n'


def test_existing_stamp_is_replaced_in_place():
    """Restamping replaces the stamp line and keeps the other front matter keys."""
    text = '---\ndescription: Om guiden\ntranslated_from: "aaaaaaaaaaaa"\n---\n# Om\n'
    assert stamps.stamped_page(text, "bbbbbbbbbbbb") == text.replace("aaaaaaaaaaaa", "bbbbbbbbbbbb")


def test_stamp_is_added_to_existing_front_matter():
    """A page whose front matter has no stamp gets one line at its top."""
    text = "---\ndescription: Om guiden\n---\n# Om\n"
    assert stamps.stamped_page(text, "cccccccccccc") == '---\ntranslated_from: "cccccccccccc"\ndescription: Om guiden\n---\n# Om\n'


def test_windows_line_endings_are_kept():
    """A CRLF page stays CRLF after stamping."""
    assert stamps.stamped_page("# Rubrik\r\n", "0123456789ab") == '---\r\ntranslated_from: "0123456789ab"\r\n---\r\n\r\n# Rubrik\r\n'


def test_all_digit_stamp_reads_as_written(tmp_path):
    """A stamp of digits only, typed without quotes, is read as text (not as an octal number)."""
    page = tmp_path / "sida.md"
    page.write_text("---\ntranslated_from: 012345670123\n---\n# Sida\n", "utf-8")
    assert stamps.page_stamp(page) == "012345670123"


def test_card_block_gets_one_line_and_keeps_its_layout():
    """Stamping a card inserts one line at the top of the sv: block; every other line stays as it was."""
    stamped = stamps.stamped_card(CARD, "sv", "0123456789ab")
    lines = CARD.splitlines()
    assert stamped.splitlines() == lines[:6] + ['  translated_from: "0123456789ab"'] + lines[6:]


def test_card_restamp_replaces_the_line():
    """Restamping a card replaces its stamp line only."""
    once = stamps.stamped_card(CARD, "sv", "0123456789ab")
    assert stamps.stamped_card(once, "sv", "ba9876543210") == once.replace("0123456789ab", "ba9876543210")


def test_card_without_the_block_is_refused():
    """A card with no block in that language cannot be stamped, and the error says why."""
    with pytest.raises(stamps.StampError, match="there is no 'en:' block to stamp; translate the card first"):
        stamps.stamped_card(CARD, "en", "0123456789ab")


def test_block_hash_ignores_layout_and_its_own_stamp():
    """The card hash depends on the texts only: not on YAML layout, comments or a stamp in the block."""
    flow = {"title": "Kortti", "questions": ["Yksi?", "Kaksi?"]}
    block = yaml.safe_load(CARD)["fi"]
    assert stamps.block_hash(block) == stamps.block_hash(flow) == stamps.block_hash({**flow, "translated_from": "x"})
    assert stamps.block_hash({**flow, "title": "Kortti!"}) != stamps.block_hash(flow)


def test_page_hash_is_the_sha256_prefix_of_the_bytes(tmp_path):
    """A page's stamp is the first 12 hex digits of the SHA-256 of its file's bytes."""
    page = tmp_path / "sivu.md"
    page.write_bytes(b"# Sivu\n")
    assert stamps.page_hash(page) == hashlib.sha256(b"# Sivu\n").hexdigest()[:12]


def test_a_translation_is_outdated_unless_its_stamp_is_the_current_hash(tmp_path):
    """No stamp or an old stamp is outdated; the current hash is not."""
    source, translation = tmp_path / "sivu.md", tmp_path / "sida.md"
    source.write_text("# Sivu\n", "utf-8")
    translation.write_text("# Sida\n", "utf-8")
    assert stamps.page_stamps(translation, source) == (None, stamps.page_hash(source))
    assert stamps.page_stamps(translation, source).outdated
    translation.write_text(stamps.stamped_page("# Sida\n", stamps.page_hash(source)), "utf-8")
    assert not stamps.page_stamps(translation, source).outdated
    source.write_text("# Sivu, uusi\n", "utf-8")
    assert stamps.page_stamps(translation, source).outdated


@pytest.fixture
def real_card(tmp_path):
    """A copy of a real card and the schema, to edit."""
    (tmp_path / "cards").mkdir()
    shutil.copy(PROJECT / "data" / "card.schema.json", tmp_path / "card.schema.json")
    return shutil.copy(PROJECT / "data" / "cards" / "raha.yml", tmp_path / "cards" / "raha.yml")


def test_schema_and_model_accept_a_stamp(real_card, tmp_path):
    """A stamped sv: block passes the card schema, and the model leaves the stamp out of the texts."""
    real_card.write_text(stamps.stamped_card(real_card.read_text("utf-8"), "sv", "0123456789ab"), "utf-8")
    card, problems = cards_model.load_card(real_card, ("fi", "sv"), tmp_path)
    assert problems == []
    assert not hasattr(card.texts["sv"], "translated_from")


def test_schema_rejects_a_malformed_stamp(real_card, tmp_path):
    """A stamp that is not 12 lowercase hex digits is a card problem naming the field."""
    real_card.write_text(stamps.stamped_card(real_card.read_text("utf-8"), "sv", "0123456789ab")
                         .replace("0123456789ab", "not-a-hash"), "utf-8")
    _, problems = cards_model.load_card(real_card, ("fi", "sv"), tmp_path)
    assert len(problems) == 1 and "sv.translated_from" in problems[0]

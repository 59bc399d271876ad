"""Word-level differences of Finnish pages and card blocks: what changed, where, and nothing else."""

from __future__ import annotations

from guide.translation.diff import Change, Segment, block_changes, headings, page_changes, twin_section, units, words

PAGE = """---
description: Vinkkejä ohjaajalle
---

# Ohjaajalle

Ryhmä kokoontuu kerran kuussa.
Tapaaminen kestää kaksi tuntia.

- Varaa tila.
- Keitä kahvit.
"""


def marked(segments: tuple[Segment, ...]) -> str:
    """Segments as text, changed ones in brackets."""
    return "".join(f"[{s.text}]" if s.changed else s.text for s in segments)


def test_only_the_changed_words_are_marked():
    """Unchanged words stay unmarked; marks hug the words, not the spaces around them."""
    old, new = words("Ryhmä kokoontuu kerran kuussa.", "Ryhmä kokoontuu kahdesti kuussa.")
    assert (marked(old), marked(new)) == ("Ryhmä kokoontuu [kerran] kuussa.", "Ryhmä kokoontuu [kahdesti] kuussa.")


def test_a_space_between_two_changes_makes_one_run():
    """Two changed words with one space between are one marked run, as a reader sees them."""
    old, new = words("Keitä kahvit aamulla.", "Laita teetä aamulla.")
    assert (marked(old), marked(new)) == ("[Keitä kahvit] aamulla.", "[Laita teetä] aamulla.")


def test_units_are_paragraphs_list_items_and_headings_with_their_lines():
    """A hard-wrapped paragraph is one unit; each list item and heading is one; lines count from 1."""
    assert [(unit.line, unit.text.split("\n")[0]) for unit in units(PAGE)] == [
        (1, "---"), (5, "# Ohjaajalle"), (7, "Ryhmä kokoontuu kerran kuussa."), (10, "- Varaa tila."), (11, "- Keitä kahvit."),
    ]


def test_changed_list_item_is_reported_at_its_line():
    """One changed list item is one change at its own line, not the whole list."""
    changes = page_changes(PAGE, PAGE.replace("Keitä kahvit.", "Keitä kahvit tai teetä."), "docs/x.md")
    assert [(c.where, c.kind, marked(c.new)) for c in changes] == [("docs/x.md:11", "changed", "- Keitä kahvit [tai teetä].")]


def test_wrapped_paragraph_gives_its_line_range():
    """A change in a paragraph of two lines names both lines."""
    changes = page_changes(PAGE, PAGE.replace("kaksi tuntia", "kolme tuntia"), "docs/x.md")
    assert [c.where for c in changes] == ["docs/x.md:7-8"]


def test_added_and_removed_paragraphs():
    """A new paragraph is added at its line; a deleted one is removed at the line that follows it now."""
    added = page_changes(PAGE, PAGE.replace("# Ohjaajalle\n", "# Ohjaajalle\n\nUusi kappale.\n"), "docs/x.md")
    assert added == [Change("docs/x.md:7", "added", (), (Segment("Uusi kappale.", True),))]
    removed = page_changes(PAGE, PAGE.replace("- Varaa tila.\n", ""), "docs/x.md")
    assert [(c.where, c.kind, marked(c.old), c.new) for c in removed] == [("docs/x.md:10", "removed", "[- Varaa tila.]", ())]


def test_a_change_is_placed_under_the_same_heading_of_the_twin():
    """The nth heading of the source is the nth of its translation: a change under it points there."""
    twin = headings("---\ntranslated_from: x\n---\n# Till ledaren\n\nText.\n\n## Andra\n")
    ours = headings(PAGE)
    assert twin_section(7, ours, twin, "docs_sv/x.md") == "docs_sv/x.md:4: under # Till ledaren"
    assert twin_section(2, ours, twin, "docs_sv/x.md") == "docs_sv/x.md:1: above the first heading"
    assert twin_section(7, ours, [], "docs_sv/x.md") is None, "a heading the twin lacks: no place to point at"


def test_card_fields_are_named_by_path_with_their_target():
    """Each changed text of a card block is named by its path; unchanged ones and the stamp are not."""
    old = {"title": "Raha", "phases": {"tauko": {"title": "Tauko"}}, "questions": ["Yksi?", "Kaksi?"]}
    new = {"title": "Raha", "phases": {"tauko": {"title": "Pieni tauko"}}, "questions": ["Yksi?", "Kolme?"],
           "translated_from": "0123456789ab"}
    changes = block_changes(old, new, lambda field, kind: f"{field} {kind}")
    assert [(c.where, c.kind, c.target) for c in changes] == [
        ("phases.tauko.title", "changed", "('phases', 'tauko', 'title') changed"),
        ("questions[1]", "changed", "('questions', 1) changed"),
    ]


def test_inserted_question_shifts_no_other_field():
    """A question inserted first is one added field; a later changed one points at its old twin."""
    old, new = {"questions": ["Yksi?", "Kaksi?"]}, {"questions": ["Nolla?", "Yksi?", "Kaksi!"]}
    changes = block_changes(old, new, lambda field, kind: str(field))
    assert [(c.where, c.kind, c.target) for c in changes] == [
        ("questions[0]", "added", "('questions', 0)"),
        ("questions[2]", "changed", "('questions', 1)"),
    ]


def test_removed_field_names_the_translation_to_delete():
    """A text gone from the Finnish block is a removed field, old text only."""
    changes = block_changes({"goal": "Tavoite", "title": "Raha"}, {"title": "Raha"}, lambda field, kind: kind)
    assert [(c.where, c.kind, c.target, marked(c.old), c.new) for c in changes] == [("goal", "removed", "removed", "[Tavoite]", ())]

"""What changed between two versions of a Finnish text, word by word, for translators.

- A page (Markdown): its units are paragraphs, and each list item, table row, heading and
  admonition line on its own, with their line numbers. Units are matched between the old and
  the new text; each unit that differs becomes a `Change` at the new file's lines. Its
  translation is looked for under the same heading: the translation has the same headings in
  the same order (`guide.languages.parity`), so the nth heading of the source is the nth of its twin.
- A card's language block (parsed YAML): each text that differs becomes a `Change` named by
  its field (`goal`, `phases.tauko.title`, `questions[1]`), list items matched like units (a
  question added in the middle is one added question, not every later one changed).

Within a change the old and the new text are `Segment`s, each marked as changed or not: a
word-level diff (words, spaces and punctuation are the tokens). Pure: no I/O, no MkDocs;
imports the stamp's key from `guide.translation.stamps` (a stamp is not a text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable

from guide.translation.stamps import KEY as STAMP_KEY

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
UNIT_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|\||!!!|\?\?\?)")
"""A line that starts a unit of its own even without a blank line before it."""
HEADING = re.compile(r"#{1,6}[ \t]")


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class Change:
    """One changed unit or field: where it is, how it changed, its old and new text, and
    (for cards) where its translation is, as `file:line: field: what to do`."""

    where: str
    kind: str
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    target: str | None = None


@dataclass(frozen=True)
class Unit:
    line: int
    text: str

    @property
    def last_line(self) -> int:
        return self.line + self.text.count("\n")


# ---- Words -------------------------------------------------------------------------------

def words(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """`old` and `new` as segments, the words that differ marked as changed."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    ops = _bridged(SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), a)
    return (_segments([(tag, a[i1:i2]) for tag, i1, i2, _, _ in ops]),
            _segments([(tag, b[j1:j2]) for tag, _, _, j1, j2 in ops]))


def _bridged(ops: list, tokens: list[str]) -> list:
    """Opcodes where a mere space between two changes counts as changed: one run, not two."""
    return [("replace", *op[1:]) if op[0] == "equal" and 0 < n < len(ops) - 1
            and "".join(tokens[op[1]:op[2]]).isspace() else op for n, op in enumerate(ops)]


def _segments(runs: list[tuple[str, list[str]]]) -> tuple[Segment, ...]:
    """Runs of tokens as segments, neighbours of the same kind joined."""
    merged: list[Segment] = []
    for tag, tokens in runs:
        for segment in _trimmed(Segment("".join(tokens), tag != "equal")):
            if merged and merged[-1].changed == segment.changed:
                merged[-1] = Segment(merged[-1].text + segment.text, segment.changed)
            else:
                merged.append(segment)
    return tuple(merged)


def _trimmed(segment: Segment) -> list[Segment]:
    """A changed segment with its outer spaces unchanged, so marks hug words: `a {+b+} c`."""
    if not segment.changed or segment.text.isspace():
        return [segment] if segment.text else []
    core = segment.text.strip()
    start = segment.text.index(core)
    parts = [Segment(segment.text[:start], False), Segment(core, True), Segment(segment.text[start + len(core):], False)]
    return [part for part in parts if part.text]


def _change(where: str, old: str | None, new: str | None, target: str | None = None) -> Change:
    before, after = words(old or "", new or "")
    return Change(where, _kind(old, new), before, after, target)


def _kind(old: str | None, new: str | None) -> str:
    return "added" if old is None else "removed" if new is None else "changed"


# ---- Pages -------------------------------------------------------------------------------

def units(text: str) -> list[Unit]:
    """The units of Markdown `text` (LF line endings), with the line each starts on."""
    found: list[Unit] = []
    start, lines = 0, []
    for number, line in enumerate(text.split("\n"), 1):
        if lines and (not line.strip() or UNIT_START.match(line)):
            found.append(Unit(start, "\n".join(lines)))
            lines = []
        if line.strip():
            start = start if lines else number
            lines.append(line)
    return found + ([Unit(start, "\n".join(lines))] if lines else [])


def page_changes(old_text: str, new_text: str, name: str,
                 target: Callable[[int], str | None] = lambda line: None) -> list[Change]:
    """The units of page `name` that differ between its old and new text, at the new lines;
    `target(line)` says where the translation of the text at that line is."""
    old, new = units(old_text), units(new_text)
    matcher = SequenceMatcher(None, [u.text for u in old], [u.text for u in new], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            changes += [_unit_change(name, [a], [b], b.line, target) for a, b in zip(old[i1:i2], new[j1:j2])]
        elif tag != "equal":
            at = new[j1].line if j1 < len(new) else new_text.count("\n") + 1
            changes.append(_unit_change(name, old[i1:i2], new[j1:j2], at, target))
    return changes


def _unit_change(name: str, old: list[Unit], new: list[Unit], at: int, target: Callable) -> Change:
    lines = f"{new[0].line}-{new[-1].last_line}" if new and new[-1].last_line > new[0].line else str(at)
    return _change(f"{name}:{lines}", _joined(old), _joined(new), target(at))


def headings(text: str) -> list[Unit]:
    """The headings of Markdown `text` (`## Title`), with their lines."""
    return [unit for unit in units(text) if HEADING.match(unit.text)]


def twin_section(line: int, ours: list[Unit], theirs: list[Unit], twin: str) -> str | None:
    """Where the text at `line` of a page with the headings `ours` is translated: under the
    same heading of its twin page `twin`, whose headings are `theirs` (None past its last one)."""
    count = sum(heading.line <= line for heading in ours)
    if count == 0:
        return f"{twin}:1: above the first heading"
    if count > len(theirs):
        return None
    heading = theirs[count - 1]
    return f"{twin}:{heading.line}: under {heading.text}"


def _joined(found: list[Unit]) -> str | None:
    return "\n".join(unit.text for unit in found) if found else None


# ---- Card blocks -------------------------------------------------------------------------

def field_name(field: tuple) -> str:
    """A card field as translators see it in messages: `phases.tauko.title`, `questions[2]`."""
    return "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in field).lstrip(".")


def block_changes(old, new, target: Callable[[tuple, str], str]) -> list[Change]:
    """The texts that differ between two versions of a card's language block. `target(field,
    kind)` says where the translation of a field is and what to do with it."""
    return [_change(field_name(field), a, b, target(twin, _kind(a, b))) for field, twin, a, b in _fields(old, new, (), ())]


def _fields(old, new, field: tuple, twin: tuple) -> list[tuple]:
    """(field in the new block, field in the old block, old text, new text) for each text that
    differs; a text is None where it is missing."""
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = _as(dict, old), _as(dict, new)
        keys = [key for key in [*new, *(key for key in old if key not in new)] if key != STAMP_KEY]
        return [found for key in keys for found in _fields(old.get(key), new.get(key), (*field, key), (*twin, key))]
    if isinstance(old, list) or isinstance(new, list):
        return _item_fields(_as(list, old), _as(list, new), field, twin)
    return [] if old == new else [(field, twin, _text(old), _text(new))]


def _item_fields(old: list, new: list, field: tuple, twin: tuple) -> list[tuple]:
    """The differing items of a list: matched first, so an added item shifts no other."""
    keys = [[json.dumps(item, sort_keys=True, default=str) for item in items] for items in (old, new)]
    found = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        for k in range(max(i2 - i1, j2 - j1) if tag != "equal" else 0):
            i, j = (i1 + k if i1 + k < i2 else None), (j1 + k if j1 + k < j2 else None)
            found += _fields(None if i is None else old[i], None if j is None else new[j],
                             (*field, i if j is None else j), (*twin, j if i is None else i))
    return found


def _as(kind: type, value):
    return value if isinstance(value, kind) else kind()


def _text(value) -> str | None:
    return None if value is None else str(value)

"""The Finnish changes under an outdated translation, as terminal lines or as one HTML page.

`SourceChanges` is what `guide.translation.status` found for one outdated translation: the stamped
Finnish version (from `guide.translation.history`) and the changes since (`guide.translation.diff`), or the
one-line reason why that version was not found.

- Terminal: each change as a heading (`docs/x.md:14 (changed)`, or a card field with the line
  of its translation) and a `was:` and a `now:` line, changed words between `[-…-]` in the old
  text and `{+…+}` in the new one, as `git diff --word-diff` marks them. On a terminal the
  marks are also coloured (unless NO_COLOR is set) and lines wrap to its width; piped into a
  file or a test, lines are plain and unwrapped.
- HTML: `overrides/translations/report.html` (Jinja, autoescaped: every text is escaped) gets
  the whole report; `write_html` writes it under `.cache/`, which is never published.

Pure apart from `write_html`; imports nothing from MkDocs.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import jinja2

from guide.translation.diff import Change, Segment

TEMPLATES = Path(__file__).resolve().parents[3] / "overrides" / "translations"
TEMPLATE = "report.html"
HTML_REPORT = Path(".cache") / "translations" / "report.html"
"""Where `--html` writes, under the project: git ignores .cache/, and the build never reads it."""

MARKS = {"was": ("[-", "-]"), "now": ("{+", "+}")}
COLOURS = {"was": "\033[31m", "now": "\033[32m"}
RESET = "\033[0m"
MARKED = {"was": re.compile(r"\[-.*?-\]", re.DOTALL), "now": re.compile(r"\{\+.*?\+\}", re.DOTALL)}
INDENT = "      "


@dataclass(frozen=True)
class SourceChanges:
    """The changes in a Finnish source since the version a translation was stamped from."""

    source: str
    stamp: str
    version: str | None = None
    changes: tuple[Change, ...] = ()
    missing: str | None = None

    @property
    def heading(self) -> str:
        """The one line above the changes, or instead of them when the version was not found."""
        if self.missing:
            return (f"Changes not shown: the version of {self.source} stamped \"{self.stamp}\" "
                    f"was not found: {self.missing}.")
        if not self.changes:
            return f"No text changed in {self.source} since the translated version ({self.version}), only layout."
        return f"Changes in {self.source} since the translated version ({self.version}):"


# ---- Terminal ----------------------------------------------------------------------------

def text_lines(found: SourceChanges, colour: bool = False, width: int | None = None) -> list[str]:
    """The lines printed under an outdated translation's message."""
    lines = [INDENT + found.heading]
    for change in found.changes:
        lines.append(f"{INDENT}{change.where} ({change.kind})" + (f": {change.target}" if change.target else ""))
        for side, segments in (("was", change.old), ("now", change.new)):
            if segments:
                lines += _side(side, segments, colour, width)
    return lines


def _side(side: str, segments: tuple[Segment, ...], colour: bool, width: int | None) -> list[str]:
    """One side of a change: `was:` or `now:` and the text, changed words marked."""
    start, end = MARKS[side]
    plain = "".join(f"{start}{s.text}{end}" if s.changed else s.text for s in segments)
    first, rest = f"{INDENT}  {side}: ", " " * (len(INDENT) + 7)
    lines = []
    for number, line in enumerate(plain.split("\n")):
        prefix = first if number == 0 else rest
        lines += (textwrap.wrap(line, width, initial_indent=prefix, subsequent_indent=rest, break_long_words=False,
                                break_on_hyphens=False) if width else []) or [prefix + line]
    text = "\n".join(lines)
    if colour:
        text = MARKED[side].sub(lambda match: f"{COLOURS[side]}{match.group(0)}{RESET}", text)
    return text.split("\n")


# ---- HTML --------------------------------------------------------------------------------

def html(context: dict) -> str:
    """The report as one HTML page: `context` holds the languages, their sections and the verdict."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template(TEMPLATE).render(context)


def write_html(root: Path, context: dict) -> Path:
    """Write the HTML report under `root`'s .cache/ folder; its path."""
    path = root / HTML_REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html(context), "utf-8")
    return path

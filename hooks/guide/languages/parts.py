"""Names in another language, marked as such in a page's text (`<span lang="fi">`), so that a
screen reader reading a Swedish page says "Kokemus voimavaraksi" the Finnish way (WCAG 3.1.2).

The names come from `data/site-labels.yml` (`names:`: names that the pages of the other
languages keep as they are, by the language they are in). Only text that a reader sees is changed: never
a tag or an attribute, nor the text of `<head>`, `<script>`, `<style>`, `<svg>` (a span is
invalid there), `<textarea>`, `<code>` and `<pre>`, nor anything already inside an element
whose `lang` is another language (the language switcher, a name marked in the Markdown).

The HTML is read by Python's `html.parser`, which reports where each text run starts; the
marks are put into the original text there, so everything else stays byte for byte. Pure
helpers: no MkDocs imports.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = {"head", "script", "style", "svg", "textarea", "code", "pre", "title", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def mark(html: str, names: dict[str, list[str]], locale: str) -> str:
    """`html`, a page in `locale`, with every whole-word occurrence of a name of another
    language wrapped in `<span lang="…">`."""
    names = {other: listed for other, listed in names.items() if other != locale}
    pattern = _pattern(names)
    if pattern is None:
        return html
    language_of = {name.casefold(): other for other, listed in names.items() for name in listed}
    runs = _TextRuns(locale)
    runs.feed(html)
    runs.close()
    pieces, done = [], 0
    for start, end in runs.runs:
        for match in pattern.finditer(html, start, end):
            other = language_of[match.group(0).casefold()]
            pieces += [html[done:match.start()], f'<span lang="{other}">{match.group(0)}</span>']
            done = match.end()
    return "".join(pieces) + html[done:]


def _pattern(names: dict[str, list[str]]) -> re.Pattern | None:
    listed = sorted({name for group in names.values() for name in group}, key=len, reverse=True)
    if not listed:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in listed) + r")(?![\w])")


class _TextRuns(HTMLParser):
    """The (start, end) offsets of the text runs a reader sees, outside skipped elements."""

    def __init__(self, locale: str):
        super().__init__(convert_charrefs=False)
        self._locale = locale
        self.runs: list[tuple[int, int]] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped: this element or one around it)
        self._line_starts = None

    def feed(self, data: str) -> None:
        starts, at = [0], data.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = data.find("\n", at + 1)
        self._line_starts = starts
        super().feed(data)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        other_language = any(name == "lang" and value != self._locale for name, value in attrs)
        skipped = (self._open[-1][1] if self._open else False) or tag in SKIPPED or other_language
        self._open.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for at in range(len(self._open) - 1, -1, -1):
            if self._open[at][0] == tag:
                del self._open[at:]
                return

    def handle_data(self, data):
        if self._open and self._open[-1][1]:
            return
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        self.runs.append((start, start + len(data)))

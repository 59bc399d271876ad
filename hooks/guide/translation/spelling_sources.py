"""The texts the spell check reads, one language at a time, as words with their real line numbers.

- Pages: every Markdown file in the language's folder (`docs/`, `docs_sv/` ...). Front matter,
  fenced code, code spans, URLs and host names, link targets, reference definitions, attr_list
  braces, admonition keywords (`!!! note`, the title in quotes is kept) and HTML entities are
  blanked out before the words are taken. Blanking replaces every character but a line break
  by a space, so offsets and line numbers stay those of the file.
- Data: every YAML file under `data/` (cards, card labels, crisis help, site labels ...). In
  each, the blocks whose top-level key is a site locale (`fi:`, `sv:`); every string value in
  them is text, except those of keys that are not prose (`NOT_PROSE`, and keys ending in
  `_file`). A value is read from the file's own characters, so a
  word in a folded multi-line value gets the line it is on; its inline Markdown is blanked as in
  pages. Keys are identifiers, not text.
- Another language inside a text, marked for readers and screen readers with attr_list's `lang`
  after an emphasis or a link (`*Being developed*{ lang=en }`, `[…](…){ lang=fi }`), is a text
  of that language: it is taken out of its host text and checked with its own language's
  dictionary (or not at all, when the site has no such language).

A word is a run of letters and digits, joined by `-`, `:`, `.`, `'` or `’` inside it
("Vahvistin-malli", "112:een", "ry:n", "t.ex"), with a hyphen in front after a space
("-toimintamalli") or at the end before a space or comma ("taide-, kulttuuri-"). A dot right
after a word is noted (abbreviations: "esim.", "t.ex."). Numbers are not words. Placeholders
that a script fills in (`{count}`) and file name extensions (`.ics`) are blanked too.

Pure: reads files, writes nothing; imports PyYAML and sibling helpers, nothing from MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from guide.translation import stamps as translation_stamps

STRING_TAG = "tag:yaml.org,2002:str"
NOT_PROSE = {translation_stamps.KEY, "crisis_words", "crisis_phrases"}
"""Keys of data files whose values are not prose: a stamp, search stems ("itsemurh"), what a
reader may type in distress (matched, never shown: "tappaa itteni", "orkar int"). So are
the values of keys that end in `_file` (file names without å, ä, ö: "vertaisryhma")."""

CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
BLANKED_INLINE = [
    CODE_SPAN,
    re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"),  # link targets ](…)
    re.compile(r"(?<=\])\[[^\]\n]*\]"),  # reference-style link labels ][…]
    re.compile(r"\b(?:https?|mailto|tel):[^\s)>\]]*"),  # URLs
    re.compile(r"\b(?:[a-z0-9-]+\.)+(?:fi|se|eu|com|org|net|info|io)\b(?:/[^\s)>\]]*)?"),  # host names
    re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}"),  # attr_list
    re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"),  # HTML entities
    re.compile(r"\{[A-Za-z_]\w*\}"),  # placeholders a script fills in: {count}
    re.compile(r"(?<![\w.])\.[A-Za-z0-9]{2,5}\b"),  # file name extensions: .ics, .pdf
]
"""Inline syntax that is not prose, in pages and in data texts."""

BLANKED_IN_PAGES = [
    re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"^[ \t]*(?:!!!|\?{3}\+?)[^\"\n]*", re.MULTILINE),  # admonition keyword and types
    re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:.*$", re.MULTILINE),  # reference definitions
]
"""Block syntax of pages that is not prose; inline syntax is blanked after (BLANKED_INLINE)."""

LANG_ATTRIBUTE = r"\{:?[^{}\n]*?\blang=[\"']?(?P<lang>[A-Za-z]{2,3})\b[^{}\n]*\}"
MARKED_LANGUAGE = [
    re.compile(r"(\*{1,2}|_{1,2})(?P<text>[^*_\n]+?)\1" + LANG_ATTRIBUTE),  # *text*{ lang=xx }
    re.compile(r"\[(?P<text>[^\]\n]+)\]\([^()\n]*\)" + LANG_ATTRIBUTE),  # [text](target){ lang=xx }
]
"""Spans of another language, marked with attr_list's `lang` (WCAG "language of parts")."""

WORD = re.compile(
    r"(?<![\w-])(?P<word>-?[^\W_]+(?:[-:.'’][^\W_]+)*(?:-(?=[\s,]|$))?)(?P<dot>\.)?",
    re.MULTILINE,
)
NUMBER = re.compile(r"[\d.,:-]+")


@dataclass(frozen=True)
class Word:
    path: Path
    line: int
    text: str
    dotted: bool
    """A dot follows the word in the text (it may be an abbreviation's dot)."""


@dataclass(frozen=True)
class Text:
    """A stretch of one file in one language, already blanked, and the line it starts on."""

    path: Path
    locale: str
    line: int
    source: str

    def words(self) -> Iterator[Word]:
        for match in WORD.finditer(self.source):
            word = match.group("word")
            if not NUMBER.fullmatch(word):
                line = self.line + self.source.count("\n", 0, match.start())
                yield Word(self.path, line, word, match.group("dot") is not None)


class UnreadableFile(Exception):
    """A data file that is not valid YAML, as `path:line: problem`."""


def blanked(text: str, patterns: list[re.Pattern]) -> str:
    """`text` with every match of `patterns` turned into spaces (line breaks kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda match: _spaces(match.group(0)), text)
    return text


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def in_languages(path: Path, locale: str, line: int, source: str) -> list[Text]:
    """`source` as a text of `locale`, less each span marked with a language; each such span as
    a text of its own language. Every text keeps the length of `source` (lines stay right)."""
    source = blanked(source, [CODE_SPAN])
    spans = [(match.start("text"), match.end("text"), match.group("lang").lower())
             for pattern in MARKED_LANGUAGE for match in pattern.finditer(source)]
    host, texts = source, []
    for start, end, lang in spans:
        host = host[:start] + _spaces(source[start:end]) + host[end:]
        texts.append(Text(path, lang, line, _spaces(source[:start]) + source[start:end] + _spaces(source[end:])))
    return [Text(path, text.locale, line, blanked(text.source, BLANKED_INLINE))
            for text in [Text(path, locale, line, host), *texts]]


def page_texts(path: Path, locale: str) -> list[Text]:
    """A Markdown page's prose (front matter and syntax blanked), by language."""
    source = path.read_text("utf-8")
    front = translation_stamps.FRONT_MATTER.match(source)
    if front:
        source = _spaces(front.group(0)) + source[front.end():]
    return in_languages(path, locale, 1, blanked(source, BLANKED_IN_PAGES))


def pages(docs_dir: Path) -> list[Path]:
    return sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []


def data_files(data_dir: Path) -> list[Path]:
    return sorted([*data_dir.rglob("*.yml"), *data_dir.rglob("*.yaml")]) if data_dir.is_dir() else []


def data_texts(path: Path, locale: str) -> list[Text]:
    """The string values in the `<locale>:` block of a YAML file (none when it has no such block), by language."""
    source = path.read_text("utf-8")
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise UnreadableFile(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML ({error.problem})") from None
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks = [value for key, value in root.value if key.value == locale]
    return [text for block in blocks for node in _strings(block) for text in _scalar_texts(path, locale, source, node)]


def _strings(node) -> Iterator[yaml.ScalarNode]:
    """Every string scalar below `node`, except the values of keys that are not prose."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == STRING_TAG:
            yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value not in NOT_PROSE and not key.value.endswith("_file"):
                yield from _strings(value)


def _scalar_texts(path: Path, locale: str, source: str, node: yaml.ScalarNode) -> list[Text]:
    """A value as written in the file; a double-quoted one with escapes as parsed, on its first line."""
    raw = source[node.start_mark.index:node.end_mark.index]
    if node.style == '"' and "\\" in raw:
        raw = node.value
    return in_languages(path, locale, node.start_mark.line + 1, raw)

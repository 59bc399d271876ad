"""`translated_from` stamps: which version of its source a translation was made from.

When a translator finishes a page or a card's language block, they record a stamp: the first
12 hex digits of a SHA-256 of the default-language (Finnish) source.

- A page (`docs_sv/x.md`): the hash of the bytes of `docs/x.md`, in the page's front matter
  (`translated_from: "1a2b3c4d5e6f"`).
- A card (`data/cards/x.yml`): the hash of its `fi:` block, parsed and dumped as canonical JSON
  (sorted keys, UTF-8), as the key `translated_from` in the `sv:` block. YAML comments and
  layout do not change that hash; any change of a text does.

A translation is outdated when its stamp differs from the current hash, or when it has none.
The stamp is kept in the files, so this works on a shallow clone, in CI and without git.
Stamping rewrites or inserts one line and leaves the rest of the file byte for byte.

Pure helpers used by `guide.translation.status`, `guide.cards.model` and the `translation_notice` hook; imports nothing
from MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import NamedTuple

import yaml

KEY = "translated_from"
LENGTH = 12
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, matched as MkDocs matches it (mkdocs.utils.meta.YAML_RE)."""
STAMP_LINE = re.compile(rf"^{KEY}[ \t]*:.*$", re.MULTILINE)


class Stamps(NamedTuple):
    """A translation's stamp as written (None when it has none) and the stamp its source gives now."""

    written: str | None
    current: str

    @property
    def outdated(self) -> bool:
        return self.written != self.current


def page_stamps(translation: Path, source: Path) -> Stamps:
    """The stamps of a translated page and of the page it translates."""
    return Stamps(page_stamp(translation), page_hash(source))


def card_stamps(card: dict, default: str, locale: str) -> Stamps:
    """The stamps of a card's `<locale>:` block and of its `<default>:` block."""
    return Stamps(card[locale].get(KEY), block_hash(card[default]))


class StampError(Exception):
    """A file that cannot be stamped, with what to do about it."""


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:LENGTH]


def page_hash(source: Path) -> str:
    """The stamp a translation of the page `source` gets: a hash of its bytes."""
    return short_hash(source.read_bytes())


def block_hash(block: dict) -> str:
    """The stamp a translation of a card's language block gets: a hash of its texts as canonical JSON."""
    texts = {key: value for key, value in block.items() if key != KEY}
    return short_hash(json.dumps(texts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


def page_stamp(page: Path) -> str | None:
    """The `translated_from` of a page's front matter, read as written (never as a number)."""
    match = FRONT_MATTER.match(_lf(page.read_bytes().decode("utf-8")))
    meta = yaml.load(match.group(1), Loader=yaml.BaseLoader) if match else None
    value = meta.get(KEY) if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def without_front_matter(text: str) -> str:
    """A page's Markdown as MkDocs renders it, without its front matter."""
    text = _lf(text)
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def stamped_page(text: str, stamp: str) -> str:
    """`text` with `translated_from` set in its front matter (added when there is none)."""
    lf, line = _lf(text), f'{KEY}: "{stamp}"'
    match = FRONT_MATTER.match(lf)
    if not match:
        result = f"---\n{line}\n---\n\n{lf}"
    elif STAMP_LINE.search(match.group(1)):
        result = lf[:match.start(1)] + STAMP_LINE.sub(line, match.group(1), count=1) + lf[match.end(1):]
    else:
        result = lf[:match.start(1)] + f"{line}\n" + lf[match.start(1):]
    return _like(text, result)


def stamped_card(text: str, locale: str, stamp: str) -> str:
    """Card YAML `text` with `translated_from` set in its `<locale>:` block; one line changes."""
    lf = _lf(text)
    key, block = _block_nodes(yaml.compose(lf, Loader=yaml.SafeLoader), locale)
    lines = lf.split("\n")
    existing = next((k for k, v in block.value if k.value == KEY), None)
    if existing is not None:
        lines[existing.start_mark.line] = " " * existing.start_mark.column + f'{KEY}: "{stamp}"'
    else:
        indent = " " * block.value[0][0].start_mark.column
        lines.insert(key.start_mark.line + 1, f'{indent}{KEY}: "{stamp}"')
    result = "\n".join(lines)
    if (yaml.safe_load(result) or {}).get(locale, {}).get(KEY) != stamp:
        raise StampError(f"could not stamp the '{locale}:' block; add the line {KEY}: \"{stamp}\" to it by hand")
    return _like(text, result)


def _block_nodes(root, locale: str):
    """The key and value nodes of a card's `<locale>:` block, which must be a block mapping."""
    pair = next((p for p in root.value if p[0].value == locale), None) if isinstance(root, yaml.MappingNode) else None
    if pair is None:
        raise StampError(f"there is no '{locale}:' block to stamp; translate the card first")
    key, block = pair
    if not isinstance(block, yaml.MappingNode) or block.flow_style or not block.value:
        raise StampError(f"the '{locale}:' block must be an indented mapping of texts to be stamped")
    if any(k.value == KEY and k.start_mark.line != v.end_mark.line for k, v in block.value):
        raise StampError(f"'{locale}.{KEY}' must fit on one line; write it as {KEY}: \"<12 hex digits>\"")
    return key, block


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _like(original: str, text: str) -> str:
    """`text` with the line endings of `original`."""
    return text.replace("\n", "\r\n") if "\r\n" in original else text

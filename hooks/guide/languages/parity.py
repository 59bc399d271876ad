"""Structural parity of a page and its translation: the same headings, links, lists and admonitions.

A translation rewords everything, but a reader of either language must find the same sections,
links, lists and boxes, in the same order. Both pages are rendered with python-markdown and the
`markdown_extensions` of mkdocs.yml (as MkDocs renders them), and those elements are read from
the HTML in document order. Counted per kind; when the counts agree, each element is compared
with its twin: heading level, link target (without `#anchor`, which follows the translated
heading), numbered or bulleted list, admonition type.

Pure helpers used by `guide.translation.status`; imports nothing from MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]
"""Extensions MkDocs always adds to the ones listed in mkdocs.yml."""

KINDS = {"heading": "headings", "link": "links", "list": "lists", "admonition": "admonitions"}
"""The compared elements, with their plural for messages."""


@dataclass(frozen=True)
class Element:
    kind: str
    detail: str
    """What must match its twin: `h2`, a link target, `numbered`/`bulleted`, an admonition type."""


def markdown_options(raw_config: dict) -> tuple[list[str], dict]:
    """Extension names and their options from mkdocs.yml's `markdown_extensions`, as MkDocs loads them."""
    names, options = list(MKDOCS_BUILTIN_EXTENSIONS), {}
    for entry in raw_config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names += [] if name in names else [name]
        options.update({name: settings} if settings else {})
    return names, options


def structure(text: str, extensions: tuple[list[str], dict]) -> list[Element]:
    """The compared elements of a Markdown page (without front matter), in document order."""
    names, options = extensions
    parser = _Elements()
    parser.feed(markdown.markdown(text, extensions=names, extension_configs=options))
    return parser.found


def differences(source: list[Element], translation: list[Element], source_name: str, translation_name: str) -> list[str]:
    """One message per kind of element whose count or sequence differs between the twins."""
    found = []
    for kind, plural in KINDS.items():
        ours = [element.detail for element in source if element.kind == kind]
        theirs = [element.detail for element in translation if element.kind == kind]
        if len(ours) != len(theirs):
            found.append(f"{source_name} has {len(ours)} {plural} but {translation_name} has {len(theirs)}: "
                         f"give the translation the same {plural} as its source, in the same order.")
        elif ours != theirs:
            number, here, there = next((i, a, b) for i, (a, b) in enumerate(zip(ours, theirs), 1) if a != b)
            found.append(f"{kind} {number} is {here} in {source_name} but {there} in {translation_name}: "
                         f"make the translation's {kind} match its source.")
    return found


class _Elements(HTMLParser):
    """Collects the compared elements from rendered HTML."""

    def __init__(self):
        super().__init__()
        self.found: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if re.fullmatch(r"h[1-6]", tag):
            self.found.append(Element("heading", tag))
        elif tag == "a" and "headerlink" not in classes:
            self.found.append(Element("link", _target(attributes.get("href") or "")))
        elif tag in ("ul", "ol"):
            self.found.append(Element("list", "numbered" if tag == "ol" else "bulleted"))
        elif tag == "div" and "admonition" in classes:
            self.found.append(Element("admonition", " ".join(c for c in classes if c != "admonition") or "plain"))


def _target(href: str) -> str:
    """A link's target without its anchor, which follows the translated heading text."""
    page = href.split("#", 1)[0]
    return repr(page) if page else "an anchor on the same page"

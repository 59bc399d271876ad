"""Find what in a page's HTML could run code or pull in content from elsewhere.

Pages are written by translators and editors in Markdown, which passes raw HTML through, and
card texts may carry inline Markdown links. Whatever reaches the page must be text, links and
harmless markup: no `<script>` or `<style>` element, no event-handler attribute (`on…=`), no
`javascript:`, `data:` or `vbscript:` address, no embedded or page-level element (`iframe`,
`object`, `embed`, `form`, `base`, `meta`, …). Each finding carries the text to look for in the
source (to give a line number) and what to do instead.

The HTML is read by Python's own `html.parser` (the parser behind the tests' BeautifulSoup),
never by regular expressions. Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

SCRIPT = "scripts cannot be part of the content: remove it; the site's features come from the theme (overrides/)"
STYLE = "styles cannot be part of the content: remove it; the guide's styles are in overrides/assets/stylesheets/guide.css"
EMBED = "embedded content is not allowed: remove it and link to the page instead, e.g. [text](https://…)"
FORM = "forms are not allowed in content: remove it and link to the service instead"
PAGE_LEVEL = "page-level HTML does not belong in content: remove it; use front matter (title, description) instead"

FORBIDDEN_ELEMENTS = {
    "script": SCRIPT, "noscript": SCRIPT, "style": STYLE,
    "iframe": EMBED, "frame": EMBED, "frameset": EMBED, "object": EMBED, "embed": EMBED,
    "applet": EMBED, "portal": EMBED, "form": FORM,
    "base": PAGE_LEVEL, "link": PAGE_LEVEL, "meta": PAGE_LEVEL,
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite", "xlink:href"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


@dataclass(frozen=True)
class Finding:
    needle: str
    """Text to look for in the source, to find the line."""
    message: str


def findings(html: str) -> list[Finding]:
    """Everything in `html` that could run code or embed content, in document order."""
    parser = _Inspector()
    parser.feed(html)
    parser.close()
    return parser.found


def unsafe_scheme(url: str) -> str | None:
    """The scheme of a script or data address (as browsers read it: case and spaces ignored)."""
    compact = "".join(char for char in url if char > " ").lower()
    return next((scheme for scheme in UNSAFE_SCHEMES if compact.startswith(scheme)), None)


def line_of(source: str, needle: str) -> int | None:
    """The first line (1-based) of `source` that contains `needle`, ignoring case."""
    wanted = needle.lower()
    return next((number for number, line in enumerate(source.splitlines(), 1) if wanted in line.lower()), None)


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(Finding(f"<{tag}", f"a <{tag}> element: {FORBIDDEN_ELEMENTS[tag]}"))
        for name, value in attrs:
            self.found += _attribute_findings(name, value or "")

    handle_startendtag = handle_starttag


def _attribute_findings(name: str, value: str) -> list[Finding]:
    if name.startswith("on"):
        return [Finding(f"{name}", f"an event-handler attribute ({name}=…) runs a script: remove the attribute")]
    if name == "style":
        return [Finding("style", f"a style attribute: {STYLE}")]
    scheme = unsafe_scheme(value) if name in URL_ATTRIBUTES else None
    if scheme:
        return [Finding(value.strip(), f"a {scheme} address in {name}=: links and images may only point to pages, "
                                       "files or https:, mailto: and tel: addresses; remove it")]
    return []

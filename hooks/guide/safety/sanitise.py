"""An allowlist check of a page's HTML, read as browsers read it.

Pages are written by translators and editors in Markdown, which passes raw HTML through, and
card texts may carry inline Markdown links. What reaches a page may only be text and the
markup listed here (`ELEMENTS`, `ATTRIBUTES`): no script, style, embedded or page-level
element, no SVG or MathML, no comment, no attribute outside the list, and addresses only
relative ones or `https:`, `http:`, `mailto:` and `tel:` (images only from the site itself).
Anything else is a finding: the text to look for in the source (to give a line number) and
what to write instead.

The HTML is parsed by `tinyhtml5` (html5lib's fork kept by WeasyPrint's authors, already a
dependency of WeasyPrint), which follows the WHATWG parsing algorithm as browsers do, so
comments (`<!-->`), CDATA, raw-text elements (`noembed`, `xmp`, …) and a tag left open at the
end are read the way a reader's browser reads them. Python's own `html.parser` is not used:
the project's Python (3.11.7) predates its 2025 fixes for exactly those cases.
Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tinyhtml5.parser import HTMLParser

HTML_NAMESPACE = "{http://www.w3.org/1999/xhtml}"

TEXT = ("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr")
BLOCKS = ("blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
          "h6", "hr", "img", "li", "ol", "p", "pre", "summary", "ul",
          "caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr")
ELEMENTS = frozenset(TEXT + BLOCKS)
"""What Markdown, its extensions (admonition, tables, attribute lists) and the card templates write."""
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "title", "dir", "translate", "aria-label", "aria-hidden",
                               "aria-describedby", "aria-labelledby", "role"})
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "time": {"datetime"}, "data": {"value"}, "del": {"datetime", "cite"}, "ins": {"datetime", "cite"},
    "details": {"open"}, "q": {"cite"}, "blockquote": {"cite"},
}
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = frozenset({"svg", "g", "rect", "line", "text", "tspan", "title", "desc"})
"""Inline SVG as the card templates draw the phase timeline: shapes and text, no links,
animation, `use`, `foreignObject` or scripts."""
SVG_ATTRIBUTES = frozenset({"class", "id", "role", "aria-hidden", "aria-label", "aria-labelledby", "focusable",
                            "viewbox", "xmlns", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "rx", "ry",
                            "font-size", "text-anchor", "dominant-baseline", "lang"})
URL_ATTRIBUTES = {"href", "src", "cite"}
LINK_SCHEMES = ("https", "http", "mailto", "tel")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_:.-]*", re.IGNORECASE)
"""Ids a page may give; none of the theme's own (`__config`, `__md-…`) that its scripts look up."""

SCRIPT = "scripts cannot be part of the content: remove it; the site's features come from the theme (overrides/)"
STYLE = "styles cannot be part of the content: remove it; the guide's styles are in overrides/assets/stylesheets/guide.css"
EMBED = "embedded content is not allowed: remove it and link to the page instead, e.g. [text](https://…)"
FORM = "forms are not allowed in content: remove it and link to the service instead"
PAGE_LEVEL = "page-level HTML does not belong in content: remove it; use front matter (title, description) instead"
GRAPHICS = ("inline SVG (beyond shapes and text) and MathML are not allowed: use a picture file (.png, .jpg, .webp) "
            "with ![description](file.png)")
OTHER = ("is not among the markup the guide allows: write Markdown instead; raw HTML may only be text markup "
         "such as <span lang=\"…\">, <abbr title=\"…\"> and <br>")
SPECIAL_ELEMENTS = {
    "script": SCRIPT, "noscript": SCRIPT, "template": SCRIPT, "style": STYLE,
    "iframe": EMBED, "frame": EMBED, "frameset": EMBED, "object": EMBED, "embed": EMBED, "applet": EMBED,
    "portal": EMBED, "audio": EMBED, "video": EMBED, "source": EMBED, "track": EMBED, "picture": EMBED,
    "form": FORM, "input": FORM, "button": FORM, "select": FORM, "textarea": FORM, "option": FORM,
    "base": PAGE_LEVEL, "link": PAGE_LEVEL, "meta": PAGE_LEVEL, "title": PAGE_LEVEL, "head": PAGE_LEVEL, "body": PAGE_LEVEL,
}
COMMENT = ("markup that browsers read as a comment (<!-- -->, <![CDATA[, <? or </ without a name): remove it; "
           "notes for translators belong in translators/, not in the page")
UNFINISHED = "a tag, comment or attribute left open at the end of the content: close it with > (or write < as &lt;)"


@dataclass(frozen=True)
class Finding:
    needle: str
    """Text to look for in the source, to find the line."""
    message: str


def findings(fragment: str) -> list[Finding]:
    """Everything in an HTML fragment outside the allowlist, in document order."""
    parser = HTMLParser()
    tree = parser.parse_fragment(fragment)
    found = []
    for element in tree.iter():
        if element is tree:
            continue
        if not isinstance(element.tag, str):
            text = (element.text or "").strip()
            found.append(Finding(text[:20] if text else "<!", f"a comment: {COMMENT}"))
        else:
            found += _element_findings(element)
    if any(code.startswith("eof-in-") for _, code, _ in parser.errors):
        found.append(Finding(_last_tag(fragment), UNFINISHED))
    return found


def first_heading_text(fragment: str) -> str | None:
    """The text of the fragment's first `<h1>`, as a reader sees it (spaces collapsed), if any."""
    heading = HTMLParser().parse_fragment(fragment).find(f".//{HTML_NAMESPACE}h1")
    return " ".join("".join(heading.itertext()).split()) if heading is not None else None


def link_scheme(url: str) -> str | None:
    """The scheme of an address as browsers read it (outer spaces, tabs and newlines ignored;
    character references already decoded by the parser), or None for a relative address."""
    compact = re.sub(r"[\t\n\r]", "", url.strip("\x00 \t\n\r\f\x0b")).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", compact)
    return match.group(1) if match else None


def line_of(source: str, needle: str) -> int | None:
    """The first line (1-based) of `source` that holds `needle`, ignoring case; else the first
    where it appears once character references are decoded and spaces dropped, on that line
    alone or continued on the next (as a browser reads an address)."""
    lines = source.splitlines()
    wanted = needle.lower()
    exact = next((number for number, line in enumerate(lines, 1) if wanted in line.lower()), None)
    if exact or not wanted.strip():
        return exact
    compact = _compact(wanted)
    squeezed = [_compact(line) for line in lines] + [""]
    alone = next((number for number, line in enumerate(squeezed[:-1], 1) if compact in line), None)
    return alone or next((number for number, line in enumerate(squeezed[:-1], 1) if compact in line + squeezed[number]), None)


def _compact(text: str) -> str:
    return "".join(char for char in html.unescape(html.unescape(text)).lower() if char > " ")


def _element_findings(element) -> list[Finding]:
    namespace, _, name = element.tag.rpartition("}")
    if f"{namespace}}}" == SVG_NAMESPACE:
        return _svg_findings(element, name)
    if f"{namespace}}}" != HTML_NAMESPACE:
        return [Finding(f"<{name}", f"a <{name}> element: {GRAPHICS}")]
    if name not in ELEMENTS:
        return [Finding(f"<{name}", f"a <{name}> element: {SPECIAL_ELEMENTS.get(name) or OTHER}")]
    found = []
    for attribute, value in element.attrib.items():
        found += _attribute_findings(name, _local_name(attribute), value or "")
    return found


def _svg_findings(element, name: str) -> list[Finding]:
    if name not in SVG_ELEMENTS:
        return [Finding(f"<{name}", f"a <{name}> element: {GRAPHICS}")]
    return [Finding(attribute, f"the attribute {attribute}= on an SVG <{name}> is not allowed: {GRAPHICS}")
            for attribute in (_local_name(key) for key in element.attrib) if attribute.lower() not in SVG_ATTRIBUTES]


def _local_name(attribute) -> str:
    """An attribute's name without its namespace (`{http://www.w3.org/1999/xlink}href` is `href`)."""
    return (attribute if isinstance(attribute, str) else attribute[1]).rpartition("}")[2]


def _attribute_findings(tag: str, name: str, value: str) -> list[Finding]:
    name = name.lower()
    if name.startswith("on"):
        return [Finding(name, f"an event-handler attribute ({name}=…) runs a script: remove the attribute")]
    if name == "style":
        return [Finding("style", f"a style attribute: {STYLE}")]
    if name not in GLOBAL_ATTRIBUTES and name not in ATTRIBUTES.get(tag, ()):
        allowed = ", ".join(sorted(ATTRIBUTES.get(tag, set()) | {"id", "class", "lang", "title"}))
        return [Finding(name, f"the attribute {name}= on <{tag}> is not allowed: remove it (allowed on <{tag}>: {allowed})")]
    if name == "id" and not ID_PATTERN.fullmatch(value):
        return [Finding(value, f"the id '{value}' is not allowed: ids start with a letter or digit and hold only "
                               "letters, digits and - _ : . (the theme's own ids start with _)")]
    if name in URL_ATTRIBUTES:
        return _address_findings(tag, name, value)
    return []


def _address_findings(tag: str, name: str, value: str) -> list[Finding]:
    scheme = link_scheme(value)
    if scheme and scheme not in LINK_SCHEMES:
        return [Finding(value.strip(), f"a {scheme}: address in {name}=: links and images may only point to pages, "
                                       "files or https:, mailto: and tel: addresses; remove it")]
    if tag == "img" and (scheme or value.strip().startswith(("//", "\\\\"))):
        return [Finding(value.strip(), f"a picture from another site in {name}=: the guide loads nothing from other hosts; "
                                       "save the picture in docs/ (a .png, .jpg or .webp file) and link it relatively")]
    return []


def _last_tag(fragment: str) -> str:
    """The last markup opening in the fragment: where something was left open."""
    start = max(fragment.rfind("<"), 0)
    return fragment[start:].splitlines()[0][:200] if fragment[start:] else ""

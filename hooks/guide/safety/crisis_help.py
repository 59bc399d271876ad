"""Crisis help for the reader: load and check `data/crisis-help.yml`, and place the rendered
help box (or its compact line) in a page's HTML.

`data/crisis-help.yml` is the one place where the crisis numbers and their texts live, one block
per language, with the lists of pages that show the full box and the compact line, the safety
page and the participants' page (where the participant sheets' QR codes lead). It is checked when loaded: every
problem is reported at once, as `file:line: key.path: what to do` (`guide.shared.data_files`), so a missing
language or a mistyped number stops the build with a message a translator can act on.

Pure helpers: no MkDocs imports. Used by hooks/crisis_help.py (pages, 404), hooks/cards.py (the
PDFs) and the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

import jinja2

from guide.shared.messages import Where
from guide.shared.data_files import Problems, is_text, missing_block, missing_texts, parsed, unknown_top_keys

PARTIAL = "partials/crisis-help.html"
TEXT_KEYS = ("heading", "intro", "not_crisis_help", "safety_link", "line_link", "sheet_heading", "sheet_page")
LINE_KEYS = ("name", "number", "tel", "text")
LINE_LINK_KEYS = ("link_text", "link_url")
LINE_OPTIONAL_KEYS = ("short_name", *LINE_LINK_KEYS)
SITE_KEYS = ("pages", "line_pages", "safety_page", "participant_page")
TEL = re.compile(r"\+?[0-9]+")
COUNTRY_CODE_DIGITS = (1, 2, 3)

HEADING_END = re.compile(r"</h1>(?:\s*<p class=\"card-meta\">.*?</p>)?", re.S)
"""Where the box goes: after the page's h1, and after the card meta line that follows it on a card page."""
LEAD_END = re.compile(r"</h1>\s*<p>.*?</p>", re.S)
"""Where the front page's line goes: after its heading and the paragraph that says what the guide is for."""


@dataclass(frozen=True)
class CrisisHelp:
    pages: tuple[str, ...]
    """Pages that show the full box, relative to each language's root."""
    line_pages: tuple[str, ...]
    """Pages that show the compact line (card pages show it too)."""
    safety_page: str
    participant_page: str
    """The page for participants, where the participant sheets' QR codes lead."""
    texts: dict[str, dict]
    """Per locale: heading, intro, lines (name, short_name, number, tel, text, link_text, link_url),
    not_crisis_help, safety_link, line_link, sheet_heading, sheet_page."""


def data_path(root: Path) -> Path:
    return root / "data" / "crisis-help.yml"


def load(path: Path, locales: list[str], root: Path) -> CrisisHelp:
    """The crisis help of every language; raises Problems listing everything to fix."""
    return _checked(path.read_text("utf-8"), path, root, tuple(locales))


def context(help_: CrisisHelp, locale: str, safety_url: str | None, heading_id: str = "crisis-help-title", level: int = 2,
            compact: bool = False) -> dict:
    """What the partial needs to render one box (or, `compact`, its one-paragraph line):
    `crisis_help` in its template context."""
    return {"text": help_.texts[locale], "locale": locale, "safety_url": safety_url, "id": heading_id, "level": level,
            "compact": compact}


def render(template_dirs: list[str], box: dict) -> str:
    """The box as HTML, from the partial found in the theme's template folders."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template(PARTIAL).render(crisis_help=box)


def insert_after_heading(html: str, box: str, after_lead: bool = False) -> str | None:
    """`html` with `box` after its h1 (and a card's meta line; with `after_lead`, the paragraph
    right after the h1); None when it has no h1 (or, with `after_lead`, no paragraph after it)."""
    match = (LEAD_END if after_lead else HEADING_END).search(html)
    return None if match is None else f"{html[:match.end()]}\n{box}\n{html[match.end():]}"


@lru_cache(maxsize=8)
def _checked(text: str, path: Path, root: Path, locales: tuple[str, ...]) -> CrisisHelp:
    """Parsed and checked once per file text: every page of a build asks for it."""
    where = Where(path, root)
    node, data = parsed(text, where, "the settings (pages, safety_page), then one block per language")
    problems = _site_problems(where, node, data, locales)
    for locale in locales:
        problems += _language_problems(where, node, data.get(locale), locale, locales)
    if problems:
        raise Problems(problems)
    return CrisisHelp(
        pages=tuple(data["pages"]),
        line_pages=tuple(data["line_pages"]),
        safety_page=data["safety_page"],
        participant_page=data["participant_page"],
        texts={locale: _normalised(data[locale]) for locale in locales},
    )


def _site_problems(where: Where, node, data: dict, locales: tuple[str, ...]) -> list[str]:
    problems = unknown_top_keys(where, node, data, locales, SITE_KEYS)
    for key, what in (("pages", "the full box"), ("line_pages", "the compact line")):
        pages = data.get(key)
        if not isinstance(pages, list) or not pages:
            problems.append(where.at(node, (key,), f"missing or empty; list the pages that show {what}, e.g. '- index.md'"))
        else:
            problems += [where.at(node, (key, i), message) for i, page in enumerate(pages) if (message := _page_problem(page))]
    for key in ("safety_page", "participant_page"):
        message = _page_problem(data.get(key))
        if message:
            problems.append(where.at(node, (key,), message))
    return problems


def _page_problem(page) -> str | None:
    """Why `page` is not a page path relative to a language root, or None."""
    if not isinstance(page, str) or not page.endswith(".md"):
        return f"{page!r} is not a page; write the page's path relative to docs/, e.g. turvallisuus.md"
    if page.startswith("/") or ".." in PurePosixPath(page).parts:
        return f"{page!r} must be relative to the language's folder (docs/, docs_sv/), without '/' or '..' at its start"
    return None


def _language_problems(where: Where, node, block, locale: str, locales: tuple[str, ...]) -> list[str]:
    if not isinstance(block, dict):
        return [missing_block(where, node, locale, locales)]
    problems = missing_texts(where, node, block, (locale,), TEXT_KEYS)
    problems += [where.at(node, (locale, key), f"unknown key; expected one of: {', '.join((*TEXT_KEYS, 'lines'))}")
                 for key in block if key not in (*TEXT_KEYS, "lines")]
    lines = block.get("lines")
    if not isinstance(lines, list) or not lines:
        return problems + [where.at(node, (locale, "lines"), "missing or empty; list the numbers to call (name, number, tel, text)")]
    for index, line in enumerate(lines):
        problems += _line_problems(where, node, (locale, "lines", index), line)
    return problems


def _line_problems(where: Where, node, field: tuple, line) -> list[str]:
    if not isinstance(line, dict):
        return [where.at(node, field, f"expected a mapping with {', '.join(LINE_KEYS)}")]
    problems = [where.at(node, (*field, key), "missing or empty; add it (write numbers in quotes, e.g. \"112\")")
                for key in LINE_KEYS if not is_text(line.get(key))]
    problems += [where.at(node, (*field, key), f"unknown key; expected one of: {', '.join((*LINE_KEYS, *LINE_OPTIONAL_KEYS))}")
                 for key in line if key not in (*LINE_KEYS, *LINE_OPTIONAL_KEYS)]
    if "short_name" in line and not is_text(line["short_name"]):
        problems.append(where.at(node, (*field, "short_name"), "must be a non-empty text, or leave the key out to use `name`"))
    if bool(is_text(line.get("link_text"))) != bool(is_text(line.get("link_url"))):
        problems.append(where.at(node, field, "link_text and link_url go together; give both or neither"))
    if is_text(line.get("link_url")) and not line["link_url"].startswith("https://"):
        problems.append(where.at(node, (*field, "link_url"), f"{line['link_url']!r} must be an https:// address"))
    if is_text(line.get("tel")) and is_text(line.get("number")):
        problems += [where.at(node, (*field, "tel"), message) for message in _tel_problems(line["number"], line["tel"])]
    return problems


def _tel_problems(number: str, tel: str) -> list[str]:
    """A `tel` a phone can dial, and the same number as the printed one."""
    if not TEL.fullmatch(tel):
        return [f"{tel!r} must be digits with an optional leading + (e.g. \"+358925250111\" or \"112\"); no spaces"]
    if not same_number(number, tel):
        return [f"{tel!r} does not dial the printed number {number!r}; make the digits match (0 9… is +358 9…)"]
    return []


def same_number(number: str, tel: str) -> bool:
    """Whether `tel` dials `number`: the same digits, or the international form of a number
    with a leading trunk 0 (09 2525 0111 is +358925250111)."""
    printed, dialled = re.sub(r"\D", "", number), tel.lstrip("+")
    if dialled == printed:
        return True
    return tel.startswith("+") and printed.startswith("0") and any(
        dialled[size:] == printed[1:] for size in COUNTRY_CODE_DIGITS
    )


def _normalised(block: dict) -> dict:
    """A language block with every line's optional link present (None when not given) and its
    short name (its name when not given)."""
    lines = [{**{key: None for key in LINE_LINK_KEYS}, "short_name": line["name"], **line} for line in block["lines"]]
    return {**block, "lines": lines}



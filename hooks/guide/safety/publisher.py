"""The guide's publisher (`data/publisher.yml`): name, feedback address and the date of the
last accessibility review, read and checked, and shown in a page's text.

- `load` reads the file and checks its shape: a block per site language with `name:` and
  `missing:` (the preview's placeholder), `feedback:` an e-mail address or an https address,
  `accessibility_reviewed:` a date (YYYY-MM-DD). A value may be empty (the project has no
  publisher yet); what is written must be right. Every problem at once, as
  `file:line: key: what to do` (`guide.shared.data_files.Problems`).
- `unset` lists the empty settings, worded for `make publish`, which refuses to build without them.
- `fill` puts the values into a page's HTML where its text has a marker (`MARKERS`), each
  rendered by `overrides/partials/publisher-detail.html` (escaped; a visible placeholder
  while the value is empty).

Pure helpers: no MkDocs imports. Used by hooks/publisher.py, hooks/cards.py (the PDFs' author)
and the tests.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from guide.shared.messages import Where
from guide.shared.data_files import Problems, missing_block, parsed, unknown_top_keys

SETTINGS = ("feedback", "accessibility_reviewed")
LANGUAGE_KEYS = ("name", "missing")
MARKERS = {"{publisher_name}": "name", "{publisher_feedback}": "feedback", "{accessibility_reviewed}": "accessibility_reviewed"}
"""What a page writes where a value goes, and the value's key."""
TEMPLATE = "partials/publisher-detail.html"
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")
HTTPS = re.compile(r"https://[^\s<>\"]+")
HOW_TO_SET = {
    "name": "the publisher's name in this language (a person, a group or an organisation)",
    "feedback": "where readers send accessibility and content feedback: an e-mail address or an https form address",
    "accessibility_reviewed": "the date of the last accessibility review, as YYYY-MM-DD",
}


@dataclass(frozen=True)
class Publisher:
    feedback: str
    reviewed: datetime.date | None
    names: dict[str, str]
    placeholders: dict[str, str]
    unset: dict[str, str]
    """Every empty value's key (`fi.name`) with `file:line: key: what to set`, for `make publish`."""

    def feedback_href(self) -> str:
        return f"mailto:{self.feedback}" if EMAIL.fullmatch(self.feedback) else self.feedback


def data_path(root: Path) -> Path:
    return root / "data" / "publisher.yml"


def load(path: Path, locales: list[str], root: Path) -> Publisher:
    """The publisher; raises Problems listing everything written wrongly."""
    return _parse(path.read_text("utf-8"), path, root, tuple(locales))


@lru_cache(maxsize=4)
def _parse(text: str, path: Path, root: Path, locales: tuple[str, ...]) -> Publisher:
    where = Where(path, root)
    node, data = parsed(text, where, "feedback:, accessibility_reviewed: and one block per language")
    problems, unset = unknown_top_keys(where, node, data, locales, SETTINGS), {}
    feedback, reviewed = _text(data.get("feedback")), _text(data.get("accessibility_reviewed"))
    date = _date(reviewed)
    if feedback and not (EMAIL.fullmatch(feedback) or HTTPS.fullmatch(feedback)):
        problems.append(where.at(node, ("feedback",), f"'{feedback}' is neither an e-mail address nor an https:// address; write one of them"))
    if reviewed and date is None:
        problems.append(where.at(node, ("accessibility_reviewed",), f"'{reviewed}' is not a date; write it as YYYY-MM-DD"))
    for key, value in (("feedback", feedback), ("accessibility_reviewed", reviewed)):
        if not value:
            unset[key] = where.at(node, (key,), f"empty; set {HOW_TO_SET[key]}")
    names, placeholders = {}, {}
    for locale in locales:
        block = data.get(locale)
        if not isinstance(block, dict):
            problems.append(missing_block(where, node, locale, locales))
            continue
        names[locale], placeholders[locale] = _text(block.get("name")), _text(block.get("missing"))
        if not placeholders[locale]:
            problems.append(where.at(node, (locale, "missing"), "missing or empty; add the placeholder a preview shows in this language"))
        if not names[locale]:
            unset[f"{locale}.name"] = where.at(node, (locale, "name"), f"empty; set {HOW_TO_SET['name']}")
    if problems:
        raise Problems(problems)
    return Publisher(feedback, date, names, placeholders, unset)


def fill(html: str, publisher: Publisher, locale: str, env: jinja2.Environment, source: str) -> str:
    """`html` with every marker replaced by its value in `locale` (or the placeholder);
    `source` is the data file's name, shown in the placeholder."""
    if not any(marker in html for marker in MARKERS):
        return html
    values = {
        "name": publisher.names.get(locale, ""),
        "feedback": publisher.feedback,
        "accessibility_reviewed": _shown_date(publisher.reviewed),
    }
    template = env.get_template(TEMPLATE)
    for marker, key in MARKERS.items():
        if marker in html:
            html = html.replace(marker, template.render(
                key=key, setting=f"{locale}.{key}" if key in LANGUAGE_KEYS else key, value=values[key], href=publisher.feedback_href(),
                placeholder=publisher.placeholders.get(locale, ""), source=source).strip())
    return html


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _shown_date(date: datetime.date | None) -> str:
    """A date as both languages write it in the guide: 1.12.2026."""
    return f"{date.day}.{date.month}.{date.year}" if date else ""


def _text(value) -> str:
    """A value as text; YAML reads an unquoted 2026-12-01 as a date."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else ""

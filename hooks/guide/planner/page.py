"""The planner's markup on its page: render `overrides/partials/planner.html` and place it.

The page's Markdown (docs/suunnittelu.md and its twins) holds the prose and one paragraph
marked `{ .planner-fallback }` that tells a reader without JavaScript to use the card index
and the PDFs; the planner's markup goes right after that paragraph, hidden until the script
(overrides/assets/javascripts/planner.js) shows it and hides the paragraph. The partial gets
the language's texts, the models with their notes, the crisis help texts (printed with the
plan) and the catalogue's address relative to the page; it escapes every text itself.

Pure helpers: no MkDocs imports. Used by hooks/planner.py and the tests.
"""

from __future__ import annotations

import re

import jinja2

PARTIAL = "partials/planner.html"
FALLBACK = re.compile(r'<p\b[^>]*\bclass="[^"]*\bplanner-fallback\b[^"]*"[^>]*>.*?</p>', re.S)
"""The paragraph after which the planner goes."""


def context(catalogue: dict, catalogue_url: str, crisis: dict) -> dict:
    """What the partial needs: `planner` in its template context."""
    return {
        "locale": catalogue["locale"],
        "texts": catalogue["texts"],
        "models": catalogue["models"],
        "catalogue_url": catalogue_url,
        "crisis": crisis,
    }


SECTIONS = (("planner-model-title", "choose_model"), ("planner-settings-title", "settings_heading"),
            ("planner-meetings-title", "meetings_heading"), ("planner-output-title", "output_heading"),
            ("planner-invite-title", "invite_heading"))
"""The planner's sections (heading id, text key), listed first in the page's contents."""


def sections(texts: dict) -> list[tuple[str, str]]:
    """(title, heading id) of each of the planner's sections, in page order."""
    return [(texts[key], anchor) for anchor, key in SECTIONS]


def render(template_dirs: list[str], planner: dict) -> str:
    """The planner's markup, from the partial found in the theme's template folders."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template(PARTIAL).render(planner=planner)


def insert_after_fallback(html: str, markup: str) -> str | None:
    """`html` with `markup` after its fallback paragraph; None when it has none."""
    match = FALLBACK.search(html)
    return None if match is None else f"{html[:match.end()]}\n{markup}\n{html[match.end():]}"

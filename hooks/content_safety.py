"""Content is input, not code: what translators and editors write cannot run in a reader's browser.

- `on_page_markdown` (default priority; front matter is parsed by then): a page's front matter
  may only use the keys this guide knows (`FRONT_MATTER_KEYS`); others, which the theme would
  print unescaped or act on (`template`, `subtitle`, `icon`, …), stop the build. A `title` is
  HTML-escaped here, at its source, since the theme prints `page.title` as HTML everywhere
  (header, navigation, <title>), as it is for a title taken from the page's heading.
- `on_page_content` (default priority): the page's HTML, rendered from its Markdown or from a
  card's YAML, may hold no script, style, embedded element, event-handler attribute or
  `javascript:`/`data:` address (`unsafe_html`). Each finding stops the build with
  `file:line: what was found: what to do`, naming the file the person edits (`page_sources`).
  Card texts are HTML-escaped by their templates, so HTML typed there reaches readers as text;
  only a Markdown link in them can carry an address, and that is checked here too.

Sources are only read. Depends on `unsafe_html`, `page_sources` and `site_languages`.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError

import page_sources
import site_languages
import unsafe_html

FRONT_MATTER_KEYS = {"title", "description", "hide", "translated_from", "translation_outdated"}


def on_page_markdown(markdown: str, page, config, files):
    unknown = sorted(set(page.meta) - FRONT_MATTER_KEYS)
    if unknown:
        _stop(page, config, "Front matter the guide does not use", [(f"{key}:", f"front matter key '{key}' is not used by this guide: remove it "
                              f"(known keys: {', '.join(sorted(FRONT_MATTER_KEYS))})") for key in unknown])
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.escape(page.meta["title"])
    return markdown


def on_page_content(content: str, page, config, files):
    found = unsafe_html.findings(content)
    if found:
        _stop(page, config, "Content that could run code or embed other sites", [(f.needle, f.message) for f in found])
    return content


def _stop(page, config, heading: str, problems: list[tuple[str, str]]):
    """Stop the build, one line per problem: `file:line: message` (the line where it can be found)."""
    source = page_sources.edited_source(page.file, config)
    text = source.read_text("utf-8") if source and source.is_file() else ""
    name = site_languages.shown(source, Path(config.config_file_path).parent) if source else page.file.src_uri
    lines = [f"{name}:{unsafe_html.line_of(text, needle) or 1}: {message}" for needle, message in problems]
    raise PluginError(f"{heading}:\n  " + "\n  ".join(lines))

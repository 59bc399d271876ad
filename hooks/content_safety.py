"""Content is input, not code: what translators and editors write cannot run in a reader's
browser, reach the build machine's files, or be lost without a word.

- `on_config` at priority 100 (before mkdocs-static-i18n's, so before MkDocs lists and reads
  any file, which follows symbolic links): the source folders hold no symbolic link, the
  pages' folders only pages, pictures and PDFs, and every page's front matter is a mapping of
  known keys with the right types (`guide.safety.sources`). All problems at once, as
  `file:line: …`.
- `on_page_markdown` (default priority; front matter is parsed by then): a `title` is
  HTML-escaped here, at its source, since the theme prints `page.title` as HTML everywhere
  (header, footers, navigation, `<h1>`, `<title>`).
- `on_page_content` (default priority): the page's HTML, rendered from its Markdown or from a
  card's YAML, may only hold the markup of `guide.safety.sanitise`'s allowlist, read as browsers
  read it. Each finding stops the build with `file:line: what was found: what to do`, naming
  the file the person edits (`guide.languages.sources`). A title MkDocs took from the first heading
  (its tag stripping is naive) or from the file name is replaced by the heading's text, escaped.

Sources are only read. Depends on `guide.safety.sources`, `guide.safety.sanitise`, `guide.languages.sources` and
`guide.shared.site_languages`.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.safety import sanitise as content_sanitise
from guide.safety import sources as content_sources
from guide.languages import sources as page_sources
from guide.shared import site_languages


@event_priority(100)
def on_config(config):
    root = Path(config.config_file_path).parent
    pages = [lang.docs_dir for lang in site_languages.site_languages(config)]
    found = content_sources.problems(root, pages, [root / "data", root / "overrides"])
    if found:
        raise PluginError("The guide's sources need fixing:\n  " + "\n  ".join(dict.fromkeys(found)))
    return config


def on_page_markdown(markdown: str, page, config, files):
    if "title" in page.meta:
        page.meta["title"] = html.escape(page.meta["title"])
    return markdown


def on_page_content(content: str, page, config, files):
    found = content_sanitise.findings(content)
    if found:
        _stop(page, config, "Content outside what the guide allows (it could run code or load other sites)",
              [(f.needle, f.message) for f in found])
    if "title" not in page.meta:
        page.title = html.escape(content_sanitise.first_heading_text(content) or html.unescape(page.title or ""))
    return content


def _stop(page, config, heading: str, problems: list[tuple[str, str]]):
    """Stop the build, one line per problem: `file:line: message` (the line where it can be found)."""
    source = page_sources.edited_source(page.file, config)
    text = source.read_text("utf-8") if source and source.is_file() else ""
    name = site_languages.shown(source, Path(config.config_file_path).parent) if source else page.file.src_uri
    lines = [f"{name}:{content_sanitise.line_of(text, needle) or 1}: {message}" for needle, message in problems]
    raise PluginError(f"{heading}:\n  " + "\n  ".join(dict.fromkeys(lines)))

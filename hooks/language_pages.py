"""Give every language its own 404 page, search index, sitemap and JavaScript base.

mkdocs-static-i18n runs one whole build per language into the same `site_dir`, which
leaves these site-wide outputs wrong (see ../shared/stack-facts.md):

- `on_page_context` / `on_template_context`: expose `language_root` (`/` or `/sv/`), the
  `base` Material's JavaScript resolves search and sitemap requests against.
- `on_post_template`: a non-default build writes its `404.html` under its own root instead
  of overwriting the default language's, and copies `sitemap.xml` there (Material fetches
  it beside the language root).
- `on_post_build` at priority -110, after the plugin's (-100), which builds the other
  languages and then merges all search entries into the root index: that index is split
  into one `search/search_index.json` per language root. Every build does the split, so the
  outermost one, which sees the merged index, has the last word; no state is kept.

Depends on `site_languages` and `search_split`.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

import search_split
import site_languages

PER_LANGUAGE_TEMPLATES = {"404.html": "move", "sitemap.xml": "copy"}


def on_page_context(context, page, config, nav):
    context["language_root"] = site_languages.language_of(config, page.file.locale).link
    return context


def on_template_context(context, template_name, config):
    context["language_root"] = site_languages.current_language(config).link
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    lang = site_languages.current_language(config)
    action = PER_LANGUAGE_TEMPLATES.get(template_name)
    if lang.default or action is None:
        return output
    _write(Path(config.site_dir, lang.locale, template_name), output)
    return "" if action == "move" else output


@event_priority(-110)
def on_post_build(config):
    shared = Path(config.site_dir, "search", "search_index.json")
    index = json.loads(shared.read_text("utf-8"))
    for lang, prefix, others in _language_prefixes(config):
        split = search_split.language_index(index, lang.locale, prefix, others)
        _write(Path(config.site_dir, prefix, "search", "search_index.json"), json.dumps(split, ensure_ascii=False))


def _language_prefixes(config):
    """Each language with its URL prefix and the prefixes of the languages nested in its root."""
    languages = site_languages.site_languages(config)
    nested = [f"{lang.locale}/" for lang in languages if not lang.default]
    for lang in languages:
        yield (lang, "", nested) if lang.default else (lang, f"{lang.locale}/", [])


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")

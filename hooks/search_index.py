"""The site search: Pagefind indexes the built pages, with base forms from Voikko for Finnish,
and a dialog in the header searches the page's own language (partials/site-search.html,
assets/javascripts/search.js). Nothing of the search is fetched before the reader opens it.

- `on_files` at priority -110, after mkdocs-static-i18n's (-100): loads and checks
  `data/search-labels.yml` (every problem at once, `file:line: key: what to do`), so a missing
  text stops the build before any page is rendered.
- `on_page_context` / `on_template_context`: give the header's search partial its texts, the
  crisis help box (data/crisis-help.yml, the one source of the numbers) and the links to the
  same search in the other languages (`site_search`).
- `on_post_build` at priority -110, after the plugin's (-100), which builds the other languages
  into the same site folder: only the outermost build (the one that is not inside the plugin's
  loop, so every language's pages are there) indexes the whole site once, and writes each
  language's vocabulary (`assets/search/<locale>.json`) for the query side, with the crisis
  phrases, synonyms and question words of `search-labels.yml` (`guide.search.crisis`,
  `guide.search.terms`); the pages' task phrases go into their copies for the index only.

Keeps no state between builds. Depends on `guide.search.labels`, `guide.search.words`, `guide.search.compounds`, `guide.search.crisis`, `guide.search.terms`, `guide.search.pagefind`,
`guide.build_data`, `guide.safety.crisis_help` and `guide.shared.site_languages`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from guide import build_data
from guide.safety import crisis_help as crisis_help_data
from guide.search import compounds as search_compounds
from guide.search import crisis as search_crisis
from guide.search import labels as search_labels
from guide.search import pagefind as search_pagefind
from guide.search import terms as search_terms
from guide.search import words as search_words
from guide.shared import site_languages

log = get_plugin_logger(__name__)
VOCABULARY = "assets/search/{locale}.json"
CRISIS_HEADING_ID = "site-search-crisis-title"


@event_priority(-110)
def on_files(files, config):
    _labels(config)
    return files


def on_page_context(context, page, config, nav):
    lang = site_languages.language_of(config, page.file.locale)
    context["site_search"] = _ui(config, lang, context["base_url"])
    return context


def on_template_context(context, template_name, config):
    if "site_search" not in context:
        context["site_search"] = _ui(config, site_languages.current_language(config), context.get("base_url", "."))
    return context


@event_priority(-110)
def on_post_build(config):
    if config["plugins"]["i18n"].building:
        return  # a language built inside the plugin's loop; the outermost build indexes them all
    site_dir, pages = Path(config.site_dir), []
    for lang in site_languages.site_languages(config):
        vocabulary = _language_pages(config, lang, site_dir, pages)
        _write(site_dir / VOCABULARY.format(locale=lang.locale), vocabulary)
    try:
        count = search_pagefind.index(site_dir, pages)
    except search_pagefind.IndexingFailed as problem:
        raise PluginError(f"Search: Pagefind could not index the site: {problem}") from None
    log.info(f"search: {count} pages indexed with Pagefind" + ("; without base forms (SEARCH_BASE_FORMS=0)" if _base_forms_off() else ""))


def _language_pages(config, lang, site_dir: Path, pages: list) -> dict:
    """Adds the index copies of `lang`'s pages to `pages` (base-form markers, card metadata, task
    phrases); returns the language's vocabulary file."""
    analyses, vocabulary = _analyser(lang.locale), {}
    labels, root = _labels(config)[lang.locale], site_dir / lang.link.strip("/")
    tasks = dict(labels["tasks"])
    for path in _pages_of(lang, site_dir, site_languages.site_languages(config)):
        html = search_terms.with_card_meta(search_words.with_markers(path.read_text("utf-8"), analyses, vocabulary))
        address = search_terms.page_address(path.relative_to(root).as_posix())
        phrases = tasks.pop(address, None)
        html = search_terms.with_tasks(html, address, phrases, analyses) if phrases else html
        pages.append(search_pagefind.Page(path.relative_to(site_dir).as_posix(), html))
    if tasks:
        raise PluginError(f"data/search-labels.yml: {lang.locale}.tasks: no page at {', '.join(tasks)} in this "
                          "language; use a page's address relative to the language's root, as in kortit/raha/")
    return {
        **search_words.vocabulary_file(lang.locale, vocabulary),
        "crisis": search_crisis.phrases(labels["crisis_phrases"], analyses),
        "synonyms": search_terms.synonyms(labels["synonyms"], analyses),
        "tasks": search_terms.tasks(labels["tasks"], labels["question_words"], analyses),
        "question_words": labels["question_words"],
    }


def _ui(config, lang, base_url: str) -> dict:
    """What partials/site-search.html needs for a page of `lang` (`base_url`: the site's root from the page)."""
    base = base_url.rstrip("/")
    help_ = build_data.crisis_help(config)
    safety_url = f"{base}{lang.link}{_url(help_.safety_page, config)}"
    return {
        "locale": lang.locale,
        "labels": _labels(config)[lang.locale],
        "crisis_help": crisis_help_data.context(help_, lang.locale, safety_url, CRISIS_HEADING_ID, level=3),
        "other_languages": [
            {"locale": other.locale, "name": other.name, "href": f"{base}{other.link}"}
            for other in site_languages.site_languages(config) if other.locale != lang.locale
        ],
        "vocabulary_url": f"{base}/{VOCABULARY.format(locale=lang.locale)}",
        "site_root": f"{base}/",
    }


def _pages_of(lang, site_dir: Path, languages) -> list[Path]:
    """The built pages of `lang`: under its root, not under another language's, no 404 page."""
    root = site_dir / lang.link.strip("/")
    nested = [site_dir / other.link.strip("/") for other in languages if other.link != lang.link]
    return sorted(
        path for path in root.rglob("index.html")
        if not any(path.is_relative_to(folder) for folder in nested if folder != site_dir)
        and not path.is_relative_to(site_dir / search_pagefind.OUTPUT)
    )


def _base_forms_off() -> bool:
    """A preview without Voikko (make serve, hooks/guide/shared/system_parts.py) indexes words as written."""
    return os.environ.get("SEARCH_BASE_FORMS") == "0"


def _analyser(locale: str):
    """Voikko where it has the language (base forms and compounds), else Hunspell's compound splits;
    none in a preview without them."""
    if _base_forms_off():
        return None
    try:
        return search_words.voikko_analyses(locale) or search_compounds.analyses(locale)
    except RuntimeError as problem:
        raise PluginError(f"Search: {problem}") from None


def _labels(config) -> dict[str, dict]:
    root = build_data.root(config)
    with build_data.stops_build("Search labels (data/search-labels.yml)"):
        return search_labels.load(search_labels.labels_path(root), build_data.locales(config), root)


def _url(rel_path: str, config) -> str:
    """The URL of the page at `rel_path`, relative to its language root."""
    return File(rel_path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).url


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")



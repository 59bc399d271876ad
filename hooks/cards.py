"""Meeting cards: a page per card per language and a card index, made from data/cards/.

- `on_files` at priority -90, just before mkdocs-static-i18n's (-100): loads and validates
  every card (all problems at once, as a PluginError) and registers placeholder files
  `kortit/<id>.md` and `kortit/index.md` in every language, so the plugin gives them
  language alternates (the switcher links card twins). A file generated with content
  before the plugin crashes it; after it, it gets no alternates.
- `on_nav` (after all `on_files`, before pages are read): fills the current language's
  placeholders with Markdown rendered from `overrides/cards/*.jinja`, and points their
  "edit this page" link at the card's YAML file.

Nothing is written into docs/, docs_sv/ or data/; `mkdocs serve` watches data/ (mkdocs.yml).
Depends on `cards_model` (load, validate), `cards_render` (templates), `site_languages`
and `page_sources`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import cards_model
import cards_render
import page_sources
import site_languages


@event_priority(-90)
def on_files(files: Files, config) -> Files:
    cards, _ = _load(config)
    for lang in site_languages.site_languages(config):
        files.append(_placeholder(lang, cards_render.INDEX_URI, InclusionLevel.INCLUDED, config))
        for card in cards:
            files.append(_placeholder(lang, cards_render.page_uri(card.id), InclusionLevel.NOT_IN_NAV, config))
    return files


def on_nav(nav, config, files: Files):
    cards, labels = _load(config)
    lang = site_languages.current_language(config)
    env = cards_render.environment(config.theme.dirs)
    index = cards_render.index_page(env, cards, lang.locale, labels, cards_model.display_order(_cards_dir(config)))
    _fill(files, lang, cards_render.INDEX_URI, index, _cards_dir(config), config)
    for card in cards:
        _fill(files, lang, cards_render.page_uri(card.id), _card_page(env, card, lang.locale, labels), card.source, config)
    return nav


def _load(config):
    locales = [lang.locale for lang in site_languages.site_languages(config)]
    root = Path(config.config_file_path).parent
    try:
        return cards_model.load_cards(_cards_dir(config), locales, root), cards_model.load_labels(_cards_dir(config), locales, root)
    except cards_model.CardProblems as problems:
        raise PluginError("Meeting cards need fixing:\n  " + "\n  ".join(problems.problems)) from None


def _card_page(env, card, locale: str, labels: dict) -> str:
    try:
        return cards_render.card_page(env, card, locale, labels)
    except jinja2.TemplateError as error:
        raise PluginError(f"Card {card.id} ({locale}, {card.source.name}): its page could not be rendered: {error}") from None


def _placeholder(lang, uri: str, inclusion, config) -> File:
    return File(site_languages.localized_uri(lang, uri), src_dir=config.docs_dir, dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls, inclusion=inclusion)


def _fill(files: Files, lang, uri: str, markdown: str, source: Path, config) -> None:
    file = files.src_uris[site_languages.localized_uri(lang, uri)]
    file.content_string = markdown
    page_sources.point_edit_link(file, source, config)


def _cards_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data" / "cards"

"""Meeting cards: a page and a printable PDF per card per language, a card index and a booklet.

- `on_files` at priority -90, just before mkdocs-static-i18n's (-100): loads and validates
  every card (all problems at once, as a PluginError) and registers placeholder files
  `kortit/<id>.md` and `kortit/index.md` in every language, so the plugin gives them
  language alternates (the switcher links card twins). A file generated with content
  before the plugin crashes it; after it, it gets no alternates. It also drops the theme's
  `cards/` folder (templates, print stylesheet, font) from the files to publish: those are
  build inputs, not pages.
- `on_nav` (after all `on_files`, so after the plugin has placed every file of the current
  language; before pages are read): makes the current language's PDFs, each card's and the
  booklet of all cards, or takes them from the cache in `.cache/cards-pdf/`, and registers
  them as files whose source is the cached PDF: `kortit/<id>.pdf` and `kortit/<booklet>.pdf`
  under the language root. The PDFs need the card pages' web addresses, which the plugin
  sets in its `on_files`; the card pages link the PDFs with relative Markdown links, which
  the strict build validates. Then it fills the placeholders with Markdown rendered from
  `overrides/cards/*.jinja` and points their "edit this page" link at the card's YAML file.
  Doing both here loads the cards once per language. `CARDS_PDF=0` skips the PDFs: the pages
  then carry no download links, and one log line says so.

Nothing is written into docs/, docs_sv/ or data/, and nothing is kept between builds (the
PDF cache is on disk); `mkdocs serve` watches data/ and overrides/ (mkdocs.yml). Depends on
`cards_model` (load, validate), `cards_render` (page templates), `cards_pdf` (print
templates, WeasyPrint, cache keys), `site_languages` and `page_sources`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

import cards_model
import cards_pdf
import cards_render
import page_sources
import site_languages

log = get_plugin_logger("cards")


@event_priority(-90)
def on_files(files: Files, config) -> Files:
    cards, _ = _load(config)
    for file in _theme_card_files(files, config):
        files.remove(file)
    for lang in site_languages.site_languages(config):
        files.append(_placeholder(lang, cards_render.INDEX_URI, InclusionLevel.INCLUDED, config))
        for card in cards:
            files.append(_placeholder(lang, cards_render.page_uri(card.id), InclusionLevel.NOT_IN_NAV, config))
    return files


def on_nav(nav, config, files: Files):
    cards, labels = _load(config)
    lang = site_languages.current_language(config)
    env = cards_render.environment(config.theme.dirs)
    order = cards_model.display_order(_cards_dir(config))
    pdfs = _pdfs(env, cards, labels, order, lang, files, config) if _pdfs_wanted(lang) else None
    index = cards_render.index_page(env, cards, lang.locale, labels, order, pdfs=pdfs)
    _fill(files, lang, cards_render.INDEX_URI, index, _cards_dir(config), config)
    for card in cards:
        _fill(files, lang, cards_render.page_uri(card.id), _card_page(env, card, lang.locale, labels, pdfs), card.source, config)
    return nav


def _load(config):
    locales = [lang.locale for lang in site_languages.site_languages(config)]
    root = Path(config.config_file_path).parent
    try:
        return cards_model.load_cards(_cards_dir(config), locales, root), cards_model.load_labels(_cards_dir(config), locales, root)
    except cards_model.CardProblems as problems:
        raise PluginError("Meeting cards need fixing:\n  " + "\n  ".join(problems.problems)) from None


def _card_page(env, card, locale: str, labels: dict, pdfs) -> str:
    try:
        return cards_render.card_page(env, card, locale, labels, pdfs=pdfs)
    except jinja2.TemplateError as error:
        raise PluginError(f"Card {card.id} ({locale}, {card.source.name}): its page could not be rendered: {error}") from None


def _pdfs_wanted(lang) -> bool:
    """PDFs are made unless CARDS_PDF=0; the default language's build says when they are not."""
    wanted = os.environ.get("CARDS_PDF", "1") != "0"
    if not wanted and lang.default:
        log.info("Card PDFs are off (CARDS_PDF=0): none are made, and card pages have no download links.")
    return wanted


def _pdfs(env, cards, labels: dict, order, lang, files: Files, config) -> cards_pdf.PrintLinks:
    """Every card's PDF and the booklet in the current language, registered as site files."""
    started = time.perf_counter()
    try:
        links, documents = cards_pdf.documents(env, cards, lang.locale, labels, _print_site(cards, lang, files, config), order)
    except cards_pdf.PrintProblem as problem:
        raise PluginError(str(problem)) from None
    renderer = cards_pdf.Renderer(cards_pdf.stylesheet_path(env))
    layout, rendered = cards_pdf.layout_digest(renderer.stylesheet), 0
    for document in documents:
        path, fresh = _cached_pdf(renderer, layout, _cache_dir(config) / lang.locale, document)
        rendered += fresh
        uri = site_languages.localized_uri(lang, f"kortit/{document.file_name}")
        files.append(File.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED))
    log.info(f"Card PDFs ({lang.locale}): {len(documents)} files, {rendered} rendered, "
             f"{len(documents) - rendered} from the cache, in {time.perf_counter() - started:.2f} s")
    return links


def _cached_pdf(renderer, layout: str, cache_dir: Path, document) -> tuple[Path, bool]:
    """The cached PDF of a document, rendered first when its key is new; and whether it was."""
    path = cards_pdf.cached_path(cache_dir, document.file_name, cards_pdf.cache_key(document.html, layout))
    if path.exists():
        return path, False
    result = renderer.render(document.html)
    for warning in result.warnings:
        log.warning(f"{document.what}: WeasyPrint: {warning}")
    if result.warnings:
        # Kept out of the cache, so the next build warns again.
        path = cards_pdf.cached_path(cache_dir, document.file_name, "unchecked")
    cards_pdf.store(path, result.pdf)
    return path, True


def _print_site(cards, lang, files: Files, config) -> cards_pdf.PrintSite:
    """The site name and the card pages' web addresses (site_url + page URL) for the footers."""
    def address(uri: str) -> str:
        return urljoin(config.site_url or "", files.src_uris[site_languages.localized_uri(lang, uri)].url)

    return cards_pdf.PrintSite(
        name=config.site_name,
        page_urls={card.id: address(cards_render.page_uri(card.id)) for card in cards},
        index_url=address(cards_render.INDEX_URI),
    )


def _theme_card_files(files: Files, config) -> list[File]:
    """The theme's `cards/` files (page and print templates, print CSS, font): inputs only."""
    docs_dir = Path(config.docs_dir).resolve()
    return [
        file for file in files
        if file.src_uri.startswith("cards/") and file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
    ]


def _placeholder(lang, uri: str, inclusion, config) -> File:
    return File(site_languages.localized_uri(lang, uri), src_dir=config.docs_dir, dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls, inclusion=inclusion)


def _fill(files: Files, lang, uri: str, markdown: str, source: Path, config) -> None:
    file = files.src_uris[site_languages.localized_uri(lang, uri)]
    file.content_string = markdown
    page_sources.point_edit_link(file, source, config)


def _cards_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data" / "cards"


def _cache_dir(config) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "cards-pdf"

"""Meeting cards: a page and a printable PDF per card per language, a card index, booklets
(all cards; one per model), participant handouts, the Vahvistin voting sheet and the feedback form.

- `on_files` at priority -90, just before mkdocs-static-i18n's (-100): loads and validates
  every card (all problems at once, as a PluginError) and registers placeholder files
  `kortit/<id>.md` and `kortit/index.md` in every language (never over a page a person wrote
  there: that stops the build naming both files), so the plugin gives them
  language alternates (the switcher links card twins). A file generated with content
  before the plugin crashes it; after it, it gets no alternates. It also drops the theme's
  `cards/` folder (templates, print stylesheet, font) from the files to publish: those are
  build inputs, not pages.
- `on_nav` (after all `on_files`, so after the plugin has placed every file of the current
  language; before pages are read): takes the current language's PDFs from the cache in
  `.cache/cards-pdf/` and registers them as files whose source is the cached PDF, all under
  `kortit/` of the language root. What the cache lacks is rendered first; the default
  language's build (the first) renders what every language lacks, one process per language
  in parallel (`guide.cards.pdf.render`), so the later languages' builds find theirs in the cache.
  A PDF never replaces a file written in the pages' folders either.
  The PDFs print the card pages' web addresses (and QR codes of them) when the build has a
  public site_url; the card pages and the index link the PDFs with relative Markdown links,
  which the strict build validates. Then it fills the placeholders with Markdown rendered from
  `overrides/cards/*.jinja` and points their "edit this page" link at the card's YAML file.
  Doing both here loads the cards once per language. `CARDS_PDF=0` skips the PDFs: the pages
  then carry no download links, and one log line says so.

Nothing is written into docs/, docs_sv/ or data/, and nothing is kept between builds (the
PDF cache is on disk); `mkdocs serve` watches data/ and overrides/ (mkdocs.yml). Depends on
`guide.cards.model` (load, validate), `guide.cards.printables` (data/printables.yml), `guide.cards.render` (page
templates), `guide.cards.pdf` (print templates, WeasyPrint, cache keys, booklet assembly),
`guide.build_data` (data files: cards, printables, the crisis help box in the PDFs, the publisher), `guide.shared.site_languages`,
`guide.languages.sources` and `guide.shared.system_parts` (is Pango there).
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

from guide import build_data
from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import render as cards_render
from guide.languages import sources as page_sources
from guide.cards import printables as printables_data
from guide.shared import site_languages
from guide.shared import system_parts

log = get_plugin_logger("cards")


@event_priority(-90)
def on_files(files: Files, config) -> Files:
    cards, _ = _load(config)
    for file in _theme_card_files(files, config):
        files.remove(file)
    made = [(lang, cards_render.INDEX_URI, _cards_dir(config), InclusionLevel.INCLUDED) for lang in site_languages.site_languages(config)]
    made += [(lang, cards_render.page_uri(card.id), card.source, InclusionLevel.NOT_IN_NAV)
             for lang in site_languages.site_languages(config) for card in cards]
    _refuse_taken(files, [(site_languages.localized_uri(lang, uri), source) for lang, uri, source, _ in made], config)
    for lang, uri, _, inclusion in made:
        files.append(_placeholder(lang, uri, inclusion, config))
    return files


def on_nav(nav, config, files: Files):
    cards, labels = _load(config)
    order = cards_model.display_order(_cards_dir(config))
    printables = _printables(config, order[0])
    lang = site_languages.current_language(config)
    env = cards_render.environment(config.theme.dirs)
    pdfs = _pdfs(env, cards, labels, printables, order, lang, files, config) if _pdfs_wanted(lang) else None
    index = cards_render.index_page(env, cards, lang.locale, labels, order, pdfs=pdfs, printables=printables[lang.locale])
    _fill(files, lang, cards_render.INDEX_URI, index, _cards_dir(config), config)
    for card in cards:
        _fill(files, lang, cards_render.page_uri(card.id), _card_page(env, card, cards, lang.locale, labels, pdfs), card.source, config)
    return nav


def _load(config):
    locales, root = build_data.locales(config), build_data.root(config)
    with build_data.stops_build("Meeting cards"):
        return cards_model.load_cards(_cards_dir(config), locales, root), cards_model.load_labels(_cards_dir(config), locales, root)


def _printables(config, models: list[str]) -> dict:
    root = build_data.root(config)
    with build_data.stops_build("Printables (data/printables.yml)"):
        return printables_data.load(printables_data.data_path(root), build_data.locales(config), models, root)


def _card_page(env, card, cards, locale: str, labels: dict, pdfs) -> str:
    try:
        return cards_render.card_page(env, card, locale, labels, pdfs=pdfs, cards=cards)
    except jinja2.TemplateError as error:
        raise PluginError(f"Card {card.id} ({locale}, {card.source.name}): its page could not be rendered: {error}") from None


def _pdfs_wanted(lang) -> bool:
    """PDFs are made unless CARDS_PDF=0; the default language's build says when they are not.
    Without Pango (hooks/guide/shared/system_parts.py) WeasyPrint cannot lay them out: the build stops."""
    wanted = os.environ.get("CARDS_PDF", "1") != "0"
    if not wanted and lang.default:
        log.info("Card PDFs are off (CARDS_PDF=0): none are made, and card pages have no download links.")
    if wanted and system_parts.missing("pango"):
        raise PluginError(f"The card PDFs need Pango, which is missing; install it with: {system_parts.install_command('pango')}; "
                          "or build without PDFs: CARDS_PDF=0 (make serve does so by itself)")
    return wanted


def _pdfs(env, cards, labels: dict, printables: dict, order, lang, files: Files, config) -> cards_pdf.PrintLinks:
    """Every printable of the current language, registered as site files; the default
    language's build first renders what the cache lacks in every language, in parallel."""
    started = time.perf_counter()
    languages = site_languages.site_languages(config) if lang.default else [lang]
    stylesheet = cards_pdf.stylesheet_path(env)
    layout = cards_pdf.layout_digest(stylesheet)
    try:
        jobs = [cards_pdf.Job(cards_pdf.plan(env, cards, other.locale, labels, printables, _print_site(cards, other, config), order),
                              _cache_dir(config) / other.locale, layout) for other in languages]
    except cards_pdf.PrintProblem as problem:
        raise PluginError(str(problem)) from None
    outcomes = cards_pdf.render(jobs, stylesheet)
    seconds = time.perf_counter() - started
    for locale, found in outcomes.items():
        for outcome in found:
            for warning in outcome.warnings:
                log.warning(f"{outcome.what}: WeasyPrint: {warning}")
        rendered = sum(outcome.rendered for outcome in found)
        line = f"Card PDFs ({locale}): {len(found)} files, {rendered} rendered, {len(found) - rendered} from the cache, in {seconds:.2f} s"
        (log.info if lang.default or rendered else log.debug)(line)
    made = [(site_languages.localized_uri(lang, f"kortit/{outcome.file_name}"), outcome) for outcome in outcomes[lang.locale]]
    _refuse_taken(files, [(uri, _cards_dir(config)) for uri, _ in made], config)
    for uri, outcome in made:
        files.append(File.generated(config, uri, abs_src_path=str(outcome.path), inclusion=InclusionLevel.INCLUDED))
    return next(job.plan.links for job in jobs if job.plan.locale == lang.locale)


def _print_site(cards, lang, config) -> cards_pdf.PrintSite:
    """The language's site name, its publisher (the PDFs' author) and its card pages' web
    addresses (site_url + page URL) for the footers and QR codes; no addresses when the build has
    no public site_url (hooks/publishing.py). The crisis help box's texts, and the addresses of
    the safety page it links and of the participants' page (the participant sheets' QR code).
    Computed for any language, so that the default language's build can print them all."""
    crisis = build_data.crisis_help(config)
    name, publisher = _site_name(config, lang), build_data.publisher(config).names.get(lang.locale, "")
    if not config.site_url:
        return cards_pdf.PrintSite(name=name, page_urls={}, index_url=None, crisis=crisis.texts[lang.locale], publisher=publisher)

    def address(uri: str) -> str:
        page = File(site_languages.localized_uri(lang, uri), src_dir=config.docs_dir, dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls)
        return urljoin(config.site_url, page.url)

    return cards_pdf.PrintSite(
        name=name,
        page_urls={card.id: address(cards_render.page_uri(card.id)) for card in cards},
        index_url=address(cards_render.INDEX_URI),
        crisis=crisis.texts[lang.locale],
        safety_url=address(crisis.safety_page),
        participant_url=address(crisis.participant_page),
        publisher=publisher,
    )


def _site_name(config, lang) -> str:
    """The site's name in `lang`: its own in mkdocs.yml's i18n languages, else the general one."""
    i18n = config["plugins"]["i18n"]
    declared = next((item for item in i18n.config.languages if item.locale == lang.locale), None)
    general = getattr(i18n, "original_configs", {}).get("site_name", config.site_name)
    return (declared.site_name if declared else None) or general



def _theme_card_files(files: Files, config) -> list[File]:
    """The theme's `cards/` files (page and print templates, print CSS, font): inputs only."""
    docs_dir = Path(config.docs_dir).resolve()
    return [
        file for file in files
        if file.src_uri.startswith("cards/") and file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
    ]


def _refuse_taken(files: Files, made: list[tuple[str, Path]], config) -> None:
    """Stop before a generated file would silently replace one a person wrote (MkDocs only
    logs that at INFO level), naming both."""
    taken = page_sources.taken(files, made, site_languages.site_languages(config), config)
    if taken:
        raise PluginError("Generated card files would replace written ones:\n  " + "\n  ".join(taken))


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

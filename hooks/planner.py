"""The meeting-series planner at `suunnittelu/` in every language: its card catalogue and markup.

- `on_nav` at priority -50, after hooks/cards.py's `on_nav` (default priority), which has filled
  the card pages and registered the card PDFs, handouts, booklets and voting sheet of the
  current language: writes that language's card catalogue (`guide.planner.catalogue`) as a generated
  file `suunnittelu/kortit.json` under the language's root, with each card page's, PDF's and
  handout's address and each model's booklet and voting sheet relative to it (no PDF addresses
  with CARDS_PDF=0). Registered after mkdocs-static-i18n's `on_files`, as the PDFs are: a data
  file needs no language alternates. The settings and texts (data/planner-labels.yml) are
  checked here; a problem stops the build naming the file, line, key and language.
- `on_page_content` (default priority; listed after hooks/content_safety.py, which checks the
  Markdown's HTML first): on the planner page, renders `overrides/partials/planner.html` from
  the catalogue just written (the one source of its texts) and the crisis help texts, and
  places it after the page's `{ .planner-fallback }` paragraph (`guide.planner.page`).
  Its sections (model, time and place, meetings, taking the plan away) go first in the page's
  table of contents, under the page's title, so a phone reader can jump to them.
- `on_page_context`: sets `planner_page` in the planner page's template context, so
  overrides/main.html loads the planner's script on that page only.

Nothing is written into docs/, docs_sv/ or data/; nothing is kept between builds. Depends on
`guide.cards.model`, `guide.cards.pdf` (the voting sheet's model), `guide.cards.render`, `guide.build_data`, `guide.cards.printables`, `guide.planner.data`, `guide.planner.catalogue`,
`guide.planner.page` and `guide.shared.site_languages`.
"""

from __future__ import annotations

import json

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from guide import build_data
from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import render as cards_render
from guide.planner import catalogue as planner_catalogue
from guide.planner import data as planner_data
from guide.planner import page as planner_page
from guide.cards import printables as printables_data
from guide.shared import site_languages


@event_priority(-50)
def on_nav(nav, config, files: Files):
    lang = site_languages.current_language(config)
    cards, card_labels, order = _cards(config)
    planner = _planner(config, order)
    target = File.generated(config, site_languages.localized_uri(lang, planner_catalogue.CATALOGUE_URI), content="")
    handout_file = card_labels[lang.locale]["pdf"]["handout_file"]
    links = {card.id: _links(files, lang, card.id, target, handout_file) for card in cards}
    printables = _printables(files, lang, target, _printables_data(config, order[0])[lang.locale])
    target.content_string = planner_catalogue.dumps(
        planner_catalogue.catalogue(cards, lang.locale, card_labels, planner, order, links, printables))
    files.append(target)
    return nav


def on_page_content(html: str, page, config, files: Files) -> str:
    lang = site_languages.language_of(config, page.file.locale)
    if not _is_planner(page, lang):
        return html
    catalogue_file = files.src_uris[site_languages.localized_uri(lang, planner_catalogue.CATALOGUE_URI)]
    catalogue = json.loads(catalogue_file.content_string)
    crisis = build_data.crisis_help(config)
    context = planner_page.context(catalogue, catalogue_file.url_relative_to(page.file), crisis.texts[lang.locale])
    placed = planner_page.insert_after_fallback(html, planner_page.render(config.theme.dirs, context))
    _list_sections(page.toc, planner_page.sections(catalogue["texts"]))
    if placed is None:
        raise PluginError(f"{lang.source_of(planner_catalogue.PAGE_URI).as_posix()}: the planner goes after the paragraph "
                          "that tells readers without JavaScript what to do; end that paragraph with a line '{ .planner-fallback }'")
    return placed


def on_page_context(context, page, config, nav):
    context["planner_page"] = _is_planner(page, site_languages.language_of(config, page.file.locale))
    return context


def _list_sections(toc, sections) -> None:
    """The planner's sections first among the page's headings (under its title when it has one)."""
    links = [AnchorLink(title, anchor, 2) for title, anchor in sections]
    top = next(iter(toc), None)
    under = top.children if top is not None and top.level == 1 else toc.items
    under[:0] = links


def _is_planner(page, lang) -> bool:
    return page.file.src_uri == site_languages.localized_uri(lang, planner_catalogue.PAGE_URI)


def _links(files: Files, lang, card_id: str, catalogue: File, handout_file: str) -> planner_catalogue.CardLinks:
    """A card's page, PDF and handout, relative to the catalogue (none that was not registered)."""
    page = files.src_uris[site_languages.localized_uri(lang, cards_render.page_uri(card_id))]
    pdf = _pdf(files, lang, f"{card_id}.pdf", catalogue)
    return planner_catalogue.CardLinks(page.url_relative_to(catalogue), pdf, _pdf(files, lang, f"{card_id}-{handout_file}.pdf", catalogue))


def _pdf(files: Files, lang, name: str, catalogue: File) -> str | None:
    """The address of `kortit/<name>` relative to the catalogue, when hooks/cards.py registered it."""
    found = files.src_uris.get(site_languages.localized_uri(lang, f"kortit/{name}"))
    return found and found.url_relative_to(catalogue)


def _printables(files: Files, lang, catalogue: File, texts: dict) -> dict[str, list[planner_catalogue.Printable]]:
    """Each model's booklet and, for the voting model, the theme list and voting sheet."""
    found = {}
    for model, booklet in texts["booklets"].items():
        sheets = [(booklet["pdf_file"], booklet["download"])]
        if model == cards_pdf.VOTING_MODEL:
            sheets.append((texts["voting_sheet"]["pdf_file"], texts["voting_sheet"]["download"]))
        found[model] = [planner_catalogue.Printable(href, text) for name, text in sheets
                        if (href := _pdf(files, lang, f"{name}.pdf", catalogue))]
    return found


def _printables_data(config, models: list[str]) -> dict:
    root = build_data.root(config)
    with build_data.stops_build("Printables (data/printables.yml)"):
        return printables_data.load(printables_data.data_path(root), build_data.locales(config), models, root)


def _cards(config):
    """The cards (checked by hooks/cards.py before this runs), their labels and display order."""
    cards_dir, locales = build_data.root(config) / "data" / "cards", build_data.locales(config)
    with build_data.stops_build("Meeting cards"):
        cards = cards_model.load_cards(cards_dir, locales, build_data.root(config))
        return cards, cards_model.load_labels(cards_dir, locales, build_data.root(config)), cards_model.display_order(cards_dir)


def _planner(config, order) -> planner_data.Planner:
    models, kinds = order
    with build_data.stops_build("Planner texts (data/planner-labels.yml)"):
        return planner_data.load(planner_data.data_path(build_data.root(config)), build_data.locales(config), models, kinds, build_data.root(config))



"""Crisis help where the reader is: the crisis numbers near the top of the pages a reader in
crisis may land on, from one data file, `data/crisis-help.yml`: a full box on the pages for
someone who may be unwell (the safety page, the participants' page, 404), a compact line (the
numbers as tel: links, one paragraph) on the organisers' pages, so they do not scroll past the
same box on every page.

- `on_files` at priority -110, after mkdocs-static-i18n's (-100) has placed the current
  language's files and hooks/cards.py (-90) has registered the card pages: loads and checks
  `data/crisis-help.yml` and `data/site-labels.yml` (every problem at once, as a PluginError
  naming file, line and key; a language without its block stops the build) and checks that
  every page listed under `pages:`, `line_pages:` and `participant_page:` exists in the current
  language.
- `on_page_content`: for the pages under `pages:` renders the box of
  `overrides/partials/crisis-help.html` in the page's language and puts it right after the
  page's h1; for those under `line_pages:` and every card page (`kortit/<id>.md`), the compact
  line, right after the h1 (on a card page, after the meta line under it; on the front page,
  after the paragraph that says what the guide is for). Its link to the safety page is
  relative to the page, found through the language's files.
- `on_template_context` for `404.html`: gives `overrides/404.html` the box (`crisis_help`) and
  its texts (`not_found`, from `data/site-labels.yml`). A 404 page is served for any missing
  address, so its links are absolute paths: the site's path (from `site_url`, as MkDocs
  computes the 404 page's `base_url`) plus the language root. Its language switcher leads to
  each language's front page (mkdocs-static-i18n leaves it at the last page built).

The card PDFs get the same box through hooks/cards.py and `guide.cards.pdf.PrintSite`. mkdocs-static-i18n
runs one build per language: every event sees one language (`guide.shared.site_languages.current_language`
or `page.file.locale`). Keeps no state between builds; the parsed data file is cached by its text.
Depends on `guide.build_data` and `guide.safety.crisis_help` (the data and the box), `guide.languages.shell_labels`, `guide.cards.render`
(where card pages are) and `guide.shared.site_languages`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from guide import build_data
from guide.cards import render as cards_render
from guide.safety import crisis_help as crisis_help_data
from guide.languages import shell_labels
from guide.shared import site_languages

FRONT_PAGE = "index.md"
"""Its crisis line follows its heading and the sentence on what the guide is for."""


@event_priority(-110)
def on_files(files: Files, config) -> Files:
    help_ = build_data.crisis_help(config)
    _labels(config)
    lang = site_languages.current_language(config)
    listed = [*help_.pages, *help_.line_pages, help_.participant_page]
    missing = [page for page in listed if site_languages.localized_uri(lang, page) not in files.src_uris]
    if missing:
        root = build_data.root(config)
        raise PluginError("\n  ".join([
            f"{site_languages.shown(crisis_help_data.data_path(root), root)}: pages: these pages do not exist "
            f"in {lang.name} ({lang.locale}); fix the path or remove it:",
            *(site_languages.shown(lang.source_of(page), root) for page in missing),
        ]))
    return files


def on_page_content(html: str, page, config, files: Files) -> str:
    lang = site_languages.language_of(config, page.file.locale)
    rel_path = _relative(lang, page.file.src_uri)
    help_ = build_data.crisis_help(config)
    compact = rel_path in help_.line_pages or _is_card_page(rel_path)
    if rel_path not in help_.pages and not compact:
        return html
    safety = files.src_uris.get(site_languages.localized_uri(lang, help_.safety_page))
    safety_url = None if safety is None or safety is page.file else safety.url_relative_to(page.file)
    box = crisis_help_data.render(config.theme.dirs, crisis_help_data.context(help_, lang.locale, safety_url, compact=compact))
    front = rel_path == FRONT_PAGE
    placed = crisis_help_data.insert_after_heading(html, box, after_lead=front)
    if placed is None:
        where = "after the page's heading and its first paragraph" if front else "right after the page's heading"
        raise PluginError(f"{site_languages.shown(lang.source_of(rel_path), build_data.root(config))}: the crisis help goes {where}, "
                          "but the page has none; start it with '# Title'" + (" and one sentence on what the guide is for" if front else ""))
    return placed


def on_template_context(context, template_name: str, config):
    if template_name != "404.html":
        return context
    lang = site_languages.current_language(config)
    help_ = build_data.crisis_help(config)
    site_path = urlsplit(config.site_url or "/").path.rstrip("/")
    root = site_path + lang.link
    context["crisis_help"] = crisis_help_data.context(help_, lang.locale, root + _url(help_.safety_page, config))
    context["not_found"] = {
        **_labels(config)[lang.locale],
        "front_page_url": root,
        "card_index_url": root + _url(cards_render.INDEX_URI, config),
    }
    # The language switcher (Material reads config.extra.alternate, which mkdocs-static-i18n
    # sets per page) would otherwise point at the last page built; each page resets it.
    config.extra.alternate = [  # as mkdocs-static-i18n sets it (an attribute shadows the key)
        {"name": other.name, "link": site_path + other.link, "lang": other.locale}
        for other in site_languages.site_languages(config)
    ]
    return context



def _labels(config) -> dict[str, dict]:
    root = build_data.root(config)
    with build_data.stops_build("Site labels (data/site-labels.yml)"):
        return shell_labels.load_not_found(shell_labels.labels_path(root), build_data.locales(config), root)


def _is_card_page(rel_path: str) -> bool:
    return rel_path.startswith("kortit/") and rel_path != cards_render.INDEX_URI


def _relative(lang, src_uri: str) -> str:
    """A page's path relative to its language root (`sv/kortit/raha.md` -> `kortit/raha.md`)."""
    return src_uri if lang.default else src_uri.removeprefix(f"{lang.locale}/")


def _url(rel_path: str, config) -> str:
    """The URL of the page at `rel_path`, relative to its language root."""
    return File(rel_path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).url



"""The frame around every page, in the page's language: the texts the theme overrides need,
and the menu showing where an off-menu page (a card page) belongs.

- `on_files` at priority -110, after mkdocs-static-i18n's (-100): loads and checks the `shell:`
  texts of `data/site-labels.yml` (every problem at once, `file:line: key: what to do`), so a
  missing text stops the build before any page is rendered.
- `on_page_context` / `on_template_context` (the 404 page): put `shell` in the template
  context: `labels` (the page's language's texts), `locale`, and `in_language` (each
  language's own "in this language" phrase, for the language switcher,
  overrides/partials/alternate.html). Used by overrides/partials/menu-button.html, nav.html,
  nav-item.html, toc.html and overrides/404.html.
- `on_page_context` also marks, for a page that is not in the menu (`not_in_nav`: the card
  pages), the menu page whose address contains its own (the card index) as active while the
  page renders, so the menu highlights it; `on_post_page` clears the mark again.
- `on_post_page` at priority 100 and `on_post_template` (the 404 page) at priority 50 (before
  hooks/language_pages.py, at 0, moves a translated 404 page): names of another language that
  the page's language keeps (`names:` in data/site-labels.yml: "Kokemus voimavaraksi"
  on a Swedish page) are marked `<span lang="fi">` in the page's text (`guide.languages.parts`), for
  screen readers. Scripts are left alone, so the Content-Security-Policy's hashes of them
  (hooks/content_policy.py) hold whichever runs first.

mkdocs-static-i18n runs one build per language; page events see the page's own language.
Keeps no state between pages. Depends on `guide.languages.shell_labels`, `guide.languages.parts`, `guide.build_data`
(reading data/site-labels.yml) and `guide.shared.site_languages`.
"""

from __future__ import annotations


from mkdocs.plugins import event_priority

from guide import build_data
from guide.languages import parts as language_parts
from guide.languages import shell_labels
from guide.shared import site_languages

_marked: list = []
"""The menu page marked active for the page being rendered; emptied by on_post_page."""


@event_priority(-110)
def on_files(files, config):
    _labels(config)
    return files


def on_page_context(context, page, config, nav):
    context["shell"] = _shell(config, page.file.locale)
    if nav is not None and page not in nav.pages:
        _mark_nav_parent(page, nav, config)
    return context


def on_template_context(context, template_name, config):
    if "shell" not in context:
        context["shell"] = _shell(config, site_languages.current_language(config).locale)
    return context


@event_priority(100)
def on_post_page(output, page, config):
    while _marked:
        _marked.pop().active = False
    return _mark_names(output, page.file.locale, config)


@event_priority(50)
def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    return _mark_names(output, site_languages.current_language(config).locale, config)


def _mark_names(html: str, locale: str, config) -> str:
    root = build_data.root(config)
    with build_data.stops_build("Site labels (data/site-labels.yml)"):
        names = shell_labels.kept_names(shell_labels.labels_path(root), build_data.locales(config), root)
    return language_parts.mark(html, names, locale)


def _mark_nav_parent(page, nav, config) -> None:
    roots = {lang.link.lstrip("/") for lang in site_languages.site_languages(config)}
    by_url = {other.url: other for other in nav.pages}
    parent = shell_labels.nav_parent(page.url, list(by_url), roots)
    if parent is not None:
        by_url[parent].active = True  # MkDocs' setter marks its sections too
        _marked.append(by_url[parent])


def _shell(config, locale: str) -> dict:
    labels = _labels(config)
    return {
        "locale": locale,
        "labels": labels[locale],
        "in_language": {other: texts["in_this_language"] for other, texts in labels.items()},
    }


def _labels(config) -> dict[str, dict]:
    root = build_data.root(config)
    with build_data.stops_build("Site labels (data/site-labels.yml)"):
        return shell_labels.load(shell_labels.labels_path(root), build_data.locales(config), root)

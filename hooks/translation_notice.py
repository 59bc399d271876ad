"""Tell readers of an outdated translation that the default-language (Finnish) page is newer.

A translated page is outdated when the `translated_from` stamp in its front matter differs from
the current hash of its source page, or when it has no stamp (see `guide.translation.stamps`; the
same rule as `make translations`). A generated page (a card) has no source file to compare:
the hook that generates it writes `translation_outdated: true` into its front matter when the
card's language block is outdated (`guide.cards.model.Card.outdated`). For such a page this hook
puts `translation_notice` in the template context; `overrides/partials/translation-notice.html`,
included by the `content` block of `overrides/main.html`, renders it in the page's language
with a link to the source. The notice's texts live in that partial, keyed by locale; no
markup is made here.

- `on_page_context`, at the default priority: the latest event before the page is rendered,
  and any order is fine, since what it reads is ready by then (mkdocs-static-i18n built each
  page's `page.file.alternates` in its `on_files`). The link goes to that alternate, the same
  Finnish twin the language switcher links to. Default-language pages get no notice.

Keeps no state between builds. Depends on `guide.shared.site_languages` and `guide.translation.stamps`.
"""

from __future__ import annotations

from pathlib import Path

from guide.shared import site_languages
from guide.translation import stamps as translation_stamps

GENERATED_OUTDATED = "translation_outdated"
"""The front-matter key by which a generated translated page says it is outdated."""


def on_page_context(context, page, config, nav):
    context["translation_notice"] = _notice(page, config)
    return context


def _notice(page, config) -> dict | None:
    """What the partial needs for an outdated translated page, else None."""
    languages = site_languages.site_languages(config)
    default, lang = languages[0], next((lang for lang in languages if lang.locale == page.file.locale), None)
    if lang is None or lang.default or not _outdated(page, lang, default):
        return None
    twin = getattr(page.file, "alternates", {}).get(default.locale)
    return {"locale": lang.locale, "source_locale": default.locale, "source_url": twin.url if twin else default.link}


def _outdated(page, lang, default) -> bool:
    """A generated page says so in its front matter; a written one is compared with its source."""
    if page.meta.get(GENERATED_OUTDATED) is True:
        return True
    source = _default_source(page, lang, default)
    return source is not None and translation_stamps.page_stamps(Path(page.file.abs_src_path), source).outdated


def _default_source(page, lang, default) -> Path | None:
    """The default-language source of a translated page written in `docs_<locale>/`, if any."""
    if not page.file.abs_src_path:
        return None
    written = Path(page.file.abs_src_path).resolve()
    if not written.is_relative_to(lang.docs_dir.resolve()):
        return None
    source = default.source_of(written.relative_to(lang.docs_dir.resolve()).as_posix())
    return source if source.is_file() else None

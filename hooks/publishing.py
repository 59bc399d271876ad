"""Builds that are safe to publish: no local address in print, no edit link into nowhere.

- `on_config` (default priority: before mkdocs-static-i18n's at -100, and again in each
  language's build, deciding the same way each time):
  - a `site_url` that readers cannot reach (unset, `mkdocs serve`'s `http://127.0.0.1:8000/`,
    a private address; see `guide.safety.public_address`) is dropped. The card PDFs then print no web
    address, pages carry no canonical link, and no sitemap is written, since a sitemap needs
    absolute addresses. Material's JavaScript would fetch a sitemap only for head
    `link[rel=alternate]` elements, which `overrides/base.html` leaves out.
- `on_files` at priority -110, after mkdocs-static-i18n's (-100): without a public address,
  the sitemap template the plugin puts into the theme folders, no longer rendered, would be
  copied as a file; it is left out.
  - `PUBLISH=1` (`make publish`) stops the build unless `site_url` is a public https address
    (read as browsers read it; no user name, password, query or fragment); the message never
    repeats a password.
  - without `repo_url` there is no "edit this page" link: `edit_uri` is dropped with it.
- `on_nav`: the default language's build says in one line what was left out, as
  `hooks/cards.py` does for `CARDS_PDF=0` (the per-language builds would say it twice).

Depends on `guide.safety.public_address` and `guide.shared.site_languages`.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from guide.safety import public_address
from guide.shared import site_languages

log = get_plugin_logger("publishing")


def on_config(config):
    if os.environ.get("PUBLISH") == "1" and not public_address.is_publishable(config.site_url):
        raise PluginError(
            f"make publish needs the guide's public https address in SITE_URL (now: {public_address.shown(config.site_url)}): "
            f"{public_address.problem(config.site_url)}; run e.g. SITE_URL=https://opas.example.org/ make publish"
        )
    if not public_address.is_public(config.site_url):
        config.site_url = None
        config.theme.static_templates.discard("sitemap.xml")
    if not config.repo_url:
        config.edit_uri = config.edit_uri_template = None
    return config


@event_priority(-110)
def on_files(files, config):
    sitemap = files.get_file_from_path("sitemap.xml")
    if not config.site_url and sitemap is not None:
        files.remove(sitemap)
    return files


def on_nav(nav, config, files):
    if site_languages.current_language(config).default:
        left_out = [what for what, missing in (
            ("no web address in the PDFs, no canonical links and no sitemap (SITE_URL is not a public address)", not config.site_url),
            ("no edit links (REPO_URL is unset)", not config.repo_url),
        ) if missing]
        if left_out:
            log.info("Not for publishing: " + "; ".join(left_out) + ".")
    return nav

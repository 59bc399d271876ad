"""The guide's publisher in its pages, and no published build without one (`data/publisher.yml`).

- `on_config` (default priority, after hooks/publishing.py's: a build without a public address
  stops there first): loads and checks the file (every problem at once, `file:line: key: what
  to do`); with `PUBLISH=1` (`make publish`) stops the build while a setting is empty, naming
  each one and how to set it.
- `on_nav`: the default language's build (a preview) says in one line which settings are empty,
  as hooks/publishing.py does for the addresses.
- `on_page_content`: a page whose text has a marker (`{publisher_name}`, `{publisher_feedback}`,
  `{accessibility_reviewed}`: the accessibility statement and the "about" page) gets the value
  there in its own language, or a visible placeholder while it is empty.

The PDFs' author comes from the same file through hooks/cards.py. Keeps no state between
builds. Depends on `guide.safety.publisher`, `guide.build_data`, `guide.cards.render` (the templates' environment)
and `guide.shared.site_languages`.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from guide import build_data
from guide.cards import render as cards_render
from guide.safety import publisher as publisher_data
from guide.shared import site_languages

log = get_plugin_logger("publisher")


def on_config(config):
    publisher = build_data.publisher(config)
    if os.environ.get("PUBLISH") == "1" and publisher.unset:
        raise PluginError("make publish needs the guide's publisher; fill in data/publisher.yml:\n  " + "\n  ".join(publisher.unset.values()))
    return config


def on_nav(nav, config, files):
    publisher = build_data.publisher(config)
    if publisher.unset and site_languages.current_language(config).default:
        log.info(f"Not for publishing: the publisher is not set (data/publisher.yml: {', '.join(publisher.unset)}); "
                 "the accessibility statement and the about page show a placeholder.")
    return nav


def on_page_content(html, page, config, files):
    if not any(marker in html for marker in publisher_data.MARKERS):
        return html
    root = build_data.root(config)
    source = site_languages.shown(publisher_data.data_path(root), root)
    env = cards_render.environment(config.theme.dirs)
    return publisher_data.fill(html, build_data.publisher(config), page.file.locale, env, source)

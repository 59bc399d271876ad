"""A Content-Security-Policy on every built page, computed from the page itself (`csp`).

- `on_post_page` at priority -100, after every other hook has changed the page, so the hashes
  are those of the scripts the reader's browser gets.
- `on_post_template` at priority 100, before `language_pages` moves a translated 404 page to
  its language folder (it writes the output it is given): the 404 pages get the policy too.

Keeps no state. Depends on `csp`.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import csp


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    return _with_policy(output, page.file.src_uri)


@event_priority(100)
def on_post_template(output: str, template_name: str, config) -> str:
    return _with_policy(output, template_name) if template_name.endswith(".html") else output


def _with_policy(output: str, what: str) -> str:
    try:
        return csp.with_policy(output)
    except csp.NoCharset as problem:
        raise PluginError(f"{what}: {problem}; overrides/base.html's site_meta block must start with it") from None

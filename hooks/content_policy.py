"""The site's one Content-Security-Policy on every built page (`guide.safety.csp`), and no inline script
besides the theme's known ones.

- `on_post_page` at priority -100, after every other hook has changed the page, so the
  scripts checked are those the reader's browser gets; an unknown one stops the build.
- `on_post_template` at priority 100, before `language_pages` moves a translated 404 page to
  its language folder (it writes the output it is given): the 404 pages get the policy too.

Keeps no state. Depends on `guide.safety.csp`.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.safety import csp


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
    except csp.UnknownScript as problem:
        raise PluginError(f"{what}: {problem}. Remove it from the template or content that adds it; if it is the "
                          "theme's own after an upgrade, add it to hooks/guide/safety/csp.py's INLINE_SCRIPTS and the new policy "
                          "to deploy/nginx/vertaisryhmaopas-site.conf") from None

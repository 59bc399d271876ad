"""The Content-Security-Policy of the site: its own files, plus the hashes of the inline
scripts the theme and the guide are known to have (`INLINE_SCRIPTS`), fixed before any page
is built.

The policy is the same on every page and in the web server's header, and does not depend on
what a page holds: an inline script that is not one of `INLINE_SCRIPTS` (one that came in
through content, a title or a template change) is not certified by the page's own policy but
stops the build (`UnknownScript`). The hashes are sha256, as browsers hash a script's text, so
the policy needs no `'unsafe-inline'`. Nothing may come from another host. The policy goes into the page as
a `<meta http-equiv>` right after `<meta charset>`, before any script; a web server sends the
same policy as a header, with `frame-ancestors`, which a `<meta>` cannot carry
(deploy/nginx/security-headers.conf).

Inline scripts are found with Python's `html.parser`: the page here is the theme's output, and
the content inside it has already passed `guide.safety.sanitise`, which reads it as browsers do.
Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from html.parser import HTMLParser

INLINE_SCRIPTS = {
    # Material 9.8.1, material/templates/base.html (block container): ticks the content tab
    # that the address's #fragment names.
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
}
"""The only inline scripts a page may carry. After a theme upgrade the build names any new one;
check it, add it here, and copy the new policy into deploy/nginx/vertaisryhmaopas-site.conf."""
SOURCES = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # the search's WebAssembly (Pagefind); no eval of JavaScript
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
HEADER_ONLY = {"frame-ancestors": "'none'"}
"""Directives that browsers ignore in a <meta> policy."""
CHARSET = '<meta charset="utf-8">'
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class NoCharset(Exception):
    """The page has no `<meta charset="utf-8">` to put the policy after."""


class UnknownScript(Exception):
    """The page carries an inline script that is not one of INLINE_SCRIPTS."""


def inline_script_hashes(html: str) -> list[str]:
    """The `'sha256-…'` source of every inline script that runs, sorted and without repeats."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return sorted({_source_hash(script) for script in parser.scripts})


def unknown_scripts(html: str) -> list[str]:
    """The text of each inline script that runs and is not one of INLINE_SCRIPTS."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return [script for script in dict.fromkeys(parser.scripts) if script not in INLINE_SCRIPTS]


def policy(hashes: list[str], header: bool = False) -> str:
    """The policy text; `header=True` adds what only an HTTP header can carry."""
    sources = {**SOURCES, "script-src": " ".join([SOURCES["script-src"], *hashes])}
    return "; ".join(f"{name} {value}" for name, value in {**sources, **(HEADER_ONLY if header else {})}.items())


def site_policy(header: bool = False) -> str:
    """The one policy of every page (and, with `header=True`, of the web server)."""
    return policy(sorted({_source_hash(script) for script in INLINE_SCRIPTS}), header)


def with_policy(html: str) -> str:
    """The page with the site's policy as the first element after `<meta charset>`; raises
    UnknownScript if the page has an inline script the policy does not list."""
    if CHARSET not in html:
        raise NoCharset(f"no {CHARSET} to put the Content-Security-Policy after")
    unknown = unknown_scripts(html)
    if unknown:
        raise UnknownScript("an inline script that is not the theme's: " + "; ".join(
            f"{_source_hash(script)} {script.strip()[:80]!r}" for script in unknown))
    text = escape(site_policy(), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    return html.replace(CHARSET, f"{CHARSET}\n  {meta}", 1)


def _source_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        runs = (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES
        if tag == "script" and "src" not in attributes and runs:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None

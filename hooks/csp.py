"""The Content-Security-Policy of a built page: the site's own files, plus the hashes of the
inline scripts the page really carries.

The theme's few inline scripts are hashed from the page as built (sha256, as browsers hash
them), so the policy needs no `'unsafe-inline'` for scripts, and a script that arrives any
other way does not run. Nothing may come from another host. The policy goes into the page as
a `<meta http-equiv>` right after `<meta charset>`, before any script; a web server sends the
same policy as a header, with `frame-ancestors`, which a `<meta>` cannot carry
(deploy/nginx/security-headers.conf).

The HTML is read by Python's `html.parser`. Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from html.parser import HTMLParser

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


def inline_script_hashes(html: str) -> list[str]:
    """The `'sha256-…'` source of every inline script that runs, sorted and without repeats."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return sorted({_source_hash(script) for script in parser.scripts})


def policy(hashes: list[str], header: bool = False) -> str:
    """The policy text; `header=True` adds what only an HTTP header can carry."""
    sources = {**SOURCES, "script-src": " ".join([SOURCES["script-src"], *hashes])}
    return "; ".join(f"{name} {value}" for name, value in {**sources, **(HEADER_ONLY if header else {})}.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element after `<meta charset>`."""
    if CHARSET not in html:
        raise NoCharset(f"no {CHARSET} to put the Content-Security-Policy after")
    text = escape(policy(inline_script_hashes(html)), quote=False).replace('"', "&quot;")
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

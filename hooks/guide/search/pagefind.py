"""Index a built site with Pagefind (PyPI `pagefind[bin]`, which ships the binary).

Pagefind makes one index per `<html lang>`, split into small files that the browser fetches
only when the reader searches: `pagefind/pagefind.js`, the language's WebAssembly, and the
index and page fragments the words need. Each page is given to Pagefind as built, with the
base-form markers of `guide.search.words` added to its content; only the page's `<article>` is
indexed, without the parts listed in EXCLUDE.

Pure helpers: no MkDocs imports.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

OUTPUT = "pagefind"
ROOT_SELECTOR = "article"
EXCLUDE = (
    "[data-search-exclude]",   # crisis help box (the search shows it itself when it helps)
    ".headerlink",             # the ¶ after each heading
    ".md-content__button",     # "edit this page"
    ".translation-notice",     # "this translation is out of date"
)
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind",
)
"""Pagefind's own interfaces, which this site does not use (its interface is search.js)."""


@dataclass(frozen=True)
class Page:
    source_path: str
    """The page's file relative to the site folder (`sv/kortit/raha/index.html`)."""
    html: str


def index(site_dir: Path, pages: list[Page]) -> int:
    """Write the Pagefind bundle for `pages` into `site_dir/pagefind/`; returns the pages indexed.

    The pages are written to a temporary folder and indexed there by Pagefind's command line
    (about ten times faster here than its Python service API); raises IndexingFailed with
    Pagefind's own words when it fails."""
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        for page in pages:
            target = Path(folder, page.source_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.html, encoding="utf-8")
        result = subprocess.run(
            [str(_executable()), "--site", folder, "--output-path", str(output.resolve()), "--silent",
             "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(EXCLUDE)],
            capture_output=True, text=True,
        )
    if result.returncode:
        raise IndexingFailed((result.stdout + result.stderr).strip())
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return len(pages)


class IndexingFailed(Exception):
    """Pagefind stopped; the message is its output."""


def _executable() -> Path:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise IndexingFailed("the pagefind binary is missing; `make setup` installs it (pagefind[bin] in requirements.txt)")
    return found

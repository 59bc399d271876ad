"""The file a person really edits to change a page, for its "edit this page" link and for messages.

Translated pages live in `docs_<locale>/` and card pages are made from `data/cards/*.yml`,
both outside `docs_dir`; their edit links must open that source, and a problem found in such
a page must name it. Used by the hooks.
"""

from __future__ import annotations

import os
from pathlib import Path


def point_edit_link(file, source: Path, config) -> None:
    """Make `file`'s edit link open `source` (a path relative to docs_dir may climb out of it)."""
    file.edit_uri = Path(os.path.relpath(source, config.docs_dir)).as_posix()
    if file.page is not None:
        # Page computes edit_url once, from file.edit_uri, when the navigation is built.
        file.page._set_edit_url(config.repo_url, config.edit_uri, config.edit_uri_template)


def taken(files, made: list[tuple[str, Path]], languages, config) -> list[str]:
    """For each `(src_uri, made from)` whose src_uri a written file already has, a message
    naming both (a generated file must never replace a written one). `languages`: the site's
    (site_languages), to name a translated page's own folder before it is pointed there."""
    root = Path(config.config_file_path).parent
    return [
        f"{_shown(_written_source(uri, languages), root)} and {_shown(source, root)} both make {uri}: "
        "remove the written file (card pages and PDFs are made from data/cards/), or give the card another id"
        for uri, source in made if uri in files.src_uris
    ]


def _written_source(uri: str, languages) -> Path:
    """Where the file at `uri` (a `<locale>/…` path for a translation) is written."""
    for lang in languages:
        if not lang.default and uri.startswith(f"{lang.locale}/"):
            return lang.source_of(uri.removeprefix(f"{lang.locale}/"))
    return next(lang for lang in languages if lang.default).source_of(uri)


def _shown(path: Path | None, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).as_posix()
    except (TypeError, ValueError):
        return str(path)


def edited_source(file, config) -> Path | None:
    """The file a person edits to change `file`: its edit link's target, else its source."""
    if file.edit_uri:
        return (Path(config.docs_dir) / file.edit_uri).resolve()
    return Path(file.abs_src_path) if file.abs_src_path else None

"""Split the shared search index into one index per language.

mkdocs-static-i18n merges every language's entries into one `search/search_index.json`, so
searching on `/sv/` finds Finnish pages. Each language gets its own index under its root
(`/search/`, `/sv/search/`); locations are made relative to that root, which is the `base`
Material's JavaScript resolves them against (see `overrides/main.html`).

Pure helpers over the index as a dict; no MkDocs imports.
"""

from __future__ import annotations


def language_index(index: dict, locale: str, prefix: str, other_prefixes: list[str]) -> dict:
    """The entries under `prefix` ('' for the default language), located relative to it."""
    entries = [
        {**entry, "location": entry["location"].removeprefix(prefix)}
        for entry in index["docs"]
        if entry["location"].startswith(prefix)
        and not any(entry["location"].startswith(other) for other in other_prefixes)
    ]
    return {**index, "config": {**index["config"], "lang": [locale]}, "docs": entries}

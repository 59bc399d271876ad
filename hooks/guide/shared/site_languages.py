"""The site's languages and the folder that holds each one's Markdown.

The languages are declared once, under `plugins.i18n.languages` in mkdocs.yml. The default
language's pages live in `docs_dir`; every other language's in a sibling folder named
`docs_<locale>` (e.g. `docs_sv/`) at the same relative paths. This module turns that
declaration into `Language` records and checks that the folders mirror each other.
`languages_in_file` reads the same declaration straight from mkdocs.yml, for command-line
tools that run without a build (`make translations`).

Pure helpers: they read the config and the file system and import nothing from MkDocs'
plugin machinery, so the hooks and the tests share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

TWO_LETTER_FOLDER = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    default: bool
    link: str
    """The language's root URL path: `/` for the default, `/<locale>/` for the others."""
    docs_dir: Path

    def source_of(self, rel_path: str) -> Path:
        """Where the page at `rel_path` (relative to the language root) is written."""
        return self.docs_dir / rel_path


def site_languages(config) -> list[Language]:
    """The languages built by mkdocs-static-i18n, default first."""
    docs_dir = Path(config["docs_dir"])
    declared = config["plugins"]["i18n"].config.languages
    languages = [_language(lang.locale, lang.name, lang.default, lang.link, docs_dir) for lang in declared if lang.build]
    return sorted(languages, key=lambda lang: not lang.default)


def languages_in_file(config_file: Path) -> list[Language]:
    """The same languages, read from mkdocs.yml without loading MkDocs (for command-line tools)."""
    raw = read_config_file(config_file)
    docs_dir = config_file.parent / raw.get("docs_dir", "docs")
    declared = [lang for lang in _i18n_options(raw)["languages"] if lang.get("build", True)]
    languages = [
        _language(lang["locale"], lang.get("name", lang["locale"]), bool(lang.get("default")), None, docs_dir)
        for lang in declared
    ]
    return sorted(languages, key=lambda lang: not lang.default)


def _language(locale: str, name: str, default: bool, link: str | None, docs_dir: Path) -> Language:
    """One language; its pages are in `docs_dir` (default) or the sibling `docs_<locale>/`."""
    return Language(
        locale=locale,
        name=name,
        default=default,
        link=link or ("/" if default else f"/{locale}/"),
        docs_dir=docs_dir if default else docs_dir.with_name(f"docs_{locale}"),
    )


def read_config_file(config_file: Path) -> dict:
    """mkdocs.yml as plain data; a tag such as `!ENV [NAME, default]` reads as its last value."""
    return yaml.load(config_file.read_text("utf-8"), Loader=_PlainLoader)


class _PlainLoader(yaml.SafeLoader):
    pass


def _plain_tagged(loader: yaml.SafeLoader, tag_suffix: str, node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


_PlainLoader.add_multi_constructor("!", _plain_tagged)


def _i18n_options(raw: dict) -> dict:
    plugins = raw.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(entry.items())) for entry in plugins if isinstance(entry, dict)
    )
    return next(options for name, options in entries if name == "i18n")


def language_of(config, locale: str) -> Language:
    return next(lang for lang in site_languages(config) if lang.locale == locale)


def current_language(config) -> Language:
    """The language the current (per-language) build is producing."""
    return language_of(config, config["plugins"]["i18n"].current_language)


def source_files(folder: Path) -> list[str]:
    """Every non-hidden file below `folder`, as sorted POSIX paths relative to it."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def markdown_pages(folder: Path) -> set[str]:
    return {path for path in source_files(folder) if path.endswith(".md")} if folder.is_dir() else set()


def twin_problems(languages: list[Language], root: Path) -> list[str]:
    """One message per page that lacks its twin in another language, naming both paths."""
    pages = {lang.locale: markdown_pages(lang.docs_dir) for lang in languages}
    everywhere = set().union(*pages.values())
    problems = []
    for page in sorted(everywhere):
        present = [lang for lang in languages if page in pages[lang.locale]]
        for lang in languages:
            if page not in pages[lang.locale]:
                have = shown(present[0].source_of(page), root)
                want = shown(lang.source_of(page), root)
                problems.append(
                    f"{have} has no {lang.name} ({lang.locale}) twin: create {want} "
                    f"with the translated page, or remove {have}."
                )
    return problems


def locale_like_folders(default: Language, root: Path) -> list[str]:
    """Top-level folders in the default docs that mkdocs-static-i18n would take for a locale."""
    return [
        f"{shown(folder, root)}/ has a two-letter name, which mkdocs-static-i18n takes for a "
        f"language and silently drops: rename it (e.g. {folder.name}-files/)."
        for folder in sorted(default.docs_dir.iterdir())
        if folder.is_dir() and TWO_LETTER_FOLDER.match(folder.name)
    ]


def localized_uri(lang: Language, rel_path: str) -> str:
    """The `src_uri` under which mkdocs-static-i18n (folder mode) expects a page of `lang`."""
    return rel_path if lang.default else str(PurePosixPath(lang.locale) / rel_path)


def shown(path: Path, root: Path) -> str:
    """`path` as written from the project root (as given when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

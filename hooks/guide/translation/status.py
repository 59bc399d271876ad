"""`make translations`: what is missing, orphaned, different or outdated in each translation.

For every language declared in mkdocs.yml other than the default one, it compares:

- its pages (`docs_<locale>/`) with the default pages (`docs/`): missing pages, orphan pages
  (no source page), and for each pair of twins the same headings, links, lists and
  admonitions (`guide.languages.parity`);
- its block in each card (`data/cards/<id>.yml`) with the default block: every text present
  and not empty;
- each translation's `translated_from` stamp with its source's current hash
  (`guide.translation.stamps`): outdated translations. Under each, the Finnish changes since the
  stamped version, found in the source's git history (`guide.translation.history`), paragraph by
  paragraph or field by field with the changed words marked (`guide.translation.diff`,
  `guide.translation.report`).

Exit status: 1 when anything is missing, orphaned or structurally different; outdated
translations are listed but fail only with `--strict`. While a twin is outdated, its
structure differences are listed with it rather than failing (the source may have gained a
section that is not translated yet). `--stamp PATH...` records that the translations in those
files are up to date with their sources; `--lang LOCALE` limits everything to one language;
`--html` also writes the report as a web page under `.cache/` and prints its path.

Run as `PYTHONPATH=hooks python -m guide.translation.status [ROOT] [--strict] [--lang sv] [--html] [--stamp PATH ...]`.
Imports nothing from MkDocs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.shared import messages as cards_messages
from guide.languages import parity as page_parity
from guide.shared import site_languages
from guide.translation import diff as translation_diff
from guide.translation import history as translation_history
from guide.translation import report as translation_report
from guide.translation import stamps as translation_stamps
from guide.shared.site_languages import Language
from guide.translation.report import SourceChanges

PROJECT = Path(__file__).resolve().parents[3]

SECTIONS = {
    "missing": "Missing pages",
    "orphan": "Orphan pages",
    "card": "Missing card texts",
    "structure": "Structure differences",
    "outdated": "Outdated translations",
}
"""The kinds of finding, in the order they are printed, with their headings."""

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: ten times faster on the cards."""

FAILING = {"missing", "orphan", "card", "structure"}
"""Kinds that fail the check; "outdated" fails only with --strict."""


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    changes: SourceChanges | None = None
    """For an outdated translation: what changed in its source since it was stamped."""


@dataclass(frozen=True)
class Project:
    """What the checks read: the languages, where cards live, how Markdown is rendered."""

    root: Path
    languages: list[Language]
    cards_dir: Path
    markdown: tuple[list[str], dict]

    @classmethod
    def at(cls, root: Path) -> Project:
        config_file = root / "mkdocs.yml"
        raw = site_languages.read_config_file(config_file)
        return cls(root, site_languages.languages_in_file(config_file), root / "data" / "cards",
                   page_parity.markdown_options(raw))

    def shown(self, path: Path) -> str:
        return site_languages.shown(path, self.root)


# ---- Pages -------------------------------------------------------------------------------

def page_findings(project: Project, lang: Language) -> list[Finding]:
    """Missing and orphan pages of `lang`, then the differences of each pair of twins."""
    default = project.languages[0]
    ours, theirs = site_languages.markdown_pages(default.docs_dir), site_languages.markdown_pages(lang.docs_dir)
    found = [_missing_page(project, default, lang, page) for page in sorted(ours - theirs)]
    found += [_orphan_page(project, default, lang, page) for page in sorted(theirs - ours)]
    for page in sorted(ours & theirs):
        found += twin_findings(project, default.source_of(page), lang.source_of(page))
    return found


def twin_findings(project: Project, source: Path, translation: Path) -> list[Finding]:
    """An outdated stamp, and structure differences (which fail only when the stamp is current)."""
    outdated = _outdated_page(project, source, translation)
    differences = page_parity.differences(
        _structure(project, source), _structure(project, translation), project.shown(source), project.shown(translation)
    )
    kind = "outdated" if outdated else "structure"
    return ([outdated] if outdated else []) + [Finding(kind, message) for message in differences]


def _structure(project: Project, page: Path) -> list[page_parity.Element]:
    text = translation_stamps.without_front_matter(page.read_text("utf-8"))
    return page_parity.structure(text, project.markdown)


def _missing_page(project: Project, default: Language, lang: Language, page: str) -> Finding:
    want = project.shown(lang.source_of(page))
    return Finding("missing", f"{want} is missing: translate {project.shown(default.source_of(page))} "
                              f"into it, then stamp it ({_stamp_command(want)}).")


def _orphan_page(project: Project, default: Language, lang: Language, page: str) -> Finding:
    have, want = project.shown(lang.source_of(page)), project.shown(default.source_of(page))
    return Finding("orphan", f"{have} has no {default.name} ({default.locale}) source {want}: delete it, "
                             f"or move it to the path of the page it translates.")


def _outdated_page(project: Project, source: Path, translation: Path) -> Finding | None:
    stamp, current = translation_stamps.page_stamps(translation, source)
    ours, theirs = project.shown(source), project.shown(translation)
    fix = f"update the translation, then stamp it ({_stamp_command(theirs)})"
    if stamp is None:
        return Finding("outdated", f"{theirs} has no translated_from stamp, so it may be older than {ours}: "
                                   f"compare the two, {fix}.")
    if stamp != current:
        return Finding("outdated", f"{theirs} was translated from an older {ours} "
                                   f"(translated_from: \"{stamp}\", now \"{current}\"): {fix}.",
                       _page_changes(project, source, translation, stamp))
    return None


def _page_changes(project: Project, source: Path, translation: Path, stamp: str) -> SourceChanges:
    """The changes in the page `source` since the version stamped `stamp`, each with the
    section of `translation` it is translated in."""
    name, text = project.shown(source), _lf(source.read_bytes())
    found = translation_history.stamped_version(source, stamp, translation_stamps.short_hash)
    if isinstance(found, translation_history.Missing):
        return SourceChanges(name, stamp, missing=found.reason)
    ours, theirs = translation_diff.headings(text), translation_diff.headings(_lf(translation.read_bytes()))
    changes = translation_diff.page_changes(_lf(found.content), text, name, lambda line: translation_diff.twin_section(
        line, ours, theirs, project.shown(translation)))
    return SourceChanges(name, stamp, found.name, tuple(changes))


# ---- Cards -------------------------------------------------------------------------------

def card_findings(project: Project, lang: Language) -> list[Finding]:
    """Missing or empty texts and an outdated stamp in `lang`'s block of every card."""
    found = []
    for path in sorted(project.cards_dir.glob("*.yml")) if project.cards_dir.is_dir() else []:
        found += _card_file_findings(project, lang, path)
    return found


def _card_file_findings(project: Project, lang: Language, path: Path) -> list[Finding]:
    where, default = cards_messages.Where(path, project.root), project.languages[0].locale
    try:
        node, data = _parsed(path.read_text("utf-8"))
    except yaml.MarkedYAMLError as error:
        return [Finding("card", where.syntax_error(error))]
    if not isinstance(data, dict) or not isinstance(data.get(default), dict):
        return []  # not a card with texts: the build's card checks say what is wrong
    if not isinstance(data.get(lang.locale), dict):
        return [Finding("card", where.at(node, (default,), f"has no '{lang.locale}:' twin block; copy the "
                                         f"'{default}:' block as '{lang.locale}:' and translate every text."))]
    gaps = _gaps(data[default], data[lang.locale], ())
    found = [Finding("card", where.at(node, (lang.locale, *field), f"missing or empty; translate "
                                      f"{translation_diff.field_name((default, *field))}.")) for field in gaps]
    outdated = _outdated_block(project, where, node, data, lang.locale)
    return found + ([outdated] if outdated else [])


def _parsed(text: str):
    """The YAML node tree (for line numbers) and the data it holds, parsed once."""
    loader = YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _gaps(source, translation, field: tuple) -> list[tuple]:
    """The fields of `source` with no non-empty counterpart in `translation` (outermost only)."""
    if isinstance(source, dict):
        if not isinstance(translation, dict):
            return [field]
        keys = [key for key in source if key != translation_stamps.KEY]
        return [gap for key in keys for gap in _gaps(source[key], translation.get(key), (*field, key))]
    if isinstance(source, list):
        if not isinstance(translation, list):
            return [field]
        padded = translation + [None] * (len(source) - len(translation))
        return [gap for i, item in enumerate(source) for gap in _gaps(item, padded[i], (*field, i))]
    return [field] if translation is None or not str(translation).strip() else []


def _outdated_block(project: Project, where, node, data: dict, locale: str) -> Finding | None:
    default = project.languages[0].locale
    stamp, current = translation_stamps.card_stamps(data, default, locale)
    fix = (f"update the '{locale}:' texts, then stamp them "
           f"({_stamp_command(project.shown(where.path), locale, len(project.languages) > 2)})")
    if stamp is None:
        return Finding("outdated", where.at(node, (locale,), f"has no translated_from stamp, so it may be "
                                            f"older than the '{default}:' block: compare them, {fix}."))
    if stamp != current:
        return Finding("outdated", where.at(node, (locale,), f"was translated from an older '{default}:' block "
                                            f"(translated_from: \"{stamp}\", now \"{current}\"): {fix}."),
                       _block_changes(where, node, data, (default, locale), stamp))
    return None


def _block_changes(where, node, data: dict, locales: tuple[str, str], stamp: str) -> SourceChanges:
    """The changes in a card's default block since the version stamped `stamp`, each with the
    line of its translation in the `locale` block."""
    default, locale = locales
    name = f"the '{default}:' block of {where.name}"
    found = translation_history.stamped_version(where.path, stamp, lambda content: _block_stamp(content, default))
    if isinstance(found, translation_history.Missing):
        return SourceChanges(name, stamp, missing=found.reason)
    verbs = {"changed": "update it", "added": "translate the new text", "removed": "delete it"}
    changes = translation_diff.block_changes(_block(found.content, default), data[default],
                                             lambda field, kind: where.at(node, (locale, *field), verbs[kind]))
    return SourceChanges(name, stamp, found.name, tuple(changes))


def _block(content: bytes, locale: str) -> dict | None:
    """The `locale` block of a card's YAML, or None when it is not valid or has none."""
    try:
        data = yaml.load(content, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return None
    block = data.get(locale) if isinstance(data, dict) else None
    return block if isinstance(block, dict) else None


def _block_stamp(content: bytes, locale: str) -> str | None:
    block = _block(content, locale)
    return translation_stamps.block_hash(block) if block is not None else None


# ---- Report ------------------------------------------------------------------------------

def findings(project: Project, lang: Language) -> list[Finding]:
    return page_findings(project, lang) + card_findings(project, lang)


def title(project: Project, lang: Language) -> str:
    """The first line of a language's report."""
    default = project.languages[0]
    return f"{lang.name} ({lang.locale}) compared with {default.name} ({default.locale}):"


def sections(found: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Every section's heading and its findings, in the order they are printed."""
    return [(heading, [finding for finding in found if finding.kind == kind]) for kind, heading in SECTIONS.items()]


def report(project: Project, lang: Language, found: list[Finding], colour: bool = False,
           width: int | None = None) -> list[str]:
    """The lines printed for one language: every section, each finding under its heading, and
    under an outdated translation the changes in its source (coloured, wrapped to `width`)."""
    lines = [title(project, lang)]
    for heading, items in sections(found):
        lines.append(f"  {heading} ({len(items)}):" if items else f"  {heading}: none")
        for finding in items:
            lines.append(f"    - {finding.message}")
            lines += translation_report.text_lines(finding.changes, colour, width) if finding.changes else []
    return lines


def verdict(found: list[Finding], strict: bool) -> tuple[int, str]:
    """The exit status and the closing line."""
    failing = sum(finding.kind in FAILING for finding in found)
    outdated = len(found) - failing
    if failing or (strict and outdated):
        return 1, (f"FAILED: {failing} to fix, {outdated} outdated"
                   f"{' (--strict fails on outdated ones)' if strict and outdated else ''}. "
                   f"Fix the items above, then run make translations again.")
    if outdated:
        return 0, (f"OK: nothing is missing. {outdated} outdated (listed only; --strict fails on them): "
                   f"update them when you can.")
    return 0, "OK: every translation is complete and up to date."


def _stamp_command(path: str, locale: str | None = None, with_lang: bool = False) -> str:
    lang = f"--lang {locale} " if with_lang else ""
    return f'make translations ARGS="{lang}--stamp {path}"'


# ---- Stamping ----------------------------------------------------------------------------

def stamp(project: Project, languages: list[Language], path: Path) -> list[str]:
    """Record that the translations in `path` are up to date; one line per stamp written."""
    path = path.resolve()
    if path.suffix == ".yml" and path.parent == project.cards_dir.resolve():
        return [_stamp_card(project, lang, path) for lang in languages]
    lang = next((lang for lang in languages if path.is_relative_to(lang.docs_dir.resolve())), None)
    if lang is None or path.suffix != ".md":
        folders = ", ".join(f"{project.shown(lang.docs_dir)}/" for lang in languages)
        raise translation_stamps.StampError(
            f"{project.shown(path)}: not a translated page or a card; give a .md file in {folders} "
            f"or a card in {project.shown(project.cards_dir)}/")
    return [_stamp_page(project, lang, path)]


def _stamp_page(project: Project, lang: Language, path: Path) -> str:
    source = project.languages[0].source_of(path.relative_to(lang.docs_dir.resolve()).as_posix())
    if not source.is_file() or not path.is_file():
        raise translation_stamps.StampError(f"{project.shown(path)}: both it and its source "
                                            f"{project.shown(source)} must exist to be stamped")
    value = translation_stamps.page_hash(source)
    _rewrite(path, translation_stamps.stamped_page(_read(path), value))
    return f"stamped {project.shown(path)}: translated_from \"{value}\" ({project.shown(source)})"


def _stamp_card(project: Project, lang: Language, path: Path) -> str:
    default = project.languages[0].locale
    block = (yaml.safe_load(_read(path)) or {}).get(default)
    if not isinstance(block, dict):
        raise translation_stamps.StampError(f"{project.shown(path)}: no '{default}:' block to stamp from")
    value = translation_stamps.block_hash(block)
    try:
        _rewrite(path, translation_stamps.stamped_card(_read(path), lang.locale, value))
    except translation_stamps.StampError as error:
        raise translation_stamps.StampError(f"{project.shown(path)}: {error}") from None
    return f"stamped {project.shown(path)}: {lang.locale}.translated_from \"{value}\" ('{default}:' block)"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _lf(content: bytes) -> str:
    return content.decode("utf-8", "replace").replace("\r\n", "\n")


def _rewrite(path: Path, text: str) -> None:
    if text != _read(path):
        path.write_bytes(text.encode("utf-8"))


# ---- Command line ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Print the translation status (or stamp files); return the exit status."""
    args = _arguments().parse_args(argv)
    project = Project.at(Path(args.root).resolve())
    languages = [lang for lang in project.languages[1:] if args.lang in (None, lang.locale)]
    if not languages:
        print(f"No translated language {args.lang!r} in mkdocs.yml.", file=sys.stderr)
        return 2
    if args.stamp:
        return _stamp_all(project, languages, args.stamp)
    found = {lang.locale: findings(project, lang) for lang in languages}
    colour, width = _terminal()
    for lang in languages:
        print("\n".join(report(project, lang, found[lang.locale], colour, width)) + "\n")
    status, closing = verdict([item for items in found.values() for item in items], args.strict)
    print(closing)
    if args.html:
        print(f"The report as a web page: {_write_html(project, languages, found, closing)}")
    return status


def _terminal() -> tuple[bool, int | None]:
    """Colour (unless NO_COLOR is set) and the width to wrap to, on a terminal only: a report
    piped into a file or another program stays plain, one line per paragraph."""
    if not sys.stdout.isatty():
        return False, None
    return "NO_COLOR" not in os.environ, shutil.get_terminal_size().columns


def _write_html(project: Project, languages: list[Language], found: dict, closing: str) -> Path:
    """The same report as one web page under the project's .cache/; its path."""
    context = {"languages": [{"title": title(project, lang), "sections": sections(found[lang.locale])}
                             for lang in languages], "closing": closing, "source_locale": project.languages[0].locale}
    return translation_report.write_html(project.root, context)


def _stamp_all(project: Project, languages: list[Language], paths: list[str]) -> int:
    try:
        lines = [line for path in paths for line in stamp(project, languages, _located(project, path))]
    except translation_stamps.StampError as error:
        print(f"Not stamped: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def _located(project: Project, path: str) -> Path:
    """A path as typed: relative to the current folder, or else to the project."""
    return Path(path) if Path(path).exists() else project.root / path


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make translations", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(PROJECT), help="the project folder (default: this project)")
    parser.add_argument("--strict", action="store_true", help="fail on outdated translations too")
    parser.add_argument("--lang", metavar="LOCALE", help="only this language (e.g. sv)")
    parser.add_argument("--html", action="store_true",
                        help=f"also write the report as a web page ({translation_report.HTML_REPORT})")
    parser.add_argument("--stamp", nargs="+", metavar="PATH",
                        help="mark these translated pages or cards as up to date with their source")
    return parser


if __name__ == "__main__":
    sys.exit(main())

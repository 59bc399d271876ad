"""What the guide's source folders may hold, checked before MkDocs reads them.

- No symbolic link anywhere in the pages' folders (`docs/`, `docs_<locale>/`), `data/` or
  `overrides/`: MkDocs follows them and would publish whatever they point at (the build
  machine's files, `/proc/self/environ` with the build's secrets). Only the link's own path is
  named, never its target or the target's content.
- The pages' folders publish only pages and the file types in `STATIC_TYPES` (pictures that
  cannot carry scripts, PDFs). HTML, JavaScript or SVG files would be served on the site's
  own origin unchecked.
- Every page's front matter is a YAML mapping read with `guide.shared.yaml_strict` (no duplicate keys, no
  aliases, no huge input) using only `FRONT_MATTER_KEYS`, each with the type the theme
  expects: `title` and `description` non-empty texts, `hide` a list of the theme's names.
  MkDocs itself silently prints front matter it cannot read as page text and drops its keys.

Each problem is one line, `file:line: what is wrong; what to do`, all of them at once.
Pure helpers (no MkDocs imports); `content_safety` calls `problems` from `on_config`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from guide.shared import yaml_strict

STATIC_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf")
"""Files besides pages that the pages' folders may publish."""
PAGE_TYPE = ".md"
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""The front matter block exactly as MkDocs finds it (mkdocs.utils.meta.YAML_RE)."""
FRONT_MATTER_KEYS = {"title", "description", "hide", "translated_from", "translation_outdated"}
HIDE_NAMES = ("navigation", "toc", "footer", "path", "tags", "feedback")


def problems(root: Path, page_folders: list[Path], other_folders: list[Path]) -> list[str]:
    """Every problem in the source folders, one line each."""
    found = []
    for folder in [*page_folders, *other_folders]:
        found += [f"{_shown(path, root)}: a symbolic link: the build publishes only files kept in the project; "
                  "put the file itself here, or remove the link" for path in _links(folder)]
    if found:
        return found
    for folder in page_folders:
        for path in _files(folder):
            found += _file_problems(path, root)
    return found


def _links(folder: Path) -> list[Path]:
    if folder.is_symlink():
        return [folder]
    links = []
    for base, folders, files in os.walk(folder):
        links += [Path(base, name) for name in sorted(folders + files) if os.path.islink(os.path.join(base, name))]
        folders[:] = [name for name in folders if not os.path.islink(os.path.join(base, name))]
    return links


def _files(folder: Path) -> list[Path]:
    """The files MkDocs would read from `folder` (it leaves out names that start with a dot)."""
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _file_problems(path: Path, root: Path) -> list[str]:
    name, suffix = _shown(path, root), path.suffix.lower()
    if suffix == PAGE_TYPE:
        return [f"{name}:{line}: {message}" for line, message in front_matter_problems(path.read_bytes())]
    if suffix == ".svg":
        return [f"{name}: an SVG picture can carry scripts, so the guide does not publish SVG files: "
                "save it as .png or .webp and link that"]
    if suffix not in STATIC_TYPES:
        return [f"{name}: {suffix or 'files without an extension'} cannot be published from the pages' folders: "
                f"only pages (.md), pictures and PDFs ({', '.join(STATIC_TYPES)}); write the content as a page, "
                "or remove the file"]
    return []


def front_matter_problems(raw: bytes) -> list[tuple[int, str]]:
    """(line, message) for each problem of a page's front matter, or of its encoding."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [(raw.count(b"\n", 0, error.start) + 1, f"byte 0x{raw[error.start]:02x} is not UTF-8 text; save the page as UTF-8")]
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        return []
    try:
        node, data = yaml_strict.parse(match.group(1), first_line=1)
    except yaml_strict.StrictError as error:
        return [(error.problem_mark.line + 1, f"front matter: {error.problem}")]
    except yaml.MarkedYAMLError as error:
        line = (error.problem_mark.line + 2) if error.problem_mark else 1
        return [(line, f"the front matter is not valid YAML ({error.problem}); write one 'key: value' per line "
                       "between the --- lines and quote texts that contain ': '")]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [(2, "the front matter must be 'key: value' lines (title: …, description: …), not a list or a text")]
    return [(key_node.start_mark.line + 2, message)
            for key_node, value_node in node.value
            for message in _value_problems(key_node.value, data.get(key_node.value))]


def _value_problems(key: str, value) -> list[str]:
    if key not in FRONT_MATTER_KEYS:
        return [f"front matter key '{key}' is not used by this guide: remove it (known keys: {', '.join(sorted(FRONT_MATTER_KEYS))})"]
    if key in ("title", "description", "translated_from") and not (isinstance(value, str) and value.strip()):
        return [f"{key}: expected a text on one line, got {_kind(value)}; write e.g. {key}: Ryhmän aloittaminen, "
                "or remove the line"]
    if key == "hide" and not (isinstance(value, list) and value and all(item in HIDE_NAMES for item in value)):
        return [f"hide: expected a list of {', '.join(HIDE_NAMES)} (e.g. hide: [toc]), got {_kind(value)}"]
    if key == "translation_outdated" and not isinstance(value, bool):
        return [f"translation_outdated: expected true or false, got {_kind(value)}"]
    return []


def _kind(value) -> str:
    names = {type(None): "nothing", list: "a list", dict: "a mapping", bool: "true/false", int: "a number",
             float: "a number", str: "an empty text", bytes: "binary data", set: "a set"}
    return names.get(type(value), type(value).__name__)


def _shown(path: Path, root: Path) -> str:
    """`path` from the project root, without following links."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return path.as_posix()

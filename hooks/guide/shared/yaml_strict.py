"""Read YAML written by people (cards, data/*.yml, front matter) so that nothing is lost silently.

YAML itself lets the last of two equal keys win (a second `sv:` block silently replaces the
first translation) and lets aliases repeat a value (`*name`), which a few hundred bytes can
turn into gigabytes ("billion laughs"). Here a duplicate key, an alias (merge keys `<<:`
included) or a file larger than `MAX_CHARACTERS` is an error with the line to fix.

`parse` composes the node tree (kept for line numbers) with libyaml when PyYAML has it (ten
times faster), checks it, and builds the data from that same tree; a text libyaml rejects is
parsed again in pure Python, whose error messages are the ones reported. The aliases are
found by identity: an alias is the very node its anchor made, met a second time, so the
check never expands them. Pure helpers; no MkDocs imports.
"""

from __future__ import annotations

import yaml

MAX_CHARACTERS = 1_000_000
"""Far above any card or page header (the largest card is about 12 000 characters)."""


class StrictError(yaml.MarkedYAMLError):
    """YAML that parses but would lose or multiply content: a duplicate key, an alias, a huge file."""


def parse(text: str, first_line: int = 0):
    """The node tree and the data of `text`; raises yaml.MarkedYAMLError (StrictError for the
    rules above). `first_line` shifts the reported lines (front matter below a `---` line)."""
    if len(text) > MAX_CHARACTERS:
        raise StrictError(problem=f"the file holds {len(text)} characters, more than {MAX_CHARACTERS}; split it or shorten it",
                          problem_mark=yaml.Mark("", 0, first_line, 0, None, None))
    node = _compose(text)
    if node is None:
        return None, None
    _check(node, set(), node.start_mark, first_line)
    return node, yaml.SafeLoader("").construct_document(node)


def _compose(text: str):
    loaders = [getattr(yaml, "CSafeLoader", None), yaml.SafeLoader]
    for loader in filter(None, loaders):
        try:
            return yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError:
            if loader is yaml.SafeLoader:
                raise
    raise AssertionError("unreachable")


def _check(node, seen: set[int], mark, first_line: int) -> None:
    if id(node) in seen:
        raise _error("an alias (*name) repeats another value: write the value out where it is needed", mark, first_line)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key, value in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                raise _error("a merge key (<<: *name) repeats another mapping: write the keys out", key.start_mark, first_line)
            if isinstance(key, yaml.ScalarNode) and key.value in keys:
                raise _error(f"'{key.value}:' is written twice (first on line {keys[key.value] + first_line}); "
                             "keep one and merge what the other holds", key.start_mark, first_line)
            if isinstance(key, yaml.ScalarNode):
                keys[key.value] = key.start_mark.line + 1
            _check(key, seen, key.start_mark, first_line)
            _check(value, seen, key.start_mark, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check(item, seen, item.start_mark, first_line)


def _error(problem: str, mark, first_line: int) -> StrictError:
    shifted = yaml.Mark(mark.name, mark.index, mark.line + first_line, mark.column, None, None)
    return StrictError(problem=problem, problem_mark=shifted)

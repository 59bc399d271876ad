"""Card problems as messages a translator can act on: `file:line: field: what is expected`.

Turns `jsonschema` errors into plain sentences, finds the YAML line of a field from the
composed node tree, and checks the outline rules that the schema cannot express (phase
order, minutes that sum to the length, the same phases and list lengths in every language).
Pure helpers used by `cards_model`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

SLUG_EXAMPLE = "tyokyky-ja-palautuminen"
TEXT_KEYS = ("questions", "materials", "facilitator_notes")
LONGEST_WITHOUT_BREAK = 90


class Where:
    """A card file, for locating and wording its problems."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = _relative(path, root)

    def at(self, node, field: tuple, message: str) -> str:
        return f"{self.name}:{_line_of(node, field)}: {_dotted(field) or '(file)'}: {message}"

    def syntax_error(self, error: yaml.MarkedYAMLError) -> str:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        return f"{self.name}:{line}: YAML syntax error: {error.problem}; check the indentation and quote texts that contain ': '"

    def schema_errors(self, node, errors) -> list[str]:
        found = sorted(errors, key=lambda error: list(map(str, _field_of(error))))
        return [self.at(node, _field_of(error), _explained(error)) for error in found]


def outline_problems(where: Where, node, data: dict, locales: tuple[str, ...]) -> list[str]:
    """The rules a complete session outline must meet, beyond the schema."""
    problems = []
    if where.path.stem != data["id"]:
        problems.append(where.at(node, ("id",), f"'{data['id']}' does not match the file name {where.path.name}; rename the file to {data['id']}.yml or fix the id"))
    problems += _phase_problems(where, node, data)
    problems += _language_problems(where, node, data, locales)
    return problems


def duplicates(cards, root: Path) -> list[str]:
    """Ids used by two cards, and two cards at the same position in one model."""
    problems, seen_ids, seen_orders = [], {}, {}
    for card in cards:
        for key, seen, field, value in (
            (card.id, seen_ids, "id", card.id),
            ((card.model, card.order), seen_orders, "order", card.order),
        ):
            if key in seen:
                problems.append(f"{Where(card.source, root).name}: {field}: {value!r} is already used by {Where(seen[key].source, root).name}; every card needs its own")
            seen.setdefault(key, card)
    return problems


def _phase_problems(where: Where, node, data: dict) -> list[str]:
    phases, problems = data["phases"], []
    total = sum(phase["minutes"] for phase in phases)
    if total != data["minutes"]:
        problems.append(where.at(node, ("phases",), f"the phases' minutes add up to {total}, but minutes is {data['minutes']}; make them sum exactly to the card's length"))
    kinds = [phase["kind"] for phase in phases]
    for index, kind, rule in ((0, "check-in", "first"), (1, "introduction", "second"), (-1, "closing", "last")):
        if kinds[index:][:1] != [kind]:
            problems.append(where.at(node, ("phases",), f"the {rule} phase must be a {kind} (kind: {kind})"))
    for kind in ("discussion", "exercise"):
        if kind not in kinds:
            problems.append(where.at(node, ("phases",), f"needs at least one {kind} phase (kind: {kind})"))
    if data["minutes"] > LONGEST_WITHOUT_BREAK and "break" not in kinds:
        problems.append(where.at(node, ("phases",), f"a meeting longer than {LONGEST_WITHOUT_BREAK} minutes needs a break phase (kind: break)"))
    ids = [phase["id"] for phase in phases]
    problems += [where.at(node, ("phases", i, "id"), f"'{pid}' is used by two phases; phase ids must be unique") for i, pid in enumerate(ids) if pid in ids[:i]]
    return problems


def _language_problems(where: Where, node, data: dict, locales: tuple[str, ...]) -> list[str]:
    problems = [
        where.at(node, (), f"missing language block '{locale}:'; copy the '{locales[0]}:' block and translate every text")
        for locale in locales if locale not in data
    ]
    problems += [
        where.at(node, (key,), f"'{key}:' is not a language of the site ({', '.join(locales)}); fix the language code or remove the block")
        for key in data if len(key) == 2 and key != "id" and key not in locales
    ]
    present = [locale for locale in locales if locale in data]
    ids = [phase["id"] for phase in data["phases"]]
    for locale in present:
        texts = data[locale]["phases"]
        problems += [where.at(node, (locale, "phases"), f"no texts for phase '{pid}'; add '{pid}:' with a title and instructions") for pid in ids if pid not in texts]
        problems += [where.at(node, (locale, "phases", key), f"there is no phase '{key}' in this card (phase ids: {', '.join(ids)})") for key in texts if key not in ids]
        for key in TEXT_KEYS:
            first, here = len(data[present[0]][key]), len(data[locale][key])
            if here != first:
                problems.append(where.at(node, (locale, key), f"has {here} items but '{present[0]}.{key}' has {first}; every language needs the same items"))
    return problems


def _explained(error) -> str:
    """A jsonschema error as a sentence saying what is expected."""
    value, expected = error.instance, error.validator_value
    if error.validator == "required":
        missing = [key for key in expected if key not in value]
        return f"missing {', '.join(repr(key) for key in missing)}; add {'it' if len(missing) == 1 else 'them'}"
    if error.validator == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        unknown = [key for key in value if key not in known]
        hint = f"; expected one of: {', '.join(known)}" if known else ""
        return f"unknown key {', '.join(repr(key) for key in unknown)}{hint}"
    if error.validator == "type":
        quoted = "; write the number without quotes" if expected == "integer" and isinstance(value, str) else ""
        return f"expected {_type_name(expected)}, got {_type_name(value)} {value!r}{quoted}"
    if error.validator == "pattern":
        return "must not be empty" if expected == "\\S" else f"{value!r} must be a lowercase ASCII slug such as '{SLUG_EXAMPLE}'"
    if error.validator in ("minimum", "maximum"):
        bound = "at least" if error.validator == "minimum" else "at most"
        return f"must be {bound} {expected}, got {value}"
    if error.validator == "minItems":
        return f"needs at least {expected} items, has {len(value)}"
    if error.validator == "enum":
        return f"{value!r} is not allowed; expected one of: {', '.join(map(str, expected))}"
    return error.message


def _type_name(value) -> str:
    names = {"integer": "a whole number", "string": "a text", "object": "a mapping", "array": "a list",
             int: "the number", str: "the text", dict: "a mapping", list: "a list", bool: "the value", type(None): "nothing"}
    return names.get(value if isinstance(value, str) and value in names else type(value), str(value))


def _field_of(error) -> tuple:
    """The erring field; for an unknown key, the key itself rather than its parent."""
    field = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        field += (next(key for key in error.instance if key not in known),)
    return field


def _line_of(node, field: tuple) -> int:
    """The line of `field`'s key in the YAML (the parent's line when the field is missing)."""
    for depth, key in enumerate(field):
        pair = _child(node, key)
        if pair is None:
            break
        key_node, node = pair
        if depth == len(field) - 1:
            return key_node.start_mark.line + 1
    return node.start_mark.line + 1


def _child(node, key):
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key], node.value[key]
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _dotted(field: tuple) -> str:
    text = ""
    for key in field:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text

"""Card problems as messages a translator can act on: `file:line: field: what is expected`.

Turns `jsonschema` errors into plain sentences, finds the YAML line of a field from the
composed node tree, and checks the outline rules that the schema cannot express (the phase
order each kind of card needs, minutes that sum to the length, the same phases, list lengths
and optional blocks in every language, and the method cards a meeting card names).
Pure helpers used by `guide.cards.model`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guide.shared import yaml_strict

RESERVED_IDS = {"index": "the card index page (kortit/index.md)"}
"""Card ids whose page would replace another page of the guide."""
CARD_SUFFIX = ".yml"
SLUG_EXAMPLE = "tyokyky-ja-palautuminen"
TEXT_KEYS = ("questions", "materials", "facilitator_notes")
OPTIONAL_KEYS = ("adaptations", "opt_out", "handout")
"""Texts a card may have: in every language or in none."""
LONGEST_WITHOUT_BREAK = 90
METHOD = "method"
"""The kind of an activity method card: steps used inside meetings, not a meeting itself."""
METHOD_STEP_KINDS = ("introduction", "exercise", "discussion")


class Where:
    """A card file, for locating and wording its problems."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = _relative(path, root)

    def at(self, node, field: tuple, message: str) -> str:
        return f"{self.name}:{_line_of(node, field)}: {_dotted(field) or '(file)'}: {message}"

    def syntax_error(self, error: yaml.MarkedYAMLError) -> str:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        if isinstance(error, yaml_strict.StrictError):
            return f"{self.name}:{line}: {error.problem}"
        return f"{self.name}:{line}: YAML syntax error: {error.problem}; check the indentation and quote texts that contain ': '"

    def schema_errors(self, node, errors) -> list[str]:
        found = sorted(errors, key=lambda error: list(map(str, _field_of(error))))
        return [self.at(node, _field_of(error), _explained(error)) for error in found]


def outline_problems(where: Where, node, data: dict, locales: tuple[str, ...]) -> list[str]:
    """The rules a complete session outline must meet, beyond the schema."""
    problems = []
    if data["id"] in RESERVED_IDS:
        problems.append(where.at(node, ("id",), f"'{data['id']}' is reserved for {RESERVED_IDS[data['id']]}; choose another id and rename the file"))
    if where.path.stem != data["id"]:
        problems.append(where.at(node, ("id",), f"'{data['id']}' does not match the file name {where.path.name}; rename the file to {data['id']}.yml or fix the id"))
    problems += _phase_problems(where, node, data)
    problems += _language_problems(where, node, data, locales)
    if data["meeting"] == METHOD and "methods" in data:
        problems.append(where.at(node, ("methods",), "a method card cannot use other method cards; remove the list (meeting cards name the methods they use)"))
    return problems


class NotText(Exception):
    """A file that is not UTF-8 text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def read_text(path: Path) -> str:
    """A data file's text; raises NotText, with the line of the first byte that is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise NotText(f"(file): byte 0x{raw[error.start]:02x} is not UTF-8 text; save the file as UTF-8 "
                      "(in the editor: Save with encoding, UTF-8)", line) from None


def misnamed_files(cards_dir: Path, root: Path) -> list[str]:
    """Files in the cards folder that are not read as cards: only `<id>.yml` is."""
    return [
        f"{Where(path, root).name}: card files end in {CARD_SUFFIX} (this one is not read); rename it to {path.stem.lower()}{CARD_SUFFIX}"
        + (" or move it out of the folder" if path.suffix.lower() not in (".yml", ".yaml") else "")
        for path in sorted(cards_dir.iterdir())
        if path.suffix != CARD_SUFFIX and not path.name.startswith(".")
    ]


def duplicates(cards, root: Path) -> list[str]:
    """Ids used by two cards, and two cards at the same position in one model (meeting cards
    and method cards are numbered separately)."""
    problems, seen_ids, seen_orders = [], {}, {}
    for card in cards:
        for key, seen, field, value in (
            (card.id, seen_ids, "id", card.id),
            ((card.model, card.meeting == METHOD, card.order), seen_orders, "order", card.order),
        ):
            if key in seen:
                problems.append(f"{Where(card.source, root).name}: {field}: {value!r} is already used by {Where(seen[key].source, root).name}; every card needs its own")
            seen.setdefault(key, card)
    return problems


def method_problems(cards, root: Path) -> list[str]:
    """Each id in a meeting card's `methods:` must name a method card of the same model."""
    by_id, problems = {card.id: card for card in cards}, []
    for card in cards:
        wrong = [(index, name) for index, name in enumerate(card.methods) if _method_mismatch(card, by_id.get(name))]
        if not wrong:
            continue
        where, node = Where(card.source, root), yaml_strict.parse(card.source.read_text("utf-8"))[0]
        methods = sorted(other.id for other in cards if other.meeting == METHOD and other.model == card.model)
        known = f"method cards of this model: {', '.join(methods)}" if methods else "this model has no method cards yet"
        for index, name in wrong:
            other = by_id.get(name)
            if other is None or other.meeting != METHOD:
                what = "no card has this id" if other is None else f"its kind is {other.meeting}"
                problems.append(where.at(node, ("methods", index), f"'{name}' is not a method card ({what}); {known}"))
            else:
                problems.append(where.at(node, ("methods", index), f"'{name}' is a method card of {other.model}; use the {card.model} model's own ({known})"))
    return problems


def _method_mismatch(card, other) -> bool:
    return other is None or other.meeting != METHOD or other.model != card.model


def _phase_problems(where: Where, node, data: dict) -> list[str]:
    phases, problems = data["phases"], []
    total = sum(phase["minutes"] for phase in phases)
    if total != data["minutes"]:
        problems.append(where.at(node, ("phases",), f"the phases' minutes add up to {total}, but minutes is {data['minutes']}; make them sum exactly to the card's length"))
    kinds = [phase["kind"] for phase in phases]
    rules = {"method": _method_rules, "info": _info_rules}.get(data["meeting"], _meeting_rules)
    problems += [where.at(node, ("phases",), message) for message in rules(kinds, data["minutes"])]
    ids = [phase["id"] for phase in phases]
    problems += [where.at(node, ("phases", i, "id"), f"'{pid}' is used by two phases; phase ids must be unique") for i, pid in enumerate(ids) if pid in ids[:i]]
    return problems


def _meeting_rules(kinds: list[str], minutes: int) -> list[str]:
    """A group meeting: check-in, introduction, discussion, exercise, closing; a break when long."""
    problems = _order_rules(kinds, ((0, "check-in", "first"), (1, "introduction", "second"), (-1, "closing", "last")))
    problems += _needed(kinds, ("discussion", "exercise"))
    if minutes > LONGEST_WITHOUT_BREAK and "break" not in kinds:
        problems.append(f"a meeting longer than {LONGEST_WITHOUT_BREAK} minutes needs a break phase (kind: break)")
    return problems


def _info_rules(kinds: list[str], minutes: int) -> list[str]:
    """The info session: it opens by telling what the group is, answers questions, and closes."""
    problems = _order_rules(kinds, ((0, "introduction", "first"), (-1, "closing", "last")))
    problems += _needed(kinds, ("discussion",))
    if minutes > LONGEST_WITHOUT_BREAK and "break" not in kinds:
        problems.append(f"a meeting longer than {LONGEST_WITHOUT_BREAK} minutes needs a break phase (kind: break)")
    return problems


def _method_rules(kinds: list[str], minutes: int) -> list[str]:
    """A method card: its own steps; check-in, break and closing belong to the meeting around it."""
    problems = [
        f"a method card's steps are of kinds {', '.join(METHOD_STEP_KINDS)}; '{kind}' belongs to the meeting that uses the method"
        for kind in dict.fromkeys(kinds) if kind not in METHOD_STEP_KINDS
    ]
    return problems + _needed(kinds, ("exercise",))


def _order_rules(kinds: list[str], rules) -> list[str]:
    return [f"the {rule} phase must be {_a(kind)} (kind: {kind})" for index, kind, rule in rules if kinds[index:][:1] != [kind]]


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _needed(kinds: list[str], needed) -> list[str]:
    return [f"needs at least one {kind} phase (kind: {kind})" for kind in needed if kind not in kinds]


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
        problems += _optional_problems(where, node, data, present[0], locale)
    return problems


def _optional_problems(where: Where, node, data: dict, first: str, locale: str) -> list[str]:
    """Adaptations, opt-out and handout: in every language or none; the same keys and prompts."""
    if locale == first:
        return []
    problems, theirs, ours = [], data[first], data[locale]
    for key in OPTIONAL_KEYS:
        if (key in theirs) != (key in ours):
            fix = f"add '{key}:' translated from '{first}.{key}'" if key in theirs else f"remove it, or add it to '{first}' too"
            field = (locale,) if key in theirs else (locale, key)
            problems.append(where.at(node, field, f"'{first}' {'has' if key in theirs else 'has no'} '{key}:' but '{locale}' {'has not' if key in theirs else 'has'}; {fix}"))
    if "adaptations" in theirs and "adaptations" in ours:
        for name in sorted(set(theirs["adaptations"]) ^ set(ours["adaptations"])):
            problems.append(where.at(node, (locale, "adaptations"), f"'{first}.adaptations' and '{locale}.adaptations' differ in '{name}'; every language needs the same adaptations"))
    if "handout" in theirs and "handout" in ours:
        first_count, here = len(theirs["handout"]["prompts"]), len(ours["handout"]["prompts"])
        if first_count != here:
            problems.append(where.at(node, (locale, "handout", "prompts"), f"has {here} items but '{first}.handout.prompts' has {first_count}; every language needs the same items"))
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
    if error.validator == "uniqueItems":
        return "names the same card twice; list each method card once"
    if error.validator == "minProperties":
        return f"is empty; write at least one of: {', '.join(sorted(error.schema.get('properties', {})))}"
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

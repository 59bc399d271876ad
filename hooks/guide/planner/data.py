"""The meeting-series planner's settings and interface texts: load and check `data/planner-labels.yml`.

The file has one `settings:` block (each model's proposed series, the kinds that end a series,
the kinds that may be added but are in no proposal, the kinds attached to a meeting rather than
being one, the kinds placed months after the meeting before them, the default start time) and
one block of texts per language. Every problem of the file is reported at once, as
`file:line: key.path: what to do` (lines found as `guide.shared.messages` finds a card field's), so a
text missing in a language or a mistyped setting stops the build with a message a translator
or editor can act on. The models and meeting kinds it may name are those of the card schema.

Pure helpers: no MkDocs imports. Used by hooks/planner.py, `guide.planner.catalogue` and the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guide.shared.messages import Where
from guide.shared.data_files import Problems, is_text, missing_block, missing_texts, parsed, unknown_top_keys

TEXT_KEYS = (
    "choose_model", "settings_heading", "start_date", "start_time", "every", "every_hint", "place",
    "place_hint", "meetings_heading", "meeting_count", "empty", "add_label", "add_button",
    "own_meeting", "own_meeting_text", "move_up", "move_down", "remove", "methods", "attach_label",
    "attach_button", "detach", "meeting_time", "phases",
    "card_link", "pdf_link", "time_separator", "output_heading", "download", "download_hint",
    "print", "share_link", "share_hint", "copy_link", "copied", "copy_failed", "announce_model",
    "announce_added", "announce_removed", "announce_moved", "announce_attached", "announce_detached",
    "problems_heading", "problem_model", "problem_no_model", "problem_start", "problem_every",
    "problem_card", "problem_card_model", "problem_method", "problem_not_method",
    "load_failed", "print_heading", "print_place", "print_number", "print_date", "print_time",
    "print_meeting", "calendar_summary", "calendar_card", "calendar_pdf", "calendar_methods", "calendar_file",
    "calendar_name", "name_label", "gone_text", "clear_gone", "announce_gone_cleared", "calendar_cancelled",
    "problem_year", "problem_too_many", "announce_too_many", "notice_spring_gap",
    "every_hint_follow_up", "reschedule", "reschedule_date", "reschedule_time", "reschedule_follow",
    "reschedule_button", "skip_button", "skip_hint", "reset_button", "moved_mark", "announce_rescheduled",
    "announce_reschedule_invalid", "problem_at", "bar_label", "bar_download", "bar_print", "bar_share",
    "handout_link", "printables_heading", "invite_heading", "invite_intro", "invite_audience", "invite_contact",
    "invite_contact_hint", "invite_text_label", "invite_copy", "invite_copied", "invite_print", "invite_title",
    "invite_audience_line", "invite_dates", "invite_place", "invite_voluntary", "invite_contact_line",
    "print_card", "card_print_when", "card_print_next", "card_print_last",
)
"""Every text a language block must have, besides `model_notes` and `invite_models` (one per model) and `weekdays`."""
WEEKDAYS = 7
FILE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
MAX_EVERY = 365


@dataclass(frozen=True)
class ModelSettings:
    every: int
    """Days between meetings in the proposal."""
    own_minutes: int
    """The length of a meeting without a card."""
    meetings: int | None
    """How many regular meetings the proposal has; None when the model fixes no number."""


@dataclass(frozen=True)
class Planner:
    models: dict[str, ModelSettings]
    last_kinds: tuple[str, ...]
    optional_kinds: tuple[str, ...]
    """Kinds that may be added but are in no proposal."""
    attach_kinds: tuple[str, ...]
    """Kinds attached to a meeting, not meetings themselves."""
    gaps: dict[str, int]
    """Months between a meeting of this kind and the one before it."""
    start_time: str
    texts: dict[str, dict]
    """Per locale: every text (TEXT_KEYS), `model_notes` per model and `weekdays` (Monday first)."""


def data_path(root: Path) -> Path:
    return root / "data" / "planner-labels.yml"


def load(path: Path, locales: list[str], models: list[str], kinds: list[str], root: Path) -> Planner:
    """The planner's settings and texts; raises Problems listing everything to fix."""
    return _checked(path.read_text("utf-8"), path, root, tuple(locales), tuple(models), tuple(kinds))


@lru_cache(maxsize=8)
def _checked(text: str, path: Path, root: Path, locales: tuple, models: tuple, kinds: tuple) -> Planner:
    """Parsed and checked once per file text: every language's build asks for it."""
    where = Where(path, root)
    node, data = parsed(text, where, "settings, then one block per language")
    problems = unknown_top_keys(where, node, data, locales, ("settings",))
    settings = data.get("settings") if isinstance(data.get("settings"), dict) else {}
    if not settings:
        problems.append(where.at(node, ("settings",), "missing; add the 'settings:' block (models, last_kinds, optional_kinds, attach_kinds, gaps, start_time)"))
    problems += _settings_problems(where, node, settings, models, kinds)
    for locale in locales:
        problems += _text_problems(where, node, data.get(locale), locale, locales, models)
    if problems:
        raise Problems(problems)
    return Planner(
        models={model: _model(settings["models"][model]) for model in models},
        last_kinds=tuple(settings["last_kinds"]),
        optional_kinds=tuple(settings["optional_kinds"]),
        attach_kinds=tuple(settings["attach_kinds"]),
        gaps={kind: gap["months"] for kind, gap in settings["gaps"].items()},
        start_time=settings["start_time"],
        texts={locale: data[locale] for locale in locales},
    )


def _model(block: dict) -> ModelSettings:
    return ModelSettings(every=block["every"], own_minutes=block["own_minutes"], meetings=block.get("meetings"))


def _settings_problems(where: Where, node, settings: dict, models: tuple, kinds: tuple) -> list[str]:
    problems = []
    blocks = settings.get("models") if isinstance(settings.get("models"), dict) else {}
    for model in models:
        problems += _model_problems(where, node, ("settings", "models", model), blocks.get(model))
    problems += [where.at(node, ("settings", "models", model), f"'{model}' is not a model of the cards ({', '.join(models)}); fix or remove it")
                 for model in blocks if model not in models]
    for key in ("last_kinds", "optional_kinds", "attach_kinds"):
        listed = settings.get(key)
        if not isinstance(listed, list) or any(kind not in kinds for kind in listed):
            problems.append(where.at(node, ("settings", key), f"list kinds of the cards ({', '.join(kinds)}), e.g. [closing, follow-up], or []"))
    gaps = settings.get("gaps")
    if not isinstance(gaps, dict):
        problems.append(where.at(node, ("settings", "gaps"), "missing; map a meeting kind to its months, e.g. 'follow-up: {months: 6}'"))
    else:
        problems += [where.at(node, ("settings", "gaps", kind), f"'{kind}' is not a meeting kind of the cards ({', '.join(kinds)}); fix or remove it")
                     for kind in gaps if kind not in kinds]
        problems += [where.at(node, ("settings", "gaps", kind, "months"), "must be a whole number of months from 1 to 24")
                     for kind, gap in gaps.items() if not (isinstance(gap, dict) and _whole(gap.get("months"), 1, 24))]
    if not (isinstance(settings.get("start_time"), str) and CLOCK.fullmatch(settings["start_time"])):
        problems.append(where.at(node, ("settings", "start_time"), 'must be a clock time HH:MM in quotes, e.g. "17:00"'))
    return problems


def _model_problems(where: Where, node, field: tuple, block) -> list[str]:
    if not isinstance(block, dict):
        return [where.at(node, field, "missing; add the model's 'every:' (days) and 'own_minutes:'")]
    checks = [
        ("every", _whole(block.get("every"), 1, MAX_EVERY), f"must be a whole number of days from 1 to {MAX_EVERY}"),
        ("own_minutes", _whole(block.get("own_minutes"), 1, 600), "must be a whole number of minutes from 1 to 600"),
        ("meetings", "meetings" not in block or _whole(block["meetings"], 1, 52), "must be a whole number from 1 to 52, or left out"),
    ]
    problems = [where.at(node, (*field, key), message) for key, fine, message in checks if not fine]
    problems += [where.at(node, (*field, key), "unknown key; expected every, own_minutes or meetings")
                 for key in block if key not in ("every", "own_minutes", "meetings")]
    return problems


def _text_problems(where: Where, node, block, locale: str, locales: tuple, models: tuple) -> list[str]:
    if not isinstance(block, dict):
        return [missing_block(where, node, locale, locales)]
    problems = missing_texts(where, node, block, (locale,), TEXT_KEYS)
    notes = block.get("model_notes") if isinstance(block.get("model_notes"), dict) else {}
    problems += [where.at(node, (locale, "model_notes", model), "missing or empty; add the note in this language")
                 for model in models if not is_text(notes.get(model))]
    invites = block.get("invite_models") if isinstance(block.get("invite_models"), dict) else {}
    problems += [where.at(node, (locale, "invite_models", model), "missing or empty; add the model's two sentences for the invitation")
                 for model in models if not is_text(invites.get(model))]
    weekdays = block.get("weekdays")
    if not (isinstance(weekdays, list) and len(weekdays) == WEEKDAYS and all(map(is_text, weekdays))):
        problems.append(where.at(node, (locale, "weekdays"), "must list the 7 weekdays' short names, Monday first, e.g. [ma, ti, ke, to, pe, la, su]"))
    if is_text(block.get("calendar_file")) and not FILE_NAME.fullmatch(block["calendar_file"]):
        problems.append(where.at(node, (locale, "calendar_file"), "the calendar file's name: lowercase ASCII letters, digits and '-' only"))
    problems += [where.at(node, (locale, key), f"unknown key; expected one of the texts of the '{locales[0]}:' block")
                 for key in block if key not in (*TEXT_KEYS, "model_notes", "invite_models", "weekdays")]
    return problems


def _whole(value, lowest: int, highest: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and lowest <= value <= highest

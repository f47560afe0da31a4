"""Durations and activity kinds: norms from rules/data/activity_kinds.yml, profile overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rules.lib.knowledge import load
from rules.lib.text import normalise

# "15 menit", "1,5 jam", "2 hari kerja": a number then a unit word (norm texts in data).
_NORM_TEXT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)", re.IGNORECASE)

#: Units the rules understand, in working days / hours as the profile defines them.
UNIT_MINUTES_FIXED = {"detik": 1 / 60, "menit": 1.0, "jam": 60.0}
DAYS_PER_UNIT = {"hari": 1, "minggu": 5, "bulan": 22, "tahun": 260}
KNOWN_UNITS = frozenset(UNIT_MINUTES_FIXED) | frozenset(DAYS_PER_UNIT)


def unit_minutes(unit: str, workday_hours: float) -> float | None:
    """Minutes in one ``unit`` (a day being ``workday_hours`` long)."""
    unit = unit.lower()
    if unit in UNIT_MINUTES_FIXED:
        return UNIT_MINUTES_FIXED[unit]
    if unit in DAYS_PER_UNIT:
        return DAYS_PER_UNIT[unit] * workday_hours * 60
    return None


def parse_norm(text: str, workday_hours: float) -> float:
    """Minutes of a norm text from the data files ("2 hari"); ``ValueError`` when malformed."""
    match = _NORM_TEXT.match(text)
    minutes = unit_minutes(match.group(2), workday_hours) if match else None
    if match is None or minutes is None:
        raise ValueError(f"cannot read duration {text!r}")
    return float(match.group(1).replace(",", ".")) * minutes


def humanise(minutes: float, workday_hours: float, lang: str = "id") -> str:
    """Minutes as a short phrase: '3 hari 2 jam' / '3 days 2 hours'."""
    day = workday_hours * 60
    days, rest = divmod(round(minutes), round(day))
    hours, mins = divmod(rest, 60)
    words = {"id": ("hari", "jam", "menit"), "en": ("days", "hours", "minutes")}[
        "en" if lang == "en" else "id"
    ]
    parts = [f"{v} {w}" for v, w in zip((days, hours, mins), words, strict=True) if v]
    return " ".join(parts) or f"0 {words[2]}"


@dataclass(frozen=True)
class ActivityKind:
    """A kind of activity with its verbs and plausible time range (in norm texts)."""

    key: str
    name: dict[str, str]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    min: str
    max: str


@cache
def kinds() -> tuple[ActivityKind, ...]:
    return tuple(
        ActivityKind(
            key=raw["key"],
            name=raw["name"],
            verbs=tuple(normalise(v) for v in raw["verbs"]),
            objects=tuple(normalise(o) for o in raw.get("objects") or ()),
            min=raw["min"],
            max=raw["max"],
        )
        for raw in load("activity_kinds")["kinds"]
    )


#: How many words after the verb may hold the kind's object ("Membuat format …").
OBJECT_WINDOW = 4


@cache
def kind_of(activity: str | None) -> ActivityKind | None:
    """The kind of an activity from its opening verb (and object, when the kind names one)."""
    text = normalise(activity)
    for kind in kinds():
        for verb in kind.verbs:
            # a stem opens the text, possibly with a suffix ("memerintah" → "memerintahkan")
            if not text.startswith(verb):
                continue
            if not kind.objects:
                return kind
            window = " ".join(text[len(verb) :].split()[:OBJECT_WINDOW])
            if any(re.search(rf"\b{re.escape(o)}\b", window) for o in kind.objects):
                return kind
    return None

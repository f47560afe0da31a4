"""Per-cell accuracy of LKIP tables (indicators, agreement, budget) against ground truth.

Rows are paired by normalised name (indicator or program), falling back to position;
every field of a truth row is one cell, and every field of a row the extractor
invented counts as a wrong cell. Text cells compare case- and space-insensitively,
numbers to 1e-6 relative. Fields added to the record later (``OPTIONAL_FIELDS``: word
targets, budget levels) count where the truth states them or the extractor fills them,
so older truth files keep their cell totals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

INDICATOR_FIELDS = (
    "objective",
    "indicator",
    "unit",
    "target",
    "target_max",
    "actual",
    "achievement",
    "polarity",
    "target_text",
    "actual_text",
)
AGREEMENT_FIELDS = ("objective", "indicator", "unit", "target", "target_max", "target_text")
BUDGET_FIELDS = ("program", "ceiling", "realised", "percent", "level", "code")
OPTIONAL_FIELDS = frozenset({"target_text", "actual_text", "level", "code"})
TABLES = {
    "indicators": ("indicator", INDICATOR_FIELDS),
    "agreement_indicators": ("indicator", AGREEMENT_FIELDS),
    "budget": ("program", BUDGET_FIELDS),
}


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold()


def same(a: Any, b: Any) -> bool:
    if isinstance(b, int | float) and not isinstance(b, bool):
        return isinstance(a, int | float) and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if b is None or a is None:
        return a is None and b is None
    return _norm(a) == _norm(b)


@dataclass
class CellScore:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: CellScore) -> None:
        self.right += other.right
        self.total += other.total
        self.misses.extend(other.misses)

    @property
    def share(self) -> float:
        return 100.0 * self.right / self.total if self.total else 100.0


def _pairs(
    got: list[dict], want: list[dict], key: str
) -> tuple[list[tuple[dict | None, dict]], int]:
    free = list(range(len(got)))
    pairs: list[tuple[dict | None, dict]] = []
    for i, w in enumerate(want):
        j = next((j for j in free if _norm(got[j].get(key)) == _norm(w.get(key))), None)
        if j is None and i in free:
            j = i
        if j is not None:
            free.remove(j)
        pairs.append((got[j] if j is not None else None, w))
    return pairs, len(free)


def score_rows(
    got: list[dict], want: list[dict], key: str, fields: tuple[str, ...], label: str
) -> CellScore:
    sc = CellScore()
    pairs, extra = _pairs(got, want, key)
    for g, w in pairs:
        for f in fields:
            value = g.get(f) if g is not None else None
            if f in OPTIONAL_FIELDS and f not in w and value is None:
                continue
            sc.total += 1
            if g is not None and same(value, w.get(f)):
                sc.right += 1
            else:
                sc.misses.append(
                    f"{label} {w.get(key)!s:.40} {f}: got {value!r}, want {w.get(f)!r}"
                )
    sc.total += extra * len([f for f in fields if f not in OPTIONAL_FIELDS])
    if extra:
        sc.misses.append(f"{label}: {extra} extra rows")
    return sc


def score_tables(record: dict, truth: dict) -> dict[str, CellScore]:
    """Cell scores per table: indicators, agreement_indicators, budget (total row included)."""
    out = {}
    for name, (key, fields) in TABLES.items():
        got, want = list(record.get(name) or []), list(truth.get(name) or [])
        if name == "budget":
            got += [record["budget_total"]] if record.get("budget_total") else []
            want += [truth["budget_total"]] if truth.get("budget_total") else []
        out[name] = score_rows(got, want, key, fields, name)
    return out


#: The rule that must report each kind of planted defect (spec ``rule_hint``).
DEFECT_RULES = {
    "lkip.achievement_wrong": "CON101",
    "lkip.target_differs_from_agreement": "CON102",
    "lkip.year_inconsistent": "CON107",
    "lkip.budget_over_ceiling": "CON104",
    "lkip.budget_total_mismatch": "CON106",
    "lkip.rated_achievement_wrong": "CON108",
    "lkip.budget_subtotal_mismatch": "CON109",
    "lkip.analysis_missing": "STR106",
    "lkip.chapter_missing": "STR101",
    "lkip.chapter_order": "STR102",
    "legal_basis.revoked": "LEG008",
}


@dataclass
class RuleScore:
    """Planted defects found, and loud findings (error/warning) no defect explains."""

    found: int = 0
    planted: int = 0
    false: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: RuleScore) -> None:
        self.found += other.found
        self.planted += other.planted
        self.false += other.false
        self.misses.extend(other.misses)


def defect_found(defect: dict, loud: list[tuple[str, str]]) -> bool:
    """A loud (rule, path) finding reports the planted ``defect``."""
    code = DEFECT_RULES[defect["rule_hint"]]
    return any(rule == code and path.startswith(defect["where"]) for rule, path in loud)


def score_findings(loud: list[tuple[str, str]], truth: dict) -> RuleScore:
    """``loud``: (rule, path) of every error and warning reported on one document."""
    sc = RuleScore()
    defects = truth.get("defects") or []
    for d in defects:
        sc.planted += 1
        if defect_found(d, loud):
            sc.found += 1
        else:
            sc.misses.append(f"defect not found: {d['rule_hint']} at {d['where']}")
    for rule, path in loud:
        if not any(defect_found(d, [(rule, path)]) for d in defects):
            sc.false += 1
            sc.misses.append(f"false finding: {rule} {path}")
    return sc

"""Per-cell accuracy of LKIP tables (indicators, agreement, budget) against ground truth.

Rows are paired by normalised name (indicator or program), falling back to position;
every field of a truth row is one cell, and every field of a row the extractor
invented counts as a wrong cell. Text cells compare case- and space-insensitively,
numbers to 1e-6 relative.
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
)
AGREEMENT_FIELDS = ("objective", "indicator", "unit", "target", "target_max")
BUDGET_FIELDS = ("program", "ceiling", "realised", "percent")
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
            sc.total += 1
            value = g.get(f) if g is not None else None
            if g is not None and same(value, w.get(f)):
                sc.right += 1
            else:
                sc.misses.append(
                    f"{label} {w.get(key)!s:.40} {f}: got {value!r}, want {w.get(f)!r}"
                )
    sc.total += extra * len(fields)
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

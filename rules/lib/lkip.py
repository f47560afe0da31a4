"""Helpers of the LKIP rules: capaian formulas (domain.md §2.5), names, labels, tolerances."""

from __future__ import annotations

from functools import cache
from typing import Any

from rapidfuzz import fuzz

from extractor.models import BudgetLine, Indicator, LKIPRecord
from rules.lib.knowledge import load
from rules.lib.text import normalise


@cache
def knowledge() -> dict[str, Any]:
    return dict(load("lkip"))


def setting(name: str) -> float:
    return float(knowledge()[name])


def chapter_order() -> list[str]:
    return [c["key"] for c in knowledge()["chapters"]]


def chapter_label(key: str, lang: str) -> str:
    entry = next(c for c in knowledge()["chapters"] if c["key"] == key)
    return str(entry[lang])


def analyses() -> list[dict[str, Any]]:
    return list(knowledge()["analyses"])


def achievement(ind: Indicator, polarity: str | None = None) -> float | None:
    """Capaian recomputed from target and realisasi; None when it cannot be.

    higher: R/T×100; lower: (2T−R)/T×100; range [T, Tmax]: 100 inside, R/T×100 below,
    (2Tmax−R)/Tmax×100 above.
    """
    pol = polarity or ind.polarity or "higher"
    t, r = ind.target, ind.actual
    if t is None or r is None or t == 0:
        return None
    if ind.target_max is not None and pol == "range":
        hi = ind.target_max
        if t <= r <= hi:
            return 100.0
        if r < t:
            return r / t * 100
        return (2 * hi - r) / hi * 100 if hi else None
    if pol == "lower":
        return (2 * t - r) / t * 100
    return r / t * 100


def inverse_ratio(ind: Indicator) -> float | None:
    """T/R×100: the formula some reports use for lower-is-better indicators."""
    if ind.target is None or not ind.actual:
        return None
    return ind.target / ind.actual * 100


def budget_lines(record: LKIPRecord) -> list[tuple[str, BudgetLine]]:
    """(record path, line) for every budget line and the total row."""
    lines = [(f"budget[{i}]", b) for i, b in enumerate(record.budget)]
    if record.budget_total is not None:
        lines.append(("budget_total", record.budget_total))
    return lines


def best_match(name: str | None, candidates: list[Indicator]) -> Indicator | None:
    """The candidate with the same indicator name: exact (normalised) first, else the closest
    at or above the configured rapidfuzz ratio ("… SD" never pairs with "… SMP" when both
    are there)."""
    norm = normalise(name)
    if not norm:
        return None
    best, best_score = None, setting("name_match_ratio")
    for cand in candidates:
        other = normalise(cand.indicator)
        if other == norm:
            return cand
        score = fuzz.ratio(norm, other)
        if score >= best_score:
            best, best_score = cand, score
    return best


def fmt(value: float | None, lang: str) -> str:
    """A figure as the reader writes it: "95,76" (id) or "95.76" (en)."""
    if value is None:
        return "-"
    text = f"{value:,.2f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text

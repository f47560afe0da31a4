"""Helpers of the LKIP rules: capaian formulas (domain.md §2.5), names, labels, tolerances."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
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


def about_indicator(i: int, ind: Indicator, field: str) -> dict[str, Any]:
    """The finding fields that point at one field of ``indicators[i]``."""
    return {
        "section": "indicators",
        "path": f"indicators[{i}].{field}",
        "evidence": ind.indicator,
        "prov": ind.prov,
        "indicator": ind.indicator,
    }


def fmt(value: float | None, lang: str) -> str:
    """A figure as the reader writes it: "95,76" (id) or "95.76" (en)."""
    if value is None:
        return "-"
    text = f"{value:,.2f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


# --------------------------------------------------------------------------- nested budgets

#: The summed fields of a budget line, as the messages name them.
BUDGET_FIELDS = {
    "ceiling": {"id": "pagu", "en": "ceiling"},
    "realised": {"id": "realisasi", "en": "realisation"},
}


def budget_parents(record: LKIPRecord) -> list[int | None]:
    """For each budget line, the index of its parent line: the nearest line above it with
    a lower level (a program above its kegiatan); None for top lines and in flat tables."""
    parents: list[int | None] = []
    for i, line in enumerate(record.budget):
        parent = None
        if line.level is not None:
            for j in range(i - 1, -1, -1):
                above = record.budget[j].level
                if above is not None and above < line.level:
                    parent = j
                    break
        parents.append(parent)
    return parents


def budget_roots(record: LKIPRecord) -> list[BudgetLine]:
    """The lines the table's total adds up: those without a parent line."""
    return [b for b, p in zip(record.budget, budget_parents(record), strict=True) if p is None]


def budget_children(record: LKIPRecord) -> dict[int, list[int]]:
    """Index of every parent line → indices of its children, in order."""
    out: dict[int, list[int]] = {}
    for i, parent in enumerate(budget_parents(record)):
        if parent is not None:
            out.setdefault(parent, []).append(i)
    return out


def sum_mismatches(
    stated_line: BudgetLine, lines: list[BudgetLine]
) -> Iterator[tuple[str, dict[str, str], float, float]]:
    """(field, its labels, stated, sum) for each budget field of ``stated_line`` that
    differs from the sum of ``lines`` beyond the configured tolerance; fields with a
    missing figure are skipped."""
    tol = setting("budget_total_tolerance")
    for field, label in BUDGET_FIELDS.items():
        stated = getattr(stated_line, field)
        values = [getattr(b, field) for b in lines]
        if stated is None or any(v is None for v in values):
            continue
        summed = sum(values)
        if abs(summed - stated) > tol * max(abs(stated), 1.0):
            yield field, label, stated, summed


# --------------------------------------------------------------------------- word targets


@dataclass(frozen=True)
class Scale:
    """An ordered scale of word values (opini BPK, predikat SAKIP …), best first."""

    key: str
    labels: dict[str, str]
    indicator: tuple[re.Pattern[str], ...]
    ranks: dict[str, int]  # normalised value or alias → rank (0 = best)
    order: tuple[str, ...]

    def rank(self, value: str | None) -> int | None:
        return self.ranks.get(normalise(value))

    def names(self, indicator: str) -> bool:
        return any(p.search(indicator) for p in self.indicator)

    def describe(self, lang: str) -> str:
        """ "opini BPK: WTP > WDP > TW > TMP"."""
        return f"{self.labels[lang]}: {' > '.join(self.order)}"


@cache
def scales() -> tuple[Scale, ...]:
    out = []
    for entry in knowledge()["qualitative_scales"]:
        order = tuple(str(v) for v in entry["order"])
        ranks = {normalise(v): r for r, v in enumerate(order)}
        for value, aliases in (entry.get("aliases") or {}).items():
            ranks.update({normalise(a): order.index(str(value)) for a in aliases})
        pats = tuple(re.compile(p, re.IGNORECASE) for p in entry.get("indicator") or [])
        labels = {"id": entry["id"], "en": entry["en"]}
        out.append(Scale(entry["key"], labels, pats, ranks, order))
    return tuple(out)


def scale_for(indicator: str, *values: str | None) -> Scale | None:
    """The scale holding every value; when several do, the one the indicator's name points
    to, else the only generic one (no indicator words); None when unknown or ambiguous."""
    held = [s for s in scales() if all(s.rank(v) is not None for v in values)]
    if len(held) <= 1:
        return held[0] if held else None
    named = [s for s in held if s.names(indicator)]
    if len(named) == 1:
        return named[0]
    generic = [s for s in held if not s.indicator]
    return generic[0] if not named and len(generic) == 1 else None


def compare_words(indicator: str, target: str, actual: str) -> tuple[int, Scale | None] | None:
    """(sign, scale) of a word realisation against a word target: 1 better, 0 equal,
    -1 worse; None when neither the same words nor on one scale."""
    scale = scale_for(indicator, target, actual)
    if scale is not None:
        t, a = scale.rank(target), scale.rank(actual)
        assert t is not None and a is not None
        return (t > a) - (t < a), scale
    if normalise(target) == normalise(actual):
        return 0, None
    return None


def same_word(indicator: str, a: str, b: str) -> bool:
    """Two word values say the same ("WTP" and "Wajar Tanpa Pengecualian")."""
    hit = compare_words(indicator, a, b)
    return hit is not None and hit[0] == 0

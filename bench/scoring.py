"""Scoring an extracted SOP record against its ground truth (corpus truth.json).

Used by ``bench/accuracy.py`` (tables per input kind) and by the accuracy tests.
Each metric is a pair (right, total) so that figures add up over documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

IDENTITY_FIELDS = ("agency", "number", "title", "created", "revised", "effective")
APPROVER_FIELDS = ("position", "name", "nip")
METRICS = (
    "identity",
    "legal_basis_f1",
    "roles",
    "step_count",
    "actor",
    "symbol",
    "duration",
    "output",
    "next",
    "branch",
)


def _norm(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


@dataclass
class Score:
    """Counts of right answers per metric; legal basis as tp/fp/fn."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, metric: str, ok: bool, what: str = "") -> None:
        self.right[metric] = self.right.get(metric, 0) + int(ok)
        self.total[metric] = self.total.get(metric, 0) + 1
        if not ok and what:
            self.misses.append(f"{metric}: {what}")

    def merge(self, other: Score) -> None:
        for k, v in other.total.items():
            self.total[k] = self.total.get(k, 0) + v
            self.right[k] = self.right.get(k, 0) + other.right.get(k, 0)
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses.extend(other.misses)

    def rate(self, metric: str) -> float | None:
        if metric == "legal_basis_f1":
            if self.tp + self.fp + self.fn == 0:
                return None
            return 2 * self.tp / (2 * self.tp + self.fp + self.fn)
        total = self.total.get(metric, 0)
        return None if total == 0 else self.right.get(metric, 0) / total


def _citation_key(c: dict[str, Any]) -> tuple[str, str, Any]:
    return (_norm(c.get("type")), _norm(c.get("number")), c.get("year"))


def score_record(record: dict[str, Any], truth: dict[str, Any]) -> Score:
    """Compare an extracted record (as JSON) with its truth."""
    s = Score()
    ident, t_ident = record.get("identity") or {}, truth.get("identity") or {}
    for key in IDENTITY_FIELDS:
        s.add(
            "identity",
            _norm(ident.get(key)) == _norm(t_ident.get(key)),
            f"{key}: {ident.get(key)!r} != {t_ident.get(key)!r}",
        )
    got_ap, want_ap = ident.get("approved_by") or {}, t_ident.get("approved_by") or {}
    for key in APPROVER_FIELDS:
        s.add(
            "identity",
            _norm(got_ap.get(key)) == _norm(want_ap.get(key)),
            f"approved_by.{key}: {got_ap.get(key)!r} != {want_ap.get(key)!r}",
        )

    got = [_citation_key(c) for c in record.get("legal_basis") or []]
    want = [_citation_key(c) for c in truth.get("legal_basis") or []]
    remaining = list(want)
    for key in got:
        if key in remaining:
            remaining.remove(key)
            s.tp += 1
        else:
            s.fp += 1
            s.misses.append(f"legal_basis: unexpected {key}")
    s.fn += len(remaining)
    s.misses.extend(f"legal_basis: missing {k}" for k in remaining)

    s.add(
        "roles",
        [_norm(r) for r in record.get("roles") or []]
        == [_norm(r) for r in truth.get("roles") or []],
        f"{record.get('roles')} != {truth.get('roles')}",
    )
    steps = {st["number"]: st for st in record.get("steps") or []}
    t_steps = truth.get("steps") or []
    s.add("step_count", len(steps) == len(t_steps), f"{len(steps)} != {len(t_steps)}")
    for want_step in t_steps:
        n = want_step["number"]
        st = steps.get(n, {})
        s.add(
            "actor",
            _norm(st.get("actor")) == _norm(want_step.get("actor")),
            f"step {n}: {st.get('actor')!r} != {want_step.get('actor')!r}",
        )
        s.add(
            "symbol",
            st.get("symbol") == want_step.get("symbol"),
            f"step {n}: {st.get('symbol')!r} != {want_step.get('symbol')!r}",
        )
        got_min = (st.get("duration") or {}).get("minutes")
        want_min = (want_step.get("duration") or {}).get("minutes")
        s.add("duration", got_min == want_min, f"step {n}: {got_min!r} != {want_min!r}")
        s.add(
            "output",
            _norm(st.get("output")) == _norm(want_step.get("output")),
            f"step {n}: {st.get('output')!r} != {want_step.get('output')!r}",
        )
        if want_step.get("next") is not None:
            s.add(
                "next",
                list(st.get("next") or []) == list(want_step.get("next") or []),
                f"step {n}: {st.get('next')!r} != {want_step.get('next')!r}",
            )
        if want_step.get("branch_labels"):
            # a decision's answers ("Ya", "Tidak"), in the order of its exits
            got_labels = [_norm(b) for b in st.get("branch_labels") or []]
            s.add(
                "branch",
                got_labels == [_norm(b) for b in want_step["branch_labels"]],
                f"step {n}: {st.get('branch_labels')!r} != {want_step['branch_labels']!r}",
            )
    return s


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for sc in scores:
        out.merge(sc)
    return out

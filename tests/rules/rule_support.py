"""Helpers for the rules tests: the clean baseline record and patching it."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extractor.models import LKIPRecord, SOPRecord

HERE = Path(__file__).parent
CASES_DIR = HERE / "cases"
DATA_DIR = HERE / "data"
SEEDS_DIR = HERE / "seeds"


@cache
def _baseline_text() -> str:
    return (HERE / "baseline.yml").read_text("utf-8")


@cache
def _baseline() -> dict[str, Any]:
    return yaml.safe_load(_baseline_text())


def baseline_dict() -> dict[str, Any]:
    """The clean SOP record (tests/rules/baseline.yml) as a fresh dict."""
    return copy.deepcopy(_baseline())


def apply_patch(target: Any, patch: Any) -> Any:
    """Merge ``patch`` into ``target``: dicts merge, lists are replaced, except that a dict
    patch on a list merges items by index (an index equal to the length appends)."""
    if isinstance(patch, dict) and isinstance(target, dict):
        out = copy.deepcopy(target)
        for key, value in patch.items():
            out[key] = apply_patch(out.get(key), value)
        return out
    if isinstance(patch, dict) and isinstance(target, list):
        out = copy.deepcopy(target)
        for index, value in sorted(patch.items()):
            if index == len(out):
                out.append(value)
            else:
                out[index] = apply_patch(out[index], value)
        return out
    return copy.deepcopy(patch)


def patched_record(patch: dict[str, Any] | None, baseline: str = "sop") -> SOPRecord | LKIPRecord:
    """The SOP baseline (or, with ``baseline="lkip"``, baseline_lkip.yml) with ``patch``."""
    if baseline == "lkip":
        lkip = yaml.safe_load((HERE / "baseline_lkip.yml").read_text("utf-8"))
        return LKIPRecord.model_validate(apply_patch(lkip, patch or {}))
    return SOPRecord.model_validate(apply_patch(baseline_dict(), patch or {}))

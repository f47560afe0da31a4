"""Helpers of the LKIP tests: corpus documents, their truth, records extracted once."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LKIP_DIR = ROOT / "corpus" / "lkip"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor import extract  # noqa: E402
from extractor.models import LKIPRecord  # noqa: E402

DOC_IDS = sorted(p.parent.name for p in LKIP_DIR.glob("lkip-*/truth.json"))
KIND_FILES = {"pdf": "{id}.pdf", "docx": "{id}.docx", "scan": "scans/{id}.scan.pdf"}


def truth(doc_id: str) -> dict[str, Any]:
    return json.loads((LKIP_DIR / doc_id / "truth.json").read_text("utf-8"))


def doc_path(doc_id: str, kind: str) -> Path:
    return LKIP_DIR / doc_id / KIND_FILES[kind].format(id=doc_id)


@cache
def extracted(doc_id: str, kind: str) -> LKIPRecord:
    """The record read from one corpus file (cached for the session)."""
    result = extract(doc_path(doc_id, kind))
    assert result.record is not None, result.errors
    assert isinstance(result.record, LKIPRecord), f"{doc_id} [{kind}] not read as an LKIP"
    return result.record

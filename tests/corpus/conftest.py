"""Fixtures for the corpus renderer tests: the repo root on sys.path, the specs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))

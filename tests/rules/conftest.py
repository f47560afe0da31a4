"""Fixtures for the rules tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The helpers beside this file (rule_support.py) are imported by name; tests/ is not a
# package, so make this folder importable however pytest is invoked.
sys.path.insert(0, str(Path(__file__).parent))

from rule_support import patched_record

from extractor.models import SOPRecord


@pytest.fixture
def baseline() -> SOPRecord:
    """The clean baseline record (tests/rules/baseline.yml)."""
    return patched_record({})

"""Fixtures of the LKIP tests: the corpus documents, extracted once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The helpers beside this file (lkip_support.py) are imported by name; tests/ is not a
# package, so make this folder importable however pytest is invoked.
sys.path.insert(0, str(Path(__file__).parent))

from lkip_support import DOC_IDS


@pytest.fixture(params=DOC_IDS)
def doc_id(request: pytest.FixtureRequest) -> str:
    return str(request.param)

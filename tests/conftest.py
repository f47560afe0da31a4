"""Shared fixtures: paths to the seeds and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """shared/seeds beside the repository (CI clones main with shared/ beside it)."""
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside the repository")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS

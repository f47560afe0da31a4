"""The hostile corpus, generated once per session into a temporary folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# tests/ is not a package: make the helpers beside this file (and tests/api's) importable.
HERE = Path(__file__).parent
for folder in (HERE, HERE.parent / "api"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from hostile_corpus import build  # noqa: E402


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every hostile file by name (about 60 MB on disk, most of it the 50 MB line)."""
    return build(tmp_path_factory.mktemp("hostile"))

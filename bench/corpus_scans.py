"""``corpus/scans.py`` (the scan and photo generator) for the benchmarks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def scans_module() -> ModuleType:
    """``corpus/scans.py``, imported by path once (corpus is not a package)."""
    if "corpus_scans" not in sys.modules:
        spec = importlib.util.spec_from_file_location("corpus_scans", ROOT / "corpus" / "scans.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["corpus_scans"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["corpus_scans"]

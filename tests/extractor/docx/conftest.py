"""Make this folder's helpers (docx_build, docx_corpus_eval) importable under importlib mode."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

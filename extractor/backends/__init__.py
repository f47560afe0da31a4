"""Backends: one per input kind, each turning bytes into a ``LayoutDocument``.

Each backend module exposes ``parse(data: bytes, options: ExtractionOptions) ->
LayoutDocument`` and raises ``extractor.errors.InputError`` for unusable input.
Modules are imported lazily so that, e.g., reading a text export never loads
OpenCV.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from extractor.layout import LayoutDocument
from extractor.options import ExtractionOptions

Parse = Callable[[bytes, ExtractionOptions], LayoutDocument]

BACKENDS: dict[str, str] = {
    "pdf": "extractor.backends.pdf",
    "image": "extractor.backends.ocr",
    "docx": "extractor.backends.docx",
    "html": "extractor.backends.text",
    "text": "extractor.backends.text",
}


def backend_for(kind: str) -> Parse:
    """The ``parse`` function of the backend for an input kind."""
    module = importlib.import_module(BACKENDS[kind])
    parse: Parse = module.parse
    return parse

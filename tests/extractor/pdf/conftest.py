"""Fixtures: synthetic SOP PDFs drawn in the test session, parsed once per variant."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# importlib import mode: make this folder's helpers (pdf_fixtures, pdf_corpus_eval) importable
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from pdf_fixtures import Options, Truth, sop_pdf  # noqa: E402

from extractor.backends.pdf import parse  # noqa: E402
from extractor.layout import LayoutDocument  # noqa: E402
from extractor.options import ExtractionOptions  # noqa: E402

VARIANTS = {
    # reportlab-style: one path per connector, tables ruled with lines
    "paths": Options(),
    # LibreOffice-style: thin filled rects as borders, connectors as separate pieces,
    # the table broken over two pages with an off-page connector
    "pieces": Options(split_connectors=True, rect_borders=True, steps_per_page=5, offpage=True),
}


@pytest.fixture(scope="session", params=sorted(VARIANTS))
def parsed(request: pytest.FixtureRequest) -> tuple[LayoutDocument, Truth, str]:
    data, truth = sop_pdf(VARIANTS[request.param])
    return parse(data, ExtractionOptions()), truth, request.param


@pytest.fixture(scope="session")
def single_page() -> tuple[LayoutDocument, Truth]:
    data, truth = sop_pdf(Options())
    return parse(data, ExtractionOptions()), truth

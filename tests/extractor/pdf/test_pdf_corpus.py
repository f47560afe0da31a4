"""Corpus PDFs (reportlab and LibreOffice renders) against their truth.json.

One document per producer runs by default; the whole corpus is marked slow.
"""

from __future__ import annotations

import pytest
from pdf_corpus_eval import corpus_pdfs, score

from extractor.backends.pdf import parse
from extractor.options import ExtractionOptions

QUICK = "sop-001-"
CASES = corpus_pdfs()


def _param(pdf, truth):  # type: ignore[no-untyped-def]
    marks = [] if pdf.name.startswith(QUICK) else [pytest.mark.slow]
    return pytest.param(pdf, truth, id=pdf.name, marks=marks)


@pytest.mark.skipif(not CASES, reason="the corpus has not been rendered")
@pytest.mark.parametrize(("pdf", "truth"), [_param(p, t) for p, t in CASES])
def test_role_column_and_shape_kind_of_every_step(pdf, truth):
    doc = parse(pdf.read_bytes(), ExtractionOptions())
    s = score(doc, truth)
    assert s.role_ok == s.kind_ok == s.steps, s.failures
    if pdf.name.endswith(".lo.pdf"):
        # LibreOffice cuts connectors that cross a page break (no off-page symbols
        # in the DOCX it renders): those steps lose one `next`
        assert s.next_ok >= 0.85 * s.steps, s.failures
    else:
        assert s.next_ok == s.steps, s.failures
    assert doc.source_kind == "text_layer" and doc.notes == []

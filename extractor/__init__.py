"""sopcheck extractor: documents (PDF, scan, DOCX, text) → structured SOP/LKIP records."""

from extractor.errors import ErrorItem, InputError
from extractor.models import LKIPRecord, Record, SOPRecord
from extractor.options import ExtractionOptions
from extractor.pipeline import ExtractionResult, extract

__all__ = [
    "ErrorItem",
    "ExtractionOptions",
    "ExtractionResult",
    "InputError",
    "LKIPRecord",
    "Record",
    "SOPRecord",
    "extract",
]

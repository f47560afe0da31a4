"""Extraction options, resolved once at the public entry point."""

from __future__ import annotations

from pydantic import BaseModel, Field

DEFAULT_OCR_DPI = 300
DEFAULT_MAX_PAGES = 200
DEFAULT_WORKDAY_HOURS = 8.0


class ExtractionOptions(BaseModel):
    """How to read a document. Accepts ``None | dict | ExtractionOptions`` via :meth:`resolve`."""

    ocr_lang: str = Field(default="ind+eng", description="Tesseract languages")
    ocr_dpi: int = Field(default=DEFAULT_OCR_DPI, description="render resolution for scanned pages")
    force_ocr: bool = Field(default=False, description="OCR every page even with a text layer")
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, description="longer documents are refused")
    workday_hours: float = Field(
        default=DEFAULT_WORKDAY_HOURS, description="hours in a working day, for Hari durations"
    )

    @classmethod
    def resolve(cls, value: ExtractionOptions | dict | None) -> ExtractionOptions:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls.model_validate(value)

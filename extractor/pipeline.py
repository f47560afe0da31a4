"""extract(): bytes → detect → backend → blocks → SOP/LKIP record, with status and errors."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from extractor.backends import backend_for
from extractor.detect import detect
from extractor.errors import ErrorItem, InputError
from extractor.layout import LayoutDocument
from extractor.models import LKIPRecord, SOPRecord, Source
from extractor.options import ExtractionOptions

log = logging.getLogger(__name__)

MAX_BYTES = 100 * 1024 * 1024


class ExtractionResult(BaseModel):
    """What ``extract`` returns: a record, or the reasons there is none."""

    status: Literal["success", "partial_success", "failure"]
    record: SOPRecord | LKIPRecord | None = None
    errors: list[ErrorItem] = Field(default_factory=list)
    source: Source

    @property
    def ok(self) -> bool:
        return self.record is not None


def _source_kind_label(kind: str, layout: LayoutDocument | None) -> str:
    if kind == "pdf" and layout is not None and layout.source_kind == "ocr":
        return "scan"
    return kind


def read_layout(data: bytes, options: ExtractionOptions | dict | None = None) -> LayoutDocument:
    """Detect the kind and run its backend; raises ``InputError`` for unusable input."""
    opts = ExtractionOptions.resolve(options)
    if not data:
        raise InputError("empty_file")
    detected = detect(data)
    if detected.kind is None:
        raise InputError("unsupported_type", detected.label or detected.media_type)
    return backend_for(detected.kind)(data, opts)


def extract(
    data: bytes | str | Path,
    filename: str | None = None,
    options: ExtractionOptions | dict | None = None,
) -> ExtractionResult:
    """Read one document into a structured record.

    ``data`` is the file's bytes or a path. Never raises for bad input: the result
    then has ``status="failure"`` and bilingual ``errors``.
    """
    from extractor.classify import parse_blocks  # local: keeps import light for the CLI

    opts = ExtractionOptions.resolve(options)
    if isinstance(data, str | Path):
        path = Path(data)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            err = InputError("file_not_found", f"{path} ({exc.strerror})")
            src = Source(filename=filename, sha256="", media_type="application/octet-stream")
            return ExtractionResult(status="failure", errors=[err.item()], source=src)
    filename = filename or "document"
    detected = detect(data) if data else None
    source = Source(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=detected.media_type if detected else "application/octet-stream",
    )
    layout: LayoutDocument | None = None
    try:
        if len(data) > MAX_BYTES:
            raise InputError("too_large", f"{len(data) / 1e6:.0f} MB", limit="100 MB")
        layout = read_layout(data, opts)
        source.pages = layout.pages
        source.ocr = layout.source_kind == "ocr"
        source.ocr_confidence = layout.ocr_confidence
        source.kind_detected = _source_kind_label(detected.kind if detected else "", layout)
        record = parse_blocks(layout, source, opts)
    except InputError as exc:
        return ExtractionResult(status="failure", errors=[exc.item()], source=source)
    except MemoryError:  # a bomb under a memory limit (see extractor.isolation)
        err = InputError("out_of_memory")
        return ExtractionResult(status="failure", errors=[err.item()], source=source)
    except Exception as exc:  # a bug must fail this document only, with a clear message
        log.exception("extraction failed for %s", filename)
        err = InputError("internal_error", type(exc).__name__)
        return ExtractionResult(status="failure", errors=[err.item()], source=source)
    status: Literal["success", "partial_success"] = (
        "partial_success" if record.extraction_notes else "success"
    )
    return ExtractionResult(status=status, record=record, source=source)

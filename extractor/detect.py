"""Detect the input kind from the bytes, never from the file name."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

InputKind = Literal["pdf", "image", "docx", "html", "text"]

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "image/png": "image/png",
    "image/jpeg": "image/jpeg",
    "image/tiff": "image/tiff",
    "image/bmp": "image/bmp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "text": "text/plain",
}

_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)

# Other binary formats people upload by mistake, named in the error message.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office 97-2003 (DOC/XLS)"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x1f\x8b", "gzip"),
    (b"GIF8", "GIF"),
    (b"RIFF", "RIFF (WEBP/AVI/WAV)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
)


class Detected:
    """Result of sniffing: the kind, the media type, and for unknown input a label."""

    def __init__(self, kind: InputKind | None, media_type: str, label: str = ""):
        self.kind = kind
        self.media_type = media_type
        self.label = label

    def __repr__(self) -> str:
        return f"Detected({self.kind!r}, {self.media_type!r})"


#: Share of NUL bytes in one byte lane (odd or even) above which text is UTF-16 without a BOM.
UTF16_NUL_SHARE = 0.9


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like BOM-less UTF-16 of mostly Latin
    text (one NUL in every pair, in the same lane), else None."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    odd_nul = head[1 : 2 * pairs : 2].count(0) / pairs
    even_nul = head[0 : 2 * pairs : 2].count(0) / pairs
    if odd_nul >= UTF16_NUL_SHARE and even_nul < 0.1:
        return "utf-16-le"
    if even_nul >= UTF16_NUL_SHARE and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    encoding = utf16_without_bom(head)
    if encoding is not None:
        head = head[: len(head) // 2 * 2].decode(encoding, errors="replace").encode("utf-8")
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control <= max(2, len(head) // 200)


def detect(data: bytes) -> Detected:
    """Sniff the content: PDF, image, DOCX (a zip holding word/document.xml), HTML or text."""
    head = data[:4096]
    stripped = head.lstrip()
    if b"%PDF-" in head[:1024]:
        return Detected("pdf", MEDIA_TYPES["pdf"])
    for magic, media in _IMAGE_MAGIC:
        if head.startswith(magic):
            return Detected("image", media)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return Detected(None, "application/zip", "zip (corrupt)")
        if "word/document.xml" in names:
            return Detected("docx", MEDIA_TYPES["docx"])
        return Detected(None, "application/zip", "zip")
    for magic, label in _OTHER_MAGIC:
        if head.startswith(magic):
            return Detected(None, "application/octet-stream", label)
    if not _looks_like_text(head):
        return Detected(None, "application/octet-stream", "binary")
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in head.lower():
        return Detected("html", MEDIA_TYPES["html"])
    return Detected("text", MEDIA_TYPES["text"])

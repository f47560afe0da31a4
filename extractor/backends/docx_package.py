"""Open a DOCX package safely: zip sanity and bomb checks, bounded reads of the parts we use."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from extractor.backends.docx_xml import parse_xml, q
from extractor.errors import InputError

MAX_MEMBERS = 10_000
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # all members, as declared
# Deflate ratio above which a large member is taken for a zip bomb. Office XML
# compresses 5-30x; a run of one repeated byte compresses ~1000x.
MAX_RATIO = 200.0
RATIO_MIN_BYTES = 1024 * 1024

MAIN_PART = "word/document.xml"
OFFICE_DOCUMENT_REL = "/officeDocument"


def _check_members(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError("unsafe_file", f"{len(infos)} zip members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError("unsafe_file", f"{info.filename}: compression ratio {ratio:.0f}:1")
    if total > MAX_TOTAL_BYTES:
        raise InputError("unsafe_file", f"{total / 1e6:.0f} MB uncompressed")


def _read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, never more than ``MAX_PART_BYTES`` whatever its header claims."""
    try:
        with zf.open(name) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise InputError("corrupt_docx", f"{name}: {exc}") from exc
    except RuntimeError as exc:  # encrypted member
        raise InputError("corrupt_docx", f"{name}: {exc}") from exc
    if len(data) > MAX_PART_BYTES:
        raise InputError("unsafe_file", f"{name}: larger than {MAX_PART_BYTES // 2**20} MB")
    return data


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by ``_rels/.rels`` (Word sometimes writes document2.xml)."""
    if "_rels/.rels" in names:
        rels = parse_xml(_read_member(zf, "_rels/.rels"), "_rels/.rels")
        for rel in rels:
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT_REL):
                target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
                if target in names:
                    return target
    if MAIN_PART in names:
        return MAIN_PART
    raise InputError("corrupt_docx", f"{MAIN_PART} missing")


def read_package(data: bytes) -> tuple[dict[str, bytes], str]:
    """The parts the backend reads (main document, numbering, styles, app properties).

    Returns the parts by name and the main part's name.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError("corrupt_docx", f"not a zip archive: {exc}") from exc
    with zf:
        _check_members(zf)
        names = set(zf.namelist())
        main = _main_part(zf, names)
        folder = posixpath.dirname(main)
        wanted = {main, f"{folder}/numbering.xml", f"{folder}/styles.xml", "docProps/app.xml"}
        parts = {name: _read_member(zf, name) for name in sorted(wanted & names)}
    return parts, main


def app_pages(parts: dict[str, bytes]) -> int | None:
    """Page count saved by the editor in ``docProps/app.xml``, if any."""
    raw = parts.get("docProps/app.xml")
    if not raw:
        return None
    try:
        root = parse_xml(raw, "docProps/app.xml")
    except InputError as exc:
        if exc.code == "unsafe_file":
            raise
        return None
    el = root.find(q("ep:Pages"))
    if el is None or not (el.text or "").strip().isdigit():
        return None
    pages = int((el.text or "").strip())
    return pages if pages > 0 else None

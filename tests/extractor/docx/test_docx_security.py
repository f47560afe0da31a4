"""Unsafe and corrupt DOCX input is refused with a code, quickly, without expanding anything."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import docx_build as B
import pytest

from extractor.backends.docx import parse
from extractor.errors import InputError
from extractor.options import ExtractionOptions
from extractor.pipeline import extract


def _base() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Standar Operasional Prosedur")
    return B.to_bytes(doc)


def _code(data: bytes) -> str:
    with pytest.raises(InputError) as err:
        parse(data, ExtractionOptions())
    return err.value.code


XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_external_entity_is_refused():
    assert _code(B.replace_part(_base(), "word/document.xml", XXE)) == "unsafe_file"


def test_billion_laughs_is_refused_quickly():
    start = time.perf_counter()
    assert _code(B.replace_part(_base(), "word/document.xml", LAUGHS)) == "unsafe_file"
    assert time.perf_counter() - start < 2.0


def test_doctype_in_a_side_part_is_refused_too():
    bad_styles = (
        b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><w:styles/>'
    )
    assert _code(B.replace_part(_base(), "word/styles.xml", bad_styles)) == "unsafe_file"


def test_zip_bomb_member_is_refused():
    bomb = b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>"
    assert _code(B.replace_part(_base(), "word/document.xml", bomb)) == "unsafe_file"


def test_renamed_junk_and_non_docx_zips_are_corrupt():
    assert _code(b"PK\x03\x04 this is not really a zip at all" * 10) == "corrupt_docx"
    assert _code(b"\x00\x01junk" * 100) == "corrupt_docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert _code(buf.getvalue()) == "corrupt_docx"
    assert _code(B.replace_part(_base(), "word/document.xml", None)) == "corrupt_docx"


def test_malformed_xml_is_corrupt():
    broken = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    assert _code(B.replace_part(_base(), "word/document.xml", broken)) == "corrupt_docx"


def test_pipeline_reports_unsafe_docx_without_traceback():
    result = extract(B.replace_part(_base(), "word/document.xml", XXE), filename="x.docx")
    assert result.status == "failure"
    assert [e.code for e in result.errors] == ["unsafe_file"]
    assert "tidak aman" in result.errors[0].message_id

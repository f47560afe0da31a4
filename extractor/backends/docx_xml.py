"""Safe XML parsing and small WordprocessingML helpers shared by the DOCX backend.

Parts of a DOCX are untrusted XML. They are parsed with lxml without DTD loading,
entity expansion or network access, and any DOCTYPE/ENTITY declaration is refused
before parsing (external entities and "billion laughs" payloads never expand).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lxml import etree

from extractor.errors import InputError

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}

EMU_PER_PT = 12700.0
TWIPS_PER_PT = 20.0

# A DTD or entity declaration anywhere in a part: never legitimate in OOXML, and the
# carrier of XXE and entity-expansion attacks.
UNSAFE_DECL_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


@cache
def q(tag: str) -> str:
    """Clark name for a prefixed tag: ``q("w:p")`` → ``{…/main}p``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse one package part, refusing DTDs/entities; malformed XML is a corrupt DOCX."""
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 parts: look at the decoded text
        probe = data.decode("utf-16", errors="replace").encode("utf-8")
    if UNSAFE_DECL_RE.search(probe):
        raise InputError("unsafe_file", f"{part}: DOCTYPE/ENTITY declaration")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError("corrupt_docx", f"{part}: {exc.msg}") from exc
    if root is None:
        raise InputError("corrupt_docx", f"{part}: empty")
    if root.getroottree().docinfo.doctype:
        raise InputError("unsafe_file", f"{part}: DOCTYPE declaration")
    return root


def attr(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    """An attribute by prefixed name (``w:val``) or plain name."""
    if el is None:
        return default
    key = q(name) if ":" in name else name
    value = el.get(key)
    return default if value is None else value


def num(value: str | None, default: float = 0.0) -> float:
    """A number from an attribute, tolerant of junk ("12.5", "1e3", "abc" → default)."""
    if value is None:
        return default
    try:
        out = float(value)
    except ValueError:
        return default
    return out if out == out and abs(out) < 1e15 else default  # NaN / absurd values


def on(el: etree._Element | None, name: str = "w:val") -> bool:
    """A WordprocessingML on/off property: present and not "0"/"false"/"off"."""
    if el is None:
        return False
    return attr(el, name, "1") not in ("0", "false", "off")


# Subtrees whose text is not the paragraph's own: text boxes (their text is a shape
# label), the VML fallback copy of a drawing, and deleted or moved-away revisions.
_SKIP_TEXT = frozenset(
    q(t) for t in ("w:txbxContent", "mc:Fallback", "w:del", "w:moveFrom", "w:tbl", "w:pPr")
)
_BREAK_TAGS = frozenset(q(t) for t in ("w:br", "w:cr"))


def _text_parts(el: etree._Element) -> Iterator[str]:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_TEXT:
            continue
        if tag == q("w:t"):
            yield child.text or ""
        elif tag == q("w:tab"):
            yield "\t"
        elif tag in _BREAK_TAGS:
            yield "" if attr(child, "w:type") == "page" else "\n"
        elif tag == q("w:noBreakHyphen"):
            yield "-"
        else:
            yield from _text_parts(child)


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a ``w:p`` without its text boxes, tidied of stray spaces."""
    text = "".join(_text_parts(p))
    lines = [re.sub(r"[ \u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def textbox_text(el: etree._Element) -> str:
    """Text of the ``w:txbxContent`` under ``el`` (a shape), paragraphs joined by spaces."""
    parts: list[str] = []
    for box in el.iter(q("w:txbxContent")):
        parts.extend(paragraph_text(p) for p in box.iter(q("w:p")))
        break  # the first text box is the shape's own; nested ones are its children
    return " ".join(" ".join(p.split()) for p in parts if p).strip()

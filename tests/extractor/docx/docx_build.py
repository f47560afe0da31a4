"""Build test DOCX files: python-docx documents with raw DrawingML / VML snippets injected."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml import parse_xml
from docx.shared import Pt

EMU = 12700

NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)

_ids = iter(range(100, 100000))


def _e(pt: float) -> int:
    return round(pt * EMU)


def wsp(
    prst: str,
    w: float,
    h: float,
    *,
    text: str | None = None,
    connector: bool = False,
    arrow: bool = False,
    x: float = 0,
    y: float = 0,
    flip_h: bool = False,
    flip_v: bool = False,
    rot: int = 0,
    no_line: bool = False,
    own_id: int | None = None,
    st: int | None = None,
    end: int | None = None,
) -> str:
    """A ``wps:wsp`` (xfrm in EMU from points)."""
    flips = (
        (' flipH="1"' if flip_h else "")
        + (' flipV="1"' if flip_v else "")
        + (f' rot="{rot}"' if rot else "")
    )
    nv = f'<wps:cNvPr id="{own_id}" name="s{own_id}"/>' if own_id is not None else ""
    if connector:
        cxn = (f'<a:stCxn id="{st}" idx="0"/>' if st else "") + (
            f'<a:endCxn id="{end}" idx="0"/>' if end else ""
        )
        nv += f"<wps:cNvCnPr>{cxn}</wps:cNvCnPr>"
    else:
        nv += '<wps:cNvSpPr txBox="1"/>' if no_line else "<wps:cNvSpPr/>"
    ln = (
        "<a:ln><a:noFill/></a:ln><a:noFill/>"
        if no_line
        else (
            '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            + ('<a:tailEnd type="triangle"/>' if arrow else "")
            + "</a:ln>"
        )
    )
    fill = "" if no_line or connector else '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
    txbx = (
        f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        if text
        else ""
    )
    return (
        f'<wps:wsp>{nv}<wps:spPr><a:xfrm{flips}><a:off x="{_e(x)}" y="{_e(y)}"/>'
        f'<a:ext cx="{_e(w)}" cy="{_e(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
        f"{fill}{ln}</wps:spPr>{txbx}<wps:bodyPr/></wps:wsp>"
    )


def _graphic(
    body: str, uri: str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
) -> str:
    return f'<a:graphic><a:graphicData uri="{uri}">{body}</a:graphicData></a:graphic>'


def anchor(
    body: str,
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    h_rel: str = "column",
    v_rel: str = "paragraph",
    in_cell: bool = True,
    uri: str | None = None,
) -> str:
    """A run holding a floating drawing at (x, y) points from its reference area."""
    did = next(_ids)
    graphic = _graphic(body, uri) if uri else _graphic(body)
    return (
        f"<w:r {NSDECL}><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="{1 if in_cell else 0}" '
        'allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="{h_rel}">'
        f"<wp:posOffset>{_e(x)}</wp:posOffset>"
        f'</wp:positionH><wp:positionV relativeFrom="{v_rel}">'
        f"<wp:posOffset>{_e(y)}</wp:posOffset></wp:positionV>"
        f'<wp:extent cx="{_e(w)}" cy="{_e(h)}"/><wp:wrapNone/><wp:docPr id="{did}" name="d{did}"/>'
        f"{graphic}</wp:anchor></w:drawing></w:r>"
    )


def inline(body: str, w: float, h: float, uri: str | None = None) -> str:
    did = next(_ids)
    graphic = _graphic(body, uri) if uri else _graphic(body)
    return (
        f'<w:r {NSDECL}><w:drawing><wp:inline><wp:extent cx="{_e(w)}" cy="{_e(h)}"/>'
        f'<wp:docPr id="{did}" name="i{did}"/>{graphic}</wp:inline></w:drawing></w:r>'
    )


def picture(w: float, h: float) -> str:
    body = (
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="p.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill/><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{_e(w)}" cy="{_e(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    )
    return inline(body, w, h, uri="http://schemas.openxmlformats.org/drawingml/2006/picture")


def vml(inner: str) -> str:
    return f"<w:r {NSDECL}><w:pict>{inner}</w:pict></w:r>"


def add_run(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def flow_doc(
    roles: list[str],
    activities: list[str],
    row_height: float = 40.0,
    widths: tuple[float, float, float] = (30, 150, 70),
):
    """A document with a flowchart table: No | Kegiatan | Pelaksana (roles) with fixed rows.

    Returns (document, table, column lefts in points relative to the table).
    """
    doc = docx.Document()
    doc.add_paragraph("Prosedur")
    n = 2 + len(roles)
    t = doc.add_table(rows=2 + len(activities), cols=n)
    t.autofit = False
    grid = t._tbl.tblGrid
    col_w = [widths[0], widths[1]] + [widths[2]] * len(roles)
    for gc, w in zip(
        grid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol"),
        col_w,
        strict=False,
    ):
        gc.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w", str(int(w * 20)))
    t.cell(0, 0).merge(t.cell(1, 0)).text = "No"
    t.cell(0, 1).merge(t.cell(1, 1)).text = "Kegiatan"
    t.cell(0, 2).merge(t.cell(0, n - 1)).text = "Pelaksana"
    for k, role in enumerate(roles):
        t.cell(1, 2 + k).text = role
    for i, act in enumerate(activities):
        t.cell(2 + i, 0).text = str(i + 1)
        t.cell(2 + i, 1).text = act
        tr_pr = t.rows[2 + i]._tr.get_or_add_trPr()
        tr_pr.append(
            parse_xml(f'<w:trHeight {NSDECL} w:val="{int(row_height * 20)}" w:hRule="exact"/>')
        )
    for p in doc.paragraphs:
        for r in p.runs:
            r.font.size = Pt(8)
    lefts = [sum(col_w[:i]) for i in range(n + 1)]
    return doc, t, lefts


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def replace_part(data: bytes, name: str, content: bytes | None, *, compress: bool = True) -> bytes:
    """The same zip with one member replaced (or removed when ``content`` is None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            if info.filename == name:
                continue
            dst.writestr(info.filename, src.read(info.filename))
        if content is not None:
            dst.writestr(name, content)
    return out.getvalue()

"""Drawn objects of a DOCX run: flowchart symbols, connectors and text-box labels.

Reads DrawingML (``w:drawing`` with ``wps:wsp`` shapes, ``wpg:wgp`` groups,
``wpc:wpc`` canvases, ``pic:pic`` pictures) and legacy VML (``w:pict`` with
``v:rect``/``v:roundrect``/``v:shape``/``v:line``/``v:group``), preferring the
DrawingML choice of an ``mc:AlternateContent`` and falling back to its VML copy.

Every object is returned in its *drawing frame*: points, origin at the top-left of
the drawing's own extent. ``Placement`` says where that frame sits (inline, or
anchored with offsets relative to column/page/margin/paragraph); the backend
projects it onto the table grid.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from lxml import etree

from extractor.backends.docx_xml import EMU_PER_PT, attr, num, q, textbox_text
from extractor.layout import ShapeKind

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


@dataclass
class RawShape:
    """One drawn object, in its drawing frame."""

    role: Literal["shape", "connector", "label"]
    box: Box
    kind: ShapeKind = "unknown"
    label: str | None = None
    start: Point | None = None
    end: Point | None = None
    ids: tuple[str, ...] = ()
    start_ref: str | None = None
    end_ref: str | None = None
    arrow: bool = False  # an arrowhead at ``end``

    @property
    def centre(self) -> Point:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass
class Placement:
    """Where a drawing frame sits. Offsets in points; ``None`` when aligned instead."""

    inline: bool
    width: float
    height: float
    h_rel: str = "column"
    v_rel: str = "paragraph"
    x: float | None = 0.0
    y: float | None = 0.0
    h_align: str | None = None
    v_align: str | None = None
    in_cell: bool = True


@dataclass
class Drawing:
    """A drawing (one anchor) and the objects in it."""

    placement: Placement
    shapes: list[RawShape] = field(default_factory=list)


@dataclass(frozen=True)
class _Tf:
    """Scale-then-translate map from a child coordinate space to the drawing frame."""

    sx: float = 1.0
    sy: float = 1.0
    tx: float = 0.0
    ty: float = 0.0

    def pt(self, x: float, y: float) -> Point:
        return (x * self.sx + self.tx, y * self.sy + self.ty)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        (ax, ay), (bx, by) = self.pt(x0, y0), self.pt(x1, y1)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def then(self, inner: _Tf) -> _Tf:
        """``self`` applied after ``inner``."""
        return _Tf(
            self.sx * inner.sx,
            self.sy * inner.sy,
            self.sx * inner.tx + self.tx,
            self.sy * inner.ty + self.ty,
        )


@cache
def vocab() -> dict:
    """The shape vocabulary (``docx_shapes.yml``)."""
    text = resources.files("extractor.backends").joinpath("docx_shapes.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["preset_kind"] = {
        p.lower(): kind for kind, presets in data["drawingml_presets"].items() for p in presets
    }
    data["connector_presets"] = {p.lower() for p in data["drawingml_connectors"]}
    data["arrow_presets"] = {k.lower(): v for k, v in data["drawingml_block_arrows"].items()}
    data["label_words"] = {
        word: canon for canon, words in data["branch_labels"].items() for word in words
    }
    return data


# Punctuation around a branch label ("Ya.", "(Tidak)").
_LABEL_STRIP_RE = re.compile(r"[^\w\s]+")


def branch_label(text: str | None) -> str | None:
    """'Ya' / 'Tidak' when ``text`` is a decision exit label, else None."""
    if not text:
        return None
    key = " ".join(_LABEL_STRIP_RE.sub(" ", text).lower().split())
    return vocab()["label_words"].get(key)


# --------------------------------------------------------------------------- DrawingML


def _emu(el: etree._Element | None, name: str) -> float:
    return num(attr(el, name)) / EMU_PER_PT


def _xfrm_geometry(xfrm: etree._Element | None) -> tuple[Box, float, bool, bool]:
    """(box, rotation degrees, flipH, flipV) of an ``a:xfrm`` in its parent's space (EMU)."""
    if xfrm is None:
        return (0.0, 0.0, 0.0, 0.0), 0.0, False, False
    off, ext = xfrm.find(q("a:off")), xfrm.find(q("a:ext"))
    x, y = num(attr(off, "x")), num(attr(off, "y"))
    cx, cy = num(attr(ext, "cx")), num(attr(ext, "cy"))
    rot = num(attr(xfrm, "rot")) / 60000.0
    return (x, y, x + cx, y + cy), rot, attr(xfrm, "flipH") == "1", attr(xfrm, "flipV") == "1"


def _rotate(p: Point, c: Point, degrees: float) -> Point:
    if not degrees:
        return p
    rad = math.radians(degrees)
    dx, dy = p[0] - c[0], p[1] - c[1]
    return (
        c[0] + dx * math.cos(rad) - dy * math.sin(rad),
        c[1] + dx * math.sin(rad) + dy * math.cos(rad),
    )


def _visual_box(box: Box, rot: float) -> Box:
    """The box a shape covers on the page once rotated by a quarter turn (or not)."""
    if round(rot / 90.0) % 2 == 0:
        return box
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = (box[3] - box[1]) / 2, (box[2] - box[0]) / 2
    return (cx - hw, cy - hh, cx + hw, cy + hh)


def _endpoints(
    box: Box, rot: float, flip_h: bool, flip_v: bool, frac: list[float]
) -> tuple[Point, Point]:
    """Start/end of a connector drawn across ``box`` (fractions of the box), flipped and rotated."""
    x0, y0, x1, y1 = box
    fx0, fy0, fx1, fy1 = frac
    if flip_h:
        fx0, fx1 = 1 - fx0, 1 - fx1
    if flip_v:
        fy0, fy1 = 1 - fy0, 1 - fy1
    w, h = x1 - x0, y1 - y0
    c = ((x0 + x1) / 2, (y0 + y1) / 2)
    start = _rotate((x0 + fx0 * w, y0 + fy0 * h), c, rot)
    end = _rotate((x0 + fx1 * w, y0 + fy1 * h), c, rot)
    return start, end


def _arrowheads(ln: etree._Element | None) -> tuple[bool, bool]:
    """(arrowhead at the start, arrowhead at the end) of a DrawingML line."""
    if ln is None:
        return False, False
    head, tail = ln.find(q("a:headEnd")), ln.find(q("a:tailEnd"))
    has_head = head is not None and attr(head, "type", "none") != "none"
    has_tail = tail is not None and attr(tail, "type", "none") != "none"
    return has_head, has_tail


def _invisible(sp_pr: etree._Element | None, style: etree._Element | None) -> bool:
    """No outline and no fill: a bare text box, not a drawn symbol."""
    if sp_pr is None:
        return False
    ln = sp_pr.find(q("a:ln"))
    no_line = ln is not None and ln.find(q("a:noFill")) is not None
    if ln is None and style is not None:
        ref = style.find(q("a:lnRef"))
        no_line = ref is not None and attr(ref, "idx") == "0"
    elif ln is None:
        no_line = True
    has_fill = any(
        sp_pr.find(q(t)) is not None
        for t in ("a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill")
    )
    if not has_fill and sp_pr.find(q("a:noFill")) is None and style is not None:
        ref = style.find(q("a:fillRef"))
        has_fill = ref is not None and attr(ref, "idx") not in (None, "0")
    return no_line and not has_fill


def _custgeom_line(geom: etree._Element) -> list[float] | None:
    """A custom geometry that is an open polyline: its first and last point as fractions."""
    paths = geom.findall(f"{q('a:pathLst')}/{q('a:path')}")
    if len(paths) != 1 or paths[0].find(q("a:close")) is not None:
        return None
    path = paths[0]
    w, h = num(attr(path, "w"), 0.0), num(attr(path, "h"), 0.0)
    pts = [
        (num(attr(pt, "x")), num(attr(pt, "y")))
        for step in path
        if isinstance(step.tag, str) and step.tag in (q("a:moveTo"), q("a:lnTo"))
        for pt in step.findall(q("a:pt"))
    ]
    if len(pts) < 2 or any(isinstance(s.tag, str) and s.tag.endswith("BezTo") for s in path):
        return None
    (ax, ay), (bx, by) = pts[0], pts[-1]
    return [ax / w if w else 0.0, ay / h if h else 0.0, bx / w if w else 1.0, by / h if h else 1.0]


def _read_wsp(sp: etree._Element, tf: _Tf, ids: tuple[str, ...]) -> RawShape | None:
    voc = vocab()
    sp_pr = sp.find(q("wps:spPr"))
    xfrm = sp_pr.find(q("a:xfrm")) if sp_pr is not None else None
    box, rot, flip_h, flip_v = _xfrm_geometry(xfrm)
    own_id = attr(sp.find(q("wps:cNvPr")), "id")
    ids = (*ids, own_id) if own_id else ids
    prst_el = sp_pr.find(q("a:prstGeom")) if sp_pr is not None else None
    prst = (attr(prst_el, "prst") or "").lower()
    cn = sp.find(q("wps:cNvCnPr"))
    text = textbox_text(sp) or None
    frac: list[float] | None = None
    if cn is not None or prst in voc["connector_presets"]:
        frac = [0.0, 0.0, 1.0, 1.0]
    elif prst in voc["arrow_presets"]:
        frac = voc["arrow_presets"][prst]
    elif (
        prst_el is None and sp_pr is not None and (geom := sp_pr.find(q("a:custGeom"))) is not None
    ):
        frac = _custgeom_line(geom)
    if frac is not None:
        start, end = _endpoints(box, rot, flip_h, flip_v, frac)
        at_start, at_end = _arrowheads(sp_pr.find(q("a:ln")) if sp_pr is not None else None)
        st_ref = attr(cn.find(q("a:stCxn")), "id") if cn is not None else None
        end_ref = attr(cn.find(q("a:endCxn")), "id") if cn is not None else None
        if at_start and not at_end:  # the flow runs from end to start
            start, end, st_ref, end_ref = end, start, end_ref, st_ref
        return RawShape(
            role="connector",
            box=tf.box(*box),
            label=text,
            start=tf.pt(*start),
            end=tf.pt(*end),
            ids=ids,
            start_ref=st_ref,
            end_ref=end_ref,
            arrow=at_start or at_end or prst in voc["arrow_presets"],
        )
    vbox = tf.box(*_visual_box(box, rot))
    text_box = attr(sp.find(q("wps:cNvSpPr")), "txBox") == "1"
    if (text_box or prst in ("", "rect")) and _invisible(sp_pr, sp.find(q("wps:style"))):
        return RawShape(role="label", box=vbox, label=text, ids=ids) if text else None
    kind = voc["preset_kind"].get(prst, "process" if text_box and not prst else "unknown")
    return RawShape(role="shape", box=vbox, kind=kind, label=text, ids=ids)


def _read_pic(pic: etree._Element, tf: _Tf, ids: tuple[str, ...]) -> RawShape:
    xfrm = pic.find(f"{q('pic:spPr')}/{q('a:xfrm')}")
    box, rot, _, _ = _xfrm_geometry(xfrm)
    return RawShape(role="shape", box=tf.box(*_visual_box(box, rot)), kind="unknown", ids=ids)


def _group_tf(grp_pr: etree._Element | None, parent: _Tf) -> _Tf:
    """Transform of a group's child space: chOff/chExt mapped onto off/ext."""
    xfrm = grp_pr.find(q("a:xfrm")) if grp_pr is not None else None
    if xfrm is None:
        return parent
    off, ext = xfrm.find(q("a:off")), xfrm.find(q("a:ext"))
    ch_off, ch_ext = xfrm.find(q("a:chOff")), xfrm.find(q("a:chExt"))
    cx, cy = num(attr(ext, "cx")), num(attr(ext, "cy"))
    ccx, ccy = num(attr(ch_ext, "cx"), cx), num(attr(ch_ext, "cy"), cy)
    sx, sy = (cx / ccx if ccx else 1.0), (cy / ccy if ccy else 1.0)
    inner = _Tf(
        sx,
        sy,
        num(attr(off, "x")) - num(attr(ch_off, "x")) * sx,
        num(attr(off, "y")) - num(attr(ch_off, "y")) * sy,
    )
    return parent.then(inner)


def _walk_dml(
    el: Iterable[etree._Element], tf: _Tf, ids: tuple[str, ...], out: list[RawShape]
) -> None:
    """Collect shapes below a graphicData / group / canvas element."""
    for child in el:
        tag = child.tag
        if tag == q("wps:wsp"):
            shape = _read_wsp(child, tf, ids)
            if shape is not None:
                out.append(shape)
        elif tag == q("pic:pic"):
            pic = _read_pic(child, tf, ids)
            limit = vocab()["max_symbol_picture_pt"]
            if pic.box[2] - pic.box[0] <= limit and pic.box[3] - pic.box[1] <= limit:
                out.append(pic)  # larger pictures are logos, stamps or scans, not symbols
        elif tag in (q("wpg:wgp"), q("wpg:grpSp")):
            grp_id = attr(child.find(q("wpg:cNvPr")), "id")
            _walk_dml(
                child,
                _group_tf(child.find(q("wpg:grpSpPr")), tf),
                (*ids, grp_id) if grp_id else ids,
                out,
            )
        elif tag == q("wpc:wpc"):
            _walk_dml(child, tf, ids, out)
        elif tag == q("mc:AlternateContent"):
            _walk_dml(_choice(child), tf, ids, out)


def _choice(alt: etree._Element) -> etree._Element:
    choice = alt.find(q("mc:Choice"))
    return choice if choice is not None else etree.Element("empty")


def _placement(container: etree._Element, ext: etree._Element | None) -> Placement:
    width, height = _emu(ext, "cx"), _emu(ext, "cy")
    if container.tag == q("wp:inline"):
        return Placement(inline=True, width=width, height=height)
    pos_h, pos_v = container.find(q("wp:positionH")), container.find(q("wp:positionV"))

    def offset(pos: etree._Element | None) -> tuple[float | None, str | None]:
        if pos is None:
            return 0.0, None
        off = pos.find(q("wp:posOffset"))
        if off is not None:
            return num(off.text) / EMU_PER_PT, None
        align = pos.find(q("wp:align"))
        return None, (align.text or "left").strip() if align is not None else "left"

    x, h_align = offset(pos_h)
    y, v_align = offset(pos_v)
    return Placement(
        inline=False,
        width=width,
        height=height,
        h_rel=attr(pos_h, "relativeFrom", "column") or "column",
        v_rel=attr(pos_v, "relativeFrom", "paragraph") or "paragraph",
        x=x,
        y=y,
        h_align=h_align,
        v_align=v_align,
        in_cell=attr(container, "layoutInCell", "1") != "0",
    )


def read_dml_drawing(drawing: etree._Element) -> list[Drawing]:
    """The drawings of a ``w:drawing`` (normally one inline or anchor)."""
    out: list[Drawing] = []
    for container in drawing:
        if container.tag not in (q("wp:inline"), q("wp:anchor")):
            continue
        placement = _placement(container, container.find(q("wp:extent")))
        doc_id = attr(container.find(q("wp:docPr")), "id")
        data = container.find(f"{q('a:graphic')}/{q('a:graphicData')}")
        if data is None:
            continue
        shapes: list[RawShape] = []
        # Top-level objects: their own xfrm maps onto the anchor's extent.
        for child in data:
            _walk_dml([child], _top_tf(child, placement), (doc_id,) if doc_id else (), shapes)
        out.append(Drawing(placement, shapes))
    return out


def _top_tf(child: etree._Element, placement: Placement) -> _Tf:
    """Map a top-level object's own coordinates onto the drawing extent (origin 0,0)."""
    if child.tag == q("wps:wsp"):
        xfrm = child.find(f"{q('wps:spPr')}/{q('a:xfrm')}")
    elif child.tag == q("pic:pic"):
        xfrm = child.find(f"{q('pic:spPr')}/{q('a:xfrm')}")
    elif child.tag == q("wpg:wgp"):
        xfrm = None  # its group xfrm is applied by _group_tf; off/ext equal the extent
        grp = child.find(f"{q('wpg:grpSpPr')}/{q('a:xfrm')}")
        if grp is not None:
            box, _, _, _ = _xfrm_geometry(grp)
            return _fit(box, placement)
        return _Tf(1 / EMU_PER_PT, 1 / EMU_PER_PT)
    else:  # canvas: children are placed in EMU from the canvas origin
        return _Tf(1 / EMU_PER_PT, 1 / EMU_PER_PT)
    if xfrm is None:
        return _Tf(1 / EMU_PER_PT, 1 / EMU_PER_PT)
    box, _, _, _ = _xfrm_geometry(xfrm)
    return _fit(box, placement)


def _fit(box: Box, placement: Placement) -> _Tf:
    w, h = box[2] - box[0], box[3] - box[1]
    sx = placement.width / w if w > 0 and placement.width > 0 else 1 / EMU_PER_PT
    sy = placement.height / h if h > 0 and placement.height > 0 else 1 / EMU_PER_PT
    return _Tf(sx, sy, -box[0] * sx, -box[1] * sy)


# --------------------------------------------------------------------------- VML

# CSS-like length in a VML style or attribute: number and unit.
_LENGTH_RE = re.compile(r"^\s*(-?[\d.]+(?:e-?\d+)?)\s*(pt|in|cm|mm|px|pc|emu)?\s*$", re.IGNORECASE)
_UNIT_PT = {
    "pt": 1.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "px": 0.75,
    "pc": 12.0,
    "emu": 1 / EMU_PER_PT,
}
VML_NS = "{urn:schemas-microsoft-com:vml}"
# '#_x0000_t116' → 116
_SHAPETYPE_REF_RE = re.compile(r"_x0000_t(\d+)$")


def _length(value: str | None, unitless: float = 1.0) -> float:
    """A VML length in points; a bare number is multiplied by ``unitless``."""
    m = _LENGTH_RE.match(value or "")
    if not m:
        return 0.0
    unit = (m.group(2) or "").lower()
    return num(m.group(1)) * (_UNIT_PT[unit] if unit else unitless)


def _style(el: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in (el.get("style") or "").split(";"):
        key, _, value = item.partition(":")
        if key.strip():
            out[key.strip().lower()] = value.strip()
    return out


def _pair(value: str | None, unitless: float) -> Point:
    a, _, b = (value or "0,0").partition(",")
    return _length(a or "0", unitless), _length(b or "0", unitless)


def _vml_spt(el: etree._Element, types: dict[str, str]) -> int | None:
    spt = attr(el, "o:spt")
    if spt is None:
        ref = (el.get("type") or "").lstrip("#")
        spt = types.get(ref)
        if spt is None and (m := _SHAPETYPE_REF_RE.search(ref)):
            spt = m.group(1)
    return int(num(spt, -1)) if spt is not None else None


def _vml_invisible(el: etree._Element) -> bool:
    stroked = (el.get("stroked") or "t").lower() not in ("f", "false")
    stroke = el.find(q("v:stroke"))
    if stroke is not None and (stroke.get("on") or "t").lower() in ("f", "false"):
        stroked = False
    filled = (el.get("filled") or "t").lower() not in ("f", "false")
    return not stroked and not filled


def _vml_box(el: etree._Element, tf: _Tf, in_group: bool) -> Box:
    st = _style(el)
    unit = 1.0 if in_group else 0.75  # group children use the group's coordinate units
    x = _length(st.get("left", "0"), unit) + _length(st.get("margin-left", "0"), unit)
    y = _length(st.get("top", "0"), unit) + _length(st.get("margin-top", "0"), unit)
    w, h = _length(st.get("width", "0"), unit), _length(st.get("height", "0"), unit)
    rot = num(st.get("rotation", "0").rstrip("fd"))
    if rot and abs(rot) > 1000:  # rotation in 1/65536 degree units
        rot /= 65536.0
    return tf.box(*_visual_box((x, y, x + w, y + h), rot))


def _vml_shape(
    el: etree._Element, tf: _Tf, types: dict[str, str], in_group: bool
) -> RawShape | None:
    voc = vocab()
    local = etree.QName(el).localname
    ids = tuple(i for i in (el.get("id"), attr(el, "o:spid")) if i)
    text = textbox_text(el) or None
    unit = 1.0 if in_group else 0.75
    if local in voc["vml_connector_elements"]:
        if local == "line":
            start, end = _pair(el.get("from"), unit), _pair(el.get("to"), unit)
        else:
            pts = [
                p for p in re.split(r"\s+|(?<=\d),(?=\s)", (el.get("points") or "").strip()) if p
            ]
            coords = [_length(p, unit) for p in ",".join(pts).split(",") if p.strip()]
            if len(coords) < 4:
                return None
            start, end = (coords[0], coords[1]), (coords[-2], coords[-1])
        return _vml_connector(el, tf.pt(*start), tf.pt(*end), ids, text)
    spt = _vml_spt(el, types)
    box = _vml_box(el, tf, in_group)
    if spt in voc["vml_connector_spt"] or attr(el, "o:connectortype") is not None:
        frac = [0.0, 0.0, 1.0, 1.0]
    elif spt in voc["vml_block_arrow_spt"]:
        frac = voc["arrow_presets"][voc["vml_block_arrow_spt"][spt].lower()]
    else:
        frac = None
    if frac is not None:
        flip = _style(el).get("flip", "")
        start, end = _endpoints(box, 0.0, "x" in flip, "y" in flip, frac)
        return _vml_connector(el, start, end, ids, text)
    if (spt in voc["vml_textbox_spt"] or local == "rect" or spt == 1) and _vml_invisible(el):
        return RawShape(role="label", box=box, label=text, ids=ids) if text else None
    if el.find(q("v:imagedata")) is not None and spt in (None, 75):
        return RawShape(role="shape", box=box, kind="unknown", ids=ids)
    kind = voc["vml_spt"].get(spt) if spt is not None else None
    kind = kind or voc["vml_elements"].get(local)
    if kind is None and spt in voc["vml_textbox_spt"]:
        kind = "process"  # an outlined text box is drawn as a process box
    return RawShape(role="shape", box=box, kind=kind or "unknown", label=text, ids=ids)


def _vml_connector(
    el: etree._Element, start: Point, end: Point, ids: tuple[str, ...], text: str | None
) -> RawShape:
    stroke = el.find(q("v:stroke"))
    start_arrow = (stroke.get("startarrow") if stroke is not None else None) or "none"
    end_arrow = (stroke.get("endarrow") if stroke is not None else None) or "none"
    if start_arrow != "none" and end_arrow == "none":
        start, end = end, start
    box = (
        min(start[0], end[0]),
        min(start[1], end[1]),
        max(start[0], end[0]),
        max(start[1], end[1]),
    )
    arrow = start_arrow != "none" or end_arrow != "none"
    return RawShape(
        role="connector", box=box, label=text, start=start, end=end, ids=ids, arrow=arrow
    )


def _vml_group_tf(group: etree._Element, tf: _Tf, in_group: bool) -> _Tf:
    x0, y0, x1, y1 = _vml_box(group, tf, in_group)
    ox, oy = _pair(group.get("coordorigin") or "0,0", 1.0)
    cw, ch = _pair(group.get("coordsize") or "1000,1000", 1.0)
    sx = (x1 - x0) / cw if cw else 1.0
    sy = (y1 - y0) / ch if ch else 1.0
    return _Tf(sx, sy, x0 - ox * sx, y0 - oy * sy)


def _vml_objects(el: Iterable[etree._Element]) -> Iterator[etree._Element]:
    """VML drawing elements among ``el`` (shape type definitions left out)."""
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(VML_NS) and tag != q("v:shapetype"):
            yield child


def _walk_vml(
    el: Iterable[etree._Element],
    tf: _Tf,
    types: dict[str, str],
    in_group: bool,
    out: list[RawShape],
) -> None:
    for child in _vml_objects(el):
        local = etree.QName(child).localname
        if local == "group":
            _walk_vml(child, _vml_group_tf(child, tf, in_group), types, True, out)
            continue
        shape = _vml_shape(child, tf, types, in_group)
        if shape is not None:
            out.append(shape)


def _vml_placement(el: etree._Element) -> tuple[Placement, _Tf]:
    """Placement of a top-level VML object and the transform that puts it at the origin."""
    st = _style(el)
    w, h = _length(st.get("width", "0"), 0.75), _length(st.get("height", "0"), 0.75)
    absolute = st.get("position", "").lower() == "absolute" or etree.QName(el).localname == "line"
    if not absolute:
        return Placement(inline=True, width=w, height=h), _Tf()
    x = _length(st.get("margin-left", "0"), 0.75) + _length(st.get("left", "0"), 0.75)
    y = _length(st.get("margin-top", "0"), 0.75) + _length(st.get("top", "0"), 0.75)
    h_rel = {"text": "column", "char": "character", "margin": "margin", "page": "page"}.get(
        st.get("mso-position-horizontal-relative", "text"), "column"
    )
    v_rel = {"text": "paragraph", "line": "line", "margin": "margin", "page": "page"}.get(
        st.get("mso-position-vertical-relative", "text"), "paragraph"
    )
    h_align = st.get("mso-position-horizontal")
    v_align = st.get("mso-position-vertical")
    placement = Placement(
        inline=False,
        width=w,
        height=h,
        h_rel=h_rel,
        v_rel=v_rel,
        x=None if h_align not in (None, "absolute") else x,
        y=None if v_align not in (None, "absolute") else y,
        h_align=h_align if h_align not in (None, "absolute") else None,
        v_align=v_align if v_align not in (None, "absolute") else None,
        in_cell=attr(el, "o:allowincell", "t") not in ("f", "false"),
    )
    return placement, _Tf(1.0, 1.0, -x, -y)


def read_vml_pict(pict: etree._Element, types: dict[str, str]) -> list[Drawing]:
    """The drawings of a ``w:pict`` (one per top-level VML object)."""
    out: list[Drawing] = []
    for child in _vml_objects(pict):
        placement, tf = _vml_placement(child)
        shapes: list[RawShape] = []
        _walk_vml([child], tf, types, False, shapes)
        out.append(Drawing(placement, shapes))
    return out


def shapetypes(root: etree._Element) -> dict[str, str]:
    """``v:shapetype`` ids of a part → their o:spt number (as text)."""
    out: dict[str, str] = {}
    for st in root.iter(q("v:shapetype")):
        spt = attr(st, "o:spt")
        if st.get("id") and spt is not None:
            out[st.get("id", "")] = spt
    return out


# --------------------------------------------------------------------------- runs


def read_graphics(p: etree._Element, types: dict[str, str]) -> list[Drawing]:
    """Every drawing in a paragraph (not inside its text boxes), in document order."""
    out: list[Drawing] = []
    _collect(p, types, out)
    return out


_GRAPHIC_SKIP = frozenset(q(t) for t in ("w:txbxContent", "w:tbl", "w:pPr", "w:rPr", "w:del"))


def _collect(el: etree._Element, types: dict[str, str], out: list[Drawing]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _GRAPHIC_SKIP:
            continue
        if tag == q("mc:AlternateContent"):
            found: list[Drawing] = []
            choice = child.find(q("mc:Choice"))
            if choice is not None:
                _collect(choice, types, found)
            if not any(d.shapes for d in found):
                found = []
                fallback = child.find(q("mc:Fallback"))
                if fallback is not None:
                    _collect(fallback, types, found)
            out.extend(found)
        elif tag == q("w:drawing"):
            out.extend(read_dml_drawing(child))
        elif tag in (q("w:pict"), q("w:object")):
            out.extend(read_vml_pict(child, types))
        else:
            _collect(child, types, out)

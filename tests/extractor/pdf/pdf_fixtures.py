"""Synthetic SOP pages drawn with reportlab, with their ground truth.

The flowchart page follows the Permen PANRB 35/2012 layout: a two-level header
("Pelaksana" and "Mutu Baku" spanning sub-columns), five role columns, shapes in
the role column of their actor, elbow connectors with filled arrowheads, and a
"Tidak" loop-back from the decision that runs across whole rows (the trap of
extraction-notes.md §1.4). Coordinates here are top-left points, like pdfplumber.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

ROLES = ["Pemohon", "Petugas Loket", "Kasi Perizinan", "Kepala Bidang", "Kepala Dinas"]

# (role index, kind, activity text, label inside the shape)
STEPS: list[tuple[int, str, str, str | None]] = [
    (0, "terminator", "Mengajukan permohonan izin praktik", "Mulai"),
    (1, "process", "Menerima dan mencatat berkas permohonan", None),
    (2, "process", "Memeriksa kelengkapan berkas permohonan", None),
    (3, "decision", "Memverifikasi kesesuaian persyaratan", None),
    (3, "process", "Memberikan paraf pada konsep surat izin", None),
    (4, "process", "Menandatangani surat izin praktik", None),
    (1, "process", "Menyerahkan surat izin kepada pemohon", None),
    (0, "terminator", "Menerima surat izin praktik", "Selesai"),
]
# (from step, to step, label); the decision (step 4) loops back to step 2 on "Tidak".
EDGES: list[tuple[int, int, str | None]] = [
    (1, 2, None),
    (2, 3, None),
    (3, 4, None),
    (4, 5, "Ya"),
    (4, 2, "Tidak"),
    (5, 6, None),
    (6, 7, None),
    (7, 8, None),
]
WAKTU = ["10 Menit", "15 Menit", "30 Menit", "1 Jam", "30 Menit", "1 Hari", "15 Menit", "5 Menit"]

PAGE_W, PAGE_H = landscape(A4)
# No | Kegiatan | 5 roles | Kelengkapan | Waktu | Output | Keterangan
COL_W = [25, 200, 62, 62, 62, 62, 62, 90, 45, 70, 42]
X0 = 30.0
HEAD_TOP = 60.0
HEAD_A, HEAD_B, ROW_H = 18.0, 30.0, 50.0
SHAPE_W, SHAPE_H, DIAMOND_H = 44.0, 22.0, 30.0


@dataclass
class Options:
    """Drawing variants (reportlab vs LibreOffice-like strokes)."""

    split_connectors: bool = False  # connector pieces as separate `line`s instead of one path
    rect_borders: bool = False  # table borders as thin filled rects (LibreOffice style)
    loop_back: bool = True
    steps_per_page: int = 8
    offpage: bool = False  # off-page connector pentagons where the table breaks


@dataclass
class Truth:
    """Per step: role index and kind; edges between steps; which page each step is on."""

    steps: list[tuple[int, str]] = field(default_factory=list)
    edges: list[tuple[int, int, str | None]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


class _Pen:
    """A reportlab canvas addressed in top-left coordinates."""

    def __init__(self, c: canvas.Canvas, rect_borders: bool = False):
        self.c = c
        self.rect_borders = rect_borders

    def y(self, top: float) -> float:
        return PAGE_H - top

    def rule(self, x0: float, t0: float, x1: float, t1: float, width: float = 0.75) -> None:
        if self.rect_borders:  # a filled thin rect centred on the rule
            self.c.setFillColorRGB(0, 0, 0)
            if t0 == t1:
                self.c.rect(x0, self.y(t0) - width / 2, x1 - x0, width, stroke=0, fill=1)
            else:
                self.c.rect(x0 - width / 2, self.y(t1), width, t1 - t0, stroke=0, fill=1)
        else:
            self.c.setLineWidth(width)
            self.c.line(x0, self.y(t0), x1, self.y(t1))

    def text(self, x: float, top: float, s: str, size: float = 8) -> None:
        self.c.setFont("Helvetica", size)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.drawString(x, self.y(top) - size, s)

    def ctext(self, cx: float, cy: float, s: str, size: float = 8) -> None:
        self.c.setFont("Helvetica", size)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.drawCentredString(cx, self.y(cy) - size * 0.35, s)


def _wrap(s: str, width: float, size: float = 8) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    cur = ""
    for word in s.split():
        cand = f"{cur} {word}".strip()
        if stringWidth(cand, "Helvetica", size) > width and cur:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def _col_x() -> list[float]:
    xs = [X0]
    for w in COL_W:
        xs.append(xs[-1] + w)
    return xs


def _draw_header(pen: _Pen, xs: list[float]) -> float:
    """The two-level header; returns the top of the body."""
    top, mid, bot = HEAD_TOP, HEAD_TOP + HEAD_A, HEAD_TOP + HEAD_A + HEAD_B
    pen.rule(xs[0], top, xs[-1], top)
    pen.rule(xs[2], mid, xs[7], mid)  # under "Pelaksana"
    pen.rule(xs[7], mid, xs[10], mid)  # under "Mutu Baku"
    pen.rule(xs[0], bot, xs[-1], bot)
    for i, x in enumerate(xs):
        spanned = i in (3, 4, 5, 6, 8, 9)  # sub-column borders start below the group row
        pen.rule(x, mid if spanned else top, x, bot)
    pen.ctext((xs[0] + xs[1]) / 2, (top + bot) / 2, "No")
    pen.ctext((xs[1] + xs[2]) / 2, (top + bot) / 2, "Kegiatan")
    pen.ctext((xs[2] + xs[7]) / 2, (top + mid) / 2, "Pelaksana")
    pen.ctext((xs[7] + xs[10]) / 2, (top + mid) / 2, "Mutu Baku")
    pen.ctext((xs[10] + xs[11]) / 2, (top + bot) / 2, "Ket.", 7)
    for i, role in enumerate(ROLES):
        words = role.split()
        cx = (xs[2 + i] + xs[3 + i]) / 2
        for j, w in enumerate(words):
            pen.ctext(cx, mid + 9 + j * 10, w, 7)
    for i, label in enumerate(["Kelengkapan", "Waktu", "Output"]):
        pen.ctext((xs[7 + i] + xs[8 + i]) / 2, (mid + bot) / 2, label, 7)
    return bot


def _shape(pen: _Pen, kind: str, cx: float, cy: float, label: str | None) -> tuple[float, ...]:
    c = pen.c
    c.setLineWidth(1)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFillColorRGB(1, 1, 1)
    w, h = SHAPE_W, DIAMOND_H if kind == "decision" else SHAPE_H
    x0, t0 = cx - w / 2, cy - h / 2
    if kind == "process":
        c.rect(x0, pen.y(t0 + h), w, h, stroke=1, fill=1)
    elif kind == "terminator":
        c.roundRect(x0, pen.y(t0 + h), w, h, h / 2, stroke=1, fill=1)
    elif kind == "decision":
        p = c.beginPath()
        p.moveTo(cx, pen.y(t0))
        p.lineTo(x0 + w, pen.y(cy))
        p.lineTo(cx, pen.y(t0 + h))
        p.lineTo(x0, pen.y(cy))
        p.close()
        c.drawPath(p, stroke=1, fill=1)
    elif kind == "offpage":
        h = 18.0
        w = 20.0
        x0, t0 = cx - w / 2, cy - h / 2
        p = c.beginPath()
        p.moveTo(x0, pen.y(t0))
        p.lineTo(x0 + w, pen.y(t0))
        p.lineTo(x0 + w, pen.y(t0 + h * 0.6))
        p.lineTo(cx, pen.y(t0 + h))
        p.lineTo(x0, pen.y(t0 + h * 0.6))
        p.close()
        c.drawPath(p, stroke=1, fill=1)
    if label:
        pen.ctext(cx, cy, label, 7)
    return (x0, t0, x0 + w, t0 + h)


def _arrow(pen: _Pen, pts: list[tuple[float, float]], split: bool) -> None:
    c = pen.c
    c.setLineWidth(0.8)
    c.setStrokeColorRGB(0, 0, 0)
    (xa, ya), (xb, yb) = pts[-2], pts[-1]
    dx, dy = xb - xa, yb - ya
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / n, dy / n
    base = (xb - ux * 7, yb - uy * 7)
    line_pts = [*pts[:-1], base]
    if split:
        for (p0x, p0y), (p1x, p1y) in itertools.pairwise(line_pts):
            c.line(p0x, pen.y(p0y), p1x, pen.y(p1y))
    else:
        p = c.beginPath()
        p.moveTo(line_pts[0][0], pen.y(line_pts[0][1]))
        for x, t in line_pts[1:]:
            p.lineTo(x, pen.y(t))
        c.drawPath(p, stroke=1, fill=0)
    c.setFillColorRGB(0, 0, 0)
    p = c.beginPath()
    p.moveTo(xb, pen.y(yb))
    p.lineTo(base[0] - uy * 3, pen.y(base[1] + ux * 3))
    p.lineTo(base[0] + uy * 3, pen.y(base[1] - ux * 3))
    p.close()
    c.drawPath(p, stroke=0, fill=1)


def draw_identity_page(pen: _Pen) -> None:
    """A title, the identity table (logo cell spanning all rows, drawn as cell rects)
    and the six-box table."""
    c = pen.c
    pen.text(300, 30, "STANDAR OPERASIONAL PROSEDUR", 12)
    labels = [
        ("Nomor SOP", "800/12/DINKES/2023"),
        ("Tanggal Pembuatan", "7 Agustus 2023"),
        ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "7 Agustus 2023"),
        ("Disahkan oleh", "Kepala Dinas Kesehatan"),
        ("Nama SOP", "Pelayanan Rekomendasi Izin Praktik"),
    ]
    x0, x1, x2, x3 = 30.0, 330.0, 470.0, 812.0
    top, rh = 60.0, 20.0
    c.setLineWidth(0.75)
    c.setStrokeColorRGB(0, 0, 0)
    c.rect(x0, pen.y(top + rh * 6), x1 - x0, rh * 6, stroke=1, fill=0)
    pen.text(60, top + 40, "DINAS KESEHATAN", 10)
    pen.text(60, top + 56, "KABUPATEN CONTOH", 10)
    for i, (k, v) in enumerate(labels):
        t = top + i * rh
        c.rect(x1, pen.y(t + rh), x2 - x1, rh, stroke=1, fill=0)
        c.rect(x2, pen.y(t + rh), x3 - x2, rh, stroke=1, fill=0)
        pen.text(x1 + 4, t + 6, k)
        pen.text(x2 + 4, t + 6, v)
    # six boxes: 3 header rows + 3 content rows, 2 columns, borders as rules
    boxes = [
        ("Dasar Hukum", "Kualifikasi Pelaksana"),
        ("Keterkaitan", "Peralatan/Perlengkapan"),
        ("Peringatan", "Pencatatan dan Pendataan"),
    ]
    contents = [
        ("1. Undang-Undang Nomor 36 Tahun 2009", "Memahami peraturan perizinan"),
        ("SOP Pelayanan Perizinan", "Komputer, Printer"),
        ("Apabila tidak dilaksanakan, izin tertunda", "Buku register permohonan"),
    ]
    top = 200.0
    ys = [top]
    for _ in boxes:
        ys += [ys[-1] + 16, ys[-1] + 16 + 40]
    for y in ys:
        pen.rule(30, y, 812, y)
    for x in (30.0, 421.0, 812.0):
        pen.rule(x, ys[0], x, ys[-1])
    for i, ((ha, hb), (ca, cb)) in enumerate(zip(boxes, contents, strict=True)):
        pen.text(34, ys[2 * i] + 4, ha)
        pen.text(425, ys[2 * i] + 4, hb)
        pen.text(34, ys[2 * i + 1] + 6, ca)
        pen.text(425, ys[2 * i + 1] + 6, cb)
    pen.text(30, 500, "Dokumen ini berlaku sejak tanggal ditetapkan dan dievaluasi")
    pen.text(30, 511, "setiap enam bulan oleh Bagian Organisasi.")
    pen.text(30, 540, "Catatan penutup yang terpisah.")


def draw_flowchart(pen: _Pen, opts: Options, first: int, last: int, truth: Truth) -> None:
    """Steps ``first..last`` (0-based, inclusive) of STEPS as one table page."""
    xs = _col_x()
    body = _draw_header(pen, xs)
    n = last - first + 1
    bottom = body + n * ROW_H
    for r in range(n + 1):
        pen.rule(xs[0], body + r * ROW_H, xs[-1], body + r * ROW_H)
    for x in xs:
        pen.rule(x, body, x, bottom)
    centres: dict[int, tuple[float, float]] = {}
    boxes: dict[int, tuple[float, ...]] = {}
    for r, i in enumerate(range(first, last + 1)):
        role, kind, text, label = STEPS[i]
        t = body + r * ROW_H
        pen.ctext((xs[0] + xs[1]) / 2, t + 10, str(i + 1))
        for j, line in enumerate(_wrap(text, COL_W[1] - 8)):
            pen.text(xs[1] + 4, t + 4 + j * 10, line)
        pen.text(xs[7] + 4, t + 4, "Berkas")
        pen.ctext((xs[8] + xs[9]) / 2, t + 10, WAKTU[i], 7)
        pen.text(xs[9] + 4, t + 4, "Dokumen", 7)
        cx = (xs[2 + role] + xs[3 + role]) / 2
        cy = t + ROW_H / 2
        centres[i] = (cx, cy)
        boxes[i] = _shape(pen, kind, cx, cy, label)
        truth.steps.append((role, kind))
        truth.pages.append(pen.c.getPageNumber())
    for src, dst, label in EDGES:
        s, d = src - 1, dst - 1
        if s not in boxes or d not in boxes:
            continue
        if d < s and not opts.loop_back:
            continue
        bs, bd = boxes[s], boxes[d]
        (sx, sy), (dx, _dy) = centres[s], centres[d]
        if d < s:  # loop back: left vertex → left, up across rows, → right edge of target
            xr = bd[2] + 10
            pts = [(bs[0], sy), (xr, sy), (xr, centres[d][1]), (bd[2], centres[d][1])]
            pen.text(bs[0] - 24, sy - 11, label or "", 7)
        elif sx == dx:
            pts = [(sx, bs[3]), (dx, bd[1])]
            if label:
                pen.text(sx + 3, bs[3] + 1, label, 7)
        else:
            ym = (bs[3] + bd[1]) / 2 - 6
            pts = [(sx, bs[3]), (sx, ym), (dx, ym), (dx, bd[1])]
            if label:
                pen.text(sx + 3, bs[3] + 1, label, 7)
        _arrow(pen, pts, opts.split_connectors)
        truth.edges.append((src, dst, label))
    if opts.offpage and last < len(STEPS) - 1:
        # arrow from the last shape rightwards to a pentagon in the next role column
        cx, cy = centres[last]
        b = boxes[last]
        role = STEPS[last][0]
        px = xs[3 + role] + 22
        pb = _shape(pen, "offpage", px, cy, None)
        _arrow(pen, [(b[2], cy), (pb[0], cy)], opts.split_connectors)


def sop_pdf(opts: Options | None = None) -> tuple[bytes, Truth]:
    """An SOP: identity page, then the flowchart over one or more pages."""
    opts = opts or Options()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))
    pen = _Pen(c, opts.rect_borders)
    truth = Truth()
    draw_identity_page(pen)
    c.showPage()
    for first in range(0, len(STEPS), opts.steps_per_page):
        last = min(first + opts.steps_per_page, len(STEPS)) - 1
        draw_flowchart(pen, opts, first, last, truth)
        c.showPage()
    c.save()
    return buf.getvalue(), truth


def simple_pdf(pages: int = 1, encrypt: str | None = None, size: tuple[float, float] = A4) -> bytes:
    """A plain text PDF, optionally password-protected."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, encrypt=encrypt)
    for i in range(pages):
        c.setFont("Helvetica", 11)
        c.drawString(72, size[1] - 72, f"Halaman {i + 1} dari dokumen uji")
        c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":  # write samples for eyeballing: python pdf_fixtures.py /tmp
    import sys
    from pathlib import Path

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.joinpath("sop.pdf").write_bytes(sop_pdf()[0])
    lo = Options(split_connectors=True, rect_borders=True, steps_per_page=5, offpage=True)
    out.joinpath("sop-lo.pdf").write_bytes(sop_pdf(lo)[0])

"""Render realistic scans and phone photos of the corpus SOPs.

For each ``corpus/sop/<id>/<id>.pdf`` this writes, next to it in ``scans/``:

* ``<id>.300.pdf``  – an image-only PDF at 300 dpi (grayscale JPEG inside), as a
  photocopier's "scan to PDF" produces;
* ``<id>.200.tif``  – a 200-dpi multi-page gray TIFF, JPEG-compressed (stamp and
  signature flattened to gray as the scanner does);
* ``<id>.photo.pdf`` – every page photographed with a phone, in one PDF: perspective, uneven
  light, a dark desk around the sheet.

Damage is realistic and deterministic for a seed derived from the document id:
skew up to 3°, noise, blur, JPEG compression, a blue or red stamp and a
signature stroke over text, slightly broken ruling lines. Ground truth is the
original's ``truth.json``: a scan changes the pixels, never the content.

Usage::

    python corpus/scans.py              # the committed subset (first 8 documents)
    python corpus/scans.py --all        # every document
    python corpus/scans.py --ids a b    # these documents
    python corpus/scans.py --demo out/  # a self-made SOP page (no corpus needed)

``render_demo_sop`` draws a synthetic SOP flowchart page with reportlab; the
OCR tests and the speed benchmark use it when the corpus is not there.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

CORPUS_DIR = Path(__file__).resolve().parent / "sop"
SUBSET_SIZE = 8
SCAN_DPI_PDF = 300
SCAN_DPI_PNG = 200
PHOTO_DPI = 150  # resolution of the sheet inside the photo before perspective
JPEG_QUALITY_PDF = 30  # a noisy 300-dpi A4 page: ~280 KB (noise dominates the size)
#: A photo taken close (:func:`close_photo`): the sheet's edges this share of a side out
#: of the picture, its corners moved by up to CLOSE_JITTER of a side.
CLOSE_MARGIN, CLOSE_JITTER = -0.015, 0.03
#: A phone photo's light falls off by this much over the picture's diagonal from its
#: brightest spot (a lamp to one side); in even light (a flash, daylight) by EVEN_FALLOFF,
#: as little as a scanner's lamp varies.
LAMP_FALLOFF, EVEN_FALLOFF = 0.45, 0.05
#: A shadow across a photo (a hand's, the phone's) leaves this share of the light.
SHADOW_LIGHT = (0.55, 0.65)
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


# --------------------------------------------------------------------------- rendering


def rasterize(pdf: bytes, dpi: float, pages: list[int] | None = None) -> list[Image.Image]:
    """Render PDF pages to RGB images with pypdfium2 (0-based ``pages``; all by default)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        indices = pages if pages is not None else list(range(len(doc)))
        return [doc[i].render(scale=dpi / 72.0).to_pil().convert("RGB") for i in indices]
    finally:
        doc.close()


# --------------------------------------------------------------------------- damage


@dataclass
class Damage:
    """What happened to a sheet between printer and scanner."""

    skew_deg: float = 0.0
    noise_sigma: float = 8.0
    blur_radius: float = 0.6
    stamp: bool = True
    signature: bool = True
    broken_lines: bool = True
    grey_background: int = 0  # 0 = white paper; e.g. 30 = grey recycled paper/photocopy
    notes: list[str] = field(default_factory=list)


def _rng_for(key: str, salt: str) -> np.random.Generator:
    digest = hashlib.sha256(f"{key}:{salt}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _stamp(img: Image.Image, rng: np.random.Generator, dpi: float) -> None:
    """A round office stamp in blue or red ink, over whatever text is there."""
    w, h = img.size
    r = int(0.55 * dpi)
    cx = int(rng.uniform(0.55, 0.85) * w)
    cy = int(rng.uniform(0.55, 0.85) * h)
    colour = (40, 60, 190) if rng.random() < 0.6 else (200, 40, 50)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    stroke = max(2, int(dpi / 60))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*colour, 170), width=stroke)
    d.ellipse((cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7), outline=(*colour, 170))
    font = ImageFont.truetype(FONT_PATH, max(8, int(dpi / 9)))
    d.text((cx, cy), "PEMERINTAH\nKABUPATEN", fill=(*colour, 150), font=font, anchor="mm")
    img.paste(Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB"))


def _signature(img: Image.Image, rng: np.random.Generator, dpi: float) -> None:
    """A hand-written signature scrawl (blue ballpoint) across text near the stamp area."""
    w, h = img.size
    x0 = rng.uniform(0.5, 0.75) * w
    y0 = rng.uniform(0.6, 0.85) * h
    t = np.linspace(0, 1, 200)
    xs = x0 + t * 1.4 * dpi
    ys = y0 + 0.18 * dpi * np.sin(t * rng.uniform(10, 16)) * (1 - t) + 0.1 * dpi * t
    d = ImageDraw.Draw(img)
    d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=(30, 40, 140), width=3)


def _break_lines(arr: np.ndarray, rng: np.random.Generator, dpi: float) -> None:
    """Knock small white gaps into dark pixels along random rows and columns (worn toner)."""
    h, w = arr.shape[:2]
    gap = max(2, int(dpi / 100))
    for _ in range(40):
        if rng.random() < 0.5:
            y = int(rng.integers(0, h))
            x = int(rng.integers(0, w - gap))
            arr[max(0, y - 3) : y + 3, x : x + gap] = 255
        else:
            x = int(rng.integers(0, w))
            y = int(rng.integers(0, h - gap))
            arr[y : y + gap, max(0, x - 3) : x + 3] = 255


def degrade(img: Image.Image, dpi: float, damage: Damage, rng: np.random.Generator) -> Image.Image:
    """Apply stamp, signature, broken lines, skew, blur and noise to an RGB page image."""
    import cv2

    img = img.copy()
    if damage.stamp:
        _stamp(img, rng, dpi)
    if damage.signature:
        _signature(img, rng, dpi)
    arr = np.asarray(img).copy()
    if damage.broken_lines:
        _break_lines(arr, rng, dpi)
    if damage.grey_background:
        arr = np.clip(arr.astype(np.int16) - damage.grey_background, 0, 255).astype(np.uint8)
    if damage.skew_deg:
        h, w = arr.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), damage.skew_deg, 1.0)
        fill = 255 - damage.grey_background
        arr = cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(fill,) * 3)
    # paper grain and sensor noise first, then the optics blur both (and the noise
    # compresses like a real scan's instead of like white noise)
    noisy = arr.astype(np.float32) + rng.normal(0, damage.noise_sigma, arr.shape[:2])[..., None]
    out = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    if damage.blur_radius:
        out = out.filter(ImageFilter.GaussianBlur(damage.blur_radius))
    return out


def phone_photo(
    img: Image.Image,
    rng: np.random.Generator,
    margin: float = 0.12,
    jitter_share: float = 0.05,
    falloff: float = LAMP_FALLOFF,
    shadow: bool = False,
) -> Image.Image:
    """The sheet on a desk, photographed at an angle under a lamp: ``margin`` of desk
    around it (a share of each side; below 0 the sheet runs off the picture), its corners
    moved by up to ``jitter_share`` of a side, the light falling off by ``falloff`` per
    picture diagonal away from its brightest spot; with ``shadow``, a hand's or the
    phone's shadow across the right part of the picture."""
    import cv2

    sheet = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = sheet.shape[:2]
    # uneven light: a bright spot on one side falling off (by LAMP_FALLOFF to ~65 %) on
    # the other
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
    dist = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / math.hypot(w, h)
    light = 1.0 - falloff * dist
    sheet = sheet * light[..., None] * np.array([1.0, 0.97, 0.9], dtype=np.float32)
    out_w, out_h = int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin))
    jitter = lambda s: rng.uniform(-jitter_share, jitter_share) * s  # noqa: E731
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [margin * w + jitter(w), margin * h + jitter(h)],
            [out_w - margin * w + jitter(w), margin * h + jitter(h)],
            [out_w - margin * w + jitter(w), out_h - margin * h + jitter(h)],
            [margin * w + jitter(w), out_h - margin * h + jitter(h)],
        ]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    desk = (70, 55, 45)
    photo = cv2.warpPerspective(
        np.clip(sheet, 0, 255).astype(np.uint8),
        m,
        (out_w, out_h),
        flags=cv2.INTER_LINEAR,
        borderValue=desk,
    )
    if shadow:
        photo = _shadow(photo, rng)
    photo = cv2.GaussianBlur(photo, (3, 3), 0.8)
    noise = rng.normal(0, 5, photo.shape[:2])[..., None]
    return Image.fromarray(np.clip(photo + noise, 0, 255).astype(np.uint8))


def _shadow(photo: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``photo`` with a soft-edged shadow over its right part (from 30-60 % of the width,
    its edge slanting by up to a fifth of it), the light there SHADOW_LIGHT."""
    import cv2

    h, w = photo.shape[:2]
    x0, tilt = int(rng.uniform(0.3, 0.6) * w), int(rng.uniform(-0.2, 0.2) * w)
    mask = np.zeros((h, w), np.float32)
    cv2.fillPoly(mask, [np.array([[x0, 0], [w, 0], [w, h], [x0 + tilt, h]], np.int32)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), 6)
    lit = 1 - (1 - rng.uniform(*SHADOW_LIGHT)) * mask
    return (photo.astype(np.float32) * lit[..., None]).clip(0, 255).astype(np.uint8)


def close_photo(
    img: Image.Image,
    rng: np.random.Generator,
    falloff: float = LAMP_FALLOFF,
    shadow: bool = False,
    jitter: float = CLOSE_JITTER,
) -> Image.Image:
    """The sheet photographed close, filling the picture: a little perspective (corners
    moved up to ``jitter`` of a side; 0: held square on), its edges just out of the
    frame or a sliver of desk showing, uneven light (``EVEN_FALLOFF``: light as even as a
    scanner's, a flash or daylight), with ``shadow`` a hand's shadow across it. No desk
    around it to find the sheet by."""
    return phone_photo(
        img, rng, margin=CLOSE_MARGIN, jitter_share=jitter, falloff=falloff, shadow=shadow
    )


def close_photos(
    pdf: bytes,
    doc_id: str,
    falloff: float = LAMP_FALLOFF,
    shadow: bool = False,
    jitter: float = CLOSE_JITTER,
) -> bytes:
    """Every page of a corpus PDF photographed close (:func:`close_photo`), in one PDF,
    with the damage of its phone photos (deterministic for ``doc_id``; the random draws
    are the same whatever ``jitter``)."""
    shoot = partial(close_photo, falloff=falloff, shadow=shadow, jitter=jitter)
    return _photos_pdf(pdf, doc_id, shoot, "close")


def _photos_pdf(pdf: bytes, doc_id: str, shoot: Callable, salt: str) -> bytes:
    """Every page of ``pdf``, damaged as the phone photos are, photographed by ``shoot``
    (its randomness salted ``salt``) and gathered into one PDF."""
    photos = []
    for i, sheet in enumerate(rasterize(pdf, PHOTO_DPI)):
        dmg = damage_for(doc_id, f"photo:{i}")
        dmg.skew_deg = 0.0  # the perspective is the distortion here
        sheet = degrade(sheet, PHOTO_DPI, dmg, _rng_for(doc_id, f"photo:{i}"))
        photos.append(shoot(sheet, _rng_for(doc_id, f"{salt}:{i}")).convert("RGB"))
    out = io.BytesIO()
    photos[0].save(
        out, "PDF", save_all=True, append_images=photos[1:], resolution=PHOTO_DPI, quality=75
    )
    return out.getvalue()


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).copy()


def damage_for(doc_id: str, variant: str) -> Damage:
    """The deterministic damage for one document and output variant."""
    rng = _rng_for(doc_id, variant + ":params")
    return Damage(
        skew_deg=float(rng.uniform(-3.0, 3.0)),
        noise_sigma=float(rng.uniform(5, 12)),
        blur_radius=float(rng.uniform(0.3, 0.9)),
        grey_background=int(rng.choice([0, 0, 25])),
    )


# --------------------------------------------------------------------------- writing


def write_scans(pdf_path: Path, out_dir: Path | None = None) -> list[Path]:
    """Write the 300-dpi PDF, 200-dpi PNG and phone photo for one corpus PDF."""
    doc_id = pdf_path.stem
    out_dir = out_dir or pdf_path.parent / "scans"
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = pdf_path.read_bytes()
    written: list[Path] = []

    pages = rasterize(pdf, SCAN_DPI_PDF)
    rng = _rng_for(doc_id, "300")
    scanned = []
    for i, page in enumerate(pages):
        dmg = damage_for(doc_id, f"300:{i}")
        dmg.stamp = dmg.signature = i == len(pages) - 1 or len(pages) == 1
        scanned.append(degrade(page, SCAN_DPI_PDF, dmg, rng).convert("L"))
    target = out_dir / f"{doc_id}.300.pdf"
    scanned[0].save(
        target,
        "PDF",
        save_all=True,
        append_images=scanned[1:],
        resolution=SCAN_DPI_PDF,
        quality=JPEG_QUALITY_PDF,
    )
    written.append(target)

    # A 200-dpi multi-page TIFF, as office scanners write it (JPEG-compressed, gray).
    tif_pages = []
    for i, page in enumerate(rasterize(pdf, SCAN_DPI_PNG)):
        dmg = damage_for(doc_id, f"200:{i}")
        tif_pages.append(degrade(page, SCAN_DPI_PNG, dmg, _rng_for(doc_id, f"200:{i}")))
    target = out_dir / f"{doc_id}.200.tif"
    gray = [p.convert("L") for p in tif_pages]
    gray[0].save(
        target,
        "TIFF",
        save_all=True,
        append_images=gray[1:],
        compression="jpeg",
        quality=JPEG_QUALITY_PDF,
        dpi=(SCAN_DPI_PNG, SCAN_DPI_PNG),
    )
    written.append(target)

    # Every page photographed with a phone and gathered into one PDF (as phone
    # scanner apps and WhatsApp forwards deliver them).
    target = out_dir / f"{doc_id}.photo.pdf"
    target.write_bytes(_photos_pdf(pdf, doc_id, phone_photo, "photo:geom"))
    written.append(target)
    return written


SCAN_VARIANTS = {"300": ".300.pdf", "200": ".200.tif", "photo": ".photo.pdf"}


def scan_files(doc_dir: Path) -> dict[str, Path]:
    """The scans present for one corpus document, by variant; truth is ``<doc_dir>/truth.json``.

    For ``bench/accuracy.py``: each scan is read like any input and scored against the
    original's truth (every variant holds every page).
    """
    doc_id = doc_dir.name
    found = {v: doc_dir / "scans" / f"{doc_id}{suffix}" for v, suffix in SCAN_VARIANTS.items()}
    return {v: p for v, p in found.items() if p.exists()}


def corpus_pdfs() -> list[Path]:
    """Every corpus document PDF, sorted by id."""
    return sorted(p for p in CORPUS_DIR.glob("*/*.pdf") if p.stem == p.parent.name)


# --------------------------------------------------------------------------- demo page


@dataclass
class DemoStep:
    """Ground truth of one row of the demo flowchart."""

    number: int
    activity: str
    role: int
    kind: str  # terminator | process | decision
    waktu: str


ROLES = ["Pemohon", "Staf Pelaksana", "Kasubbag Umum", "Sekretaris", "Kepala Dinas", "Operator"]
ACTIVITIES = [
    "Menerima berkas permohonan dan memeriksa kelengkapan",
    "Mencatat surat masuk dalam buku agenda",
    "Menyusun konsep surat balasan",
    "Memeriksa dan memberi paraf konsep surat",
    "Menandatangani surat balasan",
    "Memberi nomor dan tanggal surat",
    "Menggandakan dan mengarsipkan surat",
    "Menyerahkan surat kepada pemohon",
    "Memverifikasi data kepegawaian",
    "Mengunggah dokumen ke aplikasi",
]
DURATIONS = ["15 Menit", "30 Menit", "1 Jam", "2 Jam", "10 Menit", "1 Hari", "5 Menit", "3 Hari"]


def demo_steps(seed: int, n_roles: int = 5, n_steps: int = 8) -> list[DemoStep]:
    """A random but valid flowchart: terminators at both ends, one decision in the middle."""
    rng = np.random.default_rng(seed)
    steps = []
    decision_at = int(rng.integers(2, n_steps - 2))
    for i in range(n_steps):
        kind = "process"
        if i in (0, n_steps - 1):
            kind = "terminator"
        elif i == decision_at:
            kind = "decision"
        steps.append(
            DemoStep(
                number=i + 1,
                activity=ACTIVITIES[int(rng.integers(len(ACTIVITIES)))],
                role=int(rng.integers(n_roles)),
                kind=kind,
                waktu=DURATIONS[int(rng.integers(len(DURATIONS)))],
            )
        )
    return steps


def render_demo_sop(seed: int = 1, n_roles: int = 5, n_steps: int = 8) -> tuple[bytes, dict]:
    """A one-page A4-landscape SOP flowchart table drawn with reportlab, and its truth.

    Truth: ``{"roles": [...], "steps": [{"number", "role", "kind", "waktu"}], "rows_pt": [...],
    "role_cols_pt": [[x0, x1], ...]}`` in PDF points, origin top-left.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    steps = demo_steps(seed, n_roles, n_steps)
    roles = ROLES[:n_roles]
    pw, ph = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pw, ph))
    top = lambda y: ph - y  # noqa: E731 - reportlab's origin is bottom-left

    c.setFont("Helvetica-Bold", 12)
    c.drawString(30, top(34), "STANDAR OPERASIONAL PROSEDUR PELAYANAN SURAT MENYURAT")
    c.setFont("Helvetica", 9)
    nomor = f"Nomor: 800/{100 + seed}/BKPSDM/2023"
    c.drawString(30, top(50), f"{nomor}    Tanggal Efektif: 2 Januari 2023")

    role_w = 300 / n_roles
    widths = [25, 170] + [role_w] * n_roles + [85, 55, 80, 67]
    xs = [30.0]
    for w in widths:
        xs.append(xs[-1] + w)
    head_top, head_mid, head_bot = 66.0, 84.0, 102.0
    row_h = min(52.0, (ph - 40 - head_bot) / n_steps)
    rows = [head_bot + i * row_h for i in range(n_steps + 1)]
    r0 = 2  # first role column
    c_kel, c_waktu = r0 + n_roles, r0 + n_roles + 1

    c.setLineWidth(1.0)
    # frame and full-width rules
    c.line(xs[0], top(head_top), xs[-1], top(head_top))
    for y in rows:
        c.line(xs[0], top(y), xs[-1], top(y))
    # lower header rule under "Pelaksana" and "Mutu Baku" only
    c.line(xs[r0], top(head_mid), xs[c_kel + 3], top(head_mid))
    for i, x in enumerate(xs):
        spanned = r0 < i < r0 + n_roles or c_kel < i < c_kel + 3
        c.line(x, top(head_mid if spanned else head_top), x, top(rows[-1]))
    c.setFont("Helvetica-Bold", 8)
    mid = lambda a, b: (a + b) / 2  # noqa: E731
    c.drawCentredString(mid(xs[0], xs[1]), top(88), "No")
    c.drawCentredString(mid(xs[1], xs[2]), top(88), "Kegiatan")
    c.drawCentredString(mid(xs[r0], xs[c_kel]), top(78), "Pelaksana")
    c.drawCentredString(mid(xs[c_kel], xs[c_kel + 3]), top(78), "Mutu Baku")
    c.drawCentredString(mid(xs[-2], xs[-1]), top(88), "Keterangan")
    c.setFont("Helvetica-Bold", 6.5)
    for k, name in enumerate(roles):
        for j, part in enumerate(name.split(" ", 1)):
            c.drawCentredString(mid(xs[r0 + k], xs[r0 + k + 1]), top(92 + 7 * j), part)
    for k, name in enumerate(["Kelengkapan", "Waktu", "Output"]):
        c.drawCentredString(mid(xs[c_kel + k], xs[c_kel + k + 1]), top(96), name)

    centres: list[tuple[float, float, float, float]] = []  # cx, cy, half-w, half-h
    for i, st in enumerate(steps):
        y0, _y1 = rows[i], rows[i + 1]
        c.setFont("Helvetica", 8)
        c.drawCentredString(mid(xs[0], xs[1]), top(y0 + 14), str(st.number))
        words, line, lines = st.activity.split(), "", []
        for w in words:
            if c.stringWidth(f"{line} {w}".strip(), "Helvetica", 8) > 160:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        for j, text in enumerate(lines):
            c.drawString(xs[1] + 4, top(y0 + 14 + 10 * j), text)
        c.drawString(xs[c_kel] + 3, top(y0 + 14), "Berkas")
        c.drawCentredString(mid(xs[c_waktu], xs[c_waktu + 1]), top(y0 + 14), st.waktu)
        c.drawString(xs[c_waktu + 1] + 3, top(y0 + 14), "Dokumen")
        cx = mid(xs[r0 + st.role], xs[r0 + st.role + 1])
        cy = y0 + row_h * 0.42
        hw = min(22.0, role_w / 2 - 8)
        if st.kind == "terminator":
            hh = 9.0
            c.roundRect(cx - hw, top(cy + hh), 2 * hw, 2 * hh, hh, stroke=1, fill=0)
        elif st.kind == "process":
            hh = 10.0
            c.rect(cx - hw, top(cy + hh), 2 * hw, 2 * hh, stroke=1, fill=0)
        else:
            hh = 14.0
            p = c.beginPath()
            p.moveTo(cx, top(cy - hh))
            p.lineTo(cx + hw, top(cy))
            p.lineTo(cx, top(cy + hh))
            p.lineTo(cx - hw, top(cy))
            p.close()
            c.drawPath(p, stroke=1, fill=0)
        centres.append((cx, cy, hw, hh))

    def arrow_head(x: float, y: float, direction: str) -> None:
        s = 3.5
        pts = {
            "down": [(x, y), (x - s, y - 2 * s), (x + s, y - 2 * s)],
            "left": [(x, y), (x + 2 * s, y - s), (x + 2 * s, y + s)],
        }[direction]
        p = c.beginPath()
        p.moveTo(pts[0][0], top(pts[0][1]))
        for px, py in pts[1:]:
            p.lineTo(px, top(py))
        p.close()
        c.drawPath(p, stroke=0, fill=1)

    c.setLineWidth(0.8)
    for i in range(len(steps) - 1):
        ax, ay, _, ahh = centres[i]
        bx, by, _, bhh = centres[i + 1]
        mid_y = rows[i + 1] + 4
        c.line(ax, top(ay + ahh), ax, top(mid_y))
        c.line(ax, top(mid_y), bx, top(mid_y))
        c.line(bx, top(mid_y), bx, top(by - bhh))
        arrow_head(bx, by - bhh, "down")
        if steps[i].kind == "decision":
            c.setFont("Helvetica", 6)
            c.drawString(ax + 2, top(ay + ahh + 6), "Ya")
            # "Tidak" loops back to the previous step, along the right of the column
            px, py, phw, _ = centres[i - 1]
            right = xs[r0 + n_roles] - 4
            hw = centres[i][2]
            c.line(ax + hw, top(ay), right, top(ay))
            c.line(right, top(ay), right, top(py))
            c.line(right, top(py), px + phw, top(py))
            arrow_head(px + phw, py, "left")
            c.drawString(ax + hw + 2, top(ay - 3), "Tidak")
    c.showPage()
    c.save()
    truth = {
        "roles": roles,
        "steps": [
            {"number": s.number, "role": roles[s.role], "kind": s.kind, "waktu": s.waktu}
            for s in steps
        ],
        "rows_pt": rows,
        "role_cols_pt": [[xs[r0 + k], xs[r0 + k + 1]] for k in range(n_roles)],
        "page_size_pt": [pw, ph],
    }
    return buf.getvalue(), truth


def demo_scan(
    seed: int = 1, dpi: float = 300, skew_deg: float = 1.0, colour: bool = False
) -> tuple[Image.Image, dict]:
    """A degraded scan of the demo page (for tests and benchmarks)."""
    pdf, truth = render_demo_sop(seed)
    page = rasterize(pdf, dpi, [0])[0]
    rng = np.random.default_rng(seed)
    dmg = Damage(skew_deg=skew_deg, noise_sigma=8, blur_radius=0.6)
    img = _jpeg(degrade(page, dpi, dmg, rng), 70)
    return (img if colour else img.convert("L")), truth


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--all", action="store_true", help="every corpus document")
    ap.add_argument("--ids", nargs="*", help="only these document ids")
    ap.add_argument("--demo", type=Path, help="write demo scans (no corpus needed) to this folder")
    ap.add_argument(
        "--out",
        type=Path,
        help="write <id>/scans/… and <id>/truth.json under this folder instead of the corpus "
        "(held-out scans for bench/accuracy.py --set)",
    )
    args = ap.parse_args(argv)
    if args.demo:
        args.demo.mkdir(parents=True, exist_ok=True)
        pdf, _ = render_demo_sop(1)
        (args.demo / "demo.pdf").write_bytes(pdf)
        for path in write_scans(args.demo / "demo.pdf"):
            print(path, f"{path.stat().st_size / 1024:.0f} KB")
        return 0
    pdfs = corpus_pdfs()
    if args.ids:
        pdfs = [p for p in pdfs if p.stem in set(args.ids)]
    elif not args.all:
        pdfs = pdfs[:SUBSET_SIZE]
    if not pdfs:
        print(f"no corpus PDFs under {CORPUS_DIR}", file=sys.stderr)
        return 1
    for pdf in pdfs:
        out_dir = None
        if args.out:
            out_dir = args.out / pdf.stem / "scans"
            out_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(pdf.parent / "truth.json", args.out / pdf.stem / "truth.json")
        for path in write_scans(pdf, out_dir):
            print(path, f"{path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

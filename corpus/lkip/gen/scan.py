"""PDF → scanned copy: pages rendered at 200 dpi in grayscale, slightly skewed and noisy,
saved as an image-only PDF (JPEG inside), as an office scanner produces."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 200
MAX_SKEW_DEG = 0.6
SPECKLE_SHARE = 0.0003  # share of pixels hit by dust specks
JPEG_QUALITY = 40


def _page(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    gray = img.convert("L")
    angle = float(rng.uniform(-MAX_SKEW_DEG, MAX_SKEW_DEG))
    gray = gray.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    gray = gray.filter(ImageFilter.GaussianBlur(radius=0.4))
    arr = np.asarray(gray, dtype=np.float32) * 0.94 + 8  # paper tone, toner not fully black
    specks = rng.random(arr.shape) < SPECKLE_SHARE
    arr[specks] = rng.uniform(60, 200, int(specks.sum()))  # dust and toner specks
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def render_scan(pdf_path: Path, out_path: Path, seed: str) -> None:
    rng = np.random.default_rng(int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
    doc = pdfium.PdfDocument(str(pdf_path))
    pages = []
    for i in range(len(doc)):
        bitmap = doc[i].render(scale=DPI / 72, grayscale=True)
        pages.append(_page(bitmap.to_pil(), rng))
    doc.close()
    buf = io.BytesIO()
    # JPEG-compress each page first so the PDF stays small (PIL embeds the JPEG as is).
    jpegs = []
    for p in pages:
        b = io.BytesIO()
        p.save(b, "JPEG", quality=JPEG_QUALITY, optimize=True)
        jpegs.append(Image.open(io.BytesIO(b.getvalue())))
    jpegs[0].save(buf, "PDF", resolution=DPI, save_all=True, append_images=jpegs[1:])
    out_path.write_bytes(buf.getvalue())

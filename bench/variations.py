"""Scans made another way than the bench kinds make them, to find what breaks on
documents never tuned on.

    python bench/variations.py VARIATION OUT [--ids ID ...]
    python bench/accuracy.py --set OUT --kinds scan300|photo --misses

Each variation renders the corpus documents (the first 8, those with committed scans,
unless ``--ids`` names others) again with ``corpus/scans.py``'s damage and one change,
into ``OUT/<id>/scans/`` with the document's ``truth.json`` beside: a scan variation as
``<id>.300.pdf`` (score it as ``scan300``), a photo variation as ``<id>.photo.pdf``
(``photo``). The damage is deterministic for the document, as the corpus scans' is.

Variations (``--list`` prints them):

* ``skew6``: skewed 6° on a sheet 5 % wider, so no corner is cut;
* ``copy``: a gray photocopy (paper 60 levels down, noise 18, blur 1.0);
* ``darkcopy``: a dark photocopy (paper 85 down, noise 14, blur 1.2);
* ``jpeg10``: the 300-dpi scan saved at JPEG quality 10;
* ``colour``: the 300-dpi scan in colour (a scanner's colour mode);
* ``faded``: faded print, the ink at 42 % of its darkness (a printer low on toner);
* ``pdf200`` / ``pdf150``: an office scanner's gray "scan to PDF" at 200 / 150 dpi;
* ``photolow`` / ``photohigh``: phone photos whose sheet is at 115 dpi (a far or
  forwarded, recompressed picture) / 240 dpi (close, a good camera);
* ``phototilt``: phone photos at twice the corpus perspective.

Layout variations render the document itself otherwise, from its spec, into
``OUT/<id>/``: ``<id>.pdf`` and ``<id>.docx`` (score them as ``pdf`` and ``docx``), the
PDF scanned at 300 dpi and photographed as the corpus scans are (``scan300``,
``photo``), and, where LibreOffice is installed, ``<id>.lo.pdf`` (``lopdf``):

* ``vertical``: the role names of the Pelaksana header turned to read upwards (Word's
  and Excel's "rotate text up", common where many roles share the width).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from bench.corpus_scans import scans_module  # noqa: E402

#: Faded print: the ink keeps this share of its darkness.
FADED_INK = 0.42
#: The skewed sheet is this much wider and taller than the page it carries.
SKEW_SHEET_MARGIN = 0.05
#: Twice the corpus photos' corner jitter (``corpus/scans.py`` ``phone_photo``: 0.05), as
#: the steep-photo test takes it.
TILT_JITTER = 0.11


@dataclass(frozen=True)
class Scan:
    """A gray scan to PDF: resolution, JPEG quality, and what changes in the damage."""

    dpi: int = 300
    quality: int = 30
    skew: float | None = None
    grey: int | None = None
    noise: float | None = None
    blur: float | None = None
    ink: float = 1.0
    #: a stamp and a signature on every page (fresh ink over faded print), not only on
    #: the signed last page
    stamp_all: bool = False
    #: kept in colour (a scanner's colour mode: the stamp blue or red, the paper white)
    colour: bool = False


@dataclass(frozen=True)
class Photo:
    """Phone photos: the sheet's resolution in the picture and the corner jitter."""

    dpi: int = 150
    jitter: float = 0.05


@dataclass(frozen=True)
class Relayout:
    """The document rendered with its spec's layout changed (``Layout`` fields)."""

    changes: tuple[tuple[str, str], ...]


VARIATIONS: dict[str, Scan | Photo | Relayout] = {
    "skew6": Scan(skew=6.0),
    "copy": Scan(grey=60, noise=18.0, blur=1.0),
    "darkcopy": Scan(grey=85, noise=14.0, blur=1.2),
    "jpeg10": Scan(quality=10),
    "colour": Scan(colour=True),
    "faded": Scan(ink=FADED_INK, stamp_all=True),
    "pdf200": Scan(dpi=200),
    "pdf150": Scan(dpi=150),
    "photolow": Photo(dpi=115),
    "photohigh": Photo(dpi=240),
    "phototilt": Photo(jitter=TILT_JITTER),
    "vertical": Relayout(changes=(("role_labels", "vertical"),)),
}


def _faded(page: Image.Image, ink: float) -> Image.Image:
    """``page`` with its ink at ``ink`` of its darkness (paper stays white)."""
    arr = np.asarray(page).astype(np.float32)
    return Image.fromarray((255 - (255 - arr) * ink).clip(0, 255).astype(np.uint8))


def _on_wider_sheet(page: Image.Image) -> Image.Image:
    """``page`` centred on white paper ``SKEW_SHEET_MARGIN`` larger each way."""
    w, h = page.size
    sheet = Image.new(
        "RGB", (round(w * (1 + SKEW_SHEET_MARGIN)), round(h * (1 + SKEW_SHEET_MARGIN))), "white"
    )
    sheet.paste(page, ((sheet.width - w) // 2, (sheet.height - h) // 2))
    return sheet


def scan_pdf(pdf: bytes, doc_id: str, how: Scan, salt: str) -> bytes:
    """Every page of ``pdf`` scanned to a gray image-only PDF the way ``how`` says, its
    randomness salted ``salt``."""
    sc = scans_module()
    rng = sc._rng_for(doc_id, salt)
    pages = []
    rendered = sc.rasterize(pdf, how.dpi)
    for i, page in enumerate(rendered):
        dmg = sc.damage_for(doc_id, f"300:{i}")
        # stamped and signed where it is signed, the last page, unless on every page
        dmg.stamp = dmg.signature = how.stamp_all or i == len(rendered) - 1
        changed = {
            "skew_deg": how.skew,
            "grey_background": how.grey,
            "noise_sigma": how.noise,
            "blur_radius": how.blur,
        }
        for name, value in changed.items():
            if value is not None:
                setattr(dmg, name, value)
        if how.ink != 1.0:
            page = _faded(page, how.ink)
        if how.skew is not None:
            page = _on_wider_sheet(page)
        pages.append(sc.degrade(page, how.dpi, dmg, rng).convert("RGB" if how.colour else "L"))
    out = io.BytesIO()
    pages[0].save(
        out, "PDF", save_all=True, append_images=pages[1:], resolution=how.dpi, quality=how.quality
    )
    return out.getvalue()


def photo_pdf(pdf: bytes, doc_id: str, how: Photo, salt: str) -> bytes:
    """Every page of ``pdf`` photographed the way ``how`` says, in one PDF, the camera's
    randomness salted ``salt``."""
    sc = scans_module()
    shoot: Callable = partial(sc.phone_photo, jitter_share=how.jitter)
    saved = sc.PHOTO_DPI
    sc.PHOTO_DPI = how.dpi  # the sheet's resolution _photos_pdf renders and records
    try:
        return sc._photos_pdf(pdf, doc_id, shoot, salt)
    finally:
        sc.PHOTO_DPI = saved


def relayout(doc_id: str, how: Relayout, doc: Path, salt: str) -> list[Path]:
    """The document ``doc_id`` rendered into ``doc`` with its layout changed: PDF, DOCX
    (and the DOCX through LibreOffice, where installed), and the PDF scanned at 300 dpi
    and photographed."""
    from dataclasses import replace

    from corpus.render.docx_render import render_docx
    from corpus.render.pdf_render import render_pdf
    from corpus.render.spec import load_spec

    spec = load_spec(ROOT / "corpus" / "sop" / "specs" / f"{doc_id}.yml")
    spec = replace(spec, layout=replace(spec.layout, **dict(how.changes)))
    pdf_path, docx_path = doc / f"{doc_id}.pdf", doc / f"{doc_id}.docx"
    render_pdf(spec, pdf_path)
    render_docx(spec, docx_path)
    written = [pdf_path, docx_path]
    if shutil.which("soffice"):
        # the DOCX through LibreOffice too, the corpus's second PDF producer
        from corpus.generate import convert_with_libreoffice

        convert_with_libreoffice([docx_path])
        written.append(doc / f"{doc_id}.lo.pdf")
    pdf = pdf_path.read_bytes()
    scan = doc / "scans" / f"{doc_id}.300.pdf"
    scan.write_bytes(scan_pdf(pdf, doc_id, Scan(), salt))
    photo = doc / "scans" / f"{doc_id}.photo.pdf"
    photo.write_bytes(photo_pdf(pdf, doc_id, Photo(), salt))
    return [*written, scan, photo]


def write(variation: str, out: Path, ids: list[str] | None) -> list[Path]:
    """The variation's files for the corpus documents ``ids`` (default: the first 8)."""
    sc = scans_module()
    how = VARIATIONS[variation]
    pdfs = sc.corpus_pdfs()
    pdfs = [p for p in pdfs if p.stem in set(ids)] if ids else pdfs[: sc.SUBSET_SIZE]
    written = []
    for path in pdfs:
        doc = out / path.stem
        (doc / "scans").mkdir(parents=True, exist_ok=True)
        shutil.copy(path.parent / "truth.json", doc / "truth.json")
        pdf, salt = path.read_bytes(), f"var:{variation}"
        if isinstance(how, Relayout):
            written += relayout(path.stem, how, doc, salt)
            continue
        if isinstance(how, Scan):
            target, data = (
                doc / "scans" / f"{path.stem}.300.pdf",
                scan_pdf(pdf, path.stem, how, salt),
            )
        else:
            target = doc / "scans" / f"{path.stem}.photo.pdf"
            data = photo_pdf(pdf, path.stem, how, salt)
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("variation", nargs="?", choices=sorted(VARIATIONS))
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--ids", nargs="*", help="these corpus document ids (default: the first 8)")
    ap.add_argument("--list", action="store_true", help="print the variations")
    args = ap.parse_args(argv)
    if args.list or not args.variation or not args.out:
        for name, how in VARIATIONS.items():
            print(f"{name:10} {how}")
        return 0 if args.list else 2
    for path in write(args.variation, args.out, args.ids):
        print(path, f"{path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

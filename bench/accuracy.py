"""Extraction accuracy per input kind against the corpus ground truth.

    python bench/accuracy.py [--kinds txt,docx,pdf,lopdf,scan300,...] [--only ID] [--misses]
                             [--lang ind] [--dpi 300] [--set DIR]

``--set DIR`` scores another folder laid out like ``corpus/sop`` (``<id>/truth.json``,
``<id>/scans/…``): held-out scans of corpus documents whose scans were never tuned on
(``python corpus/scans.py --ids … --out DIR``).

``--kinds turned,turnedphoto`` (not in the default kinds) scores the 200-dpi TIFFs and
the phone photos with their pages turned 90, 180 and 270 degrees in turn: pages scanned
or photographed sideways or upside down. ``--kinds closephoto`` scores the documents
whose photos are scored, photographed close from their own PDF (the sheet fills the
picture, with no desk around it to find it by; ``corpus/scans.py``'s ``close_photos``),
``--kinds closeeven`` the same in light as even as a scanner's (a flash, daylight),
``--kinds closeshadow`` with a hand's shadow across the picture, and ``--kinds
closesquare`` in even light and held square on (no perspective either: only the print's
softness tells the photo from a scan). ``--kinds bitonal`` scores the 300-dpi scans as an
office scanner's black-and-white mode makes them: one bit a pixel (thresholded at mid
gray, ``BITONAL_LEVEL``), in a Group 4 TIFF: thin strokes, no gray edges, a coloured
stamp gone to black or to nothing. ``--kinds bordered`` scores them as a scanner with a
black lid or bed sees a sheet smaller than its frame, laid a little askew against one
corner: a dark band or wedge along two to four edges (``_bordered``).

Prints one table: per kind, the share of identity fields, legal-basis F1, roles,
step count, actor, symbol, duration, output, next and a decision's branch labels
right, with the number of documents and the median seconds per document.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus_scans import scans_module  # noqa: E402
from bench.scoring import METRICS, Score, score_record  # noqa: E402
from extractor import ExtractionResult, extract  # noqa: E402

# kind → (file name pattern under corpus/sop/<id>/, truth file)
KINDS: dict[str, tuple[str, str]] = {
    "txt": ("{id}.txt", "truth.txt.json"),
    "docx": ("{id}.docx", "truth.json"),
    "pdf": ("{id}.pdf", "truth.json"),
    "lopdf": ("{id}.lo.pdf", "truth.json"),
    "scan300": ("scans/{id}.300.pdf", "truth.json"),
    "scan200": ("scans/{id}.200.tif", "truth.json"),
    "photo": ("scans/{id}.photo.pdf", "truth.json"),
    # the 200-dpi TIFF with its pages turned 90, 180 and 270 degrees in turn (pages fed
    # sideways or upside down; a landscape flowchart page scanned portrait)
    "turned": ("scans/{id}.200.tif", "truth.json"),
    # the phone photos likewise (their pages rendered at 300 dpi into a TIFF)
    "turnedphoto": ("scans/{id}.photo.pdf", "truth.json"),
    # the documents whose photos are scored, photographed close by corpus/scans.py's
    # close_photos from their own PDF: the sheet fills the picture, no desk around it
    "closephoto": ("scans/{id}.photo.pdf", "truth.json"),
    # ...and so in light as even as a scanner's (a flash, daylight)
    "closeeven": ("scans/{id}.photo.pdf", "truth.json"),
    # ...and so under the lamp with a hand's shadow across the picture
    "closeshadow": ("scans/{id}.photo.pdf", "truth.json"),
    # ...and so in even light, held square on
    "closesquare": ("scans/{id}.photo.pdf", "truth.json"),
    # the 300-dpi scans in black and white (one bit a pixel, Group 4 TIFF)
    "bitonal": ("scans/{id}.300.pdf", "truth.json"),
    # the 300-dpi scans on a scanner's dark bed, the sheet askew against one corner
    "bordered": ("scans/{id}.300.pdf", "truth.json"),
}
#: Kinds made by turning the pages of another kind's files.
TURNED_KINDS = ("turned", "turnedphoto")
#: Kinds made at scoring time, not in the default kinds.
CLOSE_KINDS = ("closephoto", "closeeven", "closeshadow", "closesquare")
MADE_KINDS = (*TURNED_KINDS, *CLOSE_KINDS, "bitonal", "bordered")
#: Gray level at and above which a black-and-white scan's pixel is paper.
BITONAL_LEVEL = 128
#: A scanner's dark bed (``_bordered``): its gray and noise; the sheet's turn on it
#: (degrees), its size within the frame (an A4 sheet on a folio or legal bed), and how
#: far into a corner of the bed it is pushed (shares of the slack on each side).
BED_GRAY, BED_NOISE = 28, 3.0
BED_TURN, BED_SCALE, BED_PUSH = (-0.7, 0.7), (0.9, 0.97), (0.7, 1.0)
#: Turns (degrees counter-clockwise) given to the pages of a "turned" document in turn.
TURNS = (90, 180, 270)


def _turned(data: bytes) -> bytes:
    """A multi-page TIFF (a TIFF's pages, or a PDF's rendered at 300 dpi) with its pages
    turned by ``TURNS`` in turn."""
    from PIL import Image, ImageSequence

    if data[:5] == b"%PDF-":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        frames = [doc[i].render(scale=300 / 72).to_pil().convert("RGB") for i in range(len(doc))]
        dpi = (300, 300)
    else:
        with Image.open(io.BytesIO(data)) as tif:
            dpi = tif.info.get("dpi", (200, 200))
            frames = [frame.copy() for frame in ImageSequence.Iterator(tif)]
    pages = [f.rotate(TURNS[i % len(TURNS)], expand=True) for i, f in enumerate(frames)]
    out = io.BytesIO()
    pages[0].save(
        out, "TIFF", save_all=True, append_images=pages[1:], dpi=dpi, compression="tiff_deflate"
    )
    return out.getvalue()


def _bitonal(data: bytes) -> bytes:
    """A scanned PDF's pages at 300 dpi in one bit a pixel (``BITONAL_LEVEL``), as a
    Group 4 TIFF: a scanner's black-and-white mode."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    pages = []
    for i in range(len(doc)):
        gray = doc[i].render(scale=300 / 72).to_pil().convert("L")
        pages.append(gray.point(lambda v: 255 if v >= BITONAL_LEVEL else 0, mode="1"))
    out = io.BytesIO()
    pages[0].save(
        out, "TIFF", save_all=True, append_images=pages[1:], dpi=(300, 300), compression="group4"
    )
    return out.getvalue()


def _bordered(data: bytes, doc_id: str) -> bytes:
    """A scanned PDF's pages at 300 dpi as a scanner with a black lid (or bed) sees a
    sheet smaller than its frame (``BED_SCALE``) laid against the guides of one corner
    (``BED_PUSH``), a little askew (``BED_TURN``): the dark bed shows as a band along the
    two far edges and a sliver or a wedge along the near ones, straight with the frame
    while the print, photocopied askew, is not. Deterministic for ``doc_id``."""
    import zlib

    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(zlib.crc32(doc_id.encode()))
    doc = pdfium.PdfDocument(data)
    pages = []
    for i in range(len(doc)):
        sheet = np.asarray(doc[i].render(scale=300 / 72).to_pil().convert("L"))
        h, w = sheet.shape
        scale = rng.uniform(*BED_SCALE)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(*BED_TURN), scale)
        for axis, side in ((0, w), (1, h)):
            m[axis, 2] += rng.choice([-1, 1]) * rng.uniform(*BED_PUSH) * (1 - scale) * side / 2
        # the sheet's own paper, then the bed where no sheet lies
        placed = cv2.warpAffine(sheet, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        on_sheet = cv2.warpAffine(np.full_like(sheet, 255), m, (w, h), borderValue=0) > 127
        bed = rng.normal(BED_GRAY, BED_NOISE, sheet.shape).clip(0, 255).astype(np.uint8)
        pages.append(Image.fromarray(np.where(on_sheet, placed, bed)))
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=300, quality=30)
    return out.getvalue()


def _close_photos(doc_id: str, kind: str) -> bytes:
    """The corpus document ``doc_id`` photographed close (corpus/scans.py) as ``kind``
    says: under a lamp to one side, in even light (held square on or not), or with a
    shadow across it."""
    pdf = ROOT / "corpus" / "sop" / doc_id / f"{doc_id}.pdf"
    scans = scans_module()
    even = kind in ("closeeven", "closesquare")
    falloff = scans.EVEN_FALLOFF if even else scans.LAMP_FALLOFF
    jitter = 0.0 if kind == "closesquare" else scans.CLOSE_JITTER
    return scans.close_photos(pdf.read_bytes(), doc_id, falloff, kind == "closeshadow", jitter)


def documents(only: str | None = None, base: Path | None = None) -> list[Path]:
    base = base or ROOT / "corpus" / "sop"
    return sorted(
        p
        for p in base.iterdir()
        if p.is_dir() and (p / "truth.json").exists() and (only is None or only in p.name)
    )


def extract_doc(
    kind: str, doc: Path, options: dict | None = None
) -> tuple[ExtractionResult, dict, float] | None:
    """The document ``doc`` read as input ``kind``: its extraction result, its ground
    truth and the seconds it took; None when the document has no file of that kind."""
    pattern, truth_name = KINDS[kind]
    path = doc / pattern.format(id=doc.name)
    truth_path = doc / truth_name
    if not path.exists():
        return None
    if not truth_path.exists():
        truth_path = doc / "truth.json"
    truth = json.loads(truth_path.read_text("utf-8"))
    start = time.perf_counter()
    if kind in TURNED_KINDS:
        result = extract(_turned(path.read_bytes()), filename=path.name, options=options)
    elif kind in CLOSE_KINDS:
        data = _close_photos(doc.name, kind)
        result = extract(data, filename=f"{doc.name}.close.pdf", options=options)
    elif kind == "bitonal":
        data = _bitonal(path.read_bytes())
        result = extract(data, filename=f"{doc.name}.bw.tif", options=options)
    elif kind == "bordered":
        data = _bordered(path.read_bytes(), doc.name)
        result = extract(data, filename=f"{doc.name}.bed.pdf", options=options)
    else:
        result = extract(path, options=options)
    return result, truth, time.perf_counter() - start


def extracted(
    kind: str, docs: list[Path], options: dict | None = None
) -> Iterator[tuple[Path, ExtractionResult, dict, float]]:
    """Each of ``docs`` that has a file of input ``kind``, read: (document folder, result,
    ground truth, seconds)."""
    for doc in docs:
        done = extract_doc(kind, doc, options)
        if done is not None:
            yield (doc, *done)


def run_kind(
    kind: str, docs: list[Path], options: dict | None = None
) -> tuple[Score, int, list[float], list[str]]:
    score, seconds, failures = Score(), [], []
    for doc, result, truth, took in extracted(kind, docs, options):
        seconds.append(took)
        if result.record is None:
            name = KINDS[kind][0].format(id=doc.name)
            failures.append(f"{name}: {result.errors[0].message_en if result.errors else '?'}")
            empty = {"identity": {}, "legal_basis": [], "roles": [], "steps": []}
            score.merge(score_record(empty, truth))
            continue
        sc = score_record(result.record.model_dump(mode="json"), truth)
        sc.misses = [f"{doc.name} [{kind}] {m}" for m in sc.misses]
        score.merge(sc)
    return score, len(seconds), seconds, failures


def table(header: list[str], rows: list[list[str]]) -> str:
    """Rows under a header, columns padded to their widest cell."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(k for k in KINDS if k not in MADE_KINDS))
    parser.add_argument("--only")
    parser.add_argument("--misses", action="store_true", help="list every wrong value")
    parser.add_argument("--lang", help="Tesseract languages (default: the extractor's)")
    parser.add_argument("--dpi", type=int, help="render resolution of scanned PDF pages")
    parser.add_argument("--set", type=Path, help="score this folder instead of corpus/sop")
    args = parser.parse_args()
    options = {k: v for k, v in (("ocr_lang", args.lang), ("ocr_dpi", args.dpi)) if v}
    docs = documents(args.only, args.set)
    header = ["kind", "docs", *METRICS, "s/doc"]
    rows = []
    all_misses: list[str] = []
    for kind in args.kinds.split(","):
        score, n, seconds, failures = run_kind(kind, docs, options or None)
        if n == 0:
            continue
        cells = [kind, str(n)]
        for m in METRICS:
            r = score.rate(m)
            cells.append(
                "—" if r is None else f"{100 * r:.1f}" if m != "legal_basis_f1" else f"{r:.3f}"
            )
        cells.append(f"{statistics.median(seconds):.2f}")
        rows.append(cells)
        all_misses.extend(failures)
        all_misses.extend(score.misses)
    print(table(header, rows))
    print("\n(percent right; legal_basis_f1 as F1; s/doc = median seconds per document)")
    if args.misses:
        print("\n".join(all_misses))


if __name__ == "__main__":
    main()

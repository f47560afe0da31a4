"""Seconds per page and peak memory of ``ocr.page_geometry`` against one plain Tesseract pass.

Two floors (``--floor``):

* ``api`` (default): one plain Tesseract pass in this process on the same pixels
  ``page_geometry`` gets (default layout mode and threshold, same languages, models
  already loaded): the bare cost of reading the page, with neither side paying to load
  models or decode a file.
* ``cli``: the ``tesseract`` command reading the page written as PNG (what any
  Tesseract-based reader pays from a file). It also loads ``ind+eng`` (~0.09 s) and
  decodes the PNG (~0.25 s for a 12-Mpx photo) on every page, which ``page_geometry``,
  handed pixels with its models loaded, does not: a ratio against it flatters ours.

``page_geometry`` runs Tesseract in-process through its library (see
``extractor/scan/tessapi.py``); ``SOPCHECK_OCR_ENGINE=cli`` measures the command path.
Both run on one core (``OMP_THREAD_LIMIT=1``, OpenCV single-threaded), interleaved page by page so a
busy machine slows both alike; medians over pages and ``--repeat`` runs.

Pages: page ``--page-index`` (0, the identity page, by default; 1 is the first
flowchart page) of the committed corpus scans (``corpus/sop/*/scans/*.300.pdf``,
rendered at 300 dpi in gray as the PDF backend renders them; ``--kind photo``: the phone
photos, in colour) or, without a corpus, demo scans from ``corpus/scans.py``.

    python bench/ocr_speed.py [--pages 4] [--repeat 2] [--dpi 300] [--clock cpu]
                              [--kind 300|photo] [--page-index 1] [--floor api|cli]

``--clock cpu`` counts CPU seconds (this process plus the Tesseract children it
waited for) instead of wall time: steadier on a shared or throttled machine.

Each side is also scored on what it read (corpus pages only): the share of the words
the same page of the document's own PDF holds that its words hold too, compared as
lower-case letters and digits (a word read twice counts once). The plain pass is the
cost of reading a page, not of reading it as well: on a photo it reads the picture as
it is, shadows and desk included.

Targets (issue 4): page_geometry ≤ 1.2× the plain pass, ≤ 3 s per page median.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.corpus_scans import scans_module  # noqa: E402
from extractor.backends.ocr import page_geometry  # noqa: E402
from extractor.scan import tessapi, tesseract  # noqa: E402

cv2.setNumThreads(1)


def pages(n: int, dpi: int, kind: str = "300", index: int = 0) -> list[np.ndarray]:
    """Page images to measure: page ``index`` of corpus scans of ``kind`` (``300``: the
    300-dpi scanned PDFs, ``photo``: the phone photos) when present, demo scans otherwise."""
    scans = scans_module()
    found = sorted((ROOT / "corpus" / "sop").glob(f"*/scans/*.{kind}.pdf"))[:n]
    if found:
        # scans hold gray images, which the PDF backend renders in one channel; photos
        # are colour
        mode = "RGB" if kind == "photo" else "L"
        return [
            np.asarray(scans.rasterize(p.read_bytes(), dpi, [index])[0].convert(mode))
            for p in found
        ]
    return [np.asarray(scans.demo_scan(seed, dpi, 1.5)[0]) for seed in range(1, n + 1)]


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the tesseract runs)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


CLOCKS = {"wall": time.perf_counter, "cpu": _cpu}
CLOCK = CLOCKS["wall"]


def plain_tesseract(path: str, lang: str) -> tuple[float, float, list[str]]:
    """Seconds, peak RSS (MiB) and words of one ``tesseract <page> - tsv`` run."""
    start = CLOCK()
    proc = subprocess.Popen(
        ["tesseract", path, "-", "-l", lang, "tsv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    secs = CLOCK() - start
    return secs, usage.ru_maxrss / 1024, _tsv_words(out.decode("utf-8", "replace"))


def plain_api(img: np.ndarray, dpi: int, lang: str) -> tuple[float, list[str]]:
    """Seconds and words of one plain in-process pass (PSM 3, Tesseract's own threshold)
    on ``img``."""
    api = tessapi.engine(lang)
    if api is None:
        raise SystemExit("libtesseract cannot be loaded: use --floor cli")
    start = CLOCK()
    tsv = api.tsv(img, 3, dpi)
    return CLOCK() - start, _tsv_words(tsv)


def _tsv_words(tsv: str) -> list[str]:
    return [w.text for w in tesseract.tsv_words(tessapi.parse_tsv(tsv))]


def ours(img: np.ndarray, dpi: int) -> tuple[float, list[str]]:
    start = CLOCK()
    geom = page_geometry(img, 1, dpi)
    return CLOCK() - start, [w.text for w in geom.words]


def _token(word: str) -> str:
    return re.sub(r"[^0-9a-z]", "", word.lower())


def reference_words(n: int, kind: str, index: int) -> list[set[str]] | None:
    """The words of page ``index`` of each measured scan's own PDF (None without a
    corpus)."""
    import pdfplumber

    found = sorted((ROOT / "corpus" / "sop").glob(f"*/scans/*.{kind}.pdf"))[:n]
    if not found:
        return None
    out = []
    for scan in found:
        pdf = scan.parents[1] / (scan.name.split(".")[0] + ".pdf")
        with pdfplumber.open(pdf) as doc:
            words = doc.pages[index].extract_words() if index < len(doc.pages) else []
        out.append({t for w in words if (t := _token(w["text"]))})
    return out


def words_read(reference: set[str], words: list[str]) -> float:
    """Share of ``reference`` among ``words`` (as :func:`_token` compares them)."""
    read = {_token(w) for w in words}
    return len(reference & read) / len(reference) if reference else 1.0


def ours_peak_mib(img: np.ndarray, dpi: int) -> float:
    """Peak Python-side memory (numpy included) of one page_geometry call, traced (not timed)."""
    tracemalloc.start()
    page_geometry(img, 1, dpi)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--lang", default="ind+eng")
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    ap.add_argument("--kind", choices=["300", "photo"], default="300")
    ap.add_argument("--page-index", type=int, default=0, help="0: identity page, 1: flowchart")
    ap.add_argument("--floor", choices=["api", "cli"], default="api")
    args = ap.parse_args()
    global CLOCK
    CLOCK = CLOCKS[args.clock]
    images = pages(args.pages, args.dpi, args.kind, args.page_index)
    reference = reference_words(args.pages, args.kind, args.page_index)
    ratios, t_ours, t_plain, rss_plain = [], [], [], []
    read_ours: list[float] = []
    read_plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, img in enumerate(images):
            path = str(Path(tmp) / f"page{i}.png")
            cv2.imwrite(path, img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
            if i == 0:
                page_geometry(img, 1, args.dpi)  # models loaded before anything is timed
            for _ in range(args.repeat):
                if args.floor == "cli":
                    secs, rss, plain_words = plain_tesseract(path, args.lang)
                    rss_plain.append(rss)
                else:
                    secs, plain_words = plain_api(img, args.dpi, args.lang)
                mine, my_words = ours(img, args.dpi)
                t_plain.append(secs)
                t_ours.append(mine)
                ratios.append(mine / secs)
                line = f"page {i + 1}: page_geometry {mine:.2f} s, plain tesseract {secs:.2f} s"
                if reference is not None:
                    read_ours.append(words_read(reference[i], my_words))
                    read_plain.append(words_read(reference[i], plain_words))
                    line += f"; words read {read_ours[-1]:.1%} / {read_plain[-1]:.1%}"
                print(line)
    peak = ours_peak_mib(images[0], args.dpi)
    print()
    print(
        f"pages {len(images)} × {args.repeat} at {args.dpi} dpi, lang {args.lang}, one core, "
        f"{args.clock} clock, floor: {args.floor}"
    )
    print(f"page_geometry   median {statistics.median(t_ours):.2f} s/page")
    print(f"plain tesseract median {statistics.median(t_plain):.2f} s/page ({args.floor})")
    print(f"ratio           median {statistics.median(ratios):.2f}×  (target ≤ 1.2×)")
    if read_ours:
        print(
            f"words read      page_geometry {statistics.mean(read_ours):.1%}, "
            f"plain tesseract {statistics.mean(read_plain):.1%} (mean share of the PDF's words)"
        )
    print(f"peak memory: page_geometry {peak:.0f} MiB traced (Python/numpy; Tesseract runs")
    print("             in-process through its library, its own heap is not traced)")
    if rss_plain:
        print(f"             plain tesseract {statistics.median(rss_plain):.0f} MiB RSS")


if __name__ == "__main__":
    main()

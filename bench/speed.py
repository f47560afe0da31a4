"""Speed and memory of the digital-PDF backend against bare pdfplumber object extraction.

For every corpus PDF (``corpus/sop/*/*.pdf``, reportlab and LibreOffice renders):

* ``parse``: ``extractor.backends.pdf.parse`` — words, drawing, shapes, grid, blocks;
* ``bare``: ``pdfplumber.open`` then ``page.chars``, ``page.lines``, ``page.rects``,
  ``page.curves`` on every page — the floor any pdfplumber-based reader pays.

Each is run ``--repeat`` times (median kept); peak Python memory of one ``parse``
is measured separately with tracemalloc (which slows code down, so it is not timed).

    python bench/speed.py [--repeat 5] [--glob 'corpus/sop/*/*.pdf']
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.backends.pdf import parse  # noqa: E402  (after the path tweak)
from extractor.options import ExtractionOptions  # noqa: E402


def bare(data: bytes) -> int:
    """pdfplumber's object extraction alone; returns the page count."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _ = (page.chars, page.lines, page.rects, page.curves)
        return len(pdf.pages)


#: "wall" is elapsed time; "cpu" is this process's CPU seconds — one core's work,
#: unaffected by other processes competing for the cores (a shared CI machine).
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
CLOCK = CLOCKS["wall"]


def timed(fn, data: bytes, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t = CLOCK()
        fn(data)
        runs.append(CLOCK() - t)
    return statistics.median(runs)


def peak_mib(data: bytes, options: ExtractionOptions) -> float:
    tracemalloc.start()
    parse(data, options)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    ap.add_argument("--glob", default="corpus/sop/*/*.pdf")
    args = ap.parse_args()
    global CLOCK
    CLOCK = CLOCKS[args.clock]
    options = ExtractionOptions()
    files = sorted(ROOT.glob(args.glob))
    if not files:
        sys.exit(f"no PDFs match {args.glob}")
    cols = ("pages", "parse s", "bare s", "ratio", "ms/page", "peak MiB")
    head = f"{'document':50s} " + " ".join(f"{c:>8s}" for c in cols)
    print(head)
    print("-" * len(head))
    rows = []
    for path in files:
        data = path.read_bytes()
        parse(data, options)  # warm imports and caches
        pages = bare(data)
        t_parse = timed(lambda d: parse(d, options), data, args.repeat)
        t_bare = timed(bare, data, args.repeat)
        mem = peak_mib(data, options)
        rows.append((t_parse, t_bare, pages, mem))
        print(
            f"{path.name[:50]:50s} {pages:8d} {t_parse:8.3f} {t_bare:8.3f} "
            f"{t_parse / t_bare:8.2f} {1000 * t_parse / pages:8.1f} {mem:8.1f}"
        )
    med = statistics.median
    per_page = med(t / p for t, _, p, _ in rows) * 1000
    per_page_bare = med(b / p for _, b, p, _ in rows) * 1000
    print("-" * len(head))
    print(f"median over {len(rows)} documents: parse {med(r[0] for r in rows):.3f} s/doc,")
    print(f"  {per_page:.1f} ms/page (bare pdfplumber {per_page_bare:.1f} ms/page),")
    print(f"  ratio {med(r[0] / r[1] for r in rows):.2f}; peak {max(r[3] for r in rows):.1f} MiB")


if __name__ == "__main__":
    main()

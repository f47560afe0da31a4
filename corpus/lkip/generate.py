"""Render the LKIP corpus from its specs.

    python corpus/lkip/generate.py [--only ID[,ID...]] [--kinds pdf,docx,scan]

For each ``corpus/lkip/specs/lkip-*.yml`` writes under ``corpus/lkip/<id>/``:
``truth.json`` (the LKIPRecord as written, minus ``source``, plus the planted
``defects``), ``<id>.pdf`` (reportlab), ``<id>.docx`` (python-docx) and, for specs
with ``scan: true``, ``scans/<id>.scan.pdf`` (the PDF's pages as a 200-dpi
grayscale image-only PDF with slight skew and noise).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from gen.content import TITLES, chapter_title, document  # noqa: E402
from gen.spec import Spec, load_spec, spec_paths, truth_dict  # noqa: E402

KINDS = ("pdf", "docx", "scan")


def running_header(spec: Spec) -> str:
    return f"Laporan Kinerja {spec['identity']['agency']} Tahun {spec.year_in('title')}"


def chapters(spec: Spec, pages: dict[str, int], total: int) -> list[dict]:
    """Chapter truth: key, printed title, first and last page (each starts a new page)."""
    order = [k for k in spec.chapter_order if k in pages]
    out = []
    for i, key in enumerate(order):
        end = pages[order[i + 1]] - 1 if i + 1 < len(order) else total
        out.append({"key": key, "title": chapter_title(key), "page": pages[key], "page_end": end})
    return out


def render(spec: Spec, kinds: set[str]) -> dict:
    from gen.pdf import render_pdf

    out_dir = HERE / spec.id
    out_dir.mkdir(exist_ok=True)
    pdf = out_dir / f"{spec.id}.pdf"
    pages, total = render_pdf(document(spec), pdf, running_header(spec))
    pages, total = render_pdf(document(spec, pages), pdf, running_header(spec))
    truth = truth_dict(spec, chapters(spec, pages, total))
    (out_dir / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    if "docx" in kinds:
        from gen.docx import render_docx

        render_docx(document(spec, pages), out_dir / f"{spec.id}.docx")
    if "scan" in kinds and spec.get("scan"):
        from gen.scan import render_scan

        (out_dir / "scans").mkdir(exist_ok=True)
        render_scan(pdf, out_dir / "scans" / f"{spec.id}.scan.pdf", seed=spec.id)
    return {"id": spec.id, "pages": total, "indicators": len(spec.rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated ids (substring match)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    for path in spec_paths(args.only.split(",") if args.only else None):
        info = render(load_spec(path), kinds)
        print(f"{info['id']}: {info['pages']} pages, {info['indicators']} indicators")


if __name__ == "__main__":
    assert set(TITLES)  # the chapter vocabulary is loaded
    main()

"""Generate a regency-sized audit set on demand (never committed).

    python corpus/regency.py --count 1000 --opds 40 --scan-share 0.6 --out /tmp/regency

Each document is a variation of one corpus spec (``corpus/sop/specs``): the agency
becomes one of the regency's OPDs (``corpus/regency.yml``), the SOP number and dates
change, the flowchart may be cut to a prefix of its steps (so documents run from one to
four pages), orientation and the Keterangan column vary. It is rendered as

* a scan (``--scan-share``): the digital PDF rasterised with pypdfium2 at 200-300 dpi,
  light damage from ``corpus.scans.degrade`` (skew up to 1.5°, noise, blur; stamp and
  signature on the last page), grayscale JPEG pages in an image-only PDF;
* otherwise a digital PDF, a DOCX or a text export (about 50/30/20).

Files go to ``OUT/<opd-slug>/<n>-<title-slug>.<ext>`` so the sub-folders name the OPDs,
and ``OUT/.regency.json`` (hidden, so an audit skips it) lists every document (kind,
pages, base spec). Generation is deterministic for a ``--seed`` and runs on ``--jobs`` processes.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.render.spec import Spec, load_spec  # noqa: E402

SPECS_DIR = ROOT / "corpus" / "sop" / "specs"
VOCABULARY = Path(__file__).with_name("regency.yml")
#: Base specs of the corpus proper (clean sop-0xx and defect sop-1xx; not dev specs).
BASE_SPEC = re.compile(r"^sop-[01]\d\d-")
#: Share of the non-scan documents rendered as digital PDF, DOCX, text export.
DIGITAL_KINDS = (("pdf", 0.5), ("docx", 0.3), ("txt", 0.2))
SCAN_DPI = (200, 250, 300)
SCAN_JPEG_QUALITY = 45
MAX_SKEW_DEG = 1.5
#: Shortest flowchart kept when a spec is cut to a prefix of its steps.
MIN_STEPS = 4
#: Digits in a document number (replaced to give each document its own number).
DIGITS = re.compile(r"\d+")
SLUG = re.compile(r"[^a-z0-9]+")
MANIFEST = ".regency.json"


@dataclass(frozen=True)
class Plan:
    """What one document will be."""

    index: int
    base: str
    opd_slug: str
    agency: str
    kind: str  # scan | pdf | docx | txt
    steps: int | None  # keep steps 1..steps (None: all)
    orientation: str
    keterangan: bool
    dpi: int
    seed: int


def vocabulary() -> dict[str, Any]:
    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


def base_specs() -> list[Path]:
    return sorted(p for p in SPECS_DIR.glob("*.yml") if BASE_SPEC.match(p.stem))


def make_plans(count: int, opds: int, scan_share: float, seed: int) -> list[Plan]:
    """Deterministic plans: documents spread round-robin over ``opds`` OPDs."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary()
    regency = str(rng.choice(vocab["regencies"]))
    units = vocab["opds"][: max(1, opds)]
    while len(units) < opds:  # more OPDs than the list: numbered UPTDs
        units.append({"slug": f"uptd-{len(units) + 1}", "name": f"UPTD {len(units) + 1}"})
    specs = base_specs()
    kinds, weights = zip(*DIGITAL_KINDS, strict=True)
    plans = []
    for i in range(count):
        unit = units[i % len(units)]
        is_scan = rng.random() < scan_share
        plans.append(
            Plan(
                index=i + 1,
                base=specs[int(rng.integers(len(specs)))].stem,
                opd_slug=unit["slug"],
                agency=f"{unit['name']} Kabupaten {regency}",
                kind="scan" if is_scan else str(rng.choice(kinds, p=weights)),
                steps=None if rng.random() < 0.4 else int(rng.integers(MIN_STEPS, 25)),
                orientation=str(rng.choice(["landscape", "portrait"])),
                keterangan=bool(rng.random() < 0.7),
                dpi=int(rng.choice(SCAN_DPI)),
                seed=int(rng.integers(2**31)),
            )
        )
    return plans


def _cut_steps(steps: list[dict[str, Any]], keep: int) -> list[dict[str, Any]]:
    """The first ``keep`` steps as a valid flow: branches beyond the cut are dropped, a
    decision left with one exit becomes a process, the last step ends the flow."""
    kept = [copy.deepcopy(s) for s in steps[:keep]]
    for s in kept:
        s["next"] = [n for n in s.get("next", []) if n <= keep]
        if s.get("symbol") == "decision" and len(s["next"]) < 2:
            s["symbol"] = "process"
            s["next"] = [s["number"] + 1]
        s.pop("branch_labels", None)
        s.pop("marks", None)
    kept[-1]["symbol"] = "end"
    kept[-1]["next"] = []
    return kept


def variant_spec(plan: Plan, tmp: Path) -> Spec:
    """The base spec with this plan's agency, number, dates, steps and layout."""
    raw = yaml.safe_load((SPECS_DIR / f"{plan.base}.yml").read_text(encoding="utf-8"))
    rng = np.random.default_rng(plan.seed)
    truth = raw["truth"]
    ident = truth["identity"]
    ident["agency"] = plan.agency
    if ident.get("number"):
        ident["number"] = DIGITS.sub(lambda m: str(int(rng.integers(1, 999))), ident["number"], 2)
    steps = truth.get("steps") or []
    if plan.steps is not None and plan.steps < len(steps):
        truth["steps"] = _cut_steps(steps, plan.steps)
    raw["layout"] = {
        **(raw.get("layout") or {}),
        "orientation": plan.orientation,
        "keterangan": plan.keterangan,
    }
    raw["defects"] = []
    spec_id = f"reg-{plan.index:05d}"
    raw["id"] = spec_id
    path = tmp / f"{spec_id}.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    spec = load_spec(path)
    return replace(spec, defects=[])


def scan_pdf(pdf: bytes, dpi: int, seed: int) -> bytes:
    """An image-only PDF of grayscale JPEG pages with light scanner damage."""
    from corpus.scans import Damage, degrade, rasterize

    rng = np.random.default_rng(seed)
    pages = rasterize(pdf, dpi)
    out = []
    for i, page in enumerate(pages):
        last = i == len(pages) - 1
        damage = Damage(
            skew_deg=float(rng.uniform(-MAX_SKEW_DEG, MAX_SKEW_DEG)),
            noise_sigma=float(rng.uniform(4, 9)),
            blur_radius=float(rng.uniform(0.3, 0.7)),
            stamp=last,
            signature=last,
            broken_lines=False,
        )
        out.append(degrade(page, dpi, damage, rng).convert("L"))
    buf = io.BytesIO()
    out[0].save(
        buf,
        "PDF",
        save_all=True,
        append_images=out[1:],
        resolution=dpi,
        quality=SCAN_JPEG_QUALITY,
    )
    return buf.getvalue()


def _slug(text: str, limit: int = 50) -> str:
    return SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-") or "sop"


def render_plan(args: tuple[Plan, str]) -> dict[str, Any]:
    """Render one document; its entry for regency.json."""
    from corpus.generate import pdf_pages
    from corpus.render.docx_render import render_docx
    from corpus.render.pdf_render import render_pdf
    from corpus.render.text_render import render_text

    plan, out_dir = args
    folder = Path(out_dir) / plan.opd_slug
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="regency-") as tmp_name:
        tmp = Path(tmp_name)
        spec = variant_spec(plan, tmp)
        stem = f"{plan.index:04d}-{_slug(spec.record.identity.title or plan.base)}"
        pages: int | None = None
        if plan.kind == "txt":
            target = folder / f"{stem}.txt"
            target.write_text(render_text(spec), encoding="utf-8")
        elif plan.kind == "docx":
            target = folder / f"{stem}.docx"
            render_docx(spec, target)
        else:
            digital = tmp / "digital.pdf"
            pages = render_pdf(spec, digital)
            target = folder / f"{stem}.pdf"
            if plan.kind == "scan":
                target.write_bytes(scan_pdf(digital.read_bytes(), plan.dpi, plan.seed))
                pages = pdf_pages(target)
            else:
                target.write_bytes(digital.read_bytes())
    return {
        "path": target.relative_to(out_dir).as_posix(),
        "opd": plan.opd_slug,
        "agency": plan.agency,
        "kind": plan.kind,
        "pages": pages,
        "steps": len(spec.record.steps),
        "base": plan.base,
        "dpi": plan.dpi if plan.kind == "scan" else None,
    }


def generate(
    out: Path, count: int, opds: int, scan_share: float, seed: int = 7, jobs: int = 1
) -> list[dict[str, Any]]:
    """Write the set under ``out``; the manifest entries (also in ``out/.regency.json``)."""
    out.mkdir(parents=True, exist_ok=True)
    work = [(p, str(out)) for p in make_plans(count, opds, scan_share, seed)]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            entries = list(pool.map(render_plan, work, chunksize=4))
    else:
        entries = [render_plan(w) for w in work]
    manifest = {
        "count": count,
        "opds": opds,
        "scan_share": scan_share,
        "seed": seed,
        "documents": entries,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--opds", type=int, default=40)
    ap.add_argument("--scan-share", type=float, default=0.6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=1, help="processes rendering in parallel")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    entries = generate(args.out, args.count, args.opds, args.scan_share, args.seed, args.jobs)
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    pages = [e["pages"] for e in entries if e["pages"]]
    print(
        f"{len(entries)} documents in {len({e['opd'] for e in entries})} OPDs under {args.out}: "
        f"{kinds}; PDF pages {min(pages, default=0)}-{max(pages, default=0)} "
        f"(mean {sum(pages) / max(1, len(pages)):.1f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Render the SOP corpus from its specs.

    python corpus/generate.py [--only ID[,ID...]] [--kinds pdf,docx,lopdf,txt]

For each ``corpus/sop/specs/<id>.yml`` writes under ``corpus/sop/<id>/``:
``truth.json`` (always), ``<id>.pdf`` (reportlab), ``<id>.docx`` (python-docx +
DrawingML), ``<id>.lo.pdf`` (the DOCX through LibreOffice, one batch run),
``<id>.txt`` with ``truth.txt.json``; then ``corpus/manifest.json`` for every spec.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.render.docx_render import render_docx  # noqa: E402
from corpus.render.pdf_render import render_pdf  # noqa: E402
from corpus.render.spec import (  # noqa: E402
    Spec,
    SpecError,
    dumps,
    load_spec,
    spec_paths,
    text_truth_dict,
    truth_dict,
)
from corpus.render.text_render import render_text  # noqa: E402

CORPUS = ROOT / "corpus"
SOP_DIR = CORPUS / "sop"
SPECS_DIR = SOP_DIR / "specs"
MANIFEST = CORPUS / "manifest.json"
KINDS = ("pdf", "docx", "lopdf", "txt")
SOFFICE_TIMEOUT = 600


def doc_dir(spec_id: str, sop_dir: Path = SOP_DIR) -> Path:
    return sop_dir / spec_id


def render_one(spec: Spec, kinds: set[str], sop_dir: Path = SOP_DIR) -> None:
    """Write truth.json and the requested kinds (except lopdf, done in batch)."""
    out = doc_dir(spec.id, sop_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth.json").write_text(dumps(truth_dict(spec.record)), encoding="utf-8")
    if "pdf" in kinds:
        render_pdf(spec, out / f"{spec.id}.pdf")
    if "docx" in kinds or "lopdf" in kinds:
        render_docx(spec, out / f"{spec.id}.docx")
    if "txt" in kinds:
        (out / f"{spec.id}.txt").write_text(render_text(spec), encoding="utf-8")
        (out / "truth.txt.json").write_text(dumps(text_truth_dict(spec)), encoding="utf-8")


def convert_with_libreoffice(docx_files: list[Path]) -> None:
    """DOCX -> ``<id>.lo.pdf`` beside each file, in one soffice run with a private profile."""
    if not docx_files:
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SpecError("soffice (LibreOffice) is not installed; cannot render lopdf")
    with tempfile.TemporaryDirectory(prefix="sopcorpus-lo-") as tmp:
        tmpdir = Path(tmp)
        profile = (tmpdir / "profile").as_uri()
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmpdir / "out"),
            *map(str, docx_files),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
        for docx in docx_files:
            produced = tmpdir / "out" / f"{docx.stem}.pdf"
            if not produced.exists():
                raise SpecError(f"LibreOffice did not convert {docx.name}")
            shutil.move(produced, docx.with_name(f"{docx.stem}.lo.pdf"))


def pdf_pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def manifest_entry(spec: Spec, sop_dir: Path = SOP_DIR) -> dict:
    out = doc_dir(spec.id, sop_dir)
    rel = out.relative_to(sop_dir.parent)
    files: dict[str, dict] = {}
    names = {
        "truth": "truth.json",
        "pdf": f"{spec.id}.pdf",
        "docx": f"{spec.id}.docx",
        "lo_pdf": f"{spec.id}.lo.pdf",
        "txt": f"{spec.id}.txt",
        "truth_txt": "truth.txt.json",
    }
    for kind, name in names.items():
        path = out / name
        if not path.exists():
            continue
        entry: dict = {"path": f"{rel.as_posix()}/{name}"}
        if name.endswith(".pdf"):
            entry["pages"] = pdf_pages(path)
        files[kind] = entry
    rec = spec.record
    return {
        "id": spec.id,
        "spec": f"{rel.parent.as_posix()}/specs/{spec.id}.yml",
        "spec_sha256": spec.sha256,
        "orientation": spec.layout.orientation,
        "text_style": spec.layout.text_style,
        "steps": len(rec.steps),
        "roles": len(rec.roles),
        "decisions": sum(s.symbol == "decision" for s in rec.steps),
        "defects": spec.defects,
        "files": files,
    }


def write_manifest(specs: list[Spec], sop_dir: Path = SOP_DIR, path: Path = MANIFEST) -> None:
    docs = [manifest_entry(s, sop_dir) for s in sorted(specs, key=lambda s: s.id)]
    path.write_text(dumps({"generator": "corpus/generate.py", "documents": docs}), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", help="comma-separated spec ids (default: all)")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated subset of {KINDS}")
    args = ap.parse_args(argv)
    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    if unknown := kinds - set(KINDS):
        ap.error(f"unknown kinds {sorted(unknown)}")
    only = [x.strip() for x in args.only.split(",")] if args.only else None
    try:
        selected = [load_spec(p) for p in spec_paths(SPECS_DIR, only)]
        for spec in selected:
            render_one(spec, kinds)
            print(f"rendered {spec.id}", file=sys.stderr)
        if "lopdf" in kinds:
            convert_with_libreoffice([doc_dir(s.id) / f"{s.id}.docx" for s in selected])
            print(f"converted {len(selected)} DOCX with LibreOffice", file=sys.stderr)
        all_specs = [load_spec(p) for p in spec_paths(SPECS_DIR)]
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except subprocess.SubprocessError as exc:
        print(f"error: LibreOffice conversion failed: {exc}", file=sys.stderr)
        return 1
    write_manifest(all_specs)
    known = {s.id for s in all_specs} | {"specs"}
    for d in sorted(p for p in SOP_DIR.iterdir() if p.is_dir() and p.name not in known):
        print(f"warning: {d.relative_to(ROOT)} has no spec (stale output?)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

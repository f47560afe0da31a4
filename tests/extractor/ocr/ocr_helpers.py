"""Helpers for the OCR tests: the demo scans and a reading of shapes into table slots."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

from extractor.layout import PageGeometry

ROOT = Path(__file__).resolve().parents[3]


def scans_module():
    """``corpus/scans.py`` (the scan generator), imported by path: corpus is not a package."""
    if "corpus_scans" not in sys.modules:
        spec = importlib.util.spec_from_file_location("corpus_scans", ROOT / "corpus" / "scans.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["corpus_scans"] = module
        spec.loader.exec_module(module)
    return sys.modules["corpus_scans"]


def png_bytes(img, dpi: float | None = None) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return buf.getvalue()


def read_flowchart(geom: PageGeometry, n_roles: int) -> dict[int, dict]:
    """Per body row (1-based step): the shapes' role index and kind, and the Waktu text.

    A deliberately small reading of the page geometry (full-width rules → rows,
    long verticals → columns, in the demo page's column order: No, Kegiatan, roles,
    Kelengkapan, Waktu, …). The real grid builder is ``extractor.grid``.
    """
    hs = [s for s in geom.segments if s.horizontal]
    vs = [s for s in geom.segments if s.vertical and not s.horizontal]
    longest = max(s.length for s in hs)
    vmax = max(s.length for s in vs)
    ys = sorted({round(s.top) for s in hs if s.length >= 0.9 * longest})
    xs = sorted({round(s.x0) for s in vs if s.length >= 0.3 * vmax})
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 4]
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 4]

    def slot(values: list[float], v: float) -> int | None:
        for i in range(len(values) - 1):
            if values[i] <= v < values[i + 1]:
                return i
        return None

    rows: dict[int, dict] = {}
    for sh in geom.shapes:
        cx, cy = (sh.bbox[0] + sh.bbox[2]) / 2, (sh.bbox[1] + sh.bbox[3]) / 2
        r, c = slot(ys, cy), slot(xs, cx)
        if r is None or c is None or r == 0:
            continue
        rows.setdefault(r, {}).setdefault("shapes", []).append((c - 2, sh.kind))
    waktu_col = 2 + n_roles + 1
    for w in geom.words:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        r, c = slot(ys, cy), slot(xs, cx)
        if r and c == waktu_col:
            entry = rows.setdefault(r, {})
            entry["waktu"] = f"{entry.get('waktu', '')} {w.text}".strip()
    return rows


def score(rows: dict[int, dict], truth: dict) -> dict[str, int]:
    """Counts of steps whose role, shape kind and Waktu text match the truth."""
    out = {"steps": len(truth["steps"]), "role": 0, "kind": 0, "waktu": 0}
    for st in truth["steps"]:
        got = rows.get(st["number"], {})
        shapes = got.get("shapes", [])
        if len(shapes) == 1:
            role_idx, kind = shapes[0]
            if 0 <= role_idx < len(truth["roles"]) and truth["roles"][role_idx] == st["role"]:
                out["role"] += 1
            out["kind"] += kind == st["kind"]
        text = re.sub(r"\s+", " ", got.get("waktu", ""))
        out["waktu"] += text.lower() == st["waktu"].lower()
    return out

"""Scanned flowchart pages → PageGeometry: rows, role per shape, shape kind, Waktu values."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_helpers import read_flowchart, scans_module, score

from extractor.backends.ocr import page_geometry
from extractor.scan import prep

pytestmark = pytest.mark.ocr


@pytest.mark.parametrize(("seed", "dpi", "skew"), [(1, 300, 2.5), (2, 200, -1.8)])
def test_flowchart_scan_reads_roles_shapes_and_durations(seed, dpi, skew):
    scans = scans_module()
    img, truth = scans.demo_scan(seed, dpi, skew, colour=True)  # stamp + signature in colour
    geom = page_geometry(img, 1, dpi)
    assert geom.source == "ocr"
    assert geom.width == pytest.approx(842, abs=6) and geom.height == pytest.approx(595, abs=6)
    got = score(read_flowchart(geom, len(truth["roles"])), truth)
    assert got["role"] == got["steps"]
    assert got["kind"] == got["steps"]
    assert got["waktu"] >= got["steps"] - 1
    # one connector into every step but the first, plus the decision's "Tidak" loop-back
    assert len(geom.arrows) == len(truth["steps"])
    assert all(w.conf is not None and 0 <= w.conf <= 100 for w in geom.words)
    texts = {w.text for w in geom.words}
    assert {"Kegiatan", "Waktu", "Pelaksana"} <= texts


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.6, 2.4])
def test_deskew_recovers_the_rotation(angle):
    scans = scans_module()
    img, _ = scans.demo_scan(3, 150, angle)
    gray = prep.flatten_light(np.asarray(img), 150)
    found = prep.estimate_skew(prep.binarize(gray, 150))
    assert found == pytest.approx(-angle, abs=0.15)


def test_coloured_stamp_ink_is_bleached_but_black_print_kept():
    rgb = np.full((10, 40, 3), 255, np.uint8)
    rgb[:, :10] = (40, 60, 190)  # blue stamp ink
    rgb[:, 10:20] = (200, 40, 50)  # red stamp ink
    rgb[:, 20:30] = (20, 20, 25)  # black print
    rgb[:, 30:] = (15, 20, 60)  # black print under blue ink: dark, kept
    gray = prep.to_gray(rgb)
    assert gray[0, 5] == 255 and gray[0, 15] == 255
    assert gray[0, 25] < 60 and gray[0, 35] < 100

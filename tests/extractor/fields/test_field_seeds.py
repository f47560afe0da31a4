"""The field parsers on the seed SOP text exports (shared/seeds)."""

from __future__ import annotations

import re

from extractor.fields import find_nip, normalise_title, parse_citations, parse_date, parse_duration


def _dasar_hukum(text: str) -> str:
    """The Dasar Hukum box of a seed: the lines after its label, up to the next box."""
    start = re.search(r"^.*dasar hukum.*$", text, re.I | re.M)
    assert start, "seed without Dasar Hukum"
    rest = text[start.end() :]
    end = re.search(r"^\s*(?:kualifikasi pelaksana|keterkaitan)", rest, re.I | re.M)
    box = rest[: end.start()] if end else rest
    # Seed exports put the next column of the grid after a tab on the same line.
    return "\n".join(line.split("\t")[0] for line in box.splitlines())


def test_seed_citations(seeds_dir):
    found = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        citations = parse_citations(_dasar_hukum(path.read_text("utf-8")))
        found[path.stem] = [(c.type, c.number, c.year) for c in citations]
    perpres = ("Peraturan Presiden", "29", 2014)
    panrb = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "53", 2014)
    assert found["sop-satpolpp-balangan-lakip"] == [
        perpres,
        panrb,
        (panrb[0], "88", 2021),
        ("Peraturan Bupati", "107", 2021),
    ]
    assert found["sop-bappedalitbang-balangan-data-kinerja"] == [perpres, panrb]
    assert found["sop-kecamatan-tebingtinggi-lkip"] == [
        ("Peraturan Menteri Dalam Negeri", "29", 2014),
        panrb,
        ("Peraturan Bupati", None, None),
    ]


def test_seed_signatures_and_times(seeds_dir):
    satpol = (seeds_dir / "sop-satpolpp-balangan-lakip.txt").read_text("utf-8")
    assert find_nip(satpol) == "196606131998022003"
    assert parse_date(satpol.split("Paringin,")[1]) == "2023-01-03"
    waktu = re.findall(r"\t(\d+ (?:Menit|Jam|Hari|hari))\t", satpol)
    minutes = [parse_duration(w).minutes for w in waktu]
    assert minutes[:3] == [10, 120, 60] and 960 in minutes and None not in minutes
    roles = [
        "KASAD",
        "SEKRETARIS",
        "KASUBAG PERENCANAAN & PELAPORAN",
        "Staf/Jabatan Fungsional Umum",
    ]
    ranks = [normalise_title(r).rank for r in roles]
    assert ranks == sorted(ranks, reverse=True) == [80, 70, 50, 30]

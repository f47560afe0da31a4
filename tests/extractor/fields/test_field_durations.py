"""Mutu Baku durations."""

from __future__ import annotations

import pytest

from extractor.fields import parse_duration

DAY = 8 * 60

# (text, minutes, minutes_max, unit, working_days)
CASES = [
    ("10 Menit", 10, None, "menit", False),
    ("2 Jam", 120, None, "jam", False),
    ("1 (satu) hari", DAY, None, "hari", False),
    ("2 (dua) Jam", 120, None, "jam", False),
    ("satu hari", DAY, None, "hari", False),
    ("dua puluh menit", 20, None, "menit", False),
    ("1-2 hari", DAY, 2 * DAY, "hari", False),
    ("1 – 2 Hari", DAY, 2 * DAY, "hari", False),
    ("1 s/d 2 hari", DAY, 2 * DAY, "hari", False),
    ("30 menit - 1 jam", 30, 60, "menit", False),
    ("2 hari kerja", 2 * DAY, None, "hari", True),
    ("2 HK", 2 * DAY, None, "hari", True),
    ("1 Minggu", 5 * DAY, None, "minggu", False),
    ("1 Bulan", 22 * DAY, None, "bulan", False),
    ("30 detik", 0.5, None, "detik", False),
    ("1,5 jam", 90, None, "jam", False),
    ("1.5 jam", 90, None, "jam", False),
    ("½ jam", 30, None, "jam", False),
    ("1½ jam", 90, None, "jam", False),
    ("setengah jam", 30, None, "jam", False),
    ("2Jam", 120, None, "jam", False),
    ("2-Jam", 120, None, "jam", False),
    ("15'", 15, None, "menit", False),
    ("10 mnt", 10, None, "menit", False),
    ("1 hr", DAY, None, "hari", False),
    ("sehari", DAY, None, "hari", False),
    ("seminggu", 5 * DAY, None, "minggu", False),
    ("2 x 24 jam", 2 * 24 * 60, None, "jam", False),
    ("1 jam 30 menit", 90, None, "jam", False),
    ("120 hari", 120 * DAY, None, "hari", False),
    ("l0 Menit", 10, None, "menit", False),  # OCR l for 1
    ("2 menitt", 2, None, "menit", False),  # misspelt unit, fuzzy
    ("15 ~ Menit ee", 15, None, "menit", False),  # a stamp's debris read between
    ("2 | Jam", 120, None, "jam", False),  # an erased rule's fringe read between
]


@pytest.mark.parametrize(("text", "minutes", "minutes_max", "unit", "working"), CASES)
def test_parse_duration(text, minutes, minutes_max, unit, working):
    duration = parse_duration(text)
    assert duration is not None
    assert duration.text == text.strip()
    assert duration.minutes == pytest.approx(minutes)
    assert duration.minutes_max == (pytest.approx(minutes_max) if minutes_max else None)
    assert duration.unit == unit
    assert duration.working_days is working


@pytest.mark.parametrize("text", ["3 kali", "segera", "Jam", "10", "2 harian", "sesuai jadwal"])
def test_unknown_unit_keeps_text(text):
    duration = parse_duration(text)
    assert duration is not None
    assert (duration.text, duration.minutes, duration.unit) == (text, None, None)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_none(text):
    assert parse_duration(text) is None


def test_workday_hours_is_configurable():
    assert parse_duration("1 hari", workday_hours=7.5).minutes == pytest.approx(450)
    assert parse_duration("1 Minggu", workday_hours=7.5).minutes == pytest.approx(5 * 450)
    assert parse_duration("2 Jam", workday_hours=7.5).minutes == pytest.approx(120)
    assert parse_duration("1 hari", workday_hours=-1).minutes == pytest.approx(DAY)

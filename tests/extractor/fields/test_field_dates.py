"""Indonesian dates."""

from __future__ import annotations

import pytest

from extractor.fields import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03 Maret 2023", "2023-03-03"),
        ("3 Maret 2023", "2023-03-03"),
        ("Paringin, 3 Januari 2023", "2023-01-03"),
        ("Tanggal Pembuatan : 28 Juli 2023", "2023-07-28"),
        ("3-3-2023", "2023-03-03"),
        ("03/03/2023", "2023-03-03"),
        ("3.3.2023", "2023-03-03"),
        ("03 / 03 / 2023", "2023-03-03"),
        ("03/03/23", "2023-03-03"),
        ("2023-03-03", "2023-03-03"),
        ("2023/12/31", "2023-12-31"),
        ("17 Agt 2023", "2023-08-17"),
        ("17 Agust. 2023", "2023-08-17"),
        ("17 Agustus 2023", "2023-08-17"),
        ("10 Nop 2022", "2022-11-10"),
        ("10 Nopember 2022", "2022-11-10"),
        ("2 Pebruari 2021", "2021-02-02"),
        ("29 Februari 2024", "2024-02-29"),
        ("5 Sept 2020", "2020-09-05"),
        ("1 Okt 2020", "2020-10-01"),
        ("24 Des 2020", "2020-12-24"),
        ("3 MEI 2019", "2019-05-03"),
        ("3Maret2023", "2023-03-03"),
        ("12 Juli, 2023", "2023-07-12"),
        ("03-Mar-2023", "2023-03-03"),
        ("28 Desembar 2023", "2023-12-28"),  # misspelt month, fuzzy
        ("O3 Maret 2O23", "2023-03-03"),  # OCR O for 0
        ("l5 Maret 2023", "2023-03-15"),  # OCR l for 1
        ("I2 Juni 2O2I", "2021-06-12"),
        ("Senin, 2 Januari 2023", "2023-01-02"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "31 Februari 2023",  # no such day
        "29 Februari 2023",  # not a leap year
        "32 Maret 2023",
        "3-13-2023",
        "Maret 2023",  # no day
        "",
        "-",
        "Nomor 29 Tahun 2014",
        "1.250.000",
        "1.2.23",  # a section number, not a date
        "3 Jam 2023",
    ],
)
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_find_dates_gives_spans_into_the_original_text():
    text = "Dibuat 02 Juli 2O23, efektif 2023-07-03 dan revisi 1/8/2023."
    found = find_dates(text)
    assert [iso for iso, _ in found] == ["2023-07-02", "2023-07-03", "2023-08-01"]
    assert [text[a:b] for _, (a, b) in found] == ["02 Juli 2O23", "2023-07-03", "1/8/2023"]

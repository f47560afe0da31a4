"""Indonesian number formats."""

from __future__ import annotations

import pytest

from extractor.fields import parse_number, words_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", 1234.56),
        ("95,5 %", 95.5),
        ("95,5%", 95.5),
        ("1.250.000.000", 1250000000.0),
        ("Rp 1.187.500.000,00", 1187500000.0),
        ("Rp. 5.000,-", 5000.0),
        ("12.5", 12.5),
        ("12.50", 12.5),
        ("1.250", 1250.0),
        ("1,250", 1.25),  # the comma is the decimal mark
        ("1,234.56", 1234.56),  # English grouping still reads right
        ("(1.234)", -1234.0),
        ("-12,5", -12.5),
        ("−3,5", -3.5),
        ("0", 0.0),
        ("100", 100.0),
        ("97,37 persen", 97.37),
        ("1.25O.000", 1250000.0),  # OCR O for 0
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["-", "", "  ", "n/a", "1.2.3", "12,5.3", "1.23.456", "9" * 400])
def test_parse_number_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("satu", 1),
        ("dua belas", 12),
        ("dua puluh lima", 25),
        ("seratus dua puluh", 120),
        ("tiga ratus", 300),
        ("setengah", 0.5),
        ("satu setengah", 1.5),
    ],
)
def test_words_to_number(text, value):
    assert words_to_number(text) == pytest.approx(value)


def test_words_to_number_rejects_other_words():
    assert words_to_number("dua kali") is None
    assert words_to_number("") is None

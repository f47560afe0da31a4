"""NIP finding and splitting."""

from __future__ import annotations

import pytest

from extractor.fields import find_nip, split_nip


@pytest.mark.parametrize(
    ("text", "nip"),
    [
        (" NPL 19660613 199802 2 003", "196606131998022003"),  # Satpol PP seed, OCR label
        ("NIP. 19701207 199503 1 002", "197012071995031002"),  # Bappedalitbang seed
        ("NIP. 19720606 199202 1 001", "197206061992021001"),  # Kecamatan seed
        ("NIP : 197206061992021001", "197206061992021001"),
        ("N I P 19720606 199202 1 001", "197206061992021001"),
        ("N.I.P. 19720606.199202.1.001", "197206061992021001"),
        ("NlP 19720606 199202 1 001", "197206061992021001"),
        ("NIP 1966O613 l99802 2 003", "196606131998022003"),  # O→0, l→1 in the run
        ("19660613 199802 2 003", "196606131998022003"),  # no label, plausible NIP
        (
            "NOOR ASPARIAH, SP.MP\nPembina Utama Muda / IV c\nNIP 19660613 199802 2 003\n",
            "196606131998022003",
        ),
        ("Nip:19701207199503100212", "197012071995031002"),  # glued extra digits
    ],
)
def test_find_nip(text, nip):
    assert find_nip(text) == nip


@pytest.mark.parametrize(
    "text",
    [
        "",
        "NIP. -",
        "NIP. 1970120719950310",  # 16 digits
        "Telp 0812345678901234567",  # not a plausible NIP, no label
        "12345678901234567 8",  # unlabelled, birth date impossible
    ],
)
def test_find_nip_none(text):
    assert find_nip(text) is None


def test_split_nip():
    parts = split_nip("19660613 199802 2 003")
    assert parts == {
        "nip": "196606131998022003",
        "birth_date": "19660613",
        "birth_date_iso": "1966-06-13",
        "appointment": "199802",
        "appointment_iso": "1998-02",
        "gender": "2",
        "gender_label": "female",
        "serial": "003",
        "valid": True,
    }


def test_split_nip_flags_implausible_parts():
    parts = split_nip("196613401998132003")
    assert parts["birth_date_iso"] is None
    assert parts["appointment_iso"] is None
    assert parts["valid"] is False
    assert split_nip("123") == {}

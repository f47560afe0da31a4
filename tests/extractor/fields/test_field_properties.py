"""Property tests: every field parser takes any text without raising and returns
well-formed values."""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.fields import (
    find_dates,
    find_nip,
    find_titles,
    normalise_title,
    parse_citation,
    parse_citations,
    parse_date,
    parse_duration,
    parse_number,
    split_citations,
    split_nip,
)
from extractor.models import Citation, Duration

# Arbitrary text, plus text built from the pieces the parsers look for, so the
# interesting branches (numbers, units, labels, markers) are reached too.
PIECES = st.sampled_from(
    [
        "Peraturan",
        "Bupati",
        "Nomor",
        "No.",
        "Tahun",
        "tentang",
        "2014",
        "2O14",
        "53/2014",
        "PER/21/M.PAN/11/2008",
        "sebagaimana telah diubah dengan",
        "(Lembaran Negara",
        ")",
        "1.",
        "2)",
        "a.",
        ";",
        "\n",
        "-",
        "/",
        "Maret",
        "Agt",
        "31",
        "03/03/2023",
        "NIP",
        "19660613 199802 2 003",
        "l",
        "O",
        "jam",
        "hari",
        "½",
        "1-2",
        "x",
        "Kepala",
        "Kasubbag",
        "Dinas",
        "Rp",
        "1.234,56",
        "(",
        "%",
        ",",
        ".",
        "satu",
        "se",
        "Sekretaris",
        " ",
    ]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map(" ".join))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_citations_never_raise(text):
    citation = parse_citation(text)
    assert isinstance(citation, Citation)
    for c in (citation, *citation.amended_by):
        assert c.year is None or 1800 <= c.year <= 2100
        assert c.number is None or c.number.strip() == c.number != ""
        assert c.subject is None or c.subject.strip() == c.subject != ""
    items = split_citations(text)
    assert all(isinstance(i, str) and i.strip() == i != "" for i in items)
    assert len(parse_citations(text)) == len(items)


@FAST
@given(TEXT)
def test_dates_are_valid_iso(text):
    iso = parse_date(text)
    if iso is not None:
        assert dt.date.fromisoformat(iso).isoformat() == iso
    for found, (start, end) in find_dates(text):
        assert dt.date.fromisoformat(found)
        assert 0 <= start < end <= len(text)


@FAST
@given(TEXT, st.floats(min_value=0.5, max_value=24))
def test_durations_are_non_negative(text, hours):
    duration = parse_duration(text, workday_hours=hours)
    if duration is None:
        assert not re.search(r"[^\W_]", text)
        return
    assert isinstance(duration, Duration)
    for minutes in (duration.minutes, duration.minutes_max):
        assert minutes is None or (math.isfinite(minutes) and minutes >= 0)
    assert (duration.minutes is None) == (duration.unit is None)


@FAST
@given(TEXT)
def test_nip_is_18_digits(text):
    nip = find_nip(text)
    if nip is not None:
        assert len(nip) == 18 and nip.isdigit()
        assert split_nip(nip)["nip"] == nip
    parts = split_nip(text)
    assert parts == {} or len(parts["nip"]) == 18


@FAST
@given(TEXT)
def test_numbers_are_finite(text):
    value = parse_number(text)
    assert value is None or math.isfinite(value)


@FAST
@given(TEXT)
def test_titles_are_well_formed(text):
    title = normalise_title(text)
    assert title is None or (title.canonical and 0 < title.rank <= 100)
    for found, (start, end) in find_titles(text):
        assert 0 <= start < end <= len(text)
        assert found.raw == text[start:end]

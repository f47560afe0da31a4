"""Step numbers of flowchart rows read in sequence (OCR misreads a digit now and then)."""

from __future__ import annotations

import pytest

from extractor.sop import _in_sequence


@pytest.mark.parametrize(
    ("number", "previous", "following", "expected"),
    [
        (1, 0, 2, 1),  # the first step, read right
        (4, 0, 2, 1),  # its 1 read as 4, the next row reads 2
        (5, 0, 6, 5),  # a table that starts at 5 (a continued SOP): kept
        (2, 21, 23, 22),  # "2" read for 22
        (6, 6, 7, 7),  # the 7 read as 6
        (9, 7, 10, 9),  # a real gap, the next row agrees: kept
    ],
)
def test_a_misread_step_number_is_the_step_after_the_previous_one(
    number: int, previous: int, following: int | None, expected: int
) -> None:
    assert _in_sequence(number, previous, following) == expected

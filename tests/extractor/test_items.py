"""Box contents → list items, including lists whose first marker OCR mangled."""

from __future__ import annotations

import pytest

from extractor.sop.items import split_items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Komputer\n2. Printer", ["Komputer", "Printer"]),
        # OCR: the first marker's dot lost, read as a comma, or "1" read as "l" or "4"
        ("1 Memahami peraturan kepegawaian 2. Mampu mengolah data", None),
        ("l. Memahami peraturan kepegawaian\n2. Mampu mengolah data", None),
        ("1, Memahami peraturan kepegawaian 2. Mampu mengolah data", None),
        ("4 Memahami peraturan kepegawaian 2. Mampu mengolah data", None),
    ],
)
def test_numbered_lists(text: str, expected: list[str] | None) -> None:
    expected = expected or ["Memahami peraturan kepegawaian", "Mampu mengolah data"]
    assert split_items(text, wrapped=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Surat permohonan pindah tugas 2. SOP lain",  # no marker at the top: one item
        "Pegawai golongan 2. Memahami",
        "Mampu mengoperasikan komputer",
    ],
)
def test_text_without_a_first_marker_stays_one_item(text: str) -> None:
    assert split_items(text, wrapped=True) == [text]


def test_citation_keeps_no_list_number_whose_dot_ocr_lost() -> None:
    from extractor.fields.citations import parse_citation

    c = parse_citation("4 Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional")
    assert c.text.startswith("Undang-Undang Nomor 20")
    assert (c.type, c.number, c.year) == ("Undang-Undang", "20", 2003)


def test_a_word_ocr_split_at_a_space_is_rejoined_only_into_a_known_word():
    from extractor.fields.jabatan import title_words
    from extractor.sop.items import join_split_words

    vocab = title_words()
    assert join_split_words("Kepala B idang SDK", vocab) == "Kepala Bidang SDK"
    # pieces that are words themselves, or a join that is no title word, stay apart
    assert join_split_words("Kepala Seksi Umum", vocab) == "Kepala Seksi Umum"
    assert join_split_words("Staf Ahli", vocab) == "Staf Ahli"
    assert join_split_words("Petugas Lo ket", vocab) == "Petugas Loket"
    assert join_split_words("Pengelola Ba ju", vocab) == "Pengelola Ba ju"


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("Data pangkat termutakhirkan \\ \\", "Data pangkat termutakhirkan"),  # a stamp's ring
        ("Jawaban tersampaikan ~ —", "Jawaban tersampaikan"),
        ("Keputusan tersampaikan i / j", "Keputusan tersampaikan"),  # letters among them
        ("| Berkas masuk", "Berkas masuk"),  # at the start too
        ("| 1 Hari", "1 Hari"),  # a digit is no debris
        ("Lampiran A", "Lampiran A"),  # a single letter with no debris is the text's
        ("Surat (lengkap)", "Surat (lengkap)"),
        ("-", "-"),  # a cell with nothing to say
        ("— ~", "— ~"),  # nothing but debris: kept as read
    ],
)
def test_stroke_debris_at_an_ocr_cells_ends_goes(read: str, kept: str) -> None:
    from extractor.sop.items import strip_debris

    assert strip_debris(read) == kept

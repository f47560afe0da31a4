"""Identity table of the front page: labels, and values whose label a stamp made unreadable."""

from __future__ import annotations

from extractor.backends.text import parse_text
from extractor.sop.front import read_identity
from extractor.sop.rows import document_rows

IDENTITY = (
    "Nomor SOP\t000.2.3/045/Kec.Plh/V/2024\n"
    "Tanggal Pembuatan\t13 Mei 2024\n"
    "Tanggal Revisi\t-\n"
    "{effective}\t20 Mei 2024\n"
    "{approver}\tCamat Pelaihari\\nMuhammad Fahmi Ridhani, S.STP., M.Si\\n"
    "NIP. 19860314 200501 1 001\n"
    "Nama SOP\tSOP Pengelolaan Surat Masuk\n"
)


def _identity(effective: str, approver: str):
    text = IDENTITY.format(effective=effective, approver=approver).replace("\\n", "<br>")
    ident, _ = read_identity(document_rows(parse_text(text)))
    return ident


def test_labelled_identity_table():
    ident = _identity("Tanggal Efektif", "Disahkan oleh")
    assert ident.created == "2024-05-13" and ident.effective == "2024-05-20"
    assert ident.approved_by is not None and ident.approved_by.nip == "198603142005011001"


def test_values_under_a_stamp_are_placed_by_what_they_hold():
    # OCR of labels a stamp covers: "Tanggal Annnannhan eects", "Maan Ar D isahkan"
    ident = _identity("Tanggal Annnannhan eects", "Maan Ar D isahkan")
    assert ident.created == "2024-05-13"
    assert ident.revised is None
    assert ident.effective == "2024-05-20"
    assert ident.approved_by is not None
    assert ident.approved_by.name == "Muhammad Fahmi Ridhani, S.STP., M.Si"
    assert ident.approved_by.nip == "198603142005011001"
    assert ident.title == "SOP Pengelolaan Surat Masuk"


def _read(text: str, source: str):
    from extractor.models import Provenance

    rows = document_rows(parse_text(text.replace("\\n", "<br>")))
    for row in rows:
        row.prov = Provenance(source=source)
    return read_identity(rows)[0]


def test_a_digit_gap_in_an_ocr_number_is_closed_but_a_typed_one_is_kept():
    text = IDENTITY.format(effective="Tanggal Efektif", approver="Disahkan oleh").replace(
        "000.2.3/045/", "000.2.3/0 45/"
    )
    assert _read(text, "ocr").number == "000.2.3/045/Kec.Plh/V/2024"
    assert _read(text, "text").number == "000.2.3/0 45/Kec.Plh/V/2024"


def test_a_date_read_into_the_signers_block_is_not_part_of_the_position():
    from extractor.sop.person import parse_person

    signer = parse_person(
        [
            "13 Mei 2024",
            "Camat Pelaihari",
            "Muhammad Fahmi Ridhani, S.STP., M.Si",
            "NIP. 19860314 200501 1 001",
        ]
    )
    assert (signer.position, signer.name) == (
        "Camat Pelaihari",
        "Muhammad Fahmi Ridhani, S.STP., M.Si",
    )
    # a date inside a position line stays: it is no date line of its own
    assert parse_person(["Kepala Dinas 2024", "Budi"]).position == "Kepala Dinas 2024"


def test_a_signers_block_garbled_by_a_stamp_and_a_signature_keeps_its_name():
    from extractor.sop.person import parse_person

    # the lines OCR read from 300-dpi scans with a stamp and a signature over the block
    split = parse_person(
        [
            "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota",
            "Banjarbaru",
            "Hj. Rahm:",  # the signature's stroke across the name
            "Pr",
            "Noor, “ss., M.AP",
            "Tingkat | / b",  # "Pembina Tingkat I / IV b"
            "NIP. or 507 23200003 2 302",
            "ABUPATEN",  # the stamp's letters
        ]
    )
    assert split.position == "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Banjarbaru"
    assert split.name == "Hj. Rahm: Pr Noor, “ss., M.AP"
    assert split.rank == "Tingkat | / b"
    pieces = parse_person(
        [
            "Inspektur Kabupaten Tanah Laut",
            "H. Bahrudin Noor, S.E., M.Si., Ak.",
            "Per’",  # "Pembina Utama" under the signature
            "N'\" . 19690407 1 “503 1 002",  # the NIP, its label and digits broken
            "— a »",
            "Muda/IVc",
        ]
    )
    assert pieces.position == "Inspektur Kabupaten Tanah Laut"
    assert pieces.name == "H. Bahrudin Noor, S.E., M.Si., Ak."


def test_labels_stacked_in_one_cell_are_no_value_of_the_first():
    # a shadow over a photo's identity table lost the rules between its rows: the
    # labels stand in one cell, their values in the next, and "Tgl." is read "Tgi."
    text = (
        "No. SOP\\nTgi. Pembuatan\\nTgi. Revisi\\nTgi. Efektif\\nNama SOP\t"
        "70W031T KAB/N1/2022\\n14 Maret 2022\\n\\n21 Maret 2022\\nSOP Audit Kinerja\n"
    )
    ident = _read(text, "ocr")
    assert ident.number is None  # unread, not the labels below it
    assert "Pembuatan" not in (ident.raw.get("number") or "")

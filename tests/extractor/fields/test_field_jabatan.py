"""Job-title lexicon and agency types."""

from __future__ import annotations

import pytest

from extractor.fields import agency_type, find_titles, normalise_title

# (text, canonical, rank, qualifier)
CASES = [
    # role headers of the seeds
    ("KASAD", "Kepala Satuan Polisi Pamong Praja", 80, None),
    ("SEKRETARIS", "Sekretaris", 70, None),
    ("KASUBAG PERENCANAAN & PELAPORAN", "Kepala Sub Bagian", 50, "PERENCANAAN & PELAPORAN"),
    ("Staf/Jabatan Fungsional Umum", "Pelaksana", 30, None),
    ("Kepala Bidang", "Kepala Bidang", 60, None),
    ("Kasubbag Perencanaan dan Pelaporan", "Kepala Sub Bagian", 50, "Perencanaan dan Pelaporan"),
    ("Kepala Seksi", "Kepala Seksi", 50, None),
    ("Staf Penyusun Evaluasi Kinerja", "Pelaksana", 30, "Penyusun Evaluasi Kinerja"),
    ("Camat", "Camat", 80, None),
    ("Pelaksana", "Pelaksana", 30, None),
    ("Kasubbag Perencanaan dan Keuangan", "Kepala Sub Bagian", 50, "Perencanaan dan Keuangan"),
    # positions of "Disahkan oleh"
    ("Kepala Satuan Polisi Pamong Praja", "Kepala Satuan Polisi Pamong Praja", 80, None),
    (
        "Kepala BAPPEDALITBANG Kabupaten balangan",
        "Kepala Badan",
        80,
        "BAPPEDALITBANG Kabupaten balangan",
    ),
    ("CAMAT TEBING TINGGI", "Camat", 80, "TEBING TINGGI"),
    # abbreviations and spellings
    ("Kadis", "Kepala Dinas", 80, None),
    ("Kepala Dinas Kesehatan", "Kepala Dinas", 80, "Kesehatan"),
    ("Sekdis", "Sekretaris Dinas", 70, None),
    ("Kaban", "Kepala Badan", 80, None),
    ("Sekban", "Sekretaris Badan", 70, None),
    ("Kasatpol PP", "Kepala Satuan Polisi Pamong Praja", 80, None),
    ("Kasat Pol PP", "Kepala Satuan Polisi Pamong Praja", 80, None),
    ("Sekcam", "Sekretaris Camat", 70, None),
    ("Lurah", "Lurah", 60, None),
    ("Seklur", "Sekretaris Lurah", 50, None),
    ("Kabid Pemerintahan", "Kepala Bidang", 60, "Pemerintahan"),
    ("Kabag Organisasi", "Kepala Bagian", 60, "Organisasi"),
    ("Kasubag Umum", "Kepala Sub Bagian", 50, "Umum"),
    ("Ka. Sub. Bag. Umum", "Kepala Sub Bagian", 50, "Umum"),
    ("Ka.Sub.Bag Keuangan", "Kepala Sub Bagian", 50, "Keuangan"),
    ("Kasi Trantib", "Kepala Seksi", 50, "Trantib"),
    ("Kasie Pelayanan", "Kepala Seksi", 50, "Pelayanan"),
    ("Kasubbid Program", "Kepala Sub Bidang", 50, "Program"),
    ("Inspektur", "Inspektur", 80, None),
    ("Irban II", "Inspektur Pembantu", 60, "II"),
    ("Sekda", "Sekretaris Daerah", 90, None),
    ("Bupati Balangan", "Bupati", 100, "Balangan"),
    ("Wakil Bupati", "Wakil Bupati", 95, None),
    ("Walikota", "Wali Kota", 100, None),
    ("Direktur RSUD", "Direktur RSUD", 80, None),
    ("Sekwan", "Sekretaris DPRD", 80, None),
    ("Kepala UPTD Puskesmas", "Kepala UPT", 55, "Puskesmas"),
    ("JF Perencana Ahli Muda", "Jabatan Fungsional", 40, "Perencana Ahli Muda"),
    ("JFU", "Pelaksana", 30, None),
    ("Jabatan Fungsional Umum", "Pelaksana", 30, None),
    ("Bendahara Pengeluaran", "Bendahara", 30, "Pengeluaran"),
    ("Pengadministrasi Umum", "Pengadministrasi", 30, None),
    ("Analis Kepegawaian", "Analis", 30, "Kepegawaian"),
    ("Operator", "Operator", 30, None),
    ("Ajudan", "Ajudan", 30, None),
    ("Plt. Kepala Dinas Pendidikan", "Kepala Dinas", 80, "Pendidikan"),
    ("Sekretaris BAPPEDA", "Sekretaris Badan", 70, "BAPPEDA"),
    ("1. Kepala Seksi", "Kepala Seksi", 50, None),
    # misspellings matched fuzzily
    ("Kepala Sub Bagain Keuangan", "Kepala Sub Bagian", 50, "Keuangan"),
    ("Sekertaris Dinas", "Sekretaris Dinas", 70, None),
]


@pytest.mark.parametrize(("text", "canonical", "rank", "qualifier"), CASES)
def test_normalise_title(text, canonical, rank, qualifier):
    title = normalise_title(text)
    assert title is not None
    assert (title.canonical, title.rank, title.qualifier) == (canonical, rank, qualifier)
    assert title.raw == text


def test_head_and_secretary_agency_types():
    head = normalise_title("Camat")
    assert head is not None and "kecamatan" in head.head_of
    secretary = normalise_title("Sekretaris Camat")
    assert secretary is not None and secretary.secretary_of == ("kecamatan",)


def test_fuzzy_match_scores_below_exact():
    exact, fuzzy = normalise_title("Sekretaris Dinas"), normalise_title("Sekertaris Dinas")
    assert exact is not None and fuzzy is not None
    assert exact.score == 100 and 88 <= fuzzy.score < 100


@pytest.mark.parametrize("text", ["", "xyz", "Pelaksanaan kegiatan", "Dokumen LAKIP", "Harian"])
def test_normalise_title_none(text):
    assert normalise_title(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menyampaikan Dokumen LAKIP kepada Kepala Dinas untuk memintakan persetujuan",
            [("Kepala Dinas", None, "Kepala Dinas")],
        ),
        (
            "Penandatanganan dokumen LAKIP oleh Kepala Dinas kemudian diteruskan ke Kasubbag "
            "Perencanaan, Keuangan, Aset dan Akuntabilitas Kinerja",
            [
                ("Kepala Dinas", None, "Kepala Dinas"),
                (
                    "Kepala Sub Bagian",
                    "Perencanaan, Keuangan, Aset dan Akuntabilitas Kinerja",
                    "Kasubbag Perencanaan, Keuangan, Aset dan Akuntabilitas Kinerja",
                ),
            ],
        ),
        (
            "Menyampaikan Format Pengumpulan Bahan dan Data kepada Kasi dan Kasubbag",
            [("Kepala Seksi", None, "Kasi"), ("Kepala Sub Bagian", None, "Kasubbag")],
        ),
        (
            "Menyampaikan Dokumen LKIP kepada Camat, untuk Disetujui dan Ditandatangani",
            [("Camat", None, "Camat")],
        ),
        (
            "MENYAMPAIKAN KEPADA KEPALA DINAS UNTUK DITANDATANGANI",
            [("Kepala Dinas", None, "KEPALA DINAS")],
        ),
        (
            "Memerintahkan dan mengarahkan Kasubbag Perencanaan dan Keuangan untuk Menyusun LKIP",
            [
                (
                    "Kepala Sub Bagian",
                    "Perencanaan dan Keuangan",
                    "Kasubbag Perencanaan dan Keuangan",
                )
            ],
        ),
        ("Sesuai Peraturan Bupati Balangan Nomor 107 Tahun 2021", []),
        ("Merekap laporan kinerja triwulan", []),
        ("", []),
    ],
)
def test_find_titles(text, expected):
    found = find_titles(text)
    assert [(t.canonical, t.qualifier, text[a:b]) for t, (a, b) in found] == expected
    assert all(t.raw == text[a:b] for t, (a, b) in found)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Satuan Polisi Pamong Praja Kabupaten Balangan", "satpol_pp"),
        ("SATUAN POLISI PAMONG PRAJA", "satpol_pp"),
        ("Satpol PP", "satpol_pp"),
        ("BAPPEDALITBANG", "badan"),
        ("BAPELITBANGDA", "badan"),
        ("Badan Kepegawaian Daerah", "badan"),
        ("Kecamatan Tebing Tinggi", "kecamatan"),
        ("Pemerintah Kabupaten Balangan Kecamatan Tebing Tinggi", "kecamatan"),
        ("Dinas Kesehatan", "dinas"),
        ("DISDUKCAPIL", "dinas"),
        ("Dinas Pemberdayaan Masyarakat dan Desa", "dinas"),
        ("RSUD Balangan", "rsud"),
        ("Rumah Sakit Umum Daerah Balangan", "rsud"),
        ("Sekretariat DPRD", "sekretariat_dprd"),
        ("Inspektorat", "inspektorat"),
        ("Inspektorat Daerah Kabupaten Balangan", "inspektorat"),
        ("Kelurahan Batu Piring", "kelurahan"),
        ("Sekretariat Daerah", "sekretariat_daerah"),
        ("Bagian Organisasi", "sekretariat_daerah"),
        ("UPTD Puskesmas Paringin Dinas Kesehatan", "upt"),
        ("Pemerintah Kabupaten Balangan", "pemerintah_daerah"),
    ],
)
def test_agency_type(name, kind):
    assert agency_type(name) == kind


@pytest.mark.parametrize("name", ["", "Toko Buku Sejahtera", "Laporan Kinerja"])
def test_agency_type_unknown(name):
    assert agency_type(name) is None

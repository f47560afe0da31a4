"""Citation parsing and splitting (Dasar Hukum), incl. the seeds' exact lines."""

# ruff: noqa: E501  (citation lines are quoted verbatim from the seeds; wrapping them hides the text)

from __future__ import annotations

import pytest

from extractor.fields import (
    parse_citation,
    parse_citations,
    regulation_type,
    split_citations,
)

PANRB = "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"

# (text, type, number, year, subject, region)
CASES = [
    # --- the three seeds, exact lines ---
    (
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        "Peraturan Presiden",
        "29",
        2014,
        "Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        None,
    ),
    (
        "Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Pengendalian, "
        "dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah Kinerja, Pelaporan Kinerja dan Tata Cara "
        "Reviu Atas Laporan Kinerja Instansi Pemerintah",
        PANRB,
        "53",
        2014,
        "Petunjuk Teknis Perjanjian Pengendalian, dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah "
        "Kinerja, Pelaporan Kinerja dan Tata Cara Reviu Atas Laporan Kinerja Instansi Pemerintah",
        None,
    ),
    (
        "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang evaluasi Kinerja Instansi Pemerintah",
        PANRB,
        "88",
        2021,
        "evaluasi Kinerja Instansi Pemerintah",
        None,
    ),
    (
        "Peraturan Bupati Balangan Nomor 107 tahun 2021 tentang kedudukan susunan organisasi, tugas, "
        "fungsi, dan tata kerja perangkat Daerah",
        "Peraturan Bupati",
        "107",
        2021,
        "kedudukan susunan organisasi, tugas, fungsi, dan tata kerja perangkat Daerah",
        "Balangan",
    ),
    (
        "PermenPAN dan RB No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
        "Kinerja dan Tata Cara Review atas Laporan Kinerja ",
        PANRB,
        "53",
        2014,
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja",
        None,
    ),
    (
        "Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah;",
        "Peraturan Menteri Dalam Negeri",
        "29",
        2014,
        "Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        None,
    ),
    (
        "Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
        "Kinerja dan Tata Cara Reviu Atas Laporan Kinerja Instansi Pemerintah;",
        PANRB,
        "53",
        2014,
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu Atas Laporan Kinerja "
        "Instansi Pemerintah",
        None,
    ),
    ("Peraturan Bupati Balangan Nomor", "Peraturan Bupati", None, None, None, "Balangan"),
    # --- PANRB aliases ---
    ("Permenpan-RB Nomor 53 Tahun 2014", PANRB, "53", 2014, None, None),
    ("PermenPAN RB Nomor 53 Tahun 2014", PANRB, "53", 2014, None, None),
    ("PermenPANRB No 35 Th 2012", PANRB, "35", 2012, None, None),
    ("Peraturan Menteri Negara PAN dan RB Nomor 29 Tahun 2010", PANRB, "29", 2010, None, None),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia "
        "Nomor : 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi "
        "Pemerintahan",
        PANRB,
        "35",
        2012,
        "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
        None,
    ),
    (
        "Permenpan Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP",
        PANRB,
        "PER/21/M.PAN/11/2008",
        2008,
        "Pedoman Penyusunan SOP",
        None,
    ),
    (
        "Keputusan MenPAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan Pelayanan Publik",
        "Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "63/KEP/M.PAN/7/2003",
        2003,
        "Pedoman Umum Penyelenggaraan Pelayanan Publik",
        None,
    ),
    # --- other aliases and number forms ---
    (
        "Permendagri 86/2017 tentang Tata Cara Perencanaan",
        "Peraturan Menteri Dalam Negeri",
        "86",
        2017,
        "Tata Cara Perencanaan",
        None,
    ),
    (
        "PMK Nomor 51/PMK.02/2014 tentang Penyusunan RKA",
        "Peraturan Menteri Keuangan",
        "51/PMK.02/2014",
        2014,
        "Penyusunan RKA",
        None,
    ),
    (
        "Peraturan Menteri Perindustrian Nomor 42/M-IND/PER/8/2013 tentang SOP",
        "Peraturan Menteri Perindustrian",
        "42/M-IND/PER/8/2013",
        2013,
        "SOP",
        None,
    ),
    (
        "Peraturan Menteri Pertahanan Nomor 5 Tahun 2020 tentang X",
        "Peraturan Menteri Pertahanan",
        "5",
        2020,
        "X",
        None,
    ),
    (
        "UU No. 25 Tahun 2009 tentang Pelayanan Publik",
        "Undang-Undang",
        "25",
        2009,
        "Pelayanan Publik",
        None,
    ),
    (
        "Undang-undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
        "Undang-Undang",
        "30",
        2014,
        "Administrasi Pemerintahan",
        None,
    ),
    (
        "Perppu Nomor 1 Tahun 2020",
        "Peraturan Pemerintah Pengganti Undang-Undang",
        "1",
        2020,
        None,
        None,
    ),
    (
        "PP 8/2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
        "Peraturan Pemerintah",
        "8",
        2006,
        "Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
        None,
    ),
    ("Perpres No 29 Th 2014 tentang SAKIP", "Peraturan Presiden", "29", 2014, "SAKIP", None),
    (
        "Inpres Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja Instansi Pemerintah",
        "Instruksi Presiden",
        "7",
        1999,
        "Akuntabilitas Kinerja Instansi Pemerintah",
        None,
    ),
    ("Keppres Nomor 42 Tahun 2002", "Keputusan Presiden", "42", 2002, None, None),
    (
        "Perda Kabupaten Balangan Nomor 4 Tahun 2016 tentang Pembentukan Perangkat Daerah",
        "Peraturan Daerah",
        "4",
        2016,
        "Pembentukan Perangkat Daerah",
        "Kabupaten Balangan",
    ),
    (
        "Peraturan Daerah Provinsi Jawa Tengah Nomor 9 Tahun 2016 tentang Perangkat Daerah",
        "Peraturan Daerah",
        "9",
        2016,
        "Perangkat Daerah",
        "Provinsi Jawa Tengah",
    ),
    (
        "Pergub Kalimantan Selatan Nomor 120 Tahun 2016",
        "Peraturan Gubernur",
        "120",
        2016,
        None,
        "Kalimantan Selatan",
    ),
    ("Peraturan Gubernur Nomor 120 Tahun 2016", "Peraturan Gubernur", "120", 2016, None, None),
    ("Perbup Balangan No. 107 Tahun 2021", "Peraturan Bupati", "107", 2021, None, "Balangan"),
    (
        "Perwali Banjarmasin Nomor 3 Tahun 2019",
        "Peraturan Wali Kota",
        "3",
        2019,
        None,
        "Banjarmasin",
    ),
    ("Perwako Padang Nomor 3 Tahun 2019", "Peraturan Wali Kota", "3", 2019, None, "Padang"),
    (
        "Peraturan Walikota Banjarbaru Nomor 3 Tahun 2019",
        "Peraturan Wali Kota",
        "3",
        2019,
        None,
        "Banjarbaru",
    ),
    (
        "Keputusan Gubernur Sumatera Barat Nomor 065-277-2025 tentang Tim Evaluasi SOP",
        "Keputusan Gubernur",
        "065-277-2025",
        2025,
        "Tim Evaluasi SOP",
        "Sumatera Barat",
    ),
    (
        "Keputusan Bupati Tebing Tinggi Nomor 5 Tahun 2020",
        "Keputusan Bupati",
        "5",
        2020,
        None,
        "Tebing Tinggi",
    ),
    (
        "Surat Edaran Menteri PANRB Nomor 1 Tahun 2020 tentang Sistem Kerja",
        "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "1",
        2020,
        "Sistem Kerja",
        None,
    ),
    (
        "Peraturan Kepala Badan Kepegawaian Negara Nomor 5 Tahun 2019",
        "Peraturan Kepala Badan Kepegawaian Negara",
        "5",
        2019,
        None,
        None,
    ),
    (
        "Peraturan Badan Pengawasan Keuangan dan Pembangunan Nomor 3 Tahun 2019",
        "Peraturan Badan Pengawasan Keuangan dan Pembangunan",
        "3",
        2019,
        None,
        None,
    ),
    ("Peraturan Ombudsman Nomor 17 Tahun 2015", "Peraturan Ombudsman", "17", 2015, None, None),
    # --- OCR-ish garbage ---
    ("Peraturan Presiden Nomor 29 Tahun 2O14", "Peraturan Presiden", "29", 2014, None, None),
    # "Tahun" misread on a phone photo, right after the number
    (
        "Peraturan Presiden Nomor 33 Tanur. 2020 tentang Standar Harga Satuan Regional",
        "Peraturan Presiden",
        "33",
        2020,
        "Standar Harga Satuan Regional",
        None,
    ),
    (
        "Peraturan Presiden Nomer 29 Tahun2014 tentang SAKIP",
        "Peraturan Presiden",
        "29",
        2014,
        "SAKIP",
        None,
    ),
    (
        "Peratuan Menteri Dalam Negri Nomor 86 Tahun 2017",
        "Peraturan Menteri Dalam Negeri",
        "86",
        2017,
        None,
        None,
    ),
    (
        "1. Peraturan Bupati Balangan Nomor 107 Tahun 2021;",
        "Peraturan Bupati",
        "107",
        2021,
        None,
        "Balangan",
    ),
    (
        "Perpres 29/2014 Sistem Akuntabilitas Kinerja",
        "Peraturan Presiden",
        "29",
        2014,
        "Sistem Akuntabilitas Kinerja",
        None,
    ),
    (
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
        None,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "rtype", "number", "year", "subject", "region"), CASES)
def test_parse_citation(text, rtype, number, year, subject, region):
    citation = parse_citation(text)
    assert (citation.type, citation.number, citation.year) == (rtype, number, year)
    assert citation.subject == subject
    assert citation.region == region
    assert citation.amended_by == []


def test_publication_note_kept_in_text_not_subject():
    text = (
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik "
        "Indonesia Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038);"
    )
    citation = parse_citation(text)
    assert citation.subject == "Pelayanan Publik"
    assert citation.number == "25" and citation.year == 2009
    assert "Lembaran Negara Republik Indonesia Tahun 2009 Nomor 112" in citation.text
    assert not citation.text.endswith(";")


def test_amendment_chain_is_split_off():
    text = (
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
        "sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015 "
        "tentang Perubahan Kedua Atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah "
        "(Lembaran Negara Republik Indonesia Tahun 2015 Nomor 58);"
    )
    citation = parse_citation(text)
    assert (citation.type, citation.number, citation.year) == ("Undang-Undang", "23", 2014)
    assert citation.subject == "Pemerintahan Daerah"
    assert len(citation.amended_by) == 1
    amendment = citation.amended_by[0]
    assert (amendment.type, amendment.number, amendment.year) == ("Undang-Undang", "9", 2015)
    assert amendment.subject == (
        "Perubahan Kedua Atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
    )


def test_two_amendments_in_order():
    text = (
        "Peraturan Bupati Balangan Nomor 10 Tahun 2016 tentang SOTK sebagaimana telah diubah dengan "
        "Peraturan Bupati Balangan Nomor 5 Tahun 2018 tentang Perubahan atas Peraturan Bupati Nomor 10 "
        "Tahun 2016, dan terakhir diubah dengan Perbup Balangan Nomor 107 Tahun 2021 tentang Perubahan "
        "Kedua"
    )
    citation = parse_citation(text)
    assert citation.subject == "SOTK"
    assert [(a.number, a.year, a.region) for a in citation.amended_by] == [
        ("5", 2018, "Balangan"),
        ("107", 2021, "Balangan"),
    ]
    assert citation.amended_by[0].subject == "Perubahan atas Peraturan Bupati Nomor 10 Tahun 2016"


def test_incomplete_and_empty_citations_do_not_raise():
    assert parse_citation("").type is None
    bare = parse_citation("Peraturan Bupati")
    assert (bare.type, bare.number, bare.year, bare.subject) == (
        "Peraturan Bupati",
        None,
        None,
        None,
    )
    unknown = parse_citation("Sesuatu yang bukan peraturan")
    assert unknown.type is None and unknown.number is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bappedalitbang seed: HTML list, run together on one line.
        (
            '<ol style="list-style-type: none"> 1. Peraturan Presiden Nomor 29 Tahun 2014 tentang '
            "Sistem Akuntabilitas Kinerja Instansi Pemerintah 2. PermenPAN dan RB No. 53 Tahun 2014 "
            "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas "
            "Laporan Kinerja ",
            [
                "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
                "Pemerintah",
                "PermenPAN dan RB No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, "
                "Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja",
            ],
        ),
        # Kecamatan seed: one per line with ";" and an incomplete last item.
        (
            "1. Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
            "Kinerja Instansi Pemerintah;\n2. Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang "
            "Petunjuk Teknis;\n3. Peraturan Bupati Balangan Nomor\n",
            [
                "Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
                "Kinerja Instansi Pemerintah",
                "Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis",
                "Peraturan Bupati Balangan Nomor",
            ],
        ),
        # "2)" markers, wrapped continuation line.
        (
            "1) UU Nomor 25 Tahun 2009\n   tentang Pelayanan Publik;\n2) Perpres 29/2014",
            ["UU Nomor 25 Tahun 2009 tentang Pelayanan Publik", "Perpres 29/2014"],
        ),
        # Lettered list with "; dan".
        (
            "a. Undang-Undang Nomor 23 Tahun 2014;\nb. Peraturan Pemerintah Nomor 12 Tahun 2017; dan\n"
            "c. Peraturan Bupati Balangan Nomor 107 Tahun 2021.",
            [
                "Undang-Undang Nomor 23 Tahun 2014",
                "Peraturan Pemerintah Nomor 12 Tahun 2017",
                "Peraturan Bupati Balangan Nomor 107 Tahun 2021",
            ],
        ),
        # No markers: one per line, a wrapped line joins the previous one.
        (
            "Undang-Undang Nomor 25 Tahun 2009\ntentang Pelayanan Publik\n"
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang\nSistem Akuntabilitas Kinerja",
            [
                "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja",
            ],
        ),
        # Markers lost by OCR: a wrapped title that names another regulation goes on
        # after a line ending in "Pelaksanaan" / "dengan"; a new line after a complete
        # title starts a new item.
        (
            "UU No. 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah "
            "dengan\nUU No. 24 Tahun 2013\nPermendagri No. 108 Tahun 2019 tentang Peraturan "
            "Pelaksanaan\nPeraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan\n"
            "Peraturan Wali Kota Banjarbaru Nomor 64 Tahun 2021",
            [
                "UU No. 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah "
                "dengan UU No. 24 Tahun 2013",
                "Permendagri No. 108 Tahun 2019 tentang Peraturan Pelaksanaan Peraturan Presiden "
                "Nomor 96 Tahun 2018 tentang Persyaratan",
                "Peraturan Wali Kota Banjarbaru Nomor 64 Tahun 2021",
            ],
        ),
        # ... and after "menjadi", which ends the title of every law enacting a Perppu
        # (a 200-dpi scan: "… Cipta Kerja menjadi / Undang-Undang", markers unread).
        (
            "Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
            "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi\n"
            "Undang-Undang\nPeraturan Pemerintah Nomor 16 Tahun 2018 tentang Satuan Polisi "
            "Pamong Praja",
            [
                "Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
                "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
                "Undang-Undang",
                "Peraturan Pemerintah Nomor 16 Tahun 2018 tentang Satuan Polisi Pamong Praja",
            ],
        ),
        # Semicolons on one line.
        (
            "UU 25/2009 tentang Pelayanan Publik; dan Perpres 29/2014 tentang SAKIP; Permenpan 53/2014",
            [
                "UU 25/2009 tentang Pelayanan Publik",
                "Perpres 29/2014 tentang SAKIP",
                "Permenpan 53/2014",
            ],
        ),
        # Numbers that are not list markers: "Nomor 2 Tahun", "Pasal 2.", amounts.
        (
            "Dasar Hukum : 1. UU Nomor 2 Tahun 2015 tentang Pasal 2. Ketentuan Umum 2. Perbup Nomor 3 "
            "Tahun 2020 tentang Biaya Rp 2.500 3. PP 12/2017",
            [
                "UU Nomor 2 Tahun 2015 tentang Pasal 2. Ketentuan Umum",
                "Perbup Nomor 3 Tahun 2020 tentang Biaya Rp 2.500",
                "PP 12/2017",
            ],
        ),
        # Bullets.
        ("- UU 23/2014\n- PP 12/2017\n", ["UU 23/2014", "PP 12/2017"]),
        ("", []),
        ("  \n ; \n", []),
    ],
)
def test_split_citations(text, expected):
    assert split_citations(text) == expected


def test_parse_citations_on_a_whole_box():
    box = (
        "1. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah\n2. Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis\n\n"
        "3. Peraturan Bupati Balangan Nomor"
    )
    citations = parse_citations(box)
    assert [(c.type, c.number, c.year) for c in citations] == [
        ("Peraturan Presiden", "29", 2014),
        (PANRB, "53", 2014),
        ("Peraturan Bupati", None, None),
    ]


@pytest.mark.parametrize(
    ("alias", "name", "peraturan", "local", "level"),
    [
        ("Perbup", "Peraturan Bupati", True, True, 10),
        ("Inpres", "Instruksi Presiden", False, False, None),
        ("UU", "Undang-Undang", True, False, 3),
        ("Permenpan-RB", PANRB, True, False, 8),
        ("SE", "Surat Edaran", False, False, None),
        ("Kepbup", "Keputusan Bupati", False, True, None),
    ],
)
def test_regulation_type_lookup(alias, name, peraturan, local, level):
    rtype = regulation_type(alias)
    assert rtype is not None
    assert (rtype.name, rtype.peraturan, rtype.local, rtype.level) == (
        name,
        peraturan,
        local,
        level,
    )


def test_regulation_type_unknown():
    assert regulation_type("Resep Masakan") is None


def test_a_list_number_whose_full_stop_ocr_lost_still_opens_its_item():
    # a 150-dpi scan read "3 Peraturan Menteri …": the third citation ran into the second
    text = (
        "1. Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial\n"
        "2. Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin\n"
        "3 Peraturan Menteri Sosial Nomor 3 Tahun 2021 tentang Pengelolaan Data"
    )
    items = split_citations(text)
    assert [c.number for c in map(parse_citation, items)] == ["11", "13", "3"]
    # only the next number, and only before a regulation type
    assert len(split_citations(text.replace("3 Peraturan", "4 Peraturan"))) == 2
    assert len(split_citations(text.replace("3 Peraturan Menteri", "3 Kabupaten"))) == 2
    # a wrapped line opening on a number is no list item
    wrapped = "Undang-Undang Nomor\n23 Tahun 2014 tentang Pemerintahan Daerah\nPeraturan Bupati Nomor 5 Tahun 2020"
    assert (
        split_citations(wrapped)[0]
        == "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
    )


def test_a_year_ocr_misread_by_one_digit_is_put_right():
    from extractor.fields.citations import mend_ocr_years, parse_citations

    box = (
        "1. Undang-Undang Nomor 17 Tahun 2923 tentang Kesehatan\n"
        "2. Peraturan Pemerintah Nomor 28 Tahun 2024 tentang Peraturan Pelaksanaan "
        "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan\n"
        "3. Peraturan Bupati Nomor 5 Tahun 2074 tentang X\n"
        "4. Peraturan Daerah Nomor 9 Tahun 1092 tentang Y"
    )
    cited = parse_citations(box)
    assert [c.year for c in cited] == [None, 2024, 2074, None]
    assert mend_ocr_years(cited, box) == 2
    # the box names UU 17 with its year; 1092 can only be 1992 within the Republic's
    # years; 2074 could be 2004, 2014 or 2024 and stays as read
    assert [c.year for c in cited] == [2023, 2024, 2074, 1992]

"""OCR confusion normalisation from extractor/data/ocr_confusions.yml."""

from __future__ import annotations

import pytest

from extractor.scan.normalise import normalise_ocr_text, normalise_word


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2O23", "2023"),
        ("l5", "15"),
        ("12-O3-2023", "12-03-2023"),
        ("800/1O1/BKPSDM/2023", "800/101/BKPSDM/2023"),  # letters of the code untouched
        ("Menlt", "Menit"),
        ("(Menlt),", "(Menit),"),
        ("Jarn", "Jam"),
        ("Nornor", "Nomor"),
        ("pernbuatan", "pembuatan"),
        ("Januarl", "Januari"),
        ("Kegiatan", "Kegiatan"),  # known words are kept
        ("lain", "lain"),  # unknown words are never "corrected"
        ("S", "S"),  # a lone letter is not a digit run
        ("BKPSDM", "BKPSDM"),
        ("Peiugas", "Petugas"),  # role names read from photos
        ("Pogawai", "Pegawai"),
        ("OPRD", "DPRD"),
        ("bola", "bola"),  # "bela" is no known word either: left alone
        ("SOMK", "SDMK"),  # unit and programme acronyms (labels.yml acronyms)
        ("OTKS", "DTKS"),
        ("Bidar.g", "Bidang"),  # a blurred n read as "r."
        ("SOTK", "SOTK"),  # no acronym of the list: left alone
        ("440/117/SOK-Dinkes/2024", "440/117/SDK-Dinkes/2024"),  # a number's letter groups
        ("700/012/1nsp/2023", "700/012/Insp/2023"),  # an office code's I read as a digit
        ("700/033/|TKAB/III/2022", "700/033/ITKAB/III/2022"),
        ("12/1a/2020", "12/1a/2020"),  # too short to be a code: left alone
        ("1nsp", "1nsp"),  # not in a number: not asked
        ("Sosiai", "Sosial"),  # work-unit words of role names (jabatan.yml unit_words)
        ("Pengotola", "Pengelola"),  # two confusions in a long word: o/e and t/l
        ("Pengolah", "Pengolah"),  # a known word is never touched
        ("Kopata", "Kopata"),  # two confusions away from "Kepala", but too short
        ("Or.", "Dr."),  # a name's title, its D blurred into an O ("Or. Ir. H. Ahmad")
        ("Ors.", "Drs."),
        ("H,", "H."),  # a title's full stop read as a comma ("dr. H, Ahmad")
        ("Or", "Or"),  # without its full stop no title
    ],
)
def test_normalise_word(raw, expected):
    assert normalise_word(raw) == expected


def test_nip_becomes_18_digits_or_stays():
    assert normalise_ocr_text("19850l12 2O10O1 1 OO3", "nip") == "198501122010011003"
    assert normalise_ocr_text("1985 01 12", "nip") == "1985 01 12"  # too short: unchanged


def test_duration_and_number_fields():
    assert normalise_ocr_text("l5 Menlt", "duration") == "15 Menit"
    assert normalise_ocr_text("I2O", "number") == "120"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("470/312/Disdukcapil-BJB/1X/2023", "470/312/Disdukcapil-BJB/IX/2023"),
        ("800/12/BKD/V1l/2024", "800/12/BKD/VII/2024"),
        ("Xl", "XI"),
        ("IX", "IX"),  # already right
        ("X", "X"),
        ("11", "11"),  # digits alone may be a month number: left as read
        ("1XX", "1XX"),  # not a month: unchanged
        # the month slot before the year: a Roman group that is no month, a letter off
        ("050/112/Bappeda-TL/XIV/2022", "050/112/Bappeda-TL/XII/2022"),
        ("050/112/TL/VIV/2022", "050/112/TL/VII/2022"),
        ("050/112/TL/VV/2022", "050/112/TL/VV/2022"),  # VV: IV or VI? left as read
        ("XIV", "XIV"),  # not in a letter number ("Bab XIV"): left alone
        # after an office's code the month is Roman: I, II and III read as digits
        ("400.9.1/015/Dinsos/1/2025", "400.9.1/015/Dinsos/I/2025"),
        ("700/033/ITKAB/II1/2022", "700/033/ITKAB/III/2022"),
        ("800/21/TL/11/2024", "800/21/TL/II/2024"),
        ("800/1/2025", "800/1/2025"),  # no code before it: a number, left as read
        ("800/Dinsos/12/2024", "800/Dinsos/12/2024"),  # 12 is no Roman look-alike
    ],
)
def test_roman_month_lookalikes(raw, expected):
    assert normalise_word(raw) == expected


def test_closest_unit_repairs_blurred_units_but_leaves_count_words():
    from extractor.scan.normalise import closest_unit

    assert closest_unit("Merut") == "menit"
    assert closest_unit("Meret") == "menit"
    assert closest_unit("Han") == "hari"
    assert closest_unit("jarn") == "jam"
    assert closest_unit("Minggu") == "minggu"
    assert closest_unit("kali") is None  # "3 kali" is a count, not a misread unit
    assert closest_unit("Mulai") is None  # as far from "menit" as from "minggu"
    assert closest_unit("Menerima") is None
    # month names after a day number are dates, not misread units
    assert closest_unit("Mei") is None and closest_unit("Maret") is None


def _page(words: list[tuple[str, float | None]], source: str = "ocr"):
    from extractor.layout import PageGeometry, Word

    return PageGeometry(
        page=1,
        width=595.0,
        height=842.0,
        words=[
            Word(text=t, bbox=(10.0 * i, 0.0, 10.0 * i + 9, 9.0), conf=c)
            for i, (t, c) in enumerate(words)
        ],
        segments=[],
        source=source,
    )


def test_unsure_words_are_put_right_from_the_documents_own_words():
    from extractor.scan.normalise import repair_from_document

    page = _page(
        [
            ("lengkap", 97.0),  # a requirement, read surely ...
            ("Berkas", 96.0),
            ("tengkap,", 88.0),  # ... and the output above it, misread
            ("Pemahon", 61.0),  # the role name read surely elsewhere
            ("pemohon", 95.0),
            ("menerima", 80.0),  # a sibling form: left alone
            ("penerima", 97.0),
            ("idang", 70.0),  # the piece of a split "B idang": left alone
            ("bidang", 95.0),
            ("lengkep", 95.0),  # read surely: never changed
            ("surat", 60.0),  # short
            ("visiiasi", 50.0),  # two candidates one edit away: left alone
            ("visitasi", 93.0),
            ("visilasi", 93.0),
        ]
    )
    signature = _page([("Taufiq", None)], source="text_layer")  # a text page lends words
    approval = _page([("Taufig", 70.0)])
    assert repair_from_document([page, signature, approval]) == 3
    texts = [w.text for w in page.words]
    assert texts[2:4] == ["lengkap,", "Pemohon"]
    assert texts[5] == "menerima" and texts[7] == "idang" and texts[9] == "lengkep"
    assert texts[10:12] == ["surat", "visiiasi"]
    assert approval.words[0].text == "Taufiq"
    assert signature.words[0].text == "Taufiq"


def test_a_thin_last_letter_lost_is_put_back_from_the_document():
    from extractor.layout import PageGeometry, Word
    from extractor.scan.normalise import repair_from_document

    rows = [
        [("Hasil", 96.0), ("penilaian", 95.0)],  # read surely in one cell ...
        [("Hasi", 70.0), ("pekerjaan", 93.0)],  # ... its l lost in another
        [("Laporan", 95.0), ("Hasi", 65.0), ("l", 40.0)],  # the l read apart: a piece
        [("Kartu", 96.0), ("uji", 94.0)],
        [("Kartu", 62.0), ("uj", 60.0)],  # two letters: too short to tell
        [("Berkas", 96.0), ("terima", 95.0)],
        [("Berka", 64.0), ("masuk", 92.0)],  # s is no thin letter: a split word's piece
    ]
    words = []
    for r, row in enumerate(rows):
        x = 10.0
        for text, conf in row:
            width = 6.0 * len(text)
            words.append(Word(text=text, bbox=(x, 20.0 * r, x + width, 20.0 * r + 8), conf=conf))
            x += width + (1.0 if text == "Hasi" and r == 2 else 3.0)
    page = PageGeometry(page=1, width=595, height=842, words=words, source="ocr")
    assert repair_from_document([page]) == 1
    texts = [[w.text for w in page.words if w.bbox[1] == 20.0 * r] for r in range(len(rows))]
    assert texts[1] == ["Hasil", "pekerjaan"]
    assert texts[2] == ["Laporan", "Hasi", "l"]
    assert texts[4] == ["Kartu", "uj"]
    assert texts[6] == ["Berka", "masuk"]


def test_misreads_are_put_right_into_the_language():
    from extractor.scan.normalise import repair_from_vocabulary

    page = _page(
        [
            ("terparat", 74.0),  # t/f: ter- + paraf
            ("tervenfikasi,", 80.0),  # ri read as n
            ("paripuma", 70.0),  # rn read as m
            ("Drat", 66.0),  # a short word with one reading
            ("pernindahbukuan", 77.0),  # pem- takes in the p of pindahbuku
            ("tervahdasi", 93.0),  # Tesseract sure of a non-word: h read for li
            ("pemahon", 61.0),  # no word one confusion away (pem-abon is no reading)
            ("SKTM", 40.0),  # an acronym in capitals
            ("Ambians", 50.0),  # no reading: left alone
            ("2O23", 40.0),  # digits are the digit rules' business
            ("diberikan", 60.0),  # a word with affixes (di-beri-kan) is a word
        ]
    )
    assert repair_from_vocabulary([page]) == 6
    assert [w.text for w in page.words] == [
        "terparaf",
        "terverifikasi,",
        "paripurna",
        "Draf",
        "pemindahbukuan",
        "tervalidasi",
        "pemahon",
        "SKTM",
        "Ambians",
        "2O23",
        "diberikan",
    ]


def test_long_words_misread_twice_or_rarely_are_put_right_into_the_language():
    from extractor.scan.normalise import repair_from_vocabulary

    page = _page(
        [
            ("terventikasi", 62.0),  # ri read as n and f as t
            ("terparal", 70.0),  # an f without its crossbar: a rarer confusion (l/f)
            # a common confusion (r for n) first: not pe-rifai-an through l/f
            ("perilaian", 66.0),
            ("Terventikasi", 62.0),  # capitalised (a name's place): one confusion only
            ("pemahon", 61.0),  # short: two confusions reach too many words
        ]
    )
    assert repair_from_vocabulary([page]) == 3
    assert [w.text for w in page.words] == [
        "terverifikasi",
        "terparaf",
        "penilaian",
        "Terventikasi",
        "pemahon",
    ]


def test_misread_role_words_are_put_right_into_job_titles():
    from extractor.scan.normalise import repair_from_titles

    page = _page(
        [
            ("Petuges", 71.0),  # a for e: one edit from petugas
            ("Pengadministraw", 64.0),  # a long word: two edits (w for s, i lost)
            ("Lingamsos", 58.0),  # a unit word of the titles: Linjamsos
            ("Kepats", 60.0),  # two edits from kepala in a short word: left
            ("Kepada", 66.0),  # a word of the language ("to"), not Kepala
            ("Petugas", 95.0),  # read right
            ("Perencanaa", 97.0),  # read surely: Tesseract's word stands
            ("Petuga", 55.0),  # a letter short at an end: a split word's piece
            ("erverifikasi", 62.0),  # the tail of the word before run into this one
            ("DTKS", 40.0),  # an acronym in capitals
        ]
    )
    assert repair_from_titles([page]) == 3
    assert [w.text for w in page.words] == [
        "Petugas",
        "Pengadministrasi",
        "Linjamsos",
        "Kepats",
        "Kepada",
        "Petugas",
        "Perencanaa",
        "Petuga",
        "erverifikasi",
        "DTKS",
    ]


def test_text_layer_words_are_not_put_right_into_the_language():
    from extractor.scan.normalise import repair_from_vocabulary

    page = _page([("terparat", None)], source="text_layer")
    assert repair_from_vocabulary([page]) == 0
    assert page.words[0].text == "terparat"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("permohonan", True),
        ("termutakhirkan", True),  # ter- mutakhir -kan
        ("pengirim", True),  # peng- takes in the k of kirim
        ("terparaf", True),  # paraf: an administration word the dictionary lacks
        ("terparat", False),
        ("tervenfikasi", False),
    ],
)
def test_is_word_knows_affixed_forms(word, expected):
    from extractor.scan.normalise import is_word

    assert is_word(word) is expected


def _line_page(words: list[tuple], source: str = "ocr"):
    """One OCR page of 8-pt words (text, x0, x1[, top]) on the row at 100 pt unless
    ``top`` says another."""
    from extractor.layout import PageGeometry, Word

    out = [
        Word(text=t, bbox=(x0, top, x1, top + 8), conf=90.0)
        for t, x0, x1, top in ((*w, 100.0)[:4] for w in words)
    ]
    return PageGeometry(page=1, width=842, height=595, words=out, source=source)


def test_reduplications_whose_hyphen_was_lost_are_one_word_again():
    from extractor.scan.normalise import rejoin_reduplications

    page = _line_page(
        [
            ("Kabag", 10, 32),
            ("Perundang", 35, 72),  # a 4-pt hyphen lost between the halves
            ("undangan", 80, 112),
            ("Undang", 10, 36, 200),  # Undang-Undang, the hyphen read as a space
            ("Undang", 42, 68, 200),
            ("rata-", 130, 148),  # the hyphen kept on the first half: not doubled
            ("rata", 150, 165),
            ("data", 200, 215),  # data datang: "ng" is no suffix
            ("datang", 218, 242),
            ("masing", 300, 325),  # the second half far along the row: two words
            ("masing", 360, 385),
            ("undangan", 74, 106, 112),  # under "Perundang", a row down: not its half
            ("Undang", 100, 126, 200),  # a third "Undang" far along the row
        ]
    )
    assert rejoin_reduplications([page]) == 3
    texts = [w.text for w in page.words]
    assert texts == [
        "Kabag",
        "Perundang-undangan",
        "Undang-Undang",
        "rata-rata",
        "data",
        "datang",
        "masing",
        "masing",
        "undangan",
        "Undang",
    ]
    joined = page.words[1]
    assert joined.bbox == (35.0, 100.0, 112.0, 108.0)


def test_text_layer_words_are_not_rejoined():
    from extractor.scan.normalise import rejoin_reduplications

    page = _line_page([("Undang", 10, 36), ("Undang", 42, 68)], source="text_layer")
    assert rejoin_reduplications([page]) == 0
    assert [w.text for w in page.words] == ["Undang", "Undang"]

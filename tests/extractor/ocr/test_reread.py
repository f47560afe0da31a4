"""Re-reading duration cells: reads at two thresholds and two sizes vote on the value."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractor.backends import ocr
from extractor.scan.tesseract import PxWord

DPI = 300.0
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _word(text: str, left: int, conf: float = 90.0) -> PxWord:
    return PxWord(text=text, left=left, top=20, width=40, height=30, conf=conf)


def _work(words: list[PxWord], photo: bool = True) -> ocr.PageWork:
    blank = np.full((200, 400), 255, np.uint8)
    return ocr.PageWork(gray=blank, ocr_image=blank, dpi=DPI, words=words, photo=photo)


def test_the_reads_vote_on_the_number_then_on_the_unit(monkeypatch):
    # a blurred "15 Menit": one threshold sees an 8, and one read's unit repair makes
    # "Mang" a Minggu; the page pass saw "1s" without a unit
    reads = iter(
        [
            [_word("18", 10, 85), _word("Mang", 60, 96)],
            [_word("15", 10, 62), _word("Mena", 60, 93)],
            [_word("1S", 10, 72), _word("Ment", 60, 89)],
            [_word("15", 10, 80), _word("Meri", 60, 50)],
        ]
    )
    monkeypatch.setattr(ocr, "_read_alone", lambda *args: next(reads))
    work = _work([_word("1s", 10, 52)])
    best = ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng")
    assert ocr._duration_key(best) == "15 menit"


def test_reads_that_settle_a_duration_are_not_enlarged(monkeypatch):
    # one read at the page's size is "10 Menit" (unit repaired from "Mena"), the other
    # lost the unit; the page pass read 10 too: two votes to none settle it
    calls: list[float] = []

    def read(work, box, lang, soft, scale):
        calls.append(scale)
        return [_word("10", 10, 90)] + ([_word("Mena", 60, 80)] if soft else [])

    monkeypatch.setattr(ocr, "_read_alone", read)
    work = _work([_word("10", 10, 95), _word("Mant", 60, 60)])
    best = ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng")
    assert ocr._duration_key(best) == "10 menit"
    assert calls == [1.0, 1.0]
    # the page pass read another number: the enlarged reads vote
    calls.clear()
    work = _work([_word("18", 10, 95), _word("Mant", 60, 60)])
    ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng")
    assert calls == [1.0, 1.0, 2.0, 2.0]
    # a range is no single number: nothing is settled, and nothing breaks
    assert not ocr._settled([[_word("1-2", 10, 90), _word("Jam", 60, 90)]], [])


def test_a_duration_read_surely_with_the_page_passs_number_is_read_once(monkeypatch):
    calls: list[bool] = []

    def read(work, box, lang, soft, scale):
        calls.append(soft)
        return [_word("10", 10, 95), _word("Ment", 60, 92)]

    monkeypatch.setattr(ocr, "_read_alone", read)
    work = _work([_word("10", 10, 96), _word("Mant", 60, 40)])
    best = ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng")
    assert ocr._duration_key(best) == "10 menit" and len(calls) == 1
    # the page pass read another number: the second threshold votes too
    calls.clear()
    work = _work([_word("16", 10, 96), _word("Mant", 60, 40)])
    ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng")
    assert len(calls) >= 2


def test_a_page_pass_duration_the_reads_agree_with_is_kept(monkeypatch):
    reads = iter([[_word("30", 10), _word("Menit", 60)]] * 2 + [[_word("38", 10)]] * 2)
    monkeypatch.setattr(ocr, "_read_alone", lambda *args: next(reads))
    work = _work([_word("30", 10, 95), _word("Menit", 60, 95)])
    assert ocr._better_read(work, (0, 0, 400, 200), "waktu", "ind+eng") == []


def test_a_blurred_duration_cell_is_read_alone():
    img = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    draw.text((20, 30), "30", font=font, fill=0)
    draw.text((20, 80), "Menit", font=font, fill=0)
    gray = np.asarray(img.filter(ImageFilter.GaussianBlur(1.6)))
    work = ocr.PageWork(gray=gray, ocr_image=gray, dpi=DPI, words=[], photo=True)
    best = ocr._better_read(work, (5, 5, 395, 195), "waktu", "ind+eng")
    assert ocr._duration_key(best) == "30 menit"
    assert all(w.left >= 5 and w.left + w.width <= 395 for w in best)  # page pixels


def _line(y: int, *cells: tuple[int, str]) -> list[PxWord]:
    """Words of one text line: each (left, "words …") laid out 12 px per letter."""
    out = []
    for left, text in cells:
        for word in text.split():
            out.append(PxWord(word, left, y, 12 * len(word), 30, 90.0))
            left += 12 * len(word) + 10
    return out


def test_the_waktu_column_is_found_by_its_durations_when_its_header_is_unread():
    # columns: activity | Waktu ("Walkers" in the header) | output
    xs = [0.0, 300.0, 500.0, 900.0]
    words = [
        *_line(10, (320, "Walkers")),
        *_line(100, (20, "Memeriksa"), (320, "5 Mena")),
        *_line(200, (320, "1-2 Hari"), (520, "Berkas 2 rangkap")),  # "2 rangkap": no unit
        # citations in the activity column ("Nomor 25 Tahun 2009"): running text
        *_line(300, (20, "Nomor 25 Tahun 2009")),
        *_line(400, (20, "Nomor 6 Tahun 2014")),
    ]
    cols, body_top = ocr._waktu_columns(_work(words), xs)
    assert cols == {1}
    assert 40 < body_top < 100  # below the header word, above the first duration


def test_a_header_read_in_known_words_beats_a_surer_misreading(monkeypatch):
    reads = iter(
        [
            [_word("Petugas", 10, 92), _word("Front", 60, 58), _word("Office", 110, 79)],
            [_word("Petugas", 10, 94), _word("From:", 60, 68), _word("Office", 110, 92)],
        ]
    )
    monkeypatch.setattr(ocr, "_read_alone", lambda *args: next(reads))
    best = ocr._better_read(_work([]), (0, 0, 400, 200), "header", "ind+eng")
    assert [w.text for w in best] == ["Petugas", "Front", "Office"]


def _ruled_page(
    size: tuple[int, int],
    rows: tuple[int, ...],
    cols: tuple[int, ...],
    texts: list[tuple[int, int, str]],
):
    """A ruled table at 300 dpi with ``texts`` (left, top, text) printed in it: the gray
    image and its geometry (the rules as segments)."""
    from extractor.layout import PageGeometry, Segment

    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    for y in rows:
        draw.line([(cols[0], y), (cols[-1], y)], fill=0, width=3)
    for x in cols:
        draw.line([(x, rows[0]), (x, rows[-1])], fill=0, width=3)
    font = ImageFont.truetype(FONT.replace("-Bold", ""), 36)
    for x, y, text in texts:
        draw.text((x, y), text, font=font, fill=0)
    s = 72.0 / DPI
    segs = [Segment(x0=cols[0] * s, top=y * s, x1=cols[-1] * s, bottom=y * s) for y in rows]
    segs += [Segment(x0=x * s, top=rows[0] * s, x1=x * s, bottom=rows[-1] * s) for x in cols]
    geom = PageGeometry(page=1, width=size[0] * s, height=size[1] * s, words=[], segments=segs)
    return np.asarray(img), geom


def _photo_reread(gray: np.ndarray, geom, read: list[PxWord], kind: str) -> ocr.PageWork:
    """A photographed page the page pass read as ``read``, once its cells are read again;
    a cell of ``kind`` must be among those picked."""
    work = ocr.PageWork(gray=gray, ocr_image=gray, dpi=DPI, words=list(read), photo=True)
    assert any(k == kind for _, k in ocr._cells_to_reread(work, geom))
    ocr.reocr_cells(work, geom, "ind+eng")
    return work


def test_a_word_the_page_pass_left_out_of_a_flowchart_cell_is_read_again():
    # a photographed table at 300 dpi: a header row (Kegiatan | Output) and one step; the
    # page pass read "Berkas" and "teragenda" of the output cell, not "permohonan"
    texts = [(140, 130, "Kegiatan"), (640, 130, "Output")]
    texts += [(640, 240 + 60 * i, t) for i, t in enumerate(("Berkas", "permohonan", "teragenda"))]
    gray, geom = _ruled_page((1200, 800), (100, 200, 700), (100, 600, 1100), texts)
    read = [
        PxWord("Kegiatan", 140, 138, 150, 36, 95.0),
        PxWord("Output", 640, 138, 120, 36, 95.0),
        PxWord("Berkas", 640, 248, 130, 30, 95.0),
        PxWord("teragenda", 640, 368, 190, 38, 95.0),
    ]
    work = _photo_reread(gray, geom, read, "text")
    body = sorted((w for w in work.words if w.top > 200), key=lambda w: w.top)
    assert [w.text for w in body] == ["Berkas", "permohonan", "teragenda"]
    # a scan's cell too (a dark photocopy's page pass leaves lines out as a photo's does),
    # and only that one: the header cells' print is all inside their words
    work = ocr.PageWork(gray=gray, ocr_image=gray, dpi=DPI, words=list(read), photo=False)
    picked = [box for box, kind in ocr._cells_to_reread(work, geom) if kind == "text"]
    assert len(picked) == 1 and picked[0][0] >= 600 and picked[0][1] >= 200


def test_a_step_row_naming_header_words_is_no_header_row():
    # grid rows: the header (No | Uraian Kegiatan | roles | Waktu | Keterangan) and a
    # step whose activity says "persyaratan" and whose requirements "Surat keterangan"
    ys = [0.0, 100.0, 200.0, 300.0]
    words = [
        *_line(40, (10, "No Uraian Kegiatan Pemohon Petugas Loket Waktu Keterangan")),
        *_line(140, (10, "1 Menyerahkan persyaratan permohonan rekomendasi ke loket")),
        *_line(170, (10, "Fotokopi Kartu Keluarga, Surat keterangan dari kelurahan")),
        *_line(240, (10, "Pelaksana Mutu Baku")),  # a short row of group headers
    ]
    assert ocr._header_rows(_work(words), ys) == {0, 2}


def test_a_photos_identity_value_is_read_enlarged_and_keeps_its_separators(monkeypatch):
    # "470/0087/Dukcapil/2024" in small print: the two reads at the page's size disagree,
    # the enlarged ones make it out; a surer read that lost a "/" is not taken
    reads = iter(
        [
            [_word("470/0087/DukcapiV2024", 10, 41)],  # 1x, two thresholds
            [_word("470/0087/Dukcapiv/2024", 10, 52)],
            [_word("470/0087/Dukcapil/2024", 10, 83)],  # 1.5x
            [_word("470/0087/Dukcapiv2024", 10, 91)],
            [_word("470/0087/Dukcapil/2024", 10, 87)],  # 2x
            [_word("470/0087/Dukcapiv2024", 10, 68)],
        ]
    )
    monkeypatch.setattr(ocr, "_read_alone", lambda *args: next(reads))
    best = ocr._enlarged_read(_work([]), (0, 0, 400, 200), "ind+eng")
    assert [(w.text, w.conf) for w in best] == [("470/0087/Dukcapil/2024", 87)]
    # two reads that agree at the page's size are not read again
    calls: list[float] = []

    def agreeing(work, box, lang, soft, scale):
        calls.append(scale)
        return [_word("050/112/TL/XII/2022", 10, 80)]

    monkeypatch.setattr(ocr, "_read_alone", agreeing)
    assert ocr._enlarged_read(_work([]), (0, 0, 400, 200), "ind+eng")[0].text.endswith("XII/2022")
    assert calls == [1.0, 1.0]


def test_a_header_cell_read_surely_as_column_labels_is_not_read_again():
    box = (0, 0, 400, 200)
    labels = [_word("Persyaratan/Kelengkapan", 10, 93)]
    assert ocr._read_as_label(_work(labels), box, labels)
    # a role name, however surely read, may have lost a line: read again
    role = [_word("Umum", 10, 94), _word("dan", 60, 95)]
    assert not ocr._read_as_label(_work(role), box, role)
    unsure = [_word("Mutu", 10, 95), _word("Baku", 60, 70)]
    assert not ocr._read_as_label(_work(unsure), box, unsure)
    # print beside the label that the page pass did not read
    work = _work(labels)
    work.ocr_image = work.ocr_image.copy()
    work.ocr_image[120:180, 200:380] = 0
    assert not ocr._read_as_label(work, box, labels)


def test_letters_read_off_an_erased_rules_fringe_are_dropped_but_dashes_kept():
    # 2-3 px high "letters" along a shaded row's rules on a photo; a dash is that flat
    words = [
        PxWord("an", 275, 967, 46, 2, 10.0),
        PxWord("nomnom", 700, 1224, 113, 3, 20.0),
        PxWord("-", 423, 907, 8, 2, 78.0),
        PxWord("a", 900, 900, 12, 13, 90.0),  # a real lower-case "a": 3 pt high
        PxWord("Hukum", 239, 920, 117, 27, 96.0),
    ]
    assert [w.text for w in ocr._to_words(words, DPI)] == ["-", "a", "Hukum"]


def test_letters_read_unsurely_where_there_is_no_print_are_dropped():
    # "an DOT" read at 13 and 19 off a shaded header's speckle along a photo's rule, where
    # no stroke is; "Kepala" read as unsurely over its own print stays, and so does a
    # word read surely
    image = np.full((200, 600), 255, np.uint8)
    image[40:80, 20:200] = 0  # the strokes of "Kepala"
    rng = np.random.default_rng(1)
    speckle = rng.random((40, 200)) < 0.2
    image[100:140, 300:500][speckle] = 200  # a shaded fill's grain, lighter than print
    words = [
        PxWord("Kepala", 20, 40, 180, 40, 5.0),
        PxWord("an", 300, 100, 60, 40, 13.0),
        PxWord("DOT", 380, 100, 80, 40, 19.0),
        PxWord("Menu", 300, 150, 80, 30, 96.0),
    ]
    work = ocr.PageWork(gray=image, ocr_image=image, dpi=DPI, words=words, photo=True)
    assert [w.text for w in ocr._on_print(work)] == ["Kepala", "Menu"]


def test_pieces_of_a_word_read_across_a_cells_border_are_no_new_words():
    # the page pass read "PELAKSANA" across two role columns' header cells; a cell's
    # re-read, cropped at its border, reads "PELAI"
    whole = PxWord("PELAKSANA", 373, 30, 180, 30, 96.0)
    box = (300, 20, 460, 70)  # the word's middle lies past this cell's right border
    piece = PxWord("PELAI", 373, 30, 85, 30, 91.0)
    beside = PxWord("Kepala", 305, 30, 60, 30, 90.0)
    assert ocr._piece_of_read(piece, [whole], box)
    assert not ocr._piece_of_read(beside, [whole], box)
    # not a sure read, or lying inside the cell itself (which the re-read replaces)
    assert not ocr._piece_of_read(piece, [PxWord("PELAKSANA", 373, 30, 180, 30, 40.0)], box)
    assert not ocr._piece_of_read(piece, [whole], (300, 20, 600, 70))


def test_a_role_name_read_again_in_known_words_replaces_a_misreading_as_long():
    # the page pass read "Kepala Bagian" as "Kepele Bagian": as many letters, no debris,
    # but one word no title has; read alone, the cell reads in known words
    texts = [(140, 130, "Kegiatan"), (540, 130, "Kepala Bagian"), (940, 130, "Output")]
    gray, geom = _ruled_page((1400, 800), (100, 200, 700), (100, 500, 900, 1300), texts)
    read = [
        PxWord("Kegiatan", 140, 138, 150, 36, 95.0),
        PxWord("Kepele", 540, 138, 110, 36, 64.8),
        PxWord("Bagian", 660, 138, 110, 36, 70.8),
        PxWord("Output", 940, 138, 120, 36, 95.0),
    ]
    work = _photo_reread(gray, geom, read, "header")
    role = sorted((w for w in work.words if 500 <= w.left < 900), key=lambda w: w.left)
    assert [w.text for w in role] == ["Kepala", "Bagian"]


def test_a_word_boxed_over_the_next_cells_words_is_cut_down_to_its_own():
    # sparse mode boxed "Bangunan" (142 px of letters) with the debris of an erased rule
    # and the next cell's "Kepala" beside it: 403 px, its centre in the next cell
    words = [
        PxWord("Bangunan", 1662, 272, 403, 29, 88.4),
        PxWord("—", 1830, 268, 20, 37, 62.3),
        PxWord("Kepala", 1876, 268, 100, 37, 78.2),
        PxWord("Dinas", 1987, 268, 82, 37, 96.4),
        PxWord("Gedung", 1677, 309, 111, 29, 95.9),  # the line below: not held
    ]
    out = ocr._unbloat(words)
    assert (out[0].left, out[0].left + out[0].width) == (1662, 1830)
    assert [(w.left, w.width) for w in out[1:]] == [
        (1830, 20),
        (1876, 100),
        (1987, 82),
        (1677, 111),
    ]


def test_unsure_non_words_far_off_the_prints_size_are_strokes_not_words():
    # a stamp's letters and a signature's loops read unsurely as "ON" (35, tall) and
    # "mam" (22, flat) after an output; a blurred word, a small branch answer, a count
    # and a real word read as unsurely are kept
    page = [
        PxWord(text=t, left=50 * i, top=100, width=40, height=20, conf=95.0)
        for i, t in enumerate(["Cuti", "tahunan", "dilaksanakan", "Kartu", "Keluarga"] * 5)
    ]
    odd = [
        PxWord(text="ON", left=10, top=300, width=40, height=33, conf=35.0),
        PxWord(text="mam", left=10, top=400, width=30, height=10, conf=22.0),
        PxWord(text="cu", left=10, top=500, width=14, height=21, conf=40.0),
        PxWord(text="Ya", left=10, top=600, width=12, height=11, conf=30.0),
        PxWord(text="15", left=10, top=700, width=14, height=34, conf=30.0),
        PxWord(text="Berkas", left=10, top=800, width=40, height=35, conf=30.0),
        PxWord(text="NX", left=10, top=900, width=40, height=33, conf=75.0),
        PxWord(text="Ambdians", left=10, top=950, width=60, height=35, conf=30.0),
    ]
    kept = [w.text for w in ocr._of_print_size(page + odd)][len(page) :]
    # a longer misread of a word stays: it tells a reader more than nothing
    assert kept == ["cu", "Ya", "15", "Berkas", "NX", "Ambdians"]
    # too few words read surely to tell the print's size: all kept
    assert len(ocr._of_print_size(page[:10] + odd)) == 10 + len(odd)

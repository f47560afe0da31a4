"""This domain's common OCR confusions, driven by ``extractor/data/ocr_confusions.yml``.

Per word, two levels:

* :func:`normalise_word` runs on every OCR word in ``PageGeometry`` (so every later
  stage sees it): digit look-alikes inside tokens that are mostly digits ("2O23" →
  "2023"), and misread unit/label/month words ("Menlt" → "Menit", "Nornor" → "Nomor")
  when the corrected form is a known word. It never touches a word it cannot map
  onto a known word or a digit run.
* :func:`normalise_ocr_text` is for field parsers that know what a value must be:
  ``nip`` (18 digits, spaces dropped), ``date``, ``duration``, ``number``, ``text``.

Once a document's pages are read, :func:`repair_words` puts its unsure words right: to a
word the same document reads surely, else into the language (Tesseract's Indonesian
dictionary, ``words_id.txt``, with affixes) by undoing one letter confusion, else into
the words of job titles (``jabatan.yml``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    from extractor.layout import PageGeometry, Word
    from extractor.types import BBox

FieldKind = Literal["nip", "date", "duration", "number", "text"]

#: A year group of a letter number ("…/IX/2023").
YEAR_GROUP = re.compile(r"(?:19|20)\d\d")
#: Separators kept between the digit groups of a token ("800/101/2023", "12-03-2023").
TOKEN_SEPARATORS = re.compile(r"([/.,:\-])")
#: Leading/trailing punctuation stripped before a word lookup ("(Menlt)," → "Menlt").
EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.UNICODE)
#: A word right after a number in a duration column is the time unit it resembles
#: (``closest_unit``): at most this many letters longer or shorter, this alike (difflib
#: ratio; photo misreads of "Menit": "Merut"/"Meret" 0.6, "Mend" 0.67; "1 Han" 0.57;
#: real count words stay below: "kali" 0.44 like "kerja"), and clearly closer than other
#: units with the same initial.
UNIT_LENGTH_SLACK, UNIT_CUTOFF, UNIT_MARGIN = 2, 0.5, 0.15
#: A unit with another initial than the word's must be this alike ("Mera" is 0.67 like
#: "kerja", "Bent" 0.67 like "menit": both left alone).
UNIT_OTHER_INITIAL_CUTOFF = 0.7
#: Words at least this long are tried with two letter confusions undone, shorter ones
#: with one (short words reach too many others in two steps).
TWO_CONFUSIONS_MIN = 7
#: A NIP is 18 digits (birth date, appointment month, sex, serial).
NIP_DIGITS = 18
#: The document's own vocabulary (:func:`repair_from_document`): words of at least
#: ``DOC_WORD_MIN_LEN`` letters read at least ``DOC_WORD_SURE_CONF`` sure (or from a text
#: layer); a word read less surely is put right to the one vocabulary word one edit away.
#: Measured on the corpus photos: Tesseract gives its misreadings ("tengkap", "pemahon")
#: 50-90, and the same words read right elsewhere in the document 92-97. Two edits
#: reach other forms of a word ("dilaksanakan"/"melaksanakan", "diserahkan"/"disahkan").
DOC_WORD_SURE_CONF, DOC_WORD_MIN_LEN = 90.0, 5
#: A word of at least this many letters that is a document word short of its last letter,
#: a thin one (``thin_letters``: blur and coarse print lose an l's or i's one stroke),
#: takes it back ("Hasi" where "Hasil" reads surely) unless that letter follows as a piece.
THIN_END_MIN_LEN = 4
#: The language's vocabulary (:func:`repair_from_vocabulary`): an OCR'd word at least
#: this long that is no Indonesian word is put right to the one word a letter confusion
#: undone makes of it, however surely Tesseract read it ("tervahdasi" 93, "Drat" 91;
#: measured on corpus and held-out scans: 5 more outputs right and none lost without a
#: confidence limit, against one of 90).
VOCAB_WORD_MIN_LEN = 4
#: A word in lower case at least this long that no single confusion makes a word of is
#: put right to the one word two confusions undone make of it: photos' outputs misread
#: twice in a long word ("terventikasi": ri read as n and f as t). Shorter words and
#: capitalised ones (names) are left alone: two confusions reach too many words there.
TWO_CONFUSIONS_MIN_LEN = 9
#: Reduplication (:func:`rejoin_reduplications`): a repeated stem at least this long, and
#: the second half at most this many word heights after the first (a hyphen and the
#: space either side of it are under one height; a word space alone is ~0.3 height).
REDUP_STEM_MIN, REDUP_GAP_HEIGHTS = 3, 1.2
#: A stem left after its affixes are taken off is at least this long for a word read to
#: stand ("di-beri-kan"), and at least the second for a misread to be put right into it
#: (short stems make words of misreads: "pemahon" is no pem-abon).
MIN_STEM_LEN, MIN_FIX_STEM_LEN = 3, 5
#: Job-title words (:func:`repair_from_titles`): an OCR'd word read less surely than
#: ``DOC_WORD_SURE_CONF``, no word of the language and at least ``TITLE_WORD_MIN_LEN``
#: letters becomes the one title word one edit away ("Petuges" → Petugas), two edits for
#: words of ``TITLE_TWO_EDITS_LEN`` letters or more ("Pengadministraw" → Pengadministrasi).
#: Measured (session 19): a never-scanned close photo's role and its 5 steps' actor, far
#: photos' actor 58.1 -> 62.4 %; no field made wrong on the corpus, held-out,
#: never-scanned or LKIP scans. Reaching 5-letter words and two edits from 10 letters
#: made wrong words of outputs as well ("jawat" -> rawat, "dundangkan" -> undangan).
TITLE_WORD_MIN_LEN, TITLE_TWO_EDITS_LEN = 6, 12


@cache
def _lexicon() -> dict:
    text = resources.files("extractor.data").joinpath("ocr_confusions.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    known = {w for group in data["known_words"].values() for w in group}
    # the words of job titles: a misread role name ("Kepata Dinas") is an unknown actor
    from extractor.fields.data import load
    from extractor.fields.jabatan import title_words  # lazy: the title lexicon's YAML

    known |= title_words()
    # acronyms of this domain's units, programmes and documents ("SDMK", "DTKS"): a
    # blurred D read as O is put right only when the result is one of them
    known |= {a.lower() for a in load("labels.yml")["acronyms"] if len(a) >= 3}
    return {
        "digits": {str(k): str(v) for k, v in data["digit_lookalikes"].items()},
        "pairs": [(str(a), str(b)) for a, b in data["letter_confusions"]],
        "rare_pairs": [(str(a), str(b)) for a, b in data["rare_letter_confusions"]],
        "thin": frozenset(str(c) for c in data["thin_letters"]),
        "known": known,
        "units": [str(u) for u in data["known_words"]["units"]],
        "misreads": {str(k): str(v) for k, v in data["word_misreads"].items()},
        "titles": {str(k): str(v) for k, v in data["title_misreads"].items()},
        "roman": {str(k): str(v) for k, v in data["roman_lookalikes"].items()},
        "months": {str(m) for m in data["roman_months"]},
        "extra": {str(w) for w in data["vocabulary_extra"]},
        "nasal": {str(k): str(v) for k, v in data["affixes"]["nasal"].items()},
        "prefixes": sorted(data["affixes"]["prefixes"], key=len, reverse=True),
        "suffixes": sorted(data["affixes"]["suffixes"], key=len, reverse=True),
    }


def _roman_group(group: str) -> str | None:
    """A Roman month misread with I look-alikes ("1X" → "IX"); None when it is not one."""
    lex = _lexicon()
    if not group or not any(ch in "VX" for ch in group):
        return None
    if not any(ch in lex["roman"] for ch in group):
        return None
    mapped = "".join(lex["roman"].get(ch, ch) for ch in group)
    return mapped if mapped in lex["months"] else None


def _digit_group(group: str, force: bool = False) -> str:
    """Map look-alikes to digits in a group that already is mostly digits."""
    lookalikes = _lexicon()["digits"]
    digits = sum(ch.isdigit() for ch in group)
    alike = sum(ch in lookalikes for ch in group)
    if not group or digits + alike != len(group):
        return group
    if not force and (digits < 1 or digits < alike or len(group) < 2):
        return group
    return "".join(lookalikes.get(ch, ch) for ch in group)


def _fix_group(group: str, force: bool) -> str:
    return _roman_group(group) or _digit_group(group, force)


def fix_digits(token: str, force: bool = False) -> str:
    """Digit look-alikes → digits in each separator-delimited group of ``token``.

    A group that spells a Roman month but for I look-alikes becomes that month; in a
    letter number's month slot (the group before "/" and the year: "…/XIV/2022") a Roman
    group that is no month becomes the one month a letter away ("XIV" → "XII").
    """
    parts = TOKEN_SEPARATORS.split(token)
    out = [p if TOKEN_SEPARATORS.fullmatch(p) else _fix_group(p, force) for p in parts]
    for i in range(len(out) - 2):
        if out[i + 1] == "/" and YEAR_GROUP.fullmatch(out[i + 2]):
            after_code = i >= 2 and out[i - 1] == "/" and _is_unit_code(out[i - 2])
            out[i] = (after_code and _i_month(parts[i])) or _month_slot(out[i])
    return "".join(out)


def _is_unit_code(group: str) -> bool:
    """An office's code in a letter number ("Dinsos", "Kec.Plh", "ITKAB"): letters."""
    return sum(ch.isalpha() for ch in group) >= 2


def _i_month(group: str) -> str | None:
    """January to March in a month slot after an office's code ("…/Dinsos/1/2025"),
    where months are Roman: one to three I look-alikes ("1", "11", "l1") as I, II, III.
    (A number without a code, "800/1/2025", is not asked.)"""
    roman = _lexicon()["roman"]
    if 0 < len(group) <= 3 and all(roman.get(ch, ch) == "I" for ch in group):
        return "I" * len(group)
    return None


def _month_slot(group: str) -> str:
    """A Roman group in a letter number's month slot, as the month it must be."""
    months = _lexicon()["months"]
    if group in months or not group or set(group) - set("IVX"):
        return group
    near = [m for m in months if len(m) == len(group) and _differ_once(m, group)]
    return near[0] if len(near) == 1 else group


@cache
def _vocabulary() -> frozenset[str]:
    """Indonesian words (``words_id.txt``, from Tesseract's ``ind`` dictionary), this
    domain's words and the administration words the dictionary lacks."""
    lex = _lexicon()
    text = resources.files("extractor.data").joinpath("words_id.txt").read_text("utf-8")
    listed = {w for w in text.split("\n") if w and not w.startswith("#")}
    return frozenset(listed | lex["known"] | lex["extra"])


def is_word(low: str, min_stem: int = MIN_STEM_LEN) -> bool:
    """Whether ``low`` (lower case) is an Indonesian word: one of the vocabulary, or one
    with a prefix and/or a suffix ("terparaf", "termutakhirkan"; a nasal prefix takes in
    the stem's first letter: "pemindahbukuan" is pindahbuku), its stem ``min_stem`` long."""
    vocab = _vocabulary()
    if low in vocab:
        return True
    lex = _lexicon()
    for prefix in ("", *lex["prefixes"]):
        if not low.startswith(prefix):
            continue
        rest = low[len(prefix) :]
        stems = [rest, lex["nasal"][prefix] + rest] if prefix in lex["nasal"] else [rest]
        for suffix in ("", *lex["suffixes"]):
            if not (prefix or suffix):
                continue
            for stem in stems:
                if suffix and not stem.endswith(suffix):
                    continue
                stem = stem[: len(stem) - len(suffix)]
                if len(stem) >= min_stem and stem in vocab:
                    return True
    return False


def is_known(text: str) -> bool:
    """Whether an OCR word (punctuation around it aside) is a word of the language
    (:func:`is_word`), a short function word, a branch answer or a word of this domain
    (units, labels, job titles)."""
    low = _word_core(text)[1].lower()
    if not low:
        return False
    return low in _short_words() or low in _lexicon()["known"] or is_word(low)


@cache
def _short_words() -> frozenset[str]:
    """Function words and a decision's answers, which the vocabulary leaves out."""
    from extractor.fields.text import function_words  # lazy: the lexicons' YAML
    from extractor.sop.lexicon import labels

    stops, joins = function_words()
    answers = {str(v).lower() for vs in labels()["branch_labels"].values() for v in vs}
    return frozenset(stops | joins | answers)


def _differ_once(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def fix_word(word: str) -> str:
    """A misread known word (unit, label, month) corrected; anything else unchanged."""
    lex = _lexicon()
    low = word.lower()
    if not low or low in lex["known"]:
        return word
    if low in lex["misreads"]:
        return _same_case(word, lex["misreads"][low])
    fixed = _one_confusion(low, lex)
    if fixed is None and len(low) >= TWO_CONFUSIONS_MIN:
        # two confusions in one long word ("Pengotola": o/e and t/l)
        fixed = next(
            (f for once in _confusions(low, lex["pairs"]) if (f := _one_confusion(once, lex))),
            None,
        )
    return word if fixed is None else _same_case(word, fixed)


def _confusions(low: str, pairs: list[tuple[str, str]]):
    """Every spelling of ``low`` with one letter group replaced by its confusion."""
    for wrong, right in pairs:
        start = low.find(wrong)
        while start >= 0:
            yield low[:start] + right + low[start + len(wrong) :]
            start = low.find(wrong, start + 1)


def _one_confusion(low: str, lex: dict) -> str | None:
    """The known word ``low`` becomes with one confusion undone; None when none does."""
    return next((c for c in _confusions(low, lex["pairs"]) if c in lex["known"]), None)


def known_words(text: str) -> int:
    """How many words of ``text`` are known words (units, labels, titles, units' names)."""
    known = _lexicon()["known"]
    return sum(1 for w in re.findall(r"[A-Za-z]+", text) if w.lower() in known)


def closest_unit(word: str) -> str | None:
    """The time unit (lower case) a word after a number most resembles; None when none does.

    For a column that holds only durations, where "Merut" or "Mera" can only be "menit":
    a unit with the word's initial letter and about its length (``UNIT_LENGTH_SLACK``)
    that is ``UNIT_CUTOFF`` alike (difflib ratio) and clearly closer than any other unit
    with that initial (``UNIT_MARGIN``: "menit" and "minggu" share the m); a unit with
    another initial only when ``UNIT_OTHER_INITIAL_CUTOFF`` alike.
    """
    low = word.lower().strip(".,:;")
    if not low:
        return None
    lex = _lexicon()
    units = lex["units"]
    if low in units:
        return low
    if low in lex["known"]:
        return None  # a word of its own ("Mei", "Maret" after a day number: a date)
    scored = sorted(
        (
            (SequenceMatcher(None, low, u).ratio(), u)
            for u in units
            if abs(len(u) - len(low)) <= UNIT_LENGTH_SLACK
        ),
        reverse=True,
    )
    same = [(score, u) for score, u in scored if u[0] == low[0]]
    if same:
        score, best = same[0]
        second = same[1][0] if len(same) > 1 else 0.0
        if score >= UNIT_CUTOFF and score - second >= UNIT_MARGIN:
            return best
    others = [(score, u) for score, u in scored if u[0] != low[0]]
    return others[0][1] if others and others[0][0] >= UNIT_OTHER_INITIAL_CUTOFF else None


def _word_core(text: str) -> tuple[str, str, str]:
    """A word's leading punctuation, its core and its trailing punctuation."""
    lead, core, trail = EDGE_PUNCT.match(text).groups()  # type: ignore[union-attr]
    return lead, core, trail


def normalise_word(text: str) -> str:
    """General normalisation of one OCR word (safe for any field)."""
    if text in _lexicon()["titles"]:
        return _lexicon()["titles"][text]  # a name's title misread ("Or." for "Dr.")
    lead, core, trail = _word_core(text)
    if not core:
        return text
    fixed = fix_digits(core)
    if fixed == core and not any(ch.isdigit() for ch in core):
        fixed = fix_word(core)
    elif TOKEN_SEPARATORS.search(fixed):
        # the letter groups of a number ("440/117/SOK-Dinkes/2024": SDK)
        parts = [_initial_i(p) for p in TOKEN_SEPARATORS.split(fixed)]
        fixed = "".join(fix_word(p) if p.isalpha() else p for p in parts)
    return f"{lead}{fixed}{trail}"


def _initial_i(group: str) -> str:
    """A letter group of a number whose capital I was read as a digit or a bar
    ("700/012/1nsp/2023": Insp); no word of letters starts with a digit."""
    roman = _lexicon()["roman"]
    first, rest = group[:1], group[1:]
    if len(rest) >= 2 and rest.isalpha() and not first.isalpha() and roman.get(first) == "I":
        return "I" + rest
    return group


def normalise_ocr_text(text: str, field_kind: FieldKind = "text") -> str:
    """Normalise a field value read by OCR, knowing what kind of value it must be.

    * ``nip``: every look-alike becomes a digit, spaces go ("1985 0l12 ..." → 18 digits);
      returned unchanged when the result is not 18 digits.
    * ``number``: look-alikes in every token become digits.
    * ``date`` / ``duration`` / ``text``: word-level normalisation (digits in digit runs,
      month and unit words).
    """
    if field_kind == "nip":
        squeezed = re.sub(r"[\s.\-]", "", text)
        digits = fix_digits(squeezed, force=True)
        return digits if digits.isdigit() and len(digits) == NIP_DIGITS else text
    if field_kind == "number":
        return " ".join(fix_digits(tok, force=True) for tok in text.split())
    return " ".join(normalise_word(tok) for tok in text.split())


def repair_from_document(pages: list[PageGeometry]) -> int:
    """OCR words put right from the words the same document reads surely.

    An SOP says the same things more than once: a step's output is the next step's
    requirement, the signer's name stands in the approval box and under the signature,
    "visitasi" runs through the activities. A word OCR read unsurely that is no known word
    and one edit from exactly one word read surely elsewhere in the document ("tengkap"
    88 where "lengkap" reads 97 twice) becomes that word, unless the two are one stem
    with other affixes. Words with digits, short words, words with two candidates and
    words a letter short at an end (the piece of a word OCR split) are left alone, but
    for a thin last letter (``THIN_END_MIN_LEN``: "Hasi" takes the l of Hasil) that does
    not follow as a piece. Text-layer pages of a mixed PDF lend their words. Returns the
    words changed.
    """
    vocab: Counter[str] = Counter()
    for page in pages:
        for w in page.words:
            core = _word_core(w.text)[1]
            sure = w.conf is None or w.conf >= DOC_WORD_SURE_CONF
            if sure and core.isalpha() and len(core) >= DOC_WORD_MIN_LEN:
                vocab[core.lower()] += 1
    if not vocab:
        return 0
    lex = _lexicon()
    known, thin, choices = lex["known"], lex["thin"], list(vocab)
    changed = 0
    for page, w, lead, core, trail in _ocr_words(pages, THIN_END_MIN_LEN, DOC_WORD_SURE_CONF):
        low = core.lower()
        if low in vocab or low in known:
            continue
        near = process.extract(
            low, choices, scorer=Levenshtein.distance, score_cutoff=1, limit=None
        )
        if len(near) != 1 or _stem(near[0][0]) == _stem(low):
            continue
        word = near[0][0]
        (op,) = Levenshtein.editops(low, word)
        if op.tag == "insert" and op.src_pos == len(low) and word[-1] in thin:
            if _piece_follows(page, w, word[-1]):
                continue  # the last letter OCR split off ("Hasi l")
        elif len(low) < DOC_WORD_MIN_LEN or (op.tag != "replace" and op.src_pos in (0, len(low))):
            continue  # short, or a letter short at an end: a split word's piece ("B idang")
        w.text = f"{lead}{_same_case(core, word)}{trail}"
        changed += 1
    return changed


def _piece_follows(page: PageGeometry, word: Word, letter: str) -> bool:
    """Whether a word starting with ``letter`` follows ``word`` closely on its line."""
    return any(
        _word_core(o.text)[1][:1].lower() == letter and _next_on_line(word.bbox, o.bbox)
        for o in page.words
        if o is not word
    )


def _ocr_words(pages: list[PageGeometry], min_len: int, below: float | None = None):
    """(page, word, leading punctuation, core, trailing punctuation) of the OCR'd words
    of OCR pages whose core is ``min_len`` letters or more, read less surely than
    ``below`` when given."""
    for page in pages:
        if page.source != "ocr":
            continue
        for w in page.words:
            lead, core, trail = _word_core(w.text)
            if w.conf is None or (below is not None and w.conf >= below):
                continue
            if core.isalpha() and len(core) >= min_len:
                yield page, w, lead, core, trail


def repair_words(pages: list[PageGeometry]) -> int:
    """OCR words put right: reduplicated words whose hyphen was lost made one again, then
    words put right from the document's own surely read words, then into the language,
    then into job titles (:func:`rejoin_reduplications`, :func:`repair_from_document`,
    :func:`repair_from_vocabulary`, :func:`repair_from_titles`). Returns the words
    changed."""
    return (
        rejoin_reduplications(pages)
        + repair_from_document(pages)
        + repair_from_vocabulary(pages)
        + repair_from_titles(pages)
    )


def _second_halves(core: str) -> set[str]:
    """The lower-case words that would repeat ``core``'s stem after a hyphen: the stem
    under an Indonesian prefix or none (``core`` = prefix + stem), with a suffix or
    none ("perundang" → "undang", "undangan", "undangi", …)."""
    low = core.lower()
    lex = _lexicon()
    stems = {low[len(p) :] for p in ("", *lex["prefixes"]) if low.startswith(p)}
    return {
        stem + suffix
        for stem in stems
        if len(stem) >= REDUP_STEM_MIN
        for suffix in ("", *lex["suffixes"])
    }


def rejoin_reduplications(pages: list[PageGeometry]) -> int:
    """Reduplicated words OCR read as two ("Perundang undangan", "Undang Undang",
    "rata rata", "sebaik baiknya") made one word with its hyphen again.

    Indonesian writes a repeated stem with a hyphen; small or faint print loses it, and
    the halves become two words. Two words on one OCR line, the second starting no more
    than ``REDUP_GAP_HEIGHTS`` word heights after the first ends, make one when the second
    is the first's stem (the first without an Indonesian prefix) with a suffix or none.
    A hyphen either half kept is not doubled. Returns the words joined.
    """
    joined = 0
    for page in pages:
        if page.source != "ocr":
            continue
        by_start: dict[str, list[int]] = {}
        cores = [_word_core(w.text) for w in page.words]
        for i, (lead, core, _) in enumerate(cores):
            if core.isalpha() and len(core) >= REDUP_STEM_MIN and lead in ("", "-"):
                by_start.setdefault(core[:REDUP_STEM_MIN].lower(), []).append(i)
        gone: set[int] = set()
        whole: set[int] = set()  # first halves, their text no longer cores[i]
        for i, w in enumerate(page.words):
            lead, core, trail = cores[i]
            if i in gone or not core.isalpha() or trail not in ("", "-"):
                continue
            halves = _second_halves(core)
            for j in sorted({k for h in halves for k in by_start.get(h[:REDUP_STEM_MIN], [])}):
                if j == i or j in gone or j in whole or cores[j][1].lower() not in halves:
                    continue
                other = page.words[j]
                if not _next_on_line(w.bbox, other.bbox):
                    continue
                x0, top, _, bottom = w.bbox
                _, top2, x1, bottom2 = other.bbox
                w.text = f"{lead}{core}-{cores[j][1]}{cores[j][2]}"
                w.bbox = (x0, min(top, top2), x1, max(bottom, bottom2))
                if other.conf is not None and w.conf is not None:
                    w.conf = min(w.conf, other.conf)
                gone.add(j)
                whole.add(i)
                joined += 1
                break
        if gone:
            page.words = [w for k, w in enumerate(page.words) if k not in gone]
    return joined


def _next_on_line(a: BBox, b: BBox) -> bool:
    """``b`` follows ``a`` on the same line, within ``REDUP_GAP_HEIGHTS`` of its height."""
    height = max(a[3] - a[1], b[3] - b[1])
    shared = min(a[3], b[3]) - max(a[1], b[1])
    if shared < 0.5 * min(a[3] - a[1], b[3] - b[1]):
        return False
    return -0.1 * height <= b[0] - a[2] <= REDUP_GAP_HEIGHTS * height


def repair_from_vocabulary(pages: list[PageGeometry]) -> int:
    """OCR words put right into the language: an OCR'd word that is no Indonesian word
    (:func:`is_word`) becomes the one word that undoing one letter confusion of
    ``letter_confusions`` makes of it ("terparat" -> terparaf, "tervenfikasi" ->
    terverifikasi, "paripuma" -> paripurna), else one of ``rare_letter_confusions``
    ("terparal" -> terparaf), or, for a long word in lower case
    (``TWO_CONFUSIONS_MIN_LEN``) that one confusion makes no word of, two ("terventikasi"
    -> terverifikasi). Words with two such readings, words with digits, acronyms in
    capitals, short words and text-layer words are left alone.
    Returns the words changed."""
    lex = _lexicon()
    pairs, every = lex["pairs"], lex["pairs"] + lex["rare_pairs"]
    changed = 0
    for _, w, lead, core, trail in _ocr_words(pages, VOCAB_WORD_MIN_LEN):
        if core.isupper() or is_word(core.lower()):
            continue
        low = core.lower()
        found = _fixes(_confusions(low, pairs)) or _fixes(_confusions(low, lex["rare_pairs"]))
        if not found and core == low and len(low) >= TWO_CONFUSIONS_MIN_LEN:
            found = _fixes(
                c for once in set(_confusions(low, every)) for c in _confusions(once, every)
            )
        if len(found) == 1:
            w.text = f"{lead}{_same_case(core, found.pop())}{trail}"
            changed += 1
    return changed


def _fixes(spellings: Iterable[str]) -> set[str]:
    """The spellings that are words a misread may be put right into."""
    return {c for c in spellings if is_word(c, MIN_FIX_STEM_LEN)}


def repair_from_titles(pages: list[PageGeometry]) -> int:
    """OCR words put right into job titles (``jabatan.yml``'s words): the Pelaksana
    headers are the table's smallest print, in its narrowest cells, and misread there a
    role is lost to every step in its column. An OCR'd word read less surely than
    ``DOC_WORD_SURE_CONF`` that is no known word becomes the one title word nearest it,
    within one edit (two for a word of ``TITLE_TWO_EDITS_LEN`` letters or more), when no
    other title word is as near. A word that is the title word short of letters or with
    letters over at an end (the piece of a split word: "Petuga", "erverifikasi") is left
    alone. Returns the words changed."""
    from extractor.fields.jabatan import title_words  # lazy: the title lexicon's YAML

    choices = sorted(w for w in title_words() if len(w) >= TITLE_WORD_MIN_LEN)
    changed = 0
    for _, w, lead, core, trail in _ocr_words(pages, TITLE_WORD_MIN_LEN, DOC_WORD_SURE_CONF):
        if core.isupper() or is_known(core):
            continue
        low = core.lower()
        reach = 2 if len(low) >= TITLE_TWO_EDITS_LEN else 1
        near = process.extract(
            low, choices, scorer=Levenshtein.distance, score_cutoff=reach, limit=None
        )
        if not near:
            continue
        best = min(d for _, d, _ in near)
        (word, *others) = [c for c, d, _ in near if d == best]
        if others:
            continue
        if word.startswith(low) or word.endswith(low) or low.endswith(word):
            continue  # letters short or over at an end: a split word's piece ("Petug as")
        w.text = f"{lead}{_same_case(core, word)}{trail}"
        changed += 1
    return changed


def _stem(low: str) -> str:
    """A word without its longest Indonesian prefix and suffix (``affixes``), keeping at
    least three letters: "menerima" and "penerima" share "erima"."""
    lex = _lexicon()
    for prefix in lex["prefixes"]:
        if low.startswith(prefix) and len(low) - len(prefix) >= 3:
            low = low[len(prefix) :]
            break
    for suffix in lex["suffixes"]:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low

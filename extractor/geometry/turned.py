"""Text set turned a quarter: role names reading upwards (Word's and Excel's "rotate
text up", the common way) or downwards in the narrow Pelaksana columns of a header.

A turned word's box is tall and narrow, and its lines stand side by side: read by the
upright rules (lines by vertical overlap, words left to right) they come out as one word
per line in the wrong order ("Seksi" over "Kepala"). Each block of turned lines is laid
here along one upright line through the block's middle, its words in reading order,
each as wide as its share of the letters: the grid puts them in their cell as it puts
any word, the cell reads "Kepala Seksi Identitas Penduduk", and an OCR'd word is put
right as any other is (it stays a word of its own).
"""

from __future__ import annotations

from extractor.geometry.lines import union_box
from extractor.layout import Word
from extractor.types import BBox

#: Two turned words are on one line when their centres across the line are closer than
#: this share of the line's thickness (the glyphs' height).
SAME_LINE = 0.5
#: ... and the gap between them along it is at most this many thicknesses (a word
#: space is ~0.3; the next cell's text is farther).
WORD_GAP = 1.5
#: Two turned lines are one block when the gap between them is at most this share of a
#: line's thickness (leading ~1.2 leaves ~0.2-0.4) and they overlap along the line.
LINE_GAP = 0.8


def _thick(w: Word) -> float:
    return w.bbox[2] - w.bbox[0]


def _cx(w: Word) -> float:
    return (w.bbox[0] + w.bbox[2]) / 2


def _union(words: list[Word]) -> BBox:
    return union_box(w.bbox for w in words)


def _lines(words: list[Word], upward: bool) -> list[list[Word]]:
    """Turned words grouped into lines, each in reading order (upwards: bottom first):
    words whose centres across the line are close, split where the gap along the line
    is wider than a word space (the next cell's text)."""
    columns: list[list[Word]] = []
    for w in sorted(words, key=_cx):
        if columns:
            col = columns[-1]
            t = max(_thick(w), *(_thick(v) for v in col), 1e-6)
            if abs(_cx(w) - sum(map(_cx, col)) / len(col)) < SAME_LINE * t:
                col.append(w)
                continue
        columns.append([w])
    lines: list[list[Word]] = []
    for col in columns:
        col.sort(key=lambda w: -w.bbox[3] if upward else w.bbox[1])
        line = [col[0]]
        for w in col[1:]:
            last = line[-1]
            gap = last.bbox[1] - w.bbox[3] if upward else w.bbox[1] - last.bbox[3]
            if gap > WORD_GAP * max(_thick(w), _thick(last), 1e-6):
                lines.append(line)
                line = []
            line.append(w)
        lines.append(line)
    return lines


def join_turned(words: list[Word], upward: bool = True) -> list[Word]:
    """``words`` (each read along its own turned line) laid flat: a block of side-by-side
    lines becomes one upright line of its words in reading order (reading upwards, lines
    run left to right; reading downwards, right to left), across the block's width at
    its middle, as tall as a turned line is thick."""
    lines = sorted(_lines(words, upward), key=lambda ln: _union(ln)[0], reverse=not upward)
    blocks: list[list[list[Word]]] = []
    for line in lines:
        box = _union(line)
        if blocks:
            prev = _union(blocks[-1][-1])
            t = max(box[2] - box[0], prev[2] - prev[0])
            gap = box[0] - prev[2] if upward else prev[0] - box[2]
            overlap = min(box[3], prev[3]) - max(box[1], prev[1])
            if -t * SAME_LINE < gap <= LINE_GAP * t and overlap > 0:
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return [w for block in blocks for w in _flat(block)]


def _flat(block: list[list[Word]]) -> list[Word]:
    """A block's words along one upright line through its middle (see join_turned); a
    compound wrapped at its hyphen across two turned lines ("SIKS-" / "NG") is one word
    again, as upright lines are joined."""
    flat: list[Word] = []
    for line in block:
        for k, w in enumerate(line):
            prev = flat[-1] if flat else None
            wrapped = (
                k == 0
                and prev is not None
                and len(prev.text) > 1
                and prev.text.endswith("-")
                and prev.text[-2].isalnum()
                and w.text[:1].isalnum()
            )
            if wrapped and prev is not None:
                confs = [c for c in (prev.conf, w.conf) if c is not None]
                flat[-1] = Word(
                    text=prev.text + w.text,
                    bbox=_union([prev, w]),
                    conf=min(confs) if confs else None,
                )
            else:
                flat.append(w)
    x0, top, x1, bottom = _union(flat)
    thick = min(max(_thick(w) for w in flat), bottom - top)
    middle = (top + bottom) / 2
    unit = (x1 - x0) / max(sum(len(w.text) + 1 for w in flat) - 1, 1)
    out, x = [], x0
    for w in flat:
        right = x + len(w.text) * unit
        out.append(
            Word(text=w.text, bbox=(x, middle - thick / 2, right, middle + thick / 2), conf=w.conf)
        )
        x = right + unit
    return out

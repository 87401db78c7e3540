"""Glyphs into lines: rows by position, words by the gaps between glyphs, columns by wide gaps.

A space is read from geometry, not from the file's space characters alone: a gap wider
than :data:`WORD_GAP` of the font size is a space; a space character in the file whose
glyphs nearly touch (a word split by spacing, "xã h ội") is not one. A gap wider than
:data:`COLUMN_GAP` of the font size splits a row into segments (the two columns of a
header: issuer left, national motto right).

>>> def word(text, x, spaced_before=False):
...     return [Glyph(c, x + 6 * i, x + 6 * (i + 1), 100, 112, 12, "Times") for i, c in enumerate(text)]
>>> glyphs = word("xã", 10) + word("h", 28) + word("ội", 34.3)
>>> [line.text for line in build_lines(glyphs)]
['xã hội']
>>> mark = Glyph("2", 22, 26, 98, 106, 8, "Times")
>>> [line.text for line in build_lines(word("tỉnh", 0)[-2:] + [mark])]
['nh²']
>>> glyphs = word("Số:", 10) + word("Hà Nội", 300)
>>> [(line.text, line.row) for line in build_lines(glyphs)]
[('Số:', 0), ('Hà Nội', 0)]
"""

from __future__ import annotations

import dataclasses
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cancu.read.pdf_page import Glyph

WORD_GAP = 0.2
"""A gap wider than this share of the font size separates two words."""
SPACED_GAP = 0.08
"""Where the file itself has a space, a gap wider than this share of the size keeps it."""
COLUMN_GAP = 1.5
"""A gap wider than this many font sizes splits a row into segments (the layout decides whether
they are side-by-side columns or one line with a blank to fill, "Số:      /QĐ-UBND")."""


@dataclass(frozen=True)
class TextLine:
    """A line segment of a page: its text, box, size, emphasis, and the row it belongs to.

    ``xs`` gives the left edge of each character of ``text`` (a space starts where the gap
    before the next word starts), so a position on the page maps back into the text.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    row: int = 0
    xs: tuple[float, ...] = ()
    page: int = 0
    """The 1-based page, once the line is placed on one (0 while it is being built)."""

    @property
    def middle(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2


def build_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    """The line segments of some glyphs, top to bottom and left to right."""
    rows = _rows(range(len(glyphs)), glyphs)
    out: list[TextLine] = []
    for number, row in enumerate(rows):
        ordered = sorted(row, key=lambda i: glyphs[i].x0)
        segment: list[int] = []
        for index in ordered:
            if segment and _gap(glyphs[segment[-1]], glyphs[index]) > COLUMN_GAP * _size(
                glyphs[segment[-1]], glyphs[index]
            ):
                out.append(_line(segment, glyphs, number))
                segment = []
            segment.append(index)
        if segment:
            out.append(_line(segment, glyphs, number))
    return out


def _size(a: Glyph, b: Glyph) -> float:
    return max(a.size, b.size, 1.0)


def _gap(a: Glyph, b: Glyph) -> float:
    return b.x0 - a.x1


def _overlap(top: float, bottom: float, other_top: float, other_bottom: float) -> float:
    return min(bottom, other_bottom) - max(top, other_top)


def _rows(indices: Iterable[int], glyphs: Sequence[Glyph]) -> list[list[int]]:
    """Glyph indices grouped by row: a glyph joins a row its box overlaps by half its height."""
    rows: list[tuple[float, float, list[int]]] = []
    for index in sorted(indices, key=lambda i: glyphs[i].middle):
        g = glyphs[index]
        height = max(g.bottom - g.top, 0.1)
        for top, bottom, members in reversed(rows[-3:]):
            if _overlap(g.top, g.bottom, top, bottom) >= 0.5 * min(height, bottom - top):
                members.append(index)
                break
        else:
            rows.append((g.top, g.bottom, [index]))
    return [members for _, _, members in rows]


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _raised(glyph: Glyph, size: float, middle: float) -> bool:
    """A smaller glyph drawn above the line's middle: a footnote mark ("tỉnh²")."""
    return glyph.size <= 0.8 * size and glyph.middle < middle - 0.12 * size


def _line(indices: list[int], glyphs: Sequence[Glyph], row: int) -> TextLine:
    """One line from its glyphs, left to right; raised small digits become superscript digits,
    so a footnote mark does not run into a number ("30/12/2024²", not "30/12/20242")."""
    members = [glyphs[i] for i in indices]
    letters = [g for g in members if g.text.isalnum()] or members
    size = statistics.median(g.size for g in letters)
    middle = statistics.median(g.middle for g in letters)
    chars: list[str] = []
    xs: list[float] = []
    previous: Glyph | None = None
    for index in indices:
        g = glyphs[index]
        if g.text.isdigit() and _raised(g, size, middle):
            g = dataclasses.replace(g, text=g.text.translate(_SUPERSCRIPT))
        if previous is not None:
            if g.text == previous.text and abs(g.x0 - previous.x0) < 0.2 * g.size:
                continue  # the same glyph drawn twice (a faked bold)
            gap = _gap(previous, g)
            limit = SPACED_GAP if g.spaced else WORD_GAP
            if gap > limit * _size(previous, g):
                chars.append(" ")
                xs.append(previous.x1)
        chars.append(g.text)
        xs.extend([g.x0] * len(g.text))
        previous = g
    text = unicodedata.normalize("NFC", "".join(chars))
    if len(text) != len(xs):  # NFC joined combining marks: keep one position per character
        xs = _positions_after_nfc(chars, xs)
    return TextLine(
        text=text,
        x0=min(g.x0 for g in members),
        x1=max(g.x1 for g in members),
        top=statistics.median(g.top for g in letters),
        bottom=statistics.median(g.bottom for g in letters),
        size=size,
        bold=sum(g.bold for g in letters) >= 0.9 * len(letters),
        italic=sum(g.italic for g in letters) >= 0.9 * len(letters),
        row=row,
        xs=tuple(xs),
    )


def _positions_after_nfc(chars: list[str], xs: list[float]) -> list[float]:
    """One position per character of the NFC text: combining marks take their base's place."""
    out: list[float] = []
    for char, x in zip("".join(chars), xs, strict=True):
        if unicodedata.combining(char) and out:
            continue
        out.append(x)
    text = unicodedata.normalize("NFC", "".join(chars))
    return (out + [out[-1] if out else 0.0] * len(text))[: len(text)]

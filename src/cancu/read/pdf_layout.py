"""Lines of a page into reading order and paragraphs, by geometry alone.

Reading order: rows top to bottom. A *band* of rows split into two sides by one vertical
gap, both sides on two rows at least (the header: issuer left, national motto right; "Số:"
left, place and date right; the signature block: "Nơi nhận:" left, the signer right) is
read left column first, then right column, so each side's lines stay together. Elsewhere
the segments of a row are one line.

Paragraphs: a line starts a new paragraph when the spacing before it grows, its size or
boldness changes, it is indented, the line before it ended short, or it is centred where
the line before was not (and the reverse).

>>> def line(text, x0, x1, top, row, size=13.0, bold=False):
...     return TextLine(text, x0, x1, top, top + size, size, bold, row=row)
>>> page = [line("BỘ XÂY DỰNG", 111, 203, 63, 0, bold=True),
...         line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 243, 514, 63, 0, bold=True),
...         line("Độc lập - Tự do - Hạnh phúc", 303, 474, 78, 1, size=14, bold=True),
...         line("Số: 1074/QĐ-BXD", 103, 211, 110, 2),
...         line("Hà Nội, ngày 29 tháng 6 năm 2026", 286, 491, 110, 2),
...         line("QUYẾT ĐỊNH", 260, 350, 149, 3, bold=True)]
>>> [[p.text for p in region.paragraphs()] for region in regions(page, 71, 539)]
[['BỘ XÂY DỰNG', 'Số: 1074/QĐ-BXD'], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Nội, ngày 29 tháng 6 năm 2026'], ['QUYẾT ĐỊNH']]
>>> [[p.align for p in region.paragraphs()] for region in regions(page, 71, 539)]
[['center', 'center'], ['center', 'center', 'center'], ['center']]
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from cancu.read.pdf_lines import TextLine

_BULLET = re.compile(r"^[-–+•]\s")
BAND_GAP = 3.0
"""Rows further apart than this many font sizes do not belong to one two-column band."""


@dataclass(frozen=True)
class Para:
    """A paragraph of a page region: its lines and what its geometry says of it."""

    lines: tuple[TextLine, ...]
    align: str | None
    bold: bool
    italic: bool

    @property
    def text(self) -> str:
        """The lines joined with spaces."""
        return " ".join(line.text for line in self.lines)

    @property
    def top(self) -> float:
        """Top of the first line."""
        return self.lines[0].top


def join(segments: Sequence[TextLine]) -> TextLine:
    """Segments of one row, left to right, as one line (a wide blank becomes one space).

    >>> a = TextLine("Số:", 10, 30, 0, 13, 13, xs=(10, 16, 22))
    >>> b = TextLine("/QĐ", 80, 100, 0, 13, 13, xs=(80, 86, 92))
    >>> join([a, b]).text, join([a, b]).xs
    ('Số: /QĐ', (10, 16, 22, 30, 80, 86, 92))
    """
    if len(segments) == 1:
        return segments[0]
    first = segments[0]
    text, xs = first.text, list(first.xs)
    for before, seg in pairwise(segments):
        text += " " + seg.text
        xs += [before.x1, *seg.xs]
    letters = [s for s in segments if s.text.strip()]
    return TextLine(
        text=text,
        x0=min(s.x0 for s in segments),
        x1=max(s.x1 for s in segments),
        top=min(s.top for s in segments),
        bottom=max(s.bottom for s in segments),
        size=max(s.size for s in segments),
        bold=all(s.bold for s in letters),
        italic=all(s.italic for s in letters),
        row=first.row,
        xs=tuple(xs),
        page=first.page,
    )


@dataclass(frozen=True)
class Region:
    """Lines read together, the left and right edges they align against, and whether they are
    one column of a two-column band (where a line spanning the column may still be centred)."""

    lines: list[TextLine]
    left: float
    right: float
    column: bool = False

    def paragraphs(self) -> list[Para]:
        """The region's paragraphs."""
        return paragraphs(self.lines, self.left, self.right, self.column)


def regions(
    lines: Sequence[TextLine], left: float, right: float, columns: bool = True
) -> list[Region]:
    """Lines in reading order, grouped into full-width runs and the columns of two-column bands.

    ``left`` and ``right`` are the page's text margins (the extent of full-width runs). With
    ``columns`` False (a table cell) no band is looked for: every row is one line.
    """
    rows = [list(group) for _, group in groupby(sorted(lines, key=_order), key=lambda s: s.row)]
    bands = _bands(rows, (left + right) / 2) if columns else {}
    out: list[Region] = []
    flow: list[TextLine] = []
    index = 0
    while index < len(rows):
        band = bands.get(index)
        if band is None:
            flow.append(join(rows[index]))
            index += 1
            continue
        if flow:
            out.append(Region(flow, left, right))
            flow = []
        members, divider = band
        for side in (False, True):
            column = [
                join(part)
                for r in members
                if (part := [s for s in rows[r] if (s.middle > divider) == side])
            ]
            if column:
                edges = min(s.x0 for s in column), max(s.x1 for s in column)
                out.append(Region(column, *edges, column=True))
        index = members[-1] + 1
    if flow:
        out.append(Region(flow, left, right))
    return out


def _order(segment: TextLine) -> tuple[int, float]:
    return segment.row, segment.x0


class _Gap:
    """The free gap between a band's left and right columns, narrowed as rows join the band."""

    def __init__(self, low: float, high: float, centre: float):
        self.low, self.high, self.centre = low, high, centre

    def fits(self, row: list[TextLine], right_only: bool = False) -> bool:
        """Every segment lies on one side of the gap (a lone one not centred on the page)."""
        tolerance = 1.0
        for s in row:
            left = s.x1 <= self.high - tolerance
            right = s.x0 >= self.low + tolerance
            if not (left or right) or (right_only and not right):
                return False
        return len(row) > 1 or abs(row[0].middle - self.centre) > 2 * row[0].size

    def take(self, row: list[TextLine]) -> None:
        """Narrow the gap to leave room for the row's segments."""
        for s in row:
            if s.x1 <= self.high - 1.0 and s.middle < (self.low + self.high) / 2:
                self.low = max(self.low, s.x1)
            else:
                self.high = min(self.high, s.x0)

    @property
    def divider(self) -> float:
        return (self.low + self.high) / 2


def _close(upper: list[TextLine], lower: list[TextLine]) -> bool:
    size = max(s.size for s in upper + lower)
    return min(s.top for s in lower) - max(s.bottom for s in upper) <= BAND_GAP * size


def _bands(rows: list[list[TextLine]], centre: float) -> dict[int, tuple[list[int], float]]:
    """First row index of each two-column band → (its row indices, the divider's x)."""
    bands: dict[int, tuple[list[int], float]] = {}
    taken: set[int] = set()
    index = 0
    while index < len(rows):
        row = rows[index]
        if len(row) < 2 or index in taken:
            index += 1
            continue
        a, b = max(pairwise(row), key=lambda pair: pair[1].x0 - pair[0].x1)
        gap = _Gap(a.x1, b.x0, centre)
        gap.take(row)
        members = [index]
        below = index + 1
        while below < len(rows) and gap.fits(rows[below]) and _close(rows[below - 1], rows[below]):
            gap.take(rows[below])
            members.append(below)
            below += 1
        above = index - 1
        while (
            above >= 0
            and above not in taken
            and gap.fits(rows[above], right_only=True)
            and _close(rows[above], rows[above + 1])
        ):
            gap.take(rows[above])
            members.insert(0, above)
            above -= 1
        if sum(len(rows[m]) > 1 for m in members) >= 2:  # two sides on two rows at least
            bands[members[0]] = (members, gap.divider)
            taken.update(members)
        index = below
    return bands


def paragraphs(
    lines: Sequence[TextLine], left: float, right: float, column: bool = False
) -> list[Para]:
    """The paragraphs of a region's lines (in reading order), aligned against ``left``/``right``.

    In a ``column`` of a band, a line whose middle is near the column's is centred.
    """
    if not lines:
        return []
    pitch = _pitch(lines)
    kinds = [_kind(line, left, right, column) for line in lines]
    if column:
        centred = kinds.count("center") >= len(kinds) - kinds.count("full") - kinds.count("center")
        # a centred column's widest line is centred; a left column's lines are not, by chance
        kinds = [("center" if k == "full" else k) if centred else _uncentred(k) for k in kinds]
    else:
        kinds = [_aligned_with_neighbour(lines, kinds, i) for i in range(len(lines))]
    groups: list[list[int]] = [[0]]
    for i in range(1, len(lines)):
        if _starts(lines[i - 1], lines[i], kinds[i - 1], kinds[i], pitch, left, right):
            groups.append([i])
        else:
            groups[-1].append(i)
    return [
        Para(
            tuple(lines[i] for i in group),
            _align([kinds[i] for i in group]),
            all(lines[i].bold for i in group),
            all(lines[i].italic for i in group),
        )
        for group in groups
    ]


def _aligned_with_neighbour(lines: Sequence[TextLine], kinds: list[str], i: int) -> str:
    """A "centred" line that starts where the line before or after it starts is indented
    like it (list items, one-line paragraphs), centred only by chance."""
    if kinds[i] != "center":
        return kinds[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and kinds[j] != "center" and abs(lines[j].x0 - lines[i].x0) < 1.0:
            return "indent"
    return "center"


def _uncentred(kind: str) -> str:
    return "left" if kind == "center" else kind


def _pitch(lines: Sequence[TextLine]) -> float:
    """The usual distance from one line's top to the next one's within a paragraph, per point of size."""
    steps = [
        (b.top - a.top) / a.size
        for a, b in pairwise(lines)
        if abs(a.size - b.size) <= 0.5 and 0 < b.top - a.top < 2.5 * a.size
    ]
    if len(steps) < 3:
        return 1.3
    low = sorted(steps)[: max(1, len(steps) * 2 // 3)]
    return statistics.median(low)


def _kind(line: TextLine, left: float, right: float, column: bool = False) -> str:
    """``full``, ``center``, ``right``, ``left`` or ``indent``: where the line sits between the edges."""
    tolerance = max(2.0, 0.6 * line.size)
    at_left = line.x0 <= left + tolerance
    at_right = line.x1 >= right - tolerance
    if at_left and at_right:
        return "full"
    if column and abs(line.middle - (left + right) / 2) <= 1.5 * line.size:
        return "center"
    if abs(line.middle - (left + right) / 2) <= tolerance and not at_left:
        return "center"
    if at_right:
        return "indent" if line.x0 <= left + 4 * line.size else "right"
    return "left" if at_left else "indent"


def _starts(
    prev: TextLine,
    line: TextLine,
    prev_kind: str,
    kind: str,
    pitch: float,
    left: float,
    right: float,
) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    if line.top - prev.top > 1.25 * pitch * prev.size or line.top < prev.top:
        return True
    if abs(line.size - prev.size) > 0.5 or line.bold != prev.bold:
        return True
    if (prev_kind == "center") != (kind == "center") and "full" not in (prev_kind, kind):
        return True
    if prev_kind == "center" and kind == "center" and _upper(prev.text) != _upper(line.text):
        return True  # a title in capitals, then its subject ("QUYẾT ĐỊNH" / "Về việc …")
    if prev_kind in ("center", "right"):
        return False
    if prev.x1 < right - 2 * prev.size:
        return True  # the line before ended short: it closed its paragraph
    if _BULLET.match(line.text) and _BULLET.match(prev.text):
        return True  # list items
    return kind == "indent" and line.x0 > prev.x0 + 0.8 * line.size


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _align(kinds: list[str]) -> str | None:
    if all(k in ("full", "center") for k in kinds) and "center" in kinds:
        return "center"
    if all(k == "right" for k in kinds):
        return "right"
    if len(kinds) >= 2 and all(k == "full" for k in kinds[1:-1]) and kinds[0] in ("full", "indent"):
        return "justify"
    return "left"

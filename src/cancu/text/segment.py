"""Cut a normalised text into cells and paragraphs, each with its 1-based line range.

Legal portals export a page's layout tables as a stream of cells, each followed
by a line holding only ``|``. The same stream carries the header block, the
body of the decision and the appendix table. :func:`split_cells` recovers the
cells; :func:`paragraphs` rebuilds the hard-wrapped paragraphs of the cells
that hold running text.

>>> from cancu.text.normalize import normalize_text
>>> src = normalize_text("Số: 12/QĐ-UBND\\n|\\nCăn cứ Luật\\nngày 1/1/2020;\\nĐiều 1. Ban hành.")
>>> [c.text for c in split_cells(src)]
['Số: 12/QĐ-UBND', 'Căn cứ Luật ngày 1/1/2020; Điều 1. Ban hành.']
>>> [c.text for c in split_cells(normalize_text("Số: 1/QĐ-UBND | Hà Nội, ngày 2/3/2020 |"))]
['Số: 1/QĐ-UBND', 'Hà Nội, ngày 2/3/2020']
>>> [(p.text, p.start, p.end) for p in paragraphs(split_cells(src)[1:])]
[('Căn cứ Luật ngày 1/1/2020;', 3, 4), ('Điều 1. Ban hành.', 5, 5)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from cancu.text.normalize import SourceText

BAR = "|"


@dataclass(frozen=True)
class Span:
    """A piece of text with the line range it came from (1-based, inclusive)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """One cell of the exported layout: its non-blank lines with their numbers.

    ``bar`` is the line number of the ``|`` that closes the cell (or of the last
    line when the text ends without one); an empty cell has no lines. ``breaks``
    holds the numbers of lines that follow a blank line (a paragraph break).
    """

    lines: tuple[tuple[int, str], ...]
    bar: int
    breaks: frozenset[int] = frozenset()

    @cached_property
    def text(self) -> str:
        """The cell's lines joined with single spaces."""
        return " ".join(t.strip() for _, t in self.lines).strip()

    @property
    def start(self) -> int:
        """First line of the cell (its bar line when empty)."""
        return self.lines[0][0] if self.lines else self.bar

    @property
    def end(self) -> int:
        """Last line of the cell (its bar line when empty)."""
        return self.lines[-1][0] if self.lines else self.bar

    @property
    def span(self) -> Span:
        """The cell as a :class:`Span`."""
        return Span(self.text, self.start, self.end)


def split_cells(src: SourceText) -> list[Cell]:
    """Split the text at lines holding only ``|``; keep empty cells, drop blank lines."""
    cells: list[Cell] = []
    current: list[tuple[int, str]] = []
    breaks: set[int] = set()
    blank = False
    for number, line in enumerate(src.lines, start=1):
        # Some exports put a whole row on one line ("Số: 30/2018/QĐ-UBND | Hải Phòng, … |"):
        # every "|" closes a cell, whether it stands alone on its line or not.
        *closed, rest = line.split(BAR)
        for part in closed:
            if part.strip():
                current.append((number, part.strip()))
            cells.append(Cell(tuple(current), number, frozenset(breaks)))
            current, breaks = [], set()
        if rest.strip():
            if blank and current:
                breaks.add(number)
            current.append((number, rest if not closed else rest.strip()))
        blank = not line.strip()
    if current:
        cells.append(Cell(tuple(current), current[-1][0], frozenset(breaks)))
    return cells


_MARKER = re.compile(
    r"""^(?:
        Căn\ cứ\b | Theo\ đề\ nghị | Xét\b | Thực\ hiện\b | Triển\ khai\b
      | Điều\ \d+\s*[.:]
      | [a-zđ]\)
      | \d+(?:\.\d+)*\.(?=\s|$)
      | [IVXL]+\.(?=\s|$)
      | [-+•–]\s
      | Nơi\ nhận | Số\s*: | QUYẾT\ ĐỊNH\b | KẾ\ HOẠCH\b | PHỤ\ LỤC\b
      | K?T\.\s*[A-ZĐ] | TM\.\s | KT\.
      | \(Ban\ hành\ kèm | \(Kèm\ theo
      | Trên\ đây
    )""",
    re.VERBOSE,
)
AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BỘ TRƯỞNG"
    r"|THỦ TƯỚNG|GIÁM ĐỐC)\b"
)

_TITLE_LINE = re.compile(r"(QUYẾT ĐỊNH|KẾ HOẠCH|PHỤ LỤC)(\s+[IVX\d]+)?:?")


def is_upper(text: str) -> bool:
    """True when the text has letters and none of them is lower case.

    >>> is_upper("QUYẾT ĐỊNH"), is_upper("Quyết định"), is_upper("2021")
    (True, False, False)
    """
    letters = False
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                return False
            letters = True
    return letters


_HEADING_WORD = re.compile(r"^(Điều|Chương|Mục|Phần|Phụ lục|PHẦN|CHƯƠNG|MỤC)$")
"""A heading word left alone on its line where the export wrapped its emphasis ("Điều" / "1. …")."""


def _starts_paragraph(line: str, previous: str | None) -> bool:
    stripped = line.strip()
    if previous is not None and _HEADING_WORD.match(previous):
        return False
    if previous is None or _MARKER.match(stripped) or _HEADING_WORD.match(stripped):
        return True
    # An upper-case heading after running text (not a number such as "87/2025/QH15;" carried
    # over from the line before), or an enacting authority after a title.
    if is_upper(stripped) and not is_upper(previous) and not stripped[0].isdigit():
        return True
    if is_upper(stripped) and AUTHORITY.match(stripped) and is_upper(previous):
        return not previous.rstrip().endswith(("SỐ", "CỦA", "VÀ", ","))
    # A title line such as "QUYẾT ĐỊNH" stands alone.
    return bool(_TITLE_LINE.fullmatch(previous.strip()))


def paragraph_lines(cells: Iterable[Cell]) -> list[list[tuple[int, str]]]:
    """The lines of each paragraph of ``cells`` (see :func:`paragraphs`)."""
    out: list[list[tuple[int, str]]] = []
    for cell in cells:
        buf: list[tuple[int, str]] = []
        previous: str | None = None
        for number, line in cell.lines:
            if buf and (number in cell.breaks or _starts_paragraph(line, previous)):
                out.append(buf)
                buf = []
            buf.append((number, line))
            previous = line.strip()
        if buf:
            out.append(buf)
    return out


def paragraphs(cells: Iterable[Cell]) -> list[Span]:
    """Rebuild paragraphs from the lines of ``cells``.

    A paragraph starts at a cell boundary, at a structural marker (``Căn cứ``,
    ``Điều 2.``, ``a)``, ``1.``, ``II.``, ``-``, ``Nơi nhận``, ``KT.`` …), or at an
    upper-case heading after running text.
    """
    return [_join(buf) for buf in paragraph_lines(cells)]


_SPACES = re.compile(r"\s+")


def _join(buf: list[tuple[int, str]]) -> Span:
    text = _SPACES.sub(" ", " ".join([t.strip() for _, t in buf])).strip()
    return Span(text, buf[0][0], buf[-1][0])

"""The intermediate every format reader yields: a document as blocks.

A format reader (text export, DOCX, DOC, PDF, HTML) turns a file into a
:class:`Blocks`: paragraphs and real tables in reading order, each line with
its :class:`Place` in the source file. The extractor reads only this, so what
it learns about documents holds for every format.

Every :class:`Line` carries an ordinal ``number``: its position in reading
order, 1-based and increasing. For a text file it is the line number of the
file as published; for other formats it is a running count. Records keep
these numbers as their ``start``/``end``; :meth:`Blocks.place` turns one back
into the place a reader can find (a line, or page / paragraph / table, row,
cell).

>>> p = Paragraph((Line(1, "Số: 12/QĐ-UBND", Place(paragraph=1)),), align="center")
>>> cell = TableCell((Paragraph((Line(2, "Sở Nội vụ", Place(table=1, row=2, cell=3)),)),))
>>> blocks = Blocks("a.docx", "0" * 64, "docx", (p, Table(((cell,),), Place(table=1))))
>>> [b.text for b in blocks.paragraphs()]
['Số: 12/QĐ-UBND']
>>> blocks.place(2).describe()
'table 1, row 2, cell 3'
>>> blocks.tables()[0].rows[0][0].text
'Sở Nội vụ'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Place:
    """Where a line is in its source file: whatever the format can tell.

    >>> Place(line=12).describe()
    'line 12'
    >>> Place(page=3, table=2, row=5, cell=4).describe()
    'page 3, table 2, row 5, cell 4'
    >>> Place(page=1, paragraph=7, ocr=True).describe()
    'page 1, paragraph 7 (OCR)'
    """

    line: int | None = None
    """1-based line of a text file."""
    page: int | None = None
    """1-based page of a PDF."""
    paragraph: int | None = None
    """1-based paragraph of the body (outside tables), in reading order."""
    table: int | None = None
    """1-based table of the document, in reading order."""
    row: int | None = None
    """1-based row of that table."""
    cell: int | None = None
    """1-based cell (grid column) of that row."""
    ocr: bool = False
    """The text was recognised from an image."""

    def describe(self) -> str:
        """A short English description (for warnings and provenance)."""
        parts = []
        for name in ("line", "page", "paragraph", "table", "row", "cell"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {value}")
        text = ", ".join(parts) or "unknown place"
        return text + (" (OCR)" if self.ocr else "")


@dataclass(frozen=True)
class Line:
    """One line of text: its ordinal number in reading order, its text, and its place."""

    number: int
    text: str
    place: Place


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its lines, with the emphasis and alignment the format tells.

    ``bold``/``italic`` are True when the whole paragraph is so; ``align`` is
    ``"center"``, ``"right"``, ``"left"``, ``"justify"`` or None when unknown.
    """

    lines: tuple[Line, ...]
    bold: bool = False
    italic: bool = False
    align: str | None = None

    @cached_property
    def text(self) -> str:
        """The lines joined with single spaces."""
        return " ".join(" ".join(line.text.split()) for line in self.lines).strip()

    @property
    def start(self) -> int:
        """Ordinal number of the first line."""
        return self.lines[0].number

    @property
    def end(self) -> int:
        """Ordinal number of the last line."""
        return self.lines[-1].number


@dataclass(frozen=True)
class TableCell:
    """A cell of a table grid: its paragraphs, and how it takes part in a merge.

    A merged cell fills every grid position it covers: the top-left one holds
    the paragraphs (``merged_from`` is None, ``row_span``/``col_span`` give its
    size); each other covered position is a copy with ``merged_from`` set to the
    (0-based) row and column of the top-left position and no paragraphs.
    """

    paragraphs: tuple[Paragraph, ...]
    row_span: int = 1
    col_span: int = 1
    merged_from: tuple[int, int] | None = None

    @cached_property
    def text(self) -> str:
        """The paragraphs joined with single spaces."""
        return " ".join(p.text for p in self.paragraphs if p.text).strip()

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line of the cell."""
        return tuple(line for p in self.paragraphs for line in p.lines)


@dataclass(frozen=True)
class Table:
    """A real table: a rectangular grid of rows (every row has one cell per grid column)."""

    rows: tuple[tuple[TableCell, ...], ...]
    place: Place

    @property
    def width(self) -> int:
        """Number of grid columns."""
        return max((len(row) for row in self.rows), default=0)

    def origin(self, row: int, column: int) -> TableCell:
        """The cell that holds the text shown at (``row``, ``column``), following merges."""
        cell = self.rows[row][column]
        if cell.merged_from is not None:
            r, c = cell.merged_from
            return self.rows[r][c]
        return cell

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line of the table, row by row."""
        return tuple(line for row in self.rows for cell in row for line in cell.lines)


Block = Paragraph | Table


@dataclass(frozen=True)
class Field:
    """A metadata field that the publisher (a portal, a signature stamp) gives beside the text."""

    name: str
    value: str
    place: Place


@dataclass(frozen=True)
class Blocks:
    """A document as read from one file: blocks in reading order, and what came beside them.

    ``format`` is ``"text"``, ``"docx"``, ``"doc"``, ``"pdf"`` or ``"html"``.
    ``metadata`` holds the publisher's fields (a portal's "Số hiệu", "Loại văn bản" …,
    a PDF signature stamp's number and date), kept as a second witness.
    ``warnings`` says what the reader left out or repaired (chrome skipped, a broken
    font map repaired, pages read by OCR …), each with its place.
    """

    name: str
    sha256: str
    format: str
    blocks: tuple[Block, ...]
    metadata: tuple[Field, ...] = ()
    warnings: tuple[str, ...] = ()
    _places: dict[int, Place] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        places = self._places
        for block in self.blocks:
            for line in block.lines:
                places[line.number] = line.place

    def place(self, number: int) -> Place:
        """The place of the line with ordinal ``number`` (an unknown place when there is none)."""
        return self._places.get(number, Place())

    def paragraphs(self) -> Iterator[Paragraph]:
        """The paragraphs outside tables."""
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> list[Table]:
        """The tables."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def lines(self) -> Iterator[Line]:
        """Every line in reading order."""
        for block in self.blocks:
            yield from block.lines

    def field(self, name: str) -> str | None:
        """The value of a metadata field, or None."""
        for item in self.metadata:
            if item.name == name:
                return item.value
        return None

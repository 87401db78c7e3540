"""Build :class:`~cancu.read.blocks.Blocks` from what a structured format reader found.

A DOCX or HTML reader walks its tree and hands over draft paragraphs (text
lines, emphasis, alignment) and draft tables (rows of draft cells with their
spans). :class:`Assembler` does what both formats share: it cleans each line
(NFC, invisible format characters removed, runs of white space made one
space), drops empty paragraphs, resolves a table's merges into a rectangular
grid, numbers the lines in reading order and gives each one its place.

Merges come in two forms and both are resolved here: a cell may span rows
(``row_span``, as HTML ``rowspan``) or say that it continues the cell above
(``continues``, as OOXML ``w:vMerge``); either way the top-left position
holds the paragraphs and every other covered position is a copy that points
back to it.

>>> a = Assembler()
>>> a.paragraph(Draft(["Số:  /KH-UBND"], align="center"))
>>> head = DraftCell([Draft(["STT"])], row_span=2)
>>> a.table([[head, DraftCell([Draft(["Nhiệm vụ"])])], [DraftCell([Draft(["Rà soát"])])]])
>>> blocks = a.blocks("a.docx", "0" * 64, "docx")
>>> [line.text for line in blocks.lines()]
['Số: /KH-UBND', 'STT', 'Nhiệm vụ', 'Rà soát']
>>> table = blocks.tables()[0]
>>> table.rows[1][0].merged_from, table.origin(1, 0).text, blocks.place(4).describe()
((0, 0), 'STT', 'table 1, row 2, cell 2')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cancu.read.blocks import Block, Blocks, Field, Line, Paragraph, Place, Table, TableCell

_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
"""Invisible format characters found in documents: soft hyphen, zero-width and bidi marks, BOM."""


def clean_line(text: str) -> str:
    """One line of text as the extractor reads it: NFC, no format characters, single spaces.

    >>> clean_line("  Số:\\u00a0\\u00a0/KH-UBND\\u200b ")
    'Số: /KH-UBND'
    """
    return " ".join(_FORMAT.sub("", unicodedata.normalize("NFC", text)).split())


@dataclass
class Draft:
    """A paragraph as a reader found it: its lines (before cleaning) and its look."""

    lines: list[str]
    bold: bool = False
    italic: bool = False
    align: str | None = None


@dataclass
class Gather:
    """A paragraph's text gathered piece by piece, as inline runs come.

    Pieces are joined as they are (a word split over two runs stays one word);
    :meth:`newline` starts a new line of the same paragraph. The paragraph is
    bold (italic) when every piece with visible text is.

    >>> g = Gather()
    >>> g.add("Tên d", bold=True); g.add("ự án", bold=True); g.newline(); g.add("x")
    >>> g.draft("center")
    Draft(lines=['Tên dự án', 'x'], bold=False, italic=False, align='center')
    """

    lines: list[str] = field(default_factory=lambda: [""])
    bold: bool = True
    italic: bool = True
    visible: bool = False

    def add(self, text: str, bold: bool = False, italic: bool = False) -> None:
        """Add a piece of text with its emphasis."""
        self.lines[-1] += text
        if text.strip():
            self.visible = True
            self.bold &= bold
            self.italic &= italic

    def newline(self) -> None:
        """Start a new line (a line break inside the paragraph)."""
        self.lines.append("")

    def draft(self, align: str | None = None) -> Draft:
        """The gathered paragraph (no lines when nothing visible was gathered)."""
        if not self.visible:
            return Draft([])
        return Draft(self.lines, self.bold, self.italic, align)


@dataclass
class DraftCell:
    """A table cell as a reader found it.

    ``col_span``/``row_span`` give its size in grid positions; ``continues`` says
    it carries on the merged cell above it (its own paragraphs, if any, join that
    cell's). ``notes`` are warnings about the cell, placed once its grid position
    is known.
    """

    paragraphs: list[Draft]
    col_span: int = 1
    row_span: int = 1
    continues: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class _Origin:
    row: int
    column: int
    cell: DraftCell
    rows: int = 1


def _grid(rows: list[list[DraftCell]]) -> tuple[dict[tuple[int, int], _Origin], int]:
    """Place every cell on the grid: which origin covers each (row, column), and the width."""
    covered: dict[tuple[int, int], _Origin] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            span = max(cell.col_span, 1)
            above = covered.get((r - 1, c))
            if cell.continues and above is not None and above.column == c:
                above.rows = r - above.row + 1
                above.cell.paragraphs.extend(cell.paragraphs)
                above.cell.notes.extend(cell.notes)
                for k in range(c, c + max(above.cell.col_span, 1)):
                    covered[(r, k)] = above
                c += max(above.cell.col_span, 1)
                continue
            origin = _Origin(r, c, cell, rows=min(max(cell.row_span, 1), len(rows) - r))
            for dr in range(origin.rows):
                for k in range(c, c + span):
                    covered.setdefault((r + dr, k), origin)
            c += span
    width = max((c + 1 for (_, c) in covered), default=0)
    return covered, width


class Assembler:
    """Collect paragraphs and tables in reading order, then yield the :class:`Blocks`."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._number = 0
        self._paragraphs = 0
        self._tables = 0
        self.warnings: list[str] = []

    def _paragraph(self, draft: Draft, place: Place) -> Paragraph | None:
        texts = [clean_line(text) for text in draft.lines]
        lines = []
        for text in texts:
            if text:
                self._number += 1
                lines.append(Line(self._number, text, place))
        if not lines:
            return None
        return Paragraph(tuple(lines), bold=draft.bold, italic=draft.italic, align=draft.align)

    def has_text(self, draft: Draft) -> bool:
        """Whether a draft paragraph has any text once cleaned."""
        return any(clean_line(text) for text in draft.lines)

    def paragraph(self, draft: Draft) -> None:
        """Add a body paragraph (dropped when it has no text)."""
        paragraph = self._paragraph(draft, Place(paragraph=self._paragraphs + 1))
        if paragraph is not None:
            self._paragraphs += 1
            self._blocks.append(paragraph)

    @property
    def next_paragraph(self) -> Place:
        """The place the next body paragraph will have (for warnings about it)."""
        return Place(paragraph=self._paragraphs + 1)

    @property
    def last_paragraph(self) -> Place:
        """The place of the last body paragraph added (for warnings about what it held)."""
        return Place(paragraph=max(self._paragraphs, 1))

    def table(self, rows: list[list[DraftCell]]) -> None:
        """Add a table given as rows of draft cells; merges are resolved into a grid."""
        rows = [row for row in rows if row]
        if not rows:
            return
        self._tables += 1
        t = self._tables
        covered, width = _grid(rows)
        grid: list[tuple[TableCell, ...]] = []
        for r in range(len(rows)):
            cells = []
            for c in range(width):
                origin = covered.get((r, c))
                if origin is None:
                    cells.append(TableCell(()))
                elif (origin.row, origin.column) != (r, c):
                    cells.append(TableCell((), merged_from=(origin.row, origin.column)))
                else:
                    place = Place(table=t, row=r + 1, cell=c + 1)
                    drafts = (self._paragraph(d, place) for d in origin.cell.paragraphs)
                    self.warnings.extend(f"{place.describe()}: {n}" for n in origin.cell.notes)
                    cells.append(
                        TableCell(
                            tuple(p for p in drafts if p is not None),
                            row_span=origin.rows,
                            col_span=max(origin.cell.col_span, 1),
                        )
                    )
            grid.append(tuple(cells))
        self._blocks.append(Table(tuple(grid), Place(table=t)))

    def warn(self, place: Place | str, message: str) -> None:
        """Record a warning about what was left out, at a place (or a named part of the file)."""
        where = place if isinstance(place, str) else place.describe()
        self.warnings.append(f"{where}: {message}")

    def blocks(
        self, name: str, sha256: str, format: str, metadata: tuple[Field, ...] = ()
    ) -> Blocks:
        """The document read: blocks in reading order, metadata and warnings."""
        return Blocks(name, sha256, format, tuple(self._blocks), metadata, tuple(self.warnings))

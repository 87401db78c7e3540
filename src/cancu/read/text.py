"""Text exports of legal portals into blocks.

A portal's text export flattens every table of the page into a stream of cells, each
followed by a line holding only ``|`` (:func:`cancu.text.segment.split_cells`). This
reader finds the document inside the page (:mod:`cancu.read.portal`; the page's chrome
and footer are left out with a warning, the portal's metadata kept as fields), rebuilds
the rows of each task table from the cell stream (:func:`cancu.parse.table.parse_table`:
columns by their header labels, rows by aligning cells to columns) into a real
:class:`~cancu.read.blocks.Table`, and rebuilds the hard-wrapped paragraphs of the rest.
Line numbers are those of the file as published.

>>> text = "\\n|\\n".join(["ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
...     "Số: 1/KH-UBND", "STT", "Nhiệm vụ", "Chủ trì", "Thời gian", "1", "Rà soát", "Sở Nội vụ",
...     "Quý II/2025", ""])
>>> blocks = read_text(text.encode(), "a.txt", "0" * 64)
>>> [b.text for b in blocks.paragraphs()]
['ỦY BAN NHÂN DÂN TỈNH X', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 1/KH-UBND']
>>> [[c.text for c in row] for row in blocks.tables()[0].rows]
[['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian'], ['1', 'Rà soát', 'Sở Nội vụ', 'Quý II/2025']]
>>> blocks.place(9).describe()
'line 9'
"""

from __future__ import annotations

import re

from cancu.parse.table import TASK_ANCHORS, Row, find_header, parse_table
from cancu.parse.table import Table as ParsedTable
from cancu.read.blocks import Block, Blocks, Line, Paragraph, Place, Table, TableCell
from cancu.read.portal import find_document
from cancu.text.normalize import SourceText, decode, normalize_text
from cancu.text.segment import Cell, paragraph_lines, split_cells


def read_text(data: bytes, name: str, sha256: str) -> Blocks:
    """Read a text export (UTF-8) into blocks; raise ``InputError`` on bad input."""
    return blocks_of_text(normalize_text(decode(data, name), name=name, sha256=sha256))


def _line(number: int, text: str) -> Line:
    return Line(number, text.strip(), Place(line=number))


def _lines(src: SourceText, start: int, end: int) -> tuple[Line, ...]:
    """The non-blank lines ``start``…``end`` of the source, without the cell bars."""
    out = []
    for n in range(start, end + 1):
        text = " ".join(part.strip() for part in src.line(n).split("|") if part.strip())
        if text:
            out.append(_line(n, text))
    return tuple(out)


def _grid_cell(cell: Cell | None) -> TableCell:
    """A cell of the stream as a grid cell; an empty cell keeps the line of its bar."""
    if cell is None:
        return TableCell(())
    if not cell.lines:
        return TableCell((Paragraph((Line(cell.bar, "", Place(line=cell.bar)),)),))
    return TableCell((Paragraph(tuple(_line(n, t) for n, t in cell.lines)),))


def _spanning(lines: tuple[Line, ...], width: int, r: int) -> list[TableCell]:
    """A row holding one cell merged across the whole width."""
    first = TableCell((Paragraph(lines),), col_span=width)
    return [first] + [TableCell((), merged_from=(r, 0)) for _ in range(width - 1)]


def _grid(src: SourceText, table: ParsedTable, header_cells: list[Cell], index: int) -> Table:
    """The rows the alignment recovered, as a real table (the header row first)."""
    keys = table.keys()
    width = len(keys)
    by_label = {cell.text: cell for cell in header_cells}
    header = []
    for column in table.columns:
        cell = by_label.get(column.label)
        header.append(
            _grid_cell(cell)
            if cell
            else TableCell((Paragraph((_line(table.header.start, column.label),)),))
        )
    rows: list[list[TableCell]] = [header]
    origin: dict[int, tuple[int, int]] = {}
    for row in table.rows:
        r = len(rows)
        if not row.cells and row.area is not None:
            rows.append(_area_row(src, row, keys, r))
            continue
        out = []
        for c, key in enumerate(keys):
            cell = row.cells.get(key)
            if cell is not None and key in row.inherited and id(cell) in origin:
                out.append(TableCell((), merged_from=origin[id(cell)]))
                continue
            if cell is not None:
                origin[id(cell)] = (r, c)
            out.append(_grid_cell(cell))
        rows.append(out)
    if table.total is not None:
        rows.append(_total_row(src, table, keys))
    for row in rows:
        row.extend(TableCell(()) for _ in range(width - len(row)))
    return Table(tuple(tuple(row) for row in rows), Place(line=table.header.start, table=index))


def _area_row(src: SourceText, row: Row, keys: list[str], r: int) -> list[TableCell]:
    """An area row: one merged cell, or its numbering, heading and subtotal in their columns."""
    area = row.area
    lines = _lines(src, area.start, area.end)
    numbering, _, title = area.text.partition(". ")
    title_key = "task" if "task" in keys else "content"
    split = "stt" in keys and title_key in keys and lines[0].text.rstrip(".") == numbering
    if row.area_total is None and not split:
        return _spanning(lines, len(keys), r)
    out = [TableCell(()) for _ in keys]
    if split:
        out[keys.index("stt")] = TableCell((Paragraph(lines[:1]),))
        out[keys.index(title_key)] = TableCell((Paragraph(lines[1:] or (_line(area.end, title),)),))
    else:
        out[0] = TableCell((Paragraph(lines),))
    if row.area_total is not None:
        at = keys.index("budget") if "budget" in keys else len(keys) - 1
        out[at] = _grid_cell(row.area_total)
    return out


def _total_row(src: SourceText, table: ParsedTable, keys: list[str]) -> list[TableCell]:
    out = [TableCell(()) for _ in keys]
    out[0] = TableCell((Paragraph(_lines(src, table.total.start, table.total.end)),))
    at = keys.index("budget") if "budget" in keys else len(keys) - 1
    if table.total_amount is not None:
        amount = table.total_amount
        out[at] = TableCell((Paragraph(_lines(src, amount.start, amount.end)),))
    if table.total_words is not None:
        free = next(c for c in range(len(keys) - 1, 0, -1) if c != at)
        words = table.total_words
        out[free] = TableCell((Paragraph(_lines(src, words.start, words.end)),))
    return out


def _task_tables(cells: list[Cell]):
    """Yield (index of the first header cell, index past the table, parsed table)."""
    i = 0
    while (found := find_header(cells, i)) is not None:
        table = parse_table(cells, i)
        keys = set(table.keys())
        if keys & {"task", "content"} and keys & TASK_ANCHORS:
            yield found[0], max(table.end_index, found[1]), table
        i = max(table.end_index, found[1] + 1)


TABLE_CELLS = 8
"""A run of at least this many cells in a row is a table (a header block has about five)."""
_SHORT = 80
_LAYOUT = re.compile(r"^(Nơi nhận|K?T\.|TM\.|TL\.|TUQ\.|PHỤ LỤC|Phụ lục|Số\s*:|CỘNG H|ĐẢNG CỘNG)")
"""Cells of the page layout (header, signature, an annex title): never part of a table run."""


def _unread_tables(cells: list[Cell], taken: set[int], first: int) -> list[Table]:
    """Each run of table cells that no task table covers, as a table of one column (its rows
    are not recovered): the extractor reports it as a table it does not read."""
    tables = []
    run: list[Cell] = []
    for cell in [*cells, None]:
        short = (
            cell is not None and len(cell.text.split()) <= _SHORT and not _LAYOUT.match(cell.text)
        )
        if short and not any(n in taken for n, _ in cell.lines):
            run.append(cell)
            continue
        filled = [c for c in run if c.text]
        if len(run) >= TABLE_CELLS and len(filled) >= TABLE_CELLS // 2:
            index = first + len(tables)
            rows = tuple((_grid_cell(c),) for c in filled)
            tables.append(Table(rows, Place(line=filled[0].start, table=index)))
        run = []
    return tables


def blocks_of_text(src: SourceText) -> Blocks:
    """The blocks of a normalised text export."""
    cells = split_cells(src)
    found = find_document(cells)
    warnings = []
    before = [c for c in cells[: found.start] if c.text]
    if before:
        warnings.append(
            f"lines {before[0].start}–{before[-1].end}: the page around the document (the "
            "portal's chrome and metadata) is not read as the document"
        )
    after = [c for c in cells[found.end :] if c.text]
    if after:
        warnings.append(
            f"lines {after[0].start}–{after[-1].end}: the portal's footer after the document "
            "is not read"
        )
    cells = cells[found.start : found.end]
    body = {n for cell in cells for n, _ in cell.lines}
    tables: list[Table] = []
    for first, past, table in _task_tables(cells):
        region = cells[first:past]
        last = max((c.end for c in region), default=table.header.end)
        body.difference_update(range(table.header.start, last + 1))
        tables.append(_grid(src, table, [c for c in region if c.text], len(tables) + 1))
    unread = _unread_tables(cells, set(range(1, len(src.lines) + 1)) - body, len(tables) + 1)
    for table in unread:
        body.difference_update(line.number for line in table.lines)
    tables.extend(unread)
    kept = [Cell(tuple((n, t) for n, t in c.lines if n in body), c.bar, c.breaks) for c in cells]
    paragraphs: list[Block] = [
        Paragraph(tuple(_line(n, t) for n, t in buf))
        for buf in paragraph_lines(c for c in kept if c.lines)
    ]
    ordered = sorted([*paragraphs, *tables], key=_first_line)
    return Blocks(
        src.name, src.sha256, "text", tuple(ordered), tuple(found.fields), tuple(warnings)
    )


def _first_line(block: Block) -> int:
    return block.lines[0].number if block.lines else 0

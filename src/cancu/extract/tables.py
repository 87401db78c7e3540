"""Real tables (grids of :mod:`cancu.read.blocks`) into task tables, layout, or tables not read.

Every format yields tables as grids with merges resolved. A grid is read here, the
same way whatever its format:

- a **task table** has a header row (or several) whose labels name a task or content
  column and at least one of lead, coordinators, deadline or amount; its columns are
  found by their labels (:func:`cancu.parse.table.header_key`), its rows become
  :class:`cancu.parse.table.Row` (a cell merged down from the row above is inherited,
  an area heading such as ``I. CÔNG TÁC ĐIỀU HÀNH`` opens an area), and a
  ``Tổng cộng`` row gives the declared total;
- a **layout table** (the header block: issuer | motto, "Số:" | place and date; the
  signature block: "Nơi nhận:" | "KT. CHỦ TỊCH") is read as its cells' paragraphs, row
  by row;
- any other table is **not read**, and says so (:func:`describe`).

>>> from cancu.read.blocks import Line, Paragraph, Place, Table as Grid, TableCell
>>> def cell(n, text):
...     return TableCell((Paragraph((Line(n, text, Place(line=n)),)),))
>>> rows = [["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["1", "Rà soát", "Sở Tư pháp", "Quý II/2021"]]
>>> grid = Grid(tuple(tuple(cell(10 * r + c, t) for c, t in enumerate(row))
...     for r, row in enumerate(rows)), Place(table=1))
>>> table = task_table(grid)
>>> [c.key for c in table.columns], [(r.value("task"), r.value("lead")) for r in table.rows]
(['stt', 'task', 'lead', 'deadline'], [('Rà soát', 'Sở Tư pháp')])
"""

from __future__ import annotations

import re

from cancu.parse.cells import AREA, NUMBERING, TOTAL, area_like, is_money
from cancu.parse.table import LEVEL_KEYS, TASK_ANCHORS, Column, Row, Table, header_key
from cancu.read.blocks import Table as Grid
from cancu.read.blocks import TableCell
from cancu.text.segment import Cell, Span

_INHERITABLE = {"content", "coord", "deadline", "product", "funding", "note", "lead", *LEVEL_KEYS}

_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$|^\([a-z]\)$|^[A-Z]$")
_ROMAN = re.compile(r"[IVXL]+\.?")
_LAYOUT = re.compile(
    r"^(Số\s*:|Nơi nhận|K?T\.|TM\.|TL\.|TUQ\.|CỘNG H(?:ÒA|OÀ) XÃ HỘI|ĐẢNG CỘNG SẢN|Kính gửi)", re.I
)
_WORDS = re.compile(r"đồng|tỷ|triệu", re.IGNORECASE)


def _cell(cell: TableCell) -> Cell:
    """A grid cell as the line-numbered :class:`Cell` the table reader works with."""
    lines = tuple((line.number, line.text.strip()) for line in cell.lines if line.text.strip())
    bar = max((line.number for line in cell.lines), default=0)
    return Cell(lines, bar)


def _texts(grid: Grid, r: int) -> list[str]:
    return [grid.origin(r, c).text for c in range(len(grid.rows[r]))]


def _header_rows(grid: Grid) -> tuple[int, int, list[str | None]] | None:
    """(first header row, first body row, key of each grid column), or None without a header."""
    for first in range(min(4, len(grid.rows))):
        labels = _texts(grid, first)
        keys = [header_key(t) if t else None for t in labels]
        known = {k for k in keys if k}
        if len(known) < 2 or not (known & {"task", "content"}) or not (known & TASK_ANCHORS):
            continue
        past = first + 1
        while past < len(grid.rows):
            texts = [t for t in _texts(grid, past) if t]
            sub = [header_key(t) for t in texts]
            if (
                texts
                and all(sub)
                and any(grid.rows[past][c].merged_from is None for c in range(len(grid.rows[past])))
            ):
                for c, text in enumerate(_texts(grid, past)):
                    key = header_key(text) if text else None
                    if key and grid.rows[past][c].merged_from is None:
                        keys[c] = key  # a sub-header (Cấp tỉnh / Cấp huyện) is the column's key
                past += 1
            elif texts and all(_COLUMN_NUMBERS.match(t) for t in texts) and len(texts) >= 3:
                past += 1  # a row of column numbers (1) (2) (3)
            else:
                break
        keys = [key or (f"other{c}" if labels[c] else None) for c, key in enumerate(keys)]
        return first, past, _dedupe(keys)
    return None


def _dedupe(keys: list[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for c, key in enumerate(keys):
        if key == "levels":
            key = None
        if key and key in out:
            key = f"{key}2" if f"{key}2" not in out else f"other{c}"
        out.append(key)
    return out


def _is_area(text: str) -> bool:
    match = AREA.match(text)
    return bool(match and area_like(match.group(2)))


def task_table(grid: Grid) -> Table | None:
    """The task table a grid holds, or None when it is not one (no task/lead header)."""
    found = _header_rows(grid)
    if found is None:
        return None
    first, past, keys = found
    columns = [
        Column(key, grid.origin(first, c).text) for c, key in enumerate(keys) if key is not None
    ]
    header_cells = [
        grid.rows[r][c]
        for r in range(first, past)
        for c in range(grid.width)
        if c < len(grid.rows[r])
    ]
    header_lines = [line.number for cell in header_cells for line in cell.lines]
    header = Span(
        " | ".join(c.label for c in columns),
        min(header_lines, default=0),
        max(header_lines, default=0),
    )
    table = Table(columns=columns, rows=[], header=header)
    area: Span | None = None
    for r in range(past, len(grid.rows)):
        row = grid.rows[r]
        texts = _texts(grid, r)
        own = [(c, cell) for c, cell in enumerate(row) if cell.merged_from is None and cell.text]
        if own and TOTAL.match(own[0][1].text):
            _total(table, own)
            continue
        if len(own) == 1 and _is_area(own[0][1].text) and not NUMBERING.match(own[0][1].text):
            area = _span(own[0][1])
            table.rows.append(Row(cells={}, area=area))
            continue
        if not own and not any(texts):
            continue
        cells: dict[str, Cell] = {}
        inherited: set[str] = set()
        seen: set[tuple[int, int]] = set()
        for c, key in enumerate(keys):
            if key is None or c >= len(row):
                continue
            cell = row[c]
            origin = cell.merged_from or (r, c)
            if origin in seen:
                continue  # the same merged cell spans several columns: the first one holds it
            seen.add(origin)
            if cell.merged_from is not None and cell.merged_from[0] < r:
                if key in _INHERITABLE and grid.origin(r, c).text:
                    cells[key] = _cell(grid.origin(r, c))
                    inherited.add(key)
                continue
            source = grid.origin(r, c)
            if source.lines:
                cells[key] = _cell(source)
        if not any(v.text for k, v in cells.items() if k not in inherited):
            continue
        stt, title = cells.get("stt"), cells.get("task") or cells.get("content")
        if stt and title and _ROMAN.fullmatch(stt.text):
            rest = {k for k, v in cells.items() if v.text and k not in inherited}
            rest -= {"stt", "task", "content", "budget"}
            if not rest and not _leaf_with_amount(grid, keys, r, cells):
                area = Span(f"{stt.text.rstrip('.')}. {title.text}", stt.start, title.end)
                table.rows.append(Row(cells={}, area=area, area_total=cells.get("budget")))
                continue
        table.rows.append(Row(cells=cells, inherited=inherited, area=area))
    return None if _procedure_steps(table) else table


_DURATION = re.compile(
    r"^\d+(?:[,.]\d+)?\s*(?:ngày|giờ|phút)(?:\s+làm\s+việc)?\.?$|làm\s+việc$", re.IGNORECASE
)
_STEP = re.compile(r"^Bước\s+\d+\b")


def _procedure_steps(table: Table) -> bool:
    """The steps of an administrative procedure (each done in "02 giờ làm việc", "Bước 3" …),
    not tasks: most rows give a working time or a step number.

    >>> from cancu.text.segment import Cell
    >>> rows = [Row({"deadline": Cell(((1, t),), 1)}) for t in ("02 giờ làm việc", "0,5 ngày")]
    >>> _procedure_steps(Table([], rows, Span("", 0, 0)))
    True
    """
    rows = [r for r in table.rows if r.cells]
    steps = sum(
        1
        for r in rows
        if any(_DURATION.search(c.text) or _STEP.match(c.text) for c in r.cells.values())
    )
    return bool(rows) and steps * 2 >= len(rows)


def _leaf_with_amount(grid: Grid, keys: list[str | None], r: int, cells: dict[str, Cell]) -> bool:
    """A roman row with an amount and no rows under it is a line item, not an area."""
    if "budget" not in cells:
        return False
    if r + 1 >= len(grid.rows):
        return True
    nxt = grid.rows[r + 1]
    for c, key in enumerate(keys):
        if key == "stt" and c < len(nxt) and _ROMAN.fullmatch(grid.origin(r + 1, c).text):
            return True
    own = [cell for cell in nxt if cell.merged_from is None and cell.text]
    if own and TOTAL.match(own[0].text):
        return True  # the table ends here
    return len(own) == 1 and _is_area(own[0].text)


def _span(cell: TableCell) -> Span:
    lines = cell.lines
    return Span(cell.text, lines[0].number, lines[-1].number)


def _total(table: Table, own: list[tuple[int, TableCell]]) -> None:
    table.total = _span(own[0][1])
    for _, cell in own[1:]:
        if table.total_amount is None and is_money(cell.text):
            table.total_amount = _span(cell)
        elif _WORDS.search(cell.text) and not is_money(cell.text):
            table.total_words = _span(cell)


def is_layout(grid: Grid) -> bool:
    """A table laid out for the page (header or signature block), to be read as paragraphs.

    Narrow tables (up to three columns and four rows) and tables holding the header's or
    the signature's marks are layout; the rest are data.
    """
    if grid.width <= 3 and len(grid.rows) <= 4:
        return True
    return (
        any(_LAYOUT.match(p.text) for row in grid.rows for cell in row for p in cell.paragraphs)
        and len(grid.rows) <= 6
    )


def describe(grid: Grid) -> str:
    """A short description of a table not read, for its warning."""
    first = next((r for r in range(len(grid.rows)) if any(_texts(grid, r))), None)
    labels = [t for t in (_texts(grid, first) if first is not None else []) if t]
    if grid.width == 1:  # a text export's cells whose rows could not be recovered
        shown = " | ".join(row[0].text[:40] for row in grid.rows[:4])
        return f"a table of {len(grid.rows)} cells, with no task column and lead column ({shown} …)"
    shown = " | ".join(dict.fromkeys(labels))[:120]
    return f"a table of {len(grid.rows)} rows × {grid.width} columns ({shown})"

"""Recover the rows of an appendix table from a flattened cell stream.

Legal portals flatten tables: each cell is followed by a line holding only
``|``; merged cells make the number of cells per row vary, and nothing marks
where a row ends (some exports mark a row start with an empty cell, which
looks exactly like an empty cell). Columns are found by their header labels,
never by position; rows are then recovered by a dynamic-programming alignment
that assigns each cell to the column whose kind of content it fits best
(an agency name, an "x" mark, a deadline, an amount, a numbered task text …),
allowing columns to be skipped where a merged cell spans several rows.

>>> from cancu.text.normalize import normalize_text
>>> from cancu.text.segment import split_cells
>>> text = "\\n|\\n".join(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian", "1", "Rà soát thủ tục",
...     "Sở Tư pháp", "Quý II/2021", "2", "Tập huấn", "Sở Nội vụ", "Năm 2021", ""])
>>> table = parse_table(split_cells(normalize_text(text)))
>>> [c.key for c in table.columns]
['stt', 'task', 'lead', 'deadline']
>>> [(r.value("stt"), r.value("task"), r.value("lead")) for r in table.rows]
[('1', 'Rà soát thủ tục', 'Sở Tư pháp'), ('2', 'Tập huấn', 'Sở Nội vụ')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cancu.errors import ParseError
from cancu.parse.align import align
from cancu.parse.cells import (
    AREA,
    NUMBERING,
    TASK_START,
    TOTAL,
    is_agency_like,
    is_money,
)
from cancu.text.segment import Cell, Span

# ---------------------------------------------------------------- columns

_HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("stt", r"^(stt|tt|số tt|số thứ tự)$"),
    ("funding", r"^nguồn (kinh phí|vốn)|^nguồn$"),
    (
        "lead",
        r"chủ trì|^trách nhiệm( thực hiện| chính| triển khai)?$"
        r"|^(đơn vị|cơ quan|cơ quan, đơn vị|cơ quan/đơn vị) (thực hiện|triển khai|phụ trách)$",
    ),
    ("coord", r"phối hợp"),
    ("levels", r"được triển khai|cấp thực hiện"),
    ("level:tinh", r"^cấp tỉnh$"),
    ("level:huyen", r"^cấp huyện$"),
    ("level:xa", r"^cấp xã$"),
    ("deadline", r"^(thời gian|thời hạn|tiến độ|lộ trình)"),
    ("unitprice", r"^đơn giá"),
    ("budget", r"kinh phí|dự toán|thành tiền|số tiền"),
    ("note", r"^ghi chú"),
    ("quantity", r"^(số lượng|chỉ tiêu thực hiện|khối lượng)"),
    ("product", r"^(sản phẩm|kết quả)"),
    ("content", r"^(nội dung|nhóm nhiệm vụ)$"),
    (
        "task",
        r"^(nhiệm vụ|tên nhiệm vụ|nội dung (công việc|nhiệm vụ|thực hiện|chi|hoạt động)|công việc|"
        r"nội dung\s*[/,]\s*nhiệm vụ|nhiệm vụ\s*[/,]\s*(nội dung|giải pháp)|tên công việc|"
        r"hoạt động|giải pháp|chỉ tiêu$|tên nhiệm vụ|tên hoạt động)",
    ),
)
_HEADERS = tuple((key, re.compile(pattern)) for key, pattern in _HEADER_PATTERNS)
_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\(.*?\)")
LEVEL_KEYS = ("level:tinh", "level:huyen", "level:xa")
TASK_ANCHORS = frozenset({"lead", "coord", "budget"})
"""A task table names, beside its task column, who leads or coordinates, or what it costs."""


@dataclass(frozen=True)
class Column:
    """A table column: its key (``task``, ``lead``, ``deadline`` …) and header cell."""

    key: str
    label: str


@lru_cache(maxsize=8192)
def header_key(label: str) -> str | None:
    """The column key of a header label, or None when the label is not a known header.

    >>> header_key("CƠ QUAN CHỦ TRÌ"), header_key("THỜI GIAN HOÀN THÀNH"), header_key("Hà Nội")
    ('lead', 'deadline', None)
    >>> header_key("KINH PHÍ DỰ KIẾN (ĐV: VNĐ đồng)"), header_key("Nguồn kinh phí")
    ('budget', 'funding')
    """
    text = _SPACES.sub(" ", label).strip().lower()
    text = _PARENTHESES.sub("", text).strip(" :.")
    if not text or len(text) > 60:
        return None
    for key, pattern in _HEADERS:
        if pattern.search(text):
            return key
    return None


# ---------------------------------------------------------------- table structure


@dataclass
class Row:
    """One recovered row: the cells it holds, by column key, and the keys it inherited."""

    cells: dict[str, Cell]
    inherited: set[str] = field(default_factory=set)
    area: Span | None = None
    area_total: Cell | None = None

    def value(self, key: str) -> str:
        """The text of the row's cell for ``key`` (empty when absent)."""
        cell = self.cells.get(key)
        return cell.text if cell else ""

    @property
    def start(self) -> int:
        """First line of the row."""
        own = [c.start for k, c in self.cells.items() if k not in self.inherited]
        return min(own) if own else self.area.start

    @property
    def end(self) -> int:
        """Last line of the row."""
        own = [c.end for k, c in self.cells.items() if k not in self.inherited]
        return max(own) if own else self.start


@dataclass
class Table:
    """A parsed table: title lines before it, columns, rows and the declared total."""

    columns: list[Column]
    rows: list[Row]
    header: Span
    total: Span | None = None
    total_amount: Span | None = None
    total_words: Span | None = None
    end_index: int = 0

    def keys(self) -> list[str]:
        """The column keys in order."""
        return [c.key for c in self.columns]


def find_header(cells: Sequence[Cell], start: int = 0) -> tuple[int, int] | None:
    """Find the first run of at least three header cells; return its (first, past-last) index.

    >>> from cancu.text.segment import Cell
    >>> cs = [Cell(((1, t),), 1) for t in ["Điều 1", "TT", "Nhiệm vụ", "Chủ trì", "1"]]
    >>> find_header(cs)
    (1, 4)
    """
    i = start
    while i < len(cells):
        j = i
        keys: list[str] = []
        while j < len(cells) and (cells[j].text == "" or _header_like(cells[j].text, keys)):
            if cells[j].text:
                keys.append(header_key(cells[j].text) or "")
            j += 1
        anchored = {"task", "content", "lead", "budget"} & set(keys)
        if len(keys) >= 3 and anchored and len(set(keys)) >= 3:
            first = i
            while cells[first].text == "":
                first += 1
            last = j
            while cells[last - 1].text == "":
                last -= 1
            return first, last
        i = j + 1 if j > i else i + 1
    return None


def _header_like(text: str, keys: list[str]) -> bool:
    """A known header label, or an unknown short label inside a run of known ones."""
    if header_key(text):
        return True
    known = [k for k in keys if k]
    return (
        bool(known)
        and len(text.split()) <= 8
        and not is_money(text)
        and not NUMBERING.match(text)
        and not TASK_START.match(text)
        and not AREA.match(text)
        and not re.match(r"^\d", text)
        and not is_agency_like(text)
    )


def _columns(cells: Sequence[Cell]) -> list[Column]:
    columns: list[Column] = []
    levels_at = None
    for cell in cells:
        if not cell.text:
            continue
        key = header_key(cell.text)
        if key is None:
            if len(cell.text) <= 2 or not columns:  # sub-header marks such as X / Y
                continue
            key = f"other{len(columns)}"
        if key == "levels":
            levels_at = len(columns)
            continue
        if key in LEVEL_KEYS:
            if levels_at is not None:
                columns.insert(levels_at, Column(key, cell.text))
                levels_at += 1
            else:
                columns.append(Column(key, cell.text))
            continue
        if any(c.key == key for c in columns):
            # A second "Chỉ tiêu"/"Số lượng" style label merged into the first.
            if key in ("quantity", "product", "task"):
                continue
            key = f"{key}2"
        columns.append(Column(key, cell.text))
    # "SẢN PHẨM" then "Số lượng/Chỉ tiêu" is one column in the data: keep the quantity.
    keys = [c.key for c in columns]
    if (
        "product" in keys
        and "quantity" in keys
        and keys.index("quantity") == keys.index("product") + 1
    ):
        columns.pop(keys.index("product"))
    return columns


_INHERITABLE = {"content", "coord", "deadline", "product", "funding", "note", "lead", *LEVEL_KEYS}


def parse_table(cells: Sequence[Cell], start: int = 0) -> Table:
    """Parse the first table found at or after ``cells[start]``.

    Raises :class:`ParseError` (with the line) when no header is found.
    """
    found = find_header(cells, start)
    if found is None:
        line = cells[start].start if start < len(cells) else None
        raise ParseError("no table header (e.g. 'NHIỆM VỤ | CHỦ TRÌ | PHỐI HỢP')", line=line)
    first, past = found
    cells = list(cells)
    shift = 0
    before = cells[first - 1] if first > start else None
    if before is not None and len(before.lines) > 1 and header_key(before.lines[-1][1]):
        # The first header label shares a cell with the title above it.
        cells[first - 1 : first] = [
            Cell(before.lines[:-1], before.lines[-2][0]),
            Cell(before.lines[-1:], before.bar),
        ]
        first, past, shift = first, past + 1, 1
    # Sub-headers (Cấp tỉnh / Cấp huyện / Cấp xã; X / Y) follow the main header.
    while past < len(cells) and (header_key(cells[past].text) or cells[past].text == ""):
        past += 1
    columns = _columns(cells[first:past])
    header = Span(
        " | ".join(c.text for c in cells[first:past] if c.text),
        cells[first].start,
        cells[past - 1].end,
    )
    end = past
    while end < len(cells) and not TOTAL.match(cells[end].text):
        end += 1
    body = list(cells[past:end])
    while body and not body[-1].text:
        body.pop()
    keys = [c.key for c in columns]
    aligned = align([c.text for c in body], keys)
    rows = _rows(aligned, body, keys)
    table = Table(columns=columns, rows=rows, header=header, end_index=end)
    if end < len(cells):
        _read_total(table, cells, end)
    table.end_index -= shift  # an index into the caller's list of cells
    return table


def _rows(aligned, body: list[Cell], keys: list[str]) -> list[Row]:
    rows: list[Row] = []
    previous: Row | None = None
    area: Span | None = None
    for k, (kind, members) in enumerate(aligned):
        if kind == "area":
            area = body[members[0][0]].span
            rows.append(Row(cells={}, area=area))
            previous = None
            continue
        cells = {keys[k]: body[i] for i, k in members}
        stt, title = cells.get("stt"), cells.get("task") or cells.get("content")
        if stt and title and re.fullmatch(r"[IVXL]+\.?", stt.text):
            own = {key for key, c in cells.items() if c.text} - {"stt", "task", "content", "budget"}
            total = cells.get("budget")
            # A roman row with an amount and nothing under it is a line item, not an area.
            leaf = total is not None and (
                k + 1 == len(aligned) or _opens_area(aligned[k + 1], body, keys)
            )
            if not own and not leaf:
                area = Span(f"{stt.text.rstrip('.')}. {title.text}", stt.start, title.end)
                rows.append(Row(cells={}, area=area, area_total=total))
                previous = None
                continue
        row = Row(cells=cells, area=area)
        if previous is not None:
            for key in keys:
                if key in _INHERITABLE and key not in cells and key in previous.cells:
                    row.cells[key] = previous.cells[key]
                    row.inherited.add(key)
        rows.append(row)
        previous = row
    return rows


def _opens_area(entry, body: list[Cell], keys: list[str]) -> bool:
    kind, members = entry
    if kind == "area":
        return True
    first = dict((keys[k], body[i]) for i, k in members).get("stt")
    return bool(first and re.fullmatch(r"[IVXL]+\.?", first.text))


def _read_total(table: Table, cells: Sequence[Cell], at: int) -> None:
    table.total = cells[at].span
    table.end_index = at + 1
    for k in range(at + 1, min(at + 6, len(cells))):
        cell = cells[k]
        if table.total_amount is None and is_money(cell.text):
            table.total_amount = cell.span
            table.end_index = k + 1
        elif table.total_amount is not None and re.search(r"đồng|tỷ|triệu", cell.text):
            table.total_words = cell.span
            table.end_index = k + 1
            break

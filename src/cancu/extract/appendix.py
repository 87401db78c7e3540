"""Appendix tables into tasks, task groups and the declared total.

Area rows (``I. CÔNG TÁC ĐIỀU HÀNH``) open a reform area; a row with text and
nothing else that has children (``2.2. Tổ chức thực hiện tuyên truyền CCHC``)
is a group; a row with children and only a subtotal (cost estimates) is a group
with that subtotal; every other row is a task, kept even when its lead cell is
empty (it is flagged instead).
"""

from __future__ import annotations

import re

from cancu.errors import ParseError
from cancu.extract.agents import AgentResolver
from cancu.extract.citations import CitingContext, citations_in
from cancu.extract.concepts import reform_area
from cancu.extract.records import Appendix, Task, TaskGroup
from cancu.parse.dates import parse_deadline
from cancu.parse.money import parse_amount
from cancu.parse.table import LEVEL_KEYS, Row, Table
from cancu.text.segment import Span

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s*(.*)$", re.DOTALL)
_OWN = ("lead", "coord", "quantity", "deadline", "note", "product", "funding", *LEVEL_KEYS)
_MONEY_UNIT = re.compile(r"(triệu đồng|tỷ đồng|nghìn đồng|ngàn đồng)", re.IGNORECASE)


def split_numbering(row: Row) -> tuple[str, str]:
    """The row's numbering (from the STT column or the start of its text) and its text.

    >>> from cancu.text.segment import Cell
    >>> split_numbering(Row({"task": Cell(((1, "2.1. Ban hành Kế hoạch"),), 2)}))
    ('2.1.', 'Ban hành Kế hoạch')
    """
    text = row.value("task") or row.value("content")
    stt = row.value("stt")
    match = _NUMBERED.match(text)
    if match and not (stt and stt not in ("-", "+")):
        return match.group(1), match.group(2).strip()
    return stt, text


def _opens(numbering: str, nxt: Row) -> bool:
    """Whether the row after a heading row is its first child (deeper, or a new "1", "a", "-")."""
    child = split_numbering(nxt)[0]
    depth, child_depth = _depth(numbering) or 99, _depth(child)
    first = child.rstrip(".)") in ("1", "a", "-", "+", "•", "")
    return first or (child_depth is not None and child_depth > depth)


def _depth(numbering: str) -> int | None:
    if re.fullmatch(r"[IVXL]+\.?", numbering):
        return 0
    if re.fullmatch(r"\d+(?:\.\d+)*\.?", numbering):
        return numbering.rstrip(".").count(".") + 1
    if re.fullmatch(r"[a-zđ]\)?", numbering):
        return 9
    return None  # "-", "" : belongs to the open group


def _own(row: Row, key: str) -> bool:
    return key in row.cells and key not in row.inherited and bool(row.cells[key].text)


def read_appendix(
    table: Table,
    index: int,
    title: Span,
    ctx: CitingContext,
    agents: AgentResolver,
    year: int | None,
    unit_hint: str | None = None,
) -> Appendix:
    """Turn a parsed table into an :class:`Appendix` of tasks and groups."""
    appendix = Appendix(
        index=index,
        title=title.text,
        start=title.start,
        end=table.rows[-1].end if table.rows else table.header.end,
        columns=table.keys(),
    )
    keys = set(table.keys())
    area_key: str | None = None
    stack: list[tuple[int, str, bool]] = []  # open groups: (depth, key, numbering restarts)
    for k, row in enumerate(table.rows):
        if row.area is not None and not row.cells:
            area_key = f"area_{len([g for g in appendix.groups if g.parent is None]) + 1}"
            appendix.groups.append(
                TaskGroup(
                    key=area_key,
                    numbering=row.area.text.split(".")[0],
                    heading=row.area.text,
                    start=row.area.start,
                    end=row.area.end,
                    area_code=reform_area(row.area.text),
                    subtotal=_amount(row.area_total.text, None, unit_hint, appendix)
                    if row.area_total
                    else None,
                )
            )
            stack = []
            continue
        numbering, text = split_numbering(row)
        depth = _depth(numbering) or 99
        has_own = any(_own(row, key) for key in _OWN)
        nxt = table.rows[k + 1] if k + 1 < len(table.rows) else None
        if not has_own and text and nxt is not None and nxt.cells and _opens(numbering, nxt):
            # A heading row with rows under it: a group (its amount, if any, is a subtotal).
            while stack and stack[-1][0] >= depth:
                stack.pop()
            key = f"group_{len(appendix.groups) + 1}"
            child = _depth(split_numbering(nxt)[0])
            restarts = child is not None and child <= depth
            appendix.groups.append(
                TaskGroup(
                    key,
                    numbering,
                    text,
                    row.start,
                    row.end,
                    parent=stack[-1][1] if stack else area_key,
                    subtotal=_amount(row.value("budget"), row, unit_hint, appendix),
                )
            )
            stack.append((depth, key, restarts))
            continue
        # A numbered row closes the groups at its depth or deeper, unless they restart numbering.
        while stack and not stack[-1][2] and stack[-1][0] >= depth and depth != 99:
            stack.pop()
        group_key = stack[-1][1] if stack else None
        if not text and not has_own:
            continue
        appendix.tasks.append(
            _task(
                row,
                len(appendix.tasks) + 1,
                numbering,
                text,
                keys,
                ctx,
                agents,
                year,
                unit_hint,
                appendix,
            )
        )
        appendix.tasks[-1].area, appendix.tasks[-1].group = area_key, group_key
    _check_truncation(table, appendix)
    if table.total_amount is not None:
        appendix.declared_total = _amount(table.total_amount.text, None, unit_hint, appendix)
        appendix.total_lines = (table.total.start, table.total_amount.end)
        appendix.total_in_words = table.total_words.text if table.total_words else None
    return appendix


def _check_truncation(table: Table, appendix: Appendix) -> None:
    """Warn when the last row holds far fewer cells than the rows before it."""
    sizes = [len(set(r.cells) - r.inherited) for r in table.rows if r.cells]
    if len(sizes) < 3 or table.total is not None:
        return
    usual = sorted(sizes)[len(sizes) // 2]
    if sizes[-1] * 2 < usual:
        last = table.rows[-1]
        appendix.warnings.append(
            f"line {last.end}: the table seems truncated: its last row has {sizes[-1]} of the "
            f"usual {usual} cells"
        )


def _amount(text: str, row: Row | None, unit_hint: str | None, appendix: Appendix):
    text = text.strip()
    if not text or text in ("-", "0"):
        return None
    try:
        return parse_amount(text, unit_hint=unit_hint)
    except ParseError as exc:
        line = (
            row.cells["budget"].start
            if row is not None and "budget" in row.cells
            else appendix.start
        )
        appendix.warnings.append(f"line {line}: amount not understood: {exc.message}")
        return None


def _task(row, position, numbering, text, keys, ctx, agents, year, unit_hint, appendix) -> Task:
    task = Task(position=position, numbering=numbering, text=text, start=row.start, end=row.end)
    task.content = row.value("content") or None
    task.product = row.value("product") or None
    task.quantity = row.value("quantity") or None
    task.note = row.value("note") or None
    task.funding = row.value("funding") or None
    if "lead" in row.cells:
        cell = row.cells["lead"]
        task.leads = agents.split(cell.text, cell.start, cell.end) if cell.text else []
    if "coord" in row.cells:
        cell = row.cells["coord"]
        task.coordinators = agents.split(cell.text, cell.start, cell.end) if cell.text else []
    task.lead_cell_empty = "lead" in keys and not task.leads
    task.levels = [key.split(":")[1] for key in LEVEL_KEYS if row.value(key).lower() == "x"]
    if row.value("deadline"):
        cell = row.cells["deadline"]
        task.deadline = parse_deadline(cell.text, default_year=year)
        task.deadline_lines = (cell.start, cell.end)
    if row.value("budget") and "budget" not in row.inherited:
        cell = row.cells["budget"]
        task.budget = _amount(cell.text, row, unit_hint, appendix)
        task.budget_lines = (cell.start, cell.end) if task.budget else None
    for key in ("content", "task", "note"):
        if key in row.cells and row.cells[key].text:
            cell = row.cells[key]
            task.citations.extend(citations_in(cell.span, "mention", ctx, agents))
    return task


def unit_hint_of(text: str) -> str | None:
    """The money unit a table declares (``Đơn vị: triệu đồng``), if any.

    >>> unit_hint_of("Đơn vị tính: triệu đồng"), unit_hint_of("(ĐV: VNĐ đồng)")
    ('triệu đồng', None)
    """
    match = _MONEY_UNIT.search(text)
    return match.group(1).lower() if match else None

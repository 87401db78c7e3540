"""The plan body: sections (I.), items (1., 1.1.), points (a), đ)) and the duties of
section "Tổ chức thực hiện".

>>> from cancu.text.segment import Span
>>> paras = [Span("I. MỤC TIÊU", 1, 1), Span("1. Mục tiêu", 2, 2), Span("a) Làm tốt.", 3, 3),
...     Span("- và nhanh", 4, 4), Span("Trên đây là Kế hoạch …", 5, 5)]
>>> items, end = read_items(paras, 0)
>>> [(i.path, i.heading, i.text) for i in items]
[(('I',), 'MỤC TIÊU', 'MỤC TIÊU'), (('I', '1'), 'Mục tiêu', 'Mục tiêu'), (('I', '1', 'a'), 'Làm tốt.', 'Làm tốt. - và nhanh')]
>>> end
4
"""

from __future__ import annotations

import re

from cancu.extract.agents import AgentResolver
from cancu.extract.records import Duty, PlanItem
from cancu.parse.cells import is_agency_like
from cancu.text.names import fold
from cancu.text.segment import Span

_SECTION = re.compile(r"^([IVXL]+)\.\s*(.*)$")
_ITEM = re.compile(r"^(\d+(?:\.\d+)*)\.\s*(.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s*(.*)$")
_END = re.compile(r"^(Trên đây là|Nơi nhận|KT\.|TM\.|PHỤ LỤC\b)")
_ORGANISE = "to chuc thuc hien"


def read_items(paras: list[Span], start: int) -> tuple[list[PlanItem], int]:
    """Read the plan body from ``start``; return its items and the index where it ended."""
    items: list[PlanItem] = []
    section = item = None
    used: set[tuple[str, ...]] = set()
    i = start
    while i < len(paras):
        span = paras[i]
        text = span.text
        if _END.match(text):
            break
        path: tuple[str, ...] | None = None
        if m := _SECTION.match(text):
            section, item = _unique((), m.group(1), used), None
            path, numbering, heading = (section,), m.group(1) + ".", m.group(2)
        elif (m := _ITEM.match(text)) and section:
            item = _unique((section,), m.group(1), used)
            path, numbering, heading = (section, item), m.group(1) + ".", m.group(2)
        elif (m := _POINT.match(text)) and section:
            base = (section, item) if item else (section,)
            point = _unique(base, m.group(1), used)
            path, numbering, heading = (*base, point), m.group(1) + ")", m.group(2)
        if path is not None:
            used.add(path)
            items.append(PlanItem(path, numbering, heading, heading, span.start, span.end))
        elif items:
            items[-1].text += " " + text
            items[-1].end = span.end
        i += 1
    return items, i


def _unique(parent: tuple[str, ...], key: str, used: set[tuple[str, ...]]) -> str:
    """``key``, or ``key-2``, ``key-3`` … when the same numbering was used before under the
    same parent (a document with two "IV."): each part keeps an identifier of its own.

    >>> _unique(("IV",), "1", {("IV", "1")}), _unique((), "V", {("IV",)})
    ('1-2', 'V')
    """
    if (*parent, key) not in used:
        return key
    n = 2
    while (*parent, f"{key}-{n}") in used:
        n += 1
    return f"{key}-{n}"


def _assignees(heading: str, start: int, end: int, agents: AgentResolver):
    """The agencies a heading in "Tổ chức thực hiện" assigns duties to."""
    heading = re.sub(r"^Nhiệm vụ (?:chung )?của (?:tất cả )?", "", heading.strip(" .:"))
    if not is_agency_like(heading):
        return []  # e.g. "Cơ chế phối hợp và trách nhiệm giải trình": no one is named
    whole = agents.resolve(heading, start, end)
    if whole.iri:
        return [whole]
    listed = re.match(r"^Các sở\s*:\s*(.+?)(?:\s+và\s+((?:Văn phòng|Ban)\b.*))?$", heading)
    if listed:
        names = [listed.group(2)] if listed.group(2) else []
        for part in listed.group(1).split(","):
            part = part.strip()
            if not part:
                continue
            names.append(part if re.match(r"^(Văn phòng|Ban|Sở)\b", part) else f"Sở {part}")
        return [agents.resolve(n, start, end) for n in sorted(names, key=names.index)]
    group = re.match(r"^(.+?)\s*:\s*(.+)$", heading)
    if group:  # "Các cơ quan ngành dọc …: Cục thuế, Cục Hải quan, …"
        head = agents.resolve(group.group(1), start, end)
        return [head] + agents.split(group.group(2).rstrip(". "), start, end)
    return agents.split(heading, start, end)


def read_duties(items: list[PlanItem], agents: AgentResolver) -> list[Duty]:
    """One duty per lettered point (or per item without points) of "Tổ chức thực hiện"."""
    sections = [i for i in items if len(i.path) == 1 and _ORGANISE in fold(i.heading)]
    duties: list[Duty] = []
    for section in sections:
        inside = [i for i in items if i.path[0] == section.path[0] and len(i.path) > 1]
        for item in (i for i in inside if len(i.path) == 2):
            points = [p for p in inside if len(p.path) == 3 and p.path[:2] == item.path]
            assignees = _assignees(item.heading, item.start, item.start, agents)
            for point in points or [item]:
                duties.append(Duty(point, item.heading, list(assignees)))
        if not any(len(i.path) == 2 for i in inside):
            for point in inside:
                duties.append(Duty(point, section.heading, []))
    return duties

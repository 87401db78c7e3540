"""Running page headers and footers (page numbers, a gazette's issue line), found and removed.

A line is running matter when it sits in the first or last rows of a page, in the
margin band (the top or bottom tenth of the page), and either is
a page number, or reads the same (digits aside) in that place on at least half of the
pages (two at least): "CÔNG BÁO/Số 1157 + 1158/Ngày 30-12-2025" on every page of an issue.

>>> def row(text, number, top):
...     return TextLine(text, 70, 500, top, top + 13, 13, row=number)
>>> pages = [[row("CÔNG BÁO/Số 11/Ngày 2-1-2025", 0, 30), row("Điều 1. Phạm vi", 1, 80)],
...          [row("CÔNG BÁO/Số 11/Ngày 2-1-2025", 0, 30), row("2", 1, 45), row("khoản 2", 2, 80)]]
>>> kept, warnings = strip_running(pages, [842, 842])
>>> [[line.text for line in page] for page in kept]
[['Điều 1. Phạm vi'], ['khoản 2']]
>>> warnings
["pages 1–2: running header or footer removed: 'CÔNG BÁO/Số 11/Ngày 2-1-2025'", 'page 2: page number removed']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from cancu.read.pdf_lines import TextLine

EDGE_ROWS = 2
"""How many rows at the top and at the bottom of a page may hold running matter."""
MARGIN = 0.1
"""Running matter lies within this share of the page height from its top or bottom edge."""
_PAGE_NUMBER = re.compile(r"^(trang|page)?\s*[-–(]?\s*#\s*[-–)]?\s*((/|trên|of)\s*#)?$")


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def strip_running(
    pages: Sequence[Sequence[TextLine]], heights: Sequence[float]
) -> tuple[list[list[TextLine]], list[str]]:
    """The pages' lines without running headers and footers, and what was removed.

    ``heights`` gives each page's height in points.
    """
    edges: list[dict[int, str]] = []  # per page: row → key of the rows at its edges
    for lines, height in zip(pages, heights, strict=True):
        rows: dict[int, list[TextLine]] = defaultdict(list)
        for line in lines:
            rows[line.row].append(line)
        order = sorted(rows)
        chosen = [
            r
            for r in order[:EDGE_ROWS] + order[-EDGE_ROWS:]
            if min(s.top for s in rows[r]) < MARGIN * height
            or max(s.bottom for s in rows[r]) > (1 - MARGIN) * height
        ]
        edges.append(
            {r: _key(" ".join(s.text for s in sorted(rows[r], key=lambda s: s.x0))) for r in chosen}
        )
    seen: dict[str, set[int]] = defaultdict(set)
    for number, keys in enumerate(edges, start=1):
        for key in keys.values():
            seen[key].add(number)
    running = {
        key
        for key, numbers in seen.items()
        if len(numbers) >= 2 and len(numbers) >= len(pages) / 2 and not _PAGE_NUMBER.match(key)
    }
    removed: dict[str, list[int]] = defaultdict(list)  # key (or "page number") → pages
    labels: dict[str, str] = {}  # key → the text as first seen
    kept: list[list[TextLine]] = []
    for number, (lines, keys) in enumerate(zip(pages, edges, strict=True), start=1):
        drop = {r for r, key in keys.items() if key in running or _PAGE_NUMBER.match(key)}
        for r in sorted(drop):
            key = "page number" if _PAGE_NUMBER.match(keys[r]) else keys[r]
            labels.setdefault(key, " ".join(line.text for line in lines if line.row == r))
            if number not in removed[key]:
                removed[key].append(number)
        kept.append([line for line in lines if line.row not in drop])
    warnings = []
    for key, numbers in removed.items():
        if key == "page number":
            warnings.append(f"{page_list(numbers)}: page number removed")
        else:
            warnings.append(
                f"{page_list(numbers)}: running header or footer removed: '{labels[key]}'"
            )
    return kept, warnings


def page_list(numbers: Sequence[int]) -> str:
    """Page numbers for a message.

    >>> page_list([2]), page_list([2, 3, 4]), page_list([1, 3, 7])
    ('page 2', 'pages 2–4', 'pages 1, 3, 7')
    """
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}–{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))

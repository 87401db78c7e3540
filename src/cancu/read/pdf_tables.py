"""Ruled tables found from the rules drawn on a page, with merged cells resolved.

Rules that touch form a frame; a frame with at least two horizontal and two vertical
rules is a table. Its grid has a column boundary wherever a vertical rule stands and a
row boundary wherever a horizontal rule runs; two neighbouring grid positions belong to
one merged cell when no rule separates them.

>>> h = [Rule(0, y, 200, y) for y in (0, 20, 40)]
>>> v = [Rule(x, 0, x, 40) for x in (0, 200)] + [Rule(100, 20, 100, 40)]
>>> [table] = find_tables(h + v)
>>> table.shape, table.spans[(0, 0)], table.spans[(1, 1)]
((2, 2), (1, 2), (1, 1))
>>> table.origin_of(0, 1), table.position(150, 30)
((0, 0), (1, 1))
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from cancu.read.pdf_page import Rule

TOLERANCE = 2.0
"""Rules this close (points) are read as meeting, and edges this close as one edge."""


@dataclass
class GridTable:
    """A ruled table: its column and row edges, and the span of each merged cell's top-left position."""

    xs: list[float]
    ys: list[float]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Top-left (row, column) of every cell → (row span, column span)."""
    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Every grid position → the top-left position of the cell that covers it."""

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the grid."""
        return len(self.ys) - 1, len(self.xs) - 1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom)."""
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        """The point lies inside the table's frame."""
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def position(self, x: float, y: float) -> tuple[int, int]:
        """The grid (row, column) of a point inside the frame."""
        rows, columns = self.shape
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), rows - 1)
        column = min(max(bisect.bisect_right(self.xs, x) - 1, 0), columns - 1)
        return row, column

    def origin_of(self, row: int, column: int) -> tuple[int, int]:
        """The top-left position of the cell covering (``row``, ``column``)."""
        return self.covered[(row, column)]


def find_tables(rules: Sequence[Rule]) -> list[GridTable]:
    """The ruled tables drawn by some rules, top to bottom."""
    horizontal = _join([r for r in rules if r.horizontal], horizontal=True)
    vertical = _join([r for r in rules if not r.horizontal], horizontal=False)
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _meet(h, v):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    tables = []
    for hs, vs in groups.values():
        if len(hs) >= 2 and len(vs) >= 2:
            table = _grid(hs, vs)
            if table.shape[0] * table.shape[1] >= 2:
                tables.append(table)
    return sorted(tables, key=lambda t: t.ys[0])


def _join(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Collinear rules that touch or overlap, joined into one."""

    def key(r: Rule) -> tuple[float, float]:
        return (r.top, r.x0) if horizontal else (r.x0, r.top)

    out: list[Rule] = []
    for rule in sorted(rules, key=key):
        if out:
            last = out[-1]
            if (
                horizontal
                and abs(rule.top - last.top) <= TOLERANCE
                and rule.x0 <= last.x1 + TOLERANCE
            ):
                out[-1] = Rule(last.x0, last.top, max(last.x1, rule.x1), last.bottom)
                continue
            if (
                not horizontal
                and abs(rule.x0 - last.x0) <= TOLERANCE
                and rule.top <= last.bottom + TOLERANCE
            ):
                out[-1] = Rule(last.x0, last.top, last.x1, max(last.bottom, rule.bottom))
                continue
        out.append(rule)
    return out


def _meet(h: Rule, v: Rule) -> bool:
    return (
        h.x0 - TOLERANCE <= v.x0 <= h.x1 + TOLERANCE
        and v.top - TOLERANCE <= h.top <= v.bottom + TOLERANCE
    )


def _edges(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if edges and value - edges[-1] <= TOLERANCE:
            continue
        edges.append(value)
    return edges


def _grid(hs: list[Rule], vs: list[Rule]) -> GridTable:
    xs = _edges([v.x0 for v in vs] + [min(h.x0 for h in hs), max(h.x1 for h in hs)])
    ys = _edges([h.top for h in hs] + [min(v.top for v in vs), max(v.bottom for v in vs)])
    table = GridTable(xs, ys)
    rows, columns = table.shape

    def ruled_vertical(x: float, y: float) -> bool:
        return any(abs(v.x0 - x) <= TOLERANCE and v.top <= y <= v.bottom for v in vs)

    def ruled_horizontal(y: float, x: float) -> bool:
        return any(abs(h.top - y) <= TOLERANCE and h.x0 <= x <= h.x1 for h in hs)

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(columns):
            if (r, c) in table.covered:
                continue
            middle_x = (xs[c] + xs[c + 1]) / 2
            width = 1
            while c + width < columns and not ruled_vertical(xs[c + width], middle_y):
                width += 1
            height = 1
            while r + height < rows and not ruled_horizontal(ys[r + height], middle_x):
                height += 1
            table.spans[(r, c)] = (height, width)
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    table.covered.setdefault((rr, cc), (r, c))
    return table

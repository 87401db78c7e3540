"""Segment a flattened cell stream into rows, by dynamic programming over cell/column fits.

Each cell goes to the column it fits best (:func:`cancu.parse.cells.fit`); columns may be
skipped where a merged cell spans rows; a row may end early; an area heading
(``I. CÔNG TÁC ĐIỀU HÀNH``) is a row of its own; an empty cell between rows is the row-start
marker some exports write.

>>> align(["1", "Rà soát thủ tục", "Sở Tư pháp", "2", "Tập huấn", "Sở Nội vụ"], ["stt", "task", "lead"])
[('row', [(0, 0), (1, 1), (2, 2)]), ('row', [(3, 0), (4, 1), (5, 2)])]

The state after ``i`` cells is the next column ``j`` (0: at a row start). The forward pass
keeps only the best score of each state, a whole cell at a time; the walk back then finds,
for the few states on the best path, the move that gave each its score, trying the moves in
a fixed order so that ties always resolve the same way.
"""

from __future__ import annotations

from functools import lru_cache

from cancu.errors import ParseError
from cancu.parse.cells import AREA, area_like, fit

ROW_STARTS = {"stt", "content", "task"}
NEG = float("-inf")
ROW_END, EMPTY_MARKER, AREA_ROW = -2, -1, -3
"""Moves that place no cell in a column (a move placing a cell is its column index)."""

Move = tuple[int, int, int]
"""(cells consumed before, state before, column or one of the moves above)."""


@lru_cache(maxsize=16384)
def _fits(text: str, keys: tuple[str, ...]) -> tuple[float, ...]:
    """How well ``text`` fits each column (:func:`fit`), remembered: tables repeat their cells."""
    return tuple(fit(text, key) for key in keys)


def _is_area_heading(text: str) -> bool:
    area = AREA.match(text)
    return bool(area and area_like(area.group(2)))


class _Lattice:
    """The scores of every (cells consumed, next column) state, and the moves between them."""

    def __init__(self, texts: list[str], keys: list[str]):
        m = len(keys)
        self.texts, self.m = texts, m
        starts = [k for k, key in enumerate(keys) if key in ROW_STARTS] or [0]
        cheap = ("content", "stt", "product", "unitprice")
        # Merged cells more often span coordinators, deadlines and notes than leads.
        # A row without its task cell is rare: a cell that looks like a row start is usually data.
        costs = {"lead": 0.9, "task": 2.5}
        skip = [
            0.1 if key in cheap or key.startswith("other") else costs.get(key, 0.7) for key in keys
        ]
        # From state j a cell may go to column k (j <= k; from a row start, up to the last
        # column a row may start in) at the cost of the columns skipped on the way. For each
        # column: the states it is reached from, in the order they are tried (later first).
        self.sources: list[list[tuple[int, float]]] = [[] for _ in range(m)]
        for j in range(m, -1, -1):
            penalty = 0.0
            for k in range(j, min(max(starts) + 1, m) if j == 0 else m):
                self.sources[k].append((j, penalty))
                penalty += skip[k]
        # Ending a row at state j: its trailing columns are spanned or missing.
        self.ending = [sum(skip[j:]) * 0.8 for j in range(m + 1)]
        self.fits = [_fits(t, tuple(keys)) for t in texts]
        self.headings = [_is_area_heading(t) for t in texts]
        self.best = self._forward()

    def _forward(self) -> list[list[float]]:
        """Best score of every state: best[i][j] after i cells, at next column j."""
        n, m, texts, headings = len(self.texts), self.m, self.texts, self.headings
        moves = [(j, k, cost) for k, sources in enumerate(self.sources) for j, cost in sources]
        into: list[slice] = []  # the moves into each column, as a slice of ``moves``
        for sources in self.sources:
            first = into[-1].stop if into else 0
            into.append(slice(first, first + len(sources)))
        endings = list(enumerate(self.ending))[1:]
        best = [[NEG] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        for i in range(n + 1):
            row = best[i]
            if m:  # end the row at any column
                row[0] = max(row[0], max([row[j] - cost - 1.5 for j, cost in endings]))
            if i == n:
                break
            after, fits, start = best[i + 1], self.fits[i], row[0]
            if start != NEG:
                if not texts[i]:  # an empty cell between rows (a row-start marker)
                    after[0] = max(after[0], start - 0.3)
                if headings[i]:
                    after[0] = max(after[0], start + 4.0)
            scores = [row[j] + fits[k] - cost for j, k, cost in moves]
            after[1:] = [max(scores[s]) for s in into]
        return best

    def move_into(self, i: int, j: int) -> Move | None:
        """The move that gave state (i, j) its score: the first to reach it, in the order
        the moves were tried (later columns first; into a row start, the cell's own moves,
        then the row ends of later columns first)."""
        score, best = self.best[i][j], self.best
        if j:
            k = j - 1
            before, fits = best[i - 1], self.fits[i - 1][k]
            for pj, cost in self.sources[k]:
                if before[pj] != NEG and before[pj] + fits - cost == score:
                    return i - 1, pj, k
            return None
        if i == 0:
            return None
        start = best[i - 1][0]
        if start != NEG:
            if not self.texts[i - 1] and start - 0.3 == score:
                return i - 1, 0, EMPTY_MARKER
            if self.headings[i - 1] and start + 4.0 == score:
                return i - 1, 0, AREA_ROW
        row = best[i]
        for pj in range(self.m, 0, -1):
            if row[pj] != NEG and row[pj] - self.ending[pj] - 1.5 == score:
                return i, pj, ROW_END
        return None


def align(texts: list[str], keys: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Segment cell texts into rows; return (kind, [(cell index, column index)]) per row."""
    lattice = _Lattice(texts, keys)
    # Walk back from the best end state.
    final = lattice.best[len(texts)]
    j = max(range(len(keys) + 1), key=lambda c: final[c])
    if final[j] == NEG:
        raise ParseError("cannot align the table cells to its columns")
    rows: list[tuple[str, list[tuple[int, int]]]] = []
    current: list[tuple[int, int]] = []
    i = len(texts)
    while i > 0 or j > 0:
        step = lattice.move_into(i, j)
        if step is None:
            break
        pi, pj, k = step
        if k == ROW_END:
            if current:
                rows.append(("row", current[::-1]))
            current = []
        elif k == AREA_ROW:  # an area row ends where the row after it starts
            if current:
                rows.append(("row", current[::-1]))
                current = []
            rows.append(("area", [(pi, -1)]))
        elif k >= 0:
            current.append((pi, k))
        i, j = pi, pj
    if current:
        rows.append(("row", current[::-1]))
    return rows[::-1]

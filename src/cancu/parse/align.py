"""Segment a flattened cell stream into rows, by dynamic programming over cell/column fits.

Each cell goes to the column it fits best (:func:`cancu.parse.cells.fit`); columns may be
skipped where a merged cell spans rows; a row may end early; an area heading
(``I. CÔNG TÁC ĐIỀU HÀNH``) is a row of its own; an empty cell between rows is the row-start
marker some exports write.

>>> align(["1", "Rà soát thủ tục", "Sở Tư pháp", "2", "Tập huấn", "Sở Nội vụ"], ["stt", "task", "lead"])
[('row', [(0, 0), (1, 1), (2, 2)]), ('row', [(3, 0), (4, 1), (5, 2)])]
"""

from __future__ import annotations

from cancu.errors import ParseError
from cancu.parse.cells import AREA, area_like, fit

ROW_STARTS = {"stt", "content", "task"}


def align(texts: list[str], keys: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Segment cell texts into rows; return (kind, [(cell index, column index)]) per row."""
    n, m = len(texts), len(keys)
    starts = [k for k, key in enumerate(keys) if key in ROW_STARTS] or [0]
    last_start = max(starts)
    cheap = ("content", "stt", "product", "unitprice")
    # Merged cells more often span coordinators, deadlines and notes than leads.
    # A row without its task cell is rare: a cell that looks like a row start is usually data.
    costs = {"lead": 0.9, "task": 2.5}
    skip = [0.1 if key in cheap or key.startswith("other") else costs.get(key, 0.7) for key in keys]
    neg = float("-inf")
    # best[i][j]: best score having consumed i cells, next column j (0 = at a row start).
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    fits = [[fit(t, key) for key in keys] for t in texts]
    for i in range(n + 1):
        row = best[i]
        for j in range(m, -1, -1):
            score = row[j]
            if score == neg:
                continue
            if j > 0:  # end the row here; trailing columns are spanned or missing
                s = score - sum(skip[j:]) * 0.8 - 1.5
                if s > best[i][0]:
                    best[i][0], back[i][0] = s, (i, j, -2)
            if i == n:
                continue
            text = texts[i]
            if j == 0:
                if not text:  # an empty cell between rows (a row-start marker)
                    s = score - 0.3
                    if s > best[i + 1][0]:
                        best[i + 1][0], back[i + 1][0] = s, (i, 0, -1)
                area = AREA.match(text)
                if area and area_like(area.group(2)):
                    s = score + 4.0
                    if s > best[i + 1][0]:
                        best[i + 1][0], back[i + 1][0] = s, (i, 0, -3)
            lo = j
            hi = last_start + 1 if j == 0 else m
            penalty = 0.0
            for k in range(lo, hi):
                s = score + fits[i][k] - penalty
                if s > best[i + 1][k + 1]:
                    best[i + 1][k + 1], back[i + 1][k + 1] = s, (i, j, k)
                penalty += skip[k]
    # Walk back from the best end state.
    j = max(range(m + 1), key=lambda c: best[n][c])
    if best[n][j] == neg:
        raise ParseError("cannot align the table cells to its columns")
    rows: list[tuple[str, list[tuple[int, int]]]] = []
    current: list[tuple[int, int]] = []
    i = n
    while i > 0 or j > 0:
        step = back[i][j]
        if step is None:
            break
        pi, pj, k = step
        if k == -2:  # row end
            if current:
                rows.append(("row", current[::-1]))
            current = []
        elif k == -3:  # an area row ends where the row after it starts
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

"""The row alignment of table cells against a plain dynamic program over every move.

:func:`cancu.parse.align.align` keeps only scores in its forward pass and finds the moves of
the best path on the way back; :func:`reference_align` records the move of every state as it
goes, trying the moves one by one. Both must choose the same rows, ties included.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.errors import ParseError
from cancu.parse.align import ROW_STARTS, align
from cancu.parse.cells import AREA, area_like, fit


def reference_align(texts: list[str], keys: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The alignment as first written: one state at a time, each move tried in turn."""
    n, m = len(texts), len(keys)
    last_start = max([k for k, key in enumerate(keys) if key in ROW_STARTS] or [0])
    cheap = ("content", "stt", "product", "unitprice")
    costs = {"lead": 0.9, "task": 2.5}
    skip = [0.1 if key in cheap or key.startswith("other") else costs.get(key, 0.7) for key in keys]
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m, -1, -1):
            score = best[i][j]
            if score == neg:
                continue
            if j > 0:
                s = score - sum(skip[j:]) * 0.8 - 1.5
                if s > best[i][0]:
                    best[i][0], back[i][0] = s, (i, j, -2)
            if i == n:
                continue
            if j == 0:
                if not texts[i] and score - 0.3 > best[i + 1][0]:
                    best[i + 1][0], back[i + 1][0] = score - 0.3, (i, 0, -1)
                area = AREA.match(texts[i])
                if area and area_like(area.group(2)) and score + 4.0 > best[i + 1][0]:
                    best[i + 1][0], back[i + 1][0] = score + 4.0, (i, 0, -3)
            penalty = 0.0
            for k in range(j, last_start + 1 if j == 0 else m):
                s = score + fit(texts[i], keys[k]) - penalty
                if s > best[i + 1][k + 1]:
                    best[i + 1][k + 1], back[i + 1][k + 1] = s, (i, j, k)
                penalty += skip[k]
    j = max(range(m + 1), key=lambda c: best[n][c])
    if best[n][j] == neg:
        raise ParseError("cannot align the table cells to its columns")
    rows: list[tuple[str, list[tuple[int, int]]]] = []
    current: list[tuple[int, int]] = []
    i = n
    while (i > 0 or j > 0) and (step := back[i][j]) is not None:
        pi, pj, k = step
        if k in (-2, -3) and current:
            rows.append(("row", current[::-1]))
            current = []
        if k == -3:
            rows.append(("area", [(pi, -1)]))
        elif k >= 0:
            current.append((pi, k))
        i, j = pi, pj
    if current:
        rows.append(("row", current[::-1]))
    return rows[::-1]


CELLS = [
    "", "", "1", "2", "3.1", "a)", "-", "x", "X", "I.", "II. CẢI CÁCH THỂ CHẾ",
    "III. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Rà soát thủ tục hành chính", "Tập huấn nghiệp vụ",
    "1. Xây dựng kế hoạch", "- Tuyên truyền", "Sở Nội vụ", "Sở Tư pháp; các sở, ngành",
    "UBND các huyện, thành phố", "Các cơ quan liên quan", "Quý II/2021", "Năm 2021",
    "Thường xuyên", "Trước 15/12/2021", "Theo kế hoạch cụ thể", "158.580.000", "20.000",
    "0", "Kế hoạch", "Báo cáo", "Ngân sách tỉnh", "Nguồn kinh phí thường xuyên",
    "Quyết định số 2818/QĐ-UBND", "3 video", "12",
]  # fmt: skip
KEYS = [
    "stt", "content", "task", "lead", "coord", "level:tinh", "level:huyen", "level:xa",
    "deadline", "budget", "unitprice", "quantity", "product", "funding", "note", "other3",
]  # fmt: skip


def outcome(function, texts: list[str], keys: list[str]) -> object:
    try:
        return function(texts, keys)
    except ParseError as exc:
        return str(exc)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(CELLS), max_size=60),
    st.lists(st.sampled_from(KEYS), min_size=1, max_size=11, unique=True),
)
def test_the_same_rows_as_the_plain_dynamic_program(texts: list[str], keys: list[str]) -> None:
    assert outcome(align, texts, keys) == outcome(reference_align, texts, keys)


def test_a_real_table_layout() -> None:
    keys = ["content", "task", "quantity", "lead", "coord", "level:tinh", "level:huyen"]
    keys += ["level:xa", "deadline", "budget", "note"]
    texts = ["I. CẢI CÁCH THỂ CHẾ", "1. Rà soát văn bản", "Sở Tư pháp", "Các sở, ngành", "x", ""]
    texts += ["Quý II/2021", "20.000", "", "2. Tập huấn", "Sở Nội vụ", "x", "x", "Năm 2021"]
    assert align(texts, keys) == reference_align(texts, keys)
    assert align(texts, keys)[0] == ("area", [(0, -1)])

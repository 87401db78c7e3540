"""Dates and deadlines: every deadline wording of the seed's appendix, 2025 plans, primer."""

from __future__ import annotations

import re
from datetime import date as D
from pathlib import Path

import pytest

from cancu.errors import ParseError
from cancu.parse.dates import DEADLINE_KINDS, find_dates, parse_date, parse_deadline

DATES = [
    ("ngày 16 tháng 11 năm 2020", D(2020, 11, 16)),
    ("16 tháng 11 năm 2020", D(2020, 11, 16)),
    ("16/11/2020", D(2020, 11, 16)),
    ("23/4/2018", D(2018, 4, 23)),
    ("04/04/2019", D(2019, 4, 4)),
    ("ngày 07/10/2019", D(2019, 10, 7)),
    ("ngay 07/10/2019", D(2019, 10, 7)),
    ("ngày 01 tháng 01 năm 2021", D(2021, 1, 1)),
    ("NGÀY 05 THÁNG 9 NĂM 2025", D(2025, 9, 5)),
    ("  ngày 22 tháng   11 năm 2019 ", D(2019, 11, 22)),
    ("29/02/2024", D(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: D) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2020", ["day 31", "month 2 of 2020", "29 days"]),
        ("29/02/2021", ["day 29", "28 days"]),
        ("12/13/2020", ["month 13", "expected a month"]),
        ("0/5/2020", ["day 0"]),
        ("23/4/18", ["four-digit year"]),
        ("Tháng 4/2021", ["expected a date"]),
        ("Quý II/2021", ["expected a date"]),
        ("", ["expected a date"]),
    ],
)
def test_parse_date_rejects(text: str, words: list[str]) -> None:
    with pytest.raises(ParseError) as err:
        parse_date(text)
    for word in words:
        assert word in str(err.value)


def test_find_dates_spans_and_skips() -> None:
    text = (
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018; Quyết định số 1291/QĐ-TTg "
        "ngay 07/10/2019; Quý II/2021; Tháng 4/2021; 31/02/2020; 2818/QĐ-UBND"
    )
    found = find_dates(text)
    assert [(text[s:e], d) for s, e, d in found] == [
        ("23 tháng 4 năm 2018", D(2018, 4, 23)),
        ("07/10/2019", D(2019, 10, 7)),
    ]


def q(year: int, n: int) -> tuple[D, D]:
    ends = {1: D(year, 3, 31), 2: D(year, 6, 30), 3: D(year, 9, 30), 4: D(year, 12, 31)}
    return D(year, 3 * n - 2, 1), ends[n]


Y2021 = (D(2021, 1, 1), D(2021, 12, 31))
Y2020 = (D(2020, 1, 1), D(2020, 12, 31))

# Every wording of the seed's THỜI GIAN HOÀN THÀNH column, read from
# data/sources/qd-2818-2020-ubnd-tayninh.txt: (wording, kind, start, end, recurring)
SEED_DEADLINES = [
    ("Trong tháng 1 năm 2021", "month", D(2021, 1, 1), D(2021, 1, 31), False),
    ("Trong tháng 1/2021", "month", D(2021, 1, 1), D(2021, 1, 31), False),
    ("Kế hoạch cụ thể của Báo Tây Ninh", "plan-specific", None, None, False),
    ("Kế hoạch cụ thể của Đài PTTH", "plan-specific", None, None, False),
    ("Cụ thể trong kế hoạch Tuyên truyền", "plan-specific", None, None, False),
    ("Quý I/2021", "quarter", *q(2021, 1), False),
    ("Quý II/2021", "quarter", *q(2021, 2), False),
    ("Quý III/2021", "quarter", *q(2021, 3), False),
    ("Quý 1/2021", "quarter", *q(2021, 1), False),
    ("Quý 2/2021", "quarter", *q(2021, 2), False),
    ("Quý II, Quý III/2021", "range", D(2021, 4, 1), D(2021, 9, 30), False),
    ("Trong Quý II năm 2021", "quarter", *q(2021, 2), False),
    ("Trong quý I năm 2021", "quarter", *q(2021, 1), False),
    ("Trong Quý 1 năm 2021", "quarter", *q(2021, 1), False),
    ("Tháng 3/2021", "month", D(2021, 3, 1), D(2021, 3, 31), False),
    ("Tháng 4/2021", "month", D(2021, 4, 1), D(2021, 4, 30), False),
    ("Tháng 5/2021", "month", D(2021, 5, 1), D(2021, 5, 31), False),
    ("Tháng 11/2021", "month", D(2021, 11, 1), D(2021, 11, 30), False),
    ("Tháng 5 năm 2021", "month", D(2021, 5, 1), D(2021, 5, 31), False),
    ("Tháng 11 năm 2021", "month", D(2021, 11, 1), D(2021, 11, 30), False),
    ("Trong năm 2021", "year", *Y2021, False),
    ("Trong năm 2020", "year", *Y2020, False),
    ("6 tháng, tháng 12 năm 2021", "half-year", *Y2021, True),
    ("Thường xuyên, bắt đầu từ quý 1/2021", "ongoing", D(2021, 1, 1), None, True),
    ("Thường xuyên trong năm 2020", "ongoing", *Y2020, True),
    ("Thường xuyên trong năm 2021", "ongoing", *Y2021, True),
    ("Thường xuyên khi có thay đổi", "ongoing", None, None, True),
]

# The 2025 plans (TP.HCM, Đồng Tháp, Đắk Lắk) and the primer.
OTHER_DEADLINES = [
    ("Quý IV/2026", "quarter", *q(2026, 4), False),
    ("Quý IV/2025", "quarter", *q(2025, 4), False),
    ("Quý II/2027", "quarter", *q(2027, 2), False),
    ("Quý I/2030", "quarter", *q(2030, 1), False),
    ("Quý II/2030", "quarter", *q(2030, 2), False),
    ("Năm 2025-2030", "range", D(2025, 1, 1), D(2030, 12, 31), False),
    ("Năm 2025 - 2026", "range", D(2025, 1, 1), D(2026, 12, 31), False),
    ("Năm 2026", "year", D(2026, 1, 1), D(2026, 12, 31), False),
    ("Năm 2025", "year", D(2025, 1, 1), D(2025, 12, 31), False),
    ("Năm 2021", "year", *Y2021, False),
    ("Hằng năm.", "year", None, None, True),
    ("Hằng năm", "year", None, None, True),
    ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", "ongoing", None, None, True),
    ("Thường xuyên", "ongoing", None, None, True),
    ("2026", "year", D(2026, 1, 1), D(2026, 12, 31), False),
    ("2025 - 2030", "range", D(2025, 1, 1), D(2030, 12, 31), False),
    ("2025 - 2035", "range", D(2025, 1, 1), D(2035, 12, 31), False),
    ("Giai đoạn 2025 - 2030", "range", D(2025, 1, 1), D(2030, 12, 31), False),
    ("Giai đoạn 2031 - 2035", "range", D(2031, 1, 1), D(2035, 12, 31), False),
    ("Từ năm 2026 - 2030", "range", D(2026, 1, 1), D(2030, 12, 31), False),
    ("Tháng 12/2020", "month", D(2020, 12, 1), D(2020, 12, 31), False),
    ("Trước ngày 30/6/2025", "day", None, D(2025, 6, 29), False),
    ("ngày 16/11/2020", "day", D(2020, 11, 16), D(2020, 11, 16), False),
    ("Đến ngày 30/6/2025", "day", None, D(2025, 6, 30), False),
    ("6 tháng đầu năm 2021", "half-year", D(2021, 1, 1), D(2021, 6, 30), False),
    ("6 tháng cuối năm 2021", "half-year", D(2021, 7, 1), D(2021, 12, 31), False),
    ("Quý II-III/2021", "range", D(2021, 4, 1), D(2021, 9, 30), False),
    ("Trong tháng 2/2024", "month", D(2024, 2, 1), D(2024, 2, 29), False),
    ("Trước 15/12", "day", None, None, False),
    ("Theo tiến độ dự án", "plan-specific", None, None, False),
    ("Khi có yêu cầu", "unparsed", None, None, False),
    ("", "unparsed", None, None, False),
]


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "recurring"), SEED_DEADLINES + OTHER_DEADLINES
)
def test_parse_deadline(
    text: str, kind: str, start: D | None, end: D | None, recurring: bool
) -> None:
    d = parse_deadline(text)
    assert (d.kind, d.start, d.end, d.recurring) == (kind, start, end, recurring)
    assert d.as_written == text
    assert d.kind in DEADLINE_KINDS


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "recurring"),
    [
        ("Trước 15/12", "day", None, D(2025, 12, 14), False),
        ("trước ngày 20/11", "day", None, D(2025, 11, 19), False),
        ("trước ngày 30/11 hằng năm", "day", None, D(2025, 11, 29), True),
        ("Từ tháng 3 đến tháng 11 hằng năm", "range", D(2025, 3, 1), D(2025, 11, 30), True),
        ("Tháng 3 - 11", "range", D(2025, 3, 1), D(2025, 11, 30), False),
        ("Quý III", "quarter", *q(2025, 3), False),
        ("Quý II/2021", "quarter", *q(2021, 2), False),
    ],
)
def test_parse_deadline_default_year(
    text: str, kind: str, start: D | None, end: D | None, recurring: bool
) -> None:
    d = parse_deadline(text, default_year=2025)
    assert (d.kind, d.start, d.end, d.recurring) == (kind, start, end, recurring)


def test_seed_table_is_complete() -> None:
    """Every deadline-like cell of the seed appendix is in the table (a guard, not a source)."""
    seed = Path(__file__).parent.parent / "data" / "sources" / "qd-2818-2020-ubnd-tayninh.txt"
    appendix = seed.read_text(encoding="utf-8").split("THỜI GIAN HOÀN THÀNH", 1)[1]
    cells = {" ".join(c.split()) for c in re.split(r"\n\|\n", appendix)}
    pattern = r"(Trong|Tháng|Quý|Thường xuyên|6 tháng|Kế hoạch cụ thể|Cụ thể trong)\b.{0,50}"
    deadlines = {c for c in cells if re.fullmatch(pattern, c) and "BCĐ" not in c}
    assert deadlines, "no deadline cell found: the seed's layout changed"
    assert deadlines <= {t for t, *_ in SEED_DEADLINES}

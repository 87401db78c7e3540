"""The table parser on small flattened tables written for the test."""

from __future__ import annotations

import pytest

from cancu.errors import ParseError
from cancu.parse.table import header_key, parse_table
from cancu.text.normalize import normalize_text
from cancu.text.segment import split_cells


def table_of(cells: list[str], row_markers: bool = False):
    """Flatten cells the way portals do: each cell followed by a line holding only '|'."""
    lines: list[str] = []
    for cell in cells:
        if cell == "<row>":
            lines.append("|")  # a row-start marker of the 2025 exports
            continue
        lines.extend(cell.split("\n") if cell else [])
        lines.append("|")
    return parse_table(split_cells(normalize_text("\n".join(lines))))


HEADER = [
    "STT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Kinh phí",
]


@pytest.mark.parametrize(
    "label,key",
    [
        ("CƠ QUAN CHỦ TRÌ", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("CƠ QUAN PHỐI HỢP", "coord"),
        ("THỜI GIAN HOÀN THÀNH", "deadline"),
        ("Thời hạn", "deadline"),
        ("KINH PHÍ DỰ KIẾN (ĐV: VNĐ đồng)", "budget"),
        ("Nguồn kinh phí", "funding"),
        ("GHI CHÚ", "note"),
        ("NỘI DUNG", "content"),
        ("NHIỆM VỤ VÀ GIẢI PHÁP", "task"),
        ("Cấp huyện", "level:huyen"),
        ("SẢN PHẨM", "product"),
        ("Tổ chức hội thi", None),
    ],
)
def test_header_labels(label, key):
    assert header_key(label) == key


def test_rows_without_markers_and_a_missing_cell():
    table = table_of(
        [*HEADER]
        + [
            "1",
            "Rà soát thủ tục",
            "Sở Tư pháp",
            "Các cơ quan liên quan",
            "Quý II/2021",
            "20.000.000",
        ]
        # the coordinator cell of row 2 is merged with row 1's: it is simply absent
        + ["2", "Tập huấn nghiệp vụ", "Sở Nội vụ", "Năm 2021", "5.000.000"]
        + ["3", "Khảo sát sự hài lòng", "", "", "Tháng 5/2021", ""]
    )
    assert table.keys() == ["stt", "task", "lead", "coord", "deadline", "budget"]
    rows = [
        (r.value("stt"), r.value("lead"), r.value("coord"), r.value("budget")) for r in table.rows
    ]
    assert rows == [
        ("1", "Sở Tư pháp", "Các cơ quan liên quan", "20.000.000"),
        ("2", "Sở Nội vụ", "Các cơ quan liên quan", "5.000.000"),
        ("3", "", "", ""),
    ]
    assert table.rows[1].inherited == {"coord"}
    assert table.rows[2].inherited == set()  # an empty lead cell is kept empty, not inherited


def test_columns_are_found_by_label_not_position():
    header = ["TT", "Thời gian", "Chủ trì", "Nhiệm vụ", "Phối hợp"]
    table = table_of(
        header + ["1", "Quý I/2026", "Sở Tài chính", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ"]
    )
    assert table.keys() == ["stt", "deadline", "lead", "task", "coord"]
    row = table.rows[0]
    assert (row.value("task"), row.value("deadline"), row.value("coord")) == (
        "Xây dựng cơ sở dữ liệu",
        "Quý I/2026",
        "Sở Nội vụ",
    )


def test_row_markers_area_rows_and_levels():
    header = ["NỘI DUNG", "NHIỆM VỤ", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN ĐƯỢC TRIỂN KHAI", "THỜI GIAN"]
    sub = ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    table = table_of(
        ["<row>", *header, "<row>", *sub]
        + ["<row>", "I. CÔNG TÁC ĐIỀU HÀNH"]
        + ["<row>", "Tuyên truyền", "1. Đưa tin CCHC", "Báo Tây Ninh", "x", "", "x", "Quý 1/2021"]
        + ["<row>", "2. Xây dựng video", "Sở Ngoại vụ", "x", "x", "", "Trong năm 2021"]
    )
    assert table.keys() == [
        "content",
        "task",
        "lead",
        "level:tinh",
        "level:huyen",
        "level:xa",
        "deadline",
    ]
    area, first, second = table.rows
    assert area.area.text == "I. CÔNG TÁC ĐIỀU HÀNH" and not area.cells
    assert [first.value(k) for k in ("level:tinh", "level:huyen", "level:xa")] == ["x", "", "x"]
    assert second.value("content") == "Tuyên truyền" and "content" in second.inherited
    assert second.area.text == "I. CÔNG TÁC ĐIỀU HÀNH"


def test_declared_total_after_the_rows():
    table = table_of(
        [*HEADER, "1", "Rà soát", "Sở Tư pháp", "", "Năm 2021", "1.000.000"]
        + ["Tổng kinh phí thực hiện", "1.000.000", "", "(Một triệu đồng)"]
    )
    assert len(table.rows) == 1
    assert table.total.text == "Tổng kinh phí thực hiện"
    assert table.total_amount.text == "1.000.000"
    assert table.total_words.text == "(Một triệu đồng)"


def test_no_header_is_a_clear_error():
    with pytest.raises(ParseError, match="no table header"):
        table_of(["Căn cứ Luật", "Điều 1. Ban hành"])

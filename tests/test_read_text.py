"""The text-export reader: blocks with real tables, the same records as before the blocks,
and a warning for every table it does not read."""

from __future__ import annotations

from cancu.extract.document import extract_document
from cancu.read import read_file
from cancu.read.blocks import Paragraph, Table
from cancu.read.text import read_text

from .conftest import DAKLAK, SEED, TPHCM


def test_the_seed_is_paragraphs_and_one_task_table():
    blocks = read_file(SEED)
    tables = blocks.tables()
    assert blocks.format == "text" and len(tables) == 1
    header = [cell.text for cell in tables[0].rows[0]]
    assert header[:2] == ["NỘI DUNG", "NHIỆM VỤ"] and "CƠ QUAN CHỦ TRÌ" in header
    assert all(len(row) == tables[0].width for row in tables[0].rows)
    assert isinstance(blocks.blocks[0], Paragraph)
    # Line numbers are the file's: every line of a block is a line of the file.
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for line in list(blocks.lines())[:200]:
        if line.text:
            assert line.text in lines[line.number - 1].replace("*", ""), line


def test_merged_cells_are_kept_as_merges():
    table = read_file(TPHCM).tables()[0]
    merged = [cell for row in table.rows for cell in row if cell.merged_from is not None]
    assert merged, "continuation rows of the 2820 plan inherit merged cells"
    for row_index, row in enumerate(table.rows):
        for cell in row:
            if cell.merged_from is not None:
                assert cell.merged_from[0] <= row_index


def test_a_table_that_is_not_a_task_table_is_a_warning():
    doc = extract_document(read_file(DAKLAK))
    unread = [w for w in doc.warnings if "with no task column" in w]
    assert len(unread) == 1 and "Tên điểm quan trắc" in unread[0]
    assert len(doc.tasks) == 151


def test_header_words_of_other_plans_read_as_tasks():
    cells = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 9/KH-UBND",
             "Lâm Đồng, ngày 2 tháng 1 năm 2026", "KẾ HOẠCH", "Tuyên truyền cải cách hành chính",
             "STT", "Nội dung/nhiệm vụ", "Trách nhiệm thực hiện", "Thời gian",
             "1", "Tuyên truyền trên báo", "Sở Văn hóa, Thể thao và Du lịch", "Quý I/2026",
             "2", "Tọa đàm", "Sở Nội vụ", "Quý II/2026"]  # fmt: skip
    doc = extract_document(read_text(("\n|\n".join(cells) + "\n|\n").encode(), "k.txt", "0" * 64))
    assert [t.text for t in doc.tasks] == ["Tuyên truyền trên báo", "Tọa đàm"]
    assert doc.tasks[1].deadline.end.isoformat() == "2026-06-30"


def test_table_blocks_hold_each_line_once():
    blocks = read_file(SEED)
    numbers = [line.number for line in blocks.lines() if line.text]
    assert len(numbers) == len(set(numbers))
    assert any(isinstance(b, Table) for b in blocks.blocks)


def test_two_sections_with_one_numbering_get_distinct_iris():
    from cancu.pipeline import extract

    text = "\n|\n".join(
        ["ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 3/KH-UBND",
         "X, ngày 2 tháng 1 năm 2026", "KẾ HOẠCH\nThí điểm\nIV. MỤC TIÊU\n1. Một\nIV. GIẢI PHÁP\n1. Hai"]
    )  # fmt: skip
    graph = extract(text)
    sections = {str(s) for s in graph.subjects() if "/sec_IV" in str(s) and "item" not in str(s)}
    assert len(sections) == 2, sections

"""The PDF reader on the four shared PDFs: what each yields (header, bases, stamps, tables, repairs, OCR)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

import pytest

from cancu.read.blocks import Blocks
from cancu.read.detect import read_file
from tests.conftest import FORMATS

PDF = FORMATS / "pdf"


@cache
def blocks_of(name: str) -> Blocks:
    path = PDF / name
    if not path.exists():
        pytest.skip(
            f"shared material not found: {path} (CI lays ../shared/formats beside the checkout)"
        )
    return read_file(path)


def paragraph_texts(blocks: Blocks) -> list[str]:
    return [p.text for p in blocks.paragraphs()]


def test_qd_1074_header_comes_first_and_readable():
    blocks = blocks_of("qd-1074-2026-qd-bxd.pdf")
    texts = paragraph_texts(blocks)
    assert texts[:6] == [
        "BỘ XÂY DỰNG",
        "Số: 1074/QĐ-BXD",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 29 tháng 6 năm 2026",
        "QUYẾT ĐỊNH",
    ]
    header = list(blocks.paragraphs())[:6]
    assert all(p.align == "center" for p in header)
    assert header[0].bold and header[5].bold and not header[1].bold
    assert all(line.place.page == 1 and not line.place.ocr for p in header for line in p.lines)


def test_qd_1074_legal_bases_are_whole_paragraphs():
    texts = paragraph_texts(blocks_of("qd-1074-2026-qd-bxd.pdf"))
    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert len(bases) == 5
    assert bases[0] == (
        "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15 ngày 29 tháng 11 năm 2024;"
    )
    assert all(b.endswith(";") for b in bases)
    assert "Điều 3. Tổ chức thực hiện" in texts


def test_qd_1074_signature_block_keeps_each_side_together():
    blocks = blocks_of("qd-1074-2026-qd-bxd.pdf")
    texts = paragraph_texts(blocks)
    start = texts.index("Nơi nhận:")
    recipients = texts[start + 1 : texts.index("KT. BỘ TRƯỞNG THỨ TRƯỞNG")]
    assert recipients[0] == "- Như Điều 3;" and all(r.startswith("- ") for r in recipients)
    assert len(recipients) == 11
    assert texts[-1] == "Phạm Minh Hà"
    assert not blocks.tables() and not blocks.metadata


def test_lamdong_number_line_as_written_and_stamp_read():
    blocks = blocks_of("lamdong-bc-329-ubnd-cchc-2025-signed.pdf")
    texts = paragraph_texts(blocks)
    assert texts[:5] == [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Số: /BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đồng, ngày tháng 12 năm 2025",
    ]
    assert blocks.field("Số") == "329/BC-UBND"
    assert blocks.field("Ngày") == "19/12/2025"
    number = next(f for f in blocks.metadata if f.name == "Số")
    assert number.place.page == 1 and number.place.paragraph == 2
    stamps = [f.value for f in blocks.metadata if f.name == "stamp"]
    assert stamps[:2] == ["329", "19"]
    assert any("signature stamp draws '329'" in w for w in blocks.warnings)


def test_lamdong_statistics_tables_are_tables():
    blocks = blocks_of("lamdong-bc-329-ubnd-cchc-2025-signed.pdf")
    tables = blocks.tables()
    assert len(tables) == 7  # Biểu mẫu 1 to 7; four of them run over two pages
    assert [len(t.rows) for t in tables] == [21, 15, 23, 21, 15, 15, 28]
    for table in tables:
        assert [row[0].text for row in table.rows].count("STT") == 1  # repeated header read once
        assert table.width == 5
        head = table.rows[0]
        assert head[0].text == "STT" and head[1].text.startswith("Chỉ tiêu thống kê")
        assert head[2].text == "Kết quả thống kê" and head[2].col_span == 2
        assert head[3].merged_from == (0, 2)
        assert [c.text for c in table.rows[1][2:4]] == ["Đơn vị tính", "Số liệu"]
    first = tables[0]
    assert first.place.page == 25
    assert {line.place.page for line in first.lines} == {25, 26}
    assert [row[0].text for row in first.rows[15:17]] == ["4.1.2.", "4.1.3."]  # across the break
    assert first.rows[16][0].lines[0].place.describe() == "page 26, table 1, row 17, cell 1"
    assert tables[-1].rows[-1][0].lines[0].place.page == 35  # the table moves right on page 35
    assert any("2 header row(s) repeated" in w for w in blocks.warnings)
    row = next(r for r in first.rows if r[0].text == "1.")
    assert row[1].text.startswith("Số văn bản chỉ đạo CCHC đã ban hành")
    assert [c.text for c in row[2:4]] == ["Văn bản", "82"]
    cell_lines = {line.text for t in tables for line in t.lines}
    assert not cell_lines & {line.text for p in blocks.paragraphs() for line in p.lines}


def test_lamdong_page_numbers_removed_and_footnotes_kept():
    blocks = blocks_of("lamdong-bc-329-ubnd-cchc-2025-signed.pdf")
    assert any(re.match(r"pages 2, 3, .*: page number removed", w) for w in blocks.warnings)
    texts = paragraph_texts(blocks)
    assert not any(t.isdigit() for t in texts)
    assert any(t.startswith("² Trước sáp nhập tỉnh") for t in texts)  # the footnote
    assert any(t.endswith("trên địa bàn tỉnh².") for t in texts)  # its mark, kept apart from digits


def test_broken_font_map_repaired_and_reported():
    blocks = blocks_of("bct-cv-1178-broken-tounicode.pdf")
    text = "\n".join(line.text for line in blocks.lines())
    assert "ƣ" not in text and "Ƣ" not in text
    texts = paragraph_texts(blocks)
    assert texts[0] == "BỘ CÔNG THƯƠNG"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Kính gửi: Sở Công Thương tỉnh Lào Cai" in texts
    [warning] = [w for w in blocks.warnings if "broken font map" in w]
    assert "'ƣ'→'ư'" in warning and "'Õ'→'Ò' ×1" in warning
    assert blocks.field("Số") == "1178/ĐCK-CTT"
    assert blocks.field("Ngày") == "9/7/2025"


def has_vietnamese_tesseract() -> bool:
    path = shutil.which("tesseract")
    if path is None:
        return False
    langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, check=False)
    return "vie" in langs.stdout.split()


@pytest.mark.skipif(
    not has_vietnamese_tesseract(),
    reason="OCR needs tesseract with its Vietnamese model (Debian: tesseract-ocr tesseract-ocr-vie)",
)
def test_scanned_decision_read_by_ocr():
    blocks = blocks_of("vpcp-qd-932-scanned.pdf")
    lines = list(blocks.lines())
    assert lines and all(line.place.ocr for line in lines)
    assert {line.place.page for line in lines} == {1, 2, 3}
    text = "\n".join(line.text for line in lines)
    # Tesseract's Vietnamese model reads "QUYẾT" as "QUYÉT" on this scan; the number is handwritten
    assert re.search(r"QUY[ẾÉE]T ĐỊNH", text)
    assert "THỦ TƯỚNG CHÍNH PHỦ" in text
    assert "Tổ Công tác cải cách hành chính" in text
    assert "Hà Nội, ngày 15 tháng 5 năm 2025" in text
    assert any("pages 1–3 read by OCR (no text layer)" in w for w in blocks.warnings)
    # the signature service's stamp draws the issuer, not the number
    assert blocks.field("stamp") == "Cơ quan phát hành: Văn phòng Chính phủ"
    assert blocks.field("Số") is None

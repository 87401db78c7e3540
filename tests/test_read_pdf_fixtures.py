"""The PDF reader on small PDFs written by the tests: tables, headers, spacing, OCR, bad input."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import unicodedata

import pypdfium2 as pdfium
import pytest

from cancu.errors import InputError
from cancu.read.blocks import Blocks, Table
from cancu.read.ocr import needs_ocr
from cancu.read.pdf import read_pdf
from cancu.read.pdf_fonts import repair_fonts
from cancu.read.pdf_page import Glyph, PageContent
from tests.pdf_fixtures import (
    body,
    centred,
    image_page_pdf,
    new_pdf,
    output,
    ruled_table,
    text,
    with_stamp,
)


def read(data: bytes, name: str = "fixture.pdf") -> Blocks:
    return read_pdf(data, name, hashlib.sha256(data).hexdigest())


def texts(blocks: Blocks) -> list[str]:
    return [p.text for p in blocks.paragraphs()]


def has_vietnamese_tesseract() -> bool:
    path = shutil.which("tesseract")
    if path is None:
        return False
    langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, check=False)
    return "vie" in langs.stdout.split()


def test_ruled_table_with_a_merged_cell_is_one_table_not_paragraphs():
    pdf = new_pdf()
    pdf.add_page()
    text(pdf, 70, 80, "Bảng theo dõi nhiệm vụ")
    ruled_table(
        pdf,
        70,
        100,
        [40, 200, 160],
        24,
        [
            ["STT", "Nhiệm vụ và sản phẩm", None],
            ["1", "Rà soát thủ tục", "Sở Nội vụ"],
            ["2", "Số hóa hồ sơ", "Sở Tư pháp"],
        ],
    )
    text(pdf, 70, 220, "Đoạn văn sau bảng.")
    blocks = read(output(pdf))
    [table] = blocks.tables()
    assert (len(table.rows), table.width) == (3, 3)
    head = table.rows[0][1]
    assert (head.text, head.col_span, head.row_span) == ("Nhiệm vụ và sản phẩm", 2, 1)
    assert table.rows[0][2].merged_from == (0, 1) and table.rows[0][2].paragraphs == ()
    assert table.origin(0, 2) is head
    assert [c.text for c in table.rows[2]] == ["2", "Số hóa hồ sơ", "Sở Tư pháp"]
    assert table.rows[1][2].lines[0].place.describe() == "page 1, table 1, row 2, cell 3"
    assert texts(blocks) == ["Bảng theo dõi nhiệm vụ", "Đoạn văn sau bảng."]
    # tables sit between the paragraphs they are drawn between
    assert [type(b).__name__ for b in blocks.blocks] == ["Paragraph", "Table", "Paragraph"]


def test_running_header_and_page_numbers_are_removed_and_reported():
    pdf = new_pdf()
    for page in range(1, 4):
        pdf.add_page()
        centred(pdf, 297, 40, f"CÔNG BÁO/Số {100 + page} + {101 + page}/Ngày 30-12-2025", size=10)
        body(pdf, 100, [f"Nội dung riêng của trang {page}, phần thứ nhất.", "Phần thứ hai."])
        centred(pdf, 297, 810, str(page), size=11)
    blocks = read(output(pdf))
    lines = [line.text for line in blocks.lines()]
    assert not any("CÔNG BÁO" in line for line in lines)
    assert not any(line.strip().isdigit() for line in lines)
    assert "Nội dung riêng của trang 2, phần thứ nhất." in lines
    assert any("running header" in w and "pages 1–3" in w for w in blocks.warnings)
    assert any("page number removed" in w for w in blocks.warnings)


def test_a_line_seen_once_at_the_top_is_not_running_matter():
    pdf = new_pdf()
    for page in range(1, 3):
        pdf.add_page()
        text(pdf, 70, 40, "ỦY BAN NHÂN DÂN" if page == 1 else "Điều 5. Hiệu lực")
        body(pdf, 100, [f"Trang {page}."])
    lines = [line.text for line in read(output(pdf)).lines()]
    assert lines[0] == "ỦY BAN NHÂN DÂN" and "Điều 5. Hiệu lực" in lines


def test_word_split_by_a_space_glyph_is_rejoined_by_position():
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Serif", size=13)
    start = "Ổn định tình hình kinh tế - xã h"
    text(pdf, 70, 100, start)
    # the space is drawn, but "ội" is placed where it touches "h": no gap on the page
    x = 70 + pdf.get_string_width(start) - pdf.get_string_width(" ")
    text(pdf, x, 100, " ội của tỉnh")
    blocks = read(output(pdf))
    assert texts(blocks) == ["Ổn định tình hình kinh tế - xã hội của tỉnh"]


def test_two_column_header_keeps_each_side_together_and_centred():
    pdf = new_pdf()
    pdf.add_page()
    left, right = 150, 420
    centred(pdf, left, 60, "ỦY BAN NHÂN DÂN", bold=True, size=11)
    centred(pdf, right, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=11)
    centred(pdf, left, 76, "TỈNH LÂM ĐỒNG", bold=True, size=11)
    centred(pdf, right, 76, "Độc lập - Tự do - Hạnh phúc", bold=True, size=12)
    centred(pdf, left, 108, "Số: 12/QĐ-UBND", size=12)
    centred(pdf, right, 108, "Lâm Đồng, ngày 5 tháng 3 năm 2025", size=12)
    centred(pdf, 297, 150, "QUYẾT ĐỊNH", bold=True, size=13)
    pdf.set_font("Serif", size=12)
    pdf.set_xy(70, 180)
    basis = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; " * 2
    pdf.multi_cell(455, 17, basis.strip(), align="J")
    blocks = read(output(pdf))
    paragraphs = list(blocks.paragraphs())
    assert [p.text for p in paragraphs[:6]] == [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Số: 12/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đồng, ngày 5 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
    ]
    assert all(p.align == "center" for p in paragraphs[:6])
    assert paragraphs[0].bold and not paragraphs[1].bold
    numbers = [line.number for line in blocks.lines()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert paragraphs[1].lines[0].place.describe() == "page 1, paragraph 2"


def test_paragraphs_rebuilt_from_spacing_and_short_last_lines():
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Serif", size=12)
    first = (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025 được sửa "
        "đổi, bổ sung bởi Luật số 87/2025/QH15 ngày 25 tháng 6 năm 2025 của Quốc hội;"
    )
    second = "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV."
    pdf.set_xy(70, 90)
    pdf.multi_cell(450, 17, first, align="J")
    pdf.set_x(70)
    pdf.multi_cell(450, 17, second, align="J")
    pdf.set_xy(70, pdf.get_y() + 12)  # spacing before the next paragraph
    pdf.multi_cell(450, 17, "Điều 1. " + first, align="J")
    blocks = read(output(pdf))
    assert texts(blocks) == [first, second, "Điều 1. " + first]
    assert [p.align for p in blocks.paragraphs()] == ["justify", "left", "justify"]
    assert len(next(iter(blocks.paragraphs())).lines) >= 2


def test_genuine_o_tilde_stays_where_no_font_carries_the_broken_map():
    pdf = new_pdf()
    pdf.add_page()
    body(pdf, 100, ["Trụ sở tại NGÕ 5 phố Hàng Bông, ngõ nhỏ."])
    blocks = read(output(pdf))
    assert texts(blocks) == ["Trụ sở tại NGÕ 5 phố Hàng Bông, ngõ nhỏ."]
    assert not any("font map" in w for w in blocks.warnings)


def test_broken_map_repairs_o_tilde_only_in_the_family_that_shows_it():
    def glyphs(word: str, font: str) -> list[Glyph]:
        return [Glyph(c, 0, 1, 0, 1, 12, font) for c in word]

    pages = [
        glyphs("THƢƠNG", "Times New Roman") + glyphs("HÕA", "Times New Roman,Bold"),
        glyphs("NGÕ", "ABCDEF+Arial-BoldMT") + glyphs("cõi", "Times New Roman"),
    ]
    repaired, warnings = repair_fonts(pages)
    assert ["".join(g.text for g in page) for page in repaired] == ["THƯƠNGHÒA", "NGÕcõi"]
    assert warnings[0].startswith("page 1: broken font map (ToUnicode) in font 'Times New Roman'")
    assert "'õ' ×1 kept as written" in warnings[1]


@pytest.mark.skipif(
    not has_vietnamese_tesseract(),
    reason="OCR needs tesseract with its Vietnamese model (Debian: tesseract-ocr tesseract-ocr-vie)",
)
def test_page_without_text_layer_is_read_by_ocr():
    data = image_page_pdf(
        [
            ("QUYẾT ĐỊNH", 20),
            ("Về việc ban hành Kế hoạch cải cách hành chính", 14),
            ("Điều 1. Giao Sở Nội vụ chủ trì thực hiện.", 14),
        ]
    )
    blocks = read(data)
    words = " ".join(line.text for line in blocks.lines())
    assert "ĐỊNH" in words and "cải cách hành chính" in words and "Sở Nội vụ" in words
    assert all(line.place.ocr and line.place.page == 1 for line in blocks.lines())
    assert any("page" in w and "read by OCR (no text layer)" in w for w in blocks.warnings)


def test_missing_tesseract_is_one_line_naming_the_packages(monkeypatch):
    data = image_page_pdf([("QUYẾT ĐỊNH", 20)])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError) as error:
        read(data, "scan.pdf")
    message = str(error.value)
    assert message.startswith("scan.pdf: ") and "\n" not in message
    assert "tesseract-ocr" in message and "tesseract-ocr-vie" in message


def test_encrypted_pdf_is_refused_with_its_reason():
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    text(pdf, 70, 100, "Mật")
    with pytest.raises(InputError, match="encrypted with a password"):
        read(output(pdf), "locked.pdf")


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", b"%PDF-1.4\n" + b"\x00" * 50]
)
def test_broken_pdf_is_refused(data):
    with pytest.raises(InputError, match=r"broken.pdf: .*expected"):
        read(data, "broken.pdf")


def test_text_is_nfc_and_tables_are_blocks_of_the_right_kind():
    pdf = new_pdf()
    pdf.add_page()
    text(pdf, 70, 100, "Hòa bình")  # fpdf2 writes the precomposed letters; reading keeps NFC
    blocks = read(output(pdf))
    assert all(unicodedata.is_normalized("NFC", line.text) for line in blocks.lines())
    assert blocks.format == "pdf" and not any(isinstance(b, Table) for b in blocks.blocks)


def test_paragraph_broken_by_a_page_break_is_joined_with_each_line_on_its_page():
    pdf = new_pdf()
    pdf.add_page()
    body(pdf, 100, ["Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành"])
    pdf.add_page()
    body(pdf, 100, ["triển khai thực hiện Quyết định này."])
    body(pdf, 125, ["Điều 3. Hiệu lực thi hành."], left=100)  # a new paragraph: indented
    blocks = read(output(pdf))
    first = next(iter(blocks.paragraphs()))
    assert first.text == (
        "Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành "
        "triển khai thực hiện Quyết định này."
    )
    assert [line.place.page for line in first.lines] == [1, 2]
    assert {line.place.paragraph for line in first.lines} == {1}


def test_blank_number_without_a_stamp_says_the_number_is_not_in_the_text_layer():
    pdf = new_pdf()
    pdf.add_page()
    text(pdf, 90, 100, "Số:")
    text(pdf, 150, 100, "/KH-UBND")
    body(pdf, 150, ["Kế hoạch cải cách hành chính năm 2026."])
    blocks = read(output(pdf))
    assert next(iter(blocks.paragraphs())).text == "Số: /KH-UBND"
    assert blocks.field("Số") is None
    [warning] = [w for w in blocks.warnings if "number" in w]
    assert warning.startswith("page 1, paragraph 1: the number is blank")
    assert warning.endswith("the number is not in the text layer")


def test_text_layer_that_is_not_vietnamese_is_sent_to_ocr():
    def page(words: str) -> PageContent:
        glyphs = tuple(Glyph(c, 0, 1, 0, 1, 12, "VnTime") for c in words)
        return PageContent(1, 595, 842, glyphs, (), 0.0)

    assert needs_ocr(page("Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do")) is None
    # TCVN3 text shown through a font without a Unicode map
    reason = needs_ocr(page("Céng hoµ x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do"))
    assert reason is not None and reason.startswith("text layer not Vietnamese")
    assert needs_ocr(page("\ufffd" * 30 + "abc")) is not None
    assert needs_ocr(dataclasses.replace(page(""), image_cover=0.9)) == "no text layer"
    assert needs_ocr(page("")) is None  # a blank page is not a scan
    label = page("Ký bởi: Văn phòng Chính phủ, ngày 15/5/2025")  # a signing service's label
    assert needs_ocr(label) is None
    assert needs_ocr(dataclasses.replace(label, image_cover=0.95)).startswith("a page image")


def test_rotated_page_is_read_as_shown():
    # a landscape page made by /Rotate 90: the text is drawn running up the portrait page
    pdf = new_pdf()
    pdf.add_page()
    rows = ["Biểu mẫu 1. Công tác chỉ đạo điều hành", "Số văn bản chỉ đạo đã ban hành: 82"]
    for i, row in enumerate(rows):
        x = 80 + i * 24
        with pdf.rotation(90, x=x, y=760):
            text(pdf, x, 760, row)
    document = pdfium.PdfDocument(output(pdf))
    document[0].set_rotation(90)
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read(buffer.getvalue())
    assert [line.text for line in blocks.lines()] == rows


def test_table_continued_over_pages_is_one_table_with_its_header_once_and_cut_row_joined():
    pdf = new_pdf()
    head = ["STT", "Nhiệm vụ", "Chủ trì"]
    pdf.add_page()
    text(pdf, 70, 80, "Phụ lục phân công nhiệm vụ")
    ruled_table(pdf, 70, 700, [40, 250, 150], 24, [head, ["1", "Rà soát thủ tục của", "Sở Nội vụ"]])
    pdf.add_page()
    rows = [head, ["", "các sở, ngành", ""], ["2", "Số hóa hồ sơ", "Sở Tư pháp"]]
    ruled_table(pdf, 70, 60, [40, 250, 150], 24, rows)
    blocks = read(output(pdf))
    [table] = blocks.tables()
    assert [[c.text for c in row] for row in table.rows] == [
        head,
        ["1", "Rà soát thủ tục của các sở, ngành", "Sở Nội vụ"],
        ["2", "Số hóa hồ sơ", "Sở Tư pháp"],
    ]
    assert [line.place.page for line in table.rows[1][1].lines] == [1, 2]
    assert table.rows[2][2].lines[0].place.describe() == "page 2, table 1, row 3, cell 3"
    assert any("1 header row(s) repeated" in w for w in blocks.warnings)
    assert any("read as one row" in w for w in blocks.warnings)


def test_bold_run_in_heading_going_on_into_the_next_line_stays_one_paragraph():
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Serif", size=12)
    heading = "5. Về tổng hợp, cập nhật tiến độ, kết quả thực hiện các nhiệm vụ Chính phủ giao:"
    rest = "Tổng số nhiệm vụ được giao là 123, đã hoàn thành đúng hạn 123 nhiệm vụ."
    pdf.set_xy(70, 90)
    pdf.multi_cell(455, 17, f"**{heading}** {rest}", align="J", markdown=True)
    pdf.set_xy(70, pdf.get_y() + 10)
    pdf.set_font("Serif", "B", 12)
    pdf.multi_cell(455, 17, "6. Về mô hình mới", align="J")
    blocks = read(output(pdf))
    assert texts(blocks) == [f"{heading} {rest}", "6. Về mô hình mới"]
    first = next(iter(blocks.paragraphs()))
    assert first.lines[0].text.startswith("5. Về") and len(first.lines) >= 2
    assert [p.bold for p in blocks.paragraphs()] == [False, True]


def test_stamp_drawn_over_the_blank_number_and_day_gives_number_and_date_fields():
    pdf = new_pdf()
    pdf.add_page()
    text(pdf, 90, 100, "Số:")
    text(pdf, 150, 100, "/BC-UBND")
    text(pdf, 90, 130, "Hà Nội, ngày")
    text(pdf, 210, 130, "tháng 12 năm 2025")
    body(pdf, 170, ["Báo cáo công tác cải cách hành chính năm 2025."])
    data = with_stamp(with_stamp(output(pdf), 120, 100, "329"), 183, 130, "19")
    blocks = read(data)
    assert texts(blocks)[:2] == ["Số: /BC-UBND", "Hà Nội, ngày tháng 12 năm 2025"]  # as written
    assert blocks.field("Số") == "329/BC-UBND"
    assert blocks.field("Ngày") == "19/12/2025"
    number = next(f for f in blocks.metadata if f.name == "Số")
    assert number.place.describe() == "page 1, paragraph 1"
    assert [f.value for f in blocks.metadata if f.name == "stamp"] == ["329", "19"]
    assert not any("not in the text layer" in w for w in blocks.warnings)


def test_blank_pdf_reads_as_no_blocks_with_a_warning():
    pdf = new_pdf()
    pdf.add_page()
    pdf.line(70, 100, 300, 100)
    blocks = read(output(pdf))
    assert blocks.blocks == ()
    assert blocks.warnings == ("no text on any of the 1 pages (blank pages, or drawings only)",)


def test_text_page_with_a_large_image_says_the_image_is_not_read():
    image_module = pytest.importorskip("PIL.Image", reason="Pillow (test extra) draws the image")
    pdf = new_pdf()
    pdf.add_page()
    body(pdf, 100, ["Phụ lục kèm theo: bảng tổng hợp (ảnh chụp) dưới đây."])
    buffer = io.BytesIO()
    image_module.new("L", (400, 300), 128).save(buffer, format="PNG")
    pdf.image(buffer, x=70, y=150, w=455, h=400)
    blocks = read(output(pdf))
    assert texts(blocks) == ["Phụ lục kèm theo: bảng tổng hợp (ảnh chụp) dưới đây."]
    assert not any(line.place.ocr for line in blocks.lines())
    [warning] = blocks.warnings
    assert warning.startswith("page 1: images cover 36% of the page; only its text layer is read")

"""The DOCX reader: small fixtures written here, and the shared DOCX files."""

from __future__ import annotations

import io
import zipfile

import pytest

from cancu.errors import InputError
from cancu.read.blocks import Blocks, Place
from cancu.read.detect import read_file
from cancu.read.docx import read_docx, wrap
from cancu.read.ooxml import W
from tests.conftest import FORMATS

NS = f'xmlns:w="{W[1:-1]}"'


def docx(body: str, **parts: str) -> bytes:
    """A DOCX holding ``body`` in its document and any other ``word/<name>.xml`` parts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", wrap(body))
        for name, xml in parts.items():
            z.writestr(f"word/{name}.xml", xml)
    return buf.getvalue()


def read(body: str, **parts: str) -> Blocks:
    return read_docx(docx(body, **parts), "t.docx", "0" * 64)


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


# fixtures written here


def test_horizontal_and_vertical_merges_resolve_to_a_grid() -> None:
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    blocks = read(
        tbl(
            tc(p("STT"), restart) + tc(p("Nhiệm vụ"), '<w:gridSpan w:val="2"/>'),
            tc(p(""), cont) + tc(p("Chủ trì")) + tc(p("Phối hợp")),
            tc(p("1")) + tc(p("Rà soát")) + tc(p("Sở Tư pháp")),
        )
    )
    (table,) = blocks.tables()
    assert len(table.rows) == 3 and table.width == 3
    top = table.rows[0][0]
    assert (top.text, top.row_span, top.col_span, top.merged_from) == ("STT", 2, 1, None)
    assert table.rows[1][0].merged_from == (0, 0) and table.rows[1][0].paragraphs == ()
    assert (table.rows[0][1].col_span, table.rows[0][2].merged_from) == (2, (0, 1))
    assert table.origin(1, 0).text == "STT" and table.origin(0, 2).text == "Nhiệm vụ"
    assert [c.text for c in table.rows[2]] == ["1", "Rà soát", "Sở Tư pháp"]
    places = {line.text: line.place for line in blocks.lines()}
    assert places["Sở Tư pháp"] == Place(table=1, row=3, cell=3)
    assert places["Phối hợp"] == Place(table=1, row=2, cell=3)
    assert [line.number for line in blocks.lines()] == list(range(1, 8))


def test_grid_before_leaves_empty_positions() -> None:
    row = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc(p("b"))
    blocks = read(f"<w:tbl><w:tr>{tc(p('a'))}{tc(p('x'))}</w:tr><w:tr>{row}</w:tr></w:tbl>")
    (table,) = blocks.tables()
    assert [c.text for c in table.rows[1]] == ["", "b"]
    assert blocks.place(3) == Place(table=1, row=2, cell=2)


def test_a_blank_number_comes_through_as_written() -> None:
    blocks = read(tbl(tc(p("Số:      /KH-UBND")) + tc(p("Lâm Đồng, ngày      tháng 12 năm 2025"))))
    row = blocks.tables()[0].rows[0]
    assert [c.text for c in row] == ["Số: /KH-UBND", "Lâm Đồng, ngày tháng 12 năm 2025"]


def test_bold_and_centred_paragraphs_direct_and_by_style() -> None:
    styles = (
        f"<w:styles {NS}><w:style w:type='paragraph' w:styleId='Title'><w:pPr><w:jc w:val='center'/>"
        "</w:pPr><w:rPr><w:b/></w:rPr></w:style>"
        "<w:style w:type='paragraph' w:styleId='Sub'><w:basedOn w:val='Title'/></w:style></w:styles>"
    )
    body = (
        p("QUYẾT ĐỊNH", "<w:pStyle w:val='Sub'/>")
        + p("Căn cứ Luật", "<w:jc w:val='both'/>", "<w:i/>")
        + "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Điều 1.</w:t></w:r><w:r><w:t xml:space='preserve'> Phê duyệt</w:t></w:r></w:p>"
        + p("không đậm", "<w:pStyle w:val='Title'/>", "<w:b w:val='0'/>")
    )
    paragraphs = list(read(body, styles=styles).paragraphs())
    looks = [(x.text, x.bold, x.italic, x.align) for x in paragraphs]
    assert looks == [
        ("QUYẾT ĐỊNH", True, False, "center"),
        ("Căn cứ Luật", False, True, "justify"),
        ("Điều 1. Phê duyệt", False, False, None),
        ("không đậm", False, False, "center"),
    ]
    assert [x.lines[0].place for x in paragraphs] == [Place(paragraph=k) for k in range(1, 5)]


def test_nested_table_is_flattened_with_a_warning() -> None:
    inner = tbl(tc(p("a")) + tc(p("b")), tc(p("c")) + tc(p("d")))
    blocks = read(tbl(tc(p("Nội dung") + inner) + tc(p("Sở"))))
    (table,) = blocks.tables()
    assert [x.text for x in table.rows[0][0].paragraphs] == ["Nội dung", "a", "b", "c", "d"]
    assert blocks.warnings == (
        "table 1, row 1, cell 1: a nested table (2 rows × 2 cells) flattened into the cell's paragraphs",
    )


def test_breaks_tabs_empty_paragraphs_and_order() -> None:
    body = (
        p("")
        + "<w:p><w:r><w:t>KT. CHỦ TỊCH</w:t><w:br/><w:t>PHÓ</w:t><w:tab/><w:t>CHỦ TỊCH</w:t></w:r></w:p>"
        + tbl(tc(p("ô")))
        + "<w:sdt><w:sdtContent>"
        + p("trong sdt")
        + "</w:sdtContent></w:sdt>"
    )
    blocks = read(body)
    assert [type(b).__name__ for b in blocks.blocks] == ["Paragraph", "Table", "Paragraph"]
    first = blocks.blocks[0]
    assert [line.text for line in first.lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert blocks.place(4) == Place(paragraph=2)


def test_list_labels_from_numbering() -> None:
    numbering = (
        f"<w:numbering {NS}><w:abstractNum w:abstractNumId='0'>"
        "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl>"
        "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%2)'/></w:lvl>"
        "</w:abstractNum><w:num w:numId='3'><w:abstractNumId w:val='0'/></w:num></w:numbering>"
    )

    def item(text: str, level: int) -> str:
        return p(text, f"<w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='3'/></w:numPr>")

    body = (
        item("Mục tiêu", 0) + item("Một", 1) + item("Hai", 1) + item("Nhiệm vụ", 0) + item("Ba", 1)
    )
    texts = [x.text for x in read(body, numbering=numbering).paragraphs()]
    assert texts == ["1. Mục tiêu", "a) Một", "b) Hai", "2. Nhiệm vụ", "a) Ba"]


def test_page_headers_footnotes_and_pictures_are_warned() -> None:
    header = f"<w:hdr {NS}>{p('CỘNG HÒA (trang đầu)')}</w:hdr>"
    footer = f"<w:ftr {NS}>{p('')}</w:ftr>"
    body = p("Nội dung") + "<w:p><w:r><w:drawing/></w:r></w:p>"
    blocks = read(body, header1=header, footer1=footer)
    assert blocks.warnings == (
        "after paragraph 1: 1 picture(s) or shape(s) without text skipped",
        "word/header1.xml: page header text not read: 'CỘNG HÒA (trang đầu)'",
    )


def test_text_box_is_read_after_its_paragraph() -> None:
    box = f"<w:r><w:pict><w:txbxContent>{p('Dự thảo')}</w:txbxContent></w:pict></w:r>"
    blocks = read(f"<w:p><w:r><w:t>Kế hoạch</w:t></w:r>{box}</w:p>" + p("Sau"))
    assert [x.text for x in blocks.paragraphs()] == ["Kế hoạch", "Dự thảo", "Sau"]
    assert "paragraph 1: 1 paragraph(s) of a text box read after it" in blocks.warnings


def test_text_is_nfc() -> None:
    decomposed = "Ho\u0300a"
    assert next(read(p(decomposed)).paragraphs()).text == "Hòa"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 broken", "not a zip archive"),
        (docx("<w:p>"), "not well-formed XML"),
        (docx(p("   ")), "no text in the document body"),
    ],
)
def test_bad_input_is_an_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        read_docx(data, "bad.docx", "0" * 64)
    assert str(error.value).startswith("bad.docx: ")


# the shared files


def shared(name: str) -> Blocks:
    path = FORMATS / "docx" / name
    if not path.is_file():
        pytest.skip(f"shared file {path} is absent")
    blocks = read_file(path)
    assert blocks.format == "docx"
    return blocks


def test_lamdong_cchc_plan() -> None:
    blocks = shared("lamdong-kh-cchc-nam-2026.docx")
    head = blocks.blocks[0]
    assert head is blocks.tables()[0] and head.width == 2
    assert [c.text for c in head.rows[0]] == [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
    ]
    assert head.rows[1][0].text == "Số: /KH-UBND"
    assert head.rows[1][1].text.startswith("Lâm Đồng, ngày")
    # three w:tbl in word/document.xml, of 2, 1 and 60 w:tr; the task table's w:tblGrid has 7 columns
    tables = blocks.tables()
    assert [(len(t.rows), t.width) for t in tables] == [(2, 2), (1, 2), (60, 7)]
    tasks = tables[2]
    assert [c.text for c in tasks.rows[0]] == [
        "STT",
        "Nhiệm vụ",
        "Sản phẩm",
        "Thời gian hoàn thành",
        "Chủ trì thực hiện",
        "Phối hợp thực hiện",
        "Theo dõi, kiểm tra, đôn đốc",
    ]
    # the file has 3 w:gridSpan (each over the lead and coordinator columns) and 6 vMerge pairs
    spans = [
        (r, c) for r, row in enumerate(tasks.rows) for c, x in enumerate(row) if x.col_span > 1
    ]
    assert len(spans) == 3 and {c for _, c in spans} == {4}
    continued = [x for row in tasks.rows for x in row if x.merged_from and x.merged_from[0] != 0]
    assert sum(1 for x in continued if x.merged_from[1] != 4) == 6
    paragraphs = list(blocks.paragraphs())
    assert [(x.text, x.bold, x.align) for x in paragraphs[:2]] == [
        ("KẾ HOẠCH", True, "center"),
        ("Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng", True, "center"),
    ]
    # the section headings are a Word list (numbering.xml), read with their labels
    assert "1. Cải cách thể chế" in [x.text for x in paragraphs]
    assert any("page header" in w for w in blocks.warnings)


def test_lamdong_tuyentruyen_plan_has_two_task_tables() -> None:
    blocks = shared("lamdong-kh-tuyentruyen-cchc-2026.docx")
    tables = blocks.tables()
    assert [(len(t.rows), t.width) for t in tables] == [(3, 2), (12, 4), (11, 4), (1, 2)]
    for table in tables[1:3]:
        labels = [c.text for c in table.rows[0]]
        assert labels[:3] == ["TT", "Nội dung", "Trách nhiệm thực hiện"]
        assert labels[3].startswith("Thời gian")


def test_nq_24_number_as_written_and_its_40_tables() -> None:
    blocks = shared("nq-24-2026-nq-cp.docx")
    assert "Số: 24/2026//NQ-CP" in [line.text for line in blocks.lines()]
    assert len(blocks.tables()) == 40
    assert [line.number for line in blocks.lines()] == list(range(1, len(list(blocks.lines())) + 1))
    for table in blocks.tables():
        assert len({len(row) for row in table.rows}) == 1

"""The portal HTML reader: small pages written here, and the two saved vbpl.vn pages."""

from __future__ import annotations

import re

import pytest

from cancu.errors import InputError
from cancu.read.blocks import Blocks, Place
from cancu.read.detect import read_file
from cancu.read.html import read_html
from tests.conftest import FORMATS


def read(body: str, head: str = "") -> Blocks:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return read_html(page.encode(), "t.html", "0" * 64)


DOCUMENT = (
    "<div id='doc'><p align='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>"
    "<p>Số: 12/QĐ-UBND</p><p>Điều 1. Phê duyệt</p></div>"
)


def test_words_split_by_inline_elements_are_joined_and_blocks_are_not() -> None:
    blocks = read(
        "<div><p>Tên d<span style='color:red'>ự</span> <b>án</b>: Trường</p>"
        "<p>học</p><div>Sở<br>Nội vụ</div></div>"
    )
    paragraphs = list(blocks.paragraphs())
    assert [x.text for x in paragraphs] == ["Tên dự án: Trường", "học", "Sở Nội vụ"]
    assert [line.text for line in paragraphs[2].lines] == ["Sở", "Nội vụ"]


def test_rowspan_and_colspan_resolve_to_a_grid() -> None:
    blocks = read(
        "<table><tr><th rowspan='2'>STT</th><th colspan='2'>Thực hiện</th></tr>"
        "<tr><td>Chủ trì</td><td>Phối hợp</td></tr>"
        "<tr><td>1</td><td>Sở Tư pháp</td><td>Các sở</td></tr></table>"
    )
    (table,) = blocks.tables()
    assert (len(table.rows), table.width) == (3, 3)
    assert (table.rows[0][0].row_span, table.rows[1][0].merged_from) == (2, (0, 0))
    assert (table.rows[0][1].col_span, table.rows[0][2].merged_from) == (2, (0, 1))
    assert [c.text for c in table.rows[1]] == ["", "Chủ trì", "Phối hợp"]
    assert table.origin(1, 0).text == "STT" and table.rows[0][0].paragraphs[0].bold
    assert blocks.place(4) == Place(table=1, row=2, cell=3)


def test_nested_table_is_flattened_with_a_warning() -> None:
    blocks = read(
        "<table><tr><td>Nội dung<table><tr><td>a</td><td>b</td></tr></table></td></tr></table>"
    )
    (table,) = blocks.tables()
    assert [x.text for x in table.rows[0][0].paragraphs] == ["Nội dung", "a", "b"]
    assert blocks.warnings == (
        "table 1, row 1, cell 1: a nested table (1 rows × 2 cells) flattened into the cell's paragraphs",
    )


def test_blank_number_bold_and_alignment() -> None:
    blocks = read(
        "<p style='text-align: center'><strong>QUYẾT ĐỊNH</strong></p>"
        "<p>Số:&nbsp;&nbsp;&nbsp; /KH-UBND</p><div align='right'><i>Hà Nội, ngày</i></div>"
    )
    looks = [(x.text, x.bold, x.italic, x.align) for x in blocks.paragraphs()]
    assert looks == [
        ("QUYẾT ĐỊNH", True, False, "center"),
        ("Số: /KH-UBND", False, False, None),
        ("Hà Nội, ngày", False, True, "right"),
    ]


def test_chrome_scripts_and_styles_are_dropped_and_metadata_read() -> None:
    chrome = (
        "<nav><ul><li>Trang chủ</li><li>Văn bản pháp luật</li></ul></nav>"
        "<ul class='info'><li><span>Hiệu lực: </span>Còn hiệu lực</li>"
        "<li><span>Ngày có hiệu lực:</span> 01/01/2014</li></ul>"
        "<table><tr><td>Số ký hiệu</td><td>12/QĐ-UBND</td></tr></table>"
        "<footer><span>Điện thoại:</span> 024</footer>"
        "<script>var x = 'Điều 1';</script><style>p { color: red }</style>"
    )
    blocks = read(f"<div>{chrome}<div class='main'>{DOCUMENT * 3}</div></div>", "<title>T</title>")
    assert next(blocks.lines()).text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    text = " ".join(line.text for line in blocks.lines())
    assert "Trang chủ" not in text and "color" not in text and "var x" not in text
    fields = {f.name: f.value for f in blocks.metadata}
    assert fields == {
        "Hiệu lực": "Còn hiệu lực",
        "Ngày có hiệu lực": "01/01/2014",
        "Số ký hiệu": "12/QĐ-UBND",
    }
    assert blocks.warnings[0].startswith("page: ") and "page chrome" in blocks.warnings[0]


def test_the_header_beside_the_body_stays_with_it() -> None:
    header = "<table><tr><td>QUỐC HỘI<br>Số: Không số</td></tr></table>"
    body = (
        "<div class='text'>"
        + "<p>Điều 1. Nước Cộng hòa xã hội chủ nghĩa Việt Nam.</p>" * 20
        + "</div>"
    )
    blocks = read(f"<div class='menu'>Menu</div><div class='full'>{header}{body}</div>")
    assert blocks.blocks[0] is blocks.tables()[0]
    assert blocks.tables()[0].rows[0][0].lines[0].text == "QUỐC HỘI"


def test_meta_charset_is_honoured_and_text_is_nfc() -> None:
    page = '<html><head><meta charset="windows-1258"></head><body><p>Ho\u0300a Bi\u0300nh</p></body></html>'
    blocks = read_html(page.encode("cp1258"), "t.html", "0" * 64)
    assert next(blocks.paragraphs()).text == "Hòa Bình"


def test_an_undeclared_legacy_encoding_is_read_as_windows_1258_with_a_warning() -> None:
    page = "<html><body><p>Ho\u0300a Bi\u0300nh</p></body></html>".encode("cp1258")
    blocks = read_html(page, "t.html", "0" * 64)
    assert next(blocks.paragraphs()).text == "Hòa Bình"
    assert blocks.warnings == ("page: no charset declared and not UTF-8; read as windows-1258",)


def test_images_and_hidden_text_are_warned() -> None:
    blocks = read("<p>Nội dung<img src='a.png' alt='con dấu'></p><p style='display:none'>ẩn</p>")
    assert blocks.warnings == (
        "near paragraph 1: an image skipped (alt text 'con dấu')",
        "near paragraph 2: 2 characters of hidden text skipped",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><script>x</script></body></html>", "no text found"),
        (b'<html><head><meta charset="nope"></head><body>a</body></html>', "unknown charset"),
        (
            b'<html><head><meta charset="utf-8"></head><body>\xff\xfe</body></html>',
            "not utf-8 text",
        ),
    ],
)
def test_bad_pages_are_input_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        read_html(data, "bad.html", "0" * 64)
    assert str(error.value).startswith("bad.html: ")


# the saved vbpl.vn pages


def shared(name: str) -> Blocks:
    path = FORMATS / "html" / name
    if not path.is_file():
        pytest.skip(f"shared file {path} is absent")
    blocks = read_file(path)
    assert blocks.format == "html"
    return blocks


_LEAKS = re.compile(r"[{}]|function\s*\(|var\s+\w+\s*=|font-family|!important|\.css\b|</?\w+[ >]")


def test_new_site_page() -> None:
    blocks = shared("vbpl-new-nd-249-2025-nd-cp.html")
    lines = [line.text for line in blocks.lines()]
    assert lines[:5] == [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 249/2025/NĐ-CP",
        "Hà Nội, ngày 19 tháng 09 năm 2025",
    ]
    assert not [x for x in lines if _LEAKS.search(x)]
    # the page's menu, breadcrumb and table of contents ("Mục lục") stay outside
    assert "Mục lục" not in lines and "Trang chủ" not in " ".join(lines)
    # "Chương I" is wrapped in <span><strong><span><b>…: one word, read as such
    assert "Chương I" in lines and "Điều 1. Phạm vi điều chỉnh" in lines
    assert blocks.field("Ngày có hiệu lực") == "19/09/2025"
    assert blocks.field("Tình trạng hiệu lực") == "Còn hiệu lực"
    assert blocks.field("Tiêu đề").startswith("Nghị định số 249/2025/NĐ-CP")
    # the content holds two <table>: the header and the signature
    assert [(len(t.rows), t.width) for t in blocks.tables()] == [(2, 2), (1, 2)]
    assert lines[-1] == "Nguyễn Hòa Bình"


def test_old_site_page() -> None:
    blocks = shared("vbpl-old-toanvan-hienphap-2013.html")
    lines = [line.text for line in blocks.lines()]
    assert lines[:5] == [
        "QUỐC HỘI",
        "Số: Không số",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 28 tháng 11 năm 2013",
    ]
    assert lines[5:8] == ["HIẾN PHÁP", "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "LỜI NÓI ĐẦU"]
    assert not [x for x in lines if _LEAKS.search(x)]
    assert "Điều 120" in lines
    assert blocks.field("Hiệu lực") == "Còn hiệu lực"
    assert blocks.field("Ngày có hiệu lực") == "01/01/2014"

"""Find the document inside a legal portal's page, and read the portal's metadata block.

A page exported from a legal portal carries the site's chrome around the document:
a copyright notice and "Đang tải văn bản…" first, then the site's metadata block
(``Số hiệu:`` | value, ``Loại văn bản:`` | value …, each in its own cell), sometimes a
site summary, and after the signature the site's footer (related documents, address,
a privacy notice). The document itself opens with its issuer block and the national
motto (Nghị định 30/2020/NĐ-CP) and ends before the footer.

>>> from cancu.text.normalize import normalize_text
>>> from cancu.text.segment import split_cells
>>> page = "\\n|\\n".join(["Đang tải văn bản...", "Số hiệu:", "12/QĐ-UBND", "Người ký:", "An",
...     "Xem chi tiết", "ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
...     "Số: 12/QĐ-UBND", "Văn bản này chưa cập nhật nội dung Tiếng Anh\\n## Văn bản liên quan"])
>>> found = find_document(split_cells(normalize_text(page)))
>>> found.start, found.end, [(f.name, f.value) for f in found.fields]
(6, 9, [('Số hiệu', '12/QĐ-UBND'), ('Người ký', 'An')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cancu.read.blocks import Field, Place
from cancu.text.segment import Cell, is_upper

_LABEL = re.compile(
    r"^(Số hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Người ký|Ngày ban hành|Ngày hiệu lực"
    r"|Ngày công báo|Số công báo|Tình trạng|Tình trạng hiệu lực|Lĩnh vực|Ngày hết hiệu lực"
    r"|Ngày đăng|Cập nhật)\s*:?$"
)
_PLACEHOLDER = re.compile(r"^(Đã biết|Đang cập nhật|Không có|\.\.\.)$", re.IGNORECASE)
_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
)
_FOOTER = re.compile(
    r"^(#{0,6}\s*Văn bản (liên quan|gốc|tiếng Anh|được hướng dẫn)|Văn bản này chưa cập nhật"
    r"|#{0,6}\s*(Lược đồ|Nội dung MIX|Tải về))",
    re.IGNORECASE,
)
_LOADING = re.compile(r"^Đang tải văn bản")


@dataclass
class Found:
    """Where the document is in the page's cells, and the portal's metadata fields.

    ``start``/``end`` index the cells (``end`` is past the last); ``fields`` leaves out the
    portal's placeholders ("Đã biết", "Đang cập nhật"), which are not data.
    """

    start: int
    end: int
    fields: list[Field] = field(default_factory=list)


def _metadata(cells: list[Cell]) -> tuple[list[Field], int]:
    """The fields of the first metadata block, and the index past its last value."""
    fields: list[Field] = []
    past = 0
    i = 0
    while i < len(cells):
        # A label may close a cell that began with chrome ("Đang tải văn bản…" / "Số hiệu:").
        last = cells[i].lines[-1][1].strip() if cells[i].lines else ""
        match = _LABEL.match(cells[i].text) or _LABEL.match(last)
        if not match:
            i += 1
            if fields and i - past > 3:
                break  # the block is over
            continue
        j = i + 1
        while j < len(cells) and not cells[j].text:
            j += 1
        if j >= len(cells) or _LABEL.match(cells[j].text):
            i = j
            continue
        value = cells[j].text
        if not _PLACEHOLDER.match(value):
            fields.append(Field(match.group(1), value, Place(line=cells[j].start)))
        past = i = j + 1
    return fields, past


def _motto_at(cells: list[Cell], start: int) -> int | None:
    for k in range(start, len(cells)):
        if _MOTTO.search(cells[k].text):
            return k
    return None


def find_document(cells: list[Cell]) -> Found:
    """Locate the document in a page's cells (the whole text when there is no chrome)."""
    fields, past = _metadata(cells)
    loading = next((k for k, c in enumerate(cells) if _LOADING.match(c.text)), None)
    begin = past if fields else (loading + 1 if loading is not None else 0)
    start = begin
    motto = _motto_at(cells, begin)
    if motto is not None and (fields or loading is not None or motto <= 3):
        start = motto
        previous = motto - 1
        while previous >= begin and not cells[previous].text:
            previous -= 1
        if previous >= begin and is_upper(cells[previous].text) and len(cells[previous].text) < 200:
            start = previous
    end = len(cells)
    for k in range(start, len(cells)):
        if any(_FOOTER.match(text.strip()) for _, text in cells[k].lines):
            end = k
            break
    return Found(start, end, fields)

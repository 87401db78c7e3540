"""One instrument, one IRI, however a document cites it."""

from __future__ import annotations

from cancu.parse.mentions import find_mentions
from cancu.pipeline import extract_record

HEADER = ["ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 5/QĐ-UBND",
          "X, ngày 2 tháng 1 năm 2026", "QUYẾT ĐỊNH\nVề việc thí điểm\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"]  # fmt: skip


def test_a_year_run_into_its_word_is_read():
    [mention] = find_mentions("Căn cứ Luật Thủy sản năm2017;")
    assert (mention.name, mention.year) == ("Luật Thủy sản", 2017)


def test_a_law_named_with_and_without_its_number_is_one_instrument():
    body = (
        "Căn cứ Luật Đầu tư công số 58/2024/QH15;\n"
        "Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Thực hiện theo Luật Đầu tư công."
    )
    doc = extract_record("\n|\n".join([*HEADER, body]))
    refs = {
        c.instrument for c in doc.citations if (c.instrument.name or "").endswith("Đầu tư công")
    }
    assert {r.number.normalized for r in refs if r.number} == {"58/2024/QH15"}
    assert all(r.number is not None for r in refs)

"""Mentions of instruments in running text: real sentences from data/sources/*.txt."""

from __future__ import annotations

import re
from datetime import date as D
from itertools import pairwise
from pathlib import Path

import pytest

from cancu.parse.mentions import Mention, find_mentions

SOURCES = Path(__file__).parent.parent / "data" / "sources"


def key(m: Mention) -> tuple:
    """The fields a test pins: type word, number, name, date, issuer."""
    return (
        m.type_word,
        m.number.normalized if m.number else None,
        m.name,
        m.date,
        m.issuer_text,
    )


# (sentence, expected keys, extra field checks on the first mention)
CASES = [
    (
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính "
        "phủ về thực hiện cơ "
        "chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;",
        [("Nghị định", "61/2018/NĐ-CP", None, D(2018, 4, 23), "Chính phủ")],
        {
            "type_code": "NĐ",
            "date_as_written": "23 tháng 4 năm 2018",
            "subject": "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
            "hành chính",
        },
    ),
    (
        "theo quy định của Thủ tướng Chính phủ tại Quyết định số 1291/QĐ-TTg ngay 07/10/2019.",
        [("Quyết định", "1291/QĐ-TTg", None, D(2019, 10, 7), None)],
        {"as_written": "Quyết định số 1291/QĐ-TTg ngay 07/10/2019", "type_code": "QĐ"},
    ),
    (
        "Căn cứ Luật số 47/2019/QH14 ngày 22 tháng 11 năm 2019 về sửa đổi, bổ "
        "sung một số điều của "
        "Luật Tổ chức Chính phủ và Luật Chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        [
            ("Luật", "47/2019/QH14", None, D(2019, 11, 22), None),
            ("Luật", None, "Luật Tổ chức Chính phủ", None, None),
            ("Luật", None, "Luật Chính quyền địa phương", D(2019, 11, 22), None),
        ],
        {"subject": "sửa đổi, bổ sung một số điều của", "type_code": None, "year": 2019},
    ),
    (
        "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        [("Luật", None, "Luật Tổ chức Chính quyền địa phương", D(2015, 6, 19), None)],
        {"year": 2015, "number": None},
    ),
    (
        "Căn cứ Luật Công nghệ thông tin số 67/2006/QH11 ngày 29 tháng 6 năm 2006;",
        [("Luật", "67/2006/QH11", "Luật Công nghệ thông tin", D(2006, 6, 29), None)],
        {"as_written": "Luật Công nghệ thông tin số 67/2006/QH11 ngày 29 tháng 6 năm 2006"},
    ),
    (
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính "
        "trị về đột phá phát "
        "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        [("Nghị quyết", "57-NQ/TW", None, D(2024, 12, 22), "Bộ Chính trị")],
        {"type_code": "NQ"},
    ),
    (
        "Thông tư số 26/2019/TT-BTC ngày 10/5/2019",
        [("Thông tư", "26/2019/TT-BTC", None, D(2019, 5, 10), None)],
        {"type_code": "TT", "date_as_written": "10/5/2019"},
    ),
    (
        "QĐ số 15/2013/QĐ-UBND ngày 16/4/2013; QĐ số 25/QĐ-UBND ngày 25/5/2015; TT số "
        "14/2014/TTLT-BTC-BTP",
        [
            ("Quyết định", "15/2013/QĐ-UBND", None, D(2013, 4, 16), None),
            ("Quyết định", "25/QĐ-UBND", None, D(2015, 5, 25), None),
            ("Thông tư", "14/2014/TTLT-BTC-BTP", None, None, None),
        ],
        {"as_written": "QĐ số 15/2013/QĐ-UBND ngày 16/4/2013"},
    ),
    (
        "h) Đối với báo cáo định kỳ, các cơ quan thực hiện theo quy định tại Công văn số "
        "454/UBND-HCC ngày 14/3/2019 của Ủy ban nhân dân tỉnh về thực hiện công "
        "tác CCHC và kiểm "
        "soát TTHC hàng năm.",
        [("Công văn", "454/UBND-HCC", None, D(2019, 3, 14), "Ủy ban nhân dân tỉnh")],
        {"subject": "thực hiện công tác CCHC và kiểm soát TTHC hàng năm", "type_code": None},
    ),
    (
        "theo 26/2019/TT-BTC",
        [("Thông tư", "26/2019/TT-BTC", None, None, None)],
        {"as_written": "26/2019/TT-BTC", "type_code": "TT"},
    ),
    (
        "theo quy định của Luật Ban hành văn bản quy phạm pháp luật năm 2015, "
        "Luật sửa đổi, bổ sung "
        "một số điều của Luật Ban hành văn bản quy phạm pháp luật được ban hành năm 2020",
        [
            ("Luật", None, "Luật Ban hành văn bản quy phạm pháp luật", None, None),
            (
                "Luật",
                None,
                "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
                None,
                None,
            ),
        ],
        {"year": 2015, "as_written": "Luật Ban hành văn bản quy phạm pháp luật năm 2015"},
    ),
    (
        "áp dụng hệ thống quản lý chất lượng (HTQLCL) theo Tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2015 "
        "vào hoạt động của các cơ quan, tổ chức.",
        [],
        {},
    ),
    (
        "Căn cứ Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ "
        "Ban hành chương trình "
        "hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng "
        "12 năm 2024 của Bộ "
        "Chính trị về đột phá phát triển khoa học;",
        [
            ("Nghị quyết", "3/NQ-CP", None, D(2025, 1, 9), "Chính phủ"),
            ("Nghị quyết", "57-NQ/TW", None, D(2024, 12, 22), "Bộ Chính trị"),
        ],
        {"subject": "Ban hành chương trình hành động của Chính phủ thực hiện"},
    ),
    (
        "Căn cứ Công văn số 725/BNV-CCHC ngày 01 tháng 3 năm 2012 của Bộ Nội vụ "
        "về việc hướng dẫn "
        "xây dựng Kế hoạch cải cách hành chính và báo cáo cải cách hành chính hàng năm;",
        [("Công văn", "725/BNV-CCHC", None, D(2012, 3, 1), "Bộ Nội vụ")],
        {
            "subject": "hướng dẫn xây dựng Kế hoạch cải cách hành chính và báo cáo cải cách hành "
            "chính hàng năm"
        },
    ),
    (
        "Căn cứ Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính "
        "phủ sửa đổi, bổ sung "
        "một số điều của các nghị định liên quan đến kiểm soát thủ tục hành chính;",
        [("Nghị định", "92/2017/NĐ-CP", None, D(2017, 8, 7), "Chính phủ")],
        {
            "subject": "sửa đổi, bổ sung một số điều của các nghị định liên quan đến kiểm soát thủ "
            "tục hành chính"
        },
    ),
    (
        "đ) Thực hiện nghiêm túc Chỉ thị số 13/CT-TTg ngày 10/6/2015 của Thủ "
        "tướng Chính phủ về việc "
        "nâng cao trách nhiệm người đứng đầu cơ quan hành chính các cấp.",
        [("Chỉ thị", "13/CT-TTg", None, D(2015, 6, 10), "Thủ tướng Chính phủ")],
        {"type_code": "CT"},
    ),
    (
        "Đề án sắp xếp các cơ quan chuyên môn theo Nghị quyết số 18-NQ/TW, Nghị "
        "quyết số 19-NQ/TW "
        "ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng (khóa XII), Nghị định "
        "số 107/2020/NĐ-CP , "
        "Nghị định số 108/2020/NĐ-CP ; Nghị định số 120/2020/NĐ-CP",
        [
            ("Nghị quyết", "18-NQ/TW", None, None, None),
            ("Nghị quyết", "19-NQ/TW", None, D(2017, 10, 25), "Ban Chấp hành Trung ương Đảng"),
            ("Nghị định", "107/2020/NĐ-CP", None, None, None),
            ("Nghị định", "108/2020/NĐ-CP", None, None, None),
            ("Nghị định", "120/2020/NĐ-CP", None, None, None),
        ],
        {},
    ),
    (
        "Báo cáo kết quả thực hiện Nghị định 130/2005/NĐ-CP ngày 17/10/2005 và Nghị định "
        "117/2013/NĐ-CP ngày 07/10/2013 về sửa đổi, bổ sung Nghị định "
        "130/2005/NĐ-CP của Chính phủ",
        [
            ("Nghị định", "130/2005/NĐ-CP", None, D(2005, 10, 17), None),
            ("Nghị định", "117/2013/NĐ-CP", None, D(2013, 10, 7), None),
            ("Nghị định", "130/2005/NĐ-CP", None, None, "Chính phủ"),
        ],
        {},
    ),
    (
        "những văn bản có chính sách theo quy định tại khoản 2, khoản 3, khoản 4 "
        "Điều 27 Luật ban "
        "hành văn bản QPPL.",
        [("Luật", None, "Luật ban hành văn bản QPPL", None, None)],
        {"pinpoint": "khoản 2, khoản 3, khoản 4 Điều 27"},
    ),
    (
        "theo chỉ đạo của UBND tỉnh tại Công văn số 2118/UBND-NCPC",
        [("Công văn", "2118/UBND-NCPC", None, None, None)],
        {"type_code": None},
    ),
    (
        "Căn cứ Thông tư số 32/2014/TT-BNNPTNT ngày 10/9/2014 của Bộ Nông nghiệp "
        "và PTNT (nay là Bộ "
        "Nông nghiệp và Môi trường) về quy định hoạt động quan trắc, cảnh báo "
        "môi trường ngành nông "
        "nghiệp và phát triển nông thôn;",
        [("Thông tư", "32/2014/TT-BNNPTNT", None, D(2014, 9, 10), "Bộ Nông nghiệp và PTNT")],
        {
            "subject": "quy định hoạt động quan trắc, cảnh báo môi trường ngành nông nghiệp và "
            "phát triển nông thôn"
        },
    ),
    (
        "Căn cứ Luật Thủy sản năm 2017;",
        [("Luật", None, "Luật Thủy sản", None, None)],
        {"year": 2017},
    ),
    (
        "theo hướng dẫn tại Quyết định 513/QĐ-TCTS-NTTS ngày 28/12/2021 của Tổng "
        "cục Thủy sản (nay "
        "Cục Thủy sản và Kiểm ngư).",
        [("Quyết định", "513/QĐ-TCTS-NTTS", None, D(2021, 12, 28), "Tổng cục Thủy sản")],
        {},
    ),
    (
        "Chương trình hành động số 10- CTr/TU ngày 13/8/2025 của Ban Thường vụ "
        "Tỉnh ủy; Thông báo số "
        "30-TB/TGV ngày 13/6/2025 của Tổ giúp việc Ban chỉ đạo Trung ương về "
        "phát triển khoa học",
        [
            ("Chương trình hành động", "10-CTr/TU", None, D(2025, 8, 13), "Ban Thường vụ Tỉnh ủy"),
            ("Thông báo", "30-TB/TGV", None, D(2025, 6, 13), "Tổ giúp việc Ban chỉ đạo Trung ương"),
        ],
        {"type_code": "CTr"},
    ),
    (
        "BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 "
        "NĂM 2025 CỦA THỦ "
        "TƯỚNG CHÍNH PHỦ VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC NGÀY 05 THÁNG 9 NĂM 2025 "
        "CỦA BỘ TÀI CHÍNH",
        [
            ("Quyết định", "6/QĐ-TTg", None, D(2025, 1, 2), "THỦ TƯỚNG CHÍNH PHỦ"),
            ("Quyết định", "3103/QĐ-BTC", None, D(2025, 9, 5), "BỘ TÀI CHÍNH"),
        ],
        {},
    ),
    (
        "Quyết định sửa đổi, bổ sung Quyết định số 09/2018/QĐ-UBND ngày "
        "18/4/2018 ban hành Quy định "
        "về phân cấp quản lý cán bộ, công chức, viên chức",
        [("Quyết định", "9/2018/QĐ-UBND", None, D(2018, 4, 18), None)],
        {"subject": "ban hành Quy định về phân cấp quản lý cán bộ, công chức, viên chức"},
    ),
    (
        "Căn cứ Quyết định số 1746/QĐ-TTg ngày 30/12/2023 của Thủ tưởng Chính "
        "phủ về việc phê duyệt "
        "Quy hoạch tỉnh Phú Yên (cũ) thời kỳ 2021 - 2030, tầm nhìn đến năm 2050;",
        [("Quyết định", "1746/QĐ-TTg", None, D(2023, 12, 30), "Thủ tưởng Chính phủ")],
        {
            "subject": "phê duyệt Quy hoạch tỉnh Phú Yên (cũ) thời kỳ 2021 - 2030, "
            "tầm nhìn đến năm 2050"
        },
    ),
]


@pytest.mark.parametrize(("text", "expected", "fields"), CASES)
def test_find_mentions(text: str, expected: list[tuple], fields: dict) -> None:
    mentions = find_mentions(text)
    assert [key(m) for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.as_written
    for name, value in fields.items():
        assert getattr(mentions[0], name) == value, name


def test_enough_cases() -> None:
    assert len(CASES) >= 25


def test_nested_subject_stops_before_next_mention() -> None:
    text = CASES[12][0]
    first, second = find_mentions(text)
    assert first.end <= second.start
    assert "Nghị quyết số 57" not in (first.subject or "")


def hcm_legal_bases() -> list[str]:
    """Lines 29–128 of the TP.HCM decision: one line per paragraph, emphasis removed."""
    lines = (SOURCES / "qd-2820-2025-ubnd-tphcm.txt").read_text(encoding="utf-8").splitlines()
    block = "\n".join(lines[28:128]).replace("*", "")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", block) if p.strip()]


L = "Luật"
QD, NQ = "Quyết định", "Nghị quyết"
TTG = "Thủ tướng Chính phủ"
HCM = "Ủy ban nhân dân Thành phố Hồ Chí Minh"
AMENDING = "Luật sửa đổi, bổ sung một số điều"

HCM_EXPECTED = [
    [(L, "72/2025/QH15", "Luật Tổ chức chính quyền địa phương", None, None)],
    [
        (L, None, "Luật Quy hoạch", D(2017, 11, 24), None),
        (L, None, AMENDING, None, None),
        (L, None, "Luật Quy hoạch", None, None),
        (L, None, "Luật Đầu tư", None, None),
        (L, None, "Luật Đầu tư theo phương thức đối tác công tư", None, None),
        (L, None, "Luật Đấu thầu", D(2024, 11, 29), None),
    ],
    [(L, "67/2006/QH11", "Luật Công nghệ thông tin", D(2006, 6, 29), None)],
    [(L, "60/2024/QH15", "Luật Dữ liệu", D(2024, 11, 30), None)],
    [
        (L, "31/2024/QH15", "Luật Đất đai", D(2024, 1, 18), None),
        (L, None, AMENDING, None, None),
        (L, "31/2024/QH15", "Luật Đất đai", None, None),
        (L, "27/2023/QH15", "Luật Nhà ở", None, None),
        (L, "29/2023/QH15", "Luật Kinh doanh bất động sản", None, None),
        (L, "32/2024/QH15", "Luật Các tổ chức tín dụng", None, None),
    ],
    [(L, "20/2023/QH15", "Luật Giao dịch điện tử", D(2023, 6, 22), None)],
    [
        (L, "50/2014/QH13", "Luật Xây dựng", None, None),
        (L, "62/2020/QH14", AMENDING + " của Luật xây dựng", D(2020, 6, 17), None),
    ],
    [(L, "27/2018/QH14", "Luật Đo đạc và bản đồ", D(2018, 6, 14), None)],
    [
        (L, "58/2024/QH15", "Luật Đầu tư công", D(2024, 11, 29), None),
        (L, None, "Luật Sửa đổi, bổ sung một số điều", None, None),
        (L, None, "Luật Đấu thầu", None, None),
        (L, None, "Luật Đầu tư theo phương thức đối tác công tư", None, None),
        (L, None, "Luật Hải quan", None, None),
        (L, None, "Luật Thuế giá trị gia tăng", None, None),
        (L, None, "Luật Thuế xuất khẩu, thuế nhập khẩu", None, None),
        (L, None, "Luật Đầu tư", None, None),
        (L, None, "Luật Đầu tư công", None, None),
        (L, None, "Luật Quản lý, sử dụng tài sản công", None, None),
    ],
    [(L, "24/2018/QH14", "Luật An ninh mạng", D(2018, 6, 12), None)],
    [(L, "104/2016/QH13", "Luật Tiếp cận thông tin", D(2016, 4, 6), None)],
    [(L, "86/2015/QH13", "Luật An toàn thông tin mạng", D(2015, 11, 19), None)],
    [
        (NQ, "3/NQ-CP", None, D(2025, 1, 9), "Chính phủ"),
        (NQ, "57-NQ/TW", None, D(2024, 12, 22), "Bộ Chính trị"),
        (NQ, "71/NQ-CP", None, D(2025, 4, 1), "Chính phủ"),
    ],
    [(QD, "749/QĐ-TTg", None, D(2020, 6, 3), TTG)],
    [(QD, "6/QĐ-TTg", None, D(2025, 1, 2), TTG)],
    [(NQ, "98/2023/QH15", None, D(2023, 6, 24), "Quốc hội")],
    [
        (NQ, "66.2/2025/NQ-CP", None, D(2025, 8, 28), "Chính phủ"),
        (L, None, "Luật Quy hoạch", None, None),
    ],
    [
        (QD, "1629/QĐ-TTg", None, D(2023, 12, 16), None),
        (QD, "790/QĐ-TTg", None, D(2024, 8, 3), None),
        (QD, "1711/QĐ-TTg", None, D(2024, 12, 31), None),
    ],
    [
        (QD, "3103/QĐ-BTC", None, D(2025, 9, 5), "Bộ Tài chính"),
        (QD, "6/QĐ-TTg", None, D(2025, 1, 2), TTG),
    ],
    [(QD, "1/2025/QĐ-UBND", None, D(2025, 7, 1), HCM)],
    [
        ("Kế hoạch", "4354/KH-UBND", None, D(2025, 6, 14), HCM),
        ("Kế hoạch hành động", "459-KHHĐ/TU", None, D(2025, 5, 21), "Thành ủy Thành phố"),
        (NQ, "57-NQ/TW", None, D(2024, 12, 22), "Bộ Chính trị"),
    ],
    [("Công văn", "11033/STC-CSTH", None, D(2025, 10, 29), None)],
    [],  # line 128: "QUYẾT ĐỊNH:"
]


def test_hcm_legal_bases_block() -> None:
    paragraphs = hcm_legal_bases()
    assert len(paragraphs) == len(HCM_EXPECTED) == 23
    for paragraph, expected in zip(paragraphs, HCM_EXPECTED, strict=True):
        mentions = find_mentions(paragraph)
        assert [key(m) for m in mentions] == expected, paragraph
        for a, b in pairwise(mentions):
            assert a.end <= b.start


def test_hcm_subjects() -> None:
    paragraphs = hcm_legal_bases()
    [m] = find_mentions(paragraphs[13])
    assert m.subject == (
        'phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"'
    )
    [m] = find_mentions(paragraphs[19])
    assert m.subject == (
        "Quy chế làm việc của Ủy ban nhân dân Thành phố Hồ Chí Minh nhiệm kỳ 2021-2026"
    )
    first = find_mentions(paragraphs[17])[0]
    assert first.subject == "phê duyệt Quy hoạch tỉnh Bà Rịa - Vũng Tàu"

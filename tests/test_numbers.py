"""Instrument numbers: real numbers from data/sources and the primer, and false friends."""

from __future__ import annotations

import pytest

from cancu.errors import ParseError
from cancu.parse.numbers import find_numbers, parse_number

# as written → (normalized, kind, serial, year, type_code, issuer_codes, unit, legislature)
VALID = [
    ("2818/QĐ-UBND", ("2818/QĐ-UBND", "administrative", "2818", None, "QĐ", ("UBND",), None, None)),
    ("61/2018/NĐ-CP", ("61/2018/NĐ-CP", "normative", "61", 2018, "NĐ", ("CP",), None, None)),
    ("26/2019/TT-BTC", ("26/2019/TT-BTC", "normative", "26", 2019, "TT", ("BTC",), None, None)),
    ("15/2013/QĐ-UBND", ("15/2013/QĐ-UBND", "normative", "15", 2013, "QĐ", ("UBND",), None, None)),
    (
        "14/2014/TTLT-BTC-BTP",
        ("14/2014/TTLT-BTC-BTP", "normative", "14", 2014, "TTLT", ("BTC", "BTP"), None, None),
    ),
    ("47/2019/QH14", ("47/2019/QH14", "law", "47", 2019, None, ("QH",), None, 14)),
    ("67/2006/QH11", ("67/2006/QH11", "law", "67", 2006, None, ("QH",), None, 11)),
    ("98/2023/QH15", ("98/2023/QH15", "law", "98", 2023, None, ("QH",), None, 15)),
    ("800/QĐ-UBND", ("800/QĐ-UBND", "administrative", "800", None, "QĐ", ("UBND",), None, None)),
    ("1291/QĐ-TTg", ("1291/QĐ-TTg", "administrative", "1291", None, "QĐ", ("TTg",), None, None)),
    ("13/CT-TTg", ("13/CT-TTg", "administrative", "13", None, "CT", ("TTg",), None, None)),
    ("03/NQ-CP", ("3/NQ-CP", "administrative", "3", None, "NQ", ("CP",), None, None)),
    (
        "725/BNV-CCHC",
        ("725/BNV-CCHC", "official_letter", "725", None, None, ("BNV",), "CCHC", None),
    ),
    (
        "454/UBND-HCC",
        ("454/UBND-HCC", "official_letter", "454", None, None, ("UBND",), "HCC", None),
    ),
    (
        "2118/UBND-NCPC",
        ("2118/UBND-NCPC", "official_letter", "2118", None, None, ("UBND",), "NCPC", None),
    ),
    (
        "11033/STC-CSTH",
        ("11033/STC-CSTH", "official_letter", "11033", None, None, ("STC",), "CSTH", None),
    ),
    ("18-NQ/TW", ("18-NQ/TW", "party", "18", None, "NQ", ("TW",), None, None)),
    ("57-NQ/TW", ("57-NQ/TW", "party", "57", None, "NQ", ("TW",), None, None)),
    ("459-KHHĐ/TU", ("459-KHHĐ/TU", "party", "459", None, "KHHĐ", ("TU",), None, None)),
    ("30-TB/TGV", ("30-TB/TGV", "party", "30", None, "TB", ("TGV",), None, None)),
    ("10- CTr/TU", ("10-CTr/TU", "party", "10", None, "CTr", ("TU",), None, None)),
    ("66.2/2025/NQ-CP", ("66.2/2025/NQ-CP", "normative", "66.2", 2025, "NQ", ("CP",), None, None)),
    ("66/2018/QĐ- UBND", ("66/2018/QĐ-UBND", "normative", "66", 2018, "QĐ", ("UBND",), None, None)),
    ("06/QĐ-TTG", ("6/QĐ-TTg", "administrative", "6", None, "QĐ", ("TTg",), None, None)),
    ("0134/KH-UBND", ("134/KH-UBND", "administrative", "134", None, "KH", ("UBND",), None, None)),
    (
        "01348/QĐ-UBND",
        ("1348/QĐ-UBND", "administrative", "1348", None, "QĐ", ("UBND",), None, None),
    ),
    (
        "513/QĐ-TCTS-NTTS",
        ("513/QĐ-TCTS-NTTS", "administrative", "513", None, "QĐ", ("TCTS",), "NTTS", None),
    ),
    (
        "4255/QĐ-BNN-KHCN",
        ("4255/QĐ-BNN-KHCN", "administrative", "4255", None, "QĐ", ("BNN",), "KHCN", None),
    ),
    (
        "32/2014/TT-BNNPTNT",
        ("32/2014/TT-BNNPTNT", "normative", "32", 2014, "TT", ("BNNPTNT",), None, None),
    ),
    ("2818/QD-UBND", ("2818/QĐ-UBND", "administrative", "2818", None, "QĐ", ("UBND",), None, None)),
    ("61/2018/ND-CP", ("61/2018/NĐ-CP", "normative", "61", 2018, "NĐ", ("CP",), None, None)),
    (
        "2818 / QĐ - UBND",
        ("2818/QĐ-UBND", "administrative", "2818", None, "QĐ", ("UBND",), None, None),
    ),
    ("2818/qđ-ubnd", ("2818/QĐ-UBND", "administrative", "2818", None, "QĐ", ("UBND",), None, None)),
    ("12/2020/NQ-HDND", ("12/2020/NQ-HĐND", "normative", "12", 2020, "NQ", ("HĐND",), None, None)),
    (
        "1234/2024/NQ-UBTVQH15",
        ("1234/2024/NQ-UBTVQH15", "normative", "1234", 2024, "NQ", ("UBTVQH",), None, 15),
    ),
    (
        "725/bnv-cchc",
        ("725/BNV-CCHC", "official_letter", "725", None, None, ("BNV",), "CCHC", None),
    ),
]

# text → words the reason must contain (what was expected and why it was rejected)
INVALID = [
    ("TCVN ISO 9001:2015", ["standard", "expected"]),
    ("23/4/2018", ["date", "expected"]),
    ("04/04/2019", ["date", "expected"]),
    ("2818", ["bare number", "expected"]),
    ("3 phút/video", ["expected", "serial"]),
    ("1/2021", ["month or quarter", "expected"]),
    ("4/2021", ["month or quarter", "expected"]),
    ("2/video", ["expected", "issuer"]),
    ("", ["empty", "expected"]),
    ("Đoàn ra/Đoàn vào", ["expected", "serial"]),
    ("2818/QĐ", ["expected", "issuer"]),
    ("61/1800/NĐ-CP", ["expected", "year"]),
    ("61/2018/XYZ-CP", ["expected", "type code"]),
    ("0/QĐ-UBND", ["expected", "greater than 0"]),
    ("1/2/3/QĐ-UBND", ["expected", "separators"]),
    ("47/2019/UBND", ["expected", "after the year"]),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_parse_number_valid(text: str, expected: tuple) -> None:
    n = parse_number(text)
    got = (
        n.normalized,
        n.kind,
        n.serial,
        n.year,
        n.type_code,
        n.issuer_codes,
        n.unit,
        n.legislature,
    )
    assert got == expected
    assert n.as_written == text


@pytest.mark.parametrize(("text", "words"), INVALID, ids=[t or "empty" for t, _ in INVALID])
def test_parse_number_rejects_with_reason(text: str, words: list[str]) -> None:
    with pytest.raises(ParseError) as err:
        parse_number(text)
    for word in words:
        assert word in str(err.value)


def test_table_sizes() -> None:
    assert len(VALID) + len(INVALID) >= 40
    assert len(INVALID) >= 8


def test_normalized_round_trips() -> None:
    for text, _ in VALID:
        n = parse_number(text)
        assert parse_number(n.normalized).normalized == n.normalized


SEED_SENTENCE = (
    "QĐ số 15/2013/QĐ-UBND ngày 16/4/2013; QĐ số 25/QĐ-UBND ngày 25/5/2015; "
    "TT số 14/2014/TTLT-BTC-BTP"
)


def test_find_numbers_spans() -> None:
    found = find_numbers(SEED_SENTENCE)
    assert [SEED_SENTENCE[s:e] for s, e, _ in found] == [
        "15/2013/QĐ-UBND",
        "25/QĐ-UBND",
        "14/2014/TTLT-BTC-BTP",
    ]
    assert all(SEED_SENTENCE[s:e] == n.as_written for s, e, n in found)


@pytest.mark.parametrize(
    "text",
    [
        "Quý II/2021",
        "Tháng 4/2021",
        "Trong tháng 1/2021",
        "TCVN ISO 9001:2015",
        "ngày 23/4/2018 và 04/04/2019",
        "Thời lượng tối đa 3 phút/video",
        "thủ tục Đoàn ra, thủ tục Đoàn vào; Đoàn ra/Đoàn vào",
        "02 bộ/người/năm, 2 đợt/tháng (18 đợt/năm), 04 ngày/lớp",
        "giai đoạn 2021 - 2025, 2025-2030, tọa độ VN-2000, 24/7",
        "Cục kiểm soát TTHC-VPCP; Kinh tế - Xã hội/hệ thống",
        "1.752.580.000 đồng, mức độ 3,4",
    ],
)
def test_find_numbers_no_false_positives(text: str) -> None:
    assert find_numbers(text) == []


def test_find_numbers_in_heading_and_odd_spacing() -> None:
    text = "QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025; Chương trình số 10- CTr/TU ngày"
    assert [n.normalized for _, _, n in find_numbers(text)] == ["6/QĐ-TTg", "10-CTr/TU"]


def test_find_numbers_stops_before_words_after_spaced_dash() -> None:
    text = "Công văn số 2118/UBND-NCPC - Sở Tư pháp"
    [(s, e, n)] = find_numbers(text)
    assert text[s:e] == "2118/UBND-NCPC" and n.unit == "NCPC"

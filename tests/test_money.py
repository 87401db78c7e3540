"""Amounts in VND: the seed's budget cells, the Đắk Lắk estimate and the primer's examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cancu.errors import ParseError
from cancu.parse.money import find_amounts, parse_amount

AMOUNTS = [
    ("158.580.000", None, 158_580_000),
    ("444.000.000", None, 444_000_000),
    ("1.752.580.000", None, 1_752_580_000),
    ("2.000.000", None, 2_000_000),
    ("70.000.000 đồng", None, 70_000_000),
    ("1.364.329.243 đồng", None, 1_364_329_243),
    ("150.000 đồng", None, 150_000),
    ("95.614", None, 95_614),
    ("200,000,000", None, 200_000_000),  # commas in several groups can only be thousands
    ("2.615 tỷ đồng", None, 2_615_000_000_000),  # dot = thousands: 2,615 billion
    ("2,5 tỷ đồng", None, 2_500_000_000),  # comma = decimal
    ("2,5 tỉ", None, 2_500_000_000),
    ("2.5 tỷ", None, 2_500_000_000),  # a dot before other than 3 digits, with a unit: decimal
    ("150 triệu đồng", None, 150_000_000),
    ("150 triệu", None, 150_000_000),
    ("1.500,5 triệu đồng", None, 1_500_500_000),
    ("3 nghìn tỷ đồng", None, 3_000_000_000_000),
    ("500 nghìn đồng", None, 500_000),
    ("20.000.000 VNĐ", None, 20_000_000),
    ("1.500", "triệu đồng", 1_500_000_000),
    ("1.500", "(ĐV: triệu đồng)", 1_500_000_000),
    ("1.500", "Đơn vị: triệu đồng", 1_500_000_000),
    ("2,5", "tỷ đồng", 2_500_000_000),
    ("40.000.000", "đồng", 40_000_000),
    ("150 triệu đồng", "tỷ đồng", 150_000_000),  # the text's own unit wins
    ("0", None, 0),
]


@pytest.mark.parametrize(("text", "hint", "value"), AMOUNTS)
def test_parse_amount(text: str, hint: str | None, value: int) -> None:
    amount = parse_amount(text, unit_hint=hint)
    assert amount.value == Decimal(value)
    assert amount.unit == "đồng"
    assert amount.as_written == text


@pytest.mark.parametrize(
    ("text", "hint", "words"),
    [
        ("", None, ["expected an amount"]),
        ("2 video", None, ["expected an amount"]),
        ("01 cuộc", None, ["expected an amount"]),
        ("Thực hiện theo quy định", None, ["expected an amount"]),
        ("Một tỷ, bảy trăm năm mươi hai triệu", None, ["expected an amount"]),
        ("10/5/2019", None, ["expected an amount"]),
        ("200,000", None, ["ambiguous", "expected"]),
        ("12.34", None, ["groups of three"]),
        ("0,5 đồng", None, ["not a whole number"]),
        ("1.500", "USD", ["unknown unit", "expected"]),
        ("9" * 30, None, ["too large"]),
    ],
)
def test_parse_amount_rejects(text: str, hint: str | None, words: list[str]) -> None:
    with pytest.raises(ParseError) as err:
        parse_amount(text, unit_hint=hint)
    for word in words:
        assert word in str(err.value)


def test_find_amounts_in_notes_and_estimates() -> None:
    text = (
        "- Tại TTHCC tỉnh: 70.000.000 đồng - Cấp huyện, cấp xã: Thực hiện chi theo quy định | "
        "Thu và phân tích mẫu: 1.364.329.243 đồng/năm. Tổng 1.752.580.000 (Một tỷ, bảy trăm năm "
        "mươi hai triệu, năm trăm tám mươi ngàn đồng); định mức 150.000 đồng/người/ngày; "
        "tổng vốn 2.615 tỷ đồng, trong đó 2,5 tỷ đồng | 158.580.000 |"
    )
    found = find_amounts(text)
    assert [(text[s:e], a.value) for s, e, a in found] == [
        ("70.000.000 đồng", 70_000_000),
        ("1.364.329.243 đồng", 1_364_329_243),
        ("1.752.580.000", 1_752_580_000),
        ("150.000 đồng", 150_000),
        ("2.615 tỷ đồng", 2_615_000_000_000),
        ("2,5 tỷ đồng", 2_500_000_000),
        ("158.580.000", 158_580_000),
    ]
    assert all(text[s:e] == a.as_written for s, e, a in found)


@pytest.mark.parametrize(
    "text",
    [
        "ngày 10/5/2019, Quý II/2021",
        "2 video, 01 cuộc, 02 đợt, 400 doanh nghiệp, 2000 cuốn",
        "đơn giá 95.614 | STT 6, PL 6, QĐ 66",
        "TCVN ISO 9001:2015; mục 1.1.1 và 1.3.1.1",
        "100 triệu dân, 1.000.000 người",
        "Nghị quyết số 66.2/2025/NQ-CP",
    ],
)
def test_find_amounts_no_false_positives(text: str) -> None:
    assert find_amounts(text) == []

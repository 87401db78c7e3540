"""The three development documents of 2025 (shared/corpus), checked against values typed
by a person reading each text: header, legal bases and task tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cancu.extract.document import extract_document
from cancu.text.normalize import read_source

from .conftest import DAKLAK, DONGTHAP, TPHCM

AGENCY = "https://w3id.org/cancu/agency/"


@pytest.fixture(scope="module")
def docs():
    return {p.name: extract_document(read_source(p)) for p in (TPHCM, DONGTHAP, DAKLAK)}


def numbers(citations) -> list[str]:
    return [
        c.instrument.number.normalized if c.instrument.number else c.instrument.name
        for c in citations
    ]


def test_tphcm_header_and_bases(docs):
    doc = docs[TPHCM.name]
    assert (doc.number.normalized, doc.type_code, doc.date) == (
        "2820/QĐ-UBND",
        "QĐ",
        dt.date(2025, 11, 19),
    )
    assert doc.place == "Thành phố Hồ Chí Minh"
    assert doc.issuer.iri == AGENCY + "ubnd-tp-ho-chi-minh"
    assert doc.effective_as_written == "ngày ký"
    assert doc.effective_date == doc.date
    assert doc.proposer.iri == AGENCY + "so-tai-chinh-ho-chi-minh"
    assert (doc.signature.post, doc.signature.signer) == ("PHÓ CHỦ TỊCH", "Nguyễn Lộc Hà")
    bases = numbers(c for c in doc.bases if c.kind == "legal-basis")
    # Lines 29–123: every "Căn cứ" names these instruments at its top level, in this order.
    assert bases[:6] == [
        "72/2025/QH15",
        "Luật Quy hoạch",
        "67/2006/QH11",
        "60/2024/QH15",
        "31/2024/QH15",
        "20/2023/QH15",
    ]
    assert {
        "3/NQ-CP",
        "749/QĐ-TTg",
        "6/QĐ-TTg",
        "98/2023/QH15",
        "66.2/2025/NQ-CP",
        "3103/QĐ-BTC",
    } <= set(bases)
    assert {"1629/QĐ-TTg", "790/QĐ-TTg", "1711/QĐ-TTg", "1/2025/QĐ-UBND", "4354/KH-UBND"} <= set(
        bases
    )
    # 57-NQ/TW is named inside the subject of Nghị quyết 03/NQ-CP: a mention, not a basis.
    assert "57-NQ/TW" not in bases
    assert "57-NQ/TW" in numbers(doc.bases)


def test_tphcm_table(docs):
    appendix = docs[TPHCM.name].appendices[0]
    assert appendix.columns == ["stt", "task", "lead", "coord", "deadline", "product", "funding"]
    areas = [g.heading for g in appendix.groups if g.parent is None]
    assert areas[0].startswith("I. Hoàn thiện thể chế")
    assert len(areas) == 6
    first = appendix.tasks[0]
    assert first.numbering == "1"
    assert first.text.startswith("Phối hợp rà soát, sửa đổi")
    assert [r.iri for r in first.leads] == [AGENCY + "so-tai-chinh-ho-chi-minh"]
    assert first.deadline.as_written == "Quý IV/2025"
    assert first.funding.startswith("Chi thường xuyên")
    # The continuation row (line 575) has its own lead; deadline and funding span from the row above.
    continuation = next(
        t for t in appendix.tasks if t.text.startswith("Xây dựng hạ tầng kỹ thuật dự phòng")
    )
    assert continuation.numbering == ""
    assert [r.iri for r in continuation.leads] == [
        AGENCY + "trung-tam-chuyen-doi-so-tp-ho-chi-minh"
    ]
    assert continuation.deadline.as_written == "Quý IV/2026"
    assert continuation.funding.startswith("Đầu tư công")


def test_dongthap_plan_without_decision(docs):
    doc = docs[DONGTHAP.name]
    assert (doc.number.normalized, doc.type_code, doc.date) == (
        "552/KH-UBND",
        "KH",
        dt.date(2025, 11, 19),
    )
    assert doc.articles == []
    assert doc.signature.formulas == ["TM.", "KT."]
    assert doc.signature.signer == "Huỳnh Minh Tuấn"
    bases = numbers(c for c in doc.bases if c.kind == "legal-basis")
    assert bases == ["57-NQ/TW", "71/NQ-CP", "10-CTr/TU", "30-TB/TGV", "283/KH-UBND"]
    appendix = doc.appendices[0]
    assert appendix.columns == ["stt", "task", "lead", "coord", "deadline"]
    assert [g.heading for g in appendix.groups][:2] == [
        "I. NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH",
        "II. HỖ TRỢ VÀ PHÁT TRIỂN CÔNG NGHỆ",
    ]
    second = appendix.tasks[1]
    assert second.text.startswith("Đề xuất giải pháp cải thiện môi trường đầu tư")
    assert [r.iri for r in second.coordinators] == [
        AGENCY + "so-cong-thuong-dong-thap",
        AGENCY + "ban-quan-ly-khu-kinh-te-dong-thap",
    ]
    assert (second.deadline.kind, second.deadline.as_written) == ("year", "2026")
    assert len(appendix.tasks) == 19
    assert [d.assignees[0].as_written for d in doc.duties[:2]] == [
        "Sở Khoa học và Công nghệ",
        "Sở Nông nghiệp và Môi trường",
    ]


def test_daklak_cost_estimate(docs):
    doc = docs[DAKLAK.name]
    assert (doc.number.normalized, doc.number_as_written) == ("134/KH-UBND", "0134/KH-UBND")
    assert doc.date == dt.date(2025, 11, 25)
    appendix = doc.appendices[0]
    assert appendix.title.startswith("PHỤ LỤC II DỰ TOÁN KINH PHÍ")
    assert appendix.declared_total.value == Decimal(1_500_000_000)
    area = appendix.groups[0]
    assert (area.heading, area.subtotal.value) == (
        "I. Quan trắc và cảnh báo môi trường NTTS",
        Decimal(1_364_329_243),
    )
    water = next(t for t in appendix.tasks if t.text.startswith("Nhiệt độ nước"))
    assert (water.quantity, water.budget.value, water.note) == (
        "108",
        Decimal(10_326_312),
        "STT 6, PL 6, QĐ 66",
    )
    assert water.group is not None
    # Line items III and IV carry their own amounts and nothing under them.
    last = appendix.tasks[-1]
    assert (last.numbering, last.budget.value) == ("IV", Decimal(63_950_757))


def test_daklak_line_items_add_up_to_the_declared_total(docs):
    # The estimate declares "Tổng (I+II+III+IV) 1.500.000.000"; its line items (not the group
    # subtotals, which restart their numbering under each group) must add up to exactly that.
    appendix = docs[DAKLAK.name].appendices[0]
    items = [t.budget.value for t in appendix.tasks if t.budget]
    assert sum(items) == appendix.declared_total.value == Decimal(1_500_000_000)
    subtotals = {g.heading.split(" (")[0]: g.subtotal.value for g in appendix.groups if g.subtotal}
    assert subtotals["1.1.2 Mẫu nước trong ao nuôi"[6:]] == Decimal(72_313_308)

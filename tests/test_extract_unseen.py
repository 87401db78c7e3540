"""Documents the extractor was not tuned on: a real decision in another portal's export format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cancu.extract.document import extract_document
from cancu.text.normalize import read_source
from cancu.vocab import AGENCY

HAIPHONG = Path(__file__).parent / "fixtures" / "qd-30-2018-ubnd-haiphong-excerpt.txt"


def test_inline_cells_header_and_bases_of_a_hai_phong_decision():
    doc = extract_document(read_source(HAIPHONG))
    assert (doc.number.normalized, doc.type_code) == ("30/2018/QĐ-UBND", "QĐ")
    assert (doc.place, doc.province, doc.date) == ("Hải Phòng", "Hải Phòng", dt.date(2018, 10, 9))
    assert doc.enacting_authority == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    bases = [
        (
            c.instrument.number.normalized if c.instrument.number else c.instrument.name,
            c.instrument.date,
        )
        for c in doc.bases
        if c.kind == "legal-basis"
    ]
    assert bases == [
        ("Luật Tổ chức chính quyền địa phương", dt.date(2015, 6, 19)),
        ("Luật Ban hành văn bản quy phạm pháp luật", dt.date(2015, 6, 22)),
        ("Luật Cán bộ, công chức", dt.date(2008, 11, 13)),
        ("157/2007/NĐ-CP", dt.date(2007, 10, 27)),
        ("34/2011/NĐ-CP", dt.date(2011, 5, 17)),
        ("56/2015/NĐ-CP", dt.date(2015, 6, 9)),
        ("88/2017/NĐ-CP", dt.date(2017, 7, 27)),
    ]
    # The proposer is Hải Phòng's Sở Nội vụ (resolved in the document's province), never
    # Tây Ninh's department of the same name.
    proposer = (doc.proposer.as_written, doc.proposer.iri)
    assert proposer == ("Sở Nội vụ", str(AGENCY["so-noi-vu-hai-phong"]))
    mentioned = {
        c.instrument.number.normalized
        for c in doc.bases
        if c.kind == "mention" and c.instrument.number
    }
    assert {"1494/TTr-SNV", "18/BCTĐ-STP"} <= mentioned
    assert all(
        c.instrument.issuer is None or "tay-ninh" not in c.instrument.issuer.iri for c in doc.bases
    )
    assert [a.number for a in doc.articles] == [1]


BINHDINH = Path(__file__).parent / "fixtures" / "qd-636-2012-ubnd-binhdinh-excerpt.txt"
DECREE = Path(__file__).parent / "fixtures" / "nd-48-2013-cp-excerpt.txt"


def test_a_title_word_broken_across_lines_and_a_serial_with_a_letter():
    doc = extract_document(read_source(BINHDINH))
    assert (doc.number.normalized, doc.type_code, doc.date) == (
        "636/QĐ-UBND",
        "QĐ",
        dt.date(2012, 11, 21),
    )
    assert doc.province == "Bình Định"
    assert doc.title.startswith("VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ THEO DÕI ĐÁNH GIÁ")
    bases = [
        c.instrument.number.normalized if c.instrument.number else c.instrument.name
        for c in doc.bases
        if c.kind == "legal-basis"
    ]
    assert bases == ["Luật Tổ chức HDND và UBND", "30c/NQ-CP", "492/QĐ-UBND"]
    local = next(
        c.instrument
        for c in doc.bases
        if c.instrument.number and c.instrument.number.serial == "492"
    )
    assert (local.province, local.year) == ("Bình Định", 2011)  # "của UBND tỉnh" is Bình Định's
    assert doc.proposer.as_written == "Sở Nội vụ"
    assert [(p.role, p.agent.as_written) for p in doc.articles[1].participations] == [
        ("monitoring", "Sở Nội vụ")
    ]


def test_a_government_decree_without_a_decides_line():
    doc = extract_document(read_source(DECREE))
    assert (doc.number.normalized, doc.type_code, doc.place) == ("48/2013/NĐ-CP", "NĐ", "Hà Nội")
    assert doc.issuer.iri == "https://w3id.org/cancu/agency/chinh-phu"
    assert doc.province is None
    assert doc.proposer.iri == "https://w3id.org/cancu/agency/bo-tu-phap"
    bases = [(c.instrument.name, c.instrument.date) for c in doc.bases if c.kind == "legal-basis"]
    assert bases == [
        ("Luật Tổ chức Chính phủ", dt.date(2001, 12, 25)),
        ("Luật Ban hành văn bản quy phạm pháp luật", dt.date(2008, 6, 3)),
    ]
    amended = [c.instrument.number.normalized for c in doc.bases if c.kind == "mention"]
    assert amended[:4] == ["63/2010/NĐ-CP", "20/2008/NĐ-CP", "36/2012/NĐ-CP", "55/2011/NĐ-CP"]
    assert [a.number for a in doc.articles] == [1]

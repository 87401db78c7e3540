"""Documents the extractor was not tuned on: a real decision in another portal's export format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cancu.extract.document import extract_document
from cancu.text.normalize import read_source

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
    # The proposer is Hải Phòng's Sở Nội vụ: the gazetteer does not know it, and it must not
    # be taken for Tây Ninh's department of the same name.
    assert (doc.proposer.as_written, doc.proposer.iri) == ("Sở Nội vụ", None)
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

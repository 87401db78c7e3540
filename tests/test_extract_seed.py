"""Golden test of the seed, Quyết định 2818/QĐ-UBND (Tây Ninh, 16/11/2020).

Every expected value below was typed by a person reading the source text
(data/sources/qd-2818-2020-ubnd-tayninh.txt); none was produced by the extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from cancu.extract.document import extract_document
from cancu.extract.records import Document, Task
from cancu.text.normalize import read_source

from .conftest import SEED

AGENCY = "https://w3id.org/cancu/agency/"
VP = "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh"
GROUPS3 = ["cac-so-ban-nganh-tinh-tay-ninh", "ubnd-cap-huyen-tay-ninh", "ubnd-cap-xa-tay-ninh"]


@pytest.fixture(scope="module")
def doc() -> Document:
    return extract_document(read_source(SEED))


def slugs(refs) -> list[str]:
    return [r.iri.removeprefix(AGENCY) if r.iri else f"?{r.as_written}" for r in refs]


def find(doc: Document, prefix: str) -> Task:
    found = [t for t in doc.tasks if t.text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} tasks start with {prefix!r}"
    return found[0]


def test_header(doc):
    assert doc.number.normalized == "2818/QĐ-UBND"
    assert doc.number_as_written == "2818/QĐ-UBND"
    assert doc.type_code == "QĐ"
    assert doc.date == dt.date(2020, 11, 16)
    assert doc.date_as_written == "ngày 16 tháng 11 năm 2020"
    assert doc.place == "Tây Ninh"
    assert doc.province == "Tây Ninh"
    assert doc.issuer.iri == AGENCY + "ubnd-tinh-tay-ninh"
    assert doc.title == (
        "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH VÀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH "
        "NĂM 2021 TRÊN ĐỊA BÀN TỈNH TÂY NINH"
    )
    assert doc.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert doc.effective_date == dt.date(2021, 1, 1)
    assert doc.proposer.iri == AGENCY + VP
    assert doc.plan_title.startswith("CẢI CÁCH HÀNH CHÍNH VÀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2021")
    assert doc.plan_note.startswith("Ban hành kèm theo Quyết định số 2818/QĐ-UBND")


def test_signature(doc):
    sig = doc.signature
    assert (sig.formulas, sig.on_behalf_of, sig.post, sig.signer) == (
        ["KT."],
        ["CHỦ TỊCH"],
        "PHÓ CHỦ TỊCH",
        "Nguyễn Mạnh Hùng",
    )
    assert (sig.start, sig.end) == (63, 65)


def test_legal_bases(doc):
    bases = [c for c in doc.bases if c.kind == "legal-basis"]
    seen = [
        (
            c.instrument.number.normalized if c.instrument.number else c.instrument.name,
            c.instrument.date,
            c.instrument.type_code,
            c.instrument.issuer.iri.removeprefix(AGENCY) if c.instrument.issuer else None,
            c.start,
        )
        for c in bases
    ]
    assert seen == [
        # A law is passed by the National Assembly even when the text does not say so.
        ("Luật Tổ chức Chính quyền địa phương", dt.date(2015, 6, 19), "LUAT", "quoc-hoi", 19),
        ("47/2019/QH14", dt.date(2019, 11, 22), "LUAT", "quoc-hoi", 21),
        ("92/2017/NĐ-CP", dt.date(2017, 8, 7), "NĐ", "chinh-phu", 24),
        ("61/2018/NĐ-CP", dt.date(2018, 4, 23), "NĐ", "chinh-phu", 27),
        ("725/BNV-CCHC", dt.date(2012, 3, 1), "CV", "bo-noi-vu", 30),
    ]
    assert bases[3].subject.startswith("thực hiện cơ chế một cửa, một cửa liên thông")


def test_articles(doc):
    assert [a.number for a in doc.articles] == [1, 2, 3]
    roles = {(p.role, p.agent.iri.removeprefix(AGENCY)) for p in doc.articles[1].participations}
    assert roles == {("monitoring", VP), ("funding", "so-tai-chinh-tay-ninh")}
    executing = slugs(p.agent for p in doc.articles[2].participations)
    assert executing == [
        VP,
        "so-noi-vu-tay-ninh",
        "so-tai-chinh-tay-ninh",
        "cac-so-ban-nganh-tinh-tay-ninh",
        "ubnd-cap-huyen-tay-ninh",
    ]


def test_duties(doc):
    paths = [d.item.path for d in doc.duties]
    assert len(paths) == 35  # V.1 a–b, V.2 a–i, V.3 a–m, V.4 a–b, V.5 a–c, V.6 a–d, V.7 a–c
    assert [p[2] for p in paths if p[1] == "3"] == list("abcdđeghiklm")
    v1a = next(d for d in doc.duties if d.item.path == ("V", "1", "a"))
    assert slugs(v1a.assignees) == [
        "cac-co-quan-don-vi-dia-phuong-tay-ninh"
    ]  # "tất cả các cơ quan, địa phương"
    v2e = next(d for d in doc.duties if d.item.path == ("V", "2", "e"))
    assert slugs(v2e.assignees) == ["cac-so-ban-nganh-tinh-tay-ninh"]
    assert [c.instrument.number.normalized for c in v2e.item.citations] == ["800/QĐ-UBND"]
    v4 = next(d for d in doc.duties if d.item.path == ("V", "4", "a"))
    assert set(slugs(v4.assignees)) == {
        "so-tai-chinh-tay-ninh",
        "so-tu-phap-tay-ninh",
        "so-noi-vu-tay-ninh",
        "so-khoa-hoc-va-cong-nghe-tay-ninh",
        "so-thong-tin-va-truyen-thong-tay-ninh",
        VP,
    }
    v7c = next(d for d in doc.duties if d.item.path == ("V", "7", "c"))
    assert [c.instrument.number.normalized for c in v7c.item.citations] == ["1291/QĐ-TTg"]


# (text prefix, leads, coordinators, levels, deadline (kind, start, end), budget, cited numbers)
ROWS = [
    ("Hướng dẫn các cơ quan, đơn vị, địa phương", [VP], ["cac-co-quan-lien-quan"], ["tinh", "huyen"],
     ("month", "2021-01-01", "2021-01-31"), None, []),
    ("Đưa tin CCHC trên báo Tây Ninh", ["bao-tay-ninh"], ["cac-co-quan-don-vi-lien-quan"],
     ["tinh", "huyen", "xa"], ("plan-specific", None, None), 158_580_000, []),
    ("Xây dựng, duy trì thường xuyên các chuyên mục", ["dai-phat-thanh-va-truyen-hinh-tay-ninh"],
     ["cac-co-quan-don-vi-lien-quan"], ["tinh", "huyen", "xa"], ("plan-specific", None, None),
     444_000_000, []),
    ("Xây dựng tin, bài, ấn phẩm", GROUPS3,
     ["bao-tay-ninh", "dai-phat-thanh-va-truyen-hinh-tay-ninh", "cac-don-vi-lien-quan"],
     ["tinh", "huyen", "xa"], ("plan-specific", None, None), 200_000_000, ["26/2019/TT-BTC"]),
    ("Xây dựng video hướng dẫn, hỗ trợ người thực hiện TTHC về thủ tục Đoàn ra",
     ["so-ngoai-vu-tay-ninh"], [], ["tinh"], ("quarter", "2021-04-01", "2021-06-30"), 20_000_000, []),
    ("Xây dựng video hướng dẫn, hỗ trợ người thực hiện TTHC trực tuyến của các TTHC ngành Công",
     ["so-cong-thuong-tay-ninh"], [], [], ("range", "2021-04-01", "2021-09-30"), 20_000_000, []),
    ("Trang bị sổ tay hướng dẫn", ["so-xay-dung-tay-ninh"], GROUPS3, ["tinh", "huyen", "xa"],
     ("quarter", "2021-04-01", "2021-06-30"), 40_000_000, []),
    ("Tổ chức hội thi CCHC cấp tỉnh", [VP],
     ["cac-so-ban-nganh-tinh-tay-ninh", "ubnd-cap-huyen-tay-ninh", "cac-co-quan-lien-quan"],
     ["tinh", "huyen", "xa"], ("quarter", "2021-04-01", "2021-06-30"), 200_000_000,
     ["15/2013/QĐ-UBND", "25/QĐ-UBND", "14/2014/TTLT-BTC-BTP"]),
    ("Hội thi CCHC năm 2021 huyện Dương Minh Châu", ["ubnd-huyen-duong-minh-chau-tay-ninh"], [], [],
     ("month", "2021-04-01", "2021-04-30"), 100_000_000, []),
    ("Trang bị đồng phục cho công chức", [VP, "ubnd-cap-huyen-tay-ninh", "ubnd-cap-xa-tay-ninh"],
     ["cac-co-quan-lien-quan"], ["tinh", "huyen", "xa"], ("month", "2021-01-01", "2021-01-31"), None,
     []),
    ("Tham mưu trình UBND tinh ban hành", ["so-tu-phap-tay-ninh"], ["cac-co-quan-lien-quan"],
     ["tinh", "huyen", "xa"], ("year", "2021-01-01", "2021-12-31"), None, []),
    ("Tiếp tục triển khai thực hiện quy hình xây dựng", ["so-tu-phap-tay-ninh"],
     ["cac-co-quan-lien-quan"], ["tinh", "huyen", "xa"], ("year", "2020-01-01", "2020-12-31"), None,
     ["2118/UBND-NCPC"]),
    ("Thực hiện công khai và niêm yết TTHC", GROUPS3, [VP], ["tinh", "huyen", "xa"],
     ("year", "2020-01-01", "2020-12-31"), None, []),
    ("Kiểm soát chất lượng và địa phương hóa", [], [], ["tinh"],
     ("year", "2021-01-01", "2021-12-31"), 70_000_000, None),
    ("Kiện toàn danh sách nhân sự làm việc tại Bộ phận Một cửa",
     [VP, "ubnd-cap-huyen-tay-ninh", "ubnd-cap-xa-tay-ninh"], ["cac-co-quan-don-vi-lien-quan"], [],
     ("ongoing", None, None), None, ["61/2018/NĐ-CP"]),  # its merged content cell cites NĐ 61
    ("Quyết định sửa đổi, bổ sung Quyết định số 09/2018/QĐ-UBND", ["so-noi-vu-tay-ninh"],
     ["cac-co-quan-lien-quan"], ["tinh"], ("month", "2021-04-01", "2021-04-30"), None,
     ["9/2018/QĐ-UBND"]),
    ("Quyết định ban hành Quy định về tiêu chuẩn chức danh", ["ubnd-cap-huyen-tay-ninh"],
     ["so-noi-vu-tay-ninh"], ["huyen"], ("year", "2021-01-01", "2021-12-31"), None,
     ["10/2018/QĐ-UBND"]),
    ("Báo cáo kết quả thực hiện Nghị định 16/2015/NĐ-CP", ["so-tai-chinh-tay-ninh"],
     ["cac-co-quan-lien-quan"], ["tinh", "huyen", "xa"], ("year", "2021-01-01", "2021-12-31"), None,
     ["16/2015/NĐ-CP"]),
    ("Tổ chức đào tạo nhận thức, xây dựng và cập nhật", ["so-khoa-hoc-va-cong-nghe-tay-ninh"], [],
     ["tinh", "huyen", "xa"], ("month", "2021-11-01", "2021-11-30"), None, []),
    ("Hệ thống tiếp nhận, quản lý thông báo khuyến mại", ["so-cong-thuong-tay-ninh"], [], [],
     ("quarter", "2021-07-01", "2021-09-30"), 50_000_000, []),
]  # fmt: skip


@pytest.mark.parametrize(
    "prefix,leads,coords,levels,deadline,budget,cites", ROWS, ids=[r[0][:30] for r in ROWS]
)
def test_task_rows(doc, prefix, leads, coords, levels, deadline, budget, cites):
    task = find(doc, prefix)
    assert slugs(task.leads) == leads
    assert slugs(task.coordinators) == coords
    assert task.levels == levels
    kind, start, end = deadline
    assert task.deadline.kind == kind
    assert (str(task.deadline.start) if task.deadline.start else None) == start
    assert (str(task.deadline.end) if task.deadline.end else None) == end
    assert (task.budget.value if task.budget else None) == (Decimal(budget) if budget else None)
    if cites is not None:
        assert [
            c.instrument.number.normalized for c in task.citations if c.instrument.number
        ] == cites
    assert task.lead_cell_empty == (not leads)


def test_rows_keep_their_context(doc):
    video = find(
        doc, "Xây dựng video hướng dẫn, hỗ trợ người thực hiện TTHC trực tuyến của các TTHC về đất"
    )
    assert video.quantity == "2 video"
    assert video.numbering == "-"
    assert video.deadline.as_written == "Tháng 5/2021"
    first = find(doc, "Hướng dẫn các cơ quan, đơn vị, địa phương")
    assert first.content == "Triển khai nhiệm vụ công tác CCHC và kiểm soát TTHC năm 2021"
    assert (first.start, first.end) == (502, 523)  # from its content cell to its last cell
    uniform = find(doc, "Trang bị đồng phục cho công chức")
    assert "70.000.000" in uniform.note


def test_areas_and_groups(doc):
    appendix = doc.appendices[0]
    areas = [(g.heading, g.area_code, g.start) for g in appendix.groups if g.parent is None]
    assert [a[0] for a in areas] == [
        "I. CÔNG TÁC ĐIỀU HÀNH",
        "II. CẢI CÁCH THỂ CHẾ",
        "II. CẢI CÁCH THỂ CHẾ",
        "III. CẢI CÁCH VÀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH",
        "IV. THỰC HIỆN CƠ CHẾ MỘT CỬA, CƠ CHẾ MỘT CỬA LIÊN THÔNG",
        "V. CẢI CÁCH TỔ CHỨC BỘ MÁY HCNN",
        "VI. XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC",
        "VII. CẢI CÁCH TÀI CHÍNH CÔNG",
        "VIII. HIỆN ĐẠI HÓA HÀNH CHÍNH",
    ]
    assert [a[2] for a in areas[:3]] == [500, 1124, 1150]
    assert all(code for _, code, _ in areas)
    group = find(doc, "Đưa tin CCHC trên báo Tây Ninh").group
    heading = next(g.heading for g in appendix.groups if g.key == group)
    assert heading == "Tổ chức thực hiện tuyên truyền CCHC"


def test_totals(doc):
    # Budget cells of the appendix, read by hand: 28 amounts adding up to 1,847,580,000;
    # the plan declares 1,752,580,000 ("Một tỷ, bảy trăm năm mươi hai triệu, …").
    budgets = [t.budget.value for t in doc.tasks if t.budget]
    assert (len(budgets), sum(budgets)) == (28, Decimal(1_847_580_000))
    appendix = doc.appendices[0]
    assert appendix.declared_total.value == Decimal(1_752_580_000)
    assert appendix.total_in_words.startswith("(Một tỷ, bảy trăm năm mươi hai triệu")
    assert len(doc.tasks) == 75
    without_lead = [t.numbering for t in doc.tasks if t.lead_cell_empty]
    assert without_lead == ["2.1.", "8.", "10.3."]


def test_every_numbered_instrument_of_the_text_is_cited(doc):
    # An independent scan of the raw text for instrument numbers (not the extractor's parser).
    raw = SEED.read_text(encoding="utf-8")
    pattern = (
        r"\b\d+/\d{4}/[A-ZĐ]+(?:-[A-Za-zĐ]+)+|\b\d+/[A-ZĐ]+-[A-Za-zĐ-]+|\b\d+-NQ/TW|47/2019/QH14"
    )
    written = {re.sub(r"^0+", "", m) for m in re.findall(pattern, raw)} - {"2818/QĐ-UBND"}
    cited = {
        c.instrument.number.normalized
        for c in doc.citations
        if c.instrument.number and c.kind != "self"
    }
    assert written == cited
    assert len(cited) == 31

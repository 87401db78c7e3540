"""The curated gazetteer (data/agencies.ttl) and the name matcher (cancu.text.gazetteer).

The name tables below were typed from the texts in data/sources/, not generated: every
spelling of an agency in the seed (2818/QĐ-UBND, Tây Ninh 2020) met in the appendix lead and
coordinator cells, the duties of section V, Điều 2–3, "Theo đề nghị của", the recipients and
the cited issuers, then the leads and coordinators of the three 2025 plans.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from cancu.errors import InputError
from cancu.text.folding import clean, expand, fold, slugify
from cancu.text.gazetteer import CURATED_PATH, Entry, Gazetteer, split_names
from cancu.vocab import CANCU, ORG

TN = "Tây Ninh"
HCM = "Hồ Chí Minh"
DT = "Đồng Tháp"
DL = "Đắk Lắk"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(CURATED_PATH, format="turtle")


# ---------------------------------------------------------------------------------------------
# Every spelling in the seed → (slug, quality), with province Tây Ninh
# ---------------------------------------------------------------------------------------------

SEED_NAMES: list[tuple[str, str, str]] = [
    # appendix: lead cells (CƠ QUAN CHỦ TRÌ)
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh.",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    (
        "- Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    ("Văn phòng Đoàn ĐBQH, HĐND", "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh", "truncated"),
    ("Văn phòng UBND tỉnh", "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh", "exact"),
    ("Báo Tây Ninh", "bao-tay-ninh", "exact"),
    ("Đài PT và TH tỉnh", "dai-phat-thanh-va-truyen-hinh-tay-ninh", "exact"),
    ("Các sở, ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("Các sở, ban ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("Các sở, ban, ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("Các sở, ban, ngành", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("Các sở, ngành", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("UBND cấp huyện", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("UBND cấp huyện.", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("UBND cấp xã", "ubnd-cap-xa-tay-ninh", "exact"),
    ("- UBND cấp xã.", "ubnd-cap-xa-tay-ninh", "exact"),
    ("UBND các huyện, thành phố", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("Sở Ngoại vụ", "so-ngoai-vu-tay-ninh", "exact"),
    ("Sở Khoa học và Công nghệ", "so-khoa-hoc-va-cong-nghe-tay-ninh", "exact"),
    ("Sở Công Thương", "so-cong-thuong-tay-ninh", "exact"),
    ("Sở Tài nguyên và Môi trường", "so-tai-nguyen-va-moi-truong-tay-ninh", "exact"),
    ("Sở Giáo dục và Đào tạo", "so-giao-duc-va-dao-tao-tay-ninh", "exact"),
    ("Sở Lao động, Thương binh và Xã hội", "so-lao-dong-thuong-binh-va-xa-hoi-tay-ninh", "exact"),
    ("Sở Xây dựng", "so-xay-dung-tay-ninh", "exact"),
    ("Sở Thông tin và Truyền thông", "so-thong-tin-va-truyen-thong-tay-ninh", "exact"),
    ("Sở Tư pháp", "so-tu-phap-tay-ninh", "exact"),
    ("Sở Nội vụ", "so-noi-vu-tay-ninh", "exact"),
    ("Sở Tài chính", "so-tai-chinh-tay-ninh", "exact"),
    ("UBND huyện Dương Minh Châu", "ubnd-huyen-duong-minh-chau-tay-ninh", "exact"),
    ("Thường trực BCĐ", "thuong-truc-ban-chi-dao-cai-cach-hanh-chinh-tay-ninh", "exact"),
    (
        "Cơ quan hành chính nhà nước các cấp",
        "co-quan-hanh-chinh-nha-nuoc-cac-cap-tay-ninh",
        "exact",
    ),
    ("Các cơ quan, đơn vị, địa phương", "cac-co-quan-don-vi-dia-phuong-tay-ninh", "exact"),
    ("Các cơ quan đào tạo", "cac-co-quan-dao-tao", "exact"),
    ("Các cơ quan, tổ chức", "cac-co-quan-to-chuc", "exact"),
    # appendix: coordinator cells (CƠ QUAN PHỐI HỢP)
    ("Các cơ quan liên quan", "cac-co-quan-lien-quan", "exact"),
    ("Các cơ quan có liên quan", "cac-co-quan-lien-quan", "exact"),
    ("Cơ quan có liên quan", "cac-co-quan-lien-quan", "exact"),
    ("Các cơ quan, đơn vị liên quan", "cac-co-quan-don-vi-lien-quan", "exact"),
    ("Các cơ quan, đơn vị có liên quan", "cac-co-quan-don-vi-lien-quan", "exact"),
    ("Các đơn vị liên quan", "cac-don-vi-lien-quan", "exact"),
    ("Các đơn vị có liên quan", "cac-don-vi-lien-quan", "exact"),
    (
        "Các cơ quan, đơn vị, địa phương có liên quan",
        "cac-co-quan-don-vi-dia-phuong-lien-quan",
        "exact",
    ),
    (
        "Các cơ quan Trung ương đóng trên địa bàn tỉnh",
        "cac-co-quan-trung-uong-tren-dia-ban-tay-ninh",
        "exact",
    ),
    ("- Báo Tây Ninh;", "bao-tay-ninh", "exact"),
    ("- Đài PTTH Tây Ninh;", "dai-phat-thanh-va-truyen-hinh-tay-ninh", "exact"),
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh;",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    ("Sở Thông tin và Truyền thông", "so-thong-tin-va-truyen-thong-tay-ninh", "exact"),
    ("Chi cục TCD LCL", "chi-cuc-tieu-chuan-do-luong-chat-luong-tay-ninh", "exact"),
    # elsewhere in the appendix (deadline and task text)
    ("Đài PTTH", "dai-phat-thanh-va-truyen-hinh-tay-ninh", "exact"),
    ("Đài phát thanh - Truyền hình tỉnh", "dai-phat-thanh-va-truyen-hinh-tay-ninh", "exact"),
    ("Trung tâm HCC tỉnh", "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh", "exact"),
    ("TTHCC tỉnh", "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh", "exact"),
    ("Trung tâm Phục vụ chính công tỉnh", "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh", "exact"),
    ("Bộ, ngành Trung ương", "cac-bo-nganh-trung-uong", "exact"),
    # plan text and section V (duties)
    ("Ban Chỉ đạo CCHC tỉnh", "ban-chi-dao-cai-cach-hanh-chinh-tay-ninh", "exact"),
    ("Các sở, ban, ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    ("UBND các huyện, thành phố", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("UBND các xã, phường, thị trấn", "ubnd-cap-xa-tay-ninh", "exact"),
    ("UBND xã, phường, thị trấn", "ubnd-cap-xa-tay-ninh", "exact"),
    ("UBND huyện, thành phố", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("Ủy ban nhân dân huyện, thành phố", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("UBND các huyện, thị xã, thành phố", "ubnd-cap-huyen-tay-ninh", "exact"),
    ("Các sở ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "exact"),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh",
        "exact",
    ),
    (
        "Trung tâm Phục vụ hành chính công cấp tỉnh",
        "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh",
        "exact",
    ),
    (
        "Trung tâm Văn hóa, Thể thao và Truyền thanh cấp huyện",
        "trung-tam-vhtt-truyen-thanh-cap-huyen-tay-ninh",
        "exact",
    ),
    (
        "Đài truyền thanh huyện, thị xã, thành phố",
        "trung-tam-vhtt-truyen-thanh-cap-huyen-tay-ninh",
        "exact",
    ),
    (
        "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và UBND tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    (
        "Các cơ quan ngành dọc có liên quan trên địa bàn tỉnh",
        "cac-co-quan-trung-uong-tren-dia-ban-tay-ninh",
        "exact",
    ),
    (
        "các cơ quan ngành dọc của Trung ương đóng trên địa bàn tỉnh",
        "cac-co-quan-trung-uong-tren-dia-ban-tay-ninh",
        "normalized",
    ),
    ("Cục thuế", "cuc-thue-tay-ninh", "normalized"),
    ("Cục Hải quan", "cuc-hai-quan-tay-ninh", "exact"),
    ("Bảo hiểm xã hội", "bao-hiem-xa-hoi-tay-ninh", "exact"),
    ("Công an tỉnh", "cong-an-tinh-tay-ninh", "exact"),
    ("UBND tỉnh", "ubnd-tinh-tay-ninh", "exact"),
    ("Ủy ban nhân dân tỉnh Tây Ninh", "ubnd-tinh-tay-ninh", "exact"),
    ("ủy ban nhân dân tỉnh Tây Ninh", "ubnd-tinh-tay-ninh", "normalized"),
    ("UBND tỉnh Tây Ninh", "ubnd-tinh-tay-ninh", "exact"),
    ("Ủy ban nhân dân tỉnh", "ubnd-tinh-tay-ninh", "exact"),
    ("ỦY BAN NHÂN DÂN TỈNH TÂY NINH", "ubnd-tinh-tay-ninh", "normalized"),
    ("Hội đồng nhân dân", "hdnd-tinh-tay-ninh", "normalized"),
    # Theo đề nghị của / Điều 2 / Điều 3
    (
        "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    (
        "Văn phòng Đoàn Đại biểu Quốc hội,\nHội đồng nhân dân và Ủy ban nhân dân tỉnh",
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "exact",
    ),
    ("Sở Tài\nchính", "so-tai-chinh-tay-ninh", "exact"),
    ("các sở, ban, ngành tỉnh", "cac-so-ban-nganh-tinh-tay-ninh", "normalized"),
    # Nơi nhận
    ("- Cục kiểm soát TTHC-VPCP;", "cuc-kiem-soat-thu-tuc-hanh-chinh", "exact"),
    ("- Bộ Nội vụ;", "bo-noi-vu", "exact"),
    ("Đoàn Đại biểu Quốc hội", "doan-dbqh-tinh-tay-ninh", "normalized"),
    ("HĐND tỉnh", "hdnd-tinh-tay-ninh", "exact"),
    ("TT.TU", "thuong-truc-tinh-uy-tay-ninh", "exact"),
    ("TTHCC", "trung-tam-phuc-vu-hanh-chinh-cong-tay-ninh", "exact"),
    ("VP ĐĐBQH, HĐND và UBND tỉnh", "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh", "exact"),
    # cited issuers
    ("Chính phủ", "chinh-phu", "exact"),
    ("Thủ tướng Chính phủ", "thu-tuong-chinh-phu", "exact"),
    ("Bộ Nội vụ", "bo-noi-vu", "exact"),
    ("Quốc hội", "quoc-hoi", "exact"),
    ("Ban Chấp hành Trung ương Đảng", "ban-chap-hanh-trung-uong", "exact"),
    ("Bộ Tài chính", "bo-tai-chinh", "exact"),
    ("Bộ Tư pháp", "bo-tu-phap", "exact"),
    ("Văn phòng Chính phủ", "van-phong-chinh-phu", "exact"),
    ("Cục Kiểm soát thủ tục hành chính", "cuc-kiem-soat-thu-tuc-hanh-chinh", "exact"),
    ("Bộ Chính trị", "bo-chinh-tri", "exact"),
]


@pytest.mark.parametrize(("name", "slug", "quality"), SEED_NAMES)
def test_seed_names(gz: Gazetteer, name: str, slug: str, quality: str) -> None:
    m = gz.match(name, province=TN)
    assert m is not None, name
    assert (m.entry.slug, m.quality) == (slug, quality)
    assert m.as_written == name


# Diacritic-free typing, abbreviations, tone placement, province qualifiers.
VARIANTS: list[tuple[str, str | None, str, str]] = [
    ("so tai chinh", TN, "so-tai-chinh-tay-ninh", "normalized"),
    (
        "van phong doan dbqh hdnd va ubnd tinh",
        TN,
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "normalized",
    ),
    (
        "VAN PHONG DOAN DAI BIEU QUOC HOI, HOI DONG NHAN DAN VA UY BAN NHAN DAN TINH",
        TN,
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "normalized",
    ),
    (
        "VP Đoàn ĐBQH, HĐND và UBND tỉnh",
        TN,
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "abbreviation",
    ),
    (
        "Văn phòng Đoàn Đại biểu Quốc hội, HĐND và Ủy ban nhân dân tỉnh Tây Ninh",
        None,
        "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh",
        "abbreviation",
    ),
    ("Đài PTTH tỉnh", TN, "dai-phat-thanh-va-truyen-hinh-tay-ninh", "normalized"),
    (
        "Đài Phát thanh Truyền hình Tây Ninh",
        TN,
        "dai-phat-thanh-va-truyen-hinh-tay-ninh",
        "normalized",
    ),
    (
        "Đài Phát thanh và Truyền hình tỉnh Tây Ninh",
        None,
        "dai-phat-thanh-va-truyen-hinh-tay-ninh",
        "normalized",
    ),
    ("dai pttt tay ninh", TN, "", ""),  # a typo: unknown
    ("Sở KH&CN", TN, "so-khoa-hoc-va-cong-nghe-tay-ninh", "exact"),
    ("Sở KHCN", TN, "so-khoa-hoc-va-cong-nghe-tay-ninh", "abbreviation"),
    ("so kh va cn", TN, "so-khoa-hoc-va-cong-nghe-tay-ninh", "normalized"),
    ("Sở TT&TT", TN, "so-thong-tin-va-truyen-thong-tay-ninh", "exact"),
    ("Sở TTTT tỉnh Tây Ninh", None, "so-thong-tin-va-truyen-thong-tay-ninh", "abbreviation"),
    ("Sở LĐTB&XH", TN, "so-lao-dong-thuong-binh-va-xa-hoi-tay-ninh", "abbreviation"),
    (
        "Sở Lao động - Thương binh và Xã hội",
        TN,
        "so-lao-dong-thuong-binh-va-xa-hoi-tay-ninh",
        "normalized",
    ),
    ("Sở GD&ĐT", TN, "so-giao-duc-va-dao-tao-tay-ninh", "abbreviation"),
    ("Sở TN&MT", TN, "so-tai-nguyen-va-moi-truong-tay-ninh", "abbreviation"),
    ("Ủy ban nhân dân cấp huyện", TN, "ubnd-cap-huyen-tay-ninh", "exact"),
    ("Uỷ ban nhân dân cấp huyện", TN, "ubnd-cap-huyen-tay-ninh", "normalized"),
    ("Thị xã Hoà Thành", TN, "ubnd-thi-xa-hoa-thanh-tay-ninh", "normalized"),
    ("Thị xã Hòa Thành", TN, "ubnd-thi-xa-hoa-thanh-tay-ninh", "exact"),
    ("UBND thị xã Hoà Thành", None, "ubnd-thi-xa-hoa-thanh-tay-ninh", "normalized"),
    ("Ủy ban nhân dân thị xã Trảng Bàng", TN, "ubnd-thi-xa-trang-bang-tay-ninh", "exact"),
    ("UBND thành phố Tây Ninh", TN, "ubnd-thanh-pho-tay-ninh", "exact"),
    ("Ủy ban nhân dân huyện Gò Dầu", TN, "ubnd-huyen-go-dau-tay-ninh", "exact"),
    ("Cục Kiểm soát TTHC", None, "cuc-kiem-soat-thu-tuc-hanh-chinh", "exact"),
    ("Cuc kiem soat thu tuc hanh chinh", None, "cuc-kiem-soat-thu-tuc-hanh-chinh", "normalized"),
    ("Thủ tướng Chính phủ (để b/c)", HCM, "thu-tuong-chinh-phu", "exact"),
    ("Thủ tưởng Chính phủ", None, "thu-tuong-chinh-phu", "exact"),
    ("VPCP", None, "van-phong-chinh-phu", "exact"),
    ("Bộ Nông nghiệp và PTNT", None, "bo-nong-nghiep-va-phat-trien-nong-thon", "exact"),
    ("Bộ NN và PTNT", None, "bo-nong-nghiep-va-phat-trien-nong-thon", "normalized"),
    ("Bộ NNPTNT", None, "bo-nong-nghiep-va-phat-trien-nong-thon", "abbreviation"),
    ("Bộ Tài nguyên Môi trường", None, "bo-tai-nguyen-va-moi-truong", "exact"),
    # other provinces
    ("Sở Tài chính", HCM, "so-tai-chinh-ho-chi-minh", "exact"),
    ("Sở Tài chính", "TP.HCM", "so-tai-chinh-ho-chi-minh", "exact"),
    ("Sở Tài chính Thành phố Hồ Chí Minh", None, "so-tai-chinh-ho-chi-minh", "exact"),
    ("Sở Tài chính TP.HCM", None, "so-tai-chinh-ho-chi-minh", "abbreviation"),
    ("Công An Thành phố", HCM, "cong-an-tp-ho-chi-minh", "normalized"),
    ("Công an Thành phố", None, "cong-an-tp-ho-chi-minh", "exact"),
    ("UBND Thành phố", HCM, "ubnd-tp-ho-chi-minh", "exact"),
    ("Ủy ban nhân dân Thành phố", HCM, "ubnd-tp-ho-chi-minh", "exact"),
    ("UBND xã, phường, đặc khu", HCM, "ubnd-cap-xa-ho-chi-minh", "exact"),
    ("Ủy ban nhân dân phường, xã, đặc khu", HCM, "ubnd-cap-xa-ho-chi-minh", "exact"),
    ("Trung tâm Chuyển đổi số Thành phố", HCM, "trung-tam-chuyen-doi-so-tp-ho-chi-minh", "exact"),
    (
        "Viện Nghiên cứu phát triển Thành phố",
        HCM,
        "vien-nghien-cuu-phat-trien-tp-ho-chi-minh",
        "exact",
    ),
    ("Bộ Tư lệnh Thành phố", HCM, "bo-tu-lenh-tp-ho-chi-minh", "exact"),
    ("Sở Quy hoạch - Kiến trúc", HCM, "so-quy-hoach-kien-truc-ho-chi-minh", "exact"),
    ("Văn phòng ĐBQH và HĐND TP", HCM, "van-phong-doan-dbqh-va-hdnd-tp-ho-chi-minh", "exact"),
    ("Sở, ban, ngành có liên quan", DT, "so-ban-nganh-lien-quan-dong-thap", "exact"),
    ("Ban Quản lý khu Kinh tế tỉnh Đồng Tháp", DT, "ban-quan-ly-khu-kinh-te-dong-thap", "exact"),
    ("Ban Quản lý khu Kinh tế", DT, "ban-quan-ly-khu-kinh-te-dong-thap", "exact"),
    ("Sở Văn hoá Thể thao du lịch", DT, "so-van-hoa-the-thao-va-du-lich-dong-thap", "exact"),
    (
        "Liên hiệp các Hội Khoa học và Kỹ thuật",
        DT,
        "lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-dong-thap",
        "exact",
    ),
    ("Hiệp hội Doanh nghiệp", DT, "hiep-hoi-doanh-nghiep-dong-thap", "exact"),
    ("Ủy ban nhân dân xã, phường", DT, "ubnd-cap-xa-dong-thap", "exact"),
    ("Ủy ban nhân dân Tỉnh", DT, "ubnd-tinh-dong-thap", "normalized"),
    ("Sở Nông nghiệp và Môi trường", DL, "so-nong-nghiep-va-moi-truong-dak-lak", "exact"),
    ("UBND các xã/phường", DL, "ubnd-cap-xa-dak-lak", "exact"),
    ("Sở NNMT", DL, "so-nong-nghiep-va-moi-truong-dak-lak", "abbreviation"),
    ("UBND tỉnh Phú Yên", None, "ubnd-tinh-phu-yen", "exact"),
]


@pytest.mark.parametrize(("name", "province", "slug", "quality"), VARIANTS)
def test_variants(gz: Gazetteer, name: str, province: str | None, slug: str, quality: str) -> None:
    m = gz.match(name, province=province)
    if not slug:
        assert m is None
        return
    assert m is not None, name
    assert (m.entry.slug, m.quality) == (slug, quality)


def test_same_entry_for_all_spellings_of_the_radio(gz: Gazetteer) -> None:
    spellings = [
        "Đài PTTH Tây Ninh",
        "Đài PT và TH tỉnh",
        "Đài PTTH",
        "Đài phát thanh - Truyền hình tỉnh",
    ]
    slugs = {gz.match(s, province=TN).entry.slug for s in spellings}  # type: ignore[union-attr]
    assert slugs == {"dai-phat-thanh-va-truyen-hinh-tay-ninh"}


def test_truncated_is_flagged(gz: Gazetteer) -> None:
    m = gz.match("Văn phòng Đoàn ĐBQH, HĐND và", province=TN)
    assert m is not None
    assert m.entry.slug == "van-phong-doan-dbqh-hdnd-ubnd-tinh-tay-ninh"
    assert m.quality == "truncated"


def test_ambiguous_prefix_is_none(gz: Gazetteer) -> None:
    # a prefix of the People's Committees of six districts
    assert gz.match("Ủy ban nhân dân huyện", province=TN) is None
    found = gz.candidates("Ủy ban nhân dân huyện", province=TN)
    assert len(found) >= 6
    assert {m.quality for m in found} == {"truncated"}


def test_short_prefix_is_not_truncation(gz: Gazetteer) -> None:
    assert gz.match("Sở Tài", province=TN) is None  # two words


@pytest.mark.parametrize(
    "name",
    [
        "Sở Hàng không vũ trụ",
        "Phòng Kinh tế",
        "Chủ tịch UBND tỉnh Tây Ninh",  # a post, not an agency
        "các tổ chức, cá nhân có liên quan",  # not an agency
        "Doanh nghiệp",
        "",
        "  ",
    ],
)
def test_unknown_is_none(gz: Gazetteer, name: str) -> None:
    assert gz.match(name, province=TN) is None


def test_ambiguous_without_province(gz: Gazetteer) -> None:
    assert gz.match("Sở Tài chính") is None
    slugs = {m.entry.slug for m in gz.candidates("Sở Tài chính")}
    assert {
        "so-tai-chinh-tay-ninh",
        "so-tai-chinh-ho-chi-minh",
        "so-tai-chinh-dong-thap",
        "so-tai-chinh-dak-lak",
        "so-tai-chinh-long-an",
    } <= slugs
    assert len(slugs) == 63  # one per province before 2025-07-01 (the 34 of after are among them)
    assert gz.match("UBND tỉnh") is None


def test_province_excludes_other_provinces(gz: Gazetteer) -> None:
    assert gz.match("Sở Ngoại vụ", province=HCM) is None
    assert gz.match("Sở Ngoại vụ").entry.slug == "so-ngoai-vu-tay-ninh"  # type: ignore[union-attr]


def test_central_bodies_match_in_any_province(gz: Gazetteer) -> None:
    for province in (None, TN, HCM, DT, DL):
        assert gz.match("Bộ Tài chính", province=province).entry.slug == "bo-tai-chinh"  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# Cell splitting: real lead/coordinator cells
# ---------------------------------------------------------------------------------------------

SPLITS: list[tuple[str, str | None, list[str]]] = [
    (
        "Các sở, ngành tỉnh, UBND cấp huyện. UBND cấp xã",
        TN,
        ["Các sở, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "- Báo Tây Ninh;\n- Đài PTTH Tây Ninh;\n- Các đơn vị có liên quan",
        TN,
        ["Báo Tây Ninh", "Đài PTTH Tây Ninh", "Các đơn vị có liên quan"],
    ),
    (
        "Các sở, ngành tỉnh, UBND cấp huyện, cấp xã",
        TN,
        ["Các sở, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("Các sở, ngành tỉnh, UBND cấp huyện.", TN, ["Các sở, ngành tỉnh", "UBND cấp huyện"]),
    (
        "- Các sở, ngành tỉnh, UBND cấp huyện.\n- Các cơ quan có liên quan",
        TN,
        ["Các sở, ngành tỉnh", "UBND cấp huyện", "Các cơ quan có liên quan"],
    ),
    (
        "- Các sở, ngành tỉnh, UBND cấp huyện.\n- Các cơ\nquan có liên quan",
        TN,
        ["Các sở, ngành tỉnh", "UBND cấp huyện", "Các cơ quan có liên quan"],
    ),
    (
        "- Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh.\n- UBND cấp huyện.\n- UBND cấp xã.",
        TN,
        ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "- Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh\n- UBND cấp huyện\n- UBND cấp xã",
        TN,
        ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh; Sở Thông tin\nvà Truyền thông",
        TN,
        ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "Sở Thông tin và Truyền thông"],
    ),
    (
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh; các sở, ban\nngành tỉnh",
        TN,
        ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "các sở, ban ngành tỉnh"],
    ),
    (
        "Các sở, ban ngành tỉnh, UBND cấp huyện, cấp xã",
        TN,
        ["Các sở, ban ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("Các sở, ban, ngành tỉnh, UBND cấp huyện", TN, ["Các sở, ban, ngành tỉnh", "UBND cấp huyện"]),
    (
        "Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã",
        TN,
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "Các sở, ngành; UBND cấp huyện, cấp xã",
        TN,
        ["Các sở, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("Văn phòng Đoàn ĐBQH, HĐND", TN, ["Văn phòng Đoàn ĐBQH, HĐND"]),
    ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh.", None, ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"]),
    ("Sở Lao động, Thương binh và Xã hội", TN, ["Sở Lao động, Thương binh và Xã hội"]),
    ("Đài phát\nthanh - Truyền hình tỉnh", TN, ["Đài phát thanh - Truyền hình tỉnh"]),
    (
        "Các cơ quan, đơn vị, địa phương có liên quan",
        TN,
        ["Các cơ quan, đơn vị, địa phương có liên quan"],
    ),
    ("Đoàn Đại biểu Quốc hội - HĐND tỉnh", TN, ["Đoàn Đại biểu Quốc hội", "HĐND tỉnh"]),
    ("TT.TU, HĐND tỉnh", TN, ["TT.TU", "HĐND tỉnh"]),
    (
        "Các sở: Tài chính, Tư pháp, Nội\nvụ, Khoa học và Công nghệ, Thông tin và Truyền thông "
        "và Văn phòng Đoàn ĐBQH,\nHĐND và UBND tỉnh",
        TN,
        [
            "Sở Tài chính",
            "Sở Tư pháp",
            "Sở Nội vụ",
            "Sở Khoa học và Công nghệ",
            "Sở Thông tin và Truyền thông",
            "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        ],
    ),
    (
        "Các cơ quan ngành dọc có liên quan trên địa bàn tỉnh: Cục thuế, Cục Hải quan, "
        "Bảo hiểm xã hội, Công an tỉnh...",
        TN,
        [
            "Các cơ quan ngành dọc có liên quan trên địa bàn tỉnh",
            "Cục thuế",
            "Cục Hải quan",
            "Bảo hiểm xã hội",
            "Công an tỉnh",
        ],
    ),
    # TP.HCM 2025
    ("UBND xã, phường, đặc khu", HCM, ["UBND xã, phường, đặc khu"]),
    ("Các sở, ngành, UBND xã, phường, đặc khu", HCM, ["Các sở, ngành", "UBND xã, phường, đặc khu"]),
    (
        "Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu",
        HCM,
        ["Sở Khoa học và Công nghệ", "các sở, ngành", "UBND xã, phường, đặc khu"],
    ),
    (
        "Sở Tài chính, Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường,\nđặc khu",
        HCM,
        ["Sở Tài chính", "Sở Khoa học và Công nghệ", "các sở, ngành", "UBND xã, phường, đặc khu"],
    ),
    (
        "Các sở, ngành, UBND xã, phường, đặc khu\nSở Tài chính",
        HCM,
        ["Các sở, ngành", "UBND xã, phường, đặc khu", "Sở Tài chính"],
    ),
    (
        "Sở Khoa học và Công nghệ, Trung tâm Chuyển đổi số Thành phố",
        HCM,
        ["Sở Khoa học và Công nghệ", "Trung tâm Chuyển đổi số Thành phố"],
    ),
    (
        "Sở Khoa học và Công nghệ, Công an Thành phố",
        HCM,
        ["Sở Khoa học và Công nghệ", "Công an Thành phố"],
    ),
    (
        "Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu",
        HCM,
        ["Sở Tài chính", "Sở Nội vụ", "các sở, ngành", "UBND xã, phường, đặc khu"],
    ),
    # Đồng Tháp 2025
    (
        "Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh Đồng Tháp",
        DT,
        ["Sở Công Thương", "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"],
    ),
    (
        "Viện, Trường; Doanh nghiệp, Sở, ban, ngành có liên quan",
        DT,
        ["Viện, Trường", "Doanh nghiệp", "Sở, ban, ngành có liên quan"],
    ),
    (
        "Doanh nghiệp; Sở, ban, ngành có liên quan",
        DT,
        ["Doanh nghiệp", "Sở, ban, ngành có liên quan"],
    ),
    # Đắk Lắk 2025 recipients
    ("Các Sở: NNMT, TC, CT, KHCN", DL, ["Sở NNMT", "Sở TC", "Sở CT", "Sở KHCN"]),
    # fallback: unknown names split on commas
    ("Phòng Kinh tế, Phòng Tư pháp", None, ["Phòng Kinh tế", "Phòng Tư pháp"]),
    ("", None, []),
]


@pytest.mark.parametrize(("cell", "province", "expected"), SPLITS)
def test_split(gz: Gazetteer, cell: str, province: str | None, expected: list[str]) -> None:
    assert gz.split(cell, province=province) == expected


def test_split_names_uses_the_bundled_gazetteer() -> None:
    assert split_names("Các sở, ngành tỉnh, UBND cấp huyện, cấp xã") == [
        "Các sở, ngành tỉnh",
        "UBND cấp huyện",
        "UBND cấp xã",
    ]


def test_split_then_match_resolves_every_seed_cell(gz: Gazetteer) -> None:
    cell = "- Các sở, ngành tỉnh, UBND cấp huyện.\n- Các cơ\nquan có liên quan"
    slugs = [gz.match(n, province=TN).entry.slug for n in gz.split(cell, province=TN)]  # type: ignore[union-attr]
    assert slugs == [
        "cac-so-ban-nganh-tinh-tay-ninh",
        "ubnd-cap-huyen-tay-ninh",
        "cac-co-quan-lien-quan",
    ]


# ---------------------------------------------------------------------------------------------
# Normalisation helpers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sở Tài chính", "so tai chinh"),
        ("Thị xã Hoà Thành", "Thị xã Hòa Thành"),
        ("Sở Khoa học và Công nghệ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        ("Thuỷ sản", "Thủy sản"),
        ("Đoàn ĐBQH", "doan dbqh"),
        ("Sở KH&CN", "so kh va cn"),
        ("Sở Tài\nchính;", "Sở Tài chính"),
        ("Sở Tài chính", "So Ta\u0300i chi\u0301nh"),  # decomposed input
    ],
)
def test_fold_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Đài PTTH", "Đài Phát thanh và Truyền hình"),
        ("Đài PT và TH", "Đài Phát thanh và Truyền hình"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Cục Kiểm soát TTHC", "Cục Kiểm soát thủ tục hành chính"),
        ("Ban Chỉ đạo CCHC", "Ban Chỉ đạo cải cách hành chính"),
        ("VP UBND", "Văn phòng Ủy ban nhân dân"),
        ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Trung tâm HCC", "Trung tâm Hành chính công"),
        ("Trang TTĐT", "Trang thông tin điện tử"),
        ("Văn phòng Đoàn ĐBQH, HĐND", "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân"),
    ],
)
def test_expand_equal(a: str, b: str) -> None:
    assert expand(a) == expand(b)


def test_slugify() -> None:
    assert slugify("Sở Tài chính") == "so-tai-chinh"
    assert (
        slugify("Ủy ban nhân dân huyện Dương Minh Châu") == "uy-ban-nhan-dan-huyen-duong-minh-chau"
    )
    assert slugify("Đắk Lắk") == "dak-lak"


def test_clean() -> None:
    assert clean("  - Bộ Tài chính (để b/c);") == "Bộ Tài chính"
    assert clean("**Sở\nTài chính**") == "Sở Tài chính"


# ---------------------------------------------------------------------------------------------
# Gazetteer integrity
# ---------------------------------------------------------------------------------------------

LEVEL_BASE = "https://w3id.org/cancu/scheme/level/"


def _subjects(graph: Graph) -> set[URIRef]:
    return {
        s
        for cls in (CANCU.Agency, CANCU.AgencyGroup)
        for s in graph.subjects(RDF.type, cls)
        if isinstance(s, URIRef)
    }


def test_every_entry_is_complete(graph: Graph) -> None:
    subjects = _subjects(graph)
    assert len(subjects) > 100
    for s in subjects:
        assert str(s).startswith("https://w3id.org/cancu/agency/"), s
        prefs = list(graph.objects(s, SKOS.prefLabel))
        langs = sorted(o.language for o in prefs if isinstance(o, Literal))
        assert langs == ["en", "vi"], s
        assert len(set(graph.objects(s, RDF.type))) == 1, s
        levels = list(graph.objects(s, CANCU.level))
        assert levels, f"{s} has no cancu:level"
        for lv in levels:
            assert str(lv).removeprefix(LEVEL_BASE) in {"trung-uong", "tinh", "huyen", "xa"}, lv
        for alt in graph.objects(s, SKOS.altLabel):
            assert isinstance(alt, Literal) and alt.language == "vi", (s, alt)


def test_every_link_target_exists(graph: Graph) -> None:
    subjects = _subjects(graph)
    for p in (ORG.subOrganizationOf, CANCU.hasMember):
        for s, o in graph.subject_objects(p):
            assert o in subjects, f"{s} {p} {o}: target not in the gazetteer"


def test_groups_have_a_rule_and_agencies_do_not(graph: Graph) -> None:
    for s in graph.subjects(RDF.type, CANCU.AgencyGroup):
        rules = list(graph.objects(s, CANCU.memberRule))
        assert rules and all(isinstance(r, Literal) and r.language == "en" for r in rules), s
    for s in graph.subjects(RDF.type, CANCU.Agency):
        assert not list(graph.objects(s, CANCU.memberRule)), s
        assert not list(graph.objects(s, CANCU.hasMember)), s


def test_no_two_entries_share_a_label_in_a_province(gz: Gazetteer) -> None:
    seen: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for e in gz.entries:
        for label in e.labels:
            seen[(e.province, expand(label))].add(e.slug)
            seen[(e.province, fold(label))].add(e.slug)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes


def _overlap(a: Entry, b: Entry) -> bool:
    """Whether two bodies existed at the same time (open ends: always)."""
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_through or dt.date.max, b.valid_through or dt.date.max)
    return start <= end


def test_no_local_label_shadows_a_central_one(gz: Gazetteer) -> None:
    central = [(e, {expand(lb) for lb in e.labels}) for e in gz.entries if e.province is None]
    assert len(central) > 80, "the central bodies were not found"
    for e in gz.entries:
        if e.province:
            labels = {expand(lb) for lb in e.labels}
            for c, clabels in central:
                assert not (labels & clabels and _overlap(e, c)), (e.slug, c.slug)


def test_slugs_are_slugs_and_local_ones_name_their_province(gz: Gazetteer) -> None:
    for e in gz.entries:
        assert e.slug == slugify(e.slug.replace("-", " ")), e.slug
        if e.province:
            assert e.slug.endswith(slugify(e.province)), e.slug


def test_tay_ninh_districts(gz: Gazetteer) -> None:
    group = gz.entry("ubnd-cap-huyen-tay-ninh")
    assert group.kind == "group"
    assert len(group.members) == 9
    for iri in group.members:
        member = gz.entry(iri)
        assert member.kind == "agency"
        assert member.level == "huyen"
        assert member.parent == gz.entry("ubnd-tinh-tay-ninh").iri
        assert str(member.valid_through) == "2025-06-30"


def test_hierarchy_examples(gz: Gazetteer) -> None:
    assert gz.entry("so-tai-chinh-tay-ninh").parent == gz.entry("ubnd-tinh-tay-ninh").iri
    assert (
        gz.entry("cuc-kiem-soat-thu-tuc-hanh-chinh").parent == gz.entry("van-phong-chinh-phu").iri
    )
    assert gz.entry("chinh-phu").parent is None
    assert gz.entry("chinh-phu").notations == ("CP",)
    assert gz.entry("thu-tuong-chinh-phu").notations == ("TTg",)
    assert gz.entry("cac-co-quan-lien-quan").members == ()
    assert gz.entry("cac-co-quan-lien-quan").province is None
    assert gz.entry("cac-co-quan-lien-quan").level is None  # spans every level
    assert gz.entry("so-tai-chinh-tay-ninh").level == "tinh"


def test_issuer_codes_are_present(gz: Gazetteer) -> None:
    codes = {n for e in gz.entries for n in e.notations}
    assert {"QH", "CP", "TTg", "VPCP", "BNV", "BTC", "BTP", "TW", "UBND", "HĐND"} <= codes


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        Gazetteer.load(tmp_path / "none.ttl")


def test_load_rejects_entry_without_vietnamese_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(
        "@prefix cancu: <https://w3id.org/cancu/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/cancu/agency/x> a cancu:Agency ; skos:prefLabel "X"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="prefLabel@vi"):
        Gazetteer.load(path)

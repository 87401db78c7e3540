"""The generated gazetteer (every province, department, district, commune and central body of
both periods) and resolution in the context of a document's province and date."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from cancu.extract.agents import AgentResolver
from cancu.text.gazetteer import (
    ALL_PATHS,
    COMMUNES_PATH,
    CURATED_PATH,
    GENERATED_PATH,
    Gazetteer,
)
from cancu.vocab import AGENCY

ROOT = Path(__file__).resolve().parents[1]
BEFORE = dt.date(2021, 3, 1)  # 63 provinces, districts, the departments of Nghị định 107/2020
SPRING = dt.date(2025, 4, 1)  # 63 provinces, the departments of Nghị định 45/2025
AFTER = dt.date(2025, 8, 1)  # 34 provinces, no districts


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load().with_communes()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    for path in ALL_PATHS:
        s.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return s


def _slug(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def test_generated_files_are_what_the_generator_writes() -> None:
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits is not installed (pip install -e '.[gazetteer]')")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen-gazetteer"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_provinces_of_both_periods(gz: Gazetteer) -> None:
    committees = [e for e in gz.entries if "UBND" in e.notations and e.level == "tinh"]
    assert sum(e.valid_on(BEFORE) for e in committees) == 63
    assert sum(e.valid_on(AFTER) for e in committees) == 34
    for day, count in ((BEFORE, 63), (AFTER, 34)):
        provinces = {e.province for e in committees if e.valid_on(day)}
        assert len(provinces) == count
        for province in provinces:
            r = AgentResolver(gz, province, date=day)
            for code in ("UBND", "HĐND"):
                issuer = r.issuer((code,), province)
                assert issuer is not None and gz.entry(issuer.iri).province == province


def test_departments_of_each_decree(gz: Gazetteer) -> None:
    def departments(day: dt.date) -> Counter:
        found = Counter()
        for e in gz.entries:
            if e.province and e.slug.startswith("so-") and e.valid_on(day) and e.notations:
                found[e.notations[0]] += 1
        return found

    before, after = departments(BEFORE), departments(AFTER)
    assert before["SKHĐT"] == before["STTTT"] == before["SLĐTBXH"] == 63
    assert "SNNMT" not in before
    assert after["STC"] == after["SNNMT"] == 34
    assert not {"SKHĐT", "SGTVT", "STTTT", "SLĐTBXH", "SNNPTNT", "STNMT"} & set(after)


@pytest.mark.parametrize(
    ("name", "province", "day", "slug"),
    [
        # a body of the document's time, not today's
        (
            "Sở Kế hoạch và Đầu tư",
            "Tây Ninh",
            dt.date(2020, 11, 16),
            "so-ke-hoach-va-dau-tu-tay-ninh",
        ),
        ("Sở Kế hoạch và Đầu tư", "Long An", BEFORE, "so-ke-hoach-va-dau-tu-long-an"),
        ("Sở Kế hoạch và Đầu tư", "Long An", AFTER, None),
        ("Sở Tài chính", "Long An", SPRING, "so-tai-chinh-long-an"),
        ("Sở Tài chính", "Long An", AFTER, None),  # Long An is part of Tây Ninh
        ("Sở Nông nghiệp và Môi trường", "Nghệ An", BEFORE, None),
        ("Sở Nông nghiệp và Môi trường", "Nghệ An", SPRING, "so-nong-nghiep-va-moi-truong-nghe-an"),
        ("Bộ Kế hoạch và Đầu tư", None, BEFORE, "bo-ke-hoach-va-dau-tu"),
        ("Bộ Kế hoạch và Đầu tư", None, AFTER, None),
        ("Bộ Dân tộc và Tôn giáo", None, AFTER, "bo-dan-toc-va-ton-giao"),
        ("UBND cấp huyện", "Nghệ An", BEFORE, "ubnd-cap-huyen-nghe-an"),
        ("UBND cấp huyện", "Nghệ An", AFTER, None),
        # the document's province: Nghệ An's communes, not Tây Ninh's
        ("UBND cấp xã", "Nghệ An", AFTER, "ubnd-cap-xa-nghe-an"),
        ("Ủy ban nhân dân các xã, phường", "Hà Tĩnh", AFTER, "ubnd-cap-xa-ha-tinh"),
        # abbreviations, missing diacritics, with and without the province
        ("Sở KH&ĐT", "Nghệ An", BEFORE, "so-ke-hoach-va-dau-tu-nghe-an"),
        ("Sở KHĐT tỉnh", "Nghệ An", BEFORE, "so-ke-hoach-va-dau-tu-nghe-an"),
        ("Sở TT&TT", "Nghệ An", BEFORE, "so-thong-tin-va-truyen-thong-nghe-an"),
        ("Sở LĐTB&XH", "Nghệ An", BEFORE, "so-lao-dong-thuong-binh-va-xa-hoi-nghe-an"),
        ("so ke hoach va dau tu tinh nghe an", "Nghệ An", BEFORE, "so-ke-hoach-va-dau-tu-nghe-an"),
        ("Sở Kế hoạch và Đầu tư Nghệ An", "Nghệ An", BEFORE, "so-ke-hoach-va-dau-tu-nghe-an"),
        ("UBND tỉnh", "Nghệ An", AFTER, "ubnd-tinh-nghe-an"),
        ("HĐND tỉnh Nghệ An", None, AFTER, "hdnd-tinh-nghe-an"),
        ("Đoàn ĐBQH tỉnh", "Nghệ An", AFTER, "doan-dbqh-tinh-nghe-an"),
        ("UBND Thành phố", "Cần Thơ", AFTER, "ubnd-tp-can-tho"),
        ("Thành ủy", "Hà Nội", AFTER, "thanh-uy-ha-noi"),
        # non-state bodies are agents
        ("Ủy ban MTTQ tỉnh", "Nghệ An", AFTER, "uy-ban-mttq-tinh-nghe-an"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Nghệ An", AFTER, "uy-ban-mttq-tinh-nghe-an"),
        ("Hội LHPN tỉnh", "Nghệ An", AFTER, "hoi-lien-hiep-phu-nu-tinh-nghe-an"),
        ("Tỉnh đoàn", "Nghệ An", AFTER, "tinh-doan-nghe-an"),
        ("Các đoàn thể", "Nghệ An", AFTER, "mttq-va-cac-doan-the-tinh-nghe-an"),
        # another province named in the text
        ("Sở Tài chính tỉnh Hà Tĩnh", "Nghệ An", AFTER, "so-tai-chinh-ha-tinh"),
        ("UBND tỉnh Phú Yên", "Đắk Lắk", SPRING, "ubnd-tinh-phu-yen"),
        # central bodies
        ("Bộ Xây dựng", "Nghệ An", AFTER, "bo-xay-dung"),
        ("Thủ tướng Chính phủ", "Nghệ An", AFTER, "thu-tuong-chinh-phu"),
        ("Các bộ, ngành liên quan", "Nghệ An", AFTER, "cac-bo-nganh-lien-quan"),
        # a commune, from the commune tier
        ("UBND phường Sài Gòn", "Hồ Chí Minh", AFTER, "ubnd-phuong-sai-gon-ho-chi-minh"),
        # unknown: never guessed
        ("Sở Hàng không vũ trụ", "Nghệ An", AFTER, None),
    ],
)
def test_resolution_in_context(
    gz: Gazetteer, name: str, province: str | None, day: dt.date, slug: str | None
) -> None:
    ref = AgentResolver(gz, province, date=day).resolve(name, 1, 1)
    assert _slug(ref.iri) == slug, (name, [_slug(c) for c in ref.candidates])


def test_ambiguous_names_keep_their_candidates(gz: Gazetteer) -> None:
    ref = AgentResolver(gz, date=AFTER).resolve("Sở Y tế", 1, 1)
    assert ref.iri is None
    assert len(ref.candidates) == 34
    assert str(AGENCY["so-y-te-nghe-an"]) in ref.candidates
    unknown = AgentResolver(gz, "Nghệ An").resolve("Phòng Hành chính tổng hợp", 1, 1)
    assert (unknown.iri, unknown.candidates) == (None, ())


def test_issuers_by_code(gz: Gazetteer) -> None:
    r = AgentResolver(gz, date=AFTER)
    expected = {
        "BXD": "bo-xay-dung",
        "BTC": "bo-tai-chinh",
        "BNNMT": "bo-nong-nghiep-va-moi-truong",
        "TTg": "thu-tuong-chinh-phu",
        "CP": "chinh-phu",
        "VPCP": "van-phong-chinh-phu",
        "QH": "quoc-hoi",
        "CHQ": "cuc-hai-quan",
    }
    for code, slug in expected.items():
        assert _slug(r.issuer((code,), None).iri) == slug  # type: ignore[union-attr]
    assert _slug(r.issuer(("SGDĐT",), "Hồ Chí Minh").iri) == "so-giao-duc-va-dao-tao-ho-chi-minh"  # type: ignore[union-attr]
    assert r.issuer(("BKHĐT",), None) is None
    assert _slug(r.issuer(("BKHĐT",), None, on=BEFORE).iri) == "bo-ke-hoach-va-dau-tu"  # type: ignore[union-attr]


@pytest.mark.parametrize("province", ["Nghệ An", "Tây Ninh", "Hồ Chí Minh", "Cao Bằng"])
def test_cells_with_names_that_hold_commas(gz: Gazetteer, province: str) -> None:
    cell = (
        "Sở Văn hóa, Thể thao và Du lịch, UBND các xã, phường, Các bộ, ngành liên quan, "
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh, Hội Nông dân, Các đoàn thể"
    )
    assert gz.split(cell, province) == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "UBND các xã, phường",
        "Các bộ, ngành liên quan",
        "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "Hội Nông dân",
        "Các đoàn thể",
    ]


def test_free_text_in_a_cell_is_never_an_agent(gz: Gazetteer) -> None:
    r = AgentResolver(gz, "Nghệ An", date=AFTER)
    refs = r.split("Sở Tài chính theo dõi; báo cáo chỉ tiêu\nUBND các xã, phường", 40, 41)
    assert [_slug(a.iri) for a in refs] == ["so-tai-chinh-nghe-an", "ubnd-cap-xa-nghe-an"]
    assert len(r.notes) == 2 and all(n.startswith("line 40:") for n in r.notes)
    # "chỉ đạo" inside a name is not a task description
    ban = AgentResolver(gz, "Tây Ninh").split("Ban Chỉ đạo CCHC tỉnh", 3, 3)
    assert _slug(ban[0].iri) == "ban-chi-dao-cai-cach-hanh-chinh-tay-ninh"


def test_names_run_together_are_cut_apart(gz: Gazetteer) -> None:
    assert gz.split("Các sở, ngành, UBND xã, phường, đặc khu Sở Tài chính", "Hồ Chí Minh") == [
        "Các sở, ngành",
        "UBND xã, phường, đặc khu",
        "Sở Tài chính",
    ]


def test_commune_tier_is_loaded_only_for_a_commune_name() -> None:
    gz = Gazetteer.load().with_communes()
    assert gz.match("UBND cấp xã", "Nghệ An", AFTER) is not None
    assert gz._communes is None
    assert gz.match("UBND phường Sài Gòn", "Hồ Chí Minh", AFTER) is not None
    assert gz._communes is not None


def test_groups_have_their_members(gz: Gazetteer, store: ox.Store) -> None:
    # the commune members are triples of the commune tier, as in the store's graphs
    query = """
    PREFIX cancu: <https://w3id.org/cancu/ontology#>
    PREFIX agency: <https://w3id.org/cancu/agency/>
    SELECT ?province (COUNT(?m) AS ?n) WHERE {
      agency:ubnd-cap-xa-nghe-an cancu:hasMember ?m . ?m cancu:province ?province
    } GROUP BY ?province"""
    rows = {r["province"].value: int(r["n"].value) for r in store.query(query)}
    assert list(rows) == ["Nghệ An"] and rows["Nghệ An"] > 400
    departments = {_slug(m) for m in gz.entry("cac-so-ban-nganh-tinh-nghe-an").members}
    assert {"so-tai-chinh-nghe-an", "so-ke-hoach-va-dau-tu-nghe-an"} <= departments
    assert len(gz.entry("ubnd-cap-huyen-nghe-an").members) >= 20


def test_every_link_target_is_an_entry(store: ox.Store) -> None:
    query = """
    PREFIX cancu: <https://w3id.org/cancu/ontology#>
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT DISTINCT ?target WHERE {
      ?s cancu:hasMember|org:subOrganizationOf|org:originalOrganization
         |org:resultingOrganization|prov:wasDerivedFrom ?target .
      FILTER NOT EXISTS { ?target a ?type FILTER (?type IN (cancu:Agency, cancu:AgencyGroup)) }
    }"""
    missing = [row["target"].value for row in store.query(query)]
    assert not missing


def test_changes_carry_their_bodies_date_and_act(store: ox.Store) -> None:
    query = """
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT (COUNT(?e) AS ?n) (SUM(IF(BOUND(?date) && BOUND(?from) && BOUND(?act), 1, 0)) AS ?ok)
    WHERE {
      ?e a org:ChangeEvent .
      OPTIONAL { ?e dcterms:date ?date } OPTIONAL { ?e org:originalOrganization ?from }
      OPTIONAL { ?e skos:note ?act }
    }"""
    row = next(iter(store.query(query)))
    assert int(row["n"].value) > 5000
    assert row["n"].value == row["ok"].value


def test_which_body_carries_a_merged_department_today(store: ox.Store) -> None:
    query = """
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX schema: <https://schema.org/>
    PREFIX agency: <https://w3id.org/cancu/agency/>
    SELECT ?today WHERE {
      ?today prov:wasDerivedFrom+ agency:so-ke-hoach-va-dau-tu-long-an .
      FILTER NOT EXISTS { ?today schema:validThrough ?end }
    }"""
    assert [_slug(r["today"].value) for r in store.query(query)] == ["so-tai-chinh-tay-ninh"]


def test_compiled_index_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANCU_CACHE_DIR", str(tmp_path))
    first = Gazetteer.load([CURATED_PATH, GENERATED_PATH])
    cached = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(cached) == 1
    second = Gazetteer.load([CURATED_PATH, GENERATED_PATH])
    assert second.entries == first.entries
    assert second.match("Sở KH&ĐT", "Nghệ An", BEFORE) == first.match("Sở KH&ĐT", "Nghệ An", BEFORE)
    cached[0].write_bytes(b"damaged")
    assert Gazetteer.load([CURATED_PATH, GENERATED_PATH]).entries == first.entries
    assert COMMUNES_PATH.is_file()


def test_figures_on_the_bundled_documents(gz: Gazetteer) -> None:
    from benchmarks.evaluation.agencies import score_agencies

    from cancu.pipeline import default_sources, extract_file

    sources = default_sources()
    assert len(sources) >= 4, "the bundled sources were not found"
    scores = [score_agencies(extract_file(path, gz)) for path in sources]
    assert all(s["issuer_resolved"] for s in scores)
    mentions = sum(s["mentions"] for s in scores)
    assert mentions > 300
    assert sum(s["unresolved"] for s in scores) <= 0.05 * mentions
    assert [s["other_province"] for s in scores] == [[] for _ in scores]

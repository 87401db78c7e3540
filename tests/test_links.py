"""The curated link table, the links graph, search links, export/import and the status check."""

from __future__ import annotations

import argparse
import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from cancu.cli import link as link_cli
from cancu.errors import CancuError
from cancu.links.curated import (
    HEADER_LINE,
    LINKS_CSV,
    STATUSES,
    LinkRow,
    LinkTableError,
    load_table,
    parse_table,
)
from cancu.links.instruments import Instrument
from cancu.links.search_pages import search_links, search_url
from cancu.links.statements import LINKS_GRAPH, links_graph, store_links_graph
from cancu.store.embedded import EmbeddedStore
from cancu.vocab import CANCU, ELI, sparql_prefixes

REPO = Path(__file__).resolve().parents[1]
CHECK = REPO / "queries" / "checks" / "instrument-not-in-force-violation.rq"
ND61 = "https://w3id.org/cancu/eli/vn/cp/nd/2018/61"
GOOD = "61/2018/NĐ-CP,chinh-phu,2018-04-23,,,,Hết hiệu lực toàn bộ,2025-07-01,me,2025-08-01,"


def run_link(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="cancu")
    link_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["link", *argv])
    return args.func(args)


def row(**changes: object) -> LinkRow:
    values: dict = dict(
        line=2, number="61/2018/NĐ-CP", issuer="chinh-phu", date=date(2018, 4, 23),
        database="", relation="", url="", status="", status_date=None, verified_by="Nguyễn Văn A",
        verified_on=date(2025, 8, 1), note="",
    )  # fmt: skip
    values.update(changes)
    return LinkRow(**values)


# ------------------------------------------------------------------ the table


def test_the_shipped_table_is_valid_and_honest() -> None:
    rows = load_table()
    assert rows, "data/links.csv is empty"
    assert {r.number for r in rows} >= {"61/2018/NĐ-CP", "92/2017/NĐ-CP"}
    for r in rows:
        assert "ItemID=" not in r.url, "an ItemID cannot be known without checking the site"
        if not r.verified:
            assert r.relation in ("", "search"), (
                f"line {r.line}: unverified rows hold searches only"
            )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (GOOD.replace("NĐ-CP", "ND-CP", 1), "links.csv:2: number: write '61/2018/NĐ-CP'"),
        (GOOD.replace("61/2018/NĐ-CP", "abc", 1), "links.csv:2: number: "),
        (GOOD.replace("Hết hiệu lực toàn bộ", "Het hieu luc"), "expected one of: Còn hiệu lực"),
        (
            GOOD.replace("2025-07-01", "1/7/2025"),
            "status_date: '1/7/2025' is not a date (expected YYYY-MM-DD",
        ),
        (GOOD.replace("2018-04-23", "2019-04-23"), "date: 2019-04-23 is not in 2018"),
        (GOOD.replace(",me,", ",,"), "verified_by: empty (expected who checked"),
        (GOOD.replace("chinh-phu", "Chính phủ"), "is not an agency of data/agencies.ttl"),
        (
            GOOD.replace(",,,,Hết", ",vbpl,same-work,ftp://vbpl.vn/x,Hết"),
            "url: 'ftp://vbpl.vn/x' is not an http(s) URL",
        ),
        (
            GOOD.replace(",,,,Hết", ",vbpl,same-work,https://example.org/x,Hết"),
            "host 'example.org' is not vbpl's (expected vbpl.vn)",
        ),
        (
            GOOD.replace(",,,,Hết", ",vbpl,copy,https://vbpl.vn/x,Hết"),
            "relation: 'copy' (expected one of: same-work",
        ),
        (GOOD.replace("Hết hiệu lực toàn bộ,2025-07-01", ","), "url, status: both empty"),
        ("61/2018/NĐ-CP,chinh-phu", "links.csv:2: 2 cells (expected 11"),
        (
            "800/QĐ-UBND,ubnd-tinh-tay-ninh,,,,,Còn hiệu lực,,me,2025-08-01,",
            "the number has no year",
        ),
    ],
)
def test_bad_rows_name_file_line_and_expected_value(cells: str, expected: str) -> None:
    with pytest.raises(LinkTableError) as err:
        parse_table(HEADER_LINE + cells + "\n", "links.csv")
    assert expected in str(err.value)


def test_every_problem_is_reported_with_its_line() -> None:
    text = HEADER_LINE + GOOD + "\n" + GOOD.replace(",me,", ",,") + "\n\n" + GOOD + "\n"
    with pytest.raises(LinkTableError) as err:
        parse_table(text, "t.csv")
    lines = str(err.value).splitlines()
    assert lines[0].startswith("t.csv:3: verified_by")
    assert lines[1] == "t.csv:5: the same statement as line 2"


def test_bad_header_is_line_1() -> None:
    with pytest.raises(LinkTableError, match=r"t.csv:1: the header must be: number,issuer"):
        parse_table("number,url\n", "t.csv")


def test_statuses_are_the_five_of_the_databases() -> None:
    assert list(STATUSES) == [
        "Còn hiệu lực", "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ", "Ngưng hiệu lực",
        "Chưa có hiệu lực",
    ]  # fmt: skip


# ------------------------------------------------------------------ triples


@pytest.mark.parametrize(
    ("relation", "verified_by", "predicate"),
    [
        ("same-work", "Nguyễn Văn A", OWL.sameAs),
        ("same-work", "unverified (no network)", RDFS.seeAlso),
        ("publication", "Nguyễn Văn A", DCTERMS.hasFormat),
        ("publication", "unverified (no network)", RDFS.seeAlso),
        ("related", "Nguyễn Văn A", RDFS.seeAlso),
        ("search", "Nguyễn Văn A", RDFS.seeAlso),
    ],
)
def test_a_link_is_never_stated_more_strongly_than_curated(
    relation: str, verified_by: str, predicate: URIRef
) -> None:
    url = "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1"
    g = links_graph([row(database="vbpl", relation=relation, url=url, verified_by=verified_by)], [])
    inst, target = URIRef(ND61), URIRef(url)
    assert set(g.predicates(inst, target)) == {predicate}
    assert ((target, RDF.type, CANCU.SearchLink) in g) == (relation == "search")
    record = g.value(predicate=CANCU.linkTarget, object=target)
    assert g.value(record, CANCU.verified) == Literal(not verified_by.startswith("unverified"))
    assert g.value(record, DCTERMS.date) == Literal(date(2025, 8, 1))


def test_the_latest_status_is_stated_on_the_instrument() -> None:
    rows = [
        row(status="Ngưng hiệu lực", status_date=date(2024, 1, 1)),
        row(status="Hết hiệu lực toàn bộ", status_date=date(2025, 7, 1)),
        row(status="Còn hiệu lực", status_date=date(2018, 6, 21)),
    ]
    g = links_graph(rows, [])
    inst = URIRef(ND61)
    assert list(g.objects(inst, ELI.in_force)) == [ELI["InForce-notInForce"]]
    assert g.value(inst, CANCU.statusDate) == Literal(date(2025, 7, 1))
    assert g.value(inst, ELI.date_no_longer_in_force) == Literal(date(2025, 7, 1))
    assert len(list(g.subjects(CANCU.legalStatus, None))) == 4  # 3 records + the instrument


def test_search_links_skip_portals_with_a_curated_url() -> None:
    inst = Instrument(ND61, "61/2018/NĐ-CP", None, None)
    curated = [
        (ND61, row(database="vbpl", relation="search", url=search_url("vbpl", "61/2018/NĐ-CP")))
    ]
    assert [s.database for s in search_links([inst], curated)] == ["thuvienphapluat"]
    assert search_links([Instrument("urn:law", None, None, None)], []) == []


def test_unknown_portal_has_no_search_pattern() -> None:
    with pytest.raises(CancuError, match="no search pattern for database 'congbao'"):
        search_url("congbao", "61/2018/NĐ-CP")


# ------------------------------------------------------------------ store, CLI, check


def small_store(path: Path, plan_date: str = "2025-08-01") -> EmbeddedStore:
    """One plan citing 61/2018/NĐ-CP from a task, dated ``plan_date``."""
    store = EmbeddedStore(path)
    store.store.update(
        sparql_prefixes()
        + f"""INSERT DATA {{ GRAPH <urn:doc/graph> {{
      <urn:doc> a cancu:SourceDocument ; rdfs:label "1/KH-UBND" ;
                eli:date_document "{plan_date}"^^xsd:date .
      <urn:doc/task_1> a cancu:Task ; cancu:citation <urn:doc/c1> .
      <urn:doc/c1> a cancu:Citation ; cancu:citedInstrument <{ND61}> ;
                   cancu:citationKind <https://w3id.org/cancu/scheme/citation-kind/mention> .
      <{ND61}> a cancu:LegalInstrument ; eli:number "61/2018/NĐ-CP" ; rdfs:label "61/2018/NĐ-CP" ;
               eli:date_document "2018-04-23"^^xsd:date ;
               eli:passed_by <https://w3id.org/cancu/agency/chinh-phu> .
      <https://w3id.org/cancu/eli/vn/btc/tt/2019/26> a cancu:LegalInstrument ;
               eli:number "26/2019/TT-BTC" .
    }} }}"""
    )
    return store


def table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "links.csv"
    path.write_text(HEADER_LINE + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def check_rows(store: EmbeddedStore) -> list:
    return list(store.store.query(sparql_prefixes() + CHECK.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("plan_date", "warned"), [("2025-08-01", True), ("2025-06-30", False)])
def test_check_warns_when_a_task_rests_on_a_repealed_instrument(
    tmp_path: Path, plan_date: str, warned: bool
) -> None:
    store = small_store(tmp_path / "store", plan_date)
    links = table(tmp_path, GOOD)
    store.replace_graphs({LINKS_GRAPH: store_links_graph(store, links)})
    rows = check_rows(store)
    assert bool(rows) == warned
    if warned:
        assert rows[0]["item"].value == "urn:doc/task_1"
        assert rows[0]["source"].value == "data/links.csv:2"


def test_check_ignores_a_suspension_lifted_before_the_plan(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    links = table(
        tmp_path,
        GOOD.replace("Hết hiệu lực toàn bộ,2025-07-01", "Ngưng hiệu lực,2024-01-01"),
        GOOD.replace("Hết hiệu lực toàn bộ,2025-07-01", "Còn hiệu lực,2024-06-01"),
    )
    store.replace_graphs({LINKS_GRAPH: store_links_graph(store, links)})
    assert check_rows(store) == []


def test_link_command_loads_table_and_search_links(tmp_path: Path, capsys) -> None:
    small_store(tmp_path / "store")
    assert run_link("--store", str(tmp_path / "store"), "--table", str(table(tmp_path, GOOD))) == 0
    assert "graph <https://w3id.org/cancu/graph/links>" in capsys.readouterr().out
    g = EmbeddedStore(tmp_path / "store", read_only=True).graph(LINKS_GRAPH)
    tt26 = URIRef("https://w3id.org/cancu/eli/vn/btc/tt/2019/26")
    assert len(list(g.objects(tt26, RDFS.seeAlso))) == 2
    assert (URIRef(ND61), ELI.in_force, ELI["InForce-notInForce"]) in g


def test_export_then_import_round_trip(tmp_path: Path) -> None:
    small_store(tmp_path / "store")
    links = tmp_path / "links.csv"
    shutil.copy(LINKS_CSV, links)
    out = tmp_path / "todo.csv"
    assert (
        run_link("--store", str(tmp_path / "store"), "--table", str(links), "--export", str(out))
        == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER_LINE.strip()
    assert any(line.startswith("26/2019/TT-BTC,,") for line in lines)
    nd61 = next(line for line in lines if line.startswith("61/2018/NĐ-CP"))
    assert nd61.startswith("61/2018/NĐ-CP,chinh-phu,2018-04-23,,,,,,,,")
    before = len(load_table(links))
    filled = nd61.replace(
        "61/2018/NĐ-CP,chinh-phu,2018-04-23,,,,,,,,",
        "61/2018/NĐ-CP,chinh-phu,2018-04-23,thuvienphapluat,search,"
        + search_url("thuvienphapluat", "61/2018/NĐ-CP")
        + ",,,Trần Thị B,2025-08-02,",
    )
    out.write_text("\n".join([lines[0], filled, *lines[2:]]) + "\n", encoding="utf-8")
    assert run_link("--table", str(links), "--import", str(out)) == 0
    assert len(load_table(links)) == before + 1


def test_import_with_an_error_writes_nothing(tmp_path: Path) -> None:
    links = table(tmp_path, GOOD)
    before = links.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER_LINE + GOOD.replace("2025-07-01", "2025-13-01") + "\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match=r"bad.csv:2: status_date: '2025-13-01' is not a date"):
        run_link("--table", str(links), "--import", str(bad))
    assert links.read_bytes() == before


def test_link_command_has_help() -> None:
    parser = argparse.ArgumentParser(prog="cancu")
    link_cli.register(parser.add_subparsers(dest="command"))
    text = parser._subparsers._group_actions[0].choices["link"].format_help()  # type: ignore[union-attr]
    for option in ("--store", "--table", "--endpoint", "--export", "--import"):
        assert option in text

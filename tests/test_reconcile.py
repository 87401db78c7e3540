"""Reconciliation with a SPARQL endpoint that describes legal resources with ELI: a real
Oxigraph server loaded with a small fixture (exact, ambiguous, candidate and missing cases)."""

from __future__ import annotations

import argparse
import sys
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF

from cancu.cli import link as link_cli
from cancu.errors import StoreError
from cancu.links.curated import HEADER_LINE
from cancu.links.instruments import Instrument, store_instruments
from cancu.links.reconcile import reconcile
from cancu.links.statements import LINKS_GRAPH
from cancu.store.embedded import EmbeddedStore
from cancu.store.remote import RemoteStore
from cancu.vocab import CANCU, sparql_prefixes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures_store import OxigraphServer, free_port

AGENCY = "https://w3id.org/cancu/agency/"
ELI_ID = "https://w3id.org/cancu/eli/vn/"
FIXTURE = """
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:gov skos:prefLabel "Chính phủ"@vi .
ex:mof rdfs:label "Bộ Tài chính" .
ex:moha rdfs:label "Bộ Nội vụ" .

# exact: number (written with D for Đ), date and issuer agree
ex:nd-61-2018 a eli:LegalResource ; eli:number "61/2018/ND-CP" ;
    eli:date_document "2018-04-23"^^xsd:date ; eli:passed_by ex:gov .
# ambiguous: two resources that both agree
ex:tt-26-2019-a a eli:LegalResource ; eli:number "26/2019/TT-BTC" ;
    eli:date_document "2019-05-10"^^xsd:date ; eli:passed_by ex:mof .
ex:tt-26-2019-b a eli:LegalResource ; eli:id_local "26/2019/TT-BTC" ;
    eli:date_document "2019-05-10"^^xsd:date ; eli:passed_by ex:mof .
# candidate: same number, different date
ex:nd-92-2017 a eli:LegalResource ; eli:number "92/2017/NĐ-CP" ;
    eli:date_document "2017-08-08"^^xsd:date ; eli:passed_by ex:gov .
# candidate: same number, no issuer
ex:nd-16-2015 a eli:LegalResource ; eli:id_local "16/2015/NĐ-CP" ;
    eli:date_document "2015-02-14"^^xsd:date .
# candidate: same administrative number, another issuer
ex:cv-725 a eli:LegalResource ; eli:number "725/BNV-CCHC" ;
    eli:date_document "2012-03-01"^^xsd:date ; eli:passed_by ex:mof .
"""
OURS = [
    ("cp/nd/2018/61", "61/2018/NĐ-CP", "2018-04-23", "chinh-phu"),
    ("btc/tt/2019/26", "26/2019/TT-BTC", "2019-05-10", "bo-tai-chinh"),
    ("cp/nd/2017/92", "92/2017/NĐ-CP", "2017-08-07", "chinh-phu"),
    ("cp/nd/2015/16", "16/2015/NĐ-CP", "2015-02-14", "chinh-phu"),
    ("bnv/cv/2012/725", "725/BNV-CCHC", "2012-03-01", "bo-noi-vu"),
    ("cp/nd/2020/107", "107/2020/NĐ-CP", None, "chinh-phu"),
]
EXPECTED = {
    "61/2018/NĐ-CP": ("exact", 1, []),
    "26/2019/TT-BTC": ("ambiguous", 2, []),
    "92/2017/NĐ-CP": ("candidate", 1, ["same number, different date: 2017-08-08 on the endpoint, 2017-08-07 here"]),
    "16/2015/NĐ-CP": ("candidate", 1, ["same number, no issuer on the endpoint"]),
    "725/BNV-CCHC": ("candidate", 1, ["same number, different issuer: Bộ Tài chính"]),
    "107/2020/NĐ-CP": ("missing", 0, []),
}  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    srv = OxigraphServer()
    try:
        request = urllib.request.Request(
            srv.store_url + "?default", data=FIXTURE.encode(), method="POST",
            headers={"Content-Type": "text/turtle"},
        )  # fmt: skip
        urllib.request.urlopen(request, timeout=10).read()
        yield srv
    finally:
        srv.stop()


def our_store(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    triples = []
    for segment, number, when, issuer in OURS:
        iri = f"<{ELI_ID}{segment}>"
        triples.append(
            f'{iri} a cancu:LegalInstrument ; eli:number "{number}" ; eli:passed_by <{AGENCY}{issuer}> .'
        )
        if when:
            triples.append(f'{iri} eli:date_document "{when}"^^xsd:date .')
    labels = [
        f'<{AGENCY}chinh-phu> skos:prefLabel "Chính phủ"@vi ; skos:notation "CP" .',
        f'<{AGENCY}bo-tai-chinh> skos:prefLabel "Bộ Tài chính"@vi .',
        f'<{AGENCY}bo-noi-vu> skos:prefLabel "Bộ Nội vụ"@vi .',
    ]
    store.store.update(
        sparql_prefixes()
        + "INSERT DATA { GRAPH <urn:doc/graph> { " + " ".join(triples) + " }\n"
        + "GRAPH <https://w3id.org/cancu/graph/agencies> { " + " ".join(labels) + " } }"
    )  # fmt: skip
    return store


def test_reconcile_classifies_every_case(server: OxigraphServer, tmp_path: Path) -> None:
    instruments = store_instruments(our_store(tmp_path / "s"))
    matches = {
        m.instrument.number: m for m in reconcile(instruments, RemoteStore(server.query_url))
    }
    assert set(matches) == set(EXPECTED)
    for number, (kind, count, reasons) in EXPECTED.items():
        m = matches[number]
        assert (m.kind, len(m.candidates)) == (kind, count), number
        assert [r for c in m.candidates for r in c.reasons] == reasons, number


def test_instruments_without_a_number_are_left_out(server: OxigraphServer) -> None:
    law = Instrument(f"{ELI_ID}qh/luat/2015/to-chuc", None, date(2015, 6, 19), None)
    assert reconcile([law], RemoteStore(server.query_url)) == []


def run_link(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="cancu")
    link_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["link", *argv])
    return args.func(args)


def test_link_endpoint_writes_results_with_provenance(
    server: OxigraphServer, tmp_path: Path, capsys
) -> None:
    our_store(tmp_path / "s")
    table = tmp_path / "links.csv"
    table.write_text(HEADER_LINE, encoding="utf-8")
    argv = ("--store", str(tmp_path / "s"), "--table", str(table), "--endpoint", server.query_url)
    assert run_link(*argv) == 0
    out = capsys.readouterr().out
    assert "1 ambiguous, 3 candidate, 1 exact, 1 missing" in out
    assert "(same number, no issuer on the endpoint)" in out
    g = EmbeddedStore(tmp_path / "s", read_only=True).graph(LINKS_GRAPH)
    same = sorted((str(s), str(o)) for s, o in g.subject_objects(OWL.sameAs))
    assert same == [(f"{ELI_ID}cp/nd/2018/61", "http://example.org/nd-61-2018")]
    runs = list(g.subjects(RDF.type, CANCU.Reconciliation))
    assert len(runs) == 1
    assert g.value(runs[0], PROV.used) == URIRef(server.query_url)
    kinds = sorted(str(k) for k in g.objects(None, CANCU.matchKind))
    assert kinds == [
        "ambiguous",
        "ambiguous",
        "candidate",
        "candidate",
        "candidate",
        "exact",
        "missing",
    ]
    reasons = set(g.objects(None, CANCU.matchReason))
    assert Literal("same number, no issuer on the endpoint") in reasons

    # a second run against the same endpoint replaces the first; the table reload keeps it
    assert run_link(*argv) == 0
    assert run_link("--store", str(tmp_path / "s"), "--table", str(table)) == 0
    g = EmbeddedStore(tmp_path / "s", read_only=True).graph(LINKS_GRAPH)
    assert len(list(g.subjects(RDF.type, CANCU.Reconciliation))) == 1
    assert len(list(g.subject_objects(OWL.sameAs))) == 1


def test_unreachable_endpoint_is_a_store_error_and_changes_nothing(tmp_path: Path) -> None:
    our_store(tmp_path / "s")
    table = tmp_path / "links.csv"
    table.write_text(HEADER_LINE, encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match="cannot reach"):
        run_link("--store", str(tmp_path / "s"), "--table", str(table), "--endpoint", url)
    assert LINKS_GRAPH not in EmbeddedStore(tmp_path / "s", read_only=True).graph_names()

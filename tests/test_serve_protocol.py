"""SPARQL 1.1 Protocol (query side) against a real ``cancu serve``: SPARQLWrapper, rdflib's
SPARQLStore and raw HTTP for content negotiation and error codes."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from cancu.serve.testing import running_server
from tests.fixtures_store import bundled_store_path

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DOC = "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818"


@pytest.fixture(scope="module")
def server():
    with running_server(bundled_store_path()) as running:
        yield running.url


def call(url, data=None, headers=None, method=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def q(text):
    return urllib.parse.urlencode({"query": text})


def test_sparqlwrapper_json_and_xml(server):
    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(COUNT)
    sw.setReturnFormat(JSON)
    n = int(sw.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n > 10_000  # the union of all named graphs is the default graph
    sw.setReturnFormat(XML)
    assert sw.query().convert().getElementsByTagName("literal")[0].firstChild.data == str(n)


def test_sparqlwrapper_post_csv_and_construct(server):
    sw = SPARQLWrapper(server + "/sparql")
    sw.setMethod("POST")
    sw.setQuery(f"SELECT ?n WHERE {{ <{DOC}> <http://data.europa.eu/eli/ontology#number> ?n }}")
    sw.setReturnFormat(CSV)
    assert "2818/QĐ-UBND" in sw.query().convert().decode("utf-8")
    sw.setQuery(f"CONSTRUCT WHERE {{ <{DOC}> ?p ?o }}")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) > 20


def test_rdflib_sparqlstore(server):
    store = SPARQLStore(server + "/sparql")
    rows = list(
        store.query("SELECT ?d WHERE { ?d a <https://w3id.org/cancu/ontology#SourceDocument> }")
    )
    assert len(rows) == 4


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_content_negotiation(server, accept, ctype):
    status, headers, _ = call(f"{server}/sparql?{q(COUNT)}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(ctype)


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_graph_content_negotiation(server, accept, ctype):
    query = f"DESCRIBE <{DOC}>"
    status, headers, body = call(f"{server}/sparql?{q(query)}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
    assert len(Graph().parse(data=body, format=fmt[accept])) > 10


def test_ask_json(server):
    status, _, body = call(f"{server}/sparql?{q('ASK { ?s ?p ?o }')}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_post_forms(server):
    status, _, body = call(
        server + "/sparql", q(COUNT).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"]
    status, _, body = call(
        server + "/sparql", COUNT.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_service_description(server):
    status, headers, body = call(server + "/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(str(o) == sd + "UnionDefaultGraph" for o in g.objects())


@pytest.mark.parametrize(
    ("url_suffix", "data", "ctype", "expected"),
    [
        ("?" + q("SELECT * WHERE { ?s ?p }"), None, None, 400),  # bad query
        ("?" + q("ASK {}") + "&" + q("ASK {}"), None, None, 400),  # two query=
        (
            "",
            q("ASK {}").encode() + b"&" + q("ASK {}").encode(),
            "application/x-www-form-urlencoded",
            400,
        ),
        ("", b"ASK {}", "text/plain", 415),  # wrong content type
        ("?" + q("ASK {}"), b"ASK {}", "application/sparql-query", 400),  # query twice
        ("", b"", "application/x-www-form-urlencoded", 400),  # no query
        ("?" + q("ASK {}") + "&default-graph-uri=http%3A%2F%2Fexample.org%2F", None, None, 400),
    ],
)
def test_protocol_errors(server, url_suffix, data, ctype, expected):
    headers = {"Content-Type": ctype} if ctype else {}
    status, _, _ = call(server + "/sparql" + url_suffix, data, headers)
    assert status == expected


def test_unacceptable_format_is_406(server):
    status, _, _ = call(f"{server}/sparql?{q(COUNT)}", headers={"Accept": "image/png"})
    assert status == 406


def test_saved_queries_list_and_run(server):
    status, _, body = call(server + "/queries", headers={"Accept": "application/json"})
    names = [x["name"] for x in json.loads(body)["queries"]]
    assert status == 200 and "who-leads" in names
    status, headers, body = call(server + "/queries", headers={"Accept": "text/html"})
    assert (
        status == 200
        and b"who-leads" in body
        and "script-src 'self'" in headers["Content-Security-Policy"]
    )
    status, _, body = call(
        server + "/queries/who-leads?" + urllib.parse.urlencode({"document": "2818/QĐ-UBND"})
    )
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200 and rows and all(r["document"]["value"] == DOC for r in rows)
    status, headers, body = call(server + "/queries/who-leads?format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_saved_query_parameters_are_terms(server):
    status, _, body = call(
        server + "/queries/agency-tasks?" + urllib.parse.urlencode({"agency": '" } ; DROP ALL ; #'})
    )
    assert status == 400 and b"no agency matches" in body
    status, _, _ = call(server + "/queries/who-leads?nosuch=1")
    assert status == 400


@pytest.mark.parametrize(
    "path",
    [
        "/queries/nobody",
        "/queries/../pyproject",
        "/queries/%2e%2e%2fREADME",
        "/queries/..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/nothing/here",
    ],
)
def test_unknown_and_tricky_paths_are_404(server, path):
    status, _, _ = call(server + path)
    assert status == 404

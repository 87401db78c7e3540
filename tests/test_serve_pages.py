"""Linked-data pages, search and graph views of ``cancu serve``; labels rendered inert."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
from rdflib import Graph

from cancu.serve.testing import running_server
from cancu.store.embedded import EmbeddedStore
from tests.fixtures_store import bundled_store_path
from tests.test_serve_protocol import call

HTML = {"Accept": "text/html"}
EVIL = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def server():
    with running_server(bundled_store_path()) as running:
        yield running.url


def ld(body: bytes) -> dict:
    m = re.search(rb'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert m
    return json.loads(m.group(1))


def test_document_page(server):
    status, headers, body = call(server + "/eli/vn/ubnd-tay-ninh/qd/2020/2818", headers=HTML)
    text = body.decode()
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    for expected in (
        "2818/QĐ-UBND",
        "Quyết định",
        "2020-11-16",
        "legal bases",
        "task table",
        "duties",
    ):
        assert expected in text
    assert ld(body)["@type"] == "Legislation"
    assert "<script>" not in text  # scripts only as files


def test_agency_page_and_page_route(server):
    iri = "https://w3id.org/cancu/agency/so-tai-chinh-tay-ninh"
    status, _, body = call(server + "/page?" + urllib.parse.urlencode({"iri": iri}), headers=HTML)
    text = body.decode()
    assert status == 200 and "Sở Tài chính" in text and "leads" in text and "coordinates" in text
    assert ld(body)["@type"] == "GovernmentOrganization"


def test_instrument_page_links_out_with_status(server):
    status, _, body = call(server + "/eli/vn/cp/nd/2018/61", headers=HTML)
    text = body.decode()
    assert (
        status == 200
        and "vbpl.vn" in text
        and "Hết hiệu lực toàn bộ" in text
        and "cited by" in text
    )


def test_task_page(server):
    status, _, body = call(
        server + "/eli/vn/ubnd-tay-ninh/qd/2020/2818/annex_1/task_42", headers=HTML
    )
    assert status == 200 and "Chủ trì" in body.decode()


@pytest.mark.parametrize(
    ("suffix", "accept", "fmt"),
    [
        (".ttl", None, "turtle"),
        (".jsonld", None, "json-ld"),
        ("", "text/turtle", "turtle"),
        ("", "application/ld+json", "json-ld"),
    ],
)
def test_resource_as_rdf(server, suffix, accept, fmt):
    url = server + "/agency/so-tai-chinh-tay-ninh" + suffix
    status, _, body = call(url, headers={"Accept": accept} if accept else {})
    assert status == 200 and len(Graph().parse(data=body, format=fmt)) > 3


def test_unknown_resource_is_404(server):
    assert call(server + "/agency/nobody-at-all", headers=HTML)[0] == 404
    assert call(server + "/page?iri=http%3A%2F%2Fexample.org%2F", headers=HTML)[0] == 404


@pytest.mark.parametrize(
    "typed", ["so tai chinh tay ninh", "Sở Tài chính Tây Ninh", "SO TAI CHINH"]
)
def test_search_with_or_without_diacritics(server, typed):
    _, _, body = call(server + "/search?" + urllib.parse.urlencode({"q": typed}))
    iris = [r["iri"] for r in json.loads(body)["results"]]
    assert "https://w3id.org/cancu/agency/so-tai-chinh-tay-ninh" in iris


def test_search_finds_documents_and_tasks(server):
    kinds = {r["kind"] for r in json.loads(call(server + "/search?q=2818")[2])["results"]}
    assert "document" in kinds
    kinds = {r["kind"] for r in json.loads(call(server + "/search?q=tham%20dinh")[2])["results"]}
    assert "task" in kinds


def test_graph_view_and_home_have_no_inline_script(server):
    for path in ("/graph/responsibility", "/"):
        status, headers, body = call(server + path, headers=HTML)
        assert status == 200 and "Content-Security-Policy" in headers
        scripts = re.findall(rb"<script([^>]*)>(.*?)</script>", body, re.S)
        assert all(b"src=" in attrs or b"application/" in attrs for attrs, _ in scripts)
    assert call(server + "/static/graph/vendor/cytoscape/cytoscape.min.js")[0] == 200
    assert call(server + "/static/vendor/yasgui/yasgui.min.js")[0] == 200


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("evil") / "store"
    store = EmbeddedStore(path)
    ttl = f"""@prefix cancu: <https://w3id.org/cancu/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cancu/agency/evil> a cancu:Agency ; skos:prefLabel "{EVIL}"@vi , "{EVIL}"@en .
"""
    g = Graph().parse(data=ttl, format="turtle")
    from rdflib import URIRef

    store.replace_graphs({URIRef("https://w3id.org/cancu/graph/agencies"): g})
    store.flush()
    del store
    with running_server(path) as running:
        yield running.url


def test_hostile_label_is_inert(evil_server):
    status, _, body = call(evil_server + "/agency/evil", headers=HTML)
    assert status == 200
    assert EVIL.encode() not in body and b"<script>alert" not in body
    assert b"&lt;/script&gt;&lt;script&gt;alert(1)" in body
    assert ld(body)["name"] == EVIL  # escaped in the JSON-LD block, intact as data
    hits = json.loads(call(evil_server + "/search?q=alert")[2])["results"]
    assert hits and hits[0]["label"] == EVIL  # JSON; the search script uses textContent

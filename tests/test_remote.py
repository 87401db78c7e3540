"""A real Oxigraph server: push, then every saved query answers as on the embedded store."""

from __future__ import annotations

import http.server
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest

from cancu.cli import main
from cancu.errors import StoreError
from cancu.query.backends import Embedded, Remote
from cancu.query.run import run_query, run_sparql
from cancu.query.saved import load_queries
from cancu.resolve import NoMatchError
from cancu.store.embedded import EmbeddedStore
from cancu.store.remote import RemoteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures_store import (
    OXIGRAPH,
    OxigraphServer,
    bundled_store,
    bundled_store_path,
    free_port,
    same_answer,
)

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="oxigraph server not installed")
QUERIES = load_queries()
INJECTIONS = ['" } ; DROP ALL ; #', "> } SERVICE <http://127.0.0.1:1/> {"]


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    srv = OxigraphServer()
    try:
        assert (
            main(["push", "--endpoint", srv.query_url, "--store", str(bundled_store_path())]) == 0
        )
        yield srv
    finally:
        srv.stop()


def _remote_count(srv: OxigraphServer) -> int:
    remote = Remote(RemoteStore(srv.query_url))
    result = remote.select("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", {})
    return int(result.rows[0][0].value)


def _remote_dump(srv: OxigraphServer) -> Counter[str]:
    """Every quad, blank nodes written as "_:b" (a PUT mints new ones)."""
    remote = RemoteStore(srv.query_url)
    _, rows = remote.select("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }")
    return Counter(
        " ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in row) for row in rows
    )


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_remote_answer_equals_embedded(server: OxigraphServer, name: str) -> None:
    query = QUERIES[name]
    params = dict(query.example)
    embedded = run_query(query, Embedded(bundled_store()), params)
    remote = run_query(query, Remote(RemoteStore(server.query_url)), params)
    assert len(embedded) > 0
    assert same_answer(embedded, remote, query.ordered)


def test_push_writes_every_graph(server: OxigraphServer) -> None:
    store = bundled_store()
    assert _remote_count(server) == len(store.store)
    remote = RemoteStore(server.query_url)
    _, rows = remote.select("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [r[0].value for r in rows] == [str(g) for g in store.graph_names()]


def test_pushing_twice_changes_nothing(server: OxigraphServer, capsys) -> None:
    before_count, before = _remote_count(server), _remote_dump(server)
    code = main(["push", "--endpoint", server.query_url, "--store", str(bundled_store_path())])
    out = capsys.readouterr().out
    assert (
        code == 0
        and f"pushed {len(EmbeddedStore(bundled_store_path(), read_only=True).graph_names())} graphs"
        in out
        and "PUT <https://w3id.org/cancu/graph/agencies>" in out
    )
    assert _remote_count(server) == before_count
    assert _remote_dump(server) == before


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("name", "param"),
    [("agency-tasks", "agency"), ("tasks-citing", "instrument"), ("legal-bases", "document")],
)
def test_remote_injection_changes_nothing(
    server: OxigraphServer, name: str, param: str, value: str
) -> None:
    before = _remote_count(server)
    remote = Remote(RemoteStore(server.query_url))
    with pytest.raises(NoMatchError, match="matches"):
        run_query(QUERIES[name], remote, {param: value})
    assert _remote_count(server) == before


def test_cli_query_and_sparql_on_the_endpoint(server: OxigraphServer, capsys) -> None:
    code = main(["query", "who-leads", "--endpoint", server.query_url, "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0 and "Đưa tin CCHC trên báo Tây Ninh" in out and "158580000" in out
    code = main(["sparql", "ASK { GRAPH ?g { ?t a cancu:Task } }", "--endpoint", server.query_url])
    assert code == 0 and capsys.readouterr().out.strip() == "true"
    triples = run_sparql(
        "CONSTRUCT { ?d a cancu:SourceDocument } WHERE { GRAPH ?g { ?d a cancu:SourceDocument } }",
        Remote(RemoteStore(server.query_url)),
    )
    assert len(triples) == 4


def test_server_down_gives_a_clear_error(capsys) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match="cannot reach"):
        run_query(QUERIES["documents"], Remote(RemoteStore(url)))
    code = main(["query", "documents", "--endpoint", url])
    assert code == 1 and "is the SPARQL server running?" in capsys.readouterr().err


class _Flaky(http.server.BaseHTTPRequestHandler):
    calls: ClassVar[list[int]] = []

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.calls.append(1)
        self.send_response(503 if len(self.calls) < 3 else 204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_put_retries_transient_errors_with_backoff() -> None:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    waits: list[float] = []
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/store"
        remote = RemoteStore("http://unused/query", url, sleep=waits.append)
        reports = remote.push({"urn:g": b"<urn:a> <urn:b> <urn:c> .\n"})
    finally:
        httpd.shutdown()
    assert reports[0].status == 204 and reports[0].attempts == 3 and reports[0].triples == 1
    assert waits == [0.5, 1.0]

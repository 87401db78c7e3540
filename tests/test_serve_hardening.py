"""Hardening of ``cancu serve``: timeouts that really stop the work, row and body caps,
refused SERVICE / LOAD / FROM with no outbound connection, parser bombs, updates."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.parse

import pytest

from cancu.serve.testing import rss_kib, running_server
from tests.fixtures_store import bundled_store_path
from tests.test_serve_protocol import call, q

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server():
    with running_server(
        bundled_store_path(),
        "--timeout",
        "2",
        "--max-rows",
        "5",
        "--max-body",
        "2000",
        "--workers",
        "2",
    ) as running:
        yield running


class Listener:
    """A local listening socket that records whether anyone connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def test_timeout_stops_the_query_and_the_server_answers_next(server):
    before = rss_kib(server.pid)
    started = time.monotonic()
    status, _, body = call(f"{server.url}/sparql?{q(SLOW)}")
    elapsed = time.monotonic() - started
    assert status == 503 and b"stopped after 2 s" in body
    assert elapsed < 6
    status, _, _ = call(f"{server.url}/sparql?{q('ASK { ?s ?p ?o }')}")
    assert status == 200
    for _ in range(3):  # repeated timeouts: the parent does not grow
        call(f"{server.url}/sparql?{q(SLOW)}")
    after = rss_kib(server.pid)
    assert before and after and after - before < 20_000, (before, after)


def test_row_cap_is_signalled(server):
    status, headers, body = call(f"{server.url}/sparql?{q('SELECT * WHERE { ?s ?p ?o }')}")
    data = json.loads(body)
    assert status == 200 and headers["X-Cancu-Truncated"] == "true"
    assert len(data["results"]["bindings"]) == 5 and data["cancu"]["truncated"] is True
    status, headers, _ = call(f"{server.url}/sparql?{q('SELECT * WHERE { ?s ?p ?o } LIMIT 3')}")
    assert "X-Cancu-Truncated" not in headers


def test_body_cap_is_413(server):
    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000).encode()
    status, _, _ = call(server.url + "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "PREFIX x: <http://127.0.0.1:{port}/> SELECT * FROM x:data WHERE {{ ?s ?p ?o }}",
    ],
)
def test_outbound_queries_refused_without_connecting(server, template):
    listener = Listener()
    try:
        status, _, body = call(f"{server.url}/sparql?{q(template.format(port=listener.port))}")
        time.sleep(0.5)
        assert status == 400 and (b"SERVICE" in body or b"FROM" in body)
        assert listener.connections == 0
    finally:
        listener.close()


def test_load_refused_without_connecting(server):
    listener = Listener()
    try:
        update = f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>"
        status, _, _ = call(
            server.url + "/sparql",
            urllib.parse.urlencode({"update": update}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 403
        status, _, _ = call(
            server.url + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}
        )
        assert status == 403
        status, _, _ = call(f"{server.url}/sparql?{q(update)}")
        assert status == 400
        assert listener.connections == 0
    finally:
        listener.close()


def test_local_from_is_allowed(server):
    query = "SELECT * FROM <https://w3id.org/cancu/graph/links> WHERE { ?s ?p ?o } LIMIT 1"
    assert call(f"{server.url}/sparql?{q(query)}")[0] == 200


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { FILTER(" + "(" * 25 + "1" + ")" * 25 + ") }",
        "SELECT * WHERE " + "{" * 200 + "}" * 200,
        "SELECT * WHERE { ?s ?p " + "[ <urn:p> " * 100 + "]" * 100 + " }",
        "SELECT * WHERE { ?s ?p ?o ",
    ],
)
def test_parser_bombs_are_400(server, query):
    status, _, _ = call(f"{server.url}/sparql?{q(query)}")
    assert status == 400
    assert call(f"{server.url}/sparql?{q('ASK {}')}")[0] == 200


def test_update_endpoint_is_off(server):
    assert (
        call(server.url + "/update", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})[0]
        == 403
    )
    assert call(server.url + "/sparql", b"x", {"Content-Type": "text/turtle"}, "PUT")[0] == 405


def test_update_needs_the_token(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(bundled_store_path(), store)
    with running_server(store, "--enable-update", "--token", "s3cret") as running:
        url = running.url + "/update"
        data = b"INSERT DATA { GRAPH <https://w3id.org/cancu/graph/test> { <urn:a> <urn:b> 1 } }"
        plain = {"Content-Type": "application/sparql-update"}
        assert call(url, data, plain)[0] == 401
        assert call(url, data, {**plain, "Authorization": "Bearer wrong"})[0] == 401
        assert call(url)[0] == 405
        load = b"LOAD <http://127.0.0.1:9/x.ttl>"
        assert call(url, load, {**plain, "Authorization": "Bearer s3cret"})[0] == 400
        assert call(url, data, {**plain, "Authorization": "Bearer s3cret"})[0] == 204
        ask = "ASK { <urn:a> <urn:b> 1 }"
        assert json.loads(call(f"{running.url}/sparql?{q(ask)}")[2])["boolean"] is True
        # a graph outside the base: FROM may name it once an update has made it
        named = "SELECT ?o FROM <urn:cancu-test:g> WHERE { <urn:a> <urn:b> ?o }"
        assert call(f"{running.url}/sparql?{q(named)}")[0] == 400
        other = b"INSERT DATA { GRAPH <urn:cancu-test:g> { <urn:a> <urn:b> 2 } }"
        assert call(url, other, {**plain, "Authorization": "Bearer s3cret"})[0] == 204
        status, _, body = call(f"{running.url}/sparql?{q(named)}")
        assert status == 200, body
        assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["2"]

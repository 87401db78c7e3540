"""A remote SPARQL 1.1 store: push named graphs (Graph Store Protocol), run queries (SPARQLWrapper).

Pushing writes each named graph with one ``PUT {graph-store}?graph={iri}`` carrying N-Triples,
so pushing twice leaves the remote store as it was after the first push. Transient failures
(connection refused or reset, HTTP 408/429/5xx) are retried with exponential backoff.

Queries go through SPARQLWrapper as POST requests. The saved queries name their graphs
(``GRAPH ?g { … }``), so they need no union default graph on the server. Parameters are sent as
a trailing ``VALUES`` clause built from validated RDF terms (see :func:`cancu.sparql_text.values_block`), never
as text pasted inside the query.

>>> graph_store_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
>>> print(values_block(["agency", "n"], [(ox.NamedNode("http://x/a"), ox.Literal('" } #'))]))
VALUES (?agency ?n) { (<http://x/a> "\\" } #") }
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from cancu.errors import StoreError
from cancu.sparql_text import Term, values_block

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def graph_store_url(endpoint: str) -> str:
    """Guess the Graph Store endpoint of a query endpoint (Oxigraph: ``/query`` → ``/store``)."""
    if endpoint.rstrip("/").endswith("/query"):
        return endpoint.rstrip("/")[: -len("query")] + "store"
    raise StoreError(f"cannot guess the graph store URL of {endpoint}: pass --graph-store URL")


@dataclass
class PushReport:
    """What one PUT did."""

    graph: str
    triples: int
    status: int
    attempts: int


class RemoteStore:
    """A SPARQL 1.1 endpoint (queries) and its Graph Store Protocol endpoint (writes)."""

    def __init__(
        self,
        endpoint: str,
        graph_store: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.endpoint = endpoint
        self._graph_store = graph_store
        self.user, self.password = user, password
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol URL (given, or guessed from the query endpoint)."""
        return self._graph_store or graph_store_url(self.endpoint)

    # ----------------------------------------------------------------------------- writes
    def put_graph(self, graph: str, ntriples: bytes) -> tuple[int, int]:
        """Replace one named graph; return (HTTP status, attempts). Retries transient errors."""
        url = f"{self.graph_store}?{urllib.parse.urlencode({'graph': graph})}"
        headers = {"Content-Type": "application/n-triples"}
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        for attempt in range(1, self.retries + 1):
            request = urllib.request.Request(url, data=ntriples, method="PUT", headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.status, attempt
            except urllib.error.HTTPError as exc:
                if exc.code not in TRANSIENT_STATUS or attempt == self.retries:
                    detail = exc.read().decode("utf-8", "replace")[:300]
                    raise StoreError(
                        f"PUT <{graph}> to {self.graph_store} failed: HTTP {exc.code} {detail}"
                    ) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                if attempt == self.retries:
                    raise StoreError(self._unreachable(self.graph_store, exc, attempt)) from None
            self.sleep(self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def push(self, graphs: Mapping[str, bytes]) -> list[PushReport]:
        """PUT every named graph (IRI → N-Triples bytes) in order; stop at the first failure."""
        reports = []
        for name, data in graphs.items():
            status, attempts = self.put_graph(name, data)
            triples = sum(1 for line in data.splitlines() if line.strip())
            reports.append(PushReport(name, triples, status, attempts))
        return reports

    # ---------------------------------------------------------------------------- queries
    def _wrapper(self, sparql: str, fmt: str):
        from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setTimeout(int(self.timeout))
        wrapper.setQuery(sparql)
        wrapper.setReturnFormat(fmt)
        if self.user is not None:
            wrapper.setCredentials(self.user, self.password or "")
        return wrapper

    def _fetch(self, sparql: str, fmt: str) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            return self._wrapper(sparql, fmt).query().response.read()
        except SPARQLWrapperException as exc:
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} refused the query: {exc}"
            ) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            raise StoreError(self._unreachable(self.endpoint, exc, 1)) from None

    def select(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """Run a SELECT query; return (variables, rows of pyoxigraph terms)."""
        if bindings:
            sparql = (
                sparql.rstrip()
                + "\n"
                + values_block(list(bindings), [tuple(bindings.values())])
                + "\n"
            )
        data = json.loads(self._fetch(sparql, "json"))
        variables = data["head"]["vars"]
        rows = [
            tuple(_term(b[v]) if v in b else None for v in variables)
            for b in data["results"]["bindings"]
        ]
        return variables, rows

    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""
        return bool(json.loads(self._fetch(sparql, "json"))["boolean"])

    def triples(self, sparql: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; return its triples."""
        data = self._fetch(sparql, "turtle")
        return list(ox.parse(data, format=ox.RdfFormat.TURTLE))

    @staticmethod
    def _unreachable(url: str, exc: Exception, attempts: int) -> str:
        reason = getattr(exc, "reason", exc)
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        return f"cannot reach {url}{tries}: {reason} (is the SPARQL server running?)"


def _term(binding: dict) -> Term:
    """A SPARQL JSON results binding as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != XSD_STRING:
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)

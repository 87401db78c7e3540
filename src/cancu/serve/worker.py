"""The worker side of the pool: a subprocess that opens the store and runs jobs.

A job is a small tuple sent over a pipe; the answer (bytes already serialised, or plain rows)
goes back the same way. Everything a client can make expensive — parsing, checking, running,
serialising — happens here, so the server process can kill it when it takes too long.

Jobs::

    ("sparql", text, accept, format)          → Answer
    ("saved", name, params, accept, format)   → Answer
    ("rows", [sparql, …], bindings)           → [Result, …]   (the server's own queries)
    ("graph", view, server_url)               → dict (the graph page's data)
    ("update", text)                          → Answer        (writable worker only)

A worker opens the store read-only, unless the server accepts updates: then the pool has a
single writable worker, which answers queries too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from cancu.serve import guard
from cancu.serve.negotiate import pick, types_for
from cancu.serve.results import (
    Answer,
    ask_answer,
    error_answer,
    graph_answer,
    result_answer,
    select_answer,
)
from cancu.store.embedded import EmbeddedStore


class Jobs:
    """Runs jobs against one store (read-only unless ``writable``)."""

    def __init__(self, store_path: Path, max_rows: int, *, writable: bool = False):
        self.store = EmbeddedStore(store_path, read_only=not writable)
        self.max_rows = max_rows
        self.graphs = self._graph_names()

    def _graph_names(self) -> frozenset[str]:
        return frozenset(g.value for g in self.store.store.named_graphs())

    def run(self, job: tuple) -> object:
        """Dispatch one job."""
        handler = getattr(self, "job_" + job[0])
        return handler(*job[1:])

    def _format(self, form: str, accept: str | None, override: str | None) -> str | Answer:
        fmt = pick(form, accept, override)
        if fmt is None:
            offered = ", ".join(types_for(form).values())
            return error_answer(406, f"cannot answer a {form} query in that format ({offered})")
        return fmt

    def job_sparql(self, text: str, accept: str | None, override: str | None) -> Answer:
        try:
            checked = guard.check_query(text, self.graphs)
        except guard.Refused as exc:
            return error_answer(exc.status, str(exc))
        fmt = self._format(checked.form, accept, override)
        if isinstance(fmt, Answer):
            return fmt
        try:
            answer = self.store.store.query(text, use_default_graph_as_union=not checked.datasets)
        except (SyntaxError, ValueError) as exc:
            return error_answer(400, f"the query does not parse: {exc}")
        except RuntimeError as exc:
            return error_answer(400, f"the query cannot run: {exc}")
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return select_answer(variables, answer, fmt, self.max_rows)
        if isinstance(answer, ox.QueryBoolean):
            return ask_answer(bool(answer), fmt)
        return graph_answer(answer, fmt, self.max_rows)

    def job_saved(
        self, name: str, params: Mapping[str, str], accept: str | None, override: str | None
    ) -> Answer:
        from cancu.query.backends import Embedded
        from cancu.query.run import run_query
        from cancu.query.saved import QueryError, load_queries

        query = load_queries().get(name)
        if query is None:
            return error_answer(404, f"no saved query named '{name}'")
        fmt = self._format("SELECT", accept, override)
        if isinstance(fmt, Answer):
            return fmt
        try:
            result = run_query(query, Embedded(self.store), params, limit=self.max_rows + 1)
        except QueryError as exc:
            return error_answer(400, str(exc))
        truncated = len(result.rows) > self.max_rows
        result.rows = result.rows[: self.max_rows]
        return result_answer(result, fmt, truncated, self.max_rows)

    def job_rows(self, queries: list[str], bindings: Mapping[str, ox.NamedNode]) -> list:
        from cancu.query.backends import Embedded

        backend = Embedded(self.store, union=True)
        out = []
        for sparql in queries:
            result = backend.select(sparql, bindings)
            result.rows = result.rows[: self.max_rows]
            out.append(result)
        return out

    def job_graph(self, view: str, server_url: str) -> dict:
        from cancu.graph import export, metrics, views

        corpus = views.load_corpus(self.store)
        graph = views.build_view(corpus, view)
        metrics.annotate(
            graph,
            metrics.agency_metrics(views.responsibility(corpus), views.collaboration(corpus)),
        )
        return export.page_data(graph, server_url=server_url, title=f"cancu · {view}")

    def job_update(self, text: str) -> Answer:
        try:
            guard.check_update(text, self.graphs)
            self.store.store.update(text)
        except guard.Refused as exc:
            return error_answer(exc.status, str(exc))
        except (SyntaxError, ValueError, RuntimeError) as exc:
            return error_answer(400, f"the update failed: {exc}")
        self.store.flush()
        self.graphs = self._graph_names()  # FROM may name a graph the update made
        return Answer(b"", "text/plain", status=204)

    def job_ping(self) -> int:
        return os.getpid()


def main(conn: Connection, store_path: str, max_rows: int, writable: bool = False) -> None:
    """The loop of one worker process: receive a job, send back its answer, until EOF."""
    jobs = Jobs(Path(store_path), max_rows, writable=writable)
    guard.check_query("SELECT * { ?s ?p ?o }")  # warm up rdflib's parser before the first job
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            out: object = jobs.run(job)
        except Exception as exc:  # report, never die on a bad job
            out = error_answer(500, f"{type(exc).__name__}: {exc}")
        conn.send(out)

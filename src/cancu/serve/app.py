"""Routing: one :class:`App` holds the worker pool, the search index and the cached graph
pages, and turns a :class:`~cancu.serve.web.Request` into a :class:`~cancu.serve.web.Response`.

Route list: see :mod:`cancu.serve`. Unknown paths, unknown saved queries and path tricks
(``..``, encoded or not) are 404.
"""

from __future__ import annotations

import hmac
import mimetypes
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cancu.graph.views import VIEWS
from cancu.serve import pages, protocol, ui
from cancu.serve.negotiate import pick, wants_html
from cancu.serve.pool import Pool, PoolError
from cancu.serve.results import Answer
from cancu.serve.search import LABELS, SearchIndex
from cancu.serve.web import Request, Response, as_json, text
from cancu.vocab import BASE, sparql_prefixes

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass
class Settings:
    """Options of ``cancu serve``."""

    store: Path
    timeout: float = 30.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    workers: int = 4
    cors: str | None = None
    enable_update: bool = False
    token: str | None = None


class App:
    """The server's state and routes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        # RocksDB lets one process write; read-only openers in other processes cannot follow
        # its compactions (the files they still need get deleted). So with updates on, one
        # worker owns the store and answers queries and updates in turn.
        self.pool = Pool(
            settings.store,
            size=1 if settings.enable_update else settings.workers,
            timeout=settings.timeout,
            max_rows=settings.max_rows,
            writable=settings.enable_update,
        )
        self.graphs: list[str] = []
        self.index = SearchIndex([])
        self.graph_pages: dict[str, dict] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the graph names and search labels (at start, and after an update)."""
        found = self.pool.run(
            ("rows", [sparql_prefixes() + LABELS, "SELECT DISTINCT ?g { GRAPH ?g {} }"], {}), 120
        )
        labels, names = found  # type: ignore[misc]
        self.index = SearchIndex(
            [tuple("" if t is None else t.value for t in row) for row in labels.rows]
        )  # type: ignore[misc]
        self.graphs = sorted(row[0].value for row in names.rows)
        self.graph_pages.clear()

    def close(self) -> None:
        """Stop the workers."""
        self.pool.close()

    def handle(self, req: Request) -> Response:
        """Route one request."""
        path = req.path
        if ".." in path or "//" in path or "\\" in path:
            return text(404, "not found")
        try:
            if path in ("/", "/index.html"):
                return ui.index_page()
            if path == "/sparql":
                return self.sparql(req)
            if path == "/update":
                return self.update(req)
            if path == "/queries":
                return (
                    ui.queries_page()
                    if wants_html(req.header("accept"))
                    else as_json({"queries": ui.query_list()})
                )
            if path.startswith("/queries/"):
                return self.saved(req, path[len("/queries/") :])
            if path == "/search":
                return as_json({"q": req.arg("q"), "results": self.index.find(req.arg("q"))})
            if path.startswith("/graph/") and path[len("/graph/") :] in VIEWS:
                return self.graph(req, path[len("/graph/") :])
            if path.startswith("/static/"):
                return static(path[len("/static/") :])
            if path == "/page":
                return self.resource(req, req.arg("iri"))
            return self.resource(req, BASE + path.lstrip("/"), from_path=True)
        except PoolError as exc:
            return text(exc.status, str(exc))

    def _answer(self, out: object) -> Response:
        assert isinstance(out, Answer)
        headers = {"X-Cancu-Truncated": "true"} if out.truncated else {}
        return Response(out.status, out.body, out.content_type, headers)

    def sparql(self, req: Request) -> Response:
        try:
            query = protocol.query_text(req)
        except protocol.ProtocolError as exc:
            if exc.status == 403 and self.settings.enable_update:
                return text(403, "send updates to /update with Authorization: Bearer TOKEN")
            return text(exc.status, str(exc))
        if query is None:
            if req.method != "GET":
                return text(400, "no query")
            sd = protocol.service_description(
                req.base_url + "/sparql", self.graphs, self.settings.enable_update
            )
            return Response(200, sd.encode("utf-8"), "text/turtle; charset=utf-8")
        return self._answer(
            self.pool.run(("sparql", query, req.header("accept"), req.arg("format") or None))
        )

    def update(self, req: Request) -> Response:
        if not self.settings.enable_update:
            return text(403, "updates are disabled (start the server with --enable-update --token)")
        if req.method != "POST":
            return text(405, "updates only by POST", Allow="POST")
        given = (req.header("authorization") or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), (self.settings.token or "").encode()):
            return text(
                401,
                "a valid Authorization: Bearer TOKEN is required",
                **{"WWW-Authenticate": "Bearer"},
            )
        media = (req.header("content-type") or "").split(";")[0].strip()
        if media == protocol.UPDATE_TYPE:
            update = req.body.decode("utf-8", "replace")
        elif media == protocol.FORM:
            from urllib.parse import parse_qs

            values = parse_qs(req.body.decode("utf-8", "replace")).get("update", [])
            if len(values) != 1:
                return text(400, "give exactly one 'update' parameter")
            update = values[0]
        else:
            return text(415, f"POST an update as {protocol.UPDATE_TYPE} or {protocol.FORM}")
        out = self.pool.run(("update", update))
        if isinstance(out, Answer) and out.status < 300:
            self.refresh()
        return self._answer(out)

    def saved(self, req: Request, name: str) -> Response:
        if not _NAME.fullmatch(name) or name not in {q["name"] for q in ui.query_list()}:
            return text(404, f"no saved query named '{name}'")
        params = {k: v[0] for k, v in req.query.items() if k != "format"}
        return self._answer(
            self.pool.run(("saved", name, params, req.header("accept"), req.arg("format") or None))
        )

    def graph(self, req: Request, view: str) -> Response:
        if view not in self.graph_pages:
            self.graph_pages[view] = self.pool.run(("graph", view, ""), 120)  # type: ignore[assignment]
        return ui.graph_page(self.graph_pages[view])

    def resource(self, req: Request, iri: str, from_path: bool = False) -> Response:
        if not iri.startswith(BASE):
            return text(404, "not a resource of this server (IRIs start with " + BASE + ")")
        fmt = None
        for suffix, name in ((".ttl", "turtle"), (".jsonld", "jsonld"), (".nt", "nt")):
            if from_path and iri.endswith(suffix):
                iri, fmt = iri[: -len(suffix)], name
        try:
            types, *_ = self.pool.run(
                ("rows", [pages.queries_for("resource")[0]], {"this": _node(iri)})
            )  # type: ignore[misc]
        except ValueError:
            return text(404, "not a valid IRI")
        if not types.rows and not self.pool.run(
            (
                "sparql",
                f"ASK {{ {{ {_node(iri)} ?p ?o }} UNION {{ ?s ?p {_node(iri)} }} }}",
                None,
                "json",
            )
        ).body.count(b"true"):
            return text(404, f"nothing is known about <{iri}>")
        accept = req.header("accept")
        if fmt is None and not wants_html(accept):
            fmt = pick("DESCRIBE", accept) if accept else None
        if fmt:
            return self._answer(self.pool.run(("sparql", pages.describe_query(iri), None, fmt)))
        kind = pages.pd.kind_of([row[1].value for row in types.rows])
        results = self.pool.run(("rows", pages.queries_for(kind), {"this": _node(iri)}))
        local = "/" + iri[len(BASE) :]
        return pages.render(iri, kind, results, local + ".ttl", local + ".jsonld")  # type: ignore[arg-type]


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def static(name: str) -> Response:
    """A file under ``static/`` (this package's, or ``graph/…`` from cancu.graph)."""
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", name) or ".." in name:
        return text(404, "not found")
    package, rel = (
        ("cancu.graph", "static/" + name)
        if name.startswith("graph/")
        else ("cancu.serve", "static/" + name)
    )
    target = resources.files(package).joinpath(rel)
    if not target.is_file():
        return text(404, "not found")
    ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype.endswith("javascript"):
        ctype += "; charset=utf-8"
    return Response(200, target.read_bytes(), ctype, {"Cache-Control": "max-age=3600"})

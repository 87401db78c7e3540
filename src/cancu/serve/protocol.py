"""The SPARQL 1.1 Protocol, query side: where the query is in a request, and the service
description.

- ``GET /sparql?query=…``; ``POST`` with ``application/x-www-form-urlencoded`` (``query=…``);
  ``POST`` with ``application/sparql-query`` (the body is the query). Exactly one query.
- ``default-graph-uri`` / ``named-graph-uri`` are refused (400): use ``FROM`` with a local
  graph instead; the default graph is the union of all named graphs.
- an update sent here (``update=…`` or ``application/sparql-update``) is refused: 403, or a
  pointer to ``/update`` when updates are enabled.

>>> from urllib.parse import parse_qs
>>> from cancu.serve.web import Request
>>> query_text(Request("GET", "/sparql", parse_qs("query=ASK{}"), {}))
'ASK{}'
>>> query_text(Request("GET", "/sparql", parse_qs("query=ASK{}&query=ASK{}"), {}))
Traceback (most recent call last):
cancu.serve.protocol.ProtocolError: give exactly one 'query' parameter (got 2)
"""

from __future__ import annotations

from urllib.parse import parse_qs

from cancu.serve.web import Request

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class ProtocolError(ValueError):
    """A request that breaks the protocol; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _media(req: Request) -> str:
    return (req.header("content-type") or "").split(";")[0].strip().lower()


def _one(values: list[str], name: str) -> str:
    if len(values) != 1:
        raise ProtocolError(f"give exactly one '{name}' parameter (got {len(values)})")
    return values[0]


def query_text(req: Request) -> str | None:
    """The query of a request; None for a GET without one (the service description)."""
    params = dict(req.query)
    if req.method == "POST":
        media = _media(req)
        if media == FORM:
            try:
                form = parse_qs(req.body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                raise ProtocolError("the form is not UTF-8") from None
            if "update" in form:
                raise ProtocolError("updates are not accepted here", 403)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == QUERY_TYPE:
            if "query" in params:
                raise ProtocolError("the query is in the body: no 'query' parameter allowed")
            try:
                params["query"] = [req.body.decode("utf-8")]
            except UnicodeDecodeError:
                raise ProtocolError("the query is not UTF-8") from None
        elif media == UPDATE_TYPE:
            raise ProtocolError("updates are not accepted here", 403)
        else:
            raise ProtocolError(
                f"POST a query as {FORM} or {QUERY_TYPE}, not '{media or 'nothing'}'", 415
            )
    if "update" in params:
        raise ProtocolError("updates are not accepted here", 403)
    for key in ("default-graph-uri", "named-graph-uri"):
        if key in params:
            raise ProtocolError(
                f"'{key}' is not supported: the default graph is the union of all named "
                "graphs; name a local graph with FROM / FROM NAMED or GRAPH instead"
            )
    if "query" not in params:
        if req.method == "POST":
            raise ProtocolError("no 'query' parameter")
        return None
    return _one(params["query"], "query")


def service_description(endpoint: str, graphs: list[str], update: bool) -> str:
    """The service description of the endpoint, in Turtle (``sd:`` vocabulary)."""
    fmt = "http://www.w3.org/ns/formats/"
    formats = ", ".join(
        f"<{fmt}{f}>"
        for f in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
        )
    )
    named = " ,\n".join(f"    [ a sd:NamedGraph ; sd:name <{g}> ]" for g in graphs) or "    []"
    languages = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if update else "")
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage {languages} ;
  sd:resultFormat {formats} ;
  sd:feature sd:UnionDefaultGraph ;
  rdfs:comment "Read-only SPARQL endpoint of cancu. The default graph is the union of all named graphs. SERVICE, LOAD and FROM of non-local IRIs are refused."@en ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; rdfs:comment "the union of all named graphs"@en ] ;
    sd:namedGraph
{named} ] .
"""

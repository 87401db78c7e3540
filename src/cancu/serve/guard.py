"""What a query may ask of this server: checked on the parsed algebra, before anything runs.

The server never reaches out to the network on behalf of a query. A query is refused (HTTP 400)
when it uses ``SERVICE`` (any endpoint, even a variable one), or names a dataset with
``FROM``/``FROM NAMED`` an IRI that is not local (not minted under ``https://w3id.org/cancu/``
and not a graph of the store). Updates are refused when they ``LOAD`` anything or use
``SERVICE``. The check walks the algebra produced by rdflib's SPARQL parser, never the text.

rdflib's parser recurses once per nesting level, so the nesting depth of brackets is measured
first (outside strings, IRIs and comments) and a deeper query is refused without parsing; a
``RecursionError`` that still escapes is a 400 too.

>>> check_query("SELECT * { ?s ?p ?o }").form
'SELECT'
>>> check_query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
cancu.serve.guard.Refused: SERVICE is not allowed: this endpoint never queries other endpoints (<http://127.0.0.1:9/>)
>>> check_query("SELECT * FROM <http://example.org/g> { ?s ?p ?o }").message  # doctest: +ELLIPSIS
Traceback (most recent call last):
cancu.serve.guard.Refused: FROM <http://example.org/g> is not a graph of this store: ...
>>> nesting_depth('SELECT * { FILTER(("(((" = ?x)) }  # {{{')
3
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib.plugins.sparql.parserutils import CompValue

from cancu.vocab import BASE

MAX_DEPTH = 20
"""Deepest nesting of ``(``, ``{`` and ``[`` a query may have."""

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|' + r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
    r'"(?:[^"\\\n]|\\.)*"|' + r"'(?:[^'\\\n]|\\.)*'|"
    r"<[^<>\"{}|^`\\\s]*>|#[^\n]*",
)
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class Refused(ValueError):
    """A query this server will not run; the message says why (sent with HTTP 400)."""

    status = 400


@dataclass(frozen=True)
class Checked:
    """A query that passed the checks: its form and the dataset IRIs it names."""

    form: str
    datasets: tuple[str, ...] = ()


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings, IRIs and comments."""
    depth = deepest = 0
    for chunk in _SKIP.split(text):
        for ch in chunk:
            if ch in "({[":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in ")}]":
                depth = max(depth - 1, 0)
    return deepest


def _walk(node: object) -> Iterator[CompValue]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(v for k, v in item.items() if k != "_vars")
        elif isinstance(item, list | tuple):
            stack.extend(item)


def _parse(text: str, parse: Callable[[str], object], what: str) -> object:
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise Refused(f"the {what} nests brackets {depth} deep; at most {MAX_DEPTH} are allowed")
    try:
        return parse(text)
    except RecursionError:
        raise Refused(f"the {what} is nested too deeply to parse") from None
    except Exception as exc:  # pyparsing raises several kinds of errors
        raise Refused(f"the {what} does not parse: {exc}") from None


def _is_local(iri: str, graphs: frozenset[str]) -> bool:
    return iri.startswith(BASE) or iri in graphs


def _service(node: CompValue) -> None:
    if node.name == "ServiceGraphPattern":
        term = node.get("term")
        shown = term.n3() if hasattr(term, "n3") else str(term)
        raise Refused(
            f"SERVICE is not allowed: this endpoint never queries other endpoints ({shown})"
        )


def check_query(text: str, graphs: frozenset[str] = frozenset()) -> Checked:
    """Parse a query and refuse SERVICE and non-local FROM / FROM NAMED (:class:`Refused`)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    query = _parse(text, lambda t: translateQuery(parseQuery(t)), "query")
    algebra = query.algebra  # type: ignore[attr-defined]
    datasets: list[str] = []
    for clause in algebra.get("datasetClause") or ():
        iri = str(clause.get("default") or clause.get("named"))
        keyword = "FROM" if clause.get("default") is not None else "FROM NAMED"
        if not _is_local(iri, graphs):
            raise Refused(
                f"{keyword} <{iri}> is not a graph of this store: this endpoint never "
                f"fetches data from elsewhere (local graphs start with {BASE})"
            )
        datasets.append(iri)
    for node in _walk(algebra):
        _service(node)
    return Checked(_FORMS.get(algebra.name, "SELECT"), tuple(datasets))


def check_update(text: str, graphs: frozenset[str] = frozenset()) -> None:
    """Parse an update and refuse LOAD and SERVICE (:class:`Refused`).

    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    cancu.serve.guard.Refused: LOAD is not allowed: this endpoint never fetches data from elsewhere
    """
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    update = _parse(text, lambda t: translateUpdate(parseUpdate(t)), "update")
    for op in update.algebra:  # type: ignore[attr-defined]
        for node in _walk(op):
            if node.name == "Load":
                raise Refused(
                    "LOAD is not allowed: this endpoint never fetches data from elsewhere"
                )
            _service(node)

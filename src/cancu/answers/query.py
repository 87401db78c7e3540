"""Run saved or ad hoc queries on the embedded store or a remote endpoint.

Results are :class:`Result` objects: variable names and rows of RDF terms (pyoxigraph), with
:meth:`Result.values` giving rows of Python values (``str``, ``int``, ``Decimal``, ``date`` …).
Both backends answer a saved query identically: the queries name their graphs, parameters are
bound as RDF terms (pyoxigraph substitutions on the embedded store, a ``VALUES`` clause of
serialised terms on a remote one), and multi-valued cells are re-sorted here in Python.

>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1.5 } }')
>>> backend = Embedded(store)
>>> run_sparql("SELECT ?o { GRAPH ?g { ?s ?p ?o } }", backend).values()
[(Decimal('1.5'),)]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

import pyoxigraph as ox

from cancu.answers.params import resolve
from cancu.answers.queries import SEPARATOR, QueryError, SavedQuery
from cancu.errors import StoreError
from cancu.store.embedded import EmbeddedStore
from cancu.store.remote import RemoteStore, Term
from cancu.vocab import sparql_prefixes

XSD = "http://www.w3.org/2001/XMLSchema#"
Row = tuple[Term | None, ...]


@dataclass
class Result:
    """The answer of a SELECT query: variable names and rows of RDF terms (None = unbound)."""

    variables: list[str]
    rows: list[Row] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def select(self, columns: Sequence[str]) -> Result:
        """Only the given columns (an ``xLabel`` column follows its ``x``), in that order.

        >>> r = Result(["a", "aLabel", "b"], [(ox.Literal("1"), ox.Literal("one"), ox.Literal("2"))])
        >>> r.select(["b", "a"]).variables
        ['b', 'a', 'aLabel']
        """
        unknown = [c for c in columns if c not in self.variables]
        if unknown:
            raise QueryError(
                f"unknown column {', '.join(unknown)}; columns: {', '.join(self.variables)}"
            )
        keep = [v for c in columns for v in (c, c + "Label") if v in self.variables]
        index = [self.variables.index(v) for v in keep]
        return Result(keep, [tuple(row[i] for i in index) for row in self.rows])

    def values(self) -> list[tuple[object, ...]]:
        """Rows of Python values: IRIs as ``str``, typed literals as ``int``/``Decimal``/``date``…"""
        return [tuple(python_value(t) for t in row) for row in self.rows]

    def dicts(self) -> list[dict[str, object]]:
        """Rows as dicts of Python values, unbound variables left out."""
        return [
            {v: python_value(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def python_value(term: Term | None) -> object:
    """An RDF term as a Python value.

    >>> python_value(ox.Literal("2021-06-30", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2021, 6, 30)
    >>> python_value(ox.NamedNode("https://w3id.org/cancu/agency/bao-tay-ninh"))
    'https://w3id.org/cancu/agency/bao-tay-ninh'
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    kind = term.datatype.value[len(XSD) :] if term.datatype.value.startswith(XSD) else ""
    try:
        if kind in ("integer", "int", "long", "short", "positiveInteger", "nonNegativeInteger"):
            return int(term.value)
        if kind == "decimal":
            return Decimal(term.value)
        if kind in ("double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value in ("true", "1")
        if kind == "date":
            return date.fromisoformat(term.value)
        if kind == "dateTime":
            return datetime.fromisoformat(term.value)
    except ValueError:
        pass
    return term.value


class Backend(Protocol):
    """Where queries run: the embedded store or a remote endpoint."""

    def select(self, sparql: str, bindings: Mapping[str, Term]) -> Result: ...
    def ask(self, sparql: str) -> bool: ...
    def triples(self, sparql: str) -> list[ox.Triple]: ...


class Embedded:
    """The embedded Oxigraph store. ``union`` makes the default graph the union of all graphs
    (convenient for ad hoc queries; the saved queries do not need it)."""

    def __init__(self, store: EmbeddedStore, *, union: bool = False):
        self.store, self.union = store, union

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None = None):
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self.store.store.query(
                sparql, use_default_graph_as_union=self.union, substitutions=subs or None
            )
        except SyntaxError as exc:
            raise QueryError(f"the query does not parse: {exc}") from None
        except RuntimeError as exc:  # e.g. a bound variable that is not projected
            raise QueryError(f"the query cannot run: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}") from None

    def select(self, sparql: str, bindings: Mapping[str, Term]) -> Result:
        answer = self._run(sparql, bindings)
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        variables = [v.value for v in answer.variables]
        return Result(variables, [tuple(row) for row in answer])

    def ask(self, sparql: str) -> bool:
        return bool(self._run(sparql))

    def triples(self, sparql: str) -> list[ox.Triple]:
        return list(self._run(sparql))


class Remote:
    """A remote SPARQL endpoint (see :class:`cancu.store.remote.RemoteStore`)."""

    def __init__(self, remote: RemoteStore):
        self.remote = remote

    def select(self, sparql: str, bindings: Mapping[str, Term]) -> Result:
        variables, rows = self.remote.select(sparql, bindings)
        return Result(variables, rows)

    def ask(self, sparql: str) -> bool:
        return self.remote.ask(sparql)

    def triples(self, sparql: str) -> list[ox.Triple]:
        return self.remote.triples(sparql)


def sort_multi_valued(result: Result, columns: Sequence[str]) -> Result:
    """Sort the values inside multi-valued cells; ``x``/``xLabel`` pairs are sorted together
    (by label, then IRI) so the n-th IRI still matches the n-th label.

    >>> r = Result(["a", "aLabel"], [(ox.Literal("u:2; u:1"), ox.Literal("B; A"))])
    >>> [t.value for t in sort_multi_valued(r, ["a", "aLabel"]).rows[0]]
    ['u:1; u:2', 'A; B']
    """
    index = {v: i for i, v in enumerate(result.variables)}
    present = [c for c in columns if c in index]
    pairs = [(c, c + "Label") for c in present if c + "Label" in present]
    paired = {x for pair in pairs for x in pair}
    rows = []
    for row in result.rows:
        cells = list(row)
        for iri_col, label_col in pairs:
            i, j = index[iri_col], index[label_col]
            if cells[i] is None or cells[j] is None:
                continue
            iris, labels = cells[i].value.split(SEPARATOR), cells[j].value.split(SEPARATOR)
            if len(iris) == len(labels):
                ordered = sorted(zip(labels, iris, strict=True))
                cells[i] = _same_kind(cells[i], SEPARATOR.join(x for _, x in ordered))
                cells[j] = _same_kind(cells[j], SEPARATOR.join(lb for lb, _ in ordered))
        for col in present:
            i = index[col]
            if col not in paired and cells[i] is not None:
                cells[i] = _same_kind(
                    cells[i], SEPARATOR.join(sorted(cells[i].value.split(SEPARATOR)))
                )
        rows.append(tuple(cells))
    return Result(result.variables, rows)


def _same_kind(term: Term, text: str) -> ox.Literal:
    if isinstance(term, ox.Literal) and term.language:
        return ox.Literal(text, language=term.language)
    return ox.Literal(text)


def bindings_for(
    query: SavedQuery, params: Mapping[str, str], backend: Backend
) -> list[dict[str, Term]]:
    """Resolve the given parameter values; one binding set per combination of resolved terms.

    Raises :class:`QueryError` on an unknown or missing parameter.
    """
    for name in params:
        query.param(name)  # raises with the list of valid ones
    choices: dict[str, list[Term]] = {}
    for p in query.params:
        value = params.get(p.name)
        if value is None:
            if p.required:
                raise QueryError(f"query '{query.name}' needs -p {p.name}=… ({p.type})")
            value = p.default
        if value:
            choices[p.name] = resolve(p.type, value, backend)
    names = list(choices)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*choices.values())]


def run_query(
    query: SavedQuery,
    backend: Backend,
    params: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> Result:
    """Run a saved query. A parameter that resolves to several terms (an agency name that fits
    several agencies) runs the query once per term, in term order, and concatenates the rows."""
    result: Result | None = None
    for bindings in bindings_for(query, params or {}, backend):
        part = backend.select(query.sparql, bindings)
        if result is None:
            result = part
        else:
            result.rows.extend(part.rows)
    assert result is not None
    result = sort_multi_valued(result, query.multi_valued)
    if limit is not None:
        result.rows = result.rows[:limit]
    return result


def run_sparql(
    text: str, backend: Backend, limit: int | None = None
) -> Result | bool | list[ox.Triple]:
    """Run an ad hoc query (the project prefixes are declared for it): a :class:`Result` for
    SELECT, a ``bool`` for ASK, triples for CONSTRUCT/DESCRIBE."""
    sparql = sparql_prefixes() + text
    form = query_form(sparql)
    if form == "ASK":
        return backend.ask(sparql)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return backend.triples(sparql)
    result = backend.select(sparql, {})
    if limit is not None:
        result.rows = result.rows[:limit]
    return result


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (parsed by rdflib; :class:`QueryError` if invalid).

    >>> query_form("PREFIX x: <urn:x>\\nASK { ?s ?p ?o }")
    'ASK'
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        parsed = prepareQuery(sparql)
    except Exception as exc:  # rdflib raises pyparsing errors of several kinds
        raise QueryError(f"the query does not parse: {exc}") from None
    name = parsed.algebra.name
    return {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }.get(name, "SELECT")

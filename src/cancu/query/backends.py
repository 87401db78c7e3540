"""Where queries run, behind one interface (:class:`Backend`): the embedded Oxigraph store
(:class:`Embedded`) or a remote SPARQL endpoint (:class:`Remote`). Answers are
:class:`Result` objects: variable names and rows of RDF terms (pyoxigraph), with
:meth:`Result.values` giving rows of Python values (``str``, ``int``, ``Decimal``, ``date`` …).

>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1.5 } }')
>>> Embedded(store, union=True).select("SELECT ?o { ?s ?p ?o }", {}).values()
[(Decimal('1.5'),)]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

import pyoxigraph as ox

from cancu.query.saved import QueryError
from cancu.sparql_text import Term, values_block, with_leading_values
from cancu.store.embedded import EmbeddedStore
from cancu.store.remote import RemoteStore

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
        try:
            return self.store.query(sparql, union=self.union, substitutions=bindings)
        except SyntaxError as exc:
            raise QueryError(f"the query does not parse: {exc}") from None
        except RuntimeError as exc:  # e.g. a bound variable that is not projected
            raise QueryError(f"the query cannot run: {exc}") from None

    def _result(self, answer) -> Result:
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        variables = [v.value for v in answer.variables]
        return Result(variables, list(map(tuple, answer)))

    def select(self, sparql: str, bindings: Mapping[str, Term]) -> Result:
        """Run a SELECT query; each binding is both a leading ``VALUES`` row and a
        substitution (see the module docstring)."""
        if bindings:
            block = values_block(list(bindings), [tuple(bindings.values())])
            sparql = with_leading_values(sparql, block)
        return self._result(self._run(sparql, bindings))

    def select_values(
        self, sparql: str, names: Sequence[str], rows: Sequence[Sequence[Term]]
    ) -> Result:
        """Run a SELECT query for several rows of bindings at once (a leading ``VALUES``)."""
        return self._result(self._run(with_leading_values(sparql, values_block(names, rows))))

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

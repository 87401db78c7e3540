"""Run saved or ad hoc queries on the embedded store or a remote endpoint.

Results are :class:`Result` objects: variable names and rows of RDF terms (pyoxigraph), with
:meth:`Result.values` giving rows of Python values (``str``, ``int``, ``Decimal``, ``date`` …).
Both backends answer a saved query identically: the queries name their graphs, parameters are
bound as RDF terms serialised by pyoxigraph, never as pasted text (see :func:`values_block`), and
multi-valued cells are re-sorted here in Python.

- one term per parameter: on the embedded store a ``VALUES`` clause at the start of the query
  pattern (so Oxigraph's planner starts from it) plus a pyoxigraph substitution of the same
  term (which also reaches inside sub-SELECTs, where a ``VALUES`` join does not); on a remote
  endpoint a trailing ``VALUES`` clause;
- several terms (an agency name that fits several agencies): one ``VALUES`` clause with a row
  per combination of terms, leading on the embedded store, trailing elsewhere. The rows come in
  the order of the query's ``ORDER BY`` (every parameterised saved query has one).

>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1.5 } }')
>>> backend = Embedded(store)
>>> run_sparql("SELECT ?o { GRAPH ?g { ?s ?p ?o } }", backend).values()
[(Decimal('1.5'),)]
"""

from __future__ import annotations

import itertools
import re
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


def sort_multi_valued(result: Result, columns: Sequence[str]) -> Result:
    """Sort the values inside multi-valued cells; ``x``/``xLabel`` pairs are sorted together
    (by label, then IRI) so the n-th IRI still matches the n-th label. Cells holding one value,
    and cells already in order, are kept as they are; a cell met again (the legal bases of a
    document, on each of its tasks) is sorted once.

    >>> r = Result(["a", "aLabel"], [(ox.Literal("u:2; u:1"), ox.Literal("B; A"))])
    >>> [t.value for t in sort_multi_valued(r, ["a", "aLabel"]).rows[0]]
    ['u:1; u:2', 'A; B']
    """
    index = {v: i for i, v in enumerate(result.variables)}
    present = [c for c in columns if c in index]
    pairs = [(index[c], index[c + "Label"]) for c in present if c + "Label" in present]
    paired = {i for pair in pairs for i in pair}
    singles = [index[c] for c in present if index[c] not in paired]
    if not pairs and not singles:
        return result
    sorted_pairs: dict[tuple[Term, Term], tuple[Term, Term] | None] = {}
    sorted_cells: dict[Term, Term | None] = {}
    rows = []
    for row in result.rows:
        cells: list[Term | None] | None = None  # a copy, made on the first change
        for i, j in pairs:
            iri, label = row[i], row[j]
            if iri is None or label is None or SEPARATOR not in label.value:
                continue
            key = (iri, label)
            if key not in sorted_pairs:
                sorted_pairs[key] = _sorted_pair(iri, label)
            new = sorted_pairs[key]
            if new is not None:
                if cells is None:
                    cells = list(row)
                cells[i], cells[j] = new
        for i in singles:
            cell = row[i]
            if cell is None or SEPARATOR not in cell.value:
                continue
            if cell not in sorted_cells:
                sorted_cells[cell] = _sorted_cell(cell)
            new_cell = sorted_cells[cell]
            if new_cell is not None:
                if cells is None:
                    cells = list(row)
                cells[i] = new_cell
        rows.append(row if cells is None else tuple(cells))
    return Result(result.variables, rows)


def _sorted_pair(iri: Term, label: Term) -> tuple[Term, Term] | None:
    """The pair sorted by label then IRI; None when it is already (or cannot be) sorted."""
    iris, labels = iri.value.split(SEPARATOR), label.value.split(SEPARATOR)
    if len(iris) != len(labels):
        return None
    ordered = sorted(zip(labels, iris, strict=True))
    new_labels = [lb for lb, _ in ordered]
    new_iris = [x for _, x in ordered]
    if new_labels == labels and new_iris == iris:
        return None
    return _same_kind(iri, SEPARATOR.join(new_iris)), _same_kind(label, SEPARATOR.join(new_labels))


def _sorted_cell(cell: Term) -> Term | None:
    """The cell with its values sorted; None when they already are."""
    values = cell.value.split(SEPARATOR)
    ordered = sorted(values)
    return None if ordered == values else _same_kind(cell, SEPARATOR.join(ordered))


def _same_kind(term: Term, text: str) -> ox.Literal:
    if isinstance(term, ox.Literal) and term.language:
        return ox.Literal(text, language=term.language)
    return ox.Literal(text)


def values_block(names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    """A ``VALUES`` clause: one row per binding set, each term serialised by pyoxigraph (so a
    value typed by a person can never close the clause).

    >>> print(values_block(["a", "n"], [(ox.NamedNode("http://x/a"), ox.Literal('" } #'))]))
    VALUES (?a ?n) { (<http://x/a> "\\" } #") }
    """
    head = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'',
    re.DOTALL,
)


def with_leading_values(sparql: str, block: str) -> str:
    """``block`` placed first in the query's top-level group pattern (after the first ``{``
    that is not inside a comment, an IRI or a string); appended at the end when there is none.

    >>> print(with_leading_values("PREFIX x: <u:x#>\\n# {\\nSELECT ?a WHERE { ?a ?b ?c }", "V"))
    PREFIX x: <u:x#>
    # {
    SELECT ?a WHERE {
    V
     ?a ?b ?c }
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "<\"'":
            m = (_IRIREF if c == "<" else _STRING).match(sparql, i)
            if m:
                i = m.end()
                continue
        if c == "{":
            return f"{sparql[: i + 1]}\n{block}\n{sparql[i + 1 :]}"
        i += 1
    return f"{sparql.rstrip()}\n{block}\n"


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


_SLICE = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)


def run_query(
    query: SavedQuery,
    backend: Backend,
    params: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> Result:
    """Run a saved query. A parameter that resolves to several terms (an agency name that fits
    several agencies) binds them all at once, with one ``VALUES`` clause holding a row per
    combination of terms; the rows come in the order of the query's ``ORDER BY``. ``limit``
    keeps the first rows (sent as a ``LIMIT`` too, so the others are never converted)."""
    combos = bindings_for(query, params or {}, backend)
    sparql = query.sparql
    if limit is not None and not _SLICE.search(query.body):
        sparql = f"{sparql.rstrip()}\nLIMIT {int(limit)}\n"  # fewer rows to convert
    if len(combos) == 1:
        result = backend.select(sparql, combos[0])
    else:
        names = list(combos[0])
        rows = [tuple(c[name] for name in names) for c in combos]
        select_values = getattr(backend, "select_values", None)
        if select_values is not None:
            result = select_values(sparql, names, rows)
        else:  # any other backend: a trailing VALUES clause, as on a remote endpoint
            result = backend.select(f"{sparql.rstrip()}\n{values_block(names, rows)}\n", {})
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

"""Run saved or ad hoc queries on a :class:`~cancu.query.backends.Backend` (the embedded store
or a remote endpoint); answers are :class:`~cancu.query.backends.Result` objects.

Both backends answer a saved query identically: the queries name their graphs, parameters are
bound as RDF terms serialised by pyoxigraph, never as pasted text (see :func:`cancu.sparql_text.values_block`), and
multi-valued cells are re-sorted here in Python.

- one term per parameter: on the embedded store a ``VALUES`` clause at the start of the query
  pattern (so Oxigraph's planner starts from it) plus a pyoxigraph substitution of the same
  term (which also reaches inside sub-SELECTs, where a ``VALUES`` join does not); on a remote
  endpoint a trailing ``VALUES`` clause;
- several terms (an agency name that fits several agencies): one ``VALUES`` clause with a row
  per combination of terms, leading on the embedded store, trailing elsewhere. The rows come in
  the order of the query's ``ORDER BY`` (every parameterised saved query has one).

>>> from cancu.query.backends import Embedded
>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1.5 } }')
>>> backend = Embedded(store)
>>> run_sparql("SELECT ?o { GRAPH ?g { ?s ?p ?o } }", backend).values()
[(Decimal('1.5'),)]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from cancu.query.backends import Backend, Result, Term
from cancu.query.params import resolve
from cancu.query.saved import SEPARATOR, QueryError, SavedQuery
from cancu.sparql_text import has_slice, query_form, values_block
from cancu.vocab import sparql_prefixes


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
    several agencies) binds them all at once, with one ``VALUES`` clause holding a row per
    combination of terms; the rows come in the order of the query's ``ORDER BY``. ``limit``
    keeps the first rows (sent as a ``LIMIT`` too, so the others are never converted)."""
    combos = bindings_for(query, params or {}, backend)
    sparql = query.sparql
    if limit is not None and not has_slice(query.body):
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

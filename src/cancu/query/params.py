"""Parameter values as a person types them → RDF terms to bind.

Values are never pasted into query text: each is turned into pyoxigraph terms here, and the
backend binds them (substitutions, or a ``VALUES`` clause of serialised terms).

- ``iri``: an absolute IRI (else :class:`QueryError`);
- ``string``: a plain literal;
- ``document``: a document IRI, or a number such as ``2818/QĐ-UBND`` looked up by eli:number;
- ``instrument``: a number such as ``26/2019/tt-btc``, normalised and looked up by eli:number;
- ``agency``: a name with or without diacritics, resolved with the gazetteer
  (:meth:`cancu.text.names.Gazetteer.candidates`) and against the folded labels of the
  unresolved names in the store; or an agency IRI.

A value that resolves to nothing is a :class:`~cancu.resolve.NoMatchError` naming the closest values (a
usage error: the person mistyped, the answer is not "no rows").

>>> [t.value for t in resolve("agency", "bao tay ninh", None)]
['https://w3id.org/cancu/agency/bao-tay-ninh']
>>> resolve("agency", "Bao Tay Ninhh xyz", None)
Traceback (most recent call last):
cancu.query.params.ParameterNoMatchError: no agency matches 'Bao Tay Ninhh xyz'; closest: Báo Tây Ninh
>>> resolve("string", '" } ; DROP ALL ; #', None)
[<Literal value=" } ; DROP ALL ; # datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from cancu.errors import CancuError
from cancu.parse.numbers import parse_number
from cancu.query.saved import QueryError
from cancu.resolve import NoMatchError, gazetteer_agencies, gazetteer_labels, no_match
from cancu.text.names import fold
from cancu.vocab import sparql_prefixes

if TYPE_CHECKING:
    from cancu.query.backends import Backend
    from cancu.sparql_text import Term

_BY_NUMBER = """SELECT DISTINCT ?x ?number WHERE {{
  GRAPH ?g {{ ?x eli:number ?number . {extra} }}
}} ORDER BY ?x"""
# The unresolved names first, then their labels: each name is typed and labelled again in
# every document that mentions it, so labelling each typing would read every copy.
_UNRESOLVED = """SELECT DISTINCT ?x ?label WHERE {
  { SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a cancu:UnresolvedAgent } } }
  GRAPH ?gl { ?x rdfs:label ?label }
}"""


class ParameterNoMatchError(QueryError, NoMatchError):
    """A saved query's parameter value that matches nothing."""


def resolve(kind: str, value: str, backend: Backend | None) -> list[Term]:
    """The terms ``value`` stands for (sorted, at least one); :class:`~cancu.resolve.NoMatchError` if none.

    Without a backend, document and instrument numbers cannot be looked up: they are bound as
    plain literals."""
    value = value.strip()
    if kind == "string":
        return [ox.Literal(value)]
    if kind == "iri" or (kind != "instrument" and _looks_like_iri(value)):
        try:
            return [ox.NamedNode(value)]
        except ValueError as exc:
            raise QueryError(f"not an absolute IRI: '{value}' ({exc})") from None
    if kind == "agency":
        found = _agencies(value, backend)
        if not found:
            raise no_match(kind, value, _agency_labels(backend), error=ParameterNoMatchError)
        return found
    if kind in ("document", "instrument"):
        if backend is None:
            return [ox.Literal(value)]
        extra = "?x a cancu:SourceDocument ." if kind == "document" else ""
        found = _by_number(value, extra, backend)
        if not found:
            raise no_match(
                kind, value, _numbers(extra, backend), " in the store", ParameterNoMatchError
            )
        return found
    raise QueryError(f"unknown parameter type '{kind}'")


def _looks_like_iri(value: str) -> bool:
    return value.startswith(("http://", "https://", "urn:"))


def _by_number(value: str, extra: str, backend: Backend) -> list[Term]:
    try:
        number = parse_number(value).normalized
    except CancuError:
        number = value
    found = backend.select(
        sparql_prefixes() + _BY_NUMBER.format(extra=extra), {"number": ox.Literal(number)}
    )
    return [row[0] for row in found.rows if row[0] is not None]


def _numbers(extra: str, backend: Backend) -> set[str]:
    """Every number of the kind looked up (documents, or any instrument) in the store."""
    found = backend.select(sparql_prefixes() + _BY_NUMBER.format(extra=extra), {})
    return {row[1].value for row in found.rows if row[1] is not None}


def _agency_labels(backend: Backend | None) -> set[str]:
    """The labels of the gazetteer's agencies and of the unresolved names in the store."""
    labels = gazetteer_labels()
    if backend is not None:
        found = backend.select(sparql_prefixes() + _UNRESOLVED, {})
        labels |= {row[1].value for row in found.rows if row[1] is not None}
    return labels


def _agencies(value: str, backend: Backend | None) -> list[Term]:
    iris = gazetteer_agencies(value)
    if backend is not None:
        key = fold(value)
        found = backend.select(sparql_prefixes() + _UNRESOLVED, {})
        iris |= {
            row[0].value for row in found.rows if row[1] is not None and fold(row[1].value) == key
        }
    return [ox.NamedNode(i) for i in sorted(iris)]

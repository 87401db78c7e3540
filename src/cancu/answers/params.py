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

A value that resolves to nothing is bound as a plain literal, which matches no IRI: the query
answers with no rows.

>>> [t.value for t in resolve("agency", "bao tay ninh", None)]
['https://w3id.org/cancu/agency/bao-tay-ninh']
>>> resolve("string", '" } ; DROP ALL ; #', None)
[<Literal value=" } ; DROP ALL ; # datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from cancu.answers.queries import QueryError
from cancu.errors import CancuError
from cancu.parse.numbers import parse_number
from cancu.text.names import Gazetteer, fold
from cancu.vocab import sparql_prefixes

if TYPE_CHECKING:
    from cancu.answers.query import Backend
    from cancu.store.remote import Term

_BY_NUMBER = """SELECT DISTINCT ?x ?number WHERE {{
  GRAPH ?g {{ ?x eli:number ?number . {extra} }}
}} ORDER BY ?x"""
# The unresolved names first, then their labels: each name is typed and labelled again in
# every document that mentions it, so labelling each typing would read every copy.
_UNRESOLVED = """SELECT DISTINCT ?x ?label WHERE {
  { SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a cancu:UnresolvedAgent } } }
  GRAPH ?gl { ?x rdfs:label ?label }
}"""


def resolve(kind: str, value: str, backend: Backend | None) -> list[Term]:
    """The terms ``value`` stands for (sorted, at least one)."""
    value = value.strip()
    if kind == "string":
        return [ox.Literal(value)]
    if kind == "iri" or (kind != "instrument" and _looks_like_iri(value)):
        try:
            return [ox.NamedNode(value)]
        except ValueError as exc:
            raise QueryError(f"not an absolute IRI: '{value}' ({exc})") from None
    if kind == "agency":
        return _agencies(value, backend) or [ox.Literal(value)]
    if kind in ("document", "instrument"):
        extra = "?x a cancu:SourceDocument ." if kind == "document" else ""
        return _by_number(value, extra, backend) or [ox.Literal(value)]
    raise QueryError(f"unknown parameter type '{kind}'")


def _looks_like_iri(value: str) -> bool:
    return value.startswith(("http://", "https://", "urn:"))


def _by_number(value: str, extra: str, backend: Backend | None) -> list[Term]:
    try:
        number = parse_number(value).normalized
    except CancuError:
        number = value
    if backend is None:
        return []
    found = backend.select(
        sparql_prefixes() + _BY_NUMBER.format(extra=extra), {"number": ox.Literal(number)}
    )
    return [row[0] for row in found.rows if row[0] is not None]


def _agencies(value: str, backend: Backend | None) -> list[Term]:
    iris = {m.entry.iri for m in Gazetteer.default().candidates(value)}
    if backend is not None:
        key = fold(value)
        found = backend.select(sparql_prefixes() + _UNRESOLVED, {})
        iris |= {
            row[0].value for row in found.rows if row[1] is not None and fold(row[1].value) == key
        }
    return [ox.NamedNode(i) for i in sorted(iris)]

"""The instruments a store knows: cited instruments and source documents, with their keys.

>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.update('''PREFIX eli: <http://data.europa.eu/eli/ontology#>
... INSERT DATA { GRAPH <urn:g> { <urn:i> a <https://w3id.org/cancu/ontology#LegalInstrument> ;
...   eli:number "61/2018/NĐ-CP" ; eli:date_document "2018-04-23"^^<http://www.w3.org/2001/XMLSchema#date> } }''')
>>> store_instruments(store)
[Instrument(iri='urn:i', number='61/2018/NĐ-CP', date=datetime.date(2018, 4, 23), issuer=None, labels=())]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from cancu.links import LINKS_GRAPH_IRI
from cancu.sparql_text import values_block, with_leading_values
from cancu.store.embedded import EmbeddedStore
from cancu.vocab import sparql_prefixes

_QUERY = """
SELECT ?i (SAMPLE(?n) AS ?number) (SAMPLE(?d) AS ?date) (SAMPLE(?by) AS ?issuer)
WHERE {
  GRAPH ?g {
    ?i a ?type .
    FILTER (?type IN (cancu:LegalInstrument, cancu:SourceDocument))
    OPTIONAL { ?i eli:number ?n }
    OPTIONAL { ?i eli:date_document ?d }
    OPTIONAL { ?i eli:passed_by ?by }
  }
  FILTER (?g != <LINKS_GRAPH>)
}
GROUP BY ?i
ORDER BY ?i
""".replace("LINKS_GRAPH", LINKS_GRAPH_IRI)

_LABELS = """
SELECT DISTINCT ?by ?label WHERE {
  GRAPH ?g { ?by skos:prefLabel|skos:altLabel|skos:notation|rdfs:label ?label }
}
"""


@dataclass(frozen=True)
class Instrument:
    """An instrument of the store: IRI, normalised number, date, issuer IRI and its labels."""

    iri: str
    number: str | None
    date: date | None
    issuer: str | None
    labels: tuple[str, ...] = ()


def _date(term: ox.Literal | None) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value[:10])
    except ValueError:
        return None


def store_instruments(store: EmbeddedStore) -> list[Instrument]:
    """Every instrument of the store's document graphs, sorted by IRI."""
    rows = list(store.query(sparql_prefixes() + _QUERY))
    issuers = sorted({row["issuer"].value for row in rows if row["issuer"]})
    labels: dict[str, set[str]] = {iri: set() for iri in issuers}
    if issuers:
        block = values_block(["by"], [(ox.NamedNode(iri),) for iri in issuers])
        for row in store.query(sparql_prefixes() + with_leading_values(_LABELS, block)):
            labels[row["by"].value].add(row["label"].value)
    return [
        Instrument(
            row["i"].value,
            row["number"].value if row["number"] else None,
            _date(row["date"]),
            row["issuer"].value if row["issuer"] else None,
            tuple(sorted(labels.get(row["issuer"].value, ()))) if row["issuer"] else (),
        )
        for row in rows
    ]

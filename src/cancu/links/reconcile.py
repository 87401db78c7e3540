"""Reconcile the store's instruments with any SPARQL endpoint that describes legal resources
with ELI (``eli:number`` or ``eli:id_local``, ``eli:date_document``, ``eli:passed_by``).

An instrument is identified by number, issuer and date (PRIMER §2). A resource of the endpoint
with the same normalised number is an *exact* match when its date and issuer agree too; else it
is a *candidate*, with one reason per difference. Several exact matches are *ambiguous*; no
resource with the number is *missing*. Only a unique exact match yields ``owl:sameAs``.

>>> ours = Instrument("urn:i", "61/2018/NĐ-CP", date(2018, 4, 23), "urn:cp", ("Chính phủ",))
>>> remote = RemoteResource("urn:r", "61/2018/ND-CP", date(2018, 4, 24), "urn:gov", ("Chính phủ",))
>>> classify(ours, [remote]).kind, classify(ours, [remote]).candidates[0].reasons
('candidate', ('same number, different date: 2018-04-24 on the endpoint, 2018-04-23 here',))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD

from cancu.errors import ParseError
from cancu.links.instruments import Instrument
from cancu.links.statements import new_graph, record_iri
from cancu.parse.numbers import parse_number
from cancu.store.remote import RemoteStore
from cancu.text.names import fold
from cancu.vocab import BASE, CANCU, sparql_prefixes

_QUERY = """
SELECT ?r ?n ?date ?issuer ?issuerLabel WHERE {
  VALUES ?key { %s }
  VALUES ?p { eli:number eli:id_local }
  { ?r ?p ?n } UNION { GRAPH ?g { ?r ?p ?n } }
  FILTER (LCASE(STR(?n)) = ?key)
  OPTIONAL { { ?r eli:date_document ?date } UNION { GRAPH ?g1 { ?r eli:date_document ?date } } }
  OPTIONAL {
    { ?r eli:passed_by ?issuer } UNION { GRAPH ?g2 { ?r eli:passed_by ?issuer } }
    OPTIONAL {
      VALUES ?lp { rdfs:label skos:prefLabel skos:altLabel skos:notation foaf:name }
      { ?issuer ?lp ?issuerLabel } UNION { GRAPH ?g3 { ?issuer ?lp ?issuerLabel } }
    }
  }
}
"""
BATCH = 100


@dataclass(frozen=True)
class RemoteResource:
    """A legal resource of the endpoint: IRI, number as it has it, date, issuer and its labels."""

    iri: str
    number: str
    date: date | None
    issuer: str | None
    issuer_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A resource with the same number and the reasons it is not an exact match (none if it is)."""

    remote: RemoteResource
    reasons: tuple[str, ...] = ()


@dataclass
class Match:
    """The outcome for one instrument: exact, ambiguous, candidate or missing."""

    instrument: Instrument
    kind: str
    candidates: list[Candidate] = field(default_factory=list)


def normalised(number: str) -> str | None:
    """The normalised form of a number as an endpoint writes it (None if it is not one).

    >>> normalised("61/2018/ND-CP"), normalised("Luật 2015")
    ('61/2018/NĐ-CP', None)
    """
    try:
        return parse_number(number).normalized
    except ParseError:
        return None


def search_keys(number: str) -> set[str]:
    """Lower-case spellings of a number to look for on the endpoint.

    >>> sorted(search_keys("61/2018/NĐ-CP"))
    ['61/2018/nd-cp', '61/2018/nđ-cp']
    """
    low = number.lower()
    return {low, low.replace("đ", "d")}


def _same_issuer(ours: Instrument, remote: RemoteResource) -> bool:
    if ours.issuer and remote.issuer == ours.issuer:
        return True
    mine = {fold(label) for label in ours.labels}
    return bool(mine & {fold(label) for label in remote.issuer_labels})


def compare(ours: Instrument, remote: RemoteResource) -> Candidate:
    """The reasons ``remote`` (same number) is not an exact match for ``ours``."""
    reasons = []
    if remote.date is None:
        reasons.append("same number, no date on the endpoint")
    elif ours.date is None:
        reasons.append(f"same number, date {remote.date} on the endpoint, unknown here")
    elif remote.date != ours.date:
        reasons.append(
            f"same number, different date: {remote.date} on the endpoint, {ours.date} here"
        )
    if remote.issuer is None:
        reasons.append("same number, no issuer on the endpoint")
    elif ours.issuer is None:
        reasons.append("same number, issuer unresolved here")
    elif not _same_issuer(ours, remote):
        shown = ", ".join(remote.issuer_labels) or remote.issuer
        reasons.append(f"same number, different issuer: {shown}")
    return Candidate(remote, tuple(reasons))


def classify(ours: Instrument, remotes: Iterable[RemoteResource]) -> Match:
    """Compare one instrument with the endpoint's resources of the same number."""
    candidates = [compare(ours, r) for r in sorted(remotes, key=lambda r: r.iri)]
    exact = [c for c in candidates if not c.reasons]
    if len(exact) == 1:
        return Match(ours, "exact", exact)
    if len(exact) > 1:
        return Match(ours, "ambiguous", exact)
    return Match(ours, "candidate" if candidates else "missing", candidates)


def _value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    return None if term is None else term.value


def fetch(remote: RemoteStore, numbers: Iterable[str]) -> dict[str, list[RemoteResource]]:
    """The endpoint's resources for the given numbers, by normalised number."""
    keys = sorted({k for n in numbers for k in search_keys(n)})
    found: dict[str, dict] = {}
    for start in range(0, len(keys), BATCH):
        values = " ".join(str(ox.Literal(k)) for k in keys[start : start + BATCH])
        variables, rows = remote.select(sparql_prefixes() + _QUERY % values)
        for row in rows:
            cell = dict(zip(variables, row, strict=True))
            iri, number = _value(cell["r"]), _value(cell["n"])
            if iri is None or number is None or normalised(number) is None:
                continue
            entry = found.setdefault(
                iri, {"number": number, "date": None, "issuer": None, "labels": set()}
            )
            if cell["date"] is not None and entry["date"] is None:
                with suppress(ValueError):
                    entry["date"] = date.fromisoformat(cell["date"].value[:10])
            if cell["issuer"] is not None:
                entry["issuer"] = entry["issuer"] or cell["issuer"].value
            if cell["issuerLabel"] is not None:
                entry["labels"].add(cell["issuerLabel"].value)
    by_number: dict[str, list[RemoteResource]] = defaultdict(list)
    for iri, e in found.items():
        resource = RemoteResource(
            iri, e["number"], e["date"], e["issuer"], tuple(sorted(e["labels"]))
        )
        by_number[normalised(e["number"]) or ""].append(resource)
    return by_number


def reconcile(instruments: Iterable[Instrument], remote: RemoteStore) -> list[Match]:
    """Reconcile every instrument that has a number; those without one are left out."""
    numbered = [i for i in instruments if i.number]
    found = fetch(remote, [i.number for i in numbered if i.number])
    return [classify(i, found.get(i.number or "", [])) for i in numbered]


def reconciliation_graph(
    matches: Iterable[Match], endpoint: str, when: datetime | None = None
) -> Graph:
    """Triples of one reconciliation run: the run, one record per candidate (or per missing
    instrument), and ``owl:sameAs`` for unique exact matches."""
    when = when or datetime.now(UTC).replace(microsecond=0)
    g = new_graph()
    run = URIRef(f"{BASE}reconciliation/{record_iri(endpoint, when.isoformat()).rsplit('/', 1)[1]}")
    g.add((run, RDF.type, CANCU.Reconciliation))
    g.add((run, PROV.used, URIRef(endpoint)))
    g.add((run, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime)))
    for match in matches:
        inst = URIRef(match.instrument.iri)
        for cand in match.candidates or [None]:
            target = cand.remote.iri if cand else ""
            rec = record_iri("reconciliation", endpoint, inst, target)
            g.add((rec, RDF.type, CANCU.LinkRecord))
            g.add((rec, CANCU.linkedInstrument, inst))
            g.add((rec, PROV.wasGeneratedBy, run))
            g.add((rec, CANCU.matchKind, Literal(match.kind)))
            g.add((rec, CANCU.verified, Literal(False)))
            if cand is None:
                continue
            g.add((rec, CANCU.linkTarget, URIRef(target)))
            relation = "same-work" if match.kind == "exact" else "candidate"
            g.add((rec, CANCU.linkRelation, Literal(relation)))
            for reason in cand.reasons:
                g.add((rec, CANCU.matchReason, Literal(reason)))
            if match.kind == "exact":
                g.add((inst, OWL.sameAs, URIRef(target)))
    return g

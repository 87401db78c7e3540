"""Links, statuses and reconciliation results as triples of the named graph ``graph/links``.

Every statement gets a :class:`cancu:LinkRecord` carrying its provenance (who verified it and
when, or which endpoint matched it and when). The triples on the instrument itself are never
stronger than the record allows:

- ``owl:sameAs`` only for a same-work link a person verified, or a unique exact match of
  number, issuer and date on an ELI endpoint (the identity of an instrument, PRIMER §2);
- ``dcterms:hasFormat`` for another publication of the text a person verified;
- ``rdfs:seeAlso`` for everything else: related pages, unverified links, search pages (typed
  ``cancu:SearchLink``);
- ``eli:in_force`` (ELI's in-force table), ``cancu:legalStatus`` (the Vietnamese status) and
  ``cancu:statusDate`` from the status record with the latest status date.

>>> from datetime import date
>>> from cancu.links.curated import LinkRow
>>> row = LinkRow(2, "61/2018/NĐ-CP", "chinh-phu", date(2018, 4, 23), "", "", "",
...               "Hết hiệu lực toàn bộ", date(2025, 7, 1), "unverified (no network)", date(2025, 1, 2))
>>> g = links_graph([row], [])
>>> inst = URIRef("https://w3id.org/cancu/eli/vn/cp/nd/2018/61")
>>> g.value(inst, ELI.in_force) == ELI["InForce-notInForce"]
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from cancu.links import LINKS_GRAPH_IRI
from cancu.links.curated import LINKS_CSV, LinkRow, load_table
from cancu.links.instruments import store_instruments
from cancu.links.search_pages import SearchLink, search_links
from cancu.rdf.iris import concept
from cancu.store.embedded import EmbeddedStore
from cancu.text.names import slugify
from cancu.vocab import BASE, CANCU, ELI, PREFIXES

LINKS_GRAPH = URIRef(LINKS_GRAPH_IRI)

ELI_IN_FORCE: dict[str, str] = {
    "con-hieu-luc": "InForce-inForce",
    "het-hieu-luc-mot-phan": "InForce-partiallyInForce",
    "het-hieu-luc-toan-bo": "InForce-notInForce",
    "ngung-hieu-luc": "InForce-notInForce",
    "chua-co-hieu-luc": "InForce-notInForce",
}
"""Each Vietnamese status → ELI's in-force concept (coarser: three values)."""


def record_iri(*parts: object) -> URIRef:
    """A stable IRI for a link record, from what it states.

    >>> str(record_iri("a", "b")).startswith("https://w3id.org/cancu/link/")
    True
    """
    digest = hashlib.sha256("\u001f".join(str(p) for p in parts).encode()).hexdigest()[:20]
    return URIRef(f"{BASE}link/{digest}")


def new_graph() -> Graph:
    """An empty graph with the project prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _link_predicate(relation: str, verified: bool) -> URIRef:
    if verified and relation == "same-work":
        return OWL.sameAs
    if verified and relation == "publication":
        return DCTERMS.hasFormat
    return RDFS.seeAlso


def _status(g: Graph, node: URIRef, row: LinkRow) -> None:
    code = row.status_code
    if code is None:
        return
    g.add((node, ELI.in_force, ELI[ELI_IN_FORCE[code]]))
    g.add((node, CANCU.legalStatus, URIRef(concept("legal-status", code))))
    if row.status_date:
        g.add((node, CANCU.statusDate, Literal(row.status_date, datatype=XSD.date)))


def add_curated(g: Graph, row: LinkRow, instrument: str | None = None) -> URIRef:
    """Add one curated row (its record and the triples on the instrument); return the record."""
    inst = URIRef(instrument or row.instrument())
    rec = record_iri("curated", inst, *row.key)
    g.add((rec, RDF.type, CANCU.LinkRecord))
    g.add((rec, CANCU.linkedInstrument, inst))
    g.add((rec, CANCU.verified, Literal(row.verified)))
    g.add((rec, DCTERMS.date, Literal(row.verified_on, datatype=XSD.date)))
    g.add((rec, CANCU.lineStart, Literal(row.line, datatype=XSD.positiveInteger)))
    if row.database:
        g.add((rec, CANCU.database, Literal(row.database)))
    if row.verified:
        agent = URIRef(f"{BASE}curator/{slugify(row.verified_by) or 'unnamed'}")
        g.add((rec, PROV.wasAttributedTo, agent))
        g.add((agent, RDF.type, PROV.Agent))
        g.add((agent, RDFS.label, Literal(row.verified_by)))
    else:
        g.add((rec, SKOS.note, Literal(row.verified_by)))
    if row.note:
        g.add((rec, RDFS.comment, Literal(row.note, lang="vi")))
    if row.url:
        target = URIRef(row.url)
        g.add((rec, CANCU.linkTarget, target))
        g.add((rec, CANCU.linkRelation, Literal(row.relation)))
        g.add((inst, _link_predicate(row.relation, row.verified), target))
        if row.relation == "search":
            _search_node(g, target, row.database, row.number)
    _status(g, rec, row)
    return rec


def _search_node(g: Graph, target: URIRef, database: str, number: str) -> None:
    g.add((target, RDF.type, CANCU.SearchLink))
    g.add((target, CANCU.database, Literal(database)))
    g.add((target, CANCU.searchTerm, Literal(number)))


def add_search(g: Graph, link: SearchLink) -> None:
    """Add a generated search link: ``rdfs:seeAlso`` to a ``cancu:SearchLink`` node."""
    target = URIRef(link.url)
    g.add((URIRef(link.instrument), RDFS.seeAlso, target))
    _search_node(g, target, link.database, link.number)


def _latest_status(g: Graph, rows: Iterable[tuple[str, LinkRow]]) -> None:
    latest: dict[str, LinkRow] = {}
    for iri, row in rows:
        if row.status_code is None:
            continue
        best = latest.get(iri)
        key = (row.status_date or row.verified_on, row.verified_on)
        if best is None or key > (best.status_date or best.verified_on, best.verified_on):
            latest[iri] = row
    for iri, row in latest.items():
        _status(g, URIRef(iri), row)
        if row.status_code == "het-hieu-luc-toan-bo" and row.status_date:
            g.add(
                (
                    URIRef(iri),
                    ELI.date_no_longer_in_force,
                    Literal(row.status_date, datatype=XSD.date),
                )
            )


def links_graph(
    curated: Iterable[LinkRow | tuple[str, LinkRow]],
    searches: Iterable[SearchLink],
    kept: Graph | None = None,
) -> Graph:
    """The links graph: curated rows, generated search links, and ``kept`` triples (earlier
    reconciliation results, see :func:`cancu.links.reconcile.reconciliation_part`)."""
    g = new_graph()
    pairs = [(r.instrument(), r) if isinstance(r, LinkRow) else r for r in curated]
    for iri, row in pairs:
        add_curated(g, row, iri)
    _latest_status(g, pairs)
    for link in searches:
        add_search(g, link)
    for triple in kept or ():
        g.add(triple)
    return g


def reconciliation_part(existing: Graph, drop_endpoint: str | None = None) -> Graph:
    """The reconciliation runs and records of an existing links graph (and the ``owl:sameAs``
    of their exact matches), minus the runs against ``drop_endpoint`` (about to be redone)."""
    out = new_graph()
    for run in existing.subjects(RDF.type, CANCU.Reconciliation):
        if drop_endpoint and (run, PROV.used, URIRef(drop_endpoint)) in existing:
            continue
        for triple in existing.triples((run, None, None)):
            out.add(triple)
        for rec in existing.subjects(PROV.wasGeneratedBy, run):
            for triple in existing.triples((rec, None, None)):
                out.add(triple)
            if existing.value(rec, CANCU.matchKind) == Literal("exact"):
                inst = existing.value(rec, CANCU.linkedInstrument)
                target = existing.value(rec, CANCU.linkTarget)
                if inst is not None and target is not None:
                    out.add((inst, OWL.sameAs, target))
    return out


def store_links_graph(
    store: EmbeddedStore, table: Path = LINKS_CSV, *, drop_endpoint: str | None = None
) -> Graph:
    """The links graph for a store: the curated ``table``, search links for the store's
    instruments that lack a curated URL, and the reconciliation results already in the
    store's links graph (minus those of ``drop_endpoint``). This is what ``cancu build`` and ``cancu link`` load into
    :data:`LINKS_GRAPH`.
    """
    rows = [(row.instrument(), row) for row in load_table(table)]
    searches = search_links(store_instruments(store), rows)
    kept = None
    if LINKS_GRAPH in store.graph_names():
        kept = reconciliation_part(store.graph(LINKS_GRAPH), drop_endpoint)
    return links_graph(rows, searches, kept)

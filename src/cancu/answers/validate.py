"""Validate document graphs against ``shapes/*.ttl``: the library behind ``cancu validate``.

Each document graph is validated on its own, together with the ontology and schemes (and, for
a store, the gazetteer: only the triples the document refers to, see :class:`Vocabulary`),
optionally in several processes. pySHACL checks the plain SHACL constraints (no inference);
the SHACL-SPARQL constraints (``sh:sparql``) are run by Oxigraph, once per check with
``VALUES $this { focus nodes }`` (or once per focus node with ``$this`` substituted), because
pySHACL runs them through rdflib's SPARQL engine at ~60 ms per focus node (~18 s on the seed).
Their results, with their messages in both languages, join pySHACL's in one standard
``sh:ValidationReport``.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''@prefix cancu: <https://w3id.org/cancu/ontology#> .
... <urn:t> a cancu:Task .''', format="turtle")
>>> report = validate(g, shapes="core")
>>> [(r.severity, r.path, r.component) for r in report.documents[0].results]
[('Violation', 'cancu:text', 'sh:MinCountConstraintComponent')]
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from cancu.answers.report import DocumentReport, Report, Result, label, lines, path_text
from cancu.answers.sparql_checks import Dataset, SparqlCheck, run_check, sparql_check
from cancu.errors import CancuError
from cancu.rdf.ontology import load_ontology
from cancu.store.embedded import EmbeddedStore, rdflib_graph
from cancu.vocab import CANCU, ELI, PREFIXES

SHAPES_DIR = Path(__file__).resolve().parents[3] / "shapes"
"""The repository's ``shapes/`` folder."""
SELECTIONS: dict[str, tuple[str, ...]] = {
    "core": ("core", "vocabularies"),
    "recommended": ("recommended",),
    "vocabularies": ("vocabularies",),
    "all": ("core", "recommended", "vocabularies"),
}
"""What ``--shapes`` selects: ``core`` means every Violation-level file."""


_ANNOTATIONS = (SH.name, SH.description, RDFS.seeAlso, RDFS.comment)
"""Shape metadata for readers, left out of the graph pySHACL runs: it scans every predicate
of a shape each time it evaluates it (once per value node for nested shapes), so each
annotation costs time and none changes a result."""


class UnknownDocumentError(CancuError):
    """The document asked for is not in the store (a usage error: exit code 2)."""


@dataclass(frozen=True)
class Shapes:
    """A selection of shape files: the whole graph, the part pySHACL runs (no ``sh:sparql``,
    no annotations), the SPARQL checks."""

    graph: Graph
    plain: Graph
    sparql: tuple[SparqlCheck, ...]


@lru_cache(maxsize=8)
def load_shapes(selection: str = "all") -> Shapes:
    """Parse the shape files of ``selection`` (a key of :data:`SELECTIONS`), cached.

    >>> len(load_shapes("recommended").sparql) >= 5, load_shapes("core").sparql
    (True, ())
    """
    if selection not in SELECTIONS:
        raise CancuError(f"unknown shapes '{selection}': expected one of {sorted(SELECTIONS)}")
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for name in SELECTIONS[selection]:
        graph.parse(SHAPES_DIR / f"{name}.ttl", format="turtle")
    plain = Graph()
    plain += graph
    for annotation in (SH.sparql, *_ANNOTATIONS):
        plain.remove((None, annotation, None))
    found = (sparql_check(graph, s, c) for s, c in graph.subject_objects(SH.sparql))
    return Shapes(graph, plain, tuple(c for c in found if c is not None))


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology()


def validate(
    source: Graph | EmbeddedStore,
    document: str | None = None,
    shapes: str = "all",
    jobs: int = 1,
    graphs: bool = True,
) -> Report:
    """Validate a graph, or one or every document graph of a store.

    ``source`` is an rdflib graph (validated with the ontology and schemes added) or a store;
    ``document`` (store only) is a document IRI, its number ("2818/QĐ-UBND") or its source file
    name. With ``jobs`` > 1 the documents of an on-disk store are shared out over that many
    processes (each opens the store read-only); the report lists them in the same order.
    Without ``graphs`` the reports keep their results but not their ``sh:ValidationReport``
    graphs (only Turtle output needs them; a thousand documents' graphs take about 1 GB).
    Raises :class:`UnknownDocumentError` when no document matches.
    """
    selected = load_shapes(shapes)
    if isinstance(source, Graph):
        data = Graph()
        data += source
        data += _ontology()
        number = next((str(o) for o in source.objects(None, ELI.number)), "<graph>")
        doc = next(source.subjects(RDF.type, CANCU.SourceDocument), URIRef("urn:graph"))
        return Report([_validate_one(data, selected, str(doc), number)])
    documents = find_documents(source, document)
    jobs = min(jobs, len(documents))
    if jobs <= 1 or source.path is None:
        return Report(_validate_documents(source, documents, selected, graphs))
    source.flush()
    chunks = [documents[k::jobs] for k in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        parts = list(
            pool.map(_validate_stored, [str(source.path)] * jobs, chunks, [(shapes, graphs)] * jobs)
        )
    return Report([parts[k % jobs][k // jobs] for k in range(len(documents))])


def _validate_stored(
    path: str, documents: list[tuple[str, str, str]], options: tuple[str, bool]
) -> list[DocumentReport]:
    """Validate some documents of the on-disk store at ``path`` (in a worker process)."""
    shapes, graphs = options
    store = EmbeddedStore(path, read_only=True)
    return _validate_documents(store, documents, load_shapes(shapes), graphs)


def _validate_documents(
    store: EmbeddedStore, documents: list[tuple[str, str, str]], shapes: Shapes, graphs: bool
) -> list[DocumentReport]:
    """Validate documents one by one. The SPARQL checks run on a small in-memory store that
    holds the vocabulary graphs and, in turn, each document graph: on the whole store their
    unbound patterns would scan every document's triples, and cost would grow with the store."""
    from cancu.pipeline import AGENCIES_GRAPH, ONTOLOGY_GRAPH

    vocabulary = Vocabulary(store.graph(ONTOLOGY_GRAPH, AGENCIES_GRAPH))
    scratch = ox.Store()
    quads = store.store.quads_for_pattern
    for name in (ONTOLOGY_GRAPH, AGENCIES_GRAPH):
        scratch.extend(quads(None, None, None, ox.NamedNode(name)))
    reports = []
    for graph_name, doc, number in documents:
        graph = ox.NamedNode(graph_name)
        found = list(quads(None, None, None, graph))
        data = rdflib_graph(found)
        data.addN((s, p, o, data) for s, p, o in vocabulary.about(data))
        scratch.bulk_extend(found)
        names = [graph, ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(AGENCIES_GRAPH)]
        report = _validate_one(data, shapes, doc, number, Dataset(scratch, names))
        reports.append(report if graphs else replace(report, graph=None))
        scratch.remove_graph(graph)
    return reports


class Vocabulary:
    """The ontology, schemes and gazetteer, indexed by subject, so that each document graph is
    validated with only the vocabulary triples it needs: those about the nodes it refers to,
    and every class axiom (``rdfs:subClassOf``, for ``sh:class``). Copying the whole vocabulary
    into every document graph doubled the graph pySHACL walks, for the same results.

    >>> from rdflib import Namespace
    >>> ex = Namespace("urn:x:")
    >>> v = Vocabulary(Graph().parse(data="<urn:x:a> a <urn:x:C> . <urn:x:b> a <urn:x:C> .",
    ...                              format="turtle"))
    >>> doc = Graph(); _ = doc.add((ex.t, ex.lead, ex.a))
    >>> [str(o) for _, _, o in v.about(doc)]
    ['urn:x:C']
    """

    def __init__(self, graph: Graph):
        self.by_subject: dict[object, list[tuple]] = {}
        for triple in graph:
            self.by_subject.setdefault(triple[0], []).append(triple)
        self.axioms = list(graph.triples((None, RDFS.subClassOf, None)))

    def about(self, data: Graph) -> list[tuple]:
        """The vocabulary triples ``data`` needs (see the class)."""
        found = list(self.axioms)
        for node in set(data.objects()):
            found.extend(self.by_subject.get(node, ()))
        return found


def find_documents(store: EmbeddedStore, wanted: str | None = None) -> list[tuple[str, str, str]]:
    """(graph IRI, document IRI, label) of every document graph, or of those matching ``wanted``."""
    query = (
        "PREFIX cancu: <https://w3id.org/cancu/ontology#> "
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT ?g ?doc ?number ?file WHERE { GRAPH ?g { ?doc a cancu:SourceDocument . "
        "OPTIONAL { ?doc eli:number ?number } "
        "OPTIONAL { ?doc cancu:sourceText/cancu:fileName ?file } } } ORDER BY ?number"
    )
    found = []
    for row in store.store.query(query):
        values = [
            row[v].value if row[v] is not None else "" for v in ("g", "doc", "number", "file")
        ]
        found.append(tuple(values))
    if wanted is None:
        return [(g, d, n or d) for g, d, n, _ in found]

    def key(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold()

    name = Path(wanted).name
    hits = [
        (g, d, n or d)
        for g, d, n, f in found
        if wanted in (g, d) or (n and key(n) == key(wanted)) or (f and name in (f, Path(f).stem))
    ]
    if not hits:
        known = ", ".join(n or d for _, d, n, _ in found) or "none: run 'cancu build'"
        raise UnknownDocumentError(f"no document '{wanted}' in the store (known: {known})")
    return hits


def _validate_one(
    data: Graph, shapes: Shapes, document: str, label: str, sparql: Dataset | None = None
) -> DocumentReport:
    start = time.perf_counter()
    _, report, _ = shacl_validate(
        data, shacl_graph=shapes.plain, inference="none", advanced=False, inplace=True
    )
    if shapes.sparql:
        if sparql is None:
            store = ox.Store()
            store.load(data.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
            sparql = Dataset(store, None)
        for check in shapes.sparql:
            run_check(check, sparql, shapes.graph, report)
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    report.set((root, SH.conforms, Literal(not any(report.objects(root, SH.result)))))
    results = sorted(
        (_result(report, node, data, shapes.graph) for node in report.objects(root, SH.result)),
        key=_reading_order,
    )
    return DocumentReport(document, label, results, report, time.perf_counter() - start)


def _reading_order(result: Result) -> tuple:
    """Results in a stable order: by source line, then focus node, shape and value."""
    return ((result.lines or (0, 0))[0], result.focus, result.shape, result.value or "")


def _result(report: Graph, node, data: Graph, shapes: Graph) -> Result:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    messages: dict[str, str] = {}
    for message in report.objects(node, SH.resultMessage):
        lang = message.language if isinstance(message, Literal) else None
        messages.setdefault(lang or "en", str(message))
    messages = {k: messages[k] for k in sorted(messages, key=lambda k: (k != "vi", k))}
    component = str(report.value(node, SH.sourceConstraintComponent))
    severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
    return Result(
        severity=severity,
        focus=str(focus),
        label=label(data, focus),
        path=None
        if path is None
        else path_text(report if (path, None, None) in report else shapes, path),
        value=None if value is None else str(value),
        component=component.replace(str(SH), "sh:"),
        shape=str(report.value(node, SH.sourceShape)),
        messages=messages,
        lines=lines(data, focus),
        value_lines=lines(data, value, owner=False) if isinstance(value, URIRef) else None,
    )

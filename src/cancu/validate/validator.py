"""Validate document graphs against ``shapes/*.ttl``: the library behind ``cancu validate``.

Each document graph is validated on its own, together with the ontology, schemes and gazetteer,
optionally in several processes, all in Oxigraph: the SHACL Core constraints are compiled to
SPARQL (:mod:`cancu.validate.shacl_core`) and the SHACL-SPARQL constraints (``sh:sparql``) run
once per check with ``VALUES $this { focus nodes }`` (or once per focus node with ``$this``
substituted). pySHACL is the reference: ``engine="pyshacl"`` runs the core constraints with it
(no inference) on an rdflib graph of the document and of the vocabulary triples it refers to
(see :class:`Vocabulary`), and so does a selection of shapes the compiler cannot translate;
the SPARQL constraints stay with Oxigraph, as rdflib's engine takes ~60 ms per focus node.
Results, with their messages in both languages, form one standard ``sh:ValidationReport``.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''@prefix cancu: <https://w3id.org/cancu/ontology#> .
... <urn:t> a cancu:Task .''', format="turtle")
>>> report = validate(g, shapes="core")
>>> [(r.severity, r.path, r.component) for r in report.documents[0].results]
[('Violation', 'cancu:text', 'sh:MinCountConstraintComponent')]
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from cancu.errors import CancuError
from cancu.rdf.ontology import load_ontology
from cancu.resolve import matching, no_match
from cancu.resources import shape_files
from cancu.store.embedded import EmbeddedStore, rdflib_graph, to_oxigraph
from cancu.validate.report import (
    DocumentValidation,
    Lookup,
    ValidationReport,
    ValidationResult,
    label,
    lines,
    path_text,
)
from cancu.validate.shacl_core import CoreCheck, Unsupported, compile_shapes, run_core_check
from cancu.validate.sparql_constraints import Dataset, SparqlCheck, run_check, sparql_check
from cancu.vocab import CANCU, ELI, PREFIXES

SELECTIONS: dict[str, tuple[str, ...]] = {
    "core": ("core", "vocabularies"),
    "recommended": ("recommended",),
    "vocabularies": ("vocabularies",),
    "all": ("core", "recommended", "vocabularies"),
}
"""What ``--shapes`` selects: ``core`` means every Violation-level file."""
SCRATCH_DOCUMENTS = 50
"""Documents validated in one in-memory scratch store before a new one is made."""
ENGINES = ("sparql", "pyshacl")
"""What runs the core constraints: Oxigraph (compiled to SPARQL) or pySHACL."""


_ANNOTATIONS = (SH.name, SH.description, RDFS.seeAlso, RDFS.comment)
"""Shape metadata for readers, left out of the graph pySHACL runs: it scans every predicate
of a shape each time it evaluates it (once per value node for nested shapes), so each
annotation costs time and none changes a result."""


@dataclass(frozen=True)
class Shapes:
    """A selection of shape files: the whole graph, the part pySHACL runs (no ``sh:sparql``,
    no annotations), the SPARQL checks, and the core constraints compiled to SPARQL (None when
    the shapes use a feature :mod:`cancu.validate.shacl_core` does not translate, with the
    reason in ``refused``)."""

    graph: Graph
    plain: Graph
    sparql: tuple[SparqlCheck, ...]
    core: tuple[CoreCheck, ...] | None
    refused: str = ""


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
    for path in shape_files(SELECTIONS[selection]):
        graph.parse(path, format="turtle")
    plain = Graph()
    plain += graph
    for annotation in (SH.sparql, *_ANNOTATIONS):
        plain.remove((None, annotation, None))
    found = (sparql_check(graph, s, c) for s, c in graph.subject_objects(SH.sparql))
    sparql = tuple(c for c in found if c is not None)
    try:
        return Shapes(graph, plain, sparql, compile_shapes(plain))
    except Unsupported as exc:
        return Shapes(graph, plain, sparql, None, str(exc))


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology()


def validate(
    source: Graph | EmbeddedStore,
    document: str | None = None,
    shapes: str = "all",
    jobs: int = 1,
    graphs: bool = True,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate a graph, or one or every document graph of a store.

    ``source`` is an rdflib graph (validated with the ontology and schemes added) or a store;
    ``document`` (store only) is a document IRI, its number ("2818/QĐ-UBND") or its source file
    name. With ``jobs`` > 1 the documents of an on-disk store are shared out over that many
    processes (each opens the store read-only, or a checkpoint of it when this process may
    write to it: see :meth:`EmbeddedStore.shared`); the report lists them in the same order.
    Without ``graphs`` the reports keep their results but not their ``sh:ValidationReport``
    graphs (only Turtle output needs them; a thousand documents' graphs take about 1 GB).
    ``engine`` runs the core constraints as SPARQL on Oxigraph (``"sparql"``, see
    :mod:`cancu.validate.shacl_core`; pySHACL when the shapes use a feature it does not
    translate) or always with pySHACL (``"pyshacl"``, the reference).
    Raises :class:`~cancu.resolve.NoMatchError` when no document matches.
    """
    if engine not in ENGINES:
        raise CancuError(f"unknown engine '{engine}': expected one of {', '.join(ENGINES)}")
    selected = load_shapes(shapes)
    if isinstance(source, Graph):
        data = Graph()
        data += source
        data += _ontology()
        number = next((str(o) for o in source.objects(None, ELI.number)), "<graph>")
        doc = next(source.subjects(RDF.type, CANCU.SourceDocument), URIRef("urn:graph"))
        return ValidationReport([_validate_one(data, selected, str(doc), number, None, engine)])
    documents = find_documents(source, document)
    jobs = min(jobs, len(documents))
    if jobs <= 1 or source.path is None:
        return ValidationReport(_validate_documents(source, documents, selected, graphs, engine))
    chunks = [documents[k::jobs] for k in range(jobs)]
    with source.shared() as path, ProcessPoolExecutor(jobs) as pool:
        parts = list(
            pool.map(
                _validate_stored, [str(path)] * jobs, chunks, [(shapes, graphs, engine)] * jobs
            )
        )
    return ValidationReport([parts[k % jobs][k // jobs] for k in range(len(documents))])


def _validate_stored(
    path: str, documents: list[tuple[str, str, str]], options: tuple[str, bool, str]
) -> list[DocumentValidation]:
    """Validate some documents of the on-disk store at ``path`` (in a worker process)."""
    shapes, graphs, engine = options
    store = EmbeddedStore(path, read_only=True)
    return _validate_documents(store, documents, load_shapes(shapes), graphs, engine)


def _validate_documents(
    store: EmbeddedStore,
    documents: list[tuple[str, str, str]],
    shapes: Shapes,
    graphs: bool,
    engine: str,
) -> list[DocumentValidation]:
    """Validate documents one by one, on a small in-memory store that holds the vocabulary
    graphs and, in turn, each document graph (copied as N-Triples, with no Python object per
    triple): on the whole store the checks' unbound patterns would scan every document's
    triples, and cost would grow with the store. That store is made anew every
    :data:`SCRATCH_DOCUMENTS` documents, as Oxigraph's in-memory store keeps what is removed
    from it. Only pySHACL needs an rdflib graph."""
    from cancu.pipeline import AGENCIES_GRAPH, ONTOLOGY_GRAPH

    pyshacl = engine == "pyshacl" or shapes.core is None
    vocabulary = Vocabulary(store.graph(ONTOLOGY_GRAPH, AGENCIES_GRAPH)) if pyshacl else None
    nt = ox.RdfFormat.N_TRIPLES
    names = [ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(AGENCIES_GRAPH)]
    texts = [store.graph_ntriples(name.value) for name in names]
    reports = []
    for k, (graph_name, doc, number) in enumerate(documents):
        if k % SCRATCH_DOCUMENTS == 0:
            scratch = ox.Store()
            for name, text in zip(names, texts, strict=True):
                scratch.bulk_load(text, format=nt, to_graph=name)
        graph = ox.NamedNode(graph_name)
        scratch.bulk_load(store.graph_ntriples(graph_name), format=nt, to_graph=graph)
        data = None
        if vocabulary is not None:
            data = rdflib_graph(scratch.quads_for_pattern(None, None, None, graph))
            data.addN((s, p, o, data) for s, p, o in vocabulary.about(data))
        dataset = Dataset(scratch, [graph, *names])
        report = _validate_one(data, shapes, doc, number, dataset, engine)
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
    for row in store.query(query):
        values = [
            row[v].value if row[v] is not None else "" for v in ("g", "doc", "number", "file")
        ]
        found.append(tuple(values))
    if wanted is None:
        return [(g, d, n or d) for g, d, n, _ in found]
    names = {g: [x for x in (n, g, d, f, f and Path(f).stem) if x] for g, d, n, f in found}
    hits = set(matching(wanted, names)) | set(matching(Path(wanted).name, names))
    if not hits:
        raise no_match("document", wanted, (n or d for _, d, n, _ in found), " in the store")
    return [(g, d, n or d) for g, d, n, _ in found if g in hits]


def _validate_one(
    data: Graph | None,
    shapes: Shapes,
    document: str,
    label: str,
    sparql: Dataset | None = None,
    engine: str = "sparql",
) -> DocumentValidation:
    """Validate one document: ``data`` is its rdflib graph (needed by pySHACL only; labels and
    lines then come from it), ``sparql`` the same triples in Oxigraph (made from ``data`` if
    None)."""
    start = time.perf_counter()
    if sparql is None:
        assert data is not None
        store = ox.Store()  # blank nodes keep their ids, so results name the same nodes
        store.bulk_extend(ox.Quad(*map(to_oxigraph, triple)) for triple in data)
        sparql = Dataset(store, None)
    if engine == "sparql" and shapes.core is not None:
        report = Graph()
        report.add((BNode(), RDF.type, SH.ValidationReport))
        for core in shapes.core:
            run_core_check(core, sparql, shapes.graph, report)
    else:
        assert data is not None
        _, report, _ = shacl_validate(
            data, shacl_graph=shapes.plain, inference="none", advanced=False, inplace=True
        )
    for check in shapes.sparql:
        run_check(check, sparql, shapes.graph, report)
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    report.set((root, SH.conforms, Literal(not any(report.objects(root, SH.result)))))
    lookup = sparql if data is None else data
    results = sorted(
        (_result(report, node, lookup, shapes.graph) for node in report.objects(root, SH.result)),
        key=_reading_order,
    )
    return DocumentValidation(document, label, results, report, time.perf_counter() - start)


def _reading_order(result: ValidationResult) -> tuple:
    """Results in a stable order: by source line, then focus node, shape, constraint component
    and value."""
    start = (result.lines or (0, 0))[0]
    return (start, result.focus, result.shape, result.component, result.value or "")


def _result(report: Graph, node, data: Lookup, shapes: Graph) -> ValidationResult:
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
    return ValidationResult(
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

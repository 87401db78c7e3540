"""The library API of the main job: text → records → triples → store.

For a notebook::

    >>> from cancu.pipeline import extract
    >>> g = extract(open("data/sources/qd-2818-2020-ubnd-tayninh.txt", encoding="utf-8").read())
    >>> len(g) > 1000
    True

:func:`build` does what ``cancu build`` does: extract every source into its own
named graph, add the ontology, schemes and gazetteer, and replace those graphs
in the store in one transaction. A source that fails is reported and left out;
the others still load.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from cancu.errors import CancuError
from cancu.extract.document import extract_document
from cancu.extract.records import AgentRef, Document
from cancu.rdf.mapping import document_graph
from cancu.rdf.ontology import load_ontology
from cancu.store.embedded import EmbeddedStore
from cancu.text.names import Gazetteer
from cancu.text.normalize import normalize_text, read_source
from cancu.vocab import BASE, PREFIXES

SOURCES_DIR = Path(__file__).resolve().parents[2] / "data" / "sources"
GAZETTEER_TTL = Path(__file__).resolve().parents[2] / "data" / "agencies.ttl"
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
AGENCIES_GRAPH = URIRef(BASE + "graph/agencies")


@dataclass
class DocumentReport:
    """What one source yielded (or why it failed)."""

    source: str
    graph: URIRef | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def _agents(doc: Document) -> list[AgentRef]:
    refs = [*doc.recipients]
    refs += [p.agent for a in doc.articles for p in a.participations]
    refs += [a for d in doc.duties for a in d.assignees]
    refs += [a for t in doc.tasks for a in (*t.leads, *t.coordinators)]
    if doc.proposer:
        refs.append(doc.proposer)
    return refs


def counts(doc: Document, graph: Graph) -> dict[str, int]:
    """The figures ``cancu build`` prints for one document."""
    agents = _agents(doc)
    instruments = {
        (
            c.instrument.number.normalized if c.instrument.number else c.instrument.name,
            c.instrument.year,
        )
        for c in doc.citations
        if c.kind != "self"
    }
    return {
        "articles": len(doc.articles),
        "legal bases": sum(1 for c in doc.bases if c.kind == "legal-basis"),
        "instruments": len(instruments),
        "duties": len(doc.duties),
        "tasks": len(doc.tasks),
        "agencies": len({a.iri for a in agents if a.iri}),
        "unresolved names": len({a.as_written for a in agents if not a.iri}),
        "triples": len(graph),
    }


def warnings_of(doc: Document) -> list[str]:
    """Warnings a reader should see: unresolved names, tasks without lead, truncated names."""
    out = list(doc.warnings)
    for task in doc.tasks:
        if task.lead_cell_empty:
            out.append(
                f"line {task.start}: task {task.numbering or task.position} has no lead agency"
            )
    seen: set[str] = set()
    for agent in _agents(doc):
        if agent.as_written in seen:
            continue
        seen.add(agent.as_written)
        if not agent.iri:
            out.append(
                f"line {agent.start}: agency name not in the gazetteer: '{agent.as_written}'"
            )
        elif agent.quality == "truncated":
            out.append(
                f"line {agent.start}: truncated agency name '{agent.as_written}' read as {agent.label}"
            )
    return out


def extract_record(text: str, name: str = "<text>", gazetteer: Gazetteer | None = None) -> Document:
    """Extract the :class:`Document` record of a decision text given as a string."""
    return extract_document(normalize_text(text, name=name), gazetteer)


def extract(text: str, name: str = "<text>", gazetteer: Gazetteer | None = None) -> Graph:
    """Extract a decision text (a string) into an rdflib graph of its triples."""
    return document_graph(extract_record(text, name, gazetteer))[1]


def vocabulary_graphs() -> dict[URIRef, Graph]:
    """The ontology with its schemes, and the gazetteer, as named graphs."""
    agencies = Graph()
    for prefix, ns in PREFIXES.items():
        agencies.bind(prefix, ns)
    agencies.parse(GAZETTEER_TTL, format="turtle")
    return {ONTOLOGY_GRAPH: load_ontology(), AGENCIES_GRAPH: agencies}


def default_sources() -> list[Path]:
    """Every ``data/sources/*.txt``, sorted."""
    return sorted(SOURCES_DIR.glob("*.txt"))


def extract_files(
    paths: Iterable[Path], gazetteer: Gazetteer | None = None
) -> tuple[dict[URIRef, Graph], list[DocumentReport]]:
    """Extract each file; return the graphs of those that succeeded and a report for each."""
    gazetteer = gazetteer or Gazetteer.load()
    graphs: dict[URIRef, Graph] = {}
    reports: list[DocumentReport] = []
    for path in paths:
        report = DocumentReport(str(path))
        try:
            doc = extract_document(read_source(path), gazetteer)
            name, graph = document_graph(doc)
        except CancuError as exc:
            report.error = str(exc.located(str(path)))
        else:
            if name in graphs:
                report.error = f"{path}: the same document as another source ({name})"
            else:
                graphs[name] = graph
                report.graph = name
                report.counts = counts(doc, graph)
                report.warnings = warnings_of(doc)
        reports.append(report)
    return graphs, reports


def build(
    sources: Sequence[Path] | None = None, store: EmbeddedStore | None = None
) -> list[DocumentReport]:
    """Extract ``sources`` (default: :func:`default_sources`) and load them into ``store``."""
    sources = list(sources) if sources else default_sources()
    store = store or EmbeddedStore()
    graphs, reports = extract_files(sources)
    if graphs:
        store.replace_graphs({**vocabulary_graphs(), **graphs})
        store.flush()
    return reports

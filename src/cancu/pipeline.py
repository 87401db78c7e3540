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

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from cancu.errors import CancuError
from cancu.extract.document import extract_document
from cancu.extract.records import Document
from cancu.extract.summary import counts, warnings_of
from cancu.links.graph import LINKS_GRAPH, store_links_graph
from cancu.rdf.mapping import document_graph, document_ntriples
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
    """What one source yielded (or why it failed, or that it was unchanged)."""

    source: str
    graph: URIRef | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    unchanged: bool = False


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


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the extractor's code and data: graphs made by other code are rebuilt.

    >>> len(fingerprint())
    16
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = [*sorted((package / "text").glob("*.py")), *sorted((package / "parse").glob("*.py"))]
    files += [*sorted((package / "extract").glob("*.py")), *sorted((package / "rdf").glob("*.py"))]
    files += [GAZETTEER_TTL, package.parents[1] / "ontology" / "schemes.ttl"]
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generator() -> str:
    """The IRI of this extractor (code and data), recorded with ``prov:wasGeneratedBy``."""
    return f"{BASE}extraction/{fingerprint()}"


def _extract_one(path: Path) -> tuple[DocumentReport, str | None]:
    """Extract one file into (report, N-Triples of its graph); errors go into the report."""
    report = DocumentReport(str(path))
    try:
        doc = extract_document(read_source(path), Gazetteer.default())
        name, triples = document_ntriples(doc, generator=generator())
    except CancuError as exc:
        report.error = str(exc.located(str(path)))
        return report, None
    report.graph = URIRef(name)
    report.counts = counts(doc, triples.count("\n"))
    report.warnings = warnings_of(doc)
    return report, triples


def extract_files(
    paths: Sequence[Path], jobs: int = 1, progress: Callable[[int, int, str], None] | None = None
) -> tuple[dict[URIRef, str], list[DocumentReport]]:
    """Extract files (in ``jobs`` processes); return N-Triples per named graph and a report each.

    Two sources that are the same document (the same IRI) are an error for the second.
    """
    results: list[tuple[DocumentReport, str | None]] = []
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for k, result in enumerate(
                pool.map(_extract_one, paths, chunksize=max(1, len(paths) // (jobs * 8))), 1
            ):
                results.append(result)
                if progress:
                    progress(k, len(paths), result[0].source)
    else:
        for k, path in enumerate(paths, 1):
            results.append(_extract_one(path))
            if progress:
                progress(k, len(paths), str(path))
    graphs: dict[URIRef, str] = {}
    for report, triples in results:
        if triples is None:
            continue
        if report.graph in graphs:
            report.error = f"{report.source}: the same document as another source ({report.graph})"
            continue
        graphs[report.graph] = triples
    return graphs, [r for r, _ in results]


def _source_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # reported by the extraction itself


def build(
    sources: Sequence[Path] | None = None,
    store: EmbeddedStore | None = None,
    *,
    jobs: int = 1,
    incremental: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[DocumentReport]:
    """Extract ``sources`` (default: :func:`default_sources`) and load them into ``store``.

    With ``incremental``, a source whose content hash and extractor fingerprint are
    already in the store is not extracted again. Every named graph written (the
    documents, the ontology and the gazetteer) is replaced in one transaction.
    """
    sources = list(sources) if sources else default_sources()
    store = store or EmbeddedStore()
    known = store.extracted_sources(generator()) if incremental else {}
    todo: list[Path] = []
    reports: list[DocumentReport] = []
    for path in sources:
        sha = _source_hash(path)
        if sha in known:
            reports.append(DocumentReport(str(path), graph=known[sha], unchanged=True))
        else:
            todo.append(path)
    graphs, extracted = extract_files(todo, jobs=jobs, progress=progress)
    reports.extend(extracted)
    if graphs or not known:
        store.replace_graphs({**vocabulary_graphs(), **graphs})
        # Links to the national databases depend on which instruments are now cited.
        store.replace_graphs({LINKS_GRAPH: store_links_graph(store)})
        store.flush()
    order = {str(p): k for k, p in enumerate(sources)}
    return sorted(reports, key=lambda r: order[r.source])

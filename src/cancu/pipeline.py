"""The library API of the main job: text → records → triples → store.

For a notebook::

    >>> from cancu.pipeline import extract
    >>> g = extract(open("data/sources/qd-2818-2020-ubnd-tayninh.txt", encoding="utf-8").read())
    >>> len(g) > 1000
    True

:func:`build` does what ``cancu build`` does: extract every source into its own
named graph, add the ontology, schemes and gazetteer, and load them into the
store, all or nothing. A source that fails is reported and left out; the others
still load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from cancu import __version__
from cancu.errors import CancuError, InputError, StoreError
from cancu.extract.document import extract_document
from cancu.extract.records import Document
from cancu.extract.summary import counts, warnings_of
from cancu.links.statements import LINKS_GRAPH, store_links_graph
from cancu.rdf.mapping import document_graph, document_ntriples
from cancu.read import read_file
from cancu.resources import (
    commune_gazetteer_file,
    example_sources,
    extractor_files,
    gazetteer_files,
    ontology_file,
    schemes_file,
)
from cancu.store.embedded import EmbeddedStore
from cancu.text.names import Gazetteer
from cancu.text.normalize import normalize_text
from cancu.vocab import BASE, SCHEMA

BATCH_SIZE = 200
"""Documents :func:`build` extracts and loads at a time."""
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
AGENCIES_GRAPH = URIRef(BASE + "graph/agencies")
EXTRACTOR_GRAPH = URIRef(BASE + "graph/extractor")
"""Says which cancu version and extractor fingerprint made the document graphs."""
COMMUNES_GRAPH = URIRef(BASE + "graph/agencies-communes")
"""The commune tier of the gazetteer, apart so that validation need not copy it."""


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


def extract_file(path: str | Path, gazetteer: Gazetteer | None = None) -> Document:
    """Read one file (any supported format) and extract its :class:`Document` record.

    Raises :class:`~cancu.errors.CancuError` naming the file when it cannot be read.
    """
    return extract_document(read_file(path), gazetteer or Gazetteer.default())


def extract(text: str, name: str = "<text>", gazetteer: Gazetteer | None = None) -> Graph:
    """Extract a decision text (a string) into an rdflib graph of its triples."""
    return document_graph(extract_record(text, name, gazetteer))[1]


def vocabulary_files() -> dict[URIRef, tuple[Path, ...]]:
    """The files of each vocabulary graph: the ontology with its schemes, the gazetteer, and
    the gazetteer's commune tier (a graph of its own, which validation does not copy).

    >>> sorted(str(name).rsplit("/", 1)[-1] for name in vocabulary_files())
    ['agencies', 'agencies-communes', 'ontology']
    """
    return {
        ONTOLOGY_GRAPH: (ontology_file(), schemes_file()),
        AGENCIES_GRAPH: tuple(gazetteer_files()),
        COMMUNES_GRAPH: (commune_gazetteer_file(),),
    }


def vocabulary_digest(paths: Sequence[Path]) -> str:
    """The version of a vocabulary graph: a hash of its files, recorded in the graph as
    ``<graph> dcterms:hasVersion`` so that a build reloads only the graphs whose files changed.

    Raises :class:`~cancu.errors.InputError` naming a file that cannot be read.
    """
    digest = hashlib.sha256()
    for path in paths:
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as exc:
            raise InputError(f"cannot read it: {exc}", source=str(path)) from None
    return "sha256:" + digest.hexdigest()


def vocabulary_ntriples(names: Sequence[URIRef] | None = None) -> dict[URIRef, str]:
    """The vocabulary graphs (all, or ``names``) as N-Triples, each with its version triple.

    Raises :class:`~cancu.errors.InputError` naming a file that is missing or does not parse.

    >>> sorted(str(name).rsplit("/", 1)[-1] for name in vocabulary_ntriples([ONTOLOGY_GRAPH]))
    ['ontology']
    """
    files = vocabulary_files()
    out = {}
    for name in files if names is None else [n for n in names if n in files]:
        paths = files[name]
        triples: list[ox.Triple] = []
        for path in paths:
            try:
                triples += ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            except (OSError, SyntaxError) as exc:
                raise InputError(f"cannot read it as Turtle: {exc}", source=str(path)) from None
        version = ox.Literal(vocabulary_digest(paths))
        triples.append(
            ox.Triple(ox.NamedNode(name), ox.NamedNode(str(DCTERMS.hasVersion)), version)
        )
        out[name] = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if names is None or EXTRACTOR_GRAPH in names:
        out[EXTRACTOR_GRAPH] = extractor_ntriples()
    return out


def extractor_ntriples() -> str:
    """The extraction activity documents name with ``prov:wasGeneratedBy``: its fingerprint,
    and the cancu version it ran in.

    >>> f'"{__version__}"' in extractor_ntriples()
    True
    """
    activity, software = ox.NamedNode(generator()), ox.NamedNode(f"{BASE}software/{__version__}")
    triples = [
        ox.Triple(activity, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Activity))),
        ox.Triple(activity, ox.NamedNode(str(PROV.wasAssociatedWith)), software),
        ox.Triple(activity, ox.NamedNode(str(RDFS.label)), ox.Literal(provenance_line())),
        ox.Triple(software, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.SoftwareAgent))),
        ox.Triple(software, ox.NamedNode(str(SCHEMA.name)), ox.Literal("cancu")),
        ox.Triple(software, ox.NamedNode(str(SCHEMA.softwareVersion)), ox.Literal(__version__)),
    ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def provenance_line() -> str:
    """The version and the extractor fingerprint, as ``cancu build`` prints them.

    >>> provenance_line().startswith(f"cancu {__version__}, extractor ")
    True
    """
    return f"cancu {__version__}, extractor {fingerprint()}"


def stale_vocabulary(store: EmbeddedStore) -> list[URIRef]:
    """The vocabulary graphs whose version in ``store`` is not that of their files."""
    stale = []
    for name, paths in vocabulary_files().items():
        node = ox.NamedNode(name)
        found = store.store.quads_for_pattern(
            node, ox.NamedNode(str(DCTERMS.hasVersion)), None, node
        )
        if {q.object.value for q in found} != {vocabulary_digest(paths)}:
            stale.append(name)
    return stale


def vocabulary_graphs() -> dict[URIRef, Graph]:
    """The ontology and gazetteer graphs that validation uses, as rdflib graphs (the commune
    tier is left out: parsed by rdflib it would take a minute)."""
    names = [ONTOLOGY_GRAPH, AGENCIES_GRAPH]
    return {
        name: Graph().parse(data=text, format="nt")
        for name, text in vocabulary_ntriples(names).items()
    }


READABLE = (".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm")
"""Extensions a folder given to :func:`expand_sources` is searched for (a named file is read
whatever its extension: its format is told by its content)."""


def expand_sources(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and for a folder every readable file under it, sorted.

    >>> [p.name for p in expand_sources([Path("data/sources")])] == [
    ...     p.name for p in default_sources()]
    True
    """
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in READABLE
                and not p.name.startswith(".")
                and p.name.lower() != "readme.md"
            )
            out.extend(sorted(found))
        else:
            out.append(path)
    return out


def default_sources() -> list[Path]:
    """The bundled example decisions (``data/sources/*.txt``), sorted."""
    return example_sources()


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the extractor's shipped code and data (:func:`cancu.resources.extractor_files`):
    graphs made by other code are rebuilt.

    >>> len(fingerprint())
    16
    """
    digest = hashlib.sha256()
    for path in extractor_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generator() -> str:
    """The IRI of this extractor (code and data), recorded with ``prov:wasGeneratedBy``."""
    return f"{BASE}extraction/{fingerprint()}"


def _extract_one(path: Path) -> tuple[DocumentReport, str | None]:
    """Extract one file into (report, N-Triples of its graph); errors go into the report."""
    report = DocumentReport(str(path))
    try:
        doc = extract_document(read_file(path), Gazetteer.default())
        name, triples = document_ntriples(doc, generator=generator())
    except CancuError as exc:
        report.error = str(exc.located(str(path)))
        return report, None
    report.graph = URIRef(name)
    report.counts = counts(doc, triples.count("\n"))
    report.warnings = warnings_of(doc)
    return report, triples


def extract_files(
    paths: Sequence[Path],
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    seen: dict[URIRef, str] | None = None,
) -> tuple[dict[URIRef, str], list[DocumentReport]]:
    """Extract files (in ``jobs`` processes); return N-Triples per named graph and a report each.

    Two sources that are the same document (the same IRI) are an error for the second;
    ``seen`` (graph → source, updated) carries what earlier calls extracted.
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
    seen = {} if seen is None else seen
    graphs: dict[URIRef, str] = {}
    for report, triples in results:
        if triples is None or report.graph is None:
            continue
        if report.graph in seen:
            report.error = f"{report.source}: the same document as {seen[report.graph]}"
            continue
        seen[report.graph] = report.source
        graphs[report.graph] = triples
    return graphs, [r for r, _ in results]


def _source_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # reported by the extraction itself


def _shifted(
    progress: Callable[[int, int, str], None] | None, offset: int, total: int
) -> Callable[[int, int, str], None] | None:
    """A batch's progress callback, counting from ``offset`` out of ``total``."""
    if progress is None:
        return None
    return lambda done, _, source: progress(offset + done, total, source)


def build(
    sources: Sequence[Path] | None = None,
    store: EmbeddedStore | None = None,
    *,
    jobs: int = 1,
    incremental: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[DocumentReport]:
    """Extract ``sources`` (default: :func:`default_sources`) and load them into ``store``.

    With ``incremental``, a source whose content hash and extractor fingerprint are
    already in the store is not extracted again. Documents new to the store are extracted
    and bulk-loaded ``batch_size`` at a time, so memory does not grow with the corpus;
    new versions of graphs already in the store, the ontology, the gazetteer and the links
    are written at the end, in one call. All or nothing: when a write fails, the graphs
    loaded by earlier batches are dropped again and :class:`~cancu.errors.StoreError` is
    raised, leaving the store as it was.
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
    existing = set(store.graph_names())
    seen: dict[URIRef, str] = {}
    loaded: list[URIRef] = []
    replacements: dict[URIRef, str] = {}
    try:
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            step = _shifted(progress, start, len(todo))
            graphs, extracted = extract_files(batch, jobs, step, seen)
            reports.extend(extracted)
            fresh = {name: text for name, text in graphs.items() if name not in existing}
            replacements.update((n, t) for n, t in graphs.items() if n in existing)
            if fresh:
                store.replace_graphs(fresh)
                loaded += fresh
        if seen or not known:
            vocabulary = vocabulary_ntriples([*stale_vocabulary(store), EXTRACTOR_GRAPH])
            store.replace_graphs({**vocabulary, **replacements})
            # Links to the national databases depend on which instruments are now cited.
            store.replace_graphs({LINKS_GRAPH: store_links_graph(store)})
    except StoreError:
        store.drop_graphs(loaded)
        raise
    store.flush()
    order = {str(p): k for k, p in enumerate(sources)}
    return sorted(reports, key=lambda r: order[r.source])

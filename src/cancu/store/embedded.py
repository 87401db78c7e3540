"""The embedded store: an on-disk Oxigraph database under ``build/store`` by default.

Named graphs are replaced all or nothing (see :meth:`EmbeddedStore.replace_graphs`):
new graphs go through Oxigraph's bulk loader, a few replaced graphs through one SPARQL
update (one transaction), and a rebuild of most of the store through a rewrite into a
sibling directory that then takes the store's place; a failed load leaves the store
exactly as it was.

>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
>>> store = EmbeddedStore(None)
>>> store.replace_graphs({URIRef("urn:g"): g})
1
>>> [str(x) for x in store.graph_names()]
['urn:g']
>>> store.count(URIRef("urn:g"))
1
>>> len(store.graph(URIRef("urn:g")))
1
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from cancu.errors import BusyError, StoreError, UsageError
from cancu.vocab import CANCU

DEFAULT_STORE = Path("build") / "store"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """The rdflib term for a pyoxigraph term.

    >>> to_rdflib(ox.Literal("Tây Ninh", language="vi"))
    rdflib.term.Literal('Tây Ninh', lang='vi')
    >>> to_rdflib(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_oxigraph(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term (the inverse of :func:`to_rdflib`).

    >>> to_oxigraph(Literal("Tây Ninh", lang="vi"))
    <Literal value=Tây Ninh language=vi>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is None:
        return ox.Literal(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))


def rdflib_graph(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """An rdflib graph of the triples of ``quads`` (graph names dropped). Terms are converted
    directly, each distinct term once, not through N-Triples text.

    >>> s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    >>> len(rdflib_graph([ox.Triple(s, p, ox.Literal("a")), ox.Triple(s, p, ox.Literal("b"))]))
    2
    """
    out = Graph()
    cache: dict[object, URIRef | BNode | Literal] = {}

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
        found = cache.get(t)
        if found is None:
            found = cache[t] = to_rdflib(t)
        return found

    out.addN((term(q.subject), term(q.predicate), term(q.object), out) for q in quads)
    return out


def _quads(texts: Mapping[URIRef, str], names: list[URIRef]) -> Iterator[ox.Quad]:
    """The quads of each named graph's N-Triples (parsed strictly: a bad line raises)."""
    for name in names:
        graph = ox.NamedNode(str(name))
        for triple in ox.parse(texts[name].encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _nquads(texts: Mapping[URIRef, str], names: list[URIRef]) -> bytes | None:
    """The named graphs' N-Triples as one N-Quads document, or None when a text is not in the
    one-triple-per-line, ``" .\\n"``-terminated form this rewriting relies on.

    A raw line break cannot occur inside an N-Triples term, so when every line ends with
    ``" .\\n"`` putting the graph name before that ending turns each triple into a quad; the
    bulk loader then parses everything in Rust, with no Python object per quad.

    >>> _nquads({URIRef("urn:g"): '<urn:s> <urn:p> "a .b" .\\n'}, [URIRef("urn:g")])
    b'<urn:s> <urn:p> "a .b" <urn:g> .\\n'
    >>> _nquads({URIRef("urn:g"): "<urn:s> <urn:p> <urn:o>.\\n"}, [URIRef("urn:g")]) is None
    True
    """
    parts = []
    for name in names:
        text = texts[name]
        if text and (not text.endswith(" .\n") or text.count(" .\n") != text.count("\n")):
            return None
        parts.append(text.replace(" .\n", f" {ox.NamedNode(str(name))} .\n"))
    return "".join(parts).encode("utf-8")


def check_store_dir(path: Path, *, must_exist: bool) -> None:
    """Refuse (:class:`~cancu.errors.UsageError`) a path that cannot be a store: missing when
    ``must_exist``, a file, or a directory holding other files than an Oxigraph store.

    >>> check_store_dir(Path("pyproject.toml"), must_exist=False)
    Traceback (most recent call last):
    cancu.errors.UsageError: pyproject.toml is not a store but a file: pass --store DIR with a new or empty directory, or the one 'cancu build' made
    """
    fix = "pass --store DIR with a new or empty directory, or the one 'cancu build' made"
    if path.is_file():
        raise UsageError(f"{path} is not a store but a file: {fix}")
    if (path / "CURRENT").is_file():
        return
    if path.is_dir() and any(path.iterdir()):
        raise UsageError(f"{path} is not a store (a directory of other files): {fix}")
    if must_exist:
        raise UsageError(f"no store at {path}: run 'cancu build' first (or pass --store DIR)")


class EmbeddedStore:
    """A thin wrapper over :class:`pyoxigraph.Store` (in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is not None:
            check_store_dir(self.path, must_exist=read_only)
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise BusyError(
                    f"the store {self.path} is in use by another process (a running "
                    "'cancu build', or 'cancu serve --enable-update'): wait for it to finish "
                    "or stop it, or pass --store DIR"
                ) from None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None

    def replace_graphs(self, graphs: Mapping[URIRef, Graph | str]) -> int:
        """Replace each named graph by the given triples (a graph or N-Triples text).

        All or nothing, by the cheapest of three ways:

        - graphs new to the store are written with Oxigraph's bulk loader and dropped again by
          name if anything fails;
        - a few graphs already in the store are replaced in one SPARQL update (one
          transaction), which Oxigraph writes at only ~10k triples/s;
        - when the graphs to replace are a large part of an on-disk store (a rebuild after the
          extractor changed), the store is rewritten instead: the graphs kept and the new ones
          are bulk-loaded into a sibling directory, which then takes the store's place
          (see :meth:`_rewrite`).

        A failed call leaves the store exactly as it was. Returns the number of triples
        written; raises :class:`StoreError` on failure.
        """
        texts = {
            name: g if isinstance(g, str) else g.serialize(format="nt")
            for name, g in graphs.items()
        }
        existing = set(self.graph_names())
        replaced = [name for name in texts if name in existing]
        written = sum(body.count("\n") for body in texts.values())
        if self._rewrite_pays(texts, replaced):
            self._rewrite(texts, [g for g in existing if g not in texts])
            return written
        fresh = [name for name in texts if name not in existing]
        try:
            if fresh:
                self._bulk(texts, fresh)
            parts = [
                f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{texts[name]}}} }}"
                for name in replaced
            ]
            if parts:
                self.store.update(" ;\n".join(parts))
        except (OSError, SyntaxError, ValueError) as exc:
            self.drop_graphs(fresh)
            raise StoreError(f"the store was left unchanged: {exc}") from None
        return written

    def _bulk(self, texts: Mapping[URIRef, str], names: list[URIRef]) -> None:
        """Bulk-load the named graphs ``names`` of ``texts``."""
        data = _nquads(texts, names)
        if data is None:
            self.store.bulk_extend(_quads(texts, names))
        else:
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    REWRITE_MIN_TRIPLES = 50_000
    """Replacing fewer triples than this in place is fast enough; no rewrite below it."""

    def _rewrite_pays(self, texts: Mapping[URIRef, str], replaced: list[URIRef]) -> bool:
        """Whether rewriting the store beats a SPARQL update: the update writes ~10x slower
        than the bulk loader, so rewriting pays once a tenth of the store is replaced (the
        size of the new triples of the replaced graphs stands for the size of the old)."""
        if self.path is None or not replaced:
            return False
        size = sum(texts[name].count("\n") for name in replaced)
        return size >= self.REWRITE_MIN_TRIPLES and size * 10 >= len(self.store)

    def _rewrite(self, texts: Mapping[URIRef, str], kept: list[URIRef]) -> None:
        """Bulk-load the ``kept`` graphs and the new ones into ``<store>.new``, then put it in
        the store's place (``<store>`` → ``<store>.old``, ``<store>.new`` → ``<store>``, remove
        ``<store>.old``). A failure before the swap removes ``<store>.new`` and leaves the
        store as it was; the swap is two renames, so only a crash between them (the store is
        then at ``<store>.old``) needs a hand."""
        assert self.path is not None
        staging, retired = (
            self.path.with_name(self.path.name + ".new"),
            self.path.with_name(self.path.name + ".old"),
        )
        for leftover in (staging, retired):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            self._stage(staging, texts, kept)
        except (OSError, SyntaxError, ValueError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"the store was left unchanged: {exc}") from None
        del self.store
        self.path.rename(retired)
        staging.rename(self.path)
        shutil.rmtree(retired, ignore_errors=True)
        try:
            self.store = ox.Store(str(self.path))
        except OSError as exc:  # the old store is still open here, e.g. by a live query result
            raise StoreError(
                f"the store at {self.path} was rewritten with the new graphs, but this process "
                f"still holds the old one open ({exc}); open the store again"
            ) from None

    def _stage(self, staging: Path, texts: Mapping[URIRef, str], kept: list[URIRef]) -> None:
        """Write the store's default graph, the ``kept`` graphs and ``texts`` to ``staging``
        (a function of its own so that no store or iterator outlives it: the store's lock
        goes with the last reference)."""
        target = ox.Store(str(staging))
        quads = self.store.quads_for_pattern
        old = [quads(None, None, None, ox.DefaultGraph())]
        old += [quads(None, None, None, ox.NamedNode(str(name))) for name in kept]
        target.bulk_extend(itertools.chain(*old, _quads(texts, list(texts))))
        target.flush()

    def extracted_sources(self, generator: str) -> dict[str, URIRef]:
        """SHA-256 of each source already extracted by ``generator`` → its named graph."""
        query = f"""
            SELECT ?g ?sha WHERE {{ GRAPH ?g {{
                ?doc <{CANCU.sourceText}> ?src ; <{PROV.wasGeneratedBy}> <{generator}> .
                ?src <{CANCU.sha256}> ?sha }} }}"""
        return {row["sha"].value: URIRef(row["g"].value) for row in self.store.query(query)}

    def drop_graphs(self, names: list[URIRef]) -> None:
        """Remove named graphs in one transaction."""
        if names:
            self.store.update(" ;\n".join(f"DROP SILENT GRAPH <{n}>" for n in names))

    # -- reading: what callers use instead of the raw pyoxigraph store ---------------------------

    def query(
        self,
        sparql: str,
        *,
        union: bool = False,
        default_graph: list | None = None,
        substitutions: Mapping[str, object] | None = None,
    ):
        """Run a SPARQL query (pyoxigraph's answer); ``union``: the default graph is the union
        of the named graphs. Raises :class:`StoreError` when the store cannot be read;
        ``SyntaxError`` for a query that does not parse.

        >>> store = EmbeddedStore(None)
        >>> store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }')
        >>> bool(store.query("ASK { ?s ?p 1 }", union=True))
        True
        """
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()} or None
        try:
            return self.store.query(
                sparql,
                use_default_graph_as_union=union,
                default_graph=default_graph,
                substitutions=subs,
            )
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction); :class:`StoreError` when it fails."""
        try:
            self.store.update(sparql)
        except OSError as exc:
            raise StoreError(f"the store was left unchanged: {exc}") from None

    def graph_ntriples(self, name: URIRef | str) -> bytes:
        """One named graph as N-Triples."""
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))

    def graph_names(self) -> list[URIRef]:
        """The named graphs in the store, sorted."""
        return sorted(
            URIRef(g.value) for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in one named graph (or in the whole store)."""
        if graph is None:
            return len(self.store)
        name = ox.NamedNode(str(graph))  # checked IRI, written in its N-Triples form
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
        return int(next(iter(self.store.query(query)))["n"].value)

    def graph(self, *names: URIRef) -> Graph:
        """The union of the given named graphs as an rdflib graph (for pySHACL, networkx …)."""
        return rdflib_graph(
            q
            for name in names
            for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        )

    def dump(self, path: Path, fmt: str) -> None:
        """Write the whole dataset as TriG or N-Quads."""
        formats = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
        if fmt not in formats:
            raise StoreError(f"unknown dataset format '{fmt}': expected one of {sorted(formats)}")
        self.store.dump(str(path), formats[fmt])

    @contextmanager
    def shared(self) -> Iterator[Path]:
        """A directory that other processes may open read-only while this one goes on: the
        store itself when this process opened it read-only, else a checkpoint of it (hard
        links, made at once) removed on exit. RocksDB lets read-only openers down when a
        writer compacts: they lose files they still need."""
        if self.path is None:
            raise StoreError("an in-memory store cannot be shared with other processes")
        if self.read_only:
            yield self.path
            return
        with tempfile.TemporaryDirectory(dir=self.path.parent, prefix=".shared-") as folder:
            target = Path(folder) / "store"
            try:
                self.store.backup(str(target))
            except OSError as exc:
                raise StoreError(f"cannot checkpoint the store {self.path}: {exc}") from None
            yield target

    def flush(self) -> None:
        """Make sure everything is on disk."""
        if self.path is not None and not self.read_only:
            self.store.flush()

"""SHACL-SPARQL constraints (``sh:sparql``) run by Oxigraph instead of rdflib.

pySHACL would run them through rdflib's SPARQL engine at about 60 ms per focus node (18 s on
the seed); here each check runs once with ``VALUES $this { focus nodes }`` (or once per focus
node with ``$this`` substituted), and its results join the standard ``sh:ValidationReport``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from cancu.sparql_text import values_block, with_leading_values
from cancu.store.embedded import to_oxigraph, to_rdflib
from cancu.validate.report import path_text

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
"""The SHACL target predicates a check's focus nodes come from."""
INSTANCE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
"""The property path from a node to its classes, as SHACL reads ``rdf:type``."""


@dataclass(frozen=True)
class SparqlCheck:
    """One ``sh:sparql`` constraint, ready to run: prefixes added, ``$PATH`` substituted."""

    shape: URIRef
    constraint: URIRef | BNode
    severity: URIRef
    path: URIRef | BNode | None
    query: str
    messages: tuple[Literal, ...]
    targets: tuple[tuple[URIRef, URIRef], ...]


def sparql_check(g: Graph, shape, constraint) -> SparqlCheck | None:
    if g.value(constraint, SH.deactivated) == Literal(True):
        return None
    prefixes = "".join(
        f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
        for node in g.objects(constraint, SH.prefixes)
        for d in g.objects(node, SH.declare)
    )
    path = g.value(shape, SH.path)
    query = str(g.value(constraint, SH.select))
    if path is not None:
        query = re.sub(r"\$PATH\b", path_text(g, path, prefixed=False), query)
    owners = [shape, *g.subjects(SH.property, shape)]
    targets = tuple((p, o) for s in owners for p in TARGETS for o in g.objects(s, p))
    messages = (*g.objects(shape, SH.message), *g.objects(constraint, SH.message))
    severity = g.value(shape, SH.severity) or SH.Violation
    return SparqlCheck(shape, constraint, severity, path, prefixes + query, messages, targets)


@dataclass(frozen=True)
class Dataset:
    """An Oxigraph store and the graphs that form the default graph (None: its default graph).

    Besides SPARQL, it answers the few lookups of an rdflib graph that a validation report
    needs for labels and line numbers (:func:`cancu.validate.report.label`, ``lines``), with
    rdflib terms in and out.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:t"), ox.NamedNode("urn:p"), ox.Literal("x")))
    >>> Dataset(store, None).value(URIRef("urn:t"), URIRef("urn:p"))
    rdflib.term.Literal('x')
    """

    store: ox.Store
    graphs: list | None

    def query(self, text: str, this=None):
        subs = {ox.Variable("this"): this} if this is not None else None
        return self.store.query(text, default_graph=self.graphs, substitutions=subs)

    def _quads(self, s, p, o) -> Iterator[ox.Quad]:
        s, p, o = (None if t is None else to_oxigraph(t) for t in (s, p, o))
        for graph in self.graphs if self.graphs is not None else [ox.DefaultGraph()]:
            yield from self.store.quads_for_pattern(s, p, o, graph)

    def value(self, subject, predicate):
        """One object of ``subject predicate``, or None (as ``rdflib.Graph.value``)."""
        return next((to_rdflib(q.object) for q in self._quads(subject, predicate, None)), None)

    def objects(self, subject, predicate) -> Iterator:
        return (to_rdflib(q.object) for q in self._quads(subject, predicate, None))

    def subjects(self, predicate, obj) -> Iterator:
        return (to_rdflib(q.subject) for q in self._quads(None, predicate, obj))

    def subject_predicates(self, obj) -> Iterator[tuple]:
        return (
            (to_rdflib(q.subject), to_rdflib(q.predicate)) for q in self._quads(None, None, obj)
        )


def target_pattern(kind: URIRef, value) -> str:
    """The SPARQL pattern binding ``?this`` to the focus nodes of one SHACL target.

    >>> target_pattern(SH.targetObjectsOf, URIRef("urn:p"))
    '[] <urn:p> ?this .'
    """
    term = value.n3()
    return {
        SH.targetClass: f"?this {INSTANCE_OF} {term} .",
        SH.targetNode: f"VALUES ?this {{ {term} }}",
        SH.targetSubjectsOf: f"?this {term} [] .",
        SH.targetObjectsOf: f"[] {term} ?this .",
    }[kind]


def _focus_nodes(store: Dataset, targets) -> list:
    nodes: dict[str, object] = {}
    for kind, value in targets:
        for row in store.query(f"SELECT DISTINCT ?this WHERE {{ {target_pattern(kind, value)} }}"):
            nodes[str(row["this"])] = row["this"]
    return list(nodes.values())


_PROJECTS_THIS = re.compile(r"SELECT\b[^{]*[?$]this\b", re.IGNORECASE)


def _runs(check: SparqlCheck, focus: list, batch: bool):
    """(query, focus or None) pairs: one batched query with ``VALUES $this`` when possible."""
    batchable = _PROJECTS_THIS.search(check.query)
    if batch and batchable and all(isinstance(f, ox.NamedNode) for f in focus):
        if focus:
            block = values_block(["this"], [(node,) for node in focus])
            yield with_leading_values(check.query, block), None
        return
    for node in focus:
        yield check.query, node


def run_check(
    check: SparqlCheck, store: Dataset, shapes: Graph, report: Graph, batch: bool = True
) -> int:
    """Run one SPARQL check on its focus nodes; add its results to ``report``; count them.

    ``batch`` runs one query with ``VALUES $this { ... }`` at the top of the WHERE group instead
    of one query per focus node with ``$this`` substituted. Both agree as long as ``$this`` is
    used in the top-level group (a test checks this on the bundled documents).
    """
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    seen = set()
    for query, focus in _runs(check, _focus_nodes(store, check.targets), batch):
        solutions = store.query(query, focus)
        for row in solutions:
            bound = {v.value: row[v] for v in solutions.variables if row[v] is not None}
            this = to_rdflib(bound.get("this", focus))
            value = to_rdflib(bound["value"]) if "value" in bound else None
            if value is None and check.path is None:
                value = this
            path = to_rdflib(bound["path"]) if "path" in bound else check.path
            if (this, path, value) in seen:
                continue
            seen.add((this, path, value))
            messages = tuple(_filled(message, bound) for message in check.messages)
            add_result(
                report,
                root,
                shapes,
                focus=this,
                path=path,
                value=value,
                severity=check.severity,
                shape=check.shape,
                component=SH.SPARQLConstraintComponent,
                messages=messages,
                constraint=check.constraint,
            )
    return len(seen)


def _filled(message: Literal, bound: dict) -> Literal:
    """A message with ``{?var}`` replaced by the value the query bound to ``var``."""
    text = re.sub(
        r"\{[?$](\w+)\}",
        lambda m: bound[m.group(1)].value if m.group(1) in bound else m.group(0),
        str(message),
    )
    return Literal(text, lang=message.language)


def add_result(
    report: Graph,
    root,
    shapes: Graph,
    *,
    focus,
    path,
    value,
    severity: URIRef,
    shape,
    component: URIRef,
    messages: tuple[Literal, ...],
    constraint=None,
) -> None:
    """Add one ``sh:ValidationResult`` to ``report`` (under ``root``), as pySHACL writes it; a
    path that is a blank node (``sh:alternativePath`` …) is copied from ``shapes``."""
    node = BNode()
    report.add((root, SH.result, node))
    for p, o in (
        (RDF.type, SH.ValidationResult),
        (SH.focusNode, focus),
        (SH.resultPath, path),
        (SH.value, value),
        (SH.resultSeverity, severity),
        (SH.sourceShape, shape),
        (SH.sourceConstraint, constraint),
        (SH.sourceConstraintComponent, component),
    ):
        if o is not None:
            report.add((node, p, o))
    if isinstance(path, BNode):
        report += shapes.cbd(path)
    for message in messages:
        report.add((node, SH.resultMessage, message))

"""The SHACL Core constraints of the shapes, run by Oxigraph as SPARQL queries.

pySHACL walks an rdflib graph shape by shape and value by value: about 80 ms per document, plus
some 60 ms to build that rdflib graph. Each constraint component used in ``shapes/*.ttl`` is
simple enough to state as one SPARQL query over all focus nodes at once, so this module
compiles every property shape into such queries (:func:`compile_shapes`) and runs them on the
document's Oxigraph store (:func:`run_core_check`), writing the same ``sh:ValidationResult``
as pySHACL would: focus node, path, value, severity, source shape, constraint component and
the shape's messages. pySHACL stays the reference: ``validate(…, engine="pyshacl")`` runs it,
and a test checks that both give the same results.

Each constraint component has one small compiler in the registry :data:`COMPILERS`
(registered with :func:`value_filter`, a FILTER on each value node, or :func:`compiles`, the
whole query). Targets: ``sh:targetClass`` (with ``rdfs:subClassOf``), implicit class targets,
``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``; ``sh:deactivated``. Node
shapes take the value-node components; ``sh:not`` and ``sh:qualifiedValueShape`` (with
``sh:qualifiedMinCount`` only) take nested shapes stating ``sh:class``, ``sh:hasValue`` or
``sh:pattern``, or ``sh:path`` with ``sh:hasValue``. The W3C SHACL Core test suite runs for
every test whose shapes compile (``tests/test_shacl_w3c.py``).

Refused, because Oxigraph would answer differently from the shapes as written: Oxigraph
stores typed literals in canonical form and the subtypes of ``xsd:integer`` as
``xsd:integer``, so a shape constant it would rewrite (``sh:in ("1.0"^^xsd:decimal)``,
``sh:targetNode "4.0"^^xsd:decimal``) and ``sh:datatype xsd:byte`` … cannot be compared as
written; a ``sh:datatype`` outside the cast table (``xsd:gYear`` …) cannot tell ill-formed
values apart. A selection that uses any of these, or a component without a compiler, raises
:class:`Unsupported` with the reason, and the caller runs pySHACL instead. Data values are
compared as the store holds them.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
... <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property <urn:P> .
... <urn:P> a sh:PropertyShape ; sh:path <urn:p> ; sh:minCount 1 ; sh:message "no p" .
... ''', format="turtle")
>>> [c.component.rsplit("#", 1)[-1] for c in compile_shapes(shapes)]
['MinCountConstraintComponent']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from cancu.errors import CancuError
from cancu.store.embedded import to_oxigraph, to_rdflib
from cancu.validate.report import path_text
from cancu.validate.sparql_constraints import (
    INSTANCE_OF,
    TARGETS,
    Dataset,
    add_result,
    target_pattern,
)

_IGNORED = {
    RDF.type, SH.path, SH.severity, SH.message, SH.sparql, SH.deactivated, SH.name,
    SH.description, SH.order, SH.group, SH.defaultValue, *TARGETS,
}  # fmt: skip
"""SHACL terms of a property shape that are not constraints (or are run elsewhere)."""
_COMPANIONS = {
    SH.flags,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
}
"""Parameters read by the compiler of another one (``sh:flags`` by ``sh:pattern`` …)."""
_CASTABLE = {XSD.string, XSD.boolean, XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.date,
             XSD.dateTime, XSD.time}  # fmt: skip
"""Datatypes whose lexical form Oxigraph can check by a cast (``xsd:date(STR(?v))``)."""
_INTEGER_SUBTYPES = {XSD[n] for n in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long",
    "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}  # fmt: skip
"""Types Oxigraph stores as plain ``xsd:integer`` (``"5"^^xsd:byte`` is read back as
``"5"^^xsd:integer``): a datatype test on them needs the data as written."""
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.BlankNodeOrLiteral: "!isIRI(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
}  # fmt: skip


class Unsupported(CancuError):
    """The shapes use a SHACL feature this module does not translate."""


@dataclass(frozen=True)
class CoreCheck:
    """One constraint of one property shape, as a query yielding ``?this`` (and ``?value``)."""

    shape: URIRef | BNode
    component: URIRef
    severity: URIRef
    path: URIRef | BNode | None
    query: str
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class Constraint:
    """One parameter of a property shape (``sh:minCount 1``), with what a compiler needs: the
    shapes graph, the focus nodes (a sub-SELECT binding ``?this``) and the path in SPARQL."""

    g: Graph
    shape: URIRef | BNode
    value: Node
    focus: str
    path: str | None
    """The path in SPARQL syntax; None for a node shape (the value node is the focus node)."""

    def property_path(self, parameter: URIRef) -> str:
        """The path, or :class:`Unsupported` on a node shape (``sh:minCount`` needs a path)."""
        if self.path is None:
            raise Unsupported(f"{self.shape}: {parameter} on a node shape (it needs a path)")
        return self.path

    def get(self, parameter: URIRef) -> Node | None:
        """Another parameter of the same shape (``sh:flags`` beside ``sh:pattern``)."""
        return self.g.value(self.shape, parameter)


Compiler = Callable[[Constraint], str]
COMPILERS: dict[URIRef, tuple[URIRef, Compiler]] = {}
"""Constraint parameter → (its ``sh:…ConstraintComponent``, the compiler of its query)."""


def compiles(parameter: URIRef, component: URIRef) -> Callable[[Compiler], Compiler]:
    """Register a compiler of the whole query for ``parameter`` (yielding ``?this``, and
    ``?value`` when the component reports one)."""

    def register(compiler: Compiler) -> Compiler:
        COMPILERS[parameter] = (component, compiler)
        return compiler

    return register


def value_filter(parameter: URIRef, component: URIRef) -> Callable[[Compiler], Compiler]:
    """Register a compiler of the FILTER that keeps each value node violating ``parameter``."""

    def register(test: Compiler) -> Compiler:
        def query(c: Constraint) -> str:
            values = "BIND (?this AS ?value)" if c.path is None else f"?this {c.path} ?value ."
            return f"SELECT DISTINCT ?this ?value WHERE {{ {c.focus} {values} FILTER ({test(c)}) }}"

        COMPILERS[parameter] = (component, query)
        return test

    return register


def _term(node) -> str:
    """A term in SPARQL syntax."""
    return node.n3()


@lru_cache(maxsize=1024)
def _as_stored(literal: ox.Literal) -> ox.Literal:
    """The literal as Oxigraph stores it (and reads it in a query).

    >>> _as_stored(ox.Literal("1.00", datatype=ox.NamedNode(str(XSD.decimal)))).value
    '1'
    """
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal))
    return next(iter(store)).object


def _compared(node: Node, parameter: URIRef) -> str:
    """``node`` in SPARQL syntax, for a test of term equality with values read from the
    store; :class:`Unsupported` for a literal Oxigraph would not keep as written
    (``"1.00"^^xsd:decimal`` becomes ``"1"``, ``"1"^^xsd:byte`` an ``xsd:integer``): pySHACL
    compares the shape's term as written, so the two would differ."""
    if isinstance(node, Literal) and _as_stored(to_oxigraph(node)) != to_oxigraph(node):
        stored = _as_stored(to_oxigraph(node))
        raise Unsupported(
            f"{parameter} {node.n3()}: Oxigraph stores it as {stored}, so equality with the "
            "value as written cannot be tested"
        )
    return _term(node)


def _active(g: Graph, shape) -> bool:
    return g.value(shape, SH.deactivated) != Literal(True)


def _is_class(g: Graph, node) -> bool:
    return any((node, RDF.type, kind) in g for kind in (RDFS.Class, OWL.Class))


def _focus(g: Graph, shape) -> str:
    """A sub-SELECT of the focus nodes of ``shape`` and of the node shapes that own it (their
    targets, and the instances of those that are classes too: implicit class targets)."""
    parts = []
    for owner in (o for o in (shape, *g.subjects(SH.property, shape)) if _active(g, o)):
        for node in g.objects(owner, SH.targetNode):
            _compared(node, SH.targetNode)  # its report must name the node as written
        parts += [target_pattern(p, o) for p in TARGETS for o in g.objects(owner, p)]
        if _is_class(g, owner):
            parts.append(target_pattern(SH.targetClass, owner))
    if not parts:
        return ""
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _conforms(g: Graph, inner, var: str) -> str:
    """A SPARQL expression: does the node in ``var`` conform to the nested shape ``inner``?"""
    keys = set(g.predicates(inner)) - {RDF.type}
    path = g.value(inner, SH.path)
    if path is not None:
        value = g.value(inner, SH.hasValue)
        if keys != {SH.path, SH.hasValue}:
            raise Unsupported(f"nested property shape with {sorted(map(str, keys))}")
        compared = _compared(value, SH.hasValue)
        return f"EXISTS {{ {var} {path_text(g, path, prefixed=False)} {compared} }}"
    tests = []
    for key in keys:
        obj = g.value(inner, key)
        if key == SH["class"]:
            tests.append(f"EXISTS {{ {var} {INSTANCE_OF} {_term(obj)} }}")
        elif key == SH.hasValue:
            tests.append(f"sameTerm({var}, {_compared(obj, key)})")
        elif key == SH.pattern:
            tests.append(f"(!isBlank({var}) && {_regex(g, inner, var)})")
        elif key != SH.flags:
            raise Unsupported(f"nested shape with {key}")
    if not tests:
        raise Unsupported("empty nested shape")
    return " && ".join(tests)


def _regex(g: Graph, shape, var: str) -> str:
    flags = g.value(shape, SH.flags)
    extra = f", {_term(Literal(str(flags)))}" if flags is not None else ""
    return f"REGEX(STR({var}), {_term(Literal(str(g.value(shape, SH.pattern))))}{extra})"


# -- value node constraints: a FILTER keeping the values that violate them ---------------------


@value_filter(SH.datatype, SH.DatatypeConstraintComponent)
def _datatype(c: Constraint) -> str:
    if c.value in _INTEGER_SUBTYPES:
        raise Unsupported(f"sh:datatype {c.value}: Oxigraph stores such values as xsd:integer")
    test = f"isLiteral(?value) && datatype(?value) = {_term(c.value)}"
    if c.value in _CASTABLE:
        test += f" && COALESCE(datatype({_term(c.value)}(STR(?value))) = {_term(c.value)}, false)"
    elif c.value != RDF.langString:
        raise Unsupported(f"sh:datatype {c.value}: no cast tells its ill-formed values apart")
    return f"!({test})"


@value_filter(SH["in"], SH.InConstraintComponent)
def _in(c: Constraint) -> str:
    members = [_compared(m, SH["in"]) for m in Collection(c.g, c.value)]
    return "!(" + (" || ".join(f"sameTerm(?value, {m})" for m in members) or "false") + ")"


@value_filter(SH["class"], SH.ClassConstraintComponent)
def _class(c: Constraint) -> str:
    return f"NOT EXISTS {{ ?value {INSTANCE_OF} {_term(c.value)} }}"


@value_filter(SH.nodeKind, SH.NodeKindConstraintComponent)
def _node_kind(c: Constraint) -> str:
    if c.value not in _NODE_KINDS:
        raise Unsupported(f"sh:nodeKind {c.value} is not a node kind")
    return f"!({_NODE_KINDS[c.value]})"


@value_filter(SH.pattern, SH.PatternConstraintComponent)
def _pattern(c: Constraint) -> str:
    return f"(isBlank(?value) || !{_regex(c.g, c.shape, '?value')})"


@value_filter(SH.minLength, SH.MinLengthConstraintComponent)
def _min_length(c: Constraint) -> str:
    return f"(isBlank(?value) || STRLEN(STR(?value)) < {int(c.value)})"


@value_filter(SH.maxLength, SH.MaxLengthConstraintComponent)
def _max_length(c: Constraint) -> str:
    return f"(isBlank(?value) || STRLEN(STR(?value)) > {int(c.value)})"


def _range(operator: str) -> Compiler:
    """A value range test: a value that cannot be compared violates it too."""
    return lambda c: f"!COALESCE(?value {operator} {_term(c.value)}, false)"


for _parameter, _component, _operator in (
    (SH.minInclusive, SH.MinInclusiveConstraintComponent, ">="),
    (SH.maxInclusive, SH.MaxInclusiveConstraintComponent, "<="),
    (SH.minExclusive, SH.MinExclusiveConstraintComponent, ">"),
    (SH.maxExclusive, SH.MaxExclusiveConstraintComponent, "<"),
):
    value_filter(_parameter, _component)(_range(_operator))


@value_filter(SH.languageIn, SH.LanguageInConstraintComponent)
def _language_in(c: Constraint) -> str:
    tags = [_term(Literal(str(t))) for t in Collection(c.g, c.value)]
    matches = " || ".join(f"langMatches(lang(?value), {t})" for t in tags) or "false"
    return f"!(isLiteral(?value) && ({matches}))"


@value_filter(SH["not"], SH.NotConstraintComponent)
def _not(c: Constraint) -> str:
    return f"COALESCE({_conforms(c.g, c.value, '?value')}, false)"


# -- constraints on the set of values -----------------------------------------------------------


def _count(parameter: URIRef, operator: str) -> Compiler:
    return lambda c: (
        f"SELECT ?this WHERE {{ {c.focus} OPTIONAL {{ ?this {c.property_path(parameter)} ?v }} }} "
        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {operator} {int(c.value)})"
    )


compiles(SH.minCount, SH.MinCountConstraintComponent)(_count(SH.minCount, "<"))
compiles(SH.maxCount, SH.MaxCountConstraintComponent)(_count(SH.maxCount, ">"))


@compiles(SH.hasValue, SH.HasValueConstraintComponent)
def _has_value(c: Constraint) -> str:
    value = _compared(c.value, SH.hasValue)
    if c.path is None:
        return f"SELECT ?this WHERE {{ {c.focus} FILTER (!sameTerm(?this, {value})) }}"
    return f"SELECT ?this WHERE {{ {c.focus} FILTER NOT EXISTS {{ ?this {c.path} {value} }} }}"


@compiles(SH.uniqueLang, SH.UniqueLangConstraintComponent)
def _unique_lang(c: Constraint) -> str:
    if c.value != Literal(True):
        return ""
    return (
        f"SELECT ?this WHERE {{ {c.focus} ?this {c.property_path(SH.uniqueLang)} ?v . "
        'FILTER (lang(?v) != "") } '
        "GROUP BY ?this (lang(?v) AS ?lang) HAVING (COUNT(DISTINCT ?v) > 1)"
    )


@compiles(SH.qualifiedValueShape, SH.QualifiedMinCountConstraintComponent)
def _qualified_min_count(c: Constraint) -> str:
    low = c.get(SH.qualifiedMinCount)
    if low is None or c.get(SH.qualifiedMaxCount) or c.get(SH.qualifiedValueShapesDisjoint):
        raise Unsupported(f"{c.shape}: only sh:qualifiedMinCount is translated")
    return (
        f"SELECT ?this WHERE {{ {c.focus} OPTIONAL {{ ?this {c.property_path(SH.qualifiedValueShape)} ?v "
        f"FILTER ({_conforms(c.g, c.value, '?v')}) }} }} "
        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})"
    )


def _queries(g: Graph, shape, focus: str, path: str | None) -> Iterator[tuple[URIRef, str]]:
    """(constraint component, query) for each constraint of a shape (``path`` None: a node
    shape); other vocabularies' terms (``rdfs:label`` …) are not constraints."""
    keys = {k for k in g.predicates(shape) if k.startswith(SH)} - _IGNORED - _COMPANIONS
    if path is None:
        keys.discard(SH.property)
    for key in sorted(keys):
        if key not in COMPILERS:
            raise Unsupported(f"{shape}: {key} is not translated")
        component, compiler = COMPILERS[key]
        for value in sorted(g.objects(shape, key)):
            query = compiler(Constraint(g, shape, value, focus, path))
            if query:
                yield component, query


def compile_shapes(g: Graph, *, messages_required: bool = True) -> tuple[CoreCheck, ...]:
    """Every core constraint of the property shapes in ``g``, in a stable order;
    :class:`Unsupported` when ``g`` uses a feature this module lacks. With
    ``messages_required`` (validation, where pySHACL's report must be the same), a shape
    without ``sh:message`` is refused too: pySHACL would write a message of its own."""
    checks = []
    targeted = {s for p in TARGETS for s in g.subjects(p, None)}
    shapes = {*g.subjects(RDF.type, SH.NodeShape), *targeted, *g.objects(None, SH.property)}
    for shape in sorted(shapes, key=str):
        focus = _focus(g, shape)
        if not _active(g, shape) or not focus:
            continue
        path = g.value(shape, SH.path)
        severity = g.value(shape, SH.severity) or SH.Violation
        messages = tuple(g.objects(shape, SH.message))
        sparql_path = None if path is None else path_text(g, path, prefixed=False)
        for component, query in _queries(g, shape, focus, sparql_path):
            if not messages and messages_required:
                raise Unsupported(f"{shape} has no sh:message (pySHACL would write its own)")
            checks.append(CoreCheck(shape, component, severity, path, query, messages))
    return tuple(checks)


def run_core_check(check: CoreCheck, data: Dataset, shapes: Graph, report: Graph) -> None:
    """Run one compiled constraint on ``data``; add its results to ``report``."""
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    solutions = data.query(check.query)
    with_value = any(v.value == "value" for v in solutions.variables)
    for row in solutions:
        value = row["value"] if with_value else None
        add_result(
            report,
            root,
            shapes,
            focus=to_rdflib(row["this"]),
            path=check.path,
            value=None if value is None else to_rdflib(value),
            severity=check.severity,
            shape=check.shape,
            component=check.component,
            messages=check.messages,
        )

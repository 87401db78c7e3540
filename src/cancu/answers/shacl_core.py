"""The SHACL Core constraints of the shapes, run by Oxigraph as SPARQL queries.

pySHACL walks an rdflib graph shape by shape and value by value: about 80 ms per document, plus
some 60 ms to build that rdflib graph. Each constraint component used in ``shapes/*.ttl`` is
simple enough to state as one SPARQL query over all focus nodes at once, so this module
compiles every property shape into such queries (:func:`compile_shapes`) and runs them on the
document's Oxigraph store (:func:`run_core_check`), writing the same ``sh:ValidationResult``
as pySHACL would: focus node, path, value, severity, source shape, constraint component and
the shape's messages. pySHACL stays the reference: ``validate(…, engine="pyshacl")`` runs it,
and a test checks that both give the same results.

Supported: targets ``sh:targetClass`` (with ``rdfs:subClassOf``), ``sh:targetNode``,
``sh:targetSubjectsOf`` and ``sh:targetObjectsOf``, of a node shape or of the property shape
itself, and ``sh:deactivated``; on property shapes ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:in``, ``sh:class``, ``sh:pattern`` (``sh:flags``),
``sh:minLength``, ``sh:minInclusive``, ``sh:hasValue``, ``sh:not`` and
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``, where the nested shape states
``sh:class``, ``sh:hasValue`` or ``sh:pattern`` of the value, or ``sh:path`` with
``sh:hasValue``. A selection that uses anything else raises :class:`Unsupported`, and the
caller runs pySHACL instead.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
... <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property <urn:P> .
... <urn:P> a sh:PropertyShape ; sh:path <urn:p> ; sh:minCount 1 ; sh:message "no p" .
... ''', format="turtle")
>>> [c.component.rsplit("#", 1)[-1] for c in compile_shapes(shapes)]
['MinCountConstraintComponent']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from cancu.answers.report import path_text
from cancu.answers.sparql_checks import (
    INSTANCE_OF,
    TARGETS,
    Dataset,
    add_result,
    target_pattern,
)
from cancu.errors import CancuError
from cancu.store.embedded import to_rdflib

_PROPERTY_KEYS = {
    RDF.type,
    SH.path,
    SH.severity,
    SH.message,
    SH.sparql,
    SH.deactivated,
    SH.flags,
    *TARGETS,
}
_NODE_KEYS = {RDF.type, SH.property, SH.message, SH.severity, SH.sparql, SH.deactivated, *TARGETS}
_CASTABLE = {XSD.string, XSD.boolean, XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.date,
             XSD.dateTime, XSD.time}  # fmt: skip
"""Datatypes whose lexical form Oxigraph can check by a cast (``xsd:date(STR(?v))``)."""


class Unsupported(CancuError):
    """The shapes use a SHACL feature this module does not translate."""


@dataclass(frozen=True)
class CoreCheck:
    """One constraint of one property shape, as a query yielding ``?this`` (and ``?value``)."""

    shape: URIRef | BNode
    component: URIRef
    severity: URIRef
    path: URIRef | BNode
    query: str
    messages: tuple[Literal, ...]


def _term(node) -> str:
    """A term in SPARQL syntax."""
    return node.n3()


def _active(g: Graph, shape) -> bool:
    return g.value(shape, SH.deactivated) != Literal(True)


def _focus(g: Graph, shape) -> str:
    """A sub-SELECT of the focus nodes of ``shape`` and of the node shapes that own it."""
    parts = []
    for owner in (o for o in (shape, *g.subjects(SH.property, shape)) if _active(g, o)):
        parts += [target_pattern(p, o) for p in TARGETS for o in g.objects(owner, p)]
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
        return f"EXISTS {{ {var} {path_text(g, path, prefixed=False)} {_term(value)} }}"
    tests = []
    for key in keys:
        obj = g.value(inner, key)
        if key == SH["class"]:
            tests.append(f"EXISTS {{ {var} {INSTANCE_OF} {_term(obj)} }}")
        elif key == SH.hasValue:
            tests.append(f"sameTerm({var}, {_term(obj)})")
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


def _value_test(g: Graph, shape, key, obj) -> str | None:
    """The FILTER that keeps the values violating ``key obj``, or None if not a value test."""
    v = "?value"
    if key == SH.datatype:
        test = f"isLiteral({v}) && datatype({v}) = {_term(obj)}"
        if obj in _CASTABLE:
            test += f" && COALESCE(datatype({_term(obj)}(STR({v}))) = {_term(obj)}, false)"
        return f"!({test})"
    if key == SH["in"]:
        members = list(Collection(g, obj))
        same = " || ".join(f"sameTerm({v}, {_term(m)})" for m in members) or "false"
        return f"!({same})"
    if key == SH["class"]:
        return f"NOT EXISTS {{ {v} {INSTANCE_OF} {_term(obj)} }}"
    if key == SH.pattern:
        return f"(isBlank({v}) || !{_regex(g, shape, v)})"
    if key == SH.minLength:
        return f"(isBlank({v}) || STRLEN(STR({v})) < {int(obj)})"
    if key == SH.minInclusive:
        return f"!COALESCE({v} >= {_term(obj)}, false)"
    if key == SH["not"]:
        return f"COALESCE({_conforms(g, obj, v)}, false)"
    return None


def _queries(g: Graph, shape, focus: str, path: str) -> Iterator[tuple[URIRef, str]]:
    """(constraint component, query) for each constraint of a property shape."""
    keys = set(g.predicates(shape))
    for key in sorted(keys - _PROPERTY_KEYS):
        obj = g.value(shape, key)
        name = str(key).rsplit("#", 1)[-1]
        component = URIRef(f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent")
        test = _value_test(g, shape, key, obj)
        if test is not None:
            yield (
                component,
                (
                    f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . "
                    f"FILTER ({test}) }}"
                ),
            )
        elif key in (SH.minCount, SH.maxCount):
            op = "<" if key == SH.minCount else ">"
            yield (
                component,
                (
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {int(obj)})"
                ),
            )
        elif key == SH.hasValue:
            yield (
                component,
                (
                    f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {_term(obj)} }} }}"
                ),
            )
        elif key == SH.qualifiedValueShape:
            low = g.value(shape, SH.qualifiedMinCount)
            if low is None or keys & {SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}:
                raise Unsupported(f"{shape}: only sh:qualifiedMinCount is translated")
            yield (
                SH.QualifiedMinCountConstraintComponent,
                (
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v "
                    f"FILTER ({_conforms(g, obj, '?v')}) }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})"
                ),
            )
        elif key != SH.qualifiedMinCount:
            raise Unsupported(f"{shape}: {key} is not translated")


def compile_shapes(g: Graph) -> tuple[CoreCheck, ...]:
    """Every core constraint of the property shapes in ``g`` (no annotations needed), in a
    stable order; :class:`Unsupported` when ``g`` uses a feature this module lacks."""
    checks = []
    targeted = {s for p in TARGETS for s in g.subjects(p, None)}
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)) | targeted, key=str):
        if (shape, SH.path, None) not in g and set(g.predicates(shape)) - _NODE_KEYS:
            raise Unsupported(f"{shape}: constraints on a node shape are not translated")
    for kind in (RDFS.Class, OWL.Class):
        for shape in g.subjects(RDF.type, kind):
            if (shape, RDF.type, SH.NodeShape) in g or (shape, SH.property, None) in g:
                raise Unsupported(f"{shape}: implicit class targets are not translated")
    properties = set(g.objects(None, SH.property))
    properties |= {s for s in targeted if (s, SH.path, None) in g}
    for shape in sorted(properties, key=str):
        if not _active(g, shape):
            continue
        path = g.value(shape, SH.path)
        focus = _focus(g, shape)
        if path is None or not focus:
            continue
        severity = g.value(shape, SH.severity) or SH.Violation
        messages = tuple(g.objects(shape, SH.message))
        if not messages:
            raise Unsupported(f"{shape} has no sh:message (pySHACL would write its own)")
        sparql_path = path_text(g, path, prefixed=False)
        for component, query in _queries(g, shape, focus, sparql_path):
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

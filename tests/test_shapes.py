"""Shape fixtures (LinkML-style valid/ and invalid/ examples) and the shapes' own metadata.

Each invalid fixture declares, in its comment header, the results it must produce:
``# expect: FOCUS PATH COMPONENT SEVERITY`` (prefixed names, path in SPARQL syntax). The test
compares those tuples, as a multiset, with the sh:ValidationReport; never message text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from cancu.rdf.ontology import load_ontology
from cancu.resources import shapes_dir
from cancu.validate.report import path_text
from cancu.validate.validator import load_shapes, validate

FIXTURES = Path(__file__).parent / "shape_fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^# expect: (\S+) (\S+) (\S+) (\S+)$", re.MULTILINE)
SHAPES_NS = "https://w3id.org/cancu/shapes/"


def report_tuples(report: Graph) -> Counter:
    """(focus, path, component, severity) of every result, as pySHACL's report states them."""
    names = load_shapes("all").graph
    rows = Counter()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        rows[
            (
                str(report.value(r, SH.focusNode)),
                path_text(report if (path, None, None) in report else names, path)
                if path is not None
                else "-",
                str(report.value(r, SH.sourceConstraintComponent)),
                str(report.value(r, SH.resultSeverity)),
            )
        ] += 1
    return rows


def expected_tuples(path: Path, graph: Graph) -> Counter:
    ns = graph.namespace_manager
    sh = str(SH)
    rows = Counter()
    for focus, shape_path, component, severity in EXPECT.findall(path.read_text("utf-8")):
        rows[
            (
                str(ns.expand_curie(focus)),
                shape_path,
                component.replace("sh:", sh),
                severity.replace("sh:", sh),
            )
        ] += 1
    return rows


def run(path: Path):
    graph = Graph().parse(path, format="turtle")
    return graph, validate(graph).documents[0]


def test_fixtures_were_found() -> None:
    assert len(VALID) >= 8, f"valid fixtures not found under {FIXTURES}"
    assert len(INVALID) >= 8, f"invalid fixtures not found under {FIXTURES}"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_result(path: Path) -> None:
    _, doc = run(path)
    assert report_tuples(doc.graph) == Counter()


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_exactly_the_expected_results(path: Path) -> None:
    graph, doc = run(path)
    expected = expected_tuples(path, graph)
    assert expected, f"{path.name} declares no '# expect:' line"
    assert report_tuples(doc.graph) == expected


def node_shapes() -> list[URIRef]:
    g = load_shapes("all").graph
    return sorted(s for s in g.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def test_every_node_shape_has_a_valid_and_an_invalid_fixture() -> None:
    shapes = node_shapes()
    assert len(shapes) >= 8
    for shape in shapes:
        name = str(shape).rsplit("/", 1)[1]
        assert (FIXTURES / "valid" / f"{name}.ttl") in VALID, f"no valid fixture for {name}"
        assert any(p.stem.startswith(name + "-") for p in INVALID), f"no invalid fixture: {name}"


def test_every_property_shape_is_exercised_by_an_invalid_fixture() -> None:
    g = load_shapes("all").graph
    wanted = {s for s in g.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    seen = set()
    for path in INVALID:
        _, doc = run(path)
        seen |= set(doc.graph.objects(None, SH.sourceShape))
    assert len(wanted) >= 25
    assert not sorted(wanted - seen)


def test_one_node_shape_per_class() -> None:
    g = load_shapes("all").graph
    classes = [c for s in node_shapes() for c in g.objects(s, SH.targetClass)]
    assert len(classes) == len(set(classes)) == len(node_shapes())


def test_named_shapes_carry_bilingual_metadata() -> None:
    g = load_shapes("all").graph
    named = [
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    ]
    problems = []
    for shape in named:
        if not str(shape).startswith(SHAPES_NS):
            problems.append(f"{shape}: IRI outside {SHAPES_NS}")
        for prop in (SH.name, SH.description, SH.message):
            langs = {o.language for o in g.objects(shape, prop) if isinstance(o, Literal)}
            if langs != {"vi", "en"}:
                problems.append(f"{shape}: {prop} in {sorted(map(str, langs))}")
        if g.value(shape, RDFS.seeAlso) is None:
            problems.append(f"{shape}: no rdfs:seeAlso")
    assert not problems, "\n".join(problems)


def test_node_shapes_agree_across_files() -> None:
    """The same NodeShape IRI in several files carries the same metadata and targets."""
    seen: dict[URIRef, set] = {}
    for path in sorted(shapes_dir().glob("*.ttl")):
        g = Graph().parse(path, format="turtle")
        for shape in g.subjects(RDF.type, SH.NodeShape):
            if isinstance(shape, URIRef):
                own = {(p, o) for p, o in g.predicate_objects(shape) if p != SH.property}
                assert seen.setdefault(shape, own) == own, f"{shape} differs in {path.name}"


def test_in_lists_equal_their_schemes() -> None:
    g = Graph().parse(shapes_dir() / "vocabularies.ttl", format="turtle")
    schemes = load_ontology()
    checked = 0
    for shape, members in g.subject_objects(SH["in"]):
        listed = set(g.items(members))
        scheme = next(o for o in g.objects(shape, RDFS.seeAlso) if "/scheme/" in str(o))
        assert listed == set(schemes.subjects(SKOS.inScheme, scheme)), shape
        checked += 1
    assert checked >= 6

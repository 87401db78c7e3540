"""The W3C SHACL Core test suite against the constraints compiled to SPARQL (cancu's fast engine).

Every ``sht:Validate`` test whose shapes the compiler accepts runs: the data graph goes into an
Oxigraph store, the compiled checks write a report, and the report must equal the expected one
(focus node, path, value, severity, source shape and component of every result; messages are
not compared, as the suite says). A test whose shapes use a feature the compiler refuses is
skipped with the compiler's reason: those shapes are validated by pySHACL in cancu.

The suite is read from ``../shared/w3c/shacl-core`` (W3C test suite licence, see its README).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from cancu.store.embedded import to_oxigraph
from cancu.validate.report import path_text
from cancu.validate.shacl_core import Unsupported, compile_shapes, run_core_check
from cancu.validate.sparql_constraints import Dataset

from .conftest import SHARED

SUITE = SHARED / "w3c" / "shacl-core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
COMPARED = (
    SH.focusNode, SH.resultPath, SH.value, SH.resultSeverity, SH.sourceShape,
    SH.sourceConstraintComponent,
)  # fmt: skip


@cache
def _graph(uri: str) -> Graph:
    """A test file, parsed once (so a file that is data, shapes and manifest keeps its blank
    nodes across the three roles)."""
    return Graph().parse(unquote(urlsplit(uri).path), format="turtle")


def _tests(manifest: Path) -> Iterator[tuple[str, str]]:
    """(file URI, test IRI) of every ``sht:Validate`` entry under ``manifest``."""
    g = _graph(manifest.resolve().as_uri())
    for include in g.objects(None, MF.include):
        yield from _tests(Path(unquote(urlsplit(str(include)).path)))
    for entries in g.objects(None, MF.entries):
        for entry in Collection(g, entries):
            if (entry, RDF.type, SHT.Validate) in g:
                yield manifest.resolve().as_uri(), str(entry)


TESTS = sorted(_tests(SUITE / "manifest.ttl")) if (SUITE / "manifest.ttl").is_file() else []
KNOWN_FAILURES = {
    "property/uniqueLang-002": 'rdflib reads the shape\'s "1"^^xsd:boolean as "true" (it normalises '
    "literals when it parses), so sh:uniqueLang is taken as set; the test expects it ignored",
}
"""Tests the compiled engine fails, with the reason (strict: a pass is reported)."""


def _param(file: str, test: str):
    name = "/".join(test.rsplit("/", 2)[-2:])
    known = KNOWN_FAILURES.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
    return pytest.param(file, test, id=name, marks=marks)


def _results(report: Graph, root, paths: Graph) -> Graph:
    """The compared properties of every result of ``root``; a path that is a blank node
    (``[ sh:inversePath ex:p ]``) as its SPARQL text, so that copies of it compare equal."""
    out = Graph()
    for result in report.objects(root, SH.result):
        node = BNode()
        for p in COMPARED:
            for o in report.objects(result, p):
                if p == SH.resultPath and isinstance(o, BNode):
                    o = Literal(path_text(paths, o, prefixed=False))
                out.add((node, p, o))
    return out


def run_test(file: str, test: str) -> tuple[Graph, Graph]:
    """(the results the compiled checks report, the expected ones); :class:`Unsupported` when
    the compiler refuses the shapes."""
    manifest = _graph(file)
    entry = URIRef(test)
    action = manifest.value(entry, MF.action)
    data = _graph(str(manifest.value(action, SHT.dataGraph)))
    shapes = _graph(str(manifest.value(action, SHT.shapesGraph)))
    checks = compile_shapes(shapes, messages_required=False)
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in data)
    report = Graph()
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    for check in checks:
        run_core_check(check, Dataset(store, None), shapes, report)
    expected = manifest.value(entry, MF.result)
    return _results(report, root, shapes), _results(manifest, expected, manifest)


def test_the_suite_is_there() -> None:
    if not TESTS:
        pytest.skip(f"the W3C SHACL Core suite is not at {SUITE}")
    assert len(TESTS) >= 98, len(TESTS)


@pytest.mark.parametrize(("file", "test"), [_param(f, t) for f, t in TESTS])
def test_w3c_shacl_core(file: str, test: str) -> None:
    try:
        got, expected = run_test(file, test)
    except Unsupported as exc:
        pytest.skip(f"validated by pySHACL in cancu: {exc}")
    assert isomorphic(got, expected), (
        f"got:\n{got.serialize(format='turtle')}\nexpected:\n{expected.serialize(format='turtle')}"
    )

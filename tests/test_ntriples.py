"""The N-Triples the mapping writes directly are the triples rdflib would have made.

:func:`document_graph` builds every term with rdflib from the same Python values (the way
the mapping always did); :func:`document_ntriples` writes them itself. Both must agree to
the byte, on every source and fixture, and term for term on generated values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from cancu.extract.document import extract_document
from cancu.rdf import ntriples
from cancu.rdf.mapping import document_graph, document_ntriples
from cancu.text.names import Gazetteer
from cancu.text.normalize import read_source

from .conftest import ROOT, SOURCES

DOCUMENTS = sorted(SOURCES.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
GENERATOR = "https://w3id.org/cancu/extraction/test"


def test_the_documents_were_found() -> None:
    assert len(DOCUMENTS) >= 4, DOCUMENTS


def rdflib_lines(graph: Graph) -> list[str]:
    return sorted(line for line in graph.serialize(format="nt").split("\n") if line)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_written_triples_are_those_rdflib_makes(path: Path) -> None:
    doc = extract_document(read_source(path), Gazetteer.default())
    name, text = document_ntriples(doc, GENERATOR)
    graph_name, graph = document_graph(doc, GENERATOR)
    assert URIRef(name) == graph_name
    assert text.endswith(" .\n")
    lines = text.removesuffix("\n").split("\n")
    assert len(lines) == len(set(lines)) == len(graph), "each triple once, one per line"
    parsed = Graph().parse(data=text, format="nt")
    assert not any(isinstance(term, BNode) for triple in parsed for term in triple)
    assert set(parsed) == set(graph)  # without blank nodes, isomorphic means equal
    assert sorted(lines) == rdflib_lines(graph)


def test_the_same_record_gives_the_same_text() -> None:
    doc = extract_document(read_source(DOCUMENTS[0]), Gazetteer.default())
    assert document_ntriples(doc, GENERATOR) == document_ntriples(doc, GENERATOR)


def written_by_rdflib(term: Literal) -> str:
    """The object of a one-triple graph, as rdflib serialises it."""
    graph = Graph()
    graph.add((URIRef("https://x/s"), URIRef("https://x/p"), term))
    (line,) = rdflib_lines(graph)
    return line.removeprefix("<https://x/s> <https://x/p> ").removesuffix(" .")


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
values = st.one_of(
    st.booleans(),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=300)
@given(text, st.sampled_from([None, "vi", "en"]))
def test_strings_are_written_as_rdflib_writes_them(value: str, lang: str | None) -> None:
    assert ntriples.literal(value, lang=lang) == written_by_rdflib(Literal(value, lang=lang))


@settings(max_examples=300)
@given(values)
def test_values_are_written_as_rdflib_writes_them(value: object) -> None:
    assert ntriples.literal(value) == written_by_rdflib(Literal(value))


@given(st.integers(min_value=1), st.sampled_from([XSD.positiveInteger, XSD.nonNegativeInteger]))
def test_a_given_datatype_overrides_the_default(value: int, datatype: URIRef) -> None:
    expected = written_by_rdflib(Literal(value, datatype=datatype))
    assert ntriples.literal(value, str(datatype)) == expected


def test_decimals_dates_and_strings_with_escapes() -> None:
    assert ntriples.literal(Decimal("1.5E+9"), str(XSD.decimal)) == (
        '"1500000000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    )
    assert ntriples.literal(dt.date(2020, 12, 1), str(XSD.date)) == (
        '"2020-12-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    )
    assert ntriples.literal('a\\b "c"\r\n\td') == '"a\\\\b \\"c\\"\\r\\n\td"'
    assert ntriples.literal("x", str(XSD.string)) == '"x"'


def test_what_cannot_be_written_is_refused() -> None:
    with pytest.raises(TypeError):
        ntriples.literal(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ntriples.literal("1", str(XSD.integer))
    with pytest.raises(ValueError, match="not an IRI"):
        ntriples.IriTerms()["https://x/a b"]

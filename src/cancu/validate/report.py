"""Validation results and how ``cancu validate`` prints them (text, JSON, Turtle).

A :class:`ValidationReport` holds one :class:`DocumentValidation` per validated document graph; each
holds its :class:`ValidationResult` rows and the standard ``sh:ValidationReport`` graph.

>>> r = ValidationResult("Warning", "urn:t", "Task 1", "cancu:budget", None,
...            "sh:MinCountConstraintComponent", "https://w3id.org/cancu/shapes/TaskBudgetShape",
...            {"vi": "Nhiệm vụ không có kinh phí", "en": "The task has no budget"}, (5, 9))
>>> doc = DocumentValidation("urn:d", "1/QĐ-UBND", [r])
>>> doc.summary()
'1/QĐ-UBND: 0 violations, 1 warnings'
>>> print(render_text(ValidationReport([doc]), lang="en").splitlines()[3])
  [5–9] Task 1  <urn:t>
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from cancu.vocab import CANCU, ELI, PREFIXES

SEVERITIES = ("Violation", "Warning", "Info")


class Lookup(Protocol):
    """The reads :func:`label` and :func:`lines` make: an rdflib graph has them, and so has a
    :class:`cancu.validate.sparql_constraints.Dataset` over Oxigraph."""

    def value(self, subject: Any, predicate: Any) -> Any: ...
    def objects(self, subject: Any, predicate: Any) -> Iterable[Any]: ...
    def subjects(self, predicate: Any, obj: Any) -> Iterable[Any]: ...
    def subject_predicates(self, obj: Any) -> Iterable[tuple[Any, Any]]: ...


_HEADINGS = {
    "vi": {"Violation": "Vi phạm", "Warning": "Cảnh báo", "Info": "Thông tin", "line": "dòng"},
    "en": {"Violation": "Violations", "Warning": "Warnings", "Info": "Info", "line": "line"},
}


@dataclass(frozen=True)
class ValidationResult:
    """One validation result, with what a reader needs to find it in the source."""

    severity: str
    focus: str
    label: str
    path: str | None
    value: str | None
    component: str
    shape: str
    messages: dict[str, str]
    lines: tuple[int, int] | None = None
    value_lines: tuple[int, int] | None = None

    def message(self, lang: str = "vi") -> str:
        """The message in ``lang`` (falling back to any language given)."""
        return self.messages.get(lang) or next(iter(self.messages.values()), "")


@dataclass
class DocumentValidation:
    """The results of one document graph."""

    document: str
    label: str
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph | None = None
    seconds: float = 0.0

    def count(self, severity: str) -> int:
        """Number of results of a severity ("Violation", "Warning", "Info")."""
        return sum(1 for r in self.results if r.severity == severity)

    def summary(self) -> str:
        """The one-line summary: ``2818/QĐ-UBND: 0 violations, 57 warnings``."""
        return (
            f"{self.label}: {self.count('Violation')} violations, {self.count('Warning')} warnings"
        )


@dataclass
class ValidationReport:
    """The results of every validated document."""

    documents: list[DocumentValidation]

    @property
    def violations(self) -> int:
        """Total number of violations."""
        return sum(d.count("Violation") for d in self.documents)

    @property
    def warnings(self) -> int:
        """Total number of warnings."""
        return sum(d.count("Warning") for d in self.documents)

    def graph(self) -> Graph:
        """One standard ``sh:ValidationReport`` for all documents."""
        out = Graph()
        out.bind("sh", SH)
        for doc in self.documents:
            if doc.graph is not None:
                out += doc.graph
        for report in list(out.subjects(RDF.type, SH.ValidationReport)):
            out.remove((report, None, None))
        node = out.resource(BNode())
        results = list(out.subjects(RDF.type, SH.ValidationResult))
        node.add(RDF.type, SH.ValidationReport)
        node.add(SH.conforms, Literal(not results))
        for r in results:
            node.add(SH.result, r)
        return out


def _lines(span: tuple[int, int] | None, word: str) -> str:
    if not span:
        return ""
    start, end = span
    return f"{word} {start}" if start == end else f"{start}–{end}"


def render_text(report: ValidationReport, lang: str = "vi") -> str:
    """Summary lines, then results grouped by document, severity and focus node."""
    words = _HEADINGS.get(lang, _HEADINGS["en"])
    out = [doc.summary() for doc in report.documents]
    for doc in report.documents:
        for severity in SEVERITIES:
            rows = [r for r in doc.results if r.severity == severity]
            if not rows:
                continue
            out.append(f"\n{doc.label} — {words[severity]} ({len(rows)})")
            rows.sort(key=lambda r: ((r.lines or (0, 0))[0], r.focus, r.shape))
            focus = None
            for r in rows:
                if r.focus != focus:
                    focus = r.focus
                    where = f"[{_lines(r.lines, words['line'])}] " if r.lines else ""
                    out.append(f"  {where}{r.label}  <{_short(r.focus, doc.document)}>")
                extra = ""
                if r.value_lines and r.value_lines != r.lines:
                    extra = f" ({_lines(r.value_lines, words['line'])})"
                name = r.shape.rsplit("/", 1)[-1]
                out.append(f"    - {r.message(lang)}{extra}  [{name}]")
    return "\n".join(out)


def _short(iri: str, document: str) -> str:
    return iri[len(document) + 1 :] if iri.startswith(document + "/") else iri


def render_json(report: ValidationReport, lang: str = "vi") -> str:
    """A JSON list of results, each with its document and its message in ``lang``."""
    rows = []
    for doc in report.documents:
        for r in doc.results:
            row = {"document": doc.document, "document_label": doc.label, **asdict(r)}
            row["message"] = r.message(lang)
            rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


def render_ttl(report: ValidationReport) -> str:
    """The standard ``sh:ValidationReport`` as Turtle."""
    return report.graph().serialize(format="turtle")


# ---------------------------------------------------------------- presenting graph nodes

_NAMES = Graph()
for _prefix, _ns in PREFIXES.items():
    _NAMES.bind(_prefix, _ns)
_NAMES.bind("sh", SH)
_LABELS = (RDFS.label, CANCU.text, CANCU.asWritten, ELI.number, ELI.title)
_PATHS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def label(graph: Lookup, node, width: int = 70) -> str:
    """A short label: rdfs:label, cancu:text, cancu:asWritten, eli:number or eli:title (the
    first in sort order when there are several), truncated.

    >>> g = Graph(); _ = g.add((URIRef("urn:t"), CANCU.text, Literal("x" * 80)))
    >>> label(g, URIRef("urn:t"), width=10)
    'xxxxxxxxx…'
    """
    for prop in _LABELS:
        found = sorted(" ".join(str(o).split()) for o in graph.objects(node, prop))
        text = found[0] if found else ""  # the first in sort order: the same from any store
        if text:
            return text if len(text) <= width else text[: width - 1] + "…"
    return str(node).rsplit("/", 1)[-1]


def lines(graph: Lookup, node, owner: bool = True) -> tuple[int, int] | None:
    """The source line range of ``node`` or, when ``owner``, of the first node that has one and
    points to it (a citation for a cited instrument) or contains it (eli:is_part_of).
    """
    start, end = graph.value(node, CANCU.lineStart), graph.value(node, CANCU.lineEnd)
    if start is not None:
        return int(start), int(end if end is not None else start)
    if not owner:
        return None
    for owners in (
        graph.subjects(CANCU.citedInstrument, node),
        (s for p, s in graph.subject_predicates(node) if p != ELI.based_on and p != ELI.cites),
        graph.objects(node, ELI.is_part_of),
    ):
        spans = [span for s in owners if (span := lines(graph, s, owner=False))]
        if spans:
            return min(spans)
    return None


def path_text(graph: Graph, path, prefixed: bool = True) -> str:
    """A SHACL path in SPARQL property-path syntax (prefixed names, or full IRIs).

    >>> path_text(Graph(), CANCU.text), path_text(Graph(), CANCU.text, prefixed=False)
    ('cancu:text', '<https://w3id.org/cancu/ontology#text>')
    """
    if isinstance(path, URIRef):
        return _NAMES.namespace_manager.normalizeUri(path) if prefixed else f"<{path}>"
    if graph.value(path, RDF.first) is not None:
        return "(" + "/".join(path_text(graph, p, prefixed) for p in Collection(graph, path)) + ")"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse, prefixed)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        parts = (path_text(graph, p, prefixed) for p in Collection(graph, alternatives))
        return "(" + "|".join(parts) + ")"
    for prop, suffix in _PATHS.items():
        inner = graph.value(path, prop)
        if inner is not None:
            return path_text(graph, inner, prefixed) + suffix
    raise ValueError(f"not a SHACL path: {path!r}")

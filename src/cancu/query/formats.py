"""Write query results: a terminal table, or the SPARQL 1.1 result formats.

- ``json``: SPARQL 1.1 Query Results JSON (``.srj``; the goldens use it);
- ``xml``: SPARQL Query Results XML (``.srx``);
- ``csv``: SPARQL 1.1 CSV (plain values), UTF-8 **with a byte order mark** so that spreadsheet
  programs keep the diacritics;
- ``tsv``: SPARQL 1.1 TSV (terms in N-Triples syntax), UTF-8 without BOM;
- ``table``: for people: IRI columns that have a ``…Label`` companion are replaced by it, other
  IRIs are shortened with the project prefixes, long cells are wrapped and cut to fit the
  terminal width.

>>> import pyoxigraph as ox
>>> from cancu.query.backends import Result
>>> r = Result(["lead", "leadLabel", "budget"], [(ox.NamedNode("https://w3id.org/cancu/agency/bao-tay-ninh"),
...     ox.Literal("Báo Tây Ninh"), ox.Literal("158580000", datatype=ox.NamedNode(
...     "http://www.w3.org/2001/XMLSchema#decimal")))])
>>> print(table(r, width=40))
lead         │ budget
─────────────┼──────────
Báo Tây Ninh │ 158580000
(1 row)
>>> format_result(r, "csv").splitlines()[1]
'https://w3id.org/cancu/agency/bao-tay-ninh,Báo Tây Ninh,158580000'
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from cancu.query.backends import Result
from cancu.sparql_text import Term
from cancu.vocab import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
BOM = "\ufeff"
SRX = "http://www.w3.org/2005/sparql-results#"
_DISPLAY_PREFIXES = {"doc": "https://w3id.org/cancu/eli/vn/"} | {
    p: str(ns) for p, ns in PREFIXES.items()
}


def format_result(result: Result, fmt: str, width: int = 100) -> str:
    """Serialise a SELECT result in one of :data:`RESULT_FORMATS`."""
    writers = {"table": lambda r: table(r, width), "csv": to_csv, "tsv": to_tsv}
    writers |= {"json": to_json, "xml": to_xml}
    if fmt not in writers:
        raise ValueError(f"unknown format '{fmt}': expected one of {', '.join(RESULT_FORMATS)}")
    return writers[fmt](result)


def format_triples(triples: list[ox.Triple], fmt: str) -> str:
    """Serialise CONSTRUCT/DESCRIBE output as Turtle, N-Triples or JSON-LD."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if fmt == "turtle" else None
    data = ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes)
    return data.decode("utf-8")


def json_term(term: Term) -> dict[str, str]:
    """One term as a SPARQL JSON results binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON, one binding per line."""
    bindings = [
        {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    lines = [json.dumps(b, ensure_ascii=False, sort_keys=True) for b in bindings]
    head = json.dumps({"vars": result.variables}, ensure_ascii=False)
    body = ",\n".join(lines)
    return f'{{"head": {head},\n"results": {{"bindings": [\n{body}\n]}}}}\n'


def to_csv(result: Result) -> str:
    """SPARQL 1.1 CSV with a UTF-8 byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return BOM + out.getvalue()


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: terms written as in N-Triples."""
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<sparql xmlns={quoteattr(SRX)}>", "<head>"]
    out += [f"  <variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("  <result>")
        for var, term in zip(result.variables, row, strict=True):
            if term is not None:
                out.append(f"    <binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("  </result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        attrs = f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def short(term: Term | None) -> str:
    """A cell for people: literals as text, IRIs shortened with the known prefixes.

    >>> short(ox.NamedNode("https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818"))
    'doc:ubnd-tay-ninh/qd/2020/2818'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _DISPLAY_PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
    return " ".join(term.value.split())


def table(result: Result, width: int = 100, max_lines: int = 3) -> str:
    """A plain-text table that fits ``width`` columns; wide cells wrap, then end in "…"."""
    shown = [
        i
        for i, v in enumerate(result.variables)
        if not (v + "Label" in result.variables and not v.endswith("Label"))
    ]
    heads = [result.variables[i].removesuffix("Label") or "label" for i in shown]
    cells = [[short(row[i]) for i in shown] for row in result.rows]
    widths = _widths(heads, cells, width)
    sep = " │ "
    lines = [sep.join(h[:w].ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines.append("─┼─".join("─" * w for w in widths))
    for row in cells:
        wrapped = [_wrap(text, w, max_lines) for text, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in wrapped) if wrapped else 0):
            parts = [
                (c[k] if k < len(c) else "").ljust(w) for c, w in zip(wrapped, widths, strict=True)
            ]
            lines.append(sep.join(parts).rstrip())
    n = len(result.rows)
    lines.append(f"({n} row{'' if n == 1 else 's'})")
    return "\n".join(lines)


def _widths(heads: list[str], cells: list[list[str]], width: int) -> list[int]:
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(heads)]
    budget = max(width - 3 * (len(heads) - 1), len(heads) * 4)
    widths = [max(w, 1) for w in natural]
    while sum(widths) > budget:
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= 6:
            break
        widths[i] -= 1
    return widths


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines

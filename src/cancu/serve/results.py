"""Serialise answers with a row cap: the bytes a worker sends back, and whether rows were cut.

At most ``max_rows`` rows (or triples) are read from pyoxigraph's lazy iterator, so a huge
answer is never materialised. A cut answer is flagged: the server sends the header
``X-Cancu-Truncated: true`` and the JSON results carry a top-level ``"cancu"`` note.

>>> import pyoxigraph as ox
>>> rows = [(ox.Literal(str(i)),) for i in range(5)]
>>> out = select_answer(["n"], iter(rows), "json", max_rows=2)
>>> out.truncated, out.rows, json.loads(out.body)["cancu"]["truncated"]
(True, 2, True)
>>> ask_answer(True, "xml").body.count(b"<boolean>true</boolean>")
1
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from cancu.query.backends import Result
from cancu.query.formats import format_triples, json_term, to_csv, to_tsv, to_xml
from cancu.serve.negotiate import GRAPH_TYPES, RESULT_TYPES


@dataclass
class Answer:
    """What goes back to the client: body, media type, row count, whether rows were cut."""

    body: bytes
    content_type: str
    rows: int = 0
    truncated: bool = False
    status: int = 200


def _json(result: Result, truncated: bool, max_rows: int) -> str:
    data: dict[str, object] = {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [
                {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
                for row in result.rows
            ]
        },
    }
    if truncated:
        data["cancu"] = {
            "truncated": True,
            "maxRows": max_rows,
            "note": f"only the first {max_rows} rows are shown (--max-rows)",
        }
    return json.dumps(data, ensure_ascii=False)


def result_answer(result: Result, fmt: str, truncated: bool = False, max_rows: int = 0) -> Answer:
    """A :class:`Result` in one of the SPARQL result formats."""
    writers = {"xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    text = _json(result, truncated, max_rows) if fmt == "json" else writers[fmt](result)
    ctype = RESULT_TYPES[fmt] + "; charset=utf-8"
    return Answer(text.encode("utf-8"), ctype, len(result.rows), truncated)


def select_answer(variables: list[str], rows: Iterable[tuple], fmt: str, max_rows: int) -> Answer:
    """The first ``max_rows`` solutions of a SELECT query."""
    taken = list(itertools.islice(rows, max_rows + 1))
    truncated = len(taken) > max_rows
    result = Result(variables, [tuple(r) for r in taken[:max_rows]])
    return result_answer(result, fmt, truncated, max_rows)


def ask_answer(value: bool, fmt: str) -> Answer:
    """An ASK answer (CSV and TSV write ``true``/``false`` on one line)."""
    word = "true" if value else "false"
    if fmt == "json":
        text = json.dumps({"head": {}, "boolean": value})
    elif fmt == "xml":
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        )
    else:
        text = f"{word}\n"
    return Answer(text.encode("utf-8"), RESULT_TYPES[fmt] + "; charset=utf-8", 1)


def graph_answer(triples: Iterable[ox.Triple], fmt: str, max_rows: int) -> Answer:
    """The first ``max_rows`` triples of a CONSTRUCT or DESCRIBE answer."""
    taken = list(itertools.islice(triples, max_rows + 1))
    truncated = len(taken) > max_rows
    body = format_triples(taken[:max_rows], fmt).encode("utf-8")
    return Answer(body, GRAPH_TYPES[fmt] + "; charset=utf-8", min(len(taken), max_rows), truncated)


def error_answer(status: int, message: str) -> Answer:
    """A plain-text error."""
    return Answer(message.encode("utf-8") + b"\n", "text/plain; charset=utf-8", status=status)

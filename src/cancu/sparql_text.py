"""SPARQL as text: the one place that builds ``VALUES`` blocks, places them in a query, finds
the query form, and reads past comments, IRIs and strings (a value typed by a person is
always an RDF term serialised by pyoxigraph, never pasted into the text).

>>> import pyoxigraph as ox
>>> block = values_block(["a"], [(ox.Literal("x"),)])
>>> print(with_leading_values("SELECT ?a WHERE { ?a ?b ?c }", block))
SELECT ?a WHERE {
VALUES (?a) { ("x") }
 ?a ?b ?c }
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from cancu.errors import UsageError

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_SLICE = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)


class SparqlSyntaxError(UsageError):
    """A query text that does not parse (exit code 2)."""


def has_slice(sparql: str) -> bool:
    """Whether the text has a ``LIMIT`` or ``OFFSET``.

    >>> has_slice("SELECT * {} LIMIT 3"), has_slice("SELECT * {}")
    (True, False)
    """
    return bool(_SLICE.search(sparql))


def values_block(names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    """A ``VALUES`` clause: one row per binding set, each term serialised by pyoxigraph (so a
    value typed by a person can never close the clause).

    >>> print(values_block(["a", "n"], [(ox.NamedNode("http://x/a"), ox.Literal('" } #'))]))
    VALUES (?a ?n) { (<http://x/a> "\\" } #") }
    """
    head = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'',
    re.DOTALL,
)


def with_leading_values(sparql: str, block: str) -> str:
    """``block`` placed first in the query's top-level group pattern (after the first ``{``
    that is not inside a comment, an IRI or a string); appended at the end when there is none.

    >>> print(with_leading_values("PREFIX x: <u:x#>\\n# {\\nSELECT ?a WHERE { ?a ?b ?c }", "V"))
    PREFIX x: <u:x#>
    # {
    SELECT ?a WHERE {
    V
     ?a ?b ?c }
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "<\"'":
            m = (_IRIREF if c == "<" else _STRING).match(sparql, i)
            if m:
                i = m.end()
                continue
        if c == "{":
            return f"{sparql[: i + 1]}\n{block}\n{sparql[i + 1 :]}"
        i += 1
    return f"{sparql.rstrip()}\n{block}\n"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (parsed by rdflib; :class:`SparqlSyntaxError` if invalid).

    >>> query_form("PREFIX x: <urn:x>\\nASK { ?s ?p ?o }")
    'ASK'
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        parsed = prepareQuery(sparql)
    except Exception as exc:  # rdflib raises pyparsing errors of several kinds
        raise SparqlSyntaxError(f"the query does not parse: {exc}") from None
    name = parsed.algebra.name
    return {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }.get(name, "SELECT")

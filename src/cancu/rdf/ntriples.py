r"""N-Triples written directly, term for term as rdflib writes them.

The mapping emits thousands of triples per document; building rdflib terms and
a graph only to serialise them again took half of the extraction time. These
functions write the same text straight away. Lexical forms follow rdflib's
Python-to-literal rules (``True`` → ``"true"``, ``Decimal`` in plain notation,
dates in ISO form, ints with ``xsd:integer`` unless told otherwise), and
strings are escaped like rdflib's N-Triples serialiser: ``\``, ``"``, line
feed and carriage return become ECHARs, everything else is written as is.

>>> print(iri("https://x/a"), iri("https://x/p"), literal('say "hi"\n', lang="vi"), ".")
<https://x/a> <https://x/p> "say \"hi\"\n"@vi .
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = XSD + "string"
_TYPED: dict[type, tuple[str, Callable[[Any], str]]] = {
    bool: (XSD + "boolean", lambda v: "true" if v else "false"),
    int: (XSD + "integer", str),
    Decimal: (XSD + "decimal", lambda v: f"{v:f}"),
    datetime: (XSD + "dateTime", datetime.isoformat),
    date: (XSD + "date", date.isoformat),
}
"""Datatype and lexical form of each Python type, as rdflib casts them."""
_NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')

LiteralValue = str | bool | int | Decimal | date
"""The Python values a literal can be written from."""


def iri(value: str) -> str:
    """An IRI term; characters that no IRI may hold are refused (rdflib refuses them too).

    >>> iri("https://w3id.org/cancu/agency/ubnd")
    '<https://w3id.org/cancu/agency/ubnd>'
    >>> iri("https://x/a b")
    Traceback (most recent call last):
    ...
    ValueError: not an IRI: 'https://x/a b'
    """
    if _NOT_IN_IRI.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


class IriTerms(dict[str, str]):
    """IRIs written as terms, each checked once: ``terms[iri]`` is ``iri(iri)``, remembered.

    >>> terms = IriTerms()
    >>> terms["https://x/a"], len(terms)
    ('<https://x/a>', 1)
    """

    def __missing__(self, value: str) -> str:
        term = self[value] = iri(value)
        return term


def _typed(value: LiteralValue) -> tuple[str, Callable[[Any], str]]:
    """The datatype and lexical writer of a value's type (or of its nearest base type)."""
    for kind in type(value).__mro__:
        if kind in _TYPED:
            return _TYPED[kind]
    raise TypeError(f"no literal form for {type(value).__name__}: {value!r}")


def literal(value: LiteralValue, datatype: str | None = None, lang: str | None = None) -> str:
    r"""A literal term: a string (plain, or with ``lang``) or a typed value.

    ``datatype`` overrides the type a value would get; a string may only be ``xsd:string``,
    which is written plain.

    >>> literal("Tây Ninh", lang="vi"), literal(12, XSD + "positiveInteger")
    ('"Tây Ninh"@vi', '"12"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>')
    >>> literal(Decimal("1.5E+3")), literal(True), literal("x", XSD + "string")
    ('"1500"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', '"x"')
    >>> print(literal('C:\\ "x"'))
    "C:\\ \"x\""
    """
    if isinstance(value, str):
        if datatype not in (None, _STRING):
            raise TypeError(f"a string is written plain or with a language, not as {datatype}")
        text = (
            value.replace("\\", "\\\\")
            .replace("\n", "\\n")
            .replace('"', '\\"')
            .replace("\r", "\\r")
        )
        return f'"{text}"@{lang}' if lang else f'"{text}"'
    default, lexical = _typed(value)
    return f'"{lexical(value)}"^^<{datatype or default}>'

"""Content negotiation: which result format a client gets, from ``Accept`` or ``?format=``.

SELECT and ASK answer in the SPARQL 1.1 result formats (JSON by default); CONSTRUCT and
DESCRIBE in Turtle (default), N-Triples or JSON-LD.

>>> pick("SELECT", "text/csv;q=0.9, application/sparql-results+xml")
'xml'
>>> pick("CONSTRUCT", "application/ld+json"), pick("DESCRIBE", None), pick("ASK", "*/*")
('jsonld', 'turtle', 'json')
>>> pick("SELECT", "image/png") is None
True
>>> pick("SELECT", "image/png", "tsv")
'tsv'
"""

from __future__ import annotations

RESULT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
ALIASES: dict[str, tuple[str, ...]] = {
    "json": ("application/json",),
    "xml": ("application/xml", "text/xml"),
    "nt": ("text/plain",),
    "turtle": ("application/x-turtle",),
}
FORMAT_NAMES = {
    **{k: k for k in (*RESULT_TYPES, *GRAPH_TYPES)},
    "ttl": "turtle",
    "jsonld": "jsonld",
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (stable for equal q).

    >>> parse_accept("text/html, */*;q=0.1, text/csv;q=0.5")
    [('text/html', 1.0), ('text/csv', 0.5), ('*/*', 0.1)]
    """
    ranges: list[tuple[str, float]] = []
    for part in (header or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return sorted(ranges, key=lambda r: -r[1])


def types_for(form: str) -> dict[str, str]:
    """Format name → media type for a query form."""
    return GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES


def pick(form: str, accept: str | None, override: str | None = None) -> str | None:
    """The format name for ``form``; None when the client accepts none we can write."""
    types = types_for(form)
    default = next(iter(types))
    if override:
        name = FORMAT_NAMES.get(override.lower())
        return name if name in types else None
    ranges = parse_accept(accept)
    if not ranges:
        return default
    for media, q in ranges:
        if q <= 0:
            continue
        if media == "*/*":
            return default
        for name, mtype in types.items():
            wild = media.endswith("/*") and mtype.startswith(media[:-1])
            if wild or media in (mtype, *ALIASES.get(name, ())):
                return name
    return None


def wants_html(accept: str | None) -> bool:
    """Whether a client prefers HTML to every RDF or JSON type (a browser).

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8"), wants_html("text/turtle")
    (True, False)
    """
    ranges = parse_accept(accept)
    return bool(ranges) and ranges[0][0] in ("text/html", "application/xhtml+xml")

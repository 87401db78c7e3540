"""Saved queries as data: ``queries/*.rq`` files with a ``#+ key: value`` comment header.

Each file opens with (grlc style, so the file stays valid SPARQL)::

    #+ summary: Ai chủ trì việc gì …          (Vietnamese, required)
    #+ summary_en: Who leads what …           (English, required)
    #+ tags: tasks, agencies                  (required, may be empty)
    #+ params: document:document=, agency:agency
    #+ notes: …                               (optional, English, shown in the README)
    #+ example: agency=Sở Tài chính Tây Ninh  (optional: the parameters of the golden result)

A parameter is ``name:type`` (required) or ``name:type=default`` (optional; an empty default
leaves the variable unbound, so the query answers for everything). Types are listed in
:data:`PARAM_TYPES`. The files carry no PREFIX block: :attr:`SavedQuery.sparql` prepends
:func:`cancu.vocab.sparql_prefixes`.

>>> q = parse_query("demo", '#+ summary: Thử\\n#+ summary_en: Demo\\n#+ tags: a, b\\n'
...                 '#+ params: agency:agency, document:document=\\nSELECT * {}')
>>> q.tags, [(p.name, p.type, p.required) for p in q.params]
(('a', 'b'), [('agency', 'agency', True), ('document', 'document', False)])
>>> q.sparql.startswith("PREFIX cancu:")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cancu.errors import UsageError
from cancu.resources import queries_dir
from cancu.vocab import sparql_prefixes

QUERIES_DIR = queries_dir()
"""The saved queries shipped with the package (``queries/``)."""

REQUIRED_KEYS = ("summary", "summary_en", "tags", "params")
HEADER_KEYS = (*REQUIRED_KEYS, "notes", "example")
"""The only header keys a saved query may use."""

PARAM_TYPES: dict[str, str] = {
    "iri": "an absolute IRI",
    "string": "a plain string",
    "document": "a document IRI or its number (2818/QĐ-UBND)",
    "agency": "an agency name as typed, with or without diacritics, or its IRI",
    "instrument": "an instrument number such as 26/2019/TT-BTC",
}
"""Parameter types and what a value of each looks like."""

SEPARATOR = "; "
"""How multi-valued cells are joined (``GROUP_CONCAT(…; SEPARATOR="; ")``)."""

_HEADER = re.compile(r"#\+\s*([A-Za-z_]+)\s*:(.*)")
_PARAM = re.compile(r"([A-Za-z_]\w*):([a-z]+)(?:=(.*))?")
_MULTI = re.compile(r'SEPARATOR\s*=\s*"; "\s*\)\s*AS\s+\?(\w+)', re.IGNORECASE)
_COALESCE = re.compile(r"COALESCE\s*\(\s*\?(\w+)[^)]*\)\s*AS\s+\?(\w+)", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


class QueryError(UsageError):
    """A saved query is missing, malformed, or called with wrong parameters (exit code 2)."""


@dataclass(frozen=True)
class Param:
    """One declared parameter: ``name:type`` or ``name:type=default``."""

    name: str
    type: str
    default: str | None = None

    @property
    def required(self) -> bool:
        """Whether a value must be given (no default declared)."""
        return self.default is None

    def __str__(self) -> str:
        return f"{self.name}:{self.type}" + ("" if self.required else f"={self.default}")


@dataclass(frozen=True)
class SavedQuery:
    """One ``.rq`` file: its header fields and its SPARQL body."""

    name: str
    summary: str
    summary_en: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    body: str
    notes: str = ""
    example: tuple[tuple[str, str], ...] = ()
    path: Path | None = None

    @property
    def sparql(self) -> str:
        """The query text with the PREFIX block prepended."""
        return sparql_prefixes() + self.body

    @property
    def ordered(self) -> bool:
        """Whether the query fixes the order of its rows (an ORDER BY clause)."""
        return bool(_ORDER_BY.search(self.body))

    @cached_property
    def multi_valued(self) -> tuple[str, ...]:
        """Variables bound by ``GROUP_CONCAT(…; SEPARATOR="; ")`` (or by a ``COALESCE`` whose
        first argument is one): cells holding several values.

        >>> parse_query("x", HEAD + 'SELECT (GROUP_CONCAT(?a; SEPARATOR="; ") AS ?as) {}'
        ...             ).multi_valued
        ('as',)
        """
        found = list(_MULTI.findall(self.body))
        for source, target in _COALESCE.findall(self.body):
            if source in found and target not in found:
                found.append(target)  # BIND (COALESCE(?multi, …) AS ?target)
        return tuple(found)

    def param(self, name: str) -> Param:
        """The declared parameter ``name``; :class:`QueryError` listing the valid ones if none."""
        for p in self.params:
            if p.name == name:
                return p
        valid = ", ".join(str(p) for p in self.params) or "none"
        raise QueryError(f"query '{self.name}' has no parameter '{name}' (parameters: {valid})")


HEAD = "#+ summary: s\n#+ summary_en: s\n#+ tags:\n#+ params:\n"
"""A minimal valid header (for examples and tests)."""


def parse_params(text: str, where: str = "<query>") -> tuple[Param, ...]:
    """Parse a ``#+ params:`` value.

    >>> [str(p) for p in parse_params("document:document=, agency:agency")]
    ['document:document=', 'agency:agency']
    >>> parse_params("x:date")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cancu.query.saved.QueryError: <query>: unknown parameter type 'date' in 'x:date' ...
    """
    params: list[Param] = []
    for piece in filter(None, (s.strip() for s in text.split(","))):
        m = _PARAM.fullmatch(piece)
        if not m:
            raise QueryError(f"{where}: a parameter is name:type[=default], not '{piece}'")
        name, kind, default = m.groups()
        if kind not in PARAM_TYPES:
            raise QueryError(
                f"{where}: unknown parameter type '{kind}' in '{piece}' "
                f"(types: {', '.join(PARAM_TYPES)})"
            )
        params.append(Param(name, kind, default.strip() if default is not None else None))
    return tuple(params)


def _example(text: str, where: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for piece in filter(None, (s.strip() for s in text.split(","))):
        key, sep, value = piece.partition("=")
        if not sep:
            raise QueryError(f"{where}: an example is KEY=VALUE, not '{piece}'")
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


def parse_query(name: str, text: str, path: Path | None = None) -> SavedQuery:
    """Split a saved query into header fields and body; reject unknown or missing keys."""
    where = str(path or name)
    fields: dict[str, str] = {}
    lines = text.splitlines()
    body_start = len(lines)
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if not m:
            body_start = i
            break
        key, value = m.group(1), m.group(2).strip()
        if key not in HEADER_KEYS:
            raise QueryError(
                f"{where}:{i + 1}: unknown header key '{key}' (keys: {', '.join(HEADER_KEYS)})"
            )
        if key in fields:
            raise QueryError(f"{where}:{i + 1}: header key '{key}' given twice")
        fields[key] = value
    missing = [k for k in REQUIRED_KEYS if k not in fields]
    if missing:
        raise QueryError(f"{where}: missing header keys: {', '.join(missing)}")
    if not fields["summary"] or not fields["summary_en"]:
        raise QueryError(f"{where}: summary and summary_en must not be empty")
    return SavedQuery(
        name=name,
        summary=fields["summary"],
        summary_en=fields["summary_en"],
        tags=tuple(t.strip() for t in fields["tags"].split(",") if t.strip()),
        params=parse_params(fields["params"], where),
        body="\n".join(lines[body_start:]).strip() + "\n",
        notes=fields.get("notes", ""),
        example=_example(fields.get("example", ""), where),
        path=path,
    )


def load_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every ``*.rq`` directly in ``directory`` (default :data:`QUERIES_DIR`), by name.

    >>> "who-leads" in load_queries()
    True
    """
    directory = directory or QUERIES_DIR
    return {
        path.stem: parse_query(path.stem, path.read_text(encoding="utf-8"), path)
        for path in sorted(directory.glob("*.rq"))
    }


def get_query(name: str, directory: Path | None = None) -> SavedQuery:
    """The saved query ``name``; :class:`QueryError` listing the valid names if unknown.

    >>> get_query("who-leads").params[0].name
    'document'
    >>> get_query("nobody")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cancu.query.saved.QueryError: unknown query 'nobody'; saved queries: ..., who-leads
    """
    queries = load_queries(directory)
    if name not in queries:
        raise QueryError(f"unknown query '{name}'; saved queries: {', '.join(queries)}")
    return queries[name]


README_INTRO = """# Saved queries

Generated from the `#+` headers of `queries/*.rq` by
`python -m cancu.query.saved` — do not edit by hand (a test fails when it is stale).

Run one with `cancu query NAME [-p KEY=VALUE …] [--format table|csv|tsv|json|xml] [--limit N]
[--store DIR | --endpoint URL]`; list them with `cancu queries`; print the full text of one
with `cancu query NAME --show`.

## Conventions

- **Files**: a `#+` header (`summary` in Vietnamese, `summary_en`, `tags`, `params`, optional
  `notes`; no other key), then the query without PREFIX declarations: the loader prepends the
  project prefixes (`cancu.vocab.sparql_prefixes()`).
- **Graphs**: every pattern names its graph (`GRAPH ?g {{ … }}`), so the queries do not rely on
  a union default graph: the embedded store runs them with the default graph empty, and a
  remote store (Oxigraph, Fuseki, GraphDB …) needs no special setting. Embedded and remote
  answers are identical (tested for every query).
- **IRIs and labels**: an agency, instrument, document or concept comes back as two columns,
  `?x` (the IRI) and `?xLabel` (Vietnamese `skos:prefLabel`, else the `rdfs:label` of an
  unresolved name or of an instrument). The table format shows the label in place of the IRI.
- **Multi-valued cells** (several leads, coordinators, levels, instruments) are joined with
  `"; "`, sorted in Python by label then IRI; `?x` and `?xLabel` stay aligned (the n-th IRI
  has the n-th label). Such cells are strings, not IRIs.
- **Parameters** (`name:type`, `name:type=default`; an empty default means "all") are bound
  as RDF terms serialised by pyoxigraph, never as text typed by a person: on the embedded store
  a `VALUES` clause at the start of the query pattern plus a pyoxigraph substitution (which
  also reaches inside sub-SELECTs), on a remote endpoint a trailing `VALUES` clause. Types:
{types}
  A value that resolves to nothing matches nothing (no rows); one that resolves to several
  terms (an agency name met in several provinces) binds them all in one `VALUES` clause, and
  the rows come in the query's `ORDER BY` order (agency first for the agency queries).
- **Speed** (the embedded Oxigraph store): start every part of a query from the bound
  parameter or from the document (`?document a cancu:SourceDocument` in the same graph), so
  that a bound value restricts it and the cost follows the rows returned; read a property of
  many nodes through a small sub-SELECT (one pass, joined by hash) rather than a lookup per
  row; look an optional label up by a variable that is always bound
  (`COALESCE(?x, <urn:x-absent>)`), since an unbound one would match every label.
- **Goldens**: `queries/golden/NAME.srj` (SPARQL JSON results) on the four bundled documents;
  rows compare as multisets unless the query has ORDER BY. Regenerate with
  `CANCU_UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_queries.py`, then review the diff.
- **CSV** is written in UTF-8 with a byte order mark so spreadsheets keep the diacritics;
  TSV, JSON and XML follow the SPARQL 1.1 result formats without BOM.

## Queries
"""


def readme_text(queries: dict[str, SavedQuery] | None = None) -> str:
    """The text of ``queries/README.md``, generated from the headers."""
    queries = load_queries() if queries is None else queries
    types = "\n".join(f"  - `{name}`: {what};" for name, what in PARAM_TYPES.items())
    parts = [README_INTRO.format(types=types)]
    for q in queries.values():
        params = ", ".join(f"`{p}`" for p in q.params) or "none"
        parts.append(
            f"\n### `{q.name}`\n\n{q.summary}\n\n*{q.summary_en}*\n\n"
            f"- tags: {', '.join(q.tags) or '-'}\n- params: {params}\n"
            f"- ordered: {'yes' if q.ordered else 'no (rows compare as a multiset)'}\n"
        )
        example = " ".join(f"-p '{k}={v}'" for k, v in q.example)
        parts.append(f"- example: `cancu query {q.name}{' ' + example if example else ''}`\n")
        if q.notes:
            parts.append(f"\n{q.notes}\n")
    return "".join(parts)


if __name__ == "__main__":  # pragma: no cover
    (QUERIES_DIR / "README.md").write_text(readme_text(), encoding="utf-8")
    print(f"wrote {QUERIES_DIR / 'README.md'}")

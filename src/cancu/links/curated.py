"""The curated link table ``data/links.csv``: read, validate, merge.

One row states one fact about one instrument: where a database publishes it (``url`` with a
``relation``), or its in-force ``status`` on a ``status_date``, or both, with who verified it
and when. Every problem names the file, the line and the value expected:

>>> text = HEADER_LINE + "61/2018/ND-CP,chinh-phu,2018-04-23,,,,Còn hiệu lực,,me,2025-01-02,\\n"
>>> try:
...     parse_table(text, "links.csv")
... except LinkTableError as exc:
...     print(exc)
links.csv:2: number: write '61/2018/NĐ-CP' (the normalised form), not '61/2018/ND-CP'
>>> rows = parse_table(text.replace("ND-CP", "NĐ-CP"), "links.csv")
>>> rows[0].status_code, rows[0].verified
('con-hieu-luc', True)
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from cancu.errors import CancuError, ParseError
from cancu.parse.numbers import parse_number
from cancu.rdf.iris import instrument_iri
from cancu.resources import links_table
from cancu.text.names import Gazetteer
from cancu.vocab import AGENCY

LINKS_CSV = links_table()
"""The curated table shipped with the package (``data/links.csv``)."""

COLUMNS = (
    "number", "issuer", "date", "database", "relation", "url", "status", "status_date",
    "verified_by", "verified_on", "note",
)  # fmt: skip
HEADER_LINE = ",".join(COLUMNS) + "\n"

STATUSES: dict[str, str] = {
    "Còn hiệu lực": "con-hieu-luc",
    "Hết hiệu lực một phần": "het-hieu-luc-mot-phan",
    "Hết hiệu lực toàn bộ": "het-hieu-luc-toan-bo",
    "Ngưng hiệu lực": "ngung-hieu-luc",
    "Chưa có hiệu lực": "chua-co-hieu-luc",
}
"""The five statuses of the national databases → codes of the ``legal-status`` scheme."""

DATABASES: dict[str, tuple[str, ...]] = {
    "vbpl": ("vbpl.vn",),
    "congbao": ("congbao.chinhphu.vn",),
    "thuvienphapluat": ("thuvienphapluat.vn",),
    "dichvucong": ("dichvucong.gov.vn",),
    "other": (),
}
"""Database codes and the host names their URLs must be on (``other``: any host)."""

RELATIONS = ("same-work", "publication", "related", "search")
"""How a URL relates to the instrument (see data/README.md)."""

UNVERIFIED = "unverified"
"""A ``verified_by`` value starting with this word marks a row nobody checked at the source."""


class LinkTableError(CancuError):
    """The link table has problems; the message lists each as ``file:line: column: …``."""


@dataclass(frozen=True)
class LinkRow:
    """One validated row of the table."""

    line: int
    number: str
    issuer: str
    date: date | None
    database: str
    relation: str
    url: str
    status: str
    status_date: date | None
    verified_by: str
    verified_on: date
    note: str = ""

    @property
    def verified(self) -> bool:
        """Whether a person checked the row at the source."""
        return not self.verified_by.lower().startswith(UNVERIFIED)

    @property
    def status_code(self) -> str | None:
        """The ``legal-status`` code of :attr:`status` (None when no status is given)."""
        return STATUSES.get(self.status)

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two rows the same statement (an import replaces a row with its key)."""
        return (self.number, self.issuer, self.database, self.relation, self.url, self.status,
                str(self.status_date or ""))  # fmt: skip

    def instrument(self) -> str:
        """The IRI of the instrument, minted as the extractor mints it.

        >>> row = LinkRow(2, "800/QĐ-UBND", "ubnd-tinh-tay-ninh", date(2019, 4, 4), "", "",
        ...               "", "Còn hiệu lực", None, "me", date(2025, 1, 1))
        >>> row.instrument()
        'https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2019/800'
        """
        number = parse_number(self.number)
        province = Gazetteer.default().entry(self.issuer).province
        return instrument_iri(number, self.date.year if self.date else None, province)

    def cells(self) -> list[str]:
        """The row as CSV cells, in :data:`COLUMNS` order."""
        return [_cell(getattr(self, f.name)) for f in fields(self) if f.name != "line"]


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _date(value: str, column: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{column}: '{value}' is not a date (expected YYYY-MM-DD, e.g. 2018-04-23)")
        return None


def _check_number(value: str, problems: list[str]) -> int | None:
    """Problems with the number; returns the year it carries (or None)."""
    if not value:
        problems.append("number: empty (expected an instrument number such as 61/2018/NĐ-CP)")
        return None
    try:
        parsed = parse_number(value)
    except ParseError as exc:
        problems.append(f"number: {exc} (expected e.g. 61/2018/NĐ-CP or 2818/QĐ-UBND)")
        return None
    if parsed.normalized != value:
        problems.append(f"number: write '{parsed.normalized}' (the normalised form), not '{value}'")
    return parsed.year


def _check_issuer(value: str, problems: list[str]) -> str:
    slug = value.removeprefix(str(AGENCY))
    if not slug:
        problems.append(
            "issuer: empty (expected the slug of an agency of data/agencies.ttl, e.g. chinh-phu)"
        )
        return slug
    try:
        Gazetteer.default().entry(slug)
    except KeyError:
        problems.append(
            f"issuer: '{value}' is not an agency of data/agencies.ttl "
            "(expected its slug, e.g. chinh-phu, ubnd-tinh-tay-ninh)"
        )
    return slug


def _check_url(cell: dict[str, str], problems: list[str]) -> None:
    url, database, relation = cell["url"], cell["database"], cell["relation"]
    if not url:
        if relation:
            problems.append(
                f"relation: '{relation}' given without a url (expected both or neither)"
            )
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"url: '{url}' is not an http(s) URL (expected https://…)")
    if relation not in RELATIONS:
        problems.append(f"relation: '{relation}' (expected one of: {', '.join(RELATIONS)})")
    if database not in DATABASES:
        problems.append(f"database: '{database}' (expected one of: {', '.join(DATABASES)})")
        return
    host = (parts.hostname or "").lower()
    hosts = DATABASES[database]
    if hosts and not any(host == h or host.endswith("." + h) for h in hosts):
        problems.append(f"url: host '{host}' is not {database}'s (expected {' or '.join(hosts)})")


def check_cells(cell: dict[str, str]) -> tuple[LinkRow | None, list[str]]:
    """Validate one row given as column → text; return the row (if valid) and the problems."""
    problems: list[str] = []
    year = _check_number(cell["number"], problems)
    issuer = _check_issuer(cell["issuer"], problems)
    when = _date(cell["date"], "date", problems)
    if when and year and when.year != year:
        problems.append(f"date: {when} is not in {year}, the year of the number")
    if cell["number"] and year is None and when is None and not problems:
        problems.append("date: empty, and the number has no year (expected the date, YYYY-MM-DD)")
    if cell["database"] and cell["database"] not in DATABASES and not cell["url"]:
        problems.append(f"database: '{cell['database']}' (expected one of: {', '.join(DATABASES)})")
    _check_url(cell, problems)
    status = unicodedata.normalize("NFC", cell["status"])
    if status and status not in STATUSES:
        problems.append(f"status: '{status}' (expected one of: {', '.join(STATUSES)})")
    status_date = _date(cell["status_date"], "status_date", problems)
    if status_date and not status:
        problems.append("status_date: given without a status (expected a status or no date)")
    if not cell["url"] and not status:
        problems.append("url, status: both empty (expected a url, a status, or both)")
    if not cell["verified_by"]:
        problems.append(
            "verified_by: empty (expected who checked the row at the source, "
            f"or '{UNVERIFIED} (why)')"
        )
    verified_on = _date(cell["verified_on"], "verified_on", problems)
    if verified_on is None and cell["verified_on"] == "":
        problems.append("verified_on: empty (expected the date of the check, YYYY-MM-DD)")
    if problems:
        return None, problems
    assert verified_on is not None
    row = LinkRow(0, cell["number"], issuer, when, cell["database"], cell["relation"], cell["url"],
                  status, status_date, cell["verified_by"], verified_on, cell["note"])  # fmt: skip
    return row, []


def _records(text: str, source: str) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != list(COLUMNS):
        raise LinkTableError(f"the header must be: {','.join(COLUMNS)}", source=source, line=1)
    start = 2
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            yield (
                line,
                {"__error__": f"{len(cells)} cells (expected {len(COLUMNS)}: {','.join(COLUMNS)})"},
            )
            continue
        yield line, {k: v.strip() for k, v in zip(COLUMNS, cells, strict=True)}


def parse_table(text: str, source: str = "<links>", *, skip_blank: bool = False) -> list[LinkRow]:
    """Validate a whole table; :class:`LinkTableError` listing every problem if any.

    With ``skip_blank``, rows with neither url nor status (an export left unfilled) are skipped.
    """
    rows: list[LinkRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, cell in _records(text, source):
        if "__error__" in cell:
            problems.append(f"{source}:{line}: {cell['__error__']}")
            continue
        if skip_blank and not cell["url"] and not cell["status"]:
            continue
        row, errors = check_cells(cell)
        problems += [f"{source}:{line}: {e}" for e in errors]
        if row is None:
            continue
        row = replace(row, line=line)
        if row.key in seen:
            problems.append(f"{source}:{line}: the same statement as line {seen[row.key]}")
            continue
        seen[row.key] = line
        rows.append(row)
    if problems:
        raise LinkTableError("\n".join(problems))
    return rows


def load_table(path: Path = LINKS_CSV) -> list[LinkRow]:
    """Read and validate a link table file (default :data:`LINKS_CSV`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LinkTableError(
            f"cannot read the link table: {exc.strerror}", source=str(path)
        ) from None
    return parse_table(text, str(path))


def table_text(rows: Iterable[LinkRow | list[str]]) -> str:
    """CSV text of rows (validated rows or raw cell lists), header first.

    >>> table_text([["61/2018/NĐ-CP", "chinh-phu", "", "", "", "", "", "", "", "", "a, b"]])
    'number,issuer,date,database,relation,url,status,status_date,verified_by,verified_on,note\\n61/2018/NĐ-CP,chinh-phu,,,,,,,,,"a, b"\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.cells() if isinstance(row, LinkRow) else row)
    return out.getvalue()


def merge_rows(existing: list[LinkRow], new: list[LinkRow]) -> tuple[list[LinkRow], int, int]:
    """Rows of ``existing`` with ``new`` merged in: a new row replaces the row with its key.

    Returns (rows, added, replaced).
    """
    by_key = {row.key: row for row in existing}
    added = replaced = 0
    for row in new:
        if row.key in by_key:
            replaced += 1
        else:
            added += 1
        by_key[row.key] = row
    return list(by_key.values()), added, replaced


def write_table(path: Path, rows: Iterable[LinkRow]) -> None:
    """Write the table atomically (a temporary file renamed over ``path``)."""
    text = table_text(rows)
    fd, tmp = tempfile.mkstemp(prefix=".links-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

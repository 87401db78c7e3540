"""Hand the unlinked instruments to a person as CSV, and take the filled-in file back.

The export has the columns of ``data/links.csv``, with number, issuer and date filled in and
the portals' search links in ``note``. The import validates every row (errors name the file and
line), skips rows left blank (no url and no status), merges the rest into the table and writes
it atomically — or writes nothing when anything is wrong.
"""

from __future__ import annotations

from pathlib import Path

from cancu.links.curated import (
    LINKS_CSV,
    LinkTableError,
    load_table,
    merge_rows,
    parse_table,
    table_text,
    write_table,
)
from cancu.links.instruments import Instrument, store_instruments
from cancu.links.search_pages import SEARCH_PATTERNS, search_url
from cancu.store.embedded import EmbeddedStore
from cancu.vocab import AGENCY


def export_row(inst: Instrument) -> list[str]:
    """The CSV cells offered for one instrument.

    >>> from datetime import date
    >>> inst = Instrument("urn:i", "2818/QĐ-UBND", date(2020, 11, 16),
    ...                   "https://w3id.org/cancu/agency/ubnd-tinh-tay-ninh")
    >>> export_row(inst)[:3]
    ['2818/QĐ-UBND', 'ubnd-tinh-tay-ninh', '2020-11-16']
    """
    issuer = inst.issuer.removeprefix(str(AGENCY)) if inst.issuer else ""
    searches = " ; ".join(search_url(db, inst.number or "") for db in sorted(SEARCH_PATTERNS))
    return [inst.number or "", issuer, inst.date.isoformat() if inst.date else "",
            "", "", "", "", "", "", "", f"search: {searches}"]  # fmt: skip


def unlinked(store: EmbeddedStore, table: Path = LINKS_CSV) -> list[Instrument]:
    """The store's numbered instruments that no row of ``table`` links to a URL."""
    linked = {row.instrument() for row in load_table(table) if row.url}
    return [i for i in store_instruments(store) if i.number and i.iri not in linked]


def export_unlinked(store: EmbeddedStore, path: Path, table: Path = LINKS_CSV) -> int:
    """Write the unlinked instruments as CSV; return how many."""
    rows = [export_row(i) for i in unlinked(store, table)]
    path.write_text(table_text(rows), encoding="utf-8")
    return len(rows)


def import_rows(path: Path, table: Path = LINKS_CSV) -> tuple[int, int, int]:
    """Merge a filled-in export into ``table``; return (added, replaced, skipped blank).

    Raises :class:`LinkTableError` (and writes nothing) if the file or the merged table has
    any problem.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LinkTableError(f"cannot read: {exc.strerror}", source=str(path)) from None
    new = parse_table(text, str(path), skip_blank=True)
    total = sum(1 for line in text.splitlines()[1:] if line.strip(", \ufeff"))
    existing = load_table(table) if table.exists() else []
    merged, added, replaced = merge_rows(existing, new)
    parse_table(table_text(merged), str(table))  # the merged table must be valid as a whole
    write_table(table, merged)
    return added, replaced, total - len(new)

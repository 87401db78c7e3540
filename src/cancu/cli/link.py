"""``cancu link``: links to the national databases, in-force status, reconciliation.

Exit codes: 0 success; 1 the table, the store or the endpoint failed (nothing written);
2 usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cancu.cli.common import store_arg
from cancu.links.curated import LINKS_CSV


def _load(args: argparse.Namespace) -> int:
    """Rebuild the links graph from the table (and reconcile with ``--endpoint``)."""
    from cancu.links.instruments import store_instruments
    from cancu.links.statements import LINKS_GRAPH, store_links_graph
    from cancu.store.embedded import EmbeddedStore

    store = EmbeddedStore(args.store)
    graph = store_links_graph(store, args.table, drop_endpoint=args.endpoint)
    if args.endpoint:
        from cancu.links.reconcile import reconcile, reconciliation_graph
        from cancu.store.remote import RemoteStore

        matches = reconcile(store_instruments(store), RemoteStore(args.endpoint))
        graph += reconciliation_graph(matches, args.endpoint)
        _print_matches(matches, args.endpoint)
    written = store.replace_graphs({LINKS_GRAPH: graph})
    store.flush()
    print(f"graph <{LINKS_GRAPH}>: {written} triples")
    return 0


def _print_matches(matches: list, endpoint: str) -> None:
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    figures = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    print(f"reconciled {len(matches)} numbered instruments with {endpoint}: {figures}")
    for m in matches:
        if m.kind == "missing":
            continue
        for cand in m.candidates:
            why = f"  ({'; '.join(cand.reasons)})" if cand.reasons else ""
            print(f"  {m.kind:<10} {m.instrument.number} → {cand.remote.iri}{why}")


def _export(args: argparse.Namespace) -> int:
    from cancu.links.exchange import export_unlinked
    from cancu.store.embedded import EmbeddedStore

    count = export_unlinked(EmbeddedStore(args.store, read_only=True), args.export, args.table)
    print(f"wrote {count} unlinked instruments to {args.export}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from cancu.links.exchange import import_rows

    added, replaced, skipped = import_rows(args.import_file, args.table)
    print(
        f"{args.table}: {added} rows added, {replaced} replaced, {skipped} left blank "
        "(run 'cancu link' to load them into the store)"
    )
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    """Load the curated links (data/links.csv), search links and in-force status into the
    graph <https://w3id.org/cancu/graph/links>; with --endpoint, reconcile the instruments with
    a SPARQL endpoint that describes legal resources with ELI; --export writes the instruments
    without a curated link as CSV to fill in, --import merges such a file back into the table."""
    if args.export:
        return _export(args)
    if args.import_file:
        return _import(args)
    return _load(args)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``link`` command."""
    p = sub.add_parser(
        "link", help="link instruments to the national databases", description=cmd_link.__doc__
    )
    store_arg(p)
    p.add_argument(
        "--table", type=Path, default=LINKS_CSV, help=f"curated link table (default: {LINKS_CSV})"
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--endpoint", metavar="URL", help="reconcile with this SPARQL endpoint")
    what.add_argument(
        "--export", type=Path, metavar="FILE", help="write unlinked instruments as CSV"
    )
    what.add_argument(
        "--import", dest="import_file", type=Path, metavar="FILE", help="merge a filled-in CSV"
    )
    p.set_defaults(func=cmd_link)

"""``cancu build``: extract decision texts into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cancu.cli.common import store_arg
from cancu.store.embedded import EmbeddedStore


def cmd_build(args: argparse.Namespace) -> int:
    """Extract sources into their named graphs and load them into the store."""
    from cancu.pipeline import build

    store = EmbeddedStore(args.store)
    reports = build(args.sources or None, store)
    failed = 0
    for report in reports:
        if report.error:
            failed += 1
            print(f"FAILED {report.error}", file=sys.stderr)
            continue
        figures = ", ".join(f"{v} {k}" for k, v in report.counts.items())
        print(f"{report.source}\n  graph <{report.graph}>\n  {figures}")
        for warning in report.warnings[: args.max_warnings]:
            print(f"  warning: {warning}")
        if len(report.warnings) > args.max_warnings:
            print(
                f"  … {len(report.warnings) - args.max_warnings} more warnings (--max-warnings N)"
            )
    print(f"store {args.store}: {store.count()} quads in {len(store.graph_names())} graphs")
    if args.out:
        fmt = "trig" if args.out.suffix == ".trig" else "nq"
        store.dump(args.out, fmt)
        print(f"wrote {args.out}")
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` command."""
    build = sub.add_parser(
        "build", help="extract decision texts into the store", description=cmd_build.__doc__
    )
    build.add_argument(
        "sources", nargs="*", type=Path, help="source texts (default: data/sources/*.txt)"
    )
    store_arg(build)
    build.add_argument("--out", type=Path, help="also write the dataset (.trig or .nq)")
    build.add_argument("--max-warnings", type=int, default=8, help="warnings shown per document")
    build.set_defaults(func=cmd_build)

"""``cancu build``: extract decision texts into the store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cancu.cli.common import store_arg
from cancu.store.embedded import EmbeddedStore


def _progress(done: int, total: int, source: str) -> None:
    print(
        f"\r[{done}/{total}] {Path(source).name[:60]:<60}",
        end="" if done < total else "\n",
        file=sys.stderr,
    )


def cmd_build(args: argparse.Namespace) -> int:
    """Extract sources into their named graphs and load them into the store."""
    from cancu.pipeline import build, expand_sources, provenance_line

    store = EmbeddedStore(args.store)
    many = len(args.sources) > 10 and sys.stderr.isatty()
    reports = build(
        expand_sources(args.sources) or None,
        store,
        jobs=args.jobs,
        incremental=not args.full,
        progress=_progress if many else None,
    )
    failed = 0
    for report in reports:
        if report.error:
            failed += 1
            print(f"FAILED {report.error}", file=sys.stderr)
            continue
        if report.unchanged:
            print(f"{report.source}\n  unchanged (same content, same extractor): <{report.graph}>")
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
    print(f"made by {provenance_line()}")
    if failed:
        print(f"{failed} of {len(reports)} sources failed; the others were loaded", file=sys.stderr)
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
        "sources",
        nargs="*",
        type=Path,
        help="documents: text exports, DOCX, DOC, PDF or HTML (told by content), or folders of "
        "them (default: data/sources/*.txt)",
    )
    store_arg(build)
    build.add_argument("--out", type=Path, help="also write the dataset (.trig or .nq)")
    build.add_argument("--max-warnings", type=int, default=8, help="warnings shown per document")
    build.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="parallel extraction processes"
    )
    build.add_argument(
        "--full", action="store_true", help="re-extract every source, even unchanged ones"
    )
    build.set_defaults(func=cmd_build)

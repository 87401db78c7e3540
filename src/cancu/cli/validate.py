"""``cancu validate``: check document graphs against the shapes (``shapes/*.ttl``)."""

from __future__ import annotations

import argparse
import sys

from cancu.cli.common import store_arg


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate each document graph (with the ontology, schemes and gazetteer) and report by
    severity and focus node. Exit 0 without violations, 1 with violations (or with warnings
    under --strict), 2 on a usage error such as an unknown document.
    """
    from cancu.store.embedded import EmbeddedStore
    from cancu.validate.report import render_json, render_text, render_ttl
    from cancu.validate.validator import load_shapes, validate

    store = EmbeddedStore(args.store, read_only=True)
    refused = load_shapes(args.shapes).refused
    if refused and args.engine == "sparql":
        print(f"note: the core constraints run with pySHACL (slower): {refused}", file=sys.stderr)
    graphs = args.format == "ttl"
    report = validate(
        store, args.document, args.shapes, jobs=args.jobs, graphs=graphs, engine=args.engine
    )
    if args.format == "json":
        print(render_json(report, args.lang))
    elif args.format == "ttl":
        print(render_ttl(report))
    else:
        print(render_text(report, args.lang))
        seconds = sum(d.seconds for d in report.documents)
        print(f"\nvalidated {len(report.documents)} document(s) in {seconds:.2f} s")
    failed = report.violations or (args.strict and report.warnings)
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` command."""
    parser = sub.add_parser(
        "validate",
        help="check document graphs against the shapes",
        description=cmd_validate.__doc__,
    )
    parser.add_argument(
        "document",
        nargs="?",
        help="a document IRI, its number (2818/QĐ-UBND) or source file name (default: all)",
    )
    parser.add_argument(
        "--shapes",
        choices=("core", "recommended", "vocabularies", "all"),
        default="all",
        help="which shapes: core (violations, with vocabularies), recommended (warnings), all",
    )
    parser.add_argument("--format", choices=("text", "json", "ttl"), default="text")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit code 1)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="validate the documents in N processes (worth it from a few dozen documents)",
    )
    parser.add_argument(
        "--engine",
        choices=("sparql", "pyshacl"),
        default="sparql",
        help="what runs the core constraints: Oxigraph, as SPARQL (default), or pySHACL",
    )
    store_arg(parser)
    parser.set_defaults(func=cmd_validate)

"""``cancu graph``: write the responsibility, collaboration or legal-basis graph to a file.

Exit codes: 0 success; 1 the store could not be read or the file not written (e.g. Graphviz
missing for svg); 2 usage error (an agency, area or document that matches nothing or several).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cancu.cli.common import store_arg


def cmd_graph(args: argparse.Namespace) -> int:
    """Build a graph from the store and write it as an interactive HTML page (works offline),
    GraphML or GEXF (Gephi, yEd), DOT or SVG (Graphviz) or node-link JSON."""
    from cancu.graph import export, metrics, views
    from cancu.store.embedded import EmbeddedStore

    corpus = views.load_corpus(EmbeddedStore(args.store, read_only=True))
    sel = views.select(
        corpus, document=args.document or "", area=args.area or "", agency=args.agency or ""
    )
    graph = views.build_view(corpus, args.view, sel, expand_groups=args.expand_groups)
    figures = metrics.agency_metrics(
        views.responsibility(corpus, sel, expand_groups=args.expand_groups),
        views.collaboration(corpus, sel, expand_groups=args.expand_groups),
    )
    metrics.annotate(graph, figures)
    out = args.out or Path("build") / f"graph-{args.view}.{args.format}"
    export.write(graph, args.format, out, server_url=args.server_url)
    print(
        f"wrote {out} ({args.view}, {args.format}): "
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    )
    if args.metrics:
        sys.stdout.write(metrics.table(figures) + "\n")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``graph`` command."""
    from cancu.graph.export import FORMATS, SERVER_URL
    from cancu.graph.views import VIEWS

    p = sub.add_parser(
        "graph",
        help="draw who does what, who works with whom, on which basis",
        description=cmd_graph.__doc__,
    )
    store_arg(p)
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="responsibility",
        help="which graph (default: responsibility)",
    )
    p.add_argument(
        "--format", choices=FORMATS, default="html", help="output format (default: html)"
    )
    p.add_argument(
        "--agency",
        metavar="NAME",
        help="only the tasks of this agency (name with or without diacritics, or IRI)",
    )
    p.add_argument(
        "--area", metavar="AREA", help="only this reform area (code such as the-che, label or IRI)"
    )
    p.add_argument(
        "--document", metavar="DOC", help="only this document (number such as 2818/QĐ-UBND, or IRI)"
    )
    p.add_argument(
        "--expand-groups",
        action="store_true",
        help="replace agency groups by their members where the gazetteer lists them",
    )
    p.add_argument("--metrics", action="store_true", help="also print per-agency figures (TSV)")
    p.add_argument(
        "--server-url",
        default=SERVER_URL,
        metavar="URL",
        help=f"where the page links node details (default: {SERVER_URL})",
    )
    p.add_argument(
        "--out", type=Path, metavar="PATH", help="output file (default: build/graph-VIEW.FORMAT)"
    )
    p.set_defaults(func=cmd_graph)

"""``cancu queries``, ``cancu query``, ``cancu sparql``, ``cancu push``: answers from the store.

Exit codes: 0 success; 1 the store or endpoint failed; 2 usage error (unknown query or
parameter, bad value, a query that does not parse).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from cancu.cli.common import store_arg
from cancu.query.saved import QueryError, get_query, load_queries


def _emit(text: str) -> None:
    """Write UTF-8 to stdout whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _password(args: argparse.Namespace) -> str | None:
    if not args.password_env:
        return None
    if args.password_env not in os.environ:
        raise QueryError(f"environment variable {args.password_env} (--password-env) is not set")
    return os.environ[args.password_env]


def _backend(args: argparse.Namespace, *, union: bool = False):
    from cancu.query.backends import Embedded, Remote

    if args.endpoint:
        from cancu.store.remote import RemoteStore

        return Remote(RemoteStore(args.endpoint, user=args.user, password=_password(args)))
    from cancu.store.embedded import EmbeddedStore

    return Embedded(EmbeddedStore(args.store, read_only=True), union=union)


def _width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def cmd_queries(args: argparse.Namespace) -> int:
    """List the saved queries with their summaries and parameters."""
    lines = []
    for q in load_queries().values():
        params = ", ".join(str(p) for p in q.params) or "-"
        lines.append(f"{q.name}  [params: {params}]\n  {q.summary}\n  {q.summary_en}")
    _emit("\n".join(lines) + "\n")
    return 0


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"a parameter is -p KEY=VALUE, not '{pair}'")
        params[key.strip()] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    """Run a saved query (see ``cancu queries``)."""
    from cancu.query.formats import format_result
    from cancu.query.run import run_query

    query = get_query(args.name)
    params = _parse_params(args.param)
    for name in params:
        query.param(name)
    if args.show:
        _emit(query.sparql)
        return 0
    result = run_query(query, _backend(args), params, limit=args.limit)
    if args.columns:
        result = result.select([c.strip() for c in args.columns.split(",") if c.strip()])
    _emit(
        format_result(result, args.format, width=_width())
        + ("\n" if args.format == "table" else "")
    )
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    """Run an ad hoc SPARQL query; the project prefixes are declared for it. On the embedded
    store the default graph is the union of all named graphs."""
    from cancu.query.backends import Result
    from cancu.query.formats import GRAPH_FORMATS, format_result, format_triples
    from cancu.query.run import run_sparql

    if (args.query is None) == (args.file is None):
        raise QueryError("give a query text or -f FILE (one of them)")
    text = args.file.read_text(encoding="utf-8") if args.file else args.query
    answer = run_sparql(text, _backend(args, union=True), limit=args.limit)
    fmt = args.format
    if isinstance(answer, bool):
        _emit(("true" if answer else "false") + "\n")
    elif isinstance(answer, Result):
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE queries")
        _emit(
            format_result(answer, fmt or "table", width=_width())
            + ("\n" if not fmt or fmt == "table" else "")
        )
    else:
        if fmt and fmt not in GRAPH_FORMATS:
            raise QueryError(
                f"a CONSTRUCT/DESCRIBE answer is written as {', '.join(GRAPH_FORMATS)}"
            )
        _emit(format_triples(answer, fmt or "turtle"))
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    """Write every named graph of the embedded store to a SPARQL 1.1 store (Graph Store
    Protocol: one PUT per graph, so pushing twice changes nothing)."""

    from cancu.store.embedded import EmbeddedStore
    from cancu.store.remote import RemoteStore

    remote = RemoteStore(args.endpoint, args.graph_store, user=args.user, password=_password(args))
    store = EmbeddedStore(args.store, read_only=True)
    graphs = {str(name): store.graph_ntriples(name) for name in store.graph_names()}
    if not graphs:
        print(
            f"error: the store {args.store} holds no named graph: run 'cancu build'",
            file=sys.stderr,
        )
        return 1
    total = 0
    for report in remote.push(graphs):
        retried = f", {report.attempts} attempts" if report.attempts > 1 else ""
        print(f"PUT <{report.graph}>: {report.triples} triples (HTTP {report.status}{retried})")
        total += report.triples
    print(f"pushed {len(graphs)} graphs, {total} triples to {remote.graph_store}")
    return 0


def _remote_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="user name for HTTP basic authentication")
    parser.add_argument(
        "--password-env", metavar="VAR", help="environment variable holding the password"
    )


def _source_args(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    store_arg(where)
    where.add_argument("--endpoint", metavar="URL", help="run on a SPARQL endpoint instead")
    _remote_args(parser)
    parser.add_argument("--limit", type=int, metavar="N", help="show at most N rows")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``queries``, ``query``, ``sparql`` and ``push`` commands."""
    from cancu.query.formats import GRAPH_FORMATS, RESULT_FORMATS

    p = sub.add_parser("queries", help="list the saved queries", description=cmd_queries.__doc__)
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("query", help="run a saved query", description=cmd_query.__doc__)
    p.add_argument("name", help="saved query name (see 'cancu queries')")
    p.add_argument(
        "-p", "--param", action="append", default=[], metavar="KEY=VALUE", help="a parameter"
    )
    p.add_argument("--format", choices=RESULT_FORMATS, default="table", help="output format")
    p.add_argument("--show", action="store_true", help="print the query text instead of running it")
    p.add_argument(
        "--columns", metavar="A,B,…", help="show only these columns (their labels come along)"
    )
    _source_args(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("sparql", help="run an ad hoc SPARQL query", description=cmd_sparql.__doc__)
    p.add_argument("query", nargs="?", help="the query text")
    p.add_argument("-f", "--file", type=Path, help="read the query from FILE")
    p.add_argument(
        "--format",
        choices=(*RESULT_FORMATS, *GRAPH_FORMATS),
        help="table (default for SELECT), csv, tsv, json, xml; turtle (default), nt, jsonld "
        "for CONSTRUCT/DESCRIBE",
    )
    _source_args(p)
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser(
        "push", help="push the store to a SPARQL 1.1 store", description=cmd_push.__doc__
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="SPARQL query endpoint")
    p.add_argument(
        "--graph-store", metavar="URL", help="Graph Store Protocol URL (default: …/query → …/store)"
    )
    store_arg(p)
    _remote_args(p)
    p.set_defaults(func=cmd_push)

"""``cancu serve``: the store as a read-only SPARQL endpoint with pages and a web UI.

Exit codes: 0 stopped with Ctrl-C; 2 usage error (no store there); 3 the port is in use.
"""

from __future__ import annotations

import argparse
import errno
import signal

from cancu.cli.common import store_arg
from cancu.errors import BusyError, UsageError
from cancu.store.embedded import check_store_dir


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql, saved queries at /queries,
    a page for every minted IRI, search, graph views and a query editor at /. Queries see the
    union of all named graphs as default graph; SERVICE, LOAD and non-local FROM are refused;
    each query runs in a worker process killed after --timeout seconds."""
    from cancu.serve.app import Settings
    from cancu.serve.server import make_server

    if args.enable_update and not args.token:
        raise UsageError("--enable-update needs --token TOKEN")
    check_store_dir(args.store, must_exist=True)
    settings = Settings(
        store=args.store,
        timeout=args.timeout,
        max_rows=args.max_rows,
        max_body=args.max_body,
        workers=args.workers,
        cors=args.cors,
        enable_update=args.enable_update,
        token=args.token,
    )
    try:
        server, app = make_server(args.host, args.port, settings)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise BusyError(
            f"port {args.port} on {args.host} is in use (another cancu serve?): "
            "stop that server, or pass --port N (0 picks a free one)"
        ) from None
    signal.signal(signal.SIGTERM, _stop)
    print(
        f"cancu serving {args.store} at http://{args.host}:{server.server_address[1]}/ "
        f"(SPARQL: /sparql; Ctrl-C stops)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``serve`` command."""
    p = sub.add_parser(
        "serve",
        help="serve the store: SPARQL endpoint, pages, web UI",
        description=cmd_serve.__doc__,
    )
    store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 = any free)")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="stop a query after S seconds (default: 30)",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=10_000,
        metavar="N",
        help="cut answers after N rows, flagged X-Cancu-Truncated (default: 10000)",
    )
    p.add_argument(
        "--max-body",
        type=int,
        default=1_000_000,
        metavar="BYTES",
        help="refuse larger request bodies with 413 (default: 1000000)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=4,
        metavar="N",
        help="query worker processes (default: 4; 1 with --enable-update)",
    )
    p.add_argument(
        "--cors", metavar="ORIGIN", help="allow this origin (or *) by CORS (default: off)"
    )
    p.add_argument(
        "--enable-update",
        action="store_true",
        help="accept SPARQL updates at POST /update (needs --token)",
    )
    p.add_argument("--token", help="bearer token required for updates")
    p.set_defaults(func=cmd_serve)

"""The ``cancu`` command: a thin layer over the library, one module per command.

Exit codes (see :mod:`cancu.errors`): 0 success; 1 a document failed, validation found
violations, or the store or an endpoint failed; 2 usage error (bad option, unknown name, a
parameter that matches nothing, a directory that is not a store); 3 busy (the store is held by
another process, the port is in use); 141 the reader of the output stopped (``| head``).
"""

from __future__ import annotations

import argparse
import os
import sys

from cancu import __version__
from cancu.cli import build, graph, link, query, serve, validate
from cancu.errors import BusyError, CancuError, UsageError

COMMANDS = (build, validate, query, graph, link, serve)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cancu`` command."""
    parser = argparse.ArgumentParser(
        prog="cancu",
        description="A knowledge graph of Vietnamese administrative decisions: "
        "who leads what, with what budget and deadline, under which legal basis.",
    )
    parser.add_argument("--version", action="version", version=f"cancu {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def exit_code(exc: CancuError) -> int:
    """The exit code of an error: 2 for a usage error, 3 when busy, 1 otherwise.

    >>> exit_code(UsageError("unknown query")), exit_code(BusyError("port in use"))
    (2, 3)
    """
    if isinstance(exc, UsageError):
        return 2
    return 3 if isinstance(exc, BusyError) else 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except CancuError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_code(exc)
    except BrokenPipeError:  # the reader (head, less) stopped reading: nothing is wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit flush too
        return 141  # as a shell reports a program stopped by SIGPIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

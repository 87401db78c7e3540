"""``cancu query``: placeholder until its issue lands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``query`` command (not yet available)."""
    parser = sub.add_parser("query", help="(not yet available)")
    parser.set_defaults(func=lambda args: 2)

"""``cancu validate``: placeholder until its issue lands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` command (not yet available)."""
    parser = sub.add_parser("validate", help="(not yet available)")
    parser.set_defaults(func=lambda args: 2)

"""Options shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from cancu.store.embedded import DEFAULT_STORE


def store_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--store DIR``."""
    parser.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"store directory (default: {DEFAULT_STORE})",
    )

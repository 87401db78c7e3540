"""Shared paths and fixtures of the test suite."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
SEED = SOURCES / "qd-2818-2020-ubnd-tayninh.txt"
TPHCM = SOURCES / "qd-2820-2025-ubnd-tphcm.txt"
DONGTHAP = SOURCES / "kh-552-2025-ubnd-dongthap.txt"
DAKLAK = SOURCES / "kh-0134-2025-ubnd-daklak.txt"

# The shared material beside the checkout (CI lays it there); tests that need it skip without it.
SHARED = ROOT.parent / "shared"
FORMATS = SHARED / "formats"
PORTAL = SHARED / "corpus" / "portal"

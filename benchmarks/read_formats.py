"""Seconds per file for the format readers, on the shared files in ``../shared/formats/``.

    .venv/bin/python benchmarks/read_formats.py [--runs 3] [--out benchmarks/results/read_formats.json]

Every file of the shared folder is read with :func:`cancu.read.read_file` (the reader chosen by
its content, as ``cancu build`` does) ``--runs`` times; the result is a table keyed by file
(``docx/…``, ``html/…``): its format, the median and the fastest seconds, and what was read
(paragraphs, tables with their rows × columns, lines, metadata fields, warnings). A file whose
reader is missing or refuses it gets its one-line error instead, so a new format's rows appear
as soon as its reader exists.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cancu.errors import CancuError  # noqa: E402
from cancu.read import read_file  # noqa: E402
from cancu.read.blocks import Blocks  # noqa: E402

FORMATS = ROOT.parent / "shared" / "formats"


def summary(blocks: Blocks) -> dict[str, Any]:
    """What a reader found in one file."""
    return {
        "format": blocks.format,
        "paragraphs": sum(1 for _ in blocks.paragraphs()),
        "tables": len(blocks.tables()),
        "table_shapes": [f"{len(t.rows)}x{t.width}" for t in blocks.tables()],
        "lines": sum(1 for _ in blocks.lines()),
        "metadata": {f.name: f.value for f in blocks.metadata},
        "warnings": len(blocks.warnings),
    }


def measure(path: Path, runs: int) -> dict[str, Any]:
    """Read one file ``runs`` times: its summary and seconds, or its error."""
    seconds = []
    blocks = None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            blocks = read_file(path)
        except (CancuError, ImportError) as exc:
            return {"error": str(exc)}
        seconds.append(time.perf_counter() - start)
    assert blocks is not None
    return {
        "seconds_median": round(statistics.median(seconds), 4),
        "seconds_min": round(min(seconds), 4),
        "runs": runs,
        **summary(blocks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/read_formats.json")
    parser.add_argument("--formats", type=Path, default=FORMATS)
    args = parser.parse_args(argv)
    if not args.formats.is_dir():
        print(f"no shared formats folder at {args.formats}", file=sys.stderr)
        return 2
    table = {}
    for path in sorted(p for p in args.formats.rglob("*") if p.is_file() and p.suffix != ".md"):
        key = str(path.relative_to(args.formats))
        table[key] = measure(path, args.runs)
        row = table[key]
        shown = row.get("error") or f"{row['seconds_median']:.3f} s, tables {row['table_shapes']}"
        print(f"{key}: {shown}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading-quality evaluation: build every file of each folder and score what was read.

    .venv/bin/python benchmarks/evaluate.py ../shared/corpus/portal data/sources
    scripts/eval-corpus DIR [DIR …] [--out benchmarks/results] [--quiet]

For each folder: a line per document (status; number, date, type, issuer, signer as
✓ right, ✗ wrong, – missing, · no reference; legal-bases F1; task rows found/expected;
unresolved/all agency mentions; warnings; the error of a failed file), then the folder's
figures; the whole result goes to ``{out}/eval-{folder name}.json``. ``benchmarks/EVAL.md``
defines each figure and the reference files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation.run import evaluate_folder  # noqa: E402
from benchmarks.evaluation.table import document_line, header_line, summary_lines  # noqa: E402


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of documents")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--quiet", action="store_true", help="only the figures of each folder")
    parser.add_argument(
        "--timeout", type=int, default=120, help="seconds allowed per file (0: none)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    commit = _commit()
    for folder in args.folders:
        if not folder.is_dir():
            print(f"{folder}: not a folder", file=sys.stderr)
            return 2
        result = evaluate_folder(folder, args.timeout)
        name = folder.resolve().name
        result.update(commit=commit, when=datetime.now(UTC).isoformat(timespec="seconds"))
        if not args.quiet:
            print(header_line())
            for row in result["documents"]:
                print(document_line(row))
        print("\n".join(summary_lines(name, result["summary"])))
        print()
        path = args.out / f"eval-{name}.json"
        path.write_text(
            json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate every command output shown in README.md from a real run (``make readme``).

A block to regenerate is a marker comment followed by a fenced block::

    <!-- run: cancu validate | head 4 -->
    ```
    $ cancu validate
    …output…
    ```

Each ``cancu`` command runs, in the order of the README, in a scratch directory that holds
``data/sources`` (a link to the repository's), so paths and the default store ``build/store``
read as they do for a user of the checkout; an argument with ``*`` is expanded as a shell does. ``| head N`` keeps the first N lines. The terminal
is 100 columns wide. ``--check`` writes nothing and exits 1 when the README differs
(``tests/test_readme.py`` runs it).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MARKER = re.compile(r"<!-- run: (?P<command>.+?) -->\n```\n.*?```\n", re.DOTALL)
WIDTH = "100"


def run(command: str, cwd: Path) -> str:
    """The output a person sees for ``command`` (``cancu …`` with an optional ``| head N``)."""
    line, _, head = command.partition("|")
    argv = [
        name
        for arg in shlex.split(line)
        for name in (
            sorted(str(p.relative_to(cwd)) for p in cwd.glob(arg)) if "*" in arg else [arg]
        )
    ]
    if argv[0] != "cancu":
        raise SystemExit(f"README.md: only cancu commands are run, not {line!r}")
    env = {**os.environ, "COLUMNS": WIDTH, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "cancu", *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"README.md: '{line.strip()}' failed ({done.returncode}):\n{done.stderr}")
    lines = done.stdout.rstrip("\n").splitlines()
    if head.strip():
        lines = lines[: int(head.split()[-1])]
    return "\n".join(lines)


def regenerate(text: str) -> str:
    """README text with every marked block replaced by the output of its command."""
    with tempfile.TemporaryDirectory(prefix="cancu-readme-") as tmp:
        (Path(tmp) / "data").mkdir()
        (Path(tmp) / "data" / "sources").symlink_to(ROOT / "data" / "sources")

        def block(match: re.Match[str]) -> str:
            command = match["command"]
            shown = command.partition("|")[0].strip()
            return f"<!-- run: {command} -->\n```\n$ {shown}\n{run(command, Path(tmp))}\n```\n"

        return MARKER.sub(block, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether README.md is stale")
    args = parser.parse_args(argv)
    old = README.read_text(encoding="utf-8")
    new = regenerate(old)
    if args.check:
        if new != old:
            print("README.md is stale: run 'make readme' (python scripts/readme.py)")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README} ({len(MARKER.findall(new))} command outputs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

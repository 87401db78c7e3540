"""Errors a person understands: one line saying what to do, no traceback, a documented exit code
(2 usage, 3 busy)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cancu.cli import main

from .conftest import SEED


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_a_second_build_on_a_store_another_process_holds_exits_3(tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        code = main(["build", str(SEED), "--store", str(store), "--jobs", "1"])
    finally:
        holder.communicate("")
    line = _one_line(capsys.readouterr().err)
    assert code == 3 and "in use by another process" in line


@pytest.mark.parametrize("command", [["build", str(SEED), "--jobs", "1"], ["query", "documents"]])
def test_a_directory_that_is_not_a_store_exits_2(tmp_path: Path, capsys, command) -> None:
    (tmp_path / "notes.txt").write_text("not a store")
    code = main([*command, "--store", str(tmp_path)])
    line = _one_line(capsys.readouterr().err)
    assert code == 2 and "is not a store" in line and "--store DIR" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing written there


def test_serve_on_a_port_in_use_exits_3(tmp_path: Path, capsys) -> None:
    assert main(["build", str(SEED), "--store", str(tmp_path / "s"), "--jobs", "1"]) == 0
    capsys.readouterr()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(
            ["serve", "--store", str(tmp_path / "s"), "--port", str(port), "--workers", "1"]
        )
    line = _one_line(capsys.readouterr().err)
    assert code == 3 and f"port {port}" in line and "--port" in line

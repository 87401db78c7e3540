"""Start a real ``cancu serve`` in a subprocess on a free loopback port (tests, benchmarks).

>>> rss_kib(0) is None
True
"""

from __future__ import annotations

import select
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass
class Running:
    """A server process and its base URL."""

    process: subprocess.Popen
    url: str

    @property
    def pid(self) -> int:
        return self.process.pid


def rss_kib(pid: int) -> int | None:
    """Resident memory of a process in KiB (Linux ``/proc``), None if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@contextmanager
def running_server(
    store: Path,
    *args: str,
    wait: float = 60.0,
    command: Sequence[str] = (sys.executable, "-m", "cancu.serve"),
) -> Iterator[Running]:
    """``COMMAND --store STORE --port 0 ARGS…`` (default ``python -m cancu.serve``); yields
    once it answers."""
    cmd = [
        *command,
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        *args,
    ]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            url = _started_at(process, log, wait)
            deadline = time.monotonic() + wait
            while True:
                try:
                    urllib.request.urlopen(url + "/queries", timeout=5).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield Running(process, url)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _started_at(process: subprocess.Popen, log: IO[str], wait: float) -> str:
    """The base URL the server prints once it listens; RuntimeError with its stderr if it
    exits or stays silent for ``wait`` seconds."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], wait)
    line = process.stdout.readline() if ready else ""
    if "http://" not in line:
        process.kill()
        process.wait()
        log.seek(0)
        raise RuntimeError(f"the server did not start: {line!r}\n{log.read()[-4000:]}")
    return line.split(" at ", 1)[1].split("/ ", 1)[0]

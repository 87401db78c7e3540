"""Start a real ``cancu serve`` in a subprocess on a free loopback port (tests, benchmarks).

>>> rss_kib(0) is None
True
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


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
def running_server(store: Path, *args: str, wait: float = 60.0) -> Iterator[Running]:
    """``python -m cancu.serve --store STORE --port 0 ARGS…``; yields once it answers."""
    cmd = [
        sys.executable,
        "-m",
        "cancu.serve",
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        *args,
    ]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "http://" not in line:
            raise RuntimeError(f"the server did not start: {line!r}")
        url = line.split(" at ", 1)[1].split("/ ", 1)[0]
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

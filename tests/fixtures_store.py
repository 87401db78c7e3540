"""Shared test helpers: the store of the four bundled documents (built once per process),
golden results, and a real Oxigraph server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from functools import lru_cache
from pathlib import Path

from cancu.query.backends import Result
from cancu.store.embedded import EmbeddedStore
from cancu.store.remote import _term

REPO = Path(__file__).resolve().parents[1]
GOLDEN_DIR = REPO / "queries" / "golden"
OXIGRAPH = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "oxigraph"


@lru_cache(maxsize=1)
def bundled_store_path() -> Path:
    """A store directory holding the four bundled documents (built on first use)."""
    from cancu.pipeline import build

    path = Path(tempfile.mkdtemp(prefix="cancu-qstore-")) / "store"
    store = EmbeddedStore(path)
    reports = build(None, store)
    assert not [r for r in reports if r.error], [r.error for r in reports]
    del store
    return path


@lru_cache(maxsize=1)
def bundled_store() -> EmbeddedStore:
    """The bundled store, opened read-only."""
    return EmbeddedStore(bundled_store_path(), read_only=True)


def read_golden(path: Path) -> Result:
    """A SPARQL JSON results file as a :class:`Result`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    variables = data["head"]["vars"]
    rows = [
        tuple(_term(b[v]) if v in b else None for v in variables)
        for b in data["results"]["bindings"]
    ]
    return Result(variables, rows)


def same_answer(a: Result, b: Result, ordered: bool) -> bool:
    """Equal variables and rows (in order, or as multisets)."""
    if a.variables != b.variables:
        return False
    return a.rows == b.rows if ordered else Counter(a.rows) == Counter(b.rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on a free port with its own data directory (no union default graph)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="cancu-oxserver-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(OXIGRAPH or shutil.which("oxigraph")), "serve", "--location", str(self.dir),
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("oxigraph server did not start") from None
                time.sleep(0.1)

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def store_url(self) -> str:
        return self.base + "/store"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

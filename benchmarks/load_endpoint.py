"""Bounded loopback load test of ``cancu serve``: concurrent clients for a fixed time against
one URL; requests/s, p50/p95 latency, error rate, and the server's memory (the server process
plus its query workers: before, after and the peak polled every 100 ms during the run).

    $ .venv/bin/python benchmarks/load_endpoint.py [--store DIR] [--clients 16] [--seconds 20]

Run on its own it writes ``build/bench/endpoint.json``; ``bench.py`` (step ``endpoint``) calls
:func:`load_test` on each corpus size and records the figures in ``results/endpoint.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.request
from pathlib import Path

from measure import tree_rss

from cancu.serve.testing import running_server

OUT = Path(__file__).resolve().parents[1] / "build" / "bench" / "endpoint.json"


def _client(url: str, stop: float, latencies: list[float], errors: list[str]) -> None:
    while time.monotonic() < stop:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=60) as resp:
                resp.read()
        except Exception as exc:  # an HTTP error status or a broken connection
            errors.append(str(getattr(exc, "code", "")) or type(exc).__name__)
            continue
        latencies.append(time.monotonic() - started)


def _watch(pid: int, stop: threading.Event, peak: list[int]) -> None:
    while not stop.wait(0.1):
        peak[0] = max(peak[0], tree_rss(pid))


def load_test(store: Path, path: str, clients: int = 16, seconds: float = 20.0) -> dict:
    """``clients`` threads request ``path`` for ``seconds`` against a fresh ``cancu serve``."""
    with running_server(store) as server:
        url = server.url + path
        urllib.request.urlopen(url, timeout=120).read()  # warm up a worker
        before = tree_rss(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=_client, args=(url, stop, latencies, errors))
            for _ in range(clients)
        ]
        done_watching, peak = threading.Event(), [before]
        watcher = threading.Thread(target=_watch, args=(server.pid, done_watching, peak))
        watcher.start()
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        done_watching.set()
        watcher.join()
        after = tree_rss(server.pid)
    done = len(latencies) + len(errors)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {
        "url": path,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": done,
        "requests_per_s": round(done / elapsed, 2),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "error_rate": round(len(errors) / done, 4) if done else None,
        "errors": sorted(set(errors)),
        "rss_before_mb": round(before / 1e6, 1),
        "rss_peak_mb": round(peak[0] / 1e6, 1),
        "rss_after_mb": round(after / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("build/store"))
    parser.add_argument("--path", default="/queries/who-leads")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    result = load_test(args.store, args.path, args.clients, args.seconds)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

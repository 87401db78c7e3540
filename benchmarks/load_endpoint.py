"""Bounded loopback load test of ``cancu serve``: 16 concurrent clients for 20 s against
``/queries/who-leads``; requests/s, p50/p95 latency, error rate, server RSS before/after.

    $ .venv/bin/python benchmarks/load_endpoint.py [--store DIR] [--clients 16] [--seconds 20]

Writes ``benchmarks/results/endpoint.json``. RSS is the server process plus its workers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.request
from pathlib import Path

from cancu.serve.testing import rss_kib, running_server

OUT = Path(__file__).resolve().parent / "results" / "endpoint.json"


def total_rss(pid: int) -> dict[str, int | None]:
    """RSS of the server and the sum over its children (the workers), in KiB."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    workers = [rss_kib(int(c)) or 0 for c in children]
    return {"server_kib": rss_kib(pid), "workers_kib": sum(workers), "workers": len(workers)}


def client(url: str, stop: float, latencies: list[float], errors: list[str]) -> None:
    while time.monotonic() < stop:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=60) as resp:
                resp.read()
                if resp.status != 200:
                    errors.append(str(resp.status))
        except Exception as exc:
            errors.append(type(exc).__name__)
            continue
        latencies.append(time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("build/store"))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with running_server(args.store) as server:
        url = server.url + "/queries/who-leads"
        urllib.request.urlopen(url).read()  # warm up
        before = total_rss(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(url, stop, latencies, errors))
            for _ in range(args.clients)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        time.sleep(1)
        after = total_rss(server.pid)
    done = len(latencies) + len(errors)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    result = {
        "url": "/queries/who-leads",
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "requests": done,
        "requests_per_s": round(done / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "error_rate": round(len(errors) / done, 4) if done else None,
        "errors": sorted(set(errors)),
        "rss_before": before,
        "rss_after": after,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

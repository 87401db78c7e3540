"""Timing and memory helpers for the benchmarks: repeated timings, percentiles, peak RSS of a
subprocess (``os.wait4`` plus ``/proc`` polling of its process tree), log-log fits, cProfile
summaries and a description of the machine.

>>> summary([3.0, 1.0, 2.0])["median_s"]
2.0
>>> round(fit_exponent([1, 10, 100], [2, 20, 200]), 3)
1.0
>>> percentile([1.0, 2.0, 3.0, 4.0], 50)
2.5
"""

from __future__ import annotations

import cProfile
import io
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (linear interpolation between closest ranks)."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summary(samples: Sequence[float]) -> dict[str, float | int]:
    """Median, min, max, p50, p95 of timings in seconds, and how many there were."""
    return {
        "runs": len(samples),
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "p50_s": percentile(samples, 50),
        "p95_s": percentile(samples, 95),
    }


def time_runs(
    fn: Callable[[], object],
    runs: int,
    budget_s: float = math.inf,
    setup: Callable[[], object] | None = None,
) -> tuple[list[float], object]:
    """Time ``fn`` up to ``runs`` times (``setup`` runs untimed before each); stop early once the
    runs so far took ``budget_s`` (at least one run always happens). Returns the timings and the
    last result."""
    samples: list[float] = []
    result: object = None
    spent = 0.0
    for _ in range(max(1, runs)):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
        spent += samples[-1]
        if spent >= budget_s:
            break
    return samples, result


@dataclass
class ProcessRun:
    """A finished (or killed) subprocess: wall time, peak RSS and output."""

    returncode: int | None
    wall_s: float
    maxrss_mb: float
    """``ru_maxrss`` from ``wait4``: the largest single process of the tree."""
    tree_peak_mb: float
    """Peak of the summed RSS of the process and its descendants (``/proc`` polling)."""
    timed_out: bool
    stdout: str = ""
    stderr: str = field(default="", repr=False)


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found
    except OSError:
        return []


def tree_rss(pid: int) -> int:
    """Summed resident set size (bytes) of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        todo += _children(p)
    return total


def run_process(
    cmd: Sequence[str], timeout_s: float, poll_s: float = 0.05, cwd: Path | None = None
) -> ProcessRun:
    """Run ``cmd``; kill its process group after ``timeout_s``; measure wall time and peak RSS.

    ``cmd`` runs under a small wrapper process (this module's ``__main__``) that reports the
    command's ``ru_maxrss``: a child forked straight from a large parent would count the
    parent's pages it shares until ``exec`` in its own ``ru_maxrss``.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        rss_path = Path(tmp) / "maxrss"
        wrapped = [sys.executable, __file__, str(rss_path), *cmd]
        with out_path.open("w") as out, err_path.open("w") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                wrapped, stdout=out, stderr=err, cwd=cwd, start_new_session=True
            )
            peak, timed_out = 0, False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                peak = max(peak, tree_rss(proc.pid))
                if time.perf_counter() - start > timeout_s:
                    timed_out = True
                    os.killpg(proc.pid, 9)
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(poll_s)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        stdout = out_path.read_text(errors="replace")
        stderr = err_path.read_text(errors="replace")
        maxrss_kib = int(rss_path.read_text()) if rss_path.exists() else usage.ru_maxrss
    return ProcessRun(
        None if timed_out else proc.returncode,
        wall,
        maxrss_kib / 1024,
        peak / 2**20,
        timed_out,
        stdout,
        stderr,
    )


def fit_exponent(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Slope of the least-squares line through (log x, log y): cost ∝ size^slope."""
    pairs = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(pairs) < 2:
        return math.nan
    mx = statistics.fmean(p[0] for p in pairs)
    my = statistics.fmean(p[1] for p in pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    return sum((x - mx) * (y - my) for x, y in pairs) / sxx if sxx else math.nan


def profile(fn: Callable[[], object], top: int = 12) -> dict[str, list[dict[str, object]]]:
    """Run ``fn`` under cProfile; the top functions by own time and by cumulative time."""
    prof = cProfile.Profile()
    prof.runcall(fn)
    stats = pstats.Stats(prof, stream=io.StringIO())
    found: dict[str, list[dict[str, object]]] = {}
    for key, sort in (("by_tottime", "tottime"), ("by_cumtime", "cumulative")):
        stats.sort_stats(sort)
        rows = []
        for func in stats.fcn_list[:top]:  # type: ignore[attr-defined]
            _cc, ncalls, tottime, cumtime, _ = stats.stats[func]  # type: ignore[attr-defined]
            rows.append(
                {
                    "function": _name(func),
                    "calls": ncalls,
                    "tottime_s": round(tottime, 4),
                    "cumtime_s": round(cumtime, 4),
                }
            )
        found[key] = rows
    return found


def _name(func: tuple[str, int, str]) -> str:
    path, line, name = func
    if path == "~":
        return name
    for marker in ("site-packages/", "src/", "lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{line}({name})"


def machine() -> dict[str, object]:
    """CPU model, cores, RAM, OS, Python and library versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for lib in ("pyoxigraph", "rdflib", "pyshacl"):
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(ram / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "libraries": versions,
    }


def directory_size(path: Path) -> int:
    """Bytes used by the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _wrapper(argv: list[str]) -> int:
    """``measure.py RSS_FILE CMD…``: run CMD, write its ``ru_maxrss`` (KiB) to RSS_FILE."""
    import resource

    code = subprocess.call(argv[1:])
    Path(argv[0]).write_text(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    return code


if __name__ == "__main__":
    sys.exit(_wrapper(sys.argv[1:]))

"""Turn ``benchmarks/results/*.json`` into ``summary.json`` and the tables of the README.

    .venv/bin/python benchmarks/report.py [--results benchmarks/results] [--readme benchmarks/README.md]

The README keeps its hand-written text; everything between the ``results:start`` and
``results:end`` markers is regenerated.

>>> target("x", "a figure", 0.5, "<", 1.0, "s")["met"]
True
>>> fmt(1234567.0), fmt(0.01234), fmt(None)
('1,234,567', '0.0123', '–')
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import fit_exponent

START, END = "<!-- results:start -->", "<!-- results:end -->"
STEPS = ("seed", "extract", "load", "queries", "validate", "memory", "endpoint")
TARGET_SIZE = 10_000


def target(key: str, what: str, figure: float | None, op: str, goal: float, unit: str) -> dict:
    """A target beside its figure: ``ratio`` is figure / goal; ``met`` applies ``op``."""
    met = figure is not None and (figure < goal if op == "<" else figure >= goal)
    ratio = figure / goal if figure is not None else None
    verdict = "met" if met else "MISSED"
    line = f"{verdict:6}  {what}: {fmt(figure)} {unit}  (target {op} {fmt(goal)} {unit}; ratio {fmt(ratio)})"
    return {
        "id": key,
        "what": what,
        "figure": figure,
        "op": op,
        "goal": goal,
        "unit": unit,
        "ratio": ratio,
        "met": met,
        "line": line,
    }


def fmt(x: Any, digits: int = 3) -> str:
    """A number for a table: thousands separators when large, 3 significant digits else."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, bool) or not isinstance(x, int | float):
        return str(x)
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if x == 0:
        return "0"
    return f"{x:.{digits}g}"


def ms(seconds: float | None) -> str:
    """Seconds as milliseconds for a table."""
    return fmt(seconds * 1000) if seconds is not None else "–"


def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown table."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(c if isinstance(c, str) else fmt(c) for c in r) + " |" for r in rows]
    return [*out, ""]


def load_results(folder: Path) -> dict[str, dict]:
    """The step results present in ``folder``."""
    found = {}
    for name in STEPS:
        path = folder / f"{name}.json"
        if path.exists():
            found[name] = json.loads(path.read_text(encoding="utf-8"))
    return found


def _fits(name: str, sizes: list[int], values: list[float]) -> dict[str, Any]:
    large = [(s, v) for s, v in zip(sizes, values, strict=True) if s >= 100]
    return {
        "what": name,
        "sizes": sizes,
        "values": values,
        "exponent_all": fit_exponent(sizes, values),
        "exponent_from_100": fit_exponent(*zip(*large, strict=True)) if len(large) > 1 else None,
    }


def scaling(results: dict[str, dict]) -> list[dict[str, Any]]:
    """Log-log exponents of build time, memory, extraction, load and validation across sizes."""
    fits = []
    if "memory" in results:
        rows = [r for r in results["memory"]["rows"] if not r["timed_out"]]
        sizes = [r["size"] for r in rows]
        fits.append(_fits("cancu build wall time (s)", sizes, [r["wall_s"] for r in rows]))
        fits.append(_fits("cancu build peak RSS, largest process (MB)", sizes, [r["maxrss_mb"] for r in rows]))  # fmt: skip
        fits.append(_fits("cancu build peak RSS, process tree (MB)", sizes, [r["tree_peak_mb"] for r in rows]))  # fmt: skip
        fits.append(_fits("store on disk (MB)", sizes, [r["store_disk_mb"] for r in rows]))
    if "extract" in results:
        rows = [r for r in results["extract"]["rows"] if r["jobs"] == 2]
        fits.append(_fits("extraction, 2 cores (s)", [r["size"] for r in rows], [r["time"]["median_s"] for r in rows]))  # fmt: skip
    if "load" in results:
        rows = results["load"]["rows"]
        fits.append(_fits("replace_graphs (s)", [r["size"] for r in rows], [r["replace_graphs"]["median_s"] for r in rows]))  # fmt: skip
    if "validate" in results:
        rows = results["validate"]["rows"]
        fits.append(_fits("validation, 2 processes (s)", [r["size"] for r in rows], [r["parallel_wall_s"] for r in rows]))  # fmt: skip
    for f in fits:
        f["estimate_10000"] = extrapolate(f["sizes"], f["values"], TARGET_SIZE)
    return fits


def extrapolate(sizes: list[int], values: list[float], size: int) -> float | None:
    """The value at ``size`` on the line through the two largest sizes (fixed cost + per
    document), or None with fewer than two sizes or when ``size`` was measured.

    >>> extrapolate([1, 100, 1000], [1.0, 10.0, 100.0], 10_000)
    1000.0
    """
    if len(sizes) < 2 or sizes[-1] >= size:
        return None
    (s0, v0), (s1, v1) = (sizes[-2], values[-2]), (sizes[-1], values[-1])
    return v1 + (v1 - v0) / (s1 - s0) * (size - s1)


def estimate_10000(results: dict[str, dict], fits: list[dict[str, Any]]) -> list[str]:
    """Why the 10,000-document corpus was or was not run, from the largest run's figures."""
    notes = []
    by_name = {f["what"]: f for f in fits}
    for name in ("cancu build wall time (s)", "validation, 2 processes (s)"):
        f = by_name.get(name)
        if f and f["estimate_10000"]:
            notes.append(f"{name}: ~{fmt(f['estimate_10000'])} s at 10,000 documents (extrapolated linearly from {f['sizes'][-2]} and {f['sizes'][-1]} documents).")  # fmt: skip
    mem = by_name.get("cancu build peak RSS, process tree (MB)")
    if mem and mem["estimate_10000"]:
        notes.append(f"cancu build peak memory: ~{fmt(mem['estimate_10000'] / 1024)} GiB at 10,000 documents.")  # fmt: skip
    if "load" in results:
        big = results["load"]["rows"][-1]
        if big.get("rdflib_peak_rss_mb"):
            rss = big["rdflib_peak_rss_mb"] * TARGET_SIZE / big["size"] / 1024
            notes.append(f"rdflib Dataset of 10,000 documents: ~{fmt(rss)} GiB of RAM (linear from {fmt(big['rdflib_peak_rss_mb'])} MB at {big['size']}).")  # fmt: skip
    return notes


def summarize(folder: Path) -> dict[str, Any]:
    """Targets of every step, scaling exponents, the 10,000-document estimate."""
    results = load_results(folder)
    targets = [t for step in STEPS if step in results for t in results[step]["targets"]]
    fits = scaling(results)
    for f in fits:
        if f["what"] in ("cancu build wall time (s)", "cancu build peak RSS, process tree (MB)"):
            exponent = f["exponent_from_100"] if f["exponent_from_100"] is not None else f["exponent_all"]  # fmt: skip
            t = target(f"linear-{'time' if 'time' in f['what'] else 'memory'}", f"fitted exponent of {f['what']} (sizes ≥ 100 when measured, else all)", exponent, "<", 1.15, "")  # fmt: skip
            targets.append(t)
    machine = next((r["machine"] for r in results.values() if "machine" in r), {})
    return {
        "machine": machine,
        "targets": targets,
        "scaling": fits,
        "estimate_10000": estimate_10000(results, fits),
    }


# --- README -----------------------------------------------------------------------------------


def _machine_lines(m: dict[str, Any]) -> list[str]:
    libs = ", ".join(f"{k} {v}" for k, v in m.get("libraries", {}).items())
    return [
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, "
        f"{m.get('os')}; Python {m.get('python')}; {libs}.",
        "",
    ]


def _targets(s: dict[str, Any]) -> list[str]:
    rows = [
        [t["what"], f"{fmt(t['figure'])} {t['unit']}", f"{t['op']} {fmt(t['goal'])} {t['unit']}", fmt(t["ratio"]), "met" if t["met"] else "**missed**"]
        for t in s["targets"]
    ]  # fmt: skip
    return ["### Targets", "", *table(["figure", "measured", "target", "ratio", ""], rows)]


def _seed(r: dict) -> list[str]:
    row = r["rows"][0]
    rows = [
        ["extraction (in process, warm)", ms(row["extract"]["median_s"]), ms(row["extract"]["min_s"]), ms(row["extract"]["max_s"]), row["extract"]["runs"]],
        ["extraction, first call of a process", ms(row["extract_first_call_s"]), "", "", 1],
        ["build + validate (in process, warm)", ms(row["build_validate"]["median_s"]), ms(row["build_validate"]["min_s"]), ms(row["build_validate"]["max_s"]), row["build_validate"]["runs"]],
        ["`cancu build` (new process)", ms(row["cli_build_s"]), "", "", 1],
        ["`cancu validate` (new process)", ms(row["cli_validate_s"]), "", "", 1],
    ]  # fmt: skip
    return ["### The seed end to end", "", *table(["what", "median ms", "min ms", "max ms", "runs"], rows)]  # fmt: skip


def _extract(r: dict) -> list[str]:
    rows = [
        [x["size"], x["jobs"], x["time"]["runs"], x["time"]["median_s"], x["time"]["min_s"], x["time"]["max_s"], x["docs_per_s"], x["mb_per_s"], x["seed_docs_per_s"], x["triples"]]
        for x in r["rows"]
    ]  # fmt: skip
    head = ["docs", "jobs", "runs", "median s", "min s", "max s", "docs/s", "text MB/s", "seed-sized docs/s", "triples"]  # fmt: skip
    out = ["### Extraction (`extract_files`)", "", *table(head, rows)]
    if "seed_copies" in r:
        x = r["seed_copies"]
        out += ["", f"The seed itself, {x['copies']} times on {x['jobs']} processes: median {fmt(x['time']['median_s'])} s (min {fmt(x['time']['min_s'])}, max {fmt(x['time']['max_s'])}, {x['time']['runs']} runs), {fmt(x['docs_per_s'])} documents/s.", ""]  # fmt: skip
    return out


def _load(r: dict) -> list[str]:
    rows = []
    for x in r["rows"]:
        rdflib_s = x["rdflib_parse"]["median_s"] if x["rdflib_parse"] else None
        speed = x["replace_triples_per_s"] / x["rdflib_triples_per_s"] if x["rdflib_triples_per_s"] else None  # fmt: skip
        rows.append([x["size"], x["triples"], x["replace_graphs"]["median_s"], x["replace_triples_per_s"], x.get("memory_replace_graphs", {}).get("median_s"), x.get("memory_triples_per_s"), x["bulk_load"]["median_s"], x["bulk_triples_per_s"], rdflib_s if rdflib_s else f"> {fmt(x['rdflib_limit_s'])}", x["rdflib_triples_per_s"], speed, x["store_disk_mb"], x["nquads_mb"], x["rdflib_peak_rss_mb"]])  # fmt: skip
    head = ["docs", "triples", "replace_graphs s", "triples/s", "in memory s", "triples/s", "bulk_load s", "triples/s", "rdflib parse s", "triples/s", "speedup", "store MB", "N-Quads MB", "rdflib RSS MB"]  # fmt: skip
    return ["### Load", "", *table(head, rows)]


def _rdflib_cell(found: dict) -> tuple[str, str]:
    if "p50_s" in found:
        differ = f" (rows differ: {found['rows']})" if found.get("rows_differ") else ""
        return ms(found["p50_s"]) + differ, f"{fmt(found['speedup'])}×"
    why = found.get("skipped") or f"> {fmt(found.get('budget_s', 0))} s"
    bound = f"≥ {fmt(found['speedup_at_least'])}×" if "speedup_at_least" in found else "–"
    return why, bound


def _queries(r: dict) -> list[str]:
    out = ["### Saved queries (p50/p95 of `run_query`, parameters from `#+ example:`)", ""]
    for x in r["rows"]:
        rows = []
        for name, e in x["embedded"].items():
            cell, speed = _rdflib_cell(x["rdflib"][name])
            rows.append([f"`{name}`", e["rows"], ms(e["p50_s"]), ms(e["p95_s"]), e["runs"], cell, speed])  # fmt: skip
        out.append(
            f"{x['size']} document(s), {fmt(x['quads'])} quads; rdflib Dataset loaded in "
            f"{fmt(x['rdflib_load_s'])} s, peak {fmt(x['rdflib_peak_rss_mb'])} MB; rdflib budget "
            f"{fmt(x['budget_s'])} s per query:"
        )
        out += ["", *table(["query", "rows", "embedded p50 ms", "p95 ms", "runs", "rdflib p50 ms", "speedup"], rows)]  # fmt: skip
    return out


def _shacl_cell(found: dict) -> str:
    if found.get("skipped"):
        return found["skipped"]
    if found.get("timed_out"):
        return f"> {fmt(found['budget_s'])}"
    if "validate_s" not in found:
        return "error"
    return fmt(found["validate_s"])


def _validate(r: dict) -> list[str]:
    rows = [
        [x["size"], x["per_document"]["median_s"], x["per_document"]["max_s"], x["parallel_wall_s"], x.get("serial_wall_s"), _shacl_cell(x["pyshacl_plain"]), _shacl_cell(x["pyshacl_all"])]
        for x in r["rows"]
    ]  # fmt: skip
    head = ["docs", "per document, median s", "max s", "whole corpus, 2 processes s", "`validate(store)` serial s", "one pySHACL run, plain shapes s", "one pySHACL run, all shapes s"]  # fmt: skip
    return ["### Validation", "", *table(head, rows)]


def _memory(r: dict) -> list[str]:
    rows = [
        [x["size"], x["wall_s"], x["maxrss_mb"], x["tree_peak_mb"], x["store_disk_mb"], "timed out" if x["timed_out"] else x["returncode"]]
        for x in r["rows"]
    ]  # fmt: skip
    head = ["docs", "wall s", "peak RSS, largest process MB", "peak RSS, process tree MB", "store MB", "exit"]  # fmt: skip
    return ["### Memory of `cancu build --jobs 2`", "", *table(head, rows)]


def _scaling(s: dict[str, Any]) -> list[str]:
    rows = [
        [f["what"], " / ".join(fmt(v) for v in f["values"]), f["exponent_all"], f["exponent_from_100"], f["estimate_10000"]]
        for f in s["scaling"]
    ]  # fmt: skip
    sizes = " / ".join(str(x) for x in (s["scaling"][0]["sizes"] if s["scaling"] else []))
    out = ["### Scaling (log-log least squares)", ""]
    out += table(["figure", f"at {sizes} docs", "exponent, all sizes", "exponent, sizes ≥ 100", "est. at 10,000"], rows)  # fmt: skip
    if s["estimate_10000"]:
        out += ["10,000 documents:", "", *[f"- {n}" for n in s["estimate_10000"]], ""]
    return out


def _profiles(results: dict[str, dict]) -> list[str]:
    out = []
    for step in STEPS:
        for key, prof in results.get(step, {}).get("profiles", {}).items():
            out += [f"#### Profile for `{key}` (top functions by own time, then cumulative)", ""]
            for sort in ("by_tottime", "by_cumtime"):
                rows = [[f"`{p['function']}`", p["calls"], p["tottime_s"], p["cumtime_s"]] for p in prof[sort][:10]]  # fmt: skip
                out += table(["function", "calls", "own s", "cumulative s"], rows)
    return ["### Profiles of the missed targets", "", *out] if out else []


def _endpoint(r: dict) -> list[str]:
    rows = [
        [x["size"], x["scope"], x["clients"], x["requests"], x["requests_per_s"], x["p50_ms"], x["p95_ms"], x["error_rate"], x["rss_before_mb"], x["rss_peak_mb"]]
        for x in r["rows"]
    ]  # fmt: skip
    head = ["docs", "who-leads for", "clients", "requests", "requests/s", "p50 ms", "p95 ms", "error rate", "RSS before MB", "peak RSS MB"]  # fmt: skip
    return ["### SPARQL endpoint: `cancu serve` under load (server and its workers)", "", *table(head, rows)]  # fmt: skip


def render(folder: Path) -> str:
    """The generated part of the README."""
    results = load_results(folder)
    s = summarize(folder)
    out = [START, "", "## Results", "", *_machine_lines(s["machine"]), *_targets(s)]
    sections = {"seed": _seed, "extract": _extract, "load": _load, "queries": _queries, "validate": _validate, "memory": _memory, "endpoint": _endpoint}  # fmt: skip
    for step, fn in sections.items():
        if step in results:
            out += fn(results[step])
    out += _scaling(s)
    out += _profiles(results)
    return "\n".join([*out, END]) + "\n"


def write_outputs(folder: Path, readme: Path | None) -> list[str]:
    """Write ``summary.json`` (and the README's results part); the target lines to print."""
    s = summarize(folder)
    (folder / "summary.json").write_text(json.dumps(s, indent=1, ensure_ascii=False) + "\n")
    if readme is not None:
        text = readme.read_text(encoding="utf-8") if readme.exists() else ""
        head = text.split(START)[0].rstrip() + "\n\n" if START in text else text
        tail = text.split(END, 1)[1] if END in text else ""
        readme.write_text(head + render(folder) + tail.lstrip("\n"), encoding="utf-8")
    lines = ["", "targets:", *(t["line"] for t in s["targets"])]
    lines += ["", *s["estimate_10000"]]
    return lines


def main() -> None:
    """Re-render summary.json and the README from the results folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent
    parser.add_argument("--results", type=Path, default=here / "results")
    parser.add_argument("--readme", type=Path, default=here / "README.md")
    args = parser.parse_args()
    for line in write_outputs(args.results, args.readme):
        print(line)


if __name__ == "__main__":
    main()

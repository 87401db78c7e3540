"""Run the benchmarks of issue 9 and write ``benchmarks/results/*.json`` and the README tables.

    .venv/bin/python benchmarks/bench.py                  # sizes 1, 100, 1000; 5 runs
    .venv/bin/python benchmarks/bench.py --quick          # sizes 1, 20; 3 runs (CI smoke run)
    .venv/bin/python benchmarks/bench.py --sizes 1,100 --only extract,load --runs 5

Size 1 is the seed (``data/sources/qd-2818-2020-ubnd-tayninh.txt``); larger corpora come from
``benchmarks/generate.py`` (seed 7), cached under ``build/bench/corpus-N``. Steps: ``seed``
(build and validate the seed end to end), ``extract``, ``load``, ``queries``, ``validate``,
``memory``, ``endpoint``. Every timing repeats up to ``--runs`` times within a time budget
(large sizes run once); every baseline and subprocess has a time limit and is killed when it
passes it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph as ox  # noqa: E402
from generate import generate  # noqa: E402
from load_endpoint import load_test  # noqa: E402
from measure import (  # noqa: E402
    directory_size,
    machine,
    profile,
    run_process,
    summary,
    time_runs,
)
from rdflib import URIRef  # noqa: E402
from report import target, write_outputs  # noqa: E402

from cancu.pipeline import build, extract_files  # noqa: E402
from cancu.query.backends import Embedded  # noqa: E402
from cancu.query.run import run_query  # noqa: E402
from cancu.query.saved import load_queries  # noqa: E402
from cancu.store.embedded import EmbeddedStore  # noqa: E402
from cancu.validate.validator import find_documents, validate  # noqa: E402

SEED = ROOT / "data" / "sources" / "qd-2818-2020-ubnd-tayninh.txt"
PYTHON = sys.executable
CANCU = str(Path(sys.executable).with_name("cancu"))
STEPS = ("seed", "extract", "load", "queries", "validate", "memory", "endpoint")


@dataclass
class Config:
    """What to run and how long each measurement may take."""

    sizes: list[int]
    runs: int
    steps: list[str]
    out: Path
    work: Path
    quick: bool
    repeat_budget_s: float
    """Stop repeating a timing once its runs took this long (one run always happens)."""
    query_budget_s: float
    """Time limit of one rdflib query (all its runs)."""
    shacl_budget_s: float
    """Time limit of one pySHACL run over a whole corpus."""
    query_repeat_s: float
    """Stop repeating an embedded query once its runs took this long."""
    step_limit_s: float = 600.0
    """Time limit of any subprocess (a baseline, ``cancu build``)."""


@dataclass
class Corpus:
    """The sources of one size, with their extraction, N-Quads and built store made on demand."""

    size: int
    work: Path
    made: dict[str, float] = field(default_factory=dict)

    @cached_property
    def paths(self) -> list[Path]:
        """Size 1: the seed; otherwise ``size`` generated decisions (cached on disk)."""
        if self.size == 1:
            return [SEED]
        folder = self.work / f"corpus-{self.size}"
        found = sorted(folder.glob("*.txt"))
        if len(found) != self.size:
            shutil.rmtree(folder, ignore_errors=True)
            found = sorted(generate(self.size, folder, seed=7))
        return found

    @cached_property
    def text_bytes(self) -> int:
        """Bytes of source text."""
        return sum(p.stat().st_size for p in self.paths)

    @cached_property
    def graphs(self) -> dict[URIRef, str]:
        """N-Triples of each document graph (extracted on two cores)."""
        graphs, reports = extract_files(self.paths, jobs=2)
        failed = [r.error for r in reports if r.error]
        if failed:
            raise SystemExit(f"extraction failed for {len(failed)} sources: {failed[:3]}")
        return graphs

    @cached_property
    def nquads(self) -> Path:
        """The document graphs as one N-Quads file."""
        path = self.work / f"documents-{self.size}.nq"
        with path.open("w", encoding="utf-8") as out:
            for name, body in self.graphs.items():
                suffix = f" <{name}> .\n"
                out.writelines(line[:-2] + suffix for line in body.splitlines(keepends=True))
        return path

    @cached_property
    def store(self) -> Path:
        """A store made by :func:`cancu.pipeline.build` (jobs=2): documents, vocabularies, links."""
        folder = self.work / f"store-{self.size}"
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        build(self.paths, EmbeddedStore(folder), jobs=2, incremental=False)
        self.made["build_s"] = time.perf_counter() - start
        return folder

    @cached_property
    def dump(self) -> Path:
        """The whole built store as N-Quads (what the rdflib baseline loads)."""
        path = self.work / f"store-{self.size}.nq"
        EmbeddedStore(self.store, read_only=True).dump(path, "nq")
        return path


def log(message: str) -> None:
    """Progress on stderr, with the time of day."""
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def timed(cfg: Config, fn: Callable[[], object], setup: Callable[[], object] | None = None):
    """``summary`` of up to ``cfg.runs`` timings of ``fn`` within the repeat budget."""
    samples, result = time_runs(fn, cfg.runs, cfg.repeat_budget_s, setup)
    return summary(samples), result


# --- seed -------------------------------------------------------------------------------------


def step_seed(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """Build (extract + load) and validate the seed, in process (warm) and as commands (cold)."""
    folder = cfg.work / "seed-store"

    def fresh() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def build_and_validate() -> None:
        store = EmbeddedStore(folder)
        build([SEED], store, jobs=1, incremental=False)
        validate(store)

    start = time.perf_counter()
    extract_files([SEED])
    first_extract = time.perf_counter() - start
    extract, _ = timed(cfg, lambda: extract_files([SEED]))
    fresh()
    build_and_validate()  # warm the caches (shapes, ontology, gazetteer)
    end_to_end, _ = timed(cfg, build_and_validate, setup=fresh)
    fresh()
    cold_build = run_process(
        [CANCU, "build", str(SEED), "--store", str(folder), "--jobs", "1"], 120
    )
    cold_validate = run_process([CANCU, "validate", "--store", str(folder)], 120)
    row = {
        "size": 1,
        "extract_first_call_s": first_extract,
        "extract": extract,
        "build_validate": end_to_end,
        "cli_build_s": cold_build.wall_s,
        "cli_validate_s": cold_validate.wall_s,
    }
    targets = [
        target("seed-build", "build + validate of the seed, in process", row["build_validate"]["median_s"], "<", 1.0, "s"),
        target("seed-extract", "extraction of the seed", row["extract"]["median_s"], "<", 0.1, "s"),
    ]  # fmt: skip
    profiles = {}
    if not targets[0]["met"]:
        fresh()
        profiles["seed-build"] = profile(build_and_validate)
    if not targets[1]["met"]:
        profiles["seed-extract"] = profile(lambda: extract_files([SEED]))
    return {"rows": [row], "targets": targets, "profiles": profiles}


# --- extraction -------------------------------------------------------------------------------


def step_extract(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """Documents/s and MB/s of :func:`extract_files` on one core and on two."""
    rows = []
    for size, corpus in corpora.items():
        log(f"corpus of {size} documents: {len(corpus.paths)} files")  # generated before timing
        for jobs in (1, 2):
            log(f"extract {size} documents, jobs={jobs}")
            if size <= 100 and jobs == 1:
                extract_files(corpus.paths[:1])  # warm the caches of this process
            times, (graphs, _) = timed(cfg, lambda c=corpus, j=jobs: extract_files(c.paths, jobs=j))
            triples = sum(body.count("\n") for body in graphs.values())
            corpus.__dict__.setdefault("graphs", graphs)  # the load step reuses them
            rows.append(
                {
                    "size": size,
                    "jobs": jobs,
                    "time": times,
                    "triples": triples,
                    "text_mb": corpus.text_bytes / 1e6,
                    "docs_per_s": size / times["median_s"],
                    "mb_per_s": corpus.text_bytes / 1e6 / times["median_s"],
                    "seed_docs_per_s": corpus.text_bytes / SEED.stat().st_size / times["median_s"],
                }
            )
    copies = 20 if cfg.quick else 100
    log(f"extract the seed {copies} times, jobs=2")
    seed_t, _ = timed(cfg, lambda: extract_files([SEED] * copies, jobs=2))
    seed_row = {"copies": copies, "jobs": 2, "time": seed_t, "docs_per_s": copies / seed_t["median_s"]}  # fmt: skip
    largest = max(r["size"] for r in rows)
    best = next(r for r in rows if r["size"] == largest and r["jobs"] == 2)
    targets = [
        target("extract-rate", f"extraction on 2 cores, {largest} generated documents", best["docs_per_s"], ">=", 50, "docs/s"),
        target("extract-rate-seed", f"extraction on 2 cores of seed-sized documents (the seed, {copies} times)", seed_row["docs_per_s"], ">=", 50, "docs/s"),
    ]  # fmt: skip
    profiles = {}
    if not all(t["met"] for t in targets):
        sample = corpora[largest].paths[:10]
        profiles["extract-rate"] = profile(lambda: extract_files(sample, jobs=1))
    return {"rows": rows, "seed_copies": seed_row, "targets": targets, "profiles": profiles}


# --- load -------------------------------------------------------------------------------------


def step_load(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """Triples/s into the embedded store (replace_graphs, bulk_load) versus rdflib's parser."""
    rows = []
    folder = cfg.work / "load-store"

    def fresh() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def replace(graphs: dict[URIRef, str]) -> int:
        store = EmbeddedStore(folder)
        total = store.replace_graphs(graphs)
        store.flush()
        return total

    def in_memory(graphs: dict[URIRef, str]) -> int:
        return EmbeddedStore(None).replace_graphs(graphs)

    def bulk(path: Path) -> int:
        store = ox.Store(str(folder))
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        store.flush()
        return len(store)

    for size, corpus in corpora.items():
        log(f"load {size} documents")
        graphs, nquads = corpus.graphs, corpus.nquads
        replace_t, triples = timed(cfg, lambda g=graphs: replace(g), setup=fresh)
        disk = directory_size(folder)
        memory_t, _ = timed(cfg, lambda g=graphs: in_memory(g))
        bulk_t, quads = timed(cfg, lambda p=nquads: bulk(p), setup=fresh)
        fresh()
        rdflib_runs, rss = [], 0.0
        for _ in range(1 if cfg.quick or size > 100 else cfg.runs):
            run = run_process([PYTHON, str(ROOT / "benchmarks" / "baseline.py"), "load", str(nquads)], cfg.step_limit_s)  # fmt: skip
            if run.timed_out:
                break
            rdflib_runs.append(json.loads(run.stdout.splitlines()[-1])["load_s"])
            rss = max(rss, run.maxrss_mb)
        rdflib_t = summary(rdflib_runs) if rdflib_runs else None
        rows.append(
            {
                "size": size,
                "triples": triples,
                "replace_graphs": replace_t,
                "replace_triples_per_s": triples / replace_t["median_s"],
                "memory_replace_graphs": memory_t,
                "memory_triples_per_s": triples / memory_t["median_s"],
                "bulk_load": bulk_t,
                "bulk_triples_per_s": quads / bulk_t["median_s"],
                "store_disk_mb": disk / 1e6,
                "nquads_mb": nquads.stat().st_size / 1e6,
                "rdflib_parse": rdflib_t,
                "rdflib_timed_out": rdflib_t is None,
                "rdflib_limit_s": cfg.step_limit_s,
                "rdflib_triples_per_s": triples / rdflib_t["median_s"] if rdflib_t else None,
                "rdflib_peak_rss_mb": rss,
            }
        )
    big = rows[-1]
    speedup = (
        big["replace_triples_per_s"] / big["rdflib_triples_per_s"]
        if big["rdflib_triples_per_s"]
        else None
    )
    memory_speedup = (
        big["memory_triples_per_s"] / big["rdflib_triples_per_s"]
        if big["rdflib_triples_per_s"]
        else None
    )
    targets = [
        target("load-rate", f"replace_graphs, {big['size']} documents", big["replace_triples_per_s"], ">=", 300_000, "triples/s"),
        target("load-vs-rdflib", f"replace_graphs / rdflib Dataset.parse, {big['size']} documents", speedup, ">=", 10, "×"),
        target("load-rate-memory", f"replace_graphs into the in-memory store, {big['size']} documents", big["memory_triples_per_s"], ">=", 300_000, "triples/s"),
        target("load-vs-rdflib-memory", f"in-memory replace_graphs / rdflib Dataset.parse (both in memory), {big['size']} documents", memory_speedup, ">=", 10, "×"),
    ]  # fmt: skip
    profiles = {}
    if not all(t["met"] for t in targets):
        sample = dict(list(corpora[big["size"]].graphs.items())[:100])  # a bounded profile
        fresh()
        profiles["load-rate"] = profile(lambda: replace(sample))
        profiles["load-rate-memory"] = profile(lambda: in_memory(sample))
        fresh()
    return {"rows": rows, "targets": targets, "profiles": profiles}


# --- saved queries ----------------------------------------------------------------------------


def _embedded_query(cfg: Config, backend: Embedded, name: str) -> dict[str, Any]:
    query = load_queries()[name]
    params = dict(query.example)
    start = time.perf_counter()
    rows = len(run_query(query, backend, params))  # warm-up
    first = time.perf_counter() - start
    if first > cfg.query_repeat_s:  # a slow query: its warm-up run is its one sample
        return {"rows": rows, **summary([first])}
    samples, _ = time_runs(
        lambda: run_query(query, backend, params), max(cfg.runs, 20), cfg.query_repeat_s
    )
    return {"rows": rows, **summary(samples)}


def _baseline_skips(previous: dict[str, Any] | None, size: int, budget: float) -> dict[str, str]:
    """Queries not worth running on rdflib at ``size``: they ran out of time on a smaller
    corpus, or their time there, scaled linearly, is over twice the budget."""
    skips: dict[str, str] = {}
    for name, found in (previous or {}).get("rdflib", {}).items():
        if found.get("timed_out"):
            skips[name] = f"> {budget:.0f} s at {previous['size']} documents"
        elif found.get("p50_s") and found["p50_s"] * size / previous["size"] > 2 * budget:
            est = found["p50_s"] * size / previous["size"]
            skips[name] = f"~{est:.0f} s extrapolated from {previous['size']} documents"
    return skips


def _baseline_queries(cfg: Config, corpus: Corpus, skips: dict[str, str]) -> dict[str, Any]:
    cmd = [PYTHON, str(ROOT / "benchmarks" / "baseline.py"), "queries", str(corpus.dump)]
    cmd += ["--budget", str(cfg.query_budget_s), "--runs", str(cfg.runs), "--skip", ",".join(skips)]
    run = run_process(cmd, cfg.step_limit_s)
    found: dict[str, Any] = {}
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    head = lines[0] if lines else {}
    for line in lines[1:]:
        entry = {"timed_out": line["timed_out"], "rows": line.get("rows")}
        if line["samples"] and not line["timed_out"]:
            entry.update(summary(line["samples"]))
        found[line["query"]] = entry
    for name in load_queries():
        if name in skips:
            found[name] = {"timed_out": True, "skipped": skips[name]}
        elif name not in found:
            found[name] = {"timed_out": True, "skipped": "the baseline process ran out of time"}
    return {"load_s": head.get("load_s"), "peak_rss_mb": run.maxrss_mb, "queries": found}


def step_queries(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """p50/p95 of every saved query on the embedded store and on an rdflib Dataset."""
    rows: list[dict[str, Any]] = []
    previous = None
    for size, corpus in corpora.items():
        log(f"queries on {size} documents: building the store")
        backend = Embedded(EmbeddedStore(corpus.store, read_only=True))
        embedded = {name: _embedded_query(cfg, backend, name) for name in load_queries()}
        log(f"queries on {size} documents: rdflib baseline")
        skips = _baseline_skips(previous, size, cfg.query_budget_s)
        base = _baseline_queries(cfg, corpus, skips)
        row = {
            "size": size,
            "build_s": corpus.made.get("build_s"),
            "quads": len(backend.store.store),
            "rdflib_load_s": base["load_s"],
            "rdflib_peak_rss_mb": base["peak_rss_mb"],
            "budget_s": cfg.query_budget_s,
            "embedded": embedded,
            "rdflib": base["queries"],
        }
        for name, found in row["rdflib"].items():
            if found.get("rows") is not None and found["rows"] != embedded[name]["rows"]:
                found["rows_differ"] = True
            if "p50_s" in found:
                found["speedup"] = found["p50_s"] / embedded[name]["p50_s"]
            elif found.get("timed_out"):
                found["speedup_at_least"] = cfg.query_budget_s / embedded[name]["p50_s"]
        rows.append(row)
        previous = {"size": size, "rdflib": row["rdflib"]}
    return {"rows": rows, **_query_targets(rows, corpora)}


def _query_targets(rows: list[dict[str, Any]], corpora: dict[int, Corpus]) -> dict[str, Any]:
    targets, profiles = [], {}
    seed = next((r for r in rows if r["size"] == 1), None)
    if seed:
        slowest = max(seed["embedded"], key=lambda n: seed["embedded"][n]["p50_s"])
        figure = seed["embedded"][slowest]["p50_s"] * 1000
        targets.append(target("query-seed", f"slowest saved query on the seed ({slowest}), p50", figure, "<", 10, "ms"))  # fmt: skip
        if not targets[-1]["met"]:
            profiles["query-seed"] = _query_profile(corpora[1], slowest)
    big = rows[-1]
    p50 = big["embedded"]["who-leads"]["p50_s"] * 1000
    targets.append(target("who-leads", f"who-leads on {big['size']} documents, p50", p50, "<", 200, "ms"))  # fmt: skip
    if not targets[-1]["met"]:
        profiles["who-leads"] = _query_profile(corpora[big["size"]], "who-leads")
    speedups = {n: f.get("speedup", f.get("speedup_at_least", 0)) for n, f in big["rdflib"].items()}
    low = min(speedups, key=speedups.__getitem__)
    exact = "speedup" in big["rdflib"][low]
    targets.append(target("query-vs-rdflib", f"smallest speedup over rdflib, {big['size']} documents ({low}{'' if exact else ', rdflib timed out: a lower bound'})", speedups[low], ">=", 20, "×"))  # fmt: skip
    if not targets[-1]["met"]:
        profiles["query-vs-rdflib"] = _query_profile(corpora[big["size"]], low)
    return {"targets": targets, "profiles": profiles}


def _query_profile(corpus: Corpus, name: str) -> dict[str, Any]:
    backend = Embedded(EmbeddedStore(corpus.store, read_only=True))
    query = load_queries()[name]
    params = dict(query.example)
    return profile(lambda: run_query(query, backend, params))


# --- validation -------------------------------------------------------------------------------


def validate_parallel(store_dir: Path, jobs: int = 2) -> list[float]:
    """Validate every document graph of a store as ``cancu validate --jobs 2`` does; the seconds
    each document took (its pySHACL run, SPARQL checks and results)."""
    report = validate(EmbeddedStore(store_dir, read_only=True), jobs=jobs, graphs=False)
    return [d.seconds for d in report.documents]


def _shacl_baseline(cfg: Config, corpus: Corpus, shapes: str, skip: str | None) -> dict[str, Any]:
    if skip:
        return {"timed_out": True, "skipped": skip}
    cmd = [PYTHON, str(ROOT / "benchmarks" / "baseline.py"), "shacl", str(corpus.dump)]
    run = run_process([*cmd, "--shapes", shapes], cfg.shacl_budget_s)
    if run.timed_out or run.returncode != 0:
        return {"timed_out": run.timed_out, "error": run.stderr[-500:] if run.returncode else None}
    return {"timed_out": False, "peak_rss_mb": run.maxrss_mb, **json.loads(run.stdout.splitlines()[-1])}  # fmt: skip


def step_validate(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """Seconds per document and per corpus: per-document validation on 2 processes, the serial
    ``validate(store)``, and one pySHACL run over everything (plain shapes, and all shapes)."""
    rows: list[dict[str, Any]] = []
    for size, corpus in corpora.items():
        log(f"validate {size} documents")
        store_dir = corpus.store
        start = time.perf_counter()
        per_doc = validate_parallel(store_dir)
        wall = time.perf_counter() - start
        row: dict[str, Any] = {
            "size": size,
            "parallel_wall_s": wall,
            "per_document": summary(per_doc),
        }
        if not cfg.quick and sum(per_doc) < cfg.shacl_budget_s:
            store = EmbeddedStore(store_dir, read_only=True)
            row["serial_wall_s"] = time_runs(lambda s=store: validate(s), 1)[0][0]
        for shapes in ("plain", "all"):
            before = rows[-1][f"pyshacl_{shapes}"] if rows else None
            skip = None
            if before and before.get("timed_out"):
                skip = f"> {cfg.shacl_budget_s:.0f} s at {rows[-1]['size']} documents"
            log(f"validate {size} documents: one pySHACL run, {shapes} shapes")
            row[f"pyshacl_{shapes}"] = _shacl_baseline(cfg, corpus, shapes, skip)
            row[f"pyshacl_{shapes}"]["budget_s"] = cfg.shacl_budget_s
        rows.append(row)
    big = rows[-1]
    targets = [target("validate-corpus", f"validation of {big['size']} documents on 2 processes", big["parallel_wall_s"], "<", 60 * big["size"] / 1000, "s")]  # fmt: skip
    targets[0]["goal_note"] = "60 s per 1,000 documents, scaled to the size measured"
    profiles = {}
    if not targets[0]["met"]:
        store = EmbeddedStore(corpora[big["size"]].store, read_only=True)
        documents = find_documents(store)[:5]
        profiles["validate-corpus"] = profile(
            lambda: [validate(store, graph) for graph, _, _ in documents]
        )
    return {"rows": rows, "targets": targets, "profiles": profiles}


# --- memory -----------------------------------------------------------------------------------


def step_memory(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """Peak RSS and wall time of ``cancu build FILES --store DIR --jobs 2`` (a fresh process)."""
    rows = []
    for size, corpus in corpora.items():
        log(f"memory of cancu build, {size} documents")
        with tempfile.TemporaryDirectory(dir=cfg.work) as tmp:
            cmd = [
                CANCU,
                "build",
                *map(str, corpus.paths),
                "--store",
                f"{tmp}/store",
                "--jobs",
                "2",
            ]
            run = run_process(cmd, cfg.step_limit_s, cwd=ROOT)
            disk = directory_size(Path(tmp) / "store")
        rows.append(
            {
                "size": size,
                "wall_s": run.wall_s,
                "timed_out": run.timed_out,
                "returncode": run.returncode,
                "maxrss_mb": run.maxrss_mb,
                "tree_peak_mb": run.tree_peak_mb,
                "store_disk_mb": disk / 1e6,
            }
        )
    return {"rows": rows, "targets": [], "profiles": {}}


# --- endpoint ---------------------------------------------------------------------------------


def step_endpoint(cfg: Config, corpora: dict[int, Corpus]) -> dict[str, Any]:
    """``cancu serve`` under 16 concurrent loopback clients at each size: who-leads over the
    whole corpus (the server's row limit applies) and for one document; the server's peak RSS."""
    rows = []
    seconds = 3.0 if cfg.quick else 15.0
    for size, corpus in corpora.items():
        _, _, number = find_documents(EmbeddedStore(corpus.store, read_only=True))[0]
        one = "/queries/who-leads?" + urllib.parse.urlencode({"document": number})
        for scope, path in (("corpus", "/queries/who-leads"), ("one document", one)):
            log(f"endpoint, {size} documents, who-leads for {scope}, 16 clients, {seconds:g} s")
            rows.append(
                {"size": size, "scope": scope, **load_test(corpus.store, path, 16, seconds)}
            )
    return {"rows": rows, "targets": [], "profiles": {}}


RUNNERS: dict[str, Callable[[Config, dict[int, Corpus]], dict[str, Any]]] = {
    "seed": step_seed,
    "extract": step_extract,
    "load": step_load,
    "queries": step_queries,
    "validate": step_validate,
    "memory": step_memory,
    "endpoint": step_endpoint,
}


def parse_args(argv: list[str] | None = None) -> Config:
    """The command line as a :class:`Config`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1,20; 3 runs; short budgets")
    parser.add_argument("--sizes", help="corpus sizes, e.g. 1,100,1000 (1 = the seed)")
    parser.add_argument("--only", help=f"steps to run, of {','.join(STEPS)}")
    parser.add_argument("--runs", type=int, help="repetitions per timing (default 5; quick 3)")
    parser.add_argument("--out", type=Path, help="results folder (default benchmarks/results; "
                        "with --quick build/bench/results-quick)")  # fmt: skip
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)
    steps = args.only.split(",") if args.only else list(STEPS)
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}: expected some of {','.join(STEPS)}")
    sizes = [int(s) for s in (args.sizes or ("1,20" if args.quick else "1,100,1000")).split(",")]
    default_out = ROOT / ("build/bench/results-quick" if args.quick else "benchmarks/results")
    return Config(
        sizes=sorted(set(sizes)),
        runs=args.runs or (3 if args.quick else 5),
        steps=steps,
        out=args.out or default_out,
        work=args.work,
        quick=args.quick,
        repeat_budget_s=5.0 if args.quick else 30.0,
        query_budget_s=1.0 if args.quick else 60.0,
        shacl_budget_s=5.0 if args.quick else 120.0,
        query_repeat_s=1.0 if args.quick else 5.0,
    )


def main(argv: list[str] | None = None) -> None:
    """Run the chosen steps; write one JSON file per step, the summary and the README tables."""
    cfg = parse_args(argv)
    cfg.work.mkdir(parents=True, exist_ok=True)
    cfg.out.mkdir(parents=True, exist_ok=True)
    corpora = {size: Corpus(size, cfg.work) for size in cfg.sizes}
    info = machine()
    for step in cfg.steps:
        start = time.perf_counter()
        found = RUNNERS[step](cfg, corpora)
        found = {
            "step": step,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": cfg.quick,
            "runs": cfg.runs,
            "sizes": cfg.sizes,
            "seconds": time.perf_counter() - start,
            "machine": info,
            **found,
        }
        (cfg.out / f"{step}.json").write_text(
            json.dumps(found, indent=1, ensure_ascii=False) + "\n"
        )
        for t in found["targets"]:
            log(t["line"])
        log(f"{step}: {found['seconds']:.1f} s")
    for line in write_outputs(
        cfg.out, readme=None if cfg.quick else ROOT / "benchmarks" / "README.md"
    ):
        print(line)


if __name__ == "__main__":
    main()

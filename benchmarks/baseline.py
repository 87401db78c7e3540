"""The plain-rdflib baseline: an rdflib Dataset in memory, rdflib's SPARQL engine and one pySHACL
run over everything. Each command runs in its own process (``bench.py`` starts it with a time
limit and measures its peak memory) and prints JSON lines on stdout:

    .venv/bin/python benchmarks/baseline.py load CORPUS.nq
    .venv/bin/python benchmarks/baseline.py queries CORPUS.nq --budget 60 --runs 5 [--skip a,b]
    .venv/bin/python benchmarks/baseline.py shacl CORPUS.nq --shapes all|plain

``queries`` runs every saved query through :func:`cancu.query.run.run_query` (the same code
path as on the embedded store, parameters from the ``#+ example:`` header) with an
:class:`Rdflib` backend; a query that outlives ``--budget`` seconds is interrupted (SIGALRM)
and reported as timed out, and the next one runs.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cancu.query.backends import Result  # noqa: E402
from cancu.query.run import run_query  # noqa: E402
from cancu.query.saved import load_queries  # noqa: E402
from cancu.sparql_text import values_block  # noqa: E402
from cancu.store.embedded import to_oxigraph  # noqa: E402


def _term(term: Any) -> Any:
    """An rdflib result term as a pyoxigraph term (unbound stays None)."""
    return None if term is None else to_oxigraph(term)


class Rdflib:
    """A query backend over an in-memory rdflib :class:`Dataset` (the same protocol as
    :class:`cancu.query.run.Embedded`)."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def select(self, sparql: str, bindings: Mapping[str, Any]) -> Result:
        # A trailing VALUES clause, as on a remote endpoint: rdflib's initBindings do not
        # reach into subqueries, so some queries would answer for every agency.
        if bindings:
            sparql = f"{sparql}\n{values_block(list(bindings), [tuple(bindings.values())])}"
        answer = self.dataset.query(sparql)
        variables = [str(v) for v in answer.vars or []]
        rows = [tuple(_term(row[v]) for v in variables) for row in answer]
        return Result(variables, rows)

    def ask(self, sparql: str) -> bool:
        return bool(self.dataset.query(sparql).askAnswer)

    def triples(self, sparql: str) -> list[ox.Triple]:
        raise NotImplementedError("the baseline runs saved SELECT queries only")


def load(path: Path) -> tuple[Dataset, float]:
    """Parse an N-Quads file into a new in-memory Dataset; the time it took."""
    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(str(path), format="nquads")
    return dataset, time.perf_counter() - start


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def timed_query(
    backend: Rdflib, name: str, params: dict[str, str], budget: float, runs: int
) -> dict[str, Any]:
    """Run one saved query up to ``runs`` times; interrupt it after ``budget`` seconds in all."""
    query = load_queries()[name]
    samples: list[float] = []
    rows = None
    signal.signal(signal.SIGALRM, _alarm)
    spent = 0.0
    while len(samples) < runs:
        signal.setitimer(signal.ITIMER_REAL, max(0.01, budget - spent))
        start = time.perf_counter()
        try:
            rows = len(run_query(query, backend, params))
        except _Timeout:
            return {"query": name, "timed_out": True, "budget_s": budget, "samples": samples}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples.append(time.perf_counter() - start)
        spent += samples[-1]
        if spent > min(budget / 2, 10.0):
            break
    return {"query": name, "timed_out": False, "rows": rows, "samples": samples}


def cmd_load(args: argparse.Namespace) -> None:
    """Parse the N-Quads once; print the time and the number of quads."""
    dataset, seconds = load(args.nquads)
    print(json.dumps({"load_s": seconds, "quads": len(dataset)}), flush=True)


def cmd_queries(args: argparse.Namespace) -> None:
    """Load, then time every saved query (one JSON line each, printed as it finishes)."""
    dataset, seconds = load(args.nquads)
    print(json.dumps({"load_s": seconds, "quads": len(dataset)}), flush=True)
    backend = Rdflib(dataset)
    skip = set(filter(None, args.skip.split(",")))
    for name, query in load_queries().items():
        if name in skip:
            continue
        found = timed_query(backend, name, dict(query.example), args.budget, args.runs)
        print(json.dumps(found), flush=True)


def cmd_shacl(args: argparse.Namespace) -> None:
    """One pySHACL run over the union of every graph in the file (shapes: all or plain)."""
    from pyshacl import validate

    from cancu.validate.validator import load_shapes

    start = time.perf_counter()
    dataset, _ = load(args.nquads)
    data = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    del dataset
    parse_s = time.perf_counter() - start
    shapes = load_shapes("all")
    start = time.perf_counter()
    _conforms, report, _ = validate(
        data,
        shacl_graph=shapes.graph if args.shapes == "all" else shapes.plain,
        inference="none",
        advanced=False,
        inplace=True,
    )
    seconds = time.perf_counter() - start
    results = len(list(report.objects(None, URIRef("http://www.w3.org/ns/shacl#result"))))
    print(
        json.dumps(
            {"parse_s": parse_s, "validate_s": seconds, "triples": len(data), "results": results}
        ),
        flush=True,
    )


def main() -> None:
    """Parse the command line and run one baseline command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    for name, func in (("load", cmd_load), ("queries", cmd_queries), ("shacl", cmd_shacl)):
        cmd = sub.add_parser(name, help=func.__doc__)
        cmd.add_argument("nquads", type=Path)
        cmd.set_defaults(func=func)
        if name == "queries":
            cmd.add_argument("--budget", type=float, default=60.0)
            cmd.add_argument("--runs", type=int, default=5)
            cmd.add_argument("--skip", default="", help="comma-separated query names")
        if name == "shacl":
            cmd.add_argument("--shapes", choices=("all", "plain"), default="all")
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()

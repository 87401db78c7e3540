"""Graphs from the seed store: node and edge counts checked against direct SPARQL counts, and
every export format read back."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from cancu.cli import graph as graph_cli
from cancu.cli import main
from cancu.graph import export, metrics, views
from cancu.pipeline import build
from cancu.resolve import NoMatchError
from cancu.store.embedded import EmbeddedStore
from cancu.vocab import sparql_prefixes
from tests.conftest import SEED

SEED_GRAPH = "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818/graph"
ITEMS = "{ ?item a cancu:Task } UNION { ?item a cancu:Duty }"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    path = tmp_path_factory.mktemp("graphs") / "store"
    reports = build([SEED], EmbeddedStore(path))
    assert not any(r.error for r in reports)
    return EmbeddedStore(path, read_only=True)


@pytest.fixture(scope="module")
def corpus(store) -> views.Corpus:
    return views.load_corpus(store)


def count(store: EmbeddedStore, where: str) -> int:
    """``SELECT (COUNT(*) AS ?n) { SELECT DISTINCT … }`` over the seed's graph."""
    q = f"{sparql_prefixes()}SELECT (COUNT(*) AS ?n) {{ {where} }}"
    row = next(iter(store.store.query(q, use_default_graph_as_union=True)))
    return int(row[0].value)


def expected(store: EmbeddedStore, view: str) -> tuple[int, int]:
    g = f"GRAPH <{SEED_GRAPH}>"
    if view == "responsibility":
        items = count(store, f"SELECT DISTINCT ?item {{ {g} {{ {ITEMS} }} }}")
        agents = count(
            store,
            f"SELECT DISTINCT ?a {{ {g} {{ {ITEMS} ?item cancu:participation/cv:hasParticipant ?a }} }}",
        )
        edges = count(
            store,
            f"SELECT DISTINCT ?item ?r ?a {{ {g} {{ {ITEMS} ?item cancu:participation ?p . ?p cv:role ?r ; cv:hasParticipant ?a }} }}",
        )
        return items + agents, edges
    if view == "collaboration":
        nodes = count(
            store,
            f"SELECT DISTINCT ?a {{ {g} {{ ?t a cancu:Task ; cancu:participation/cv:hasParticipant ?a }} }}",
        )
        edges = count(
            store,
            f"""SELECT DISTINCT ?a ?b {{ {g} {{ ?t a cancu:Task ;
            cancu:participation/cv:hasParticipant ?a, ?b FILTER(STR(?a) < STR(?b)) }} }}""",
        )
        return nodes, edges
    docs = count(store, f"SELECT DISTINCT ?d {{ {g} {{ ?d a cancu:SourceDocument }} }}")
    insts = count(
        store,
        f"""SELECT DISTINCT ?i {{ {g} {{ {{ ?d a cancu:SourceDocument ; eli:based_on|eli:cites ?i }}
        UNION {{ ?t a cancu:Task ; eli:cites ?i }} }} }}""",
    )
    tasks = count(store, f"SELECT DISTINCT ?t {{ {g} {{ ?t a cancu:Task ; eli:cites ?i }} }}")
    doc_edges = count(
        store,
        f"SELECT DISTINCT ?d ?r ?i {{ {g} {{ ?d a cancu:SourceDocument ; ?r ?i FILTER(?r IN (eli:based_on, eli:cites)) }} }}",
    )
    task_edges = count(
        store, f"SELECT DISTINCT ?t ?i {{ {g} {{ ?t a cancu:Task ; eli:cites ?i }} }}"
    )
    return docs + insts + tasks, doc_edges + task_edges


@pytest.mark.parametrize("view", views.VIEWS)
def test_counts_match_sparql(store, corpus, view):
    g = views.build_view(corpus, view)
    assert (g.number_of_nodes(), g.number_of_edges()) == expected(store, view)


def test_seed_figures(corpus):
    """The seed has 75 tasks and 35 duties; every task is grouped by its reform area."""
    g = views.responsibility(corpus)
    kinds = [d["kind"] for _, d in g.nodes(data=True)]
    assert kinds.count("task") == 75 and kinds.count("duty") == 35
    tasks = [d for _, d in g.nodes(data=True) if d["kind"] == "task"]
    assert all(d["area"] and d["area_label"] for d in tasks)
    roles = {k for _, _, k in g.edges(keys=True)}
    assert roles == {"lead", "coordinating", "assigned"}


@pytest.mark.parametrize("view", views.VIEWS)
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_read_back(store, corpus, tmp_path, view, fmt):
    g = views.build_view(corpus, view)
    path = export.write(g, fmt, tmp_path / f"g.{fmt}")
    if fmt == "graphml":
        back = nx.read_graphml(path)
    elif fmt == "gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert (back.number_of_nodes(), back.number_of_edges()) == expected(store, view)
    assert all(d.get("label") and d.get("kind") for _, d in back.nodes(data=True))


@pytest.mark.parametrize("view", views.VIEWS)
def test_dot_renders(store, corpus, tmp_path, view):
    g = views.build_view(corpus, view)
    dot = export.write(g, "dot", tmp_path / "g.dot").read_text(encoding="utf-8")
    assert dot.count(" -> " if g.is_directed() else " -- ") == g.number_of_edges()
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not installed (apt-get install graphviz)")
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True
    ).stdout.decode()
    assert (svg.count('class="node"'), svg.count('class="edge"')) == expected(store, view)
    assert export.to_svg(g).startswith(b"<?xml")


def test_svg_without_graphviz(monkeypatch, corpus):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(export.ExportError, match="Graphviz is not installed"):
        export.to_svg(views.collaboration(corpus))


def test_selection_by_name(corpus):
    """Agencies with or without diacritics, documents by number, areas by code or label."""
    sel = views.select(
        corpus, agency="so tai chinh tay ninh", document="2818/QĐ-UBND", area="the-che"
    )
    assert sel.agency.endswith("/so-tai-chinh-tay-ninh")
    assert sel.document == SEED_GRAPH.removesuffix("/graph")
    assert sel == views.select(
        corpus, agency="Sở Tài chính", document="2818", area="Cải cách thể chế"
    )
    with pytest.raises(NoMatchError, match="no agency"):
        views.select(corpus, agency="Sở Hàng không vũ trụ")


def test_agency_filter_keeps_its_tasks(corpus):
    sel = views.select(corpus, agency="Sở Tư pháp")
    g = views.responsibility(corpus, sel)
    items = [n for n, d in g.nodes(data=True) if d["kind"] in ("task", "duty")]
    assert items and all(g.has_edge(sel.agency, n) for n in items)
    collab = views.collaboration(corpus, sel)
    assert sel.agency in collab and all(
        collab.has_edge(sel.agency, n) for n in collab if n != sel.agency
    )


def test_expand_groups_replaces_known_groups(corpus):
    plain = views.collaboration(corpus)
    expanded = views.collaboration(corpus, expand_groups=True)
    group = "https://w3id.org/cancu/agency/cac-so-ban-nganh-tinh-tay-ninh"
    assert group in plain and group not in expanded
    assert "https://w3id.org/cancu/agency/so-ngoai-vu-tay-ninh" in expanded


def test_metrics(corpus):
    resp, collab = views.responsibility(corpus), views.collaboration(corpus)
    rows = {m.agent: m for m in metrics.agency_metrics(resp, collab)}
    led = sum(1 for _, _, k in resp.edges(keys=True) if k == "lead")
    assert sum(m.tasks_led for m in rows.values()) == led
    budget = sum(
        d["budget"] for _, t, k in resp.edges(keys=True) if k == "lead" for d in [resp.nodes[t]]
    )
    assert sum(m.budget_led for m in rows.values()) == pytest.approx(budget)
    assert all(0 <= m.betweenness <= 1 for m in rows.values())
    assert max(rows.values(), key=lambda m: m.degree).degree == max(d for _, d in collab.degree())


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cancu")
    graph_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_graph(store, tmp_path, capsys):
    out = tmp_path / "g.html"
    assert (
        _run(
            [
                "graph",
                "--store",
                str(store.path),
                "--out",
                str(out),
                "--agency",
                "so noi vu tay ninh",
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert re.search(
        rf"wrote {re.escape(str(out))} \(responsibility, html\): \d+ nodes, \d+ edges", said
    )
    page = out.read_text(encoding="utf-8")
    skeleton = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert "src=" not in skeleton and "<link" not in skeleton  # nothing fetched: works offline
    assert "connect-src 'none'" in page
    assert main(["graph", "--store", str(store.path), "--agency", "Sở Hàng không"]) == 2


def test_page_escapes_labels():
    g = nx.Graph(view="collaboration")
    g.add_node("urn:x", kind="agency", label="<img src=x onerror=alert(1)></script>&")
    page = export.to_html(g)
    data = page.split('id="graph-data">')[1].split("</script>")[0]
    assert (
        "<img" not in page
        and "\\u003cimg src=x onerror=alert(1)\\u003e\\u003c/script\\u003e\\u0026" in data
    )
    with pytest.raises(export.ExportError):
        export.to_html(g, server_url="javascript:alert(1)")


def test_vendored_library_has_its_licence():
    vendor = Path(export.__file__).parent / "static" / "graph" / "vendor" / "cytoscape"
    assert "Permission is hereby granted" in (vendor / "LICENSE").read_text(encoding="utf-8")
    assert (vendor / "cytoscape.min.js").stat().st_size > 100_000

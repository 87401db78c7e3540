"""Graphs to files: GraphML and GEXF (Gephi, yEd), DOT and SVG (Graphviz), node-link JSON and
one self-contained interactive HTML page (Cytoscape.js inlined, works offline).

>>> import networkx as nx
>>> g = nx.MultiDiGraph(view="responsibility")
>>> g.add_node("urn:a", kind="agency", label='Sở "A"'); g.add_node("urn:t", kind="task", label="1. x")
>>> _ = g.add_edge("urn:a", "urn:t", key="lead", role="lead")
>>> print(to_dot(g).splitlines()[3])
  "urn:a" [label="Sở \\"A\\"", shape=box, style=filled, fillcolor="#fde2b3"];
>>> script_json({"label": "<img src=x>"})
'{"label": "\\\\u003cimg src=x\\\\u003e"}'
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import networkx as nx

from cancu.errors import CancuError

FORMATS = ("html", "graphml", "gexf", "dot", "svg", "json")
SERVER_URL = "http://127.0.0.1:8000"
_FILL = {
    "agency": "#fde2b3",
    "group": "#f9c784",
    "unresolved": "#e0e0e0",
    "task": "#cfe3f7",
    "duty": "#d7f0d2",
    "document": "#d9c8ef",
    "instrument": "#f3d1dc",
}
_EDGE = {
    "lead": "#c0392b",
    "coordinating": "#2471a3",
    "assigned": "#1e8449",
    "based_on": "#5b2c6f",
    "cites": "#7f8c8d",
}


class ExportError(CancuError):
    """A graph could not be written in the requested format."""


def _q(text: object) -> str:
    """A DOT double-quoted string."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{s}"'


def _short(data: dict, limit: int = 60) -> str:
    label = str(data.get("label", ""))
    return label if len(label) <= limit else label[: limit - 1] + "…"


def to_dot(graph: nx.Graph) -> str:
    """Graphviz DOT text: items clustered by group, agents as boxes, edges coloured by role."""
    directed = graph.is_directed()
    lines = [
        f"{'digraph' if directed else 'graph'} cancu {{",
        "  graph [rankdir=LR, overlap=false, fontname=Helvetica];",
        "  node [fontname=Helvetica, fontsize=10];",
    ]
    clusters: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        shape = "box" if data.get("kind") in ("agency", "group", "unresolved") else "ellipse"
        line = (
            f"  {_q(node)} [label={_q(_short(data))}, shape={shape}, style=filled, "
            f"fillcolor={_q(_FILL.get(str(data.get('kind')), '#ffffff'))}];"
        )
        if data.get("group") and data.get("kind") != "document":
            clusters.setdefault(str(data["group"]), []).append(line)
        else:
            lines.append(line)
    for k, (group, members) in enumerate(sorted(clusters.items())):
        label = next(
            d.get("group_label", group)
            for _, d in graph.nodes(data=True)
            if d.get("group") == group
        )
        lines += [f"  subgraph cluster_{k} {{", f"    label={_q(label)};", "    style=rounded;"]
        lines += ["  " + m for m in members] + ["  }"]
    arrow = "->" if directed else "--"
    for u, v, data in graph.edges(data=True):
        kind = str(data.get("role") or data.get("relation") or "")
        attrs = [f"color={_q(_EDGE.get(kind, '#555555'))}"]
        if kind:
            attrs.append(f"tooltip={_q(kind)}")
        if not directed:
            attrs.append(f"penwidth={1 + min(float(data.get('weight', 1)), 9) / 2:g}")
            attrs.append(f"label={_q(data.get('weight', ''))}")
        lines.append(f"  {_q(u)} {arrow} {_q(v)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(graph: nx.Graph) -> bytes:
    """SVG drawn by Graphviz ``dot`` (a clear error when Graphviz is not installed)."""
    dot = shutil.which("dot")
    if dot is None:
        raise ExportError(
            "Graphviz is not installed: 'dot' was not found on PATH "
            "(Debian/Ubuntu: apt-get install graphviz); try --format dot or html"
        )
    run = subprocess.run(
        [dot, "-Tsvg"],
        input=to_dot(graph).encode("utf-8"),
        capture_output=True,
        timeout=600,
        check=False,
    )
    if run.returncode != 0:
        raise ExportError(f"dot failed: {run.stderr.decode('utf-8', 'replace').strip()}")
    return run.stdout


def to_json(graph: nx.Graph) -> str:
    """Node-link JSON (``nodes``/``links``), UTF-8 text."""
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the line
    separators escaped as ``\\uXXXX``."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _static(name: str) -> str:
    return (resources.files("cancu.graph") / "static" / "graph" / name).read_text(encoding="utf-8")


def page_data(graph: nx.Graph, *, server_url: str = SERVER_URL, title: str = "") -> dict:
    """What the page needs: nodes, edges, groups, the server URL."""
    nodes = [{"id": n, **d} for n, d in graph.nodes(data=True)]
    if graph.is_multigraph():
        edges = [
            {"source": u, "target": v, "key": k, **d}
            for u, v, k, d in graph.edges(keys=True, data=True)
        ]
    else:
        edges = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    groups = {
        str(d["group"]): str(d.get("group_label", d["group"]))
        for _, d in graph.nodes(data=True)
        if d.get("group")
    }
    return {
        "view": graph.graph.get("view", ""),
        "title": title,
        "server_url": server_url,
        "nodes": nodes,
        "edges": edges,
        "groups": [{"id": k, "label": v} for k, v in sorted(groups.items(), key=lambda x: x[1])],
    }


def to_html(graph: nx.Graph, *, server_url: str = SERVER_URL, title: str = "") -> str:
    """One self-contained page: the data as JSON, Cytoscape.js, the app script and styles."""
    if not re.match(r"^https?://[^\s\"'<>]+$", server_url):
        raise ExportError(f"--server-url must be an http(s) URL, not '{server_url}'")
    parts = {
        "TITLE": _html_text(title or f"cancu · {graph.graph.get('view', 'graph')}"),
        "CSS": _static("graph.css"),
        "CYTOSCAPE": _static("vendor/cytoscape/cytoscape.min.js").replace("</script", "<\\/script"),
        "APP": _static("graph.js").replace("</script", "<\\/script"),
        "DATA": script_json(page_data(graph, server_url=server_url, title=title)),
    }
    return re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], _static("page.html"))


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(
    graph: nx.Graph, fmt: str, path: Path, *, server_url: str = SERVER_URL, title: str = ""
) -> Path:
    """Write ``graph`` to ``path`` in ``fmt`` (one of :data:`FORMATS`); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(graph, path, encoding="utf-8", named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(graph, path, encoding="utf-8")
    elif fmt == "dot":
        path.write_text(to_dot(graph), encoding="utf-8")
    elif fmt == "svg":
        path.write_bytes(to_svg(graph))
    elif fmt == "json":
        path.write_text(to_json(graph), encoding="utf-8")
    elif fmt == "html":
        path.write_text(to_html(graph, server_url=server_url, title=title), encoding="utf-8")
    else:
        raise ExportError(f"unknown format '{fmt}': expected one of {', '.join(FORMATS)}")
    return path

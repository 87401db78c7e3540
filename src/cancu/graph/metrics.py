"""Per-agency figures: tasks led and coordinated, budget led, place in the collaboration graph.

A task with several leads counts in full for each of them (its budget too). Betweenness is
computed on the unweighted collaboration graph and normalised (0–1).

>>> import networkx as nx
>>> resp = nx.MultiDiGraph()
>>> resp.add_node("t1", kind="task", budget=5.0); resp.add_node("a", kind="agency")
>>> resp.add_node("b", kind="agency")
>>> _ = resp.add_edge("a", "t1", key="lead", role="lead"); _ = resp.add_edge("b", "t1", key="coordinating", role="coordinating")
>>> collab = nx.Graph(); collab.add_edge("a", "b", weight=1)
>>> [(m.agent, m.tasks_led, m.tasks_coordinated, m.budget_led, m.degree) for m in agency_metrics(resp, collab)]
[('a', 1, 0, 5.0, 1), ('b', 0, 1, 0.0, 1)]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx

AGENT_KINDS = ("agency", "group", "unresolved")


@dataclass(frozen=True)
class AgencyMetrics:
    """The figures of one agent."""

    agent: str
    label: str
    kind: str
    tasks_led: int
    tasks_coordinated: int
    duties_assigned: int
    budget_led: float
    degree: int
    weighted_degree: int
    betweenness: float

    def as_dict(self) -> dict[str, object]:
        """The figures as a dict (for JSON and node attributes)."""
        return asdict(self)


def agency_metrics(resp: nx.MultiDiGraph, collab: nx.Graph) -> list[AgencyMetrics]:
    """Figures for every agent of the responsibility graph, most tasks led first."""
    between = nx.betweenness_centrality(collab) if len(collab) > 2 else dict.fromkeys(collab, 0.0)
    rows = []
    for node, data in resp.nodes(data=True):
        if data.get("kind") not in AGENT_KINDS:
            continue
        counts = {"lead": 0, "coordinating": 0, "assigned": 0}
        budget = 0.0
        for _, item, role in resp.out_edges(node, keys=True):
            if role in counts:
                counts[role] += 1
            if role == "lead":
                budget += float(resp.nodes[item].get("budget", 0.0))
        rows.append(
            AgencyMetrics(
                node,
                str(data.get("label", node)),
                str(data["kind"]),
                counts["lead"],
                counts["coordinating"],
                counts["assigned"],
                budget,
                collab.degree(node) if node in collab else 0,
                int(collab.degree(node, weight="weight")) if node in collab else 0,
                round(between.get(node, 0.0), 6),
            )
        )
    return sorted(rows, key=lambda m: (-m.tasks_led, -m.tasks_coordinated, m.label))


def annotate(graph: nx.Graph, metrics: list[AgencyMetrics]) -> None:
    """Copy the figures onto the agent nodes of ``graph`` (those it holds)."""
    for m in metrics:
        if m.agent in graph:
            for key, value in m.as_dict().items():
                if key not in ("agent", "label", "kind"):
                    graph.nodes[m.agent][key] = value


def table(metrics: list[AgencyMetrics]) -> str:
    """The figures as tab-separated text with a header line.

    >>> table([AgencyMetrics("urn:a", "Sở A", "agency", 2, 1, 0, 5e6, 3, 4, 0.5)]).splitlines()[1]
    'Sở A\\t2\\t1\\t0\\t5000000\\t3\\t4\\t0.5\\turn:a'
    """
    head = "agency\tled\tcoordinated\tduties\tbudget_led_vnd\tdegree\tweighted_degree\tbetweenness\tiri"
    lines = [head]
    for m in metrics:
        lines.append(
            f"{m.label}\t{m.tasks_led}\t{m.tasks_coordinated}\t{m.duties_assigned}\t"
            f"{m.budget_led:.0f}\t{m.degree}\t{m.weighted_degree}\t{m.betweenness:g}\t{m.agent}"
        )
    return "\n".join(lines)

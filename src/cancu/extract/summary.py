"""Figures and warnings of one extracted document, as ``cancu build`` prints them."""

from __future__ import annotations

from cancu.extract.records import AgentRef, Document


def _agents(doc: Document) -> list[AgentRef]:
    refs = [*doc.recipients]
    refs += [p.agent for a in doc.articles for p in a.participations]
    refs += [a for d in doc.duties for a in d.assignees]
    refs += [a for t in doc.tasks for a in (*t.leads, *t.coordinators)]
    if doc.proposer:
        refs.append(doc.proposer)
    return refs


def counts(doc: Document, triples: int) -> dict[str, int]:
    """The figures ``cancu build`` prints for one document."""
    agents = _agents(doc)
    instruments = {
        (
            c.instrument.number.normalized if c.instrument.number else c.instrument.name,
            c.instrument.year,
        )
        for c in doc.citations
        if c.kind != "self"
    }
    return {
        "articles": len(doc.articles),
        "legal bases": sum(1 for c in doc.bases if c.kind == "legal-basis"),
        "instruments": len(instruments),
        "duties": len(doc.duties),
        "tasks": len(doc.tasks),
        "agencies": len({a.iri for a in agents if a.iri}),
        "unresolved names": len({a.as_written for a in agents if not a.iri}),
        "triples": triples,
    }


def warnings_of(doc: Document) -> list[str]:
    """Warnings a reader should see: unresolved names, tasks without lead, truncated names."""
    out = list(doc.warnings)
    for task in doc.tasks:
        if task.lead_cell_empty:
            out.append(
                f"{doc.where(task.start)}: task {task.numbering or task.position} has no lead agency"
            )
    seen: set[str] = set()
    for agent in _agents(doc):
        if agent.as_written in seen:
            continue
        seen.add(agent.as_written)
        if not agent.iri and agent.candidates:
            slugs = ", ".join(c.rsplit("/", 1)[-1] for c in agent.candidates[:5])
            more = f" and {len(agent.candidates) - 5} more" if len(agent.candidates) > 5 else ""
            out.append(
                f"line {agent.start}: ambiguous agency name '{agent.as_written}', "
                f"{len(agent.candidates)} candidates: {slugs}{more}"
            )
        elif not agent.iri:
            out.append(
                f"{doc.where(agent.start)}: agency name not in the gazetteer: '{agent.as_written}'"
            )
        elif agent.quality == "truncated":
            out.append(
                f"{doc.where(agent.start)}: truncated agency name '{agent.as_written}' read as {agent.label}"
            )
    return out

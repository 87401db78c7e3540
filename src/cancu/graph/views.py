"""Store to networkx graphs: who is responsible for what, who works with whom, on which basis.

:func:`load_corpus` reads tasks, duties, agents, documents and instruments from the store with a
handful of SPARQL queries; the builders turn a :class:`Corpus` (optionally narrowed by a
:class:`Selection`) into graphs whose attributes are scalars, ready for GraphML/GEXF:

- :func:`responsibility` — a ``MultiDiGraph`` agent → task/duty, one edge per role
  (``lead``, ``coordinating``, ``assigned``), weighted by the task's budget;
- :func:`collaboration` — a ``Graph`` agent — agent, weighted by the number of tasks shared;
- :func:`legal_basis` — a ``MultiDiGraph`` document → instrument (``based_on``/``cites``) and
  task → instrument (``cites``).

>>> from cancu.store.embedded import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.update('''PREFIX cancu: <https://w3id.org/cancu/ontology#>
... PREFIX cv: <http://data.europa.eu/m8g/>
... INSERT DATA { GRAPH <urn:g> { <urn:d> a cancu:SourceDocument .
...   <urn:t> a cancu:Task ; cancu:numbering "1." ; cancu:participation <urn:p> .
...   <urn:p> cv:role <https://w3id.org/cancu/scheme/role/lead> ; cv:hasParticipant <urn:a> } }''')
>>> g = responsibility(load_corpus(store))
>>> sorted(g.nodes), list(g.edges(keys=True))
(['urn:a', 'urn:t'], [('urn:a', 'urn:t', 'lead')])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from cancu.errors import UsageError
from cancu.query.backends import python_value
from cancu.resolve import gazetteer_agencies, pick
from cancu.store.embedded import EmbeddedStore
from cancu.text.names import fold
from cancu.vocab import BASE, SCHEME, sparql_prefixes

VIEWS = ("responsibility", "collaboration", "legal-basis")
AGENCIES_GRAPH = BASE + "graph/agencies"
ONTOLOGY_GRAPH = BASE + "graph/ontology"
_ROLE = str(SCHEME) + "role/"


@dataclass
class Item:
    """A task (appendix row) or a duty (plan item assigned to agencies)."""

    iri: str
    kind: str
    document: str
    numbering: str = ""
    label: str = ""
    text: str = ""
    area: str = ""
    heading: str = ""
    levels: list[str] = field(default_factory=list)
    deadline: str = ""
    deadline_start: date | None = None
    deadline_end: date | None = None
    deadline_kind: str = ""
    budget: Decimal | None = None
    line_start: int = 0
    line_end: int = 0
    participants: list[tuple[str, str]] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)


@dataclass
class Agent:
    """An agency, an agency group (with its members when known) or an unresolved name."""

    iri: str
    kind: str = "unresolved"
    label: str = ""
    label_en: str = ""
    level: str = ""
    members: list[str] = field(default_factory=list)


@dataclass
class Instrument:
    """A legal instrument (source documents are instruments too)."""

    iri: str
    label: str = ""
    title: str = ""
    number: str = ""
    type_code: str = ""
    date: date | None = None
    issuer: str = ""
    issuer_code: str = ""
    line_start: int = 0
    line_end: int = 0


@dataclass
class Corpus:
    """Everything the graphs need, read once from the store."""

    items: dict[str, Item] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    documents: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    concepts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def concept_label(self, iri: str, lang: str = "vi") -> str:
        """The @vi (or @en) label of a scheme concept, else the last IRI segment."""
        vi, en = self.concepts.get(iri, ("", ""))
        return (en if lang == "en" else vi) or vi or iri.rsplit("/", 1)[-1]

    def agent_label(self, iri: str) -> str:
        """The Vietnamese label of an agent, else its IRI."""
        agent = self.agents.get(iri)
        return agent.label if agent and agent.label else iri


_ITEMS = """SELECT ?item ?kind ?doc ?numbering ?label ?text ?area ?heading ?start ?end ?budget
       ?dl ?dlKind ?dlStart ?dlEnd WHERE { GRAPH ?g {
  ?doc a cancu:SourceDocument .
  { ?item a cancu:Task BIND("task" AS ?kind) } UNION { ?item a cancu:Duty BIND("duty" AS ?kind) }
  OPTIONAL { ?item cancu:numbering ?numbering } OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item cancu:text ?text } OPTIONAL { ?item cancu:area ?area }
  OPTIONAL { ?item cancu:areaHeading ?heading }
  OPTIONAL { ?item cancu:lineStart ?start ; cancu:lineEnd ?end }
  OPTIONAL { ?item cancu:budget/schema:value ?budget }
  OPTIONAL { ?item cancu:deadline ?d . ?d cancu:asWritten ?dl ; cancu:deadlineKind ?dlKind
    OPTIONAL { ?d time:hasBeginning/time:inXSDDate ?dlStart }
    OPTIONAL { ?d time:hasEnd/time:inXSDDate ?dlEnd } } } }"""
_LEVELS = "SELECT ?item ?v { GRAPH ?g { ?item a cancu:Task ; cancu:level ?v } } ORDER BY ?item ?v"
_PARTS = """SELECT ?item ?role ?agent { GRAPH ?g { ?item cancu:participation ?p .
  ?p cv:role ?role ; cv:hasParticipant ?agent } } ORDER BY ?item ?p"""
_CITES = "SELECT ?item ?v { GRAPH ?g { ?item a cancu:Task ; eli:cites ?v } } ORDER BY ?item ?v"
_DOCS = """SELECT ?doc ?rel ?inst { GRAPH ?g { ?doc a cancu:SourceDocument
  OPTIONAL { ?doc ?rel ?inst FILTER(?rel IN (eli:based_on, eli:cites)) } } } ORDER BY ?doc ?inst"""
_INSTRUMENTS = """SELECT ?i ?label ?title ?number ?type ?date ?issuer ?code ?start ?end {
  GRAPH ?g { ?i a cancu:LegalInstrument
  OPTIONAL { ?i rdfs:label ?label } OPTIONAL { ?i eli:title ?title }
  OPTIONAL { ?i eli:number ?number } OPTIONAL { ?i cancu:typeCode ?type }
  OPTIONAL { ?i eli:date_document ?date } OPTIONAL { ?i eli:passed_by ?issuer }
  OPTIONAL { ?i cancu:issuerCode ?code }
  OPTIONAL { ?i cancu:lineStart ?start ; cancu:lineEnd ?end } } }"""
_AGENTS = """SELECT ?a ?type ?label ?vi ?en ?level {
  { SELECT DISTINCT ?a { { ?p cv:hasParticipant ?a } UNION { ?x eli:passed_by ?a }
    UNION { GRAPH <@G@> { ?a a ?t } } } }
  OPTIONAL { ?a a ?type FILTER(?type IN (cancu:Agency, cancu:AgencyGroup)) }
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?a skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?a cancu:level ?level } }""".replace("@G@", AGENCIES_GRAPH)
_MEMBERS = "SELECT ?g ?m { GRAPH <@G@> { ?g cancu:hasMember ?m } } ORDER BY ?g ?m".replace(
    "@G@", AGENCIES_GRAPH
)
_CONCEPTS = """SELECT ?c ?vi ?en { GRAPH <@G@> { ?c skos:prefLabel ?vi FILTER(lang(?vi) = "vi")
  OPTIONAL { ?c skos:prefLabel ?en FILTER(lang(?en) = "en") } } }""".replace("@G@", ONTOLOGY_GRAPH)


def _rows(store: EmbeddedStore, sparql: str) -> Iterable[dict[str, object]]:
    answer = store.query(sparql_prefixes() + sparql, union=True)
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    for row in answer:
        yield {n: python_value(t) for n, t in zip(names, row, strict=True) if t is not None}


def _s(value: object) -> str:
    return "" if value is None else str(value)


def load_corpus(store: EmbeddedStore) -> Corpus:
    """Read the tasks, duties, agents, documents and instruments of every document in ``store``."""
    c = Corpus()
    for r in _rows(store, _CONCEPTS):
        c.concepts.setdefault(_s(r["c"]), (_s(r["vi"]), _s(r.get("en"))))
    for r in _rows(store, _ITEMS):
        if r["item"] in c.items:
            continue
        c.items[_s(r["item"])] = Item(
            _s(r["item"]),
            _s(r["kind"]),
            _s(r["doc"]),
            _s(r.get("numbering")),
            _s(r.get("label")),
            _s(r.get("text")),
            _s(r.get("area")),
            _s(r.get("heading")),
            deadline=_s(r.get("dl")),
            deadline_start=r.get("dlStart"),  # type: ignore[arg-type]
            deadline_end=r.get("dlEnd"),
            deadline_kind=_s(r.get("dlKind")).rsplit("/", 1)[-1],  # type: ignore[arg-type]
            budget=r.get("budget"),
            line_start=int(r.get("start", 0)),
            line_end=int(r.get("end", 0)),  # type: ignore[arg-type]
        )
    for r in _rows(store, _LEVELS):
        c.items[_s(r["item"])].levels.append(_s(r["v"]).rsplit("/", 1)[-1])
    for r in _rows(store, _PARTS):
        item = c.items.get(_s(r["item"]))
        if item is not None:
            role = _s(r["role"]).removeprefix(_ROLE)
            if (role, _s(r["agent"])) not in item.participants:
                item.participants.append((role, _s(r["agent"])))
    for r in _rows(store, _CITES):
        c.items[_s(r["item"])].cites.append(_s(r["v"]))
    for r in _rows(store, _DOCS):
        rels = c.documents.setdefault(_s(r["doc"]), [])
        if "inst" in r:
            rels.append((_s(r["rel"]).rsplit("#", 1)[-1], _s(r["inst"])))
    for r in _rows(store, _INSTRUMENTS):
        c.instruments.setdefault(
            _s(r["i"]),
            Instrument(
                _s(r["i"]),
                _s(r.get("label")),
                _s(r.get("title")),
                _s(r.get("number")),
                _s(r.get("type")),
                r.get("date"),
                _s(r.get("issuer")),
                _s(r.get("code")),  # type: ignore[arg-type]
                int(r.get("start", 0)),
                int(r.get("end", 0)),
            ),
        )
    kinds = {"Agency": "agency", "AgencyGroup": "group"}
    for r in _rows(store, _AGENTS):
        a = c.agents.setdefault(_s(r["a"]), Agent(_s(r["a"])))
        a.kind = kinds.get(_s(r.get("type")).rsplit("#", 1)[-1], a.kind)
        a.label = a.label or _s(r.get("vi") or r.get("label"))
        a.label_en = a.label_en or _s(r.get("en"))
        a.level = a.level or _s(r.get("level")).rsplit("/", 1)[-1]
    for r in _rows(store, _MEMBERS):
        c.agents.setdefault(_s(r["g"]), Agent(_s(r["g"]), "group")).members.append(_s(r["m"]))
    return c


# ---------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Selection:
    """What to keep: one document, one reform area, one agency (IRIs; empty = everything)."""

    document: str = ""
    area: str = ""
    agency: str = ""

    def __bool__(self) -> bool:
        return bool(self.document or self.area or self.agency)


def resolve_agency(corpus: Corpus, name: str, document: str = "") -> str:
    """An agent IRI from an IRI or a name written with or without diacritics (among the agents
    of ``document`` when given)."""
    if name in corpus.agents:
        return name
    known = gazetteer_agencies(name) & set(corpus.agents)
    if len(known) == 1:
        return known.pop()
    used = {
        a
        for i in corpus.items.values()
        if not document or i.document == document
        for _, a in i.participants
    }
    labels = {a.iri: [x for x in (a.label, a.label_en) if x] for a in corpus.agents.values()}
    return pick("agency", name, {i: lb for i, lb in labels.items() if i in used and lb})


def resolve_area(corpus: Corpus, name: str) -> str:
    """A reform-area IRI from its IRI, its code (``the-che``) or its label (vi or en)."""
    prefix = str(SCHEME) + "reform-area/"
    areas = {
        i: [*v, i.removeprefix(prefix)] for i, v in corpus.concepts.items() if i.startswith(prefix)
    }
    return pick("area", prefix + name if prefix + name in areas else name, areas)


def resolve_document(corpus: Corpus, name: str) -> str:
    """A document IRI from its IRI or its number (``2818/QĐ-UBND``, or ``2818`` if unique)."""
    docs = {}
    for iri in corpus.documents:
        inst = corpus.instruments.get(iri, Instrument(iri))
        docs[iri] = [x for x in (inst.number, inst.label, inst.number.split("/")[0]) if x] or [iri]
    return pick("document", name, docs)


def select(corpus: Corpus, *, document: str = "", area: str = "", agency: str = "") -> Selection:
    """Resolve the names typed by a user into a :class:`Selection`."""
    doc = resolve_document(corpus, document) if document else ""
    return Selection(
        doc,
        resolve_area(corpus, area) if area else "",
        resolve_agency(corpus, agency, doc) if agency else "",
    )


# ------------------------------------------------------------------------------- graphs


def participants(corpus: Corpus, item: Item, expand_groups: bool = False) -> list[tuple[str, str]]:
    """(role, agent) pairs of an item; groups replaced by their known members if asked."""
    out: list[tuple[str, str]] = []
    for role, agent in item.participants:
        members = corpus.agents[agent].members if expand_groups and agent in corpus.agents else []
        for a in members or [agent]:
            if (role, a) not in out:
                out.append((role, a))
    return out


def selected_items(corpus: Corpus, sel: Selection, expand_groups: bool = False) -> list[Item]:
    """The items kept by ``sel`` (an agency keeps the items it takes part in)."""
    return [
        i
        for i in corpus.items.values()
        if (not sel.document or i.document == sel.document)
        and (not sel.area or i.area == sel.area)
        and (
            not sel.agency
            or any(a == sel.agency for _, a in participants(corpus, i, expand_groups))
        )
    ]


def period(item: Item) -> str:
    """The deadline period used by the page filter: the year the deadline ends, else its kind.

    >>> period(Item("t", "task", "d", deadline_end=date(2021, 12, 31)))
    '2021'
    >>> period(Item("t", "task", "d", deadline_kind="ongoing")), period(Item("t", "task", "d"))
    ('ongoing', 'none')
    """
    day = item.deadline_end or item.deadline_start
    return str(day.year) if day else (item.deadline_kind or "none")


def _money(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _item_attrs(corpus: Corpus, item: Item) -> dict[str, object]:
    group = item.area or (
        "heading:" + fold(item.heading) if item.heading else "doc:" + item.document
    )
    group_label = (
        corpus.concept_label(item.area) if item.area else item.heading or "(không rõ lĩnh vực)"
    )
    roles: dict[str, list[str]] = defaultdict(list)
    for role, agent in item.participants:
        roles[role].append(corpus.agent_label(agent))
    doc = corpus.instruments.get(item.document)
    attrs: dict[str, object] = {
        "kind": item.kind,
        "label": f"{item.numbering} {item.label}".strip()[:120],
        "numbering": item.numbering,
        "text": item.text,
        "document": item.document,
        "document_label": doc.label if doc else item.document,
        "group": group,
        "group_label": group_label,
        "area": item.area,
        "area_label": corpus.concept_label(item.area) if item.area else "",
        "area_label_en": corpus.concept_label(item.area, "en") if item.area else "",
        "levels": " ".join(item.levels),
        "deadline": item.deadline,
        "period": period(item),
        "deadline_start": item.deadline_start.isoformat() if item.deadline_start else "",
        "deadline_end": item.deadline_end.isoformat() if item.deadline_end else "",
        "budget": _money(item.budget),
        "line_start": item.line_start,
        "line_end": item.line_end,
        "legal_basis": "; ".join(_inst_label(corpus, i) for i in item.cites),
    }
    for role, names in roles.items():
        attrs[role] = "; ".join(names)
    return attrs


def _inst_label(corpus: Corpus, iri: str) -> str:
    inst = corpus.instruments.get(iri)
    return (inst.label or inst.title or iri) if inst else iri


def _agent_attrs(corpus: Corpus, iri: str) -> dict[str, object]:
    a = corpus.agents.get(iri, Agent(iri))
    return {
        "kind": a.kind,
        "label": a.label or iri,
        "label_en": a.label_en,
        "level": a.level,
        "members": len(a.members),
    }


def responsibility(
    corpus: Corpus, sel: Selection = Selection(), *, expand_groups: bool = False
) -> nx.MultiDiGraph:
    """Agents → tasks and duties, one edge per role, ``weight`` = the task's budget (VND, 0 if none)."""
    g = nx.MultiDiGraph(view="responsibility")
    for item in selected_items(corpus, sel, expand_groups):
        g.add_node(item.iri, **_item_attrs(corpus, item))
        for role, agent in participants(corpus, item, expand_groups):
            if agent not in g:
                g.add_node(agent, **_agent_attrs(corpus, agent))
            budget = _money(item.budget)
            g.add_edge(agent, item.iri, key=role, role=role, budget=budget, weight=budget)
    return g


def collaboration(
    corpus: Corpus, sel: Selection = Selection(), *, expand_groups: bool = False
) -> nx.Graph:
    """Agent — agent, ``weight`` = number of tasks they share (lead–coordinator, co-coordinators,
    co-leads), with the count of each kind and the budget of the shared tasks."""
    g = nx.Graph(view="collaboration")
    for item in selected_items(corpus, sel, expand_groups):
        if item.kind != "task":
            continue
        roles: dict[str, set[str]] = defaultdict(set)
        for role, agent in participants(corpus, item, expand_groups):
            roles[agent].add(role)
            if agent not in g:
                g.add_node(agent, **_agent_attrs(corpus, agent))
        for a, b in combinations(sorted(roles), 2):
            if not g.has_edge(a, b):
                g.add_edge(
                    a, b, weight=0, lead_coordinating=0, co_coordinating=0, co_lead=0, budget=0.0
                )
            e = g.edges[a, b]
            e["weight"] += 1
            e["budget"] += _money(item.budget)
            ra, rb = roles[a], roles[b]
            kind = (
                "co_lead"
                if "lead" in ra and "lead" in rb
                else "lead_coordinating"
                if "lead" in ra | rb
                else "co_coordinating"
            )
            e[kind] += 1
    return g


def _inst_attrs(corpus: Corpus, iri: str) -> dict[str, object]:
    i = corpus.instruments.get(iri, Instrument(iri))
    issuer = corpus.agent_label(i.issuer) if i.issuer else ""
    group = issuer or i.issuer_code or "(không rõ cơ quan ban hành)"
    return {
        "kind": "document" if iri in corpus.documents else "instrument",
        "label": i.label or i.title or iri,
        "title": i.title,
        "number": i.number,
        "type_code": i.type_code,
        "date": i.date.isoformat() if i.date else "",
        "issuer": i.issuer,
        "issuer_label": issuer,
        "issuer_code": i.issuer_code,
        "group": "issuer:" + fold(group),
        "group_label": group,
        "line_start": i.line_start,
        "line_end": i.line_end,
    }


def legal_basis(corpus: Corpus, sel: Selection = Selection()) -> nx.MultiDiGraph:
    """Documents → the instruments they are based on or cite; tasks → the instruments they cite.

    With an area or agency selection only the selected tasks' documents keep their
    ``based_on`` edges, and their ``cites`` edges are left out (they cover every task)."""
    g = nx.MultiDiGraph(view="legal-basis")
    items = [i for i in selected_items(corpus, sel) if i.kind == "task"]
    docs = (
        {i.document for i in items}
        if sel.area or sel.agency
        else {d for d in corpus.documents if not sel.document or d == sel.document}
    )

    def node(iri: str) -> None:
        if iri not in g:
            g.add_node(iri, **_inst_attrs(corpus, iri))

    for doc in sorted(docs):
        node(doc)
        g.nodes[doc]["group"] = "documents"
        g.nodes[doc]["group_label"] = "Văn bản nguồn"
        for rel, inst in corpus.documents.get(doc, []):
            if rel == "based_on" or not (sel.area or sel.agency):
                node(inst)
                g.add_edge(doc, inst, key=rel, relation=rel, weight=1)
    for item in items:
        if item.cites:
            g.add_node(item.iri, **_item_attrs(corpus, item))
            g.nodes[item.iri]["group"] = "tasks:" + item.document
            g.nodes[item.iri]["group_label"] = "Nhiệm vụ · " + str(
                g.nodes[item.iri]["document_label"]
            )
        for inst in item.cites:
            node(inst)
            g.add_edge(item.iri, inst, key="cites", relation="cites", weight=1)
    return g


def build_view(
    corpus: Corpus, view: str, sel: Selection = Selection(), *, expand_groups: bool = False
) -> nx.Graph:
    """The graph of one of :data:`VIEWS`."""
    if view == "responsibility":
        return responsibility(corpus, sel, expand_groups=expand_groups)
    if view == "collaboration":
        return collaboration(corpus, sel, expand_groups=expand_groups)
    if view == "legal-basis":
        return legal_basis(corpus, sel)
    raise UsageError(f"unknown view '{view}': expected one of {', '.join(VIEWS)}")

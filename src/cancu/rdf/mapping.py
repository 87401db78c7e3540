"""Records to triples: the only module that knows the ontology.

:func:`document_graph` turns a :class:`~cancu.extract.records.Document` into an
rdflib graph whose triples all belong in the document's own named graph.
Every extracted node carries ``cancu:lineStart``/``cancu:lineEnd``; the
document carries its source file and SHA-256.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, TIME, XSD

from cancu.extract.concepts import document_type
from cancu.extract.records import (
    AgentRef,
    Citation,
    Document,
    InstrumentRef,
    Participation,
    PlanItem,
    Task,
    TaskGroup,
)
from cancu.parse.dates import Deadline
from cancu.parse.money import Amount
from cancu.rdf import iris
from cancu.vocab import CANCU, CV, ELI, PREFIXES, SCHEMA

_LEVEL_CODES = {"tinh": "tinh", "huyen": "huyen", "xa": "xa"}


def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def document_iri(doc: Document) -> str:
    """The IRI of the document itself (the same IRI other documents cite it by)."""
    year = doc.date.year if doc.date else None
    return iris.instrument_iri(doc.number, year, doc.province, type_code=doc.type_code)


class _Mapper:
    def __init__(self, doc: Document):
        self.doc = doc
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.iri = URIRef(document_iri(doc))

    def add(self, s, p, o) -> None:
        if o is None:
            return
        if not isinstance(o, URIRef | Literal):
            o = Literal(o)
        self.g.add((s, p, o))

    def lines(self, node: URIRef, start: int, end: int) -> None:
        if start:
            self.add(node, CANCU.lineStart, Literal(start, datatype=XSD.positiveInteger))
            self.add(node, CANCU.lineEnd, Literal(max(start, end), datatype=XSD.positiveInteger))

    # ------------------------------------------------------------------ agents
    def agent(self, ref: AgentRef) -> URIRef:
        if ref.iri:
            return URIRef(ref.iri)
        node = URIRef(iris.unresolved_agent(ref.as_written, self.doc.province))
        self.add(node, RDF.type, CANCU.UnresolvedAgent)
        self.add(node, RDFS.label, _vi(ref.as_written))
        self.add(node, CANCU.asWritten, _vi(ref.as_written))
        self.add(node, CANCU.matchQuality, URIRef(iris.concept("match-quality", "unresolved")))
        return node

    def participation(self, owner: URIRef, part: Participation, index: int) -> None:
        node = URIRef(iris.sub(str(owner), f"participation_{part.role}_{index}"))
        self.add(owner, CANCU.participation, node)
        self.add(node, RDF.type, CANCU.Participation)
        self.add(node, CV.role, URIRef(iris.concept("role", part.role)))
        self.add(node, CV.hasParticipant, self.agent(part.agent))
        self.add(node, CANCU.asWritten, _vi(part.agent.as_written))
        self.add(
            node, CANCU.matchQuality, URIRef(iris.concept("match-quality", part.agent.quality))
        )
        self.lines(node, part.agent.start, part.agent.end)

    # ------------------------------------------------------------- instruments
    def instrument(self, ref: InstrumentRef) -> URIRef:
        node = URIRef(
            iris.instrument_iri(
                ref.number, ref.year, ref.province, type_code=ref.type_code, name=ref.name
            )
        )
        if node == self.iri:
            return node
        self.add(node, RDF.type, CANCU.LegalInstrument)
        number = ref.number
        if number is not None:
            self.add(node, ELI.number, Literal(number.normalized))
            self.add(node, CANCU.serial, Literal(number.serial))
            if number.issuer_codes:
                self.add(node, CANCU.issuerCode, Literal("-".join(number.issuer_codes)))
        type_code = ref.type_code or (number.type_code if number else None)
        if type_code:
            self.add(node, CANCU.typeCode, Literal(type_code))
            code = document_type(type_code)
            if code:
                self.add(node, ELI.type_document, URIRef(iris.concept("document-type", code)))
        if ref.date:
            self.add(node, ELI.date_document, Literal(ref.date, datatype=XSD.date))
        if ref.name:
            self.add(node, ELI.title, _vi(ref.name))
        if ref.issuer and ref.issuer.iri:
            self.add(node, ELI.passed_by, URIRef(ref.issuer.iri))
        label = number.normalized if number else (ref.name or "")
        if ref.date and not number:
            label += f" ({ref.date.isoformat()})"
        self.add(node, RDFS.label, Literal(label))
        return node

    def citation(self, owner: URIRef, cite: Citation, index: int) -> None:
        target = self.instrument(cite.instrument)
        node = URIRef(iris.sub(str(owner), f"citation_{index}"))
        self.add(owner, CANCU.citation, node)
        self.add(node, RDF.type, CANCU.Citation)
        self.add(node, CANCU.citedInstrument, target)
        self.add(node, CANCU.citationKind, URIRef(iris.concept("citation-kind", cite.kind)))
        self.add(node, CANCU.asWritten, _vi(cite.as_written))
        if cite.subject:
            self.add(node, CANCU.subject, _vi(cite.subject))
        if cite.pinpoint:
            self.add(node, CANCU.pinpoint, _vi(cite.pinpoint))
        if cite.date_as_written:
            self.add(node, CANCU.dateAsWritten, Literal(cite.date_as_written))
        self.lines(node, cite.start, cite.end)
        if target != self.iri:
            self.add(self.iri, ELI.based_on if cite.kind == "legal-basis" else ELI.cites, target)
            if owner != self.iri:
                self.add(owner, ELI.cites, target)

    # ----------------------------------------------------------------- values
    def amount(self, node: URIRef, amount: Amount) -> URIRef:
        self.add(node, RDF.type, SCHEMA.MonetaryAmount)
        self.add(node, SCHEMA.value, Literal(Decimal(amount.value), datatype=XSD.decimal))
        self.add(node, SCHEMA.currency, Literal("VND"))
        self.add(node, CANCU.asWritten, Literal(amount.as_written))
        return node

    def deadline(self, node: URIRef, deadline: Deadline) -> URIRef:
        self.add(node, RDF.type, CANCU.Deadline)
        self.add(node, CANCU.asWritten, _vi(deadline.as_written))
        self.add(node, CANCU.deadlineKind, URIRef(iris.concept("deadline-kind", deadline.kind)))
        for prop, day, name in (
            (TIME.hasBeginning, deadline.start, "start"),
            (TIME.hasEnd, deadline.end, "end"),
        ):
            if day is not None:
                instant = URIRef(iris.sub(str(node), name))
                self.add(node, prop, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, Literal(day, datatype=XSD.date))
        return node

    # --------------------------------------------------------------- document
    def header(self) -> None:
        doc, node = self.doc, self.iri
        self.add(node, RDF.type, CANCU.SourceDocument)
        self.add(node, RDF.type, CANCU.LegalInstrument)
        if doc.number:
            self.add(node, ELI.number, Literal(doc.number.normalized))
            self.add(node, CANCU.serial, Literal(doc.number.serial))
            self.add(node, CANCU.issuerCode, Literal("-".join(doc.number.issuer_codes)))
        if doc.number_as_written:
            self.add(node, CANCU.numberAsWritten, Literal(doc.number_as_written))
        if doc.type_code:
            self.add(node, CANCU.typeCode, Literal(doc.type_code))
            code = document_type(doc.type_code)
            if code:
                self.add(node, ELI.type_document, URIRef(iris.concept("document-type", code)))
        if doc.date:
            self.add(node, ELI.date_document, Literal(doc.date, datatype=XSD.date))
            self.add(node, CANCU.dateAsWritten, Literal(doc.date_as_written))
        if doc.title:
            self.add(node, ELI.title, _vi(doc.title))
        label = doc.number.normalized if doc.number else (doc.title or doc.source_name)
        self.add(node, RDFS.label, Literal(label))
        if doc.place:
            self.add(node, CANCU.place, _vi(doc.place))
        if doc.issuer is not None:
            self.add(node, ELI.passed_by, self.agent(doc.issuer))
        if doc.enacting_authority:
            self.add(node, CANCU.enactingAuthority, _vi(doc.enacting_authority))
        if doc.effective_date:
            self.add(
                node, ELI.first_date_entry_in_force, Literal(doc.effective_date, datatype=XSD.date)
            )
        if doc.effective_as_written:
            self.add(node, CANCU.effectiveDateAsWritten, _vi(doc.effective_as_written))
        if doc.proposer is not None:
            self.add(node, CANCU.proposedBy, self.agent(doc.proposer))
        for ref in doc.recipients:
            self.add(node, CANCU.recipient, self.agent(ref))
        source = URIRef(iris.source_iri(doc.sha256))
        self.add(node, CANCU.sourceText, source)
        self.add(node, PROV.wasDerivedFrom, source)
        self.add(source, RDF.type, CANCU.SourceText)
        self.add(source, CANCU.sha256, Literal(doc.sha256))
        self.add(source, CANCU.fileName, Literal(PurePath(doc.source_name).name))
        if doc.number_lines:
            self.lines(node, doc.number_lines[0], doc.number_lines[1])

    def signature(self) -> None:
        sig = self.doc.signature
        if sig is None:
            return
        node = URIRef(iris.sub(str(self.iri), "signature"))
        self.add(self.iri, CANCU.signature, node)
        self.add(node, RDF.type, CANCU.Signature)
        for formula in sig.formulas:
            self.add(node, CANCU.formula, Literal(formula))
        for behalf in sig.on_behalf_of:
            self.add(node, CANCU.onBehalfOf, _vi(behalf))
        if sig.post:
            self.add(node, CANCU.post, _vi(sig.post))
        if sig.signer:
            person = URIRef(iris.sub(str(node), "signer"))
            self.add(node, CANCU.signer, person)
            self.add(person, RDF.type, SCHEMA.Person)
            self.add(person, SCHEMA.name, _vi(sig.signer))
        self.lines(node, sig.start, sig.end)

    def articles(self) -> None:
        for article in self.doc.articles:
            node = URIRef(iris.sub(str(self.iri), f"art_{article.number}"))
            self.add(self.iri, ELI.has_part, node)
            self.add(node, ELI.is_part_of, self.iri)
            self.add(node, RDF.type, CANCU.Article)
            self.add(node, ELI.number, Literal(str(article.number)))
            self.add(node, CANCU.position, Literal(article.number))
            self.add(node, CANCU.text, _vi(article.text))
            self.lines(node, article.start, article.end)
            for k, part in enumerate(article.participations, start=1):
                self.participation(node, part, k)
            for k, cite in enumerate(article.citations, start=1):
                self.citation(node, cite, k)

    def bases(self) -> None:
        for k, cite in enumerate(self.doc.bases, start=1):
            self.citation(self.iri, cite, k)

    def plan(self) -> None:
        doc = self.doc
        if not doc.items and not doc.plan_title:
            return
        if doc.articles:  # a decision with its plan attached
            plan = URIRef(iris.sub(str(self.iri), "plan"))
            self.add(self.iri, CANCU.attachedPlan, plan)
            self.add(plan, RDF.type, CANCU.AttachedPlan)
            self.add(plan, ELI.is_part_of, self.iri)
            if doc.plan_title:
                self.add(plan, ELI.title, _vi(doc.plan_title))
            if doc.plan_note:
                self.add(plan, CANCU.note, _vi(doc.plan_note))
            if doc.plan_lines:
                self.lines(plan, *doc.plan_lines)
        else:
            plan = self.iri
        duties = {id(d.item): d for d in doc.duties}
        for position, item in enumerate(doc.items, start=1):
            self.item(plan, item, position, duties.get(id(item)))

    def item(self, plan: URIRef, item: PlanItem, position: int, duty) -> None:
        node = URIRef(iris.sub(str(plan), *iris.item_path(item.path)))
        parent = (
            URIRef(iris.sub(str(plan), *iris.item_path(item.path[:-1])))
            if len(item.path) > 1
            else plan
        )
        kind = (CANCU.PlanSection, CANCU.PlanItem, CANCU.PlanItem)[min(len(item.path) - 1, 2)]
        self.add(node, RDF.type, kind)
        self.add(node, ELI.is_part_of, parent)
        self.add(parent, ELI.has_part, node)
        self.add(node, CANCU.numbering, Literal(item.numbering))
        self.add(node, CANCU.position, Literal(position))
        self.add(node, RDFS.label, _vi(f"{item.numbering} {item.heading}"[:200]))
        self.add(node, CANCU.text, _vi(item.text))
        self.lines(node, item.start, item.end)
        for k, cite in enumerate(item.citations, start=1):
            self.citation(node, cite, k)
        if duty is not None:
            self.add(node, RDF.type, CANCU.Duty)
            self.add(node, CANCU.areaHeading, _vi(duty.group_heading))
            for k, agent in enumerate(duty.assignees, start=1):
                self.participation(node, Participation(agent, "assigned"), k)

    def appendices(self) -> None:
        for appendix in self.doc.appendices:
            node = URIRef(iris.sub(str(self.iri), f"annex_{appendix.index}"))
            self.add(self.iri, CANCU.appendix, node)
            self.add(node, RDF.type, CANCU.Appendix)
            self.add(node, ELI.is_part_of, self.iri)
            self.add(node, ELI.title, _vi(appendix.title or "PHỤ LỤC"))
            self.lines(node, appendix.start, appendix.end)
            if appendix.declared_total is not None:
                total = self.amount(
                    URIRef(iris.sub(str(node), "declared_total")), appendix.declared_total
                )
                self.add(node, CANCU.declaredTotal, total)
                self.add(self.iri, CANCU.declaredTotal, total)
                if appendix.total_in_words:
                    self.add(total, CANCU.amountInWords, _vi(appendix.total_in_words.strip("() ")))
                self.lines(total, *appendix.total_lines)
            for group in appendix.groups:
                self.group(node, group)
            areas = {g.key: g.area_code for g in appendix.groups}
            for task in appendix.tasks:
                self.task(node, task, areas.get(task.area or ""))

    def group(self, annex: URIRef, group: TaskGroup) -> None:
        node = URIRef(iris.sub(str(annex), group.key))
        self.add(node, RDF.type, CANCU.TaskGroup)
        parent = URIRef(iris.sub(str(annex), group.parent)) if group.parent else annex
        self.add(node, ELI.is_part_of, parent)
        self.add(node, CANCU.numbering, Literal(group.numbering))
        self.add(node, RDFS.label, _vi(group.heading[:200]))
        self.add(node, CANCU.text, _vi(group.heading))
        if group.parent is None:
            self.add(node, CANCU.areaHeading, _vi(group.heading))
        if group.area_code:
            self.add(node, CANCU.area, URIRef(iris.concept("reform-area", group.area_code)))
        if group.subtotal is not None:
            self.add(
                node,
                CANCU.budget,
                self.amount(URIRef(iris.sub(str(node), "subtotal")), group.subtotal),
            )
        self.lines(node, group.start, group.end)

    def task(self, annex: URIRef, task: Task, area_code: str | None) -> None:
        node = URIRef(iris.sub(str(annex), f"task_{task.position}"))
        self.add(node, RDF.type, CANCU.Task)
        self.add(node, ELI.is_part_of, annex)
        self.add(node, CANCU.position, Literal(task.position))
        if task.numbering:
            self.add(node, CANCU.numbering, Literal(task.numbering))
        self.add(node, CANCU.text, _vi(task.text))
        self.add(node, RDFS.label, _vi(task.text[:200]))
        self.lines(node, task.start, task.end)
        for group_key in (task.area, task.group):
            if group_key:
                self.add(node, CANCU.inGroup, URIRef(iris.sub(str(annex), group_key)))
        if area_code:
            self.add(node, CANCU.area, URIRef(iris.concept("reform-area", area_code)))
        for prop, value in (
            (CANCU.content, task.content),
            (CANCU.product, task.product),
            (CANCU.quantity, task.quantity),
            (CANCU.note, task.note),
            (CANCU.fundingSource, task.funding),
        ):
            if value:
                self.add(node, prop, _vi(value))
        for level in task.levels:
            self.add(node, CANCU.level, URIRef(iris.concept("level", _LEVEL_CODES[level])))
        k = 0
        for role, refs in (("lead", task.leads), ("coordinating", task.coordinators)):
            for ref in refs:
                k += 1
                self.participation(node, Participation(ref, role), k)
        if task.deadline is not None:
            deadline = self.deadline(URIRef(iris.sub(str(node), "deadline")), task.deadline)
            self.add(node, CANCU.deadline, deadline)
            if task.deadline_lines:
                self.lines(deadline, *task.deadline_lines)
        if task.budget is not None:
            budget = self.amount(URIRef(iris.sub(str(node), "budget")), task.budget)
            self.add(node, CANCU.budget, budget)
            if task.budget_lines:
                self.lines(budget, *task.budget_lines)
        for k, cite in enumerate(task.citations, start=1):
            self.citation(node, cite, k)


def document_graph(doc: Document, generator: str | None = None) -> tuple[URIRef, Graph]:
    """Map a document record to (named graph IRI, graph of its triples).

    The triples are deterministic: the same record always gives the same graph.
    ``generator`` names the extractor that made them (``prov:wasGeneratedBy``).
    """
    mapper = _Mapper(doc)
    if generator:
        mapper.add(mapper.iri, PROV.wasGeneratedBy, URIRef(generator))
    mapper.header()
    mapper.bases()
    mapper.articles()
    mapper.signature()
    mapper.plan()
    mapper.appendices()
    return URIRef(iris.graph_iri(str(mapper.iri))), mapper.g

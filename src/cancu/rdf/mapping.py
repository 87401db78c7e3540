"""Records to triples: the only module that knows the ontology.

:func:`document_ntriples` writes the triples of a
:class:`~cancu.extract.records.Document` as N-Triples, all of them belonging in the
document's own named graph; :func:`document_graph` gives the same triples as an
rdflib graph, its terms built by rdflib itself. Every extracted node carries
``cancu:lineStart``/``cancu:lineEnd``; the document carries its source file and SHA-256.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_ns

from cancu import vocab
from cancu.extract.concepts import document_type
from cancu.extract.records import (
    AgentRef,
    Citation,
    Document,
    Duty,
    InstrumentRef,
    Participation,
    PlanItem,
    Task,
    TaskGroup,
)
from cancu.parse.dates import Deadline
from cancu.parse.money import Amount
from cancu.rdf import iris, ntriples
from cancu.rdf.ntriples import LiteralValue

_LEVEL_CODES = {"tinh": "tinh", "huyen": "huyen", "xa": "xa"}


class _Namespace:
    """A namespace whose terms are plain strings, each made once.

    rdflib's namespaces build a new ``URIRef`` on every attribute access; the mapping reads
    tens of thousands of terms per document.
    """

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._namespace + name
        setattr(self, name, term)
        return term


CANCU, CV, ELI, SCHEMA = (_Namespace(ns) for ns in (vocab.CANCU, vocab.CV, vocab.ELI, vocab.SCHEMA))
PROV, RDF, RDFS, TIME, XSD = (
    _Namespace(ns)
    for ns in (rdflib_ns.PROV, rdflib_ns.RDF, rdflib_ns.RDFS, rdflib_ns.TIME, rdflib_ns.XSD)
)


def document_iri(doc: Document) -> str:
    """The IRI of the document itself (the same IRI other documents cite it by).

    A document whose number is not known (a copy before issue, or a number not read) gets a
    provisional IRI made from the hash of its source, unique to it and saying so.
    """
    year = doc.date.year if doc.date else None
    if doc.number is None:
        return iris.provisional_iri(doc.sha256, doc.type_code, year)
    return iris.instrument_iri(doc.number, year, doc.province, type_code=doc.type_code)


class _Mapper:
    """Walks a document record and states each of its triples; subclasses record them.

    IRIs are plain strings throughout; :meth:`add` links two IRIs, :meth:`lit` and :meth:`vi`
    attach a literal (built from a Python value, or Vietnamese text).
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.iri = document_iri(doc)

    def add(self, s: str, p: str, o: str) -> None:
        raise NotImplementedError

    def lit(self, s: str, p: str, value: LiteralValue, datatype: str | None = None) -> None:
        raise NotImplementedError

    def vi(self, s: str, p: str, text: str) -> None:
        raise NotImplementedError

    def document(self, generator: str | None) -> str:
        """Map the whole document; return the IRI of its named graph."""
        if generator:
            self.add(self.iri, PROV.wasGeneratedBy, generator)
        self.header()
        self.bases()
        self.articles()
        self.signature()
        self.plan()
        self.appendices()
        return iris.graph_iri(self.iri)

    def lines(self, node: str, start: int, end: int) -> None:
        if start:
            self.lit(node, CANCU.lineStart, start, XSD.positiveInteger)
            self.lit(node, CANCU.lineEnd, max(start, end), XSD.positiveInteger)
            self.place(node, start, end)

    def place(self, node: str, start: int, end: int) -> None:
        """Where a file without lines holds the fact: page, paragraph, table, row, cell."""
        places = self.doc.places
        if not places or start not in places:
            return
        first, last = places[start], places.get(max(start, end), places[start])
        text = first.describe()
        if last != first:
            text += " – " + last.describe()
        self.lit(node, CANCU.sourcePlace, text)
        if first.page:
            self.lit(node, CANCU.page, first.page, XSD.positiveInteger)
        if first.ocr or last.ocr:
            self.lit(node, CANCU.recognisedByOcr, True)

    # ------------------------------------------------------------------ agents
    def agent(self, ref: AgentRef) -> str:
        if ref.iri:
            return ref.iri
        node = iris.unresolved_agent(ref.as_written, self.doc.province)
        self.add(node, RDF.type, CANCU.UnresolvedAgent)
        self.vi(node, RDFS.label, ref.as_written)
        self.vi(node, CANCU.asWritten, ref.as_written)
        self.add(node, CANCU.matchQuality, iris.concept("match-quality", "unresolved"))
        return node

    def participation(self, owner: str, part: Participation, index: int) -> None:
        node = iris.sub(owner, f"participation_{part.role}_{index}")
        self.add(owner, CANCU.participation, node)
        self.add(node, RDF.type, CANCU.Participation)
        self.add(node, CV.role, iris.concept("role", part.role))
        self.add(node, CV.hasParticipant, self.agent(part.agent))
        self.vi(node, CANCU.asWritten, part.agent.as_written)
        self.add(node, CANCU.matchQuality, iris.concept("match-quality", part.agent.quality))
        self.lines(node, part.agent.start, part.agent.end)

    # ------------------------------------------------------------- instruments
    def instrument(self, ref: InstrumentRef) -> str:
        node = iris.instrument_iri(
            ref.number, ref.year, ref.province, type_code=ref.type_code, name=ref.name
        )
        if node == self.iri:
            return node
        self.add(node, RDF.type, CANCU.LegalInstrument)
        number = ref.number
        if number is not None:
            self.lit(node, ELI.number, number.normalized)
            self.lit(node, CANCU.serial, number.serial)
            if number.issuer_codes:
                self.lit(node, CANCU.issuerCode, "-".join(number.issuer_codes))
        type_code = ref.type_code or (number.type_code if number else None)
        if type_code:
            self.lit(node, CANCU.typeCode, type_code)
            code = document_type(type_code)
            if code:
                self.add(node, ELI.type_document, iris.concept("document-type", code))
        if ref.date:
            self.lit(node, ELI.date_document, ref.date, XSD.date)
        if ref.name:
            self.vi(node, ELI.title, ref.name)
        if ref.issuer and ref.issuer.iri:
            self.add(node, ELI.passed_by, ref.issuer.iri)
        label = number.normalized if number else (ref.name or "")
        if ref.date and not number:
            label += f" ({ref.date.isoformat()})"
        self.lit(node, RDFS.label, label)
        return node

    def citation(self, owner: str, cite: Citation, index: int) -> None:
        target = self.instrument(cite.instrument)
        node = iris.sub(owner, f"citation_{index}")
        self.add(owner, CANCU.citation, node)
        self.add(node, RDF.type, CANCU.Citation)
        self.add(node, CANCU.citedInstrument, target)
        self.add(node, CANCU.citationKind, iris.concept("citation-kind", cite.kind))
        self.vi(node, CANCU.asWritten, cite.as_written)
        if cite.subject:
            self.vi(node, CANCU.subject, cite.subject)
        if cite.pinpoint:
            self.vi(node, CANCU.pinpoint, cite.pinpoint)
        if cite.date_as_written:
            self.lit(node, CANCU.dateAsWritten, cite.date_as_written)
        self.lines(node, cite.start, cite.end)
        if target != self.iri:
            self.add(self.iri, ELI.based_on if cite.kind == "legal-basis" else ELI.cites, target)
            if owner != self.iri:
                self.add(owner, ELI.cites, target)

    # ----------------------------------------------------------------- values
    def amount(self, node: str, amount: Amount) -> str:
        self.add(node, RDF.type, SCHEMA.MonetaryAmount)
        self.lit(node, SCHEMA.value, Decimal(amount.value), XSD.decimal)
        self.lit(node, SCHEMA.currency, "VND")
        self.lit(node, CANCU.asWritten, amount.as_written)
        return node

    def deadline(self, node: str, deadline: Deadline) -> str:
        self.add(node, RDF.type, CANCU.Deadline)
        self.vi(node, CANCU.asWritten, deadline.as_written)
        self.add(node, CANCU.deadlineKind, iris.concept("deadline-kind", deadline.kind))
        for prop, day, name in (
            (TIME.hasBeginning, deadline.start, "start"),
            (TIME.hasEnd, deadline.end, "end"),
        ):
            if day is not None:
                instant = iris.sub(node, name)
                self.add(node, prop, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.lit(instant, TIME.inXSDDate, day, XSD.date)
        return node

    # --------------------------------------------------------------- document
    def header(self) -> None:
        doc, node = self.doc, self.iri
        self.add(node, RDF.type, CANCU.SourceDocument)
        self.add(node, RDF.type, CANCU.LegalInstrument)
        if doc.number:
            self.lit(node, ELI.number, doc.number.normalized)
            self.lit(node, CANCU.serial, doc.number.serial)
            self.lit(node, CANCU.issuerCode, "-".join(doc.number.issuer_codes))
        if doc.number_as_written:
            self.lit(node, CANCU.numberAsWritten, doc.number_as_written)
        if doc.type_code:
            self.lit(node, CANCU.typeCode, doc.type_code)
            code = document_type(doc.type_code)
            if code:
                self.add(node, ELI.type_document, iris.concept("document-type", code))
        if doc.date:
            self.lit(node, ELI.date_document, doc.date, XSD.date)
            self.lit(node, CANCU.dateAsWritten, doc.date_as_written)
        if doc.title:
            self.vi(node, ELI.title, doc.title)
        label = doc.number.normalized if doc.number else (doc.title or doc.source_name)
        self.lit(node, RDFS.label, label)
        if doc.place:
            self.vi(node, CANCU.place, doc.place)
        if doc.issuer is not None:
            self.add(node, ELI.passed_by, self.agent(doc.issuer))
        if doc.enacting_authority:
            self.vi(node, CANCU.enactingAuthority, doc.enacting_authority)
        if doc.effective_date:
            self.lit(node, ELI.first_date_entry_in_force, doc.effective_date, XSD.date)
        if doc.effective_as_written:
            self.vi(node, CANCU.effectiveDateAsWritten, doc.effective_as_written)
        if doc.proposer is not None:
            self.add(node, CANCU.proposedBy, self.agent(doc.proposer))
        for ref in doc.recipients:
            self.add(node, CANCU.recipient, self.agent(ref))
        source = iris.source_iri(doc.sha256)
        self.add(node, CANCU.sourceText, source)
        self.add(node, PROV.wasDerivedFrom, source)
        self.add(source, RDF.type, CANCU.SourceText)
        self.lit(source, CANCU.sha256, doc.sha256)
        self.lit(source, CANCU.sourceFormat, doc.source_format)
        for k, (name, value, where) in enumerate(doc.publisher_metadata, start=1):
            field = iris.sub(source, f"field_{k}")
            self.add(source, CANCU.publisherField, field)
            self.add(field, RDF.type, CANCU.PublisherField)
            self.vi(field, CANCU.fieldName, name)
            self.vi(field, RDF.value, value)
            self.lit(field, CANCU.sourcePlace, where)
        self.lit(source, CANCU.fileName, PurePath(doc.source_name).name)
        if doc.number_lines:
            self.lines(node, doc.number_lines[0], doc.number_lines[1])

    def signature(self) -> None:
        sig = self.doc.signature
        if sig is None:
            return
        node = iris.sub(self.iri, "signature")
        self.add(self.iri, CANCU.signature, node)
        self.add(node, RDF.type, CANCU.Signature)
        for formula in sig.formulas:
            self.lit(node, CANCU.formula, formula)
        for behalf in sig.on_behalf_of:
            self.vi(node, CANCU.onBehalfOf, behalf)
        if sig.post:
            self.vi(node, CANCU.post, sig.post)
        if sig.signer:
            person = iris.sub(node, "signer")
            self.add(node, CANCU.signer, person)
            self.add(person, RDF.type, SCHEMA.Person)
            self.vi(person, SCHEMA.name, sig.signer)
        self.lines(node, sig.start, sig.end)

    def articles(self) -> None:
        for article in self.doc.articles:
            node = iris.sub(self.iri, f"art_{article.number}")
            self.add(self.iri, ELI.has_part, node)
            self.add(node, ELI.is_part_of, self.iri)
            self.add(node, RDF.type, CANCU.Article)
            self.lit(node, ELI.number, str(article.number))
            self.lit(node, CANCU.position, article.number)
            self.vi(node, CANCU.text, article.text)
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
            plan = iris.sub(self.iri, "plan")
            self.add(self.iri, CANCU.attachedPlan, plan)
            self.add(plan, RDF.type, CANCU.AttachedPlan)
            self.add(plan, ELI.is_part_of, self.iri)
            if doc.plan_title:
                self.vi(plan, ELI.title, doc.plan_title)
            if doc.plan_note:
                self.vi(plan, CANCU.note, doc.plan_note)
            if doc.plan_lines:
                self.lines(plan, *doc.plan_lines)
        else:
            plan = self.iri
        duties = {id(d.item): d for d in doc.duties}
        for position, item in enumerate(doc.items, start=1):
            self.item(plan, item, position, duties.get(id(item)))

    def item(self, plan: str, item: PlanItem, position: int, duty: Duty | None) -> None:
        node = iris.sub(plan, *iris.item_path(item.path))
        parent = iris.sub(plan, *iris.item_path(item.path[:-1])) if len(item.path) > 1 else plan
        kind = (CANCU.PlanSection, CANCU.PlanItem, CANCU.PlanItem)[min(len(item.path) - 1, 2)]
        self.add(node, RDF.type, kind)
        self.add(node, ELI.is_part_of, parent)
        self.add(parent, ELI.has_part, node)
        self.lit(node, CANCU.numbering, item.numbering)
        self.lit(node, CANCU.position, position)
        self.vi(node, RDFS.label, f"{item.numbering} {item.heading}"[:200])
        self.vi(node, CANCU.text, item.text)
        self.lines(node, item.start, item.end)
        for k, cite in enumerate(item.citations, start=1):
            self.citation(node, cite, k)
        if duty is not None:
            self.add(node, RDF.type, CANCU.Duty)
            self.vi(node, CANCU.areaHeading, duty.group_heading)
            for k, agent in enumerate(duty.assignees, start=1):
                self.participation(node, Participation(agent, "assigned"), k)

    def appendices(self) -> None:
        for appendix in self.doc.appendices:
            node = iris.sub(self.iri, f"annex_{appendix.index}")
            self.add(self.iri, CANCU.appendix, node)
            self.add(node, RDF.type, CANCU.Appendix)
            self.add(node, ELI.is_part_of, self.iri)
            self.vi(node, ELI.title, appendix.title or "PHỤ LỤC")
            self.lines(node, appendix.start, appendix.end)
            if appendix.declared_total is not None:
                total = self.amount(iris.sub(node, "declared_total"), appendix.declared_total)
                self.add(node, CANCU.declaredTotal, total)
                self.add(self.iri, CANCU.declaredTotal, total)
                if appendix.total_in_words:
                    self.vi(total, CANCU.amountInWords, appendix.total_in_words.strip("() "))
                self.lines(total, *appendix.total_lines)
            for group in appendix.groups:
                self.group(node, group)
            areas = {g.key: g.area_code for g in appendix.groups}
            for task in appendix.tasks:
                self.task(node, task, areas.get(task.area or ""))
        for task in self.doc.prose_tasks:  # assigned in running text: part of the document
            self.task(self.iri, task, None)

    def group(self, annex: str, group: TaskGroup) -> None:
        node = iris.sub(annex, group.key)
        self.add(node, RDF.type, CANCU.TaskGroup)
        parent = iris.sub(annex, group.parent) if group.parent else annex
        self.add(node, ELI.is_part_of, parent)
        self.lit(node, CANCU.numbering, group.numbering)
        self.vi(node, RDFS.label, group.heading[:200])
        self.vi(node, CANCU.text, group.heading)
        if group.parent is None:
            self.vi(node, CANCU.areaHeading, group.heading)
        if group.area_code:
            self.add(node, CANCU.area, iris.concept("reform-area", group.area_code))
        if group.subtotal is not None:
            self.add(node, CANCU.budget, self.amount(iris.sub(node, "subtotal"), group.subtotal))
        self.lines(node, group.start, group.end)

    def task(self, annex: str, task: Task, area_code: str | None) -> None:
        node = iris.sub(annex, f"task_{task.position}")
        self.add(node, RDF.type, CANCU.Task)
        self.add(node, ELI.is_part_of, annex)
        self.lit(node, CANCU.position, task.position)
        if task.numbering:
            self.lit(node, CANCU.numbering, task.numbering)
        self.vi(node, CANCU.text, task.text)
        self.vi(node, RDFS.label, task.text[:200])
        self.lines(node, task.start, task.end)
        for group_key in (task.area, task.group):
            if group_key:
                self.add(node, CANCU.inGroup, iris.sub(annex, group_key))
        if area_code:
            self.add(node, CANCU.area, iris.concept("reform-area", area_code))
        for prop, value in (
            (CANCU.content, task.content),
            (CANCU.product, task.product),
            (CANCU.quantity, task.quantity),
            (CANCU.note, task.note),
            (CANCU.fundingSource, task.funding),
        ):
            if value:
                self.vi(node, prop, value)
        for level in task.levels:
            self.add(node, CANCU.level, iris.concept("level", _LEVEL_CODES[level]))
        k = 0
        for role, refs in (("lead", task.leads), ("coordinating", task.coordinators)):
            for ref in refs:
                k += 1
                self.participation(node, Participation(ref, role), k)
        if task.deadline is not None:
            deadline = self.deadline(iris.sub(node, "deadline"), task.deadline)
            self.add(node, CANCU.deadline, deadline)
            if task.deadline_lines:
                self.lines(deadline, *task.deadline_lines)
        if task.budget is not None:
            budget = self.amount(iris.sub(node, "budget"), task.budget)
            self.add(node, CANCU.budget, budget)
            if task.budget_lines:
                self.lines(budget, *task.budget_lines)
        for k, cite in enumerate(task.citations, start=1):
            self.citation(node, cite, k)


class _NTriplesMapper(_Mapper):
    """Writes each triple once, as an N-Triples line, in the order of the walk."""

    def __init__(self, doc: Document):
        super().__init__(doc)
        self.terms = ntriples.IriTerms()
        self.written: dict[str, None] = {}

    def _write(self, s: str, p: str, obj: str) -> None:
        self.written[f"{self.terms[s]} {self.terms[p]} {obj} .\n"] = None

    def add(self, s: str, p: str, o: str) -> None:
        self._write(s, p, self.terms[o])

    def lit(self, s: str, p: str, value: LiteralValue, datatype: str | None = None) -> None:
        self._write(s, p, ntriples.literal(value, datatype))

    def vi(self, s: str, p: str, text: str) -> None:
        self._write(s, p, ntriples.literal(text, lang="vi"))


class _GraphMapper(_Mapper):
    """Adds each triple to an rdflib graph, its terms built by rdflib from the same values."""

    def __init__(self, doc: Document):
        super().__init__(doc)
        self.graph = Graph()
        for prefix, ns in vocab.PREFIXES.items():
            self.graph.bind(prefix, ns)

    def add(self, s: str, p: str, o: str) -> None:
        self.graph.add((URIRef(s), URIRef(p), URIRef(o)))

    def lit(self, s: str, p: str, value: LiteralValue, datatype: str | None = None) -> None:
        self.graph.add((URIRef(s), URIRef(p), Literal(value, datatype=datatype)))

    def vi(self, s: str, p: str, text: str) -> None:
        self.graph.add((URIRef(s), URIRef(p), Literal(text, lang="vi")))


def document_ntriples(doc: Document, generator: str | None = None) -> tuple[str, str]:
    r"""Map a document record to (named graph IRI, N-Triples of its triples).

    Each triple is written once, on its own line, in a fixed order: the same record always
    gives the same text. ``generator`` names the extractor that made them
    (``prov:wasGeneratedBy``).

    >>> from cancu.pipeline import extract_record
    >>> doc = extract_record(open("data/sources/qd-2818-2020-ubnd-tayninh.txt", encoding="utf-8").read())
    >>> name, text = document_ntriples(doc)
    >>> name
    'https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818/graph'
    >>> text.count("\n") > 5000, text.splitlines()[0]
    (True, '<https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cancu/ontology#SourceDocument> .')
    """
    mapper = _NTriplesMapper(doc)
    name = mapper.document(generator)
    return name, "".join(mapper.written)


def document_graph(doc: Document, generator: str | None = None) -> tuple[URIRef, Graph]:
    """Map a document record to (named graph IRI, graph of its triples).

    The same triples as :func:`document_ntriples`, as an rdflib graph for notebooks and tests.
    """
    mapper = _GraphMapper(doc)
    name = mapper.document(generator)
    return URIRef(name), mapper.graph

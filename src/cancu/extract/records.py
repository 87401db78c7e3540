"""Records: what the extractor finds in a text, before it becomes triples.

Every record carries the 1-based line range (``start``, ``end``) it came from.
Records know nothing of RDF; :mod:`cancu.rdf.mapping` turns them into triples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cancu.parse.dates import Deadline
from cancu.parse.money import Amount
from cancu.parse.numbers import InstrumentNumber
from cancu.read.blocks import Place


@dataclass(frozen=True)
class AgentRef:
    """A name of an agency or group as written, and what the gazetteer made of it."""

    as_written: str
    start: int
    end: int
    iri: str | None = None
    label: str | None = None
    kind: str | None = None  # "agency" | "group" | None when unresolved
    quality: str = "unresolved"
    candidates: tuple[str, ...] = ()  # unresolved because ambiguous: the IRIs it could be


@dataclass(frozen=True)
class InstrumentRef:
    """The identity of a cited instrument, as far as the text tells it."""

    type_code: str | None  # "NĐ", "QĐ", "LUAT", "CV" …
    number: InstrumentNumber | None
    date: dt.date | None
    year: int | None
    issuer_codes: tuple[str, ...]
    issuer_text: str | None
    issuer: AgentRef | None
    province: str | None  # for local issuers (UBND, HĐND), the province resolved
    name: str | None  # laws cited by name


@dataclass(frozen=True)
class Citation:
    """One occurrence of a reference to an instrument in the text."""

    instrument: InstrumentRef
    kind: str  # "legal-basis" | "reference" | "mention" | "self"
    as_written: str
    start: int
    end: int
    subject: str | None = None
    pinpoint: str | None = None
    date_as_written: str | None = None


@dataclass
class Participation:
    """An agent taking part in a task, duty or article with a role."""

    agent: AgentRef
    role: str  # code of the role scheme: lead, coordinating, assigned, monitoring, funding, …


@dataclass
class Article:
    """An article (Điều) of the decision."""

    number: int
    text: str
    start: int
    end: int
    participations: list[Participation] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    effective_date: dt.date | None = None
    effective_as_written: str | None = None


@dataclass
class PlanItem:
    """A section (I.), item (1.) or point (a)) of the plan body, with its text."""

    path: tuple[str, ...]  # ("V", "2", "a")
    numbering: str
    heading: str
    text: str
    start: int
    end: int
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Duty:
    """A standing assignment of section "Tổ chức thực hiện": one lettered item (or item)."""

    item: PlanItem
    group_heading: str
    assignees: list[AgentRef] = field(default_factory=list)


@dataclass
class TaskGroup:
    """An area row (``I. CÔNG TÁC ĐIỀU HÀNH``) or a group row (``2.2. Tổ chức …``)."""

    key: str
    numbering: str
    heading: str
    start: int
    end: int
    area_code: str | None = None
    parent: str | None = None
    subtotal: Amount | None = None


@dataclass
class Task:
    """One row of an appendix task table."""

    position: int
    numbering: str
    text: str
    start: int
    end: int
    area: str | None = None  # key of the area TaskGroup
    group: str | None = None  # key of the group TaskGroup
    content: str | None = None
    product: str | None = None
    quantity: str | None = None
    leads: list[AgentRef] = field(default_factory=list)
    coordinators: list[AgentRef] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_lines: tuple[int, int] | None = None
    budget: Amount | None = None
    budget_lines: tuple[int, int] | None = None
    note: str | None = None
    funding: str | None = None
    citations: list[Citation] = field(default_factory=list)
    lead_cell_empty: bool = False


@dataclass
class Appendix:
    """An appendix with its task table."""

    index: int
    title: str
    start: int
    end: int
    columns: list[str]
    groups: list[TaskGroup] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    declared_total: Amount | None = None
    total_lines: tuple[int, int] | None = None
    total_in_words: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Signature:
    """The signing block: formulas (KT./TM.), on-behalf-of, post and signer name."""

    formulas: list[str]
    on_behalf_of: list[str]
    post: str | None
    signer: str | None
    start: int
    end: int


@dataclass
class Document:
    """Everything extracted from one source text."""

    source_name: str
    sha256: str
    number: InstrumentNumber | None
    number_as_written: str | None
    number_lines: tuple[int, int] | None
    type_code: str | None  # "QĐ" | "KH" | …
    issuer_text: str | None
    issuer: AgentRef | None
    province: str | None
    place: str | None
    date: dt.date | None
    date_as_written: str | None
    title: str | None
    title_lines: tuple[int, int] | None
    enacting_authority: str | None = None
    proposer: AgentRef | None = None
    bases: list[Citation] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    recipients: list[AgentRef] = field(default_factory=list)
    signature: Signature | None = None
    plan_title: str | None = None
    plan_note: str | None = None
    plan_lines: tuple[int, int] | None = None
    items: list[PlanItem] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    effective_date: dt.date | None = None
    effective_as_written: str | None = None
    warnings: list[str] = field(default_factory=list)
    prose_tasks: list[Task] = field(default_factory=list)
    """Tasks assigned in running text ("giao Sở X chủ trì, phối hợp với …"), when the
    document has no task table."""
    source_format: str = "text"
    """The format the document was read from: text, docx, doc, pdf, html."""
    places: dict[int, Place] = field(default_factory=dict)
    """For formats without lines: the place (page, paragraph, table, row, cell) of each
    ordinal line number that ``start``/``end`` of the records use."""
    publisher_metadata: list[tuple[str, str, str]] = field(default_factory=list)
    """The publisher's own fields (a portal's "Số hiệu", "Người ký" …): name, value, place."""

    def where(self, line: int) -> str:
        """Where a line of the records is in the source: "line 12", or a page / table / cell.

        >>> Document("a.txt", "0", None, None, None, None, None, None, None, None, None, None,
        ...     None, None).where(12)
        'line 12'
        """
        place = self.places.get(line)
        return place.describe() if place is not None else f"line {line}"

    @property
    def tasks(self) -> list[Task]:
        """All tasks of all appendices."""
        return [t for a in self.appendices for t in a.tasks]

    @property
    def citations(self) -> list[Citation]:
        """Every citation in the document: bases, articles, plan items, tasks."""
        out = list(self.bases)
        for article in self.articles:
            out.extend(article.citations)
        for item in self.items:
            out.extend(item.citations)
        for task in [*self.tasks, *self.prose_tasks]:
            out.extend(task.citations)
        return out

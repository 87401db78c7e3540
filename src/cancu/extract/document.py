"""Extract one decision or plan from its normalised text into a :class:`Document` record.

The steps follow the anatomy of the document (see ``shared/PRIMER.md``): find the
appendix tables in the cell stream, rebuild the paragraphs of everything else,
then read header, legal bases, articles, recipients and signature, the attached
plan with its duties, and the tasks of each appendix table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cancu.extract.agents import AgentResolver
from cancu.extract.appendix import read_appendix, unit_hint_of
from cancu.extract.body import read_articles, read_closing, read_preamble
from cancu.extract.citations import CitingContext, citations_in
from cancu.extract.header import TYPE_TITLE, read_header
from cancu.extract.plan import read_duties, read_items
from cancu.extract.records import Citation, Document, InstrumentRef
from cancu.parse.table import find_header, header_key, parse_table
from cancu.text.names import Gazetteer
from cancu.text.normalize import SourceText
from cancu.text.segment import Cell, Span, is_upper, paragraphs, split_cells

_APPENDIX = re.compile(r"^PHỤ LỤC\b")
_YEAR = re.compile(r"NĂM\s+(\d{4})|năm\s+(\d{4})")


def _tables(cells: list[Cell]):
    """Yield (title lines, table) for each task table in the cell stream."""
    i = 0
    while (found := find_header(cells, i)) is not None:
        table = parse_table(cells, i)
        keys = set(table.keys())
        if keys & {"task", "content"}:
            yield found[0], table
        i = max(table.end_index, found[1] + 1)


def _title_before(cells: list[Cell], header_index: int, body_lines: set[int]) -> Span:
    """The appendix title: lines from the last "PHỤ LỤC" before the table header.

    Its lines are removed from ``body_lines``.
    """
    window = [
        line for cell in cells[max(0, header_index - 4) : header_index] for line in cell.lines
    ]
    starts = [k for k, (_, text) in enumerate(window) if _APPENDIX.match(text.strip())]
    if not starts:
        start = cells[header_index].start
        return Span("", start, start)
    lines = window[starts[-1] :]
    body_lines.difference_update(n for n, _ in lines)
    if len(lines) > 1 and header_key(lines[-1][1]):
        lines = lines[:-1]  # a header label that shares the title's cell
    text = re.sub(r"\s+", " ", " ".join(t.strip() for _, t in lines))
    return Span(text, lines[0][0], lines[-1][0])


def extract_document(src: SourceText, gazetteer: Gazetteer | None = None) -> Document:
    """Extract a :class:`Document` from a normalised source text.

    Raises :class:`cancu.errors.InputError` when the text is not a decision or plan.
    """
    gazetteer = gazetteer or Gazetteer.load()
    cells = split_cells(src)
    body_lines = {n for cell in cells for n, _ in cell.lines}
    found_tables = []
    for header_index, table in _tables(cells):
        title = _title_before(cells, header_index, body_lines)
        last = table.end_index
        for cell in cells[header_index:last]:
            body_lines.difference_update(n for n, _ in cell.lines)
        found_tables.append((title, table))
    body = [
        Cell(tuple([(n, t) for n, t in c.lines if n in body_lines]), c.bar, c.breaks) for c in cells
    ]
    paras = paragraphs([c for c in body if c.lines])

    header = read_header(paras, src.name)
    agents = AgentResolver(gazetteer, header.province, date=header.date)
    year = header.date.year if header.date else None
    ctx = CitingContext(header.province, header.number, year)
    issuer = agents.issuer(header.number.issuer_codes, header.province) if header.number else None
    if issuer is None and header.issuer_text:
        resolved = agents.resolve(header.issuer_text, 1, 1)
        issuer = resolved if resolved.iri else None
    doc = Document(
        source_name=src.name,
        sha256=src.sha256,
        number=header.number,
        number_as_written=header.number_as_written,
        number_lines=header.number_lines,
        type_code=header.type_code,
        issuer_text=header.issuer_text,
        issuer=issuer,
        province=header.province,
        place=header.place,
        date=header.date,
        date_as_written=header.date_as_written,
        title=header.title,
        title_lines=header.title_lines,
        enacting_authority=header.authority,
        warnings=list(header.warnings),
    )
    preamble = read_preamble(paras, header.next_index, ctx, agents)
    doc.bases, doc.proposer = preamble.bases, preamble.proposer
    for span in preamble.unmatched:
        doc.warnings.append(f"line {span.start}: a legal basis cites no identifiable instrument")
    i = preamble.next_index
    articles = read_articles(paras, i, ctx, agents, header.date)
    doc.articles, i = articles.articles, articles.next_index
    for article in doc.articles:
        if article.effective_as_written:
            doc.effective_date = article.effective_date
            doc.effective_as_written = article.effective_as_written
    closing = read_closing(paras, i, agents)
    i = closing.next_index
    # The attached plan (a decision's annex), or the body of a plan issued directly.
    if doc.articles:
        while i < len(paras) and not TYPE_TITLE.match(paras[i].text.strip()):
            i += 1
        if i < len(paras):
            plan_start = paras[i].start
            i += 1
            title: list[Span] = []
            while i < len(paras) and is_upper(paras[i].text):
                title.append(paras[i])
                i += 1
            doc.plan_title = " ".join(p.text for p in title) or None
            if i < len(paras) and paras[i].text.startswith("("):
                doc.plan_note = paras[i].text.strip("() ")
                i += 1
            doc.items, i = read_items(paras, i)
            doc.plan_lines = (plan_start, paras[i - 1].end if i > 0 else plan_start)
    else:
        doc.items, i = read_items(paras, i)
        if doc.items:
            doc.plan_lines = (doc.items[0].start, doc.items[-1].end)
    if closing.signature is None and not closing.recipients:
        while i < len(paras) and paras[i].text.startswith("Trên đây"):
            i += 1
        closing = read_closing(paras, i, agents)
    doc.recipients, doc.signature = closing.recipients, closing.signature
    for item in doc.items:
        item.citations = citations_in(Span(item.text, item.start, item.end), "mention", ctx, agents)
    doc.duties = read_duties(doc.items, agents)

    _date_laws_cited_by_name(doc)
    plan_year = _plan_year(doc) or year
    for index, (title, table) in enumerate(found_tables, start=1):
        hint = unit_hint_of(title.text + " " + table.header.text)
        appendix = read_appendix(table, index, title, ctx, agents, plan_year, hint)
        doc.appendices.append(appendix)
        doc.warnings.extend(appendix.warnings)
    doc.warnings.extend(agents.notes)
    return doc


def _date_laws_cited_by_name(doc: Document) -> None:
    """A law named again without its year ("Luật Thủy sản") is the one named with it earlier."""
    known: dict[str, InstrumentRef] = {}
    for cite in doc.bases + [c for i in doc.items for c in i.citations]:
        ref = cite.instrument
        if ref.number is None and ref.name and ref.year:
            known.setdefault(ref.name.lower(), ref)

    def fix(cites: list[Citation]) -> list[Citation]:
        out = []
        for cite in cites:
            ref = cite.instrument
            same = (
                known.get((ref.name or "").lower()) if ref.number is None and not ref.year else None
            )
            out.append(replace(cite, instrument=same) if same else cite)
        return out

    doc.bases = fix(doc.bases)
    for holder in [*doc.articles, *doc.items, *doc.tasks]:
        holder.citations = fix(holder.citations)


def _plan_year(doc: Document) -> int | None:
    """The year a plan is for, when its title says so ("… NĂM 2021 …")."""
    for text in (doc.plan_title, doc.title):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1) or match.group(2))
    return None

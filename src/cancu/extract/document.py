"""Extract one decision or plan from its normalised text into a :class:`Document` record.

The steps follow the anatomy of the document (see ``shared/PRIMER.md``): find the
appendix tables in the cell stream, rebuild the paragraphs of everything else,
then read header, legal bases, articles, recipients and signature, the attached
plan with its duties, and the tasks of each appendix table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cancu.errors import InputError
from cancu.extract.agents import AgentResolver
from cancu.extract.appendix import read_appendix, unit_hint_of
from cancu.extract.body import find_closing, read_articles, read_closing, read_preamble
from cancu.extract.citations import CitingContext, citations_in
from cancu.extract.header import header_from_fields, read_header, type_word, witnessed
from cancu.extract.plan import read_duties, read_items
from cancu.extract.prose import prose_tasks
from cancu.extract.records import Citation, Document, InstrumentRef, Signature
from cancu.extract.tables import describe, is_layout, task_table
from cancu.extract.witness import disagreements
from cancu.parse.table import Table
from cancu.read.blocks import Blocks, Paragraph, TableCell
from cancu.read.text import blocks_of_text
from cancu.text.names import Gazetteer
from cancu.text.normalize import SourceText
from cancu.text.segment import Cell, Span, is_upper, paragraphs

_APPENDIX = re.compile(r"^PHỤ LỤC\b")
_YEAR = re.compile(r"NĂM\s+(\d{4})|năm\s+(\d{4})")
_CONCLUSION = re.compile(r"^Trên đây (là|)")
_CLOSING = re.compile(r"^(Nơi nhận|K?T\.|TM\.|TL\.|TUQ\.)")
_LINE = re.compile(r"\b[Ll]ines? (\d+)(?:[–-](\d+))?")


def _cell_paragraphs(cell: TableCell) -> list[Span]:
    """A layout cell's paragraphs, rebuilt as a text export's cell would be."""
    lines = tuple(
        (line.number, line.text) for p in cell.paragraphs for line in p.lines if line.text.strip()
    )
    return paragraphs([Cell(lines, lines[-1][0])]) if lines else []


def _layout(
    blocks: Blocks,
) -> tuple[list[Span], list[tuple[int, Table]], list[tuple[int, str]]]:
    """The document's paragraphs, its task tables (with the paragraph index they follow),
    and a warning for each table that is neither a task table nor page layout (with the
    paragraph index it follows, so that its title goes with it)."""
    paras: list[Span] = []
    tables: list[tuple[int, Table]] = []
    warnings: list[tuple[int, str]] = []
    for block in blocks.blocks:
        if isinstance(block, Paragraph):
            if block.text:
                paras.append(Span(block.text, block.start, block.end))
            continue
        table = task_table(block)
        if table is not None and table.rows:
            tables.append((len(paras), table))
        elif is_layout(block):
            for row in block.rows:
                for cell in row:
                    if cell.merged_from is None:
                        paras.extend(_cell_paragraphs(cell))
        elif block.lines:
            first, last = block.lines[0].number, block.lines[-1].number
            warnings.append((len(paras), f"lines {first}–{last}: {describe(block)} is not read"))
    return paras, tables, warnings


def _title_before(paras: list[Span], at: int, taken: set[int]) -> Span:
    """The appendix title: the paragraphs from the last "PHỤ LỤC" just before a table.

    Their indexes are added to ``taken`` (they are not body text).
    """
    window = range(max(0, at - 6), at)
    starts = [k for k in window if _APPENDIX.match(paras[k].text) and k not in taken]
    if not starts:
        line = paras[at - 1].end if at else 0
        return Span("", line, line)
    parts = paras[starts[-1] : at]
    taken.update(range(starts[-1], at))
    text = re.sub(r"\s+", " ", " ".join(p.text for p in parts))
    return Span(text, parts[0].start, parts[-1].end)


def _placed(warning: str, blocks: Blocks) -> str:
    """A warning's "line N" as the place it names in a file that has no lines."""
    if blocks.format == "text":
        return warning

    def place(match: re.Match[str]) -> str:
        first = blocks.place(int(match.group(1))).describe()
        if match.group(2):
            return f"{first} to {blocks.place(int(match.group(2))).describe()}"
        return first

    return _LINE.sub(place, warning)


def extract_document(src: SourceText | Blocks, gazetteer: Gazetteer | None = None) -> Document:
    """Extract a :class:`Document` from a document's blocks (or a normalised text export).

    Raises :class:`cancu.errors.InputError` when the text is not a decision or plan.
    """
    gazetteer = gazetteer or Gazetteer.load()
    blocks = src if isinstance(src, Blocks) else blocks_of_text(src)
    all_paras, positioned, unread = _layout(blocks)
    taken: set[int] = set()
    found_tables = [(_title_before(all_paras, at, taken), table) for at, table in positioned]
    table_warnings = []
    for at, warning in unread:
        title = _title_before(all_paras, at, taken)
        table_warnings.append(f"{warning}{f' ({title.text[:80]})' if title.text else ''}")
    paras = [p for k, p in enumerate(all_paras) if k not in taken]
    doc = _read(blocks, paras, found_tables, gazetteer)
    doc.warnings = [_placed(w, blocks) for w in [*blocks.warnings, *table_warnings, *doc.warnings]]
    return doc


def _read(
    blocks: Blocks,
    paras: list[Span],
    found_tables: list[tuple[Span, Table]],
    gazetteer: Gazetteer,
) -> Document:
    fields = {f.name: f.value for f in blocks.metadata}
    line = blocks.metadata[0].place.line or 1 if blocks.metadata else 1
    from_metadata = False
    try:
        header = read_header(paras, blocks.name)
    except InputError:
        header = header_from_fields(fields, line, [])
        if header is None:
            raise
        from_metadata = True
    witnessed(header, fields)
    agents = AgentResolver(gazetteer, header.province, date=header.date)
    year = header.date.year if header.date else None
    ctx = CitingContext(header.province, header.number, year)
    issuer = agents.issuer(header.number.issuer_codes, header.province) if header.number else None
    if issuer is None and header.issuer_text:
        resolved = agents.resolve(header.issuer_text, 1, 1)
        issuer = resolved if resolved.iri else None
    doc = Document(
        source_name=blocks.name,
        sha256=blocks.sha256,
        source_format=blocks.format,
        places={} if blocks.format == "text" else {n: blocks.place(n) for n in _numbers(blocks)},
        publisher_metadata=[(f.name, f.value, f.place.describe()) for f in blocks.metadata],
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
    i = body_start = preamble.next_index
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
        while i < len(paras) and type_word(paras[i].text) is None:
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
    if closing.signature is None or not closing.signature.signer:
        closing = find_closing(paras, body_start, agents) or closing
    doc.recipients, doc.signature = closing.recipients, closing.signature
    if doc.signature is None and from_metadata and fields.get("Người ký"):
        # A page without the document's text: its signer is the publisher's word too.
        doc.signature = Signature([], [], None, fields["Người ký"], line, line)
    for item in doc.items:
        item.citations = citations_in(Span(item.text, item.start, item.end), "mention", ctx, agents)
    doc.duties = read_duties(doc.items, agents)
    if not found_tables:
        doc.prose_tasks = prose_tasks(_body(paras, body_start), agents, year)

    doc.warnings.extend(_unread(paras, preamble.next_index, doc))
    signer = doc.signature.signer if doc.signature else None
    for text in disagreements(fields, doc.number, doc.date, signer):
        doc.warnings.append(f"line {line}: {text}")
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
    """One law, one identity within a document: a law named again without its year ("Luật
    Thủy sản") is the one named with it earlier, and a law named by name and date is the one
    the document also cites with its number ("Luật X số 72/2025/QH15")."""
    known: dict[str, InstrumentRef] = {}
    numbered: dict[str, InstrumentRef] = {}
    for cite in doc.citations:
        ref = cite.instrument
        key = (ref.name or "").lower()
        if ref.number is not None and ref.name:
            numbered.setdefault(key, ref)
        elif ref.number is None and ref.name and ref.year:
            known.setdefault(key, ref)

    def same(ref: InstrumentRef) -> InstrumentRef | None:
        if ref.number is not None or not ref.name:
            return None
        key = ref.name.lower()
        found = numbered.get(key)
        if found is not None and (ref.year is None or ref.year == found.year or found.year is None):
            return found
        return known.get(key) if not ref.year else None

    def fix(cites: list[Citation]) -> list[Citation]:
        return [replace(c, instrument=same(c.instrument) or c.instrument) for c in cites]

    doc.bases = fix(doc.bases)
    for holder in [*doc.articles, *doc.items, *doc.tasks, *doc.prose_tasks]:
        holder.citations = fix(holder.citations)


def _plan_year(doc: Document) -> int | None:
    """The year a plan is for, when its title says so ("… NĂM 2021 …")."""
    for text in (doc.plan_title, doc.title):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _unread(paras: list[Span], preamble_end: int, doc: Document) -> list[str]:
    """A warning for each run of paragraphs after the preamble that no reader took up."""
    taken: set[int] = set()
    spans = [
        *((a.start, a.end) for a in doc.articles),
        *((i.start, i.end) for i in doc.items),
        *((r.start, r.end) for r in doc.recipients),
        *((t.start, t.end) for t in doc.prose_tasks),
    ]
    if doc.signature is not None:
        spans.append((doc.signature.start, doc.signature.end))
    if doc.articles:  # with the chapter headings between them
        spans.append((doc.articles[0].start, doc.articles[-1].end))
    if doc.plan_lines and doc.plan_title:  # the plan's title block, up to its first item
        first = doc.items[0].start - 1 if doc.items else doc.plan_lines[1]
        spans.append((doc.plan_lines[0], first))
    for start, end in spans:
        taken.update(range(start, end + 1))
    warnings: list[str] = []
    run: list[Span] = []
    closing = False  # from "Nơi nhận:" to the signature: the recipients block
    for span in [*paras[preamble_end:], None]:
        closing = span is not None and (
            bool(_CLOSING.match(span.text)) or (closing and span.text.startswith(("-", "+")))
        )
        if (
            span is not None
            and span.start not in taken
            and not closing
            and not _CONCLUSION.match(span.text)
        ):
            run.append(span)
            continue
        if run and sum(len(s.text) for s in run) > 40:
            warnings.append(
                f"lines {run[0].start}–{run[-1].end}: {len(run)} paragraph(s) not read "
                f"('{run[0].text[:60]}…')"
            )
        run = []
    return warnings


def _body(paras: list[Span], start: int) -> list[Span]:
    """The paragraphs of the body: from the end of the preamble to the closing."""
    out = []
    for span in paras[start:]:
        if _CLOSING.match(span.text):
            break
        out.append(span)
    return out


def _numbers(blocks: Blocks) -> list[int]:
    return [line.number for line in blocks.lines()]

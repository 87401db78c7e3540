"""Read a PDF into blocks: the text layer by position, OCR where there is none, stamps beside.

Each page is read from its text layer (:mod:`~cancu.read.pdf_page`), with a known broken
font map repaired (:mod:`~cancu.read.pdf_fonts`), or by OCR when it has no usable text
(:mod:`~cancu.read.ocr`). Ruled tables become real tables (:mod:`~cancu.read.pdf_tables`);
a table continued on the next page with the same columns is one table. The rest is put in
reading order and paragraphs (:mod:`~cancu.read.pdf_layout`) after running headers and
footers are removed (:mod:`~cancu.read.pdf_running`). Text drawn by signature stamps goes
to the metadata (:mod:`~cancu.read.pdf_stamps`), never into the page text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pypdfium2 as pdfium

from cancu.read.blocks import Block, Blocks, Line, Paragraph, Place, Table, TableCell
from cancu.read.ocr import needs_ocr, ocr_pages
from cancu.read.pdf_fonts import repair_fonts
from cancu.read.pdf_layout import Para, regions
from cancu.read.pdf_lines import TextLine, build_lines
from cancu.read.pdf_page import UNMAPPED, PageContent, load_page, open_pdf
from cancu.read.pdf_running import page_list, strip_running
from cancu.read.pdf_stamps import number_warning, read_stamps, stamp_fields
from cancu.read.pdf_tables import GridTable, find_tables

IMAGE_SHARE = 0.3
"""A text page whose images cover more than this share of it gets a warning (a pasted scan)."""
_EDGE = 3.0
"""Columns of two pages' tables this close in width (points) continue one table."""
_ITEM = re.compile(r"^\(?[a-zđ]{1,2}[).]\s")
"""A list mark: "a) ", "đ) ", "(b) ", "c. "."""
_ENDED = re.compile(r"[.:;!?…]\W*$")
"""Text that ends a sentence (a closing quote or bracket may follow)."""


@dataclass
class _Cell:
    paras: list[Para]
    row_span: int = 1
    col_span: int = 1
    merged_from: tuple[int, int] | None = None


@dataclass
class _Table:
    """A table before numbering: its rows, the page it starts on, and its column edges."""

    rows: list[list[_Cell]]
    page: int
    xs: list[float]
    top: float


@dataclass
class _Page:
    number: int
    items: list[Para | _Table]
    ocr: bool


def read_pdf(data: bytes, name: str, sha256: str) -> Blocks:
    """Read a PDF's bytes into :class:`~cancu.read.blocks.Blocks` (raises ``InputError`` when unreadable)."""
    pdf = open_pdf(data, name)
    try:
        contents = [load_page(pdf[i], i + 1) for i in range(len(pdf))]
        repaired, warnings = repair_fonts([c.glyphs for c in contents])
        contents = [replace(c, glyphs=tuple(g)) for c, g in zip(contents, repaired, strict=True)]
        reasons = {c.number: reason for c in contents if (reason := needs_ocr(c))}
        recognised = ocr_pages(pdf, sorted(reasons), name)
    finally:
        pdf.close()
    for content in contents:
        if content.number in reasons:
            continue
        if content.image_cover > IMAGE_SHARE:
            warnings.append(
                f"page {content.number}: images cover {content.image_cover:.0%} of the page; "
                "only its text layer is read, not what the images show"
            )
        lost = sum(g.text == UNMAPPED for g in content.glyphs)
        if lost:
            warnings.append(
                f"page {content.number}: {lost} drawn characters have no Unicode mapping in their "
                f"font; they are shown as '{UNMAPPED}'"
            )
    if reasons:
        why = sorted(set(reasons.values()))
        warnings.append(
            f"{page_list(sorted(reasons))} read by OCR ({'; '.join(why)}); "
            "tables on them are read as lines of text"
        )
    flows: list[list[TextLine]] = []
    tables: list[list[_Table]] = []
    for content in contents:
        if content.number in recognised:
            flows.append(recognised[content.number])
            tables.append([])
        else:
            flow, found = _text_layer(content)
            flows.append(flow)
            tables.append(found)
    flows, removed = strip_running(flows, [c.height for c in contents])
    warnings += removed
    pages = [
        _Page(
            c.number,
            _items([replace(line, page=c.number) for line in flow], found),
            c.number in recognised,
        )
        for c, flow, found in zip(contents, flows, tables, strict=True)
    ]
    pages, repeated = _continued(pages)
    warnings += repeated
    blocks, located = _number(_carried_over(pages))
    try:
        stamps = read_stamps(data)
    except pdfium.PdfiumError as exc:
        stamps = []
        warnings.append(f"annotations not read ({exc}): a stamp's number or date may be missing")
    fields, notes = stamp_fields(stamps, located)
    warnings += notes
    warnings += number_warning(fields, located)
    if not blocks:
        warnings.append(
            f"no text on any of the {len(contents)} pages (blank pages, or drawings only)"
        )
    return Blocks(name, sha256, "pdf", tuple(blocks), tuple(fields), tuple(warnings))


def _text_layer(content: PageContent) -> tuple[list[TextLine], list[_Table]]:
    """The flow lines of a page (outside tables) and its ruled tables, their cells read."""
    grids = find_tables(content.rules)
    inside: dict[int, dict[tuple[int, int], list]] = {i: {} for i in range(len(grids))}
    outside = []
    for glyph in content.glyphs:
        x = (glyph.x0 + glyph.x1) / 2
        for i, grid in enumerate(grids):
            if grid.contains(x, glyph.middle):
                cell = grid.origin_of(*grid.position(x, glyph.middle))
                inside[i].setdefault(cell, []).append(glyph)
                break
        else:
            outside.append(glyph)
    found = [
        _table(grid, inside[i], content.number)
        for i, grid in enumerate(grids)
        if inside[i]  # a frame with nothing in it is drawing, not a table
    ]
    return build_lines(outside), found


def _table(grid: GridTable, glyphs: dict[tuple[int, int], list], page: int) -> _Table:
    rows_count, columns = grid.shape
    rows: list[list[_Cell]] = []
    for r in range(rows_count):
        row = []
        for c in range(columns):
            origin = grid.origin_of(r, c)
            if origin != (r, c):
                row.append(_Cell([], merged_from=origin))
                continue
            height, width = grid.spans[(r, c)]
            lines = [replace(line, page=page) for line in build_lines(glyphs.get((r, c), []))]
            left, right = grid.xs[c] + 1, grid.xs[c + width] - 1
            paras = [
                p
                for region in regions(lines, left, right, columns=False)
                for p in region.paragraphs()
            ]
            row.append(_Cell(paras, height, width))
        rows.append(row)
    return _Table(rows, page, grid.xs, grid.ys[0])


def _margins(lines: Sequence[TextLine]) -> tuple[float, float]:
    """The text margins of a page: where most lines start, and where the longest lines end.

    Rows split into side-by-side segments (a header's two columns) are left out when there
    are others: their edges are the columns', not the page's.
    """
    rows = Counter(line.row for line in lines)
    whole = [line for line in lines if rows[line.row] == 1] or list(lines)
    if not whole:
        return 0.0, 0.0
    starts = sorted(line.x0 for line in whole)
    ends = sorted((line.x1 for line in whole), reverse=True)
    share = max(1, len(whole) // 5)
    return statistics.median(starts[:share]), statistics.median(ends[:share])


def _items(flow: list[TextLine], found: list[_Table]) -> list[Para | _Table]:
    """A page's paragraphs and tables in reading order (text above, between and below tables)."""
    left, right = _margins(flow)
    items: list[Para | _Table] = []
    rest = sorted(flow, key=lambda line: line.top)
    for table in sorted(found, key=lambda t: t.top):
        above = [line for line in rest if line.top < table.top]
        rest = [line for line in rest if line.top >= table.top]
        items += _paras(above, left, right)
        items.append(table)
    items += _paras(rest, left, right)
    return items


def _paras(lines: list[TextLine], left: float, right: float) -> list[Para]:
    return [p for region in regions(lines, left, right) for p in region.paragraphs()]


def _continued(pages: list[_Page]) -> tuple[list[_Page], list[str]]:
    """Tables continued at the top of the next page, with columns as wide, joined into one.

    Header rows the continuation repeats (the same texts as the table's first rows) are
    read once, and a row the page break cut in two is read as one row; warnings say so.
    """
    warnings = []
    previous: _Table | None = None
    for page in pages:
        first = page.items[0] if page.items else None
        if (
            isinstance(first, _Table)
            and previous is not None
            and _same_columns(first.xs, previous.xs)
        ):
            repeated = _repeated_rows(previous, first)
            if repeated:
                warnings.append(
                    f"page {page.number}: {repeated} header row(s) repeated by the table continued "
                    f"from page {previous.page} read once"
                )
            rows = first.rows[repeated:]
            if rows and _cut_row(previous.rows[-1], rows[0]):
                warnings.append(
                    f"page {page.number}: the table's first row goes on with the last row of "
                    f"page {page.number - 1}; read as one row"
                )
                _append_row(previous.rows[-1], rows[0])
                rows, repeated = rows[1:], repeated + 1
            offset = len(previous.rows) - repeated
            for row in rows:
                for cell in row:
                    if cell.merged_from is None:
                        continue
                    r, c = cell.merged_from
                    # a cell merged into a dropped row stands alone (it holds no text)
                    cell.merged_from = (r + offset, c) if r >= repeated else None
            previous.rows += rows
            page.items = page.items[1:]
            if not page.items:
                continue  # the table fills the page: it may go on over the next one
        last = page.items[-1] if page.items else None
        previous = last if isinstance(last, _Table) else None
    return pages, warnings


def _cut_row(last: list[_Cell], row: list[_Cell]) -> bool:
    """``row`` opens with an empty first cell and a lowercase word: the rest of ``last``."""

    def shape(cells: list[_Cell]) -> list[tuple]:
        return [(c.col_span, c.row_span, c.merged_from and c.merged_from[1]) for c in cells]

    if shape(row) != shape(last) or any(c.row_span > 1 for c in row):
        return False  # only rows merged alike, across columns only, are joined
    texts = [" ".join(p.text for p in cell.paras) for cell in row]
    return not texts[0] and any(_continues(t) for t in texts if t)


def _append_row(last: list[_Cell], row: list[_Cell]) -> None:
    """Append each cell's paragraphs to the cell above; a sentence going on joins its paragraph."""
    for above, below in zip(last, row, strict=True):
        if not below.paras:
            continue
        head, *rest = below.paras
        if above.paras and _continues(head.text):
            above.paras[-1] = replace(above.paras[-1], lines=above.paras[-1].lines + head.lines)
        else:
            rest = [head, *rest]
        above.paras.extend(rest)


def _same_columns(xs: list[float], other: list[float]) -> bool:
    """The same number of columns, each as wide (the table may sit elsewhere on a wider page)."""
    return len(xs) == len(other) and all(
        abs((b - a) - (d - c)) <= _EDGE
        for (a, b), (c, d) in zip(itertools.pairwise(xs), itertools.pairwise(other), strict=True)
    )


def _repeated_rows(table: _Table, continuation: _Table) -> int:
    """How many first rows of ``continuation`` repeat the first rows of ``table``."""

    def key(row: list[_Cell]) -> tuple:
        return tuple((c.merged_from is not None, " ".join(p.text for p in c.paras)) for c in row)

    count = 0
    for ours, theirs in zip(table.rows, continuation.rows, strict=False):
        if key(ours) != key(theirs) or (not any(text for _, text in key(ours)) and count == 0):
            break
        count += 1
    return count


def _carried_over(pages: list[_Page]) -> list[_Page]:
    """A paragraph broken by a page break, joined: the next page opens with a lowercase word
    and the last paragraph of the previous page in the same size (the body text, not the
    footnotes below it) does not end a sentence. Each line keeps its own page.
    """
    for previous, page in itertools.pairwise(pages):
        first = page.items[0] if page.items else None
        if not isinstance(first, Para) or not _continues(first.lines[0].text):
            continue
        size = first.lines[0].size
        for index in range(len(previous.items) - 1, -1, -1):
            item = previous.items[index]
            if isinstance(item, _Table):
                break
            if abs(item.lines[-1].size - size) <= 0.5 and item.bold == first.bold:
                if _ENDED.search(item.text):
                    break  # the paragraph above was complete
                previous.items[index] = replace(item, lines=item.lines + first.lines)
                page.items = page.items[1:]
                break
    return pages


def _continues(text: str) -> bool:
    """The text opens with a lowercase word, not a list mark: it goes on with a sentence.

    >>> _continues("triển khai thực hiện"), _continues("Điều 3."), _continues("b) Nhiệm vụ")
    (True, False, False)
    """
    if _ITEM.match(text):
        return False
    letter = next((c for c in text if c.isalnum()), "")
    return letter.isalpha() and letter.islower()


def _number(pages: list[_Page]) -> tuple[list[Block], list[tuple[TextLine, Place]]]:
    """Blocks with their lines numbered in reading order, and every line with its place."""
    blocks: list[Block] = []
    located: list[tuple[TextLine, Place]] = []
    counter = {"line": 0, "paragraph": 0, "table": 0}

    def paragraph(para: Para, places: list[Place]) -> Paragraph:
        lines = []
        for text_line, place in zip(para.lines, places, strict=True):
            counter["line"] += 1
            lines.append(Line(counter["line"], text_line.text.strip(), place))
            located.append((text_line, place))
        return Paragraph(tuple(lines), para.bold, para.italic, para.align)

    ocr = {page.number for page in pages if page.ocr}
    for page in pages:
        for item in page.items:
            if isinstance(item, Para):
                counter["paragraph"] += 1
                places = [
                    Place(page=line.page, paragraph=counter["paragraph"], ocr=line.page in ocr)
                    for line in item.lines
                ]
                blocks.append(paragraph(item, places))
                continue
            counter["table"] += 1
            t = counter["table"]
            rows = []
            for r, row in enumerate(item.rows):
                cells = []
                for c, cell in enumerate(row):
                    paras = tuple(
                        paragraph(
                            p,
                            [
                                Place(page=line.page, table=t, row=r + 1, cell=c + 1)
                                for line in p.lines
                            ],
                        )
                        for p in cell.paras
                    )
                    cells.append(TableCell(paras, cell.row_span, cell.col_span, cell.merged_from))
                rows.append(tuple(cells))
            blocks.append(Table(tuple(rows), Place(page=item.page, table=t)))
    return blocks, located

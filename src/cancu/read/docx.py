"""Read a DOCX file into blocks: body paragraphs and tables in document order.

The reader works on ``word/document.xml`` with lxml rather than python-docx:
python-docx hides the two things this reader must see, namely the raw merge
marks (``w:gridSpan`` and ``w:vMerge`` on each ``w:tc``, which its ``Table.cell``
API resolves only into repeated cell objects) and the order of mixed body
content (``w:sdt`` wrappers, text boxes, ``mc:AlternateContent`` twins, whose
fallback would otherwise be read twice). lxml is what python-docx itself parses
with, so nothing is gained by the extra layer.

What is read, and how:

- Body children in order: ``w:p`` and ``w:tbl``, looking through content
  controls (``w:sdt``) and custom XML wrappers. Empty paragraphs are dropped.
- A paragraph's text is its runs joined as they are. A tab is a space; a line
  break (``w:br``, ``w:cr``) starts a new :class:`~cancu.read.blocks.Line` of
  the same paragraph. List labels that Word draws from ``numbering.xml``
  ("1.", "a)") are put in front of the text, as a reader sees them. Deleted
  revisions and field codes are not text; hidden runs are skipped with a warning.
- ``bold``/``italic`` are True when every run with visible text is so (direct,
  character style, paragraph style, defaults); ``align`` comes from ``w:jc``.
- Tables become grids: ``w:gridSpan`` spans columns, ``w:vMerge`` continues the
  cell above, ``w:gridBefore``/``w:gridAfter`` leave grid positions empty. A
  table nested in a cell is flattened into that cell's paragraphs, with a warning.
- Text boxes are read as paragraphs right after the paragraph that anchors them.
- Page headers and footers, footnotes, endnotes and comments are not read; each
  part that holds text gets a warning. So does a picture or shape without text.

>>> import io, zipfile
>>> body = ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
...         '<w:t>KẾ HOẠCH</w:t></w:r></w:p>')
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("word/document.xml", wrap(body))
>>> p = next(read_docx(buf.getvalue(), "a.docx", "0" * 64).paragraphs())
>>> p.text, p.bold, p.align
('KẾ HOẠCH', True, 'center')
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from cancu.errors import InputError
from cancu.read.assemble import Assembler, Draft, DraftCell, Gather
from cancu.read.blocks import Blocks
from cancu.read.ooxml import Numbering, Styles, W, val, whole

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEX = re.compile(r"[0-9A-Fa-f]{1,6}")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}
_NOT_TEXT = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "proofErr"}
_PAGE_PARTS = {
    "header": "page header",
    "footer": "page footer",
    "footnotes": "footnotes",
    "endnotes": "endnotes",
    "comments": "comments",
}


def wrap(body: str) -> bytes:
    """A minimal ``word/document.xml`` around body XML (for fixtures and examples)."""
    return (f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>').encode()


@dataclass
class _Found:
    """What one paragraph held besides its own text."""

    boxes: list[Draft] = field(default_factory=list)
    pictures: int = 0
    hidden: int = 0

    def notes(self) -> list[str]:
        out = []
        if self.boxes:
            out.append(f"{len(self.boxes)} paragraph(s) of a text box read after it")
        if self.pictures:
            out.append(f"{self.pictures} picture(s) or shape(s) without text skipped")
        if self.hidden:
            out.append(f"{self.hidden} character(s) of hidden text skipped")
        return out


def _children(parent: etree._Element, tags: set[str]):
    """Children of ``parent`` with one of ``tags``, looking through wrappers."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


class _Reader:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.out = Assembler()

    # paragraphs

    def draft(self, p: etree._Element) -> tuple[Draft, _Found]:
        ppr = p.find(W + "pPr")
        text, found = Gather(), _Found()
        self._walk(p, ppr, text, found)
        draft = text.draft(self.styles.align(ppr))
        if draft.lines:
            label = self.numbering.label(self.styles.numbering(ppr))
            draft.lines[0] = label + draft.lines[0].lstrip()
        return draft, found

    def _walk(self, parent: etree._Element, ppr, text: Gather, found: _Found) -> None:
        for child in parent:
            if child.tag == W + "r":
                self._run(child, ppr, text, found)
            elif child.tag == MC + "AlternateContent":
                chosen = child.find(MC + "Choice")
                self._walk(chosen if chosen is not None else child, ppr, text, found)
            elif isinstance(child.tag, str) and child.tag not in _NOT_TEXT:
                self._walk(child, ppr, text, found)

    def _run(self, run: etree._Element, ppr, text: Gather, found: _Found) -> None:
        rpr = run.find(W + "rPr")
        styles = self.styles
        hidden = styles.run_flag(ppr, rpr, "vanish")
        bold, italic = styles.run_flag(ppr, rpr, "b"), styles.run_flag(ppr, rpr, "i")
        for child in run:
            tag = child.tag
            if tag == W + "t":
                if hidden:
                    found.hidden += len(child.text or "")
                else:
                    text.add(child.text or "", bold, italic)
            elif hidden:
                continue
            elif tag == W + "tab":
                text.add(" ", bold, italic)
            elif tag in (W + "br", W + "cr"):
                text.newline()
            elif tag == W + "noBreakHyphen":
                text.add("-", bold, italic)
            elif tag == W + "sym":
                char = child.get(W + "char") or ""
                code = int(char, 16) if _HEX.fullmatch(char) else 0
                if code and not 0xE000 <= code <= 0xF8FF:
                    text.add(chr(code), bold, italic)
            elif tag in (W + "drawing", W + "pict", W + "object", MC + "AlternateContent"):
                self._picture(child, found)

    def _picture(self, element: etree._Element, found: _Found) -> None:
        if element.tag == MC + "AlternateContent":
            chosen = element.find(MC + "Choice")
            element = chosen[0] if chosen is not None and len(chosen) else element
        drafts = []
        for box in element.iter(W + "txbxContent"):
            for p in box.iter(W + "p"):
                draft, _ = self.draft(p)
                if self.out.has_text(draft):
                    drafts.append(draft)
        if drafts:
            found.boxes.extend(drafts)
        else:
            found.pictures += 1

    # body and tables

    def body(self, body: etree._Element) -> None:
        for child in _children(body, {W + "p", W + "tbl"}):
            if child.tag == W + "tbl":
                self.out.table(self.table(child))
                continue
            draft, found = self.draft(child)
            self.out.paragraph(draft)
            place = self.out.last_paragraph if self.out.has_text(draft) else None
            where = place.describe() if place else f"after {self.out.last_paragraph.describe()}"
            for note in found.notes():
                self.out.warn(where, note)
            for box in found.boxes:
                self.out.paragraph(box)

    def table(self, tbl: etree._Element) -> list[list[DraftCell]]:
        rows = []
        for tr in _children(tbl, {W + "tr"}):
            trpr = tr.find(W + "trPr")
            row = []
            before = whole(val(trpr.find(W + "gridBefore") if trpr is not None else None), 0)
            if before:
                row.append(DraftCell([], col_span=before))
            for tc in _children(tr, {W + "tc"}):
                row.append(self.cell(tc))
            after = whole(val(trpr.find(W + "gridAfter") if trpr is not None else None), 0)
            if after:
                row.append(DraftCell([], col_span=after))
            rows.append(row)
        return rows

    def cell(self, tc: etree._Element) -> DraftCell:
        tcpr = tc.find(W + "tcPr")
        span = whole(val(tcpr.find(W + "gridSpan") if tcpr is not None else None), 1)
        vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
        cell = DraftCell(
            [], col_span=span, continues=vmerge is not None and val(vmerge) != "restart"
        )
        self._fill(tc, cell)
        return cell

    def _fill(self, container: etree._Element, cell: DraftCell) -> None:
        for child in _children(container, {W + "p", W + "tbl"}):
            if child.tag == W + "p":
                draft, found = self.draft(child)
                cell.paragraphs.append(draft)
                cell.paragraphs.extend(found.boxes)
                cell.notes.extend(found.notes())
                continue
            rows = list(_children(child, {W + "tr"}))
            width = max((len(list(_children(tr, {W + "tc"}))) for tr in rows), default=0)
            cell.notes.append(
                f"a nested table ({len(rows)} rows × {width} cells) flattened into the cell's paragraphs"
            )
            for tr in rows:
                for tc in _children(tr, {W + "tc"}):
                    self._fill(tc, cell)


def _part(archive: zipfile.ZipFile, name: str, source: str) -> etree._Element | None:
    if name not in archive.namelist():
        return None
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"{name} is not well-formed XML ({exc.msg}): expected a Word document", source=source
        ) from None


def _page_parts(archive: zipfile.ZipFile, source: str, out: Assembler) -> None:
    for name in sorted(archive.namelist()):
        stem = name.removeprefix("word/").removesuffix(".xml").rstrip("0123456789")
        if not name.startswith("word/") or name.count("/") != 1 or stem not in _PAGE_PARTS:
            continue
        root = _part(archive, name, source)
        text = " ".join("".join(t.text or "" for t in root.iter(W + "t")).split())
        if text:
            snippet = text if len(text) <= 60 else text[:57] + "..."
            out.warn(name, f"{_PAGE_PARTS[stem]} text not read: {snippet!r}")


def read_docx(data: bytes, name: str, sha256: str, *, format: str = "docx") -> Blocks:
    """Read a DOCX file's bytes into :class:`~cancu.read.blocks.Blocks` (see the module docstring).

    ``format`` names what the file was published as (``"doc"`` when the DOCX was
    converted from a Word 97–2003 file).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a zip archive: expected a DOCX (Word) file", source=name) from None
    with archive:
        document = _part(archive, "word/document.xml", name)
        body = document.find(W + "body") if document is not None else None
        if body is None:
            raise InputError("no word/document.xml body: expected a DOCX (Word) file", source=name)
        reader = _Reader(
            Styles(_part(archive, "word/styles.xml", name)),
            Numbering(_part(archive, "word/numbering.xml", name)),
        )
        reader.body(body)
        _page_parts(archive, name, reader.out)
    blocks = reader.out.blocks(name, sha256, format)
    if not blocks.blocks:
        raise InputError("no text in the document body: expected a decision or plan", source=name)
    return blocks

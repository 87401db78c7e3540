"""Text drawn by annotations (signature stamps, form fields, free text), beside the page text.

Office document systems sign a PDF after it is printed to PDF: the number and the day are
then drawn by the signature's appearance stream over the blanks of "Số:   /BC-UBND" and
"ngày   tháng 12 năm 2025". The page text keeps the blanks as written; what the stamps
draw is read by flattening a copy of each annotated page (PDFium draws the appearance
streams into the page) and keeping the characters that were not there before.

:func:`stamp_fields` places each stamp on the page line it is drawn over and, when that
line is the number line or the date line with a blank, says what the filled line reads:

>>> line = TextLine("Số: /BC-UBND", 120, 230, 730, 742, 13, xs=(120, 127, 134, 140, 172, 176, 185, 194, 197, 206, 215, 224))
>>> fields, _ = stamp_fields([Stamp(1, "329", 145, 165, 731, 743)], [(line, Place(page=1, paragraph=2))])
>>> [(f.name, f.value) for f in fields]
[('stamp', '329'), ('Số', '329/BC-UBND')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from cancu.read.blocks import Field, Place
from cancu.read.pdf_lines import TextLine, build_lines
from cancu.read.pdf_page import Glyph, View, page_glyphs

_DRAWN = (raw.FPDF_ANNOT_WIDGET, raw.FPDF_ANNOT_FREETEXT, raw.FPDF_ANNOT_STAMP)
_BLANK_NUMBER = re.compile(r"^Số\s*[:.]?\s*(/|$)")
_NUMBER = re.compile(r"^Số\s*[:.]?\s*(\d[\d.]*)\s*(/\s*[\w./&-]+)?")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


@dataclass(frozen=True)
class Stamp:
    """Text an annotation draws on a page, with its box (points from the top-left corner)."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def read_stamps(data: bytes) -> list[Stamp]:
    """The text drawn by each annotation of the PDF (annotations that draw no text give none)."""
    pdf = pdfium.PdfDocument(data)
    try:
        pdf.init_forms()
        return [stamp for index in range(len(pdf)) for stamp in _page_stamps(pdf, index)]
    finally:
        pdf.close()


def _page_stamps(pdf: pdfium.PdfDocument, index: int) -> list[Stamp]:
    """The text the annotations of one page draw (flattening the page in this copy)."""
    page = pdf[index]
    if not _draws(page):
        return []
    view = View.of(page)
    before = Counter(_key(g) for g in page_glyphs(page.get_textpage(), view))
    if page.flatten() != raw.FLATTEN_SUCCESS:
        return []
    new: list[Glyph] = []
    for glyph in page_glyphs(pdf[index].get_textpage(), view):
        key = _key(glyph)
        if before[key]:
            before[key] -= 1
        else:
            new.append(glyph)
    return [
        Stamp(index + 1, line.text, line.x0, line.x1, line.top, line.bottom)
        for line in build_lines(new)
    ]


def _draws(page: pdfium.PdfPage) -> bool:
    """The page has an annotation of a kind that draws an appearance (widget, free text, stamp)."""
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, index)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in _DRAWN:
                return True
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return False


def _key(glyph: Glyph) -> tuple[str, int, int]:
    return glyph.text, round(glyph.x0), round(glyph.top)


def stamp_fields(
    stamps: Sequence[Stamp], lines: Sequence[tuple[TextLine, Place]]
) -> tuple[list[Field], list[str]]:
    """Metadata fields from the stamps, and notes on what they fill.

    Each stamp gives a ``stamp`` field at the place of the line it is drawn over (or at its
    page). Where that line is the number line with a blank ("Số: /BC-UBND"), the filled
    number gives a ``Số`` field; where it is a date line with a blank day or month, the
    filled date gives a ``Ngày`` field (day/month/year). The first of each is kept.
    """
    fields: list[Field] = []
    notes: list[str] = []
    for stamp in stamps:
        found = _over(stamp, lines)
        if found is None:
            fields.append(Field("stamp", stamp.text, Place(page=stamp.page)))
            continue
        line, place = found
        fields.append(Field("stamp", stamp.text, place))
        filled = _fill(line, stamp)
        number = _NUMBER.match(filled)
        if number and _BLANK_NUMBER.match(line.text):
            value = number.group(1) + re.sub(r"\s+", "", number.group(2) or "")
            fields.append(Field("Số", value, place))
        date = _DATE.search(filled)
        if date and not _DATE.search(line.text):
            day, month, year = date.groups()
            fields.append(Field("Ngày", f"{int(day)}/{int(month)}/{year}", place))
        notes.append(f"{place.describe()}: a signature stamp draws '{stamp.text}' here: '{filled}'")
    kept: list[Field] = []
    for item in fields:
        if item.name == "stamp" or all(k.name != item.name for k in kept):
            kept.append(item)
    return kept, notes


def _over(stamp: Stamp, lines: Sequence[tuple[TextLine, Place]]) -> tuple[TextLine, Place] | None:
    """The line of the stamp's page the stamp is drawn over (overlapping half its height)."""
    best = None
    best_overlap = 0.0
    height = max(stamp.bottom - stamp.top, 0.1)
    for line, place in lines:
        if place.page != stamp.page:
            continue
        overlap = min(stamp.bottom, line.bottom) - max(stamp.top, line.top)
        near = line.x0 - 3 * line.size <= stamp.x0 <= line.x1 + 3 * line.size
        if near and overlap >= 0.5 * min(height, line.bottom - line.top) and overlap > best_overlap:
            best, best_overlap = (line, place), overlap
    return best


def _fill(line: TextLine, stamp: Stamp) -> str:
    """The line's text with the stamp's text put where it is drawn."""
    at = bisect.bisect_left(line.xs, stamp.x0) if line.xs else len(line.text)
    return " ".join(
        part for part in (line.text[:at].rstrip(), stamp.text, line.text[at:].lstrip()) if part
    )

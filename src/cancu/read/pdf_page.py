"""What a PDF page holds, as plain data: its glyphs with their boxes and fonts, and its drawn rules.

pypdfium2 (PDFium, Apache-2.0) parses the file; everything after this module works on the
plain :class:`Glyph` and :class:`Rule` values, so layout code is tested without a PDF.
Coordinates are in points, measured from the top-left corner of the page (``top`` grows
downwards), as a reader sees the page.

>>> g = Glyph("a", 10.0, 15.0, 100.0, 113.0, 13.0, "TimesNewRomanPS-BoldMT")
>>> g.bold, g.italic, g.middle
(True, False, 106.5)
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from cancu.errors import InputError

RULE_THICKNESS = 2.5
"""The thickest drawn line still read as a table rule (points)."""
_MIN_RULE_LENGTH = 4.0
UNMAPPED = "\ufffd"
"""The text of a glyph whose font gives it no character (kept so the loss is counted and shown)."""
_WHITE = 235
"""A colour with every channel at least this bright is treated as invisible (white on white)."""


@dataclass(frozen=True)
class Glyph:
    """One character as drawn: its text, box (advance width by line height), size and font name."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    spaced: bool = False
    """The file put a space character before this glyph."""

    @property
    def bold(self) -> bool:
        """The font's name says bold (or black, heavy, semibold)."""
        name = self.font.lower()
        return any(word in name for word in ("bold", "black", "heavy", "semibold"))

    @property
    def italic(self) -> bool:
        """The font's name says italic (or oblique)."""
        name = self.font.lower()
        return "italic" in name or "oblique" in name

    @property
    def middle(self) -> float:
        """The vertical middle of the box."""
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A drawn straight rule: horizontal (``y0 == y1``) or vertical (``x0 == x1``)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """The rule runs left to right."""
        return self.x1 - self.x0 >= self.bottom - self.top


@dataclass(frozen=True)
class PageContent:
    """A page: its 1-based number, size, glyphs in content order, visible rules, and image cover."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    image_cover: float
    """Share of the page area covered by images (0 to 1, overlaps counted once per image)."""


def open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    """Open a PDF from its bytes, or raise :class:`InputError` saying why it cannot be read."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise InputError(
                "the PDF is encrypted with a password: expected an unprotected PDF (remove the password first)",
                source=name,
            ) from None
        raise InputError(
            f"not a readable PDF ({exc}): expected a complete PDF file", source=name
        ) from None
    if len(pdf) == 0:
        raise InputError("the PDF has no pages: expected at least one page", source=name)
    return pdf


def load_page(page: pdfium.PdfPage, number: int) -> PageContent:
    """The glyphs, rules and image cover of one page."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    glyphs = tuple(page_glyphs(textpage, height))
    rules: list[Rule] = []
    image_area = 0.0
    for obj in page.get_objects(max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            rules.extend(_rules(obj, height))
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            image_area += max(0.0, min(right, width) - max(left, 0.0)) * max(
                0.0, min(top, height) - max(bottom, 0.0)
            )
    cover = min(1.0, image_area / (width * height)) if width and height else 0.0
    return PageContent(number, width, height, glyphs, tuple(rules), cover)


def page_glyphs(textpage: pdfium.PdfTextPage, height: float) -> list[Glyph]:
    """Every drawn, non-blank character of the text page (spaces are rebuilt from positions later)."""
    out = []
    box = raw.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    font = ""
    last_font_size = None
    spaced = False
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, index)
        text = chr(code)
        if code in (0, 0xFFFD) and raw.FPDFText_IsGenerated(textpage, index) != 1:
            text = UNMAPPED  # a glyph the font maps to no character
        elif code <= 0x20 or text.isspace():
            spaced = True  # written by the file, or inferred by PDFium from a positioning gap
            continue
        if raw.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        if 0xD800 <= code <= 0xDFFF or unicodedata.category(text) == "Cc":
            continue
        raw.FPDFText_GetLooseCharBox(textpage, index, box)
        size = round(raw.FPDFText_GetFontSize(textpage, index), 2)
        length = raw.FPDFText_GetFontInfo(textpage, index, name, len(name), flags)
        font_key = (name.raw[: max(0, length - 1)], size)
        if font_key != last_font_size:
            font = name.value.decode("latin-1")
            last_font_size = font_key
        out.append(
            Glyph(
                text, box.left, box.right, height - box.top, height - box.bottom, size, font, spaced
            )
        )
        spaced = False
    return out


def _visible(obj: pdfium.PdfObject) -> tuple[bool, bool]:
    """Whether the path is filled and whether it is stroked, each with a colour that shows."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    channels = [ctypes.c_uint() for _ in range(4)]

    def shows(getter) -> bool:
        getter(obj, *channels)
        r, g, b, a = (c.value for c in channels)
        return a > 0 and min(r, g, b) < _WHITE

    filled = bool(fill_mode.value) and shows(raw.FPDFPageObj_GetFillColor)
    stroked = bool(stroke.value) and shows(raw.FPDFPageObj_GetStrokeColor)
    return filled, stroked


def _rules(obj: pdfium.PdfObject, height: float) -> list[Rule]:
    """The rules a path draws: a thin line or bar, or the four sides of a stroked box."""
    left, bottom, right, top = obj.get_bounds()
    filled, stroked = _visible(obj)
    if not (filled or stroked):
        return []
    w, h = right - left, top - bottom
    y0, y1 = height - top, height - bottom
    if h <= RULE_THICKNESS and w >= _MIN_RULE_LENGTH:
        y = (y0 + y1) / 2
        return [Rule(left, y, right, y)]
    if w <= RULE_THICKNESS and h >= _MIN_RULE_LENGTH:
        x = (left + right) / 2
        return [Rule(x, y0, x, y1)]
    is_box = raw.FPDFPath_CountSegments(obj) in (4, 5)
    if is_box and stroked and not filled and w >= _MIN_RULE_LENGTH and h >= _MIN_RULE_LENGTH:
        return [
            Rule(left, y0, right, y0),
            Rule(left, y1, right, y1),
            Rule(left, y0, left, y1),
            Rule(right, y0, right, y1),
        ]
    return []

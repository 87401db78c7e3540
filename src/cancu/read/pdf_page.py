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
import re
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
        cause = re.search(r"PDFium: ([^)]*)", str(exc))
        why = cause.group(1).rstrip(".").lower() if cause else str(exc)
        raise InputError(
            f"not a readable PDF ({why}): expected a complete PDF file", source=name
        ) from None
    if len(pdf) == 0:
        raise InputError("the PDF has no pages: expected at least one page", source=name)
    return pdf


@dataclass(frozen=True)
class View:
    """How page space (PDF units, origin bottom-left, before ``/Rotate``) maps to the page as shown.

    >>> View(0, 0, 0, 595, 842).box(10, 800, 20, 812)
    (10, 30, 20, 42)
    >>> View(90, 0, 0, 595, 842).box(100, 700, 110, 712)  # a landscape page drawn on portrait
    (700, 100, 712, 110)
    """

    rotation: int
    x_min: float
    y_min: float
    width: float
    """Width of page space (before rotation)."""
    height: float
    """Height of page space (before rotation)."""

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> View:
        """The view of a page: its rotation and its visible box (crop box within media box)."""
        left, bottom, right, top = page.get_bbox()
        return cls(page.get_rotation() % 360, left, bottom, right - left, top - bottom)

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the page as shown."""
        if self.rotation in (90, 270):
            return self.height, self.width
        return self.width, self.height

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        """A page-space box as (x0, top, x1, bottom) on the page as shown."""
        corners = [self._point(left, bottom), self._point(right, top)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)

    def _point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.x_min, y - self.y_min
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y


def load_page(page: pdfium.PdfPage, number: int) -> PageContent:
    """The glyphs, rules and image cover of one page, as the page is shown."""
    view = View.of(page)
    width, height = view.size
    glyphs = tuple(page_glyphs(page.get_textpage(), view))
    rules: list[Rule] = []
    image_area = 0.0
    for obj in page.get_objects(max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            rules.extend(_rules(obj, view))
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            x0, top, x1, bottom = view.box(*obj.get_bounds())
            image_area += max(0.0, min(x1, width) - max(x0, 0.0)) * max(
                0.0, min(bottom, height) - max(top, 0.0)
            )
    cover = min(1.0, image_area / (width * height)) if width and height else 0.0
    return PageContent(number, width, height, glyphs, tuple(rules), cover)


def page_glyphs(textpage: pdfium.PdfTextPage, view: View) -> list[Glyph]:
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
        x0, top, x1, bottom = view.box(box.left, box.bottom, box.right, box.top)
        out.append(Glyph(text, x0, x1, top, bottom, size, font, spaced))
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


def _rules(obj: pdfium.PdfObject, view: View) -> list[Rule]:
    """The rules a path draws: a thin line or bar, or the four sides of a stroked box."""
    filled, stroked = _visible(obj)
    if not (filled or stroked):
        return []
    x0, y0, x1, y1 = view.box(*obj.get_bounds())
    w, h = x1 - x0, y1 - y0
    if h <= RULE_THICKNESS and w >= _MIN_RULE_LENGTH:
        y = (y0 + y1) / 2
        return [Rule(x0, y, x1, y)]
    if w <= RULE_THICKNESS and h >= _MIN_RULE_LENGTH:
        x = (x0 + x1) / 2
        return [Rule(x, y0, x, y1)]
    is_box = raw.FPDFPath_CountSegments(obj) in (4, 5)
    if is_box and stroked and not filled and w >= _MIN_RULE_LENGTH and h >= _MIN_RULE_LENGTH:
        return [
            Rule(x0, y0, x1, y0),
            Rule(x0, y1, x1, y1),
            Rule(x0, y0, x0, y1),
            Rule(x1, y0, x1, y1),
        ]
    return []

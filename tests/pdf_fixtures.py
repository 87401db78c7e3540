"""Small PDFs written by the tests (fpdf2 with a DejaVu font; Pillow for image-only pages)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SERIF = FONT_DIR / "DejaVuSerif.ttf"
SERIF_BOLD = FONT_DIR / "DejaVuSerif-Bold.ttf"


def new_pdf():
    """An A4 fpdf2 document with a Unicode serif font (skips without the DejaVu fonts)."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test extra) writes the PDF fixtures")
    if not SERIF.exists() or not SERIF_BOLD.exists():
        pytest.skip("the DejaVu fonts (Debian: fonts-dejavu-core) are needed to write PDF fixtures")
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("Serif", "", str(SERIF))
    pdf.add_font("Serif", "B", str(SERIF_BOLD))
    pdf.set_font("Serif", size=13)
    return pdf


def text(pdf, x: float, y: float, value: str, bold: bool = False, size: float = 13) -> None:
    """Draw ``value`` with its baseline at (x, y) points from the top-left corner."""
    pdf.set_font("Serif", "B" if bold else "", size)
    pdf.text(x, y, value)


def centred(pdf, middle: float, y: float, value: str, bold: bool = False, size: float = 13) -> None:
    """Draw ``value`` centred on ``middle``."""
    pdf.set_font("Serif", "B" if bold else "", size)
    pdf.text(middle - pdf.get_string_width(value) / 2, y, value)


def body(pdf, top: float, lines: list[str], left: float = 70, size: float = 13) -> float:
    """Draw lines one under another; returns the baseline after the last."""
    y = top
    for line in lines:
        text(pdf, left, y, line, size=size)
        y += size * 1.4
    return y


def output(pdf) -> bytes:
    """The PDF's bytes."""
    return bytes(pdf.output())


def ruled_table(pdf, x0: float, top: float, widths: list[float], height: float, rows: list[list]):
    """Draw a ruled grid; a cell given as None is merged into the cell to its left.

    Text is drawn in each non-merged cell; rules between merged cells are left out.
    """
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    pdf.set_line_width(0.6)
    for r, row in enumerate(rows):
        y0, y1 = top + r * height, top + (r + 1) * height
        pdf.line(xs[0], y0, xs[-1], y0)
        pdf.line(xs[0], y0, xs[0], y1)
        for c in range(len(row)):
            if c + 1 < len(row) and row[c + 1] is None:
                continue  # no rule: the next cell is merged into this one
            pdf.line(xs[c + 1], y0, xs[c + 1], y1)
        for c, value in enumerate(row):
            if value is not None:
                text(pdf, xs[c] + 4, y0 + height * 0.65, value, size=11)
    pdf.line(xs[0], top + len(rows) * height, xs[-1], top + len(rows) * height)


def image_page_pdf(lines: list[tuple[str, int]], dpi: int = 200) -> bytes:
    """A one-page PDF holding only an image of the given lines (text, size in points): no text layer."""
    image_module = pytest.importorskip("PIL.Image", reason="Pillow (test extra) draws the image")
    draw_module = pytest.importorskip("PIL.ImageDraw")
    font_module = pytest.importorskip("PIL.ImageFont")
    pdf = new_pdf()
    width, height = int(595 / 72 * dpi), int(842 / 72 * dpi)
    image = image_module.new("L", (width, height), 255)
    draw = draw_module.Draw(image)
    y = int(80 / 72 * dpi)
    for value, size in lines:
        font = font_module.truetype(str(SERIF), int(size / 72 * dpi))
        draw.text((int(70 / 72 * dpi), y), value, font=font, fill=0)
        y += int(size * 1.8 / 72 * dpi)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=595, h=842)
    return output(pdf)

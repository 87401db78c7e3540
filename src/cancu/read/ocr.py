"""Pages without a usable text layer, read by Tesseract with its Vietnamese model.

A page needs OCR when it has (almost) no text but images, or when its text is not
Vietnamese: too few of its words are written with the Vietnamese alphabet (a legacy font
encoding such as TCVN3 shown as "Céng hoµ x· héi"), or many glyphs map to no character. The page is rendered by PDFium and read by the
``tesseract`` command (Debian: ``tesseract-ocr`` and ``tesseract-ocr-vie``); its words come
back with their boxes, so the layout code rebuilds lines and paragraphs as for a text layer.

>>> vietnamese_share("Cộng hòa xã hội chủ nghĩa Việt Nam; Số: 12/QĐ-UBND (“CCHC”)")
1.0
>>> vietnamese_share("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
0.375
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import statistics
import string
import subprocess
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium

from cancu.errors import InputError
from cancu.read.pdf_lines import TextLine, build_lines
from cancu.read.pdf_page import UNMAPPED, Glyph, PageContent

DPI = 300
"""Rendering resolution for OCR: Tesseract reads diacritics best at 300 dpi."""
MAX_PIXELS = 7000
"""The longest side of a rendered page, in pixels (a large plan is rendered at a lower dpi)."""
TIMEOUT = 120
"""Seconds one page may take before OCR gives up on it."""
MIN_TEXT = 20
"""A page with fewer drawn characters than this has no text layer to speak of."""
SPARSE_TEXT = 300
"""A page mostly covered by an image, with fewer characters than this, is a scan with a label."""
MIN_SHARE = 0.8
"""A text layer with a smaller share of Vietnamese words is not read as text."""
INSTALL = "install the Debian packages tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"

_VIETNAMESE = set(
    "abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)


_WORD = _VIETNAMESE | set(string.digits + string.punctuation + "“”‘’–—…•")


def vietnamese_share(text: str) -> float:
    """The share of the words of ``text`` (those with a letter) written only with Vietnamese
    letters, digits and punctuation (1.0 when there is no word)."""
    words = [w for w in text.lower().split() if any(c.isalpha() for c in w)]
    if not words:
        return 1.0
    return sum(all(c in _WORD for c in word) for word in words) / len(words)


def needs_ocr(page: PageContent) -> str | None:
    """Why the page must be read by OCR, or None when its text layer is usable."""
    text = "".join((" " if g.spaced else "") + g.text for g in page.glyphs)
    if len(text) < MIN_TEXT:
        return "no text layer" if page.image_cover > 0.2 else None
    if page.image_cover > 0.6 and len(text) < SPARSE_TEXT:
        return f"a page image with only {len(text)} characters of text"
    share = vietnamese_share(text)
    if share < MIN_SHARE:
        return f"text layer not Vietnamese ({share:.0%} of its words in Vietnamese letters)"
    unmapped = text.count(UNMAPPED) / len(text)
    if unmapped > 0.1:
        return f"text layer with {unmapped:.0%} of its glyphs mapped to no character"
    return None


def require_tesseract(name: str) -> str:
    """The path of ``tesseract`` with its Vietnamese model, or :class:`InputError` saying what to install."""
    path = shutil.which("tesseract")
    if path is None:
        raise InputError(
            f"this PDF needs OCR and tesseract is not installed: {INSTALL}", source=name
        )
    langs = subprocess.run(
        [path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    if "vie" not in (langs.stdout + langs.stderr).split():
        raise InputError(
            f"this PDF needs OCR and tesseract has no Vietnamese model: {INSTALL}", source=name
        )
    return path


def ocr_pages(
    pdf: pdfium.PdfDocument, numbers: Sequence[int], name: str, dpi: int = DPI
) -> dict[int, list[TextLine]]:
    """The lines of the given pages (1-based), read by OCR, in page coordinates (points).

    Pages are rendered one after another (PDFium is not thread-safe) and read by one
    ``tesseract`` process per core, each held to one thread.
    """
    if not numbers:
        return {}
    tesseract = require_tesseract(name)
    images: dict[int, tuple[bytes, float]] = {}
    for number in numbers:
        page = pdf[number - 1]
        scale = min(dpi / 72, MAX_PIXELS / max(page.get_size()))
        images[number] = (_pgm(page.render(scale=scale, grayscale=True)), scale)
    workers = max(1, min(len(numbers), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        results = pool.map(lambda n: _tesseract(tesseract, images[n][0], n, name), numbers)
        return {n: _lines(tsv, 1 / images[n][1]) for n, tsv in zip(numbers, results, strict=True)}


def _pgm(bitmap: pdfium.PdfBitmap) -> bytes:
    """A greyscale bitmap as a binary PGM image (Tesseract reads it; no imaging library needed)."""
    data = bytes(bitmap.buffer)
    rows = (
        data[y * bitmap.stride : y * bitmap.stride + bitmap.width] for y in range(bitmap.height)
    )
    return f"P5\n{bitmap.width} {bitmap.height}\n255\n".encode() + b"".join(rows)


def _tesseract(path: str, image: bytes, number: int, name: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [path, "stdin", "stdout", "-l", "vie", "--psm", "3", "tsv"],
            input=image,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"page {number}: OCR took over {TIMEOUT} s: expected a page of ordinary text",
            source=name,
        ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise InputError(f"page {number}: tesseract failed: {reason[0]}", source=name)
    return done.stdout.decode("utf-8")


def _lines(tsv: str, scale: float) -> list[TextLine]:
    """Tesseract's words (TSV output) as glyphs in points, built into lines as a text layer is.

    Every word gets the page's usual text size (from the words' heights), so spacing and
    paragraph rules read OCR lines as they read drawn text.
    """
    boxes = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = unicodedata.normalize("NFC", (row.get("text") or "").strip())
        if row.get("level") == "5" and text:
            left, top = int(row["left"]) * scale, int(row["top"]) * scale
            width, height = int(row["width"]) * scale, int(row["height"]) * scale
            boxes.append((text, left, left + width, top, top + height))
    if not boxes:
        return []
    size = 0.8 * statistics.median(bottom - top for _, _, _, top, bottom in boxes)
    glyphs = [
        Glyph(text, x0, x1, top, bottom, size, "", spaced=True)
        for text, x0, x1, top, bottom in boxes
    ]
    return build_lines(glyphs)

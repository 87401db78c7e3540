"""A known broken font map (ToUnicode), detected and repaired where the mapping is known.

Some Word exports of Vietnamese text map "ư"/"Ư" to "ƣ"/"Ƣ" (Latin letter oi, never used
in Vietnamese) and "Ò" to "Õ". "ƣ"/"Ƣ" are repaired wherever they occur. "Õ" is a real
Vietnamese letter ("NGÕ"), so it is repaired only in a font family shown to carry the
broken map (the same family maps some letter to "ƣ"/"Ƣ"). "õ" is reported where it could
be such a letter, but never changed: the map for it is not known.

>>> def glyph(text, font="Times New Roman"):
...     return Glyph(text, 0, 1, 0, 1, 12, font)
>>> pages = [[glyph(c) for c in "THƢƠNG"] + [glyph(c, "Times New Roman,Bold") for c in "HÕA"]]
>>> repaired, warnings = repair_fonts(pages)
>>> "".join(g.text for g in repaired[0])
'THƯƠNGHÒA'
>>> repaired, _ = repair_fonts([[glyph(c, "Arial") for c in "NGÕ"]])
>>> "".join(g.text for g in repaired[0])
'NGÕ'
>>> family("ABCDEF+TimesNewRomanPS-BoldMT"), family("Times New Roman,Bold")
('TimesNewRomanPS', 'Times New Roman')
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from cancu.read.pdf_page import Glyph

MARKERS = {"ƣ": "ư", "Ƣ": "Ư"}
"""Letters no Vietnamese text uses, which the broken map puts for these."""
IN_BROKEN_FONT = {"Õ": "Ò"}
"""Repaired only in a font family that carries a marker."""
UNKNOWN = {"õ": "ò"}
"""Reported in a broken family (it may stand for the letter given) but kept as written."""

_SUBSET = re.compile(r"^[A-Z]{6}\+")


def family(font: str) -> str:
    """A font name without its subset tag and its style suffix."""
    name = _SUBSET.sub("", font)
    return re.split(r"[,-]", name, maxsplit=1)[0].strip()


def repair_fonts(pages: Sequence[Sequence[Glyph]]) -> tuple[list[list[Glyph]], list[str]]:
    """The glyphs with the known broken map repaired, and one warning per page and family."""
    broken = {family(g.font) for page in pages for g in page if g.text in MARKERS}
    out: list[list[Glyph]] = []
    warnings: list[str] = []
    for number, page in enumerate(pages, start=1):
        repaired: Counter[tuple[str, str, str]] = Counter()
        kept: Counter[tuple[str, str]] = Counter()
        glyphs = []
        for g in page:
            fam = family(g.font)
            new = MARKERS.get(g.text) or (IN_BROKEN_FONT.get(g.text) if fam in broken else None)
            if new:
                repaired[(fam, g.text, new)] += 1
                g = dataclasses.replace(g, text=new)
            elif fam in broken and g.text in UNKNOWN:
                kept[(fam, g.text)] += 1
            glyphs.append(g)
        out.append(glyphs)
        for fam in sorted({f for f, _, _ in repaired}):
            pairs = ", ".join(
                f"'{old}'→'{new}' ×{n}" for (f, old, new), n in sorted(repaired.items()) if f == fam
            )
            warnings.append(
                f"page {number}: broken font map (ToUnicode) in font '{fam}' repaired: {pairs}"
            )
        for (fam, char), n in sorted(kept.items()):
            warnings.append(
                f"page {number}: font '{fam}' has a broken map; '{char}' ×{n} kept as written "
                f"(it may stand for '{UNKNOWN[char]}', which the known map does not tell)"
            )
    return out, warnings

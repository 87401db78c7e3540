"""Resolve agency names as written into gazetteer entries, for one citing document.

The resolver is the extractor's only door to the gazetteer: it splits a table
cell into names, strips the titles of office that prose puts before an agency
("Giám đốc Sở Tài chính" → "Sở Tài chính"), and keeps every name it cannot
resolve as an unresolved :class:`AgentRef` (never invented, always reported).
"""

from __future__ import annotations

import re

from cancu.extract.records import AgentRef
from cancu.text.names import Gazetteer

_TITLES = re.compile(
    r"^(?:-\s*)?(?:Chánh|Phó Chánh|Giám đốc|Phó Giám đốc|Thủ trưởng|Chủ tịch|Phó Chủ tịch|"
    r"Bộ trưởng|Thứ trưởng|Chủ nhiệm|Tổng Cục trưởng|Cục trưởng|Viện trưởng|"
    r"Trưởng|Thường trực|Lãnh đạo)\s+(?=\S)",
)
_ISSUER_NAMES = {
    "QH": "Quốc hội",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BTP": "Bộ Tư pháp",
    "TW": "Ban Chấp hành Trung ương",
}


def strip_title(name: str) -> str:
    """Remove a title of office before an agency name.

    >>> strip_title("Giám đốc Sở Nội vụ"), strip_title("Chủ tịch UBND các huyện")
    ('Sở Nội vụ', 'UBND các huyện')
    >>> strip_title("Thủ trưởng các sở, ban, ngành tỉnh")
    'các sở, ban, ngành tỉnh'
    """
    name = name.strip(" .;,:")
    stripped = _TITLES.sub("", name)
    return stripped if len(stripped.split()) >= 2 else name


class AgentResolver:
    """Resolve names for one document, in the context of its province."""

    def __init__(self, gazetteer: Gazetteer, province: str | None = None):
        self.gazetteer = gazetteer
        self.province = province

    def resolve(self, name: str, start: int, end: int, province: str | None = None) -> AgentRef:
        """Resolve one name; an unresolved name comes back with ``iri=None``."""
        written = re.sub(r"\s+", " ", name).strip(" .;,:-")
        match = self.gazetteer.match(written, province=province or self.province)
        if match is None and strip_title(written) != written:
            match = self.gazetteer.match(strip_title(written), province=province or self.province)
        if match is None:
            return AgentRef(written, start, end)
        entry = match.entry
        return AgentRef(
            as_written=written,
            start=start,
            end=end,
            iri=entry.iri,
            label=entry.pref_label_vi,
            kind=entry.kind,
            quality=match.quality,
        )

    def split(self, cell: str, start: int, end: int) -> list[AgentRef]:
        """Split a lead/coordinator cell into names and resolve each."""
        names = self.gazetteer.split(cell, province=self.province)
        return [self.resolve(n, start, end) for n in names if n.strip(" .;,:-")]

    def issuer(self, codes: tuple[str, ...], province: str | None) -> AgentRef | None:
        """The issuing body of an instrument number's issuer codes, when known."""
        if not codes:
            return None
        code = codes[0]
        names = [_ISSUER_NAMES[code]] if code in _ISSUER_NAMES else []
        if code in ("UBND", "HĐND") and province:
            body = "Ủy ban nhân dân" if code == "UBND" else "Hội đồng nhân dân"
            names = [
                f"{body} tỉnh {province}",
                f"{body} thành phố {province}",
                f"{body} {province}",
            ]
        for name in names:
            ref = self.resolve(name, 0, 0, province=province)
            if ref.iri:
                return ref
        return None

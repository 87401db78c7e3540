"""Resolve agency names as written into gazetteer entries, for one citing document.

The resolver is the extractor's only door to the gazetteer: it splits a table
cell into names, strips the titles of office that prose puts before an agency
("Giám đốc Sở Tài chính" → "Sở Tài chính"), and keeps every name it cannot
resolve as an unresolved :class:`AgentRef` (never invented, always reported).
"""

from __future__ import annotations

import datetime as dt
import re

from cancu.extract.records import AgentRef
from cancu.text.agency_split import free_text_at
from cancu.text.gazetteer import Gazetteer

_TITLES = re.compile(
    r"^(?:-\s*)?(?:Chánh|Phó Chánh|Giám đốc|Phó Giám đốc|Thủ trưởng|Chủ tịch|Phó Chủ tịch|"
    r"Bộ trưởng|Thứ trưởng|Chủ nhiệm|Tổng Cục trưởng|Cục trưởng|Viện trưởng|"
    r"Trưởng|Thường trực|Lãnh đạo)\s+(?=\S)",
)


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


class _DocumentDate:
    """The default of ``on``: the date of the document being read."""


DOCUMENT_DATE = _DocumentDate()


class AgentResolver:
    """Resolve names for one document, in the context of its province and date.

    A name resolves to the body of the document's province (or a central one) that existed
    on the document's date; a name that ends with another province's name resolves there. An
    ambiguous name stays unresolved and carries its candidates.

    >>> from cancu.text.gazetteer import Gazetteer
    >>> old = AgentResolver(Gazetteer.default(), "Long An", date=dt.date(2021, 5, 4))
    >>> old.resolve("Sở KH&ĐT", 1, 1).iri.rsplit("/", 1)[-1]
    'so-ke-hoach-va-dau-tu-long-an'
    >>> AgentResolver(Gazetteer.default(), "Nghệ An").resolve("UBND cấp xã", 1, 1).label
    'Ủy ban nhân dân cấp xã tỉnh Nghệ An'
    >>> len(AgentResolver(Gazetteer.default()).resolve("Sở Y tế", 1, 1).candidates)
    63
    """

    def __init__(
        self, gazetteer: Gazetteer, province: str | None = None, *, date: dt.date | None = None
    ):
        self.gazetteer = gazetteer
        self.province = province
        self.date = date
        self.notes: list[str] = []
        """Warnings about text of agency cells that is not an agency (with its line)."""

    def resolve(
        self,
        name: str,
        start: int,
        end: int,
        province: str | None = None,
        on: dt.date | _DocumentDate | None = DOCUMENT_DATE,
    ) -> AgentRef:
        """Resolve one name; an unresolved name comes back with ``iri=None``.

        ``on``: the day the body must have existed, by default the document's (a cited
        instrument's issuer is resolved at the instrument's date, or at none when unknown).
        """
        written = re.sub(r"\s+", " ", name).strip(" .;,:-")
        province = province or self.province
        day = self.date if isinstance(on, _DocumentDate) else on
        found = self.gazetteer.candidates(written, province, day)
        if not found and strip_title(written) != written:
            found = self.gazetteer.candidates(strip_title(written), province, day)
        if len(found) != 1:
            return AgentRef(written, start, end, candidates=tuple(m.entry.iri for m in found))
        entry = found[0].entry
        return AgentRef(
            as_written=written,
            start=start,
            end=end,
            iri=entry.iri,
            label=entry.pref_label_vi,
            kind=entry.kind,
            quality=found[0].quality,
        )

    def split(self, cell: str, start: int, end: int) -> list[AgentRef]:
        """Split a lead/coordinator cell into names and resolve each.

        A task description in the cell ("theo dõi", "báo cáo chỉ tiêu") is not an agency: it
        is left out and noted in :attr:`notes`, and cut off a known name it follows.

        >>> r = AgentResolver(Gazetteer.default(), "Tây Ninh")
        >>> [a.iri.rsplit("/", 1)[-1] for a in r.split("Sở Nội vụ theo dõi; báo cáo chỉ tiêu", 7, 7)]
        ['so-noi-vu-tay-ninh']
        >>> r.notes
        ["line 7: not an agency, left out of the agency cell: 'theo dõi'", "line 7: not an agency, left out of the agency cell: 'báo cáo chỉ tiêu'"]
        """
        out = []
        for name in self.gazetteer.split(cell, province=self.province):
            if not name.strip(" .;,:-"):
                continue
            ref = self.resolve(name, start, end)
            cut = None if ref.iri or ref.candidates else free_text_at(ref.as_written)
            if cut is not None:
                words = ref.as_written.split()
                head = self.resolve(" ".join(words[:cut]), start, end) if cut else None
                if cut and not head.iri:  # the description is part of an unknown name
                    out.append(ref)
                    continue
                rest = " ".join(words[cut:])
                self.notes.append(
                    f"line {start}: not an agency, left out of the agency cell: '{rest}'"
                )
                if head is None:
                    continue
                ref = head
            out.append(ref)
        return out

    def issuer(
        self,
        codes: tuple[str, ...],
        province: str | None,
        on: dt.date | _DocumentDate | None = DOCUMENT_DATE,
    ) -> AgentRef | None:
        """The issuing body of an instrument number's issuer codes, when exactly one body of
        the province (else a central one) that existed on the document's date has the code.

        >>> r = AgentResolver(Gazetteer.default(), date=dt.date(2025, 11, 21))
        >>> r.issuer(("BXD",), None).label, r.issuer(("UBND",), "Cần Thơ").label
        ('Bộ Xây dựng', 'Ủy ban nhân dân Thành phố Cần Thơ')
        >>> r.issuer(("BKHĐT",), None) is None   # merged into Bộ Tài chính on 2025-03-01
        True
        >>> r.issuer(("BKHĐT",), None, on=dt.date(2019, 5, 2)).label
        'Bộ Kế hoạch và Đầu tư'
        """
        if not codes:
            return None
        day = self.date if isinstance(on, _DocumentDate) else on
        found = self.gazetteer.by_notation(codes[0], province, day)
        if len(found) != 1:
            return None
        entry = found[0]
        return AgentRef(
            entry.pref_label_vi, 0, 0, entry.iri, entry.pref_label_vi, entry.kind, "exact"
        )

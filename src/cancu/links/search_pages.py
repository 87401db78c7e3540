"""Search links: where a researcher would look an instrument up on each portal.

The portals' record ids are opaque (PRIMER §5), so for an instrument without a curated link
the best the graph can say is "search this portal for this number". The patterns below are the
ones the portals' own pages and third-party tools use (see data/README.md); they were not
checked live. Công báo and the administrative-procedure database get no generated search link:
their search URL patterns could not be confirmed.

>>> search_url("thuvienphapluat", "61/2018/NĐ-CP")
'https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword=61/2018/N%C4%90-CP&match=True&area=0'
>>> search_url("vbpl", "2818/QĐ-UBND")
'https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&SearchIn=Title,Title1&Keyword=2818/Q%C4%90-UBND'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from cancu.errors import CancuError
from cancu.links.curated import LinkRow
from cancu.links.instruments import Instrument

SEARCH_PATTERNS: dict[str, str] = {
    "vbpl": "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&SearchIn=Title,Title1&Keyword={q}",
    "thuvienphapluat": "https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword={q}&match=True&area=0",
}
"""Search URL per database code; ``{q}`` is the percent-encoded number."""


@dataclass(frozen=True)
class SearchLink:
    """A generated search link (never an identity)."""

    instrument: str
    database: str
    number: str
    url: str


def search_url(database: str, number: str) -> str:
    """The search page of ``database`` for an instrument number."""
    if database not in SEARCH_PATTERNS:
        raise CancuError(
            f"no search pattern for database '{database}' (known: {', '.join(SEARCH_PATTERNS)})"
        )
    return SEARCH_PATTERNS[database].format(q=quote(number, safe="/-."))


def search_links(
    instruments: Iterable[Instrument], curated: Iterable[tuple[str, LinkRow]]
) -> list[SearchLink]:
    """Search links for every (instrument, portal) pair that has no curated URL.

    ``curated`` pairs each curated row with the IRI of its instrument. Instruments without a
    number (laws cited by name only) get none: a name search is too loose to state.

    >>> inst = Instrument("urn:i", "61/2018/NĐ-CP", None, None)
    >>> [s.database for s in search_links([inst], [])]
    ['thuvienphapluat', 'vbpl']
    """
    covered = {(iri, row.database) for iri, row in curated if row.url}
    out = []
    for inst in instruments:
        if not inst.number:
            continue
        for database in sorted(SEARCH_PATTERNS):
            if (inst.iri, database) not in covered:
                out.append(
                    SearchLink(inst.iri, database, inst.number, search_url(database, inst.number))
                )
    return out

"""Turn instrument mentions found in running text into citations with resolved identity.

An administrative number such as ``800/QĐ-UBND`` restarts every year at every
issuer, so a citation's identity needs the issuer: a local issuer code (UBND,
HĐND) is resolved against the province named in the mention ("của UBND tỉnh
Tây Ninh") or, failing that, the province of the citing document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cancu.extract.agents import AgentResolver
from cancu.extract.records import Citation, InstrumentRef
from cancu.parse.mentions import Mention, find_mentions
from cancu.parse.numbers import InstrumentNumber
from cancu.text.segment import Span

LOCAL_ISSUERS = {"UBND", "HĐND"}
"""Issuer codes whose numbers repeat in every province."""

_PROVINCE_IN = re.compile(
    r"(?:tỉnh|thành phố|Thành phố|Tỉnh)\s+((?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s?){1,4})", re.UNICODE
)


@dataclass(frozen=True)
class CitingContext:
    """What a citation is resolved against: the citing document's number, year and province."""

    province: str | None
    number: InstrumentNumber | None
    year: int | None


def province_in(text: str | None) -> str | None:
    """The province named in an issuer clause, if any.

    >>> province_in("Ủy ban nhân dân tỉnh Tây Ninh"), province_in("UBND tỉnh")
    ('Tây Ninh', None)
    >>> province_in("Ủy ban nhân dân Thành phố Hồ Chí Minh")
    'Hồ Chí Minh'
    """
    if not text:
        return None
    match = _PROVINCE_IN.search(text)
    return match.group(1).strip() if match else None


def instrument_of(mention: Mention, ctx: CitingContext, agents: AgentResolver) -> InstrumentRef:
    """Resolve a mention into the identity of the instrument it cites."""
    number = mention.number
    codes = number.issuer_codes if number else ()
    type_code = mention.type_code or (number.type_code if number else None)
    if type_code is None and mention.type_word and mention.type_word.lower().startswith("luật"):
        type_code = "LUAT"
    if type_code is None and number is not None and number.kind == "law":
        type_code = "LUAT"
    if type_code is None and number is not None and number.kind == "official_letter":
        type_code = "CV"
    year = (number.year if number else None) or (mention.date.year if mention.date else None)
    year = year or mention.year
    province = None
    if set(codes) & LOCAL_ISSUERS or (not codes and mention.issuer_text):
        province = province_in(mention.issuer_text) or ctx.province
    issuer = None
    on = mention.date  # the cited instrument's issuer as it was then (any, when undated)
    if mention.issuer_text:
        issuer = agents.resolve(mention.issuer_text, 0, 0, province=province, on=on)
        if issuer.iri is None:
            issuer = None
    if issuer is None and codes:
        issuer = agents.issuer(codes, province, on=on)
    if issuer is None and type_code == "LUAT":
        issuer = agents.issuer(("QH",), None, on=on)  # a law is passed by the National Assembly
    return InstrumentRef(
        type_code=type_code,
        number=number,
        date=mention.date,
        year=year,
        issuer_codes=codes,
        issuer_text=mention.issuer_text,
        issuer=issuer,
        province=province,
        name=mention.name,
    )


def is_self(ref: InstrumentRef, ctx: CitingContext) -> bool:
    """True when a citation names the citing document itself."""
    if ref.number is None or ctx.number is None:
        return False
    same_number = ref.number.normalized == ctx.number.normalized
    same_year = ref.year is None or ctx.year is None or ref.year == ctx.year
    return same_number and same_year


def _unidentifiable(mention: Mention) -> bool:
    """An amending law named only as such ("Luật sửa đổi, bổ sung một số điều") names no one law."""
    generic = re.match(r"^Luật\s+(sửa đổi|Sửa đổi)", mention.name or "")
    return bool(generic) and mention.number is None and mention.date is None and not mention.year


def citations_in(
    span: Span, kind: str, ctx: CitingContext, agents: AgentResolver
) -> list[Citation]:
    """All citations in a paragraph or cell; ``kind`` is the citation kind of the context."""
    out: list[Citation] = []
    for mention in find_mentions(span.text):
        if _unidentifiable(mention):
            continue
        ref = instrument_of(mention, ctx, agents)
        out.append(
            Citation(
                instrument=ref,
                kind="self" if is_self(ref, ctx) else kind,
                as_written=mention.as_written,
                start=span.start,
                end=span.end,
                subject=mention.subject,
                pinpoint=mention.pinpoint,
                date_as_written=mention.date_as_written,
            )
        )
    return out

"""Mint every IRI of the project, deterministically and readably, from the data.

Documents and cited instruments get ELI-style IRIs built from issuer, type,
year and serial; the issuer segment carries the province for local bodies,
because an administrative number such as 800/QĐ-UBND restarts every year in
every province:

>>> from cancu.parse.numbers import parse_number
>>> instrument_iri(parse_number("61/2018/NĐ-CP"), None, None)
'https://w3id.org/cancu/eli/vn/cp/nd/2018/61'
>>> instrument_iri(parse_number("800/QĐ-UBND"), 2019, "Tây Ninh")
'https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2019/800'
>>> instrument_iri(None, 2015, None, type_code="LUAT", name="Luật Tổ chức Chính quyền địa phương")
'https://w3id.org/cancu/eli/vn/qh/luat/2015/to-chuc-chinh-quyen-dia-phuong'
>>> concept("role", "lead")
'https://w3id.org/cancu/scheme/role/lead'
"""

from __future__ import annotations

import re

from cancu.parse.numbers import InstrumentNumber
from cancu.text.names import slugify
from cancu.vocab import BASE, SCHEME, SOURCE

LOCAL_CODES = {"UBND", "HĐND"}


def _code_slug(code: str) -> str:
    return slugify(code.replace("Đ", "D").replace("đ", "d"))


def issuer_segment(codes: tuple[str, ...], province: str | None) -> str:
    """The issuer part of an instrument IRI.

    >>> issuer_segment(("BTC", "BTP"), None), issuer_segment(("UBND",), "Hồ Chí Minh")
    ('btc-btp', 'ubnd-ho-chi-minh')
    >>> issuer_segment(("HĐND",), None)
    'hdnd-unresolved'
    """
    if not codes:
        return "unknown"
    slug = "-".join(_code_slug(c) for c in codes)
    if set(codes) & LOCAL_CODES or not _is_central(codes):
        return f"{slug}-{slugify(province)}" if province else f"{slug}-unresolved"
    return slug


_CENTRAL = {
    "QH", "CP", "TTG", "VPCP", "TW", "BNV", "BTC", "BTP", "BCT", "BTTTT", "BKHCN", "BCA", "BGDDT",
    "BYT", "BNNPTNT", "BTNMT", "BXD", "BKHDT", "BLDTBXH", "NHNN", "BQP", "BNG", "BVHTTDL", "BGTVT",
    "UBTVQH", "TANDTC", "VKSNDTC", "KTNN", "BNNMT", "BDTTG", "BCĐ", "TTCP", "BCT-BTC",
}  # fmt: skip


def _is_central(codes: tuple[str, ...]) -> bool:
    return all(c.upper().replace("Đ", "D") in _CENTRAL or c.upper() in _CENTRAL for c in codes)


def instrument_iri(
    number: InstrumentNumber | None,
    year: int | None,
    province: str | None,
    *,
    type_code: str | None = None,
    name: str | None = None,
) -> str:
    """The IRI of an instrument from its number (or, for a law cited by name, its name)."""
    year_part = str((number.year if number else None) or year or "undated")
    if number is not None:
        codes = number.issuer_codes
        kind_type = number.type_code or type_code or ("LUAT" if number.kind == "law" else "CV")
        serial = slugify(number.serial.replace(".", "-")) if "." in number.serial else number.serial
        return f"{BASE}eli/vn/{issuer_segment(codes, province)}/{_code_slug(kind_type)}/{year_part}/{serial}"
    title = re.sub(r"^(Bộ\s+)?Luật\s+", "", name or "").strip()
    issuer = "qh" if (type_code or "") == "LUAT" else "unknown"
    return f"{BASE}eli/vn/{issuer}/{_code_slug(type_code or 'unknown')}/{year_part}/{slugify(title) or 'untitled'}"


def provisional_iri(sha256: str, type_code: str | None, year: int | None) -> str:
    """The IRI of a document whose number is not known: unique to its source, and saying so.

    >>> provisional_iri("ab12" * 16, "KH", None)
    'https://w3id.org/cancu/eli/vn/provisional/kh/undated/ab12ab12ab12ab12'
    """
    kind = _code_slug(type_code or "unknown")
    return f"{BASE}eli/vn/provisional/{kind}/{year or 'undated'}/{sha256[:16]}"


def sub(parent: str, *parts: str) -> str:
    """A subdivision IRI below ``parent``.

    >>> sub("https://x/eli/doc", "plan", "sec_V", "item_2", "point_a")
    'https://x/eli/doc/plan/sec_V/item_2/point_a'
    """
    return "/".join([parent, *parts])


def item_path(path: tuple[str, ...]) -> list[str]:
    """Path segments of a plan item: ("V", "2", "a") → sec_V/item_2/point_a.

    >>> item_path(("II", "2.1"))
    ['sec_II', 'item_2.1']
    """
    names = ("sec", "item", "point")
    return [f"{names[min(k, 2)]}_{part}" for k, part in enumerate(path)]


def graph_iri(document: str) -> str:
    """The named graph that holds one document's extraction."""
    return document + "/graph"


def source_iri(sha256: str) -> str:
    """The IRI of a source text, by content hash."""
    return f"{SOURCE}{sha256}"


def unresolved_agent(name: str, province: str | None) -> str:
    """The IRI of a name the gazetteer could not resolve (scoped by province)."""
    scope = slugify(province) if province else "vn"
    return f"{BASE}agent/unresolved/{scope}/{slugify(name)[:80] or 'unnamed'}"


def concept(scheme: str, code: str) -> str:
    """The IRI of a SKOS concept of one of the project's schemes."""
    return f"{SCHEME}{scheme}/{code}"

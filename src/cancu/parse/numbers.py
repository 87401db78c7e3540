"""Instrument numbers ("số hiệu"): ``2818/QĐ-UBND``, ``61/2018/NĐ-CP``, ``57-NQ/TW``.

Five shapes are recognised (Nghị định 30/2020/NĐ-CP; Luật Ban hành văn bản QPPL):

- ``normative``: ``{n}/{year}/{TYPE}-{ISSUER}[-{ISSUER}…]`` (61/2018/NĐ-CP, 14/2014/TTLT-BTC-BTP);
- ``law``: ``{n}/{year}/QH{term}`` (47/2019/QH14), also ``UBTVQH{term}`` for ordinances;
- ``administrative``: ``{n}/{TYPE}-{ISSUER}[-{UNIT}]`` (2818/QĐ-UBND, 513/QĐ-TCTS-NTTS);
- ``official_letter``: ``{n}/{ISSUER}[-{UNIT}]`` (725/BNV-CCHC), no type code;
- ``party``: ``{n}-{TYPE}/{ORGAN}`` (57-NQ/TW, 459-KHHĐ/TU).

Codes are written in their canonical case ("QĐ-TTG" → "QĐ-TTg") and D stands for Đ ("QD" → "QĐ").

>>> parse_number("2818/QĐ-UBND").normalized
'2818/QĐ-UBND'
>>> n = parse_number("14/2014/TTLT-BTC-BTP")
>>> n.kind, n.type_code, n.issuer_codes
('normative', 'TTLT', ('BTC', 'BTP'))
>>> [m.normalized for _, _, m in find_numbers("theo 26/2019/TT-BTC ngày 10/5/2019 và Quý II/2021")]
['26/2019/TT-BTC']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cancu.errors import ParseError

TYPE_CODES: tuple[str, ...] = (
    "QĐ",  # Quyết định
    "NĐ",  # Nghị định
    "TT",  # Thông tư
    "TTLT",  # Thông tư liên tịch
    "NQ",  # Nghị quyết
    "NQLT",  # Nghị quyết liên tịch
    "CT",  # Chỉ thị
    "KH",  # Kế hoạch
    "KHHĐ",  # Kế hoạch hành động (Party)
    "TB",  # Thông báo
    "HD",  # Hướng dẫn
    "CTr",  # Chương trình
    "QC",  # Quy chế
    "QyĐ",  # Quy định (Party)
    "VBHN",  # Văn bản hợp nhất
    "KL",  # Kết luận
    "CĐ",  # Công điện
    "BC",  # Báo cáo
    "TTr",  # Tờ trình
    "ĐA",  # Đề án
    "PA",  # Phương án
    "GM",  # Giấy mời
)
"""Canonical type abbreviations of state and Party documents (official letters have none)."""

PARTY_ONLY_TYPE_CODES: tuple[str, ...] = ("CV",)
"""Type codes that only Party documents use (``123-CV/TU``)."""

ISSUER_CODES: tuple[str, ...] = (
    # central state bodies
    "QH", "UBTVQH", "CTN", "CP", "TTg", "VPCP", "TTCP", "KTNN", "NHNN", "TANDTC", "VKSNDTC",
    "HĐTP", "UBDT",
    # ministries (before and after the 2025 mergers)
    "BNV", "BTC", "BTP", "BCA", "BQP", "BNG", "BYT", "BGDĐT", "BLĐTBXH", "BTNMT", "BNNPTNT", "BNN",
    "BNNMT", "BKHĐT", "BKHCN", "BTTTT", "BCT", "BXD", "BGTVT", "BVHTTDL", "BDTTG",
    # general departments
    "TCTS", "TCT", "TCHQ", "KBNN", "BHXH",
    # local bodies
    "UBND", "HĐND", "CT", "VP", "VPUBND", "UBMTTQ", "MTTQ", "BQL",
    "STC", "SNV", "STP", "SKHCN", "STTTT", "SXD", "SYT", "SGDĐT", "SNN", "SNNPTNT", "SNNMT",
    "STNMT", "SCT", "SKHĐT", "SLĐTBXH", "SVHTTDL", "SGTVT", "SNgV",
    # Party organs
    "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "BCSĐ", "BTGTW", "BTCTW", "VPTW", "UBKTTW", "BDVTW",
    "BCĐ", "TGV",
)  # fmt: skip
"""Canonical issuer codes; other all-capital codes are accepted as written."""

TERM_ISSUERS: tuple[str, ...] = ("QH", "UBTVQH")
"""Issuers whose code carries the legislature term (``QH14``, ``UBTVQH15``)."""

KINDS: tuple[str, ...] = ("normative", "administrative", "official_letter", "law", "party")
JOINT_TYPES: tuple[str, ...] = ("TTLT", "NQLT")

_EXPECTED = "expected an instrument number such as 2818/QĐ-UBND, 61/2018/NĐ-CP or 57-NQ/TW"
_LETTERS = re.compile(r"[^\W\d_]+")
_SERIAL = re.compile(r"0*([0-9]+(?:\.[0-9]+|[a-z])?)")  # 61, 66.2, 30c (Nghị quyết 30c/NQ-CP)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")


def _fold(code: str) -> str:
    """Case- and Đ-insensitive key of a code: ``_fold("QĐ-TTg") == "QD-TTG"``."""
    return code.upper().replace("Đ", "D")


def _table(codes: tuple[str, ...]) -> dict[str, str]:
    return {_fold(c): c for c in codes}


_TYPES_EXACT = frozenset(TYPE_CODES)
_TYPES = _table(TYPE_CODES)
_PARTY_TYPES = _table(TYPE_CODES + PARTY_ONLY_TYPE_CODES)
_ISSUERS_EXACT = frozenset(ISSUER_CODES)
_ISSUERS = _table(ISSUER_CODES)


@dataclass(frozen=True)
class InstrumentNumber:
    """A parsed instrument number; ``as_written`` keeps the text, ``normalized`` the canonical form.

    >>> parse_number("0134/KH-UBND").serial
    '134'
    >>> parse_number("725/BNV-CCHC").unit
    'CCHC'
    """

    as_written: str
    serial: str
    year: int | None
    type_code: str | None
    issuer_codes: tuple[str, ...]
    unit: str | None
    legislature: int | None
    kind: str

    @property
    def normalized(self) -> str:
        """The canonical spelling, e.g. ``47/2019/QH14`` or ``14/2014/TTLT-BTC-BTP``.

        >>> parse_number("06/QĐ-TTG").normalized
        '6/QĐ-TTg'
        """
        issuers = [
            c + str(self.legislature) if c in TERM_ISSUERS and self.legislature else c
            for c in self.issuer_codes
        ]
        if self.kind == "party":
            return f"{self.serial}-{self.type_code}/{'-'.join(issuers)}"
        if self.kind == "law":
            return f"{self.serial}/{self.year}/{issuers[0]}"
        tail = "-".join(([self.type_code] if self.type_code else []) + issuers)
        if self.unit:
            tail += "-" + self.unit
        if self.year is not None:
            return f"{self.serial}/{self.year}/{tail}"
        return f"{self.serial}/{tail}"


def _reject(text: str, why: str) -> ParseError:
    return ParseError(f"not an instrument number: {text!r}: {why}")


def _canon_type(piece: str, text: str, *, party: bool = False) -> str:
    if piece in _TYPES_EXACT:
        return piece
    table = _PARTY_TYPES if party else _TYPES
    found = table.get(_fold(piece))
    if found is None:
        known = ", ".join(TYPE_CODES[:8])
        raise _reject(text, f"expected a type code such as {known}…, got {piece!r}")
    return found


def _canon_issuer(piece: str, text: str, *, strict_case: bool) -> tuple[str, int | None]:
    """Canonical issuer code and legislature term (``UBTVQH15`` → ``("UBTVQH", 15)``)."""
    term: int | None = None
    m = re.fullmatch(r"([^\W\d_]+)([0-9]{1,2})", piece)
    if m and _fold(m.group(1)) in TERM_ISSUERS:
        piece, term = m.group(1), int(m.group(2))
        if term == 0:
            raise _reject(text, "expected a legislature term from 1, got 0")
    if not _LETTERS.fullmatch(piece):
        raise _reject(text, f"expected an issuer code of letters such as UBND or CP, got {piece!r}")
    if strict_case and not piece[0].isupper():
        raise _reject(text, f"expected an issuer code in capitals, got {piece!r}")
    if piece in _ISSUERS_EXACT:
        return piece, term
    found = _ISSUERS.get(_fold(piece))
    if found is not None:
        return found, term
    if piece == piece.upper() and 2 <= len(piece) <= 10:
        return piece, term
    raise _reject(text, f"expected a known issuer code such as UBND, CP, TTg or BTC, got {piece!r}")


def _canon_unit(piece: str, text: str, *, strict_case: bool) -> str:
    if not re.fullmatch(r"[^\W_]+", piece) or not piece[0].isalpha():
        raise _reject(text, f"expected a unit code of letters such as CCHC, got {piece!r}")
    if strict_case and piece != piece.upper():
        raise _reject(text, f"expected a unit code in capitals such as CCHC, got {piece!r}")
    return piece.upper()


def _serial(piece: str, text: str) -> str:
    m = _SERIAL.fullmatch(piece)
    if not m:
        raise _reject(text, f"expected a serial number (digits) before '/', got {piece!r}")
    serial = m.group(1)
    if serial.startswith("."):
        serial = "0" + serial
    if not serial.strip("0."):
        raise _reject(text, "expected a serial number greater than 0")
    return serial


def _year(piece: str, text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", piece) or not 1945 <= int(piece) <= 2100:
        raise _reject(text, f"expected a four-digit year between 1945 and 2100, got {piece!r}")
    return int(piece)


def _precheck(text: str, s: str) -> None:
    """Reject the usual false friends with a reason that names them."""
    if not s:
        raise _reject(text, f"{_EXPECTED}; the text is empty")
    if re.search(r"(?<![^\W\d_])(TCVN|ISO|QCVN|IEC)(?![^\W\d_])", s, re.IGNORECASE):
        raise _reject(
            text, f"a technical standard (TCVN/ISO/QCVN), not a state instrument; {_EXPECTED}"
        )
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}", s):
        raise _reject(
            text, f"looks like a date (day/month/year), not an instrument number; {_EXPECTED}"
        )
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{4}", s):
        raise _reject(
            text,
            "looks like a month or quarter with its year (as in 'Tháng 4/2021'), "
            f"not an instrument number; {_EXPECTED}",
        )
    if re.fullmatch(r"[0-9]+(?:[.,/][0-9]+)*", s):
        raise _reject(text, f"a bare number without type or issuer code; {_EXPECTED}")


def _parse(text: str, *, strict_case: bool) -> InstrumentNumber:
    s = _DASHES.sub("-", text.strip())
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    s = re.sub(
        r"/{2,}", "/", s
    )  # a doubled separator is a typo ("24/2026//NQ-CP"); kept as written
    _precheck(text, s)
    party = re.fullmatch(r"([0-9.]+)-([^\W\d_]+)/([^\W\d_]+)", s)
    if party:
        serial = _serial(party.group(1), text)
        if strict_case and not party.group(2)[0].isupper():
            raise _reject(text, f"expected a type code in capitals, got {party.group(2)!r}")
        type_code = _canon_type(party.group(2), text, party=True)
        organ, _ = _canon_issuer(party.group(3), text, strict_case=strict_case)
        return InstrumentNumber(text, serial, None, type_code, (organ,), None, None, "party")
    parts = s.split("/")
    if len(parts) not in (2, 3):
        raise _reject(text, f"{_EXPECTED}; found {len(parts) - 1} '/' separators")
    serial = _serial(parts[0], text)
    year = _year(parts[1], text) if len(parts) == 3 else None
    pieces = parts[-1].split("-")
    if any(not p for p in pieces):
        raise _reject(text, f"{_EXPECTED}; empty code between '-' separators")
    if year is not None and len(pieces) == 1:
        issuer, term = _canon_issuer(pieces[0], text, strict_case=strict_case)
        if issuer not in TERM_ISSUERS or term is None:
            raise _reject(
                text, f"expected TYPE-ISSUER or QH{{term}} after the year, got {pieces[0]!r}"
            )
        return InstrumentNumber(text, serial, year, None, (issuer,), None, term, "law")
    first = pieces[0]
    if strict_case and not first[0].isupper():
        raise _reject(text, f"expected a code in capitals after '/', got {first!r}")
    if year is not None or _fold(first) in _TYPES:
        type_code = _canon_type(first, text)
        if len(pieces) < 2:
            raise _reject(text, f"expected an issuer code after the type code {type_code!r}")
        rest = pieces[1:]
        n_issuers = len(rest) if type_code in JOINT_TYPES else 1
        issuers = [_canon_issuer(p, text, strict_case=strict_case) for p in rest[:n_issuers]]
        units = [_canon_unit(p, text, strict_case=strict_case) for p in rest[n_issuers:]]
        terms = [t for _, t in issuers if t is not None]
        kind = "normative" if year is not None else "administrative"
        return InstrumentNumber(
            text,
            serial,
            year,
            type_code,
            tuple(c for c, _ in issuers),
            "-".join(units) or None,
            terms[0] if terms else None,
            kind,
        )
    issuer, term = _canon_issuer(first, text, strict_case=strict_case)
    units = [_canon_unit(p, text, strict_case=strict_case) for p in pieces[1:]]
    if not units and issuer not in _ISSUERS_EXACT:
        raise _reject(text, f"expected a known issuer code or ISSUER-UNIT after '/', got {first!r}")
    return InstrumentNumber(
        text, serial, None, None, (issuer,), "-".join(units) or None, term, "official_letter"
    )


def parse_number(text: str) -> InstrumentNumber:
    """Parse one instrument number; raise :class:`ParseError` saying what was expected.

    >>> parse_number("47/2019/QH14").legislature
    14
    >>> parse_number("66.2/2025/NQ-CP").serial
    '66.2'
    >>> n = parse_number("24/2026//NQ-CP"); n.normalized, n.as_written
    ('24/2026/NQ-CP', '24/2026//NQ-CP')
    >>> parse_number("23/4/2018")
    Traceback (most recent call last):
    ...
    cancu.errors.ParseError: not an instrument number: '23/4/2018': looks like a date (day/month/year), not an instrument number; expected an instrument number such as 2818/QĐ-UBND, 61/2018/NĐ-CP or 57-NQ/TW
    """
    return _parse(text, strict_case=False)


_L = r"[^\W\d_]"
_CANDIDATE = re.compile(
    rf"""(?<![\w./-])
    (?:
      [0-9]{{1,6}}\s?-\s?{_L}+\s?/\s?{_L}+                          # party: 57-NQ/TW
    | [0-9]{{1,6}}(?:\.[0-9]{{1,3}}|[a-z])?(?:\s?/\s?[0-9]{{4}})?   # serial[/year]
      \s?/\s?{_L}+[0-9]{{0,2}}(?:\s?-\s?{_L}+[0-9]{{0,2}})*           # /CODE[-CODE…]
    )
    (?!\w)""",
    re.VERBOSE,
)


def _trim_last_piece(candidate: str) -> str | None:
    cut = candidate.rfind("-")
    if cut <= max(candidate.rfind("/"), 0):
        return None
    return candidate[:cut].rstrip()


def find_numbers(text: str) -> list[tuple[int, int, InstrumentNumber]]:
    """All instrument numbers in running text, as ``(start, end, number)`` without overlaps.

    Codes must be written with a capital letter here, so that "3 phút/video" is never a number.

    >>> [(s, e) for s, e, _ in find_numbers("Số: 2818/QĐ-UBND")]
    [(4, 16)]
    >>> find_numbers("TCVN ISO 9001:2015, Tháng 4/2021, 23/4/2018")
    []
    """
    found: list[tuple[int, int, InstrumentNumber]] = []
    if "/" not in text:  # every candidate has one: most sentences need no scan
        return found
    for m in _CANDIDATE.finditer(text):
        candidate: str | None = m.group(0)
        while candidate:
            try:
                number = _parse(candidate, strict_case=True)
            except ParseError:
                candidate = _trim_last_piece(candidate)
                continue
            found.append((m.start(), m.start() + len(candidate), number))
            break
    return found

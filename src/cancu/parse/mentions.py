"""References to instruments in running text ("Nghị định số 61/2018/NĐ-CP ngày … của …").

A mention is anchored on an instrument number (with or without a type word before it) or on a law
cited by name ("Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015"). After it come,
in this order and each optional: the date ("ngày …"), the issuer ("của …"), the subject ("về …",
"ban hành …", "sửa đổi …"). The subject runs to the end of the sentence, a semicolon, a table cell
or the start of the next mention, whichever is first: mentions never overlap.

>>> found = find_mentions("QĐ số 15/2013/QĐ-UBND ngày 16/4/2013; QĐ số 25/QĐ-UBND")
>>> [m.number.normalized for m in found]
['15/2013/QĐ-UBND', '25/QĐ-UBND']
>>> m = find_mentions("Căn cứ Luật Thủy sản năm 2017;")[0]
>>> m.name, m.year, m.as_written
('Luật Thủy sản', 2017, 'Luật Thủy sản năm 2017')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cancu.errors import ParseError
from cancu.parse.dates import DATE_RE, date_from_match
from cancu.parse.numbers import InstrumentNumber, find_numbers

TYPE_WORDS: dict[str, str | None] = {
    "Thông tư liên tịch": "TTLT",
    "Nghị quyết liên tịch": "NQLT",
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Quyết định": "QĐ",
    "Nghị quyết": "NQ",
    "Chỉ thị": "CT",
    "Kế hoạch hành động": "KHHĐ",
    "Kế hoạch": "KH",
    "Thông báo kết luận": "TB",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình hành động": "CTr",
    "Chương trình": "CTr",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Văn bản hợp nhất": "VBHN",
    "Kết luận": "KL",
    "Công điện": "CĐ",
    "Báo cáo": "BC",
    "Tờ trình": "TTr",
    "Đề án": "ĐA",
    "Công văn": None,
    "Văn bản": None,
    "Bộ luật": None,
    "Pháp lệnh": None,
    "Luật": None,
}
"""Type words as cited, with the type code they stand for (None: no code)."""

ABBREVIATIONS: dict[str, str] = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "TTLT": "Thông tư liên tịch",
    "TT": "Thông tư",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
    "VB": "Văn bản",
}
"""Abbreviated type words, recognised only before "số" ("QĐ số 15/2013/QĐ-UBND")."""

_WORD_FOR_CODE: dict[str, str] = {}
for _word, _code in TYPE_WORDS.items():
    if _code is not None and (
        _code not in _WORD_FOR_CODE or len(_word) < len(_WORD_FOR_CODE[_code])
    ):
        _WORD_FOR_CODE[_code] = _word
_WORD_FOR_CODE["KHHĐ"] = "Kế hoạch hành động"


@dataclass(frozen=True)
class Mention:
    """One reference to an instrument; ``as_written == text[start:end]``.

    >>> m = find_mentions("theo 26/2019/TT-BTC")[0]
    >>> m.type_word, m.type_code, m.as_written
    ('Thông tư', 'TT', '26/2019/TT-BTC')
    """

    start: int
    end: int
    as_written: str
    type_word: str | None = None
    type_code: str | None = None
    number: InstrumentNumber | None = None
    date: date | None = None
    date_as_written: str | None = None
    issuer_text: str | None = None
    subject: str | None = None
    name: str | None = None
    pinpoint: str | None = None
    year: int | None = None


@dataclass
class _Anchor:
    start: int
    core_end: int
    type_word: str | None = None
    number: InstrumentNumber | None = None
    name: str | None = None
    year: int | None = None
    pinpoint: str | None = None


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


_TYPE_ALTS = "|".join(_words(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
_TYPE_BEFORE = re.compile(rf"(?<!\w)(?P<tw>{_TYPE_ALTS})\s*(?:số\s*)?:?\s*$", re.IGNORECASE)
_ABBR_BEFORE = re.compile(rf"(?<!\w)(?P<ab>{'|'.join(ABBREVIATIONS)})\s+(?:số|Số|SỐ)\s*:?\s*$")
_TYPE_START = re.compile(rf"(?:{_TYPE_ALTS})(?!\w)", re.IGNORECASE)
_NAMED = re.compile(r"(?<!\w)(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)(?=\s|$)")
_AMENDING = re.compile(
    r"\s+sửa\s+đổi(?:\s*,\s*bổ\s+sung)?(?:\s+một\s+số\s+điều)?(?!\w)", re.IGNORECASE
)
_OF_LAW = re.compile(r"\s+của\s+(?:các\s+)?(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?=\s)")
_MORE_LAWS = re.compile(
    r"(?:\s+số\s+\S+?)?\s*(?:,|và)\s*(?:các\s+)?(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?=\s)"
)
_TRAILING_SO = re.compile(r"\s+số$")
_WORD = re.compile(r"\s+(?P<w>[^\W\d_][^\s,;:()\[\]“”\"'.|]*)")
_PINPOINT = re.compile(
    r"(?P<pin>(?:điểm\s+[a-zđ]\s*,?\s*(?:và\s+)?)*"
    r"(?:khoản\s+[0-9]+\s*,?\s*(?:và\s+)?)*"
    r"Điều\s+[0-9]+[a-zđ]?)\s+(?:của\s+)?$",
    re.IGNORECASE,
)
_DATE_LEAD = re.compile(r"\s*,?\s*(?:ngày|ngay)\s+", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s+năm\s*(?P<y>[0-9]{4})(?![0-9])", re.IGNORECASE)
"""A year after a law's name: "năm 2017", or run together as in "năm2017"."""
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)(?=\s)", re.IGNORECASE)
_SUBJECT = re.compile(
    r"\s*,?\s*(?:(?P<about>về\s+việc|về)\s+|(?=(?:ban\s+hành|sửa\s+đổi|quy\s+định|hướng\s+dẫn"
    r"|phê\s+duyệt)(?!\w)))",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*\([^()]{0,120}\)")
_COMMA = re.compile(r",\s")
_COMMA_STOP = frozenset({"các", "những", "theo", "nghị", "thông", "quyết", "văn"})
"""Words after a comma that end a law's name rather than continue it."""
_CLAUSE_END = re.compile(r"[;|\n]|\.(?=\s|$)")

_NAME_STOP = frozenset(
    (
        "số",
        "ngày",
        "ngay",
        "được",
        "về",
        "của",
        "tại",
        "đã",
        "thì",
        "để",
        "nhằm",
        "có",
        "sau",
        "trong",
        "khi",
        "đến",
        "từ",
        "này",
        "cho",
        "với",
        "do",
        "là",
        "thuộc",
        "hoặc",
        "gồm",
        "trên",
        "hiện",
    )
)
_ISSUER_STOP = frozenset(
    (
        "về",
        "tại",
        "theo",
        "đã",
        "được",
        "cho",
        "trong",
        "khi",
        "để",
        "nhằm",
        "ngày",
        "ngay",
        "số",
        "với",
        "thì",
        "là",
        "thuộc",
        "có",
        "nay",
    )
)
_ISSUER_STOP_PAIRS = frozenset(
    ("ban hành", "sửa đổi", "quy định", "hướng dẫn", "phê duyệt", "thực hiện", "triển khai",
     "thông báo", "bổ sung", "căn cứ")
)  # fmt: skip


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, pos)
    return m.group("w").lower() if m else ""


def _starts_mention(text: str, pos: int, *, need_capital: bool = False) -> bool:
    """Whether the word after ``pos`` opens another citation (a type word), or is unfit to go on."""
    m = _WORD.match(text, pos)
    if m is None:
        return True
    if need_capital and not m.group("w")[0].isupper():
        return True
    return _TYPE_START.match(text, m.start("w")) is not None


def _scan_name(text: str, pos: int) -> int:
    """End of a law's name that starts after the type word ending at ``pos`` (``pos`` if none)."""
    amending = _AMENDING.match(text, pos)
    if amending:
        # "Luật sửa đổi, bổ sung một số điều của Luật X": the amended law's name is part of it.
        # Not when it amends a list of laws: their names are then cited each on its own.
        of = _OF_LAW.match(text, amending.end())
        end = _scan_name(text, of.end()) if of else amending.end()
        return amending.end() if of and _MORE_LAWS.match(text, end) else end
    end, count = pos, 0
    while count < 15:
        comma = _COMMA.match(text, end) if 1 <= count <= 8 else None
        after = _WORD.match(text, comma.end() - 1) if comma else None
        if (
            after
            and after.group("w").islower()
            and after.group("w") not in _NAME_STOP | _COMMA_STOP
        ):
            end = comma.end() - 1  # "Luật Quản lý, sử dụng tài sản công"
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group("w").lower()
        if word in _NAME_STOP or (word.startswith("năm") and _YEAR_AFTER.match(text, end)):
            break
        if word == "và" and _starts_mention(text, m.end()):
            break
        end, count = m.end(), count + 1
    return end


def _scan_issuer(text: str, pos: int, limit: int) -> int:
    """End of the issuer named from ``pos`` ("Chính phủ", "Ủy ban nhân dân tỉnh Tây Ninh")."""
    end, count = pos, 0
    while count < 15:
        comma = _COMMA.match(text, end) if count else None
        if comma and _WORD.match(text, comma.end() - 1) and not _starts_mention(text, comma.end()):
            follower = _WORD.match(text, comma.end() - 1)
            if follower and follower.group("w")[0].isupper() and follower.end() <= limit:
                end = comma.end() - 1
        m = _WORD.match(text, end)
        if not m or m.end() > limit:
            break
        low = m.group("w").lower()
        if low in _ISSUER_STOP or f"{low} {_next_word(text, m.end())}" in _ISSUER_STOP_PAIRS:
            break
        if low == "và" and _starts_mention(text, m.end(), need_capital=True):
            break
        end, count = m.end(), count + 1
    return end


def _anchor_for_number(text: str, s: int, e: int, number: InstrumentNumber) -> _Anchor:
    lo = max(0, s - 200)
    prefix = text[lo:s]
    # The earliest law name that runs up to the number ("Luật sửa đổi … của Luật X số N").
    for named in _NAMED.finditer(prefix):
        name_end = _scan_name(text, lo + named.end())
        trailing = _TRAILING_SO.search(text, lo + named.end(), name_end)
        if trailing and not text[name_end:s].strip(" :"):
            name_end = trailing.start()  # "Luật X số 72/2025/QH15": "số" opens the number
        if name_end > lo + named.end() and re.fullmatch(r"(?:\s+số)+\s*:?\s*", text[name_end:s]):
            return _Anchor(
                lo + named.start(), e, named.group(0), number, text[lo + named.start() : name_end]
            )
    m = _TYPE_BEFORE.search(prefix)
    if m:
        word = " ".join(m.group("tw").split())
        canonical = next(w for w in TYPE_WORDS if w.lower() == word.lower())
        return _Anchor(lo + m.start(), e, canonical, number)
    m = _ABBR_BEFORE.search(prefix)
    if m:
        return _Anchor(lo + m.start(), e, ABBREVIATIONS[m.group("ab")], number)
    return _Anchor(s, e, None, number)


def _anchors(text: str) -> list[_Anchor]:
    anchors = [_anchor_for_number(text, s, e, n) for s, e, n in find_numbers(text)]
    taken = [(a.start, a.core_end) for a in anchors]
    for m in _NAMED.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        name_end = _scan_name(text, m.end())
        if name_end == m.end() and m.group(0) != "Hiến pháp":
            continue
        anchor = _Anchor(m.start(), name_end, m.group(0), None, text[m.start() : name_end])
        year = _YEAR_AFTER.match(text, name_end)
        if year:
            anchor.core_end, anchor.year = year.end(), int(year.group("y"))
        anchors.append(anchor)
    anchors.sort(key=lambda a: a.start)
    kept: list[_Anchor] = []
    for a in anchors:
        if kept and a.start < kept[-1].core_end:
            continue
        lo = kept[-1].core_end if kept else 0
        pin = _PINPOINT.search(text, lo, a.start)
        if pin and pin.end() == a.start:
            a.pinpoint = " ".join(pin.group("pin").split())
            a.start = pin.start()
        kept.append(a)
    return kept


def _mention(text: str, a: _Anchor, limit: int) -> Mention:
    pos = a.core_end
    when: date | None = None
    when_text: str | None = None
    lead = _DATE_LEAD.match(text, pos)
    if lead:
        m = DATE_RE.match(text, lead.end())
        if m and m.end() <= limit:
            try:
                when = date_from_match(m)
                when_text, pos = m.group(0), m.end()
            except ParseError:
                pass
    issuer: str | None = None
    lead = _ISSUER_LEAD.match(text, pos)
    if lead:
        end = _scan_issuer(text, lead.end(), limit)
        if end > lead.end():
            issuer, pos = text[lead.end() : end].strip(), end
    aside = _ASIDE.match(text, pos)  # "(nay là Bộ Nông nghiệp và Môi trường)"
    if aside and aside.end() <= limit and _SUBJECT.match(text, aside.end()):
        pos = aside.end()
    subject: str | None = None
    m = _SUBJECT.match(text, pos)
    if m and m.end() < limit:
        clause = _CLAUSE_END.search(text, m.end(), limit)
        stop = clause.start() if clause else limit
        body = text[m.end() : stop].rstrip(" ,:-")
        if body.endswith(" và"):
            body = body[:-3].rstrip(" ,")
        if body.strip():
            subject = body.strip()
            pos = m.end() + len(body)
    n = a.number
    type_word = a.type_word
    if type_word is None and n is not None:
        type_word = (
            "Công văn" if n.kind == "official_letter" else _WORD_FOR_CODE.get(n.type_code or "")
        )
    type_code = n.type_code if n is not None and n.type_code else TYPE_WORDS.get(type_word or "")
    year = (n.year if n else None) or a.year or (when.year if when else None)
    return Mention(
        start=a.start,
        end=pos,
        as_written=text[a.start : pos],
        type_word=type_word,
        type_code=type_code,
        number=n,
        date=when,
        date_as_written=when_text,
        issuer_text=issuer,
        subject=subject,
        name=a.name,
        pinpoint=a.pinpoint,
        year=year,
    )


def find_mentions(text: str) -> list[Mention]:
    """All references to instruments in ``text``, in order and without overlaps.

    >>> text = ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ "
    ...         "về thực hiện cơ chế một cửa;")
    >>> m = find_mentions(text)[0]
    >>> m.type_code, m.date.isoformat(), m.issuer_text, m.subject
    ('NĐ', '2018-04-23', 'Chính phủ', 'thực hiện cơ chế một cửa')
    >>> find_mentions("theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015")
    []
    """
    return list(_mentions(text))


@lru_cache(maxsize=4096)
def _mentions(text: str) -> tuple[Mention, ...]:
    """:func:`find_mentions`, remembered: the same sentences come back in a document."""
    anchors = _anchors(text)
    return tuple(
        _mention(text, a, anchors[i + 1].start if i + 1 < len(anchors) else len(text))
        for i, a in enumerate(anchors)
    )

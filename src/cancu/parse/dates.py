"""Dates and deadlines as written in decisions.

Dates: "ngày 16 tháng 11 năm 2020", "23/4/2018", "04/04/2019". Deadlines are periods kept with their
wording: "Quý II/2021" is the interval 2021-04-01..2021-06-30 (see :func:`parse_deadline`).

>>> parse_date("ngày 16 tháng 11 năm 2020")
datetime.date(2020, 11, 16)
>>> parse_date("ngay 07/10/2019")
datetime.date(2019, 10, 7)
>>> [(s, e, d.isoformat()) for s, e, d in find_dates("ngày 23/4/2018 của Chính phủ")]
[(5, 14, '2018-04-23')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from cancu.errors import ParseError

_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_EXPECTED = "expected a date such as 'ngày 16 tháng 11 năm 2020' or '16/11/2020'"

DATE_RE = re.compile(
    r"""(?<![0-9/.,])
    (?:
      (?P<d1>[0-9]{1,2})\s*(?:tháng|thang)\s*(?P<m1>[0-9]{1,2})\s*,?\s*(?:năm|nam)\s*(?P<y1>[0-9]{4})
    | (?P<d2>[0-9]{1,2})\s*/\s*(?P<m2>[0-9]{1,2})\s*/\s*(?P<y2>[0-9]{4})
    )
    (?![0-9/])""",
    re.VERBOSE | re.IGNORECASE,
)
"""A date in running text (without the word "ngày"): both the spelled and the slashed form."""

_FULL_RE = re.compile(
    r"""(?:(?:ngày|ngay)\s*)?
    (?:
      (?P<d1>[0-9]{1,4})\s*(?:tháng|thang)\s*(?P<m1>[0-9]{1,4})\s*,?\s*(?:năm|nam)\s*(?P<y1>[0-9]{1,6})
    | (?P<d2>[0-9]{1,4})\s*(?P<sep>[/.-])\s*(?P<m2>[0-9]{1,4})\s*(?P=sep)\s*(?P<y2>[0-9]{1,6})
    )
    [.,;]?""",
    re.VERBOSE | re.IGNORECASE,
)


def make_date(day: int, month: int, year: int, as_written: str = "") -> date:
    """A :class:`date`, or a :class:`ParseError` naming the impossible part.

    >>> make_date(31, 2, 2020, "31/02/2020")
    Traceback (most recent call last):
    ...
    cancu.errors.ParseError: not a date: '31/02/2020': day 31 does not exist in month 2 of 2020, which has 29 days
    """
    where = f"not a date: {as_written!r}: "
    if not 1000 <= year <= 9999:
        raise ParseError(where + f"expected a four-digit year, got {year}")
    if not 1 <= month <= 12:
        raise ParseError(where + f"month {month} does not exist; expected a month from 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ParseError(
            where + f"day {day} does not exist in month {month} of {year}, which has {last} days"
        )
    return date(year, month, day)


def _from_match(m: re.Match[str], as_written: str) -> date:
    if m.group("d1") is not None:
        d, mo, y = m.group("d1"), m.group("m1"), m.group("y1")
    else:
        d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
    if len(y) != 4:
        raise ParseError(f"not a date: {as_written!r}: expected a four-digit year, got {y!r}")
    return make_date(int(d), int(mo), int(y), as_written)


def date_from_match(m: re.Match[str]) -> date:
    """The date of a :data:`DATE_RE` match; :class:`ParseError` if it does not exist."""
    return _from_match(m, m.group(0))


def parse_date(text: str) -> date:
    """Parse a whole text as one date; raise :class:`ParseError` saying what is wrong.

    >>> parse_date("04/04/2019")
    datetime.date(2019, 4, 4)
    >>> parse_date("NGÀY 02 THÁNG 01 NĂM 2025")
    datetime.date(2025, 1, 2)
    """
    s = " ".join(text.split())
    m = _FULL_RE.fullmatch(s)
    if m is None:
        raise ParseError(f"not a date: {text!r}: {_EXPECTED}")
    return _from_match(m, text)


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """All existing dates in running text as ``(start, end, date)``; the word "ngày" is left out.

    Impossible dates (31/02/2020) and partial ones (Tháng 4/2021, 15/12) are skipped.

    >>> find_dates("Tháng 4/2021, 31/02/2020, ngày 01 tháng 3 năm 2012")
    [(31, 50, datetime.date(2012, 3, 1))]
    """
    found: list[tuple[int, int, date]] = []
    for m in DATE_RE.finditer(text):
        try:
            found.append((m.start(), m.end(), date_from_match(m)))
        except ParseError:
            continue
    return found


DEADLINE_KINDS: tuple[str, ...] = (
    "day",
    "month",
    "quarter",
    "half-year",
    "year",
    "range",
    "ongoing",
    "plan-specific",
    "unparsed",
)
"""Codes of the deadline-kind SKOS scheme."""


@dataclass(frozen=True)
class Deadline:
    """A deadline as an inclusive interval ``start..end`` (either may be unknown), wording kept.

    >>> parse_deadline("Quý II/2021")
    Deadline(as_written='Quý II/2021', kind='quarter', start=datetime.date(2021, 4, 1), end=datetime.date(2021, 6, 30), recurring=False)
    """

    as_written: str
    kind: str
    start: date | None
    end: date | None
    recurring: bool


_QUARTER_SPELLING = re.compile(r"\bq(?:uí|úy|ùy|uy)(?=\s)")
_QUARTER_DASH = re.compile(r"(quý\s+(?:i{1,3}|iv|[1-4]))\s*-\s*(\d{4})\b")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?P<{}>iv|iii|ii|i|[1-4])(?![^\W_])"
_Y = r"(?:\s*(?:/|,?\s*năm)\s*(?P<{}>[0-9]{{4}}))?(?![0-9])"
_TOKEN = re.compile(
    r"(?P<day>(?<![0-9/.])(?P<dd>[0-9]{1,2})\s*(?:/|tháng)\s*(?P<dm>[0-9]{1,2})"
    + _Y.format("dy")
    + r"(?![0-9/]))"
    + r"|(?P<half>6\s*tháng\s*(?P<hp>đầu|cuối)(?:\s*năm)?(?:\s*(?P<hy>[0-9]{4}))?)"
    + r"|(?P<qr>qu[ýí]\s*"
    + _Q.format("qr1")
    + r"\s*(?:-|đến)\s*(?:qu[ýí]\s*)?"
    + _Q.format("qr2")
    + _Y.format("qry")
    + ")"
    + r"|(?P<q>qu[ýí]\s*"
    + _Q.format("q1")
    + _Y.format("qy")
    + ")"
    + r"|(?P<mr>tháng\s*(?P<mr1>[0-9]{1,2})\s*(?:-|đến)\s*(?:tháng\s*)?(?P<mr2>[0-9]{1,2})"
    + _Y.format("mry")
    + ")"
    + r"|(?P<m>tháng\s*(?P<mm>[0-9]{1,2})"
    + _Y.format("my")
    + ")"
    + r"|(?P<yr>(?<![0-9/])(?P<yr1>[0-9]{4})\s*-\s*(?P<yr2>[0-9]{4})(?![0-9]))"
    + r"|(?P<y>(?<![0-9/.])(?P<yy>[0-9]{4})(?![0-9/.]))"
)

_RECURRING = (
    "thường xuyên",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "hằng tuần",
    "hàng tuần",
    "định kỳ",
    "mỗi năm",
    "liên tục",
)
_PLAN_SPECIFIC = (
    "kế hoạch cụ thể",
    "cụ thể trong kế hoạch",
    "theo kế hoạch",
    "theo tiến độ",
    "theo chương trình",
    "theo lộ trình",
)

# A period: (grain, year, a, b): day (month, day), month (month, _), quarter (q, _),
# half-year (1|2, _), year (_, _).
_Period = tuple[str, int | None, int, int]


def _interval(period: _Period) -> tuple[date, date] | None:
    grain, year, a, b = period
    if year is None or not 1900 <= year <= 2199:
        return None
    try:
        if grain == "day":
            d = make_date(b, a, year)
            return d, d
        if grain == "month":
            return make_date(1, a, year), make_date(calendar.monthrange(year, a)[1], a, year)
        if grain == "quarter":
            first = 3 * a - 2
            return date(year, first, 1), date(
                year, first + 2, calendar.monthrange(year, first + 2)[1]
            )
        if grain == "half-year":
            return (
                (date(year, 1, 1), date(year, 6, 30))
                if a == 1
                else (date(year, 7, 1), date(year, 12, 31))
            )
    except (ParseError, ValueError):
        return None
    return date(year, 1, 1), date(year, 12, 31)


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _periods(s: str) -> list[_Period]:
    """The periods named in a lower-cased deadline, in order."""
    out: list[_Period] = []
    for m in _TOKEN.finditer(s):
        g = m.group
        if g("day"):
            out.append(("day", _year(g("dy")), int(g("dm")), int(g("dd"))))
        elif g("half"):
            out.append(("half-year", _year(g("hy")), 1 if g("hp") == "đầu" else 2, 0))
        elif g("qr"):
            y = _year(g("qry"))
            out += [("quarter", y, _QUARTERS[g("qr1")], 0), ("quarter", y, _QUARTERS[g("qr2")], 0)]
        elif g("q"):
            out.append(("quarter", _year(g("qy")), _QUARTERS[g("q1")], 0))
        elif g("mr"):
            y = _year(g("mry"))
            out += [("month", y, int(g("mr1")), 0), ("month", y, int(g("mr2")), 0)]
        elif g("m"):
            out.append(("month", _year(g("my")), int(g("mm")), 0))
        elif g("yr"):
            out += [("year", int(g("yr1")), 0, 0), ("year", int(g("yr2")), 0, 0)]
        else:
            out.append(("year", int(g("yy")), 0, 0))
    return out


def _fill_years(periods: list[_Period], default_year: int | None) -> list[_Period]:
    """Lend a missing year from the next period that has one, else the previous or the default."""
    filled: list[_Period] = []
    for i, (grain, year, a, b) in enumerate(periods):
        if year is None:
            later = [p[1] for p in periods[i + 1 :] if p[1] is not None]
            earlier = [p[1] for p in filled if p[1] is not None]
            year = later[0] if later else earlier[-1] if earlier else default_year
        filled.append((grain, year, a, b))
    return filled


@lru_cache(maxsize=4096)
def parse_deadline(text: str, default_year: int | None = None) -> Deadline:
    """Read a deadline cell; never raises: odd wordings give kind "unparsed" or "plan-specific".

    ``default_year`` supplies the year of "Trước 15/12" or "Hằng năm" bounds when the text has none.
    "Trước X" (before X) ends the day before X begins; "Đến X"/"chậm nhất X" end when X ends.
    "6 tháng, tháng 12 năm 2021" (six-monthly, the last in December) is a recurring half-year over
    2021; "Thường xuyên …" is "ongoing" and recurring, bounded by any period it names.

    >>> parse_deadline("Quí IV-2025").end.isoformat()
    '2025-12-31'
    >>> parse_deadline("Quí II - 2026").kind
    'quarter'
    >>> d = parse_deadline("Quý II, Quý III/2021")
    >>> d.kind, d.start.isoformat(), d.end.isoformat()
    ('range', '2021-04-01', '2021-09-30')
    >>> parse_deadline("Kế hoạch cụ thể của Báo Tây Ninh").kind
    'plan-specific'
    >>> d = parse_deadline("Thường xuyên, bắt đầu từ quý 1/2021")
    >>> d.kind, d.start, d.end, d.recurring
    ('ongoing', datetime.date(2021, 1, 1), None, True)
    """
    s = " ".join(_DASH.sub("-", text.lower()).split()).strip(" .;,")
    # Other spellings of a quarter: "Quí IV-2025", "Qúy 4 - 2025" are "quý iv/2025".
    s = _QUARTER_SPELLING.sub("quý", s)
    s = _QUARTER_DASH.sub(r"\1/\2", s)
    recurring = any(w in s for w in _RECURRING)
    ongoing = "thường xuyên" in s or "liên tục" in s
    semiannual = re.search(r"(?<![0-9])6 tháng(?!\s*(?:đầu|cuối))", s) is not None
    periods = _fill_years(_periods(s), default_year)
    spans = [_interval(p) for p in periods]

    def make(kind: str, start: date | None = None, end: date | None = None) -> Deadline:
        return Deadline(text, kind, start, end, recurring)

    if not periods:
        if ongoing:
            return make("ongoing")
        if any(w in s for w in _PLAN_SPECIFIC):
            return make("plan-specific")
        for words, kind in (("năm", "year"), ("quý", "quarter"), ("tháng", "month")):
            if f"hằng {words}" in s or f"hàng {words}" in s or f"mỗi {words}" in s:
                return make(kind)
        if semiannual:
            return Deadline(text, "half-year", None, None, True)
        return make("unparsed")
    first = spans[0]
    resolved = [sp for sp in spans if sp is not None]
    lo = min(sp[0] for sp in resolved) if resolved else None
    hi = max(sp[1] for sp in resolved) if resolved else None
    first_token = _TOKEN.search(s)
    head = s[: first_token.start()] if first_token else s
    starts_from = re.search(r"(?<![^\W\d_])(từ|bắt đầu)(?![^\W\d_])", head) is not None
    if semiannual:
        year_start = date(lo.year, 1, 1) if lo else None
        return Deadline(text, "half-year", year_start, hi, True)
    if ongoing:
        if starts_from and len(periods) == 1:
            return make("ongoing", lo, None)
        return make("ongoing", lo, hi)
    if len(periods) > 1:
        return make("range", lo, hi)
    kind = periods[0][0]
    if first is None:
        return make(kind)
    if re.search(r"(?<![^\W\d_])trước(?![^\W\d_])", head):
        return make(kind, None, first[0] - timedelta(days=1))
    if re.search(r"(?<![^\W\d_])(đến|chậm nhất|hạn chót)(?![^\W\d_])", head):
        return make(kind, None, first[1])
    if starts_from:
        return make("range", first[0], None)
    return make(kind, first[0], first[1])

"""Amounts of money in VND: "158.580.000", "2,5 tỷ đồng", "150 triệu đồng", "1.500" (triệu).

Vietnamese writing: a dot groups thousands and a comma marks decimals, so "2.615 tỷ" is
2,615 billion and "2,5 tỷ" is 2.5 billion. Two readings are not Vietnamese but are accepted
because they cannot be confused: commas in two or more groups of three ("200,000,000" is
200 million, since a decimal comma occurs only once), and a dot followed by other than three
digits before a unit word ("2.5 tỷ"). One comma before exactly three digits ("200,000") is
ambiguous and rejected. Values are exact whole đồng; fractions of a đồng are rejected.

>>> parse_amount("158.580.000").value
Decimal('158580000')
>>> parse_amount("2,5 tỷ đồng").value
Decimal('2500000000')
>>> parse_amount("1.500", unit_hint="triệu đồng").value
Decimal('1500000000')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from cancu.errors import ParseError

_EXPECTED = "expected an amount such as '158.580.000', '2,5 tỷ đồng' or '150 triệu đồng'"
_MULTIPLIERS = {
    "nghìn tỷ": Decimal(10**12),
    "ngàn tỷ": Decimal(10**12),
    "tỷ": Decimal(10**9),
    "tỉ": Decimal(10**9),
    "triệu": Decimal(10**6),
    "nghìn": Decimal(10**3),
    "ngàn": Decimal(10**3),
    "": Decimal(1),
}
_UNIT = (
    r"(?P<mult>nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?"
    r"\s*(?P<dong>đồng|vnđ|vnd|đ)?"
)
_NUMBER = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3}){2,}|[0-9]+(?:[.,][0-9]+)?"
_WHOLE = re.compile(rf"(?P<num>{_NUMBER})\s*{_UNIT}", re.IGNORECASE)
_MAX_DIGITS = 24


@dataclass(frozen=True)
class Amount:
    """An amount of money: the text as written and its exact value in đồng.

    >>> parse_amount("150 triệu đồng")
    Amount(as_written='150 triệu đồng', value=Decimal('150000000'), unit='đồng')
    """

    as_written: str
    value: Decimal
    unit: str = "đồng"


def _reject(text: str, why: str) -> ParseError:
    return ParseError(f"not an amount: {text!r}: {why}")


def _number(num: str, text: str, *, scaled: bool) -> Decimal:
    """The number written in ``num``, by the rules of the module docstring."""
    if len(re.sub(r"[^0-9]", "", num)) > _MAX_DIGITS:
        raise _reject(text, f"more than {_MAX_DIGITS} digits is too large to be an amount")
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", num):
        return Decimal(num.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3}){2,}", num):
        return Decimal(num.replace(",", ""))
    if re.fullmatch(r"[0-9]{1,3},[0-9]{3}", num):
        raise _reject(
            text,
            f"{num!r} is ambiguous: a decimal comma in Vietnamese, a thousands comma in English; "
            "expected dots for thousands ('200.000') or a decimal comma with a unit ('2,5 tỷ')",
        )
    if re.fullmatch(r"[0-9]+,[0-9]+", num) or re.fullmatch(r"[0-9]+", num):
        return Decimal(num.replace(",", "."))
    if re.fullmatch(r"[0-9]+\.[0-9]+", num) and scaled:
        return Decimal(num)
    raise _reject(text, f"a dot separates groups of three digits in Vietnamese, got {num!r}")


def _multiplier(unit: str, text: str) -> Decimal:
    word = " ".join(unit.lower().replace("(", " ").replace(")", " ").split())
    word = re.sub(r"^(?:đơn vị( tính)?|đvt|đv)\s*:?\s*", "", word)
    word = re.sub(r"\s*(?:đồng|vnđ|vnd|đ)$", "", word).strip()
    if word not in _MULTIPLIERS:
        raise _reject(
            text, f"unknown unit {unit!r}; expected đồng, nghìn đồng, triệu đồng or tỷ đồng"
        )
    return _MULTIPLIERS[word]


def _amount(text: str, m: re.Match[str], unit_hint: str | None) -> Amount:
    mult_word = (m.group("mult") or "").lower()
    if mult_word:
        mult = _MULTIPLIERS[" ".join(mult_word.split())]
    elif unit_hint is not None:
        mult = _multiplier(unit_hint, text)
    else:
        mult = Decimal(1)
    with localcontext() as ctx:
        ctx.prec = 2 * _MAX_DIGITS + 20  # exact: no rounding of any accepted amount
        value = _number(m.group("num"), text, scaled=mult != 1) * mult
        if value != value.to_integral_value():
            raise _reject(text, f"{value} is not a whole number of đồng")
        return Amount(text, value.quantize(Decimal(1)), "đồng")


def parse_amount(text: str, unit_hint: str | None = None) -> Amount:
    """Parse a whole cell as an amount in đồng; ``unit_hint`` is the table's unit ("triệu đồng").

    A unit written in the text wins over the hint. Raise :class:`ParseError` for anything else.

    >>> parse_amount("2.615 tỷ đồng").value
    Decimal('2615000000000')
    >>> parse_amount("2 video")
    Traceback (most recent call last):
    ...
    cancu.errors.ParseError: not an amount: '2 video': expected an amount such as '158.580.000', '2,5 tỷ đồng' or '150 triệu đồng'
    """
    s = " ".join(text.split()).rstrip(".;")
    m = _WHOLE.fullmatch(s)
    if m is None:
        raise _reject(text, _EXPECTED)
    return _amount(text, m, unit_hint)


_BIG = r"(?:nghìn\ tỷ|ngàn\ tỷ|tỷ|tỉ|triệu)"
_DONG = r"(?:(?:nghìn|ngàn)?\s*(?:đồng|vnđ|vnd|đ)(?!\w))"
_NO_WORD_AFTER = r"(?![\w.,])(?!\s*[^\W\d_])"
_FIND = re.compile(
    rf"""(?<![\w.,/:])
    (?:
      [0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}}(?:,[0-9]+)?      # 1.000.000 …
      (?:\s*{_BIG}?\s*{_DONG} | {_NO_WORD_AFTER})
    | (?:{_NUMBER})\s*                                  # 150 triệu (đồng), 150.000 đồng
      (?:{_BIG}\s*{_DONG} | {_BIG}{_NO_WORD_AFTER} | {_DONG})
    )""",
    re.VERBOSE | re.IGNORECASE,
)


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Amounts that are clearly money in running text: ``1.000.000``-style numbers or a unit word.

    >>> found = find_amounts("Tại TTHCC tỉnh: 70.000.000 đồng; 2 video")
    >>> [(a.as_written, a.value) for _, _, a in found]
    [('70.000.000 đồng', Decimal('70000000'))]
    >>> find_amounts("100 triệu dân, 95.614, ngày 10/5/2019")
    []
    """
    found: list[tuple[int, int, Amount]] = []
    for m in _FIND.finditer(text):
        written = m.group(0)
        try:
            found.append((m.start(), m.end(), parse_amount(written)))
        except ParseError:
            continue
    return found

"""The publisher's metadata as a second witness to the document's own header.

A portal states the number, date and signer of each document beside its text; the
document states them in its header and signature. Where both speak and disagree, the
document's own wording is kept and a warning names both.

>>> import datetime as dt
>>> from cancu.parse.numbers import parse_number
>>> disagreements({"Số hiệu": "471/QĐ-UBND", "Ngày ban hành": "28/11/2025", "Người ký": "An"},
...     parse_number("471/QĐ-UBND"), dt.date(2025, 11, 27), "An")
["the publisher's date of issue (28/11/2025) is not the header's (2025-11-27)"]
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from cancu.errors import ParseError
from cancu.parse.numbers import InstrumentNumber, parse_number

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def disagreements(
    fields: dict[str, str],
    number: InstrumentNumber | None,
    date: dt.date | None,
    signer: str | None,
) -> list[str]:
    """What the publisher's fields say otherwise than the document (empty when they agree)."""
    out = []
    stated = fields.get("Số hiệu")
    if stated and number is not None:
        try:
            theirs = parse_number(stated).normalized
        except ParseError:
            theirs = stated
        if theirs.casefold() != number.normalized.casefold():
            out.append(
                f"the publisher's number ({stated}) is not the header's ({number.normalized})"
            )
    match = _DMY.match(fields.get("Ngày ban hành", ""))
    if match and date is not None:
        try:
            theirs_date = dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            theirs_date = None
        if theirs_date != date:
            out.append(
                f"the publisher's date of issue ({match[0]}) is not the header's ({date.isoformat()})"
            )
    stated_signer = fields.get("Người ký")
    if stated_signer and signer and _fold(stated_signer) != _fold(signer):
        out.append(f"the publisher's signer ({stated_signer}) is not the signature's ({signer})")
    return out

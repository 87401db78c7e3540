"""The header of a decision or plan: issuer, number, place and date, type, title, authority.

>>> from cancu.text.segment import Span
>>> paras = [Span("ỦY BAN NHÂN DÂN TỈNH TÂY NINH -------", 1, 3), Span("Số: 2818/QĐ-UBND", 4, 4),
...     Span("Tây Ninh, ngày 16 tháng 11 năm 2020", 5, 6), Span("QUYẾT ĐỊNH", 7, 7),
...     Span("BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", 8, 8),
...     Span("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", 9, 9), Span("Căn cứ Luật …", 10, 10)]
>>> h = read_header(paras, "a.txt")
>>> h.number_as_written, h.type_code, h.province, h.place, str(h.date), h.title, h.next_index
('2818/QĐ-UBND', 'QĐ', 'Tây Ninh', 'Tây Ninh', '2020-11-16', 'BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH', 6)
>>> h.authority
'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cancu.errors import InputError, ParseError
from cancu.parse.numbers import InstrumentNumber, parse_number
from cancu.text.names import fold
from cancu.text.segment import AUTHORITY, Span, is_upper

_TYPE_WORDS = {
    "QUYẾT ĐỊNH": "QĐ",
    "NGHỊ ĐỊNH": "NĐ",
    "THÔNG TƯ LIÊN TỊCH": "TTLT",
    "THÔNG TƯ": "TT",
    "PHÁP LỆNH": "PL",
    "CÔNG ĐIỆN": "CĐ",
    "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr",
    "KẾ HOẠCH": "KH",
    "CHỈ THỊ": "CT",
    "NGHỊ QUYẾT": "NQ",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "ĐỀ ÁN": "ĐA",
    "CÔNG VĂN": None,
    "HIẾN PHÁP": "HP",
    "BỘ LUẬT": "BL",
    "LUẬT": "LUAT",
    "LỆNH": "L",
    "VĂN BẢN HỢP NHẤT": "VBHN",
}
TYPE_TITLE = re.compile(r"^(" + "|".join(_TYPE_WORDS) + r")(?:\s+[IVX\d]+)?$")
_TYPE_THEN_TITLE = re.compile(r"^(" + "|".join(_TYPE_WORDS) + r")\s+(?!SỐ\b)(\S.*)$")
_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}?)\s*,\s*(?P<date>ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4})"
)
_DATE_PARTS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập - Tự do|ĐẢNG CỘNG SẢN VIỆT NAM")
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về việc)\s*:?\s*(.+)$")
_ADDRESSEES = re.compile(r"^Kính gửi\b")
_BLANK_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}?)\s*,\s*(?P<date>ngày[\s.…_]*(?:\d{1,2})?[\s.…_]*tháng[\s.…_]*"
    r"(?:\d{1,2})?[\s.…_]*năm\s+\d{4})"
)
_NUMBER_THEN_SUBJECT = re.compile(r"^(\S*/\S*)\s+(?:V/v|V/V|Về việc|Về)\s*:?\s+(.+)$")
_NOT_TITLE = re.compile(
    r"^(?:Căn cứ|Theo|Xét|Thực hiện|Triển khai|Kính gửi|Điều\s+\d|[IVX]+\.|\d+\.)"
)


def _mixed_title(text: str) -> bool:
    """A subject written in sentence case after the type word ("Về việc phê duyệt …")."""
    return (
        len(text) > 2
        and text[0].isupper()
        and text[1].islower()
        and not _NOT_TITLE.match(text)
        and len(text.split()) <= 120
    )


_NUMBERED = re.compile(r"^(?:[IVX]+|\d+)\.\s")
_AFTER_MOTTO = re.compile(r"Hạnh\s+phúc[\s-]*(\S.*)$")
_NO_NUMBER = re.compile(r"^(Không số|không số|KHÔNG SỐ)\.?$")
_BLANK_NUMBER = re.compile(r"^[\s.…_]*/")
_PROVINCE = re.compile(r"\b(TỈNH|THÀNH PHỐ)\s+(.+)$")


@dataclass
class Header:
    """What the header block says, with the index of the first paragraph after it."""

    issuer_text: str | None
    province: str | None
    number: InstrumentNumber | None
    number_as_written: str | None
    number_lines: tuple[int, int] | None
    place: str | None
    date: dt.date | None
    date_as_written: str | None
    type_code: str | None
    title: str | None
    title_lines: tuple[int, int] | None
    authority: str | None
    next_index: int
    warnings: list[str]
    date_line: int | None = None


def _title_case(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


def province_of(issuer: str) -> str | None:
    """The province of an issuer block such as ``ỦY BAN NHÂN DÂN TỈNH TÂY NINH``.

    >>> province_of("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"), province_of("BỘ NỘI VỤ")
    ('Hồ Chí Minh', None)
    """
    match = _PROVINCE.search(issuer)
    return _title_case(match.group(2)) if match else None


def _province_of_place(place: str | None) -> str | None:
    """The province a header's place names, when the issuer block does not say it.

    >>> _province_of_place("Thành phố Hồ Chí Minh"), _province_of_place("Hải Phòng")
    ('Hồ Chí Minh', 'Hải Phòng')
    """
    if not place:
        return None
    return re.sub(r"^(Thành phố|TP\.|Tỉnh)\s+", "", place.strip(), flags=re.IGNORECASE) or None


_FOLDED_TYPES = {fold(word): word for word in _TYPE_WORDS}


def type_word(text: str) -> str | None:
    """The type word a title paragraph is ("QUYẾT ĐỊNH", "KẾ HOẠCH II" …), or None; a title
    recognised with a wrong accent (OCR's "QUYÉT ĐỊNH") is read by its letters.

    >>> type_word("QUYẾT ĐỊNH"), type_word("QUYÉT ĐỊNH"), type_word("Quyết định này")
    ('QUYẾT ĐỊNH', 'QUYẾT ĐỊNH', None)
    """
    stripped = text.strip()
    match = TYPE_TITLE.match(stripped)
    if match:
        return match.group(1)
    if is_upper(stripped) and len(stripped) <= 30:
        return _FOLDED_TYPES.get(fold(stripped.rstrip(":")))
    return None


def _number(
    text: str | None, lines: tuple[int, int] | None, warnings: list[str]
) -> InstrumentNumber | None:
    """The document's number, or None (with a warning) when it is blank or not understood."""
    if not text or lines is None:
        return None
    if _NO_NUMBER.match(text):
        warnings.append(f"line {lines[0]}: the document has no number ('{text}')")
        return None
    if _BLANK_NUMBER.match(text):
        warnings.append(
            f"line {lines[0]}: the number is not filled in yet ('Số: {text}', a copy before "
            "issue): the document gets a provisional identifier"
        )
        return None
    try:
        return parse_number(text)
    except ParseError as exc:
        warnings.append(f"line {lines[0]}: document number not understood: {exc.message}")
        return None


def _province(issuer: str | None, authority: str | None, place: str | None) -> str | None:
    """The province of the issuer: named in its block, or the place of a local body."""
    return (
        province_of(issuer or "")
        or province_of(authority or "")
        # a People's Committee or Council sits in its province; central bodies have none
        or (_province_of_place(place) if "NHÂN DÂN" in f"{issuer} {authority}" else None)
    )


def _letter(
    paras: list[Span],
    at: int,
    issuer: str | None,
    number_text: str | None,
    number_lines: tuple[int, int] | None,
    place: str | None,
    date: dt.date | None,
    date_text: str | None,
    subject: Span | None,
    warnings: list[str],
) -> Header:
    """The header of a document without a type word under it: a letter (Công văn), whose
    subject is its "V/v …" line, or a document of a type the reader does not know."""
    number = _number(number_text, number_lines, warnings)
    # A letter's number names its issuer, not a type: in "5649/CT-CS" CT is Cục Thuế.
    type_code = "CV" if subject is not None else (number.type_code if number else None)
    if type_code is None:
        line = paras[0].start if paras else 1
        warnings.append(
            f"line {line}: the document type is not known (no type word under the header, "
            "no 'V/v' subject): read for its header and citations only"
        )
    return Header(
        issuer_text=issuer,
        province=_province(issuer, None, place),
        number=number,
        number_as_written=number_text,
        number_lines=number_lines,
        place=place,
        date=date,
        date_as_written=date_text,
        type_code=type_code,
        title=subject.text if subject else None,
        title_lines=(subject.start, subject.end) if subject else None,
        authority=None,
        next_index=at,
        warnings=warnings,
    )


def parse_vn_date(text: str) -> dt.date | None:
    """Parse ``ngày 16 tháng 11 năm 2020`` (None when absent or impossible)."""
    match = _DATE_PARTS.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_header(paras: list[Span], source: str) -> Header:
    """Read the header from the first paragraphs; raise :class:`InputError` if there is none.

    A title whose type word was run together with it ("QUYẾT ĐỊNH VỀ VIỆC …") is split in
    place in ``paras``, so that the caller's indexes stay right.
    """
    warnings: list[str] = []
    issuer = number = number_text = number_lines = place = date = date_text = None
    type_code = None
    i = 0
    type_at = None
    subject: Span | None = None
    date_line: int | None = None
    motto = False
    while i < len(paras) and i < 40:
        text = paras[i].text
        if _ADDRESSEES.match(text) and (number_text is not None or place is not None):
            break  # a letter (Công văn): "Kính gửi: …" follows its header
        word = type_word(text)
        if word is not None:
            type_at = i
            type_code = _TYPE_WORDS[word]
            break
        joined = _TYPE_THEN_TITLE.match(text.strip()) if is_upper(text) else None
        if joined and (number_text is not None or place is not None):
            # "QUYẾT / ĐỊNH / VỀ VIỆC …" broken across lines: the type word opens the title.
            type_code = _TYPE_WORDS[joined.group(1)]
            span = paras[i]
            paras[i : i + 1] = [
                Span(joined.group(1), span.start, span.start),
                Span(joined.group(2), span.start, span.end),
            ]
            type_at = i
            break
        number_match = _NUMBER.match(text)
        if number_match and number_text is None:
            rest = number_match.group(1).strip()
            span = paras[i]
            if not rest and i + 1 < len(paras):
                i += 1
                rest, span = paras[i].text.strip(), Span(rest, span.start, paras[i].end)
            joined = _NUMBER_THEN_SUBJECT.match(rest)
            if joined:  # "Số: 11654/VPCP-CN V/v cung ứng …" in one paragraph
                rest = joined.group(1)
                if subject is None:
                    subject = Span(joined.group(2).strip(), span.start, span.end)
            number_text, number_lines = rest.strip(), (span.start, span.end)
        elif place is None and _PLACE_DATE.match(text):
            match = _PLACE_DATE.match(text)
            place, date_text = match.group("place").strip(), match.group("date")
            date, date_line = parse_vn_date(date_text), paras[i].start
            if date is None:
                warnings.append(f"line {paras[i].start}: impossible date '{date_text}'")
        elif place is None and _BLANK_DATE.match(text):
            match = _BLANK_DATE.match(text)
            place, date_text = match.group("place").strip(), match.group("date")
            date_line = paras[i].start
            warnings.append(f"line {paras[i].start}: the date is not filled in yet ('{date_text}')")
        elif subject is None and _SUBJECT.match(text):
            subject = Span(_SUBJECT.match(text).group(1).strip(), paras[i].start, paras[i].end)
        elif _MOTTO.search(text):
            motto = True
            after = _AFTER_MOTTO.search(text)  # "… Hạnh phúc Hà Nội, ngày 28 tháng 11 năm 2013"
            if place is None and after and _PLACE_DATE.match(after.group(1)):
                match = _PLACE_DATE.match(after.group(1))
                place, date_text = match.group("place").strip(), match.group("date")
                date = parse_vn_date(date_text)
        elif is_upper(text) and not motto and number_text is None:
            # The issuer block, on one line or several ("ỦY BAN NHÂN DÂN" / "TỈNH X").
            part = re.sub(r"\s*-{3,}\s*", " ", text).strip()
            issuer = f"{issuer} {part}" if issuer else part
        i += 1
    if type_at is None and (number_text is not None or place is not None):
        letter = _letter(
            paras, i, issuer, number_text, number_lines, place, date, date_text, subject, warnings
        )
        letter.date_line = date_line
        return letter
    if type_at is not None and number_text is None and date is None:
        warnings.append(
            f"line {paras[type_at].start}: the header has no number and no date (a "
            "constitution, or a text published without them)"
        )
    if type_at is None:
        line = paras[0].start if paras else 1
        raise InputError(
            "not a decision or plan: expected a header with 'Số: …', a place and date "
            "('…, ngày … tháng … năm …') and a title such as 'QUYẾT ĐỊNH' or 'KẾ HOẠCH'",
            source=source,
            line=line,
        )
    number = _number(number_text, number_lines, warnings)
    if number and number.type_code and type_code and number.type_code != type_code:
        warnings.append(
            f"line {number_lines[0]}: the number says {number.type_code}, the title says {type_code}"
        )
    # Title: upper-case paragraphs after the type word, up to the enacting authority.
    j = type_at + 1
    title_parts: list[Span] = []
    authority = None
    if j < len(paras) and _mixed_title(paras[j].text):
        title_parts.append(paras[j])  # a subject in mixed case: "Về việc phê duyệt …"
        j += 1
    while j < len(paras) and is_upper(paras[j].text) and not _NUMBERED.match(paras[j].text):
        if title_parts and AUTHORITY.match(paras[j].text):
            authority = paras[j].text
            j += 1
            break
        title_parts.append(paras[j])
        j += 1
    title = " ".join(p.text for p in title_parts) or None
    title_lines = (title_parts[0].start, title_parts[-1].end) if title_parts else None
    return Header(
        issuer_text=issuer,
        province=_province(issuer, authority, place),
        number=number,
        number_as_written=number_text,
        number_lines=number_lines,
        place=place,
        date=date,
        date_as_written=date_text,
        type_code=type_code,
        title=title,
        title_lines=title_lines,
        authority=authority,
        next_index=j,
        warnings=warnings,
        date_line=date_line,
    )


_TYPE_NAMES = {name.lower(): code for name, code in _TYPE_WORDS.items()}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def header_from_fields(fields: dict[str, str], line: int, warnings: list[str]) -> Header | None:
    """A header made from the publisher's metadata, for a page that holds no header of its own
    (the portal lost it, or has only the metadata); None when the fields have no number.

    >>> h = header_from_fields({"Số hiệu": "5402/CT-CS", "Loại văn bản": "Công văn",
    ...     "Nơi ban hành": "Cục Thuế", "Ngày ban hành": "21/11/2025"}, 3, [])
    >>> h.number.normalized, h.type_code, h.issuer_text, str(h.date)
    ('5402/CT-CS', 'CV', 'Cục Thuế', '2025-11-21')
    """
    number_text = fields.get("Số hiệu")
    if not number_text:
        return None
    warnings.append(
        f"line {line}: the page holds no header of the document: number, type, issuer and date "
        "are the publisher's metadata"
    )
    kind = (fields.get("Loại văn bản") or "").lower()
    type_code = "CV" if kind == "công văn" else _TYPE_NAMES.get(kind)
    number = _number(number_text, (line, line), warnings)
    match = _DMY.match(fields.get("Ngày ban hành", ""))
    date = None
    if match:
        try:
            date = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            date = None
    issuer = fields.get("Nơi ban hành") or fields.get("Cơ quan ban hành")
    return Header(
        issuer_text=issuer,
        province=province_of((issuer or "").upper()),
        number=number,
        number_as_written=number_text,
        number_lines=(line, line),
        place=None,
        date=date,
        date_as_written=fields.get("Ngày ban hành"),
        type_code=type_code,
        title=None,
        title_lines=None,
        authority=None,
        next_index=0,
        warnings=warnings,
    )


def witnessed(header: Header, fields: dict[str, str]) -> None:
    """Fill a number or date the header leaves blank from what the publisher states beside
    it: a signed PDF's stamp ("Số", "Ngày") or a portal's metadata ("Số hiệu", "Ngày ban
    hành"), with a warning that says so.

    >>> h = read_header([Span("BỘ X", 1, 1), Span("Số: /BC-BX", 2, 2),
    ...     Span("Hà Nội, ngày   tháng 7 năm 2025", 3, 3), Span("BÁO CÁO", 4, 4)], "a.pdf")
    >>> witnessed(h, {"Số": "12/BC-BX", "Ngày": "9/7/2025"})
    >>> h.number.normalized, str(h.date), h.warnings[-1]
    ('12/BC-BX', '2025-07-09', "line 3: the date is the publisher's ('9/7/2025')")
    """
    line = header.number_lines[0] if header.number_lines else 1
    stated = fields.get("Số") or fields.get("Số hiệu")
    if header.number is None and stated:
        try:
            header.number = parse_number(stated)
        except ParseError:
            return
        header.warnings = [w for w in header.warnings if "provisional identifier" not in w]
        header.warnings.append(f"line {line}: the number is the publisher's ('{stated}')")
    stated = fields.get("Ngày") or fields.get("Ngày ban hành")
    match = _DMY.match(stated or "")
    if header.date is None and match:
        try:
            header.date = dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return
        where = header.date_line or line
        header.warnings.append(f"line {where}: the date is the publisher's ('{stated}')")

"""Properties: parsers parse or raise ParseError; finders never raise; spans are exact."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.errors import ParseError
from cancu.parse.dates import DEADLINE_KINDS, Deadline, find_dates, parse_date, parse_deadline
from cancu.parse.mentions import find_mentions
from cancu.parse.money import Amount, find_amounts, parse_amount
from cancu.parse.numbers import (
    ISSUER_CODES,
    TERM_ISSUERS,
    TYPE_CODES,
    InstrumentNumber,
    find_numbers,
    parse_number,
)

ALPHABET = "0123456789/-.,:; ()ĐđQDNTUBCHVGKLaăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộứừửữự\n"
TOKENS = [
    "QĐ", "NĐ", "TT", "TTLT", "NQ", "CT", "KH", "TB", "CTr", "UBND", "HĐND", "CP", "TTg", "TTG",
    "BTC", "BTP", "QH14", "TW", "TU", "BNV-CCHC", "số ", "Số: ", "ngày ", "ngay ", " tháng ",
    " năm ", "Quý ", "II", "IV", "Luật ", "Luật sửa đổi, bổ sung ", "Nghị định ", "Quyết định ",
    "Thông tư ", "Nghị quyết ", "Công văn ", " của ", "Chính phủ", " về ", " và ", "khoản 2 ",
    "Điều 5 ", "tỷ", "triệu", " đồng", "nghìn tỷ", "TCVN ISO 9001:2015", "Thường xuyên",
    "hằng năm", "Trước ", "6 tháng", "Kế hoạch cụ thể", "2021", "2025", "/", "-", ".", ",", "000",
    "31/02/2020", "23/4/2018", "0000", "9999", "(nay là Bộ X)", "|", "İ", "ß", "٣",
]  # fmt: skip

texts = st.one_of(
    st.text(),
    st.text(alphabet=ALPHABET, max_size=60),
    st.lists(
        st.one_of(st.sampled_from(TOKENS), st.text(alphabet=ALPHABET, max_size=4)), max_size=25
    ).map("".join),
)


@settings(max_examples=400)
@given(texts)
def test_parse_number_parses_or_raises_parse_error(text: str) -> None:
    try:
        n = parse_number(text)
    except ParseError:
        return
    assert isinstance(n, InstrumentNumber)
    assert parse_number(n.normalized).normalized == n.normalized


@settings(max_examples=400)
@given(texts)
def test_parse_date_parses_or_raises_parse_error(text: str) -> None:
    try:
        d = parse_date(text)
    except ParseError:
        return
    assert isinstance(d, date)


@settings(max_examples=400)
@given(texts, st.sampled_from([None, "triệu đồng", "tỷ đồng", "đồng", "USD"]))
def test_parse_amount_parses_or_raises_parse_error(text: str, hint: str | None) -> None:
    try:
        a = parse_amount(text, unit_hint=hint)
    except ParseError:
        return
    assert isinstance(a, Amount)
    assert a.value == a.value.to_integral_value()


@settings(max_examples=400)
@given(texts, st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)))
def test_parse_deadline_never_raises(text: str, default_year: int | None) -> None:
    d = parse_deadline(text, default_year=default_year)
    assert isinstance(d, Deadline)
    assert d.kind in DEADLINE_KINDS
    assert d.as_written == text
    if d.start and d.end:
        assert d.start <= d.end


@settings(max_examples=400)
@given(texts)
def test_finders_never_raise_and_spans_are_exact(text: str) -> None:
    previous_end = 0
    for start, end, n in find_numbers(text):
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == n.as_written
        previous_end = end
    for start, end, d in find_dates(text):
        assert 0 <= start < end <= len(text)
        assert isinstance(d, date)
    previous_end = 0
    for start, end, a in find_amounts(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == a.as_written
        previous_end = end
    previous_end = 0
    for m in find_mentions(text):
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.as_written
        previous_end = m.end


UNITS = st.text(alphabet="ABCDEFGHKLMNPQRSTXĐ", min_size=2, max_size=5)
SERIALS = st.builds(
    lambda n, sub: f"{n}.{sub}" if sub else str(n),
    st.integers(min_value=1, max_value=99_999),
    st.one_of(st.none(), st.integers(min_value=1, max_value=9)),
)
YEARS = st.integers(min_value=1945, max_value=2100)
STATE_TYPES = st.sampled_from([t for t in TYPE_CODES if t not in ("TTLT", "NQLT")])
ISSUERS = st.sampled_from([c for c in ISSUER_CODES if c not in TERM_ISSUERS])
# "CT" is both a type (Chỉ thị) and an issuer (Chủ tịch): "1/CT-X" reads as a Chỉ thị.
LETTER_ISSUERS = st.sampled_from(
    [c for c in ISSUER_CODES if c not in TERM_ISSUERS and c not in TYPE_CODES]
)

valid_numbers = st.one_of(
    st.builds(lambda s, y, t, i: f"{s}/{y}/{t}-{i}", SERIALS, YEARS, STATE_TYPES, ISSUERS),
    st.builds(
        lambda s, y, i: f"{s}/{y}/TTLT-{'-'.join(i)}",
        SERIALS,
        YEARS,
        st.lists(ISSUERS, min_size=2, max_size=3),
    ),
    st.builds(
        lambda s, y, q, t: f"{s}/{y}/{q}{t}",
        SERIALS,
        YEARS,
        st.sampled_from(TERM_ISSUERS),
        st.integers(min_value=1, max_value=20),
    ),
    st.builds(
        lambda s, t, i, u: f"{s}/{t}-{i}" + (f"-{u}" if u else ""),
        SERIALS,
        STATE_TYPES,
        ISSUERS,
        st.one_of(st.none(), UNITS),
    ),
    st.builds(lambda s, i, u: f"{s}/{i}-{u}", SERIALS, LETTER_ISSUERS, UNITS),
    st.builds(
        lambda n, t, o: f"{n}-{t}/{o}",
        st.integers(min_value=1, max_value=9999),
        STATE_TYPES,
        st.sampled_from(["TW", "TU", "HU", "ĐU", "TGV"]),
    ),
)


@settings(max_examples=400)
@given(valid_numbers, st.sampled_from(["{}", "0{}", " {} "]), st.booleans())
def test_valid_numbers_round_trip(number: str, wrap: str, lower: bool) -> None:
    written = wrap.format(number)
    if lower:
        written = written.lower()
    n = parse_number(written)
    assert parse_number(n.normalized).normalized == n.normalized
    if not lower:
        assert n.normalized == parse_number(number).normalized


@settings(max_examples=200)
@given(valid_numbers)
def test_valid_numbers_are_found_in_running_text(number: str) -> None:
    text = f"Căn cứ văn bản số {number} ngày 16/11/2020 của cơ quan;"
    [(start, end, n)] = find_numbers(text)
    assert text[start:end] == number
    assert n.normalized == parse_number(number).normalized

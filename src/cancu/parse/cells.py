"""Features of one table cell (an amount, an "x" mark, an agency, a deadline, a numbered task …)
and :func:`fit`, how well a cell's text fits a column.

>>> fit("x", "level:tinh") > fit("x", "lead")
True
>>> is_money("158.580.000"), is_money("2 video")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

MONEY = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:,\d+)?$|^\d{4,}$")
MARK = re.compile(r"^[xX✓✔√]$")
NUMBERING = re.compile(r"^(\d{1,3}(?:\.\d+)*\.?|[IVXL]+\.?|[a-zđ]\)?|[-+•])$")
TASK_START = re.compile(r"^(\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|[-+•]\s*\S)")
AREA = re.compile(r"^([IVXL]+)\.?\s+(\S.*)$")
DEADLINE = re.compile(
    r"\b(quý|tháng|năm|thường xuyên|hằng năm|hàng năm|hằng quý|hàng quý|trước ngày|"
    r"định kỳ|20\d\d)\b",
    re.IGNORECASE,
)
AGENCY = re.compile(
    r"^(các (sở|ban|ngành|cơ quan|đơn vị|huyện|xã|phòng|tổ chức|địa phương|bộ|hội|doanh nghiệp|"
    r"trường|viện|thành viên|tỉnh|chi cục|trung tâm|ủy ban|uỷ ban|ubnd)|cơ quan|sở |ủy ban|uỷ ban|ubnd|văn phòng|vp |ban |báo (?!cáo)|đài |công an|trung tâm|"
    r"phòng|cục|chi cục|bộ |tổng cục|liên hiệp|hội |viện|trường|doanh nghiệp|bảo hiểm|"
    r"kho bạc|thanh tra|tỉnh đoàn|đoàn |hội đồng|tòa án|toà án|viện kiểm sát|bộ chỉ huy|"
    r"quỹ|đơn vị|thường trực|tổ (công tác|giúp việc)|ngân hàng|công ty|tổng công ty|hợp tác xã|lãnh đạo|"
    r"hđnd|mttq|ủy ban mặt trận|uỷ ban mặt trận|tỉnh ủy|tỉnh uỷ|thành ủy|ngành)",
    re.IGNORECASE,
)
LEGAL_REF = re.compile(
    r"\b(quyết định|qđ|thông tư|tt|nghị định|nđ|công văn|chỉ thị|nghị quyết|luật)\s+(số\s+)?\d"
    r"|\d+/\d{4}/[A-ZĐ]",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-+•]\s*")
_PLAN_SPECIFIC = re.compile(r"kế hoạch|cụ thể", re.IGNORECASE)
_FIGURES = re.compile(r"[\d.,/ ]+")
_LEADING_DIGIT = re.compile(r"\d")
FUNDING = re.compile(r"nguồn|ngân sách|vốn|kinh phí|xã hội hóa|xã hội hoá", re.IGNORECASE)
TOTAL = re.compile(
    r"^(tổng (kinh phí|cộng|dự toán|số tiền)\b|tổng\s*($|\()|cộng\s*($|:))", re.IGNORECASE
)


def is_money(text: str) -> bool:
    """True for a cell holding an amount such as ``158.580.000``."""
    return bool(MONEY.match(text.replace(" ", "")))


def is_agency_like(text: str) -> bool:
    """True when a cell reads like an agency or a list of agencies.

    >>> is_agency_like("- Báo Tây Ninh; - Đài PTTH"), is_agency_like("Tổ chức hội thi")
    (True, False)
    """
    return bool(AGENCY.match(_BULLET.sub("", text)))


def words(text: str) -> int:
    return len(text.split())


class _Features(NamedTuple):
    """What :func:`fit` looks at in a cell's text, whatever the column."""

    money: bool
    mark: bool
    agency: bool
    deadline: bool
    numbered: bool
    words: int


@lru_cache(maxsize=16384)
def _features(text: str) -> _Features:
    agency = is_agency_like(text)
    return _Features(
        money=is_money(text),
        mark=bool(MARK.match(text)),
        agency=agency,
        deadline=bool(DEADLINE.search(text)),
        numbered=bool(TASK_START.match(text)) and not agency,
        words=words(text),
    )


@lru_cache(maxsize=65536)
def fit(text: str, key: str) -> float:
    """How well a cell's text fits a column (higher is better).

    >>> fit("x", "level:tinh") > fit("x", "lead")
    True
    >>> fit("Sở Tài chính", "lead") > fit("Sở Tài chính", "deadline")
    True
    """
    if not text:
        return {"task": -2.0, "stt": -0.5, "content": -0.5}.get(key, 0.0)
    money, mark, agency, deadline, numbered, n_words = _features(text)
    if mark:
        return 3.0 if key.startswith("level:") else -5.0
    if key.startswith("level:"):
        return -5.0
    if key == "stt":
        return 3.0 if NUMBERING.match(text) else -5.0
    if key in ("budget", "unitprice"):
        good = 3.0 if key == "budget" else 2.0
        return good if money or text in ("-", "0") else -3.0
    if money:
        return 0.5 if key in ("quantity", "note") else -4.0
    if key in ("lead", "coord"):
        score = 2.5 if agency else (-0.5 if n_words <= 6 else -2.0)
        return score - (1.5 if numbered else 0.0) - (2.0 if deadline and not agency else 0.0)
    if key == "deadline":
        if deadline and n_words <= 12:
            return 3.0
        if _PLAN_SPECIFIC.search(text) and n_words <= 10:
            return 1.0
        return -2.0 if agency else -1.0
    if key == "quantity":
        if _LEADING_DIGIT.match(text) and n_words <= 4:
            return 2.5
        return -0.5 if n_words <= 3 else -3.0
    if key == "funding":
        return 2.5 if FUNDING.search(text) else -1.0
    if key == "task":
        return 3.0 if numbered else (1.0 if n_words >= 3 and not agency else -0.5)
    legal = bool(LEGAL_REF.search(text))
    if key == "content":
        if legal and not numbered:
            return -1.0
        return 0.5 if numbered or (n_words >= 3 and not agency) else -0.5
    if key == "note":
        return 2.0 if legal else 0.6
    if key == "product":
        return 0.4
    if _FIGURES.fullmatch(text):
        return 1.0
    return 0.0 if n_words <= 3 else -0.3


def area_like(title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    return len(letters) >= 4 and all(not ch.islower() for ch in letters)

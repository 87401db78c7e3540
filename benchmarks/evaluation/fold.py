"""Folding of text, numbers, names and issuer labels for comparison with the references.

>>> fold("ỦY BAN NHÂN DÂN TỈNH Bắc Ninh;")
'uy ban nhan dan tinh bac ninh'
>>> fold_number(" 0134 /KH-UBND"), fold_number("24/2026//NQ-CP")
('134/KH-UBND', '24/2026/NQ-CP')
>>> type_code("Quyết định"), type_code("Công văn"), fold_code("QĐ-TTg")
('QĐ', 'CV', 'QD-TTG')
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), punctuation as spaces, spaces collapsed.

    >>> fold("Sở Văn hóa, Thể thao và Du lịch") == fold("SỞ VĂN HOÁ THỂ THAO VÀ DU LỊCH")
    True
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def fold_code(code: str) -> str:
    """A type or issuer code in capitals with Đ as D: ``"QĐ-TTg"`` → ``"QD-TTG"``."""
    return unicodedata.normalize("NFC", code).replace("Đ", "D").replace("đ", "d").upper()


def fold_number(number: str) -> str:
    """An instrument number without spaces or markup, case and Đ folded, leading zeros dropped.

    Doubled slashes (a typo kept as written) count as one.
    """
    text = re.sub(r"[\s*]+", "", unicodedata.normalize("NFC", number)).strip(".,;:")
    text = re.sub(r"/+", "/", text)
    text = re.sub(r"^0+(?=\d)", "", text)
    return fold_code(text)


def fold_person(name: str) -> str:
    """A person's name compared after NFC, case and whitespace folding (diacritics kept).

    >>> fold_person("**Phạm  Văn Thịnh**") == fold_person("PHẠM VĂN THỊNH")
    True
    """
    text = unicodedata.normalize("NFC", name).replace("*", " ")
    return " ".join(text.split()).strip(" .,;:").casefold()


TYPE_CODES = {
    "quyet dinh": "QĐ",
    "cong van": "CV",
    "nghi quyet": "NQ",
    "nghi quyet lien tich": "NQLT",
    "thong tu": "TT",
    "thong tu lien tich": "TTLT",
    "thong bao": "TB",
    "cong dien": "CĐ",
    "nghi dinh": "NĐ",
    "ke hoach": "KH",
    "bao cao": "BC",
    "chi thi": "CT",
    "luat": "LUAT",
    "bo luat": "LUAT",
    "hien phap": "HP",
    "phap lenh": "PL",
    "to trinh": "TTr",
    "huong dan": "HD",
    "chuong trinh": "CTr",
    "de an": "ĐA",
    "van ban hop nhat": "VBHN",
}
"""The document type named on the portal ("Loại văn bản") → its code in a number."""


def type_code(name: str) -> str | None:
    """The code of a document type name, or None when the name is not a known type."""
    return TYPE_CODES.get(fold(name))


_GENERIC = re.compile(r"\b(?:uy ban nhan dan|hoi dong nhan dan|ubnd|hdnd|tinh|thanh pho|tp)\b")


def issuer_tokens(text: str) -> list[str]:
    """The words of an issuer name without the generic words of a local body.

    >>> issuer_tokens("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"), issuer_tokens("Thành phố Hồ Chí Minh")
    (['bac', 'ninh'], ['ho', 'chi', 'minh'])
    """
    return _GENERIC.sub(" ", fold(text)).split()


def issuer_matches(reference: str, extracted: str) -> bool:
    """Whether an extracted issuer (label or header text) is the body the reference names.

    The words left by :func:`issuer_tokens` must be the same, in any order (the People's
    Committee and Council of a province both match the portal's "Tỉnh X"; a department's
    header "UBND TP X / SỞ Y" matches "Sở Y Thành phố X"), or the extracted header must end
    with the reference under a ministry written above it ("BỘ TÀI CHÍNH / CỤC THUẾ").

    >>> issuer_matches("Tỉnh Bắc Ninh", "HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH")
    True
    >>> issuer_matches("Cục Thuế", "BỘ TÀI CHÍNH CỤC THUẾ"), issuer_matches("Chính phủ", "Thủ tướng Chính phủ")
    (True, False)
    """
    ref, ext = issuer_tokens(reference), issuer_tokens(extracted)
    if not ref or not ext:
        return False
    if sorted(ref) == sorted(ext):
        return True
    return len(ext) > len(ref) and ext[-len(ref) :] == ref and ext[0] == "bo"


def names_match(reference: str, extracted: str) -> bool:
    """Two instrument names (laws cited by name) are equal or one is a word prefix of the other.

    >>> names_match("Luật Tổ chức chính quyền địa phương", "Luật Tổ chức Chính quyền địa phương")
    True
    >>> names_match("Luật Giáo dục", "Luật Giáo dục đại học")
    True
    >>> names_match("Luật Giá", "Luật Giáo dục")
    False
    """
    a, b = fold(reference).split(), fold(extracted).split()
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def fold_agent(name: str) -> str:
    """An agency name as written, folded, without a leading "lãnh đạo" (the body's leaders).

    >>> fold_agent("- Lãnh đạo  Sở Công Thương."), fold_agent("UBND cấp huyện.")
    ('so cong thuong', 'ubnd cap huyen')
    """
    return re.sub(r"^lanh dao\s+", "", fold(name))


def fold_numbering(numbering: str | None) -> str:
    """A row's numbering without trailing dots; bullets and blanks are the empty numbering.

    >>> fold_numbering("2.1."), fold_numbering("-"), fold_numbering(None)
    ('2.1', '', '')
    """
    text = (numbering or "").strip().strip("*").strip()
    text = text.rstrip(".)")
    return "" if text in {"", "-", "+", "•", "–"} else text

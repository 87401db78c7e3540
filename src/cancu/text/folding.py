"""Folding of agency names into matching keys: case, diacritics, abbreviations, province.

Keys from strict to loose: :func:`clean` (the name as written minus list furniture),
:func:`fold` (lowercase ASCII words), :func:`expand` (:func:`fold` with every known
abbreviation written out); :func:`core` strips a trailing province qualifier.

>>> expand("Sở KH&ĐT tỉnh") == expand("Sở Kế hoạch và Đầu tư tỉnh")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations, as folded text (see :func:`fold`) → their folded long form. Only unambiguous
# forms: "TT" alone (Thường trực? Trung tâm? Thông tư?) or "NN" (nông nghiệp? nhà nước?) are not
# here, only inside longer keys.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dbqh": "dai bieu quoc hoi",
    "ddbqh": "doan dai bieu quoc hoi",
    "vp": "van phong",
    "vpub": "van phong uy ban nhan dan",
    "vpubnd": "van phong uy ban nhan dan",
    "vpcp": "van phong chinh phu",
    "ptth": "phat thanh va truyen hinh",
    "pt va th": "phat thanh va truyen hinh",
    "phat thanh truyen hinh": "phat thanh va truyen hinh",
    "khcn": "khoa hoc va cong nghe",
    "kh va cn": "khoa hoc va cong nghe",
    "tttt": "thong tin va truyen thong",
    "tt va tt": "thong tin va truyen thong",
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "hcc": "hanh chinh cong",
    "tthcc": "trung tam hanh chinh cong",
    "ttdt": "thong tin dien tu",
    "hcnn": "hanh chinh nha nuoc",
    "cntt": "cong nghe thong tin",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "ldtb va xh": "lao dong thuong binh va xa hoi",
    "gddt": "giao duc va dao tao",
    "gd va dt": "giao duc va dao tao",
    "tnmt": "tai nguyen va moi truong",
    "tn va mt": "tai nguyen va moi truong",
    "tai nguyen moi truong": "tai nguyen va moi truong",
    "nnmt": "nong nghiep va moi truong",
    "nn va mt": "nong nghiep va moi truong",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "nn va ptnt": "nong nghiep va phat trien nong thon",
    "ptnt": "phat trien nong thon",
    "khdt": "ke hoach va dau tu",
    "kh va dt": "ke hoach va dau tu",
    "vhttdl": "van hoa the thao va du lich",
    "vh tt va dl": "van hoa the thao va du lich",
    "van hoa the thao du lich": "van hoa the thao va du lich",
    "gtvt": "giao thong van tai",
    "bhxh": "bao hiem xa hoi",
    "tcdlcl": "tieu chuan do luong chat luong",
    "bcd": "ban chi dao",
    "tt tu": "thuong truc tinh uy",
    "bch tw": "ban chap hanh trung uong",
    "so tc": "so tai chinh",
    "so ct": "so cong thuong",
    "tphcm": "thanh pho ho chi minh",
    "tp hcm": "thanh pho ho chi minh",
    "hcm": "ho chi minh",
    "tp": "thanh pho",
}

_CITY_PROVINCES = frozenset({"ho chi minh", "ha noi", "hai phong", "da nang", "can tho", "hue"})
_ADMIN_WORDS = ("thanh pho", "thi xa", "thi tran", "huyen", "quan", "xa", "phuong", "tinh")
_ABBR_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
)

_NON_WORD = re.compile(r"[\W_]+")
_LIST_DASH = re.compile(r"^[-+•–—]\s*")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Return the matching key of ``text``: lowercase ASCII words separated by single spaces.

    NFC, lowercase, đ → d, diacritics removed (so old and new tone placement agree),
    "&" → "va", every other non-alphanumeric character → space.

    >>> fold("Sở KH&CN")
    'so kh va cn'
    >>> fold("Thị xã Hoà Thành") == fold("Thị xã Hòa Thành")
    True
    >>> fold("  Cục kiểm soát TTHC-VPCP; ")
    'cuc kiem soat tthc vpcp'
    """
    t = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    t = t.replace("&", " va ")
    return " ".join(_NON_WORD.sub(" ", t).split())


@lru_cache(maxsize=16384)
def expand(text: str) -> str:
    """Return :func:`fold` of ``text`` with every known abbreviation written out.

    >>> expand("Đài PT và TH tỉnh") == expand("Đài Phát thanh - Truyền hình tỉnh")
    True
    >>> expand("VP ĐĐBQH, HĐND và UBND tỉnh")
    'van phong doan dai bieu quoc hoi hoi dong nhan dan va uy ban nhan dan tinh'
    """
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], fold(text))


def slugify(text: str) -> str:
    """Return an ASCII slug: lowercase words joined by hyphens.

    >>> slugify("Sở Tài chính")
    'so-tai-chinh'
    >>> slugify("Đài PT & TH tỉnh Tây Ninh")
    'dai-pt-va-th-tinh-tay-ninh'
    """
    return fold(text).replace(" ", "-")


def clean(name: str) -> str:
    """Return ``name`` as written minus list furniture: the key of an ``"exact"`` match.

    NFC, markdown ``*`` removed, whitespace collapsed, a leading list dash, a trailing
    parenthesis and trailing punctuation removed.

    >>> clean("- Đài PTTH Tây Ninh;")
    'Đài PTTH Tây Ninh'
    >>> clean("Thủ tướng Chính phủ (để b/c);")
    'Thủ tướng Chính phủ'
    """
    t = unicodedata.normalize("NFC", name).replace("*", "")
    t = " ".join(t.split())
    t = _LIST_DASH.sub("", t)
    previous = None
    while previous != t:
        previous = t
        t = _TRAILING_PARENTHESIS.sub("", t)
        t = t.rstrip(" .;,:…").strip()
    return t


def province_key(province: str) -> str:
    """Return the key of a province name: folded, without "tỉnh"/"thành phố" in front.

    >>> province_key("tỉnh Tây Ninh"), province_key("TP.HCM"), province_key("Thành phố Hồ Chí Minh")
    ('tay ninh', 'ho chi minh', 'ho chi minh')
    """
    key = expand(province)
    for lead in ("tinh ", "thanh pho "):
        if key.startswith(lead):
            key = key[len(lead) :]
    return key


def core(key: str, pkey: str | None) -> str:
    """Strip a trailing province qualifier ("tinh", "tinh tay ninh", "tay ninh") from ``key``.

    A province name preceded by another administrative word ("thanh pho tay ninh", the city)
    is kept, and the result must keep at least two words.

    >>> core("so tai chinh tinh tay ninh", "tay ninh"), core("ubnd thanh pho tay ninh", "tay ninh")
    ('so tai chinh', 'ubnd thanh pho tay ninh')
    """
    if not pkey:
        return key
    level = "thanh pho" if pkey in _CITY_PROVINCES else "tinh"
    core = key
    if core.endswith(f" {level} {pkey}"):
        core = core[: -len(f" {level} {pkey}")]
    elif core.endswith(f" {pkey}"):
        head = core[: -len(f" {pkey}")]
        if not any(head.endswith(f" {w}") or head == w for w in _ADMIN_WORDS):
            core = head
    if core.endswith(f" {level}"):
        core = core[: -len(f" {level}")]
    return core if len(core.split()) >= 2 else key

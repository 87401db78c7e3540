"""Split a lead/coordinator cell into agency names, knowing which names hold commas.

Names are separated by ";", dash-led lines and "." between names; commas, "và", " - " and line
breaks separate names only where the names the caller knows say so: the longest run of pieces
that is a known name wins ("Sở Văn hóa, Thể thao và Du lịch", "Văn phòng Đoàn ĐBQH, HĐND và
UBND tỉnh", "UBND các xã, phường", "Các bộ, ngành liên quan" stay whole); unknown text falls
back to comma splitting. Elliptical "…, cấp xã" after "UBND cấp huyện" becomes "UBND cấp xã";
"Các sở: Tài chính, Tư pháp" gives "Sở Tài chính", "Sở Tư pháp".

The splitter knows no gazetteer: it asks a predicate ``known(name, at_end)`` (``at_end``: the
name runs to the end of its part, so a cut-short name may be accepted).

>>> known = lambda name, at_end: name in {"Sở Văn hóa, Thể thao và Du lịch", "UBND các xã, phường"}
>>> split_cell("Sở Văn hóa, Thể thao và Du lịch, UBND các xã, phường", known)
['Sở Văn hóa, Thể thao và Du lịch', 'UBND các xã, phường']
>>> split_cell("Sở Y tế, Sở Nội vụ; Công an tỉnh", known)
['Sở Y tế', 'Sở Nội vụ', 'Công an tỉnh']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from cancu.text.folding import clean, expand, fold

Known = Callable[[str, bool], bool]
"""``known(name, at_end)``: whether ``name`` is one agency or group name."""

NON_AGENCY_PHRASES: tuple[str, ...] = (
    "Viện, Trường",
    "Doanh nghiệp",
    "Các tổ chức, cá nhân có liên quan",
    "Tổ chức, cá nhân có liên quan",
)
"""Participants that are not agencies: the splitter keeps them whole, the matcher returns
``None`` for them."""

COMMA_NAMES: tuple[str, ...] = (
    "Văn phòng Đoàn ĐBQH, HĐND và UBND",
    "Văn phòng Đoàn ĐBQH và HĐND",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Trung tâm Văn hóa, Thể thao và Truyền thanh",
    "Phòng Văn hóa, Khoa học và Thông tin",
)
"""Bodies whose names hold a comma or "và", found in every province even where the
gazetteer does not record them (whether a province had a merged office is not recorded):
the splitter keeps them whole, the matcher resolves them only where the gazetteer has them."""


def is_comma_name(name: str) -> bool:
    """Whether ``name`` is one of :data:`COMMA_NAMES`, abbreviated or not, with a trailing
    place ("tỉnh", "tỉnh Nghệ An", "thành phố Huế").

    >>> is_comma_name("Văn phòng Đoàn Đại biểu Quốc hội, HĐND và UBND tỉnh Hà Tĩnh")
    True
    >>> is_comma_name("Văn phòng Đoàn ĐBQH, HĐND"), is_comma_name("Sở Văn hóa, Thể thao, Sở Y tế")
    (False, False)
    """
    key = expand(clean(name))
    for comma_name, commas in _COMMA_KEYS:
        if name.count(",") > commas:
            continue
        if key == comma_name or key.startswith(comma_name + " "):
            rest = key[len(comma_name) :].split()
            if not rest or (
                rest[0] in ("tinh", "thanh", "huyen", "quan", "thi") and len(rest) <= 5
            ):
                return True
    return False


_LIST_DASH = re.compile(r"^[-+•–—]\s*")
_DISTRIBUTIVE = re.compile(r"^các\s+sở\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_WEAK = re.compile(r"(\s*,\s*|\s+và\s+|\s+-\s+|\s*\n\s*)")
_SEP_TEXT = {"comma": ", ", "and": " và ", "dash": " - ", "newline": " "}


_COMMA_KEYS = tuple((expand(n), n.count(",")) for n in COMMA_NAMES)


def split_cell(cell: str, known: Known) -> list[str]:
    """Split ``cell`` into names as written (see the module docstring)."""
    names: list[str] = []
    for part in strong_parts(cell):
        names.extend(_split_part(part, known))
    return [n for n in (clean(n) for n in names) if n and n.lower() not in _TITLES_ALONE]


_TITLES_ALONE = frozenset(
    {"lãnh đạo", "giám đốc", "phó giám đốc", "chủ tịch", "phó chủ tịch", "thủ trưởng", "trưởng"}
)
"""A title cut from the body it heads ("Lãnh đạo" / "Sở Công Thương"): the body is the agent."""


def _split_part(part: str, known: Known) -> list[str]:
    prefix = ""
    m = _DISTRIBUTIVE.match(part)
    if m:
        prefix, part = "Sở ", m.group(1)
    elif ":" in part:  # "group: example, example" – the examples are names too
        head, _, tail = part.partition(":")
        return _split_part(head, known) + _split_part(tail, known)
    pieces, seps = _resplit(*_weak_pieces(part), known)
    n = len(pieces)

    def render(i: int, j: int) -> str:
        out = pieces[i]
        for k in range(i, j):
            out += _SEP_TEXT[seps[k]] + pieces[k + 1]
        return out

    def known_run(i: int, j: int) -> str | None:
        text = render(i, j)
        for candidate in (text, prefix + text) if prefix else (text,):
            if known(candidate, j == n - 1):
                return candidate
        return None

    def starts_known(i: int) -> bool:
        return any(known_run(i, j) for j in range(i, n))

    out: list[str] = []
    i = 0
    while i < n:
        for j in range(n - 1, i - 1, -1):
            name = known_run(i, j)
            if name:
                out.append(name)
                i = j + 1
                break
        else:
            piece = pieces[i]
            if piece.lower().startswith("cấp ") and out and " cấp " in out[-1]:
                out.append(out[-1][: out[-1].rfind(" cấp ")] + " " + piece)
                i += 1
                continue
            j = i
            while j + 1 < n and seps[j] != "comma" and not starts_known(j + 1):
                j += 1
            text = prefix + render(i, j) if prefix else render(i, j)
            if out and i > 0 and seps[i - 1] == "comma" and _continues(pieces[i]):
                out[-1] += ", " + text  # "Trung tâm Xúc tiến đầu tư, thương mại và du lịch"
            else:
                out.append(text)
            i = j + 1
    return out


_HEADS = frozenset(
    [
        "các",
        "những",
        "cơ",
        "đơn",
        "tổ",
        "doanh",
        "ubnd",
        "hđnd",
        "mttq",
        "hội",
        "ủy",
        "uỷ",
        "ban",
        "phòng",
        "sở",
        "trung",
        "văn",
        "chi",
        "cục",
        "đài",
        "báo",
        "bảo",
        "kho",
        "công",
        "viện",
        "trường",
        "ngân",
        "quỹ",
        "lãnh",
        "thường",
        "bộ",
        "tỉnh",
        "huyện",
        "xã",
        "thành",
    ]
)
"""Words a name of an agency or a group opens with."""


def _continues(piece: str) -> bool:
    """A piece after a comma that goes on the name before it: it opens in lower case with a
    word no agency name opens with ("…, thương mại và du lịch", "…, địa phương").

    >>> _continues("thương mại và du lịch tỉnh"), _continues("các cơ quan liên quan")
    (True, False)
    """
    words = piece.split()
    return bool(words) and words[0][0].islower() and words[0].lower() not in _HEADS


def _resplit(pieces: list[str], seps: list[str], known: Known) -> tuple[list[str], list[str]]:
    """Split a piece where two names meet without a separator ("đặc khu Sở Tài chính", from a
    cell whose line breaks were lost): at a capitalised word from which a known name starts,
    alone or with the next piece, when the whole piece is not a known name.

    >>> known = lambda name, at_end: name in {"Sở Tài chính", "Các sở, ngành"}
    >>> _resplit(["đặc khu Sở Tài chính", "Các sở", "ngành"], ["comma", "comma"], known)
    (['đặc khu', 'Sở Tài chính', 'Các sở', 'ngành'], ['newline', 'comma', 'comma'])
    >>> _resplit(["Sở Tài chính Các sở", "ngành"], ["comma"], known)
    (['Sở Tài chính', 'Các sở', 'ngành'], ['newline', 'comma'])
    """
    out_p: list[str] = []
    out_s: list[str] = []
    for i, piece in enumerate(pieces):
        words = piece.split()
        cut = None
        if len(words) > 1 and not known(piece, False):
            for k in range(1, len(words)):
                if not words[k][:1].isupper():
                    continue
                tail = " ".join(words[k:])
                following = tail + _SEP_TEXT[seps[i]] + pieces[i + 1] if i < len(seps) else None
                if known(tail, False) or (following and known(following, False)):
                    cut = k
                    break
        if i:
            out_s.append(seps[i - 1])
        if cut is None:
            out_p.append(piece)
        else:
            out_p += [" ".join(words[:cut]), " ".join(words[cut:])]
            out_s.append("newline")
    return out_p, out_s


_FREE_TEXT_STARTS = (
    "theo doi",
    "bao cao",
    "thuc hien",
    "phoi hop",
    "chu tri",
    "huong dan",
    "kiem tra",
    "tong hop",
    "trien khai",
    "xay dung",
    "de xuat",
    "tham muu",
    "cap nhat",
    "giam sat",
    "danh gia",
    "dam bao",
    "ho tro",
    "tuyen truyen",
    "chi dao",
    "ban hanh",
    "to chuc thuc hien",
)


def free_text_at(name: str) -> int | None:
    """The word from which ``name`` is a task description, not an agency ("theo dõi", "báo
    cáo chỉ tiêu", "chủ trì", …), or ``None``. A caller cuts there only when the words before
    it are a known name (``Ban Chỉ đạo`` holds "chỉ đạo" and is an agency).

    >>> free_text_at("theo dõi"), free_text_at("Sở Nội vụ theo dõi, báo cáo"), free_text_at("Sở Y tế")
    (0, 3, None)
    """
    words = name.split()
    for k in range(len(words)):
        rest = fold(" ".join(words[k : k + 4]))
        if any(rest == s or rest.startswith(s + " ") for s in _FREE_TEXT_STARTS):
            return k
    return None


def _sep_kind(sep: str) -> str:
    s = sep.strip()
    return {",": "comma", "và": "and", "-": "dash", "": "newline"}[s]


def _weak_pieces(part: str) -> tuple[list[str], list[str]]:
    """Split on commas, "và", " - " and line breaks, keeping the kind of each separator.

    >>> _weak_pieces("Sở Y tế, Sở Nội vụ và Công an tỉnh")
    (['Sở Y tế', 'Sở Nội vụ', 'Công an tỉnh'], ['comma', 'and'])
    """
    tokens = _WEAK.split(part.strip())
    pieces = [t.strip() for t in tokens[0::2]]
    seps = [_sep_kind(t) for t in tokens[1::2]]
    keep_p, keep_s = [pieces[0]], []
    for sep, piece in zip(seps, pieces[1:], strict=True):
        if piece:
            keep_p.append(piece)
            keep_s.append(sep)
    return keep_p, keep_s


def strong_parts(cell: str) -> list[str]:
    """Split a cell on dash-led lines, ";" and sentence-final "."; other line breaks stay.

    >>> strong_parts("- Báo Tây Ninh;\\n- Đài PTTH. Sở Y tế")
    ['Báo Tây Ninh', 'Đài PTTH', 'Sở Y tế']
    """
    text = unicodedata.normalize("NFC", cell).replace("*", "")
    items: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "|":
            continue
        if _LIST_DASH.match(line) or not items:
            items.append(_LIST_DASH.sub("", line))
        else:
            items[-1] += "\n" + line
    parts: list[str] = []
    for item in items:
        for piece in re.split(r";|(?<!\bTP)(?<!\bTp)(?<!\bTX)\.\s+", item):
            piece = piece.strip().rstrip(".;,")
            if piece:
                parts.append(piece)
    return parts

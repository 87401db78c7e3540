"""Agency names: normalisation, the gazetteer and the lead/coordinator cell splitter.

Names of agencies are written many ways in the texts ("Đài PT và TH tỉnh", "Đài PTTH Tây Ninh",
"Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", sometimes cut short). This module resolves them
against ``data/agencies.ttl`` and never invents: an unknown or ambiguous name gives ``None``.

Keys used for matching, from strict to loose:

- :func:`clean` — NFC, whitespace collapsed, list dashes, trailing punctuation and a trailing
  parenthesis such as "(để b/c)" removed; equal to a label → quality ``"exact"``;
- :func:`fold` — lowercase, no diacritics (đ → d, so "Hoà"/"Hòa" agree), "&" → "va", punctuation
  → space → ``"normalized"``;
- :func:`expand` — :func:`fold` then every known abbreviation written out (UBND → uy ban nhan dan,
  PTTH → phat thanh va truyen hinh, …) → ``"abbreviation"``. Both sides are expanded, so either
  spelling matches the other;
- a word prefix (≥ 3 words and ≥ 60 % of the label) of exactly one entry → ``"truncated"``.

At the second and third step a trailing province qualifier is also ignored within the entry's
province: "Đài PTTH Tây Ninh", "Đài PT và TH tỉnh" and "Đài Phát thanh và Truyền hình Tây Ninh"
share the key ``dai phat thanh va truyen hinh``.

>>> fold("Sở Tài chính") == fold("so tai chinh")
True
>>> gz = Gazetteer.default()
>>> m = gz.match("Đài PT và TH tỉnh", province="Tây Ninh")
>>> m.entry.slug, m.quality
('dai-phat-thanh-va-truyen-hinh-tay-ninh', 'exact')
>>> gz.match("Sở Tài chính") is None   # four provinces have one
True
>>> split_names("Các sở, ngành tỉnh, UBND cấp huyện, cấp xã")
['Các sở, ngành tỉnh', 'UBND cấp huyện', 'UBND cấp xã']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox
from rdflib.namespace import RDF, SKOS, XSD

from cancu.errors import InputError
from cancu.resources import gazetteer_files
from cancu.vocab import AGENCY, CANCU, ORG, SCHEMA

Quality = Literal["exact", "normalized", "abbreviation", "truncated"]
QUALITIES: tuple[Quality, ...] = ("exact", "normalized", "abbreviation", "truncated")
"""Match qualities, best first."""

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

NON_AGENCY_PHRASES: tuple[str, ...] = (
    "Viện, Trường",
    "Doanh nghiệp",
    "Các tổ chức, cá nhân có liên quan",
    "Tổ chức, cá nhân có liên quan",
)
"""Participants that are not agencies: :meth:`Gazetteer.split` keeps them whole, the matcher
returns ``None`` for them."""

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


def _core(key: str, pkey: str | None) -> str:
    """Strip a trailing province qualifier ("tinh", "tinh tay ninh", "tay ninh") from ``key``.

    A province name preceded by another administrative word ("thanh pho tay ninh", the city)
    is kept, and the result must keep at least two words.
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


@dataclass(frozen=True)
class Entry:
    """One agency or agency group of the gazetteer.

    ``level`` is the entry's level code when it sits at exactly one level, else ``None``;
    ``levels`` lists them all (a group may span levels).
    """

    iri: str
    pref_label_vi: str
    pref_label_en: str | None
    kind: Literal["agency", "group"]
    province: str | None
    level: str | None
    parent: str | None
    members: tuple[str, ...] = ()
    alt_labels: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    notations: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_through: date | None = None

    @property
    def slug(self) -> str:
        """The last segment of the IRI.

        >>> Gazetteer.default().entry("bo-noi-vu").slug
        'bo-noi-vu'
        """
        return self.iri.rsplit("/", 1)[-1]

    @property
    def labels(self) -> tuple[str, ...]:
        """The Vietnamese preferred label followed by the alternative labels."""
        return (self.pref_label_vi, *self.alt_labels)


@dataclass(frozen=True)
class Match:
    """A name resolved to an entry: what was written and how well it matched."""

    entry: Entry
    as_written: str
    quality: Quality


@dataclass(frozen=True)
class _Keys:
    """The keys of one label (or one query) within one province."""

    exact: str
    folded: frozenset[str]
    expanded: frozenset[str]
    words: tuple[str, ...]


def _keys(text: str, pkey: str | None) -> _Keys:
    c = clean(text)
    f, e = fold(c), expand(c)
    return _Keys(
        c, frozenset({f, _core(f, pkey)}), frozenset({e, _core(e, pkey)}), tuple(e.split())
    )


def _query_index_keys(quality: Quality, q: _Keys) -> Iterable[Hashable]:
    """The keys a query is looked up by: its exact, folded or expanded keys, or its words."""
    if quality == "exact":
        return (q.exact,)
    if quality == "normalized":
        return q.folded
    if quality == "abbreviation":
        return q.expanded
    return (q.words,)


def _label_index_keys(quality: Quality, label: _Keys) -> Iterable[Hashable]:
    """The keys a label is found by: those of the queries that match it at ``quality``.

    A truncated name is the label's first words: at least 3, at least 60 % of them, not all.

    >>> list(_label_index_keys("truncated", _keys("Sở Tài chính tỉnh", None)))
    [('so', 'tai', 'chinh')]
    """
    if quality != "truncated":
        return _query_index_keys(quality, label)
    n_words = len(label.words)
    return [label.words[:n] for n in range(3, n_words) if n >= 0.6 * n_words]


_K = TypeVar("_K")
_V = TypeVar("_V")


def _remembered(cache: dict[_K, list[_V]], key: _K, compute: Callable[[], list[_V]]) -> list[_V]:
    """``compute()``, remembered in ``cache`` (up to 10,000 keys); always a list of one's own.

    >>> cache = {}
    >>> _remembered(cache, "k", lambda: [1]), _remembered(cache, "k", lambda: [2])
    ([1], [1])
    """
    found = cache.get(key)
    if found is None:
        found = compute()
        if len(cache) < 10_000:
            cache[key] = found
    return list(found)


class Gazetteer:
    """The agencies and agency groups of ``data/agencies.ttl``, with a matcher and a splitter.

    >>> gz = Gazetteer.default()
    >>> gz.match("van phong doan dbqh hdnd va ubnd tinh", province="Tây Ninh").quality
    'normalized'
    >>> gz.match("VP Đoàn ĐBQH, HĐND và UBND tỉnh", province="Tây Ninh").quality
    'abbreviation'
    >>> gz.match("Văn phòng Đoàn ĐBQH, HĐND và", province="Tây Ninh").quality
    'truncated'
    >>> gz.match("Sở Hàng không vũ trụ", province="Tây Ninh") is None
    True
    """

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = sorted(entries, key=lambda e: e.iri)
        self._by_iri = {e.iri: e for e in self.entries}
        self._pkey = {e.iri: province_key(e.province) if e.province else None for e in self.entries}
        self._provinces = sorted({k for k in self._pkey.values() if k})
        self._label_keys = [
            (e, _keys(lb, self._pkey[e.iri])) for e in self.entries for lb in e.labels
        ]
        # Label numbers by (province key, index key), for each quality of match.
        self._index: dict[Quality, dict[tuple[str | None, Hashable], list[int]]] = {
            quality: {} for quality in QUALITIES
        }
        for k, (entry, keys) in enumerate(self._label_keys):
            for quality, index in self._index.items():
                for key in _label_index_keys(quality, keys):
                    index.setdefault((self._pkey[entry.iri], key), []).append(k)
        self._non_agency = {expand(p) for p in NON_AGENCY_PHRASES}
        self._candidates_of: dict[tuple[str, str | None], list[Match]] = {}
        self._split_of: dict[tuple[str, str | None], list[str]] = {}

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Parse a gazetteer file (Turtle); default: the bundled gazetteer
        (:func:`cancu.resources.gazetteer_files`).

        >>> len(Gazetteer.load().entries) > 100
        True
        """
        paths = [path] if path else gazetteer_files()
        triples: list[ox.Triple] = []
        for file in paths:
            if not file.is_file():
                raise InputError("gazetteer file not found", source=str(file))
            triples += ox.parse(path=file, format=ox.RdfFormat.TURTLE)
        return cls(_entries_from_triples(triples, ", ".join(map(str, paths))))

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer, loaded once."""
        return _default_gazetteer()

    def entry(self, ref: str) -> Entry:
        """Return the entry with this IRI or slug; ``KeyError`` if there is none.

        >>> Gazetteer.default().entry("chinh-phu").pref_label_en
        'Government'
        """
        return self._by_iri[ref if ref.startswith("http") else str(AGENCY[ref])]

    # -- matching --------------------------------------------------------------------------

    def candidates(self, name: str, province: str | None = None) -> list[Match]:
        """Every entry ``name`` matches at the best quality reached, for reporting.

        With ``province``, only that province's entries and central ones are considered (local
        entries win over central ones of the same quality).

        >>> sorted(m.entry.slug for m in Gazetteer.default().candidates("UBND tỉnh"))[:2]
        ['ubnd-tinh-dak-lak', 'ubnd-tinh-dong-thap']
        """
        return _remembered(
            self._candidates_of, (name, province), lambda: self._candidates(name, province)
        )

    def _candidates(self, name: str, province: str | None) -> list[Match]:
        pkey = province_key(province) if province else None
        pool = [None, pkey] if pkey else [None, *self._provinces]
        qkeys = {p: _keys(name, p) for p in pool}
        for quality, index in self._index.items():
            hits = {
                k
                for p, q in qkeys.items()
                for key in _query_index_keys(quality, q)
                for k in index.get((p, key), ())
            }
            found: dict[str, Entry] = {}
            for k in sorted(hits):  # in label order, as a scan of the labels would find them
                entry = self._label_keys[k][0]
                found.setdefault(entry.iri, entry)
            if pkey and any(self._pkey[i] == pkey for i in found):
                found = {i: e for i, e in found.items() if self._pkey[i] == pkey}
            if found:
                return [Match(e, name, quality) for e in found.values()]
        return []

    def match(self, name: str, province: str | None = None) -> Match | None:
        """Resolve ``name`` to one entry, or ``None`` if unknown or ambiguous.

        >>> Gazetteer.default().match("Thị xã Hoà Thành", province="Tây Ninh").entry.slug
        'ubnd-thi-xa-hoa-thanh-tay-ninh'
        """
        found = self.candidates(name, province)
        return found[0] if len(found) == 1 else None

    def is_known(self, name: str, province: str | None = None, truncated: bool = False) -> bool:
        """Whether ``name`` is a label (or a non-agency phrase), possibly ambiguous.

        >>> Gazetteer.default().is_known("Doanh nghiệp")
        True
        """
        if expand(clean(name)) in self._non_agency:
            return True
        found = self.candidates(name, province)
        return bool(found) and (truncated or found[0].quality != "truncated")

    # -- splitting -------------------------------------------------------------------------

    def split(self, cell: str, province: str | None = None) -> list[str]:
        """Split a lead/coordinator cell into names (see :func:`split_names`).

        >>> Gazetteer.default().split("UBND xã, phường, đặc khu", province="Hồ Chí Minh")
        ['UBND xã, phường, đặc khu']
        """
        return _remembered(self._split_of, (cell, province), lambda: self._split(cell, province))

    def _split(self, cell: str, province: str | None) -> list[str]:
        names: list[str] = []
        for part in _strong_parts(cell):
            names.extend(self._split_part(part, province))
        return [n for n in (clean(n) for n in names) if n]

    def _split_part(self, part: str, province: str | None) -> list[str]:
        prefix = ""
        m = _DISTRIBUTIVE.match(part)
        if m:
            prefix, part = "Sở ", m.group(1)
        elif ":" in part:  # "group: example, example" – the examples are names too
            head, _, tail = part.partition(":")
            return self._split_part(head, province) + self._split_part(tail, province)
        pieces, seps = _weak_pieces(part)
        n = len(pieces)

        def render(i: int, j: int) -> str:
            out = pieces[i]
            for k in range(i, j):
                out += _SEP_TEXT[seps[k]] + pieces[k + 1]
            return out

        def known(i: int, j: int) -> str | None:
            text = render(i, j)
            for candidate in (text, prefix + text) if prefix else (text,):
                if self.is_known(candidate, province, truncated=j == n - 1):
                    return candidate
            return None

        def starts_known(i: int) -> bool:
            return any(known(i, j) for j in range(i, n))

        out: list[str] = []
        i = 0
        while i < n:
            for j in range(n - 1, i - 1, -1):
                name = known(i, j)
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
                out.append(prefix + render(i, j) if prefix else render(i, j))
                i = j + 1
        return out


_DISTRIBUTIVE = re.compile(r"^các\s+sở\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_WEAK = re.compile(r"(\s*,\s*|\s+và\s+|\s+-\s+|\s*\n\s*)")
_SEP_TEXT = {"comma": ", ", "and": " và ", "dash": " - ", "newline": " "}


def _sep_kind(sep: str) -> str:
    s = sep.strip()
    return {",": "comma", "và": "and", "-": "dash", "": "newline"}[s]


def _weak_pieces(part: str) -> tuple[list[str], list[str]]:
    """Split on commas, "và", " - " and line breaks, keeping the kind of each separator."""
    tokens = _WEAK.split(part.strip())
    pieces = [t.strip() for t in tokens[0::2]]
    seps = [_sep_kind(t) for t in tokens[1::2]]
    keep_p, keep_s = [pieces[0]], []
    for sep, piece in zip(seps, pieces[1:], strict=True):
        if piece:
            keep_p.append(piece)
            keep_s.append(sep)
    return keep_p, keep_s


def _strong_parts(cell: str) -> list[str]:
    """Split a cell on dash-led lines, ";" and sentence-final "."; other line breaks stay."""
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


def split_names(
    cell: str, gazetteer: Gazetteer | None = None, province: str | None = None
) -> list[str]:
    """Split a lead or coordinator cell into agency names, as written.

    Names are separated by ";", dash-led lines and "." between names; commas, "và", " - " and
    line breaks separate names only where the gazetteer says so: the longest run of pieces that
    is a known label wins ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh" stays whole); unknown text
    falls back to comma splitting. Elliptical "…, cấp xã" after "UBND cấp huyện" becomes
    "UBND cấp xã"; "Các sở: Tài chính, Tư pháp" gives "Sở Tài chính", "Sở Tư pháp". Uses the
    bundled gazetteer unless one is given.

    >>> split_names("- Báo Tây Ninh;\\n- Đài PTTH Tây Ninh;\\n- Các đơn vị có liên quan")
    ['Báo Tây Ninh', 'Đài PTTH Tây Ninh', 'Các đơn vị có liên quan']
    >>> split_names("Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu")
    ['Sở Khoa học và Công nghệ', 'các sở, ngành', 'UBND xã, phường, đặc khu']
    """
    return (gazetteer or Gazetteer.default()).split(cell, province)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


_TYPE = str(RDF.type)
_Object = ox.NamedNode | ox.BlankNode | ox.Literal


def _entries_from_triples(triples: Iterable[ox.Triple], source: str) -> list[Entry]:
    """Read the entries of a gazetteer's triples; raise :class:`InputError` on a malformed one."""
    about: defaultdict[ox.NamedNode | ox.BlankNode, defaultdict[str, list[_Object]]]
    about = defaultdict(lambda: defaultdict(list))
    for triple in triples:
        about[triple.subject][triple.predicate.value].append(triple.object)
    kinds = {ox.NamedNode(CANCU.Agency): "agency", ox.NamedNode(CANCU.AgencyGroup): "group"}
    entries = []
    for cls, kind in kinds.items():
        typed = (s for s, props in about.items() if cls in props[_TYPE])
        for s in sorted(typed, key=lambda s: s.value):
            if not isinstance(s, ox.NamedNode):
                raise InputError(f"agency without an IRI: {s}", source=source)
            props = about[s]
            pref = _lang(props[str(SKOS.prefLabel)], "vi")
            if not pref:
                raise InputError(f"{s.value}: no skos:prefLabel@vi", source=source)
            levels = tuple(sorted(o.value.rsplit("/", 1)[-1] for o in props[str(CANCU.level)]))
            parent = props[str(ORG.subOrganizationOf)]
            province = props[str(CANCU.province)]
            entries.append(
                Entry(
                    iri=s.value,
                    pref_label_vi=pref[0],
                    pref_label_en=(_lang(props[str(SKOS.prefLabel)], "en") or [None])[0],
                    kind=kind,  # type: ignore[arg-type]
                    province=province[0].value if province else None,
                    level=levels[0] if len(levels) == 1 else None,
                    parent=parent[0].value if parent else None,
                    members=tuple(sorted(o.value for o in props[str(CANCU.hasMember)])),
                    alt_labels=tuple(sorted(_lang(props[str(SKOS.altLabel)], "vi"))),
                    levels=levels,
                    notations=tuple(sorted(o.value for o in props[str(SKOS.notation)])),
                    valid_from=_date(props[str(SCHEMA.validFrom)]),
                    valid_through=_date(props[str(SCHEMA.validThrough)]),
                )
            )
    return entries


def _lang(objects: list[_Object], lang: str) -> list[str]:
    return [o.value for o in objects if isinstance(o, ox.Literal) and o.language == lang]


def _date(objects: list[_Object]) -> date | None:
    """The first of ``objects`` as a date (a datetime for an ``xsd:dateTime``), or None."""
    if not objects:
        return None
    value = objects[0]
    if isinstance(value, ox.Literal) and value.datatype.value == str(XSD.dateTime):
        return datetime.fromisoformat(value.value)
    return date.fromisoformat(value.value)

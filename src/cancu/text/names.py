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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import RDF, SKOS

from cancu.errors import InputError
from cancu.vocab import AGENCY, CANCU, ORG, SCHEMA

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "agencies.ttl"
"""The bundled gazetteer, ``data/agencies.ttl`` at the repository root."""

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
    t = re.sub(r"[\W_]+", " ", t)
    return " ".join(t.split())


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
    t = re.sub(r"^[-+•–—]\s*", "", t)
    previous = None
    while previous != t:
        previous = t
        t = re.sub(r"\s*\([^()]*\)$", "", t)
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
        self._non_agency = {expand(p) for p in NON_AGENCY_PHRASES}
        self._cache: dict[tuple[str, str | None], list[Match]] = {}

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Parse a gazetteer file (Turtle); default :data:`DEFAULT_PATH`.

        >>> len(Gazetteer.load().entries) > 100
        True
        """
        path = path or DEFAULT_PATH
        if not path.is_file():
            raise InputError("gazetteer file not found", source=str(path))
        graph = Graph().parse(path, format="turtle")
        return cls(_entries_from_graph(graph, str(path)))

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
        cached = self._cache.get((name, province))
        if cached is not None:
            return list(cached)
        found = self._candidates(name, province)
        if len(self._cache) < 10_000:
            self._cache[(name, province)] = found
        return list(found)

    def _candidates(self, name: str, province: str | None) -> list[Match]:
        pkey = province_key(province) if province else None
        pool = [None, pkey] if pkey else [None, *self._provinces]
        qkeys = {p: _keys(name, p) for p in pool}
        for quality in QUALITIES:
            found: dict[str, Entry] = {}
            for entry, lkeys in self._label_keys:
                p = self._pkey[entry.iri]
                if p not in qkeys or entry.iri in found:
                    continue
                if self._hit(quality, qkeys[p], lkeys):
                    found[entry.iri] = entry
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

    @staticmethod
    def _hit(quality: Quality, q: _Keys, label: _Keys) -> bool:
        if quality == "exact":
            return q.exact == label.exact
        if quality == "normalized":
            return bool(q.folded & label.folded)
        if quality == "abbreviation":
            return bool(q.expanded & label.expanded)
        n, words = len(q.words), label.words
        return 3 <= n < len(words) and n >= 0.6 * len(words) and words[:n] == q.words

    # -- splitting -------------------------------------------------------------------------

    def split(self, cell: str, province: str | None = None) -> list[str]:
        """Split a lead/coordinator cell into names (see :func:`split_names`).

        >>> Gazetteer.default().split("UBND xã, phường, đặc khu", province="Hồ Chí Minh")
        ['UBND xã, phường, đặc khu']
        """
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
        if re.match(r"^[-+•–—]\s*", line) or not items:
            items.append(re.sub(r"^[-+•–—]\s*", "", line))
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


def _entries_from_graph(graph: Graph, source: str) -> list[Entry]:
    """Read the entries of a gazetteer graph; raise :class:`InputError` on a malformed one."""
    kinds = {CANCU.Agency: "agency", CANCU.AgencyGroup: "group"}
    entries = []
    for cls, kind in kinds.items():
        for s in sorted(set(graph.subjects(RDF.type, cls))):
            if not isinstance(s, URIRef):
                raise InputError(f"agency without an IRI: {s!r}", source=source)
            pref = _lang(graph.objects(s, SKOS.prefLabel), "vi")
            if not pref:
                raise InputError(f"{s}: no skos:prefLabel@vi", source=source)
            levels = tuple(sorted(str(o).rsplit("/", 1)[-1] for o in graph.objects(s, CANCU.level)))
            parent = graph.value(s, ORG.subOrganizationOf)
            province = graph.value(s, CANCU.province)
            entries.append(
                Entry(
                    iri=str(s),
                    pref_label_vi=pref[0],
                    pref_label_en=(_lang(graph.objects(s, SKOS.prefLabel), "en") or [None])[0],
                    kind=kind,  # type: ignore[arg-type]
                    province=str(province) if province is not None else None,
                    level=levels[0] if len(levels) == 1 else None,
                    parent=str(parent) if parent is not None else None,
                    members=tuple(sorted(str(o) for o in graph.objects(s, CANCU.hasMember))),
                    alt_labels=tuple(sorted(_lang(graph.objects(s, SKOS.altLabel), "vi"))),
                    levels=levels,
                    notations=tuple(sorted(str(o) for o in graph.objects(s, SKOS.notation))),
                    valid_from=_date(graph.value(s, SCHEMA.validFrom)),
                    valid_through=_date(graph.value(s, SCHEMA.validThrough)),
                )
            )
    return entries


def _lang(objects: Iterable[object], lang: str) -> list[str]:
    return [str(o) for o in objects if isinstance(o, RDFLiteral) and o.language == lang]


def _date(value: object) -> date | None:
    if value is None:
        return None
    py = value.toPython() if isinstance(value, RDFLiteral) else value
    return py if isinstance(py, date) else date.fromisoformat(str(py))

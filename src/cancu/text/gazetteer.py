"""The agency gazetteer: entries of ``data/agencies*.ttl`` and the name matcher.

Two files make the gazetteer: ``data/agencies.ttl`` (curated: every spelling met in the texts,
exceptions) and ``data/agencies-generated.ttl`` (written by ``scripts/gen-gazetteer``: every
province, department, district and commune body of both periods, the central bodies). A name
is resolved in the context of a document (its province and date) and never invented: an
unknown or ambiguous name gives ``None`` from :meth:`Gazetteer.match`, and
:meth:`Gazetteer.candidates` lists what it could be.

Match qualities, from strict to loose: ``"exact"`` (:func:`~cancu.text.folding.clean` equal to
a label), ``"normalized"`` (:func:`~cancu.text.folding.fold`), ``"abbreviation"``
(:func:`~cancu.text.folding.expand`, both sides), ``"truncated"`` (a word prefix, at least 3
words and 60 % of the label, of exactly one entry). At the second and third step a trailing
province qualifier is ignored within the entry's province.

>>> gz = Gazetteer.default()
>>> m = gz.match("Đài PT và TH tỉnh", province="Tây Ninh")
>>> m.entry.slug, m.quality
('dai-phat-thanh-va-truyen-hinh-tay-ninh', 'exact')
>>> gz.match("Sở Tài chính") is None   # every province has one
True
>>> gz.match("Sở Kế hoạch và Đầu tư", province="Long An", on=date(2021, 3, 1)).entry.slug
'so-ke-hoach-va-dau-tu-long-an'
>>> gz.match("Sở Kế hoạch và Đầu tư", province="Long An", on=date(2025, 8, 1)) is None
True
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox
from rdflib.namespace import RDF, SKOS, XSD

from cancu.errors import InputError
from cancu.resources import commune_gazetteer_file, gazetteer_files
from cancu.text.agency_split import NON_AGENCY_PHRASES, is_comma_name, split_cell
from cancu.text.folding import clean, core, expand, fold, province_key
from cancu.vocab import AGENCY, CANCU, ORG, SCHEMA

CURATED_PATH, GENERATED_PATH = gazetteer_files()
"""Hand-curated entries (spellings met in the texts, exceptions, variants), and the entries
written by ``scripts/gen-gazetteer`` (do not edit by hand)."""
COMMUNES_PATH = commune_gazetteer_file()
"""Commune-level bodies of both periods, written by ``scripts/gen-gazetteer``: a second tier
that :meth:`Gazetteer.default` loads only when a name of a commune is not found otherwise."""
DEFAULT_PATHS: tuple[Path, ...] = (CURATED_PATH, GENERATED_PATH)
"""The bundled gazetteer's first tier (the commune tier is :data:`COMMUNES_PATH`)."""
ALL_PATHS: tuple[Path, ...] = (*DEFAULT_PATHS, COMMUNES_PATH)
"""Every gazetteer file, as loaded into the store."""

Quality = Literal["exact", "normalized", "abbreviation", "truncated"]
QUALITIES: tuple[Quality, ...] = ("exact", "normalized", "abbreviation", "truncated")
"""Match qualities, best first."""


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

    def valid_on(self, day: date | None) -> bool:
        """Whether the body existed on ``day`` (always, without a day or without dates).

        >>> e = Gazetteer.default().entry("bo-ke-hoach-va-dau-tu")
        >>> e.valid_on(date(2024, 1, 1)), e.valid_on(date(2025, 3, 1)), e.valid_on(None)
        (True, False, True)
        """
        if day is None:
            return True
        start = self.valid_from.date() if isinstance(self.valid_from, datetime) else self.valid_from
        end = (
            self.valid_through.date()
            if isinstance(self.valid_through, datetime)
            else self.valid_through
        )
        return (start is None or start <= day) and (end is None or day <= end)

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
    return _Keys(c, frozenset({f, core(f, pkey)}), frozenset({e, core(e, pkey)}), tuple(e.split()))


def _query_index_keys(quality: Quality, q: _Keys) -> Iterable[str]:
    """The keys a query is looked up by: its exact, folded or expanded keys, or its words."""
    if quality == "exact":
        return (q.exact,)
    if quality == "normalized":
        return q.folded
    if quality == "abbreviation":
        return q.expanded
    return (" ".join(q.words),)


def _label_index_keys(quality: Quality, label: _Keys) -> Iterable[str]:
    """The keys a label is found by: those of the queries that match it at ``quality``.

    A truncated name is the label's first words: at least 3, at least 60 % of them, not all.

    >>> list(_label_index_keys("truncated", _keys("Sở Tài chính tỉnh", None)))
    ['so tai chinh']
    """
    if quality != "truncated":
        return _query_index_keys(quality, label)
    n_words = len(label.words)
    return [" ".join(label.words[:n]) for n in range(3, n_words) if n >= 0.6 * n_words]


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
    """The agencies and agency groups of the gazetteer files, with a matcher and a splitter.

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
        self._prepare()
        # Label numbers by province key, then index key, for each quality of match.
        self._index: dict[Quality, dict[str | None, dict[str, list[int]]]] = {
            quality: defaultdict(dict) for quality in QUALITIES
        }
        self._label_entry: list[int] = []
        for n, entry in enumerate(self.entries):
            pkey = self._pkey[entry.iri]
            for label in entry.labels:
                keys = _keys(label, pkey)
                k = len(self._label_entry)
                self._label_entry.append(n)
                for quality, index in self._index.items():
                    for key in _label_index_keys(quality, keys):
                        index[pkey].setdefault(key, []).append(k)
        self._index = {q: dict(by_province) for q, by_province in self._index.items()}

    def _prepare(self) -> None:
        """The lookups derived from the entries (kept out of the cache file)."""
        self._by_iri = {e.iri: e for e in self.entries}
        self._pkey = {e.iri: province_key(e.province) if e.province else None for e in self.entries}
        self._provinces = sorted({k for k in self._pkey.values() if k})
        self._non_agency = {expand(p) for p in NON_AGENCY_PHRASES}
        self._by_notation: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for code in entry.notations:
                self._by_notation[code].append(entry)
        self._communes: Gazetteer | None = None
        self._communes_path: Path | None = None
        self._reset_memo()

    def with_communes(self, path: Path = COMMUNES_PATH) -> Gazetteer:
        """Consult the commune tier at ``path`` (loaded on first need) for names of communes,
        wards and special zones that this gazetteer does not know; return ``self``."""
        self._communes_path = path
        return self

    def _commune_tier(self) -> Gazetteer | None:
        if self._communes is None and self._communes_path is not None:
            self._communes = Gazetteer.load(self._communes_path)
        return self._communes

    def _reset_memo(self) -> None:
        self._candidates_of: dict[tuple[str, str | None, date | None], list[Match]] = {}
        self._known_of: dict[tuple[str, str | None], list[Match]] = {}
        self._split_of: dict[tuple[str, str | None], list[str]] = {}

    def __getstate__(self) -> tuple:
        entries = [
            (
                *(getattr(e, f) for f in _ENTRY_FIELDS[:-2]),
                _iso(e.valid_from),
                _iso(e.valid_through),
            )
            for e in self.entries
        ]
        return marshal.dumps((entries, self._index, self._label_entry))

    def __setstate__(self, state: bytes) -> None:
        entries, self._index, self._label_entry = marshal.loads(state)
        self.entries = [
            Entry(*fields, _from_iso(start), _from_iso(end)) for *fields, start, end in entries
        ]
        self._prepare()

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, paths: Path | Sequence[Path] | None = None, cache: bool = True) -> Gazetteer:
        """Parse gazetteer files (Turtle, merged); default :data:`DEFAULT_PATHS`.

        The compiled index is kept in a cache directory (``$CANCU_CACHE_DIR``, else
        ``$XDG_CACHE_HOME/cancu`` or ``~/.cache/cancu``) keyed by the hash of the files and of
        the matcher's code, so a later load reads it instead of parsing again.

        >>> len(Gazetteer.load().entries) > 2_000   # without the commune tier
        True
        """
        if paths is None:
            paths = DEFAULT_PATHS
        elif isinstance(paths, Path | str):
            paths = (Path(paths),)
        contents = []
        for path in paths:
            if not Path(path).is_file():
                raise InputError("gazetteer file not found", source=str(path))
            contents.append(Path(path).read_bytes())
        cached = _cache_file(contents) if cache else None
        if cached is not None and cached.is_file():
            try:
                with cached.open("rb") as f:
                    found = pickle.load(f)
                if isinstance(found, cls):
                    return found
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass  # a damaged or foreign cache file: compile again
        triples: list[ox.Triple] = []
        for path, content in zip(paths, contents, strict=True):
            try:
                triples += ox.parse(content, format=ox.RdfFormat.TURTLE, base_iri=None)
            except SyntaxError as exc:
                raise InputError(f"cannot read it as Turtle: {exc}", source=str(path)) from None
        gazetteer = cls(_entries_from_triples(triples, ", ".join(str(p) for p in paths)))
        if cached is not None:
            _write_cache(cached, gazetteer)
        return gazetteer

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer, loaded once."""
        return _default_gazetteer()

    def entry(self, ref: str) -> Entry:
        """Return the entry with this IRI or slug; ``KeyError`` if there is none.

        >>> Gazetteer.default().entry("chinh-phu").pref_label_en
        'Government'
        """
        iri = ref if ref.startswith("http") else str(AGENCY[ref])
        found = self._by_iri.get(iri)
        if found is None and (tier := self._commune_tier()) is not None:
            return tier.entry(iri)
        if found is None:
            raise KeyError(ref)
        return found

    def has(self, ref: str) -> bool:
        """Whether an entry has this IRI or slug.

        >>> Gazetteer.default().has("bo-xay-dung"), Gazetteer.default().has("bo-hang-khong")
        (True, False)
        """
        try:
            self.entry(ref)
        except KeyError:
            return False
        return True

    # -- matching --------------------------------------------------------------------------

    def candidates(
        self, name: str, province: str | None = None, on: date | None = None
    ) -> list[Match]:
        """Every entry ``name`` matches at the best quality reached, for reporting.

        With ``province``, only that province's entries and central ones are considered (local
        entries win over central ones of the same quality), unless the name ends with another
        province's name ("Sở Tài chính tỉnh Long An"). With ``on``, only bodies that existed
        on that day.

        >>> [m.entry.slug for m in Gazetteer.default().candidates("UBND tỉnh", "Nghệ An")]
        ['ubnd-tinh-nghe-an']
        """
        return _remembered(
            self._candidates_of,
            (name, province, on),
            lambda: self._candidates(name, province, on),
        )

    def _candidates(self, name: str, province: str | None, on: date | None) -> list[Match]:
        found = self._candidates_here(name, province, on)
        if not found and _COMMUNE_NAME.search(clean(name)) and (tier := self._commune_tier()):
            return tier.candidates(name, province, on)
        return found

    def _candidates_here(self, name: str, province: str | None, on: date | None) -> list[Match]:
        pkey = province_key(province) if province else None
        if pkey is None:
            return self._search(name, None, [None, *self._provinces], on)
        key = expand(clean(name))
        for other in self._provinces:
            if other != pkey and (key == other or key.endswith(" " + other)):
                found = self._search(name, other, [None, other], on)
                if any(self._pkey[m.entry.iri] == other for m in found):
                    return found
        return self._search(name, pkey, [None, pkey], on)

    def _search(
        self, name: str, pkey: str | None, pool: list[str | None], on: date | None
    ) -> list[Match]:
        qkeys = {p: _keys(name, p) for p in pool}
        for quality, index in self._index.items():
            hits = {
                k
                for p, q in qkeys.items()
                for key in _query_index_keys(quality, q)
                for k in index.get(p, {}).get(key, ())
            }
            found: dict[str, Entry] = {}
            for k in sorted(hits):  # in label order, as a scan of the labels would find them
                entry = self.entries[self._label_entry[k]]
                if entry.valid_on(on):
                    found.setdefault(entry.iri, entry)
            if pkey and any(self._pkey[i] == pkey for i in found):
                found = {i: e for i, e in found.items() if self._pkey[i] == pkey}
            if found:
                return [Match(e, name, quality) for e in found.values()]
        return []

    def match(self, name: str, province: str | None = None, on: date | None = None) -> Match | None:
        """Resolve ``name`` to one entry, or ``None`` if unknown or ambiguous.

        >>> Gazetteer.default().match("Thị xã Hoà Thành", province="Tây Ninh").entry.slug
        'ubnd-thi-xa-hoa-thanh-tay-ninh'
        """
        found = self.candidates(name, province, on)
        return found[0] if len(found) == 1 else None

    def by_notation(
        self, code: str, province: str | None = None, on: date | None = None
    ) -> list[Entry]:
        """The bodies whose issuer code (``skos:notation``) is ``code``: those of ``province``
        if it has any, else the central ones; only bodies that existed ``on`` that day.

        >>> gz = Gazetteer.default()
        >>> [e.slug for e in gz.by_notation("UBND", "Nghệ An")]
        ['ubnd-tinh-nghe-an']
        >>> [e.slug for e in gz.by_notation("BXD", "Nghệ An")]
        ['bo-xay-dung']
        >>> [e.slug for e in gz.by_notation("UBND", "Long An", on=date(2025, 8, 1))]
        []
        """
        found = [e for e in self._by_notation.get(code, ()) if e.valid_on(on)]
        pkey = province_key(province) if province else None
        local = [e for e in found if pkey and self._pkey[e.iri] == pkey]
        return local or [e for e in found if e.province is None]

    def is_known(self, name: str, province: str | None = None, truncated: bool = False) -> bool:
        """Whether ``name`` is a label (or a non-agency phrase), possibly ambiguous. The commune
        tier is not consulted: a commune's name holds no comma, so the splitter need not know it.

        >>> Gazetteer.default().is_known("Doanh nghiệp")
        True
        """
        if expand(clean(name)) in self._non_agency or is_comma_name(name):
            return True
        found = _remembered(
            self._known_of, (name, province), lambda: self._candidates_here(name, province, None)
        )
        return bool(found) and (truncated or found[0].quality != "truncated")

    def split(self, cell: str, province: str | None = None) -> list[str]:
        """Split a lead/coordinator cell into names (see :mod:`cancu.text.agency_split`).

        >>> Gazetteer.default().split("UBND xã, phường, đặc khu", province="Hồ Chí Minh")
        ['UBND xã, phường, đặc khu']
        >>> Gazetteer.default().split("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", "Nghệ An")
        ['Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế']
        """
        return _remembered(
            self._split_of,
            (cell, province),
            lambda: split_cell(cell, lambda n, at_end: self.is_known(n, province, at_end)),
        )


def split_names(
    cell: str, gazetteer: Gazetteer | None = None, province: str | None = None
) -> list[str]:
    """Split a lead or coordinator cell into agency names, as written (bundled gazetteer).

    >>> split_names("- Báo Tây Ninh;\\n- Đài PTTH Tây Ninh;\\n- Các đơn vị có liên quan")
    ['Báo Tây Ninh', 'Đài PTTH Tây Ninh', 'Các đơn vị có liên quan']
    >>> split_names("Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu")
    ['Sở Khoa học và Công nghệ', 'các sở, ngành', 'UBND xã, phường, đặc khu']
    """
    return (gazetteer or Gazetteer.default()).split(cell, province)


def _cache_file(contents: list[bytes]) -> Path | None:
    """Where the compiled index of these file contents is kept (None: no cache directory)."""
    base = os.environ.get("CANCU_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cancu"
    )
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for code in ("gazetteer.py", "folding.py", "agency_split.py"):
        digest.update((here / code).read_bytes())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return Path(base) / f"gazetteer-{digest.hexdigest()[:24]}.pickle"


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write the compiled gazetteer atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.load().with_communes()


_COMMUNE_NAME = re.compile(r"(?i:\b(?:xã|phường|thị trấn|đặc khu))\s+(?:[A-ZĐÀ-Ỹ0-9])")
"""A commune, ward, township or special zone named by its proper name ("xã An Bình",
"Phường 1"), not a collective ("các xã", "xã, phường")."""


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _from_iso(text: str | None) -> date | None:
    """A date, or a datetime for a text with a time.

    >>> _from_iso("2025-07-01"), _from_iso(None)
    (datetime.date(2025, 7, 1), None)
    """
    if text is None:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


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
                    members=tuple(sorted({o.value for o in props[str(CANCU.hasMember)]})),
                    alt_labels=tuple(sorted(set(_lang(props[str(SKOS.altLabel)], "vi")))),
                    levels=levels,
                    notations=tuple(sorted({o.value for o in props[str(SKOS.notation)]})),
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

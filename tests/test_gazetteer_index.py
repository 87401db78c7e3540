"""The gazetteer's label index finds what a scan of every label finds, in the same order.

:meth:`Gazetteer.candidates` looks names up in an index by key; :func:`scan` tries every
label of every entry in turn, the way the matcher was first written.
"""

from __future__ import annotations

from functools import cache

import pytest

from cancu.text.folding import clean, expand, province_key
from cancu.text.gazetteer import CURATED_PATH, QUALITIES, Entry, Gazetteer, Quality, _Keys, _keys

from .conftest import SOURCES


def hit(quality: Quality, q: _Keys, label: _Keys) -> bool:
    if quality == "exact":
        return q.exact == label.exact
    if quality == "normalized":
        return bool(q.folded & label.folded)
    if quality == "abbreviation":
        return bool(q.expanded & label.expanded)
    n, words = len(q.words), label.words
    return 3 <= n < len(words) and n >= 0.6 * len(words) and words[:n] == q.words


def scan(gz: Gazetteer, name: str, province: str | None) -> list[tuple[str, Quality]]:
    pkey = province_key(province) if province else None
    provinces = {p for _, p, _ in labelled(gz) if p}
    if pkey:  # a name that ends with another province's name is looked up there first
        key = expand(clean(name))
        for other in sorted(provinces - {pkey}):
            if key == other or key.endswith(" " + other):
                found = scan_in(gz, name, other)
                if any(province_key(gz.entry(i).province or "") == other for i, _ in found):
                    return found
    return scan_in(gz, name, pkey)


def scan_in(gz: Gazetteer, name: str, pkey: str | None) -> list[tuple[str, Quality]]:
    pool = {None, pkey} if pkey else {None, *(p for _, p, _ in labelled(gz))}
    queries = {p: _keys(name, p) for p in pool}
    for quality in QUALITIES:
        found: dict[str, tuple[Entry, str | None]] = {}
        for entry, p, labels in labelled(gz):
            if p in pool and any(hit(quality, queries[p], label) for label in labels):
                found.setdefault(entry.iri, (entry, p))
        if pkey and any(p == pkey for _, p in found.values()):
            found = {i: (e, p) for i, (e, p) in found.items() if p == pkey}
        if found:
            return [(e.iri, quality) for e, _ in found.values()]
    return []


@cache
def labelled(gz: Gazetteer) -> list[tuple[Entry, str | None, list[_Keys]]]:
    """Each entry with its province key and the keys of its labels."""
    out = []
    for entry in gz.entries:
        p = province_key(entry.province) if entry.province else None
        out.append((entry, p, [_keys(label, p) for label in entry.labels]))
    return out


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The curated file alone: a scan of the whole gazetteer would take minutes."""
    return Gazetteer.load(CURATED_PATH, cache=False)


def names_to_try(gz: Gazetteer) -> list[str]:
    """Labels, their first words (truncated names), and lead cells of the sources."""
    names = {label for e in gz.entries for label in e.labels}
    names |= {" ".join(label.split()[:n]) for label in list(names) for n in (3, 4, 5)}
    for path in sorted(SOURCES.glob("*.txt"))[:2]:
        lines = path.read_text(encoding="utf-8").splitlines()
        names |= {line.strip(" -;.") for line in lines if line.startswith(("Sở ", "UBND", "Các "))}
    return sorted(n for n in names if n)


@pytest.mark.parametrize("province", [None, "Tây Ninh", "Hồ Chí Minh"])
def test_indexed_candidates_are_the_scanned_ones(gz: Gazetteer, province: str | None) -> None:
    names = names_to_try(gz)
    assert len(names) > 300, "the names to try were not found"
    for name in names:
        found = [(m.entry.iri, m.quality) for m in gz.candidates(name, province)]
        assert found == scan(gz, name, province), name

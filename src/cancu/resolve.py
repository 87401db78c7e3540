"""The names people type (a document number, an agency or area name, with or without
diacritics) → the IRIs they stand for: one resolver for the CLI, the saved-query parameters,
the graph views and validation. A name that matches nothing is a :class:`NoMatchError`
naming the closest known names; one that matches several where one is needed, an
:class:`AmbiguousNameError`.

>>> candidates = {"urn:a": ["Cải cách thể chế"], "urn:b": ["Một cửa"]}
>>> pick("area", "the che", candidates)
'urn:a'
>>> pick("area", "mot cua lien thong", candidates)
Traceback (most recent call last):
cancu.resolve.NoMatchError: no area matches 'mot cua lien thong'; nothing close among 2, such as Cải cách thể chế; Một cửa
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from difflib import get_close_matches

from cancu.errors import CancuError, UsageError
from cancu.parse.numbers import parse_number
from cancu.text.names import Gazetteer, fold


class NoMatchError(UsageError):
    """A name that matches nothing known (the message names the closest ones)."""


class AmbiguousNameError(UsageError):
    """A name that matches several things where one is needed."""


def closest(value: str, known: Iterable[str], n: int = 5) -> list[str]:
    """The known strings nearest ``value``, compared folded (no case, no diacritics).

    >>> closest("2819/QD-UBND", ["2818/QĐ-UBND", "552/KH-UBND", "134/KH-UBND"])
    ['2818/QĐ-UBND']
    """
    by_key: dict[str, str] = {}
    for text in sorted(known):
        by_key.setdefault(fold(text), text)
    return [by_key[k] for k in get_close_matches(fold(value), list(by_key), n=n, cutoff=0.75)]


def no_match(
    kind: str,
    value: str,
    known: Iterable[str],
    where: str = "",
    error: type[NoMatchError] = NoMatchError,
) -> NoMatchError:
    """The error (``error``, a :class:`NoMatchError`) for ``value`` matching no ``kind``, with
    the closest known names."""
    known = sorted(set(known))
    near = closest(value, known)
    if near:
        hint = f"closest: {'; '.join(near)}"
    elif known:
        hint = f"nothing close among {len(known)}, such as {'; '.join(known[:5])}"
    else:
        hint = "none is known (run 'cancu build')"
    return error(f"no {kind} matches '{value}'{where}; {hint}")


def number_key(text: str) -> str:
    """A document or instrument number as compared: normalised when it parses, else without
    spaces or case.

    >>> number_key("2818 / qđ-ubnd") == number_key("2818/QĐ-UBND")
    True
    """
    try:
        return parse_number(text).normalized.casefold()
    except CancuError:
        return re.sub(r"\s+", "", text).casefold()


def matching(name: str, candidates: Mapping[str, Sequence[str]]) -> list[str]:
    """The IRIs (sorted) that are ``name`` or one of whose labels equals it folded; document
    numbers compare by :func:`number_key` too."""
    if name in candidates:
        return [name]
    key, number = fold(name), number_key(name)
    return sorted(
        iri
        for iri, labels in candidates.items()
        if any(fold(lb) == key or number_key(lb) == number for lb in labels)
    )


def pick(kind: str, name: str, candidates: Mapping[str, Sequence[str]]) -> str:
    """The one IRI ``name`` stands for among ``candidates`` (IRI → labels): an exact match
    (:func:`matching`), else the one label containing it."""
    found = matching(name, candidates)
    if not found:
        key = fold(name)
        found = sorted(
            i for i, labels in candidates.items() if any(key in fold(lb) for lb in labels)
        )
    if len(found) == 1:
        return found[0]
    if found:
        shown = "; ".join(f"{candidates[i][0]} <{i}>" for i in found[:8])
        raise AmbiguousNameError(f"'{name}' matches several: {shown}")
    raise no_match(kind, name, (labels[0] for labels in candidates.values() if labels))


def gazetteer_agencies(name: str) -> set[str]:
    """The gazetteer agencies ``name`` may stand for (best match quality reached).

    >>> sorted(gazetteer_agencies("bao tay ninh"))
    ['https://w3id.org/cancu/agency/bao-tay-ninh']
    """
    return {m.entry.iri for m in Gazetteer.default().candidates(name)}


def gazetteer_labels() -> set[str]:
    """The preferred labels of the gazetteer's agencies (to name the closest ones)."""
    return {entry.pref_label_vi for entry in Gazetteer.default().entries}

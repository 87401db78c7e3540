"""Legal bases: the extracted ``doc.bases`` against the instruments typed from the text.

An instrument is its number (folded by :func:`~.fold.fold_number`) when it has one, else its
name (folded) and date. A reference with a number matches an extracted instrument with the same
number; a reference with a name matches an extracted instrument whose name is equal or a word
prefix of it (or the other way round) and, when the reference has a date, the same date. Both
sides are counted once per instrument (a law cited twice is one basis); matching is one to one.

>>> ref = [Cited.of_reference({"number": "81/2018/NĐ-CP"}),
...        Cited.of_reference({"name": "Luật Thương mại", "date": "2005-06-14"})]
>>> got = [Cited("81/2018/ND-CP", None, None, "81/2018/NĐ-CP"), Cited(None, "luat thuong mai", None, "Luật Thương mại")]
>>> prf(*match(ref, got))
(0.5, 0.5, 0.5)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cancu.extract.records import Citation

from .fold import fold, fold_number, names_match
from .reference import parse_date


@dataclass(frozen=True)
class Cited:
    """One cited instrument, folded for comparison, with a label to show."""

    number: str | None
    name: str | None
    date: dt.date | None
    label: str

    @classmethod
    def of_reference(cls, row: dict) -> Cited:
        number = row.get("number")
        name = row.get("name")
        label = number or f"{name} ({row.get('date') or 'no date'})"
        return cls(
            fold_number(number) if number else None,
            fold(name) if name else None,
            parse_date(row.get("date")),
            label,
        )

    @classmethod
    def of_citation(cls, citation: Citation) -> Cited:
        inst = citation.instrument
        number = inst.number.normalized if inst.number is not None else None
        label = number or f"{inst.name or citation.as_written} ({inst.date or 'no date'})"
        return cls(
            fold_number(number) if number else None,
            fold(inst.name) if inst.name else None,
            inst.date,
            label,
        )

    @property
    def key(self) -> tuple:
        return ("n", self.number) if self.number else ("t", self.name, self.date)


def unique(items: list[Cited]) -> list[Cited]:
    """The instruments once each, in their first order."""
    return list({c.key: c for c in reversed(items)}.values())[::-1]


def same(ref: Cited, got: Cited) -> bool:
    if ref.number:
        return got.number == ref.number
    if not ref.name or not got.name or not names_match(ref.name, got.name):
        return False
    return ref.date is None or ref.date == got.date


def match(ref: list[Cited], got: list[Cited]) -> tuple[list[Cited], list[Cited], list[Cited]]:
    """(matched references, references not found, extracted instruments not in the reference)."""
    ref, got = unique(ref), unique(got)
    free = list(got)
    found, missed = [], []
    for r in ref:
        hit = next((g for g in free if same(r, g)), None)
        if hit is None:
            missed.append(r)
        else:
            free.remove(hit)
            found.append(r)
    return found, missed, free


def prf(found: list, missed: list, extra: list) -> tuple[float, float, float]:
    """Precision, recall and F1 from the three lists of :func:`match` (1.0 when both are empty).

    >>> prf([], [], [])
    (1.0, 1.0, 1.0)
    >>> prf([1, 2], [3], [4, 5, 6])
    (0.4, 0.667, 0.5)
    """
    tp, fn, fp = len(found), len(missed), len(extra)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)

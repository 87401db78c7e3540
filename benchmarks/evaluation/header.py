"""Header fields of one document against its reference: right, wrong, missing or unscored.

>>> from types import SimpleNamespace as NS
>>> verdict_number(NS(number=NS(normalized="471/QĐ-UBND")), "471/qđ-ubnd")
('right', '471/QĐ-UBND')
>>> verdict_type(NS(type_code=None), "Công văn")
('missing', None)
"""

from __future__ import annotations

from collections.abc import Callable

from cancu.extract.records import Document

from .fold import fold_code, fold_number, fold_person, issuer_matches, type_code
from .reference import HEADER_FIELDS, UNKNOWN, Reference

Verdict = tuple[str, object]
"""(``right`` | ``wrong`` | ``missing`` | ``unscored``, what the extractor gave)."""


def _compare(got: object, expected: object, equal: Callable[[object, object], bool]) -> Verdict:
    if expected is None:  # the document has none: right when nothing was read
        return ("right" if got is None else "wrong"), got
    if got is None:
        return "missing", None
    return ("right" if equal(got, expected) else "wrong"), got


def verdict_number(doc: Document, expected: object) -> Verdict:
    got = doc.number.normalized if doc.number is not None else None
    return _compare(got, expected, lambda g, e: fold_number(str(g)) == fold_number(str(e)))


def verdict_date(doc: Document, expected: object) -> Verdict:
    return _compare(doc.date, expected, lambda g, e: g == e)


def verdict_type(doc: Document, expected: object) -> Verdict:
    """The extracted type code against the code of the reference's type name.

    A type name the table of :data:`~.fold.TYPE_CODES` does not know is compared as a code.
    """
    code = type_code(str(expected)) if expected is not None else None
    wanted = code or expected
    return _compare(doc.type_code, wanted, lambda g, e: fold_code(str(g)) == fold_code(str(e)))


def _issuer_candidates(doc: Document) -> list[str]:
    out = []
    if doc.issuer is not None:
        out += [doc.issuer.label or "", doc.issuer.as_written or ""]
    out.append(doc.issuer_text or "")
    return [c for c in out if c.strip()]


def verdict_issuer(doc: Document, expected: object) -> Verdict:
    candidates = _issuer_candidates(doc)
    got = candidates[0] if candidates else None
    if expected is None or got is None:
        return _compare(got, expected, lambda g, e: False)
    right = any(issuer_matches(str(expected), c) for c in candidates)
    return ("right" if right else "wrong"), " | ".join(dict.fromkeys(candidates))


def verdict_signer(doc: Document, expected: object) -> Verdict:
    got = doc.signature.signer if doc.signature is not None else None
    return _compare(got, expected, lambda g, e: fold_person(str(g)) == fold_person(str(e)))


VERDICTS: dict[str, Callable[[Document, object], Verdict]] = {
    "number": verdict_number,
    "date": verdict_date,
    "type": verdict_type,
    "issuer": verdict_issuer,
    "signer": verdict_signer,
}


def score_header(doc: Document | None, ref: Reference) -> dict[str, dict]:
    """Per field: expected, got and verdict. A document that failed misses every known field."""
    out = {}
    for name in HEADER_FIELDS:
        expected = ref.expected(name)
        if expected is UNKNOWN:
            verdict, got = "unscored", None
        elif doc is None:
            verdict, got = "missing", None
        else:
            verdict, got = VERDICTS[name](doc, expected)
        out[name] = {"expected": _plain(expected), "got": _plain(got), "verdict": verdict}
    return out


def _plain(value: object) -> object:
    if value is UNKNOWN:
        return None
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)

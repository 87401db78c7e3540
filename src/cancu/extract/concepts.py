"""Look up codes of the project's SKOS schemes (``ontology/schemes.ttl``) by label or notation.

The extractor reads the schemes as data, the way it reads the gazetteer: to
tell which reform area an appendix heading opens, or which document type an
abbreviation stands for.

>>> document_type("NĐ"), document_type("QĐ"), document_type("LUAT")
('nghi-dinh', 'quyet-dinh', 'luat')
>>> reform_area("II. CẢI CÁCH THỂ CHẾ")
'the-che'
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import SKOS

from cancu.resources import schemes_file
from cancu.text.names import fold
from cancu.vocab import SCHEME

_EXTRA_TYPES = {"LUAT": "luat", "CV": "cong-van"}
_AREA_NUMBER = re.compile(r"^[IVXL]+\s*[.)]?\s*")
_PROPERTIES = (SKOS.notation, SKOS.prefLabel, SKOS.altLabel)
"""What a heading or an abbreviation is matched against, in this order."""


@lru_cache(maxsize=1)
def _schemes() -> dict[str, list[tuple[str, str]]]:
    """(concept, value) pairs of the schemes' notations and labels, by property IRI."""
    pairs: dict[str, list[tuple[str, str]]] = {str(p): [] for p in _PROPERTIES}
    for triple in ox.parse(path=schemes_file(), format=ox.RdfFormat.TURTLE):
        found = pairs.get(triple.predicate.value)
        if found is not None:
            found.append((triple.subject.value, triple.object.value))
    return pairs


def _code(concept: str, scheme: str) -> str | None:
    prefix = f"{SCHEME}{scheme}/"
    return concept[len(prefix) :] if concept.startswith(prefix) else None


@lru_cache(maxsize=8)
def _labels(scheme: str) -> dict[str, str]:
    """Folded label or notation → code, for one scheme."""
    out: dict[str, str] = {}
    for prop in _PROPERTIES:
        for concept, label in _schemes()[str(prop)]:
            code = _code(concept, scheme)
            if code is not None:
                out.setdefault(fold(label), code)
    return out


@lru_cache(maxsize=8)
def _notations(scheme: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for concept, label in _schemes()[str(SKOS.notation)]:
        code = _code(concept, scheme)
        if code is not None:
            out[label] = code
    return out


def document_type(type_code: str | None) -> str | None:
    """The document-type code for an abbreviation as used in numbers (``NĐ``, ``QĐ`` …)."""
    if not type_code:
        return None
    return _EXTRA_TYPES.get(type_code) or _notations("document-type").get(type_code)


def reform_area(heading: str) -> str | None:
    """The reform-area code of an appendix area heading, or None when it is not one of them."""
    text = _AREA_NUMBER.sub("", heading.strip())
    return _labels("reform-area").get(fold(text))

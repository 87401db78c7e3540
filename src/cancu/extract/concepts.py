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

from rdflib import Graph
from rdflib.namespace import SKOS

from cancu.rdf.ontology import schemes_path
from cancu.text.names import fold
from cancu.vocab import SCHEME

_EXTRA_TYPES = {"LUAT": "luat", "CV": "cong-van"}


@lru_cache(maxsize=1)
def _schemes() -> Graph:
    graph = Graph()
    graph.parse(schemes_path(), format="turtle")
    return graph


def _code(concept: str, scheme: str) -> str | None:
    prefix = f"{SCHEME}{scheme}/"
    return concept[len(prefix) :] if concept.startswith(prefix) else None


@lru_cache(maxsize=8)
def _labels(scheme: str) -> dict[str, str]:
    """Folded label or notation → code, for one scheme."""
    graph = _schemes()
    out: dict[str, str] = {}
    for prop in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel):
        for concept, label in graph.subject_objects(prop):
            code = _code(str(concept), scheme)
            if code is not None:
                out.setdefault(fold(str(label)), code)
    return out


@lru_cache(maxsize=8)
def _notations(scheme: str) -> dict[str, str]:
    graph = _schemes()
    out: dict[str, str] = {}
    for concept, label in graph.subject_objects(SKOS.notation):
        code = _code(str(concept), scheme)
        if code is not None:
            out[str(label)] = code
    return out


def document_type(type_code: str | None) -> str | None:
    """The document-type code for an abbreviation as used in numbers (``NĐ``, ``QĐ`` …)."""
    if not type_code:
        return None
    return _EXTRA_TYPES.get(type_code) or _notations("document-type").get(type_code)


def reform_area(heading: str) -> str | None:
    """The reform-area code of an appendix area heading, or None when it is not one of them."""
    text = re.sub(r"^[IVXL]+\s*[.)]?\s*", "", heading.strip())
    return _labels("reform-area").get(fold(text))

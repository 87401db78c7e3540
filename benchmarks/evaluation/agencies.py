"""Agency mentions (issue 14): unresolved names, unresolved issuers, bodies of other provinces.

Mentions are the agents of task cells (leads, coordinators) and duty cells (assignees); the
agents named in articles, recipients and the proposer are counted apart ("all mentions"). A
mention is unresolved when its ``AgentRef.iri`` is None.

A mention (of either kind) names a body of another province when the gazetteer gives the body a
province (``cancu:province`` on the agency, read from the gazetteer graph the pipeline loads)
other than the document's, and the name as written does not itself name that province. The
document's province is the one of the reference issuer ("Tỉnh Nghệ An", "Sở … Thành phố Hồ Chí
Minh"); a reference issuer without one is a central body, for which every provincial body is
another province's; without a reference, the extracted ``doc.province`` is used.

>>> foreign("Sở Tài chính", "tay ninh", "nghe an"), foreign("UBND tỉnh Tây Ninh", "tay ninh", "nghe an")
(True, False)
>>> foreign("Cục Hải quan", "tay ninh", CENTRAL), foreign("Sở Tư pháp", "tay ninh", None)
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from cancu.extract.records import AgentRef, Document
from cancu.pipeline import AGENCIES_GRAPH, vocabulary_ntriples

from .fold import fold

_PROVINCE_PREDICATE = re.compile(r"[#/]province$")
_LOCAL_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp)\s+")
_LOCAL_LABEL = re.compile(r"\b(?:tinh|thanh pho)\s+(.+)$")
CENTRAL = "(central)"
"""The province of a document issued by a central body."""


def province_key(name: str | None) -> str | None:
    """A province folded, without "tỉnh"/"thành phố" in front; None for None.

    >>> province_key("Thành phố Hồ Chí Minh"), province_key("tây-ninh")
    ('ho chi minh', 'tay ninh')
    """
    if not name:
        return None
    return _LOCAL_PREFIX.sub("", fold(name)) or None


@lru_cache(maxsize=1)
def agency_provinces() -> dict[str, str]:
    """Agency IRI → province key, for every gazetteer entry that has a province."""
    text = vocabulary_ntriples()[AGENCIES_GRAPH]
    out = {}
    for triple in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        if not _PROVINCE_PREDICATE.search(triple.predicate.value):
            continue
        obj = triple.object
        value = (
            obj.value if isinstance(obj, ox.Literal) else obj.value.rstrip("/").rsplit("/", 1)[-1]
        )
        key = province_key(value)
        if key:
            out[triple.subject.value] = key
    return out


def document_province(doc: Document, reference_issuer: object) -> str | None:
    """The document's province key, :data:`CENTRAL`, or None when unknown.

    >>> document_province(None, "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"), document_province(None, "Bộ Tài chính")
    ('ho chi minh', '(central)')
    """
    if isinstance(reference_issuer, str) and reference_issuer.strip():
        local = _LOCAL_LABEL.search(fold(reference_issuer))
        return local.group(1) if local else CENTRAL
    return province_key(doc.province) if doc is not None else None


def foreign(as_written: str, agency_province: str | None, doc_province: str | None) -> bool:
    """Whether a resolved name points to another province's body the text does not name."""
    if not agency_province or not doc_province or agency_province == doc_province:
        return False
    return agency_province not in fold(as_written)


def mentions(doc: Document) -> list[AgentRef]:
    """The agents of task and duty cells."""
    out: list[AgentRef] = []
    for task in doc.tasks:
        out += task.leads + task.coordinators
    for duty in doc.duties:
        out += duty.assignees
    return out


def other_mentions(doc: Document) -> list[AgentRef]:
    """The agents named elsewhere: articles, recipients, the proposer."""
    out = [p.agent for article in doc.articles for p in article.participations]
    out += doc.recipients
    if doc.proposer is not None:
        out.append(doc.proposer)
    return out


def score_agencies(doc: Document | None, reference_issuer: object = None) -> dict | None:
    """Mentions, unresolved names, the issuer and names of other provinces of one document."""
    if doc is None:
        return None
    provinces = agency_provinces()
    doc_province = document_province(doc, reference_issuer)
    found = mentions(doc)
    unresolved = [a.as_written for a in found if a.iri is None]
    issuer_resolved = doc.issuer is not None and doc.issuer.iri is not None
    everywhere = found + other_mentions(doc)
    other = [
        f"{a.as_written} → {a.iri}"
        for a in everywhere
        if a.iri is not None and foreign(a.as_written, provinces.get(a.iri), doc_province)
    ]
    return {
        "mentions": len(found),
        "unresolved": len(unresolved),
        "all_mentions": len(everywhere),
        "all_unresolved": sum(1 for a in everywhere if a.iri is None),
        "unresolved_names": sorted(set(unresolved)),
        "other_province": other,
        "issuer_resolved": issuer_resolved,
        "province": doc_province,
    }

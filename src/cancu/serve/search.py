"""Find agencies, instruments, documents and tasks as a person types, with or without
diacritics: labels are read once at start and matched in Python on their folded form.

>>> idx = SearchIndex([("urn:a", "agency", "Sở Tài chính Tây Ninh", "Department of Finance"),
...                    ("urn:t", "task", "Rà soát thủ tục tài chính", "")])
>>> [h["iri"] for h in idx.find("so tai chinh tay")]
['urn:a']
>>> [h["kind"] for h in idx.find("TÀI CHÍNH")]
['agency', 'task']
>>> idx.find("  ")
[]
>>> idx = SearchIndex([("urn:b", "agency", "Sở A", "", "false"), ("urn:c", "agency", "Sở B", "", "true")])
>>> [h["iri"] for h in idx.find("so")]
['urn:c', 'urn:b']
"""

from __future__ import annotations

from dataclasses import dataclass

from cancu.serve.web import page_link
from cancu.text.names import fold

LABELS = """SELECT DISTINCT ?x ?kind ?label ?en ?named WHERE {
  # The typed nodes first, in a sub-SELECT, then their labels: written as one group, Oxigraph
  # evaluated the OPTIONALs before the type pattern (169 s instead of 3 s at 1,000 documents).
  { SELECT DISTINCT ?x ?kind WHERE {
      VALUES (?t ?kind) { (cancu:Agency "agency") (cancu:AgencyGroup "agency")
        (cancu:UnresolvedAgent "agency") (cancu:SourceDocument "document")
        (cancu:LegalInstrument "instrument") (cancu:Task "task") (cancu:Duty "duty") }
      ?x a ?t
      # The gazetteer's 13,000 commune People's Committees only when a document names one.
      FILTER (?t != cancu:Agency || NOT EXISTS { ?x cancu:level <https://w3id.org/cancu/scheme/level/xa> }
              || EXISTS { ?p cv:hasParticipant ?x }) } }
  OPTIONAL { ?x skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?x rdfs:label ?rl } OPTIONAL { ?x eli:title ?title }
  BIND(COALESCE(?vi, ?rl, ?title) AS ?label) FILTER(BOUND(?label))
  BIND(?kind != "agency" || EXISTS { ?p cv:hasParticipant ?x } AS ?named)
}"""
"""Every searchable resource with its Vietnamese (and English) label, and whether a document
names it (an agency of the gazetteer no document names comes after those that are)."""
RANK = {"agency": 0, "document": 1, "instrument": 2, "task": 3, "duty": 4}


@dataclass(frozen=True)
class Entry:
    """One searchable resource."""

    iri: str
    kind: str
    label: str
    label_en: str
    key: str
    named: bool = True


class SearchIndex:
    """Folded labels in memory (a few thousand entries), searched by substring."""

    def __init__(self, rows: list[tuple[str, ...]]):
        """``rows``: (iri, kind, label, English label[, "true"/"false": named by a document])."""
        seen: dict[str, Entry] = {}
        for iri, kind, label, en, *named in rows:
            if iri in seen and RANK[seen[iri].kind] <= RANK.get(kind, 9):
                continue
            used = not named or named[0] in ("true", "1")
            seen[iri] = Entry(iri, kind, label, en, fold(f"{label} {en}"), used)
        self.entries = sorted(
            seen.values(), key=lambda e: (RANK.get(e.kind, 9), not e.named, e.label)
        )

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, query: str, limit: int = 20) -> list[dict[str, str]]:
        """The entries whose folded label contains every folded word of ``query``."""
        words = fold(query).split()
        if not words:
            return []
        hits = []
        for e in self.entries:
            if all(w in e.key for w in words):
                hits.append(
                    {
                        "iri": e.iri,
                        "kind": e.kind,
                        "label": e.label,
                        "label_en": e.label_en,
                        "page": page_link(e.iri),
                    }
                )
                if len(hits) >= limit:
                    break
        return hits

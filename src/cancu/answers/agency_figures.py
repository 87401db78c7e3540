"""How well the agency names of extracted documents resolve: the figures of issue 14.

Over the leads and coordinators of the task rows and the holders of the plan's duties: the
share of mentions left unresolved (and of those, the ambiguous ones), the mentions resolved to
a body of another province than the document's although the name does not say that province,
and the documents whose issuer resolved.

>>> from cancu.extract.records import AgentRef
>>> f = AgencyFigures()
>>> f.add_mentions("Nghệ An", [AgentRef("Sở Y tế", 1, 1, iri="x", kind="agency")], {"x": "Nghệ An"})
>>> f.add_mentions("Nghệ An", [AgentRef("Sở Ngoại vụ", 2, 2)], {})
>>> f.mentions, f.unresolved, f.unresolved_share
(2, 1, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cancu.extract.records import AgentRef, Document
from cancu.text.folding import expand, province_key
from cancu.text.gazetteer import Gazetteer


@dataclass
class AgencyFigures:
    """Counts over documents; :meth:`add` one document at a time."""

    documents: int = 0
    issuer_resolved: int = 0
    mentions: int = 0
    unresolved: int = 0
    ambiguous: int = 0
    other_province: int = 0
    unresolved_names: dict[str, int] = field(default_factory=dict)
    other_province_names: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unresolved_share(self) -> float:
        return self.unresolved / self.mentions if self.mentions else 0.0

    def add(self, doc: Document, gazetteer: Gazetteer) -> None:
        """Count one document."""
        self.documents += 1
        self.issuer_resolved += bool(doc.issuer and doc.issuer.iri)
        refs = [r for t in doc.tasks for r in (*t.leads, *t.coordinators)]
        refs += [r for d in doc.duties for r in d.assignees]
        provinces = {}
        for ref in refs:
            if ref.iri and gazetteer.has(ref.iri):
                provinces[ref.iri] = gazetteer.entry(ref.iri).province
        self.add_mentions(doc.province, refs, provinces)

    def add_mentions(
        self, province: str | None, refs: Iterable[AgentRef], provinces: Mapping[str, str | None]
    ) -> None:
        """Count mentions of a document of ``province``; ``provinces``: each IRI's province."""
        own = province_key(province) if province else None
        for ref in refs:
            self.mentions += 1
            if not ref.iri:
                self.unresolved += 1
                self.ambiguous += bool(ref.candidates)
                self.unresolved_names[ref.as_written] = (
                    self.unresolved_names.get(ref.as_written, 0) + 1
                )
                continue
            theirs = province_key(provinces.get(ref.iri) or "")
            named = theirs in expand(ref.as_written)  # the text names that province
            if own and theirs and theirs != own and not named:
                self.other_province += 1
                self.other_province_names.append((ref.as_written, ref.iri))

    def lines(self) -> list[str]:
        """The figures as text.

        >>> AgencyFigures(documents=2, issuer_resolved=1, mentions=4, unresolved=1).lines()[1]
        'agency mentions in task and duty cells: 4, unresolved 1 (25.0 %), ambiguous 0'
        """
        top = sorted(self.unresolved_names.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        return [
            f"documents: {self.documents}, issuer resolved: {self.issuer_resolved}",
            f"agency mentions in task and duty cells: {self.mentions}, unresolved "
            f"{self.unresolved} ({100 * self.unresolved_share:.1f} %), ambiguous {self.ambiguous}",
            f"resolved to another province than the document's (not named): {self.other_province}",
            *(f"  unresolved {n}× {name!r}" for name, n in top),
        ]

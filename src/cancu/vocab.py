"""Namespaces and IRI bases shared by the mapping, shapes and queries.

Every term of the ``cancu:`` namespace used in code must be declared in
``ontology/cancu.ttl``; a test checks that.

>>> str(CANCU.Task)
'https://w3id.org/cancu/ontology#Task'
>>> str(SCHEME["role/lead"])
'https://w3id.org/cancu/scheme/role/lead'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/cancu/"

CANCU = Namespace(BASE + "ontology#")
"""The project's own ontology terms."""
SCHEME = Namespace(BASE + "scheme/")
"""SKOS concept schemes and their concepts: ``scheme/{scheme}/{code}``."""
AGENCY = Namespace(BASE + "agency/")
"""Agencies and agency groups of the gazetteer: ``agency/{slug}``."""
ELI_ID = Namespace(BASE + "eli/")
"""Documents and instruments, ELI-style: ``eli/vn/{issuer}/{type}/{year}/{number}``."""
SOURCE = Namespace(BASE + "source/")
"""Source text files: ``source/{sha256}``."""

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CV = Namespace("http://data.europa.eu/m8g/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, Namespace] = {
    "cancu": CANCU,
    "scheme": SCHEME,
    "agency": AGENCY,
    "eli": ELI,
    "cv": CV,
    "org": ORG,
    "schema": SCHEMA,
    "skos": Namespace(str(SKOS)),
    "time": Namespace(str(TIME)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "foaf": FOAF,
}
"""Prefixes bound in every graph and prepended to saved queries."""


def sparql_prefixes() -> str:
    """Return the PREFIX block for :data:`PREFIXES`.

    >>> "PREFIX cancu: <https://w3id.org/cancu/ontology#>" in sparql_prefixes()
    True
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

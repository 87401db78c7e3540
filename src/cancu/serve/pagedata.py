"""The SPARQL behind the linked-data pages: what each kind of resource shows.

Every query runs with ``?this`` bound to the resource (a pyoxigraph substitution, never text)
on the union of the named graphs. :func:`kind_of` decides which page a resource gets.

>>> kind_of(["https://w3id.org/cancu/ontology#Agency"])
'agency'
>>> kind_of(["https://w3id.org/cancu/ontology#LegalInstrument",
...          "https://w3id.org/cancu/ontology#SourceDocument"])
'document'
>>> kind_of([])
'resource'
"""

from __future__ import annotations

import re

from cancu.vocab import CANCU, sparql_prefixes

KINDS = (
    ("document", "SourceDocument"),
    ("agency", "Agency"),
    ("agency", "AgencyGroup"),
    ("agency", "UnresolvedAgent"),
    ("instrument", "LegalInstrument"),
    ("task", "Task"),
    ("duty", "Duty"),
)

LABEL = """OPTIONAL { ?x skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?x rdfs:label ?rl }"""

FACTS = """SELECT DISTINCT ?p ?o ?oLabel WHERE { ?this ?p ?o
  OPTIONAL { ?o skos:prefLabel ?ov FILTER(lang(?ov) = "vi") } OPTIONAL { ?o rdfs:label ?ol }
  BIND(COALESCE(?ov, ?ol) AS ?oLabel) } ORDER BY ?p ?o"""
INCOMING = """SELECT DISTINCT ?s ?p ?sLabel WHERE { ?s ?p ?this
  FILTER(?p NOT IN (cancu:linkedInstrument, cv:hasParticipant, cancu:citedInstrument))
  OPTIONAL { ?s rdfs:label ?sLabel } } ORDER BY ?p ?s LIMIT 300"""
TYPES = "SELECT DISTINCT ?t WHERE { ?this a ?t }"
HEAD = "SELECT ?vi ?en ?rl WHERE { " + LABEL.replace("?x", "?this") + " } LIMIT 1"

_TASKS = """SELECT ?item ?numbering ?text ?role ?agent ?agentLabel ?deadline ?budget WHERE {
  ?item cancu:participation ?p . ?p cv:role ?r ; cv:hasParticipant ?agent .
  BIND(STRAFTER(STR(?r), "/role/") AS ?role)
  OPTIONAL { ?item cancu:numbering ?numbering } OPTIONAL { ?item cancu:text ?text }
  OPTIONAL { ?item cancu:deadline/cancu:asWritten ?deadline }
  OPTIONAL { ?item cancu:budget/schema:value ?budget }
  OPTIONAL { ?agent skos:prefLabel ?av FILTER(lang(?av) = "vi") } OPTIONAL { ?agent rdfs:label ?al }
  BIND(COALESCE(?av, ?al, STR(?agent)) AS ?agentLabel)
  @FILTER@ } ORDER BY ?item ?role ?agentLabel"""

QUERIES: dict[str, dict[str, str]] = {
    "document": {
        "header": """SELECT ?number ?type ?typeLabel ?date ?title ?issuer ?issuerLabel ?signer
            ?signerName ?post WHERE {
          OPTIONAL { ?this eli:number ?number } OPTIONAL { ?this eli:title ?title }
          OPTIONAL { ?this eli:date_document ?date }
          OPTIONAL { ?this eli:type_document ?type OPTIONAL { ?type skos:prefLabel ?typeLabel
            FILTER(lang(?typeLabel) = "vi") } }
          OPTIONAL { ?this eli:passed_by ?issuer OPTIONAL { ?issuer skos:prefLabel ?issuerLabel
            FILTER(lang(?issuerLabel) = "vi") } }
          OPTIONAL { ?this cancu:signature ?sig OPTIONAL { ?sig cancu:post ?post }
            OPTIONAL { ?sig cancu:signer ?signer OPTIONAL { ?signer schema:name ?signerName } } }
        } LIMIT 1""",
        "bases": """SELECT DISTINCT ?i ?label WHERE { ?this eli:based_on ?i
          OPTIONAL { ?i rdfs:label ?label } } ORDER BY ?label""",
        "duties": """SELECT DISTINCT ?item ?label ?text WHERE { ?item a cancu:Duty ;
          eli:is_part_of+ ?this OPTIONAL { ?item rdfs:label ?label }
          OPTIONAL { ?item cancu:text ?text } OPTIONAL { ?item cancu:position ?pos } }
          ORDER BY ?pos ?item""",
        "tasks": _TASKS.replace("@FILTER@", "?item a cancu:Task ; eli:is_part_of+ ?this ."),
    },
    "agency": {
        "tasks": _TASKS.replace("@FILTER@", "?item cancu:participation/cv:hasParticipant ?this .")
        .replace("?agent ?agentLabel", "?agent ?agentLabel ?doc ?docLabel")
        .replace(
            "} ORDER BY",
            """OPTIONAL { ?item eli:is_part_of+ ?doc . ?doc a cancu:SourceDocument
          OPTIONAL { ?doc rdfs:label ?docLabel } } } ORDER BY""",
        ),
    },
    "instrument": {
        "cited": """SELECT DISTINCT ?by ?byLabel ?how WHERE {
          { ?by eli:based_on ?this BIND("based_on" AS ?how) }
          UNION { ?by eli:cites ?this BIND("cites" AS ?how) }
          UNION { ?by cancu:citation/cancu:citedInstrument ?this BIND("task" AS ?how) }
          OPTIONAL { ?by rdfs:label ?byLabel } } ORDER BY ?how ?by LIMIT 500""",
        "links": """SELECT DISTINCT ?rel ?target ?database WHERE {
          ?this ?rel ?target FILTER(?rel IN (rdfs:seeAlso, owl:sameAs, dcterms:hasFormat))
          OPTIONAL { ?target cancu:database ?database } } ORDER BY ?rel ?target""",
        "status": """SELECT ?status ?statusLabel ?statusDate ?inForce WHERE {
          OPTIONAL { ?this cancu:legalStatus ?status OPTIONAL { ?status skos:prefLabel ?statusLabel
            FILTER(lang(?statusLabel) = "vi") } }
          OPTIONAL { ?this cancu:statusDate ?statusDate } OPTIONAL { ?this eli:in_force ?inForce }
        } LIMIT 1""",
    },
    "task": {"people": _TASKS.replace("@FILTER@", "FILTER(?item = ?this)")},
}
QUERIES["duty"] = QUERIES["task"]


def kind_of(types: list[str]) -> str:
    """The page kind for a resource with these ``rdf:type`` IRIs."""
    for kind, local in KINDS:
        if str(CANCU[local]) in types:
            return kind
    return "resource"


def with_prefixes(sparql: str) -> str:
    """The query with the project PREFIX block, ``?this`` added to its projection (pyoxigraph
    substitutes only projected variables).

    >>> with_prefixes("SELECT DISTINCT ?p WHERE { ?this ?p ?o }").splitlines()[-1]
    'SELECT DISTINCT ?this ?p WHERE { ?this ?p ?o }'
    """
    return sparql_prefixes() + re.sub(r"^SELECT( DISTINCT)? ", r"SELECT\1 ?this ", sparql.strip())

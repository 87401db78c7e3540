"""Load the hand-edited ontology (``ontology/cancu.ttl``) and its SKOS schemes as one graph.

The files ship with the package; :mod:`cancu.resources` knows where they are.

>>> from rdflib import OWL, RDF, SKOS
>>> from cancu.vocab import CANCU, SCHEME
>>> g = load_ontology()
>>> (CANCU.Task, RDF.type, OWL.Class) in g
True
>>> (SCHEME["role/lead"], SKOS.inScheme, SCHEME.role) in g
True
"""

from __future__ import annotations

from rdflib import Graph

from cancu.errors import InputError
from cancu.resources import ontology_file, schemes_file
from cancu.vocab import PREFIXES


def load_ontology() -> Graph:
    """Parse the ontology and the concept schemes into one graph, with the project prefixes bound.

    Raises :class:`~cancu.errors.InputError` naming a file that is missing.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for path in (ontology_file(), schemes_file()):
        if not path.is_file():
            raise InputError("ontology file not found (reinstall cancu)", source=str(path))
        graph.parse(path, format="turtle")
    return graph

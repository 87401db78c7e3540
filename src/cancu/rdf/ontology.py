"""Locate and load the hand-edited ontology (``ontology/cancu.ttl``) and its SKOS schemes.

The files live in the repository, not in the package: the package is installed editable, so
they are found relative to this module.

>>> from rdflib import OWL, RDF, SKOS
>>> from cancu.vocab import CANCU, SCHEME
>>> g = load_ontology()
>>> (CANCU.Task, RDF.type, OWL.Class) in g
True
>>> (SCHEME["role/lead"], SKOS.inScheme, SCHEME.role) in g
True
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from cancu.errors import InputError
from cancu.vocab import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[3] / "ontology"
"""The repository's ``ontology/`` folder."""


def ontology_path() -> Path:
    """Return the path of the OWL ontology, ``ontology/cancu.ttl``.

    >>> ontology_path().name
    'cancu.ttl'
    """
    return ONTOLOGY_DIR / "cancu.ttl"


def schemes_path() -> Path:
    """Return the path of the SKOS concept schemes, ``ontology/schemes.ttl``.

    >>> schemes_path().name
    'schemes.ttl'
    """
    return ONTOLOGY_DIR / "schemes.ttl"


def load_ontology() -> Graph:
    """Parse the ontology and the concept schemes into one graph, with the project prefixes bound.

    Raises :class:`~cancu.errors.InputError` when a file is missing (the package must be
    installed editable from a checkout, ``pip install -e .``).
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for path in (ontology_path(), schemes_path()):
        if not path.is_file():
            raise InputError(
                "ontology file not found (install cancu editable: pip install -e .)",
                source=str(path),
            )
        graph.parse(path, format="turtle")
    return graph

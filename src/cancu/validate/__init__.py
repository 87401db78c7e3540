"""Validation: the SHACL shapes on every document graph.

``validator`` chooses the engine and validates (:func:`cancu.validate.validator.validate`);
``shacl_core`` compiles the SHACL Core constraints to SPARQL for Oxigraph (pySHACL is the
reference and the fallback); ``sparql_constraints`` runs the SHACL-SPARQL constraints;
``report`` holds the results per document, with labels and source lines, as text, JSON or
Turtle.
"""

"""Records to triples: identifiers and the mapping (the only place that knows the ontology)."""

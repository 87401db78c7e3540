"""Links from cited instruments to the national databases, and their in-force status.

- :mod:`cancu.links.curated`: the curated table ``data/links.csv`` (read, validate, merge);
- :mod:`cancu.links.instruments`: the instruments of a store;
- :mod:`cancu.links.search_pages`: search links per portal for instruments without a curated link;
- :mod:`cancu.links.reconcile`: reconcile instruments with a SPARQL endpoint that speaks ELI;
- :mod:`cancu.links.statements`: all of it as triples of the named graph :data:`LINKS_GRAPH`.
"""

from __future__ import annotations

from cancu.vocab import BASE

LINKS_GRAPH_IRI = BASE + "graph/links"
"""The named graph holding links, statuses and reconciliation results."""

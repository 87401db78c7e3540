"""``cancu serve``: the store as a read-only SPARQL endpoint, linked-data pages and a web UI.

Routes (see :mod:`cancu.serve.app`)::

    GET  /                        query editor (YASGUI), saved-query gallery, search box
    GET  /sparql                  service description (Turtle, sd: vocabulary) without a query
    GET|POST /sparql              SPARQL 1.1 Protocol queries (GET, POST urlencoded,
                                  POST application/sparql-query)
    POST /update                  only with --enable-update --token T and Authorization: Bearer T
    GET  /queries                 saved queries (JSON or HTML)
    GET  /queries/NAME?param=…    run a saved query, parameters bound as RDF terms
    GET  /page?iri=IRI            a page for any IRI the project mints
    GET  /{path}[.ttl|.jsonld]    the same, for https://w3id.org/cancu/{path}
    GET  /search?q=…              agencies, instruments, documents, tasks (folded matching)
    GET  /graph/VIEW              the interactive graph pages of ``cancu graph``
    GET  /static/…                CSS and JavaScript (no inline script anywhere)

**Default graph.** Ad hoc queries see the union of all named graphs as their default graph
(``SELECT * { ?s ?p ?o }`` finds everything); ``GRAPH ?g { … }`` still names each graph, and a
local ``FROM``/``FROM NAMED`` narrows the dataset as usual.

**Timeouts.** pyoxigraph cannot cancel a running query, so every query runs in a worker
subprocess (:mod:`cancu.serve.pool`) that opens the store read-only; on timeout the worker is
killed (SIGKILL, so its memory goes back to the system) and a fresh one is started.
"""

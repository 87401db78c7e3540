"""Saved and ad hoc SPARQL queries on the embedded store or a remote endpoint.

``saved`` reads ``queries/*.rq`` (headers, parameters); ``params`` turns the values a person
types into RDF terms; ``backends`` answers on the embedded store or a remote endpoint behind
one interface (:class:`~cancu.query.backends.Backend`, answers as
:class:`~cancu.query.backends.Result`); ``run`` binds the parameters and runs a query;
``formats`` writes an answer as a table, CSV, TSV, JSON or XML. The query text itself is built
by :mod:`cancu.sparql_text`.
"""

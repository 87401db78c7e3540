"""Triples to store: the embedded Oxigraph store, loads and pushes."""

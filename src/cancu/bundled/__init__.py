"""The repository's ``ontology/``, ``shapes/``, ``queries/`` and ``data/``, shipped in the package.

In the checkout each is a relative symbolic link to the top-level folder; the wheel holds the
files themselves. Read them through :mod:`cancu.resources`, never by path arithmetic.
"""

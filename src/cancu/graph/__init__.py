"""Graph views of the store: who is responsible for what, who works with whom, what rests on
which instrument.

``views`` builds the views (networkx) from the store; ``metrics`` adds per-agency figures;
``export`` writes them as an offline HTML page (``static/``), GraphML, GEXF, DOT, SVG or JSON.
"""

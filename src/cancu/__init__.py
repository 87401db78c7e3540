"""cancu: a knowledge graph of Vietnamese administrative decisions."""

__version__ = "0.1.0"

"""Text to records: the extractor proper."""

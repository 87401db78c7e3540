"""Text in: reading, normalising and segmenting decision texts."""

"""Store to answers: validation, saved queries, graphs."""

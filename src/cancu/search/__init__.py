"""Full-text search of the graph's resources (agencies, documents, instruments, tasks)."""

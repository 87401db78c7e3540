"""Reading: each file format into one intermediate of blocks (:mod:`cancu.read.blocks`).

:func:`read_file` picks the reader by the file's content (magic bytes), not its name.
"""

from cancu.read.detect import read_file, sniff

__all__ = ["read_file", "sniff"]

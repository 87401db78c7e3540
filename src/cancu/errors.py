"""The project's own errors: each names the file, the line and what was expected.

>>> str(InputError("expected a decision number", source="a.txt", line=12))
'a.txt:12: expected a decision number'
>>> str(ParseError("not an instrument number: 'abc'"))
"not an instrument number: 'abc'"
"""

from __future__ import annotations


class CancuError(Exception):
    """Base class: a message, optionally located at ``source:line``."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def located(self, source: str | None = None, line: int | None = None) -> CancuError:
        """Return a copy of this error located at ``source``/``line`` (kept if already set)."""
        return type(self)(
            self.message,
            source=self.source or source,
            line=self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message


class InputError(CancuError):
    """The input file cannot be read as a decision text (encoding, binary, empty, not a decision)."""


class ParseError(CancuError):
    """A piece of text does not have the expected form (a number, a date, an amount, a table)."""


class StoreError(CancuError):
    """The store could not be read or written; nothing was changed."""

"""The project's own errors: each names the file, the line and what was expected.

>>> str(InputError("expected a decision number", source="a.txt", line=12))
'a.txt:12: expected a decision number'
>>> str(ParseError("not an instrument number: 'abc'"))
"not an instrument number: 'abc'"

Exit codes of the ``cancu`` command, set in one place (:func:`cancu.cli.main`): 0 success;
1 a document failed, validation found violations, or the store or an endpoint failed
(:class:`CancuError`); 2 a :class:`UsageError`; 3 a :class:`BusyError`; 141 the reader of the
output stopped (``| head``).
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


class UsageError(CancuError):
    """What was asked cannot be done as asked: an unknown name or option value, a parameter
    that matches nothing, a store directory that is missing or is not a store. The ``cancu``
    command exits with code 2."""


class BusyError(CancuError):
    """Something cancu needs is held by another process: the store (a running ``cancu build``
    or ``cancu serve --enable-update``) or a network port. Retrying later may work; the
    ``cancu`` command exits with code 3."""

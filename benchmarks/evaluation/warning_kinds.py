"""The kind of a warning: its wording without its place, quoted names and numbers.

>>> warning_kind("line 57: document number not understood: not an instrument number: 'công báo:'")
'document number not understood'
>>> warning_kind("line 118: agency name not in the gazetteer: 'Bộ Công Thương'")
'agency name not in the gazetteer'
>>> warning_kind("lines 12–14: task 2.1. has no lead agency")
'task N has no lead agency'
>>> warning_kind("table 3, row 2: 'x' unread")
'unread'
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")
_PLACE = re.compile(
    r"^(?:(?:lines?|table|row|cell|page|block|paragraph)\b[^:]*:\s*)+", re.IGNORECASE
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*\.?")


def warning_kind(text: str) -> str:
    """The first part (``: `` separated) of a warning, after its place, that holds no number;
    else its first part with numbers as N."""
    parts = [
        " ".join(p.split()).strip(" .,;:")
        for p in _PLACE.sub("", _QUOTED.sub("", text)).split(": ")
    ]
    parts = [p for p in parts if p]
    for part in parts:
        if not re.search(r"\d", part):
            return part
    return _NUMBER.sub("N", parts[0])[:80] if parts else "(empty)"

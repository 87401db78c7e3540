"""Read a decision text as published and normalise it, keeping line numbers.

What happens to the text, in order: the bytes must be UTF-8 (a BOM is
dropped); line ends CRLF and CR become LF; the text is put in Unicode NFC;
zero-width and bidi control characters are removed; markdown emphasis
(``**``, ``*``) and heading marks (a leading ``#``) left by legal portals are removed. None of these steps adds
or removes a line, so line numbers always point into the file as published.

>>> src = normalize_text("**Số:**\\r\\n2818/QĐ-UBND\\u200b", name="a.txt")
>>> list(src.lines)
['Số:', '2818/QĐ-UBND']
>>> src.line(2)
'2818/QĐ-UBND'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cancu.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""The largest source accepted by default: a decision with its appendix is well under 1 MB."""

_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]"
)
_EMPHASIS = re.compile(r"\*+|^#{1,6}(?=\s|$)", re.MULTILINE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceText:
    """A normalised source text: its name, SHA-256 of the bytes as published, and its lines."""

    name: str
    sha256: str
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        """Return line ``number`` (1-based)."""
        return self.lines[number - 1]

    @property
    def text(self) -> str:
        """The whole normalised text, lines joined with LF."""
        return "\n".join(self.lines)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 text or raise :class:`InputError` naming the line.

    >>> decode("Tây Ninh".encode(), "a.txt")
    'Tây Ninh'
    >>> decode(b"ok\\n\\xe0 la", "b.txt")
    Traceback (most recent call last):
    ...
    cancu.errors.InputError: b.txt:2: not UTF-8 text (byte 0xe0 at offset 3): expected a UTF-8 file; convert VNI, TCVN3 or cp1258 texts first, e.g. iconv -f CP1258 -t UTF-8
    """
    if not data.strip():
        raise InputError("empty file: expected the text of a decision or plan", source=name, line=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            "binary data (a NUL byte): expected a plain-text decision",
            source=name,
            line=_line_of_offset(data, nul),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): expected a "
            "UTF-8 file; convert VNI, TCVN3 or cp1258 texts first, e.g. iconv -f CP1258 -t UTF-8",
            source=name,
            line=_line_of_offset(data, exc.start),
        ) from None


def clean(text: str) -> str:
    """Normalise text: NFC, no invisible characters, no markdown emphasis, no stray controls.

    Every step keeps line feeds as they are and works within a line, so a whole text is
    cleaned at once, line by line alike.

    >>> clean("  *Căn cứ Luật*\\u200d \\n**Điều 1.**")
    '  Căn cứ Luật \\nĐiều 1.'
    >>> clean(unicodedata.normalize("NFD", "Hòa")) == "Hòa"
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _EMPHASIS.sub("", text)
    return _CONTROL.sub(" ", text).replace("\t", " ")


def normalize_text(text: str, name: str = "<text>", sha256: str | None = None) -> SourceText:
    """Normalise an already decoded text (see the module docstring)."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in clean(text).split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not any(line.strip() for line in lines):
        raise InputError("empty file: expected the text of a decision or plan", source=name, line=1)
    return SourceText(name=name, sha256=sha256, lines=tuple(lines))


def read_limited(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a source file; :class:`InputError` when it is too large or unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one "
                "document: expected a single document (split the file, or raise the limit)",
                source=str(path),
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", source=str(path)) from None


def read_source(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and normalise a source file; raise :class:`InputError` on bad input."""
    data = read_limited(path, max_bytes)
    text = decode(data, str(path))
    return normalize_text(text, name=str(path), sha256=hashlib.sha256(data).hexdigest())

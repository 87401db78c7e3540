"""Choose a file's reader by its content (magic bytes), not only by its extension.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1..."), sniff(b"  <!DOCTYPE html><html>")
('pdf', 'doc', 'html')
>>> sniff("Số: 12/QĐ-UBND\\n|\\n".encode())
'text'
"""

from __future__ import annotations

import hashlib
import importlib
import io
import re
import zipfile
from pathlib import Path

from cancu.errors import InputError
from cancu.read.blocks import Blocks
from cancu.text.normalize import MAX_BYTES, read_limited

_HTML = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|p|table)\b", re.I | re.S
)
_READERS = {
    "text": "cancu.read.text:read_text",
    "docx": "cancu.read.docx:read_docx",
    "doc": "cancu.read.doc:read_doc",
    "pdf": "cancu.read.pdf:read_pdf",
    "html": "cancu.read.html:read_html",
}


def sniff(data: bytes) -> str:
    """The format of a file's bytes: ``text``, ``docx``, ``doc``, ``pdf`` or ``html``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if _HTML.match(head):
        return "html"
    return "text"


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Blocks:
    """Read a file of any supported format into :class:`~cancu.read.blocks.Blocks`.

    Raises :class:`~cancu.errors.InputError` naming the file when it cannot be read
    (too large, an unknown format, or what the format's reader refuses).
    """
    path = Path(path)
    data = read_limited(path, max_bytes)
    kind = sniff(data)
    if kind not in _READERS:
        raise InputError(
            f"a {kind} archive, not a document: expected a text, DOCX, DOC, PDF or HTML file",
            source=str(path),
        )
    module, function = _READERS[kind].split(":")
    reader = getattr(importlib.import_module(module), function)
    return reader(data, str(path), hashlib.sha256(data).hexdigest())

"""Read a Word 97–2003 (.doc) file: LibreOffice converts it to DOCX, the DOCX reader reads that.

LibreOffice is the maintained converter that reads the binary Word format
well (tables, merges, list labels); it runs headless in a temporary folder
with its own throw-away user profile, so parallel conversions do not collide
on the default profile's lock, and under a time limit.

>>> office_command() is None or office_command().endswith(("soffice", "libreoffice"))
True
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from cancu.errors import InputError
from cancu.read.blocks import Blocks
from cancu.read.docx import read_docx

TIMEOUT = 180
"""Seconds one conversion may take (a long decree with appendices takes a few seconds)."""

INSTALL = "apt-get install libreoffice-writer-nogui"
"""What to install when LibreOffice is missing (Debian/Ubuntu)."""


def office_command() -> str | None:
    """The LibreOffice program on the PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str, timeout: float = TIMEOUT) -> bytes:
    """The DOCX bytes LibreOffice makes of a .doc file's bytes.

    Raises :class:`InputError` naming the file when LibreOffice is missing,
    times out, or cannot convert the file.
    """
    office = office_command()
    if office is None:
        raise InputError(
            f"reading a Word 97-2003 .doc file needs LibreOffice: {INSTALL}", source=name
        )
    with tempfile.TemporaryDirectory(prefix="cancu-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "in.doc"
        source.write_bytes(data)
        command = [
            office,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        # its own session, so that on time-out the whole group (launcher and office) is ended
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(
                f"LibreOffice did not convert the .doc file within {timeout:.0f} s: "
                "expected a Word 97-2003 document",
                source=name,
            ) from None
        result = folder / "out" / "in.docx"
        if process.returncode != 0 or not result.is_file():
            detail = " ".join(stderr.decode("utf-8", "replace").split())[:200]
            raise InputError(
                "LibreOffice could not convert the file to DOCX"
                + (f" ({detail})" if detail else "")
                + ": expected a Word 97-2003 document",
                source=name,
            )
        return result.read_bytes()


def read_doc(data: bytes, name: str, sha256: str) -> Blocks:
    """Read a .doc file's bytes into :class:`~cancu.read.blocks.Blocks` (format ``"doc"``).

    ``sha256`` is that of the .doc bytes as published; places refer to the
    converted document's paragraphs and tables, which are the .doc file's own.
    """
    return read_docx(convert_to_docx(data, name), name, sha256, format="doc")

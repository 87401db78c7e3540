"""Documents in the formats they are published in (shared/formats), read end to end and
checked against benchmarks/reference (header fields and task rows typed from the files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cancu.pipeline import extract_file

from .conftest import FORMATS, ROOT

REFERENCE = ROOT / "benchmarks" / "reference"
pytestmark = pytest.mark.skipif(not FORMATS.is_dir(), reason=f"no shared formats at {FORMATS}")


def _rows(name: str) -> list[dict]:
    text = (REFERENCE / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _readable(path: Path) -> bool:
    kind = path.suffix.lower()
    if kind == ".doc":
        return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
    return kind in (".docx", ".html", ".htm", ".txt")


CASES = [row for row in _rows("formats.jsonl") if _readable(FORMATS / row["file"])]


@pytest.mark.parametrize("ref", CASES, ids=[row["file"] for row in CASES])
def test_header_fields_match_the_reference(ref):
    path = FORMATS / ref["file"]
    assert path.is_file(), path
    if ref.get("number") is None and ref.get("type") == "Hiến pháp":
        pytest.skip("a constitution has no number, date or signer in its header")
    doc = extract_file(path)
    got = doc.number.normalized if doc.number else None
    assert got == ref.get("number")
    assert (doc.date.isoformat() if doc.date else None) == ref.get("date")
    assert (doc.signature.signer if doc.signature else None) == ref.get("signer")
    if "task_rows" in ref:
        assert [len(a.tasks) for a in doc.appendices] == ref["task_rows"]


def test_the_lamdong_task_rows_have_their_lead_and_deadline():
    sample = [row for row in _rows("tasks.jsonl") if row["file"].startswith("docx/")]
    assert len(sample) >= 10
    docs = {}
    for row in sample:
        doc = docs.setdefault(row["file"], extract_file(FORMATS / row["file"]))
        # Rows of a table may share their text ("Giải đáp những vướng mắc …" on each date):
        # the row is the one with the same numbering and text.
        rows = [
            t
            for t in doc.tasks
            if t.text.startswith(row["text"][:40]) and t.numbering.rstrip(".") == row["numbering"]
        ]
        assert rows, row["text"]
        got = [
            (t.deadline.as_written if t.deadline else None, [a.as_written for a in t.leads])
            for t in rows
        ]
        assert any(d == row["deadline"] and len(leads) == len(row["leads"]) for d, leads in got), (
            row,
            got,
        )


def test_a_blank_number_is_a_copy_before_issue():
    doc = extract_file(FORMATS / "docx" / "lamdong-kh-cchc-nam-2026.docx")
    assert doc.number is None and doc.number_as_written.endswith("/KH-UBND")
    assert any("not filled in yet" in w for w in doc.warnings)
    assert doc.source_format == "docx"
    task = doc.tasks[0]
    assert "table" in doc.places[task.start].describe()

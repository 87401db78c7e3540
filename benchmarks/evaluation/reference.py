"""The references a folder is scored against.

Header fields come from the portal's ``metadata.jsonl`` in the folder when there is one (the
site's curated metadata; "Đã biết"/"Đang cập nhật" are placeholders, not data), otherwise from
the hand-typed files in ``benchmarks/reference/`` (``corpus.jsonl``, ``formats.jsonl``), where
``null`` means "the document has none" (a copy before its number was filled in) and a missing
key means "not known". Legal bases, task-row counts and the task sample are keyed by the
file's name relative to the folder (or its base name).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "reference"
HEADER_FIELDS = ("number", "date", "type", "issuer", "signer")
PLACEHOLDERS = frozenset({"Đã biết", "Đang cập nhật", ""})
UNKNOWN = object()
"""A header field the reference does not know (not scored)."""

_PORTAL_KEYS = {
    "number": "Số hiệu",
    "type": "Loại văn bản",
    "issuer": "Nơi ban hành",
    "signer": "Người ký",
    "date": "Ngày ban hành",
}


@dataclass
class Reference:
    """What is known of one file; header values are strings, dates, None or :data:`UNKNOWN`."""

    header: dict[str, object] = field(default_factory=dict)
    header_source: str | None = None
    bases: list[dict] | None = None
    task_rows: list[int] | None = None
    task_sample: list[dict] = field(default_factory=list)

    def expected(self, name: str) -> object:
        return self.header.get(name, UNKNOWN)


def parse_date(text: str | None) -> dt.date | None:
    """``"28/11/2025"`` or ``"2025-11-28"`` → a date; None for None.

    >>> parse_date("02/12/2025"), parse_date("2025-12-02") == parse_date("2/12/2025")
    (datetime.date(2025, 12, 2), True)
    """
    if text is None:
        return None
    if "-" in text:
        return dt.date.fromisoformat(text)
    day, month, year = (int(p) for p in text.split("/"))
    return dt.date(year, month, day)


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _portal_header(meta: dict) -> dict[str, object]:
    header: dict[str, object] = {}
    for name, key in _PORTAL_KEYS.items():
        value = (meta.get(key) or "").strip()
        if value in PLACEHOLDERS:
            continue
        header[name] = parse_date(value) if name == "date" else value
    return header


def _typed_header(row: dict) -> dict[str, object]:
    header: dict[str, object] = {}
    for name in HEADER_FIELDS:
        if name in row:
            header[name] = parse_date(row[name]) if name == "date" else row[name]
    return header


def load_references(folder: Path, reference_dir: Path = REFERENCE_DIR) -> dict[str, Reference]:
    """References keyed by file name relative to ``folder`` and by base name."""
    refs: dict[str, Reference] = {}

    def ref(name: str) -> Reference:
        return refs.setdefault(name, Reference())

    metadata = folder / "metadata.jsonl"
    if metadata.exists():
        for row in _read_jsonl(metadata):
            r = ref(row["file"])
            r.header, r.header_source = _portal_header(row["portal_metadata"]), metadata.name
    for path in sorted(reference_dir.glob("*.jsonl")):
        for row in _read_jsonl(path):
            r = ref(row["file"])
            if path.stem == "tasks":
                r.task_sample.append(row)
                continue
            if "bases" in row:
                r.bases = row["bases"]
            if "task_rows" in row:
                r.task_rows = row["task_rows"]
            if r.header_source is None and any(k in row for k in HEADER_FIELDS):
                r.header, r.header_source = _typed_header(row), path.name
    return refs


def reference_for(refs: dict[str, Reference], relative: str) -> Reference:
    """The reference of a file: by its path relative to the folder, else by its base name."""
    return refs.get(relative) or refs.get(Path(relative).name) or Reference()

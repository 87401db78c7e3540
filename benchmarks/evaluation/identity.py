"""Identity: the folder built into a temporary store, as ``cancu build`` would build it.

Counts the sources refused as "the same document as …" (false merges in a folder of distinct
documents), the graph names holding a placeholder ("unknown", "untitled"), and the documents
loaded without a number (their IRI is provisional whatever it looks like).
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from cancu.pipeline import DocumentReport, build
from cancu.store.embedded import EmbeddedStore

PLACEHOLDER = re.compile(r"unknown|untitled", re.IGNORECASE)
SAME_DOCUMENT = "the same document as"


def one_line(text: str) -> str:
    """The first line of an error, without the path prefix the build adds twice."""
    return text.strip().splitlines()[0] if text.strip() else text


def build_folder(paths: list[Path]) -> tuple[list[DocumentReport], float]:
    """Build ``paths`` into a throw-away store; the reports in source order and the seconds."""
    with tempfile.TemporaryDirectory(prefix="cancu-eval-") as tmp:
        start = time.perf_counter()
        reports = build(paths, EmbeddedStore(Path(tmp) / "store"), incremental=False)
        return reports, time.perf_counter() - start


def identity_summary(reports: list[DocumentReport]) -> dict:
    loaded = [r for r in reports if r.error is None and r.graph is not None]
    merged = [r for r in reports if r.error and SAME_DOCUMENT in r.error]
    placeholders = sorted(
        {str(r.graph) for r in reports if r.graph and PLACEHOLDER.search(str(r.graph))}
    )
    return {
        "loaded": len(loaded),
        "false_merges": len(merged),
        "placeholder_iris": placeholders,
        "documents_with_placeholder_iri": sum(
            1 for r in loaded if PLACEHOLDER.search(str(r.graph))
        ),
    }

"""Evaluate one folder: extract every file, build them together, score against the references."""

from __future__ import annotations

import signal
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cancu.extract.records import Document
from cancu.pipeline import DocumentReport, extract_file

from .agencies import score_agencies
from .bases import Cited, match, prf
from .header import score_header
from .identity import build_folder, identity_summary, one_line
from .reference import HEADER_FIELDS, load_references, reference_for
from .tasks import score_rows, score_sample
from .warning_kinds import warning_kind

SUFFIXES = frozenset({".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm"})


def documents_in(folder: Path) -> list[Path]:
    """The document files of ``folder`` and its subfolders, sorted.

    README files are not documents; a subfolder with its own ``metadata.jsonl`` is a corpus of
    its own and is left to its own run.
    """
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            if not (path / "metadata.jsonl").exists():
                out += documents_in(path)
        elif path.suffix.lower() in SUFFIXES and not path.stem.upper().startswith("README"):
            out.append(path)
    return out


class Timeout(Exception):
    """A file took longer than the time limit."""


@contextmanager
def time_limit(seconds: int):
    """Raise :class:`Timeout` after ``seconds`` (main thread, POSIX); no limit when 0."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise Timeout(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Extracted:
    path: Path
    doc: Document | None
    error: str | None
    seconds: float
    warnings: list[str] = field(default_factory=list)


def extract_one(path: Path, timeout: int) -> Extracted:
    """Extract one file; any exception becomes its one-line error (the run goes on)."""
    start = time.perf_counter()
    try:
        with time_limit(timeout):
            doc = extract_file(path)
    except Exception as exc:  # a failed file is a row, never the end of the run
        message = str(exc) if type(exc).__name__ in str(exc) else f"{type(exc).__name__}: {exc}"
        return Extracted(path, None, one_line(message), time.perf_counter() - start)
    warnings = list(doc.warnings) + [w for a in doc.appendices for w in a.warnings]
    return Extracted(path, doc, None, time.perf_counter() - start, warnings)


def score_document(
    item: Extracted, folder: Path, refs: dict, report: DocumentReport | None
) -> dict:
    relative = str(item.path.relative_to(folder))
    ref = reference_for(refs, relative)
    doc = item.doc
    error = item.error or (report.error if report is not None else None)
    if error:  # paths relative to the folder keep the line short
        error = one_line(error).replace(f"{folder}/", "")
    warnings = report.warnings if report is not None and report.warnings else item.warnings
    row: dict = {
        "file": relative,
        "extracted": doc is not None,
        "loaded": report is not None and report.error is None and report.graph is not None,
        "error": error,
        "seconds": round(item.seconds, 3),
        "iri": str(report.graph) if report is not None and report.graph else None,
        "header_reference": ref.header_source,
        "header": score_header(doc, ref),
        "warnings": len(warnings),
        "warning_kinds": dict(Counter(warning_kind(w) for w in warnings).most_common()),
        "agencies": score_agencies(doc, ref.header.get("issuer")),
        "tasks": score_rows(doc, ref.task_rows),
    }
    if doc is not None:
        row["number"] = doc.number.normalized if doc.number is not None else None
        row["number_as_written"] = doc.number_as_written
        row["number_lines"] = doc.number_lines
    if ref.bases is not None:
        got = [Cited.of_citation(c) for c in doc.bases if c.kind == "legal-basis"] if doc is not None else []
        found, missed, extra = match([Cited.of_reference(b) for b in ref.bases], got)
        p, r, f1 = prf(found, missed, extra)
        row["bases"] = {
            "reference": len(found) + len(missed),
            "found": len(found),
            "missed": [c.label for c in missed],
            "extra": [c.label for c in extra],
            "precision": p,
            "recall": r,
            "f1": f1,
        }
    if ref.task_sample:
        row["task_sample"] = score_sample(doc, ref.task_sample)
    return row


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def summarize(rows: list[dict], identity: dict, build_seconds: float) -> dict:
    """The folder's figures (defined in ``benchmarks/EVAL.md``)."""
    header = {}
    for name in HEADER_FIELDS:
        verdicts = Counter(r["header"][name]["verdict"] for r in rows)
        scored = sum(v for k, v in verdicts.items() if k != "unscored")
        header[name] = {
            "right": verdicts["right"],
            "wrong": verdicts["wrong"],
            "missing": verdicts["missing"],
            "scored": scored,
            "accuracy": _share(verdicts["right"], scored),
        }
    fully = [r for r in rows if all(f["verdict"] != "unscored" for f in r["header"].values())]
    all_right = sum(all(f["verdict"] == "right" for f in r["header"].values()) for r in fully)
    with_bases = [r["bases"] for r in rows if "bases" in r]
    tp = sum(b["found"] for b in with_bases)
    fn = sum(len(b["missed"]) for b in with_bases)
    fp = sum(len(b["extra"]) for b in with_bases)
    precision, recall, f1 = prf([0] * tp, [0] * fn, [0] * fp)
    tables = [w for r in rows for w in r["tasks"].get("within", [])]
    sample = [s for r in rows for s in r.get("task_sample", [])]
    sample_figures = {
        name: {"right": sum(s[name] == "right" for s in sample), "rows": len(sample)}
        for name in ("leads", "coordinators", "deadline")
    }
    sample_figures["found"] = {"right": sum(s["found"] for s in sample), "rows": len(sample)}
    agencies = [r["agencies"] for r in rows if r["agencies"] is not None]
    mentions = sum(a["mentions"] for a in agencies)
    unresolved = sum(a["unresolved"] for a in agencies)
    kinds: Counter = Counter()
    for r in rows:
        kinds.update(r["warning_kinds"])
    return {
        "files": len(rows),
        "extracted": sum(r["extracted"] for r in rows),
        "loaded": sum(r["loaded"] for r in rows),
        "failed": [{"file": r["file"], "error": r["error"]} for r in rows if not r["loaded"]],
        "header": header,
        "all_header_fields_right": {"documents": all_right, "of": len(fully)},
        "bases": {
            "documents": len(with_bases),
            "reference": tp + fn,
            "extracted": tp + fp,
            "found": tp,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        },
        "tasks": {
            "rows_found": sum(sum(r["tasks"]["found"]) for r in rows),
            "tables_within_10pct": {"tables": sum(tables), "of": len(tables)},
            "sample": sample_figures,
        },
        "agencies": {
            "mentions": mentions,
            "unresolved": unresolved,
            "unresolved_share": _share(unresolved, mentions),
            "all_mentions": sum(a["all_mentions"] for a in agencies),
            "all_unresolved": sum(a["all_unresolved"] for a in agencies),
            "issuer_unresolved": [
                r["file"] for r in rows if r["agencies"] and not r["agencies"]["issuer_resolved"]
            ],
            "other_province_mentions": sum(len(a["other_province"]) for a in agencies),
        },
        "identity": {
            **identity,
            "loaded_without_number": sum(
                1 for r in rows if r["loaded"] and r.get("number") is None
            ),
        },
        "warnings": {
            "total": sum(r["warnings"] for r in rows),
            "per_document": _share(sum(r["warnings"] for r in rows), len(rows)),
            "top_kinds": dict(kinds.most_common(10)),
        },
        "seconds": {
            "extract": round(sum(r["seconds"] for r in rows), 2),
            "build": round(build_seconds, 2),
        },
    }


def evaluate_folder(folder: Path, timeout: int = 120) -> dict:
    """Every figure of one folder, per document and in summary."""
    folder = folder.resolve()
    paths = documents_in(folder)
    refs = load_references(folder)
    extracted = [extract_one(p, timeout) for p in paths]
    try:
        reports, build_seconds = build_folder(paths)
        by_source = {r.source: r for r in reports}
        build_error = None
    except Exception as exc:  # the store itself failed: still report the extraction
        by_source, build_seconds, build_error = {}, 0.0, one_line(f"{type(exc).__name__}: {exc}")
    rows = [score_document(item, folder, refs, by_source.get(str(item.path))) for item in extracted]
    identity = identity_summary(list(by_source.values()))
    if build_error:
        identity["build_error"] = build_error
    return {
        "folder": str(folder),
        "summary": summarize(rows, identity, build_seconds),
        "documents": rows,
    }

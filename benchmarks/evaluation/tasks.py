"""Task tables: rows found per table against counted rows, and a sample of rows scored by hand.

A sample row (``benchmarks/reference/tasks.jsonl``) is found by its text: the first extracted
task whose folded text (or content) starts with the reference's folded text, preferring one
with the same numbering. Leads and coordinators are right when the sets of folded names as
written are equal (:func:`~.fold.fold_agent`); "split" is noted when the same words were read
but cut into other names. The deadline is right when its wording as written folds the same.

>>> agents_verdict(["Sở Tư pháp", "UBND các xã, phường, đặc khu"], ["UBND các xã, phường, đặc khu.", "Sở Tư pháp"])
'right'
>>> agents_verdict(["Các sở, ngành tỉnh", "UBND cấp huyện, cấp xã"], ["Các sở", "ngành tỉnh", "UBND cấp huyện, cấp xã"])
'split'
>>> within(52, 49), within(11, 9), within(0, 0)
(True, False, True)
"""

from __future__ import annotations

from cancu.extract.records import Document, Task

from .fold import fold, fold_agent, fold_numbering


def within(expected: int, found: int, tolerance: float = 0.10) -> bool:
    """Whether ``found`` rows are within ``tolerance`` of ``expected`` (exactly 0 for 0)."""
    return abs(found - expected) <= tolerance * expected


def task_tables(doc: Document) -> list[int]:
    """Rows found in each task table (appendices with at least one task), in order."""
    return [len(a.tasks) for a in doc.appendices if a.tasks]


def score_rows(doc: Document | None, expected: list[int] | None) -> dict:
    found = task_tables(doc) if doc is not None else []
    out: dict = {"found": found, "expected": expected}
    if expected is not None:
        if expected == [0]:
            out["within"] = [not found]
        else:
            padded = found + [0] * (len(expected) - len(found))
            out["within"] = [within(e, f) for e, f in zip(expected, padded, strict=False)]
    return out


def agents_verdict(expected: list[str], got: list[str]) -> str:
    """``right``, ``split`` (same words, other cuts), ``missing`` (none read) or ``wrong``."""
    want = {fold_agent(n) for n in expected} - {""}
    have = {fold_agent(n) for n in got} - {""}
    if want == have:
        return "right"
    if not have:
        return "missing"
    if want and sorted(" ".join(want).split()) == sorted(" ".join(have).split()):
        return "split"
    return "wrong"


def _texts(task: Task) -> list[str]:
    return [fold(t) for t in (task.text, task.content) if t]


def find_task(doc: Document, row: dict) -> Task | None:
    """The extracted task of a sample row (by text start, then numbering)."""
    start = fold(row["text"])
    candidates = [t for t in doc.tasks if any(x.startswith(start) for x in _texts(t))]
    numbering = fold_numbering(row.get("numbering"))
    same = [t for t in candidates if fold_numbering(t.numbering) == numbering]
    return (same or candidates or [None])[0]


def score_sample(doc: Document | None, rows: list[dict]) -> list[dict]:
    """One verdict per sample row and field (lead, coordinators, deadline)."""
    out = []
    for row in rows:
        task = find_task(doc, row) if doc is not None else None
        item = {
            "numbering": row.get("numbering"),
            "text": row["text"][:60],
            "found": task is not None,
        }
        if task is None:
            item.update(leads="missing", coordinators="missing", deadline="missing")
        else:
            leads = [a.as_written for a in task.leads]
            coordinators = [a.as_written for a in task.coordinators]
            deadline = task.deadline.as_written if task.deadline is not None else None
            item["leads"] = agents_verdict(row["leads"], leads)
            item["coordinators"] = agents_verdict(row["coordinators"], coordinators)
            if deadline is None:
                item["deadline"] = "missing"
            else:
                item["deadline"] = "right" if fold(deadline) == fold(row["deadline"]) else "wrong"
            item["got"] = {"leads": leads, "coordinators": coordinators, "deadline": deadline}
        out.append(item)
    return out

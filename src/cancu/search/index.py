"""A full-text index of agencies, documents, instruments and tasks, as people type them.

SQLite's FTS5 holds one row per resource: its label and the other words it is found by
(a document's title, an instrument's number in pieces), folded (no diacritics, đ → d,
lower case) and with the usual abbreviations written both ways (UBND and "ủy ban nhân
dân", NĐ and "nghị định" …). A query is folded and expanded the same way and every word
is a prefix, so "so noi vu", "ubnd tinh tay ninh", "nghi dinh 61", "NĐ 61/2018" and
"61/2018/NĐ-CP" all find what they name. Hits are ranked exact label first, then labels
that start with the query, then by FTS5's bm25, then agencies before documents, instruments
and tasks.

>>> idx = FullTextIndex([
...     ("urn:a1", "agency", "Sở Nội vụ tỉnh Tây Ninh", "", ""),
...     ("urn:a2", "agency", "Sở Nội vụ", "", ""),
...     ("urn:i", "instrument", "61/2018/NĐ-CP", "", "về thực hiện cơ chế một cửa"),
...     ("urn:u", "agency", "Ủy ban nhân dân tỉnh Tây Ninh", "", ""),
... ])
>>> [h["iri"] for h in idx.find("so noi vu")]
['urn:a2', 'urn:a1']
>>> [h["iri"] for h in idx.find("nghi dinh 61")], [h["iri"] for h in idx.find("NĐ 61/2018")]
(['urn:i'], ['urn:i'])
>>> [h["iri"] for h in idx.find("ubnd tinh tay ninh")]
['urn:u']
>>> idx.find("  ")
[]
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from cancu.text.names import fold

ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dbqh": "dai bieu quoc hoi",
    "mttq": "mat tran to quoc",
    "nd": "nghi dinh",
    "qd": "quyet dinh",
    "tt": "thong tu",
    "ttlt": "thong tu lien tich",
    "nq": "nghi quyet",
    "kh": "ke hoach",
    "ct": "chi thi",
    "tb": "thong bao",
    "cv": "cong van",
    "cd": "cong dien",
    "hd": "huong dan",
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "vpcp": "van phong chinh phu",
    "ttg": "thu tuong",
    "cp": "chinh phu",
    "qh": "quoc hoi",
    "tw": "trung uong",
    "tp": "thanh pho",
    "ld": "lao dong",
    "gtvt": "giao thong van tai",
    "tnmt": "tai nguyen va moi truong",
    "kh va dt": "ke hoach va dau tu",
    "tt va tt": "thong tin va truyen thong",
    "ldtb va xh": "lao dong thuong binh va xa hoi",
}
"""Folded abbreviation → folded long form (both are indexed and matched)."""
_LONG = sorted(((v, k) for k, v in ABBREVIATIONS.items()), key=lambda kv: -len(kv[0]))
_SHORT = sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0]))
KINDS = {"agency": 0, "document": 1, "instrument": 2, "task": 3, "duty": 4}
_TOKEN = re.compile(r"[a-z0-9]+")


def variants(text: str) -> str:
    """The folded text with its abbreviations expanded and its long forms abbreviated.

    >>> variants("UBND tỉnh")
    'ubnd tinh uy ban nhan dan'
    >>> variants("Nghị định 61")
    'nghi dinh 61 nd'
    """
    folded = fold(text)
    padded = f" {folded} "
    extra = [long for short, long in _SHORT if f" {short} " in padded]
    extra += [short for long, short in _LONG if f" {long} " in padded]
    return " ".join([folded, *extra]).strip()


class FullTextIndex:
    """An in-memory SQLite FTS5 index of (iri, kind, label, English label, other words)."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str, str]]):
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE entry USING fts5(words, iri UNINDEXED, kind UNINDEXED, "
            "label UNINDEXED, label_en UNINDEXED, key UNINDEXED, tokenize = 'unicode61')"
        )
        seen: dict[str, tuple] = {}
        for iri, kind, label, en, other in rows:
            if iri in seen and KINDS.get(seen[iri][2], 9) <= KINDS.get(kind, 9):
                continue
            words = " ".join(variants(t) for t in (label, en, other) if t)
            seen[iri] = (words, iri, kind, label, en, fold(label))
        self.db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?)", seen.values())
        self.size = len(seen)

    def __len__(self) -> int:
        return self.size

    def find(self, query: str, limit: int = 20) -> list[dict[str, str]]:
        """The best ``limit`` entries holding every word of ``query`` (each as a prefix)."""
        key = fold(query)
        words = _TOKEN.findall(key)
        if not words:
            return []
        long_form = variants(query)
        alternatives = [words]
        expanded = _TOKEN.findall(long_form)[len(words) :]
        if expanded:  # "nd 61" also as "nghi dinh 61", "ubnd" as "uy ban nhan dan"
            alternatives.append([w for w in words if w not in ABBREVIATIONS] + expanded)
        match = " OR ".join(
            "(" + " AND ".join(f'"{w}"*' for w in group) + ")" for group in alternatives
        )
        rows = self.db.execute(
            "SELECT iri, kind, label, label_en, key, bm25(entry) FROM entry "
            "WHERE entry MATCH ? ORDER BY bm25(entry) LIMIT 500",
            (match,),
        ).fetchall()

        def rank(row: tuple) -> tuple:
            _, kind, label, _, label_key, score = row
            exact = label_key == key
            prefix = label_key.startswith(key)
            return (not exact, not prefix, round(score, 3), KINDS.get(kind, 9), len(label))

        rows.sort(key=rank)
        return [
            {"iri": iri, "kind": kind, "label": label, "label_en": en}
            for iri, kind, label, en, _, _ in rows[:limit]
        ]

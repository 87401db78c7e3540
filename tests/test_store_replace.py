"""``EmbeddedStore.replace_graphs``: the same store whichever way it writes, and all or nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from cancu.errors import StoreError
from cancu.store.embedded import EmbeddedStore

A, B = URIRef("urn:graph:a"), URIRef("urn:graph:b")


def triples(prefix: str, n: int) -> str:
    return "".join(f'<urn:{prefix}:{k}> <urn:p> "{prefix} {k}"@vi .\n' for k in range(n))


def contents(store: EmbeddedStore) -> list[str]:
    return sorted(str(q) for q in store.store)


def filled(path: Path, rewrite_from: int) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.REWRITE_MIN_TRIPLES = rewrite_from
    store.store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("default")))
    store.replace_graphs({A: triples("a", 50), B: triples("b", 5)})
    return store


@pytest.mark.parametrize("rewrite_from", [1, 10**9], ids=["rewrite", "update"])
def test_replacing_gives_the_same_store_either_way(
    tmp_path: Path, rewrite_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = filled(tmp_path / "store", rewrite_from)
    rewrites = []
    rewrite = EmbeddedStore._rewrite
    monkeypatch.setattr(
        EmbeddedStore, "_rewrite", lambda self, *a: rewrites.append(1) or rewrite(self, *a)
    )
    assert store.replace_graphs({A: triples("new", 40)}) == 40
    assert len(rewrites) == (rewrite_from == 1)
    assert store.count(A) == 40 and store.count(B) == 5 and store.count() == 46
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no staging left behind
    reference = filled(tmp_path / "reference", 10**9)
    reference.drop_graphs([A])
    reference.replace_graphs({A: triples("new", 40)})
    assert contents(store) == contents(reference)


@pytest.mark.parametrize("rewrite_from", [1, 10**9], ids=["rewrite", "update"])
def test_a_failed_replacement_leaves_the_store_as_it_was(tmp_path: Path, rewrite_from: int) -> None:
    store = filled(tmp_path / "store", rewrite_from)
    before = contents(store)
    bad = triples("new", 40) + "<urn:x> <urn:p> not a term .\n"
    with pytest.raises(StoreError, match="left unchanged"):
        store.replace_graphs({A: bad, URIRef("urn:graph:c"): triples("c", 3)})
    assert contents(store) == before and len(before) == 56
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]

"""Building the store: bad input, idempotence, named-graph replacement and atomic loads."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from cancu.cli import main
from cancu.errors import CancuError, InputError, StoreError
from cancu.extract.document import extract_document
from cancu.pipeline import build, extract, stale_vocabulary, vocabulary_files
from cancu.store.embedded import EmbeddedStore
from cancu.text.normalize import normalize_text, read_source

from .conftest import DONGTHAP, SEED


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name,data,line,expected",
    [
        ("empty.txt", b"", 1, "empty file"),
        ("blank.txt", b"\n \n\t\n", 1, "empty file"),
        ("binary.txt", b"S\xe1\xbb\x91: 1\n\x00\x01\x02", 2, "binary data"),
        ("cp1258.txt", b"S\xf4\xec: 12/Q\xd0-UBND", 1, "not UTF-8"),  # "Số: 12/QĐ-UBND" in cp1258
        ("vni.txt", b"UBND\nSo\xe1: 12/Q\xd1-UBND\nQuye\xe1t \xf1\xf2nh", 2, "not UTF-8"),
    ],
)
def test_unreadable_input_names_file_and_line(tmp_path, name, data, line, expected):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert (info.value.source, info.value.line) == (str(path), line)
    assert expected in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_a_text_that_is_not_a_decision(tmp_path):
    path = write(tmp_path, "novel.txt", "Ngày xưa có một chàng trai.\nChàng đi xa.\n".encode())
    with pytest.raises(InputError, match="not a decision or plan: expected a header"):
        extract_document(read_source(path))


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(InputError, match="over the 20 MiB limit"):
        read_source(path)


def without_source(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        if "/source/" not in str(s) and "/source/" not in str(o):
            out.add((s, p, o))
    return out


def test_nfd_crlf_and_invisible_characters_give_the_same_graph():
    text = SEED.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    crlf = text.replace("\n", "\r\n")
    noisy = text.replace("Sở Tài chính", "Sở\u200b Tài chính\u202c").replace(
        "QUYẾT ĐỊNH", "\u200eQUYẾT ĐỊNH"
    )
    reference = without_source(extract(text, "seed.txt"))
    for variant in (nfd, crlf, noisy):
        # The files differ byte for byte, so only their SHA-256 (and source node) may differ.
        assert isomorphic(reference, without_source(extract(variant, "seed.txt")))
    assert normalize_text(crlf).lines == normalize_text(text).lines


def test_markdown_emphasis_is_dropped_without_moving_lines():
    src = normalize_text("**Số:**\n*Tây Ninh, ngày 1 tháng 2 năm 2021*\n**Xây\ndựng**")
    assert src.lines == ("Số:", "Tây Ninh, ngày 1 tháng 2 năm 2021", "Xây", "dựng")


def test_a_truncated_table_is_built_and_flagged(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cut = write(tmp_path, "cut.txt", "\n".join(lines[:640]).encode())
    doc = extract_document(read_source(cut))
    assert doc.tasks, "the rows before the cut are kept"
    assert any("truncated" in w for w in doc.warnings)


def test_building_twice_gives_the_same_graph(tmp_path):
    first, second = EmbeddedStore(tmp_path / "a"), EmbeddedStore(tmp_path / "b")
    build([SEED], first)
    build([SEED], second)
    build([SEED], second)
    (name,) = [g for g in first.graph_names() if g.endswith("/graph")]
    assert first.count() == second.count()
    assert isomorphic(first.graph(name), second.graph(name))


def test_rebuilding_one_document_leaves_the_others_untouched(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    build([SEED, DONGTHAP], store)
    names = {str(g): store.count(g) for g in store.graph_names()}
    seed_graph = next(g for g in store.graph_names() if "2818" in g)
    other = next(g for g in store.graph_names() if "552" in g)
    before = store.graph(other)
    build([SEED], store)
    assert {str(g): store.count(g) for g in store.graph_names()} == names
    assert isomorphic(before, store.graph(other))
    assert store.count(seed_graph) == names[str(seed_graph)]


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "s")
    build([DONGTHAP], store)
    before = store.count()
    bad = write(tmp_path, "bad.txt", b"\xff\xfe not text")
    reports = build([bad], store)
    assert reports[0].error and str(bad) in reports[0].error
    assert store.count() == before

    def broken(self, *args, **kwargs):
        return "<urn:a> <urn:b> .\n"  # not N-Triples: the update fails half-way through parsing

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(StoreError, match="left unchanged"):
        build([SEED], store)
    assert store.count() == before


def test_cli_build_reports_a_failing_document_and_loads_the_others(tmp_path, capsys):
    bad = write(tmp_path, "bad.txt", b"")
    code = main(["build", str(DONGTHAP), str(bad), "--store", str(tmp_path / "s")])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"FAILED {bad}:1: empty file" in err
    assert "552/graph" in out and "19 tasks" in out


def test_cli_build_writes_the_dataset(tmp_path, capsys):
    out_file = tmp_path / "dataset.nq"
    assert (
        main(["build", str(DONGTHAP), "--store", str(tmp_path / "s"), "--out", str(out_file)]) == 0
    )
    dataset = out_file.read_text(encoding="utf-8")
    assert "552/graph>" in dataset
    assert os.path.getsize(out_file) > 10_000


_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
_PIECES = st.sampled_from(
    ["Số: 12/QĐ-UBND", "QUYẾT ĐỊNH", "KẾ HOẠCH", "Căn cứ Luật", "Điều 1.", "|", "x", "Quý II/2021",
     "1.000.000", "Sở Tài chính", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "I. CÔNG TÁC", "- ", "a)", "Tây Ninh,",
     "ngày 1 tháng 2 năm 2021", "Nơi nhận:", "KT. CHỦ TỊCH", "PHỤ LỤC", "Tổng kinh phí", "\n", "\n"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(_PIECES, st.text(alphabet=_VIETNAMESE + " /.-:;,()0123456789\n|", max_size=20)),
        max_size=60,
    )
)
def test_any_text_gives_a_document_or_the_projects_own_error(pieces):
    text = " ".join(pieces)
    try:
        doc = extract_document(normalize_text(text, name="fuzz.txt"))
    except CancuError as exc:
        assert exc.message
        return
    lines = len(text.split("\n"))
    for task in doc.tasks:
        assert 1 <= task.start <= task.end <= lines


CROSS = Path(__file__).parent / "fixtures" / "qd-0100-2021-ubnd-tayninh-synthetic.txt"


def test_a_document_citing_the_seed_links_to_the_seeds_own_iri(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    reports = build([SEED, CROSS], store)
    assert [r.error for r in reports] == [None, None]
    seed_iri = "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818"
    rows = list(
        store.store.query(
            f"""SELECT ?citing ?kind WHERE {{ ?citing <http://data.europa.eu/eli/ontology#based_on> <{seed_iri}> .
                <{seed_iri}> a <https://w3id.org/cancu/ontology#SourceDocument> }}""",
            use_default_graph_as_union=True,
        )
    )
    assert [r["citing"].value for r in rows] == [
        "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2021/100"
    ]
    # One instrument cited by both documents is one node: Nghị định 61/2018/NĐ-CP.
    nd61 = list(
        store.store.query(
            """SELECT DISTINCT ?i WHERE { ?i <http://data.europa.eu/eli/ontology#number> "61/2018/NĐ-CP" }""",
            use_default_graph_as_union=True,
        )
    )
    assert len(nd61) == 1


def test_incremental_rebuild_touches_only_the_changed_source(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    seed_copy = tmp_path / "seed.txt"
    seed_copy.write_bytes(SEED.read_bytes())
    cross_copy = tmp_path / "cross.txt"
    cross_copy.write_bytes(CROSS.read_bytes())
    build([seed_copy, cross_copy], store)
    again = build([seed_copy, cross_copy], store)
    assert [r.unchanged for r in again] == [True, True]
    cross_copy.write_text(
        CROSS.read_text(encoding="utf-8").replace("Trần Văn A", "Trần Văn B"), encoding="utf-8"
    )
    third = build([seed_copy, cross_copy], store)
    assert [r.unchanged for r in third] == [True, False]
    names = list(
        store.store.query(
            'SELECT ?n WHERE { ?p <https://schema.org/name> ?n FILTER(STRSTARTS(?n, "Trần")) }',
            use_default_graph_as_union=True,
        )
    )
    assert [n["n"].value for n in names] == ["Trần Văn B"]


def same_graph(a: EmbeddedStore, b: EmbeddedStore, name) -> bool:
    """Whether two stores hold the same graph: isomorphic, or for a vocabulary graph (the
    gazetteer's commune tier has 100,000 triples) the same version of the same files."""
    if name in vocabulary_files():
        return name not in stale_vocabulary(a) and name not in stale_vocabulary(b)
    return isomorphic(a.graph(name), b.graph(name))


def test_parallel_extraction_gives_the_same_store(tmp_path):
    serial, parallel = EmbeddedStore(tmp_path / "a"), EmbeddedStore(tmp_path / "b")
    build([SEED, CROSS, DONGTHAP], serial, jobs=1)
    build([SEED, CROSS, DONGTHAP], parallel, jobs=2)
    assert serial.graph_names() == parallel.graph_names()
    for name in serial.graph_names():
        assert same_graph(serial, parallel, name)


def test_building_in_batches_gives_the_same_store(tmp_path):
    whole, batched = EmbeddedStore(tmp_path / "a"), EmbeddedStore(tmp_path / "b")
    build([SEED, CROSS, DONGTHAP], whole)
    progress: list[tuple[int, int]] = []
    build([SEED, CROSS, DONGTHAP], batched, batch_size=1, progress=lambda k, n, _: progress.append((k, n)))  # fmt: skip
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert (
        whole.graph_names() == batched.graph_names() and len(whole.graph_names()) == 8
    )  # 3 documents, ontology, agencies, communes, extractor, links
    for name in whole.graph_names():
        assert same_graph(whole, batched, name)


def test_a_failed_batch_drops_the_batches_loaded_before_it(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "s")
    build([DONGTHAP], store)
    before = sorted(str(q) for q in store.store)
    written: list[list] = []
    original = store.replace_graphs

    def failing(graphs):
        written.append(list(graphs))
        if len(written) == 2:
            raise StoreError("the disk is full (simulated)")
        return original(graphs)

    monkeypatch.setattr(store, "replace_graphs", failing)
    with pytest.raises(StoreError, match="simulated"):
        build([SEED, CROSS], store, batch_size=1)
    assert len(written) == 2 and "2818" in str(written[0])  # the first batch had been loaded
    assert sorted(str(q) for q in store.store) == before


def test_the_same_document_in_two_batches_is_reported(tmp_path):
    copy = write(tmp_path, "copy-of-the-seed.txt", SEED.read_bytes())
    reports = build([SEED, copy], EmbeddedStore(tmp_path / "s"), batch_size=1)
    assert not reports[0].error
    assert reports[1].error == f"{copy}: the same document as {SEED}"

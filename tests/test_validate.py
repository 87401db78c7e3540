"""``cancu validate`` on the seed decision: what the report must surface, its speed, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from cancu.cli import main
from cancu.pipeline import AGENCIES_GRAPH, ONTOLOGY_GRAPH, build, vocabulary_graphs
from cancu.store.embedded import EmbeddedStore
from cancu.validate import validator as v
from cancu.vocab import CANCU
from tests.fixtures_store import bundled_store, bundled_store_path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "sources" / "qd-2818-2020-ubnd-tayninh.txt"
SEED_NUMBER = "2818/QĐ-UBND"
INVALID_DOC = REPO / "tests" / "shape_fixtures" / "invalid" / "DocumentShape-missing-fields.ttl"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed-store")
    reports = build([SEED], EmbeddedStore(path))
    assert not any(r.error for r in reports)
    return path


@pytest.fixture(scope="session")
def seed_report(seed_store: Path) -> v.DocumentValidation:
    report = v.validate(EmbeddedStore(seed_store, read_only=True), SEED_NUMBER)
    assert len(report.documents) == 1
    return report.documents[0]


@pytest.fixture(scope="session")
def seed_graph(seed_store: Path) -> Graph:
    store = EmbeddedStore(seed_store, read_only=True)
    return store.graph(*[n for n in store.graph_names() if str(n).endswith("/graph")])


def results(doc: v.DocumentValidation, shape: str) -> list:
    return [r for r in doc.results if r.shape.endswith("/" + shape)]


def test_seed_has_no_violation(seed_report: v.DocumentValidation) -> None:
    assert seed_report.count("Violation") == 0
    assert seed_report.summary().startswith(f"{SEED_NUMBER}: 0 violations, ")


def test_seed_declared_total_differs_from_task_budgets(seed_report: v.DocumentValidation) -> None:
    [total] = results(seed_report, "AppendixTotalShape")
    for figure in ("1752580000", "1847580000", "-95000000"):
        assert figure in total.message("en")
    assert total.value_lines == (2019, 2021)


def test_seed_tasks_without_lead(seed_report: v.DocumentValidation, seed_graph: Graph) -> None:
    found = results(seed_report, "TaskLeadShape")
    numbering = {str(seed_graph.value(URIRef(r.focus), CANCU.numbering)) for r in found}
    assert {"2.1.", "8.", "10.3."} <= numbering
    assert all(r.lines for r in found)


def test_seed_deadlines_of_2020_in_the_2021_plan(seed_report: v.DocumentValidation) -> None:
    outside = results(seed_report, "TaskDeadlineOutsidePlanYearShape")
    before = results(seed_report, "TaskDeadlineBeforeDecisionShape")
    assert len(outside) >= 3 and len(before) >= 3
    assert all("2021" in r.message("en") and "năm 2020" in r.message("vi") for r in outside)
    assert all(r.lines and r.value_lines for r in outside)


def test_seed_area_heading_opened_twice(seed_report: v.DocumentValidation) -> None:
    found = results(seed_report, "TaskGroupHeadingRepeatedShape")
    assert {r.lines[0] for r in found} == {1124, 1150}
    assert all("II. CẢI CÁCH THỂ CHẾ" in r.message("vi") for r in found)


def test_seed_truncated_agency_name(seed_report: v.DocumentValidation) -> None:
    found = results(seed_report, "ParticipationTruncatedShape")
    assert found and all(r.lines for r in found)
    assert any("Văn phòng Đoàn ĐBQH" in r.label for r in found)


def _rows(report: v.ValidationReport) -> list[tuple]:
    return [(d.document, d.label, d.results) for d in report.documents]


def test_parallel_validation_gives_the_serial_report() -> None:
    store = bundled_store()
    serial = v.validate(store)
    assert len(serial.documents) >= 4 and serial.warnings
    assert _rows(v.validate(store, jobs=2)) == _rows(serial)
    lean = v.validate(store, jobs=2, graphs=False)
    assert _rows(lean) == _rows(serial)
    assert all(d.graph is None for d in lean.documents) and serial.documents[0].graph


def test_vocabulary_subset_gives_the_results_of_the_whole_vocabulary(seed_store: Path) -> None:
    """pySHACL gets each document with only the vocabulary triples it refers to; copying in the
    whole ontology, schemes and gazetteer gives the same results."""
    store = EmbeddedStore(seed_store, read_only=True)
    [(graph, doc, number)] = v.find_documents(store, SEED_NUMBER)
    vocabulary = store.graph(ONTOLOGY_GRAPH, AGENCIES_GRAPH)
    data = store.graph(URIRef(graph))
    needed = v.Vocabulary(vocabulary).about(data)
    assert 0 < len(needed) < len(vocabulary) / 2
    data += vocabulary
    names = [ox.NamedNode(n) for n in (graph, ONTOLOGY_GRAPH, AGENCIES_GRAPH)]
    dataset = v.Dataset(store.store, names)
    whole = v._validate_one(data, v.load_shapes(), doc, number, dataset, "pyshacl")
    [subset] = v.validate(store, SEED_NUMBER, engine="pyshacl").documents
    assert subset.results == whole.results and len(whole.results) > 20


def test_results_are_in_reading_order(seed_report: v.DocumentValidation) -> None:
    starts = [(r.lines or (0, 0))[0] for r in seed_report.results]
    assert starts == sorted(starts) and len(set(starts)) > 10


def test_batched_sparql_checks_equal_per_focus_runs(seed_store: Path) -> None:
    """Running each check once with VALUES $this gives what per-focus substitution gives."""
    store = EmbeddedStore(seed_store, read_only=True)
    graphs = [n for n in store.graph_names() if str(n).endswith("/graph")]
    dataset = v.Dataset(store.store, [ox.NamedNode(n) for n in (*graphs, ONTOLOGY_GRAPH)])
    shapes = v.load_shapes("all")

    def rows(batch: bool) -> set:
        out = set()
        for check in shapes.sparql:
            report = Graph()
            report.add((URIRef("urn:r"), RDF.type, SH.ValidationReport))
            v.run_check(check, dataset, shapes.graph, report, batch=batch)
            for r in report.subjects(RDF.type, SH.ValidationResult):
                out.add((check.shape, report.value(r, SH.focusNode), report.value(r, SH.value)))
        return out

    batched = rows(True)
    assert len(batched) >= 20
    assert batched == rows(False)


# ---------------------------------------------------------------- CLI


def cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_text_summary_and_exit_0(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = cli(capsys, "--store", str(seed_store))
    assert code == 0
    assert out.splitlines()[0].startswith(f"{SEED_NUMBER}: 0 violations, ")
    assert "Cảnh báo" in out and "Nhiệm vụ không có cơ quan chủ trì" in out


def test_cli_strict_fails_on_warnings(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli(capsys, "--store", str(seed_store), "--strict", SEED.name)[0] == 1


def test_cli_english(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = cli(capsys, "--store", str(seed_store), "--lang", "en", SEED_NUMBER)
    assert code == 0 and "Warnings" in out and "The task has no lead agency" in out


def test_cli_json(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = cli(capsys, "--store", str(seed_store), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {"focus", "path", "component", "severity", "message", "lines"} <= set(rows[0])


def test_cli_engines_print_the_same_json(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    _, fast, _ = cli(capsys, "--store", str(seed_store), "--format", "json")
    _, reference, _ = cli(
        capsys, "--store", str(seed_store), "--format", "json", "--engine", "pyshacl"
    )
    assert len(json.loads(fast)) > 20 and fast == reference


def test_cli_ttl_is_a_validation_report(seed_store: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = cli(capsys, "--store", str(seed_store), "--format", "ttl")
    g = Graph().parse(data=out, format="turtle")
    [report] = g.subjects(RDF.type, SH.ValidationReport)
    assert code == 0 and len(list(g.objects(report, SH.result))) > 20


def test_cli_unknown_document_is_a_usage_error(
    seed_store: Path, capsys: pytest.CaptureFixture
) -> None:
    code, _, err = cli(capsys, "--store", str(seed_store), "9999/QĐ-UBND")
    assert code == 2 and "2818/QĐ-UBND" in err


def test_cli_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--shapes", "nonsense"])
    assert exc.value.code == 2


def test_cli_exit_1_on_violations(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    store = EmbeddedStore(tmp_path)
    bad = Graph().parse(INVALID_DOC, format="turtle")
    store.replace_graphs({**vocabulary_graphs(), URIRef("urn:bad/graph"): bad})
    store.flush()
    del store
    code, out, _ = cli(capsys, "--store", str(tmp_path), "--shapes", "core")
    assert code == 1 and "3 violations" in out.splitlines()[0]
    assert AGENCIES_GRAPH  # validated with the gazetteer graph present


def test_new_scratch_store_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scratch store made anew for every document gives what one shared store gives."""
    store = bundled_store()
    shared = v.validate(store, graphs=False)
    monkeypatch.setattr(v, "SCRATCH_DOCUMENTS", 1)
    assert len(shared.documents) >= 4
    assert _rows(v.validate(store, graphs=False)) == _rows(shared)


def test_output_cut_short_by_the_reader_is_no_traceback() -> None:
    """``cancu validate --format json | head -1`` on the four documents (some 360 kB, more
    than a pipe holds): the reader stops early; no traceback, exit code 141."""
    store = str(bundled_store_path())
    cmd = [
        str(Path(sys.executable).parent / "cancu"),
        "validate",
        "--store",
        store,
        "--format",
        "json",
    ]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(60) == 141 and "Traceback" not in errors, errors

"""The ``queries``, ``query``, ``sparql`` and ``push`` commands: each format and error path."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cancu.cli import main
from cancu.query.saved import load_queries
from cancu.store.embedded import EmbeddedStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures_store import bundled_store_path


@pytest.fixture(scope="module")
def store() -> str:
    return str(bundled_store_path())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_every_command_has_help(capsys) -> None:
    for command in ("queries", "query", "sparql", "push"):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_queries_lists_names_summaries_and_params(capsys) -> None:
    code, out, _ = run(capsys, "queries")
    assert code == 0
    for name, query in load_queries().items():
        assert name in out and query.summary in out
    assert "agency:agency" in out


def test_query_table_with_limit(capsys, store: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, "query", "who-leads", "--limit", "15", "--store", store)
    assert code == 0
    assert "(15 rows)" in out and "Báo Tây Ninh" in out
    assert "https://w3id.org/cancu/agency/" not in out  # labels replace IRIs in the table


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_query_formats(capsys, store: str, fmt: str) -> None:
    code, out, _ = run(capsys, "query", "who-leads", "--format", fmt, "--store", store)
    assert code == 0 and "Đưa tin CCHC trên báo Tây Ninh" in out
    if fmt == "csv":
        assert out.startswith("\ufeffdocument,documentLabel,task")
    if fmt == "tsv":
        assert out.startswith("?document\t?documentLabel")
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) > 75
    if fmt == "xml":
        assert "<sparql xmlns=" in out and "<uri>https://w3id.org/cancu/eli/vn/" in out


def test_query_with_parameter(capsys, store: str) -> None:
    code, out, _ = run(
        capsys, "query", "agency-tasks", "-p", "agency=bao tay ninh", "--format", "csv",
        "--store", store,
    )  # fmt: skip
    assert code == 0 and "https://w3id.org/cancu/agency/bao-tay-ninh" in out


def test_query_show_prints_the_full_text(capsys) -> None:
    code, out, _ = run(capsys, "query", "who-leads", "--show")
    assert code == 0 and out.startswith("PREFIX cancu:") and "GROUP_CONCAT" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "who-lead"], "saved queries: "),
        (["query", "agency-tasks", "-p", "agnecy=x"], "parameters: agency:agency"),
        (["query", "agency-tasks"], "needs -p agency"),
        (["query", "tasks", "-p", "document"], "KEY=VALUE"),
        (["sparql", "SELECT ?x WHERE {"], "does not parse"),
        (["sparql"], "one of them"),
        (["query", "tasks", "-p", "document=9999/QĐ-XYZ"], "such as 134/KH-UBND; 2818/QĐ-UBND"),
        (["query", "tasks", "-p", "document=2819/QĐ-UBND"], "closest: 2818/QĐ-UBND"),
        (
            ["query", "agency-tasks", "-p", "agency=so tai chin tay ninh"],
            "Sở Tài chính tỉnh Tây Ninh",
        ),
        (["query", "tasks-citing", "-p", "instrument=61/2018/NĐ-CQ"], "61/2018/NĐ-CP"),
    ],
)
def test_usage_errors_exit_2(capsys, store: str, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv, "--store", store)
    assert code == 2 and message in err


def test_unknown_format_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["query", "who-leads", "--format", "yaml"])
    assert exc.value.code == 2


def test_missing_store_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "query", "documents", "--store", str(tmp_path / "none"))
    assert code == 2 and "cancu build" in err


def test_sparql_select_ask_and_file(capsys, store: str, tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, "sparql", "SELECT (COUNT(*) AS ?n) { ?t a cancu:Task }", "--format", "csv",
        "--store", store,
    )  # fmt: skip
    direct = EmbeddedStore(Path(store), read_only=True).store.query(
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?t a <https://w3id.org/cancu/ontology#Task> } }"
    )
    assert code == 0 and int(out.splitlines()[1]) == int(next(direct)["n"].value) > 0
    code, out, _ = run(capsys, "sparql", "ASK { ?t a cancu:Task }", "--store", store)
    assert code == 0 and out.strip() == "true"
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?d { ?d a cancu:SourceDocument }", encoding="utf-8")
    code, out, _ = run(capsys, "sparql", "-f", str(query), "--store", store)
    assert code == 0 and "(4 rows)" in out


@pytest.mark.parametrize(("fmt", "marker"), [(None, "@prefix"), ("nt", "> ."), ("jsonld", "@id")])
def test_sparql_construct_formats(capsys, store: str, fmt: str | None, marker: str) -> None:
    argv = ["sparql", "CONSTRUCT { ?d a cancu:SourceDocument } WHERE { ?d a cancu:SourceDocument }"]
    argv += ["--store", store] + (["--format", fmt] if fmt else [])
    code, out, _ = run(capsys, *argv)
    assert code == 0 and marker in out


def test_sparql_graph_format_for_select_is_an_error(capsys, store: str) -> None:
    code, _, err = run(capsys, "sparql", "SELECT * { ?s ?p ?o } LIMIT 1", "--format", "nt",
                       "--store", store)  # fmt: skip
    assert code == 2 and "CONSTRUCT" in err


def test_push_to_a_server_that_is_down(capsys, store: str) -> None:
    from fixtures_store import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    code, _, err = run(capsys, "push", "--endpoint", url, "--store", store)
    assert code == 1 and "cannot reach" in err and "running" in err


def test_push_password_env_must_exist(capsys, store: str) -> None:
    code, _, err = run(capsys, "push", "--endpoint", "http://127.0.0.1:1/query", "--user", "u",
                       "--password-env", "CANCU_NO_SUCH_VAR", "--store", store)  # fmt: skip
    assert code == 2 and "CANCU_NO_SUCH_VAR" in err


def test_columns_keep_their_labels_and_unknown_columns_are_usage_errors(capsys, store: str) -> None:
    code, out, _ = run(
        capsys, "query", "who-leads", "--columns", "numbering,lead,budget", "--format", "csv",
        "--limit", "3", "--store", store,
    )  # fmt: skip
    assert code == 0
    assert out.lstrip("\ufeff").splitlines()[0] == "numbering,lead,leadLabel,budget"
    code, _, err = run(capsys, "query", "who-leads", "--columns", "nope", "--store", store)
    assert code == 2 and "unknown column nope" in err

"""Saved queries: headers, parsing, goldens, the generated README, parameters and injection."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from cancu.query.backends import Embedded, Result
from cancu.query.formats import to_json
from cancu.query.params import resolve
from cancu.query.run import run_query, sort_multi_valued
from cancu.query.saved import (
    HEADER_KEYS,
    QUERIES_DIR,
    QueryError,
    get_query,
    load_queries,
    parse_query,
    readme_text,
)
from cancu.resolve import NoMatchError
from cancu.sparql_text import with_leading_values

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures_store import GOLDEN_DIR, bundled_store, read_golden, same_answer

QUERIES = load_queries()
NAMES = sorted(QUERIES)
EXPECTED = {
    "documents", "legal-bases", "instruments", "who-leads", "tasks", "agency-tasks",
    "tasks-citing", "budget-by-agency", "budget-reconciliation", "deadlines", "coordination",
    "duties", "instrument-status", "shared-bases", "agency-across-documents",
}  # fmt: skip
REQUIRED_VARS = {
    "documents": "document number type title issuer place date signer signerRole effectiveDate",
    "legal-bases": "document instrument number type date issuer asWritten",
    "instruments": "instrument number type issuer date citations",
    "who-leads": "task text lead coordinators legalBasis deadline budget",
    "tasks": "document task area group numbering text product lead coordinators levels "
    "deadlineText deadlineEnd budget note",
    "agency-tasks": "agency role task text deadline budget",
    "tasks-citing": "item text lead document",
    "budget-by-agency": "agency tasks budget",
    "budget-reconciliation": "document declaredTotal sumOfTasks difference tasksWithoutAmount",
    "deadlines": "period start end tasks",
    "coordination": "lead coordinator tasks",
    "duties": "group label text instruments",
    "instrument-status": "instrument number status statusDate source",
    "shared-bases": "instrument number count documents",
    "agency-across-documents": "agency document led coordinated duties budgetLed",
}
ENTITY_VARS = {"document", "instrument", "issuer", "lead", "coordinators", "agency", "coordinator"}
SEED_DOC = "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818"
INJECTIONS = ['" } ; DROP ALL ; #', "> } SERVICE <http://127.0.0.1:1/> {"]


@pytest.fixture(scope="module")
def backend() -> Embedded:
    return Embedded(bundled_store())


def test_the_expected_queries_exist() -> None:
    assert set(NAMES) >= EXPECTED


@pytest.mark.parametrize("name", NAMES)
def test_query_parses_and_projects_its_columns(name: str) -> None:
    query = QUERIES[name]
    prepareQuery(query.sparql)  # rdflib: raises on a syntax error
    variables = [str(v) for v in prepareQuery(query.sparql).algebra["PV"]]
    missing = set(REQUIRED_VARS.get(name, "").split()) - set(variables)
    assert not missing, f"{name} lacks {missing}"
    for var in ENTITY_VARS & set(variables):
        assert var + "Label" in variables, f"{name}: ?{var} without ?{var}Label"


@pytest.mark.parametrize("name", NAMES)
def test_query_has_a_golden_and_matches_it(name: str, backend: Embedded) -> None:
    query = QUERIES[name]
    golden = GOLDEN_DIR / f"{name}.srj"
    result = run_query(query, backend, dict(query.example))
    if os.environ.get("CANCU_UPDATE_GOLDENS"):
        golden.write_text(to_json(result), encoding="utf-8")
    assert golden.is_file(), f"no golden for {name}: run CANCU_UPDATE_GOLDENS=1 pytest {__file__}"
    assert len(result) > 0, f"{name} answers nothing on the bundled data"
    assert same_answer(result, read_golden(golden), query.ordered)


def test_every_golden_belongs_to_a_query() -> None:
    assert {p.stem for p in GOLDEN_DIR.glob("*.srj")} == set(NAMES)


def test_saved_queries_do_not_need_a_union_default_graph() -> None:
    union = Embedded(bundled_store(), union=True)
    plain = Embedded(bundled_store(), union=False)
    for query in QUERIES.values():
        a = run_query(query, union, dict(query.example))
        b = run_query(query, plain, dict(query.example))
        assert same_answer(a, b, query.ordered), query.name


def test_readme_is_up_to_date() -> None:
    readme = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    assert readme == readme_text(), "queries/README.md is stale: python -m cancu.query.saved"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#+ summary: a\n#+ summary_en: a\n#+ tags:\n#+ params:\n#+ author: me\nASK {}", "author"),
        ("#+ summary: a\n#+ tags:\n#+ params:\nASK {}", "summary_en"),
        ("#+ summary: a\n#+ summary_en: a\n#+ tags:\n#+ params: x:date\nASK {}", "date"),
        ("#+ summary: a\n#+ summary_en: a\n#+ tags:\n#+ params: x\nASK {}", "name:type"),
    ],
)
def test_bad_headers_are_rejected(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query("bad", text)


def test_header_keys_are_the_documented_ones() -> None:
    for query in QUERIES.values():
        text = query.path.read_text(encoding="utf-8")
        keys = {
            line[2:].split(":")[0].strip() for line in text.splitlines() if line.startswith("#+")
        }
        assert keys <= set(HEADER_KEYS)


def test_a_query_that_does_not_parse_is_caught(tmp_path: Path) -> None:
    (tmp_path / "broken.rq").write_text(
        "#+ summary: a\n#+ summary_en: a\n#+ tags:\n#+ params:\nSELECT ?x WHERE { ?x", "utf-8"
    )
    query = load_queries(tmp_path)["broken"]
    with pytest.raises(Exception):  # noqa: B017 - rdflib raises pyparsing errors
        prepareQuery(query.sparql)


def test_unknown_query_lists_the_saved_ones() -> None:
    with pytest.raises(QueryError, match="who-leads"):
        get_query("who-lead")


# ---------------------------------------------------------------------- answers on the seed


def _rows(result) -> list[dict]:
    return result.dicts()


def test_who_leads_seed_row_read_from_the_text(backend: Embedded) -> None:
    rows = _rows(run_query(QUERIES["who-leads"], backend, {"document": SEED_DOC}))
    assert len(rows) == 75
    row = next(r for r in rows if r["text"] == "Đưa tin CCHC trên báo Tây Ninh")
    assert row["leadLabel"] == "Báo Tây Ninh"
    assert row["lead"] == "https://w3id.org/cancu/agency/bao-tay-ninh"
    assert row["budget"] == 158580000
    assert row["deadline"] == "Kế hoạch cụ thể của Báo Tây Ninh"
    assert row["basisFrom"] == "document"
    cited = [r for r in rows if r["basisFrom"] == "task"]
    assert cited and all("26/2019/TT-BTC" in r["legalBasisLabel"] for r in cited[:3])


def test_document_parameter_accepts_a_number(backend: Embedded) -> None:
    by_iri = run_query(QUERIES["legal-bases"], backend, {"document": SEED_DOC})
    by_number = run_query(QUERIES["legal-bases"], backend, {"document": "2818/QĐ-UBND"})
    assert by_iri.rows == by_number.rows and len(by_iri) == 5


def test_multi_valued_cells_are_sorted_and_aligned(backend: Embedded) -> None:
    for row in run_query(QUERIES["tasks"], backend).dicts():
        if "; " in row.get("leadLabel", ""):
            labels, iris = row["leadLabel"].split("; "), row["lead"].split("; ")
            assert labels == sorted(labels) and len(labels) == len(iris)
            break
    else:
        pytest.fail("no task with several leads")


@pytest.mark.parametrize("typed", ["Báo Tây Ninh", "bao tay ninh", "BAO TAY NINH"])
def test_agency_typed_with_or_without_diacritics(backend: Embedded, typed: str) -> None:
    rows = run_query(QUERIES["agency-tasks"], backend, {"agency": typed}).dicts()
    assert rows and {r["agency"] for r in rows} == {"https://w3id.org/cancu/agency/bao-tay-ninh"}
    assert {r["roleLabel"] for r in rows} >= {"Chủ trì"}


def test_ambiguous_agency_answers_for_every_agency(backend: Embedded) -> None:
    rows = run_query(QUERIES["agency-tasks"], backend, {"agency": "Sở Tài chính"}).dicts()
    agencies = [r["agency"] for r in rows]
    assert len(set(agencies)) >= 2 and agencies == sorted(agencies)


@pytest.mark.parametrize("name", ["agency-tasks", "agency-across-documents"])
def test_several_terms_bind_at_once_like_one_run_per_term(backend: Embedded, name: str) -> None:
    """One VALUES clause for all the agencies a name fits gives the rows one run per agency
    gives, in the query's order (agency first)."""
    query = QUERIES[name]
    agencies = resolve("agency", "Sở Tài chính", backend)
    assert len(agencies) >= 2
    together = run_query(query, backend, {"agency": "Sở Tài chính"})
    one_by_one = [
        row for a in agencies for row in run_query(query, backend, {"agency": a.value}).rows
    ]
    assert together.rows == one_by_one


class _TrailingValuesOnly:
    """A backend with no ``select_values``: several terms go in a trailing VALUES clause."""

    def __init__(self, inner: Embedded) -> None:
        self.inner = inner

    def select(self, sparql, bindings):
        return self.inner.select(sparql, bindings)


def test_several_terms_on_another_backend(backend: Embedded) -> None:
    query = QUERIES["agency-tasks"]
    plain = run_query(query, backend, {"agency": "Sở Tài chính"})
    other = run_query(query, _TrailingValuesOnly(backend), {"agency": "Sở Tài chính"})
    assert plain.rows == other.rows and len(plain) > 0


def test_tasks_citing_normalises_the_number(backend: Embedded) -> None:
    a = run_query(QUERIES["tasks-citing"], backend, {"instrument": "26/2019/TT-BTC"})
    b = run_query(QUERIES["tasks-citing"], backend, {"instrument": "26/2019/tt-btc"})
    assert len(a) > 0 and a.rows == b.rows


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("name", "param"),
    [("agency-tasks", "agency"), ("tasks-citing", "instrument"), ("who-leads", "document")],
)
def test_injection_changes_nothing(backend: Embedded, name: str, param: str, value: str) -> None:
    before = len(bundled_store().store)
    with pytest.raises(NoMatchError, match="matches"):
        run_query(QUERIES[name], backend, {param: value})
    assert len(bundled_store().store) == before


def test_unknown_and_missing_parameters_are_errors(backend: Embedded) -> None:
    with pytest.raises(QueryError, match="parameters: agency:agency"):
        run_query(QUERIES["agency-tasks"], backend, {"agnecy": "x"})
    with pytest.raises(QueryError, match="needs -p agency"):
        run_query(QUERIES["agency-tasks"], backend, {})


def test_iri_parameter_must_be_absolute() -> None:
    with pytest.raises(QueryError, match="absolute IRI"):
        resolve("iri", "not an iri", None)
    assert resolve("iri", "http://x/y", None) == [ox.NamedNode("http://x/y")]


def test_leading_values_skip_comments_strings_and_iris() -> None:
    sparql = (
        "PREFIX x: <urn:x#{>\n# a comment with { braces\n"
        "SELECT (CONCAT(\"{\", '}') AS ?s) WHERE { ?a ?b ?c }"
    )
    out = with_leading_values(sparql, "VALUES ?a { <urn:a> }")
    assert out.endswith("WHERE {\nVALUES ?a { <urn:a> }\n ?a ?b ?c }")
    assert with_leading_values("ASK", "V") == "ASK\nV\n"


def test_sorting_keeps_cells_that_are_already_in_order() -> None:
    one, two = ox.Literal("u:1; u:2"), ox.Literal("A; B")
    row = (one, two, ox.Literal("single"))
    result = sort_multi_valued(Result(["a", "aLabel", "b"], [row]), ["a", "aLabel", "b"])
    assert result.rows[0] is row
    swapped = Result(
        ["a", "aLabel"],
        [
            (
                ox.Literal("u:2; u:1"),
                ox.Literal("B; A"),
            )
        ],
    )
    assert [t.value for t in sort_multi_valued(swapped, ["a", "aLabel"]).rows[0]] == [
        "u:1; u:2",
        "A; B",
    ]
    mismatched = (ox.Literal("u:2; u:1"), ox.Literal("only one"))
    kept = sort_multi_valued(Result(["a", "aLabel"], [mismatched]), ["a", "aLabel"])
    assert kept.rows[0] is mismatched


@pytest.mark.parametrize("name", ["who-leads", "agency-tasks", "documents"])
def test_limit_keeps_the_first_rows(backend: Embedded, name: str) -> None:
    query = QUERIES[name]
    full = run_query(query, backend, dict(query.example))
    assert run_query(query, backend, dict(query.example), limit=3).rows == full.rows[:3]

"""Quality checks of ontology/cancu.ttl and ontology/schemes.ttl (ODK-style)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import owlrl
import pytest
import rdflib.namespace as rns
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cancu.rdf.ontology import load_ontology
from cancu.resources import ontology_file, schemes_file
from cancu.vocab import CANCU, CV, ELI, FOAF, ORG, SCHEMA, SCHEME

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "sources" / "qd-2818-2020-ubnd-tayninh.txt"
OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

REUSED_NAMESPACES = tuple(
    str(ns)
    for ns in (
        RDF,
        RDFS,
        OWL,
        rns.XSD,
        SKOS,
        rns.TIME,
        rns.PROV,
        DCTERMS,
        ELI,
        CV,
        ORG,
        SCHEMA,
        FOAF,
    )
)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

# The names the mapping code relies on: renaming one of them must fail here.
CONTRACT_CLASSES = {
    "LegalInstrument", "SourceDocument", "AttachedPlan", "Article", "PlanSection", "PlanItem",
    "Appendix", "TaskGroup", "Task", "Duty", "Agency", "AgencyGroup", "UnresolvedAgent",
    "Participation", "Citation", "Signature", "Deadline", "SourceText",
}  # fmt: skip
CONTRACT_OBJECT_PROPERTIES = {
    "participation", "area", "level", "deadline", "deadlineKind", "budget", "declaredTotal",
    "inGroup", "citation", "citedInstrument", "citationKind", "proposedBy", "recipient",
    "signature", "signer", "sourceText", "hasMember", "matchQuality", "attachedPlan", "appendix",
}  # fmt: skip
CONTRACT_DATATYPE_PROPERTIES = {
    "numberAsWritten", "serial", "issuerCode", "typeCode", "dateAsWritten", "place",
    "enactingAuthority", "asWritten", "subject", "pinpoint", "text", "numbering", "position",
    "content", "product", "quantity", "note", "fundingSource", "areaHeading", "lineStart",
    "lineEnd", "sha256", "fileName", "formula", "post", "onBehalfOf", "amountInWords",
    "memberRule", "effectiveDateAsWritten",
}  # fmt: skip
CONTRACT_SCHEMES = {
    "document-type": {
        "luat", "nghi-dinh", "thong-tu", "thong-tu-lien-tich", "quyet-dinh", "chi-thi",
        "nghi-quyet", "ke-hoach", "thong-bao", "huong-dan", "chuong-trinh", "quy-che",
        "van-ban-hop-nhat", "cong-van", "ket-luan", "hien-phap", "phap-lenh", "lenh",
        "cong-dien", "bao-cao", "to-trinh", "de-an", "quy-dinh",
    },
    "issuer": {
        "qh", "cp", "ttg", "vpcp", "bnv", "btc", "btp", "bct", "btttt", "bkhcn", "ubnd", "hdnd",
        "tw", "bca", "bgddt", "byt", "bnnptnt", "btnmt", "bxd", "bkhdt", "bldtbxh", "nhnn",
    },
    "role": {
        "lead", "coordinating", "assigned", "monitoring", "funding", "executing", "proposing",
    },
    "level": {"trung-uong", "tinh", "huyen", "xa"},
    "reform-area": {
        "chi-dao-dieu-hanh", "the-che", "thu-tuc-hanh-chinh", "mot-cua", "to-chuc-bo-may",
        "cong-chuc", "tai-chinh-cong", "hien-dai-hoa",
    },
    "deadline-kind": {
        "day", "month", "quarter", "half-year", "year", "range", "ongoing", "plan-specific",
        "unparsed",
    },
    "citation-kind": {"legal-basis", "reference", "mention", "self"},
    "match-quality": {"exact", "normalized", "abbreviation", "truncated", "unresolved"},
}  # fmt: skip

# Reform-area headings of the seed, as they appear there once line breaks are joined:
# the appendix area rows, then the items of plan section II.
SEED_AREA_HEADINGS = [
    ("I. CÔNG TÁC ĐIỀU HÀNH", "chi-dao-dieu-hanh"),
    ("II. CẢI CÁCH THỂ CHẾ", "the-che"),
    ("III. CẢI CÁCH VÀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH", "thu-tuc-hanh-chinh"),
    ("IV. THỰC HIỆN CƠ CHẾ MỘT CỬA, CƠ CHẾ MỘT CỬA LIÊN THÔNG", "mot-cua"),
    ("V. CẢI CÁCH TỔ CHỨC BỘ MÁY HCNN", "to-chuc-bo-may"),
    ("VI. XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC", "cong-chuc"),
    ("VII. CẢI CÁCH TÀI CHÍNH CÔNG", "tai-chinh-cong"),
    ("VIII. HIỆN ĐẠI HÓA HÀNH CHÍNH", "hien-dai-hoa"),
    ("1. Công tác lãnh đạo, chỉ đạo, điều hành, tuyên truyền", "chi-dao-dieu-hanh"),
    ("2. Cải cách thể chế", "the-che"),
    ("3. Cải cách thủ tục hành chính", "thu-tuc-hanh-chinh"),
    ("4. Cải cách tổ chức bộ máy hành chính nhà nước", "to-chuc-bo-may"),
    ("5. Thực hiện cơ chế một cửa, cơ chế một cửa liên thông", "mot-cua"),
    ("6. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "cong-chuc"),
    ("7. Cải cách tài chính công", "tai-chinh-cong"),
    ("8. Hiện đại hóa nền hành chính nhà nước", "hien-dai-hoa"),
]

CANCU_IN_TEXT = re.compile(r"\bcancu:([A-Za-z_][A-Za-z0-9_]*)")
CANCU_IN_PY = re.compile(r"\bCANCU(?:\.([A-Za-z_]\w*)|\[\s*[\"']([^\"']+)[\"']\s*\])")
NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\.\s+")


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return Graph().parse(schemes_file(), format="turtle")


@pytest.fixture(scope="module")
def combined() -> Graph:
    return load_ontology()


def declared_terms(g: Graph) -> dict[URIRef, set[URIRef]]:
    """Map each cancu: IRI declared as class or property to its declared OWL types."""
    out: dict[URIRef, set[URIRef]] = {}
    for kind in TERM_TYPES:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(str(CANCU)):
                out.setdefault(s, set()).add(kind)
    return out


def langs(g: Graph, s: URIRef, p: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def normalise(label: str) -> str:
    """NFC, case-folded, whitespace collapsed: how a matcher compares headings with labels."""
    return " ".join(unicodedata.normalize("NFC", label).casefold().split())


def strip_numbering(heading: str) -> str:
    return NUMBERING.sub("", heading.strip())


def owl_rl_problems(g: Graph) -> list[str]:
    """Expand ``g`` (a copy) with OWL-RL and return its inconsistency reports.

    owlrl records a clash as ``[] a err:ErrorMessage ; err:error "..."``; an individual
    inferred to be of type owl:Nothing is reported too.
    """
    closure = Graph()
    for t in g:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    problems = [
        str(closure.value(node, OWLRL_ERROR.error))
        for node in closure.subjects(RDF.type, OWLRL_ERROR.ErrorMessage)
    ]
    problems += [f"{s} is owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing)]
    return problems


def cancu_terms_used(
    paths: list[Path], pattern: re.Pattern[str], root: Path = REPO
) -> dict[str, set[str]]:
    """Map each cancu local name used in ``paths`` to the files using it."""
    ignored = set(dir(Namespace("x")))  # str and Namespace attributes are not terms
    used: dict[str, set[str]] = {}
    for path in paths:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            name = next(g for g in match.groups() if g)
            if pattern is CANCU_IN_PY and match.group(1) and name in ignored:
                continue
            used.setdefault(name, set()).add(str(path.relative_to(root)))
    return used


# ---------------------------------------------------------------- parsing and the contract


def test_files_parse_and_are_not_empty(ontology: Graph, schemes: Graph) -> None:
    assert (None, RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 300
    assert len(list(schemes.subjects(RDF.type, SKOS.Concept))) > 50


def test_ontology_header(ontology: Graph) -> None:
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert str(header) == "https://w3id.org/cancu/ontology"
    assert ontology.value(header, OWL.versionInfo) == Literal("0.1.0")
    assert {"vi", "en"} <= langs(ontology, header, DCTERMS.title)
    assert "en" in langs(ontology, header, DCTERMS.description)


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (CONTRACT_CLASSES, OWL.Class),
        (CONTRACT_OBJECT_PROPERTIES, OWL.ObjectProperty),
        (CONTRACT_DATATYPE_PROPERTIES, OWL.DatatypeProperty),
    ],
    ids=["classes", "object-properties", "datatype-properties"],
)
def test_contract_terms_declared(ontology: Graph, names: set[str], kind: URIRef) -> None:
    missing = sorted(n for n in names if (CANCU[n], RDF.type, kind) not in ontology)
    assert not missing, f"not declared as {kind}: {missing}"


def test_each_term_has_one_kind(ontology: Graph) -> None:
    mixed = {str(t): k for t, k in declared_terms(ontology).items() if len(k) != 1}
    assert not mixed


# ---------------------------------------------------------------- labels and definitions


def test_every_cancu_term_has_labels_and_definition(ontology: Graph) -> None:
    terms = declared_terms(ontology)
    assert len(terms) >= len(CONTRACT_CLASSES | CONTRACT_OBJECT_PROPERTIES)
    problems = []
    for term in sorted(terms):
        if not {"vi", "en"} <= langs(ontology, term, RDFS.label):
            problems.append(f"{term}: rdfs:label @vi and @en")
        definitions = langs(ontology, term, SKOS.definition) | langs(ontology, term, RDFS.comment)
        if "en" not in definitions:
            problems.append(f"{term}: skos:definition or rdfs:comment @en")
    assert not problems, "\n".join(problems)


def test_every_cancu_iri_in_ontology_is_declared(combined: Graph) -> None:
    declared = set(declared_terms(combined))
    used = {
        node
        for triple in combined
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(CANCU))
    }
    assert used, "no cancu: IRI found at all"
    assert not sorted(used - declared)


def test_external_terms_come_from_reused_vocabularies(combined: Graph) -> None:
    """Predicates and the classes/properties axioms point to are cancu: or reused terms."""
    axiom_predicates = (
        RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith,
    )  # fmt: skip
    outside = set()
    for s, p, o in combined:
        candidates = [p]
        if p in axiom_predicates:
            candidates += [s, o]
        if p == RDF.type:
            candidates.append(o)
        for node in candidates:
            if isinstance(node, URIRef) and not str(node).startswith(
                (str(CANCU), *REUSED_NAMESPACES)
            ):
                outside.add(str(node))
    assert not sorted(outside)


def test_owl_declarations_have_domain_or_range(ontology: Graph) -> None:
    without = [
        str(t)
        for t, kinds in declared_terms(ontology).items()
        if OWL.Class not in kinds and ontology.value(t, RDFS.range) is None
    ]
    assert not without, "properties without rdfs:range"


# ---------------------------------------------------------------- SKOS schemes


def test_concepts_have_labels_and_a_declared_scheme(schemes: Graph) -> None:
    declared_schemes = set(schemes.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(declared_schemes) == len(CONTRACT_SCHEMES)
    problems = []
    for concept in sorted(schemes.subjects(RDF.type, SKOS.Concept)):
        pref = [o for o in schemes.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
        for lang in ("vi", "en"):
            count = sum(1 for o in pref if o.language == lang)
            if count != 1:
                problems.append(f"{concept}: {count} skos:prefLabel @{lang}")
        in_schemes = set(schemes.objects(concept, SKOS.inScheme))
        if len(in_schemes) != 1 or not in_schemes <= declared_schemes:
            problems.append(f"{concept}: skos:inScheme {sorted(in_schemes)}")
            continue
        scheme = in_schemes.pop()
        if not str(concept).startswith(str(scheme) + "/"):
            problems.append(f"{concept}: IRI is not under its scheme {scheme}")
    for scheme in declared_schemes:
        if not {"vi", "en"} <= langs(schemes, scheme, SKOS.prefLabel):
            problems.append(f"{scheme}: skos:prefLabel @vi and @en")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme_name", sorted(CONTRACT_SCHEMES))
def test_scheme_has_contract_codes(schemes: Graph, scheme_name: str) -> None:
    scheme = SCHEME[scheme_name]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in schemes
    codes = {
        str(c).rsplit("/", 1)[1]
        for c in schemes.subjects(SKOS.inScheme, scheme)
        if (c, RDF.type, SKOS.Concept) in schemes
    }
    assert codes == CONTRACT_SCHEMES[scheme_name]


def test_skos_labels_do_not_clash_within_a_concept(schemes: Graph) -> None:
    """SKOS S13: a concept's prefLabel and altLabel values are disjoint."""
    clashes = [
        (str(c), str(label))
        for c, label in schemes.subject_objects(SKOS.altLabel)
        if (c, SKOS.prefLabel, label) in schemes
    ]
    assert not clashes


@pytest.mark.parametrize(
    ("code", "notation"),
    [
        ("quyet-dinh", "QĐ"),
        ("nghi-dinh", "NĐ"),
        ("thong-tu-lien-tich", "TTLT"),
        ("to-trinh", "TTr"),
    ],
)
def test_document_type_notation(schemes: Graph, code: str, notation: str) -> None:
    concept = SCHEME[f"document-type/{code}"]
    assert set(schemes.objects(concept, SKOS.notation)) == {Literal(notation)}


# ---------------------------------------------------------------- reform-area headings


def reform_area_matches(schemes: Graph, heading: str) -> set[str]:
    wanted = normalise(strip_numbering(heading))
    scheme = SCHEME["reform-area"]
    found = set()
    for concept in schemes.subjects(SKOS.inScheme, scheme):
        labels = list(schemes.objects(concept, SKOS.prefLabel))
        labels += list(schemes.objects(concept, SKOS.altLabel))
        if any(normalise(str(label)) == wanted for label in labels):
            found.add(str(concept).rsplit("/", 1)[1])
    return found


@pytest.mark.parametrize(
    ("heading", "code"), SEED_AREA_HEADINGS, ids=[h for h, _ in SEED_AREA_HEADINGS]
)
def test_seed_area_heading_maps_to_one_concept(schemes: Graph, heading: str, code: str) -> None:
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    assert heading in seed, "heading not found in the seed: fix the test data"
    assert reform_area_matches(schemes, heading) == {code}


def test_area_matcher_rejects_a_non_area_heading(schemes: Graph) -> None:
    assert reform_area_matches(schemes, "III. KẾ HOẠCH TRIỂN KHAI") == set()


# ---------------------------------------------------------------- terms used elsewhere


def test_cancu_terms_used_in_code_shapes_and_queries_are_declared(ontology: Graph) -> None:
    py_files = sorted((REPO / "src" / "cancu").rglob("*.py"))
    rdf_files = sorted((REPO / "shapes").rglob("*.ttl")) + sorted((REPO / "queries").rglob("*.rq"))
    assert len(py_files) >= 5, "the scan did not find the package sources"
    used = cancu_terms_used(py_files, CANCU_IN_PY)
    # cancu:Name also appears inside SPARQL strings in Python
    for name, files in cancu_terms_used(py_files + rdf_files, CANCU_IN_TEXT).items():
        used.setdefault(name, set()).update(files)
    assert "Task" in used, "vocab.py's CANCU.Task was not seen: the scan is broken"
    declared = {str(t)[len(str(CANCU)) :] for t in declared_terms(ontology)}
    undeclared = {name: sorted(files) for name, files in used.items() if name not in declared}
    assert not undeclared, f"cancu: terms used but not declared in cancu.ttl: {undeclared}"


def test_term_scanner_sees_the_usual_spellings(tmp_path: Path) -> None:
    py = tmp_path / "m.py"
    py.write_text('CANCU.Task, CANCU["lineStart"], CANCU.startswith("x"), "cancu:budget"\n')
    rq = tmp_path / "q.rq"
    rq.write_text(
        "PREFIX cancu: <https://w3id.org/cancu/ontology#>\nSELECT * { ?t cancu:inGroup ?g }"
    )
    assert set(cancu_terms_used([py], CANCU_IN_PY, tmp_path)) == {"Task", "lineStart"}
    assert set(cancu_terms_used([py, rq], CANCU_IN_TEXT, tmp_path)) == {"budget", "inGroup"}


# ---------------------------------------------------------------- OWL-RL consistency


def test_owl_rl_closure_is_consistent(combined: Graph) -> None:
    problems = owl_rl_problems(combined)
    assert not problems, problems


def test_owl_rl_closure_of_the_ontology_with_the_seed_graph_is_consistent() -> None:
    """Ontology + schemes + gazetteer + the extracted seed: no clash, no owl:Nothing."""
    from cancu.pipeline import extract, vocabulary_graphs

    g = Graph()
    for graph in vocabulary_graphs().values():
        for t in graph:
            g.add(t)
    seed = extract(SEED.read_text(encoding="utf-8"), "seed.txt")
    assert len(seed) > 5000
    for t in seed:
        g.add(t)
    problems = owl_rl_problems(g)
    assert not problems, problems[:5]


def test_owl_rl_check_detects_a_clash(combined: Graph) -> None:
    """The consistency check can fail: an agency that is also a group clashes."""
    g = Graph()
    for t in combined:
        g.add(t)
    bad = URIRef("https://w3id.org/cancu/agency/test-clash")
    g.add((bad, RDF.type, CANCU.Agency))
    g.add((bad, RDF.type, CANCU.AgencyGroup))
    assert owl_rl_problems(g)


def test_owl_rl_infers_reused_superclasses(combined: Graph) -> None:
    g = Graph()
    for t in combined:
        g.add(t)
    task = BNode()
    g.add((task, RDF.type, CANCU.Task))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert (task, RDF.type, ELI.LegalResource) in g

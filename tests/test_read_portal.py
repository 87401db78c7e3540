"""Pages of a legal portal (shared/corpus/portal): the document is found inside the page's
chrome, every page builds, and its header agrees with the portal's own metadata."""

from __future__ import annotations

import json

import pytest

from cancu.errors import InputError
from cancu.extract.document import extract_document
from cancu.pipeline import build, extract_file
from cancu.rdf.mapping import document_iri
from cancu.read import read_file
from cancu.read.text import read_text
from cancu.store.embedded import EmbeddedStore

from .conftest import PORTAL

pytestmark = pytest.mark.skipif(
    not (PORTAL / "metadata.jsonl").is_file(), reason=f"no portal pages at {PORTAL}"
)


def _metadata() -> dict[str, dict[str, str]]:
    lines = (PORTAL / "metadata.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return {row["file"]: row["portal_metadata"] for row in rows}


@pytest.fixture(scope="module")
def pages():
    meta = _metadata()
    assert len(meta) >= 50, "expected the 50 portal pages"
    return {name: (extract_file(PORTAL / name), fields) for name, fields in meta.items()}


def test_every_page_builds_with_its_number(pages):
    wrong = [
        (name, doc.number.normalized if doc.number else None, fields["Số hiệu"])
        for name, (doc, fields) in pages.items()
        if doc.number is None or doc.number.normalized.lstrip("0") != fields["Số hiệu"].lstrip("0")
    ]
    assert wrong == []


def test_signer_and_date_agree_with_the_portal(pages):
    signers = sum(
        1
        for doc, fields in pages.values()
        if doc.signature is not None and doc.signature.signer == fields["Người ký"]
    )
    dates = sum(
        1
        for doc, fields in pages.values()
        if doc.date is not None and doc.date.strftime("%d/%m/%Y") == fields["Ngày ban hành"]
    )
    assert signers >= 0.95 * len(pages)
    assert dates >= 0.95 * len(pages)


def test_chrome_never_becomes_a_fact(pages):
    for name, (doc, _) in pages.items():
        signer = doc.signature.signer if doc.signature else ""
        assert "Địa chỉ" not in (signer or ""), name
        cited = {c.instrument.number.normalized for c in doc.citations if c.instrument.number}
        assert "13/2023/NĐ-CP" not in cited, name  # the site's privacy notice
        assert any("not read as the document" in w for w in doc.warnings), name


def test_letters_are_read_with_their_subject(pages):
    letters = [(doc, f) for doc, f in pages.values() if f["Loại văn bản"] == "Công văn"]
    assert len(letters) >= 10
    assert all(doc.type_code == "CV" for doc, _ in letters)
    assert sum(1 for doc, _ in letters if doc.title) >= len(letters) - 2


def test_portal_metadata_is_kept_as_a_second_witness():
    name = sorted(_metadata())[0]
    blocks = read_file(PORTAL / name)
    assert blocks.format == "text"
    assert blocks.field("Số hiệu") == _metadata()[name]["Số hiệu"]
    assert blocks.field("Ngày hiệu lực") is None  # "Đã biết" is a placeholder, not data


def test_a_page_whose_header_disagrees_is_flagged():
    name = sorted(_metadata())[0]
    text = (PORTAL / name).read_text(encoding="utf-8")
    number = _metadata()[name]["Số hiệu"]
    serial, rest = number.split("/", 1)
    changed = text.replace(f"Số: {number}", f"Số: {int(serial) + 1}/{rest}", 1)
    assert changed != text
    doc = extract_document(read_text(changed.encode(), name, "0" * 64))
    assert any("publisher's number" in w for w in doc.warnings)


def test_a_page_without_a_header_or_metadata_is_refused():
    with pytest.raises(InputError, match="not a decision or plan"):
        extract_document(read_text("Đang tải văn bản...\n|\nXin chào".encode(), "x.txt", "0" * 64))


def test_pages_built_together_never_merge(tmp_path):
    names = sorted(_metadata())[:12]
    reports = build([PORTAL / n for n in names], EmbeddedStore(tmp_path / "store"))
    assert [r.error for r in reports if r.error] == []
    assert len({r.graph for r in reports}) == len(names)


def test_a_document_without_a_number_gets_its_own_provisional_iri():
    text = "\n|\n".join(
        ["ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:   /KH-UBND",
         "X, ngày   tháng 12 năm 2025", "KẾ HOẠCH", "Cải cách hành chính", ""]
    )  # fmt: skip
    first = extract_document(read_text(text.encode(), "a.txt", "a" * 64))
    second = extract_document(read_text(text.encode(), "b.txt", "b" * 64))
    assert first.number is None and first.number_as_written == "/KH-UBND"
    assert any("not filled in yet" in w for w in first.warnings)
    assert "/provisional/" in document_iri(first)
    assert document_iri(first) != document_iri(second)


def test_assignments_in_running_text_are_tasks(pages):
    tasks = [t for doc, _ in pages.values() for t in doc.prose_tasks]
    assert len(tasks) >= 5
    assert all(t.leads and t.text for t in tasks)
    assert all(not any("Điện thoại" in a.as_written for a in t.leads) for t in tasks)

"""The scoring functions of the reading-quality evaluation (``benchmarks/evaluation``).

Small hand-made cases; nothing here asserts the extractor's current accuracy.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import json
import pkgutil
from pathlib import Path
from types import SimpleNamespace as NS

import benchmarks.evaluation as evaluation
import pytest
from benchmarks.evaluation.bases import Cited, match, prf
from benchmarks.evaluation.fold import fold_number, issuer_matches, names_match, type_code
from benchmarks.evaluation.header import score_header
from benchmarks.evaluation.reference import REFERENCE_DIR, Reference, load_references
from benchmarks.evaluation.run import documents_in, evaluate_folder
from benchmarks.evaluation.tasks import agents_verdict, score_rows, score_sample, within
from benchmarks.evaluation.warning_kinds import warning_kind

from tests.conftest import PORTAL

SEED = Path(__file__).resolve().parents[1] / "data" / "sources" / "qd-2818-2020-ubnd-tayninh.txt"


def test_doctests_of_every_module():
    modules = [m.name for m in pkgutil.iter_modules(evaluation.__path__)]
    assert {"fold", "bases", "header", "tasks"} <= set(modules)
    for name in modules:
        module = importlib.import_module(f"benchmarks.evaluation.{name}")
        result = doctest.testmod(module)
        assert result.failed == 0, name


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("471/QĐ-UBND", "471/qđ-ubnd", True),
        ("0134/KH-UBND", "134/KH-UBND", True),
        ("24/2026//NQ-CP", "24/2026/NQ-CP", True),
        ("2536/QĐ-TTg", "2536 / QĐ-TTG", True),
        ("81/2018/NĐ-CP", "81/2018/ND-CP", True),
        ("81/2018/NĐ-CP", "18/2018/NĐ-CP", False),
        ("57-NQ/TW", "57/NQ-TW", False),
    ],
)
def test_number_folding(a, b, equal):
    assert (fold_number(a) == fold_number(b)) is equal


@pytest.mark.parametrize(
    ("reference", "extracted", "right"),
    [
        ("Tỉnh Bắc Ninh", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", True),
        ("Tỉnh Bắc Ninh", "UY BAN NHAN DAN TINH BAC NINH", True),  # no diacritics
        ("Tỉnh Bắc Ninh", "Hội đồng nhân dân tỉnh Bắc Ninh", True),
        ("Thành phố Hồ Chí Minh", "UBND TP Hồ Chí Minh", True),
        ("Bộ Văn hoá, Thể thao và du lịch", "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", True),
        ("Cục Hải quan", "BỘ TÀI CHÍNH CỤC HẢI QUAN", True),
        (
            "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            True,
        ),
        ("Tỉnh Bắc Ninh", "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", False),
        ("Chính phủ", "Thủ tướng Chính phủ", False),
        ("Thủ tướng Chính phủ", "CHÍNH PHỦ", False),
        ("Tỉnh Bắc Ninh", "X", False),
        ("Tỉnh Bắc Ninh", "", False),
    ],
)
def test_issuer_label_matching(reference, extracted, right):
    assert issuer_matches(reference, extracted) is right


def test_type_names_map_to_codes():
    assert [type_code(n) for n in ("Quyết định", "Công văn", "Nghị quyết", "Thông tư")] == [
        "QĐ",
        "CV",
        "NQ",
        "TT",
    ]
    assert [type_code(n) for n in ("Thông báo", "Công điện", "THÔNG TƯ", "Sắc lệnh")] == [
        "TB",
        "CĐ",
        "TT",
        None,
    ]


def _cited(number=None, name=None, date=None):
    return Cited.of_reference({"number": number, "name": name, "date": date})


def test_f1_of_two_small_lists():
    ref = [
        _cited("81/2018/NĐ-CP"),
        _cited("128/2024/NĐ-CP"),
        _cited(name="Luật Thương mại", date="2005-06-14"),
    ]
    got = [
        _cited("81/2018/ND-CP"),
        _cited("81/2018/NĐ-CP"),
        _cited("131/TTr-SCT"),
        _cited(name="LUẬT THƯƠNG MẠI", date="2005-06-14"),
    ]
    found, missed, extra = match(ref, got)
    assert [c.label for c in missed] == ["128/2024/NĐ-CP"]
    assert [c.label for c in extra] == ["131/TTr-SCT"]  # 81/2018 cited twice counts once
    assert prf(found, missed, extra) == (0.667, 0.667, 0.667)


def test_laws_by_name_need_the_same_date_when_the_reference_has_one():
    ref = [_cited(name="Luật Tổ chức chính quyền địa phương", date="2025-06-16")]
    assert (
        prf(*match(ref, [_cited(name="Luật Tổ chức Chính quyền địa phương", date="2015-06-19")]))[2]
        == 0.0
    )
    assert prf(*match(ref, [_cited(name="Luật Tổ chức chính quyền địa phương")]))[2] == 0.0
    assert (
        prf(*match(ref, [_cited(name="Luật Tổ chức chính quyền địa phương", date="2025-06-16")]))[2]
        == 1.0
    )
    assert names_match("Luật Thuế giá trị gia tăng", "Luật thuế GTGT") is False


def test_f1_with_nothing_on_either_side():
    assert prf(*match([], [])) == (1.0, 1.0, 1.0)
    assert prf(*match([_cited("1/QĐ-TTg")], [])) == (1.0, 0.0, 0.0)
    assert prf(*match([], [_cited("1/QĐ-TTg")])) == (0.0, 1.0, 0.0)


def _doc(**kw):
    base = dict(
        number=None, date=None, type_code=None, issuer=None, issuer_text=None, signature=None
    )
    return NS(**{**base, **kw})


def test_header_verdicts():
    ref = Reference(
        header={
            "number": "471/QĐ-UBND",
            "date": dt.date(2025, 11, 28),
            "type": "Công văn",
            "issuer": "Tỉnh Bắc Ninh",
            "signer": "Phạm Văn Thịnh",
        }
    )
    doc = _doc(
        number=NS(normalized="471/QĐ-UBND"),
        date=dt.date(2025, 11, 27),
        issuer=NS(label=None, as_written="UBND tỉnh Bắc Ninh"),
        signature=NS(signer="PHẠM  VĂN THỊNH"),
    )
    verdicts = {k: v["verdict"] for k, v in score_header(doc, ref).items()}
    assert verdicts == {
        "number": "right",
        "date": "wrong",
        "type": "missing",
        "issuer": "right",
        "signer": "right",
    }
    assert {v["verdict"] for v in score_header(None, ref).values()} == {"missing"}


def test_header_without_reference_or_with_none_expected():
    unknown = {k: v["verdict"] for k, v in score_header(_doc(), Reference()).items()}
    assert set(unknown.values()) == {"unscored"}
    blank = Reference(header={"number": None, "date": None})
    scores = score_header(_doc(number=NS(normalized="1/KH-UBND")), blank)
    assert (scores["number"]["verdict"], scores["date"]["verdict"]) == ("wrong", "right")


def test_task_rows_and_agents():
    assert within(60, 54) and not within(60, 53) and within(0, 0) and not within(0, 1)
    doc = NS(appendices=[NS(tasks=[1] * 50), NS(tasks=[]), NS(tasks=[1] * 9)])
    assert score_rows(doc, [52, 11]) == {
        "found": [50, 9],
        "expected": [52, 11],
        "within": [True, False],
    }
    assert score_rows(doc, [52, 11, 10])["within"] == [True, False, False]
    assert (
        agents_verdict(["Sở Văn hóa, Thể thao và Du lịch"], ["Sở Văn hóa", "Thể thao và Du lịch"])
        == "split"
    )
    assert agents_verdict(["Sở Tư pháp"], ["Sở Tư pháp", "Điện thoại"]) == "wrong"
    assert agents_verdict(["Sở Tư pháp"], []) == "missing"
    assert agents_verdict([], []) == "right"


def test_sample_rows_are_found_by_text_and_numbering():
    def agent(name):
        return NS(as_written=name)

    tasks = [
        NS(
            numbering="1.",
            text="Rà soát văn bản",
            content=None,
            leads=[agent("Sở Tư pháp")],
            coordinators=[],
            deadline=None,
        ),
        NS(
            numbering="2.",
            text="Rà soát văn bản",
            content=None,
            leads=[agent("Sở Nội vụ")],
            coordinators=[agent("Điện thoại")],
            deadline=NS(as_written="Quý IV/2025"),
        ),
    ]
    doc = NS(tasks=tasks)
    row = {
        "numbering": "2",
        "text": "Rà soát",
        "leads": ["Sở Nội vụ"],
        "coordinators": [],
        "deadline": "Quý IV/2025",
    }
    (item,) = score_sample(doc, [row])
    assert (item["found"], item["leads"], item["coordinators"], item["deadline"]) == (
        True,
        "right",
        "wrong",
        "right",
    )
    (missing,) = score_sample(doc, [{**row, "text": "Tổ chức hội nghị"}])
    assert (missing["found"], missing["leads"]) == (False, "missing")


def test_warning_kinds_drop_places_and_names():
    assert (
        warning_kind("line 120: agency name not in the gazetteer: 'Văn phòng UBND tỉnh'")
        == "agency name not in the gazetteer"
    )
    assert warning_kind("line 3: 2 rows cut") == "N rows cut"


def test_placeholders_are_not_reference_values(tmp_path):
    meta = {
        "Số hiệu": "1/QĐ-UBND",
        "Loại văn bản": "Quyết định",
        "Nơi ban hành": "Tỉnh A",
        "Người ký": "Đã biết",
        "Ngày ban hành": "Đang cập nhật",
    }
    (tmp_path / "metadata.jsonl").write_text(
        json.dumps({"file": "a.txt", "portal_metadata": meta}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    ref = load_references(tmp_path, reference_dir=tmp_path / "none")["a.txt"]
    assert ref.header == {"number": "1/QĐ-UBND", "type": "Quyết định", "issuer": "Tỉnh A"}


def test_documents_in_skips_readme_and_separate_corpora(tmp_path):
    (tmp_path / "README.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "docx").mkdir()
    (tmp_path / "docx" / "b.docx").write_bytes(b"PK")
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "metadata.jsonl").write_text("")
    (tmp_path / "portal" / "c.txt").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in documents_in(tmp_path)] == [
        "a.txt",
        "docx/b.docx",
    ]


def test_a_failed_file_is_a_row_with_its_error(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = evaluate_folder(tmp_path)
    rows = {r["file"]: r for r in result["documents"]}
    assert set(rows) == {"broken.txt", "seed.txt"}
    assert not rows["broken.txt"]["loaded"] and "broken.txt" in rows["broken.txt"]["error"]
    assert "\n" not in rows["broken.txt"]["error"]
    assert rows["seed.txt"]["loaded"] and rows["seed.txt"]["error"] is None
    assert result["summary"]["files"] == 2 and len(result["summary"]["failed"]) == 1
    assert result["summary"]["identity"]["loaded_without_number"] == 0


def test_portal_bases_reference_covers_every_page():
    if not PORTAL.is_dir():
        pytest.skip(f"{PORTAL} is absent (the shared corpus)")
    pages = sorted(p.name for p in PORTAL.glob("*.txt"))
    assert len(pages) == 50
    rows = [
        json.loads(line) for line in (REFERENCE_DIR / "portal-bases.jsonl").open(encoding="utf-8")
    ]
    assert [r["file"] for r in rows] == pages
    for row in rows:
        for basis in row["bases"]:
            assert ("number" in basis) != ("name" in basis), (row["file"], basis)

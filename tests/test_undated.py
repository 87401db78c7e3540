"""A copy before issue (no number, no day yet) still appears in every saved query."""

from __future__ import annotations

from cancu.pipeline import build
from cancu.query.backends import Embedded
from cancu.query.run import run_query
from cancu.query.saved import load_queries
from cancu.store.embedded import EmbeddedStore

DRAFT = "\n|\n".join(
    [
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số:   /KH-UBND",
        "Tây Ninh, ngày   tháng 12 năm 2025",
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n"
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện "
        "cơ chế một cửa;",
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian",
        "1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý II/2026",
        "",
    ]
)  # fmt: skip


def test_a_document_without_number_or_day_is_in_the_answers(tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text(DRAFT, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    [report] = build([source], store)
    assert report.error is None and "/provisional/" in str(report.graph)
    queries = load_queries()
    backend = Embedded(store)
    for name in ("who-leads", "tasks", "legal-bases", "documents"):
        result = run_query(queries[name], backend)
        assert len(result) >= 1, name
    texts = [str(row) for row in run_query(queries["who-leads"], backend)]
    assert any("Rà soát thủ tục hành chính" in t for t in texts)

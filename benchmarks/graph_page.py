"""Time the graph page on a corpus of N copies of the seed (default 100), each renumbered.

    .venv/bin/python benchmarks/graph_page.py [--copies 100] [--view responsibility]

Prints the size of the graph and page, the Python time to build and write it, and in headless
Chromium (network off) the time to first render, to apply a filter and to run a search.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import SEED  # noqa: E402

from cancu.graph import export, views  # noqa: E402
from cancu.pipeline import build  # noqa: E402
from cancu.store.embedded import EmbeddedStore  # noqa: E402


def corpus_files(folder: Path, copies: int) -> list[Path]:
    """``copies`` versions of the seed, numbered 5001/QĐ-UBND, 5002/QĐ-UBND, …"""
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for k in range(copies):
        path = folder / f"qd-{5001 + k}-2020-ubnd-tayninh.txt"
        path.write_text(text.replace("2818/QĐ-UBND", f"{5001 + k}/QĐ-UBND"), encoding="utf-8")
        paths.append(path)
    return paths


def measure(page: Path) -> dict[str, float]:
    """Open ``page`` in headless Chromium and time render, filter and search (ms)."""
    from tests.test_graph_browser import chrome, open_page

    with tempfile.TemporaryDirectory() as user_data:
        driver = chrome(user_data)
        try:
            start = time.perf_counter()
            open_page(driver, page)
            wall = (time.perf_counter() - start) * 1000
            figures = driver.execute_script("""var g = cancuGraph, t = performance.now();
                var area = document.getElementById('f-area').options[1];
                g.setFilter('area', area ? area.value : ''); var filter = performance.now() - t;
                g.setFilter('area', ''); t = performance.now();
                var hits = g.setSearch('so tu phap'); var search = performance.now() - t;
                t = performance.now(); g.cy.zoom(g.cy.zoom() * 1.5); g.cy.forceRender();
                var zoom = performance.now() - t;
                return {render_ms: g.renderMs, build_ms: g.timings.build_ms, layout_ms: g.timings.layout_ms, filter_ms: filter, search_ms: search, zoom_ms: zoom,
                        search_hits: hits, nodes: g.nodeCount(), edges: g.cy.edges().length};""")
            figures["wall_ms"] = wall
            return figures
        finally:
            driver.quit()


def main() -> None:
    """Build the corpus, write the page, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--view", choices=views.VIEWS, default="responsibility")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        reports = build(corpus_files(folder, args.copies), EmbeddedStore(folder / "store"))
        failed = [r.error for r in reports if r.error]
        extract_s = time.perf_counter() - t
        t = time.perf_counter()
        corpus = views.load_corpus(EmbeddedStore(folder / "store", read_only=True))
        graph = views.build_view(corpus, args.view)
        page = export.write(graph, "html", folder / "graph.html")
        python_s = time.perf_counter() - t
        figures = {
            "documents": args.copies - len(failed),
            "view": args.view,
            "extract_s": round(extract_s, 2),
            "graph_and_page_s": round(python_s, 2),
            "page_mb": round(page.stat().st_size / 1e6, 2),
        }
        figures.update(
            {k: round(v, 1) if isinstance(v, float) else v for k, v in measure(page).items()}
        )
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()

"""The pages of the web UI: the query editor with the saved-query gallery, the saved-query
list, and the graph views of ``cancu graph`` (served with their scripts as files).

>>> "who-leads" in [q["name"] for q in query_list()]
True
"""

from __future__ import annotations

import re
from importlib import resources

from cancu.graph.export import script_json
from cancu.query.saved import load_queries
from cancu.serve.web import Response, esc, page
from cancu.vocab import PREFIXES


def query_list() -> list[dict[str, object]]:
    """The saved queries as JSON-ready dicts (summaries in Vietnamese and English)."""
    return [
        {
            "name": q.name,
            "summary": q.summary,
            "summary_en": q.summary_en,
            "tags": list(q.tags),
            "params": [
                {"name": p.name, "type": p.type, "required": p.required, "default": p.default}
                for p in q.params
            ],
            "url": f"/queries/{q.name}",
        }
        for q in load_queries().values()
    ]


def queries_page() -> Response:
    """The saved queries as an HTML list (the gallery script adds parameter forms)."""
    items = "".join(
        f'<li><a href="/queries/{esc(q["name"])}?format=json">{esc(q["name"])}</a>: '
        f'{esc(q["summary"])} <i lang="en">{esc(q["summary_en"])}</i></li>'
        for q in query_list()
    )
    return page("cancu · truy vấn mẫu", f"<h1>Truy vấn mẫu · saved queries</h1><ul>{items}</ul>")


def index_page() -> Response:
    """The home page: editor (YASGUI), prefix help, the gallery, results table."""
    prefixes = "".join(
        f"<li><code>PREFIX {esc(p)}: &lt;{esc(ns)}&gt;</code></li>" for p, ns in PREFIXES.items()
    )
    body = f"""<h1>cancu · Căn cứ</h1>
<p>Đồ thị tri thức về các quyết định hành chính: ai chủ trì việc gì, kinh phí, thời hạn, căn cứ
pháp lý. <i lang="en">Who leads what, with what budget and deadline, under which legal basis.</i></p>
<section id="gallery-section"><h2>Truy vấn mẫu · saved queries</h2>
<div id="gallery" class="gallery"></div>
<div id="run-status" class="small" aria-live="polite"></div>
<p><a id="csv-link" hidden>Tải CSV · download CSV</a></p>
<div id="results"></div></section>
<section><h2>SPARQL</h2>
<p class=small>Đồ thị mặc định là hợp của mọi đồ thị có tên · the default graph is the union of
all named graphs. Tiền tố · prefixes (<button id="add-prefixes" type="button">chèn · insert</button>):</p>
<ul class="prefixes small">{prefixes}</ul>
<div id="yasgui"></div></section>"""
    return page(
        "cancu · SPARQL",
        body,
        scripts=(
            "/static/vendor/yasgui/yasgui.min.js",
            "/static/table.js",
            "/static/gallery.js",
            "/static/editor.js",
        ),
        styles=("/static/vendor/yasgui/yasgui.min.css",),
    )


def graph_page(data: dict) -> Response:
    """The interactive graph page of :mod:`cancu.graph.export`, with its scripts as files
    (the export inlines them; this server's CSP allows scripts only from /static)."""
    template = (resources.files("cancu.graph") / "static" / "graph" / "page.html").read_text(
        encoding="utf-8"
    )
    css = (resources.files("cancu.graph") / "static" / "graph" / "graph.css").read_text(
        encoding="utf-8"
    )
    template = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", template)
    parts = {
        "TITLE": esc(data.get("title", "cancu")),
        "CSS": css.replace("</style", "<\\/style"),
        "DATA": script_json(data),
    }
    html = template.replace(
        "<script>/*@CYTOSCAPE@*/</script>",
        '<script src="/static/graph/vendor/cytoscape/cytoscape.min.js"></script>',
    ).replace("<script>/*@APP@*/</script>", '<script src="/static/graph/graph.js"></script>')
    html = re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], html)
    return Response(200, html.encode("utf-8"), "text/html; charset=utf-8")

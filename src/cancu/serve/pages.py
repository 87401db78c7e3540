"""Linked-data pages: HTML for people, Turtle / JSON-LD for machines, for every minted IRI.

The data comes from one ``rows`` job (:mod:`cancu.serve.pagedata`); every value is escaped by
:func:`cancu.serve.web.esc` on its way into HTML. Each page carries schema.org JSON-LD.

>>> cell(None), cell("<b>")
('', '&lt;b&gt;')
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from cancu.query.backends import Result
from cancu.serve import pagedata as pd
from cancu.serve.web import Response, esc, link, page

SCHEMA_TYPES = {
    "document": "Legislation",
    "instrument": "Legislation",
    "agency": "GovernmentOrganization",
    "task": "Action",
    "duty": "Action",
}
KIND_LABELS = {
    "document": "Văn bản nguồn · source document",
    "instrument": "Văn bản được dẫn chiếu · legal instrument",
    "agency": "Cơ quan · agency",
    "task": "Nhiệm vụ · task",
    "duty": "Nhiệm vụ được giao · duty",
    "resource": "Tài nguyên · resource",
}
ROLES = {"lead": "Chủ trì · lead", "coordinating": "Phối hợp · coordinating", "assigned": "Giao"}


def cell(value: object) -> str:
    """A table cell's text, escaped."""
    return "" if value is None else esc(value)


def _table(rows: list[dict], cols: list[tuple[str, str, Callable[[dict], str]]]) -> str:
    if not rows:
        return "<p class=small>—</p>"
    head = "".join(f'<th data-sort="{i}">{esc(t)}</th>' for i, (_, t, _) in enumerate(cols))
    body = "".join(
        "<tr>" + "".join(f"<td>{render(r)}</td>" for _, _, render in cols) + "</tr>" for r in rows
    )
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _ln(iri_key: str, label_key: str) -> Callable[[dict], str]:
    return lambda r: (
        link(str(r[iri_key]), str(r.get(label_key) or r[iri_key])) if r.get(iri_key) else ""
    )


def _v(key: str) -> Callable[[dict], str]:
    return lambda r: cell(r.get(key))


def _tasks(rows: list[dict], with_doc: bool = False) -> str:
    cols = [
        ("item", "Số TT · no.", lambda r: link(str(r["item"]), str(r.get("numbering") or "•"))),
        ("text", "Nội dung · task", _v("text")),
        ("role", "Vai trò · role", lambda r: esc(ROLES.get(str(r.get("role")), r.get("role")))),
        ("agent", "Cơ quan · agency", _ln("agent", "agentLabel")),
        ("deadline", "Thời hạn · deadline", _v("deadline")),
        ("budget", "Kinh phí · budget (VND)", lambda r: cell(_money(r.get("budget")))),
    ]
    if with_doc:
        cols.insert(0, ("doc", "Văn bản · document", _ln("doc", "docLabel")))
        cols.pop(4)
    return _table(rows, cols)


def _money(value: object) -> str | None:
    return None if value is None else f"{value:,.0f}".replace(",", ".")


def _facts(rows: list[dict]) -> str:
    def obj(r: dict) -> str:
        o = r["o"]
        if isinstance(o, str) and o.startswith(("http://", "https://")):
            return link(o, str(r.get("oLabel") or o))
        return cell(o)

    return _table(
        rows,
        [
            ("p", "Thuộc tính · property", lambda r: cell(_short(r["p"]))),
            ("o", "Giá trị · value", obj),
        ],
    )


def _short(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def queries_for(kind: str) -> list[str]:
    """The queries a page of ``kind`` runs, in :func:`render` order."""
    fixed = [pd.TYPES, pd.HEAD, pd.FACTS, pd.INCOMING]
    return [pd.with_prefixes(q) for q in (*fixed, *pd.QUERIES.get(kind, {}).values())]


def render(iri: str, kind: str, results: list[Result], ttl: str, jsonld: str) -> Response:
    """The HTML page of ``iri`` from the results of :func:`queries_for`."""
    d = [r.dicts() for r in results]
    head = d[1][0] if d[1] else {}
    name = head.get("vi") or head.get("rl") or iri
    en = head.get("en")
    extra = dict(zip(pd.QUERIES.get(kind, {}), d[4:], strict=False))
    parts = [f"<p class=kind>{esc(KIND_LABELS[kind])}</p><h1>{esc(name)}</h1>"]
    if en:
        parts.append(f'<p class=en lang="en">{esc(en)}</p>')
    parts.append(
        f'<p class=small><code>{esc(iri)}</code> · <a href="{esc(ttl)}">Turtle</a> · '
        f'<a href="{esc(jsonld)}">JSON-LD</a></p>'
    )
    parts.append(SECTIONS.get(kind, lambda e: "")(extra))
    parts.append("<h2>Dữ liệu · all statements</h2>" + _facts(d[2]))
    if d[3]:
        parts.append(
            "<h2>Được nhắc đến bởi · referenced by</h2>"
            + _table(
                d[3],
                [
                    ("s", "Nguồn · from", _ln("s", "sLabel")),
                    ("p", "Quan hệ · relation", lambda r: cell(_short(r["p"]))),
                ],
            )
        )
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(kind, "Thing"),
        "@id": iri,
        "name": str(name),
        "url": iri,
    }
    if en:
        data["alternateName"] = str(en)
    return page(str(name), "".join(parts), scripts=("/static/table.js",), data=data)


def _document(e: dict) -> str:
    h = (e.get("header") or [{}])[0]
    rows = [
        ("Số · number", cell(h.get("number"))),
        ("Loại · type", cell(h.get("typeLabel"))),
        ("Ngày · date", cell(h.get("date"))),
        ("Trích yếu · title", cell(h.get("title"))),
        ("Cơ quan ban hành · issuer", _ln("issuer", "issuerLabel")(h)),
        (
            "Người ký · signer",
            cell(" ".join(str(x) for x in (h.get("post"), h.get("signerName")) if x)),
        ),
    ]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    bases = "".join(
        f"<li>{link(str(r['i']), str(r.get('label') or r['i']))}</li>" for r in e["bases"]
    )
    duties = _table(e["duties"], [("item", "Nhiệm vụ · duty", _ln("item", "label"))])
    return (
        f"<dl class=header>{dl}</dl><h2>Căn cứ · legal bases</h2><ul>{bases}</ul>"
        f"<h2>Nhiệm vụ được giao · duties</h2>{duties}"
        f"<h2>Bảng nhiệm vụ · task table</h2>{_tasks(e['tasks'])}"
    )


def _agency(e: dict) -> str:
    rows = [r for r in e["tasks"] if r.get("agent") == r.get("this")]
    lead = [r for r in rows if r.get("role") == "lead"]
    other = [r for r in rows if r.get("role") != "lead"]
    return (
        f"<h2>Chủ trì · leads ({len(lead)})</h2>{_tasks(lead, True)}"
        f"<h2>Phối hợp · coordinates with ({len(other)})</h2>{_tasks(other, True)}"
    )


def _instrument(e: dict) -> str:
    s = (e.get("status") or [{}])[0]
    status = cell(s.get("statusLabel") or "không rõ · unknown")
    if s.get("statusDate"):
        status += f" (từ · since {cell(s['statusDate'])})"
    links = "".join(
        f"<li>{cell(_short(r['rel']))}: {link(str(r['target']), str(r.get('database') or r['target']))}</li>"
        for r in e["links"]
    )
    cited = _table(
        e["cited"],
        [
            ("by", "Văn bản / nhiệm vụ · cited by", _ln("by", "byLabel")),
            ("how", "Cách dẫn · how", _v("how")),
        ],
    )
    return (
        f"<p>Hiệu lực · in force: <strong>{status}</strong></p>"
        f"<h2>Cơ sở dữ liệu quốc gia · national databases</h2><ul>{links}</ul>"
        f"<h2>Được dẫn chiếu bởi · cited by</h2>{cited}"
    )


def _task(e: dict) -> str:
    return "<h2>Cơ quan · agencies</h2>" + _tasks(e["people"])


SECTIONS: dict[str, Callable[[dict], str]] = {
    "document": _document,
    "agency": _agency,
    "instrument": _instrument,
    "task": _task,
    "duty": _task,
}


def describe_query(iri: str) -> str:
    """CONSTRUCT the statements about ``iri`` and those pointing at it (IRI validated and
    serialised by pyoxigraph).

    >>> describe_query("https://w3id.org/cancu/x").split("WHERE")[0]
    'CONSTRUCT { <https://w3id.org/cancu/x> ?p ?o . ?s ?q <https://w3id.org/cancu/x> } '
    """
    t = str(ox.NamedNode(iri))
    return (
        f"CONSTRUCT {{ {t} ?p ?o . ?s ?q {t} }} WHERE {{ {{ {t} ?p ?o }} UNION {{ ?s ?q {t} }} }}"
    )

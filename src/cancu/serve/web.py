"""Requests, responses and the HTML shell shared by every page.

Every HTML page is built here from escaped text: :func:`esc` for text and attributes,
:func:`ld_json` for the schema.org data block, and scripts only as ``<script src>`` files
under ``/static`` (the Content-Security-Policy forbids inline script).

>>> esc('</script><script>alert(1)</script>')
'&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
>>> ld_json({"name": "</script>"})
'{"name": "\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from urllib.parse import quote

from cancu.graph.export import script_json
from cancu.vocab import BASE

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
"""Sent with every HTML page: no inline script, nothing loaded from elsewhere."""


@dataclass
class Request:
    """What a route sees of an HTTP request."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""
    base_url: str = "http://127.0.0.1:8000"

    def arg(self, name: str, default: str = "") -> str:
        """The first value of a query-string parameter."""
        return self.query.get(name, [default])[0]

    def header(self, name: str) -> str | None:
        """A request header (case-insensitive)."""
        return self.headers.get(name.lower())


@dataclass
class Response:
    """Status, headers and body of an answer."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def esc(text: object) -> str:
    """Text escaped for HTML content and quoted attributes."""
    return html.escape(str(text), quote=True)


def ld_json(data: object) -> str:
    """JSON for ``<script type="application/ld+json">`` (``<``, ``>``, ``&`` escaped)."""
    return script_json(data)


def text(status: int, message: str, **headers: str) -> Response:
    """A plain-text response (errors)."""
    return Response(status, message.encode("utf-8") + b"\n", headers=dict(headers))


def as_json(data: object, status: int = 200) -> Response:
    """A JSON response."""
    body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8")


def local_path(iri: str) -> str | None:
    """The server path of a minted IRI (``https://w3id.org/cancu/x`` → ``/x``), else None.

    >>> local_path("https://w3id.org/cancu/agency/so-tai-chinh-tay-ninh")
    '/agency/so-tai-chinh-tay-ninh'
    """
    return "/" + iri[len(BASE) :] if iri.startswith(BASE) and len(iri) > len(BASE) else None


def page_link(iri: str) -> str:
    """Where a page for ``iri`` is served on this server.

    >>> page_link("https://w3id.org/cancu/eli/vn/cp/nd/2018/61")
    '/page?iri=https%3A//w3id.org/cancu/eli/vn/cp/nd/2018/61'
    """
    return "/page?iri=" + quote(iri, safe="/")


def link(iri: str, label: str = "") -> str:
    """An ``<a>`` to the page of a minted IRI, or to the IRI itself when it is external."""
    href = page_link(iri) if iri.startswith(BASE) else iri
    rel = "" if iri.startswith(BASE) else ' rel="noopener noreferrer external"'
    return f'<a href="{esc(href)}"{rel}>{esc(label or iri)}</a>'


NAV = (
    '<nav><a href="/">cancu</a> · <a href="/queries">Truy vấn mẫu <i>saved queries</i></a> · '
    '<a href="/graph/responsibility">Đồ thị <i>graphs</i></a> · <a href="/sparql">SPARQL</a>'
    '<input id="search" type="search" placeholder="Tìm cơ quan, văn bản, nhiệm vụ… (search)" '
    'autocomplete="off" aria-label="search"><ul id="search-results"></ul></nav>'
)


def page(
    title: str,
    body: str,
    *,
    scripts: tuple[str, ...] = (),
    styles: tuple[str, ...] = (),
    data: object = None,
) -> Response:
    """A whole HTML page: escaped title, navigation with search, body, script files."""
    css = "".join(f'<link rel="stylesheet" href="{esc(s)}">' for s in ("/static/site.css", *styles))
    js = "".join(f'<script src="{esc(s)}" defer></script>' for s in ("/static/search.js", *scripts))
    ld = f'<script type="application/ld+json">{ld_json(data)}</script>' if data is not None else ""
    doc = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>{css}{ld}{js}</head>"
        f"<body>{NAV}<main>{body}</main></body></html>"
    )
    return Response(200, doc.encode("utf-8"), "text/html; charset=utf-8")

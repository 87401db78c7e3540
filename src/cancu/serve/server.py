"""The HTTP layer (standard library ``ThreadingHTTPServer``): body cap, security headers, CORS.

Every response carries ``X-Content-Type-Options: nosniff``; every HTML response the
Content-Security-Policy of :data:`cancu.serve.web.CSP`. CORS headers are sent only when
``--cors ORIGIN`` is given. A request body larger than ``--max-body`` is refused with 413
before it is read.
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from cancu.serve.app import App, Settings
from cancu.serve.web import CSP, Request, Response, text


class Handler(BaseHTTPRequestHandler):
    """One request: read it (within the body cap), route it, write the answer."""

    server_version = "cancu"
    protocol_version = "HTTP/1.1"
    app: App
    quiet = False

    def _read(self) -> Request | Response:
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return text(411, "send a Content-Length (chunked bodies are not accepted)")
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            return text(400, "bad Content-Length")
        if length > self.app.settings.max_body:
            self.close_connection = True
            return text(413, f"the request body is larger than {self.app.settings.max_body} bytes")
        body = self.rfile.read(length) if length > 0 else b""
        host = (
            headers.get("host")
            or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
        )
        return Request(
            self.command,
            unquote(parts.path),
            parse_qs(parts.query, keep_blank_values=True),
            headers,
            body,
            base_url=f"http://{host}",
        )

    def _serve(self) -> None:
        req = self._read()
        if isinstance(req, Response):
            self._send(req)
            return
        try:
            resp = self.app.handle(req)
        except Exception as exc:  # a bug must not kill the server
            print(f"cancu serve: {type(exc).__name__}: {exc}", file=sys.stderr)
            resp = text(500, "internal error")
        self._send(resp)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._send(text(405, "read-only endpoint", Allow="GET, POST"))

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        resp = Response(204)
        resp.headers["Allow"] = "GET, POST, OPTIONS"
        self._send(resp)

    def _send(self, resp: Response) -> None:
        self.send_response(resp.status)
        headers = {
            "Content-Type": resp.content_type,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            **resp.headers,
        }
        if resp.content_type.startswith("text/html"):
            headers["Content-Security-Policy"] = CSP
            headers["X-Frame-Options"] = "DENY"
        cors = self.app.settings.cors
        if cors:
            headers["Access-Control-Allow-Origin"] = cors
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, Authorization"
            headers["Access-Control-Expose-Headers"] = "X-Cancu-Truncated"
            headers["Vary"] = "Origin, Accept"
        else:
            headers.setdefault("Vary", "Accept")
        headers["Content-Length"] = str(len(resp.body))
        if self.close_connection:
            headers["Connection"] = "close"
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and resp.status not in (204, 304):
            self.wfile.write(resp.body)

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(host: str, port: int, settings: Settings, *, quiet: bool = False):
    """A ready server (not yet serving) and its :class:`App`."""
    app = App(settings)
    handler = type("BoundHandler", (Handler,), {"app": app, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server, app

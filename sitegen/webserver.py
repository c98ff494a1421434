"""The dev server's HTTP side: every request is answered from the site in memory.

Only files of the built site can be served (there is no file system path to escape to);
the live-reload script and its event stream live under ``BASE/__sitegen/``. The request
handler reads the :class:`~sitegen.serve.Server` through the few members of :class:`Served`.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol
from urllib.parse import unquote

from .urls import split_url

if TYPE_CHECKING:
    from .serve import State

HEARTBEAT_SECONDS = 5.0
"""Idle event streams send a comment this often, so a closed tab's thread notices and ends."""
MAX_URL = 4096
ASSET_DIR = Path(__file__).parent

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2",
         ".woff": "font/woff", ".pdf": "application/pdf", ".webmanifest": "application/manifest+json"}


class Served(Protocol):
    """What the request handler needs of the server."""

    state: "State"
    base_path: str
    stopping: threading.Event

    def allowed_hosts(self) -> set[str]: ...

    def snippet(self, generation: int) -> bytes: ...


def content_type(path: str) -> str:
    ext = posixpath.splitext(path)[1].lower()
    return TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_handler(server: Served) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "sitegen"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: one line per rebuild only
            pass

        def version_string(self) -> str:
            return "sitegen"

        def do_GET(self) -> None:
            self.respond(head=False)

        def do_HEAD(self) -> None:
            self.respond(head=True)

        def refuse_method(self) -> None:
            self.send_plain(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", extra={"Allow": "GET, HEAD"})

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = refuse_method

        def send_plain(self, status: HTTPStatus, text: str, head: bool = False,
                       extra: dict[str, str] | None = None) -> None:
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def respond(self, head: bool) -> None:
            hosts = server.allowed_hosts()
            host = (self.headers.get("Host") or "").lower()
            if hosts and host not in hosts:
                self.send_plain(HTTPStatus.FORBIDDEN, f"unexpected Host header {host!r}\n", head)
                return
            if len(self.path) > MAX_URL:
                self.send_plain(HTTPStatus.REQUEST_URI_TOO_LONG, "URL too long\n", head)
                return
            parts = split_url(self.path)
            if parts is None:
                self.send_plain(HTTPStatus.BAD_REQUEST, "malformed URL\n", head)
                return
            raw_path = parts.path
            base = server.base_path
            if base != "/" and raw_path in ("/", ""):
                self.redirect(base, head)
                return
            if raw_path == base + "__sitegen/events":
                self.events()
                return
            if raw_path in (base + "__sitegen/livereload.js", base + "__sitegen/worker.js"):
                name = "livereload.js" if raw_path.endswith("livereload.js") else "livereload-worker.js"
                self.send_bytes(HTTPStatus.OK, (ASSET_DIR / name).read_bytes(), "text/javascript; charset=utf-8", head)
                return
            with server.state.condition:  # one consistent snapshot for the whole request
                files, generation = server.state.files, server.state.generation
            key = site_key(raw_path, base)
            if key is not None:
                if key in files:
                    body = files[key]
                    if key.endswith(".html"):
                        body = with_snippet(body, server.snippet(generation))
                    self.send_bytes(HTTPStatus.OK, body, content_type(key), head)
                    return
                if key and not key.endswith("/") and f"{key}/index.html" in files:
                    self.redirect(raw_path + "/", head)
                    return
            if not files and server.state.errors:
                page = error_page(server.state.errors, server.snippet(0).decode())
                self.send_bytes(HTTPStatus.INTERNAL_SERVER_ERROR, page, "text/html; charset=utf-8", head)
                return
            if "404.html" in files:
                self.send_bytes(HTTPStatus.NOT_FOUND, with_snippet(files["404.html"], server.snippet(generation)),
                                "text/html; charset=utf-8", head)
            else:
                self.send_bytes(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)

        def redirect(self, location: str, head: bool) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def send_bytes(self, status: HTTPStatus, body: bytes, ctype: str, head: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        def events(self) -> None:
            """Server-sent events: the current state now, then every change, until the client goes."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            state = server.state
            seen: tuple[int, tuple[str, ...]] | None = None
            try:
                while not server.stopping.is_set():
                    with state.condition:
                        now = (state.generation, tuple(state.errors))
                        if now == seen:
                            state.condition.wait(HEARTBEAT_SECONDS)
                            now = (state.generation, tuple(state.errors))
                        message = state.message()
                    if now != seen:
                        self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
                        seen = now
                    else:
                        self.wfile.write(b": heartbeat\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                return  # the tab closed: this thread ends

    return Handler


def with_snippet(html: bytes, snippet: bytes) -> bytes:
    """The page with the live-reload script before its closing body tag."""
    at = html.rfind(b"</body>")
    return html[:at] + snippet + html[at:] if at >= 0 else html + snippet


def site_key(raw_path: str, base: str) -> str | None:
    """The built file a URL path names, or None for anything that could step outside the site."""
    if not raw_path.startswith(base):
        return None
    rest = raw_path[len(base):]
    if "%2f" in rest.lower() or "%5c" in rest.lower():
        return None  # encoded slashes and backslashes never name a file of ours
    path = unquote(rest)
    if "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(p in ("..", ".") for p in parts) or any(p.startswith(".") for p in parts if p):
        return None
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def error_page(errors: list[str], snippet: str) -> bytes:
    from html import escape

    items = "\n".join(escape(e) for e in errors)
    return (f"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Build failed</title>"
            f"<body><h1>The site has errors</h1><pre>{items}</pre>{snippet}</body></html>").encode()

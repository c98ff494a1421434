"""The dev server's HTTP side: every request is answered from the site in memory.

Only files of the built site can be served (there is no file system path to escape to);
the live-reload script and its event stream live under ``BASE/__sitegen/``. The request
handler reads the :class:`~sitegen.serve.Server` through the few members of :class:`Served`.

Requests are untrusted, so every connection costs bounded resources (issue 19.9): a request's
line, headers and body must arrive within a deadline (an idle keep-alive connection is closed
after it too); at most :attr:`Limits.connections` are handled at once (one thread each), and
more are answered 503 at once, without a thread; event streams (one per browser, long-lived by
design) are exempt from the deadline but bounded in number; when accept() runs out of file
descriptors the server backs off instead of spinning, and serves again when they come back.
"""

from __future__ import annotations

import errno
import html
import io
import json
import mimetypes
import posixpath
import socket
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol
from urllib.parse import quote, unquote

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


@dataclass(frozen=True, slots=True)
class Limits:
    """What one dev server grants its clients."""

    connections: int = 64
    """Connections handled at once, one thread each (event streams included); more are answered 503."""
    streams: int = 16
    """Open live-reload event streams: one per browser (its tabs share it through a SharedWorker)."""
    request_seconds: float = 10.0
    """Time for a request's line, headers and body to arrive; a keep-alive connection idle this
    long is closed. Also the longest a write may wait for a client that does not read."""
    body_bytes: int = 64 * 1024
    """Largest request body read (and discarded): nothing the dev server answers takes one."""

    @classmethod
    def for_descriptors(cls) -> "Limits":
        """The defaults, with connections kept to a quarter of the process's file-descriptor
        limit, so that clients can never take the descriptors a rebuild needs."""
        default = cls()
        try:
            import resource

            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        except (ImportError, OSError, ValueError):
            return default
        if soft == resource.RLIM_INFINITY or soft >= 4 * default.connections:
            return default
        connections = max(4, soft // 4)
        return cls(connections=connections, streams=max(1, min(default.streams, connections // 2)))


_OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"Content-Length: 26\r\nRetry-After: 1\r\nConnection: close\r\n\r\ntoo many connections, retry\n")


class HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: Callable[..., BaseHTTPRequestHandler],
                 limits: Limits | None = None):
        self.limits = limits or Limits()
        self.slots = threading.BoundedSemaphore(self.limits.connections)
        self.streams = threading.BoundedSemaphore(self.limits.streams)
        self.backoff = 0.0
        self.out_of_descriptors = 0
        """How many times accept() failed for want of descriptors (each followed by a pause)."""
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        try:
            request = super().get_request()
        except OSError as exc:
            if exc.errno in _OUT_OF_DESCRIPTORS:
                # the connection waits in the backlog; retrying at once would spin at full
                # CPU until a descriptor comes back, so pause, longer each time (to 0.5 s)
                self.out_of_descriptors += 1
                self.backoff = min(0.5, self.backoff * 2 or 0.01)
                time.sleep(self.backoff)
            raise
        self.backoff = 0.0
        return request

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            try:  # a few bytes into a fresh socket's buffer: never blocks
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)  # starts the request's thread
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class _DeadlineReader(io.RawIOBase):
    """A socket's reading side that gives up at a deadline, however slowly the bytes come
    (a client sending one byte a second would otherwise hold its thread for ever)."""

    def __init__(self, sock: socket.socket, seconds: float):
        self.sock, self.seconds = sock, seconds
        self.deadline = time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self.sock.settimeout(min(left, self.seconds))
        return self.sock.recv_into(buffer)


def make_handler(server: Served) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "sitegen"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: one line per rebuild only
            pass

        def setup(self) -> None:
            super().setup()
            limits = self.httpd.limits
            self.connection.settimeout(limits.request_seconds)  # writes to a client that stopped reading
            self.reader = _DeadlineReader(self.connection, limits.request_seconds)
            self.rfile = io.BufferedReader(self.reader)

        @property
        def httpd(self) -> HTTPServer:
            assert isinstance(self.server, HTTPServer)
            return self.server

        def handle_one_request(self) -> None:
            # the next request's line, headers and body must all arrive within the deadline
            self.reader.deadline = time.monotonic() + self.httpd.limits.request_seconds
            super().handle_one_request()

        def read_body(self) -> bool:
            """Read and discard the request's body, so that it is never taken for the next
            request. False (after answering) for a body too big, chunked or malformed."""
            if self.headers.get("Transfer-Encoding") is not None:
                self.refuse(HTTPStatus.NOT_IMPLEMENTED, "request bodies need a Content-Length\n")
                return False
            length = self.headers.get("Content-Length")
            if length is None:
                return True
            if not length.strip().isdigit():
                self.refuse(HTTPStatus.BAD_REQUEST, "malformed Content-Length\n")
                return False
            size = int(length)
            if size > self.httpd.limits.body_bytes:
                self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large\n")
                return False
            while size > 0:
                chunk = self.rfile.read(min(size, 16384))
                if not chunk:
                    self.close_connection = True
                    return False
                size -= len(chunk)
            return True

        def refuse(self, status: HTTPStatus, text: str) -> None:
            """Answer with an error and close: what is left of the request cannot be trusted."""
            self.close_connection = True
            self.send_plain(status, text, self.command == "HEAD", extra={"Connection": "close"})

        def version_string(self) -> str:
            return "sitegen"

        def do_GET(self) -> None:
            if self.read_body():
                self.respond(head=False)

        def do_HEAD(self) -> None:
            if self.read_body():
                self.respond(head=True)

        def refuse_method(self) -> None:
            if self.read_body():
                self.send_plain(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", extra={"Allow": "GET, HEAD"})

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = refuse_method

        def send_plain(self, status: HTTPStatus, text: str, head: bool = False,
                       extra: dict[str, str] | None = None) -> None:
            body = text.encode("utf-8", "backslashreplace")
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
                self.events(head)
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
                    # the request line was read as Latin-1: its bytes, percent-encoded where needed
                    self.redirect(raw_path.encode("latin-1", "replace") + b"/", head)
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

        def redirect(self, location: str | bytes, head: bool) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", quote(location, safe=_PATH_SAFE))  # never a raw quote, space or CR
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

        def events(self, head: bool) -> None:
            """Server-sent events: the current state now, then every change, until the client goes."""
            streams = self.httpd.streams
            if not streams.acquire(blocking=False):
                self.refuse(HTTPStatus.SERVICE_UNAVAILABLE, "too many live-reload streams\n")
                return
            try:
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                if not head:
                    self.stream()
            finally:
                streams.release()

        def stream(self) -> None:
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
                return  # the tab closed (or stopped reading for request_seconds): this thread ends

    return Handler


_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
"""What a Location header keeps as it is: a URL path's own characters (the rest is percent-encoded)."""


def snippet_for(base: str, generation: int) -> bytes:
    """The live-reload script tag for a site served under ``base`` (escaped: it is config)."""
    base = html.escape(quote(base, safe=_PATH_SAFE), quote=True)
    return (f'<script src="{base}__sitegen/livereload.js" data-generation="{generation}" '
            f'data-base="{base}"></script>').encode()


def with_snippet(page: bytes, snippet: bytes) -> bytes:
    """The page with the live-reload script before its closing body tag."""
    at = page.rfind(b"</body>")
    return page[:at] + snippet + page[at:] if at >= 0 else page + snippet


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
    items = "\n".join(html.escape(e) for e in errors)
    return (f"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Build failed</title>"
            f"<body><h1>The site has errors</h1><pre>{items}</pre>{snippet}</body></html>"
            ).encode("utf-8", "backslashreplace")  # a file name that is not UTF-8 is no crash

"""Local HTTP servers for the commands that talk to the web: 127.0.0.1 only, in a thread,
answering from a function the test gives. No test reaches the network."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    """The path, percent-decoded, without the query."""
    query: dict[str, str]
    raw_path: str


Handler = Callable[[Request], Reply]


class LocalServer:
    """A server on 127.0.0.1 (a free port) that answers with ``handler``; records requests."""

    def __init__(self, handler: Handler):
        self.handler = handler
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        server = self

        class _Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                parts = urlsplit(self.path)
                request = Request(self.command, unquote(parts.path),
                                  {k: v[0] for k, v in parse_qs(parts.query).items()}, self.path)
                server.requests.append(request)
                reply = server.handler(request)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            do_GET = do_HEAD = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()


def refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (just closed)."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = server.server_port
    server.server_close()
    return port

"""One HTTP request, bounded, for the commands that talk to the web (``sitegen archive``,
``sitegen check --external``).

Redirects are never followed here: the caller sees each one and decides (a link check
counts and reports them; the archive client refuses them). Every failure is a
:class:`FetchError` with a kind a caller can act on, never an exception from deep inside
urllib. The body is read up to a size limit and within the timeout as a whole: a server
that trickles bytes cannot hold a request open for long.
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Mapping

from . import __version__
from .urls import split_url

USER_AGENT = f"sitegen/{__version__} (static site generator: link check and archive lookup)"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True, slots=True)
class Response:
    """What a server answered (any status, redirects included)."""

    url: str
    """The URL asked for."""
    status: int
    reason: str
    """The status line's text, e.g. 'Not Found'."""
    headers: Message
    body: bytes
    """Up to the size limit; empty when the body was not asked for."""


class FetchError(Exception):
    """A request that got no HTTP answer."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        """timeout, refused, unreachable (no route or name), tls, protocol, too-large or invalid."""
        self.message = message
        super().__init__(message)

    @property
    def offline(self) -> bool:
        """Whether the network itself, not the server, seems to be the problem."""
        return self.kind == "unreachable"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None  # urllib then hands the 3xx back as an HTTPError: an answer like any other


_OPENERS = {
    "proxied": urllib.request.build_opener(_NoRedirects()),
    "direct": urllib.request.build_opener(_NoRedirects(), urllib.request.ProxyHandler({})),
}


def fetch(url: str, method: str = "GET", timeout: float = 10.0, max_bytes: int = 1 << 20,
          read_body: bool = True, headers: Mapping[str, str] | None = None) -> Response:
    """Ask once; the answer whatever its status, or FetchError. ``timeout`` bounds each wait
    on the network (connecting, the answer's first line) and the reading of the body as a whole."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("invalid", f"'{url}' is not an http(s) URL")
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, **(headers or {})})
    opener = _OPENERS["direct" if parts.hostname in LOOPBACK else "proxied"]  # a local server is never proxied
    deadline = time.monotonic() + timeout
    try:
        try:
            answer = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:  # 3xx, 4xx, 5xx: still an answer
            answer = exc
        with answer:
            body = _read(answer, max_bytes, deadline) if read_body and method != "HEAD" else b""
            return Response(url, answer.status or 0, answer.reason or "", answer.headers, body)
    except FetchError:
        raise
    except urllib.error.URLError as exc:
        raise _classify(exc.reason, parts.hostname, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise _classify(exc, parts.hostname, timeout) from None


def _read(answer, max_bytes: int, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError("timeout", "the answer took too long to arrive")
        chunk = answer.read(min(65536, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too-large", f"the answer is larger than {max_bytes:,} bytes")


def _classify(reason: object, host: str, timeout: float) -> FetchError:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FetchError("timeout", f"no answer within {timeout:g} s")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError("refused", f"{host} refused the connection")
    if isinstance(reason, socket.gaierror):
        return FetchError("unreachable", f"cannot look up {host} (no network, or no such host)")
    if isinstance(reason, ssl.SSLError):
        return FetchError("tls", f"secure connection to {host} failed: {getattr(reason, 'reason', None) or reason}")
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
        return FetchError("unreachable", f"no route to {host} (no network?)")
    if isinstance(reason, (ConnectionError, http.client.HTTPException)):
        return FetchError("protocol", f"{host} closed the connection without a proper answer")
    return FetchError("protocol", f"request to {host} failed: {reason}")

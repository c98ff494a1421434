"""Fetching a page to import: http(s) only, with a timeout and a size cap.

Every failure is one line naming the address and what happened (offline,
refused, an HTTP status, too large, not a web page), never a traceback.
The page's bytes are kept exactly as the server sent them (after undoing a
transfer compression, bounded too), so the kept original is the page.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
import zlib
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .. import __version__
from ..errors import SiteError
from .read import MAX_IMPORT_BYTES, Raw, ReadFailed

TIMEOUT_SECONDS = 20.0
"""How long to wait for the server to connect or to send the next bytes."""

_ACCEPTED = ("text/html", "application/xhtml+xml", "text/plain")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib also follows ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http address {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # No proxy handler from the environment is removed: an editor behind a proxy needs it.
    return urllib.request.build_opener(_HttpOnlyRedirects())


def _fail(url: str, message: str, hint: str = "") -> ReadFailed:
    return ReadFailed(SiteError(url, None, message, hint))


def _read_capped(response, limit: int, url: str) -> bytes:  # type: ignore[no-untyped-def]
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise _fail(url, f"the page is {int(length):,} bytes, over the {limit:,}-byte limit for an import")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(min(1 << 16, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _fail(url, f"the page is over the {limit:,}-byte limit for an import")
    return b"".join(chunks)


def _decompress(data: bytes, encoding: str, limit: int, url: str) -> bytes:
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise _fail(url, f"the server compressed the page as '{encoding}', which sitegen cannot read")
    wbits = 47 if encoding != "deflate" else 15  # 47: gzip or zlib header, detected
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise _fail(url, f"the page's {encoding} compression is damaged ({exc})") from None
    if len(out) > limit:
        raise _fail(url, f"the page unpacks to over the {limit:,}-byte limit for an import")
    return out


def _name_for(url: str, content_type: str) -> str:
    """A file name for the kept copy: the URL path's last part (or the host), with the
    extension that says what the original is (.html for a page, .txt for a text)."""
    parts = urlsplit(url)
    name = PurePosixPath(parts.path).name or parts.hostname or "page"
    suffix = ".txt" if content_type == "text/plain" else ".html"
    if PurePosixPath(name).suffix.lower() in ((".txt",) if suffix == ".txt" else (".html", ".htm", ".xhtml")):
        return name
    return name + suffix


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_IMPORT_BYTES) -> Raw:
    """The page at an http(s) URL, or ReadFailed with one clear line."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _fail(url, "is not an http(s) address", "give a URL starting with https://")
    request = urllib.request.Request(url, headers={
        "User-Agent": f"sitegen/{__version__} (article import)",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "gzip",
    })
    try:
        with _opener().open(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in _ACCEPTED:
                raise _fail(url, f"the server sent '{content_type}', not a web page or a text",
                            "import the article's web page")
            data = _read_capped(response, limit, url)
            data = _decompress(data, (headers.get("Content-Encoding") or "").strip().lower(), limit, url)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise _fail(url, f"the server answered {exc.code} {exc.reason}",
                    "check the address; save the page from a browser if the site refuses programs") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise _fail(url, f"no answer within {timeout:g} s", "check your connection and try again") from None
        if isinstance(reason, socket.gaierror):
            raise _fail(url, f"cannot find the host '{parts.hostname}' (offline, or no such site)",
                        "check the address and your connection") from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise _fail(url, f"cannot connect: {text}", "check the address and your connection") from None
    except (socket.timeout, TimeoutError):
        raise _fail(url, f"no answer within {timeout:g} s", "check your connection and try again") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # a reset mid-page, a malformed reply
        raise _fail(url, f"the download failed: {exc}", "try again, or save the page from a browser") from None
    return Raw(data, _name_for(final, content_type), url, url=final)

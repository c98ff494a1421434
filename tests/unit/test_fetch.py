"""One bounded request: any status is an answer, redirects are not followed, failures are classified."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from sitegen import fetch as fetch_module
from sitegen.fetch import FetchError, fetch
from tests.localweb import LocalServer, Reply, Request, refused_port


def routes(request: Request) -> Reply:
    return {"/ok": Reply(200, body=b"hello"), "/gone": Reply(404, body=b"not here"),
            "/moved": Reply(301, {"Location": "/ok"}), "/big": Reply(200, body=b"x" * 5000),
            "/slow": Reply(200, delay=5)}[request.path]


def test_any_status_is_an_answer_and_redirects_are_not_followed():
    with LocalServer(routes) as server:
        ok, gone, moved = fetch(server.url("/ok")), fetch(server.url("/gone")), fetch(server.url("/moved"))
        head = fetch(server.url("/ok"), "HEAD")
        assert [r.path for r in server.requests] == ["/ok", "/gone", "/moved", "/ok"]
    assert (ok.status, ok.reason, ok.body) == (200, "OK", b"hello")
    assert (gone.status, gone.body) == (404, b"not here")
    assert (moved.status, moved.headers["Location"]) == (301, "/ok")
    assert (head.status, head.body) == (200, b"")


def test_a_body_over_the_limit_is_refused():
    with LocalServer(routes) as server:
        with pytest.raises(FetchError) as failed:
            fetch(server.url("/big"), max_bytes=1000)
        assert fetch(server.url("/big"), read_body=False).body == b""
    assert failed.value.kind == "too-large"


def test_failures_are_classified():
    with LocalServer(routes) as server:
        with pytest.raises(FetchError) as slow:
            fetch(server.url("/slow"), timeout=0.2)
    with pytest.raises(FetchError) as refused:
        fetch(f"http://127.0.0.1:{refused_port()}/")
    with pytest.raises(FetchError) as invalid:
        fetch("javascript:alert(1)")
    assert (slow.value.kind, slow.value.message) == ("timeout", "no answer within 0.2 s")
    assert (refused.value.kind, refused.value.offline) == ("refused", False)
    assert invalid.value.kind == "invalid"


def test_a_name_that_cannot_be_looked_up_means_offline(monkeypatch):
    class NoDns:
        def open(self, *args: object, **kwargs: object) -> None:
            raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    monkeypatch.setitem(fetch_module._OPENERS, "proxied", NoDns())
    with pytest.raises(FetchError) as failed:
        fetch("https://archive.example/wayback/available")
    assert failed.value.offline
    assert failed.value.message == "cannot look up archive.example (no network, or no such host)"


def test_a_local_server_is_never_reached_through_a_proxy(monkeypatch):
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{refused_port()}")
    opener = urllib.request.build_opener(fetch_module._NoRedirects())  # a proxied opener, as users have
    monkeypatch.setitem(fetch_module._OPENERS, "proxied", opener)
    with LocalServer(routes) as server:
        assert fetch(server.url("/ok")).status == 200

"""Hostile clients of the dev server (issues 19.9, 19.12-19.14): every connection costs bounded
time, threads and descriptors; bodies are never taken for requests; what the server writes of
the config or of file names is escaped."""

import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from sitegen.serve import Server
from sitegen.webserver import HTTPServer, Limits, snippet_for
from tests.conftest import REPO
from tests.integration.test_serve import request, soup_bytes, wait_for

SMALL = Limits(connections=8, streams=2, request_seconds=0.5, body_bytes=1024)


@pytest.fixture
def served(site):
    servers = []

    def start(limits=SMALL, **files):
        server = Server(site(files=files or None), port=0, out=io.StringIO(), limits=limits)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def connect(server):
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def exchange(server, raw: bytes) -> bytes:
    """Send raw bytes, read until the server closes the connection."""
    with connect(server) as sock:
        sock.sendall(raw)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def closed_by_server(sock) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def test_half_open_connections_hold_no_more_threads_than_the_bound_and_time_out(served):
    server = served()
    before = threading.active_count()
    half_open = []
    for _ in range(60):  # each sends half a request line and waits
        sock = connect(server)
        sock.sendall(b"GET /artic")
        half_open.append(sock)
    assert wait_for(lambda: server.httpd.slots._value == 0)  # every slot taken...
    assert threading.active_count() <= before + SMALL.connections  # ...and no more threads than slots
    response, body = request(server, "/articles/")  # one more: told to come back, at once
    assert response.status == 503 and response.getheader("Retry-After") == "1"
    assert wait_for(lambda: all(closed_by_server(s) for s in half_open[:SMALL.connections]))  # deadline passed
    assert wait_for(lambda: request(server, "/articles/")[0].status == 200)
    for sock in half_open:
        sock.close()


def test_a_request_sent_one_byte_at_a_time_is_cut_off_at_the_deadline(served):
    server = served()
    sock = connect(server)
    cut = False
    for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            cut = True
            break
        time.sleep(0.02)  # 200+ bytes at 50 a second: four seconds, far past the 0.5 s deadline
    assert cut or closed_by_server(sock)
    sock.close()


def test_an_idle_keep_alive_connection_is_closed(served):
    server = served()
    sock = connect(server)
    sock.sendall(f"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    first = sock.recv(65536)
    assert first.startswith(b"HTTP/1.1 200")
    sock.settimeout(5)
    rest = b""
    while chunk := sock.recv(65536):  # the server closes it after request_seconds of silence
        rest += chunk
    assert b"HTTP/1.1" not in rest


def open_stream(server):
    sock = connect(server)
    sock.sendall(f"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    return sock, data


def test_event_streams_outlive_the_request_deadline_but_are_bounded(served, monkeypatch):
    monkeypatch.setattr("sitegen.webserver.HEARTBEAT_SECONDS", 0.1)
    server = served()
    streams = [open_stream(server) for _ in range(SMALL.streams)]
    assert all(head.startswith(b"HTTP/1.1 200") for _, head in streams)
    refused = exchange(server, f"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert refused.startswith(b"HTTP/1.1 503") and b"too many live-reload streams" in refused
    sock = streams[0][0]
    received, deadline = b"", time.monotonic() + 4 * SMALL.request_seconds  # a stream lives past the deadline
    while time.monotonic() < deadline:
        received += sock.recv(4096)
    assert received.count(b": heartbeat") >= 3 and not closed_by_server_nowait(sock)
    for sock, _ in streams:
        sock.close()
    assert wait_for(lambda: open_stream(server)[1].startswith(b"HTTP/1.1 200"))  # a closed tab frees its place


def closed_by_server_nowait(sock) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    finally:
        sock.setblocking(True)


def test_head_of_the_event_stream_is_headers_only(served):
    server = served()
    data = exchange(server, f"HEAD /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"text/event-stream" in head
    assert body == b""


@pytest.mark.parametrize("method, status", [("POST", 405), ("GET", 200)])
def test_a_request_body_is_read_never_taken_for_the_next_request(served, method, status):
    server = served()
    host = f"Host: 127.0.0.1:{server.port}\r\n"
    smuggled = f"GET /feed.xml HTTP/1.1\r\n{host}\r\n".encode()
    raw = (f"{method} /robots.txt HTTP/1.1\r\n{host}Content-Length: {len(smuggled)}\r\n\r\n".encode() + smuggled +
           f"GET /robots.txt HTTP/1.1\r\n{host}Connection: close\r\n\r\n".encode())
    data = exchange(server, raw)
    assert re.findall(rb"HTTP/1\.1 (\d{3}) ", data) == [str(status).encode(), b"200"]
    assert b"<feed" not in data


@pytest.mark.parametrize("headers, status", [
    ("Content-Length: 1000000000\r\n", b"413"), ("Transfer-Encoding: chunked\r\n", b"501"),
    ("Content-Length: -5\r\n", b"400"),
])
def test_huge_chunked_or_malformed_bodies_are_refused_and_the_connection_closed(served, headers, status):
    server = served()
    data = exchange(server, f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n{headers}\r\n5\r\nhello\r\n"
                            f"GET /feed.xml HTTP/1.1\r\n\r\n".encode())
    assert data.split(b" ")[1] == status and data.count(b"HTTP/1.1 ") == 1


def test_the_error_page_shows_a_file_name_that_is_not_utf8(site):
    root = site()
    (root / os.fsdecode(b"content/posts\xff")).mkdir()
    (root / os.fsdecode(b"content/posts\xff/x.md")).write_text("---\ntitle: X\n---\n")
    server = Server(root, port=0, out=io.StringIO(), limits=SMALL)
    server.start()
    try:
        response, body = request(server, "/")
        assert response.status == 500
        assert "content/posts\\xff/x.md: unknown section" in soup_bytes(body).pre.get_text()
    finally:
        server.stop()


def test_the_base_path_is_escaped_in_the_script_tag_and_the_location_header(served):
    server = served(**{"sitegen.yaml": "title: T\nbase_url: https://example.org/a&b/\n"})
    response, body = request(server, "/topics/minerals-deal/".replace("/", "/a&b/", 1))
    script = soup_bytes(body).find("script", src=lambda s: s and "livereload" in s)
    assert script["src"] == "/a&b/__sitegen/livereload.js" and script["data-base"] == "/a&b/"
    assert b'src="/a&amp;b/__sitegen/livereload.js"' in body
    response, _ = request(server, "/")
    assert response.status == 301 and response.getheader("Location") == "/a&b/"


def test_script_tag_and_location_never_carry_a_raw_quote_or_line_break():
    tag = snippet_for('/x"><script>alert(1)</script>\r\nSet-Cookie: a=b/', 3).decode()
    assert "<script>alert" not in tag and "\r" not in tag and "\n" not in tag and tag.count('"') == 6
    from urllib.parse import quote

    from sitegen.webserver import _PATH_SAFE

    assert quote("/a b\r\nX: y\"/", safe=_PATH_SAFE) == "/a%20b%0D%0AX:%20y%22/"


def test_accept_backs_off_when_descriptors_run_out(monkeypatch):
    import errno

    httpd = HTTPServer(("127.0.0.1", 0), lambda *a: None, SMALL)
    naps = []
    monkeypatch.setattr("sitegen.webserver.time.sleep", naps.append)
    listening = httpd.socket

    class OutOfDescriptors:
        def accept(self):
            raise OSError(errno.EMFILE, "Too many open files")

        def close(self):
            listening.close()

    httpd.socket = OutOfDescriptors()
    try:
        for _ in range(8):
            httpd._handle_request_noblock()  # socketserver swallows the error: without a pause, it spins
        assert naps == [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.5, 0.5] and httpd.out_of_descriptors == 8
    finally:
        httpd.server_close()


def test_limits_leave_most_descriptors_to_the_build():
    script = ("import resource; resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128)); "
              "from sitegen.webserver import Limits; l = Limits.for_descriptors(); print(l.connections, l.streams)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.split() == ["32", "16"]


AT_THE_LIMIT = textwrap.dedent("""
    import json, os, resource, sys
    from pathlib import Path
    from sitegen.serve import Server
    from sitegen.webserver import Limits

    resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))
    server = Server(Path(sys.argv[1]), port=0, out=open(os.devnull, "w"),
                    limits=Limits(connections=1000, streams=4, request_seconds=2.0))
    server.start()
    print(server.port, flush=True)
    hoard = []
    for line in sys.stdin:
        if line.strip() == "exhaust":  # what a flood of connections (or anything else) does
            try:
                while True:
                    hoard.append(os.open(os.devnull, os.O_RDONLY))
            except OSError:
                pass
            server.session.known.clear()
            server.rebuild(" (test)")
            print(json.dumps(server.state.errors), flush=True)
        elif line.strip() == "release":
            for fd in hoard:
                os.close(fd)
            hoard = []
            print(server.httpd.out_of_descriptors, flush=True)
        elif line.strip() == "rebuild":
            server.rebuild(" (test)")
            print(json.dumps(server.state.errors), flush=True)
    server.stop()
""")


def test_at_the_descriptor_limit_a_failed_rebuild_is_reported_and_serving_recovers(site):
    root = site()
    child = subprocess.Popen([sys.executable, "-c", AT_THE_LIMIT, str(root)], cwd=REPO, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        port = int(child.stdout.readline())
        child.stdin.write("exhaust\n")
        child.stdin.flush()
        errors = json.loads(child.stdout.readline())
        assert errors and "Too many open files" in errors[0]  # the rebuild failed, and says so
        waiting = socket.create_connection(("127.0.0.1", port), timeout=10)  # in the backlog: accept() fails
        waiting.sendall(f"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        time.sleep(0.3)  # let the server meet the exhausted limit a few times
        child.stdin.write("release\n")
        child.stdin.flush()
        assert int(child.stdout.readline()) >= 1  # it ran out, paused, and...
        data = b""
        while b"data:" not in data:  # ...serves the waiting client once descriptors come back
            data += waiting.recv(4096)
        message = json.loads(data.split(b"data: ", 1)[1].split(b"\n", 1)[0])
        assert message["type"] == "error" and "Too many open files" in message["errors"][0]  # the overlay's
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/about/")
        page = conn.getresponse()
        assert page.status == 200 and b"livereload.js" in page.read()  # the last good page, with the overlay script
        child.stdin.write("rebuild\n")
        child.stdin.flush()
        assert json.loads(child.stdout.readline()) == []
        while b'"type": "built"' not in data:
            data += waiting.recv(4096)
        waiting.close()
    finally:
        child.stdin.close()
        child.wait(timeout=10)

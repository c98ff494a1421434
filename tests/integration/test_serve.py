"""The dev server over HTTP: what it serves, what it refuses, and how it rebuilds."""

import http.client
import io
import re
import socket
import threading
import os
import time

import pytest

import sitegen.serve as serve_module
from sitegen.serve import Server
from sitegen.webserver import site_key
from tests.conftest import wait_for, write


@pytest.fixture
def served(site):
    """A running server on a free port for a copy of the basic fixture site."""
    servers = []

    def start(**files):
        root = site(files=files or None)
        server = Server(root, port=0, out=io.StringIO())
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def request(server, path, method="GET", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    sent = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
    for key, value in sent.items():
        conn.putheader(key, value)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_serves_pages_with_the_live_reload_script(served):
    server = served()
    response, body = request(server, "/articles/guardian-ryabkov/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    script = soup_bytes(body).find("script", src=re.compile("livereload"))
    assert script["src"] == "/__sitegen/livereload.js"
    response, body = request(server, "/__sitegen/livereload.js")
    assert response.status == 200 and b"EventSource" in body


def soup_bytes(body):
    from bs4 import BeautifulSoup

    return BeautifulSoup(body, "lxml")


def test_serve_does_not_write_public(served):
    server = served()
    assert not (server.root / "public").exists()


@pytest.mark.parametrize("path, ctype", [
    ("/feed.xml", "application/xml; charset=utf-8"), ("/feed.json", "application/json"),
    ("/robots.txt", "text/plain; charset=utf-8"), ("/sitemap.xml", "application/xml; charset=utf-8"),
])
def test_content_types(served, path, ctype):
    response, _ = request(served(), path)
    assert (response.status, response.getheader("Content-Type")) == (200, ctype)


def test_css_is_served_as_css(served):
    server = served()
    _, body = request(server, "/")
    css = soup_bytes(body).find("link", rel="stylesheet")["href"]
    response, _ = request(server, css)
    assert response.getheader("Content-Type") == "text/css; charset=utf-8"


def test_head_has_headers_and_no_body(served):
    server = served()
    get, get_body = request(server, "/")
    head, head_body = request(server, "/", method="HEAD")
    assert head.status == 200 and head_body == b""
    assert head.getheader("Content-Length") == str(len(get_body))


def test_missing_page_gets_the_sites_404(served):
    response, body = request(served(), "/no/such/page/")
    assert response.status == 404
    assert soup_bytes(body).h1.get_text() == "Page not found"


def test_folder_without_slash_redirects(served):
    response, _ = request(served(), "/articles")
    assert response.status == 301 and response.getheader("Location") == "/articles/"


@pytest.mark.parametrize("path", [
    "/../sitegen.yaml", "/%2e%2e/sitegen.yaml", "/%2E%2E/%2E%2E/etc/passwd", "/articles/..%2f..%2fsitegen.yaml",
    "/articles%2f..%2f..%2fsitegen.yaml", "/..\\sitegen.yaml", "/%5c..%5csitegen.yaml", "//etc/passwd",
    "/content/articles/guardian-ryabkov.md", "/.sitegen-output", "/%00", "/%252e%252e/sitegen.yaml",
])
def test_nothing_outside_the_built_site_is_served(served, path):
    response, body = request(served(), path)
    assert response.status == 404, path
    assert b"title:" not in body and b"root:" not in body


def test_site_key_rejects_traversal():
    assert site_key("/a/b/", "/") == "a/b/index.html"
    assert site_key("/x/", "/briefing/") is None
    for path in ["/..", "/a/../b", "/%2e%2e/x", "/a%2fb", "/.git/config"]:
        assert site_key(path, "/") is None, path


def test_other_methods_are_refused(served):
    response, _ = request(served(), "/", method="POST")
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"


def test_foreign_host_header_is_refused(served):
    response, _ = request(served(), "/", headers={"Host": "attacker.example:8000"})
    assert response.status == 403


def test_base_path_is_served_and_root_redirects(site):
    root = site(files={"sitegen.yaml": "title: T\nbase_url: https://someone.github.io/briefing/\n"})
    server = Server(root, port=0, out=io.StringIO())
    server.start()
    try:
        response, _ = request(server, "/")
        assert response.status == 301 and response.getheader("Location") == "/briefing/"
        response, body = request(server, "/briefing/topics/minerals-deal/")
        assert response.status == 200
        assert soup_bytes(body).find("script", src=re.compile("livereload"))["src"] == "/briefing/__sitegen/livereload.js"
    finally:
        server.stop()


def test_many_clients_at_once(served):
    server = served()
    results = []

    def fetch():
        response, body = request(server, "/articles/")
        results.append((response.status, len(body)))

    threads = [threading.Thread(target=fetch) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(results) == 30 and {status for status, _ in results} == {200}
    assert len({size for _, size in results}) == 1


def open_event_stream(server):
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    sock.sendall(f"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    data = b""
    while b"data:" not in data:
        data += sock.recv(4096)
    return sock, data


def test_event_stream_reports_state_and_closed_tabs_free_their_threads(served, monkeypatch):
    monkeypatch.setattr("sitegen.webserver.HEARTBEAT_SECONDS", 0.2)
    server = served()
    before = threading.active_count()
    streams = [open_event_stream(server) for _ in range(8)]
    assert all(b'"type": "built"' in data for _, data in streams)
    assert threading.active_count() >= before + 8
    for sock, _ in streams:
        sock.close()
    assert wait_for(lambda: threading.active_count() <= before, timeout=5)


def test_edit_rebuilds_and_swaps_in_the_new_site(served):
    server = served()
    generation = server.state.generation
    path = server.root / "content/pages/about.md"
    path.write_text(path.read_text().replace("This fixture is built by the tests.", "Edited text."))
    assert wait_for(lambda: server.state.generation > generation)
    _, body = request(server, "/about/")
    assert "Edited text." in soup_bytes(body).get_text()


def test_a_registry_edit_the_stamp_cannot_tell_is_still_seen(served):
    """serve keeps the registries while their files' stamps are unchanged; a save the watcher
    reports is read again even when it keeps the size and the clock did not move."""
    server = served()
    generation = server.state.generation
    path = server.root / "data/actors.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("President of Ukraine", "President of Ukrainx"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same (mtime, size, inode)
    assert wait_for(lambda: server.state.generation > generation)
    _, body = request(server, "/actors/")
    assert "President of Ukrainx" in soup_bytes(body).get_text()


def test_failed_rebuild_keeps_the_last_good_site_and_reports_errors(served):
    server = served()
    path = server.root / "content/pages/about.md"
    good = path.read_text()
    path.write_text("---\ntitle: [broken\n---\n")
    assert wait_for(lambda: bool(server.state.errors))
    assert server.state.errors[0].startswith("content/pages/about.md:2: invalid YAML")
    response, body = request(server, "/about/")
    assert response.status == 200 and "This fixture is built by the tests." in soup_bytes(body).get_text()
    path.write_text(good)
    assert wait_for(lambda: not server.state.errors)


def test_a_burst_of_saves_is_one_rebuild(served, monkeypatch):
    server = served()
    # the burst comes within the quiet window whatever the machine's load (the window is 10 ms
    # by default: ten saves on a busy 2-core machine can take longer)
    monkeypatch.setattr(serve_module, "QUIET_SECONDS", 0.5)
    generation = server.state.generation
    path = server.root / "content/pages/about.md"
    text = path.read_text()
    for i in range(10):  # an editor's save: temporary file, then rename over the original
        tmp = path.with_name(".about.md.tmp")
        tmp.write_text(text + f"\nSave {i}.\n")
        tmp.replace(path)
    assert wait_for(lambda: server.state.generation > generation)
    time.sleep(0.5)
    assert server.state.generation == generation + 1
    _, body = request(server, "/about/")
    assert "Save 9." in soup_bytes(body).get_text()


def test_deleted_and_recreated_folders_are_handled(served):
    server = served()
    import shutil

    pages = server.root / "content/pages"
    saved = (pages / "about.md").read_text()
    shutil.rmtree(pages)
    # the home page links to the topic, which links to the deleted page: a clear error, no crash
    assert wait_for(lambda: bool(server.state.errors))
    write(server.root, "content/pages/about.md", saved)
    assert wait_for(lambda: not server.state.errors)


def settled(server, quiet=0.4, timeout=10.0):
    """Wait until the server has rebuilt for everything saved and is quiet."""
    deadline = time.monotonic() + timeout
    last, since = server.state.generation, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if server.state.generation != last or server.dirty.is_set():
            last, since = server.state.generation, time.monotonic()
        elif time.monotonic() - since > quiet:
            return True
    return False


def test_the_served_site_equals_a_clean_build_as_files_come_move_and_go(served):
    """Serve looks only at the paths its watcher reports; the result must not differ."""
    from sitegen.build import build

    server = served()
    root = server.root
    article = "---\ntitle: New\ndate: 2025-09-01\noutlet: The Guardian\nactors: [Zelensky]\n---\nA new paragraph.\n"
    steps = {
        "added": lambda: write(root, "content/articles/new-one.md", article),
        "edited": lambda: write(root, "content/articles/new-one.md", article.replace("A new", "An edited")),
        "renamed": lambda: (root / "content/articles/new-one.md").rename(root / "content/articles/renamed.md"),
        "saved atomically": lambda: (write(root, "content/articles/.renamed.md.tmp", article.replace("New", "Newer")),
                                     (root / "content/articles/.renamed.md.tmp").replace(root / "content/articles/renamed.md")),
        "in a new folder": lambda: write(root, "content/pages/more/extra.md", "---\ntitle: Extra\n---\nMore.\n"),
        "deleted": lambda: (root / "content/articles/renamed.md").unlink(),
    }
    for name, step in steps.items():
        generation = server.state.generation
        step()
        assert wait_for(lambda: server.state.generation > generation), name
        assert settled(server), name
        assert server.state.errors == [], name
        clean = build(root).files
        assert sorted(server.state.files) == sorted(clean), name
        assert [p for p in clean if server.state.files[p] != clean[p]] == [], name


def test_port_in_use_is_a_clear_message(site, capsys):
    from sitegen.serve import serve

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    try:
        code = serve(site(), "127.0.0.1", holder.getsockname()[1], False, False)
    finally:
        holder.close()
    assert code == 1
    assert "is in use — stop the other server or pass --port N" in capsys.readouterr().err


def test_overlong_url_and_headers_are_refused(served):
    server = served()
    response, _ = request(server, "/" + "a" * 5000)
    assert response.status == 414
    response, _ = request(server, "/", headers={"X-Big": "b" * 70_000})
    assert response.status == 431
    many = {f"X-H{i}": "v" for i in range(120)}
    response, _ = request(server, "/", headers=many)
    assert response.status == 431


def test_sibling_folder_named_like_the_output_is_not_reachable(served):
    server = served()
    (server.root / "public2").mkdir()
    (server.root / "public2" / "secret.txt").write_text("secret")
    for path in ["/../public2/secret.txt", "/%2e%2e/public2/secret.txt", "/public2/secret.txt"]:
        response, body = request(server, path)
        assert response.status == 404 and b"secret" not in body


def test_clients_that_vanish_mid_response_do_not_hurt_the_server(served):
    server = served()
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(f"GET /articles/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        sock.close()  # gone before reading a byte
        half = socket.create_connection(("127.0.0.1", server.port))
        half.sendall(b"GET /artic")  # gone in the middle of the request line
        half.close()
    response, _ = request(server, "/articles/")
    assert response.status == 200


def test_requests_during_a_rebuild_get_a_complete_site(served):
    server = served()
    source = server.root / "content/pages/about.md"
    text = source.read_text()
    stop = threading.Event()
    seen = []

    def hammer():
        while not stop.is_set():
            response, body = request(server, "/about/")
            seen.append((response.status, b"</html>" in body))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    generation = server.state.generation
    for i in range(5):
        source.write_text(text.replace("This fixture is built by the tests.", f"Version {i}."))
        wait_for(lambda: server.state.generation > generation)
        generation = server.state.generation
    stop.set()
    for t in threads:
        t.join(10)
    assert seen and all(status == 200 and complete for status, complete in seen)


def test_search_index_is_served_while_editing(site):
    root = site(files={"sitegen.yaml": "title: T\nsearch: true\n"})
    server = Server(root, port=0, out=io.StringIO())
    server.start()
    try:
        assert wait_for(lambda: "pagefind/pagefind-ui.js" in server.state.files, timeout=20)
        response, body = request(server, "/pagefind/pagefind-entry.json")
        assert response.status == 200 and b'"languages"' in body
    finally:
        server.stop()


def test_ctrl_c_stops_the_server_promptly(site):
    import signal
    import subprocess
    import sys

    root = site()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", str(root), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "serving" in process.stdout.readline() + process.stdout.readline()
        sock, _ = open_event_stream(type("S", (), {"port": port})())  # a tab with live reload open
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        assert process.wait(timeout=5) == 0
        assert time.monotonic() - started < 2.0
        sock.close()
    finally:
        process.kill()


def test_malformed_request_url_is_a_bad_request(served):
    response, _ = request(served(), "http://[bad/")
    assert response.status == 400

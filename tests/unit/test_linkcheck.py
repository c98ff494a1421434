"""Finding a site's outside addresses, and asking for each politely, against local servers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sitegen.linkcheck import Checker, LinkUse, Limits, external_links
from sitegen.siteview import read_site
from tests.conftest import write
from tests.localweb import LocalServer, Reply, Request, refused_port

FAST = Limits(timeout=2, deadline=60, host_delay=0)


def test_finds_front_matter_addresses_and_markdown_links_with_their_lines(tmp_path: Path):
    root = tmp_path / "site"
    write(root, "sitegen.yaml", "title: T\n")
    write(root, "content/articles/a.md", """
        ---
        title: A
        date: 2025-02-22
        outlet: X
        url: https://news.example/a
        archive_url: https://web.archive.org/web/20250222000000/https://news.example/a
        ---
        First paragraph with [a link](https://one.example/x#part) and `https://code.example/` in code.

        Second paragraph,
        wrapped, with <https://auto.example/> and ![an image](https://img.example/i.png).

        A [relative link](../topics/t.md), [mail](mailto:a@b.example) and [local](/about/).
        """)
    write(root, "content/topics/t.md", """
        ---
        title: T
        ---
        ```
        [not a link](https://fenced.example/)
        ```

        See [the source](http://two.example/page).
        """)
    uses = external_links(read_site(root))
    assert uses == [
        LinkUse("https://news.example/a", "content/articles/a.md", 5, "url:"),
        LinkUse("https://web.archive.org/web/20250222000000/https://news.example/a", "content/articles/a.md", 6,
                "archive_url:"),
        LinkUse("https://one.example/x#part", "content/articles/a.md", 8, "link"),
        LinkUse("https://auto.example/", "content/articles/a.md", 11, "link"),
        LinkUse("https://img.example/i.png", "content/articles/a.md", 11, "image"),
        LinkUse("http://two.example/page", "content/topics/t.md", 8, "link"),
    ]


def routes(request: Request) -> Reply:
    path = request.path
    if path == "/ok":
        return Reply(200)
    if path == "/gone":
        return Reply(404)
    if path == "/error":
        return Reply(500)
    if path == "/no-head":
        return Reply(405) if request.method == "HEAD" else Reply(200)
    if path == "/moved":
        return Reply(301, {"Location": "/ok"})
    if path in ("/loop-a", "/loop-b"):
        return Reply(302, {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
    if path.startswith("/chain/"):
        step = int(path.rsplit("/", 1)[1])
        return Reply(302, {"Location": f"/chain/{step + 1}"})
    if path == "/to-ftp":
        return Reply(302, {"Location": "ftp://files.example/x"})
    if path == "/slow":
        return Reply(200, delay=5)
    if path == "/busy":
        return Reply(429)
    return Reply(404)


def test_each_kind_of_answer(tmp_path):
    port = refused_port()
    with LocalServer(routes) as server:
        paths = ["/ok", "/gone", "/error", "/no-head", "/moved", "/loop-a", "/chain/0", "/to-ftp", "/busy"]
        outcomes = Checker(FAST).check([server.url(p) for p in paths] + [f"http://127.0.0.1:{port}/x"])
        slow = Checker(Limits(timeout=0.3, deadline=60, host_delay=0)).check([server.url("/slow")])
        got = {url.removeprefix(server.base): (o.verdict, o.detail) for url, o in {**outcomes, **slow}.items()}
        head_then_get = [(r.method, r.path) for r in server.requests if r.path == "/no-head"]
        base = server.base
    assert got == {
        "/ok": ("ok", "200 OK"),
        "/gone": ("broken", "404 Not Found"),
        "/error": ("broken", "500 Internal Server Error"),
        "/no-head": ("ok", "200 OK"),
        "/moved": ("redirected", f"redirects (301) to {base}/ok (200 OK)"),
        "/loop-a": ("broken", f"redirect loop ({base}/loop-a → {base}/loop-b → {base}/loop-a)"),
        "/chain/0": ("broken", "more than 5 redirects"),
        "/to-ftp": ("broken", "redirects (302) to a non-web address: ftp://files.example/x"),
        "/busy": ("unchecked", "429 Too Many Requests: the server limits requests; check again later"),
        f"http://127.0.0.1:{port}/x": ("error", "127.0.0.1 refused the connection"),
        "/slow": ("timeout", "no answer within 0.3 s"),
    }
    assert head_then_get == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_one_request_per_distinct_address(tmp_path):
    with LocalServer(lambda request: Reply(200)) as server:
        outcomes = Checker(FAST).check([server.url("/a"), server.url("/a#p-2"), server.url("/a"), server.url("/b")])
        assert sorted(r.path for r in server.requests) == ["/a", "/b"]
    assert set(outcomes) == {server.url("/a"), server.url("/b")}


def test_one_host_is_asked_one_request_at_a_time_with_a_pause():
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def counting(request: Request) -> Reply:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.02)
        with lock:
            in_flight[0] -= 1
        return Reply(200)

    slept: list[float] = []
    clock = [0.0]
    with LocalServer(counting) as server:
        checker = Checker(Limits(timeout=2, deadline=60, host_delay=1.0, workers=8),
                          sleep=lambda s: (slept.append(s), clock.__setitem__(0, clock[0] + s)),  # type: ignore[func-returns-value]
                          clock=lambda: clock[0])
        checker.check([server.url(f"/{i}") for i in range(4)])
    assert most[0] == 1
    assert slept == [1.0, 1.0, 1.0]


def test_nothing_is_asked_after_the_deadline():
    with LocalServer(lambda request: Reply(200)) as server:
        outcomes = Checker(Limits(timeout=2, deadline=0, host_delay=0)).check([server.url("/a"), server.url("/b")])
        assert server.requests == []
    assert {o.verdict for o in outcomes.values()} == {"unchecked"}
    assert not any(o.failure for o in outcomes.values())

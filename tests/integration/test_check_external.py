"""`sitegen check --external` end to end, against local servers: a report, a failure only with --strict."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write
from tests.localweb import LocalServer, Reply, Request, refused_port


def answer(request: Request) -> Reply:
    return {"/report": Reply(200), "/gone": Reply(404), "/old": Reply(301, {"Location": "/report"}),
            "/no-head": Reply(405) if request.method == "HEAD" else Reply(200),
            "/slow": Reply(200, delay=5)}.get(request.path, Reply(500))


def site(tmp_path: Path, base: str, port: int) -> Path:
    root = tmp_path / "site"
    write(root, "sitegen.yaml", "title: T\n")
    write(root, "content/articles/a.md", f"""
        ---
        title: A report
        date: 2025-02-22
        outlet: Example News
        url: {base}/report
        archive_url: {base}/gone
        ---
        The report, with [a source]({base}/old) and [another]({base}/no-head).
        """)
    write(root, "content/topics/t.md", f"""
        ---
        title: A topic
        ---
        Background: [slow]({base}/slow), [closed](http://127.0.0.1:{port}/x), [again]({base}/report).
        """)
    return root


def test_reports_every_place_and_does_not_fail_without_strict(tmp_path, cli):
    port = refused_port()
    with LocalServer(answer) as server:
        root = site(tmp_path, server.base, port)
        run = cli("check", "-s", root, "--external", "--timeout", "0.5", "--host-delay", "0")
        base = server.base
        asked = sorted({(r.method, r.path) for r in server.requests})
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        run.out.splitlines()[0],  # the check's own "ok: …" line
        f"content/articles/a.md:6: {base}/gone (archive_url:) — 404 Not Found",
        f"content/articles/a.md:8: {base}/old — redirects (301) to {base}/report (200 OK)",
        f"content/topics/t.md:4: {base}/slow — no answer within 0.5 s",
        f"content/topics/t.md:4: http://127.0.0.1:{port}/x — 127.0.0.1 refused the connection",
        "external links: 6 addresses in 7 places: 2 ok, 1 redirected, 1 broken, 1 timed out, 1 unreachable",
        "(a report: pass --strict to fail the check on broken links)",
    ]
    assert run.out.startswith("ok: 1 articles, 1 topics")
    assert asked == [("GET", "/no-head"), ("HEAD", "/gone"), ("HEAD", "/no-head"), ("HEAD", "/old"),
                     ("HEAD", "/report"), ("HEAD", "/slow")]


def test_strict_fails_on_a_broken_link(tmp_path, cli):
    with LocalServer(answer) as server:
        root = site(tmp_path, server.base, refused_port())
        run = cli("check", "-s", root, "--external", "--strict", "--timeout", "0.5", "--host-delay", "0")
    assert run.code == 1
    assert "Traceback" not in run.err and "(a report" not in run.out


def test_without_external_nothing_is_asked(tmp_path, cli):
    with LocalServer(answer) as server:
        root = site(tmp_path, server.base, refused_port())
        assert cli("check", "-s", root, "--strict").code == 0
        assert server.requests == []

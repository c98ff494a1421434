"""`sitegen archive` end to end, against a local server that plays the Wayback Machine."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write
from tests.localweb import LocalServer, Reply, Request, refused_port

FOUND = "https://news.example/found"


def article(url: str | None, extra: str = "", date: str = "2025-02-22") -> str:
    line = f"url: {url}\n" if url else ""
    return f"---\ntitle: A report\ndate: {date}\noutlet: Example News\n{line}{extra}---\nThe report's text.\n"


def new_site(tmp_path: Path, articles: dict[str, str]) -> Path:
    root = tmp_path / "site"
    write(root, "sitegen.yaml", "title: T\n")
    for slug, text in articles.items():
        (root / "content/articles").mkdir(parents=True, exist_ok=True)
        (root / f"content/articles/{slug}.md").write_text(text, encoding="utf-8")
    return root


def snapshot_answer(original: str, timestamp: str = "20250222093000", host: str = "web.archive.org") -> Reply:
    return Reply(body=json.dumps({"url": original, "archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": timestamp,
        "url": f"http://{host}/web/{timestamp}/{original}"}}}).encode())


EMPTY = Reply(body=b'{"archived_snapshots": {}}')


def wayback(scenarios: dict[str, Reply | list[Reply]]):  # type: ignore[no-untyped-def]
    """A stand-in for the availability API and Save Page Now: answers by the original's URL."""
    queues = {url: list(r) if isinstance(r, list) else r for url, r in scenarios.items()}

    def answer(request: Request) -> Reply:
        if request.path == "/wayback/available":
            key = request.query["url"]
        elif request.path.startswith("/save/"):
            key = "save:" + request.path.removeprefix("/save/")
        else:
            return Reply(404)
        reply = queues.get(key, EMPTY)
        return reply.pop(0) if isinstance(reply, list) else reply

    return answer


def archive(cli, root: Path, server: LocalServer, *args: str):  # type: ignore[no-untyped-def]
    return cli("archive", "-s", root, "--api", server.base, "--rate", "0", "--timeout", "2", *args)


def test_records_the_nearest_snapshot_by_a_minimal_edit(tmp_path, cli):
    commented = ("---\n# kept: a comment\ntitle: 'A report: quoted'\ndate: 2025-02-22\noutlet: Example News\n"
                 f"url: {FOUND}   # the original\n# about the actors\nactors: [Vladimir Putin]\n---\nText.\n")
    root = new_site(tmp_path, {"found": commented, "none": article("https://news.example/none"),
                               "no-url": article(None),
                               "done": article("https://news.example/done",
                                               "archive_url: https://web.archive.org/web/1/x\n")})
    with LocalServer(wayback({FOUND: snapshot_answer(FOUND)})) as server:
        run = archive(cli, root, server)
    assert run.code == 0, run.err
    edited = (root / "content/articles/found.md").read_text()
    assert edited == commented.replace(
        "# the original\n", "# the original\n"
        f"archive_url: https://web.archive.org/web/20250222093000/{FOUND}\narchive_date: 2025-02-22\n")
    assert "content/articles/found.md:6: recorded archive_url: https://web.archive.org/web/20250222093000/" in run.out
    assert "content/articles/none.md:5: no snapshot of https://news.example/none" in run.out
    assert run.out.splitlines()[-1] == ("archive: 1 recorded, 1 without a snapshot, 1 already archived, "
                                        "1 without url:")
    asked = [r.query for r in server.requests]
    assert asked == [{"url": FOUND, "timestamp": "20250222"}, {"url": "https://news.example/none", "timestamp": "20250222"}]
    assert cli("check", "-s", root).code == 0


def test_dry_run_changes_no_file(tmp_path, cli):
    root = new_site(tmp_path, {"found": article(FOUND)})
    before = (root / "content/articles/found.md").read_bytes()
    with LocalServer(wayback({FOUND: snapshot_answer(FOUND)})) as server:
        run = archive(cli, root, server, "--dry-run")
    assert run.code == 0
    assert "would record archive_url: https://web.archive.org/web/20250222093000/" in run.out
    assert run.out.splitlines()[-1] == "archive: 1 would be recorded"
    assert (root / "content/articles/found.md").read_bytes() == before


def test_busy_malformed_slow_and_untrusted_answers_fail_one_article_each(tmp_path, cli):
    urls = {name: f"https://news.example/{name}" for name in ("busy", "retried", "malformed", "slow", "untrusted")}
    root = new_site(tmp_path, {name: article(url) for name, url in urls.items()})
    before = {p.name: p.read_bytes() for p in (root / "content/articles").iterdir()}
    with LocalServer(wayback({
        urls["busy"]: Reply(503, {"Retry-After": "0"}),
        urls["retried"]: [Reply(429, {"Retry-After": "0"}), snapshot_answer(urls["retried"])],
        urls["malformed"]: Reply(body=b'{"archived_snapshots": {"closest": {"url": '),
        urls["slow"]: Reply(body=b'{"archived_snapshots": {}}', delay=5),
        urls["untrusted"]: snapshot_answer(urls["untrusted"], host="web.archive.org.evil.example"),
    })) as server:
        run = cli("archive", "-s", root, "--api", server.base, "--rate", "0", "--timeout", "0.5")
    assert run.code == 1 and "Traceback" not in run.err
    assert run.err.splitlines() == [
        "content/articles/busy.md:5: no archived copy recorded: the archive answered 503 Service Unavailable 3 times "
        "in a row: it is busy or limiting requests — try again later, or with a larger --rate",
        "content/articles/malformed.md:5: no archived copy recorded: the archive's answer is not JSON",
        "content/articles/slow.md:5: no archived copy recorded: the archive: no answer within 0.5 s",
        "content/articles/untrusted.md:5: no archived copy recorded: the archive pointed to "
        "'http://web.archive.org.evil.example/web/20250222093000/https://news.example/untrusted', "
        "which is not a Wayback Machine address",
    ]
    assert run.out.splitlines()[-1] == "archive: 1 recorded, 4 failed"
    after = {p.name: p.read_bytes() for p in (root / "content/articles").iterdir()}
    assert [name for name in after if after[name] != before[name]] == ["retried.md"]


def test_offline_is_one_clear_line_and_stops(tmp_path, cli):
    root = new_site(tmp_path, {"a": article("https://news.example/a"), "b": article("https://news.example/b")})
    before = (root / "content/articles/a.md").read_bytes()
    port = refused_port()
    run = cli("archive", "-s", root, "--api", f"http://127.0.0.1:{port}", "--rate", "0", "--timeout", "2")
    assert run.code == 1
    assert run.err.splitlines() == [
        f"error: cannot reach the archive (http://127.0.0.1:{port}): 127.0.0.1 refused the connection — "
        "check the network connection, then run sitegen archive again"]
    assert run.out.splitlines() == ["archive: no articles"]
    assert (root / "content/articles/a.md").read_bytes() == before


def test_request_capture_records_a_new_capture_or_says_it_is_pending(tmp_path, cli):
    captured, pending = "https://news.example/captured", "https://news.example/pending"
    root = new_site(tmp_path, {"captured": article(captured), "pending": article(pending)})
    with LocalServer(wayback({
        f"save:{captured}": Reply(302, {"Location": f"/web/20260301101500/{captured}"}),
        f"save:{pending}": Reply(200),
    })) as server:
        run = archive(cli, root, server, "--request-capture")
        base = server.base
    assert run.code == 0, run.err
    text = (root / "content/articles/captured.md").read_text()
    assert f"archive_url: {base}/web/20260301101500/{captured}\narchive_date: 2026-03-01\n" in text
    assert "asking Save Page Now to capture https://news.example/pending (this can take a minute)" in run.out
    assert "capture requested; the archive can take a few minutes to make it" in run.out
    assert run.out.splitlines()[-1] == "archive: 1 recorded, 1 captures requested, not ready yet"
    assert "archive_url" not in (root / "content/articles/pending.md").read_text()


def test_refuses_a_front_matter_it_cannot_edit_before_asking_the_archive(tmp_path, cli):
    flow = "---\n{title: A report, date: 2025-02-22, outlet: X, url: 'https://news.example/flow'}\n---\nText.\n"
    root = new_site(tmp_path, {"flow": flow})
    with LocalServer(wayback({})) as server:
        run = archive(cli, root, server)
    assert run.code == 1
    assert run.error_lines == ["content/articles/flow.md:2: cannot record an archived copy: the front matter is "
                               "written as one {…} mapping, not as key: value lines — write one key per line"]
    assert server.requests == []
    assert (root / "content/articles/flow.md").read_text() == flow


def test_check_flags_archive_date_without_archive_url(tmp_path, cli):
    root = new_site(tmp_path, {"a": article("https://news.example/a", "archive_date: 2025-03-01\n")})
    run = cli("check", "-s", root)
    assert run.code == 1
    assert run.error_lines == ["content/articles/a.md:6: archive_date is set without archive_url — "
                               "add the archived copy's archive_url, or remove archive_date"]


def test_bad_options_are_usage_errors(tmp_path, cli):
    root = new_site(tmp_path, {})
    assert cli("archive", "-s", root, "--rate", "-1").code == 2
    run = cli("archive", "-s", root, "--api", "ftp://example.org")
    assert run.code == 1 and run.error_lines == ["--api: 'ftp://example.org' is not an http(s) URL"]

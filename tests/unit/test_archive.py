"""The archive client: the API's answers checked as untrusted, retries, rate limit; the build's check."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sitegen.archive import (ArchiveError, Endpoints, NoSnapshot, Snapshot, Wayback,
                             parse_availability, snapshot_at, wayback_timestamp)
from tests.localweb import LocalServer, Reply, Request

TRUSTED = frozenset({"web.archive.org"})
ORIGINAL = "https://www.example.org/world/2025/feb/22/report"


def answer(url: str = f"http://web.archive.org/web/20250222150102/{ORIGINAL}", timestamp: str = "20250222150102",
           status: str = "200", available: object = True) -> bytes:
    return json.dumps({"url": ORIGINAL, "archived_snapshots": {"closest": {
        "available": available, "url": url, "timestamp": timestamp, "status": status}}}).encode()


def test_timestamp_is_the_date_or_the_utc_moment():
    assert wayback_timestamp(dt.date(2025, 2, 22)) == "20250222"
    moment = dt.datetime(2025, 2, 22, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert wayback_timestamp(moment) == "20250221233000"


def test_reads_the_nearest_snapshot_and_upgrades_it_to_https():
    found = parse_availability(answer(), ORIGINAL, TRUSTED)
    assert found == Snapshot(f"https://web.archive.org/web/20250222150102/{ORIGINAL}",
                             dt.datetime(2025, 2, 22, 15, 1, 2, tzinfo=dt.timezone.utc))


def test_a_snapshot_may_name_the_original_without_www_or_with_a_port():
    url = "http://web.archive.org/web/20250222150102id_/http://example.org:80/world/2025/feb/22/report"
    assert isinstance(parse_availability(answer(url=url), ORIGINAL, TRUSTED), Snapshot)


@pytest.mark.parametrize("body, reason", [
    (b'{"archived_snapshots": {}}', "no snapshot"),
    (b'{"url": "x", "archived_snapshots": {"closest": null}}', "no snapshot"),
    (answer(available=False), "no available snapshot"),
    (answer(status="404"), "recorded a 404 status"),
    (answer(status="302"), "recorded a 302 status"),
])
def test_no_usable_snapshot_says_why(body, reason):
    found = parse_availability(body, ORIGINAL, TRUSTED)
    assert isinstance(found, NoSnapshot) and reason in found.reason


@pytest.mark.parametrize("body, message", [
    (b"<html>Service unavailable</html>", "not JSON"),
    (b"[1, 2]", "no 'archived_snapshots'"),
    (b'{"archived_snapshots": {"closest": "yes"}}', "malformed"),
    (json.dumps({"archived_snapshots": {"closest": {"available": True, "status": "200"}}}).encode(),
     "no snapshot address"),
    (answer(url=f"https://evil.example/web/20250222150102/{ORIGINAL}"), "not a Wayback Machine address"),
    (answer(url=f"https://web.archive.org@evil.example/web/20250222150102/{ORIGINAL}"),
     "not a Wayback Machine address"),
    (answer(url=f"javascript://web.archive.org/web/20250222150102/{ORIGINAL}"), "not a Wayback Machine address"),
    (answer(url=f"https://web.archive.org/web/20250222150102/{ORIGINAL}", timestamp="20200101000000"),
     "does not match its timestamp"),
    (answer(url=f"https://web.archive.org/save/{ORIGINAL}"), "does not match its timestamp"),
    (answer(url=f"https://web.archive.org/web/20251399000000/{ORIGINAL}", timestamp="20251399000000"),
     "not a real date"),
    (answer(url="https://web.archive.org/web/20250222150102/https://other.example/x"), "archives another site"),
])
def test_an_untrustworthy_or_malformed_answer_is_refused(body, message):
    with pytest.raises(ArchiveError, match=message):
        parse_availability(body, ORIGINAL, TRUSTED)


def test_the_test_api_host_is_trusted_only_when_given():
    local = Endpoints.of("http://127.0.0.1:8123/")
    assert local.available == "http://127.0.0.1:8123/wayback/available"
    assert local.save == "http://127.0.0.1:8123/save/"
    url = f"http://127.0.0.1:8123/web/20250222150102/{ORIGINAL}"
    assert snapshot_at(url, ORIGINAL, local.trusted).url == url  # not upgraded: a local stand-in
    with pytest.raises(ArchiveError):
        snapshot_at(url, ORIGINAL, Endpoints.of(None).trusted)
    with pytest.raises(ValueError):
        Endpoints.of("ftp://example.org")


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def test_requests_are_spaced_by_the_rate_limit():
    replies = iter([Reply(body=b'{"archived_snapshots": {}}')] * 3)
    time = FakeTime()
    with LocalServer(lambda request: next(replies)) as server:
        client = Wayback(Endpoints.of(server.base), timeout=5, interval=1.0, sleep=time.sleep, clock=time.clock)
        for _ in range(3):
            client.closest(ORIGINAL, dt.date(2025, 2, 22))
    assert time.slept == [1.0, 1.0]
    assert server.requests[0].query == {"url": ORIGINAL, "timestamp": "20250222"}


def test_a_busy_answer_is_retried_after_the_wait_it_asks_for():
    replies = iter([Reply(429, {"Retry-After": "7"}), Reply(503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
                    Reply(body=answer())])
    time = FakeTime()
    with LocalServer(lambda request: next(replies)) as server:
        client = Wayback(Endpoints.of(server.base), timeout=5, interval=0.5, sleep=time.sleep, clock=time.clock)
        assert isinstance(client.closest(ORIGINAL, dt.date(2025, 2, 22)), Snapshot)
    assert time.slept == [7.0, 2.0]  # the date form is not trusted: the client's own backoff


def test_a_huge_retry_after_is_capped():
    replies = iter([Reply(429, {"Retry-After": "86400"}), Reply(body=answer())])
    time = FakeTime()
    with LocalServer(lambda request: next(replies)) as server:
        client = Wayback(Endpoints.of(server.base), timeout=5, interval=0, sleep=time.sleep, clock=time.clock)
        client.closest(ORIGINAL, dt.date(2025, 2, 22))
    assert time.slept == [60.0]


def test_gives_up_after_the_retries():
    time = FakeTime()
    with LocalServer(lambda request: Reply(503, {"Retry-After": "0"})) as server:
        client = Wayback(Endpoints.of(server.base), timeout=5, interval=0, retries=2, sleep=time.sleep,
                         clock=time.clock)
        with pytest.raises(ArchiveError, match="503 Service Unavailable 3 times in a row"):
            client.closest(ORIGINAL, dt.date(2025, 2, 22))
        assert len(server.requests) == 3


def test_a_capture_names_its_snapshot_in_content_location():
    def save(request: Request) -> Reply:
        return Reply(200, {"Content-Location": f"/web/20260101120000/{ORIGINAL}"})

    with LocalServer(save) as server:
        client = Wayback(Endpoints.of(server.base), timeout=5, interval=0)
        captured = client.request_capture(ORIGINAL)
        assert captured is not None and captured.url == server.url(f"/web/20260101120000/{ORIGINAL}")
        assert server.requests[0].path == f"/save/{ORIGINAL}"


def archive_date_errors(front: str, tmp_path) -> list[str]:
    from sitegen.content import load_page
    from sitegen.errors import Errors

    (tmp_path / "content/articles").mkdir(parents=True, exist_ok=True)
    (tmp_path / "content/articles/a.md").write_text(front, encoding="utf-8")
    errors = Errors()
    load_page(tmp_path, "content/articles/a.md", "articles", errors)
    return [str(e) for e in errors.items]


def test_flags_archive_date_without_archive_url(tmp_path):
    head = "---\ntitle: T\ndate: 2025-02-22\noutlet: X\n"
    assert archive_date_errors(head + "archive_date: 2025-02-22\n---\nText.\n", tmp_path) == [
        "content/articles/a.md:5: archive_date is set without archive_url — "
        "add the archived copy's archive_url, or remove archive_date"]
    assert archive_date_errors(head + "archive_url: https://web.archive.org/web/20250222000000/https://x.org/a\n"
                               "archive_date: 2025-02-22\n---\nText.\n", tmp_path) == []
    assert archive_date_errors(head + "---\nText.\n", tmp_path) == []

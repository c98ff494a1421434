"""``sitegen archive``: record an archived copy of each article's original.

For every article with a ``url:`` and no ``archive_url:``, the Wayback Machine's
availability API is asked for the snapshot nearest the article's date
(https://archive.org/help/wayback_api.php); the snapshot's address and date are written
into the article's front matter as ``archive_url:`` and ``archive_date:`` by a surgical
edit (:mod:`sitegen.frontedit`). With ``request_capture``, an original with no usable
snapshot is sent to Save Page Now.

The API's answer is untrusted: only a snapshot on web.archive.org (or the test API's own
host) whose address, timestamp and archived page agree with each other and with the
original is recorded. Requests are spaced by a rate limit, each has a timeout, and a
429 or 503 answer is retried after the wait the server asks for (bounded).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode, urljoin

from .errors import SiteError
from .fetch import FetchError, Response, fetch
from .frontedit import EditRefused, add_keys, write_if_unchanged
from .siteview import Doc, SiteView
from .urls import split_url

DEFAULT_API = "https://archive.org"
"""The availability API is {api}/wayback/available."""
DEFAULT_SAVE = "https://web.archive.org/save/"
"""Save Page Now: {save}{original URL}."""
WAYBACK_HOST = "web.archive.org"
_SNAPSHOT_PATH = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/(.+)", re.S)
MAX_WAIT = 60.0
"""The longest pause a Retry-After header can impose, in seconds."""


class ArchiveError(Exception):
    """The archive answered, but not with something usable for this article."""


class Offline(Exception):
    """The archive cannot be reached at all: the run stops."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A Wayback Machine capture of an original."""

    url: str
    """Its address, e.g. https://web.archive.org/web/20250222150102/https://example.org/a."""
    moment: dt.datetime
    """When it was captured (UTC)."""


@dataclass(frozen=True, slots=True)
class NoSnapshot:
    """The archive has no usable capture."""

    reason: str
    """Why, for the report: 'no snapshot', 'the nearest snapshot recorded a 404'."""


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where the archive's services are, and which hosts may serve snapshots."""

    available: str
    save: str
    trusted: frozenset[str]
    """Hosts (host[:port]) whose /web/… addresses are accepted as snapshots."""

    @classmethod
    def of(cls, api: str | None) -> Endpoints:
        """The real archive, or (``--api``) a stand-in serving both services under one base URL."""
        if api is None:
            return cls(f"{DEFAULT_API}/wayback/available", DEFAULT_SAVE, frozenset({WAYBACK_HOST}))
        base = api.rstrip("/")
        parts = split_url(base)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"--api: '{api}' is not an http(s) URL")
        return cls(f"{base}/wayback/available", f"{base}/save/", frozenset({WAYBACK_HOST, parts.netloc.lower()}))


def wayback_timestamp(when: dt.date | dt.datetime) -> str:
    """The API's timestamp for a date (YYYYMMDD) or a date-time (YYYYMMDDhhmmss, in UTC)."""
    if isinstance(when, dt.datetime):
        return when.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    return when.strftime("%Y%m%d")


def parse_availability(body: bytes, original: str, trusted: frozenset[str]) -> Snapshot | NoSnapshot:
    """The availability API's JSON answer, checked: the nearest usable snapshot, or why there
    is none. A malformed or untrustworthy answer raises ArchiveError."""
    try:
        answer = json.loads(body)
    except ValueError:
        raise ArchiveError("the archive's answer is not JSON") from None
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    if not isinstance(snapshots, dict):
        raise ArchiveError("the archive's answer has no 'archived_snapshots'")
    closest = snapshots.get("closest")
    if not closest:
        return NoSnapshot("no snapshot")
    if not isinstance(closest, dict):
        raise ArchiveError("the archive's answer has a malformed 'closest' snapshot")
    if closest.get("available") is not True:
        return NoSnapshot("no available snapshot")
    status = str(closest.get("status", ""))
    if not re.fullmatch(r"2\d\d", status):
        return NoSnapshot(f"the nearest snapshot recorded a {status or 'missing'} status, not the page")
    url, timestamp = closest.get("url"), closest.get("timestamp")
    if not isinstance(url, str) or not isinstance(timestamp, str):
        raise ArchiveError("the archive's answer gives no snapshot address or timestamp")
    return snapshot_at(url, original, trusted, timestamp)


def snapshot_at(url: str, original: str, trusted: frozenset[str], timestamp: str | None = None) -> Snapshot:
    """A snapshot address, checked: http(s) on a trusted host, /web/TIMESTAMP/ORIGINAL with a
    real 14-digit timestamp (the one the answer gave, if it gave one), archiving the
    original's host. Raises ArchiveError otherwise."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or parts.netloc.lower() not in trusted \
            or parts.username or parts.password:
        raise ArchiveError(f"the archive pointed to '{_clip(url)}', which is not a Wayback Machine address")
    match = _SNAPSHOT_PATH.fullmatch(parts.path + (f"?{parts.query}" if parts.query else ""))
    if match is None or (timestamp is not None and match.group(1) != timestamp):
        raise ArchiveError(f"the snapshot address '{_clip(url)}' does not match its timestamp")
    try:
        moment = dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise ArchiveError(f"the snapshot's timestamp {match.group(1)} is not a real date") from None
    if _site_of(match.group(2)) != _site_of(original):
        raise ArchiveError(f"the snapshot '{_clip(url)}' archives another site than {original}")
    if parts.netloc.lower() == WAYBACK_HOST:
        url = "https" + url[len(parts.scheme):]  # the archive serves both; the site's pages are https
    return Snapshot(url, moment)


def _site_of(url: str) -> str:
    """The host an address names, without 'www.' or a port (the archive normalises both)."""
    parts = split_url(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "") if parts is not None else ""
    return host.removeprefix("www.")


def _clip(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class Wayback:
    """The archive's client: one request at a time, spaced by ``interval`` seconds."""

    endpoints: Endpoints
    timeout: float = 30.0
    interval: float = 1.0
    """The least time between two requests (seconds)."""
    retries: int = 2
    """How often a 429 or 503 answer is retried."""
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: float | None = field(default=None, repr=False)

    def closest(self, original: str, when: dt.date | dt.datetime) -> Snapshot | NoSnapshot:
        query = urlencode({"url": original, "timestamp": wayback_timestamp(when)})
        answer = self._get(f"{self.endpoints.available}?{query}", "the archive")
        if answer.status != 200:
            raise ArchiveError(f"the archive answered {_status(answer)}")
        return parse_availability(answer.body, original, self.endpoints.trusted)

    def request_capture(self, original: str) -> Snapshot | None:
        """Ask Save Page Now for a capture: the snapshot when the answer names it, None when
        the capture was accepted but is not ready yet."""
        answer = self._get(self.endpoints.save + original, "Save Page Now", read_body=False)
        if answer.status >= 400:
            raise ArchiveError(f"Save Page Now answered {_status(answer)}")
        where = answer.headers.get("Content-Location") or answer.headers.get("Location")
        if not where:
            return None
        return snapshot_at(urljoin(self.endpoints.save, where), original, self.endpoints.trusted)

    def _get(self, url: str, service: str, read_body: bool = True) -> Response:
        gap = self.interval
        for attempt in range(self.retries + 1):
            self._wait(gap)
            try:
                answer = fetch(url, timeout=self.timeout, read_body=read_body, max_bytes=256 * 1024)
            except FetchError as exc:
                if exc.kind in ("unreachable", "refused"):
                    raise Offline(f"cannot reach {service} ({_origin(url)}): {exc.message}") from None
                raise ArchiveError(f"{service}: {exc.message}") from None
            if answer.status not in (429, 503):
                return answer
            if attempt == self.retries:
                raise ArchiveError(f"{service} answered {_status(answer)} {self.retries + 1} times in a row: "
                                   "it is busy or limiting requests — try again later, or with a larger --rate")
            gap = max(self.interval, _retry_after(answer.headers.get("Retry-After"), self.interval * 2 ** (attempt + 1)))
        raise AssertionError("unreachable")

    def _wait(self, seconds: float) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < seconds:
            self.sleep(seconds - (now - self._last))
        self._last = self.clock()


def _retry_after(header: str | None, fallback: float) -> float:
    """The wait a 429/503 asks for (seconds; an HTTP date is not trusted), capped at MAX_WAIT."""
    if header is not None and header.strip().isdigit():
        return min(float(header.strip()), MAX_WAIT)
    return min(fallback, MAX_WAIT)


def _status(answer: Response) -> str:
    return f"{answer.status} {answer.reason}".strip()


def _origin(url: str) -> str:
    parts = split_url(url)
    return f"{parts.scheme}://{parts.netloc}" if parts is not None else url


# ---------------------------------------------------------------------------
# the command


@dataclass
class Tally:
    """What a run did, for its summary line."""

    recorded: int = 0
    no_snapshot: int = 0
    captures_pending: int = 0
    refused: int = 0
    failed: int = 0
    already: int = 0
    without_url: int = 0
    problems: list[SiteError] = field(default_factory=list)
    """Refused and failed articles, one line each."""
    offline: str = ""
    """Why the run stopped early: the archive could not be reached."""

    def refuse(self, source: str, refused: EditRefused, line: int | None) -> None:
        self.refused += 1
        self.problems.append(SiteError(source, refused.line or line, f"cannot record an archived copy: {refused.reason}",
                                       refused.hint))

    def summary(self, dry_run: bool) -> str:
        parts = [(self.recorded, "would be recorded" if dry_run else "recorded"),
                 (self.no_snapshot, "without a snapshot"), (self.captures_pending, "captures requested, not ready yet"),
                 (self.refused, "refused"), (self.failed, "failed"), (self.already, "already archived"),
                 (self.without_url, "without url:")]
        said = ", ".join(f"{count} {what}" for count, what in parts if count)
        return f"archive: {said or 'no articles'}"


def archive_site(view: SiteView, client: Wayback, *, dry_run: bool = False, request_capture: bool = False,
                 say: Callable[[str], None] = print) -> Tally:
    """Find and record an archived copy of every article's original that has none.
    Each article's edit is written as soon as it is known, so an interrupted run keeps
    what it did; when the archive cannot be reached, the run stops there (tally.offline)."""
    tally = Tally()
    for doc in sorted(view.articles, key=lambda d: d.source):
        original = doc.meta.get("url")
        if not original:
            tally.without_url += 1
            continue
        if doc.meta.get("archive_url"):
            tally.already += 1
            continue
        line = view.key_lines(doc).get("url")
        try:  # a file that cannot be edited is reported before the archive is asked anything
            raw = (view.root / doc.source).read_bytes()
            add_keys(raw, doc.source, "url", _fields(_TRIAL))
        except EditRefused as exc:
            tally.refuse(doc.source, exc, line)
            continue
        try:
            found = _lookup(client, doc, original, request_capture, say)
        except Offline as exc:
            tally.offline = str(exc)
            return tally
        except ArchiveError as exc:
            tally.failed += 1
            tally.problems.append(SiteError(doc.source, line, f"no archived copy recorded: {exc}"))
            continue
        if found is None:
            tally.captures_pending += 1
            continue
        if isinstance(found, NoSnapshot):
            tally.no_snapshot += 1
            say(f"{doc.source}:{line}: {found.reason} of {original}"
                + ("" if request_capture else " (--request-capture asks the archive to make one)"))
            continue
        if not dry_run:
            try:
                write_if_unchanged(view.root / doc.source, raw, add_keys(raw, doc.source, "url", _fields(found)))
            except EditRefused as exc:
                tally.refuse(doc.source, exc, line)
                continue
        tally.recorded += 1
        verb = "would record" if dry_run else "recorded"
        say(f"{doc.source}:{line}: {verb} archive_url: {found.url} (archive_date: {found.moment.date().isoformat()})")
    return tally


def _lookup(client: Wayback, doc: Doc, original: str, request_capture: bool,
            say: Callable[[str], None]) -> Snapshot | NoSnapshot | None:
    """The nearest snapshot; with request_capture and none usable, a new capture (None
    while it is not ready)."""
    found = client.closest(original, doc.meta["date"])
    if isinstance(found, Snapshot) or not request_capture:
        return found
    say(f"{doc.source}: {found.reason}; asking Save Page Now to capture {original} (this can take a minute)")
    captured = client.request_capture(original)
    if captured is None:
        say(f"{doc.source}: capture requested; the archive can take a few minutes to make it — "
            "run sitegen archive again later to record it")
    return captured


_TRIAL = Snapshot(f"https://{WAYBACK_HOST}/web/20000101000000/https://example.org/", dt.datetime(2000, 1, 1))


def _fields(snapshot: Snapshot) -> list[tuple[str, str]]:
    return [("archive_url", snapshot.url), ("archive_date", snapshot.moment.date().isoformat())]

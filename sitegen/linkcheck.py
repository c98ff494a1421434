"""``sitegen check --external``: do the site's outside addresses still answer?

Every article's ``url:`` and ``archive_url:`` and every external link or image in the
content's Markdown (taken from the parser's tokens, so a URL in a code span is not a
link) is asked for once, whatever the number of places that use it: HEAD, then GET when a
server refuses HEAD (405, 403, 501), following at most a few redirects. Requests run in a
small thread pool, one at a time per host with a pause between them, each with a timeout,
all within an overall deadline. The result is a report; the caller decides whether it
fails anything.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urljoin

from markdown_it.token import Token

from .fetch import FetchError, Response, fetch
from .siteview import Doc, SiteView
from .urls import split_url

HEAD_REFUSED = {403, 405, 501}
"""Answers to HEAD after which the same URL is asked again with GET."""
REDIRECTS = {301, 302, 303, 307, 308}
BLOCKED = {401, 403, 429, 999}
"""Answers that often mean 'no automated requests', not 'gone'."""


@dataclass(frozen=True, slots=True)
class LinkUse:
    """One place that uses an outside address."""

    url: str
    """As written."""
    source: str
    """The content file, relative to the site root."""
    line: int | None
    """Its file line, when known."""
    kind: str
    """'url:', 'archive_url:', 'link' or 'image'."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How hard a check may push, and for how long."""

    timeout: float = 10.0
    """The longest wait for one answer (seconds)."""
    deadline: float = 300.0
    """The longest the whole check may take (seconds); what is left then is reported unchecked."""
    host_delay: float = 0.5
    """The least time between two requests to one host (seconds); one request at a time per host."""
    workers: int = 8
    """Requests in flight at once, across hosts."""
    redirects: int = 5
    """Redirects followed before giving up."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one address."""

    url: str
    verdict: str
    """ok, redirected, broken, timeout, error (no answer) or unchecked."""
    detail: str = ""
    """For the report: '404 Not Found', 'redirects (301) to …', 'no answer within 10 s'."""

    @property
    def failure(self) -> bool:
        """Whether --strict fails the check for it."""
        return self.verdict in ("broken", "timeout", "error")


def external_links(view: SiteView) -> list[LinkUse]:
    """Every use of an outside http(s) address in the site, in file order."""
    uses: list[LinkUse] = []
    for doc in view.docs:
        keys = [key for key in ("url", "archive_url") if doc.meta.get(key)]
        lines = view.key_lines(doc) if keys else {}
        uses.extend(LinkUse(str(doc.meta[key]), doc.source, lines.get(key), f"{key}:") for key in keys)
        uses.extend(_body_links(view, doc))
    return uses


def _body_links(view: SiteView, doc: Doc) -> Iterable[LinkUse]:
    for token in view.parsed(doc).tokens:
        for child in (token.children or []) if token.type == "inline" else []:
            kind, attribute = {"link_open": ("link", "href"), "image": ("image", "src")}.get(child.type, ("", ""))
            target = str(child.attrGet(attribute) or "") if kind else ""
            parts = split_url(target)
            if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
                yield LinkUse(target, doc.source, doc.file_line(_line_in(token, child, target)), kind)


def _line_in(inline: Token, child: Token, target: str) -> int:
    """The body line of a link: its block's first line plus the lines before it in the
    block (markdown-it maps blocks, not inline tokens, to lines)."""
    start = (inline.map[0] + 1) if inline.map else 1
    position = inline.content.find(target)
    if position < 0 and child.markup == "autolink":
        position = inline.content.find(target.rstrip("/"))
    return start + (inline.content[:position].count("\n") if position > 0 else 0)


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _host(url: str) -> str:
    parts = split_url(url)
    return parts.netloc.lower() if parts is not None else ""


@dataclass
class Checker:
    """Asks for each address once, politely; the clock and the pause are swappable for tests."""

    limits: Limits = field(default_factory=Limits)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _locks: dict[str, threading.Lock] = field(default_factory=lambda: defaultdict(threading.Lock), repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _end: float = 0.0

    def check(self, urls: Iterable[str]) -> dict[str, Outcome]:
        """Each distinct address (fragments aside) → its outcome."""
        self._end = self.clock() + self.limits.deadline
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(_without_fragment(u) for u in urls):
            by_host[_host(url)].append(url)
        outcomes: dict[str, Outcome] = {}
        # one task per host: a host's addresses are asked in turn, hosts in parallel
        with ThreadPoolExecutor(max_workers=max(1, self.limits.workers)) as pool:
            for done in pool.map(lambda batch: [self._follow(url) for url in batch], by_host.values()):
                outcomes.update((outcome.url, outcome) for outcome in done)
        return outcomes

    def _follow(self, url: str) -> Outcome:
        seen = [url]
        current = url
        first = 0  # the first redirect's status: 301/308 mean 'moved for good'
        while True:
            answer = self._ask(current)
            if isinstance(answer, Outcome):
                return Outcome(url, answer.verdict, answer.detail)
            if answer.status in REDIRECTS and answer.headers.get("Location"):
                target = urljoin(current, answer.headers["Location"])
                parts = split_url(target)
                if parts is None or parts.scheme not in ("http", "https"):
                    return Outcome(url, "broken", f"redirects ({answer.status}) to a non-web address: {target[:100]}")
                if _without_fragment(target) in seen:
                    return Outcome(url, "broken", f"redirect loop ({' → '.join(seen + [target])})")
                if len(seen) > self.limits.redirects:
                    return Outcome(url, "broken", f"more than {self.limits.redirects} redirects")
                seen.append(_without_fragment(target))
                first = first or answer.status
                current = target
                continue
            status = f"{answer.status} {answer.reason}".strip()
            if 200 <= answer.status < 300:
                if len(seen) == 1:
                    return Outcome(url, "ok", status)
                return Outcome(url, "redirected", f"redirects ({first}) to {seen[-1]} ({status})")
            if answer.status == 429:
                return Outcome(url, "unchecked", f"{status}: the server limits requests; check again later")
            hint = " (the site may refuse automated requests)" if answer.status in BLOCKED else ""
            return Outcome(url, "broken", status + hint)

    def _ask(self, url: str) -> Response | Outcome:
        """HEAD, then GET if HEAD is refused; an Outcome when there is no answer."""
        answer = self._request(url, "HEAD")
        if isinstance(answer, Response) and answer.status in HEAD_REFUSED:
            answer = self._request(url, "GET")
        return answer

    def _request(self, url: str, method: str) -> Response | Outcome:
        host = _host(url)
        with self._guard:
            lock = self._locks[host]
        with lock:  # one request at a time per host, host_delay apart
            last = self._last.get(host)
            if last is not None:
                pause = self.limits.host_delay - (self.clock() - last)
                if pause > 0:
                    self.sleep(pause)
            remaining = self._end - self.clock()
            if remaining <= 0:
                return Outcome(url, "unchecked", "not checked: the check's deadline passed")
            try:
                return fetch(url, method, timeout=min(self.limits.timeout, remaining), read_body=False)
            except FetchError as exc:
                return Outcome(url, "timeout" if exc.kind == "timeout" else "error", exc.message)
            finally:
                self._last[host] = self.clock()


@dataclass(frozen=True, slots=True)
class LinkReport:
    """The uses of outside addresses and what became of each address."""

    uses: tuple[LinkUse, ...]
    outcomes: dict[str, Outcome]

    def outcome(self, use: LinkUse) -> Outcome:
        return self.outcomes[_without_fragment(use.url)]

    @property
    def failures(self) -> list[LinkUse]:
        return [use for use in self.uses if self.outcome(use).failure]

    def lines(self) -> list[str]:
        """One line per use whose address did not simply answer: path:line: url — what happened."""
        found = []
        for use in sorted(self.uses, key=lambda u: (u.source, u.line or 0)):  # stable: file order within a line
            outcome = self.outcome(use)
            if outcome.verdict != "ok":
                where = f"{use.source}:{use.line}" if use.line else use.source
                label = f" ({use.kind})" if use.kind.endswith(":") else ""
                found.append(f"{where}: {use.url}{label} — {outcome.detail}")
        return found

    def summary(self) -> str:
        counts: dict[str, int] = defaultdict(int)
        for outcome in self.outcomes.values():
            counts[outcome.verdict] += 1
        names = [("ok", "ok"), ("redirected", "redirected"), ("broken", "broken"), ("timeout", "timed out"),
                 ("error", "unreachable"), ("unchecked", "not checked")]
        said = ", ".join(f"{counts[key]} {name}" for key, name in names if counts[key])
        uses = len(self.uses)
        return (f"external links: {len(self.outcomes)} addresses in {uses} place{'s' if uses != 1 else ''}"
                + (f": {said}" if said else ""))


def check_site_links(view: SiteView, limits: Limits | None = None) -> LinkReport:
    """Check every outside address the site uses."""
    uses = tuple(external_links(view))
    return LinkReport(uses, Checker(limits or Limits()).check(use.url for use in uses))

"""markdown-it's link helpers, made fast for news copy (a link or two in most sentences):
the same results as markdown-it-py's own, without its character-by-character loops where a
regular expression or a plain-address check says the same thing.

``tests/unit/test_mdlinks.py`` holds each equal to the original on random input."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, Callable

from markdown_it import helpers
from markdown_it.common.utils import unescapeAll


_REST = r"(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~:/?#@!$&'()*+,;=])*"
_PLAIN_LINK = re.compile("|".join([
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#]" + _REST + ")?",  # a web address
    r"(?:/(?!/)|[#?])" + _REST,  # a path from the site's root, a fragment, a query
    r"[A-Za-z0-9_.\-](?:%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~/?#@!$&'()*+,;=])*",  # a relative path (no scheme)
]))
"""Link destinations that markdown-it's normalizeLink returns unchanged: ASCII, a plain host
name, every character one that its percent-encoding keeps (tests/unit/test_urls.py holds the
two equal on random addresses)."""


def fast_normalize(slow: Callable[[str], str]) -> Callable[[str], str]:
    """``slow`` (markdown-it's normalizeLink: a parse, a host re-encoding and a percent-encoding,
    the hottest part of parsing a body full of links), skipped for a destination it would
    return as it is."""
    plain = _PLAIN_LINK.fullmatch

    def normalize(url: str) -> str:
        return url if plain(url) else slow(url)

    return normalize


_ORDINARY = re.compile(r"[^\x00-\x20\x7f\\()]+")
"""A run of characters a link destination goes on through without looking at them."""


def parse_link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's parseLinkDestination, a run of ordinary characters at a time."""
    if pos < maximum and string[pos] == "<":
        return helpers.parseLinkDestination(string, pos, maximum)  # <…>: rare, the original's
    result = helpers.parse_link_destination._Result()
    start, level = pos, 0
    run = _ORDINARY.match
    while pos < maximum:
        found = run(string, pos, maximum)
        if found is not None:
            pos = found.end()
            if pos >= maximum:
                break
        char = string[pos]
        if char <= " " or char == "\x7f":  # a space or a control character ends it
            break
        if char == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return result
        elif char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


def fast_helpers() -> SimpleNamespace:
    """markdown-it's ``md.helpers`` with the fast destination parser (set on one instance)."""
    found = {name: getattr(helpers, name) for name in helpers.__all__}
    found["parseLinkDestination"] = parse_link_destination
    return SimpleNamespace(**found)

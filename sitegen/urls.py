"""Splitting URLs that come from untrusted text, and normalising link destinations quickly.

urllib's urlsplit raises ValueError on some malformed input ("http://[" is an "Invalid IPv6
URL"); everywhere sitegen reads a URL from content, config or a request, such a URL is
simply not a usable one.
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import SplitResult, urlsplit


def split_url(value: str) -> SplitResult | None:
    """The parts of a URL, or None when it cannot be parsed."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


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

"""Splitting URLs that come from untrusted text.

urllib's urlsplit raises ValueError on some malformed input ("http://[" is an "Invalid IPv6
URL"); everywhere sitegen reads a URL from content, config or a request, such a URL is
simply not a usable one.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split_url(value: str) -> SplitResult | None:
    """The parts of a URL, or None when it cannot be parsed."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


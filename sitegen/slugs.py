"""Slugs: the URL-safe names of pages and terms."""

from __future__ import annotations

import functools
import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lower-case words joined by hyphens; letters of any script are kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NOT_WORD.sub("-", text).strip("-")

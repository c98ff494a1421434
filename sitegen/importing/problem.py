"""One problem with one original, raised where it is found and reported as one line."""

from __future__ import annotations

from ..errors import SiteError


class Problem(Exception):
    """An original that cannot be read, fetched, decoded or extracted: one SiteError."""

    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))

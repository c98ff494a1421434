"""Errors that carry their source location, and a collector for a whole build.

Every problem a person can fix is a :class:`SiteError` printed as one line,
``path:line: message — hint``. A build collects them all (:class:`Errors`) and
stops at the end of a phase, so the editor sees every mistake at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(frozen=True, slots=True)
class SiteError:
    """One problem in the site's sources."""

    path: str
    """Path of the file at fault, relative to the site root (POSIX separators)."""
    line: int | None
    """1-based line in that file, or None when the whole file is at fault."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to fix it, when we know."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return printable(f"{text} — {self.hint}" if self.hint else text)

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)


class BuildError(Exception):
    """Raised at the end of a phase that found errors; holds all of them."""

    def __init__(self, errors: Iterable[SiteError]):
        self.errors = sorted(set(errors), key=SiteError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[Any, ...]:  # (pickled back from a forked worker)
        return type(self), (self.errors,), self.__dict__


@dataclass
class Errors:
    """Collects the errors of a build, then raises them together."""

    items: list[SiteError] = field(default_factory=list)
    warnings: list[SiteError] = field(default_factory=list)

    def add(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(SiteError(path, line, message, hint))

    def warn(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.warnings.append(SiteError(path, line, message, hint))

    def extend(self, errors: Iterable[SiteError]) -> None:
        self.items.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters that must not reach a terminal or a log raw: C0 and C1 controls (ANSI escape
sequences start with ESC or CSI), line and paragraph separators, bidirectional overrides, and
the lone surrogates by which Python keeps the bytes of a file name that is not UTF-8."""


def printable(text: str) -> str:
    """text with every unprintable character written as an escape (\\x1b, \\u202e); a byte of a
    file name that was not UTF-8 (a surrogate escape) is shown as that byte (\\xff)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or an empty string."""
    import difflib  # (only when there is a mistake to explain)

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""

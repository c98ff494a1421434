"""Dates as news pages write them, read without guessing.

``01-12-2024`` is 1 December or 12 January: both readings are kept and the
import asks. ``November 24`` has no year: it is seen, not read. A weekday
that contradicts the date is an error, not a detail.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
_WEEKDAYS = {name: number for number, names in enumerate([
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_TRAILING_WEEKDAY = re.compile(r"\s*,?\s*(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b",
                               re.I)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?"
                       r"(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?))?\b")),
    ("ymd", re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")),
    ("day month", re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I)),
    ("month day", re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})\b", re.I)),
]
_NO_YEAR = [
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"\b(?!,?\s*\d{4})", re.I),
    re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+" + _MONTH + r"(?![\w.]*,?\s*\d{4})", re.I),
]
_TIME = re.compile(r"(?<![\d:])\d{1,2}[:.]\d{2}(?![\d:])(?:\s*(?i:[ap]\.?m\.?))?"
                   r"(?:\s*(?:GMT[+-]\d{1,2}|UTC[+-]\d{1,2}|[A-Z]{2,4}\b))?")


@dataclass(frozen=True, slots=True)
class DateSeen:
    """A date as a line writes it, and what it can mean."""

    text: str
    """The date as written, e.g. '01-12-2024' or 'Sun, November 24, 2024'."""
    readings: tuple[dt.date, ...]
    """Every calendar date it can be: one, two (day/month order unknown), or none (no year)."""
    order: str = ""
    """How the one reading was read: 'day/month/year', 'month/day/year', '' when written out."""
    moment: str = ""
    """An ISO 8601 date-time with its timezone, when the text states one."""
    problem: str = ""
    """Why it cannot be used: 'no year', a weekday that contradicts it."""
    month_day: tuple[int, int] | None = None
    """(month, day) of a date written without a year."""

    @property
    def date(self) -> dt.date | None:
        return self.readings[0] if len(self.readings) == 1 and not self.problem else None

    def describe(self) -> str:
        """What it is, for an error message."""
        if self.problem:
            return f"'{self.text}' ({self.problem})"
        if len(self.readings) == 2:
            first, second = self.readings
            return (f"'{self.text}' (day/month order unknown: {long_date(first)} read day first, "
                    f"{long_date(second)} month first)")
        return f"'{self.text}'"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_problem(match: re.Match[str], line: str, day: dt.date) -> str:
    weekday = match.groupdict().get("weekday")
    if not weekday:
        after = _TRAILING_WEEKDAY.match(line, match.end())
        weekday = after.group("weekday") if after else None
    if weekday and _WEEKDAYS[weekday.lower()] != day.weekday():
        return f"it says {weekday}, but {long_date(day)} was a {WEEKDAY_NAMES[day.weekday()]}"
    return ""


_DIGIT = re.compile(r"\d")
SCAN = 1000
"""Characters of a line searched for dates: a dateline or a stamp is short, and the search
must stay linear on a hostile megabyte-long line."""


def find_dates(line: str) -> list[DateSeen]:
    """Every date the line writes in its first SCAN characters, in order; dates without a
    year are seen with no reading."""
    line = line[:SCAN]
    if not _DIGIT.search(line):  # every form of a date has a digit
        return []
    seen: list[tuple[int, DateSeen]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            found = _read(kind, match, line)
            if found is not None:
                taken.append(match.span())
                seen.append((match.start(), found))
    for pattern in _NO_YEAR:
        for match in pattern.finditer(line):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            day = int(match.group("day"))
            if day <= 31:
                taken.append(match.span())
                month = _MONTHS[match.group("month").lower()]
                seen.append((match.start(), DateSeen(match.group(0).strip(), (), problem="no year",
                                                     month_day=(month, day))))
    return [found for _, found in sorted(seen, key=lambda item: item[0])]


def _read(kind: str, match: re.Match[str], line: str) -> DateSeen | None:
    text = match.group(0).strip()
    year = int(match.group("year"))
    if kind == "numeric":
        a, b = int(match.group("a")), int(match.group("b"))
        day_first, month_first = _make(year, b, a), _make(year, a, b)
        if day_first and month_first and day_first != month_first:
            return DateSeen(text, (day_first, month_first))
        if day_first:
            return DateSeen(text, (day_first,), order="day/month/year")
        if month_first:
            return DateSeen(text, (month_first,), order="month/day/year")
        return None
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
    day = _make(year, month, int(match.group("day")))
    if day is None:
        return None
    moment = ""
    if kind == "iso" and match.group("tz"):
        moment = match.group(0).replace(" ", "T")
    order = "year-month-day" if kind in ("iso", "ymd") else ""
    return DateSeen(text, (day,), order=order, moment=moment, problem=_weekday_problem(match, line, day))


def time_in(line: str) -> str:
    """A clock time the line writes (with its zone, if any), or ''."""
    match = _TIME.search(line)
    return match.group(0).strip() if match else ""

"""Relative dates as news texts write them, resolved against the article's date.

"on Tuesday" in a report dated Saturday 22 February 2025 means 18 February;
"last Wednesday" is the Wednesday before the report's day; "next Friday" and
"coming Friday" look forward. A date written out ("November 11", "on 11
November", "11 November 2025", "on Nov. 11", "Tuesday, November 11") takes its
year from the article when it names none; a day after the article's date is
refused unless the text says it looks ahead ("next", "coming") or the editor's
``date:`` says so. Anything we cannot read returns None — :func:`unreadable`
says why — so the editor writes the date out, and the site never guesses.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), start=1) for name in names}
_AHEAD = {"next", "coming", "upcoming"}
"""Words by which a text says a date lies ahead of it."""
_FILLER = {"on", "the", "of", "earlier", "this", "morning", "afternoon", "evening", "night"}
_DAY = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


def resolve_relative(said: str, anchor: dt.date, ahead: bool = False) -> dt.date | None:
    """The calendar date that ``said`` names, seen from a text dated ``anchor``.

    A bare weekday ("on Monday") is read as the latest such day up to the text's own
    date, as news reports use it; with ``ahead``, as the next such day after it
    ("…which falls on Monday, when the UN General Assembly will vote").
    """
    words = _words(said)
    if not words:
        return None
    if any(w in MONTHS for w in words):
        written = _written_date(words, anchor)
        if isinstance(written, str):
            return None
        if written > anchor and not (ahead or _AHEAD & set(words)):
            return None  # after the text's own date: only when it says so
        if written <= anchor and _AHEAD & set(words):
            return None  # "next November 11" said after November 11: which year is not ours to guess
        return written
    phrase = " ".join(words)
    if phrase in ("today", "on today", "this day", "earlier today"):
        return anchor
    if phrase == "yesterday":
        return anchor - dt.timedelta(days=1)
    if phrase == "tomorrow":
        return anchor + dt.timedelta(days=1)
    match = re.fullmatch(r"(?:only |solely )?(\w+) days? (ago|in the past|later|from now)", phrase)
    if match:
        count = _NUMBERS.get(match.group(1)) or (int(match.group(1)) if match.group(1).isdigit() else 0)
        if not count:
            return None
        sign = -1 if match.group(2) in ("ago", "in the past") else 1
        return anchor + dt.timedelta(days=sign * count)
    days = [w for w in words if w in WEEKDAYS]
    if len(days) != 1:
        return None
    target = WEEKDAYS.index(days[0])
    others = [w for w in words if w not in WEEKDAYS and w not in ("on", "earlier", "late", "early", "this")]
    if others in ([], ["afternoon"], ["morning"], ["evening"], ["night"]) and ahead:
        return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    if others in ([], ["afternoon"], ["morning"], ["evening"], ["night"]):
        back = (anchor.weekday() - target) % 7  # the same day counts: "on Thursday" in Thursday's report
        return anchor - dt.timedelta(days=back)
    if others == ["last"]:
        back = (anchor.weekday() - target) % 7 or 7
        return anchor - dt.timedelta(days=back)
    if others in (["next"], ["coming"], ["this", "coming"]):
        forward = (target - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=forward)
    return None


def _words(said: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]", " ", said.lower()).split()


def _written_date(words: list[str], anchor: dt.date) -> dt.date | str:
    """A date written out, its year the article's unless it names one; else why it is not one."""
    rest = [w for w in words if w not in _FILLER and w not in _AHEAD]
    weekday = [w for w in rest if w in WEEKDAYS]
    rest = [w for w in rest if w not in WEEKDAYS]
    year = anchor.year
    if len(rest) == 3 and re.fullmatch(r"[0-9]{4}", rest[2]):
        year = int(rest.pop())
    if len(rest) != 2 or len(weekday) > 1:
        return "not a date"
    month, day = (rest[0], rest[1]) if rest[0] in MONTHS else (rest[1], rest[0])
    number = _DAY.fullmatch(day)
    if month not in MONTHS or number is None:
        return "not a date"
    try:
        date = dt.date(year, MONTHS[month], int(number.group(1)))
    except ValueError:
        return "not a real date"
    if weekday and WEEKDAYS.index(weekday[0]) != date.weekday():
        return f"{date:%B} {date.day}, {date.year} is a {WEEKDAYS[date.weekday()].capitalize()}"
    return date


def unreadable(said: str, anchor: dt.date | None) -> tuple[str, str]:
    """Why :func:`resolve_relative` cannot date ``said`` in a text dated ``anchor``: (what is
    wrong, how to fix it), for the editor."""
    words = _words(said)
    if anchor is not None and any(w in MONTHS for w in words):
        written = _written_date(words, anchor)
        if written == "not a real date":
            return f"'{said}' is not a real date", "correct the day, or write the date out as date: YYYY-MM-DD"
        if isinstance(written, str) and written != "not a date":
            return f"'{said}' does not agree with itself: {written}", "correct the day or the weekday"
        if isinstance(written, dt.date) and written > anchor:
            return (f"'{said}' is after the article's own date ({anchor}), so it would be {written}",
                    f"if the text looks ahead, add date: {written}; if it means another year, give the day "
                    "as date: YYYY-MM-DD instead of said:")
        if isinstance(written, dt.date):
            return (f"'{said}' looks ahead, but {written:%B} {written.day} is not after the article's own date "
                    f"({anchor})", "give the day as date: YYYY-MM-DD instead of said:")
    return f"cannot read the date '{said}'", "write the date out as date: YYYY-MM-DD"

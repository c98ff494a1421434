"""Relative dates as news texts write them, resolved against the article's date.

"on Tuesday" in a report dated Saturday 22 February 2025 means 18 February;
"last Wednesday" is the Wednesday before the report's day; "next Friday" and
"coming Friday" look forward. Anything we cannot read returns None: the
editor then writes the date out, and the site never guesses.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


def resolve_relative(said: str, anchor: dt.date, ahead: bool = False) -> dt.date | None:
    """The calendar date that ``said`` names, seen from a text dated ``anchor``.

    A bare weekday ("on Monday") is read as the latest such day up to the text's own
    date, as news reports use it; with ``ahead``, as the next such day after it
    ("…which falls on Monday, when the UN General Assembly will vote").
    """
    words = re.sub(r"[^a-z0-9 ]", " ", said.lower()).split()
    if not words:
        return None
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
        ahead = (target - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    return None

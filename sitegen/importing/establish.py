"""Headline, date, outlet and address established from the evidence, each with
a note in words for readers; what nobody established is an error naming what
was seen and the flag that settles it.

Precedence: the editor's answer on the command line, then the page's own
markup (for a saved page), then what the text states (a dateline, a byline,
a headline naming its outlet, a source or provider line, a wire dateline).
Notes never quote command-line flags: a fact given by the editor is
"supplied by the editor at import".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..data import Registry
from ..errors import SiteError
from ..schema import parse_date
from .dates import DateSeen, find_dates, long_date
from .facts import LineFacts, split_headline
from .options import Options
from .page import PageFacts
from .text import Layout


_LINK_OUT = re.compile(r"(?:read|continue reading|continua a leggere)\b.*?\b(?:on|at|from|via|su)\s+"
                       r"[\"“]?(?P<name>[^\"”]{2,60}?)[\"”]?[.…]*", re.I)


class ImportFailed(Exception):
    def __init__(self, errors: list[SiteError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True, slots=True)
class Established:
    """The facts of one article, each with how it was established."""

    title: str
    title_note: str
    date: dt.date | dt.datetime
    date_note: str
    outlet: str | None
    """None: the outlet could not be established (the editor said so)."""
    outlet_note: str
    url: str | None
    url_note: str
    wire: tuple[str, ...]
    notes: tuple[str, ...]
    """Other provenance notes: the author, paragraphs split, how a page's text was taken."""


def _quote(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Evidence:
    def __init__(self, layout: Layout, page: PageFacts | None, options: Options, outlets: Registry):
        self.layout = layout
        self.page = page
        self.options = options
        self.outlets = outlets
        self.copy = "page" if page is not None else "text"
        self.suffixed = split_headline(layout.headline, outlets) if layout.headline else None

    # --- headline ---------------------------------------------------------------------------
    def found_title(self) -> tuple[str, str] | None:
        if self.page and self.page.title:
            return self.page.title.value, self.page.title.note
        headline = self.layout.headline
        if not headline:
            return None
        if self.suffixed:
            return self.suffixed[0], f"The headline line of the copy, '{headline}', without the outlet's name."
        if self.layout.headline_number == 1:
            return headline, "The first line of the text."
        return headline, "The line that reads as the headline above the article text, after the page furniture."

    def title(self, errors: list[SiteError], shown: str) -> tuple[str, str]:
        found = self.found_title()
        if self.options.title:
            if found and found[0] != self.options.title:
                return self.options.title, (f"Headline supplied by the editor at import; the {self.copy}'s own "
                                            f"headline is '{found[0]}'.")
            if found:
                return self.options.title, found[1]
            return self.options.title, f"Headline supplied by the editor at import: the {self.copy} has none."
        if found:
            return found
        opening = [line for line in self.layout.opening if line][:3]
        if opening:
            seen = "the lines before the article text read as page furniture (" + \
                   ", ".join(f"'{_quote(line, 40)}'" for line in opening) + ")"
        elif self.layout.blocks:
            seen = f"the {self.copy} opens with article text ('{_quote(self.layout.blocks[0].text, 50)}')"
        else:
            seen = f"the {self.copy} has no line that reads as a headline"
        errors.append(SiteError(shown, 1 if self.page is None else None, f"no headline found: {seen}",
                                "pass --title 'Headline' (and say where it comes from in title_note)"))
        return "", ""

    # --- date -----------------------------------------------------------------------------------
    def _dated_facts(self) -> list[tuple[LineFacts, DateSeen]]:
        return [(fact, seen) for fact in self.layout.facts for seen in fact.dates]

    def found_date(self) -> tuple[str, str] | None:
        if self.page and self.page.date:
            return self.page.date.value, self.page.date.note
        dated = [(fact, seen) for fact, seen in self._dated_facts() if seen.date]
        dated.sort(key=lambda item: item[0].updated)  # a publication stamp before an update stamp
        if dated:
            fact, seen = dated[0]
            return seen.date.isoformat(), self._date_note(fact, seen)  # type: ignore[union-attr]
        lead = self.layout.lead
        if lead:
            for seen in lead.dates:
                if seen.date:
                    return seen.date.isoformat(), f"From the report's own dateline '{lead.text}'."
        return None

    def _date_note(self, fact: LineFacts, seen: DateSeen) -> str:
        order = f" ({seen.order})" if seen.order and seen.order != "year-month-day" else ""
        note = f"From the {fact.kind} '{fact.line}'{order}"
        time = fact.time
        if time:
            zone = any(c.isalpha() and c.isupper() for c in time.replace("AM", "").replace("PM", ""))
            note += (f"; the time {time} is not kept, only the date" if zone else
                     f"; the time {time} is given without a timezone, so only the date is kept")
        note += "."
        if fact.updated:
            note += " The line gives the time of the last update: the first publication may be earlier."
        return note

    def sightings(self) -> list[DateSeen]:
        seen = [s for _, s in self._dated_facts() if not s.date]
        if self.layout.lead:
            seen.extend(s for s in self.layout.lead.dates if not s.date)
        return seen

    def date(self, errors: list[SiteError], shown: str) -> tuple[dt.date | dt.datetime | None, str]:
        if self.options.date:
            value = parse_date(self.options.date)
            if isinstance(value, str):
                errors.append(SiteError(shown, None, f"--date {value}", "write --date YYYY-MM-DD"))
                return None, ""
            return value, self._given_date_note(value)
        found = self.found_date()
        if found:
            value = parse_date(found[0])
            if not isinstance(value, str):
                return value, found[1]
        sightings = self.sightings()
        hint = "pass --date YYYY-MM-DD established from the text (keep the reasoning in date_note)"
        if sightings:
            seen = "the text has " + ", ".join(s.describe() for s in sightings[:3])
            if any(len(s.readings) == 2 for s in sightings):
                hint = "pass --date YYYY-MM-DD with the reading you establish (the note will name the dateline)"
        elif self.page is not None:
            seen = ("the page states none (no datePublished, article:published_time or <time> in its markup, "
                    "and no dateline in its text)")
        else:
            seen = "the text has no dateline"
        aside = [(item, d) for item in self.layout.stripped if item.label in ("photo caption", "opening caption")
                 for d in find_dates(item.text) if d.readings]
        if aside and not sightings:
            seen += f" (a photo caption mentions '{aside[0][1].text}')"
        errors.append(SiteError(shown, None, f"no date found: {seen}", hint))
        return None, ""

    def _given_date_note(self, value: dt.date | dt.datetime) -> str:
        day = value.date() if isinstance(value, dt.datetime) else value
        where = [(f"{fact.kind} '{fact.line}'", seen, fact.updated) for fact, seen in self._dated_facts()]
        if self.layout.lead:
            where += [(f"report's own dateline '{self.layout.lead.text}'", seen, False) for seen in self.layout.lead.dates]
        for line, seen, updated in where:
            if len(seen.readings) == 2 and day in seen.readings:
                first = day == seen.readings[0]
                other = seen.readings[1] if first else seen.readings[0]
                note = (f"From the {line}, read {'day' if first else 'month'} first ({long_date(day)}) by the "
                        f"editor at import; read {'month' if first else 'day'} first it would be {long_date(other)}.")
                if updated:
                    note += " The line gives the time of the last update: the first publication may be earlier."
                return note
            if seen.month_day == (day.month, day.day):
                return f"From the {line}, which gives '{seen.text}' without a year; the year was supplied by the " \
                       "editor at import."
        found = self.found_date()
        if found and parse_date(found[0]) != value:
            return (f"Date supplied by the editor at import. The {self.copy} itself states {found[0]}: "
                    f"{found[1][:1].lower()}{found[1][1:]}")
        return f"Date supplied by the editor at import: the {self.copy} states none."

    # --- outlet -------------------------------------------------------------------------------------
    def found_outlet(self) -> tuple[str, str] | None:
        if self.page and self.page.outlet:
            return self.page.outlet.value, self.page.outlet.note
        lead = self.layout.lead

        def agrees(name: str) -> str:
            return f" The report's own dateline '{lead.text}' agrees." if lead and lead.agency == name else ""

        for fact in self.layout.facts:
            if fact.outlet and fact.kind in ("dateline", "byline"):
                if fact.kind == "byline":
                    return fact.outlet, (f"From the byline '{fact.line}'" + ("." if fact.author else
                                                                             " (no author named).")
                                         + agrees(fact.outlet))
                return fact.outlet, f"Named in the dateline '{fact.line}'." + agrees(fact.outlet)
        if self.suffixed:
            return self.suffixed[1], f"Named after the headline: '{self.layout.headline}'." + agrees(self.suffixed[1])
        by_kind = (("source line", "From the line '{line}'."),
                   ("provider line", "Named on its own line under the headline ('{line}'), where portals credit "
                                     "the provider of a report they republish."))
        for kind, words in by_kind:
            for fact in self.layout.facts:
                if fact.kind == kind and fact.outlet:
                    return fact.outlet, words.format(line=fact.line) + agrees(fact.outlet)
        if lead:
            return lead.agency, f"From the wire dateline that opens the report ('{lead.text}')."
        for kind, words in (("name line", "Named on a line of its own in the copy ('{line}')."),
                            ("copyright line", "From the site's copyright line '{line}'.")):
            for fact in self.layout.facts:
                if fact.kind == kind and fact.outlet:
                    return fact.outlet, words.format(line=fact.line)
        return None

    def outlet(self, errors: list[SiteError], shown: str) -> tuple[str | None, str]:
        found = self.found_outlet()
        given = self.options.outlet
        if given is not None and given.strip().lower() == "unknown":
            if found:
                return None, (f"The editor could not establish the outlet at import; the {self.copy} names "
                              f"'{found[0]}' ({found[1][0].lower() + found[1][1:].rstrip('.')}).")
            return None, f"The outlet could not be established: the {self.copy} names none."
        if given:
            entry = self.outlets.lookup(given)
            name = entry.name if entry else given
            if found and found[0] != name:
                return name, f"Outlet supplied by the editor at import; the {self.copy} names '{found[0]}'."
            if found:
                return name, found[1]
            return name, f"Outlet supplied by the editor at import: the {self.copy} names none."
        if found:
            entry = self.outlets.lookup(found[0])
            return (entry.name if entry else found[0]), found[1]
        seen = [f"'{name}'" for fact in self.layout.facts for name in fact.names]
        detail = "no dateline, byline or 'Source:' line"
        if seen:
            detail += f" names one (the dateline also names {', '.join(seen)}, which may be a place)"
        elsewhere = self.links_out()
        if elsewhere:
            detail += f"; the copy links to the report at '{elsewhere}', which it may summarise"
        errors.append(SiteError(shown, None, f"no outlet found: {detail}",
                                "pass --outlet NAME (or --outlet unknown when it cannot be established)"))
        return None, ""

    def links_out(self) -> str:
        """The outlet a 'Read more on X' / 'read more at X' line links out to, if any."""
        for item in self.layout.stripped:
            match = _LINK_OUT.fullmatch(item.text)
            if item.label == "read-more link" and match:
                return match.group("name")
        return ""

    # --- address --------------------------------------------------------------------------------------
    def url(self, fetched: str | None) -> tuple[str | None, str]:
        if self.options.url:
            return self.options.url, "Address supplied by the editor at import."
        if self.page and self.page.url:
            note = self.page.url.note
            if fetched and self.page.url.value.rstrip("/") != fetched.rstrip("/"):
                note = note.rstrip(".") + f"; fetched at import from {fetched}."
            return self.page.url.value, note
        if fetched:
            return fetched, "The address the page was fetched from at import."
        return None, ""


def establish(layout: Layout, page: PageFacts | None, options: Options, outlets: Registry, shown: str,
              fetched: str | None = None) -> Established:
    """The article's facts with their notes, or ImportFailed with every question at once."""
    evidence = _Evidence(layout, page, options, outlets)
    errors: list[SiteError] = []
    title, title_note = evidence.title(errors, shown)
    date, date_note = evidence.date(errors, shown)
    outlet, outlet_note = evidence.outlet(errors, shown)
    if not any(block.kind == "p" for block in layout.blocks):
        errors.append(SiteError(shown, None, "no article text left after removing page furniture",
                                "check the file is an article"))
    if errors:
        raise ImportFailed(errors)
    assert date is not None
    url, url_note = evidence.url(fetched)
    wire = list(options.wire) or list(layout.wire)
    if not options.wire and layout.lead and layout.lead.agency not in wire:
        wire.append(layout.lead.agency)
    notes: list[str] = []
    author = page.author if page and page.author else None
    if author:
        notes.append(f"Author: {author.value}, from {author.note}.")
    else:
        byline = next((fact for fact in layout.facts if fact.author), None)
        if byline:
            notes.append(f"Author: {byline.author}, from the byline '{byline.line}'.")
    if layout.split_points:
        notes.append("Paragraphs run together in the copy were split at: " + ", ".join(layout.split_points))
    if page is not None:
        notes.append("The article text was taken from the saved web page by trafilatura's main-text extraction; "
                     "the page's menus, scripts and link lists around the article are left out and not listed "
                     "as removed furniture.")
    elsewhere = evidence.links_out()
    if elsewhere and (outlet is None or elsewhere.lower() != outlet.lower()):
        notes.append(f"The copy ends with a link to the report at '{elsewhere}': it may be a summary or an excerpt "
                     "of that report, not its full text.")
    return Established(title, title_note, date, date_note, outlet, outlet_note, url, url_note, tuple(wire),
                       tuple(notes))

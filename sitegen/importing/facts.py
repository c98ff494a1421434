"""What a text states about itself, line by line: datelines, bylines, source
lines, a headline that names its outlet, a wire's dateline in the lead.

Each reader takes one clean line and returns what it states, or None. They
never guess: a name is an outlet only when it reads as one (a news agency, a
name in ``data/outlets.yaml``, an all-capitals name, a web address, a name
with a word like "News" or "Times"); a date is read only as :mod:`.dates` reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import Registry
from .dates import DateSeen, find_dates, time_in
from .furniture import ends_sentence, words

AGENCIES = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Press Association", "PA", "PA Media", "dpa",
    "ANSA", "EFE", "Europa Press", "Xinhua", "TASS", "RIA Novosti", "Interfax", "Ukrinform", "UNIAN", "BTA", "Kyodo",
    "Yonhap", "ANI", "PTI", "IANS", "UNI", "Anadolu", "Anadolu Agency", "Bloomberg", "UPI", "APA", "CTK", "PAP",
    "MTI", "Belga", "ANP", "NTB", "Lusa", "KUNA", "WAM", "SPA", "IRNA", "Bernama", "Antara", "AAP", "Canadian Press",
    "KCNA", "Prensa Latina", "Sputnik", "BGNES", "Ukrinform", "Agerpres", "HINA", "Tanjug", "Kyiv Independent",
)
"""News agencies: names that credit a wire report wherever they appear."""
_AGENCY = {name.lower(): name for name in AGENCIES}
_OUTLET_WORDS = re.compile(
    r"\b(news|times|post|journal|herald|guardian|telegraph|tribune|gazette|courier|daily|press|media|tv|radio|"
    r"agency|express|mirror|standard|observer|chronicle|review|record|star|today|politico|axios|wire|monitor|"
    r"insider|digest|bulletin|dispatch|online|network|broadcasting|bbc|cnn|week|weekly|report|magazine|"
    r"independent|economist|inquirer|pravda|izvestia|kommersant|vedomosti|zeitung|spiegel|welt|corriere|"
    r"repubblica|monde|figaro|pais|nation|hindu|dawn|mint|reporter|ledger|sentinel|examiner|advertiser|globe|"
    r"register|enquirer|leader|argus|beacon|clarion|courant|gazeta|vedomosti|noticias|diario|nachrichten)\b", re.I)
_DOMAIN = re.compile(r"\b[\w-]+(\.[\w-]+)*\.[a-z]{2,6}\b", re.I)
_DESK = re.compile(r"^(?P<outlet>.+?)\s+(news desk|web desk|desk|bureau|staff|staff reporter|correspondent|"
                   r"online desk|digital desk|newsroom)$", re.I)
_STAMP_WORDS = re.compile(r"\b(updated|published|posted|first published|last updated|last modified|modified|"
                          r"created|on|at|date|dated|ist|gmt|utc|cet|cest|est|edt|pst|pdt|msk|am|pm|a\.m\.|p\.m\.)\b",
                          re.I)
_SEPARATORS = re.compile(r"\s*(?:[|·•/]|\s[-–—]\s|,\s)\s*")


def canonical_agency(name: str) -> str | None:
    return _AGENCY.get(name.strip().strip("\"'“”").lower())


def looks_like_outlet(name: str, outlets: Registry) -> bool:
    """Whether a name reads as a news outlet's, not a person's or a place's."""
    name = name.strip().strip("\"'“”")
    if not name or len(name) > 60 or words(name) > 6 or ends_sentence(name):
        return False
    if canonical_agency(name) or outlets.lookup(name) is not None:
        return True
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return bool(_DOMAIN.fullmatch(name) or _OUTLET_WORDS.search(name))


def _name(text: str) -> str:
    return text.strip().strip("\"'“”").strip()


@dataclass(frozen=True, slots=True)
class LineFacts:
    """What one line states about the article it belongs to."""

    kind: str
    """'dateline', 'byline', 'source line', 'copyright line', 'provider line' (a name between a
    headline and its date stamp) or 'name line' (an agency's or registered outlet's name alone)."""
    line: str
    """The line as written."""
    outlet: str | None = None
    """The outlet the line names, when it names one that reads as an outlet."""
    author: str | None = None
    """The author(s) a byline names."""
    dates: tuple[DateSeen, ...] = ()
    """The dates it writes (with their readings)."""
    updated: bool = False
    """The line calls its date an update ('Updated: …'), not the publication."""
    names: tuple[str, ...] = ()
    """Other names on the line that could not be told apart (a place or an outlet)."""

    @property
    def time(self) -> str:
        return time_in(self.line)


def read_fact_line(line: str, outlets: Registry) -> LineFacts | None:
    """A dateline, byline, 'Source:' line or provider line, or None."""
    if len(line) > 200:
        return None
    return (_byline(line, outlets) or _source_line(line, outlets) or _copyright_line(line)
            or _dateline(line, outlets) or _provider_line(line, outlets))


def _byline(line: str, outlets: Registry) -> LineFacts | None:
    match = re.match(r"(?:short\s+)?by\b[\s:·|]*(?P<rest>.*)$", line, re.I)
    if not match or words(line) > 16 or (ends_sentence(line) and words(line) > 6):
        return None
    dates = tuple(find_dates(line))
    rest = match.group("rest")
    for found in dates:
        rest = rest.replace(found.text, " ")
    parts = [_name(p) for p in _SEPARATORS.split(rest) if _name(p)]
    parts = [p for p in parts if not _STAMP_WORDS.fullmatch(p) and not time_in(p) == p and words(p) > 0]
    author = outlet = None
    for part in parts:
        cleaned = _STAMP_WORDS.sub(" ", part) if time_in(part) else part
        cleaned = re.sub(r"\s+", " ", re.sub(r"\d{1,2}[:.]\d{2}", " ", cleaned)).strip(" ,.")
        if not cleaned:
            continue
        if outlet is None and looks_like_outlet(cleaned, outlets) and (author is not None or canonical_agency(cleaned)
                                                                         or parts.index(part) > 0 or "." in cleaned):
            outlet = canonical_agency(cleaned) or cleaned
        elif author is None and outlet is None and _people(cleaned):
            author = cleaned
    if author is None and outlet is None and not dates:
        return None
    return LineFacts("byline", line, outlet=outlet, author=author, dates=dates, updated=_says_updated(line))


def _people(text: str) -> bool:
    """'Anna Kowalska', 'Guy Faulconbridge and Dmitry Antonov': capitalised names only."""
    parts = [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text) if p]
    return 0 < len(parts) <= 4 and all(is_name(p) and not ends_sentence(p) for p in parts)


def _source_line(line: str, outlets: Registry) -> LineFacts | None:
    match = re.fullmatch(r"(?:source|sources|via|courtesy)\s*:\s*(?P<outlet>.{2,60}?)\.?", line, re.I)
    if not match or not looks_like_outlet(match.group("outlet"), outlets) and words(match.group("outlet")) > 4:
        return None
    name = _name(match.group("outlet"))
    return LineFacts("source line", line, outlet=canonical_agency(name) or name)


def _says_updated(line: str) -> bool:
    return bool(re.search(r"\b(updated|modified)\b", line, re.I)) and not re.search(r"\bpublished\b", line, re.I)


def _dateline(line: str, outlets: Registry) -> LineFacts | None:
    dates = tuple(d for d in find_dates(line) if d.readings or d.problem == "no year")
    if not dates or words(line) > 16:
        return None
    rest = line
    for found in dates:
        rest = rest.replace(found.text, " ")
    time = time_in(rest)
    if time:
        rest = rest.replace(time, " ")
    rest = _STAMP_WORDS.sub(" ", rest)
    parts = [_name(p) for p in re.split(r"\s*[|·•,:/]\s*|\s[-–—]\s", rest) if _name(p).strip(" .:-")]
    if sum(words(p) for p in parts) > 8 or any(ends_sentence(p) and words(p) > 3 for p in parts):
        return None  # a sentence that mentions a date, not a stamp
    outlet = None
    names: list[str] = []
    for part in parts:
        part = part.strip(" .:-")
        desk = _DESK.match(part)
        if desk and outlet is None:
            outlet = _name(desk.group("outlet"))
        elif outlet is None and canonical_agency(part):
            outlet = canonical_agency(part)
        elif part:
            names.append(part)
    if outlet is None and len(names) == 1 and not re.search(r"[|·•]", line) and looks_like_outlet(names[0], outlets):
        outlet, names = names[0], []  # an aggregator's stamp: '22/02/2025 14:49 The Guardian'
    elif outlet is None and len(names) == 1 and re.match(r"\d", line) and words(names[0]) <= 4:
        outlet, names = names[0], []
    if not dates[0].readings and outlet is None:
        return None  # 'November 24' alone on a line with nothing else is not a stamp to trust
    return LineFacts("dateline", line, outlet=outlet, dates=dates, updated=_says_updated(line), names=tuple(names))


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<outlet>[^.|©]{2,60}?)"
                        r"(?:,?\s+(?:ltd|limited|inc|llc|plc|gmbh|ag|s\.a)\.?)?(?:,?\s*\d{4})?\s*[.,]?\s*"
                        r"(?:all rights reserved\.?)?", re.I)


def _copyright_line(line: str) -> LineFacts | None:
    """'© 2024 The Northern Ledger. All rights reserved.': the site names its publisher."""
    match = _COPYRIGHT.fullmatch(line)
    if not match or not 0 < words(match.group("outlet")) <= 6:
        return None
    return LineFacts("copyright line", line, outlet=_name(match.group("outlet")))


def is_name(line: str) -> bool:
    """A proper name on its own: one to four capitalised words ('Al Jazeera', 'Reuters')."""
    tokens = line.split()
    return 0 < len(tokens) <= 4 and not ends_sentence(line) and all(
        t[:1].isupper() or t.lower() in ("of", "the", "de", "al", "el", "la", "and", "&") for t in tokens) \
        and any(c.isalpha() for c in line)


def provider_by_position(line: str) -> LineFacts:
    """A name on its own line between a headline and its date stamp: where portals and
    aggregators credit the provider of a report they republish."""
    return LineFacts("provider line", line, outlet=canonical_agency(line) or _name(line))


def _provider_line(line: str, outlets: Registry) -> LineFacts | None:
    """A line that is only a news agency's or a registered outlet's name: a masthead, or the
    provider a portal credits ('Reuters' under its headline: see provider_by_position)."""
    name = _name(line)
    agency = canonical_agency(name)
    entry = outlets.lookup(name)
    if agency or entry is not None:
        return LineFacts("name line", line, outlet=agency or (entry.name if entry else name))
    return None


_HEADLINE_SUFFIX = re.compile(r"(?P<headline>.{10,}?)\s+[–—|-]\s+(?P<outlet>[^–—|]{2,40})")


def split_headline(line: str, outlets: Registry) -> tuple[str, str] | None:
    """(headline, outlet) for a headline that names its outlet: 'Climate summit approves divisive
    $300B deal – POLITICO'. A name after a dash that could be a person ('… – Orban') is not taken."""
    match = _HEADLINE_SUFFIX.fullmatch(line)
    if not match:
        return None
    outlet = _name(match.group("outlet"))
    if not looks_like_outlet(outlet, outlets):
        return None
    return match.group("headline").strip(), canonical_agency(outlet) or outlet


@dataclass(frozen=True, slots=True)
class LeadDateline:
    """A wire dateline opening the lead: 'MOSCOW (Reuters) -', 'MOSCOW, November 24. /TASS/.'"""

    text: str
    agency: str
    dates: tuple[DateSeen, ...]


_LEAD = [
    re.compile(r"(?P<place>[A-Z][A-Z .'’-]{1,40}?)(?:,\s*(?P<date>[^()]{3,30}?))?\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)"
               r"\s*[-–—]+"),
    re.compile(r"(?P<place>[A-Z][A-Z .'’-]{1,40}?),\s*(?P<date>[A-Za-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*[./]*\s*"
               r"/(?P<agency>[A-Za-z][\w -]{1,30})/\.?"),
]


def lead_dateline(paragraph: str) -> LeadDateline | None:
    for pattern in _LEAD:
        match = pattern.match(paragraph)
        if match:
            agency = canonical_agency(match.group("agency"))
            if agency:
                return LeadDateline(match.group(0).strip(), agency, tuple(find_dates(match.group("date") or "")))
    return None


_CREDIT = re.compile(r"^\(?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|compiled|reported)\s+(?:from|by)\s+"
                     r"(?P<names>.+?)\)?\.?$", re.I)


def is_credit_line(line: str) -> bool:
    """'With reporting from Press Association and AFP', '(Reporting by …; Editing by …)'."""
    return bool(_CREDIT.match(line)) and words(line) <= 40


def wire_credits(line: str) -> list[str]:
    """The news agencies a credit line names, in order."""
    match = _CREDIT.match(line)
    if not match:
        return []
    found: list[str] = []
    for name in re.split(r",\s*|\s+and\s+|;\s*|\s+&\s+", match.group("names")):
        agency = canonical_agency(name)
        if agency and agency not in found:
            found.append(agency)
    return found


def detect_actors(text: str, registry: Registry) -> list[str]:
    """Canonical names of registry entries named in the text, in order of first mention."""
    first: dict[str, int] = {}
    for entry in registry.entries:
        for spelling in (entry.name, *entry.aliases):
            match = re.search(rf"(?<![\w.]){re.escape(spelling)}(?![\w])", text)
            if match:
                first[entry.name] = min(first.get(entry.name, match.start()), match.start())
    return sorted(first, key=lambda name: (first[name], name))

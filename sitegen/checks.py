"""``--strict``: what an editor should look at before publishing, as warnings.

- actors and outlets missing from the registries;
- articles that name no kept original (``source:``), so nothing checks them against it;
- excerpts cut so that they lose their referent or attribution: one that opens with a pronoun
  or a referring phrase ("He", "During that meeting", "The publication") whose referent the
  page does not name just before it, or one that leaves out an attribution in the same
  sentence (`, writes "Politico"`, "according to …") that the page does not give either;
- claims without evidence: a key point (a bullet under a "Key points" heading) that cites no
  excerpt, or whose quoted words, names and figures its excerpts do not contain; a timeline
  event that names no excerpt;
- a method page without the "Corrections" section that JSON-LD names as the corrections policy.
"""

from __future__ import annotations

import re
from typing import Iterator

from .bodies import Bodies
from .content import Page
from .errors import SiteError
from .excerpts import fold
from .quotes import Excerpt, clip
from .site import Site
from .taxonomy import unregistered

REGISTRY_FILES = {"actors": "data/actors.yaml", "outlets": "data/outlets.yaml"}

_OPENING = re.compile(
    r"(?:(?P<pronoun>He|She|It|They|His|Her|Its|Their|This|That|These|Those)\b"
    r"|(?P<phrase>(?:During|After|Before|At|In|Since|Following|Despite) (?:that|this|those|these) [\w-]+"
    r"|(?:During|After|Before|At|Since|Following) the (?:meeting|talks|call|visit|encounter|summit|vote)\b"
    r"|The (?:same )?(?:publication|newspaper|paper|source|report|agency|outlet|article|statement|minister|ministry"
    r"|official|spokesman|spokeswoman|spokesperson|president|leader|opening encounter|meeting|talks|document)\b"
    r"|According to (?:the|this|that|a|an) [\w-]+))")
_TRAILING = re.compile(r"""^[\s"”’'.;:!?)\]]*,["”’']?\s+(?P<words>(?:(?:he|she|they|it|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)\s+)?"""
                       r"""(?:said|says|told|added|writes|wrote|reported|reports|according to)\b[^.!?]*)""")
_LEADING = re.compile(r"""(?P<words>(?:According to [^.!?,]+|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)* """
                      r"""(?:said|says|told|added|wrote|writes)(?:(?: [\w’'-]+){1,5} that| that)?))[,:]?\s*["“‘']?$""")
"""An attribution that opens the excerpt's sentence: "Berg said", "Anna Berg told reporters that",
"Petrov said on Wednesday that", "According to the agency,"."""
_FIGURE = re.compile(r"[$€£]?\d[\d,.]*(?:\s?(?:%|per cent|percent|billion|million|trillion|bn|m))?")
_MONTHS = ("January February March April May June July August September October November December").split()


def strict_warnings(site: Site, bodies: Bodies) -> list[SiteError]:
    """Every warning ``--strict`` gives, in file order."""
    found = [*_unregistered(site), *_without_source(site), *_cut_excerpts(site, bodies), *_unsupported(site, bodies),
             *_corrections_policy(site, bodies)]
    return sorted(found, key=SiteError.sort_key)


def _unregistered(site: Site) -> Iterator[SiteError]:
    for source, taxonomy, name in unregistered(site.config, site.data, site.pages):
        yield SiteError(source, None, f"{taxonomy[:-1]} '{name}' is not in {REGISTRY_FILES[taxonomy]}",
                        "add it (with its spellings as aliases) or correct the name")


def _without_source(site: Site) -> Iterator[SiteError]:
    for page in site.section("articles"):
        if not page.meta.get("source"):
            yield SiteError(page.source, _line(page, "title"), "names no kept original (source:), so its text is "
                            "checked against nothing", "keep the raw report in seeds/ and give its path as source:")


def _corrections_policy(site: Site, bodies: Bodies) -> Iterator[SiteError]:
    """The method page has the section JSON-LD names as the corrections policy (its #corrections)."""
    wanted = site.config.method_page
    page = next((p for p in site.pages.values() if wanted and p.url == wanted), None)
    if page is not None and "corrections" not in {spot for _, spot, _, _ in bodies.outline(page.body).headings}:
        yield SiteError(page.source, _line(page, "title"), "has no #corrections section, which the site's JSON-LD "
                        f"names as its corrections policy (method_page: {wanted})",
                        'add a heading "Corrections" that says how the briefing is corrected')


def _names(site: Site) -> list[tuple[str, ...]]:
    """Every registry entry's spellings: who 'he' or 'the publication' may be."""
    return [(e.name, *e.aliases) for e in (*site.data.actors.entries, *site.data.outlets.entries)]


def _people(site: Site) -> list[tuple[str, ...]]:
    """The spellings of every person in the registry: the names a claim must find in its evidence
    (countries and organisations are named in many ways, outlets attribute rather than claim)."""
    return [(e.name, *e.aliases) for e in site.data.actors.entries if e.fields.get("kind") == "person"]


def _cut_excerpts(site: Site, bodies: Bodies) -> Iterator[SiteError]:
    names = [s for spellings in _names(site) for s in spellings]
    for key, found in site.excerpts.items():
        page = site.pages[key]
        refs = bodies.outline(page.body).excerpts
        previous: Excerpt | None = None
        for ref, excerpt in zip(refs, found):
            if excerpt is not None:
                yield from _context(page, excerpt, ref.lead_in, names, _continues(excerpt, previous, ref.lead_in))
            previous = excerpt


def _continues(excerpt: Excerpt, previous: Excerpt | None, lead_in: str) -> bool:
    """Whether an excerpt goes on from the one quoted just before it, with nothing of the page's
    own between: the same article's same or next paragraph, where its referent was named."""
    if previous is None or lead_in or previous.article != excerpt.article:
        return False
    number = int(excerpt.match.paragraph.id.removeprefix("p-"))
    return int(previous.match.paragraph.id.removeprefix("p-")) in (number, number - 1)


def _context(page: Page, excerpt: Excerpt, lead_in: str, names: list[str], continues: bool) -> Iterator[SiteError]:
    match = excerpt.match
    text = match.paragraph.text
    start, end = match.spans[0][0], match.spans[-1][1]
    where = f"excerpt '{excerpt.anchor}'"
    opening = _OPENING.match(text[start:]) if not match.leading_ellipsis else None
    if opening and not continues and not _names_something(lead_in, names):
        words = opening.group(0)
        yield SiteError(page.source, excerpt.line, f'{where} opens with "{words}": who or what is meant is not in '
                        "the quote, nor named just before it",
                        "extend the excerpt to where the text names it, or name it in the sentence before the excerpt")
    back = end  # a quote that ends on its own comma and quote mark ('…a week ago,"') still drops what follows
    while back > start and text[back - 1] in ',"”’\' ':
        back -= 1
    after = text[back:]
    trailing = _TRAILING.match(after) if not match.trailing_ellipsis else None
    if trailing and not _given(trailing.group("words"), lead_in, names):
        yield SiteError(page.source, excerpt.line, f'{where} leaves out the attribution that ends its sentence: '
                        f'"{clip(trailing.group("words").strip(), 60)}"',
                        "extend the excerpt to include it, or give the attribution just before the excerpt")
    before = text[:start]
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1] if before.strip() else ""
    leading = _LEADING.search(sentence) if sentence and not match.leading_ellipsis else None
    if leading and not _given(leading.group("words"), lead_in, names):
        yield SiteError(page.source, excerpt.line, f'{where} leaves out the attribution that opens its sentence: '
                        f'"{clip(leading.group("words").strip(), 60)}"',
                        "start the excerpt there, or give the attribution just before the excerpt")


def _names_something(lead_in: str, names: list[str]) -> bool:
    """Whether the page's sentence before an excerpt names someone or something: a registry
    name, or a capitalised word that does not open a sentence (a proper name)."""
    if any(name in lead_in for name in names):
        return True
    words = re.findall(r"(?:^|(?<=[.!?:]\s)|(?<=\s))([\w’'-]+)", lead_in)
    openers = {m.group(1) for m in re.finditer(r"(?:^|[.!?:]\s+|[“\"(]\s*)([\w’'-]+)", lead_in)}
    return any(w[:1].isupper() and w not in openers for w in words)


_ATTRIBUTING = {"according", "to", "the", "a", "an", "of", "on", "in", "that", "said", "says", "told", "added",
                "writes", "wrote", "reported", "reports"}
_PRONOUNS = {"he", "she", "they", "it"}
_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", *_MONTHS}


def _given(words: str, lead_in: str, names: list[str]) -> bool:
    """Whether the page gives, just before the excerpt, what an attribution names: its names
    (quoted ones too: writes "Politico"), not its days; for one without a name, who "he" is, or
    its words ("according to the statistics office")."""
    tokens = [w.strip("“”\"'’‘.,;:") for w in words.split()]
    proper = [w for w in tokens if w[:1].isupper() and w not in ("According", *_DAYS)]
    if proper:
        return all(w in lead_in for w in proper)
    if any(w.lower() in _PRONOUNS for w in tokens):
        return _names_something(lead_in, names)
    content = [w.lower() for w in tokens if w and w.lower() not in _ATTRIBUTING]
    return bool(content) and all(w in lead_in.lower() for w in content)


# --- claims and their evidence -----------------------------------------------------------------

def _unsupported(site: Site, bodies: Bodies) -> Iterator[SiteError]:
    spellings = _people(site)
    for page in site.section("topics"):
        quotes = {e.anchor: fold(e.match.text) for e in site.excerpts.get(page.key, ()) if e}
        for index, event in enumerate(page.meta["events"]):
            if not event["excerpts"]:
                yield SiteError(page.source, event["_line"], f"events[{index + 1}] names no excerpt that reports it",
                                "list the ids of the excerpts it rests on under excerpts:")
        for line, text, anchors in key_points(page, bodies):
            if not anchors:
                yield SiteError(page.source, line, f'key point cites no excerpt: "{clip(text, 60)}"',
                                "link it to the excerpts it rests on: ([Outlet](#excerpt-id))")
                continue
            cited = " ".join(quotes.get(a, "") for a in anchors)
            missing = [w for w in key_words(text, spellings) if not _in(w, cited, spellings)]
            if missing:
                yield SiteError(page.source, line, f"key point says what its excerpts do not: "
                                f"{', '.join(repr(w) for w in missing)} not in "
                                f"{', '.join('#' + a for a in anchors)}",
                                "cite the excerpts that say it, or say only what they say")


def key_points(page: Page, bodies: Bodies) -> list[tuple[int, str, list[str]]]:
    """(file line, text, cited anchors) of each bullet under a "Key points" heading."""
    tokens = bodies.parsed(page.body).tokens
    points: list[tuple[int, str, list[str]]] = []
    inside = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inside = tokens[index + 1].content.strip().lower() == "key points"
        elif inside and token.type == "inline" and token.level == 3:  # a list item's paragraph
            anchors = [str(child.attrGet("href"))[1:] for child in token.children or []
                       if child.type == "link_open" and str(child.attrGet("href") or "").startswith("#")]
            parts, in_link = [], False
            for child in token.children or []:  # a link's text names a source, not what is claimed
                in_link = (in_link or child.type == "link_open") and child.type != "link_close"
                if not in_link and child.type in ("text", "code_inline", "softbreak"):
                    parts.append(child.content if child.type != "softbreak" else " ")
            text = "".join(parts)
            points.append((page.file_line((token.map[0] + 1) if token.map else 1), " ".join(text.split()), anchors))
    return points


def key_words(text: str, spellings: list[tuple[str, ...]]) -> list[str]:
    """What a claim must find in its evidence: its quoted words, the people it names (by
    ``spellings``), and its figures (not the days and years of dates, which come from weekdays)."""
    words = [q.strip(" .,") for q in re.findall(r'[“"]([^”"]+)[”"]', text)]
    for names in spellings:
        words += [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)][:1]
    for figure in _FIGURE.finditer(text):
        around = text[max(0, figure.start() - 12): figure.end() + 12]
        if not any(month in around for month in _MONTHS) and not re.fullmatch(r"(?:19|20)\d\d", figure.group()):
            words.append(figure.group().rstrip(".,"))
    return list(dict.fromkeys(w for w in words if w))


def _in(word: str, cited: str, spellings: list[tuple[str, ...]]) -> bool:
    folded = fold(word)
    if folded in cited:
        return True
    same = next((names for names in spellings if word in names), ())
    return any(fold(name) in cited for name in same)


def _line(page: Page, key: str) -> int | None:
    found = page.meta.get("_lines", {}).get(key)
    return found if isinstance(found, int) else None

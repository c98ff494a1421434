"""Assemble the :class:`Site`: every reference resolved, before the first template renders.

Links between content files (``links.py``), excerpts and their citations (``quotes.py``),
taxonomies (``taxonomy.py``) and the timeline (``timeline.py``) are settled here, in that
order. The Site is frozen: objects refer to each other by key ('articles/slug'), never by
back-reference, and nothing changes it after :func:`assemble` returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, is_not
from typing import Callable, Iterator, Mapping

from .bodies import Bodies
from .config import Config, key_line
from .content import Page
from .copyrecords import shared_copy_errors
from .data import Data
from .errors import Errors, SiteError, did_you_mean
from .links import resolve_links
from .markdown import Parsed
from .quotes import Excerpt, Headlines, quoted_ticker, resolve_excerpts, resolve_headlines
from .steps import PageStep, Steps, step
from .taxonomy import Taxonomy, build_taxonomies
from .timeline import Event, resolve_events


@dataclass(frozen=True, slots=True)
class Site:
    """A site, validated and resolved: what every view is made from."""

    config: Config
    data: Data
    pages: Mapping[str, Page]
    """key → page, in file order."""
    sections: Mapping[str, tuple[str, ...]]
    """section → the keys of its pages, in file order ('' for the home page text)."""
    newest: tuple[str, ...]
    """Article keys, newest first (ties by slug)."""
    link_maps: Mapping[str, Mapping[str, str]]
    """page key → {href as written → resolved URL path} (pages that link to content files)."""
    excerpts: Mapping[str, tuple[Excerpt | None, ...]]
    """page key → its excerpts in order (None where one failed to verify)."""
    citations: Mapping[str, Mapping[str, tuple[Excerpt, ...]]]
    """article key → paragraph id → the excerpts that quote it."""
    headlines: Mapping[str, tuple[Headlines | None, ...]]
    """page key → its headlines blocks in order (None where one failed to verify)."""
    ticker_quoted: Mapping[str, tuple[int, ...]]
    """article key → the indexes of its ticker headlines that some page quotes."""
    taxonomies: Mapping[str, Taxonomy]
    events: tuple[Event, ...]
    """Every topic's dated events, oldest first."""
    failed: frozenset[str]
    """Sources that exist but failed to load (their errors are already reported)."""
    committed: Mapping[str, dt.date]
    """page key → the date of the last commit that changed its file (last_updated: git only)."""
    fronts: tuple[str, ...] = ()
    """Every page's front-matter digest, in page order: all that the site's order, sections,
    taxonomies and addresses are made from (``steps.py`` keeps what is made from them)."""
    sourced: tuple[str, ...] = ()
    """The articles that name a kept original (source:), in page order."""

    def section(self, name: str) -> list[Page]:
        return [self.pages[key] for key in self.sections.get(name, ())]

    def articles(self) -> list[Page]:
        """Newest first; ties by slug so the order is stable."""
        return [self.pages[key] for key in self.newest]


def sort_date(page: Page) -> str:
    value = page.date or page.front.original_date
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    return value.isoformat() if value else ""


RESERVED_URLS = {"/articles/": "the articles index", "/topics/": "the topics index", "/actors/": "the actors index",
                 "/outlets/": "the outlets index", "/timeline/": "the timeline", "/404/": "the 404 page",
                 "/static/": "theme assets", "/search/": "search", "/changes/": "the changes page",
                 "/404.html": "the 404 page"}


def assemble(config: Config, data: Data, pages: list[Page], bodies: Bodies, errors: Errors,
             failed: set[str] | None = None, committed: Mapping[str, dt.date] | None = None,
             steps: Steps | None = None) -> Site:
    """The resolved site. Every problem is added to ``errors``; resolving goes on past them,
    so one build reports every mistake at once. With ``steps`` (``sitegen serve``), what is
    made from the pages' front matter alone — the order, the taxonomies, the checks of
    addresses — is kept while no page's front matter changed."""
    failed = set(failed or ())
    by_key, fronts = _by_key(steps, pages, errors, failed)
    names = step(steps, "names", fronts, lambda: _names(by_key))
    articles, by_source = _Via(names.articles, by_key), _Via(names.sources, by_key)
    errors.extend(step(steps, "url problems", fronts, lambda: _collect(_check_urls, by_key)))

    def order() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for key, page in by_key.items():
            found.setdefault(page.section, []).append(key)
        newest = tuple(sorted(found.get("articles", ()), key=lambda k: (sort_date(by_key[k]), by_key[k].slug),
                              reverse=True))
        return {k: tuple(v) for k, v in found.items()}, newest

    sections, newest = step(steps, "order", fronts, order)
    # the pages whose references must be resolved now: every page that can hold links,
    # excerpts or headlines (other articles are parsed when their page renders)
    moved = _moved(steps, by_key, config)

    def outline(key: str) -> tuple[Parsed | None, tuple[SiteError, ...]]:
        page = by_key[key]
        if page.section == "articles" and not page.refers:
            return None, ()
        found = bodies.outline(page.body)
        return found, tuple(SiteError(page.source, page.file_line(line), problem) for line, problem in found.problems)

    referring, problems = (steps.page_step("referring") if steps is not None else PageStep()).update(
        tuple(by_key), moved, None, outline)
    errors.extend(problems)
    link_maps = resolve_links(by_key, referring, failed, errors,
                              lambda page: {p.id for p, _ in bodies.outline(page.body).paragraphs}, by_source,
                              steps.page_step("links") if steps is not None else None, moved, names)
    excerpts, citations = resolve_excerpts(by_key, referring, bodies, failed, errors, articles)
    _check_shared_copy([by_key[key] for key in names.sharing], articles, bodies, errors, failed)
    headlines = resolve_headlines(by_key, referring, errors, articles)
    ticker_quoted = quoted_ticker(by_key, headlines)
    taxonomies = step(steps, "taxonomies", (fronts, config.taxonomies, data),
                      lambda: build_taxonomies(config, data, by_key, sections, newest))
    errors.extend(step(steps, "alias problems", (fronts, taxonomies),
                       lambda: _collect(lambda found, e: _check_aliases(found, taxonomies, e), by_key)))
    _check_method_page(config, by_key, failed, errors)
    _check_history_spots([by_key[key] for key in names.changing], bodies, errors)
    events = resolve_events(by_key, sections.get("topics", ()), referring, excerpts, errors)
    return Site(config, data, by_key, sections, newest, link_maps, excerpts, citations, headlines, ticker_quoted,
                taxonomies, events, frozenset(failed),
                {p.key: committed[p.source] for p in by_key.values() if p.source in committed} if committed else {}, fronts,
                names.sourced)


_FRONT_DIGEST = attrgetter("front.digest")
_KEY = attrgetter("key")


@dataclass(frozen=True, slots=True)
class _Names:
    """What the pages' front matter alone says of who is where (kept while no front changes)."""

    articles: Mapping[str, str]
    """article slug → page key."""
    sources: Mapping[str, str]
    """content file → page key."""
    sharing: tuple[str, ...]
    """The articles with shares_copy_with."""
    changing: tuple[str, ...]
    """The pages with updates or corrections."""
    sourced: tuple[str, ...]
    """The articles that name a kept original (source:)."""


def _names(pages: Mapping[str, Page]) -> _Names:
    return _Names({p.slug: k for k, p in pages.items() if p.section == "articles"},
                  {p.source: k for k, p in pages.items()},
                  tuple(k for k, p in pages.items() if p.section == "articles" and p.meta.get("shares_copy_with")),
                  tuple(k for k, p in pages.items() if p.meta.get("updates") or p.meta.get("corrections")),
                  tuple(k for k, p in pages.items() if p.section == "articles" and p.meta.get("source")))


class _Via(Mapping[str, Page]):
    """Pages by another name (a slug, a file), through the name → key map of :class:`_Names`."""

    __slots__ = ("names", "pages")

    def __init__(self, keys: Mapping[str, str], pages: Mapping[str, Page]) -> None:
        self.names, self.pages = keys, pages

    def __getitem__(self, name: str) -> Page:
        return self.pages[self.names[name]]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _moved(steps: Steps | None, pages: dict[str, Page], config: Config) -> set[str] | None:
    """The pages that are not the very objects of the last build's (``sitegen serve``); None
    when pages came, went or moved, the config changed (allow_html changes every parse), or
    there is no last build."""
    if steps is None:
        return None
    table = steps.table("pages")
    before, table["pages"] = table.get("pages"), pages
    config_before, table["config"] = table.get("config"), config
    if before is None or len(before) != len(pages) or list(before) != list(pages) or config_before != config:
        return None
    return set(compress(pages, map(is_not, pages.values(), before.values())))


def _collect(check: Callable[[Mapping[str, Page], Errors], None], pages: Mapping[str, Page]) -> list[SiteError]:
    """The errors a check finds, as a value (a step's value can be kept)."""
    found = Errors()
    check(pages, found)
    return found.items


def _by_key(steps: Steps | None, pages: list[Page], errors: Errors,
            failed: set[str]) -> tuple[dict[str, Page], tuple[str, ...]]:
    """The pages by key (``_unique``) and each one's front digest, in that order. With
    ``steps`` (``sitegen serve``), when the pages are the last build's but for a few that keep
    their key and place (a saved file), the last ones are patched where those few are: no pass
    that reads every page (10,000 news articles: about 8 ms of each save)."""
    if steps is None:
        by_key = _unique(pages, errors, failed)
        return by_key, tuple(map(_FRONT_DIGEST, by_key.values()))
    table = steps.table("by key")
    before: list[Page] | None = table.get("pages")
    if before is not None and len(before) == len(pages):
        changed = list(compress(range(len(pages)), map(is_not, pages, before)))
        if len(changed) <= PATCHED_MOST and all(pages[i].key == before[i].key for i in changed):
            by_key, digests = dict(table["by key"]), list(table["fronts"])
            for index in changed:
                by_key[pages[index].key] = pages[index]
                digests[index] = pages[index].front.digest
            fronts = tuple(digests)
            table["pages"], table["by key"], table["fronts"] = list(pages), by_key, fronts
            return by_key, fronts
    by_key = _unique(pages, errors, failed)
    fronts = tuple(map(_FRONT_DIGEST, by_key.values()))
    if len(by_key) == len(pages):  # (no clash: the keys are the pages' own, in their order)
        table["pages"], table["by key"], table["fronts"] = list(pages), by_key, fronts
    else:
        table.clear()
    return by_key, fronts


PATCHED_MOST = 64
"""How many changed pages ``_by_key`` patches in; more, and it makes them all again."""


def _unique(pages: list[Page], errors: Errors, failed: set[str]) -> dict[str, Page]:
    """Pages by key; two files with one key are both left out (neither wins)."""
    by_key: dict[str, Page] = dict(zip(map(_KEY, pages), pages))
    if len(by_key) == len(pages):
        return by_key
    by_key = {}
    clashes: set[str] = set()
    for page in pages:
        if page.key in by_key:
            first = by_key[page.key]
            errors.add(page.source, None, f"{page.key} is also defined by {first.source}", "rename one of the files")
            clashes.add(page.key)
            failed.update((page.source, first.source, f"content/{page.key}.md"))
            continue
        by_key[page.key] = page
    for key in clashes:
        del by_key[key]
    return by_key


def _check_aliases(pages: Mapping[str, Page], taxonomies: Mapping[str, Taxonomy], errors: Errors) -> None:
    """An old address redirects to one page, and is no page's address now: not a content page's,
    not a term page's, not one of the site's own (an index, the 404 page, a theme asset)."""
    urls = {page.url: page.source for page in pages.values()}
    for name, taxonomy in taxonomies.items():
        for term in taxonomy.terms:
            urls.setdefault(f"/{name}/{term.slug}/", f"the {name} page of {term.name}")
    taken: dict[str, Page] = {}
    for page in pages.values():
        line = page.meta.get("_lines", {}).get("aliases")
        for alias in page.meta.get("aliases", ()):
            url = alias.removesuffix("index.html")  # /x/index.html is /x/: one output file
            reserved = "the home page" if url == "/" else RESERVED_URLS.get(url) or \
                ("theme assets" if url.startswith("/static/") else "the search index" if url.startswith("/pagefind/")
                 else None)
            other = urls.get(url)
            if url == page.url:
                errors.add(page.source, line, f"aliases: {alias} is this page's own address", "remove it")
            elif reserved:
                errors.add(page.source, line, f"aliases: {alias} is {reserved}",
                           "an old address must be one no page of this site has now")
            elif other is not None:
                errors.add(page.source, line, f"aliases: {alias} is already the address of {other}",
                           "keep the address on one page")
            elif url in taken and taken[url] is not page:
                errors.add(page.source, line, f"aliases: {alias} is also an alias of {taken[url].source}",
                           "keep the old address on one page")
            else:
                taken[url] = page


def _check_method_page(config: Config, pages: Mapping[str, Page], failed: set[str], errors: Errors) -> None:
    """method_page names a page of the site: every page's history and the JSON-LD link to it."""
    wanted = config.method_page
    if not wanted or any(page.url == wanted for page in pages.values()):
        return
    if f"content/pages/{wanted.strip('/')}.md" in failed:
        return  # the page exists but failed to load: its own errors say why
    urls = [page.url for page in pages.values() if page.section in ("pages", "topics")]
    errors.add("sitegen.yaml", key_line(config.root, "method_page"), f"method_page: {wanted} is no page of this site",
               did_you_mean(wanted, urls) or "give the address of the page that says how the briefing is made and "
                                             "corrected, e.g. /about/")


def _check_history_spots(pages: list[Page], bodies: Bodies, errors: Errors) -> None:
    """A change's at: is a spot on its page (the changes page and the feeds link to it): the id
    of a heading, an excerpt or an article's paragraph, or of a section of the theme's own
    (``#sg-…``, e.g. #sg-provenance-heading)."""
    for page in pages:
        meta = page.meta
        if not (meta.get("updates") or meta.get("corrections")):
            continue
        changes = [(kind, index, entry) for kind in ("updates", "corrections")
                   for index, entry in enumerate(page.meta.get(kind, ())) if entry["at"]]
        if not changes:
            continue
        parsed = bodies.outline(page.body)
        spots = sorted([(line, spot) for _, spot, _, line in parsed.headings if spot]
                       + [(ref.line, ref.anchor) for ref in parsed.excerpts]
                       + [(line, paragraph.id) for paragraph, line in parsed.paragraphs])
        ids = {spot for _, spot in spots} | {"sg-history"}
        for kind, index, entry in changes:
            at = entry["at"]
            if at.startswith("#") and (at[1:] in ids or at.startswith("#sg-")):
                continue
            shown = ", ".join("#" + spot for _, spot in spots[:3])
            errors.add(page.source, entry["_line"], f"{kind}[{index + 1}]: at: '{at}' is no spot on this page",
                       f"give the id of one of its headings, excerpts or paragraphs, with its #: {shown}, …" if spots
                       else "it has no headings, excerpts or paragraphs to point to: leave at: out")


class _ParagraphCounts(Mapping[str, int]):
    """slug → number of paragraphs, for every article; an article is parsed only when asked for."""

    def __init__(self, articles: Mapping[str, Page], bodies: Bodies) -> None:
        self.articles, self.bodies = articles, bodies
        self.counts: dict[str, int] = {}

    def __getitem__(self, slug: str) -> int:
        if slug not in self.counts:
            self.counts[slug] = len(self.bodies.outline(self.articles[slug].body).paragraphs)
        return self.counts[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


def _check_shared_copy(sharing: list[Page], articles: Mapping[str, Page], bodies: Bodies, errors: Errors,
                       failed: set[str]) -> None:
    """Every shares_copy_with (of the articles ``sharing``) names an article of the site, and
    paragraphs both have (an article that exists but failed to load has its own errors: no
    second one here)."""
    counts = _ParagraphCounts(articles, bodies)
    for page in sharing:
        records = [r for r in page.meta.get("shares_copy_with") or ()
                   if f"content/articles/{r['article']}.md" not in failed]
        if records:
            errors.extend(shared_copy_errors(page.source, page.slug, records, counts))


def _check_urls(pages: Mapping[str, Page], errors: Errors) -> None:
    seen: dict[str, Page] = {}
    for page in pages.values():
        if page.url in RESERVED_URLS:
            errors.add(page.source, None, f"its URL {page.url} is taken by {RESERVED_URLS[page.url]}",
                       "rename the file")
        elif page.url in seen:
            errors.add(page.source, None, f"its URL {page.url} is also the URL of {seen[page.url].source}",
                       "rename one of the files")
        else:
            seen[page.url] = page

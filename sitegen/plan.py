"""The plan of a build: every output file, with the template and the view that make it.

:func:`plan` lists the jobs of a site — cheap: no view is built but the sitemap's URL list
(to know how many files it takes). A job's ``make`` builds its view from
:class:`~sitegen.facts.Facts` alone (and, for a file that is not a template's, its bytes).
``reuse.py`` runs the jobs, or reuses what an earlier build made of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Mapping, cast

from . import bundles, feeds, metadata
from .errors import SiteError
from .facts import Facts, FactTable
from .parts import actor_links, card, coverage, event_views, history, outlet_ref, term_url, topic_link
from .site import Site
from .pageviews import (ArticlePage, ArticlesIndex, AtomFeed, HomePage, PlainPage, Redirect, SearchPage, SimplePage,
                        Sitemap, TaxonomyIndex, TermPage, TimelinePage, TopicPage, TopicsIndex)
from .views import ArticleView, Card, Feed, TermQuote, TermSummary, TermView, TickerItem, TopicCard, TopicView

TAXONOMY_TITLES = {"actors": "Actors", "outlets": "Outlets", "topics": "Topics"}


@dataclass(frozen=True, slots=True)
class Job:
    """One output file."""

    path: str
    """Below the output folder, e.g. articles/x/index.html."""
    template: str | None
    """The template that renders the view; None when ``make`` returns the file's bytes."""
    make: Callable[[Facts], Any]
    alias_of: str = ""
    """A redirect from an old address: the source of the page whose ``aliases:`` asked for it."""


def index_path(url: str) -> str:
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"


def plan(site: Site, assets: Mapping[str, tuple[str, bytes]]) -> list[Job]:
    """Every file of the site, in a stable order. ``assets``: the theme's static files
    (name → (fingerprinted path, bytes))."""
    config = site.config
    jobs = [Job("index.html", "home.html", home)]
    for key in site.newest:
        jobs.append(Job(index_path(site.pages[key].url), "article.html", partial(article_page, key=key)))
    for key in site.sections.get("topics", ()):
        jobs.append(Job(index_path(site.pages[key].url), "topic.html", partial(topic_page, key=key)))
    for key in site.sections.get("pages", ()):
        jobs.append(Job(index_path(site.pages[key].url), "page.html", partial(plain_page, key=key)))
    jobs.append(Job("articles/index.html", "articles.html", articles_index))
    jobs.append(Job("topics/index.html", "topics.html", topics_index))
    if config.search:
        jobs.append(Job("search/index.html", "search.html", search_page))
    jobs.append(Job("timeline/index.html", "timeline.html", timeline))
    for name in config.taxonomies:
        if name != "topics":
            jobs.append(Job(f"{name}/index.html", "taxonomy.html", partial(taxonomy_index, taxonomy=name)))
        for term in site.taxonomies[name].terms:
            if name == "topics" and f"topics/{term.slug}" in site.pages:
                continue  # the topic's own page lists its articles
            jobs.append(Job(index_path(term_url(name, term.slug)), "term.html",
                            partial(term_page, taxonomy=name, slug=term.slug)))
        for term in site.taxonomies[name].terms:
            folder = term_url(name, term.slug).strip("/")
            make = partial(feeds.term_feed, taxonomy=name, slug=term.slug)
            jobs.append(Job(f"{folder}/feed.xml", "atom.xml", partial(_atom, make=make)))
            jobs.append(Job(f"{folder}/feed.json", None, partial(_json, make=make)))
    jobs.append(Job("404.html", "404.html", lambda f: SimplePage("/404.html", "Page not found")))
    jobs.append(Job("changes/index.html", "changes.html", feeds.changes_page))
    jobs.append(Job("feed.xml", "atom.xml", partial(_atom, make=feeds.site_feed)))
    jobs.append(Job("feed.json", None, partial(_json, make=feeds.site_feed)))
    for key, page in site.pages.items():
        for alias in page.meta.get("aliases", ()):
            path = alias.lstrip("/") if alias.endswith(".html") else index_path(alias)
            jobs.append(Job(path, "redirect.html", partial(redirect, key=key, alias=alias), page.source))
    jobs += sitemap_jobs(site)
    jobs.append(Job("robots.txt", None, lambda f: metadata.robots_txt(f.config.abs_url)))
    for path, data in assets.values():
        jobs.append(Job(path, None, partial(_constant, data=data)))
    jobs.append(Job(".nojekyll", None, partial(_constant, data=b"")))
    return jobs


def search_page(f: Facts) -> SearchPage:
    count = sum(len(f.section(name)) for name in bundles.SECTIONS)
    return SearchPage("/search/", "Search", tuple("/" + folder for folder in bundles.folders(count)))


RESERVED_FOLDERS = ("static/", f"{bundles.FOLDER}/")
"""Output folders whose files are the theme's and the search index's."""


def alias_conflicts(jobs: list[Job]) -> list[SiteError]:
    """An old address (``aliases:``) may not be a file the site writes for anything else, nor
    another page's old address: it would overwrite it, or be overwritten."""
    owners: dict[str, Job] = {}
    for job in jobs:
        if not job.alias_of:
            owners.setdefault(job.path, job)
    problems = []
    for job in jobs:
        if not job.alias_of:
            continue
        other = owners.get(job.path)
        shown = "/" + job.path.removesuffix("index.html")
        if other is not None:
            what = (f"{other.alias_of}'s old address too" if other.alias_of
                    else f"the address of a page this site writes ({other.path})")
            problems.append(SiteError(job.alias_of, None, f"aliases: {shown} is {what}",
                                      "an old address must be one no page of this site has now, and one page's"))
        elif job.path.startswith(RESERVED_FOLDERS) or job.path.startswith("."):
            problems.append(SiteError(job.alias_of, None, f"aliases: {shown} is inside a folder sitegen fills itself",
                                      "choose the old address the page really had"))
        else:
            owners[job.path] = job
    return problems


def _constant(facts: Facts, data: bytes) -> bytes:
    return data


# --- page kinds ------------------------------------------------------------------------------

def topic_order(facts: Facts) -> list[str]:
    """Topic keys by weight, then title."""
    fronts = [f for f in (facts.front(key) for key in facts.section("topics")) if f is not None]
    return [f.key for f in sorted(fronts, key=lambda f: (f.meta["weight"], f.title.lower(), f.slug))]


def topic_card(facts: Facts, key: str) -> TopicCard:
    front = facts.front(key)
    assert front is not None
    return TopicCard(front.title, front.url, str(front.meta.get("summary") or ""),
                     sum(1 for q in facts.quotes(key) if q))


def home(facts: Facts) -> HomePage:
    intro = facts.body("index") if facts.front("index") is not None else None
    events = facts.events()[-8:][::-1]
    config = facts.config
    return HomePage("/", "", intro, tuple(topic_card(facts, k) for k in topic_order(facts)),
                    tuple(card(facts, k) for k in facts.newest()[:10]), event_views(facts, events),
                    metadata.publisher(config.author, config.title, config.abs_url("/"), method_url(facts)))


def article_page(facts: Facts, key: str) -> ArticlePage:
    front = facts.front(key)
    body = facts.body(key)
    assert front is not None and body is not None
    meta = front.meta
    actors = actor_links(facts, meta["actors"])
    ticker = meta["ticker"]
    quoted = facts.refs(key).ticker_quoted
    view = ArticleView(
        key, front.title, front.url, str(meta["summary"] or ""), front.section, front.date,
        outlet_ref(facts, meta["outlet"]), meta["paraphrase_of"], meta["translated_from"], meta["title_kind"],
        front.original_date, meta["original_date_note"],
        actors, tuple(meta["wire"]), meta["url"], meta.get("archive_url"), meta.get("archive_date"), meta["source"],
        meta["title_note"],
        meta["date_note"], meta["outlet_note"], meta["url_note"], tuple(meta["notes"]), tuple(meta["stripped"]),
        tuple(TickerItem(ticker[i]["time"], ticker[i]["headline"]) for i in quoted), len(ticker),
        meta["ticker_note"], tuple(topic_link(facts, t) for t in meta["topics"]),
        sum(len(citing) for _, citing in facts.citations(key)), history(front, facts.committed(key)))
    kinds = {}
    for actor in actors:
        entry = facts.entry("actors", actor.name)
        if entry is not None:
            kinds[actor.name] = str(entry.fields.get("kind") or "")
    config = facts.config
    headline = plain_title(facts, view)
    jsonld = metadata.with_history(metadata.news_article(view, kinds, config.abs_url, config.language, headline),
                                   view.history, method_url(facts))
    return ArticlePage(front.url, headline, view, body, jsonld)


def plain_title(facts: Facts, page: Card | ArticleView | TopicCard) -> str:
    """A title as plain text (a page's <title>, JSON-LD), with the theme's mark when the outlet
    did not write the headline (marks.html), as every card and caption shows it."""
    if getattr(page, "title_kind", "published") == "published":
        return page.title
    return facts.derived.mark("plain_headline", page)


def method_url(facts: Facts) -> str:
    return facts.config.abs_url(facts.config.method_page) if facts.config.method_page else ""


def topic_page(facts: Facts, key: str) -> TopicPage:
    front = facts.front(key)
    body = facts.body(key)
    assert front is not None and body is not None
    term = facts.term("topics", front.slug) if "topics" in facts.config.taxonomies else None
    sources = tuple(card(facts, k) for k in dict.fromkeys(q.article for q in facts.quotes(key) if q))
    view = TopicView(key, front.title, front.url, str(front.meta.get("summary") or ""),
                     actor_links(facts, front.meta["actors"]), event_views(facts, facts.topic_events(key)),
                     tuple(card(facts, k) for k in (term.pages if term else ())), sources,
                     history(front, facts.committed(key)),
                     coverage(facts, key))
    jsonld = metadata.with_history(metadata.item_list(front.title, front.url, [(plain_title(facts, c), c.url) for c in sources],
                                                      facts.config.abs_url), view.history, method_url(facts))
    return TopicPage(front.url, front.title, view, body, jsonld,
                     feeds.feed_links(facts, front.url, front.title) if term is not None else ())


def plain_page(facts: Facts, key: str) -> PlainPage:
    body = facts.body(key)
    assert body is not None
    summary = card(facts, key)
    front = facts.front(key)
    assert front is not None
    changes = history(front, facts.committed(key))
    config = facts.config
    jsonld = metadata.with_history(metadata.web_page(summary.title, summary.url, summary.summary, config.abs_url,
                                                     config.language), changes, method_url(facts))
    return PlainPage(summary.url, summary.title, summary, body, changes, jsonld)


def _listing_jsonld(facts: Facts, name: str, url: str, cards: tuple[Card, ...] | tuple[TopicCard, ...]) -> dict[str, Any]:
    return metadata.item_list(name, url, [(plain_title(facts, c), c.url) for c in cards], facts.config.abs_url)


def articles_index(facts: Facts) -> ArticlesIndex:
    cards = tuple(card(facts, k) for k in facts.newest())
    return ArticlesIndex("/articles/", "Articles", cards, _listing_jsonld(facts, "Articles", "/articles/", cards))


def topics_index(facts: Facts) -> TopicsIndex:
    cards = tuple(topic_card(facts, k) for k in topic_order(facts))
    return TopicsIndex("/topics/", "Topics", cards, _listing_jsonld(facts, "Topics", "/topics/", cards))


def timeline(facts: Facts) -> TimelinePage:
    return TimelinePage("/timeline/", "Timeline", event_views(facts, facts.events()))


def _summary(taxonomy: str, name: str, slug: str, count: int, fields: Mapping[str, object]) -> TermSummary:
    return TermSummary(name, slug, term_url(taxonomy, slug), count, str(fields.get("role") or ""),
                       str(fields.get("kind") or ""), str(fields.get("homepage") or ""),
                       str(fields.get("country") or ""), str(fields.get("note") or ""))


def taxonomy_index(facts: Facts, taxonomy: str) -> TaxonomyIndex:
    title = TAXONOMY_TITLES[taxonomy]
    terms = tuple(_summary(taxonomy, name, slug, count, entry.fields if entry else {})
                  for name, slug, count, entry in facts.term_summaries(taxonomy))
    jsonld = metadata.item_list(title, f"/{taxonomy}/", [(t.name, t.url) for t in terms], facts.config.abs_url)
    return TaxonomyIndex(f"/{taxonomy}/", title, taxonomy, terms, jsonld)


def term_page(facts: Facts, taxonomy: str, slug: str) -> TermPage:
    term = facts.term(taxonomy, slug)
    assert term is not None
    summary = _summary(taxonomy, term.name, term.slug, term.count, term.entry.fields if term.entry else {})
    quotes: list[TermQuote] = []
    if taxonomy == "actors":
        spellings = (term.name, *(term.entry.aliases if term.entry else ()))
        for quote in facts.all_quotes():
            if any(s in quote.text for s in spellings):
                topic = facts.front(quote.page)
                assert topic is not None
                quotes.append(TermQuote(quote.text, topic.url + "#" + quote.anchor, topic.title,
                                        card(facts, quote.article)))
    view = TermView(summary.name, summary.slug, summary.url, summary.count, summary.role, summary.kind,
                    summary.homepage, summary.country, summary.note,
                    pages=tuple(card(facts, k) for k in term.pages), excerpts=tuple(quotes))
    return TermPage(summary.url, term.name, taxonomy, view, feeds.feed_links(facts, summary.url, term.name))


def _atom(facts: Facts, make: Callable[[Facts], Feed]) -> AtomFeed:
    return AtomFeed(make(facts))


def _json(facts: Facts, make: Callable[[Facts], Feed]) -> bytes:
    return feeds.json_feed(facts, make(facts))


def redirect(facts: Facts, key: str, alias: str) -> Redirect:
    front = facts.front(key)
    assert front is not None
    return Redirect(alias, front.url, plain_title(facts, card(facts, key)))


def sitemap_jobs(site: Site) -> list[Job]:
    """sitemap.xml alone; or, past one file's limits (50,000 URLs, 50 MB), sitemap-1.xml,
    sitemap-2.xml, … and sitemap.xml as their index. The cut is made from the very URL list the
    views make (read through a fact table as they read it), so each part's view takes its slice."""
    urls = sitemap(Facts(FactTable(site), cast(Any, None))).urls  # listing URLs needs no derived value
    parts = metadata.sitemap_parts(urls)
    if len(parts) == 1:
        return [Job("sitemap.xml", "sitemap.xml", sitemap)]
    jobs = [Job("sitemap.xml", None, partial(sitemap_index, count=len(parts)))]
    jobs += [Job(metadata.sitemap_part_path(number), "sitemap.xml", partial(sitemap_part, start=start, end=end))
             for number, (start, end) in enumerate(parts, 1)]
    return jobs


def sitemap_index(facts: Facts, count: int) -> bytes:
    return metadata.sitemap_index([facts.config.abs_url("/" + metadata.sitemap_part_path(number))
                                   for number in range(1, count + 1)])


def sitemap_part(facts: Facts, start: int, end: int) -> Sitemap:
    """One file of a sitemap cut into several: its slice of the whole list (every part reads
    every URL, so a change that moves the cuts renders each part again)."""
    return Sitemap(sitemap(facts).urls[start:end])


def sitemap(facts: Facts) -> Sitemap:
    """Every page's URL, in a stable order."""
    paths = ["/", "/articles/", "/topics/", "/timeline/"]
    for name in ("articles", "topics", "pages"):
        fronts = [f for f in (facts.front(k) for k in (facts.newest() if name == "articles" else facts.section(name)))
                  if f is not None]
        if name != "articles":
            fronts.sort(key=lambda f: f.slug)
        paths += [f.url for f in fronts]
    for name in facts.config.taxonomies:
        if name != "topics":
            paths.append(f"/{name}/")
        paths += [term_url(name, slug) for slug in facts.term_slugs(name)]
    return Sitemap(tuple(facts.config.abs_url(p) for p in dict.fromkeys(paths)))

"""Templates: the Jinja2 environment and the context each page kind gets.

:func:`render_site` returns ``{output path: bytes}``; it writes nothing.
Site-level ``templates/`` override the theme's files of the same name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from . import __version__, metadata
from .metadata import iso, rfc3339
from .cache import BuildCache, digest
from .content import Page
from .errors import Errors
from .excerpts import text_fragment
from .markdown import render as render_markdown
from .markdown import slugify
from .site import Excerpt, Headlines, Site, Term

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
TAXONOMY_TITLES = {"actors": "Actors", "outlets": "Outlets", "topics": "Topics"}


def format_date(value: dt.date | dt.datetime | None) -> str:
    """'22 February 2025' whatever the machine's locale; 'date unknown' for None."""
    if value is None:
        return "date unknown"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _term_counts(terms: dict[str, tuple[str, tuple[str, ...]]]) -> list[tuple[str, str, int]]:
    """What a taxonomy index shows of its terms, in order: slug, name and count."""
    return [(slug, name, len(pages)) for slug, (name, pages) in terms.items()]


def dateline_html(page: dict[str, Any]) -> Markup:
    """A page's date as a <time> element (a template global, like outlet)."""
    return Markup('<time datetime="{}">{}</time>').format(iso(page["date"]), format_date(page["date"]))


@dataclass(frozen=True, slots=True)
class Theme:
    """Where templates and static files come from."""

    template_dirs: tuple[Path, ...]
    static_dir: Path | None


PACKAGE_THEMES = Path(__file__).resolve().parent / "themes"
"""The themes installed with sitegen (the default theme, briefing, among them)."""


def find_theme(site: Site, errors: Errors) -> Theme | None:
    """The site's ``themes/NAME/`` first, then the installed package's ``themes/NAME/``;
    a site-level ``templates/`` folder overrides single files of either."""
    root = site.config.root
    name = site.config.theme
    candidates = [root / "themes" / name, PACKAGE_THEMES / name]
    theme_dir = next((d for d in candidates if (d / "templates").is_dir()), None)
    if theme_dir is None:
        errors.add("sitegen.yaml", None, f"theme '{name}' not found (looked in {candidates[0]} and {candidates[1]})",
                   f"set theme: to a folder of themes/ that has templates/, or to an installed theme "
                   f"({', '.join(sorted(p.name for p in PACKAGE_THEMES.iterdir() if p.is_dir()))})")
        return None
    dirs = tuple(d for d in (root / "templates", theme_dir / "templates") if d.is_dir())
    static = theme_dir / "static"
    return Theme(dirs, static if static.is_dir() else None)


def hashed_assets(theme: Theme) -> dict[str, tuple[str, bytes]]:
    """name → (fingerprinted output path, bytes): a deploy never serves stale CSS."""
    assets: dict[str, tuple[str, bytes]] = {}
    if theme.static_dir is None:
        return assets
    for path in sorted(theme.static_dir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(theme.static_dir).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:10]
        stem, dot, ext = name.rpartition(".")
        hashed = f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"
        assets[name] = (f"static/{hashed}", data)
    return assets


@dataclass(frozen=True)
class Changes:
    """What changed since the last successful build, when nothing site-wide did."""

    pages: set[str]
    """Keys of the pages whose file changed, appeared or went."""
    listings: bool
    """No page appeared or went and no front matter changed (a body edit): every listing is as it was."""
    terms: set[tuple[str, str]]
    """(taxonomy, slug) of the terms whose page is as it was: same name, same pages, none with new front matter."""
    indexes: set[str]
    """Taxonomies whose index is as it was: the same terms, names and counts."""
    sitemap: bool
    """The sitemap is as it was: the same pages and terms."""


class Renderer:
    """Renders one resolved site. Templates are compiled once and reused."""

    def __init__(self, site: Site, md: MarkdownIt, theme: Theme, errors: Errors, cache: BuildCache | None = None,
                 share: tuple[int, int] | None = None):
        self.site = site
        self.md = md
        self.errors = errors
        self.config = site.config
        self.assets = hashed_assets(theme)
        self.cache = cache
        self.share = share
        self._cards: dict[str, dict[str, Any]] = {}
        self._card_ids: dict[int, Any] = {}
        self._card_html: dict[Any, Markup] = {}
        self._terms: dict[tuple[str, str], dict[str, Any]] = {}
        self._envs: dict[str, dict[str, Any]] = {}
        self._facts: bytes | None = None
        self._excerpt_facts: bytes | None = None
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=cache.templates if cache is not None else None,
            auto_reload=False,  # one build reads each template once (no stat per page)
        )
        self.env.filters.update(date=format_date, iso=iso, rfc3339=rfc3339)
        self.env.globals.update(
            site=self.site_view(),
            url=self.url,
            abs_url=self.abs_url,
            asset=self.asset,
            sitegen_version=__version__,
            jsonld=None,
            og_type="website",
            card_html=self.card_html,
            outlet=self.outlet_html,
            dateline=dateline_html,
        )
        self.theme_dirs = theme.template_dirs
        # what every page's output depends on besides its own context
        template_files = sorted((str(p), p.read_bytes()) for d in theme.template_dirs for p in d.rglob("*") if p.is_file())
        self.global_key = digest(__version__, template_files, self.config, sorted(self.assets),
                                 [(e.name, e.fields) for e in site.data.actors.entries],
                                 [(e.name, e.fields) for e in site.data.outlets.entries])

    def mine(self, path: str) -> bool:
        """Whether this renderer renders ``path`` (all, unless it is one of several workers)."""
        if self.share is None:
            return True
        index, count = self.share
        return (zlib.crc32(path.encode()) % count if path else 0) == index

    # --- URLs -------------------------------------------------------------
    def url(self, path: str) -> str:
        """A site path ('/articles/x/') under the base URL's path."""
        return self.config.base_path + path.lstrip("/")

    def abs_url(self, path: str) -> str:
        return self.config.absolute_base + path.lstrip("/")

    def asset(self, name: str) -> str:
        if name not in self.assets:
            raise jinja2.TemplateRuntimeError(f"no static file '{name}' in the theme")
        return self.url("/" + self.assets[name][0])

    # --- views --------------------------------------------------------------
    def site_view(self) -> dict[str, Any]:
        nav = [("Topics", "/topics/"), ("Timeline", "/timeline/"), ("Articles", "/articles/")]
        nav += [(TAXONOMY_TITLES[t], f"/{t}/") for t in self.config.taxonomies if t != "topics"]
        return {"title": self.config.title, "description": self.config.description,
                "language": self.config.language, "author": self.config.author, "search": self.config.search,
                "nav": [{"title": t, "url": u} for t, u in nav]}

    def term_url(self, taxonomy: str, slug: str) -> str:
        return f"/{taxonomy}/{slug}/"

    def actor_links(self, names: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
        links = []
        for name in names:
            entry = self.site.data.actors.lookup(name)
            canonical = entry.name if entry else name
            slug = slugify(canonical)
            has_page = "actors" in self.config.taxonomies and self.site.taxonomies["actors"].term(slug)
            links.append({"name": canonical, "url": self.term_url("actors", slug) if has_page else ""})
        return links

    def outlet_view(self, page: Page) -> dict[str, Any]:
        name = page.meta.get("outlet")
        if not name:
            return {"name": "", "url": "", "known": False}
        entry = self.site.data.outlets.lookup(name)
        canonical = entry.name if entry else name
        has_page = "outlets" in self.config.taxonomies
        return {"name": canonical, "url": self.term_url("outlets", slugify(canonical)) if has_page else "",
                "known": True}

    def card(self, page: Page) -> dict[str, Any]:
        """The few facts every listing shows about a page (memoised: shared, never mutate)."""
        if page.key in self._cards:
            return self._cards[page.key]
        self._cards[page.key] = card = self._card(page)
        if self.cache is not None and page.file_hash:
            # digests of listings stand a card in by a digest of its content, kept between
            # builds for as long as the page's file and the site-wide facts are unchanged
            memo = (page.key, page.file_hash, self.global_key)
            self.cache.used.add(memo)
            if memo not in self.cache.cards:
                self.cache.cards[memo] = digest(self.global_key, card)  # card.html reads config too
            self._card_ids[id(card)] = self.cache.cards[memo]
        return card

    def outlet_html(self, outlet: dict[str, Any]) -> Markup:
        """An outlet's name, linked to its page when it has one; "outlet unknown" when unknown.
        (A template global rather than a macro: a card shows one, and macro calls are slow.)"""
        if not outlet["known"]:
            return Markup('<span class="unknown">outlet unknown</span>')
        if outlet["url"]:
            return Markup('<a href="{}">{}</a>').format(self.url(outlet["url"]), outlet["name"])
        return Markup("{}").format(outlet["name"])

    def card_html(self, card: dict[str, Any]) -> Markup:
        """A card's list item (card.html), rendered once per build — or once while it is unchanged."""
        memo = self._card_ids.get(id(card)) or id(card)
        store = self.cache.card_html if self.cache is not None and isinstance(memo, bytes) else self._card_html
        if memo not in store:
            store[memo] = Markup(self.env.get_template("card.html").render(a=card))
        if self.cache is not None and isinstance(memo, bytes):
            self.cache.used.add(memo)
        return store[memo]

    def _card(self, page: Page) -> dict[str, Any]:
        view: dict[str, Any] = {"key": page.key, "title": page.title, "url": page.url,
                                "summary": page.meta.get("summary", ""), "section": page.section,
                                "date": None, "outlet": None, "paraphrase_of": None}
        if page.section == "articles":
            view.update(date=page.date, outlet=self.outlet_view(page), paraphrase_of=page.meta["paraphrase_of"])
        return view

    # --- bodies -----------------------------------------------------------------
    def body_env(self, page: Page) -> dict[str, Any]:
        """What rendering a page's body reads besides its tokens: resolved links, citations."""
        if page.key in self._envs:
            return self._envs[page.key]
        env: dict[str, Any] = {"link_map": {href: self.url(target) for href, target
                                            in self.site.link_maps.get(page.key, {}).items()},
                               "base_path": self.config.base_path}
        if page.section == "articles":
            env["citations"] = {
                pid: [(self.site.pages[e.page].title, self.url(self.site.pages[e.page].url) + "#" + e.anchor)
                      for e in excerpts]
                for pid, excerpts in self.site.citations.get(page.key, {}).items()
            }
        self._envs[page.key] = env
        return env

    def body_key(self, page: Page) -> tuple[Any, ...] | None:
        """The cache key of a body without excerpts or headlines (their HTML reads other pages)."""
        if self.cache is None or self.site.excerpts.get(page.key) or self.site.headlines.get(page.key):
            return None
        env = self.body_env(page)
        plain = not env["link_map"] and not env.get("citations")
        return (page.source, page.body_hash, self.config.allow_html,
                ("plain", self.config.base_path) if plain else digest(env))

    def body_html(self, page: Page) -> Markup:
        env = dict(self.body_env(page))
        found = self.site.excerpts.get(page.key, [])
        headlines = self.site.headlines.get(page.key, [])
        body_key = self.body_key(page)
        if body_key is not None and self.cache is not None:
            self.cache.used.add(body_key)
            if body_key in self.cache.bodies:
                return self.cache.bodies[body_key]
        if found:
            env["render_excerpt"] = lambda index, opening: self.excerpt_html(found[index])
        if headlines:
            env["render_headlines"] = lambda index, opening: self.headlines_html(headlines[index])
        html = Markup(render_markdown(self.md, self.site.parsed_for(page.key), env))
        if page.section == "articles" and self.site.parse_cache is None:
            self.site.parsed.pop(page.key, None)  # its tokens are not read again: free them now
        if body_key is not None and self.cache is not None and self.share is None:
            self.cache.bodies[body_key] = html  # (a parallel worker's bodies are not read again)
        return html

    def headlines_html(self, headlines: Headlines | None) -> str:
        if headlines is None:
            return ""
        article = self.site.pages[headlines.article]
        return self.env.get_template("headlines.html").render(article=self.card(article), items=headlines.items)

    def excerpt_html(self, excerpt: Excerpt | None) -> str:
        if excerpt is None:  # the build has already failed; keep rendering other pages
            return ""
        article = self.site.pages[excerpt.article]
        context = self.url(article.url) + "#" + excerpt.match.paragraph.id
        cite = self.abs_url(article.url) + "#" + excerpt.match.paragraph.id
        template = self.env.get_template("excerpt.html")
        return template.render(excerpt=excerpt, article=self.card(article), context_url=context, cite_url=cite,
                               quote=excerpt.match.text, original=article.meta.get("url"),
                               fragment=text_fragment(excerpt.match), wire=article.meta["wire"])

    # --- pages --------------------------------------------------------------------
    def render_all(self, out: dict[str, bytes] | None = None) -> dict[str, bytes]:
        """Every output file's bytes, added to ``out`` (a new dict by default)."""
        out = {} if out is None else out
        site = self.site

        cache = self.cache

        def reuse(path: str, key: Any) -> bool:
            if cache is None or path not in cache.renders or cache.renders[path][0] != key:
                return False
            data = cache.renders[path][1]
            if data is None:  # cached on disk: the bytes are the previous output's file
                previous = cache.reusable(path)
                if previous is None:
                    return False
                out[path] = previous  # type: ignore[assignment]
                return True
            out[path] = data
            return True

        # pages known unchanged since the last successful build: their keys need no computing
        record = changes = None
        if cache is not None and self.share is None:
            record = self.record()
            changes = self.what_changed(cache.memo.pop("render", None), record)  # a failed build leaves none
            cache.partial = changes is not None
        changed = changes.pages if changes else None
        listings_same = bool(changes and changes.listings)

        def keep(path: str) -> bool:
            """Reuse the last build's output for a page whose inputs are known unchanged."""
            return cache is not None and path in cache.renders and reuse(path, cache.renders[path][0])

        def emit(path: str, template: str, key: Any = None, **context: Any) -> None:
            """Render a page, or reuse its bytes when everything it depends on is unchanged:
            by default its template and full context; ``key`` when the caller knows better."""
            if not self.mine(path):
                return
            if cache is not None and key is None:
                key = digest(self.global_key, template, context, known=self._card_ids)
            if key is not None and reuse(path, key):
                return
            try:
                html = self.env.get_template(template).render(**context)
            except jinja2.TemplateError as exc:
                self.errors.add(*template_error_location(exc, template, self.theme_dirs, self.config.root))
                return
            out[path] = html.encode("utf-8")
            if cache is not None and key is not None:
                cache.renders[path] = (key, out[path])
                cache.rendered += 1

        articles = site.articles()
        topics = sorted(site.section("topics"), key=lambda p: (p.meta["weight"], p.title.lower(), p.slug))
        home = site.pages.get("index")
        emit("index.html", "home.html", page_url="/", title="",
             intro=self.body_html(home) if home else Markup(""),
             topics=[self.topic_card(t) for t in topics], articles=[self.card(a) for a in articles[:10]],
             events=[self.event_view(e) for e in site.events[-8:][::-1]])
        for page in articles:
            path = _index_path(page.url)
            if not self.mine(path):
                continue
            if changed is not None and page.key not in changed and not self.has_blocks(page) and keep(path):
                continue
            body_key = self.body_key(page)
            # an article page reads its own file, its body's inputs and a few site-wide facts
            key = (self.global_key, page.url, page.file_hash, body_key, self.article_facts()) \
                if body_key is not None and page.file_hash else None
            if key is not None and reuse(path, key):
                if cache is not None:
                    cache.used.add(body_key)  # keep the body cached with the page it made
                continue
            view = self.article_view(page)
            emit(path, "article.html", key=key, page_url=page.url, title=page.title, page=view,
                 body=self.body_html(page), og_type="article", jsonld=self.article_jsonld(page, view))
        for page in topics:
            view = self.topic_view(page)
            emit(_index_path(page.url), "topic.html", page_url=page.url, title=page.title, page=view,
                 body=self.body_html(page), jsonld=self.item_list(page.title, page.url, view["sources"]))
        for page in site.section("pages"):
            emit(_index_path(page.url), "page.html", page_url=page.url, title=page.title,
                 page=self.card(page), body=self.body_html(page))
        if not (listings_same and keep("articles/index.html")):
            index_key = self.listing_key(articles)
            if index_key is None or not reuse("articles/index.html", index_key):
                cards = [self.card(a) for a in articles]
                emit("articles/index.html", "articles.html", key=index_key, page_url="/articles/",
                     title="Articles", articles=cards, jsonld=self.item_list("Articles", "/articles/", cards))
        topic_cards = [self.topic_card(t) for t in topics]
        emit("topics/index.html", "topics.html", page_url="/topics/", title="Topics", topics=topic_cards,
             jsonld=self.item_list("Topics", "/topics/", topic_cards))
        if self.config.search:
            emit("search/index.html", "search.html", page_url="/search/", title="Search")
        emit("timeline/index.html", "timeline.html", page_url="/timeline/", title="Timeline",
             events=[self.event_view(e) for e in site.events])
        for name in self.config.taxonomies:
            taxonomy = site.taxonomies[name]
            if name != "topics" and not (changes and name in changes.indexes and keep(f"{name}/index.html")):
                summaries = [self.term_summary(name, t) for t in taxonomy.terms]
                emit(f"{name}/index.html", "taxonomy.html", page_url=f"/{name}/", title=TAXONOMY_TITLES[name],
                     taxonomy=name, terms=summaries,
                     jsonld=self.item_list(TAXONOMY_TITLES[name], f"/{name}/",
                                           [{"title": t["name"], "url": t["url"]} for t in summaries]))
            for term in taxonomy.terms:
                if name == "topics" and f"topics/{term.slug}" in site.pages:
                    continue  # the topic's own page lists its articles
                path = _index_path(self.term_url(name, term.slug))
                if not self.mine(path) or (changes and (name, term.slug) in changes.terms and keep(path)):
                    continue
                key = self.term_key(name, term)
                if key is not None and reuse(path, key):
                    continue
                emit(path, "term.html", key=key, page_url=self.term_url(name, term.slug), title=term.name,
                     taxonomy=name, term=self.term_view(name, term))
        emit("404.html", "404.html", page_url="/404.html", title="Page not found")
        latest = articles[: self.config.feed_limit]
        emit("feed.xml", "atom.xml", articles=[self.card(a) for a in latest],
             updated=max((a.date for a in latest if a.date), key=rfc3339, default=dt.date(1970, 1, 1)))
        if not (changes and changes.sitemap and keep("sitemap.xml")):
            emit("sitemap.xml", "sitemap.xml", urls=self.sitemap_urls(articles))
        if self.mine(""):  # the files that are not templates: the first worker's
            out.update(self.feeds(articles))
            for name, (path, data) in self.assets.items():
                out[path] = data
            out[".nojekyll"] = b""
        if cache is not None and record is not None and not self.errors.items:
            cache.memo["render"] = record  # what the next build compares with
        return out

    def has_blocks(self, page: Page) -> bool:
        """Whether a page's body holds excerpts or headlines (its HTML reads other pages)."""
        return bool(self.site.excerpts.get(page.key) or self.site.headlines.get(page.key))

    def record(self) -> tuple[Any, ...]:
        """What a build leaves for the next one to compare with (see what_changed): a digest of
        everything site-wide (templates, config, registries, term names, topic titles, excerpts,
        resolved links, citations), each page's file and front-matter digests, the terms' pages
        and the articles' order."""
        referring = sorted(set(self.site.link_maps) | set(self.site.citations))
        site_wide = digest(self.global_key, self.article_facts(), self.excerpt_facts(),
                           [(key, self.body_env(self.site.pages[key])) for key in referring])
        hashes = {key: (page.file_hash, page.meta_hash) for key, page in self.site.pages.items()}
        terms = {name: {t.slug: (t.name, t.pages) for t in taxonomy.terms}
                 for name, taxonomy in self.site.taxonomies.items()}
        return (site_wide, hashes, terms, [page.key for page in self.site.articles()])

    def what_changed(self, previous: tuple[Any, ...] | None, now: tuple[Any, ...]) -> Changes | None:
        """What changed between two builds' records, when nothing site-wide did; None otherwise
        (or with no previous record), and then every page's key is computed."""
        site_wide, hashes, terms, order = now
        if previous is None or previous[0] != site_wide or any(not h[0] or not h[1] for h in hashes.values()):
            return None
        old_hashes, old_terms, old_order = previous[1:]
        changed = {key for key, value in hashes.items() if old_hashes.get(key) != value}
        changed.update(old_hashes.keys() - hashes.keys())
        fronts = {key for key in changed if hashes.get(key, ("", ""))[1] != old_hashes.get(key, ("", ""))[1]}
        same_pages = hashes.keys() == old_hashes.keys()
        kept_terms = {(name, slug) for name, now_terms in terms.items() for slug, (title, pages) in now_terms.items()
                      if old_terms.get(name, {}).get(slug) == (title, pages) and not fronts.intersection(pages)}
        indexes = {name for name, now_terms in terms.items()
                   if _term_counts(now_terms) == _term_counts(old_terms.get(name, {}))}
        sitemap = same_pages and order == old_order and \
            all(list(now_terms) == list(old_terms.get(name, {})) for name, now_terms in terms.items())
        return Changes(changed, not fronts and same_pages, kept_terms, indexes, sitemap)

    # --- schema.org and feeds (sitegen/metadata.py) ----------------------------------
    def article_jsonld(self, page: Page, view: dict[str, Any]) -> dict[str, Any]:
        return metadata.news_article(page, view, self.abs_url, self.config.language, self.site.data.actors)

    def item_list(self, name: str, url: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        return metadata.item_list(name, url, items, self.abs_url)

    def feeds(self, articles: list[Page]) -> dict[str, bytes]:
        return {"feed.json": metadata.json_feed(self.config, articles, self.abs_url),
                "robots.txt": metadata.robots_txt(self.abs_url)}

    def sitemap_urls(self, articles: list[Page]) -> list[str]:
        return metadata.sitemap_urls(self.site, articles, self.abs_url)

    def article_facts(self) -> bytes:
        """Everything an article page reads from the rest of the site (see article_view)."""
        if self._facts is None:
            terms = {name: sorted(t.slug for t in tax.terms) for name, tax in self.site.taxonomies.items()}
            topics = {p.slug: p.title for p in self.site.section("topics")}
            self._facts = digest(terms, topics)
        return self._facts

    def topic_link(self, name: str) -> dict[str, str]:
        """An article's topic: the topic page's title when there is one, by the same slug as its URL."""
        slug = slugify(name)
        page = self.site.pages.get(f"topics/{slug}")
        return {"title": page.title if page else name, "url": f"/topics/{slug}/"}

    def topic_card(self, page: Page) -> dict[str, Any]:
        view = dict(self.card(page))
        view["excerpt_count"] = sum(1 for e in self.site.excerpts.get(page.key, []) if e)
        return view

    def article_view(self, page: Page) -> dict[str, Any]:
        view = dict(self.card(page))
        meta = page.meta
        view.update(
            actors=self.actor_links(meta["actors"]), wire=meta["wire"], original=meta["url"],
            source=meta["source"], title_note=meta["title_note"], date_note=meta["date_note"],
            outlet_note=meta["outlet_note"], url_note=meta["url_note"], notes=meta["notes"],
            stripped=meta["stripped"], ticker=meta["ticker"], ticker_note=meta["ticker_note"],
            topics=[self.topic_link(t) for t in meta["topics"]],
            cited_count=sum(len(v) for v in self.site.citations.get(page.key, {}).values()),
        )
        return view

    def topic_view(self, page: Page) -> dict[str, Any]:
        view = dict(self.card(page))
        term = self.site.taxonomies["topics"].term(page.slug) if "topics" in self.site.taxonomies else None
        view.update(
            actors=self.actor_links(page.meta["actors"]),
            events=[self.event_view(e) for e in self.site.events if e.page == page.key],
            articles=[self.card(self.site.pages[k]) for k in (term.pages if term else ())],
            sources=[self.card(self.site.pages[k]) for k in dict.fromkeys(
                e.article for e in self.site.excerpts.get(page.key, []) if e)],
        )
        return view

    def event_view(self, event: Any) -> dict[str, Any]:
        topic = self.site.pages[event.page]
        by_anchor = {e.anchor: e for e in self.site.excerpts.get(event.page, []) if e}
        sources = []
        for anchor in event.excerpts:
            excerpt = by_anchor.get(anchor)
            if excerpt:
                article = self.site.pages[excerpt.article]
                sources.append({"url": topic.url + "#" + anchor, "outlet": self.outlet_view(article),
                                "title": article.title, "paraphrase_of": article.meta["paraphrase_of"]})
        return {"date": event.date, "event": event.event, "said": event.said,
                "topic": {"title": topic.title, "url": topic.url}, "sources": sources}

    def term_view(self, taxonomy: str, term: Term) -> dict[str, Any]:
        key = (taxonomy, term.slug)
        if key not in self._terms:
            self._terms[key] = self._term_view(taxonomy, term)
        return self._terms[key]

    def term_summary(self, taxonomy: str, term: Term) -> dict[str, Any]:
        """What a taxonomy index shows of a term: no page list."""
        entry = term.entry.fields if term.entry else {}
        return {"name": term.name, "slug": term.slug, "url": self.term_url(taxonomy, term.slug),
                "count": term.count, "role": entry.get("role", ""), "kind": entry.get("kind", ""),
                "homepage": entry.get("homepage") or "", "country": entry.get("country", ""),
                "note": entry.get("note", "")}

    def listing_key(self, pages: list[Page]) -> Any:
        """The key of a page that lists these pages' cards and nothing else (the articles index):
        their card digests, kept between builds, so only a changed page's card is built."""
        if self.cache is None or not self.mine("articles/index.html"):
            return None
        cards, key = self.cache.cards, []
        for page in pages:
            memo = (page.key, page.file_hash, self.global_key)
            if memo not in cards:
                self.card(page)  # digests the card of a page with a file
            if memo not in cards:
                return None
            key.append(cards[memo])
        self.cache.used.update((page.key, page.file_hash, self.global_key) for page in pages)
        return (self.global_key, "articles.html", tuple(key))

    def term_key(self, taxonomy: str, term: Term) -> Any:
        """Everything a term page reads, without building its view (see _term_view)."""
        if self.cache is None:
            return None
        cards = tuple(self._card_ids.get(id(self.card(self.site.pages[k]))) for k in term.pages)
        if None in cards:
            return None
        return (self.global_key, taxonomy, tuple(self.term_summary(taxonomy, term).items()), cards,
                self.excerpt_facts() if taxonomy == "actors" else b"")

    def excerpt_facts(self) -> bytes:
        if self._excerpt_facts is None:
            # an actor's page lists the excerpts naming them, with each source article's card
            self._excerpt_facts = digest(sorted(
                (key, e.anchor, e.match.text, e.article, self.site.pages[key].title, self.site.pages[key].url)
                for key, found in self.site.excerpts.items() for e in found if e),
                [self.card(self.site.pages[e.article]) for found in self.site.excerpts.values() for e in found if e],
                known=self._card_ids)
        return self._excerpt_facts

    def _term_view(self, taxonomy: str, term: Term) -> dict[str, Any]:
        view = self.term_summary(taxonomy, term)
        view["pages"] = [self.card(self.site.pages[k]) for k in term.pages]
        view["excerpts"] = []
        if taxonomy == "actors":
            spellings = (term.name, *(term.entry.aliases if term.entry else ()))
            for key, found in self.site.excerpts.items():
                for excerpt in found:
                    if excerpt and any(s in excerpt.match.text for s in spellings):
                        article = self.site.pages[excerpt.article]
                        view["excerpts"].append({"quote": excerpt.match.text,
                                                 "url": self.site.pages[key].url + "#" + excerpt.anchor,
                                                 "topic": self.site.pages[key].title, "article": self.card(article)})
        return view



def _index_path(url: str) -> str:
    return url.strip("/") + "/index.html"


def template_error_location(exc: jinja2.TemplateError, fallback: str, dirs: tuple[Path, ...],
                            root: Path) -> tuple[str, int | None, str, str]:
    """(path, line, message, hint) for a Jinja error, pointing into the template file."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or fallback
    line = getattr(exc, "lineno", None)
    # runtime errors (an undefined variable) carry no line: Jinja rewrites the
    # traceback so that template frames show the template file and line
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(str(d)) for d in dirs):
            name, line = filename, tb.tb_lineno
        tb = tb.tb_next
    path = Path(name)
    if not path.is_absolute():
        for folder in dirs:
            if (folder / name).is_file():
                path = folder / name
                break
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(path)
    message = str(exc.message if getattr(exc, "message", None) else exc)
    hint = "check the variable's name; every page kind's context is listed in the README" \
        if isinstance(exc, jinja2.UndefinedError) else ""
    return shown, line, message, hint


def record_site(site: Site, md: MarkdownIt, cache: BuildCache) -> None:
    """After a build rendered in parallel workers (which gathered their render keys into the
    cache): record what the next build compares with, as a serial build does at its end."""
    errors = Errors()
    theme = find_theme(site, errors)
    if theme is None:
        return
    cache.memo["render"] = Renderer(site, md, theme, errors, cache).record()


def render_site(site: Site, md: MarkdownIt, errors: Errors, cache: BuildCache | None = None,
                share: tuple[int, int] | None = None, out: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """{output path: bytes}; ``share`` (index, count) renders one worker's part; ``out`` is the
    mapping the files are added to (a parallel worker's writes each file as it comes)."""
    theme = find_theme(site, errors)
    if theme is None:
        return {} if out is None else out
    renderer = Renderer(site, md, theme, errors, cache, share)
    return renderer.render_all(out)


"""A synthetic briefing corpus, the same content laid out for sitegen, Hugo and Pelican.

Two shapes, deterministic from a seed (article i is the same whatever N):

- ``news`` (the default): what a briefing's sources look like. Long headlines (12–20 words),
  typographic quotes and apostrophes, 8–14 paragraphs with two to four inline links each
  (outside addresses with query strings; a quarter link to another article or a topic page,
  each generator's own checked form: ``x.md`` for sitegen, ``relref`` for Hugo, ``{filename}``
  for Pelican), *emphasis* and **strong**, ``##`` subheads, block quotes, bulleted and numbered
  lists; 340 actors (people with a surname alias, organisations, countries) and 25 outlets in
  sitegen's registries, 40 topics with a page each, a summary and the original's URL per
  article. Hugo gets the page kinds sitegen builds (a page per article, term pages and term
  lists for actors, outlets and topics, an RSS feed per term, the home page, a sitemap,
  robots.txt) through a minimal set of layouts written here; Pelican, its default theme with
  Atom feeds per tag, category and author.
- ``simple``: the corpus of the earlier figures (6–12 plain paragraphs of 40–90 words, one
  emphasis and one link in a few of them, 120 actors, 40 topics, 20 outlets, no registries).

    python bench/corpus.py --articles 4000 --out /tmp/corpus-4000 [--shape news|simple]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import unicodedata
from pathlib import Path

SHAPES = ("news", "simple")


# --- the simple shape: the corpus of the figures before the news shape ----------------------------

WORDS = ("talks minister summit ceasefire sanctions envoy delegation agreement resolution assembly "
         "kremlin washington kyiv moscow security guarantees minerals proposal statement officials "
         "negotiations frontline territory alliance membership peace conflict ambassador deputy foreign "
         "president meeting week monday tuesday wednesday thursday friday said reported according sources "
         "council vote draft amendment withdrawal forces border economic ties embassies staffing").split()
OUTLETS = ["Guardian", "Reuters", "Xinhua", "TheJournal", "Politico", "Axios", "AP", "AFP", "BBC", "Kyiv Independent",
           "Le Monde", "Der Spiegel", "NHK", "Al Jazeera", "El País", "Corriere", "Bloomberg", "FT", "WSJ", "NYT"]
ACTORS = [f"Actor {chr(65 + i // 10)}{i % 10}" for i in range(120)]
TOPICS = [f"topic-{i:02d}" for i in range(40)]


def article(rng: random.Random, index: int) -> dict:
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(300))
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        words[0] = words[0].capitalize()
        if rng.random() < 0.3:
            at = rng.randrange(5, len(words) - 5)
            words[at] = f"*{words[at]}*"
        if rng.random() < 0.2:
            at = rng.randrange(5, len(words) - 5)
            words[at] = f"[{words[at]}](https://example.org/{index})"
        paragraphs.append(" ".join(words) + ".")
    return {
        "slug": f"article-{index:05d}",
        "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize(),
        "date": date,
        "outlet": rng.choice(OUTLETS),
        "actors": sorted(rng.sample(ACTORS, rng.randint(2, 5))),
        "topics": sorted(rng.sample(TOPICS, rng.randint(1, 3))),
        "body": "\n\n".join(paragraphs) + "\n",
    }


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _write_sitegen_simple(root: Path, items: list[dict]) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "sitegen.yaml").write_text("title: Bench briefing\nbase_url: https://example.org/\n"
                                       "theme: briefing\n")
    for a in items:
        (root / "content" / "articles" / f"{a['slug']}.md").write_text(
            f"---\ntitle: \"{a['title']}\"\ndate: {a['date']}\noutlet: \"{a['outlet']}\"\n"
            f"actors: {_yaml_list(a['actors'])}\ntopics: {_yaml_list(a['topics'])}\n---\n{a['body']}")


HUGO_LAYOUTS = {
    "baseof.html": '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                   '</head><body><nav><a href="{{ "/" | relURL }}">Home</a></nav><main>{{ block "main" . }}'
                   '{{ end }}</main></body></html>',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }} · '
                   '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>'
                   '<p>{{ range .GetTerms "actors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>'
                   '{{ .Content }}</article>{{ end }}',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                 '{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ end }}',
    "terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li>'
                  '<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}',
    "home.html": '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 10 .Site.RegularPages }}<li>'
                 '<a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}',
}


def _write_hugo_simple(root: Path, items: list[dict]) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench briefing"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
        '[taxonomies]\n  actor = "actors"\n  outlet = "outlets"\n  topic = "topics"\n'
        '[markup.goldmark.extensions.typographer]\n  disable = true\n')
    for name, text in HUGO_LAYOUTS.items():
        folder = root / "layouts" / "_default"
        (folder / name).write_text(text)
    (root / "layouts" / "index.html").write_text(HUGO_LAYOUTS["home.html"].replace("define \"main\"", "define \"main\""))
    (root / "layouts" / "_default" / "home.html").unlink()
    (root / "layouts" / "index.html").write_text('{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}')
    for a in items:
        (root / "content" / "articles" / f"{a['slug']}.md").write_text(
            f"---\ntitle: \"{a['title']}\"\ndate: {a['date']}\noutlets: [\"{a['outlet']}\"]\noutlet: \"{a['outlet']}\"\n"
            f"actors: {_yaml_list(a['actors'])}\ntopics: {_yaml_list(a['topics'])}\n---\n{a['body']}")


def _write_pelican_simple(root: Path, items: list[dict]) -> None:
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Bench briefing"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = False\nDELETE_OUTPUT_DIRECTORY = True\n"
        "ARTICLE_URL = 'articles/{slug}/'\nARTICLE_SAVE_AS = 'articles/{slug}/index.html'\n"
        "TAG_URL = 'actors/{slug}/'\nTAG_SAVE_AS = 'actors/{slug}/index.html'\n"
        "CATEGORY_URL = 'outlets/{slug}/'\nCATEGORY_SAVE_AS = 'outlets/{slug}/index.html'\n"
        "AUTHOR_URL = 'topics/{slug}/'\nAUTHOR_SAVE_AS = 'topics/{slug}/index.html'\n")
    for a in items:
        (root / "content" / f"{a['slug']}.md").write_text(
            f"Title: {a['title']}\nDate: {a['date']}\nCategory: {a['outlet']}\nTags: {', '.join(a['actors'])}\n"
            f"Authors: {', '.join(a['topics'])}\nSlug: {a['slug']}\n\n{a['body']}")


# --- the news shape: what a briefing's sources look like ------------------------------------------

FIRST_NAMES = ("Anna Boris Carmen Dmytro Elena Farid Greta Hassan Ingrid Jonas Katarzyna Luis Mariam Nikolai "
               "Olena Pavel Quentin Rania Sergei Tomasz Ursula Viktor Wen Yusuf Zofia Ahmed Beatriz Claire "
               "Daniel Emma Fatima Giorgi Hanna Ivan Julia Kemal Lena Marco Nadia Oleksandr").split()
SURNAME_HEADS = "Ab Bel Kor Dan Fer Gal Har Iv Jan Kal Lev Mar Nov Or Pet Ros Sal Tar Vol Zel".split()
SURNAME_TAILS = "enko ov ova ski mann son ez elli ani ström escu ić oglu berg ard".split()
OFFICES = ("foreign minister", "defence minister", "prime minister", "president", "deputy foreign minister",
           "ambassador to the UN", "national security adviser", "spokesperson", "envoy", "finance minister",
           "energy minister", "opposition leader", "central bank governor", "chief negotiator", "mayor")
COUNTRIES = ("United States", "Russia", "Ukraine", "China", "France", "Germany", "United Kingdom", "Poland",
             "Turkey", "Hungary", "Saudi Arabia", "Qatar", "India", "Brazil", "Japan", "Italy", "Spain",
             "Romania", "Moldova", "Georgia", "Belarus", "Finland", "Sweden", "Norway", "Estonia", "Latvia",
             "Lithuania", "Slovakia", "Czech Republic", "Bulgaria", "Greece", "Egypt", "Iran", "Israel",
             "South Africa", "Canada", "Australia", "Switzerland", "Austria", "Kazakhstan")
ORGANISATIONS = ("NATO", "European Union", "United Nations", "UN Security Council", "UN General Assembly",
                 "International Atomic Energy Agency", "International Monetary Fund", "World Bank", "G7", "G20",
                 "OSCE", "Council of Europe", "European Commission", "European Parliament", "The Kremlin",
                 "White House", "State Department", "Pentagon", "Gazprom", "Naftogaz", "Red Cross",
                 "International Criminal Court", "World Food Programme", "UNHCR", "Amnesty International",
                 "Human Rights Watch", "Wagner Group", "Rosatom", "Ukrenergo", "Black Sea Fleet", "BRICS",
                 "African Union", "Arab League", "OPEC", "European Central Bank", "Federal Reserve",
                 "Bundestag", "State Duma", "Verkhovna Rada", "US Senate")
OUTLET_REGISTRY: tuple[tuple[str, str, str, list[str]], ...] = (  # name, homepage's host, country, aliases
    ("Reuters", "reuters.com", "United Kingdom", ["Thomson Reuters"]),
    ("Associated Press", "apnews.com", "United States", ["AP"]),
    ("Agence France-Presse", "afp.com", "France", ["AFP"]),
    ("BBC News", "bbc.co.uk", "United Kingdom", ["BBC"]),
    ("The Guardian", "theguardian.com", "United Kingdom", ["Guardian"]),
    ("The New York Times", "nytimes.com", "United States", ["NYT"]),
    ("The Washington Post", "washingtonpost.com", "United States", []),
    ("Financial Times", "ft.com", "United Kingdom", ["FT"]),
    ("The Wall Street Journal", "wsj.com", "United States", ["WSJ"]),
    ("Bloomberg", "bloomberg.com", "United States", []),
    ("Politico Europe", "politico.eu", "Belgium", ["Politico"]),
    ("Axios", "axios.com", "United States", []),
    ("Le Monde", "lemonde.fr", "France", []),
    ("Der Spiegel", "spiegel.de", "Germany", ["Spiegel"]),
    ("El País", "elpais.com", "Spain", []),
    ("Corriere della Sera", "corriere.it", "Italy", ["Corriere"]),
    ("Kyiv Independent", "kyivindependent.com", "Ukraine", []),
    ("Meduza", "meduza.io", "Latvia", []),
    ("TASS", "tass.com", "Russia", []),
    ("Xinhua", "news.cn", "China", ["Xinhua News Agency"]),
    ("Al Jazeera", "aljazeera.com", "Qatar", []),
    ("NHK World", "nhk.or.jp", "Japan", ["NHK"]),
    ("TheJournal.ie", "thejournal.ie", "Ireland", []),
    ("Deutsche Welle", "dw.com", "Germany", ["DW"]),
    ("Notes from Poland", "notesfrompoland.com", "Poland", []),
)
TOPIC_TITLES = ("Ceasefire talks", "Black Sea shipping", "Energy prices", "Grain exports", "Sanctions on banks",
                "Prisoner exchanges", "Nuclear plant safety", "Refugees", "Arms deliveries", "Reconstruction funds",
                "The minerals deal", "NATO membership", "EU accession", "UN resolutions", "Frozen assets",
                "A peacekeeping force", "Air defence", "Drone strikes", "Border crossings", "Gas transit",
                "The oil price cap", "War crimes inquiries", "Humanitarian corridors", "Election timetables",
                "Martial law", "Mobilisation", "Cyber attacks", "Disinformation", "Trade tariffs",
                "Shipping insurance", "Fertiliser exports", "Debt restructuring", "Security guarantees",
                "Summit diplomacy", "Embassy staffing", "Territorial claims", "Children’s returns",
                "Mine clearance", "Power grid repairs", "Press freedom")
NEWS_WORDS = (tuple(WORDS) + tuple(
    "officials delegation negotiators proposal framework deadline guarantee withdrawal talks round capital "
    "statement spokesman briefing reporters interview agreement draft text clause annex memorandum envoys "
    "summit meeting phone call visit trip delegation parliament vote budget package tranche loan aid weapons "
    "missiles drones shells artillery tanks jets convoy port terminal pipeline grid plant reactor corridor "
    "exports imports tariffs prices markets investors shares currency inflation economy growth recession "
    "sources diplomats analysts observers critics supporters allies partners neighbours region front line "
    "villages cities residents families children hospitals schools shelters winter spring summer autumn "
    "earlier later yesterday overnight morning evening weekend months years decades first second third "
    "major minor key senior junior former current new old fresh further broader narrower tougher softer "
    "would could should might must may will can did has have had was were is are be been being not also "
    "still already again only just even however meanwhile although because while after before during "
    "since until without within between against toward across among around over under into onto".split()))
CONTRACTIONS = ("didn’t", "won’t", "it’s", "wasn’t", "couldn’t", "isn’t", "we’re", "they’re", "that’s", "hasn’t")
SECTIONS = ("world", "world/europe", "news/world-europe", "politics", "business", "international", "en/europe")


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (for URLs of the outside world and topic slugs)."""
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
                  .decode().lower()).strip("-")


def _registries() -> tuple[list[dict], list[dict], list[dict]]:
    """(actors, outlets, topics) of the news shape: 340 actors, 25 outlets, 40 topics; fixed."""
    rng = random.Random(4242)
    surnames = [h + t for h in SURNAME_HEADS for t in SURNAME_TAILS]
    rng.shuffle(surnames)
    actors = []
    for i, surname in enumerate(surnames[:260]):
        country = COUNTRIES[i % len(COUNTRIES)]
        actors.append({"name": f"{FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]} {surname}", "aliases": [surname],
                       "role": f"{country}’s {OFFICES[i % len(OFFICES)]}", "kind": "person", "short": surname})
    actors += [{"name": name, "aliases": [], "role": "", "kind": "organisation", "short": name}
               for name in ORGANISATIONS]
    actors += [{"name": name, "aliases": [], "role": "", "kind": "country", "short": name} for name in COUNTRIES]
    outlets = [{"name": name, "aliases": aliases, "homepage": f"https://www.{host}/", "host": host,
                "country": country} for name, host, country, aliases in OUTLET_REGISTRY]
    topics = []
    for i, title in enumerate(TOPIC_TITLES):
        topics.append({"slug": _slug(title.removeprefix("The ").removeprefix("A ")), "title": title,
                       "actors": sorted(str(a["name"]) for a in rng.sample(actors, 3)), "weight": i % 5,
                       "summary": f"What the reports say about {title[0].lower() + title[1:]}, and who says it."})
    return actors, outlets, topics


NEWS_ACTORS, NEWS_OUTLETS, NEWS_TOPICS = _registries()


class _Writer:
    """Words of news copy: sentences with names, quotes, apostrophes, links and emphasis."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng, self.index = rng, index

    def name(self) -> str:
        actor = self.rng.choice(NEWS_ACTORS)
        return actor["name"] if self.rng.random() < 0.5 else actor["short"]

    def words(self, low: int, high: int) -> list[str]:
        rng = self.rng
        words = [rng.choice(NEWS_WORDS) for _ in range(rng.randint(low, high))]
        for _ in range(rng.randint(0, 2)):
            words.insert(rng.randrange(len(words) + 1), self.name())
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(CONTRACTIONS)
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), self.name() + "’s")
        return words

    def sentence(self) -> list[str]:
        rng = self.rng
        words = self.words(8, 24)
        words[0] = words[0][0].upper() + words[0][1:]
        if rng.random() < 0.3:  # a quote: “Words,” Name said.
            return ["“" + words[0], *words[1:-1], words[-1] + ",”", *self.name().split(),
                    rng.choice(("said.", "told reporters.", "wrote on X.", "added."))]
        if rng.random() < 0.2:  # a few words quoted inside the sentence
            at = rng.randrange(1, len(words))
            span = min(len(words) - at, rng.randint(1, 4))
            words[at] = "“" + words[at]
            words[at + span - 1] += "”"
        words[-1] += rng.choice((".", ".", ".", "?", ";")) if len(words) > 10 else "."
        if words[-1].endswith(";"):
            words += self.words(4, 10)
            words[-1] += "."
        return words

    def url(self) -> str:
        """An outside address, mostly an outlet's report, with a query string."""
        rng = self.rng
        outlet = rng.choice(NEWS_OUTLETS)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
        slug = "-".join(_slug(rng.choice(NEWS_WORDS)) or "x" for _ in range(rng.randint(4, 9)))
        form = rng.randrange(4)
        if form == 0:
            return (f"https://www.{outlet['host']}/{rng.choice(SECTIONS)}/{day:%Y/%m/%d}/{slug}/"
                    f"?utm_source=briefing&utm_medium=referral&utm_campaign=c{rng.randrange(999)}")
        if form == 1:
            return f"https://www.{outlet['host']}/{rng.choice(SECTIONS)}/{slug}-{rng.randrange(10**7, 10**8)}?ref=rss"
        if form == 2:
            return (f"https://{outlet['host']}/news/{day:%Y%m%d}/{slug}.html?page={rng.randint(2, 5)}"
                    f"&lang=en&id={rng.randrange(10**5)}")
        return (f"https://www.{rng.choice(('un.org', 'europa.eu', 'state.gov', 'kremlin.ru', 'president.gov.ua'))}"
                f"/en/press/{day:%Y-%m}/{slug}?query={rng.choice(NEWS_WORDS)}+{rng.choice(NEWS_WORDS)}&format=html")

    def internal(self) -> str:
        """A link to another page of the site, as a marker each layout writes its own way."""
        rng = self.rng
        if self.index and rng.random() < 0.7:
            return f"⟦article:article-{rng.randrange(self.index):05d}⟧"
        return f"⟦topic:{rng.choice(NEWS_TOPICS)['slug']}⟧"

    def mark(self, words: list[str], links: tuple[int, int]) -> str:
        """The words with links (a quarter of them internal), *emphasis* and **strong** on spans
        that do not overlap."""
        rng = self.rng
        taken = [False] * len(words)
        spans = [("link", n) for n in range(rng.randint(*links))]
        if rng.random() < 0.4:
            spans.append(("em", 0))
        if rng.random() < 0.25:
            spans.append(("strong", 0))
        for kind, _ in spans:
            for _attempt in range(6):
                length = rng.randint(1, 4 if kind == "link" else 3)
                start = rng.randrange(max(1, len(words) - length))
                end = min(start + length, len(words))
                if any(taken[start:end]) or any(c in w for w in words[start:end] for c in "“”"):
                    continue
                for i in range(start, end):
                    taken[i] = True
                tail = ""
                if words[end - 1][-1] in ".,;?":
                    words[end - 1], tail = words[end - 1][:-1], words[end - 1][-1]
                if kind == "link":
                    target = self.internal() if rng.random() < 0.25 else self.url()
                    words[start] = "[" + words[start]
                    words[end - 1] += f"]({target}){tail}"
                else:
                    stars = "*" if kind == "em" else "**"
                    words[start] = stars + words[start]
                    words[end - 1] += stars + tail
                break
        return " ".join(words)

    def paragraph(self, sentences: tuple[int, int] = (2, 5), links: tuple[int, int] = (2, 4)) -> str:
        words = [w for _ in range(self.rng.randint(*sentences)) for w in self.sentence()]
        return self.mark(words, links)

    def title(self) -> str:
        rng = self.rng
        while True:
            words = self.words(10, 16)
            if rng.random() < 0.4:
                at = rng.randrange(2, len(words))
                span = min(len(words) - at, rng.randint(2, 4))
                words[at] = "“" + words[at]
                words[at + span - 1] += "”"
            text = " ".join(words)
            if 12 <= len(text.split()) <= 20:
                return text[0].upper() + text[1:]

    def body(self) -> str:
        rng = self.rng
        blocks = [self.paragraph((3, 5))]
        count = rng.randint(7, 13)
        extras = {rng.randrange(2, count): "quote"} if rng.random() < 0.5 else {}
        if rng.random() < 0.35:
            extras.setdefault(rng.randrange(2, count), "bullets")
        if rng.random() < 0.2:
            extras.setdefault(rng.randrange(2, count), "numbers")
        for n in range(1, count):
            if n % rng.randint(3, 5) == 0:
                words = self.words(3, 7)
                blocks.append("## " + words[0][0].upper() + " ".join(words)[1:])
            kind = extras.get(n)
            if kind == "quote":
                blocks.append("> " + self.paragraph((1, 3), (0, 1)))
            elif kind in ("bullets", "numbers"):
                items = [self.mark(self.sentence(), (0, 1)) for _ in range(rng.randint(3, 6))]
                blocks.append("\n".join(f"{'-' if kind == 'bullets' else f'{i}.'} {item}"
                                        for i, item in enumerate(items, 1)))
            blocks.append(self.paragraph())
        return "\n\n".join(blocks) + "\n"


def news_article(rng: random.Random, index: int) -> dict:
    writer = _Writer(rng, index)
    title = writer.title()
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    date = day.isoformat()
    if rng.random() < 0.4:
        date += f"T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}:00{rng.choice(('+00:00', '+01:00', '+02:00', '-05:00'))}"
    outlet = rng.choice(NEWS_OUTLETS)
    summary = " ".join(writer.sentence())
    actors = sorted({a["name"] for a in rng.sample(NEWS_ACTORS, rng.randint(3, 8))})
    return {
        "shape": "news",
        "slug": f"article-{index:05d}",
        "title": title,
        "date": date,
        "outlet": outlet["name"],
        "url": f"https://www.{outlet['host']}/{rng.choice(SECTIONS)}/{day:%Y/%m/%d}/{_slug(title)[:80].strip('-')}",
        "wire": rng.sample(["Reuters", "AFP", "Associated Press"], rng.randint(1, 2)) if rng.random() < 0.15 else [],
        "summary": summary,
        "actors": actors,
        "topics": sorted({t["slug"] for t in rng.sample(NEWS_TOPICS, rng.randint(1, 4))}),
        "body": writer.body(),
    }


def topic_body(topic: dict) -> str:
    """A topic page's introduction: two paragraphs, deterministic from the topic."""
    writer = _Writer(random.Random(topic["slug"]), 0)
    return "\n\n".join(writer.paragraph((2, 4), (1, 2)) for _ in range(2)) + "\n"


_MARKER = re.compile(r"⟦(article|topic):([a-z0-9-]+)⟧")
LINKS = {  # how each layout writes a link to another page of the site: its own checked form
    "sitegen": {"article": "{}.md", "topic": "../topics/{}.md"},
    "hugo": {"article": '{{{{< relref "/articles/{}" >}}}}', "topic": '{{{{< relref "/topics/{}" >}}}}'},
    "pelican": {"article": "{{filename}}{}.md", "topic": "/topics/{}/"},
}


def _links(text: str, tool: str) -> str:
    forms = LINKS[tool]
    return _MARKER.sub(lambda m: forms[m[1]].format(m[2]), text)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _qlist(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _write_sitegen_news(root: Path, items: list[dict]) -> None:
    for folder in ("content/articles", "content/topics", "data"):
        (root / folder).mkdir(parents=True)
    (root / "sitegen.yaml").write_text(
        'title: "Bench briefing: the news"\ndescription: "A synthetic briefing of news reports, for timing builds."\n'
        "base_url: https://example.org/\ntheme: briefing\ntaxonomies: [actors, outlets, topics]\n"
        "author: Bench desk\nfeed_limit: 50\n", encoding="utf-8")
    (root / "data" / "actors.yaml").write_text("".join(
        f"- name: {_q(a['name'])}\n  aliases: {_qlist(a['aliases'])}\n"
        + (f"  role: {_q(a['role'])}\n" if a["role"] else "") + f"  kind: {a['kind']}\n"
        for a in NEWS_ACTORS), encoding="utf-8")
    (root / "data" / "outlets.yaml").write_text("".join(
        f"- name: {_q(o['name'])}\n  aliases: {_qlist(o['aliases'])}\n  homepage: {o['homepage']}\n"
        f"  country: {_q(o['country'])}\n" for o in NEWS_OUTLETS), encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "---\ntitle: Home\n---\nThe newest reports, and the topics they bear on.\n", encoding="utf-8")
    for t in NEWS_TOPICS:
        (root / "content" / "topics" / f"{t['slug']}.md").write_text(
            f"---\ntitle: {_q(t['title'])}\nsummary: {_q(t['summary'])}\nactors: {_qlist(t['actors'])}\n"
            f"weight: {t['weight']}\n---\n{_links(topic_body(t), 'sitegen')}", encoding="utf-8")
    for a in items:
        (root / "content" / "articles" / f"{a['slug']}.md").write_text(
            f"---\ntitle: {_q(a['title'])}\ndate: {a['date']}\noutlet: {_q(a['outlet'])}\nurl: {a['url']}\n"
            + (f"wire: {_qlist(a['wire'])}\n" if a["wire"] else "")
            + f"summary: {_q(a['summary'])}\nactors: {_qlist(a['actors'])}\ntopics: {_qlist(a['topics'])}\n"
            f"---\n{_links(a['body'], 'sitegen')}", encoding="utf-8")


HUGO_NEWS_LAYOUTS = {
    "baseof.html":
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>'
        '{{ with or .Description .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}'
        '<link rel="canonical" href="{{ .Permalink }}">'
        '{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" '
        'href="{{ .Permalink }}">{{ end }}</head><body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>'
        '<nav><a href="{{ "/articles/" | relURL }}">Articles</a> <a href="{{ "/topics/" | relURL }}">Topics</a> '
        '<a href="{{ "/actors/" | relURL }}">Actors</a> <a href="{{ "/outlets/" | relURL }}">Outlets</a></nav>'
        '</header><main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Params.author }}</footer></body></html>',
    "_partials/card.html":
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Params.outlet }}</span> '
        '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>'
        '{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>',
    "home.html":
        '{{ define "main" }}<h1>{{ site.Title }}</h1>{{ .Content }}<h2>Newest reports</h2><ul>'
        '{{ range first 20 (where site.RegularPages "Section" "articles") }}{{ partial "card.html" . }}{{ end }}</ul>'
        '<h2>Topics</h2><ul>{{ range site.Taxonomies.topics.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">'
        '{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}',
    "single.html":
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ range .GetTerms "outlets" }}'
        '<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }} · <time datetime="{{ .Date.Format "2006-01-02" }}">'
        '{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.wire }} · {{ delimit . ", " }}{{ end }}</p>'
        '{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}'
        '<p>Actors: {{ range .GetTerms "actors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>'
        '<p>Topics: {{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>'
        '{{ with .Params.original }}<p><a href="{{ . }}">The original</a></p>{{ end }}{{ .Content }}</article>{{ end }}',
    "list.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}{{ partial "card.html" . }}'
        '{{ end }}</ul>{{ end }}',
    "term.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ with .OutputFormats.Get "rss" }}'
        '<p><a href="{{ .RelPermalink }}">Follow as a feed</a></p>{{ end }}<ul>{{ range .Pages }}'
        '{{ partial "card.html" . }}{{ end }}</ul>{{ end }}',
    "taxonomy.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li>'
        '<a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}',
}


def _write_hugo_news(root: Path, items: list[dict]) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "layouts" / "_partials").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench briefing: the news"\nenableRobotsTXT = true\n'
        '[params]\n  author = "Bench desk"\n[taxonomies]\n  actor = "actors"\n  outlet = "outlets"\n  topic = "topics"\n'
        '[services.rss]\n  limit = 50\n[markup.goldmark.extensions.typographer]\n  disable = true\n', encoding="utf-8")
    for name, text in HUGO_NEWS_LAYOUTS.items():
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    (root / "content" / "_index.md").write_text(
        "---\ntitle: Home\n---\nThe newest reports, and the topics they bear on.\n", encoding="utf-8")
    (root / "content" / "articles" / "_index.md").write_text("---\ntitle: Articles\n---\n", encoding="utf-8")
    for t in NEWS_TOPICS:
        (root / "content" / "topics" / t["slug"]).mkdir(parents=True)
        (root / "content" / "topics" / t["slug"] / "_index.md").write_text(
            f"---\ntitle: {_q(t['title'])}\nsummary: {_q(t['summary'])}\n---\n{_links(topic_body(t), 'hugo')}",
            encoding="utf-8")
    for a in items:
        (root / "content" / "articles" / f"{a['slug']}.md").write_text(
            f"---\ntitle: {_q(a['title'])}\ndate: {a['date']}\noutlet: {_q(a['outlet'])}\n"
            f"outlets: [{_q(a['outlet'])}]\noriginal: {a['url']}\n" + (f"wire: {_qlist(a['wire'])}\n" if a["wire"] else "")
            + f"summary: {_q(a['summary'])}\nactors: {_qlist(a['actors'])}\ntopics: {_qlist(a['topics'])}\n"
            f"---\n{_links(a['body'], 'hugo')}", encoding="utf-8")


def _write_pelican_news(root: Path, items: list[dict]) -> None:
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Bench briefing: the news"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nDEFAULT_PAGINATION = False\nDELETE_OUTPUT_DIRECTORY = True\nFEED_MAX_ITEMS = 50\n'
        "FEED_ALL_ATOM = 'feed.xml'\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        "TAG_FEED_ATOM = 'actors/{slug}/feed.xml'\nCATEGORY_FEED_ATOM = 'outlets/{slug}/feed.xml'\n"
        "AUTHOR_FEED_ATOM = 'topics/{slug}/feed.xml'\n"
        "ARTICLE_URL = 'articles/{slug}/'\nARTICLE_SAVE_AS = 'articles/{slug}/index.html'\n"
        "TAG_URL = 'actors/{slug}/'\nTAG_SAVE_AS = 'actors/{slug}/index.html'\n"
        "CATEGORY_URL = 'outlets/{slug}/'\nCATEGORY_SAVE_AS = 'outlets/{slug}/index.html'\n"
        "AUTHOR_URL = 'topics/{slug}/'\nAUTHOR_SAVE_AS = 'topics/{slug}/index.html'\n", encoding="utf-8")
    for a in items:
        (root / "content" / f"{a['slug']}.md").write_text(
            f"Title: {a['title']}\nDate: {a['date'].replace('T', ' ')}\nCategory: {a['outlet']}\n"
            f"Tags: {', '.join(a['actors'])}\nAuthors: {', '.join(a['topics'])}\nSlug: {a['slug']}\n"
            f"Summary: {a['summary']}\nOriginal: {a['url']}\n\n{_links(a['body'], 'pelican')}", encoding="utf-8")


# --- both shapes ----------------------------------------------------------------------------------

def articles(n: int, seed: int = 2025, shape: str = "news") -> list[dict]:
    """N articles of one shape; article i is the same for every N."""
    rng = random.Random(seed)
    if shape == "simple":
        return [article(rng, i) for i in range(n)]
    if shape == "news":
        return [news_article(rng, i) for i in range(n)]
    raise ValueError(f"unknown shape {shape!r}: {', '.join(SHAPES)}")


def _shape(items: list[dict]) -> str:
    return items[0].get("shape", "simple") if items else "news"


def write_sitegen(root: Path, items: list[dict]) -> None:
    (_write_sitegen_news if _shape(items) == "news" else _write_sitegen_simple)(root, items)


def write_hugo(root: Path, items: list[dict]) -> None:
    (_write_hugo_news if _shape(items) == "news" else _write_hugo_simple)(root, items)


def write_pelican(root: Path, items: list[dict]) -> None:
    (_write_pelican_news if _shape(items) == "news" else _write_pelican_simple)(root, items)


WRITERS = {"sitegen": write_sitegen, "hugo": write_hugo, "pelican": write_pelican}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--shape", choices=SHAPES, default="news")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tools", default="sitegen,hugo,pelican")
    args = parser.parse_args()
    items = articles(args.articles, args.seed, args.shape)
    for tool in args.tools.split(","):
        target = args.out / tool
        if target.exists():
            shutil.rmtree(target)
        WRITERS[tool](target, items)
    print(f"wrote {args.articles} {args.shape} articles for {args.tools} under {args.out}")


if __name__ == "__main__":
    main()

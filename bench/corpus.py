"""A synthetic briefing corpus, the same content laid out for sitegen, Hugo and Pelican.

N articles with title, date, outlet, actors and topics, 6–12 paragraphs of Markdown each,
deterministic from a seed. Every generator builds one page per article and per taxonomy
term, and a home page.

    python bench/corpus.py --articles 4000 --out /tmp/corpus-4000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

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


def articles(n: int, seed: int = 2025) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, i) for i in range(n)]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def write_sitegen(root: Path, items: list[dict]) -> None:
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


def write_hugo(root: Path, items: list[dict]) -> None:
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


def write_pelican(root: Path, items: list[dict]) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tools", default="sitegen,hugo,pelican")
    args = parser.parse_args()
    items = articles(args.articles, args.seed)
    writers = {"sitegen": write_sitegen, "hugo": write_hugo, "pelican": write_pelican}
    for tool in args.tools.split(","):
        target = args.out / tool
        if target.exists():
            shutil.rmtree(target)
        writers[tool](target, items)
    print(f"wrote {args.articles} articles for {args.tools} under {args.out}")


if __name__ == "__main__":
    main()

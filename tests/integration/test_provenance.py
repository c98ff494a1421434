"""Provenance wherever a source's words, headline or date appear (issue 15): headlines the outlet
did not write are marked, machine translations and paraphrased copies cautioned, a copy's date
kept apart from its original's; the ticker shown only where quoted; archived originals as Robust
Links; a topic's coverage counting shared copy once (issue 17.5). Built on tests/sites/living/."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import SITES, fails_cleanly
from tests.integration.living import (EDITOR, PARAPHRASED, PUBLISHED, TITLES, TRANSLATED, UNCONFIRMED, build_living,
                                      built_living, cards, excerpt_figures, figure_article, html, jsonld, key_of,
                                      section, text, theme_words)

MARKED = (EDITOR, UNCONFIRMED)
CAUTIONED = (TRANSLATED, PARAPHRASED)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_living(tmp_path_factory)


def listings(out):
    """Every listing that shows article cards: (page, the part of it that lists them)."""
    articles = html(out, "articles/index.html")
    home = html(out, "index.html")
    topic = html(out, "topics/geneva-talks/index.html")
    return {"articles index": articles, "home": home, "outlet page": html(out, "outlets/valley-gazette/index.html"),
            "actor page": html(out, "actors/anna-berg/index.html"),
            "actor page (Petrov)": html(out, "actors/marko-petrov/index.html"),
            "topic's sources": section(topic, "Sources quoted here"),
            "other topic's sources": section(html(out, "topics/sanctions-relief/index.html"), "Sources quoted here")}


def all_cards(out):
    found = []
    for where, page in listings(out).items():
        for key, card in cards(page).items():
            found.append((where, key, card))
    return found


# --- headline provenance (title_kind) ------------------------------------------------------------

def test_the_theme_marks_editor_and_unconfirmed_headlines_in_its_own_words():
    assert theme_words("title_mark", EDITOR) == "headline written by the editor"
    assert theme_words("title_mark", UNCONFIRMED) == "headline unconfirmed"
    assert theme_words("title_mark", PUBLISHED[0]) == ""


@pytest.mark.parametrize("key", MARKED)
def test_a_headline_the_outlet_did_not_write_is_marked_in_the_articles_h1(out, key):
    h1 = html(out, f"{key}/index.html").find("h1")
    assert text(h1) == f"{TITLES[key]} ({theme_words('title_mark', key)})"
    assert text(h1.find(class_="title-mark")) == f"({theme_words('title_mark', key)})"


def test_a_marked_headline_is_marked_on_every_card(out):
    seen = set()
    for where, key, card in all_cards(out):
        title = text(card.select_one("a.card-title"))
        if key in MARKED:
            assert title == f"{TITLES[key]} ({theme_words('title_mark', key)})", (where, key)
            seen.add((where, key))
        else:
            assert title == TITLES[key], (where, key)
            assert card.find(class_="title-mark") is None, (where, key)
    # each listing shows a marked card: the articles index, home, term pages and the topic's sources
    assert {where for where, _ in seen} == {"articles index", "home", "outlet page", "actor page",
                                            "actor page (Petrov)", "topic's sources"}


def test_a_marked_headline_is_marked_in_every_excerpt_caption(out):
    figures = {}
    for topic in ("geneva-talks", "sanctions-relief"):
        figures.update(excerpt_figures(html(out, f"topics/{topic}/index.html")))
    assert set(figures) == {"agreed", "calendar", "ready", "fresh-round", "relief"}
    for anchor, figure in figures.items():
        key = figure_article(figure)
        link = text(figure.select_one("figcaption .source a"))
        if key in MARKED:
            assert link == f"{TITLES[key]} ({theme_words('title_mark', key)})", anchor
        else:
            assert link == TITLES[key], anchor


def test_a_term_pages_excerpt_list_marks_the_headline(out):
    page = html(out, "actors/anna-berg/index.html")
    heading = page.find("h2", string="Excerpts that name Anna Berg")
    items = heading.find_next_sibling("ul").find_all("li")
    by_quote = {text(li.q): text(li.select_one(".meta")) for li in items}
    calendar = next(meta for quote, meta in by_quote.items() if quote.startswith('"We have a calendar'))
    assert calendar.startswith(f"{TITLES[EDITOR]} ({theme_words('title_mark', EDITOR)})")
    agreed = next(meta for quote, meta in by_quote.items() if quote.startswith("Envoys from"))
    assert agreed.startswith(TITLES["articles/northern-post-talks"] + " · quoted in")


def test_feed_entry_titles_carry_the_mark(out):
    import feedparser

    for path in ("feed.xml", "topics/geneva-talks/feed.xml", "outlets/valley-gazette/feed.xml"):
        parsed = feedparser.parse((out / path).read_bytes())
        titles = {key_of(e.link): e.title for e in parsed.entries if "#" not in e.link}
        for key, title in titles.items():
            expected = theme_words("plain_headline", key)
            assert title == expected, (path, key)
    for path in ("feed.json", "topics/geneva-talks/feed.json", "actors/marko-petrov/feed.json"):
        items = json.loads((out / path).read_text())["items"]
        titles = {key_of(i["url"]): i["title"] for i in items if "#" not in i["url"]}
        assert any(key in MARKED for key in titles), path
        for key, title in titles.items():
            assert title == theme_words("plain_headline", key), (path, key)


@pytest.mark.parametrize("key", TITLES)
def test_jsonld_headline_is_marked_exactly_when_the_outlet_did_not_write_it(out, key):
    headline = jsonld(html(out, f"{key}/index.html"))["headline"]
    if key in MARKED:
        assert headline == f"{TITLES[key]} ({theme_words('title_mark', key)})"
    else:
        assert headline == TITLES[key]


def test_jsonld_item_lists_mark_the_headlines_they_name(out):
    for path in ("topics/geneva-talks/index.html", "articles/index.html"):
        names = {key_of(item["url"]): item["name"] for item in jsonld(html(out, path))["itemListElement"]}
        assert set(names) & set(MARKED), path
        for key, name in names.items():
            assert name == theme_words("plain_headline", key), (path, key)


@pytest.mark.parametrize("key", MARKED)
def test_the_page_title_and_social_title_carry_the_mark(out, key):
    page = html(out, f"{key}/index.html")
    marked = theme_words("plain_headline", key)
    assert page.title.get_text().startswith(marked + " · ")
    assert page.find("meta", property="og:title")["content"] == marked


def test_a_published_headline_is_never_marked_anywhere(out):
    for path in out.rglob("*.html"):
        page = html(out, path.relative_to(out).as_posix())
        for mark in page.select(".title-mark"):
            around = text(mark.parent)
            assert any(TITLES[key] in around for key in MARKED), path
        for key in PUBLISHED:
            assert f"{TITLES[key]} (headline" not in text(page), (path, key)


# --- machine translations and paraphrased copies ------------------------------------------------------

@pytest.mark.parametrize("key", CAUTIONED)
def test_a_translated_or_paraphrased_article_carries_the_themes_caution_on_its_page(out, key):
    caution = html(out, f"{key}/index.html").find("p", class_="caution")
    assert caution is not None and caution["role"] == "note"
    assert text(caution).endswith(theme_words("caution", key))


def test_an_article_in_its_own_words_carries_no_caution(out):
    for key in ("articles/northern-post-talks", "articles/valley-gazette-talks"):
        assert html(out, f"{key}/index.html").find(class_="caution") is None


def test_every_card_of_a_translated_or_paraphrased_copy_carries_its_badge(out):
    seen = set()
    for where, key, card in all_cards(out):
        badges = " ".join(text(b) for b in card.select(".badge"))
        if key in CAUTIONED:
            assert badges == text(BeautifulSoup(theme_words("badge", key), "lxml")), (where, key)
            seen.add(key)
        else:
            assert badges == "", (where, key)
    assert seen == set(CAUTIONED)


def test_every_excerpt_caption_from_a_translated_or_paraphrased_copy_carries_the_caution(out):
    figures = {**excerpt_figures(html(out, "topics/geneva-talks/index.html")),
               **excerpt_figures(html(out, "topics/sanctions-relief/index.html"))}
    for anchor, figure in figures.items():
        key = figure_article(figure)
        caution = figure.select_one("figcaption .caution")
        if key in CAUTIONED:
            assert caution is not None and text(caution) == theme_words("caption_caution", key), anchor
            assert ("translated" if key == TRANSLATED else "paraphrased") in figure["class"]
        else:
            assert caution is None, anchor
            assert "translated" not in figure["class"] and "paraphrased" not in figure["class"]


def test_the_timeline_labels_a_translated_or_paraphrased_source(out):
    for path in ("timeline/index.html", "index.html", "topics/geneva-talks/index.html",
                 "topics/sanctions-relief/index.html"):
        labels = {}
        for link in html(out, path).select("ol.timeline .meta a"):
            if "#" in link["href"]:
                labels[link["href"].split("#")[1]] = text(link)
        expected = {"agreed": "Northern Post", "relief": "Northern Post",
                    "ready": f"Sofia Daily ({theme_words('short_caution', TRANSLATED)})",
                    "fresh-round": f"source ({theme_words('short_caution', PARAPHRASED)})"}
        assert labels == {k: v for k, v in expected.items() if k in labels} and labels, path
    assert theme_words("short_caution", TRANSLATED) == "machine translation"


def test_feed_summaries_carry_the_caution_of_a_translated_or_paraphrased_copy(out):
    import feedparser

    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    summaries = {key_of(e.link): e.summary for e in parsed.entries if "#" not in e.link}
    items = {key_of(i["url"]): i["content_text"] for i in json.loads((out / "feed.json").read_text())["items"]
             if "#" not in i["url"]}
    assert set(summaries) == set(items) == set(TITLES)
    for key in TITLES:
        for found in (summaries[key], items[key]):
            if key in CAUTIONED:
                assert theme_words("caution", key) in found, key
            else:
                assert "Machine" not in found, key


# --- a copy's date and its original's -----------------------------------------------------------------

def test_a_copy_without_a_date_shows_its_original_date_on_every_card(out):
    seen = 0
    for where, key, card in all_cards(out):
        meta = card.select_one(".meta")
        if key == PARAPHRASED:
            assert "date unknown (the copy’s) · original report 6 March 2025" in text(meta), where
            assert [t["datetime"] for t in meta.find_all("time")] == ["2025-03-06"]
            assert meta.find(class_="unknown", string="date unknown") is not None
            seen += 1
        else:
            assert "original report" not in text(meta), (where, key)
    assert seen >= 3


def test_an_excerpt_caption_of_a_copy_shows_both_dates(out):
    figure = excerpt_figures(html(out, "topics/sanctions-relief/index.html"))["fresh-round"]
    source = text(figure.select_one("figcaption .source"))
    assert source.endswith("outlet unknown, date unknown (the copy’s) · original report 6 March 2025")


def test_the_article_page_of_a_copy_states_both_dates_with_their_notes(out):
    facts = html(out, f"{PARAPHRASED}/index.html").find("dl", class_="facts")
    pairs = {text(dt): text(dt.find_next_sibling("dd")) for dt in facts.find_all("dt")}
    assert pairs["Date of this copy"] == "date unknown — The copy carries no date of its own."
    assert pairs["Date of the original report"] == \
        "6 March 2025 — The date of the Northern Post report it rewrites."
    assert "Date" not in pairs


def test_the_jsonld_of_a_copy_has_no_publication_date_but_its_original_has(out):
    data = jsonld(html(out, f"{PARAPHRASED}/index.html"))
    assert "datePublished" not in data
    assert data["isBasedOn"] == {"@type": "NewsArticle", "datePublished": "2025-03-06",
                                 "publisher": {"@type": "Organization", "name": "Northern Post"}}


def test_a_weekday_in_an_excerpt_of_a_copy_is_counted_from_its_originals_date(out):
    events = html(out, "topics/sanctions-relief/index.html").select("ol.timeline li")
    fresh = next(li for li in events if "fresh round" in text(li))
    assert fresh.time["datetime"] == "2025-03-04"  # "on Tuesday" in a report of Thursday 6 March


def test_the_articles_index_orders_a_copy_by_its_originals_date(out):
    order = list(cards(html(out, "articles/index.html")))
    assert order == ["articles/northern-post-sanctions", "articles/sofia-daily-review",
                     "articles/valley-gazette-talks", "articles/spin-copy", "articles/northern-post-talks"]


def test_a_copy_without_a_date_or_an_original_date_is_an_error_at_its_date_line(site, cli):
    path = "content/articles/spin-copy.md"
    good = (SITES / "living" / path).read_text()
    run = fails_cleanly(lambda: site("living"), cli, {
        path: good.replace("original_date: 2025-03-06\n", "").replace("original_date_note: The date of the "
                                                                      "Northern Post report it rewrites.\n", "")})
    assert run.error_lines == [f"{path}:3: date: unknown, and no original_date either — give the copy's date, "
                               "or the date of the report it copies as original_date: YYYY-MM-DD"]


# --- the ticker -----------------------------------------------------------------------------------------

def test_an_article_page_shows_only_the_ticker_headlines_the_briefing_quotes(out):
    ticker = section(html(out, f"{TRANSLATED}/index.html"), "Headlines seen beside the article")
    details = ticker.find("details")
    assert details is not None and not details.has_attr("open")
    assert text(details.summary) == "Quoted in this briefing: 1 of the 3 headlines seen"
    assert [text(li) for li in details.find_all("li")] == ["10/03 09:12 Petrov to lead Southland delegation"]
    assert "Win a holiday" not in text(html(out, f"{TRANSLATED}/index.html"))


def test_an_article_whose_ticker_nobody_quotes_shows_none(out):
    page = html(out, f"{PARAPHRASED}/index.html")
    assert page.find(class_="ticker") is None
    assert "Ten gadgets" not in text(page)


def test_the_ticker_counts_every_headline_a_page_quotes(site, cli):
    out = build_living(site, cli, {"content/pages/markets.md": """
        ---
        title: Markets
        ---
        ::: headlines sofia-daily-review
        - Markets steady ahead of Geneva
        - Petrov to lead Southland delegation
        :::
        """})
    details = html(out, f"{TRANSLATED}/index.html").select_one("section.ticker details")
    assert text(details.summary) == "Quoted in this briefing: 2 of the 3 headlines seen"
    assert [text(li) for li in details.find_all("li")] == ["10/03 09:12 Petrov to lead Southland delegation",
                                                          "10/03 09:05 Markets steady ahead of Geneva"]


# --- archived originals ---------------------------------------------------------------------------------

ORIGINAL = "https://northernpost.example/world/2025/03/06/envoys-geneva"
ARCHIVED = "https://web.archive.org/web/20250307120000/" + ORIGINAL


def test_the_original_link_of_an_archived_article_is_a_robust_link(out):
    page = html(out, "articles/northern-post-talks/index.html")
    link = page.select_one("dl.facts a.original")
    assert (link["href"], link["data-originalurl"], link["data-versionurl"], link["data-versiondate"]) == \
        (ORIGINAL, ORIGINAL, ARCHIVED, "2025-03-07")
    archived = [a for a in page.select("dl.facts a") if a["href"] == ARCHIVED]
    assert len(archived) == 1 and "7 March 2025" in text(archived[0].parent)


def test_an_excerpt_caption_links_the_original_as_a_robust_link_and_the_archived_copy(out):
    figure = excerpt_figures(html(out, "topics/geneva-talks/index.html"))["agreed"]
    original = figure.select_one("a.original")
    assert original["href"].startswith(ORIGINAL + "#:~:text=")  # the text fragment that highlights the quote
    assert original["data-originalurl"] == ORIGINAL
    assert (original["data-versionurl"], original["data-versiondate"]) == (ARCHIVED, "2025-03-07")
    archived = figure.select_one("a.archived")
    assert archived["href"] == ARCHIVED and text(archived) == "archived copy"


def test_an_article_without_an_archived_copy_has_a_plain_original_link(out):
    figure = excerpt_figures(html(out, "topics/geneva-talks/index.html"))["calendar"]
    original = figure.select_one("a.original")
    assert not any(name.startswith("data-") for name in original.attrs)
    assert figure.select_one("a.archived") is None


def test_archive_date_without_archive_url_is_an_error_at_its_line(site, cli):
    path = "content/articles/northern-post-talks.md"
    good = (SITES / "living" / path).read_text()
    bad = good.replace("archive_url: https://web.archive.org/web/20250307120000/https://northernpost.example/"
                       "world/2025/03/06/envoys-geneva\n", "")
    run = fails_cleanly(lambda: site("living"), cli, {path: bad})
    assert run.error_lines == [f"{path}:10: archive_date is set without archive_url — add the archived copy's "
                               "archive_url, or remove archive_date"]


# --- coverage ---------------------------------------------------------------------------------------------

def test_two_articles_sharing_copy_count_as_one_source_and_the_panel_says_so(out):
    panel = section(html(out, "topics/geneva-talks/index.html"), "Where the quotes come from")
    assert text(panel.p) == ("3 verified excerpts from 2 independent sources, by outlets from Bulgaria (1), "
                             "Ireland (1), United Kingdom (1).")
    items = [text(li) for li in panel.find_all("li")]
    assert items == ["Northern Post and Valley Gazette: 2 excerpts — one source, not 2: these reports carry the "
                     "same copy. Both run the same Agence Continentale copy, "
                     "word for word.", "Sofia Daily: 1 excerpt"]


def test_a_paraphrased_copy_and_the_outlet_it_rewrites_count_as_one_source(out):
    """A paraphrased copy is not independent of the reporting it rewrites."""
    panel = section(html(out, "topics/sanctions-relief/index.html"), "Where the quotes come from")
    assert text(panel.p) == "2 verified excerpts from 1 independent source, by outlets from United Kingdom (1)."
    assert [text(li) for li in panel.find_all("li")] == [
        "outlet unknown and Northern Post: 2 excerpts — one source, not 2: a paraphrased copy of reporting by "
        "Northern Post is counted with it."]


def test_a_paraphrased_copy_counts_by_the_country_of_the_outlet_it_rewrites(site, cli):
    """Its own outlet unknown, a paraphrased copy is still some outlet's reporting: that outlet's
    country, not 'unknown'. An outlet missing from the registry has an unknown country."""
    root = site("living")
    path = root / "content/articles/northern-post-sanctions.md"
    path.write_text(path.read_text().replace("outlet: Northern Post", "outlet: Eastern Courier"))
    assert cli("build", "-s", root, "-q").code == 0
    panel = section(html(root / "public", "topics/sanctions-relief/index.html"), "Where the quotes come from")
    assert text(panel.p).endswith("2 independent sources, by outlets from United Kingdom (1), unknown (1).")
    assert [text(li) for li in panel.find_all("li")] == [
        "outlet unknown: 1 excerpt — a paraphrased copy of reporting by Northern Post.", "Eastern Courier: 1 excerpt"]


def test_articles_quoted_outside_their_shared_paragraphs_count_as_two_sources(site, cli):
    out = build_living(site, cli, {"content/topics/analysis.md": """
        ---
        title: Analysis
        ---
        ::: excerpt northern-post-talks
        Analysts in the capital said the agreement was modest but real.
        :::

        ::: excerpt valley-gazette-talks
        shops in the valley stayed open late
        :::
        """})
    panel = section(html(out, "topics/analysis/index.html"), "Where the quotes come from")
    assert text(panel.p).startswith("2 verified excerpts from 2 independent sources")
    assert "one source" not in text(panel)


@pytest.mark.parametrize("record, error", [
    ("  - article: valley-gazette-talk\n    paragraphs: [p-1]\n",
     "shares_copy_with: there is no article 'valley-gazette-talk' — did you mean 'valley-gazette-talks'?"),
    ("  - article: valley-gazette-talks\n    paragraphs: [p-1, p-9]\n",
     "shares_copy_with paragraphs: northern-post-talks has no p-9 (it has 4 paragraphs) — check the anchors on "
     "the article's page (¶)"),
    ("  - article: valley-gazette-talks\n    paragraphs: [p-1]\n    matches: [p-4]\n",
     "shares_copy_with matches: valley-gazette-talks has no p-4 (it has 3 paragraphs) — check the anchors on "
     "the article's page (¶)"),
])
def test_a_shared_copy_record_naming_a_missing_article_or_paragraph_is_an_error(site, cli, record, error):
    path = "content/articles/northern-post-talks.md"
    good = (SITES / "living" / path).read_text()
    start = good.index("shares_copy_with:\n") + len("shares_copy_with:\n")
    end = good.index("updates:")
    run = fails_cleanly(lambda: site("living"), cli, {path: good[:start] + record + good[end:]})
    assert run.error_lines == [f"{path}:16: {error}"]

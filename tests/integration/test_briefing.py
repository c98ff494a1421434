"""The repository's own briefing: every quote verified, cross-linked both ways, honestly sourced."""

from urllib.parse import urlsplit

import pytest

from sitegen.excerpts import fold, split_parts
from tests.conftest import REPO, soup



@pytest.fixture(scope="module")
def public(tmp_path_factory):
    from sitegen.build import build

    out = tmp_path_factory.mktemp("briefing") / "public"
    build(REPO, output=out)
    return out


def page_for(public, url):
    path = urlsplit(url).path
    return soup(public / path.lstrip("/") / "index.html")


def topic_pages(public):
    return sorted(p for p in (public / "topics").glob("*/index.html"))


def test_seeds_are_the_originals_byte_for_byte():
    shared = REPO.parent / "shared" / "seeds"
    names = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(names) == 5
    if shared.is_dir():
        for name in names:
            assert (REPO / "seeds" / name).read_bytes() == (shared / name).read_bytes(), name


def test_every_excerpt_cites_a_paragraph_that_holds_its_quote_and_links_back(public):
    checked = 0
    for path in topic_pages(public):
        topic = soup(path)
        topic_url = "/" + path.parent.relative_to(public).as_posix() + "/"
        for figure in topic.select("figure.excerpt"):
            quote = figure.blockquote.get_text(" ", strip=True)
            cite = urlsplit(figure.blockquote["cite"])
            article = page_for(public, cite.path)
            paragraph = article.find(id=cite.fragment)
            assert paragraph is not None and paragraph.name == "p", cite
            text = fold(paragraph.get_text(" "))
            parts, _, _ = split_parts(quote)
            position = 0
            for part in parts:
                position = text.find(part, position)
                assert position >= 0, (path, quote)
            assert "cited" in paragraph["class"]
            backlinks = [a["href"] for a in paragraph.find_next_sibling("p", class_="cited-in").find_all("a")]
            assert f"{topic_url}#{figure['id']}" in backlinks
            assert figure.find("a", class_="in-context")["href"] == f"{cite.path}#{cite.fragment}"
            checked += 1
    assert checked >= 60


def test_every_cited_paragraph_links_to_an_excerpt_that_cites_it(public):
    links = 0
    for path in (public / "articles").glob("*/index.html"):
        article_url = "/" + path.parent.relative_to(public).as_posix() + "/"
        page = soup(path)
        for paragraph in page.select("p.cited"):
            for link in paragraph.find_next_sibling("p", class_="cited-in").find_all("a"):
                target = urlsplit(link["href"])
                figure = page_for(public, target.path).find(id=target.fragment)
                assert figure is not None and figure.name == "figure"
                assert urlsplit(figure.blockquote["cite"]).path == article_url
                assert urlsplit(figure.blockquote["cite"]).fragment == paragraph["id"]
                links += 1
    assert links >= 60


def test_required_topics_exist_and_are_listed(public):
    index = soup(public / "topics/index.html")
    listed = {a["href"] for a in index.select(".cards .card-title")}
    for slug in ["minerals-deal", "un-resolutions", "nato-membership", "summit-diplomacy", "riyadh-talks"]:
        assert f"/topics/{slug}/" in listed
    for item in index.select(".cards li"):
        assert item.find(class_="summary").get_text(strip=True)


def test_every_topic_quotes_at_least_one_source_several_times(public):
    for path in topic_pages(public):
        assert len(soup(path).select("figure.excerpt")) >= 2, path


def test_paraphrased_copy_is_never_presented_as_reuters_words(public):
    page = page_for(public, "/articles/2025-02-18-paraphrased-reuters-riyadh-talks/")
    caution = page.find(class_="caution").get_text(" ", strip=True)
    assert "Machine-paraphrased copy" in caution and "not Reuters" in caution
    outlet = page.find("dl", class_="facts").find("dd")
    assert outlet.get_text(" ", strip=True).startswith("outlet unknown")
    for path in topic_pages(public):
        for figure in soup(path).select("figure.excerpt"):
            if "2025-02-18-paraphrased" in figure.blockquote["cite"]:
                warning = figure.find(class_="caution").get_text(" ", strip=True)
                assert "Machine-paraphrased copy of a Reuters report" in warning
                assert "not Reuters’s wording, nor the speakers’" in warning


def test_ticker_headlines_are_labelled_and_never_article_text(public):
    article = page_for(public, "/articles/2025-02-22-guardian-trump-putin-meeting/")
    body = article.find("div", class_="body").get_text(" ")
    assert "BREAKING NEWS" not in body and "Spiegel" not in body
    ticker = article.find("section", class_="ticker")
    assert ticker.h2.get_text() == "Headlines seen beside the article"
    assert len(ticker.find_all("li")) == 100
    minerals = page_for(public, "/topics/minerals-deal/")
    aside = minerals.find("aside", class_="ticker-headlines")
    assert aside.find(class_="label").get_text(" ", strip=True).startswith("Headlines, not article text.")
    assert not any("Minerals" in fig.get_text() and "Pressing" in fig.get_text()
                   for fig in minerals.select("figure.excerpt"))


def test_every_article_states_how_its_date_and_outlet_were_established(public):
    for path in (public / "articles").glob("*/index.html"):
        facts = soup(path).find("dl", class_="facts")
        dds = {dt.get_text(): dd for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"))}
        assert dds["Date"].find(class_="note"), path
        assert dds["Outlet"].find(class_="note"), path
        assert dds["Original"].get_text(strip=True), path


def test_timeline_resolves_relative_days_against_each_report(public):
    timeline = soup(public / "timeline/index.html")
    events = {li.find(class_="event").get_text(strip=True): li.time["datetime"]
              for li in timeline.select("ol.timeline li")}
    expected = {
        "US and Russian delegations meet in Riyadh": "2025-02-18",   # "on Tuesday", TheJournal.ie of Sat 22 Feb
        "Putin and Trump speak by phone": "2025-02-12",              # "six days in the past", report of Tue 18 Feb
        "The day of Zelenskyy's planned visit": "2025-02-19",        # "last Wednesday", Sat 22 Feb
        "Trump's national security adviser Mike Waltz": "2025-02-21",  # "on Friday"
        "The UN General Assembly is due to vote": "2025-02-24",      # "falls on Monday": ahead
        "Steve Witkoff holds a three-hour meeting": "2025-08-06",    # "on Wednesday", Xinhua of Thu 7 Aug
        "The Kremlin says a Trump–Putin meeting has been agreed": "2025-08-07",  # "on Thursday": that day
        "Trump's deadline for Putin": "2025-08-08",                  # "Friday is the deadline": ahead
        "Trump meets Zelensky at the White House": "2025-10-17",     # "on Friday", report of Wed 22 Oct
        "Rubio and Lavrov speak by phone": "2025-10-20",             # "on Monday"
    }
    for start, date in expected.items():
        matches = [d for text, d in events.items() if text.startswith(start)]
        assert matches == [date], start
    dates = [li.time["datetime"] for li in timeline.select("ol.timeline li")]
    assert dates == sorted(dates)
    for li in timeline.select("ol.timeline li"):
        assert li.select("a[href*='#']"), "each event links to the excerpts that report it"


def test_actor_pages_list_excerpts_naming_them(public):
    lavrov = page_for(public, "/actors/sergei-lavrov/")
    assert lavrov.find("dd").get_text() == "person"
    quotes = [q.get_text() for q in lavrov.select("q")]
    assert any("Lavrov" in q for q in quotes) and len(quotes) >= 5


def test_spellings_of_one_person_are_one_actor(public):
    names = [a.get_text() for a in soup(public / "actors/index.html").select(".card-title")]
    assert "Volodymyr Zelenskyy" in names
    assert not {"Zelensky", "Zelenskiy", "Yuri Ushakov"} & set(names)


def test_briefing_builds_byte_identical_twice(tmp_path):
    from sitegen.build import build
    from tests.conftest import tree_bytes

    build(REPO, output=tmp_path / "a")
    build(REPO, output=tmp_path / "b")
    # Pagefind writes its filter indexes from hash maps, in an order that varies between
    # runs (Pagefind issue #638); everything sitegen writes is byte-identical.
    a = {k: v for k, v in tree_bytes(tmp_path / "a").items() if not k.startswith("pagefind/")}
    b = {k: v for k, v in tree_bytes(tmp_path / "b").items() if not k.startswith("pagefind/")}
    assert a == b
    assert any(k.startswith("pagefind/fragment/") for k in tree_bytes(tmp_path / "a"))

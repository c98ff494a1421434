"""Excerpts on a fixture site: rendering, links both ways, hints and errors."""

from urllib.parse import unquote

from tests.conftest import soup


def test_excerpt_renders_a_cited_blockquote_with_attribution(site, cli):
    root = site()
    cli("build", "-s", root)
    topic = soup(root / "public/topics/minerals-deal/index.html")
    figure = topic.find("figure", id="excerpt-1")
    assert figure.blockquote["cite"] == "https://example.org/articles/guardian-ryabkov/#p-1"
    # the source's own characters, not the editor's straight quotes
    assert figure.blockquote.get_text(strip=True) == ("Ryabkov added that US and Russian envoys could meet "
                                                      "“within the next two weeks”")
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "The Guardian" in caption and "22 February 2025" in caption
    assert figure.find("a", class_="in-context")["href"] == "/articles/guardian-ryabkov/#p-1"
    original = figure.find("a", class_="original")["href"]
    assert original.startswith("https://www.theguardian.com/world/2025/feb/22/example#:~:text=")
    assert unquote(original.split("#:~:text=")[1]) == ("Ryabkov added that US and Russian envoys could meet "
                                                       "“within the next two weeks”")


def test_ellipsis_excerpt_uses_a_range_text_fragment(site, cli):
    root = site()
    cli("build", "-s", root)
    figure = soup(root / "public/topics/minerals-deal/index.html").find("figure", id="riyadh")
    assert figure.blockquote.get_text(strip=True) == ("Russian and US representatives agreed on Tuesday … "
                                                      "ending the war in Ukraine")
    fragment = figure.find("a", class_="original")["href"].split("#:~:text=")[1]
    assert [unquote(p) for p in fragment.split(",")] == ["Russian and US representatives agreed on Tuesday",
                                                         "ending the war in Ukraine"]


def test_no_original_link_when_the_url_is_unknown(site, cli):
    root = site(files={"content/topics/other.md": """
        ---
        title: Other
        ---
        ::: excerpt xinhua-summit
        Zelensky said Ukraine will work toward peace
        :::
        """})
    cli("build", "-s", root)
    figure = soup(root / "public/topics/other/index.html").find("figure", class_="excerpt")
    assert figure.find("a", class_="original") is None
    assert figure.find("a", class_="in-context")["href"] == "/articles/xinhua-summit/#p-2"


def test_cited_paragraph_lists_its_topics(site, cli):
    root = site()
    cli("build", "-s", root)
    article = soup(root / "public/articles/guardian-ryabkov/index.html")
    p1 = article.find("p", id="p-1")
    assert "cited" in p1["class"]
    cited_in = p1.find_next_sibling("p", class_="cited-in")
    assert [(a.get_text(), a["href"]) for a in cited_in.find_all("a")] == [
        ("Minerals deal", "/topics/minerals-deal/#excerpt-1")]
    assert "cited" not in (article.find("p", id="p-3").get("class") or [])


def test_paraphrased_source_excerpts_carry_a_caution(site, cli):
    root = site(files={"content/topics/spun.md": """
        ---
        title: Spun
        ---
        ::: excerpt unknown-outlet
        Kyiv says talks on methods to finish the struggle
        :::
        """})
    cli("build", "-s", root)
    figure = soup(root / "public/topics/spun/index.html").find("figure", class_="excerpt")
    assert "paraphrased" in figure["class"]
    assert "Machine-paraphrased copy of a Reuters report" in figure.find(class_="caution").get_text()


def test_quote_in_several_paragraphs_needs_a_hint(site, cli):
    root = site(files={
        "content/articles/repeat.md": "---\ntitle: R\ndate: 2025-01-01\noutlet: X\n---\nSame words here.\n\nSame words here again.\n",
        "content/topics/ambiguous.md": "---\ntitle: A\n---\n::: excerpt repeat\nSame words here\n:::\n",
    })
    run = cli("build", "-s", root)
    assert run.code == 1
    assert run.error_lines == ["content/topics/ambiguous.md:4: excerpt found in 2 paragraphs of articles/repeat "
                               "(#p-1, #p-2) — add a paragraph hint: ::: excerpt repeat #p-1"]
    (root / "content/topics/ambiguous.md").write_text("---\ntitle: A\n---\n::: excerpt repeat #p-2\nSame words here\n:::\n")
    assert cli("build", "-s", root).code == 0
    figure = soup(root / "public/topics/ambiguous/index.html").find("figure", class_="excerpt")
    assert figure.blockquote["cite"].endswith("/articles/repeat/#p-2")


def test_event_date_that_disagrees_with_the_report_is_an_error(site, cli):
    root = site(files={"content/topics/minerals-deal.md": """
        ---
        title: Minerals deal
        events:
          - said: on Tuesday
            date: 2025-02-17
            event: Talks
            excerpts: [riyadh]
        ---
        ::: excerpt guardian-ryabkov id=riyadh
        Russian and US representatives agreed on Tuesday
        :::
        """})
    run = cli("build", "-s", root)
    assert run.error_lines == [
        "content/topics/minerals-deal.md:4: events[1]: date 2025-02-17 disagrees with 'on Tuesday' in "
        "articles/guardian-ryabkov (dated 2025-02-22), which means 2025-02-18 (or 2025-02-25 if it looks ahead) "
        "— correct one of them"]


def test_unknown_excerpt_id_in_an_event_is_an_error(site, cli):
    root = site(files={"content/topics/minerals-deal.md": """
        ---
        title: Minerals deal
        events:
          - date: 2025-02-18
            event: Talks
            excerpts: [nope]
        ---
        Text.
        """})
    run = cli("build", "-s", root)
    assert run.error_lines == ["content/topics/minerals-deal.md:4: events[1]: no excerpt with id 'nope' on this page "
                               "— ids here: none"]


def test_ticker_headline_not_in_the_article_is_an_error(site, cli):
    root = site(files={
        "content/articles/agg.md": "---\ntitle: A\ndate: 2025-01-01\noutlet: X\nticker:\n  - time: '01/01 10:00'\n"
                                   "    headline: Real headline\n---\nText.\n",
        "content/topics/t.md": "---\ntitle: T\n---\n::: headlines agg\n- Real headline\n- Invented headline\n:::\n",
    })
    run = cli("build", "-s", root)
    assert run.error_lines == ['content/topics/t.md:4: headline not in the ticker of articles/agg: "Invented headline" '
                               '— closest: "Real headline"']


def test_timeline_lists_events_with_links_to_excerpts(site, cli):
    root = site()
    cli("build", "-s", root)
    item = soup(root / "public/timeline/index.html").select_one("ol.timeline li")
    assert item.time["datetime"] == "2025-02-18"
    assert item.find("a", href="/topics/minerals-deal/#riyadh")


def test_an_articles_topic_written_as_a_name_links_to_the_topic_page(site, cli):
    root = site(files={"content/articles/named.md": "---\ntitle: N\ndate: 2025-03-01\noutlet: X\n"
                                                    "topics: [Minerals Deal]\n---\nText.\n"})
    cli("build", "-s", root)
    page = soup(root / "public/articles/named/index.html")
    link = page.select_one(".facts a[href^='/topics/']")
    assert (link.get_text(), link["href"]) == ("Minerals deal", "/topics/minerals-deal/")


def topic_with_events(events: str) -> str:
    return ("---\ntitle: Minerals deal\nevents:\n" + events + "---\n::: excerpt guardian-ryabkov id=riyadh\n"
            "Russian and US representatives agreed on Tuesday\n:::\n")


def test_events_said_on_a_date_written_out_are_dated_from_the_report(site, cli):
    """Issue 14.4: 'said:' takes the text's own words for a date, weekday or written out."""
    root = site(files={"content/topics/minerals-deal.md": topic_with_events(
        "  - said: on Feb. 18\n    event: Talks in Riyadh\n    excerpts: [riyadh]\n"
        "  - said: 24 February\n    date: 2025-02-24\n    event: The vote ahead\n    excerpts: [riyadh]\n")})
    assert cli("build", "-s", root).code == 0
    items = soup(root / "public/timeline/index.html").select("ol.timeline li")
    assert [li.time["datetime"] for li in items] == ["2025-02-18", "2025-02-24"]


def test_an_event_said_on_a_day_after_the_report_is_refused_with_the_reason(site, cli):
    root = site(files={"content/topics/minerals-deal.md": topic_with_events(
        "  - said: 24 February\n    event: The vote ahead\n    excerpts: [riyadh]\n"
        "  - said: Monday, February 18\n    event: Talks\n    excerpts: [riyadh]\n")})
    run = cli("build", "-s", root)
    assert run.code == 1
    assert run.error_lines == [
        "content/topics/minerals-deal.md:4: events[1]: '24 February' is after the article's own date (2025-02-22), "
        "so it would be 2025-02-24 — if the text looks ahead, add date: 2025-02-24; if it means another year, give "
        "the day as date: YYYY-MM-DD instead of said:",
        "content/topics/minerals-deal.md:7: events[2]: 'Monday, February 18' does not agree with itself: "
        "February 18, 2025 is a Tuesday — correct the day or the weekday"]

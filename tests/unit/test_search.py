"""Search records: what a page gives the index (its title and readable text, its filters) and
what it keeps out (labels, hidden filter text, Markdown syntax)."""

from __future__ import annotations

from sitegen.build import build, load
from sitegen.facts import FactTable
from sitegen.render import renderer_for
from sitegen.search import Memo, Record, language_of, make_records

SEARCH_ON = "title: Basic briefing\nlanguage: en-GB\nbase_url: https://example.org/\nsearch: true\n"


def records_of(root) -> dict[str, Record]:
    result = build(root, search_memo=Memo())
    assert result.records is not None
    return {record.url: record for record in result.records}


def test_language_is_the_primary_subtag():
    assert language_of("en-GB") == "en" and language_of("PT-br") == "pt"


def test_article_record_is_its_title_and_body_with_outlet_topic_and_actor_filters(site):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    record = records_of(root)["/articles/guardian-ryabkov/"]
    assert record.title == "Preparations under way for meeting between Trump and Putin, Russia says"
    assert record.content.startswith(record.title + " Ryabkov added that US and Russian envoys")
    assert record.content.endswith("since Kyiv didn’t take part.")
    assert "A subhead" in record.content
    assert dict(record.filters) == {"section": ("Articles",), "outlet": ("The Guardian",),
                                    "topic": ("Minerals deal",),
                                    "actor": ("Sergei Ryabkov", "Donald Trump", "Volodymyr Zelenskyy")}


def test_page_labels_and_hidden_filter_text_stay_out_of_the_content(site):
    root = site(files={"sitegen.yaml": SEARCH_ON, "content/articles/labelled.md": """
        ---
        title: Envoys meet in Riyadh
        title_kind: editor
        title_note: The outlet's own headline named no place.
        date: 2025-02-20
        outlet: The Guardian
        actors: [Sergei Ryabkov]
        topics: [minerals-deal]
        ---
        The envoys met for four hours.
        """})
    record = records_of(root)["/articles/labelled/"]
    assert record.content == "Envoys meet in Riyadh The envoys met for four hours."
    for label in ("Headline", "Source article", "Outlet", "Actors", "Topics", "The Guardian", "Sergei Ryabkov",
                  "Minerals deal", "Articles", "named no place", "written by the editor"):
        assert label not in record.content
    assert record.title == "Envoys meet in Riyadh (headline written by the editor)"  # as the page's heading


def test_unknown_outlet_is_no_filter(site):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    record = records_of(root)["/articles/unknown-outlet/"]
    assert dict(record.filters) == {"section": ("Articles",)}


def test_topic_record_reads_its_standfirst_and_body_and_files_itself_under_its_topic(site):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    record = records_of(root)["/topics/minerals-deal/"]
    assert record.content.startswith("Minerals deal What the sources say about the US–Ukraine minerals agreement. "
                                     "Key points, with a link to the about page.")
    assert "excerpt" not in record.content and "riyadh" not in record.content
    assert dict(record.filters) == {"section": ("Topics",), "topic": ("Minerals deal",),
                                    "actor": ("Donald Trump", "Volodymyr Zelenskyy")}


def test_only_articles_and_topics_are_searched_and_urls_carry_the_base_path(site):
    root = site(files={"sitegen.yaml": SEARCH_ON.replace("https://example.org/", "https://example.org/briefing/")})
    assert sorted(records_of(root)) == ["/briefing/articles/guardian-ryabkov/", "/briefing/articles/unknown-outlet/",
                                        "/briefing/articles/xinhua-summit/", "/briefing/topics/minerals-deal/"]


def test_no_records_without_search_or_anything_to_index_them(site):
    root = site()
    assert build(root, search_memo=Memo()).records is None
    (root / "sitegen.yaml").write_text(SEARCH_ON, encoding="utf-8")
    assert build(root).records is None  # sitegen check's build


def test_a_memo_remakes_only_the_records_whose_facts_changed(site):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    memo = Memo()

    def made():
        loaded = load(root)
        renderer = renderer_for(loaded.site.config, loaded.theme, False)
        return {r.url: r for r in make_records(FactTable(loaded.site), renderer, loaded.bodies, memo)}

    first = made()
    path = root / "content/articles/xinhua-summit.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line about zanzibar.\n", encoding="utf-8")
    second = made()
    assert second["/articles/xinhua-summit/"].content.endswith("A new closing line about zanzibar.")
    assert all(second[url] is first[url] for url in first if url != "/articles/xinhua-summit/")
    outlets = root / "data/outlets.yaml"  # the registry's name for the outlet: a fact the Guardian's article reads
    outlets.write_text(outlets.read_text(encoding="utf-8").replace("- name: The Guardian", "- name: Guardian News\n"
                                                                   "  aliases: [The Guardian]"), encoding="utf-8")
    third = made()
    assert dict(third["/articles/guardian-ryabkov/"].filters)["outlet"] == ("Guardian News",)
    assert third["/articles/xinhua-summit/"] is second["/articles/xinhua-summit/"]


def test_records_kept_between_edits_equal_a_clean_builds(site):
    """Each edit, then the memo's records against records made from nothing."""
    root = site(files={"sitegen.yaml": SEARCH_ON})
    memo = Memo()

    def records(with_memo):
        loaded = load(root)
        renderer = renderer_for(loaded.site.config, loaded.theme, False)
        return make_records(FactTable(loaded.site), renderer, loaded.bodies, memo if with_memo else None)

    def edit(rel, old, new):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edits = [
        lambda: edit("content/articles/guardian-ryabkov.md", "## A subhead", "## A new subhead"),
        lambda: edit("content/topics/minerals-deal.md", "title: Minerals deal", "title: The minerals deal"),
        lambda: edit("data/outlets.yaml", "- name: The Guardian", "- name: Guardian\n  aliases: [The Guardian]"),
        lambda: edit("content/articles/xinhua-summit.md", "actors: [", "actors: [Sergei Ryabkov, "),
        lambda: (root / "content/articles/unknown-outlet.md").unlink(),
        lambda: (root / "content/articles/fresh.md").write_text(
            "---\ntitle: Fresh\ndate: 2025-03-01\noutlet: Xinhua\ntopics: [minerals-deal]\n---\nNew *words*.\n",
            encoding="utf-8"),
        lambda: edit("content/articles/fresh.md", "title: Fresh", "title: Fresh\ntitle_kind: unconfirmed"),
    ]
    assert records(True) == records(False)
    for make in edits:
        make()
        assert records(True) == records(False)
    assert memo.records and len(memo.records) == 4

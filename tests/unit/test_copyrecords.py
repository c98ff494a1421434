"""shares_copy_with records: read both ways, excerpts grouped into sources, references checked."""

from __future__ import annotations

from sitegen.copyrecords import SharedWith, shared_copy_errors, shared_copy_map, source_groups


def record(article: str, paragraphs: list[str], matches: list[str] | None = None, note: str = "",
           line: int = 9) -> dict[str, object]:
    return {"article": article, "paragraphs": tuple(paragraphs), "matches": tuple(matches or ()), "note": note,
            "_line": line}


ARTICLES = {
    "guardian": {"wire": (), "shares_copy_with": (record("journal", ["p-3"], ["p-3", "p-4", "p-5"], "Same copy."),)},
    "journal": {"wire": ("Press Association", "AFP"), "shares_copy_with": ()},
    "xinhua": {"wire": ("Xinhua",), "shares_copy_with": ()},
}


def test_a_record_is_read_both_ways():
    shared = shared_copy_map(ARTICLES)
    assert shared[("guardian", "p-3")] == (SharedWith("journal", ("p-3", "p-4", "p-5"), ("Same copy.",)),)
    assert shared[("journal", "p-4")] == (SharedWith("guardian", ("p-3",), ("Same copy.",)),)
    assert ("journal", "p-1") not in shared


def test_records_on_both_sides_merge_and_without_matches_the_other_side_is_unknown():
    articles = {
        "a": {"shares_copy_with": (record("b", ["p-1"], note="From a."),)},
        "b": {"shares_copy_with": (record("a", ["p-2"], ["p-1"], note="From b."),)},
    }
    shared = shared_copy_map(articles)
    assert shared[("a", "p-1")] == (SharedWith("b", ("p-2",), ("From a.", "From b.")),)
    assert shared[("b", "p-2")] == (SharedWith("a", ("p-1",), ("From b.",)),)
    only_one_side = shared_copy_map({"a": articles["a"], "b": {"shares_copy_with": ()}})
    assert only_one_side[("a", "p-1")] == (SharedWith("b", (), ("From a.",)),)


def test_excerpts_of_the_same_copy_are_one_source():
    excerpts = [("guardian", "p-3"), ("xinhua", "p-2"), ("journal", "p-5"), ("journal", "p-9"), ("guardian", "p-1")]
    groups = source_groups(excerpts, ARTICLES)
    assert [(g.excerpts, g.articles, g.wire, g.shared_copy) for g in groups] == [
        ((0, 2, 3, 4), ("guardian", "journal"), ("Press Association", "AFP"), True),
        ((1,), ("xinhua",), (), False),
    ]
    assert groups[0].notes == ("Same copy.",)


def test_a_paragraph_outside_the_shared_passage_is_its_own_source():
    groups = source_groups([("guardian", "p-1"), ("journal", "p-9")], ARTICLES)
    assert [g.excerpts for g in groups] == [(0,), (1,)]
    assert not any(g.shared_copy for g in groups)


def test_a_paraphrased_copy_is_one_source_with_the_outlet_it_rewrites():
    articles = {"reuters": {"outlet": "Reuters"}, "rewrite": {"outlet": None, "paraphrase_of": "Reuters"},
                "other": {"outlet": "Xinhua"}}
    groups = source_groups([("rewrite", "p-1"), ("other", "p-2"), ("reuters", "p-4")], articles)
    assert [(g.excerpts, g.articles, g.shared_copy, g.rewrites) for g in groups] == [
        ((0, 2), ("rewrite", "reuters"), False, ("Reuters",)),
        ((1,), ("other",), False, ()),
    ]
    alone = source_groups([("rewrite", "p-1")], articles)
    assert [(g.articles, g.rewrites) for g in alone] == [(("rewrite",), ("Reuters",))]


def test_checks_the_articles_and_paragraphs_a_record_names():
    counts = {"guardian": 3, "journal": 34, "xinhua": 22}
    records = [record("guardian", ["p-1"]), record("jurnal", ["p-1"], line=12),
               record("journal", ["p-3", "p-4"], ["p-2", "p-40"], line=15)]
    errors = [str(e) for e in shared_copy_errors("content/articles/guardian.md", "guardian", records, counts)]
    assert errors == [
        "content/articles/guardian.md:9: shares_copy_with names this article itself — "
        "name the other article that carries the same copy",
        "content/articles/guardian.md:12: shares_copy_with: there is no article 'jurnal' — did you mean 'journal'?",
        "content/articles/guardian.md:15: shares_copy_with paragraphs: guardian has no p-4 (it has 3 paragraphs) — "
        "check the anchors on the article's page (¶)",
        "content/articles/guardian.md:15: shares_copy_with matches: journal has no p-40 (it has 34 paragraphs) — "
        "check the anchors on the article's page (¶)",
    ]
    assert shared_copy_errors("x.md", "guardian", [record("journal", ["p-3"], ["p-3"])], counts) == []

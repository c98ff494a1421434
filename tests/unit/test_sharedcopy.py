"""Finding shared copy: candidates by MinHash/LSH, passages by alignment, in the site's paragraphs."""

from __future__ import annotations

import random

from sitegen.sharedcopy import MAX_SHARERS, Words, candidate_pairs, find_passages, shared_passages

WIRE = [
    "Preparations for a face-to-face meeting between the two leaders are under way, the deputy foreign "
    "minister told state media on Saturday, adding that the date had not yet been agreed.",
    "The talks would mark a dramatic shift away from the isolation of Moscow, which has been in place since "
    "the invasion, and could involve broad talks on global issues, not just the war.",
    "Envoys could meet “within the next two weeks” to pave the way for further talks between senior "
    "officials, he said, but efforts to organise a summit were at an early stage.",
]


def filler(rng: random.Random, words: int = 40) -> str:
    vocabulary = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta") for b in ("ra", "len", "do", "vi", "ssa")]
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."


def test_words_are_case_folded_and_keep_their_paragraph():
    text = Words.of("a", ["RUSSIA’S deputy minister said", "It marks a shift."])
    assert text.words == ("russia", "s", "deputy", "minister", "said", "it", "marks", "a", "shift")
    assert text.paragraph == (0, 0, 0, 0, 0, 1, 1, 1, 1)
    assert text.sizes == (5, 4)


def test_finds_copy_run_as_one_paragraph_in_another_outlet_with_small_edits():
    rng = random.Random(1)
    journal = Words.of("journal", [filler(rng), *WIRE, filler(rng)])
    edited = " ".join(WIRE).replace("Saturday", "Friday").replace("“within the next two weeks”", "within two weeks")
    feed = Words.of("feed", ["A standfirst of the feed's own.", edited, filler(rng)])
    passages = shared_passages(feed, journal)
    assert len(passages) == 1
    passage = passages[0]
    assert passage.first_paragraphs == ("p-2",) and passage.second_paragraphs == ("p-2", "p-3", "p-4")
    assert passage.words >= 80 and passage.likeness > 90
    assert passage.sample == "Preparations for a face-to-face meeting between the two leaders are…"  # 12 words


def test_a_common_phrase_is_not_a_shared_passage():
    a = Words.of("a", ["The foreign minister said on Tuesday that the talks in Saudi Arabia were useful, and "
                       "that more work was needed."])
    b = Words.of("b", ["Officials said on Tuesday that the talks had ended without a joint statement from "
                       "either delegation."])
    assert shared_passages(a, b) == []


def test_candidates_are_the_articles_that_share_copy():
    rng = random.Random(2)
    articles = [[filler(rng) for _ in range(6)] for _ in range(40)]
    articles[7][2:2] = WIRE
    articles[31][4:4] = [" ".join(WIRE)]
    pairs, boilerplate = candidate_pairs(articles)
    assert (7, 31) in pairs and boilerplate == 0
    passages, _ = find_passages([f"a{i}" for i in range(len(articles))], articles)
    assert {(p.first, p.second) for p in passages} == {("a7", "a31")}


def test_a_paragraph_in_very_many_articles_is_boilerplate_not_a_candidate():
    rng = random.Random(3)
    footer = ("Sign up to our morning briefing newsletter to receive the day's most important stories, "
              "analysis and commentary straight to your inbox every weekday")
    pairs, boilerplate = candidate_pairs([[filler(rng), footer, filler(rng)] for _ in range(MAX_SHARERS + 5)])
    assert pairs == set() and boilerplate > 0

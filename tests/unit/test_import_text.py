"""Laying a copy out: the headline, the body between its first and last sentence, subheads
only between paragraphs, and everything else set aside with its rule's label."""

from __future__ import annotations

from sitegen.data import Registry
from sitegen.importing.text import is_prose, is_subhead, lines_of, read_copy

P1 = "The talks began on Monday in Geneva and ended late on Tuesday, officials said."
P2 = "Both delegations said they would meet again next month to continue the discussions."
P3 = "The next round is expected to take place in Vienna, according to a joint statement."


def lay_out(*lines: str):
    return read_copy(lines_of("\n".join(lines)), Registry())


def kinds(layout) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in layout.blocks]


def labels(layout) -> dict[str, str]:
    return {s.text: s.label for s in layout.stripped}


def test_a_short_line_between_paragraphs_followed_by_text_is_a_subhead():
    layout = lay_out("Geneva talks end without a deal", P1, "What comes next", P2)
    assert kinds(layout) == [("p", P1), ("h", "What comes next"), ("p", P2)]


def test_a_short_line_at_the_edges_of_the_body_is_never_a_subhead():
    layout = lay_out("Geneva talks end without a deal", P1, P2, "Europe desk")
    assert all(kind == "p" for kind, _ in kinds(layout))
    assert labels(layout)["Europe desk"] == "navigation"


def test_a_short_line_followed_by_furniture_is_not_a_subhead():
    layout = lay_out("Geneva talks end without a deal", P1, "Related coverage", "Share", "Advertisement", P2)
    assert ("h", "Related coverage") not in kinds(layout)


def test_read_more_lines_are_never_headings_and_end_a_copy():
    layout = lay_out("Geneva talks end without a deal – Reuters", P1, P2, "Read more on Reuters",
                     "Why the talks failed", "Vienna prepares for the next round")
    assert kinds(layout) == [("p", P1), ("p", P2)]
    assert labels(layout)["Read more on Reuters"] == "read-more link"
    assert labels(layout)["Why the talks failed"] == "navigation"
    assert labels(layout)["Vienna prepares for the next round"] == "after the article"


def test_links_after_a_read_also_heading_are_set_aside_even_inside_the_body():
    layout = lay_out("Geneva talks end without a deal", P1, "Read also", "Kremlin rejects ceasefire offer",
                     "Will the next round be in Vienna?", P2, P3)
    assert kinds(layout) == [("p", P1), ("p", P2), ("p", P3)]
    assert labels(layout)["Kremlin rejects ceasefire offer"] == "link list"
    assert labels(layout)["Will the next round be in Vienna?"] == "link list"


def test_a_repeated_headline_is_set_aside():
    layout = lay_out("Geneva talks end without a deal", P1, "Geneva talks end without a deal", P2)
    assert kinds(layout) == [("p", P1), ("p", P2)]
    assert labels(layout)["Geneva talks end without a deal"] == "repeated headline"


def test_an_opening_caption_above_a_headline_naming_its_outlet_is_set_aside():
    layout = lay_out("Delegates applaud at the end of the talks in Geneva on Tuesday.",
                     "Geneva talks end without a deal – POLITICO", P1, P2)
    assert layout.headline == "Geneva talks end without a deal – POLITICO"
    assert labels(layout)["Delegates applaud at the end of the talks in Geneva on Tuesday."] == "opening caption"
    assert kinds(layout) == [("p", P1), ("p", P2)]


def test_the_headline_is_the_one_a_byline_or_dateline_follows():
    layout = lay_out("Our coverage of the talks in Geneva", "Geneva talks end without a deal", "By Anna Kowalska", P1)
    assert layout.headline == "Geneva talks end without a deal"


def test_a_provider_between_headline_and_date_stamp_is_a_fact():
    layout = lay_out("Geneva talks end without a deal", "Al Jazeera", "Follow", "Published Nov 26, 2024", P1)
    assert [(f.kind, f.outlet) for f in layout.facts] == [("provider line", "Al Jazeera"), ("dateline", None)]


def test_a_copy_that_opens_with_its_lead_has_no_headline():
    layout = lay_out(P1, "SECTION HEADING", P2)
    assert layout.headline is None
    assert kinds(layout) == [("p", P1), ("h", "SECTION HEADING"), ("p", P2)]


def test_credits_after_the_last_sentence_stay_article_text():
    layout = lay_out("Geneva talks end without a deal", P1, P2, "(Reporting by Anna Kowalska; Editing by Jan Nowak)",
                     "Most read", "Storm Bert: thousands without power")
    assert kinds(layout)[-1] == ("p", "(Reporting by Anna Kowalska; Editing by Jan Nowak)")


def test_glued_paragraphs_are_split_and_the_split_noted():
    layout = lay_out("Geneva talks end without a deal", "Talks end in Geneva, officials saysThe talks began on Monday.")
    assert kinds(layout) == [("p", "Talks end in Geneva, officials says"), ("p", "The talks began on Monday.")]
    assert layout.split_points == ["…ficials says|The talks be…"]


def test_structured_pages_use_their_headings_and_are_never_split():
    from sitegen.importing.text import Line

    lines = [Line(1, P1), Line(2, "A longer section heading that runs to more than twelve words in all", True),
             Line(3, "Talks end in Geneva, officials sayThe talks began."), Line(4, P2)]
    layout = read_copy(lines, Registry(), structured=True)
    assert kinds(layout)[1][0] == "h"
    assert ("p", "Talks end in Geneva, officials sayThe talks began.") in kinds(layout)


def test_prose_and_subheads():
    assert is_prose(P1) and is_prose("It is a paltry sum.") and not is_prose("Earth minerals deal")
    assert is_subhead("Earth minerals deal") and not is_subhead("It is a paltry sum.")
    assert not is_subhead("With reporting from Press Association and AFP")

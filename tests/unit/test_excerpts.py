import pytest

from sitegen.excerpts import Paragraph, closest_passage, find, text_fragment

PARAS = [
    Paragraph("p-1", "Ryabkov added that US and Russian envoys could meet “within the next two weeks”, to pave the way."),
    Paragraph("p-2", "Lavrov, for his part, hailed the meeting as “very useful”.\u00a0It was — he said — a start."),
    Paragraph("p-3", "Lavrov said the meeting was “very useful”."),
]


def test_exact_quote_is_found():
    (match,) = find("envoys could meet “within the next two weeks”", PARAS)
    assert match.paragraph.id == "p-1"
    assert match.text == "envoys could meet “within the next two weeks”"


def test_straight_quotes_match_typographic_ones_and_text_is_the_sources():
    (match,) = find('could meet "within the next two weeks"', PARAS)
    assert match.text == "could meet “within the next two weeks”"


def test_whitespace_and_line_breaks_are_ignored():
    (match,) = find("Ryabkov   added that\nUS and Russian", PARAS)
    assert match.paragraph.id == "p-1"


def test_dashes_match_each_other():
    (match,) = find("It was - he said - a start.", PARAS)
    assert match.text == "It was — he said — a start."


def test_case_is_not_folded():
    assert find("ryabkov added", PARAS) == []


def test_words_cannot_be_skipped():
    assert find("Ryabkov added US and Russian envoys", PARAS) == []


def test_ellipsis_joins_parts_in_order_within_one_paragraph():
    for quote in ["Ryabkov added … to pave the way", "Ryabkov added ... to pave the way"]:
        (match,) = find(quote, PARAS)
        assert match.parts == ("Ryabkov added", "to pave the way")
        assert match.text == "Ryabkov added … to pave the way"


def test_ellipsis_parts_out_of_order_are_not_found():
    assert find("to pave the way … Ryabkov added", PARAS) == []


def test_ellipsis_cannot_span_paragraphs():
    assert find("Ryabkov added … a start", PARAS) == []


def test_a_quote_in_two_paragraphs_is_ambiguous():
    matches = find("“very useful”", PARAS)
    assert [m.paragraph.id for m in matches] == ["p-2", "p-3"]


def test_quote_must_start_and_end_on_word_boundaries():
    assert find("yabkov added", PARAS) == []
    assert find("Ryabkov add", PARAS) == []


def test_leading_and_trailing_ellipsis_are_shown():
    (match,) = find("… hailed the meeting …", PARAS)
    assert match.text == "… hailed the meeting …"


def test_closest_passage_points_at_the_near_miss():
    closest = closest_passage("envoys could meet within the next three weeks", PARAS)
    assert "envoys could meet" in closest


def test_text_fragment_encodes_dashes_and_commas():
    (match,) = find("It was - he said - a start.", PARAS)
    assert text_fragment(match) == "#:~:text=It%20was%20%E2%80%94%20he%20said%20%E2%80%94%20a%20start."
    (match,) = find("Ryabkov added … to pave the way", PARAS)
    assert text_fragment(match) == "#:~:text=Ryabkov%20added,to%20pave%20the%20way"


# --- errors that help (issue 14.4): why a quote is not found --------------------

from sitegen.excerpts import explain_miss  # noqa: E402


@pytest.mark.parametrize("quote, hint, why", [
    ("Ryabkov added", "p-2", "found in #p-1, not #p-2: correct the paragraph hint"),
    ("“very useful”", "p-1", "found in #p-2 and #p-3, not #p-1: correct the paragraph hint"),
    ("Ryabkov added … a start", None,
     'its parts are in different paragraphs ("Ryabkov added" in #p-1, "a start" in #p-2): an ellipsis joins words '
     "of one paragraph, so quote each paragraph in its own excerpt"),
    ("to pave the way … Ryabkov added", None,
     "its parts are all in #p-1, but not one after another in this order: an ellipsis keeps the source's order"),
    ("ryabkov ADDED that", None, 'differs only in case: #p-1 has "Ryabkov added that"'),
    ('LAVROV SAID the meeting was "very useful"', "p-3",
     'differs only in case: #p-3 has "Lavrov said the meeting was “very useful”"'),
    ("yabkov added", None, "starts in the middle of the word 'Ryabkov' (#p-1): quote whole words"),
    ("Ryabkov add", None, "ends in the middle of the word 'added' (#p-1): quote whole words"),
    ("abko", None, "lies inside the word 'Ryabkov' (#p-1): quote whole words"),
    ("dded that US and Russian envoy", None, "starts in the middle of the word 'added' and ends in the middle of "
                                             "the word 'envoys' (#p-1): quote whole words"),
    ("envoys could meet within the next three weeks", None, ""),  # a changed word: the closest passage says more
])
def test_a_miss_is_explained(quote, hint, why):
    assert explain_miss(quote, PARAS, hint) == why


def test_a_found_quote_or_an_empty_one_needs_no_explanation():
    assert explain_miss("", PARAS) == "" and explain_miss("…", PARAS) == ""
    assert explain_miss("Ryabkov added", []) == ""


# --- bounded work (issue 19.7) ---------------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sitegen.excerpts import (HINT_CHARS, Folded, _cut, _find_part, _FOLD, _scan_part,  # noqa: E402
                              fold, split_parts)

SMALL = st.text(alphabet="ab .…\u00a0\t\n“-", max_size=30)


def split_parts_reference(quote):
    """The splitter as it was (a backtracking regex), on inputs too small for that to matter."""
    pieces = re.split(r"\s*(?:…|\.\.\.)\s*", quote.strip())
    leading = bool(pieces) and pieces[0] == ""
    trailing = len(pieces) > 1 and pieces[-1] == ""
    return [fold(p) for p in pieces if p.strip()], leading, trailing


@given(SMALL)
def test_split_parts_equals_the_reference(quote):
    assert split_parts(quote) == split_parts_reference(quote)


def find_part_reference(haystack, part, start):
    """Every index in turn: the definition of a part found on word boundaries."""
    for index in range(start, len(haystack) - len(part) + 1):
        if haystack.startswith(part, index):
            left = not (part[0].isalnum() and index > 0 and haystack[index - 1].isalnum())
            end = index + len(part)
            right = not (part[-1].isalnum() and end < len(haystack) and haystack[end].isalnum())
            if left and right:
                return index
    return -1


@settings(max_examples=300)
@given(st.text(alphabet="ab -", max_size=40), st.text(alphabet="ab -", min_size=1, max_size=6),
       st.integers(min_value=0, max_value=40))
def test_find_part_and_its_linear_scan_equal_the_reference(haystack, part, start):
    expected = find_part_reference(haystack, part, start)
    assert _find_part(haystack, part, start) == expected
    assert _scan_part(haystack, part, start) == expected


def folded_reference(original):
    chars, origin, in_space = [], [], False
    for index, char in enumerate(original):
        if char.isspace():
            if not in_space and chars:
                chars.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        chars.append(char.translate(_FOLD))
        origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


@given(st.text(alphabet=" \t\n\u00a0\u2003\u2028\x1cab“”—'", max_size=30))
def test_folded_text_and_offsets_equal_the_reference(original):
    folded = Folded(original)
    assert (folded.text, [folded.origin(i) for i in range(len(folded.text))]) == folded_reference(original)


WORDS = st.lists(st.sampled_from(["the", "envoys", "could", "meet", "Meet", "“within", "weeks”", "two", "—", "a"]),
                 min_size=1, max_size=40)


@given(WORDS, st.data())
def test_the_closest_passage_to_a_verbatim_quote_is_that_quote(words, data):
    text = " ".join(words)
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(words[start:end])
    paragraphs = [Paragraph("p-1", "Unrelated words here."), Paragraph("p-2", text)]
    assert fold(closest_passage(quote, paragraphs)) == _cut(fold(quote), HINT_CHARS)  # what the hint compares


# Sizes that took minutes before (no timing is asserted: each finishes, with the right answer)

def test_an_ellipsis_split_over_a_long_run_of_spaces_finishes():  # 41 s before, for 100,000
    assert split_parts("a … b" + "\u00a0" * 100_000 + "c") == (["a", "b c"], False, False)


def test_overlapping_near_misses_are_scanned_once():  # quadratic before: minutes at this size
    haystack = "x" + "ab" * 200_000 + "x"
    assert _find_part(haystack, "ab" * 50_000, 0) == -1
    assert _find_part(haystack + " " + "ab" * 50_000, "ab" * 50_000, 0) == len(haystack) + 1


def test_the_closest_passage_in_a_huge_paragraph_finishes():  # 106.6 s before
    import random

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(2000)]
    paragraph = " ".join(rng.choice(vocabulary) for _ in range(200_000))[:1_000_000]
    quote = " ".join(rng.choice(vocabulary) for _ in range(2_500))[:15_000]
    planted = paragraph.index(" ", 500_000) + 1
    wrong = paragraph[planted : planted + 300].rsplit(" ", 1)[0] + " differs"
    assert closest_passage(quote, [Paragraph("p-1", paragraph)]) != ""
    assert closest_passage(wrong, [Paragraph("p-1", paragraph)]).startswith(paragraph[planted : planted + 100])
    assert explain_miss(quote, [Paragraph("p-1", paragraph)]) == ""

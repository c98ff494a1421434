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

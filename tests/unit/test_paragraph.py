"""A paragraph holds its text in UTF-8 and gives it back as it was written."""

import pickle

import pytest

from sitegen.excerpts import Paragraph


def test_a_paragraph_gives_back_its_text_exactly():
    text = "Lavrov said the meeting was “very useful” — a start.\u00a0Ukraine’s envoy 🇺🇦 agreed."
    paragraph = Paragraph("p-3", text)
    assert paragraph.text == text and paragraph.id == "p-3"
    assert paragraph.utf8 == text.encode()


def test_paragraphs_compare_and_hash_by_id_and_text():
    assert Paragraph("p-1", "A “quote”.") == Paragraph("p-1", "A “quote”.")
    assert Paragraph("p-1", "A “quote”.") != Paragraph("p-2", "A “quote”.")
    assert Paragraph("p-1", "A “quote”.") != Paragraph("p-1", 'A "quote".')
    assert len({Paragraph("p-1", "x"), Paragraph("p-1", "x"), Paragraph("p-2", "x")}) == 2


def test_a_paragraph_is_frozen():
    paragraph = Paragraph("p-1", "text")
    with pytest.raises(AttributeError):
        paragraph.id = "p-2"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        paragraph.text = "other"  # type: ignore[misc]


def test_a_paragraph_survives_a_pickle_as_workers_send_it():
    paragraph = Paragraph("p-9", "“Within the next two weeks”, he said.")
    again = pickle.loads(pickle.dumps(paragraph, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == paragraph and again.text == paragraph.text and repr(again) == repr(paragraph)

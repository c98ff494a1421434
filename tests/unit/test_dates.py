import datetime as dt

import pytest

from sitegen.dates import resolve_relative

SATURDAY = dt.date(2025, 2, 22)   # TheJournal.ie's report
THURSDAY = dt.date(2025, 8, 7)    # Xinhua's report
TUESDAY = dt.date(2025, 2, 18)    # the Reuters original


@pytest.mark.parametrize("said, anchor, expected", [
    ("on Tuesday", SATURDAY, dt.date(2025, 2, 18)),          # the Riyadh talks
    ("on Friday", SATURDAY, dt.date(2025, 2, 21)),           # Waltz at CPAC
    ("last Wednesday", SATURDAY, dt.date(2025, 2, 19)),      # Zelenskyy's postponed trip
    ("next Monday", SATURDAY, dt.date(2025, 2, 24)),         # the anniversary vote
    ("on Thursday", THURSDAY, THURSDAY),                     # the same day counts
    ("on Wednesday", THURSDAY, dt.date(2025, 8, 6)),         # Witkoff in Moscow
    ("Thursday afternoon", THURSDAY, THURSDAY),
    ("coming Friday", THURSDAY, dt.date(2025, 8, 8)),        # the sanctions deadline
    ("six days ago", TUESDAY, dt.date(2025, 2, 12)),         # the Putin-Trump call
    ("yesterday", TUESDAY, dt.date(2025, 2, 17)),
])
def test_resolves_relative_days_against_the_article_date(said, anchor, expected):
    assert resolve_relative(said, anchor) == expected


@pytest.mark.parametrize("said", ["last week", "soon", "in late July", "Monday or Tuesday", ""])
def test_unreadable_phrases_are_not_guessed(said):
    assert resolve_relative(said, SATURDAY) is None

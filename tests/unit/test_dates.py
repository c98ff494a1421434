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


# --- dates written out (issue 14.4) ----------------------------------------------

from sitegen.dates import unreadable  # noqa: E402

REPORT = dt.date(2025, 11, 22)  # a Saturday


@pytest.mark.parametrize("said, expected", [
    ("November 11", dt.date(2025, 11, 11)),
    ("on 11 November", dt.date(2025, 11, 11)),
    ("11 November 2025", dt.date(2025, 11, 11)),
    ("on Nov. 11", dt.date(2025, 11, 11)),
    ("Nov 11", dt.date(2025, 11, 11)),
    ("on Sept. 3", dt.date(2025, 9, 3)),
    ("the 3rd of September", dt.date(2025, 9, 3)),
    ("November 11th", dt.date(2025, 11, 11)),
    ("Tuesday, November 11", dt.date(2025, 11, 11)),
    ("on Tuesday 11 November", dt.date(2025, 11, 11)),
    ("on the evening of November 21", dt.date(2025, 11, 21)),
    ("November 11, 2024", dt.date(2024, 11, 11)),
    ("on November 22", REPORT),                              # the same day counts
    ("next November 24", dt.date(2025, 11, 24)),             # the text says it looks ahead
    ("coming Nov. 30", dt.date(2025, 11, 30)),
])
def test_resolves_dates_written_out_with_the_articles_year(said, expected):
    assert resolve_relative(said, REPORT) == expected


def test_a_date_after_the_article_is_refused_unless_it_looks_ahead():
    assert resolve_relative("November 24", REPORT) is None
    assert resolve_relative("November 24", REPORT, ahead=True) == dt.date(2025, 11, 24)
    assert unreadable("November 24", REPORT) == (
        "'November 24' is after the article's own date (2025-11-22), so it would be 2025-11-24",
        "if the text looks ahead, add date: 2025-11-24; if it means another year, give the day as "
        "date: YYYY-MM-DD instead of said:")
    assert resolve_relative("December 30", dt.date(2026, 1, 3)) is None  # the year is never guessed
    assert resolve_relative("next November 11", REPORT) is None
    assert unreadable("next November 11", REPORT)[0] == (
        "'next November 11' looks ahead, but November 11 is not after the article's own date (2025-11-22)")


@pytest.mark.parametrize("said, why", [
    ("February 30", ("'February 30' is not a real date", "correct the day, or write the date out as date: YYYY-MM-DD")),
    ("Wednesday, November 11", ("'Wednesday, November 11' does not agree with itself: November 11, 2025 is a "
                                "Tuesday", "correct the day or the weekday")),
    ("November 11 or 12", ("cannot read the date 'November 11 or 12'", "write the date out as date: YYYY-MM-DD")),
    ("late November", ("cannot read the date 'late November'", "write the date out as date: YYYY-MM-DD")),
    ("in May", ("cannot read the date 'in May'", "write the date out as date: YYYY-MM-DD")),
])
def test_dates_that_cannot_be_read_say_why(said, why):
    assert resolve_relative(said, REPORT) is None
    assert unreadable(said, REPORT) == why


def test_weekdays_still_resolve_as_before():
    assert resolve_relative("on Tuesday", REPORT) == dt.date(2025, 11, 18)
    assert unreadable("last week", REPORT) == ("cannot read the date 'last week'", "write the date out as date: YYYY-MM-DD")

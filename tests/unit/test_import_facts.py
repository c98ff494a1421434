"""What a line states about its article: dates (ambiguity kept), datelines, bylines,
source lines, headlines naming their outlet, wire datelines and credits."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.data import Entry, Registry
from sitegen.importing.dates import find_dates, time_in
from sitegen.importing.facts import detect_actors, lead_dateline, looks_like_outlet, read_fact_line, \
    split_headline, wire_credits

NONE = Registry()


@pytest.mark.parametrize("text,readings", [
    ("22/02/2025", [dt.date(2025, 2, 22)]), ("02/22/2025", [dt.date(2025, 2, 22)]),
    ("01-12-2024", [dt.date(2024, 12, 1), dt.date(2024, 1, 12)]), ("12.12.2024", [dt.date(2024, 12, 12)]),
    ("2024-11-19T07:42:00+01:00", [dt.date(2024, 11, 19)]), ("2024/11/3", [dt.date(2024, 11, 3)]),
    ("Sun, November 24, 2024", [dt.date(2024, 11, 24)]), ("24 Nov 2024", [dt.date(2024, 11, 24)]),
    ("Monday, Nov. 25, 2024", [dt.date(2024, 11, 25)]), ("November 24", []), ("31/02/2024", None),
])
def test_dates_are_read_with_every_reading_they_allow(text, readings):
    found = find_dates(text)
    if readings is None:
        assert found == []
    else:
        assert [list(d.readings) for d in found] == [readings]


def test_an_ambiguous_date_describes_both_readings():
    (seen,) = find_dates("Updated: 01-12-2024 17:50 IST")
    assert seen.date is None
    assert seen.describe() == ("'01-12-2024' (day/month order unknown: 1 December 2024 read day first, "
                               "12 January 2024 month first)")


def test_a_weekday_that_contradicts_the_date_is_a_problem():
    (seen,) = find_dates("Sunday, November 25, 2024")
    assert seen.date is None and seen.problem == "it says Sunday, but 25 November 2024 was a Monday"
    (trailing,) = find_dates("09:41 am on 27 Nov 2024,Tuesday")
    assert trailing.problem == "it says Tuesday, but 27 November 2024 was a Wednesday"


def test_a_date_without_a_year_is_seen_not_read():
    (seen,) = find_dates("MOSCOW, November 24. /TASS/.")
    assert seen.readings == () and seen.problem == "no year" and seen.month_day == (11, 24)


@pytest.mark.parametrize("line,time", [("22/02/2025 14:49 The Guardian", "14:49"), ("at 10:15 AM UTC", "10:15 AM UTC"),
                                       ("Updated: 01-12-2024 17:50 IST", "17:50 IST"), ("no time here", "")])
def test_clock_times_are_found_with_their_zone(line, time):
    assert time_in(line) == time


@pytest.mark.parametrize("line,kind,outlet,author", [
    ("Devdiscourse News Desk | New Delhi | Updated: 01-12-2024 17:50 IST", "dateline", "Devdiscourse", None),
    ("22/02/2025 14:49 The Guardian", "dateline", "The Guardian", None),
    ("by · TheJournal.ie", "byline", "TheJournal.ie", None),
    ("By Anna Kowalska | The Northern Ledger | November 28, 2024", "byline", "The Northern Ledger", "Anna Kowalska"),
    ("By Guy Faulconbridge and Dmitry Antonov", "byline", None, "Guy Faulconbridge and Dmitry Antonov"),
    ("short by Priya Sharma / 10:42 am on 27 Nov 2024,Wednesday", "byline", None, "Priya Sharma"),
    ("Source: Xinhua", "source line", "Xinhua", None),
    ("Reuters", "name line", "Reuters", None),
    ("© 2024 The Harbour Courier Ltd. All rights reserved.", "copyright line", "The Harbour Courier", None),
    ("Published Nov 26, 2024", "dateline", None, None),
])
def test_fact_lines_name_what_they_state(line, kind, outlet, author):
    fact = read_fact_line(line, NONE)
    assert fact is not None and (fact.kind, fact.outlet, fact.author) == (kind, outlet, author)


@pytest.mark.parametrize("line", [
    "It was signed on November 24, 2024, in Baku after two weeks of talks.", "Earth minerals deal", "© 2024",
    "The Kremlin said on Sunday that Putin was open to talks.", "By contrast, the draft resolution from the European "
    "Union and Ukraine refers to the full-scale invasion.",
])
def test_article_sentences_are_not_fact_lines(line):
    assert read_fact_line(line, NONE) is None


@pytest.mark.parametrize("line,split", [
    ("Climate summit approves divisive $300B deal – POLITICO", ("Climate summit approves divisive $300B deal", "POLITICO")),
    ("Kremlin says talks possible - Reuters", ("Kremlin says talks possible", "Reuters")),
    ("Baltic ferries halt | The Harbour Courier", ("Baltic ferries halt", "The Harbour Courier")),
    ("Ukraine must cede territory – Orban", None),  # a person's words, attributed the RT way
    ("Russia, Ukraine swap 95 prisoners each — defense ministry", None),
])
def test_a_headline_names_its_outlet_only_when_the_name_reads_as_one(line, split):
    assert split_headline(line, NONE) == split


def test_the_outlet_registry_makes_a_plain_name_an_outlet():
    registry = Registry((Entry("Fakti", "fakti", ("Fakti.bg",), {}, "", 1),))
    assert not looks_like_outlet("Fakti", NONE) and looks_like_outlet("Fakti", registry)
    assert split_headline("Budapest summit off – Fakti", registry) == ("Budapest summit off", "Fakti")


@pytest.mark.parametrize("paragraph,agency", [
    ("MOSCOW (Reuters) - The Kremlin said on Sunday", "Reuters"),
    ("NEW DELHI, Dec 1 (Reuters) - India's foreign minister", "Reuters"),
    ("MOSCOW, November 26. /TASS/. Ninety-five Russian servicemen", "TASS"),
    ("WASHINGTON, Nov. 24 (Xinhua) -- The White House", "Xinhua"),
    ("LONDON (The Times) - Not an agency", None), ("Moscow and Kyiv agreed (again) - to talk", None),
])
def test_a_wire_dateline_opening_the_lead_credits_its_agency(paragraph, agency):
    lead = lead_dateline(paragraph)
    assert (lead.agency if lead else None) == agency


def test_credit_lines_credit_agencies_not_reporters():
    assert wire_credits("With reporting from Press Association and AFP") == ["Press Association", "AFP"]
    assert wire_credits("(Reporting by Guy Faulconbridge; Editing by Mark Heinrich)") == []
    assert wire_credits("Additional reporting by Reuters and dpa") == ["Reuters", "dpa"]


def test_actor_aliases_resolve_to_one_person():
    registry = Registry((Entry("Volodymyr Zelenskyy", "volodymyr-zelenskyy", ("Zelenskyy", "Zelenskiy", "Zelensky"), {}, "", 1),
                         Entry("Yury Ushakov", "yury-ushakov", ("Yuri Ushakov",), {}, "", 2)))
    for text in ["Zelenskyy said", "Zelenskiy said", "President Zelensky said"]:
        assert detect_actors(text, registry) == ["Volodymyr Zelenskyy"]
    assert detect_actors("aide Yuri Ushakov", registry) == ["Yury Ushakov"]
    assert detect_actors("Zelenskyyy", registry) == []  # whole words only


def test_a_hostile_long_line_is_searched_for_dates_only_at_its_start():
    from sitegen.importing.dates import SCAN

    found = find_dates("Nov 1 " * 20000)  # was quadratic: every match checked against every other
    assert 0 < len(found) <= SCAN // 5
    assert find_dates("x" * SCAN + " 22/02/2025") == []

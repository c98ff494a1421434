import datetime as dt

from sitegen import schema
from sitegen.errors import Errors
from sitegen.frontmatter import load_yaml
from sitegen.schema import Field

FIELDS = [
    Field("title", schema.nonempty_text, required=True),
    Field("date", schema.date),
    Field("draft", schema.boolean, default=False),
    Field("actors", schema.list_of(schema.nonempty_text), default=()),
    Field("url", schema.url),
]


def read(text):
    errors = Errors()
    values = schema.read(load_yaml(text, "a.md", first_line=2), FIELDS, "a.md", errors, line=1)
    return values, [str(e) for e in errors.items]


def test_reads_typed_values_with_defaults():
    values, errors = read("title: no\ndate: 2025-02-22\nactors: [Putin]\n")
    assert errors == []
    assert values == {"title": "no", "date": dt.date(2025, 2, 22), "actors": ("Putin",), "draft": False, "url": None}


def test_rejects_day_first_dates_with_the_iso_spelling():
    _, errors = read("title: A\ndate: 22/02/2025\n")
    assert errors == ["a.md:3: date: '22/02/2025' is not an ISO 8601 date (write 2025-02-22)"]


def test_rejects_date_time_without_timezone():
    _, errors = read("title: A\ndate: 2025-02-22T14:49:00\n")
    assert errors == ["a.md:3: date: '2025-02-22T14:49:00' has a time but no timezone "
                      "(write 2025-02-22T14:49:00+00:00, or the date alone)"]


def test_accepts_date_time_with_timezone():
    values, errors = read("title: A\ndate: 2025-02-22T14:49:00+01:00\n")
    assert errors == []
    assert values["date"].utcoffset() == dt.timedelta(hours=1)


def test_unknown_key_suggests_the_closest():
    _, errors = read("title: A\ntilte: B\n")
    assert errors == ["a.md:3: unknown key 'tilte' — did you mean 'title'?"]


def test_missing_required_key_points_at_the_fence():
    _, errors = read("date: 2025-02-22\n")
    assert errors == ["a.md:1: missing required key 'title' — add 'title:' to the front matter"]


def test_yes_is_not_a_boolean():
    _, errors = read("title: A\ndraft: yes\n")
    assert errors == ["a.md:3: draft: expected true or false, found 'yes' — write true or false"]


def test_list_expected_not_text():
    _, errors = read("title: A\nactors: Putin\n")
    assert errors == ["a.md:3: actors: expected a list, found text — write one '- item' per line"]


def test_url_must_be_http():
    _, errors = read("title: A\nurl: javascript:alert(1)\n")
    assert errors == ["a.md:3: url: 'javascript:alert(1)' is not an http(s) URL — write it as https://example.org/…"]


def test_all_errors_are_reported_together():
    _, errors = read("title: ''\ndate: tomorrow\ndraft: 1\n")
    assert len(errors) == 3


import pytest  # noqa: E402


@pytest.mark.parametrize("yaml_value, code, what", [
    ('"Talks\\vin Riyadh"', "U+000B", "the control character"),
    ('"Talks\\0"', "U+0000", "the control character"),
    ('"\\e[31mred"', "U+001B", "the control character"),
    ('"not a character \\uFFFE"', "U+FFFE", "the character"),
])
def test_text_refuses_characters_that_xml_does_not_allow(yaml_value, code, what):
    values, errors = read(f"title: {yaml_value}\n")
    assert values is None
    assert errors == [f"a.md:2: title: contains {what} {code} — remove it"]


def test_text_keeps_tabs_line_breaks_and_every_other_character():
    values, errors = read('title: "Tab\\there, line\\nbreak, r\\u00e9sum\\u00e9, \\U0001F600, \\u0085"\n')
    assert errors == [] and values["title"] == "Tab\there, line\nbreak, résumé, \U0001F600, \x85"


def test_list_items_are_checked_too():
    _, errors = read('title: T\nactors: [Putin, "Zel\\x07ensky"]\n')
    assert errors == ["a.md:3: actors: contains the control character U+0007 — remove it"]


@pytest.mark.parametrize("value, problem", [
    ("../../../etc/passwd", "leaves the site's folder ('..')"), ("seeds/../../x.txt", "leaves the site's folder ('..')"),
    ("/etc/passwd", "is an absolute path"), ("C:/Users/x.txt", "is an absolute path"),
    ("seeds\\\\x.txt", "has a backslash"),
])
def test_a_site_path_stays_inside_the_site(value, problem):
    errors = Errors()
    node = load_yaml(f'source: "{value}"\n', "a.md").items["source"][1]
    assert schema.site_path(node, "source", "a.md", errors) is schema._INVALID
    shown = value.replace("\\\\", "\\")
    assert [str(e) for e in errors.items] == [f"a.md:1: source: '{shown}' {problem} — write a path inside the site, "
                                              "relative to its folder, such as seeds/report.txt"]


def test_a_site_path_inside_the_site_is_kept():
    node = load_yaml("source: seeds/2025-02-22 guardian.txt\n", "a.md").items["source"][1]
    assert schema.site_path(node, "source", "a.md", Errors()) == "seeds/2025-02-22 guardian.txt"

"""Each fixture layout imports to the headline, outlet, date and exact paragraphs written
down for it by hand (tests/fixtures/import/<name>.expect.yaml): every sentence of the report
kept, no furniture left as article text, and what the page does not establish asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.data import Data
from sitegen.importing import ImportFailed, Options, read_original
from sitegen.importing.read import read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))


def expectation(name: str) -> dict:
    return yaml.safe_load((FIXTURES / (Path(name).stem + ".expect.yaml")).read_text(encoding="utf-8"))


def test_there_are_at_least_eight_layouts():
    assert len(NAMES) >= 8
    assert all((FIXTURES / (Path(name).stem + ".expect.yaml")).is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_what_the_page_does_not_establish_is_asked_for_naming_what_was_seen(name):
    want = expectation(name)
    raw = read_file(FIXTURES / name)
    if not want["errors_without_flags"]:
        read_original(raw, Options(), Data())
        return
    with pytest.raises(ImportFailed) as failed:
        read_original(raw, Options(), Data())
    assert sorted(str(e) for e in failed.value.errors) == sorted(f"{raw.shown}: {m}" for m in want["errors_without_flags"])


@pytest.mark.parametrize("name", NAMES)
def test_fixture_imports_to_its_headline_outlet_date_and_exact_paragraphs(name):
    want = expectation(name)
    article = read_original(read_file(FIXTURES / name), Options(**want["flags"]), Data())
    facts = article.facts
    assert facts.title == want["title"]
    assert facts.outlet == want["outlet"]
    assert facts.date.isoformat() == want["date"]
    assert list(facts.wire) == want["wire"]
    assert (facts.title_note, facts.date_note, facts.outlet_note) == \
        (want["title_note"], want["date_note"], want["outlet_note"])
    assert [b.text for b in article.layout.blocks if b.kind == "h"] == want["subheads"]
    assert article.paragraphs == want["paragraphs"]


@pytest.mark.parametrize("name", NAMES)
def test_notes_speak_to_readers_never_in_command_line_flags(name):
    want = expectation(name)
    facts = read_original(read_file(FIXTURES / name), Options(**want["flags"]), Data()).facts
    for note in (facts.title_note, facts.date_note, facts.outlet_note, facts.url_note, *facts.notes):
        assert "--" not in note and "(--" not in note, note

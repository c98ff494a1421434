"""Importing each seed against expectations written by hand from reading the texts."""

import datetime as dt
import re
from pathlib import Path

import pytest

from sitegen.data import Data, Registry
from sitegen.importing import ImportFailed, Options, read_original
from sitegen.importing.read import Raw
from sitegen.importing.write import make_slug

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_text(text: str, name: str, options: Options, registry: Registry = Registry()):
    return read_original(Raw(text.encode("utf-8"), f"{name}.txt", name), options, Data(actors=registry))


def blocks(item):
    return [(block.kind, block.text) for block in item.layout.blocks]


# For each seed: the flags an editor must give, what the importer must establish,
# the lines that are page furniture (by their start), and the text's own subheads.
EXPECTED = {
    "000": dict(
        options=Options(date="2025-02-22"),
        title="Preparations underway for face-to-face meeting between Trump and Putin, Russia says",
        outlet="TheJournal.ie", date=dt.date(2025, 2, 22), wire=["Press Association", "AFP"],
        paragraphs=34, subheads=["Earth minerals deal", "US resolution fails to condemn Russia"],
        furniture=["by · TheJournal.ie", "Advertisement", "Want to be your own fact-checker?",
                   "Readers like you are keeping", "A mix of advertising and supporting contributions",
                   "Learn More Support The Journal"],
        caption="since Kyiv did not take part. Alamy Stock PhotoAlamy Stock Photo",
    ),
    "001": dict(
        options=Options(),
        title="Preparations under way for meeting between Trump and Putin, Russia says",
        outlet="The Guardian", date=dt.date(2025, 2, 22), wire=[],
        paragraphs=3, subheads=[],
        furniture=["22/02/2025 14:49 The Guardian", 'Continua a leggere su "The Guardian"',
                   'Altre notizie da "The Guardian"', "BREAKING NEWS", "22/02 21:47 - NATO to expand"],
    ),
    "002": dict(
        options=Options(date="2025-02-18", outlet="unknown", title="Editor's headline"),
        title="Editor's headline", outlet=None, date=dt.date(2025, 2, 18), wire=[],
        paragraphs=26, subheads=["RUSSIA RAISES NEW DEMANDS BEFORE NEGOTIATION WITH US BEGINS"],
        furniture=["Learn Extra: UK able to ship troops"],
    ),
    "003": dict(
        options=Options(date="2025-08-07", title="Editor's headline"),
        title="Editor's headline", outlet="Xinhua", date=dt.date(2025, 8, 7), wire=[],
        paragraphs=22, subheads=["MEETING PENDING FOR NEXT WEEK", "PUTIN-ZELENSKY MEETING RULED OUT",
                                 "NO CEASEFIRE IN SIGHT"],
        furniture=["Source: Xinhua", "Share Us"],
    ),
    "004": dict(
        options=Options(date="2025-10-22", outlet="unknown", wire=("BTA",)),
        title="US officials confirm: Trump has suspended work on preparing a second meeting with Putin",
        outlet=None, date=dt.date(2025, 10, 22), wire=["BTA"],
        paragraphs=30, subheads=[],
        furniture=["Link to main version", "193", "Снимка: БГНЕС/ EPA"],
    ),
}

# Text that is not article text although it sits inside an article line.
INLINE_FURNITURE = [" Continue reading...", " Enditem"]


@pytest.mark.parametrize("name", EXPECTED)
def test_seed_import_establishes_title_outlet_date_and_structure(name):
    want = EXPECTED[name]
    item = parse_text(seed(name), name, want["options"], Registry())
    facts = item.facts
    assert facts.title == want["title"]
    assert facts.outlet == want["outlet"]
    assert facts.date == want["date"]
    assert list(facts.wire) == want["wire"]
    assert sum(1 for kind, _ in blocks(item) if kind == "p") == want["paragraphs"]
    assert [text for kind, text in blocks(item) if kind == "h"] == want["subheads"]


@pytest.mark.parametrize("name", EXPECTED)
def test_seed_import_strips_every_furniture_line_and_keeps_every_article_sentence(name):
    want = EXPECTED[name]
    raw = seed(name)
    item = parse_text(raw, name, want["options"], Registry())
    body = "\n".join(text for _, text in blocks(item))
    for start in want["furniture"]:
        assert not any(text.startswith(start) for _, text in blocks(item)), start
    # The article is every other line of the file, in order: nothing lost, nothing added.
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    if name in ("000", "001", "004"):
        lines = lines[[l.startswith(want["title"]) for l in lines].index(True) + 1 :]
    expected = []
    for line in lines:
        if any(line.startswith(f) for f in want["furniture"]) or line.endswith(want.get("caption", "\0")):
            continue
        if name == "001" and line.startswith(("Continua", "Altre", "BREAKING", "22/02 ")):
            continue
        for marker in INLINE_FURNITURE:
            line = line.removesuffix(marker)
        expected.append(line)
    assert squash(body) == squash("".join(expected))


def test_guardian_copy_keeps_the_ticker_as_headlines_not_text():
    item = parse_text(seed("001"), "001", Options(), Registry())
    assert len(item.layout.ticker) == 100
    assert item.layout.ticker[0] == {"time": "22/02 21:47", "headline": "NATO to expand military pipelines in Eastern Europe – Spiegel"}
    assert not any("BREAKING" in text or "21:47" in text for _, text in blocks(item))


def test_guardian_standfirst_glued_to_the_lead_is_split():
    item = parse_text(seed("001"), "001", Options(), Registry())
    first, second = blocks(item)[0][1], blocks(item)[1][1]
    assert first.endswith("deputy foreign minister says")
    assert second.startswith("Preparations for a face-to-face meeting")
    assert any(note.startswith("Paragraphs run together in the copy were split at") for note in item.facts.notes)


def test_glue_split_spares_abbreviations():
    item = parse_text("Headline here\n\nThe U.S. President said so.\n", "x", Options(date="2025-01-01", outlet="X"),
                      Registry())
    assert blocks(item) == [("p", "The U.S. President said so.")]


def test_what_the_text_does_not_establish_is_an_error_asking_for_the_flag():
    with pytest.raises(ImportFailed) as exc:
        parse_text(seed("002"), "002.txt", Options(), Registry())
    messages = sorted(str(e) for e in exc.value.errors)
    assert messages == [
        "002.txt: no date found: the text has no dateline — pass --date YYYY-MM-DD established from the text "
        "(keep the reasoning in date_note)",
        "002.txt: no outlet found: no dateline, byline or 'Source:' line — pass --outlet NAME "
        "(or --outlet unknown when it cannot be established)",
        "002.txt:1: no headline found: the text opens with article text ('U.S. President Donald Trump’s "
        "administration ment…') — pass --title 'Headline' (and say where it comes from in title_note)",
    ]


def test_slug_from_date_outlet_and_names():
    assert make_slug(dt.date(2025, 2, 22), "The Guardian", "Preparations under way for meeting between Trump and Putin") \
        == "2025-02-22-guardian-trump-putin"

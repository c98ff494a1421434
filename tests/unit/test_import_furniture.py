"""Each furniture rule, line by line: what it catches and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.importing import furniture as f

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

CAUGHT = {
    "advertisement": ["Advertisement", "ADVERTISEMENT", "Sponsored content", "Story continues below advertisement",
                      "Scroll to continue with content"],
    "share widget": ["[", "|", "]", "<", "•", "…"],
    "share buttons": ["Share", "Share Us", "Share this article", "Facebook Twitter WhatsApp Email", "Copy link",
                      "Share on X", "Tweet"],
    "counter": ["193", "3 days ago 3", "2 hours ago", "1.2K views", "5 min read", "Updated 3 hours ago", "12:04",
                "Listen to this article 4:12", "3 min read"],
    "read-more link": ["Read more on POLITICO", "Read Entire Article", "Read also: Putin says talks are possible",
                       "Learn Extra: UK able to ship troops to Ukraine as Europe leaders maintain struggle talks",
                       'Continua a leggere su "The Guardian"', "Continue reading...", "See also: How the deal was done",
                       "Read the full story at Reuters", "Related: Kremlin rejects ceasefire"],
    "link list heading": ["Read also", "Related stories", "Most read", "More from Reuters", "You may also like",
                          'Altre notizie da "The Guardian"', "BREAKING NEWS", "Trending Now", "Latest News:"],
    "photo caption": ["Delegates applaud at the closing plenary of COP29 in Baku. | Sean Gallup/Getty Images",
                      "A passenger ferry leaves the port of Rostock on Monday evening. Photo: Jens Büttner/dpa",
                      "Снимка: БГНЕС/ EPA", "FILE PHOTO: Russian President Vladimir Putin attends a meeting in Moscow.",
                      "Representative Image", "(AP Photo/Evan Vucci)",
                      "Ukrainian President Volodymyr Zelenskyy said his country would not accept any outcome from the "
                      "talks since Kyiv did not take part. Alamy Stock PhotoAlamy Stock Photo",
                      "Kremlin spokesman Dmitry Peskov. REUTERS/Maxim Shemetov/File Photo"],
    "feedback prompt": ["Give Feedback", "Was this article helpful?", "Comments (12)", "Report an error"],
    "reader appeal": ["Want to be your own fact-checker? Visit our brand-new FactCheck Knowledge Bank for guides and "
                      "toolkits", "Readers like you are keeping these stories free for everyone...",
                      "Learn More Support The Journal", "Sign up for our daily newsletter and get the day’s top "
                      "stories in your inbox.", "Subscribe to our newsletter", "Follow us on Telegram"],
    "tag list": ["Country: India", "Topics: Baltic Sea, Shipping, Security", "Tags: Ukraine, Russia", "#Ukraine #Russia"],
    "site footer": ["© 2024 The Harbour Courier Ltd. All rights reserved.", "Privacy policy", "Accept all cookies",
                    "Skip to main content", "We use cookies to improve your experience."],
    "publisher's notice": ["(This story has not been edited by Devdiscourse staff and is auto-generated from a "
                           "syndicated feed.)", "Disclaimer: The views expressed are the author's own."],
    "headline ticker": ["22/02 21:47 - NATO to expand 22/02 21:40 - Orban speaks 22/02 21:30 - Markets fall"],
}

ARTICLE_TEXT = [
    "Earth minerals deal", "US resolution fails to condemn Russia", "MEETING PENDING FOR NEXT WEEK",
    "The operators said freight services would continue under escort.",
    "“Sign up for the army,” he told the crowd.",
    "Russia said it would support our efforts to end the war, the minister said.",
    "You can register to vote until Friday, officials said.",
    "With reporting from Press Association and AFP",
    "(Reporting by Guy Faulconbridge; Editing by Mark Heinrich)",
    "He said the photo was taken in Kyiv on Tuesday.",
    "Read the room, the diplomat told colleagues before the vote.",
    "Reuters could not independently verify the report.",
    "It is a paltry sum.",
    "The image - which circulated widely - was fake, the ministry said.",
]


@pytest.mark.parametrize("label,line", [(label, line) for label, lines in CAUGHT.items() for line in lines])
def test_rule_catches_its_kind_of_furniture(label, line):
    assert f.furniture(line, "body") == label or f.furniture(line, "closing") == label


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_article_text_is_not_furniture_inside_the_body(line):
    assert f.furniture(line, "body") is None


def test_seed_paragraphs_are_not_furniture_inside_the_body():
    # every long line of the five seeds is article text or known furniture
    known = {"Readers like you are keeping these stories free for everyone...",
             "Want to be your own fact-checker? Visit our brand-new FactCheck Knowledge Bank for guides and toolkits"}
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 120 and line not in known and not line.startswith("A mix of advertising") \
                    and not f.is_ticker(line) and not line.endswith("Alamy Stock Photo"):
                assert f.furniture(line, "body") is None, (path.name, line[:80])


@pytest.mark.parametrize("line", ["Home", "World", "Home › News › World", "Sign in", "Europe",
                                  "Home / Headlines / World / Europe / Ukraine"])
def test_short_lines_are_navigation_around_the_article_only(line):
    assert f.furniture(line, "opening") is not None
    assert f.furniture("Earth minerals deal", "body") is None


@pytest.mark.parametrize("line,ends", [
    ("Read more on POLITICO", True), ("Read Entire Article", True), ("Continue reading on The Guardian", True),
    ('Continua a leggere su "The Guardian"', True), ("Read also: Putin says talks possible", False),
    ("Read also", False), ("Read", False),
])
def test_links_out_to_the_full_report_end_the_article(line, ends):
    assert f.ends_article(line) is ends


@pytest.mark.parametrize("line,kept,removed", [
    ("they are being sidelined. Continue reading...", "they are being sidelined.", "Continue reading..."),
    ("casualties and infrastructure damage. Enditem", "casualties and infrastructure damage.", "Enditem"),
])
def test_inline_end_marks_are_split_off(line, kept, removed):
    assert f.split_inline_end(line)[:2] == (kept, removed)

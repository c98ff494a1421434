"""`--strict` (checks.py): what an editor should look at before publishing, as warnings that do
not fail the build — an article checked against no original, excerpts cut from their referent or
attribution, claims their excerpts do not support (issue 15) — and no warning where the page does
it right. Built on tests/sites/living/, which gives none."""

from __future__ import annotations

import pytest

from tests.conftest import SITES
from tests.integration.living import replace

TOPIC = "content/topics/sanctions-relief.md"
NEW_TOPIC = "content/topics/checks.md"


def strict(site, cli, files=None, edits=()):
    """Build the living fixture with --strict (files added, edits made): its warning lines."""
    root = site("living", files=files)
    for rel, old, new in edits:
        replace(root, rel, old, new)
    run = cli("build", "-s", root, "--strict", "-q")
    assert run.code == 0, run.err  # warnings never fail the build
    assert "Traceback" not in run.err
    return [line.removeprefix("warning: ") for line in run.err.splitlines() if line.startswith("warning: ")]


def topic(body: str, front: str = "") -> dict[str, str]:
    """A topic page of the given body (its lines start at file line 5 + the lines of ``front``)."""
    return {NEW_TOPIC: "---\ntitle: Checks\n" + front + "---\n\n" + body}


def test_the_living_fixture_gives_no_warning(site, cli):
    assert strict(site, cli) == []


def test_strict_check_gives_the_same_warnings_as_strict_build(site, cli):
    root = site("living", files=topic("::: excerpt northern-post-sanctions\nHe added that the relief should cover\n:::\n"))
    build = cli("build", "-s", root, "--strict", "-q")
    check = cli("check", "-s", root, "--strict")
    assert build.code == check.code == 0
    warnings = [line for line in build.err.splitlines() if line.startswith("warning: ")]
    assert warnings and warnings == [line for line in check.err.splitlines() if line.startswith("warning: ")]


def test_without_strict_there_is_no_such_warning(site, cli):
    root = site("living", files=topic("::: excerpt northern-post-sanctions\nHe added that the relief should cover\n:::\n"))
    run = cli("build", "-s", root, "-q")
    assert run.code == 0 and "warning" not in run.err


# --- articles without a kept original ---------------------------------------------------------------

def test_an_article_without_a_source_is_named(site, cli):
    warnings = strict(site, cli, edits=[("content/articles/spin-copy.md", "source: seeds/spin-copy.txt\n", "")])
    assert warnings == ["content/articles/spin-copy.md:2: names no kept original (source:), so its text is checked "
                        "against nothing — keep the raw report in seeds/ and give its path as source:"]


# --- excerpts cut from their referent -----------------------------------------------------------------

HE_ADDED = "::: excerpt northern-post-sanctions id=energy\nHe added that the relief should cover \"energy and banking first\".\n:::\n"


def test_an_excerpt_opening_with_he_and_no_lead_in_is_named(site, cli):
    assert strict(site, cli, files=topic(HE_ADDED)) == [
        f'{NEW_TOPIC}:5: excerpt \'energy\' opens with "He": who or what is meant is not in the quote, nor named '
        "just before it — extend the excerpt to where the text names it, or name it in the sentence before the excerpt"]


def test_an_excerpt_after_a_lead_in_that_says_nothing_of_who_is_named(site, cli):
    warnings = strict(site, cli, files=topic("The conditions were then set out:\n\n" + HE_ADDED))
    assert [w.split(" opens with ")[0] for w in warnings] == [f"{NEW_TOPIC}:7: excerpt 'energy'"]


def test_a_lead_in_that_names_the_speaker_is_enough(site, cli):
    assert strict(site, cli, files=topic("Southland's minister, Marko Petrov, went on:\n\n" + HE_ADDED)) == []


def test_a_lead_in_naming_someone_not_in_the_registry_is_enough(site, cli):
    assert strict(site, cli, files=topic("Asked about banks, the minister Petrov's deputy, Ivan Kolev, said:\n\n"
                                         + HE_ADDED)) == []


def test_an_excerpt_continuing_the_previous_excerpts_paragraph_needs_no_lead_in(site, cli):
    body = ("Marko Petrov set out his conditions:\n\n::: excerpt northern-post-sanctions id=relief-first\n"
            "Marko Petrov said on Wednesday that Southland wanted sanctions eased\n:::\n\n" + HE_ADDED)
    assert strict(site, cli, files=topic(body)) == []


def test_an_excerpt_after_the_pages_own_words_does_not_continue_the_one_before(site, cli):
    body = ("Marko Petrov set out his conditions:\n\n::: excerpt northern-post-sanctions id=relief-first\n"
            "Marko Petrov said on Wednesday that Southland wanted sanctions eased\n:::\n\n"
            "The talks went on.\n\n" + HE_ADDED)
    warnings = strict(site, cli, files=topic(body))
    assert len(warnings) == 1 and "excerpt 'energy' opens with \"He\"" in warnings[0]


PUBLICATION = {
    "seeds/review.txt": "Press review\n\nThe publication recalls that the envoys last met in 2023, writes \"Politico\".\n\n"
                        "Prices rose 5 per cent in March, according to the statistics office.\n",
    "content/articles/review.md": "---\ntitle: Review\ndate: 2025-03-14\noutlet: Sofia Daily\nsource: seeds/review.txt\n"
                                  "---\nPress review\n\nThe publication recalls that the envoys last met in 2023, writes "
                                  "\"Politico\".\n\nPrices rose 5 per cent in March, according to the statistics "
                                  "office.\n",
}


def test_an_excerpt_opening_with_the_publication_is_named(site, cli):
    files = {**PUBLICATION, **topic("::: excerpt review id=met\nThe publication recalls that the envoys last met "
                                    "in 2023, writes \"Politico\".\n:::\n")}
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:5: excerpt \'met\' opens with "The publication": who or what is meant is not in the quote, nor '
        "named just before it — extend the excerpt to where the text names it, or name it in the sentence before the "
        "excerpt"]


def test_an_excerpt_opening_with_the_publication_after_a_lead_in_naming_it(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily quoted Politico:\n\n::: excerpt review id=met\nThe publication recalls "
                                    "that the envoys last met in 2023, writes \"Politico\".\n:::\n")}
    assert strict(site, cli, files=files) == []


# --- excerpts cut from their attribution -----------------------------------------------------------------

def test_an_excerpt_that_drops_writes_politico_is_named(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily's review:\n\n::: excerpt review id=met\nThe publication recalls that "
                                    "the envoys last met in 2023\n:::\n")}
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:7: excerpt \'met\' leaves out the attribution that ends its sentence: "writes "Politico"" — '
        "extend the excerpt to include it, or give the attribution just before the excerpt"]


def test_an_excerpt_whose_dropped_attribution_the_lead_in_gives_is_not_named(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily, citing Politico:\n\n::: excerpt review id=met\nThe publication "
                                    "recalls that the envoys last met in 2023\n:::\n")}
    assert strict(site, cli, files=files) == []


def test_an_excerpt_that_drops_according_to_is_named(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily on prices:\n\n::: excerpt review id=prices\nPrices rose 5 per cent "
                                    "in March\n:::\n")}
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:7: excerpt \'prices\' leaves out the attribution that ends its sentence: "according to the '
        'statistics office" — extend the excerpt to include it, or give the attribution just before the excerpt']


def test_an_excerpt_whose_dropped_according_to_the_lead_in_gives_is_not_named(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily, citing the statistics office:\n\n::: excerpt review id=prices\n"
                                    "Prices rose 5 per cent in March\n:::\n")}
    assert strict(site, cli, files=files) == []


def test_an_excerpt_that_keeps_its_attribution_is_not_named(site, cli):
    files = {**PUBLICATION, **topic("Sofia Daily on prices:\n\n::: excerpt review id=prices\nPrices rose 5 per cent "
                                    "in March, according to the statistics office.\n:::\n")}
    assert strict(site, cli, files=files) == []


def test_a_quote_cut_before_its_speaker_is_named(site, cli):
    files = topic("The envoys' mood:\n\n::: excerpt valley-gazette-talks id=calendar\n\"We have a calendar, and "
                  "that is more than we had a week ago,\"\n:::\n")
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:7: excerpt \'calendar\' leaves out the attribution that ends its sentence: "Berg said after '
        'the talks" — extend the excerpt to include it, or give the attribution just before the excerpt']


def test_a_quote_cut_before_its_speaker_whom_the_lead_in_names_is_not_named(site, cli):
    files = topic("Anna Berg was hopeful:\n\n::: excerpt valley-gazette-talks id=calendar\n\"We have a calendar, and "
                  "that is more than we had a week ago\n:::\n")
    assert strict(site, cli, files=files) == []


def test_an_excerpt_that_drops_he_said_is_answered_by_a_lead_in_naming_the_speaker(site, cli):
    extra = {"seeds/review.txt": PUBLICATION["seeds/review.txt"] + "\nTalks will resume in April, he said.\n",
             "content/articles/review.md": PUBLICATION["content/articles/review.md"]
             + "\nTalks will resume in April, he said.\n"}
    bare = strict(site, cli, files={**extra, **topic("On the calendar:\n\n::: excerpt review id=april\n"
                                                     "Talks will resume in April\n:::\n")})
    assert bare == [f'{NEW_TOPIC}:7: excerpt \'april\' leaves out the attribution that ends its sentence: "he said" — '
                    "extend the excerpt to include it, or give the attribution just before the excerpt"]


def test_he_said_dropped_after_a_lead_in_naming_the_speaker_is_not_named(site, cli):
    extra = {"seeds/review.txt": PUBLICATION["seeds/review.txt"] + "\nTalks will resume in April, he said.\n",
             "content/articles/review.md": PUBLICATION["content/articles/review.md"]
             + "\nTalks will resume in April, he said.\n"}
    assert strict(site, cli, files={**extra, **topic("Marko Petrov on the calendar:\n\n::: excerpt review id=april\n"
                                                     "Talks will resume in April\n:::\n")}) == []


def test_an_excerpt_that_drops_a_speaker_told_reporters_is_named(site, cli):
    files = topic("The envoys agreed:\n\n::: excerpt northern-post-talks id=geneva\nEnvoys from Northland and "
                  "Southland agreed on Tuesday to meet again in Geneva\n:::\n")
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:7: excerpt \'geneva\' leaves out the attribution that ends its sentence: "Anna Berg told '
        'reporters" — extend the excerpt to include it, or give the attribution just before the excerpt']


def test_an_excerpt_that_drops_an_attribution_opening_its_sentence_is_named(site, cli):
    files = topic("Northland's silence:\n\n::: excerpt northern-post-sanctions id=silence\n"
                  "Southland wanted sanctions eased before it signed anything\n:::\n")
    assert strict(site, cli, files=files) == [
        f'{NEW_TOPIC}:7: excerpt \'silence\' leaves out the attribution that opens its sentence: "Marko Petrov said '
        'on Wednesday that" — start the excerpt there, or give the attribution just before the excerpt']


# --- claims and their evidence ------------------------------------------------------------------------

def test_a_key_point_citing_no_excerpt_is_named(site, cli):
    warnings = strict(site, cli, edits=[(TOPIC, " ([Northern Post](#relief)).", ".")])
    assert warnings == [f'{TOPIC}:20: key point cites no excerpt: "Petrov wants sanctions eased before Southland signs '
                        'anythin…" — link it to the excerpts it rests on: ([Outlet](#excerpt-id))']


def test_a_key_point_whose_quoted_words_its_excerpt_lacks_is_named(site, cli):
    warnings = strict(site, cli, edits=[(TOPIC, "Petrov wants sanctions eased",
                                         'Petrov wants "all sanctions lifted" and 40% of trade restored, with Berg\'s '
                                         'support; sanctions eased')])
    assert warnings == [f"{TOPIC}:20: key point says what its excerpts do not: 'all sanctions lifted', 'Berg', '40%' "
                        "not in #relief — cite the excerpts that say it, or say only what they say"]


def test_a_key_point_whose_words_names_and_figures_its_excerpts_have_is_not_named(site, cli):
    warnings = strict(site, cli, edits=[(TOPIC, "- Petrov wants sanctions eased before Southland signs anything "
                                                "([Northern Post](#relief)).",
                                         "- Marko Petrov wants sanctions \"eased before it signed anything\"; Anna Berg "
                                         "spoke of a plan to \"gather once more\" ([Northern Post](#relief), "
                                         "[a paraphrased copy](#fresh-round)).")])
    assert warnings == [], "a person's other spelling (Berg) and quotes from two excerpts count"


def test_an_event_without_excerpts_is_named(site, cli):
    warnings = strict(site, cli, edits=[(TOPIC, "events:\n", "events:\n  - date: 2025-03-01\n    event: Talks "
                                                                "were first proposed\n")])
    assert warnings == [f"{TOPIC}:7: events[1] names no excerpt that reports it — list the ids of the excerpts it "
                        "rests on under excerpts:"]


def test_a_method_page_without_a_corrections_section_is_named(site, cli):
    warnings = strict(site, cli, edits=[("content/pages/method.md", "## Corrections", "## Mistakes"),
                                        ("content/pages/method.md", '    at: "#corrections"\n', "")])
    assert warnings == ["content/pages/method.md:2: has no #corrections section, which the site's JSON-LD names as its "
                        "corrections policy (method_page: /method/) — add a heading \"Corrections\" that says how "
                        "the briefing is corrected"]


def test_every_warning_of_the_fixture_at_once_in_file_order(site, cli):
    files = {**PUBLICATION, **topic("::: excerpt review id=met\nThe publication recalls that the envoys last met in "
                                    "2023\n:::\n\n" + HE_ADDED)}
    warnings = strict(site, cli, files=files, edits=[(TOPIC, " ([Northern Post](#relief)).", ".")])
    assert [w.split(":")[0] for w in warnings] == [NEW_TOPIC, NEW_TOPIC, NEW_TOPIC, TOPIC]
    assert warnings == sorted(warnings, key=lambda w: (w.split(":")[0], int(w.split(":")[1])))


def test_the_fixture_has_what_the_checks_read():
    """The registry knows the people the checks look for, by their other spellings too."""
    actors = (SITES / "living/data/actors.yaml").read_text()
    assert "aliases: [Berg]" in actors and "aliases: [Petrov]" in actors


@pytest.mark.parametrize("opening", ["She", "They", "This", "During that meeting", "The agency", "According to the report"])
def test_each_referring_opening_is_named_without_a_lead_in(site, cli, opening):
    words = f"{opening} the envoys spoke of a calendar for the talks."
    files = {"seeds/openings.txt": words + "\n",
             "content/articles/openings.md": f"---\ntitle: Openings\ndate: 2025-03-14\noutlet: Sofia Daily\n"
                                             f"source: seeds/openings.txt\n---\n{words}\n",
             **topic(f"::: excerpt openings id=open\n{words}\n:::\n")}
    warnings = strict(site, cli, files=files)
    assert len(warnings) == 1 and f'opens with "{opening}"' in warnings[0]

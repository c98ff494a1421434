"""Fidelity (issue 14.3): every article says only what its kept original says. A changed word, an
added sentence, paragraphs out of order or a subhead of the editor's are errors at the file line,
naming the paragraph and quoting the original's closest passage; a saved web page is read through
the same extraction an import uses; Markdown escapes and typographic quotes are not differences;
a build that keeps its cache checks again exactly the articles whose body or original changed.
Built on tests/sites/living/."""

from __future__ import annotations

import os

import pytest

from sitegen import fidelity
from sitegen.build import build
from sitegen.reuse import Session
from tests.conftest import SITES, fails_cleanly, write
from tests.integration.living import replace, touch_later

NORTHERN = "content/articles/northern-post-talks.md"
SPIN = "content/articles/spin-copy.md"
VALLEY = "content/articles/valley-gazette-talks.md"
SANCTIONS = "content/articles/northern-post-sanctions.md"


def edited(path: str, old: str, new: str) -> dict[str, str]:
    good = (SITES / "living" / path).read_text()
    assert old in good, (path, old)
    return {path: good.replace(old, new, 1)}


def fails(site, cli, files):
    return fails_cleanly(lambda: site("living"), cli, files).error_lines


def test_the_living_fixture_is_faithful_to_its_kept_originals(site, cli):
    root = site("living")
    run = cli("check", "-s", root, "--strict")
    assert run.code == 0 and run.err == "", run.err


def test_a_changed_word_is_an_error_at_its_line_quoting_the_original(site, cli):
    assert fails(site, cli, edited(NORTHERN, "agreement was modest", "agreement was generous")) == [
        f'{NORTHERN}:36: paragraph #p-4 is not in the kept original seeds/northern-post-talks.txt: "Analysts in the '
        'capital said the agreement was generous but real." — the original has "Analysts in the capital said the '
        'agreement was modest but real."']


def test_an_added_sentence_is_an_error_showing_where_the_paragraph_leaves_the_original(site, cli):
    assert fails(site, cli, edited(SPIN, '"a matter for later".', '"a matter for later". She smiled.')) == [
        f'{SPIN}:19: paragraph #p-2 is not in the kept original seeds/spin-copy.txt: "…sanctions relief remained "a '
        'matter for later". She smiled." — the original has "…sanctions relief remained "a matter for later"."']


def test_an_added_paragraph_is_an_error(site, cli):
    lines = fails(site, cli, edited(SANCTIONS, "according to a spokeswoman.\n",
                                    "according to a spokeswoman.\n\nThe talks will resume in April.\n"))
    assert lines == [f'{SANCTIONS}:17: paragraph #p-4 is not in the kept original seeds/northern-post-sanctions.txt: '
                     '"The talks will resume in April." — the original has "The Northland government did"']


def test_reordered_paragraphs_are_out_of_order(site, cli):
    first = "Marko Petrov said on Wednesday that Southland wanted sanctions eased before it signed anything.\n"
    second = 'He added that the relief should cover "energy and banking first".\n'
    assert fails(site, cli, edited(SANCTIONS, first + "\n" + second, second + "\n" + first)) == [
        f"{SANCTIONS}:13: paragraph #p-2 is out of order: the kept original seeds/northern-post-sanctions.txt has it "
        "earlier — put the paragraphs back in the original's order"]


def test_a_subhead_not_in_the_original_is_an_error(site, cli):
    assert fails(site, cli, edited(SPIN, "Berg stated", "## What Berg said\n\nBerg stated")) == [
        f'{SPIN}:19: subhead "What Berg said" is not in the kept original seeds/spin-copy.txt: "What Berg said" — the '
        'original has "Berg stated"']


def test_a_subhead_the_original_has_passes(site, cli):
    root = site("living")
    assert cli("build", "-s", root, "-q").code == 0  # northern-post-talks has "## Reaction", as its original does


def test_an_editors_split_of_an_original_paragraph_passes(site, cli):
    root = site("living", files={"seeds/joined.txt": "A first sentence of the copy. A second one that ran on.\n",
                                 "content/articles/joined.md": """
        ---
        title: Joined
        date: 2025-03-14
        outlet: Northern Post
        source: seeds/joined.txt
        ---
        A first sentence of the copy.

        A second one that ran on.
        """})
    assert cli("build", "-s", root, "-q").code == 0


def test_markdown_escapes_typographic_quotes_and_dashes_are_no_differences(site, cli):
    original = "#1 priority: cut tariffs by 5%_now [sic] – AT&T’s “view” *was* 'clear' -- 2. point\n"
    root = site("living", files={"seeds/escapes.txt": original, "content/articles/escapes.md": """
        ---
        title: Escapes
        date: 2025-03-14
        outlet: Northern Post
        source: seeds/escapes.txt
        ---
        \\#1 priority: cut tariffs by 5%\\_now \\[sic\\] – AT&amp;T's "view" \\*was\\* ‘clear’ -- 2\\. point
        """})
    run = cli("build", "-s", root, "-q")
    assert run.code == 0, run.err


@pytest.mark.parametrize("source, problem", [
    ("seeds/missing.txt", "source: seeds/missing.txt is not in the site — keep the raw original in seeds/ and give "
                          "its path from the site's folder"),
    ("seeds/outside.txt", "source: seeds/outside.txt is not in the site — keep the raw original in seeds/ and give "
                          "its path from the site's folder"),
    ("seeds/", "source: the kept original cannot be read: is a folder, not a file — a source must be a regular file: "
               "put the file itself there"),
    ("kept/spin-copy.txt", "source: kept/spin-copy.txt is not in seeds/ — keep the raw original in seeds/, where a "
                           "build notices when it changes, and give its path from the site's folder: seeds/…"),
    ("../seeds/spin-copy.txt", "source: '../seeds/spin-copy.txt' leaves the site's folder ('..') — write a path "
                               "inside the site, relative to its folder, such as seeds/report.txt"),
])
def test_a_source_that_is_missing_or_outside_the_site_is_an_error(site, cli, tmp_path, source, problem):
    root = site("living")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text((SITES / "living/seeds/spin-copy.txt").read_text())
    os.symlink(outside, root / "seeds/outside.txt")  # the same words, but not the site's own file
    (root / "kept").mkdir()
    (root / "kept/spin-copy.txt").write_bytes((root / "seeds/spin-copy.txt").read_bytes())
    assert cli("build", "-s", root, "-q").code == 0
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    replace(root, SPIN, "source: seeds/spin-copy.txt", f"source: {source}")
    run = cli("build", "-s", root)
    assert run.code == 1 and "Traceback" not in run.err
    assert run.error_lines == [f"{SPIN}:12: {problem}"]
    assert {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()} == before


# --- a saved web page as the kept original -------------------------------------------------------------

def test_an_html_original_is_read_through_the_imports_extraction(site, cli):
    """The change is past the first 90 characters of a long paragraph: the error shows both sides
    where they part, not two beginnings that look the same."""
    assert fails(site, cli, edited(VALLEY, "shops in the valley stayed open late", "shops in the valley closed early")) \
        == [f'{VALLEY}:22: paragraph #p-3 is not in the kept original seeds/valley-gazette-talks.html: "…*Geneva '
            'formula*, and shops in the valley closed early." — the original has "…*Geneva formula*, and shops in the '
            'valley stayed open late."']


def test_words_of_an_html_originals_furniture_are_not_the_report(site, cli):
    """The page's footer has these words, but the extraction an import uses leaves them out: an
    article cannot claim them as the report's."""
    footer = "Sign up to the Valley Gazette newsletter for the latest from the valley and beyond."
    assert footer.encode() in (SITES / "living/seeds/valley-gazette-talks.html").read_bytes()
    lines = fails(site, cli, edited(VALLEY, "stayed open late.\n", f"stayed open late.\n\n{footer}\n"))
    assert len(lines) == 1 and lines[0].startswith(f"{VALLEY}:24: paragraph #p-4 is not in the kept original "
                                                   "seeds/valley-gazette-talks.html")


def test_an_html_original_that_changes_is_checked_again(site, cli):
    root = site("living")
    assert cli("build", "-s", root, "-q").code == 0
    replace(root, "seeds/valley-gazette-talks.html", "stayed open late", "stayed open all night")
    run = cli("build", "-s", root, "-q")
    assert run.code == 1
    assert run.error_lines[0].startswith(f"{VALLEY}:22: paragraph #p-3 is not in the kept original")


# --- what a cached build checks again --------------------------------------------------------------------

@pytest.fixture
def checked(monkeypatch):
    """The articles each build compares with their originals (their sources, in order)."""
    seen: list[str] = []
    real = fidelity._faithful

    def counting(page, source, path, bodies, errors):
        seen.append(page.source)
        return real(page, source, path, bodies, errors)

    monkeypatch.setattr(fidelity, "_faithful", counting)
    return seen


ARTICLES = sorted(str(p.relative_to(SITES / "living")) for p in (SITES / "living/content/articles").glob("*.md"))


def test_a_cached_build_checks_an_article_again_only_when_its_body_or_original_changed(site, cli, checked):
    root = site("living")
    assert cli("build", "-s", root, "-q").code == 0
    assert sorted(checked) == ARTICLES
    checked.clear()
    replace(root, "content/pages/method.md", "Every quote is checked", "Each quote is checked")
    assert cli("build", "-s", root, "-q").code == 0
    assert checked == [], "nothing an article rests on changed"
    touch_later(root / "seeds/spin-copy.txt")
    assert cli("build", "-s", root, "-q").code == 0
    assert checked == [SPIN], "its original was touched: checked again"
    checked.clear()
    replace(root, NORTHERN, "modest but real", "modest but real")  # saved again, the same words
    replace(root, SANCTIONS, "title: Southland asks", "title: Southland now asks")  # front matter only
    assert cli("build", "-s", root, "-q").code == 0
    assert checked == [], "the bodies and originals are as they were"
    replace(root, "seeds/spin-copy.txt", "consented on Tuesday", "agreed on Tuesday")
    run = cli("build", "-s", root, "-q")
    assert run.code == 1 and checked == [SPIN]
    assert run.error_lines[0].startswith(f"{SPIN}:17: paragraph #p-1 is not in the kept original seeds/spin-copy.txt")


def test_a_serve_session_checks_an_article_again_only_when_its_body_or_original_changed(site, checked):
    root = site("living")
    session = Session()
    build(root, session=session)
    assert sorted(checked) == ARTICLES
    checked.clear()
    build(root, session=session)
    assert checked == []
    replace(root, VALLEY, "stayed open late", "stayed open late")
    touch_later(root / "seeds/valley-gazette-talks.html")
    build(root, session=session)
    assert checked == [VALLEY]


def test_a_failed_check_is_not_remembered_as_passed(site, cli, checked):
    root = site("living")
    assert cli("build", "-s", root, "-q").code == 0
    replace(root, SPIN, "a matter for later", "a matter for now")
    assert cli("build", "-s", root, "-q").code == 1
    assert cli("build", "-s", root, "-q").code == 1, "the same error, every build, until it is fixed"
    replace(root, SPIN, "a matter for now", "a matter for later")
    assert cli("build", "-s", root, "-q").code == 0

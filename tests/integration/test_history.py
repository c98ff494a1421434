"""A briefing that lives (issue 17.1, 17.4): pages' updates and corrections, the changes page,
JSON-LD history and the method page; old addresses that redirect; "last updated" from git.
Built on tests/sites/living/."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import SITES, fails_cleanly
from tests.integration.living import build_living, built_living, html, jsonld, replace, section, text

ARTICLE = "content/articles/northern-post-talks.md"
TOPIC = "content/topics/geneva-talks.md"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_living(tmp_path_factory)


def history_lines(page):
    found = section(page, "Updates and corrections")
    assert found["id"] == "sg-history"
    return [(li["class"][0], li.time["datetime"], text(li)) for li in found.find("ol").find_all("li", recursive=False)]


# --- a page's history -----------------------------------------------------------------------------------

def test_an_articles_history_is_shown_at_its_foot_newest_first(out):
    assert history_lines(html(out, "articles/northern-post-talks/index.html")) == [
        ("correction", "2025-03-09", "9 March 2025 Correction. What was wrong: The summary named Vienna as the venue. "
                                     "What is right: The venue is Geneva."),
        ("update", "2025-03-08", "8 March 2025 Update. Added the archived copy of the original.")]


def test_a_topics_history_is_shown_with_links_to_the_spots_that_changed(out):
    page = html(out, "topics/geneva-talks/index.html")
    assert [(kind, day) for kind, day, _ in history_lines(page)] == [("correction", "2025-03-11"),
                                                                     ("update", "2025-03-10")]
    where = [a["href"] for a in section(page, "Updates and corrections").select("ol a")]
    assert where == ["#key-points", "#ready"]
    assert all(page.find(id=anchor[1:]) is not None for anchor in where)
    header = page.select_one("article.topic header")
    assert "Last updated 11 March 2025" in text(header)
    assert header.find("a", href="#sg-history") is not None


def test_a_plain_pages_history_is_shown_too(out):
    assert history_lines(html(out, "method/index.html")) == [
        ("update", "2025-03-05", "5 March 2025 Update. Described how corrections are made. (where)")]


def test_a_page_that_never_changed_has_no_history_section(out):
    page = html(out, "articles/sofia-daily-review/index.html")
    assert page.find(id="sg-history") is None
    assert "dateModified" not in jsonld(page)


def test_the_history_links_the_changes_page_and_the_method_page(out):
    note = section(html(out, "articles/northern-post-talks/index.html"), "Updates and corrections").find("p")
    assert [a["href"] for a in note.find_all("a")] == ["/changes/", "/method/"]


def test_the_changes_page_lists_every_change_newest_first_each_linking_to_its_spot(out):
    page = html(out, "changes/index.html")
    items = page.select("ol.changes > li")
    assert [(li["class"][0], li.time["datetime"], li.a["href"]) for li in items] == [
        ("update", "2025-03-13", "/topics/sanctions-relief/#relief"),
        ("correction", "2025-03-11", "/topics/geneva-talks/#key-points"),
        ("update", "2025-03-10", "/topics/geneva-talks/#ready"),
        ("correction", "2025-03-09", "/articles/northern-post-talks/#sg-history"),
        ("update", "2025-03-08", "/articles/northern-post-talks/#sg-history"),
        ("update", "2025-03-05", "/method/#corrections")]
    assert text(items[1]) == ("11 March 2025 Geneva talks: Correction. What was wrong: The page said the envoys met "
                              "in Vienna. What is right: They met in Geneva.")
    for li in items:  # each spot is on a page the build wrote
        path, anchor = li.a["href"].split("#")
        target = html(out, path.strip("/") + "/index.html")
        assert target.find(id=anchor) is not None, li.a["href"]
    assert page.select_one("p.standfirst a")["href"] == "/method/"


def test_the_changes_page_says_so_when_nothing_changed(site, cli):
    root = site("basic")
    assert cli("build", "-s", root, "-q").code == 0
    page = html(root / "public", "changes/index.html")
    assert page.select("ol.changes") == [] and "No page has changed" in text(page.find("main"))


def test_jsonld_gives_the_last_change_and_each_correction(out):
    article = jsonld(html(out, "articles/northern-post-talks/index.html"))
    assert article["datePublished"] == "2025-03-06" and article["dateModified"] == "2025-03-09"
    assert article["correction"] == [{"@type": "CorrectionComment", "datePublished": "2025-03-09",
                                      "text": "What was wrong: The summary named Vienna as the venue. "
                                              "What is right: The venue is Geneva."}]
    topic = jsonld(html(out, "topics/geneva-talks/index.html"))
    assert topic["dateModified"] == "2025-03-11" and [c["datePublished"] for c in topic["correction"]] == ["2025-03-11"]
    sanctions = jsonld(html(out, "topics/sanctions-relief/index.html"))
    assert sanctions["dateModified"] == "2025-03-13" and "correction" not in sanctions


def test_a_plain_pages_jsonld_gives_its_last_change(out):
    data = jsonld(html(out, "method/index.html"))
    assert data["@type"] == "WebPage" and data["url"] == "https://example.org/method/"
    assert data["dateModified"] == "2025-03-05"


def test_jsonld_names_the_method_page_as_publishing_principles_and_corrections_policy(out):
    for path in ("articles/northern-post-talks/index.html", "topics/geneva-talks/index.html"):
        assert jsonld(html(out, path))["publishingPrinciples"] == "https://example.org/method/"
    publisher = jsonld(html(out, "index.html"))["publisher"]
    assert publisher["publishingPrinciples"] == "https://example.org/method/"
    assert publisher["correctionsPolicy"] == "https://example.org/method/#corrections"
    assert html(out, "method/index.html").find(id="corrections") is not None


def test_without_a_method_page_jsonld_names_no_principles(site, cli):
    root = site("living")
    replace(root, "sitegen.yaml", "method_page: /method/\n", "")
    assert cli("build", "-s", root, "-q").code == 0
    out = root / "public"
    assert "publishingPrinciples" not in jsonld(html(out, "topics/geneva-talks/index.html"))
    assert "publishingPrinciples" not in jsonld(html(out, "index.html"))["publisher"]
    note = section(html(out, "topics/geneva-talks/index.html"), "Updates and corrections").find("p")
    assert [a["href"] for a in note.find_all("a")] == ["/changes/"]


def test_a_method_page_that_is_no_page_of_the_site_is_an_error(site, cli):
    run = fails_cleanly(lambda: site("living"), cli, {
        "sitegen.yaml": (SITES / "living/sitegen.yaml").read_text().replace("/method/", "/methods/")})
    assert run.error_lines == ["sitegen.yaml:6: method_page: /methods/ is no page of this site — did you mean "
                               "'/method/'?"]


# --- history errors -----------------------------------------------------------------------------------

def with_history(path: str, old: str, new: str) -> dict[str, str]:
    good = (SITES / "living" / path).read_text()
    assert old in good
    return {path: good.replace(old, new)}


def test_a_change_dated_in_the_future_is_an_error(site, cli):
    run = fails_cleanly(lambda: site("living"), cli, with_history(TOPIC, "  - date: 2025-03-10\n",
                                                                  "  - date: 2999-01-01\n"))
    assert run.error_lines == [f"{TOPIC}:15: updates[1]: date 2999-01-01 is in the future — date a change on the "
                               "day it was made"]


def test_a_change_dated_before_the_page_is_an_error(site, cli):
    run = fails_cleanly(lambda: site("living"), cli, with_history(ARTICLE, "  - date: 2025-03-09\n",
                                                                  "  - date: 2025-03-01\n"))
    assert run.error_lines == [f"{ARTICLE}:24: corrections[1]: date 2025-03-01 is before the page's own date "
                               "2025-03-06 — a page cannot change before it was published: check both dates"]


def test_a_copys_change_is_dated_against_its_originals_date(site, cli):
    path = "content/articles/spin-copy.md"
    good = (SITES / "living" / path).read_text()
    bad = good.replace("ticker:\n", "updates:\n  - date: 2025-03-01\n    change: Fixed a typo.\nticker:\n")
    run = fails_cleanly(lambda: site("living"), cli, {path: bad})
    assert run.error_lines == [f"{path}:14: updates[1]: date 2025-03-01 is before the page's own date 2025-03-06 — "
                               "a page cannot change before it was published: check both dates"]


@pytest.mark.parametrize("missing", ["date", "wrong", "right"])
def test_a_correction_without_its_date_or_what_was_wrong_or_right_is_an_error(site, cli, missing):
    lines = {"date": "  - date: 2025-03-09\n", "wrong": "    wrong: The summary named Vienna as the venue.\n",
             "right": "    right: The venue is Geneva.\n"}
    good = (SITES / "living" / ARTICLE).read_text()
    record = "".join(lines.values())
    kept = "".join(line for key, line in lines.items() if key != missing)
    bad = good.replace(record, "  - " + kept[4:] if missing == "date" else kept)
    run = fails_cleanly(lambda: site("living"), cli, {ARTICLE: bad})
    assert run.error_lines == [f"{ARTICLE}:24: missing required key 'corrections.{missing}'"]


@pytest.mark.parametrize("at, problem", [
    ("'#nowhere'", "at: '#nowhere' is no spot on this page"),
    ("key-points", "at: 'key-points' is no spot on this page"),
])
def test_a_change_that_points_to_no_spot_on_its_page_is_an_error(site, cli, at, problem):
    run = fails_cleanly(lambda: site("living"), cli, with_history(TOPIC, '    at: "#key-points"\n', f"    at: {at}\n"))
    assert run.error_lines == [f"{TOPIC}:19: corrections[1]: {problem} — give the id of one of its headings, "
                               "excerpts or paragraphs, with its #: #key-points, #agreed, #calendar, …"]


def test_a_change_may_point_to_an_articles_paragraph(site, cli):
    out = build_living(site, cli, with_history(ARTICLE, "    change: Added the archived copy of the original.\n",
                                               "    change: Added the archived copy of the original.\n"
                                               "    at: '#p-3'\n"))
    assert html(out, "changes/index.html").find("a", href="/articles/northern-post-talks/#p-3") is not None


# --- aliases --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("alias, target, title", [
    ("articles/old-sanctions-story/index.html", "/articles/northern-post-sanctions/",
     "Southland asks for sanctions relief before any deal"),
    ("topics/talks-in-geneva/index.html", "/topics/geneva-talks/", "Geneva talks"),
])
def test_an_alias_writes_a_redirect_page(out, alias, target, title):
    page = html(out, alias)
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert page.find("link", rel="canonical")["href"] == "https://example.org" + target
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("a", href=target) is not None and title in text(page)


def test_a_redirect_to_an_article_whose_headline_the_outlet_did_not_write_marks_it(site, cli):
    out = build_living(site, cli, with_history("content/articles/valley-gazette-talks.md", "title_kind: editor\n",
                                               "title_kind: editor\naliases: [/articles/envoys/]\n"))
    page = html(out, "articles/envoys/index.html")
    marked = "Northland and Southland envoys to meet again (headline written by the editor)"
    assert page.title.get_text().startswith(marked) and text(page.find("a")) == marked


def test_a_redirect_page_is_not_in_the_sitemap(out):
    sitemap = (out / "sitemap.xml").read_text()
    assert "old-sanctions-story" not in sitemap and "talks-in-geneva" not in sitemap


def test_an_alias_may_name_an_html_file(site, cli):
    out = build_living(site, cli, with_history("content/pages/method.md", "summary: Sources, checks and corrections.\n",
                                               "summary: Sources, checks and corrections.\n"
                                               "aliases: [/about.html, /how/]\n"))
    assert html(out, "about.html").find("link", rel="canonical")["href"] == "https://example.org/method/"
    assert html(out, "how/index.html").find("link", rel="canonical")["href"] == "https://example.org/method/"


@pytest.mark.parametrize("alias, problem", [
    ("/articles/northern-post-talks/", "is already the address of content/articles/northern-post-talks.md — keep "
                                       "the address on one page"),
    ("/articles/northern-post-sanctions/", "is this page's own address — remove it"),
    ("/outlets/northern-post/", "is already the address of the outlets page of Northern Post — keep the address on "
                                "one page"),
    ("/topics/", "is the topics index — an old address must be one no page of this site has now"),
    ("/changes/", "is the changes page — an old address must be one no page of this site has now"),
    ("/", "is the home page — an old address must be one no page of this site has now"),
    ("/index.html", "is the home page — an old address must be one no page of this site has now"),
    ("/404.html", "is the 404 page — an old address must be one no page of this site has now"),
    ("/static/style.css/", "is theme assets — an old address must be one no page of this site has now"),
    ("/pagefind/x.html", "is the search index — an old address must be one no page of this site has now"),
])
def test_an_alias_that_is_an_address_the_site_uses_is_an_error(site, cli, alias, problem):
    path = "content/articles/northern-post-sanctions.md"
    run = fails_cleanly(lambda: site("living"), cli, with_history(path, "aliases: [/articles/old-sanctions-story/]",
                                                                  f"aliases: ['{alias}']"))
    assert run.error_lines == [f"{path}:9: aliases: {alias} {problem}"]


def test_two_pages_with_one_alias_is_an_error_on_the_second(site, cli):
    path = "content/articles/northern-post-sanctions.md"
    run = fails_cleanly(lambda: site("living"), cli, with_history(path, "aliases: [/articles/old-sanctions-story/]",
                                                                  "aliases: [/topics/talks-in-geneva/]"))
    assert run.error_lines == [f"{TOPIC}:6: aliases: /topics/talks-in-geneva/ is also an alias of {path} — keep the "
                               "old address on one page"]


def test_an_alias_that_is_not_a_path_on_the_site_is_an_error(site, cli):
    path = "content/articles/northern-post-sanctions.md"
    run = fails_cleanly(lambda: site("living"), cli, with_history(path, "aliases: [/articles/old-sanctions-story/]",
                                                                  "aliases: ['https://elsewhere.example/x/']"))
    assert run.error_lines == [f"{path}:9: aliases: 'https://elsewhere.example/x/' is not a path on this site — write "
                               "it from the site's root, with slashes around it: /topics/old-name/"]


# --- last_updated: git ------------------------------------------------------------------------------------

def git(root, *args, when=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def last_updated(root):
    header = html(root / "public", "topics/sanctions-relief/index.html").select_one("article.topic header")
    return header.find("time")["datetime"] if "Last updated" in text(header) else None


@pytest.fixture
def git_site(tmp_path):
    """The living fixture with last_updated: git, committed on 20 March 2025, inside its repository
    (``repository``) or at its top (``site``)."""

    def make(inside: str = "") -> tuple:
        top = tmp_path / "repository"
        root = top / inside if inside else top
        shutil.copytree(SITES / "living", root)
        with (root / "sitegen.yaml").open("a") as config:
            config.write("last_updated: git\n")
        git(top, "init", "-q", "-b", "main")
        git(top, "add", ".")
        git(top, "commit", "-q", "-m", "The briefing", when="2025-03-20T12:00:00+00:00")
        return top, root

    return make


def test_a_topic_shows_the_date_of_its_last_commit(git_site, cli):
    _, root = git_site()
    assert cli("build", "-s", root, "-q").code == 0
    assert last_updated(root) == "2025-03-20"
    assert "dateModified" in jsonld(html(root / "public", "topics/sanctions-relief/index.html"))
    assert jsonld(html(root / "public", "topics/sanctions-relief/index.html"))["dateModified"] == "2025-03-20"


def edit_build_commit_build(cli, root, repository):
    """Reword a topic and build (its date stays the last commit's), commit the edit alone and
    build again with the cache (its date is the new commit's)."""
    replace(root, "content/topics/sanctions-relief.md", "What Southland asks", "What Southland wants")
    assert cli("build", "-s", root, "-q").code == 0
    assert last_updated(root) == "2025-03-20", "an uncommitted edit keeps the last commit's date"
    git(repository, "commit", "-q", "-am", "Reworded the summary", when="2025-03-25T09:00:00+00:00")
    assert cli("build", "-s", root, "-q").code == 0
    assert last_updated(root) == "2025-03-25"


def test_an_uncommitted_edit_does_not_change_the_last_updated_date(git_site, cli):
    top, root = git_site()
    edit_build_commit_build(cli, root, top)
    untouched = html(root / "public", "topics/geneva-talks/index.html").select_one("article.topic header")
    assert untouched.find("time")["datetime"] == "2025-03-20"


@pytest.mark.parametrize("inside", ["", "briefing"])
def test_a_commit_alone_brings_a_cached_build_up_to_date(git_site, cli, inside):
    """A commit changes no content file, but it changes "last updated": the disk cache of
    `sitegen build` must notice, whether the site is the repository or a folder inside it."""
    top, root = git_site(inside)
    edit_build_commit_build(cli, root, top)


def test_a_commit_alone_brings_a_cached_build_of_a_worktree_up_to_date(git_site, cli, tmp_path):
    """In a git worktree, .git is a file that names the folder where the worktree's HEAD is."""
    top, _ = git_site()
    git(top, "worktree", "add", "-q", "-b", "edits", str(tmp_path / "worktree"))
    root = tmp_path / "worktree"
    assert (root / ".git").is_file()
    edit_build_commit_build(cli, root, root)


def test_serve_rebuilds_after_a_commit_alone(git_site):
    """A commit changes no file sitegen watches in the site, but it changes "last updated"."""
    import io
    import time

    from bs4 import BeautifulSoup

    from sitegen.serve import Server

    top, root = git_site()
    replace(root, "content/topics/sanctions-relief.md", "What Southland asks", "What Southland wants")
    server = Server(root, port=0, out=io.StringIO())
    server.start()
    try:
        def shown() -> str:
            page = BeautifulSoup(server.state.files["topics/sanctions-relief/index.html"], "html.parser")
            return page.select_one("article.topic header time")["datetime"]

        assert shown() == "2025-03-20"
        git(top, "commit", "-q", "-am", "Reworded the summary", when="2025-03-25T09:00:00+00:00")
        deadline = time.monotonic() + 10
        while shown() != "2025-03-25" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert shown() == "2025-03-25"
        assert "rebuilt after the git history changed" in server.out.getvalue()
    finally:
        server.stop()


def test_last_updated_git_outside_a_repository_is_an_error(site, cli, tmp_path):
    root = site("living")
    with (root / "sitegen.yaml").open("a") as config:
        config.write("last_updated: git\n")
    env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(root.parent)
    try:
        run = cli("build", "-s", root)
    finally:
        if env_ceiling is None:
            os.environ.pop("GIT_CEILING_DIRECTORIES")
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
    assert run.code == 1 and "Traceback" not in run.err
    assert run.error_lines == [f"sitegen.yaml: last_updated: git, but {root.resolve()} is not in a git repository — "
                               "commit the site to git, or set last_updated: updates"]

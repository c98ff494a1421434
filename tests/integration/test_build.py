"""Building fixture sites end to end and reading the HTML they produce."""

import json
import xml.etree.ElementTree as ET


from sitegen import __version__
from tests.conftest import soup, tree_bytes


def test_builds_every_page_kind_with_pretty_urls(site, cli):
    root = site()
    run = cli("build", "--source", root)
    assert run.code == 0, run.err
    out = root / "public"
    for path in ["index.html", "articles/index.html", "articles/guardian-ryabkov/index.html",
                 "topics/index.html", "topics/minerals-deal/index.html", "about/index.html",
                 "actors/index.html", "actors/volodymyr-zelenskyy/index.html", "outlets/index.html",
                 "outlets/the-guardian/index.html", "timeline/index.html", "404.html", "sitemap.xml",
                 "robots.txt", "feed.xml", "feed.json", ".nojekyll"]:
        assert (out / path).is_file(), path


def test_summary_line_counts_pages(site, cli):
    run = cli("build", "-s", site())
    assert run.out.startswith("3 articles, 1 topics, 1 pages, ")
    assert "files written in" in run.out


def test_quiet_and_verbose(site, cli):
    root = site()
    assert cli("build", "-s", root, "-q").out == ""
    verbose = cli("build", "-s", root, "-v").out.splitlines()
    assert "articles/guardian-ryabkov/index.html" in verbose


def test_article_page_is_semantic_html(site, cli):
    root = site()
    cli("build", "-s", root)
    page = soup(root / "public/articles/guardian-ryabkov/index.html")
    assert page.html["lang"] == "en-GB"
    assert page.find("main") and page.find("nav") and page.find("article")
    assert page.find("h1").get_text() == "Preparations under way for meeting between Trump and Putin, Russia says"
    assert page.find("time")["datetime"] == "2025-02-22"
    actors = {a.get_text(): a["href"] for a in page.select(".facts a[href^='/actors/']")}
    # aliases resolve to the registry's canonical name
    assert actors["Volodymyr Zelenskyy"] == "/actors/volodymyr-zelenskyy/"
    assert [p["id"] for p in page.select(".body p[id]")] == ["p-1", "p-2", "p-3"]


def test_unknown_outlet_is_shown_as_unknown(site, cli):
    root = site()
    cli("build", "-s", root)
    page = soup(root / "public/articles/unknown-outlet/index.html")
    facts = page.find("dl", class_="facts")
    assert facts.find("dd").get_text(" ", strip=True).startswith("outlet unknown")
    assert "Machine-paraphrased copy" in page.find(class_="caution").get_text()


def test_links_between_content_files_become_urls(site, cli):
    root = site()
    cli("build", "-s", root)
    home = soup(root / "public/index.html")
    assert home.find("a", string="minerals deal")["href"] == "/topics/minerals-deal/"
    about = soup(root / "public/about/index.html")
    assert about.find("a", string="Guardian report")["href"] == "/articles/guardian-ryabkov/"


def test_taxonomy_pages_list_newest_first_with_counts(site, cli):
    root = site()
    cli("build", "-s", root)
    term = soup(root / "public/actors/donald-trump/index.html")
    titles = [a.get_text() for a in term.select(".cards .card-title")]
    assert titles[:2] == ["Trump, Putin eye to meet next week",
                          "Preparations under way for meeting between Trump and Putin, Russia says"]
    index = soup(root / "public/actors/index.html")
    row = index.find("a", string="Donald Trump").find_parent("li")
    assert "3 pages" in row.get_text()  # two articles and the topic page


def test_assets_are_fingerprinted(site, cli):
    root = site()
    cli("build", "-s", root)
    css = soup(root / "public/index.html").find("link", rel="stylesheet")["href"]
    assert css.startswith("/static/style.") and css.endswith(".css") and len(css) > len("/static/style..css") + 8
    assert (root / "public" / css.lstrip("/")).is_file()


def test_site_templates_override_the_theme(site, cli):
    root = site(files={"templates/404.html": "{% extends 'base.html' %}{% block content %}<h1>Lost</h1>{% endblock %}"})
    cli("build", "-s", root)
    assert soup(root / "public/404.html").h1.get_text() == "Lost"


def test_sub_path_base_url_prefixes_every_internal_link(site, cli):
    root = site()
    assert cli("build", "-s", root, "--base-url", "https://someone.github.io/briefing/").code == 0
    out = root / "public"
    for html in out.rglob("*.html"):
        page = soup(html)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src")):
            for el in page.find_all(tag):
                value = el.get(attr, "")
                if value.startswith("/"):
                    assert value.startswith("/briefing/"), (html, value)
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://someone.github.io/briefing/") for loc in locs)
    assert "https://someone.github.io/briefing/sitemap.xml" in (out / "robots.txt").read_text()


def test_feeds_are_valid_and_absolute(site, cli):
    root = site()
    cli("build", "-s", root)
    atom = ET.parse(root / "public/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries][0] == "https://example.org/articles/xinhua-summit/"
    assert atom.find("a:updated", ns).text == "2025-08-07T00:00:00+00:00"
    feed = json.loads((root / "public/feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["url"] for i in feed["items"]] == [
        "https://example.org/articles/xinhua-summit/", "https://example.org/articles/guardian-ryabkov/",
        "https://example.org/articles/unknown-outlet/"]
    assert feed["items"][1]["external_url"].startswith("https://www.theguardian.com/")


def test_two_builds_are_byte_identical(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-o", tmp_path / "one")
    cli("build", "-s", root, "-o", tmp_path / "two")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_crlf_and_bom_sources_build_the_same_output(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-o", tmp_path / "lf")
    for path in (root / "content").rglob("*.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    cli("build", "-s", root, "-o", tmp_path / "crlf")
    assert tree_bytes(tmp_path / "lf") == tree_bytes(tmp_path / "crlf")


def test_drafts_are_left_out_unless_asked(site, cli):
    root = site(files={"content/articles/draft-one.md": """
        ---
        title: Draft
        date: 2025-03-01
        outlet: X
        draft: true
        ---
        Text.
        """})
    cli("build", "-s", root)
    assert not (root / "public/articles/draft-one").exists()
    cli("build", "-s", root, "--drafts")
    assert (root / "public/articles/draft-one/index.html").is_file()


def test_build_output_has_no_live_reload_script(site, cli):
    root = site()
    cli("build", "-s", root)
    for html in (root / "public").rglob("*.html"):
        for script in soup(html).find_all("script"):
            assert "__sitegen" not in script.get("src", "") and "livereload" not in script.get_text()


def test_check_validates_and_writes_nothing(site, cli):
    root = site()
    run = cli("check", "-s", root)
    assert run.code == 0 and run.out.startswith("ok: ")
    assert not (root / "public").exists()


def test_version_and_help(cli):
    assert cli("--version").out.strip() == f"sitegen {__version__}"
    assert cli("--help").out.startswith("usage: sitegen")
    assert "--base-url" in cli("build", "--help").out


def test_usage_error_exits_2(cli):
    assert cli("build", "--bogus").code == 2
    assert cli().code == 2


def test_strict_mode_warns_about_names_missing_from_the_registries(site, cli):
    root = site()
    run = cli("build", "-s", root, "--strict")
    assert run.code == 0
    warnings = [line for line in run.err.splitlines() if line.startswith("warning:")]
    assert "warning: content/articles/guardian-ryabkov.md: actor 'Sergei Ryabkov' is not in data/actors.yaml — " \
           "add it (with its spellings as aliases) or correct the name" in warnings
    assert any("outlet 'Xinhua' is not in data/outlets.yaml" in w for w in warnings)
    assert not any("Zelensky" in w for w in warnings)  # an alias of a registered actor


def test_a_site_without_registries_builds(site, cli):
    root = site()
    for name in ("actors.yaml", "outlets.yaml"):
        (root / "data" / name).unlink()
    assert cli("build", "-s", root).code == 0
    assert (root / "public/actors/zelensky/index.html").is_file()

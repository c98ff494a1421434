"""Feeds for the site and for each topic, actor and outlet (issue 17.2): offered on their pages,
well-formed, and valid by the rules of the W3C Feed Validator (Atom, RFC 4287) and of the JSON
Feed 1.1 spec, as far as a test can check them: feedparser reads each without complaint, the
Atom feed has its id, title, updated, author and a self link to its own address, entry ids are
unique absolute IRIs, dates are RFC 3339; each JSON Feed validates against a schema written from
the spec (tests/fixtures/feeds/jsonfeed-1.1.schema.json)."""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import pytest

from tests.conftest import REPO
from tests.integration.living import PARAPHRASED, built_living, html, key_of, text, theme_words

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = json.loads((REPO / "tests/fixtures/feeds/jsonfeed-1.1.schema.json").read_text())
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
HOST = "https://example.org"

FEED_FOLDERS = ["", "topics/geneva-talks/", "topics/sanctions-relief/", "actors/anna-berg/", "actors/marko-petrov/",
                "outlets/northern-post/", "outlets/valley-gazette/", "outlets/sofia-daily/"]
"""Every folder of the living fixture that has a feed: the site's, each topic's, actor's and outlet's."""


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_living(tmp_path_factory)


@pytest.fixture(scope="module")
def out_without_host(tmp_path_factory):
    return built_living(tmp_path_factory, "--base-url", "/")


@pytest.fixture(scope="module")
def out_in_a_folder(tmp_path_factory):
    return built_living(tmp_path_factory, "--base-url", "/briefing/")


def feed_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("feed.*"))


def test_every_topic_actor_and_outlet_has_an_atom_and_a_json_feed(out):
    assert feed_files(out) == sorted(f"{folder}feed.{ext}" for folder in FEED_FOLDERS for ext in ("xml", "json"))


@pytest.mark.parametrize("folder", FEED_FOLDERS[1:])
def test_a_term_page_offers_its_feeds_in_its_head_and_as_visible_follow_links(out, folder):
    page = html(out, folder + "index.html")
    alternates = {(link["type"], link["href"]) for link in page.find_all("link", rel="alternate")}
    assert ("application/atom+xml", f"/{folder}feed.xml") in alternates
    assert ("application/feed+json", f"/{folder}feed.json") in alternates
    assert ("application/atom+xml", "/feed.xml") in alternates  # the site's, on every page
    follow = page.select_one("p.follow")
    assert [(text(a), a["href"], a["type"]) for a in follow.find_all("a")] == [
        ("Atom", f"/{folder}feed.xml", "application/atom+xml"),
        ("JSON Feed", f"/{folder}feed.json", "application/feed+json")]


def test_a_page_that_has_no_feed_of_its_own_offers_only_the_sites(out):
    page = html(out, "articles/northern-post-talks/index.html")
    assert {link["href"] for link in page.find_all("link", rel="alternate")} == {"/feed.xml", "/feed.json"}
    assert page.select_one("p.follow") is None


# --- Atom ---------------------------------------------------------------------------------------------

def check_atom(out: Path, path: str, site_url: str) -> list[ET.Element]:
    """The W3C validator's rules for an Atom feed, as a test can check them; its entries."""
    data = (out / path).read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10", path
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed", path
    assert re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, (path, name)
        assert root.find(f"{ATOM}{name}").text.strip(), (path, name)
    feed_url = urljoin(site_url, path)  # where the feed is served from
    check_id(root.find(f"{ATOM}id").text, path)
    assert RFC3339.fullmatch(root.find(f"{ATOM}updated").text), path
    authors = root.findall(f"{ATOM}author")
    assert len(authors) == 1 and authors[0].find(f"{ATOM}name").text.strip(), path
    links = {(link.get("rel"), link.get("type")): link.get("href") for link in root.findall(f"{ATOM}link")}
    self_link = links[("self", "application/atom+xml")]
    assert urljoin(feed_url, self_link) == feed_url, (path, self_link)  # the self link is the feed's own address
    assert ("alternate", "text/html") in links
    entries = root.findall(f"{ATOM}entry")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids)), (path, "entry ids must be unique")
    assert root.find(f"{ATOM}id").text not in ids
    newest = max((e.find(f"{ATOM}updated").text for e in entries), default=None)
    if newest:
        assert root.find(f"{ATOM}updated").text == newest, path  # the feed changed when its newest entry did
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, (path, name)
        check_id(entry.find(f"{ATOM}id").text, path)
        for name in ("updated", "published"):
            for stamp in entry.findall(f"{ATOM}{name}"):
                assert RFC3339.fullmatch(stamp.text), (path, name, stamp.text)
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("type") == "text/html", path
        assert entry.find(f"{ATOM}summary") is not None or entry.find(f"{ATOM}content") is not None, path
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term"), path
    return entries


def check_id(value: str, path: str) -> None:
    """An Atom id is an absolute IRI (RFC 4287 §4.2.6): a URL with its host, or a urn:uuid: name."""
    assert value == value.strip() and " " not in value, (path, value)
    parts = urlsplit(value)
    if parts.scheme == "urn":
        assert value.startswith("urn:uuid:"), (path, value)
        assert str(uuid.UUID(value[len("urn:uuid:"):])) == value[len("urn:uuid:"):].lower(), (path, value)
    else:
        assert parts.scheme in ("http", "https") and parts.netloc, (path, value)


def test_every_atom_feed_is_valid(out):
    for path in feed_files(out):
        if path.endswith(".xml"):
            check_atom(out, path, HOST + "/")


def test_every_atom_feed_is_valid_without_a_host_in_base_url(out_without_host):
    for path in feed_files(out_without_host):
        if path.endswith(".xml"):
            entries = check_atom(out_without_host, path, "http://localhost:8000/")
            ids = [e.find(f"{ATOM}id").text for e in entries]
            assert ids and all(i.startswith("urn:uuid:") for i in ids), path


def test_every_atom_feed_is_valid_below_a_folder(out_in_a_folder):
    for path in feed_files(out_in_a_folder):
        if path.endswith(".xml"):
            check_atom(out_in_a_folder, path, "http://localhost:8000/briefing/")


def test_feed_ids_without_a_host_are_the_same_in_every_build_and_differ_between_feeds(tmp_path_factory,
                                                                                          out_without_host):
    again = built_living(tmp_path_factory, "--base-url", "/")
    ids = {}
    for path in feed_files(out_without_host):
        if path.endswith(".xml"):
            first = ET.parse(out_without_host / path).getroot().find(f"{ATOM}id").text
            assert ET.parse(again / path).getroot().find(f"{ATOM}id").text == first
            ids[path] = first
    assert len(set(ids.values())) == len(ids)


def test_an_entry_has_one_id_in_every_feed_it_is_in(out):
    """The same article in the site's feed and in a topic's is the same entry to a reader."""
    def ids(path):
        return {e.find(f"{ATOM}link").get("href"): e.find(f"{ATOM}id").text
                for e in ET.parse(out / path).getroot().findall(f"{ATOM}entry")}

    site, topic = ids("feed.xml"), ids("topics/geneva-talks/feed.xml")
    shared = set(site) & set(topic)
    assert len(shared) >= 4
    assert all(site[link] == topic[link] for link in shared)


# --- JSON Feed ----------------------------------------------------------------------------------------

def check_json_feed(out: Path, path: str, host: bool) -> dict:
    data = json.loads((out / path).read_bytes().decode("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)  # (feedparser 6.0 reads no JSON Feed)
    ids = [item["id"] for item in data["items"]]
    assert len(ids) == len(set(ids)), path
    for item in data["items"]:
        check_id(item["id"], path)
    if host:
        urls = [data["home_page_url"], data["feed_url"], *(i["url"] for i in data["items"])]
        assert all(urlsplit(u).scheme == "https" and urlsplit(u).netloc for u in urls), path
        assert data["feed_url"] == f"{HOST}/{path}"
    return data


def test_the_schema_is_a_valid_json_schema_that_refuses_what_the_spec_refuses():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "content_text": "x", "date_published": "2025-03-06T00:00:00+00:00"}]}
    assert validator.is_valid(good)
    bad = [{**good, "version": "https://jsonfeed.org/version/1"}, {k: v for k, v in good.items() if k != "title"},
           {**good, "items": [{"id": "1"}]}, {**good, "items": [{"id": 1, "content_text": "x"}]},
           {**good, "items": [{"id": "1", "content_text": "x", "date_published": "2025-03-06"}]},
           {**good, "authors": [{}]}, {**good, "homepage_url": "https://example.org/"}]
    assert not any(validator.is_valid(feed) for feed in bad)


def test_every_json_feed_is_valid(out):
    for path in feed_files(out):
        if path.endswith(".json"):
            check_json_feed(out, path, host=True)


def test_every_json_feed_is_valid_without_a_host_in_base_url(out_without_host):
    for path in feed_files(out_without_host):
        if path.endswith(".json"):
            data = check_json_feed(out_without_host, path, host=False)
            assert all(item["id"].startswith("urn:uuid:") for item in data["items"])


def test_the_atom_and_json_feeds_of_a_page_carry_the_same_entries(out):
    for folder in FEED_FOLDERS:
        atom = ET.parse(out / f"{folder}feed.xml").getroot()
        data = json.loads((out / f"{folder}feed.json").read_text())
        assert [e.find(f"{ATOM}id").text for e in atom.findall(f"{ATOM}entry")] == [i["id"] for i in data["items"]]
        assert atom.find(f"{ATOM}title").text == data["title"]


# --- what the feeds carry --------------------------------------------------------------------------------

def entries(out, path):
    return {e.find(f"{ATOM}id").text: e for e in ET.parse(out / path).getroot().findall(f"{ATOM}entry")}


def test_a_topics_feed_carries_its_articles_and_its_own_updates_and_corrections(out):
    found = entries(out, "topics/geneva-talks/feed.xml")
    titles = [e.find(f"{ATOM}title").text for e in found.values()]
    assert titles[:2] == ["Correction: Geneva talks", "Update: Geneva talks"]  # newest first
    links = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}link").get("href") for e in found.values()}
    assert links["Correction: Geneva talks"] == f"{HOST}/topics/geneva-talks/#key-points"
    assert links["Update: Geneva talks"] == f"{HOST}/topics/geneva-talks/#ready"
    articles = {key_of(link) for title, link in links.items() if "#" not in link}
    assert articles == {"articles/northern-post-talks", "articles/valley-gazette-talks", "articles/sofia-daily-review"}
    correction = next(e for e in found.values() if e.find(f"{ATOM}title").text.startswith("Correction"))
    assert correction.find(f"{ATOM}summary").text == ("What was wrong: The page said the envoys met in Vienna. "
                                                      "What is right: They met in Geneva.")


def test_the_site_feed_carries_every_pages_changes(out):
    titles = sorted(e.find(f"{ATOM}title").text for e in entries(out, "feed.xml").values()
                    if "#" in e.find(f"{ATOM}link").get("href"))
    assert titles == ["Correction: Envoys agree to meet again in Geneva", "Correction: Geneva talks",
                      "Update: Envoys agree to meet again in Geneva", "Update: Geneva talks",
                      "Update: How this briefing is made", "Update: Sanctions relief"]


def test_an_actors_and_an_outlets_feed_carry_their_articles_only(out):
    def keys(path):
        return [key_of(e.find(f"{ATOM}link").get("href")) for e in entries(out, path).values()]

    assert keys("actors/anna-berg/feed.xml") == ["articles/valley-gazette-talks", "articles/spin-copy",
                                                 "articles/northern-post-talks"]
    assert keys("outlets/northern-post/feed.xml") == ["articles/northern-post-sanctions",
                                                      "articles/northern-post-talks"]


def test_a_copy_without_a_date_is_not_given_one_in_the_feeds(out):
    """Its entry is ordered by its original's date, but claims no publication date of its own,
    and its summary says both, as its card does."""
    atom = next(e for e in entries(out, "feed.xml").values()
                if key_of(e.find(f"{ATOM}link").get("href")) == PARAPHRASED)
    assert atom.find(f"{ATOM}published") is None
    assert atom.find(f"{ATOM}updated").text == "2025-03-06T00:00:00+00:00"
    assert "date unknown (the copy’s); original report 6 March 2025" in atom.find(f"{ATOM}summary").text
    item = next(i for i in json.loads((out / "feed.json").read_text())["items"] if key_of(i["url"]) == PARAPHRASED)
    assert "date_published" not in item
    assert item["date_modified"] == "2025-03-06T00:00:00+00:00"
    assert "date unknown (the copy’s); original report 6 March 2025" in item["content_text"]
    assert theme_words("caution", PARAPHRASED) in item["content_text"]


def test_feed_dates_keep_an_articles_time_and_timezone(out):
    sanctions = next(e for e in entries(out, "outlets/northern-post/feed.xml").values()
                     if "sanctions" in e.find(f"{ATOM}link").get("href"))
    assert sanctions.find(f"{ATOM}published").text == "2025-03-12T10:30:00+00:00"


def test_a_back_dated_change_never_renames_the_entries_of_other_changes(site, cli, tmp_path):
    """A feed reader shows an entry again when its id changes: adding a change dated before
    the others must leave their ids as they were."""
    root = site("living")
    assert cli("build", "-s", root, "-q", "-o", tmp_path / "before").code == 0
    path = root / "content/topics/geneva-talks.md"
    text = path.read_text()
    assert "updates:\n" in text
    path.write_text(text.replace("updates:\n", "updates:\n  - date: 2020-01-01\n    change: An early note was added.\n", 1))
    assert cli("build", "-s", root, "-q", "-o", tmp_path / "after").code == 0
    before = {item["id"] for item in json.loads((tmp_path / "before/feed.json").read_text())["items"]}
    after = {item["id"] for item in json.loads((tmp_path / "after/feed.json").read_text())["items"]}
    assert before <= after and len(after - before) <= 1

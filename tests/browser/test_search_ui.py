"""Search as a reader uses it: results show the article's words, no page labels, no images."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitegen.build import build

pytestmark = pytest.mark.browser

SEARCH_ON = "title: Basic briefing\nlanguage: en-GB\nbase_url: https://example.org/\nsearch: true\n"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def served(folder):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def searchable(site, tmp_path):
    root = site(files={"sitegen.yaml": SEARCH_ON, "content/articles/labelled.md": """
        ---
        title: Envoys meet in Riyadh
        title_kind: editor
        title_note: The outlet's own headline named no place.
        date: 2025-02-20
        outlet: The Guardian
        topics: [minerals-deal]
        ---
        The envoys met for four hours in Riyadh.
        """})
    out = tmp_path / "public"
    build(root, output=out)
    server, address = served(out)
    yield address
    server.shutdown()


def test_snippets_show_the_words_without_labels_or_an_image_column(searchable, page):
    page.goto(searchable + "/search/?q=envoys")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-excerpt').length >= 2", timeout=15_000)
    results = dict(page.eval_on_selector_all(".pagefind-ui__result", """els => els.map(e => [
        e.querySelector('.pagefind-ui__result-link').textContent.trim(),
        e.querySelector('.pagefind-ui__result-excerpt').textContent])"""))
    labelled = results["Envoys meet in Riyadh (headline written by the editor)"]
    assert "The envoys met for four hours in Riyadh." in labelled
    for label in ("Headline", "Source article", "The Guardian", "Minerals deal", "written by the editor", "Outlet"):
        assert label not in labelled, (label, labelled)
    for excerpt in results.values():
        assert "Headline" not in excerpt and "Source article" not in excerpt
    assert page.query_selector(".pagefind-ui__result-thumb") is None


@pytest.mark.parametrize("most, count", [(3_000, 2), (1, 4)], ids=["two bundles", "four bundles"])
def test_a_split_index_is_searched_as_one(site, tmp_path, page, monkeypatch, most, count):
    # two bundles: the first two pages by URL in one, the other two in the other; four: a page each
    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 2)
    monkeypatch.setattr("sitegen.bundles.MOST_PAGES", most)
    root = site(files={"sitegen.yaml": SEARCH_ON})
    build(root, output=tmp_path / "public")
    for number in range(2, count + 1):
        assert (tmp_path / f"public/pagefind/part-{number}/pagefind-entry.json").is_file()
    assert not (tmp_path / f"public/pagefind/part-{count + 1}").exists()
    server, address = served(tmp_path / "public")
    try:
        page.goto(address + "/search/?q=meet")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length >= 3", timeout=15_000)
        titles = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.textContent.trim())")
        assert sorted(titles) == ["Minerals deal",  # (the second bundle's: the topic and Xinhua's article)
                                  "Preparations under way for meeting between Trump and Putin, Russia says",
                                  "Trump, Putin eye to meet next week"]
        outlets = page.eval_on_selector_all(".pagefind-ui__filter-name, .pagefind-ui__filter-label",
                                            "els => els.map(e => e.textContent.trim())")
        assert any("Xinhua" in label for label in outlets) and any("The Guardian" in label for label in outlets)
        # a filter narrows the results of both bundles (their filter files are rewritten in order: steadyindex)
        page.click("details.pagefind-ui__filter-block:has-text('outlet') summary")
        page.check("input[type=checkbox][id*='Xinhua']")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length == 1", timeout=15_000)
        assert page.text_content(".pagefind-ui__result-link").strip() == "Trump, Putin eye to meet next week"
    finally:
        server.shutdown()

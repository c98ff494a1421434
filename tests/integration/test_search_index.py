"""The search index as built and as served: Pagefind's files, read back as its search page
reads them (each fragment is gzip, a signature, then the page's JSON)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.build import build
from sitegen.pagefind import Service, index_files
from sitegen.search import Memo
from sitegen.serve import Server
from tests.conftest import wait_for

SEARCH_ON = "title: Basic briefing\nlanguage: en-GB\nbase_url: https://example.org/\nsearch: true\n"
SIGNATURE = b"pagefind_dcd"


def fragments(files: dict[str, bytes]) -> dict[str, dict]:
    """The index's pages by URL, from its files ({path below pagefind/: bytes})."""
    pages = {}
    for path, data in files.items():
        if path.startswith("fragment/"):
            raw = gzip.decompress(data)
            assert raw.startswith(SIGNATURE), path
            page = json.loads(raw[len(SIGNATURE):])
            pages[page["url"]] = page
    return pages


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_writes_one_index_entry_per_article_and_topic(site, tmp_path):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    build(root, output=tmp_path / "out")
    index = tmp_path / "out/pagefind"
    entry = json.loads((index / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["page_count"] == 4
    assert (index / "pagefind-ui.js").is_file() and any((index / "index").iterdir())
    pages = fragments(folder_files(index))
    assert sorted(pages) == ["/articles/guardian-ryabkov/", "/articles/unknown-outlet/", "/articles/xinhua-summit/",
                             "/topics/minerals-deal/"]
    article = pages["/articles/guardian-ryabkov/"]
    assert article["meta"]["title"] == "Preparations under way for meeting between Trump and Putin, Russia says"
    assert article["filters"] == {"section": ["Articles"], "outlet": ["The Guardian"], "topic": ["Minerals deal"],
                                  "actor": ["Sergei Ryabkov", "Donald Trump", "Volodymyr Zelenskyy"]}
    assert "Ryabkov added that US and Russian envoys" in article["content"]
    for label in ("Source article", "Headline", "Outlet", "The Guardian", "Minerals deal"):
        assert label not in article["content"]
    assert "image" not in article["meta"]


def test_a_machine_made_copy_s_result_is_cautioned_as_everywhere_its_words_appear(site, tmp_path):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    article = root / "content/articles/xinhua-summit.md"
    article.write_text(article.read_text(encoding="utf-8").replace("wire: Xinhua\n", "wire: Xinhua\nparaphrase_of: Reuters\n"),
                       encoding="utf-8")
    build(root, output=tmp_path / "out")
    pages = fragments(folder_files(tmp_path / "out/pagefind"))
    assert pages["/articles/xinhua-summit/"]["meta"]["title"] == "Trump, Putin eye to meet next week (paraphrased copy)"
    assert "paraphrased" not in pages["/articles/xinhua-summit/"]["content"]  # a caution, not the article's words
    assert pages["/articles/guardian-ryabkov/"]["meta"]["title"] == \
        "Preparations under way for meeting between Trump and Putin, Russia says"  # (the others as they were)


def test_a_site_read_and_rendered_in_workers_gets_the_same_index(site, tmp_path, monkeypatch):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    build(root, output=tmp_path / "serial")
    monkeypatch.setattr("sitegen.parallel.MIN_JOBS", 1)
    monkeypatch.setattr("sitegen.loading.LOAD_IN_WORKERS", 1)  # each body's readable text is made there
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    build(root, output=tmp_path / "parallel")
    assert fragments(folder_files(tmp_path / "parallel/pagefind")) == fragments(folder_files(tmp_path / "serial/pagefind"))


def test_a_large_index_is_two_bundles_the_search_page_merges(site, tmp_path, monkeypatch):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    build(root, output=tmp_path / "whole")
    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 4)  # (this site's two articles and a topic, and one more)
    build(root, output=tmp_path / "split")
    build(root, output=tmp_path / "again")  # (the split is made again)
    index = tmp_path / "split/pagefind"
    first = {p: d for p, d in folder_files(index).items() if not p.startswith("part-2/")}
    second = {p.removeprefix("part-2/"): d for p, d in folder_files(index).items() if p.startswith("part-2/")}
    assert sorted(fragments(first)) == ["/articles/guardian-ryabkov/", "/articles/unknown-outlet/"]
    assert sorted(fragments(second)) == ["/articles/xinhua-summit/", "/topics/minerals-deal/"]
    assert fragments(first) | fragments(second) == fragments(folder_files(tmp_path / "whole/pagefind"))
    assert json.loads(second["pagefind-entry.json"])["languages"]["en"]["page_count"] == 2
    assert "pagefind-ui.js" in first and not any(p.endswith(".js") or p.startswith("wasm.") for p in second)
    search = BeautifulSoup((tmp_path / "split/search/index.html").read_text(), "html.parser").find(id="sg-search")
    assert (search["data-bundle"], search["data-merge"]) == ("/pagefind/", "/pagefind/part-2/")
    whole = BeautifulSoup((tmp_path / "whole/search/index.html").read_text(), "html.parser").find(id="sg-search")
    assert whole["data-bundle"] == "/pagefind/" and not whole.has_attr("data-merge")
    assert folder_files(tmp_path / "again") == folder_files(tmp_path / "split")  # the same bytes, bundle by bundle


def test_a_larger_index_is_more_bundles_made_at_most_lanes_at_a_time(site, tmp_path, monkeypatch):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    build(root, output=tmp_path / "whole")
    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 4)
    monkeypatch.setattr("sitegen.bundles.MOST_PAGES", 1)  # (four pages: four bundles, two lanes)
    alive, most = set(), []

    def started(service, *args, **kwargs):
        Service_init(service, *args, **kwargs)
        alive.add(service)
        most.append(len(alive))

    def ended(service):
        alive.discard(service)
        Service_close(service)

    Service_init, Service_close = Service.__init__, Service.close
    monkeypatch.setattr("sitegen.pagefind.Service.__init__", started)
    monkeypatch.setattr("sitegen.pagefind.Service.close", ended)
    build(root, output=tmp_path / "split")
    assert len(most) == 4 and max(most) == 2  # every bundle its own service, two at a time
    index = tmp_path / "split/pagefind"
    shares = [{p: d for p, d in folder_files(index).items() if "/" not in p or not p.startswith("part-")}]
    shares += [folder_files(index / f"part-{number}") for number in (2, 3, 4)]
    assert [sorted(fragments(share)) for share in shares] == [
        ["/articles/guardian-ryabkov/"], ["/articles/unknown-outlet/"], ["/articles/xinhua-summit/"],
        ["/topics/minerals-deal/"]]  # in URL order, a page each
    whole = fragments(folder_files(tmp_path / "whole/pagefind"))
    assert {url: page for share in shares for url, page in fragments(share).items()} == whole
    search = BeautifulSoup((tmp_path / "split/search/index.html").read_text(), "html.parser").find(id="sg-search")
    assert search["data-merge"].split() == ["/pagefind/part-2/", "/pagefind/part-3/", "/pagefind/part-4/"]


def test_a_cached_rebuild_leaves_only_the_new_index(site, cli):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    assert cli("build", "-q", "-s", root).code == 0
    article = root / "content/articles/xinhua-summit.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe delegations met in Zanzibarville.\n",
                       encoding="utf-8")
    assert cli("build", "-q", "-s", root).code == 0  # the output before last, brought up to date
    pages = fragments(folder_files(root / "public/pagefind"))
    assert len(pages) == 4  # no fragment of the last index left behind
    assert "Zanzibarville" in pages["/articles/xinhua-summit/"]["content"]


def test_search_page_hides_the_image_column():
    script = (Path(__file__).parents[2] / "sitegen/themes/briefing/static/search.js").read_text()
    assert "showImages: false" in script


def served_pages(server: Server) -> dict[str, dict]:
    with server.state.condition:
        files = dict(server.state.files)
    return fragments({k[len("pagefind/"):]: v for k, v in files.items() if k.startswith("pagefind/")})


def test_serve_indexes_a_changed_article_from_its_records(site):
    root = site(files={"sitegen.yaml": SEARCH_ON})
    server = Server(root, port=0, out=io.StringIO())
    server.start()
    try:
        assert wait_for(lambda: len(served_pages(server)) == 4, timeout=30.0)
        untouched = server.search_memo.records["articles/guardian-ryabkov"][0]
        article = root / "content/articles/xinhua-summit.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nThe delegations met in Zanzibarville.\n",
                           encoding="utf-8")
        assert wait_for(lambda: "Zanzibarville" in served_pages(server).get("/articles/xinhua-summit/", {})
                        .get("content", ""), timeout=30.0)
        pages = served_pages(server)
        assert len(pages) == 4
        assert server.search_memo.records["articles/guardian-ryabkov"][0] is untouched  # not made again
        # the records served are a clean build's
        assert server.search_index is not None
        assert list(server.search_index.records) == build(root, search_memo=Memo()).records
    finally:
        server.stop()


def test_a_missing_indexer_fails_the_build_and_keeps_the_last_output(site, tmp_path, monkeypatch):
    import pytest

    from sitegen.errors import BuildError

    root = site(files={"sitegen.yaml": SEARCH_ON})
    out = tmp_path / "out"
    build(root, output=out)
    before = folder_files(out)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(BuildError) as raised:
        build(root, output=out)
    assert [str(e) for e in raised.value.errors] == [
        f"sitegen.yaml: the search indexer failed: cannot start Pagefind: [Errno 2] No such file or directory: "
        f"'{tmp_path / 'no-such-pagefind'}'"]
    assert folder_files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging or index folder left


def test_an_index_made_again_keeps_the_bundle_whose_records_did_not_change(site, monkeypatch):
    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 4)
    records = build(site(files={"sitegen.yaml": SEARCH_ON}), search_memo=Memo()).records
    first = index_files(records, "en")
    edited = [*records[:2], dataclasses.replace(records[2], content=records[2].content + " Zanzibarville."), records[3]]
    started = []
    monkeypatch.setattr("sitegen.pagefind.Service.__init__", spy(Service.__init__, started))
    second = index_files(edited, "en", first)
    assert len(started) == 1  # one Pagefind service: the second bundle's
    assert {p: d for p, d in second.files.items() if not p.startswith("pagefind/part-2/")} == \
        {p: d for p, d in first.files.items() if not p.startswith("pagefind/part-2/")}
    pages = fragments({p.removeprefix("pagefind/part-2/"): d for p, d in second.files.items()
                       if p.startswith("pagefind/part-2/")})
    assert "Zanzibarville" in pages["/articles/xinhua-summit/"]["content"]
    assert index_files(edited, "en", second).files == second.files  # nothing changed: nothing indexed…
    assert len(started) == 1  # …by any service
    fewer = index_files(edited[:3], "en", second)  # a page fewer: one bundle again, made anew
    assert len(started) == 2 and not any(p.startswith("pagefind/part-2/") for p in fewer.files)
    assert len(fragments({p.removeprefix("pagefind/"): d for p, d in fewer.files.items()})) == 3


def test_an_indexing_closed_early_starts_no_further_bundle(site, monkeypatch):
    import pytest

    from sitegen.errors import BuildError
    from sitegen.pagefind import Indexing

    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 4)
    monkeypatch.setattr("sitegen.bundles.MOST_PAGES", 1)
    records = build(site(files={"sitegen.yaml": SEARCH_ON}), search_memo=Memo()).records
    started = []
    monkeypatch.setattr("sitegen.pagefind.Service.__init__", spy(Service.__init__, started))
    indexing = Indexing(records, "en")
    indexing.close()  # (a build that failed while its index was being made)
    assert len(started) <= 2  # a bundle a lane at most: none started after the close
    assert all(args[0].process.poll() is not None for args in started)  # and none left running
    with pytest.raises(BuildError):
        indexing.files()


def spy(function, calls):
    def called(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)
    return called


OLD_SEARCH_PAGE = """{% extends "base.html" %}
{% block content %}
<div id="sg-search" data-bundle="{{ url('/pagefind/') }}"></div>
{% endblock %}
"""


def test_a_site_s_own_search_page_that_misses_a_bundle_is_warned_about(site, cli, monkeypatch):
    root = site(files={"sitegen.yaml": SEARCH_ON, "templates/search.html": OLD_SEARCH_PAGE})
    run = cli("build", "-q", "--no-cache", "-s", root)
    assert run.code == 0 and "search.html" not in run.err  # one bundle: nothing to merge
    monkeypatch.setattr("sitegen.bundles.SPLIT_FROM", 4)
    run = cli("build", "-q", "--no-cache", "-s", root)
    assert run.code == 0, run.err  # a warning: the site is built
    warning = [line for line in run.err.splitlines() if "search.html" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: templates/search.html: the search index is 2 bundles")
    assert "does not read `bundles`" in warning[0] and "SearchPage" in warning[0]
    (root / "templates/search.html").write_text(OLD_SEARCH_PAGE.replace("url('/pagefind/')", "url(bundles[0])"))
    assert "search.html" not in cli("build", "-q", "--no-cache", "-s", root).err  # it reads them: its own business how

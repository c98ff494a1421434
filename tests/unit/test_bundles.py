"""Where the search index goes: one bundle, or from SPLIT_FROM pages several of at most MOST_PAGES,
split by URL order."""

from sitegen import bundles
from sitegen.bundles import LANES, MOST_PAGES, SPLIT_FROM, folders, is_furniture, number_of, shares


def test_a_small_site_has_one_bundle():
    assert shares(0) == [range(0)] and folders(0) == ("pagefind/",)
    assert shares(SPLIT_FROM - 1) == [range(SPLIT_FROM - 1)]


def test_a_large_site_has_two_bundles_of_halves_in_order():
    assert shares(SPLIT_FROM) == [range(0, SPLIT_FROM // 2), range(SPLIT_FROM // 2, SPLIT_FROM)]
    odd = shares(SPLIT_FROM + 1)
    assert [len(share) for share in odd] == [SPLIT_FROM // 2 + 1, SPLIT_FROM // 2]
    assert [i for share in odd for i in share] == list(range(SPLIT_FROM + 1))  # each record once, in order
    assert folders(SPLIT_FROM) == ("pagefind/", "pagefind/part-2/")


def test_a_larger_site_has_bundles_of_at_most_most_pages_as_many_as_a_multiple_of_the_lanes():
    for count in (2 * MOST_PAGES + 1, 10_000, 45_000, 50_001):
        made, fewest = shares(count), -(-count // MOST_PAGES)
        assert len(made) % LANES == 0 and fewest <= len(made) < fewest + LANES
        assert all(len(share) <= MOST_PAGES for share in made), count
        assert max(map(len, made)) - min(map(len, made)) <= 1
        assert [i for share in made for i in share] == list(range(count))  # each record once, in order
    assert len(shares(2 * MOST_PAGES)) == 2
    assert folders(10_000) == ("pagefind/", "pagefind/part-2/", "pagefind/part-3/", "pagefind/part-4/")


def test_the_split_depends_on_the_page_count_alone(monkeypatch):
    before = [len(shares(count)) for count in (1_000, 4_000, 10_000, 45_000)]
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert [len(shares(count)) for count in (1_000, 4_000, 10_000, 45_000)] == before == [1, 2, 4, 16]
    monkeypatch.setattr(bundles, "SPLIT_FROM", 3)
    assert len(shares(2)) == 1 and len(shares(3)) == 2


def test_pagefind_s_code_is_furniture_its_data_is_not():
    for name in ("pagefind.js", "pagefind-ui.css", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind"):
        assert is_furniture(name), name
    for name in ("pagefind-entry.json", "pagefind.en_c3b3e9794d.pf_meta", "fragment/en_1a2b3c.pf_fragment",
                 "index/en_4d5e.pf_index", "filter/en_9f.pf_filter"):
        assert not is_furniture(name), name


def test_a_file_s_bundle_is_read_from_its_path():
    assert number_of("pagefind/fragment/en_1a.pf_fragment") == 1 and number_of("pagefind/pagefind.js") == 1
    assert number_of("pagefind/part-2/index/en_4d.pf_index") == 2
    assert number_of("pagefind/part-2/pagefind-entry.json") == 2

"""Pagefind's files in a fixed order: its filter indexes (a random order each run, Pagefind
issue #638) sorted and named again, the meta and the entry naming them; anything else kept."""

import gzip
import json

import cbor2

from sitegen.steadyindex import SIGNATURE, steady


def packed(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def unpacked(data: bytes):
    return cbor2.loads(gzip.decompress(data)[len(SIGNATURE):])


def bundle(actor_values, filters) -> dict[str, bytes]:
    """A bundle shaped as Pagefind 1.5 writes it: entry → meta → filter files."""
    files = {"fragment/en_1.pf_fragment": b"fragment", "pagefind.js": b"code",
             "filter/en_aaaaaaa.pf_filter": packed(["actor", actor_values]),
             "filter/en_bbbbbbb.pf_filter": packed(["section", [["Articles", [0, 1]]]])}
    files["pagefind.en_0123456789.pf_meta"] = packed(["1.5.2", [["en_p1", 40]], [["a", "b", "en_i1", 2]], filters])
    files["pagefind-entry.json"] = json.dumps({"version": "1.5.2", "languages": {
        "en": {"hash": "en_0123456789", "wasm": "en", "page_count": 2}}}).encode()
    return files


def test_two_runs_orders_become_the_same_bytes():
    one = bundle([["Zelenskyy", [1]], ["Putin", [0]]], [["section", "en_bbbbbbb"], ["actor", "en_aaaaaaa"]])
    other = bundle([["Putin", [0]], ["Zelenskyy", [1]]], [["actor", "en_aaaaaaa"], ["section", "en_bbbbbbb"]])
    assert one != other
    steady_one = steady(one)
    assert steady_one == steady(other)
    filters = {path: unpacked(data) for path, data in steady_one.items() if path.startswith("filter/")}
    assert sorted(filters.values()) == [["actor", [["Putin", [0]], ["Zelenskyy", [1]]]],
                                        ["section", [["Articles", [0, 1]]]]]
    assert all(len(path) == len("filter/en_aaaaaaa.pf_filter") for path in filters)
    entry = json.loads(steady_one["pagefind-entry.json"])
    meta = unpacked(steady_one[f"pagefind.{entry['languages']['en']['hash']}.pf_meta"])
    assert [name for name, _ in meta[3]] == ["actor", "section"]  # in order, naming the files written
    assert all(f"filter/{file}.pf_filter" in steady_one for _, file in meta[3])
    assert meta[:3] == ["1.5.2", [["en_p1", 40]], [["a", "b", "en_i1", 2]]]
    assert steady_one["fragment/en_1.pf_fragment"] == b"fragment" and steady_one["pagefind.js"] == b"code"


def test_files_of_another_shape_are_left_as_pagefind_made_them():
    odd = bundle([["Putin", [0]]], [["actor", "en_aaaaaaa"], ["section", "en_bbbbbbb"]])
    odd["filter/en_aaaaaaa.pf_filter"] = b"not gzip"
    assert steady(odd) is odd
    assert steady({"pagefind.js": b"code"}) == {"pagefind.js": b"code"}


def test_a_bundle_without_filters_is_left_as_it_is():
    bare = bundle([["Putin", [0]]], [])
    del bare["filter/en_aaaaaaa.pf_filter"], bare["filter/en_bbbbbbb.pf_filter"]
    assert steady(bare) == bare

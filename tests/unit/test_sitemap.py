"""The sitemap past one file's limits (sitemaps.org: 50,000 URLs or 50 MB a file): sitemap.xml
becomes a <sitemapindex> over sitemap-1.xml, sitemap-2.xml, …; below them it is one <urlset>,
as it always was. The caps are lowered here so a few pages stand for 50,000."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from sitegen import metadata
from sitegen.build import build
from sitegen.options import Options

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
BASE = "https://someone.github.io/briefing/"


def locs(data: bytes, kind: str, child: str) -> list[str]:
    """The <loc>s of a sitemap file, after checking its root element and namespace."""
    root = etree.fromstring(data)
    assert root.tag == f"{{{NS}}}{kind}"
    assert root.nsmap == {None: NS}
    entries = root.findall(f"{{{NS}}}{child}")
    found = [entry.findtext(f"{{{NS}}}loc") for entry in entries]
    assert all(found), data
    return found  # type: ignore[return-value]


# --- cutting the list ---------------------------------------------------------------------------

def test_one_part_while_one_file_holds_every_url():
    urls = [f"https://example.org/articles/a{i}/" for i in range(1000)]
    assert metadata.sitemap_parts(urls) == [(0, 1000)]
    assert metadata.sitemap_parts([]) == [(0, 0)]


def test_cuts_at_the_url_cap(monkeypatch):
    monkeypatch.setattr(metadata, "SITEMAP_MAX_URLS", 3)
    urls = [f"https://example.org/{i}/" for i in range(7)]
    assert metadata.sitemap_parts(urls) == [(0, 3), (3, 6), (6, 7)]
    assert metadata.sitemap_parts(urls[:6]) == [(0, 3), (3, 6)]


def test_cuts_at_the_size_cap(monkeypatch):
    room, envelope = metadata.SITEMAP_URL_ROOM, metadata.SITEMAP_ENVELOPE
    urls = ["https://example.org/" + "x" * 80 + f"{i}/" for i in range(10)]  # 103 bytes each
    monkeypatch.setattr(metadata, "SITEMAP_MAX_BYTES", envelope + 4 * (103 + room))
    assert metadata.sitemap_parts(urls) == [(0, 4), (4, 8), (8, 10)]


def test_size_counts_the_escaped_utf8_bytes(monkeypatch):
    room, envelope = metadata.SITEMAP_URL_ROOM, metadata.SITEMAP_ENVELOPE
    # "&" is written "&amp;" (5 bytes) and "é" takes 2 in UTF-8: 22 + 5 + 2 = 29 bytes each
    urls = ["https://example.org/?a&é" for _ in range(4)]
    assert len(urls[0]) == 24
    monkeypatch.setattr(metadata, "SITEMAP_MAX_BYTES", envelope + 2 * (29 + room) - 1)
    assert metadata.sitemap_parts(urls) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    monkeypatch.setattr(metadata, "SITEMAP_MAX_BYTES", envelope + 2 * (29 + room))
    assert metadata.sitemap_parts(urls) == [(0, 2), (2, 4)]


def test_a_url_larger_than_a_file_still_gets_one(monkeypatch):
    monkeypatch.setattr(metadata, "SITEMAP_MAX_BYTES", 10)
    assert metadata.sitemap_parts(["https://example.org/a/", "https://example.org/b/"]) == [(0, 1), (1, 2)]


def test_index_names_each_file_escaped():
    data = metadata.sitemap_index(["https://example.org/sitemap-1.xml", "https://example.org/?a&b"])
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    assert locs(data, "sitemapindex", "sitemap") == ["https://example.org/sitemap-1.xml", "https://example.org/?a&b"]


# --- a built site -----------------------------------------------------------------------------

@pytest.fixture
def whole(site):
    """The basic site's sitemap URLs as one file lists them, and the site's root."""
    root = site()
    files = build(root, Options(base_url=BASE)).files
    urls = locs(files["sitemap.xml"], "urlset", "url")  # type: ignore[arg-type]
    assert len(urls) > 8 and not any(p.startswith("sitemap-") for p in files)
    return root, urls


def test_site_past_the_cap_gets_an_index_and_parts(whole, monkeypatch):
    root, urls = whole
    monkeypatch.setattr(metadata, "SITEMAP_MAX_URLS", 4)
    files = build(root, Options(base_url=BASE)).files
    count = -(-len(urls) // 4)
    parts = [f"sitemap-{n}.xml" for n in range(1, count + 1)]
    assert sorted(p for p in files if p.startswith("sitemap")) == sorted(["sitemap.xml", *parts])
    assert locs(files["sitemap.xml"], "sitemapindex", "sitemap") == [BASE + p for p in parts]  # type: ignore[arg-type]
    listed = [locs(files[p], "urlset", "url") for p in parts]  # type: ignore[arg-type]
    assert all(len(found) <= 4 for found in listed)
    assert [u for found in listed for u in found] == urls  # the same URLs, in the same order
    assert set(Counter(u for found in listed for u in found).values()) == {1}
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n".encode()


def test_site_exactly_at_the_cap_keeps_one_file(whole, monkeypatch):
    root, urls = whole
    monkeypatch.setattr(metadata, "SITEMAP_MAX_URLS", len(urls))
    files = build(root, Options(base_url=BASE)).files
    assert locs(files["sitemap.xml"], "urlset", "url") == urls  # type: ignore[arg-type]
    assert not any(p.startswith("sitemap-") for p in files)


def test_split_output_is_deterministic(whole, monkeypatch):
    root, _ = whole
    monkeypatch.setattr(metadata, "SITEMAP_MAX_URLS", 3)
    first = build(root, Options(base_url=BASE)).files
    second = build(root, Options(base_url=BASE)).files
    sitemaps = sorted(p for p in first if p.startswith("sitemap"))
    assert sitemaps == sorted(p for p in second if p.startswith("sitemap"))
    assert all(first[p] == second[p] for p in sitemaps)

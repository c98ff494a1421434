"""mdlinks: fast_normalize — a link destination that markdown-it's normalizeLink would return as
it is skips it; every other goes through it — the two always agree."""

from __future__ import annotations

import random

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.helpers import parseLinkDestination

from sitegen.markdown import create
from sitegen.mdlinks import _PLAIN_LINK, fast_normalize, parse_link_destination

ALPHABET = "AZaz09-._~:/?#@!$&'()*+,;=%[] \\\"<>^`{|}éЖ" + "abcXYZ1F"
STARTS = ["http://", "https://", "HTTP://", "mailto:", "//", "", "/", "#", "?", "ftp://", "http:", "https:///",
          "javascript:", "https://example.com", "https://a.b-c.org:80", "https://x.y/", "./", "../", "data:"]


def test_random_destinations_normalise_as_markdown_it_does():
    fast = fast_normalize(normalizeLink)
    rng = random.Random(2025)
    plain = 0
    for _ in range(40_000):
        url = rng.choice(STARTS) + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 25)))
        plain += bool(_PLAIN_LINK.fullmatch(url))
        assert fast(url) == normalizeLink(url), url
    assert plain > 2_000  # the fast path is taken often enough to be tested


def test_the_addresses_of_news_copy_take_the_fast_path():
    for url in ["https://www.reuters.com/world/europe/talks-2025-02-18/?utm_source=x&id=4#p-4",
                "/topics/minerals-deal/", "../articles/guardian-ryabkov.md#p-3", "guardian-ryabkov.md",
                "https://news.example.org:8080/a%20b"]:
        assert _PLAIN_LINK.fullmatch(url), url


def test_a_parsed_body_keeps_its_links_as_before():
    md = MarkdownIt("commonmark")
    md.normalizeLink = create().normalizeLink  # sitegen's
    text = "[a](https://例え.jp/パス) [b](https://x.org/a%20b) [c](/x/) [d](https://EXAMPLE.com/%zz)"
    hrefs = [t.attrGet("href") for t in md.parseInline(text)[0].children if t.type == "link_open"]
    assert hrefs == ["https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9", "https://x.org/a%20b", "/x/",
                     "https://EXAMPLE.com/%25zz"]


def test_link_destinations_parse_as_markdown_it_parses_them():
    rng = random.Random(7)
    alphabet = "ab/:.?=&#()\\ <>\n\t\x00\x7f&amp;é%" + "x" * 10
    for _ in range(60_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        pos = rng.randrange(0, len(text) + 1)
        maximum = rng.randrange(pos, len(text) + 1)
        want, got = parseLinkDestination(text, pos, maximum), parse_link_destination(text, pos, maximum)
        assert (got.ok, got.pos, got.str) == (want.ok, want.pos, want.str), (text, pos, maximum)


def test_deeply_nested_parentheses_end_a_destination_as_before():
    for depth in (31, 32, 33, 40):
        text = "a" + "(" * depth + "b" + ")" * depth
        want, got = parseLinkDestination(text, 0, len(text)), parse_link_destination(text, 0, len(text))
        assert (got.ok, got.pos, got.str) == (want.ok, want.pos, want.str)


def test_sitegen_markdown_uses_both():
    md = create()
    assert md.helpers.parseLinkDestination is parse_link_destination
    assert md.normalizeLink("https://x.org/a") == "https://x.org/a"

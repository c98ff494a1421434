"""`sitegen build` near the publishing limits, with the limits lowered to the fixture site's
size: the warnings on stderr, the build still succeeding; and a sitemap past its (lowered) URL
cap written as an index over parts that parse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from sitegen import limits, metadata
from sitegen.output import MARKER

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://someone.github.io/briefing/"


def output_sizes(out: Path) -> dict[str, int]:
    return {os.path.relpath(os.path.join(base, name), out).replace(os.sep, "/"): os.path.getsize(os.path.join(base, name))
            for base, _, names in os.walk(out) for name in names}


def limit_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning: ") and "GitHub" in line]


def afresh(root: Path) -> Path:
    """The site without its output and build cache: the next build writes every file."""
    for name in ("public", ".sitegen-cache"):
        shutil.rmtree(root / name, ignore_errors=True)
    return root


@pytest.fixture
def basic(site):
    return site()


@pytest.fixture
def measured(basic, cli):
    """The basic site's output as built with today's limits (which say nothing of it)."""
    run = cli("build", "-s", basic, "--no-cache")
    assert run.code == 0 and limit_lines(run.err) == []
    return output_sizes(basic / "public")


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "no-cache"])
def test_build_warns_near_each_limit(measured, basic, cli, monkeypatch, cache):
    biggest = max(measured, key=lambda rel: measured[rel])
    monkeypatch.setattr(limits, "SITE_BYTES", sum(measured.values()))
    monkeypatch.setattr(limits, "FILE_BYTES", measured[biggest])
    monkeypatch.setattr(limits, "FILE_COUNT", len(measured))
    run = cli("build", "-s", afresh(basic), *([] if cache else ["--no-cache"]))
    assert run.code == 0, run.err  # a warning never fails the build
    assert "files written" in run.out
    found = limit_lines(run.err)
    assert found[0].startswith("warning: public: the site is ") and "100% of the " in found[0]
    assert "GitHub Pages publishes at most — keep large media" in found[0]
    assert found[-1] == (f"warning: public: {len(measured)} files, 100% of {len(measured)}, the most any common static "
                         "host documents (GitLab Pages; GitHub Pages states no limit) — every term of a taxonomy "
                         "makes a page and two feeds: list fewer taxonomies in sitegen.yaml, or split the briefing "
                         "into several sites")
    files = found[1:-1]
    named = [line.removeprefix("warning: public/").split(":")[0] for line in files]
    assert biggest in named and named == sorted(named)
    assert all(measured[rel] >= 0.8 * measured[biggest] for rel in named)
    assert all("GitHub accepts for one file" in line and line.endswith("and link to it") for line in files)


def test_cached_and_uncached_builds_measure_alike(measured, basic, cli, monkeypatch):
    monkeypatch.setattr(limits, "SITE_BYTES", 1)
    monkeypatch.setattr(limits, "FILE_COUNT", 1)
    cached = limit_lines(cli("build", "-s", afresh(basic), "-q").err)
    uncached = limit_lines(cli("build", "-s", afresh(basic), "-q", "--no-cache").err)
    assert len(cached) == 2 and cached == uncached
    assert f" {len(measured)} files" in cached[1]
    assert MARKER in measured  # the marker is a file of the folder published, counted by both


def test_sitemap_past_its_cap_is_an_index_over_parts(site, cli, monkeypatch):
    monkeypatch.setattr(metadata, "SITEMAP_MAX_URLS", 5)
    root = site()
    assert cli("build", "-s", root, "--base-url", BASE).code == 0
    out = root / "public"
    index = etree.parse(str(out / "sitemap.xml")).getroot()
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    parts = index.xpath("s:sitemap/s:loc/text()", namespaces=NS)
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 1
    urls: list[str] = []
    for loc in parts:
        part = etree.parse(str(out / loc.removeprefix(BASE))).getroot()
        assert part.tag == "{%s}urlset" % NS["s"]
        found = part.xpath("s:url/s:loc/text()", namespaces=NS)
        assert 0 < len(found) <= 5
        urls += found
    assert len(urls) == len(set(urls))  # every URL exactly once across the parts
    assert f"{BASE}articles/guardian-ryabkov/" in urls and BASE in urls
    assert f"Sitemap: {BASE}sitemap.xml" in (out / "robots.txt").read_text()

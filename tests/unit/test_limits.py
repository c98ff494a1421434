"""Publishing limits: a warning at 80% of GitHub Pages' site size, of GitHub's file size, and of
the file count we chose; one line each, naming what was found and what to do."""

from __future__ import annotations

from sitegen import limits
from sitegen.output import MARKER, Link


def lines(sizes: dict[str, int], folder: str = "public") -> list[str]:
    return [str(w) for w in limits.publishing_warnings(sizes, folder)]


def test_a_small_site_is_quiet():
    assert lines({"index.html": 2_000, "static/site.css": 30_000}) == []


def test_site_size_warns_at_80_percent_of_a_gigabyte():
    below = {f"f{i}.bin": 79_999_999 for i in range(10)}  # each below the file warning's 83.9 MB
    assert lines(below) == []
    at = {**below, "g.bin": 12_345_678}
    assert lines(at) == ["public: the site is 812.3 MB, 81% of the 1 GB GitHub Pages publishes at most — keep large "
                         "media (video, audio, data files) on another host and link to them, or publish the site "
                         "somewhere without this limit"]


def test_site_over_the_limit_says_by_how_much():
    [line] = lines({f"f{i}.bin": 60_000_000 for i in range(20)})
    assert line.startswith("public: the site is 1.2 GB, 120% of the 1 GB GitHub Pages publishes at most")


def test_each_large_file_is_named_with_its_path():
    mib = 1024 * 1024
    sizes = {"static/film.mp4": 90 * mib, "index.html": 5_000, "data/archive.zip": 80 * mib,
             "static/almost.bin": 80 * mib - 1}
    assert lines(sizes) == [
        "public/data/archive.zip: 80 MiB, 80% of the 100 MiB GitHub accepts for one file (a push holding a "
        "larger one is refused) — keep the file on another host (a release asset, object storage) and link to it",
        "public/static/film.mp4: 90 MiB, 90% of the 100 MiB GitHub accepts for one file (a push holding a "
        "larger one is refused) — keep the file on another host (a release asset, object storage) and link to it",
    ]


def test_file_count_warns_at_80_percent_of_its_limit(monkeypatch):
    monkeypatch.setattr(limits, "FILE_COUNT", 10)
    assert lines({f"p{i}.html": 1 for i in range(7)}) == []
    [line] = lines({f"p{i}.html": 1 for i in range(8)}, "site/out")
    assert line.startswith("site/out: 8 files, 80% of 10, the most any common static host documents "
                           "(GitLab Pages; GitHub Pages states no limit) — ")
    assert "list fewer taxonomies in sitegen.yaml" in line


def test_limits_are_constants_tests_can_lower(monkeypatch):
    monkeypatch.setattr(limits, "SITE_BYTES", 1000)
    monkeypatch.setattr(limits, "FILE_BYTES", 100)
    found = lines({"a.html": 500, "b.html": 400})
    assert found[0].startswith("public: the site is 900 bytes, 90% of the 1 kB GitHub Pages")
    assert [line.split(":")[0] for line in found] == ["public", "public/a.html", "public/b.html"]
    assert found[1].startswith("public/a.html: 500 bytes, 500% of the 100 bytes GitHub accepts")


def test_sizes_come_from_the_manifest_stamps():
    manifest = {"/": (1, 4096, 9), "a/": (1, 4096, 8), "a/index.html": (5, 1234, 7), "feed.xml": (5, 99, 6)}
    assert limits.sizes_from_stamps(manifest) == {"a/index.html": 1234, "feed.xml": 99}


def test_sizes_of_written_files_use_the_bytes_held(tmp_path):
    (tmp_path / "kept.html").write_bytes(b"x" * 42)
    sizes = limits.sizes_written(tmp_path, {"new.html": b"abc", "kept.html": Link(tmp_path / "old.html")}, False)
    assert sizes == {"new.html": 3, "kept.html": 42, MARKER: 0}  # a reused file is measured where it now is


def test_sizes_of_files_workers_wrote_are_read_from_disk(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_bytes(b"12345")
    (tmp_path / "feed.xml").write_bytes(b"")
    assert limits.sizes_written(tmp_path, {}, False) == {"a/index.html": 5, "feed.xml": 0}


def test_search_index_files_are_counted(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind/pagefind.js").write_bytes(b"js")
    assert limits.sizes_written(tmp_path, {"index.html": b"<p>"}, True) == {"index.html": 3, MARKER: 0,
                                                                              "pagefind/pagefind.js": 2}


def test_output_named_relative_to_the_site(tmp_path):
    assert limits.shown(tmp_path, tmp_path / "public") == "public"
    assert limits.shown(tmp_path / "site", tmp_path / "out") == str(tmp_path / "out")

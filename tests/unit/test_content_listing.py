"""content.Listing: the content folder's Markdown files, looked at again only where a watcher saw change."""

import os

from sitegen.listing import Listing, list_content


def make(tmp_path):
    content = tmp_path / "content"
    for rel in ("articles/a.md", "articles/b.md", "pages/about.md", "index.md", "articles/notes.txt"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(rel)
    return content


def test_a_walk_lists_every_markdown_file_sorted_with_its_stamp(tmp_path):
    content = make(tmp_path)
    listing = Listing.walk(content)
    assert list(listing.files) == ["articles/a.md", "articles/b.md", "index.md", "pages/about.md"]
    info = os.stat(content / "articles/a.md")
    assert listing.files["articles/a.md"] == (info.st_mtime_ns, info.st_size, info.st_ino)
    assert set(listing.folders) == {"", "articles", "pages"}


def test_changed_paths_update_the_listing_as_a_walk_would(tmp_path):
    content = make(tmp_path)
    before = Listing.walk(content)
    (content / "articles/a.md").write_text("longer text than before")
    (content / "articles/b.md").rename(content / "articles/c.md")
    (content / "pages/about.md").unlink()
    (content / "articles/new.md").write_text("new")
    changed = {"articles/a.md", "articles/b.md", "articles/c.md", "pages/about.md", "articles", "pages"}
    assert list_content(content, before, changed) == Listing.walk(content)


def test_a_folder_event_alone_finds_files_that_came_and_went(tmp_path):
    content = make(tmp_path)
    before = Listing.walk(content)
    (content / "articles/b.md").unlink()
    (content / "articles/new.md").write_text("new")
    assert list_content(content, before, {"articles"}) == Listing.walk(content)


def test_new_removed_or_replaced_folders_mean_a_walk(tmp_path):
    content = make(tmp_path)
    before = Listing.walk(content)
    (content / "articles/2025").mkdir()
    (content / "articles/2025/x.md").write_text("x")
    assert before.update(content, ["articles", "articles/2025"]) is None
    assert list_content(content, before, {"articles", "articles/2025"}) == Listing.walk(content)
    before = Listing.walk(content)
    (content / "articles/2025/x.md").unlink()
    (content / "articles/2025").rmdir()
    assert before.update(content, ["articles/2025"]) is None
    before = Listing.walk(content)
    os.rename(content / "pages", tmp_path / "old-pages")
    (content / "pages").mkdir()
    (content / "pages/about.md").write_text("same name, another folder")
    assert before.update(content, ["pages"]) is None


def test_without_a_watchers_word_the_folder_is_walked(tmp_path):
    content = make(tmp_path)
    before = Listing.walk(content)
    (content / "articles/new.md").write_text("new")
    assert "articles/new.md" in list_content(content, before, None).files
    assert "articles/new.md" not in list_content(content, before, set()).files  # nothing seen: nothing looked at

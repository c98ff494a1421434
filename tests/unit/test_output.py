import os

import pytest

from sitegen.output import MARKER, OutputError, check_output, write_site


def test_writes_files_and_marker(tmp_path):
    out = tmp_path / "public"
    write_site(tmp_path, out, {"index.html": b"<p>hi</p>", "a/b/index.html": b"x"})
    assert (out / "index.html").read_bytes() == b"<p>hi</p>"
    assert (out / "a/b/index.html").read_bytes() == b"x"
    assert (out / MARKER).is_file()


def test_second_build_removes_stale_files(tmp_path):
    out = tmp_path / "public"
    write_site(tmp_path, out, {"old.html": b"old"})
    write_site(tmp_path, out, {"new.html": b"new"})
    assert not (out / "old.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no staging folders left behind


def test_refuses_folder_with_foreign_files(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError) as exc:
        write_site(tmp_path, out, {"index.html": b""})
    assert "holds files sitegen did not write" in str(exc.value)
    assert (out / "notes.txt").read_text() == "mine"


def test_refuses_the_source_folder_and_its_parents(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for output in (site, tmp_path, site / "content" / "public"):
        with pytest.raises(OutputError):
            check_output(site, output)


def test_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "public").mkdir()
    check_output(tmp_path, tmp_path / "public")


def test_update_files_turns_one_tree_into_another_writing_only_the_differences(tmp_path):
    from sitegen.output import Link, update_files
    from sitegen.manifest import output_manifest, with_folders

    current = tmp_path / "current"
    (current / "kept").mkdir(parents=True)
    (current / "kept/index.html").write_bytes(b"same")
    spare = tmp_path / "spare"
    (spare / "kept").mkdir(parents=True)
    os.link(current / "kept/index.html", spare / "kept/index.html")  # shared, as after a build
    (spare / "gone/deep").mkdir(parents=True)
    (spare / "gone/deep/index.html").write_bytes(b"old")
    (spare / "changed.html").write_bytes(b"before")
    present = with_folders(spare, output_manifest(spare))
    touched: set[str] = set()
    files = {"kept/index.html": Link(current / "kept/index.html"), "changed.html": b"after",
             "new/page/index.html": b"new"}
    written = update_files(spare, files, present, with_folders(current, output_manifest(current)), touched)
    assert written == 2  # the shared file needed nothing
    assert {p.relative_to(spare).as_posix() for p in spare.rglob("*")} == {
        "kept", "kept/index.html", "changed.html", "new", "new/page", "new/page/index.html"}
    assert (spare / "changed.html").read_bytes() == b"after"
    assert (current / "kept/index.html").stat().st_ino == (spare / "kept/index.html").stat().st_ino
    assert {"gone/", "new/", "new/page/", "/"} <= touched and "kept/" not in touched


def test_update_files_never_writes_into_a_shared_file(tmp_path):
    from sitegen.output import update_files
    from sitegen.manifest import output_manifest, with_folders

    (tmp_path / "current").mkdir()
    (tmp_path / "spare").mkdir()
    (tmp_path / "current/page.html").write_bytes(b"live")
    os.link(tmp_path / "current/page.html", tmp_path / "spare/page.html")
    present = with_folders(tmp_path / "spare", output_manifest(tmp_path / "spare"))
    update_files(tmp_path / "spare", {"page.html": b"next"}, present, {}, set())
    assert (tmp_path / "spare/page.html").read_bytes() == b"next"
    assert (tmp_path / "current/page.html").read_bytes() == b"live"


@pytest.mark.parametrize("name", [".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul"])
def test_refuses_an_output_holding_a_version_control_folder_even_with_the_marker(tmp_path, name):
    out = tmp_path / "public"
    write_site(tmp_path, out, {"index.html": b"site"})
    (out / name).mkdir()
    (out / name / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    with pytest.raises(OutputError) as exc:
        write_site(tmp_path, out, {"index.html": b"new"})
    assert str(exc.value) == (f"public: the output folder holds a version-control folder (public/{name}), which a "
                              "build would delete — build into another folder (--output) and copy the files in, "
                              "or publish with sitegen deploy")
    assert (out / name / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (out / "index.html").read_bytes() == b"site"


def test_a_worktrees_git_file_counts_too(tmp_path):
    out = tmp_path / "public"
    write_site(tmp_path, out, {"index.html": b"site"})
    (out / ".git").write_text("gitdir: /elsewhere/.git/worktrees/public\n")
    with pytest.raises(OutputError):
        check_output(tmp_path, out)
    assert (out / ".git").is_file()


def test_a_nested_version_control_folder_is_found_when_the_output_is_not_known_intact(tmp_path):
    out = tmp_path / "public"
    write_site(tmp_path, out, {"index.html": b"site", "a/b/index.html": b"x"})
    (out / "a" / "b" / ".hg").mkdir()
    check_output(tmp_path, out)  # the top level alone: quick, for an output the cache has checked
    with pytest.raises(OutputError) as exc:
        write_site(tmp_path, out, {"index.html": b"new"})  # no spare: searched all the way down
    assert "(public/a/b/.hg)" in str(exc.value)
    assert (out / "a/b/.hg").is_dir()

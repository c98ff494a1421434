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

import os

import pytest

from sitegen.frontmatter import YamlError
from sitegen.sources import read_source


def refusal(path, limit=4 * 1024 * 1024):
    with pytest.raises(YamlError) as exc:
        read_source(path, "shown.md", limit)
    return str(exc.value)


def test_reads_a_regular_file(tmp_path):
    (tmp_path / "a.md").write_bytes(b"---\ntitle: T\n---\n")
    assert read_source(tmp_path / "a.md", "a.md") == b"---\ntitle: T\n---\n"


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path):
    (tmp_path / "a.md").write_bytes(b"x" * 100)
    assert read_source(tmp_path / "a.md", "a.md", limit=100) == b"x" * 100
    assert refusal(tmp_path / "a.md", limit=99) == "shown.md: file is 100 bytes, over the 99-byte limit — split it into smaller files"


def test_a_huge_sparse_file_is_refused_by_its_size_before_reading(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # 1 GB of nothing on disk
    assert refusal(path) == ("shown.md: file is 1,073,741,824 bytes, over the 4,194,304-byte limit — "
                             "split it into smaller files")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    assert refusal(tmp_path / "pipe.md") == ("shown.md: is a named pipe (FIFO), not a file — a source must be a "
                                             "regular file: put the file itself there")


@pytest.mark.parametrize("target, kind", [("/dev/zero", "a character device"), ("/dev/null", "a character device")])
def test_devices_are_refused_never_read(tmp_path, target, kind):
    (tmp_path / "link.md").symlink_to(target)
    assert f"is {kind}, not a file" in refusal(tmp_path / "link.md")


def test_a_folder_and_a_missing_file_are_one_line_each(tmp_path):
    (tmp_path / "folder.md").mkdir()
    assert refusal(tmp_path / "folder.md").startswith("shown.md: is a folder, not a file")
    assert refusal(tmp_path / "missing.md") == ("shown.md: cannot read: No such file or directory — check that the "
                                                "file exists and that you may read it")


def test_a_file_longer_than_its_stated_size_is_read_only_up_to_the_limit():
    # /proc files say they are empty, then give more: the read stops at the limit
    assert refusal("/proc/self/maps", limit=10) == ("shown.md: file is more than 10 bytes, over the 10-byte limit — "
                                                    "split it into smaller files")

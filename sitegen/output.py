"""The only writer to the output folder.

A build is written to a temporary folder beside the output and swapped in
whole at the end: a failed build leaves the previous output exactly as it
was, and no stale file from an earlier build survives. An output folder that
holds files sitegen did not write (no marker) is refused, never emptied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from .errors import SiteError

MARKER = ".sitegen-output"
"""A file in every output folder sitegen writes: proof the folder is ours to replace."""


class OutputError(Exception):
    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))


def check_output(root: Path, output: Path) -> None:
    """Refuse outputs that would clobber the sources or someone else's files."""
    root, output = root.resolve(), output.resolve()
    shown = _shown(root, output)
    if output == root or root.is_relative_to(output):
        raise OutputError(SiteError(shown, None, "the output folder contains the site's sources",
                                    "choose a folder inside the site, such as public/"))
    for source in ("content", "data", "themes", "templates", "seeds"):
        if output.is_relative_to(root / source):
            raise OutputError(SiteError(shown, None, f"the output folder is inside {source}/",
                                        "choose a folder outside the sources, such as public/"))
    if output.exists():
        if not output.is_dir():
            raise OutputError(SiteError(shown, None, "the output path is a file, not a folder",
                                        "remove it or choose another --output"))
        if any(output.iterdir()) and not (output / MARKER).is_file():
            raise OutputError(SiteError(shown, None, "the output folder holds files sitegen did not write",
                                        f"empty it, choose another --output, or add an empty {MARKER} file "
                                        "to let sitegen replace it"))


def _shown(root: Path, output: Path) -> str:
    try:
        return output.relative_to(root).as_posix() or "."
    except ValueError:
        return str(output)


def write_site(root: Path, output: Path, files: dict[str, bytes | Path] | Callable[[Path], int],
               finish: Callable[[Path], None] | None = None) -> int:
    """Write files into a fresh folder and swap it in for output. Returns files written.

    ``files`` is the files' bytes, or a function that writes them into the folder it is
    given and returns how many it wrote (parallel rendering). ``finish`` runs on the complete
    new folder before the swap (the search indexer); if anything raises, the new folder is
    removed and the old output stays as it was.
    """
    check_output(root, output)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        written = files(staging) if callable(files) else write_files(staging, files)
        (staging / MARKER).write_bytes(b"")
        if finish is not None:
            finish(staging)
        os.chmod(staging, 0o755)
        swap_in(staging, output, large=written > 2000)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def write_files(folder: Path, files: dict[str, bytes | Path]) -> int:
    """Write files below folder; a Path value is a file unchanged since the previous build,
    linked rather than copied. Returns how many files there were."""
    made: set[Path] = set()
    for rel in sorted(files):
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        data = files[rel]
        if isinstance(data, Path):
            try:
                os.link(data, target)
            except OSError:
                shutil.copyfile(data, target)
        else:
            target.write_bytes(data)
    return len(files)


def swap_in(staging: Path, output: Path, large: bool = False) -> None:
    """Replace output with staging by two renames; the old tree is then removed."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rmdir(old)
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        remove_later(old, large)


def remove_later(folder: Path, large: bool) -> None:
    """Remove the replaced output. A large tree (thousands of page folders) is removed in the
    background, so the build does not wait on the file system; it is already out of sight."""
    rm = shutil.which("rm")
    if large and rm and os.name == "posix":
        subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)

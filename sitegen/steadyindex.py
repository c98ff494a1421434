"""Pagefind's files made the same from build to build (Pagefind issue #638).

Pagefind writes each filter's index (``filter/*.pf_filter``: the filter's values, each with
its pages) from a hash map, so the values come in another order on every run; and since a
file is named by a hash of its bytes, the meta file that names the filter files
(``pagefind.*.pf_meta``) and the entry that names the meta (``pagefind-entry.json``) change
with them. Everything else Pagefind writes is already the same for the same records.

:func:`steady` puts each filter's values in order and names the files again from their new
bytes — a hash of our own, of the length Pagefind gives, since its code only looks the names
up. Each file is gzip, then ``pagefind_dcd``, then CBOR (read and written by cbor2). A bundle
whose files are not in the shape this module knows is left exactly as Pagefind made it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def steady(files: dict[str, bytes]) -> dict[str, bytes]:
    """A bundle's files (by path below its folder) with its filter indexes in a fixed order."""
    try:
        return _steady(files)
    except (KeyError, ValueError, TypeError, EOFError, OSError, cbor2.CBORError):
        return files


def _steady(files: dict[str, bytes]) -> dict[str, bytes]:
    entry_json = files["pagefind-entry.json"].decode()
    entry = json.loads(entry_json)
    out = dict(files)
    for language in entry["languages"].values():
        meta_hash: str = language["hash"]
        meta_path = f"pagefind.{meta_hash}.pf_meta"
        meta = _read(files[meta_path])
        filters = next((item for item in meta if _is_filter_list(item, files)), None)
        if filters is None:  # (no filters: nothing in another order)
            continue
        renamed = []
        for name, file_hash in filters:
            old = f"filter/{file_hash}.pf_filter"
            decoded = _read(files[old])
            if not (isinstance(decoded, list) and len(decoded) == 2 and isinstance(decoded[1], list)):
                raise ValueError(f"{old}: not a filter index")
            decoded[1].sort(key=lambda value: str(value[0]))
            data = _write(decoded)
            new_hash = _named(file_hash, data)
            del out[old]
            out[f"filter/{new_hash}.pf_filter"] = data
            renamed.append([name, new_hash])
        filters[:] = sorted(renamed)
        data = _write(meta)
        new_meta = _named(meta_hash, data)
        del out[meta_path]
        out[f"pagefind.{new_meta}.pf_meta"] = data
        entry_json = entry_json.replace(f'"{meta_hash}"', f'"{new_meta}"', 1)
    out["pagefind-entry.json"] = entry_json.encode()
    return out


def _is_filter_list(item: Any, files: dict[str, bytes]) -> bool:
    """The meta's list of (filter, its file's hash) pairs."""
    return isinstance(item, list) and bool(item) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)
        and f"filter/{pair[1]}.pf_filter" in files for pair in item)


def _read(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _named(old: str, data: bytes) -> str:
    """A new name like ``old`` ('en_41583c8'): its language, then as many hex digits of the
    bytes' hash."""
    language, _, digits = old.rpartition("_")
    return f"{language}_{hashlib.sha256(data).hexdigest()[:len(digits)]}"

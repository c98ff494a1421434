"""Bytes of a saved page → text, decided by the bytes alone, and mojibake found.

A kept original has no HTTP headers, so the page's text is decided from its
bytes the same way at import and whenever the build reads the kept copy
again: a byte-order mark; else UTF-8 when the bytes are valid UTF-8 (valid
UTF-8 by accident is vanishingly rare, so a ``<meta charset>`` that says
otherwise is the one that lies); else the charset the page declares, if its
bytes decode under it. Anything else is an error naming what was found —
never a guessed encoding.
"""

from __future__ import annotations

import codecs
import re

from ..errors import SiteError
from .problem import Problem

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# What HTML means by these labels (the WHATWG Encoding Standard): Windows-1252.
_WINDOWS_1252 = {"latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "iso-ir-100", "cp819"}

# Text that was UTF-8, read as Windows-1252 or Latin-1 and saved again: a lead byte
# Ã..ô followed by continuation bytes shown as €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ or U+0080–U+00BF.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                       "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")


class DecodeFailed(Problem):
    """Bytes whose text cannot be established."""


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (<meta charset>, http-equiv, <?xml?>)."""
    match = _DECLARED.search(raw[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def decode_page(raw: bytes, shown: str) -> str:
    """The text of a saved web page; DecodeFailed when its encoding cannot be established."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeFailed(SiteError(shown, None, f"the page starts with a {codec} byte-order mark but is "
                                                          f"not {codec} (at offset {exc.start})",
                                             "save the page again as UTF-8")) from None
    if b"\x00" in raw:
        raise DecodeFailed(SiteError(shown, None, "file is binary (it contains NUL bytes)",
                                     "import a saved web page or a text file"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    label = declared_charset(raw)
    offset = utf8_error.start
    if label is None:
        raise DecodeFailed(SiteError(shown, None, f"the page does not declare its encoding and is not UTF-8 "
                                                  f"(byte 0x{raw[offset]:02x} at offset {offset})",
                                     "save the page again as UTF-8"))
    codec = "cp1252" if label in _WINDOWS_1252 else label
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        raise DecodeFailed(SiteError(shown, None, f"the page declares the unknown encoding '{label}' and is not "
                                                  f"UTF-8 (byte 0x{raw[offset]:02x} at offset {offset})",
                                     "save the page again as UTF-8")) from None
    if name == "utf-8":
        raise DecodeFailed(SiteError(shown, None, f"the page declares UTF-8 but is not valid UTF-8 "
                                                  f"(byte 0x{raw[offset]:02x} at offset {offset})",
                                     "save the page again as UTF-8"))
    try:
        return raw.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeFailed(SiteError(shown, None, f"the page declares the encoding '{label}' but its bytes are "
                                                  f"neither that (byte 0x{raw[exc.start]:02x} at offset {exc.start}) "
                                                  "nor UTF-8", "save the page again as UTF-8")) from None


def _repaired(run: str) -> str | None:
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != run:
            return fixed
    return None


def mojibake(text: str) -> tuple[str, str, int] | None:
    """(a garbled sequence, what it stood for, how many) when the text holds UTF-8 that was
    read in a single-byte encoding and saved again; None when it does not."""
    found: list[tuple[str, str]] = []
    for match in _MOJIBAKE.finditer(text):
        fixed = _repaired(match.group(0))
        if fixed is not None:
            found.append((match.group(0), fixed))
    if not found:
        return None
    return found[0][0], found[0][1], len(found)


def check_mojibake(text: str, shown: str) -> None:
    found = mojibake(text)
    if found:
        garbled, meant, count = found
        garbled = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in garbled)
        raise DecodeFailed(SiteError(shown, None, f"the text is double-encoded: '{garbled}' stands for '{meant}' "
                                                  f"({count} place{'s' if count != 1 else ''}), UTF-8 read in "
                                                  "another encoding and saved again",
                                     "save the original again as UTF-8 (its quotes must read as themselves)"))

"""Decide which reader a file needs, from its extension and first bytes."""

from __future__ import annotations

import os
from pathlib import Path

from stdschema.io.errors import InputError, check_file, open_binary

_BY_SUFFIX = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xml": "xml",
}
_UNSUPPORTED = {
    ".xls": "legacy Excel .xls files are not supported; save it as .xlsx or CSV",
    ".ods": "OpenDocument spreadsheets are not supported; save it as .xlsx or CSV",
}


def sniff(path: str | os.PathLike[str]) -> str:
    """Return ``'csv'``, ``'xlsx'`` or ``'xml'`` for ``path``.

    The extension decides when it is known (a mismatch with the content is
    then reported by the reader, e.g. "looks like a ZIP archive (an .xlsx
    file?), not CSV text"); otherwise the first bytes do.  Raises
    ``InputError`` for missing, unreadable, directory or unsupported input.
    """
    p = Path(path)
    check_file(p)
    with open_binary(p) as f:
        head = f.read(512)
    suffix = p.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _UNSUPPORTED:
        raise InputError("unsupported-format", _UNSUPPORTED[suffix], path=p)
    kind = sniff_content(head)
    if kind == "xls":
        raise InputError("unsupported-format", _UNSUPPORTED[".xls"], path=p)
    return kind


def sniff_content(head: bytes) -> str:
    """``'xlsx'``, ``'xml'``, ``'xls'`` (a legacy workbook) or ``'csv'`` from a file's first
    bytes: what a name without a known suffix is read as (an upload, a downloaded URL)."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    wide_xml = (
        b"\xff\xfe\x00\x00<\x00\x00\x00",  # UTF-32 LE (its mark first: it starts like UTF-16 LE)
        b"\x00\x00\xfe\xff\x00\x00\x00<",
        b"\xff\xfe<\x00",
        b"\xfe\xff\x00<",
    )
    if text.startswith((b"<?xml", b"<")) or head.startswith(wide_xml):
        return "xml"
    return "csv"

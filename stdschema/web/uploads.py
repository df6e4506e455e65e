"""Uploads: a multipart body streamed to disk with the size cap enforced while reading.

A data file is stored in a folder of its own (``input/``) under a name rebuilt from the
client's: its letters, digits, ``_`` and ``-`` only, so the publisher code a municipal file
name starts with (``222127_...``) still reaches detection and the mapping suggestion, while
no separator, dot, drive or device name can. The suffix comes from :data:`SUFFIXES`, chosen
by the name when it ends with one of them, else by the first bytes. A saved mapping is stored
as ``mapping`` plus ``.yaml``/``.yml``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import IO

__all__ = ["SUFFIXES", "Upload", "UploadError", "receive"]

SUFFIXES = (".csv", ".xlsx", ".xml", ".txt", ".tsv")
"""The suffixes a stored upload may get."""
MAPPING_SUFFIXES = (".yaml", ".yml")
FIELD_LIMIT = 64 * 1024
"""Bytes of a plain (non-file) field: a token, a dataset name, a mapping's text."""


_READ_AS = {"xlsx": ".xlsx", "xml": ".xml"}
"""The suffix a file without a known one is stored under, by its content (else CSV)."""
_HEAD = 8
"""Bytes read before a file's suffix is chosen (enough for the XLSX/XML signatures)."""


@dataclass
class _Part:
    """The part of the body being read."""

    name: str = ""
    filename: str | None = None
    buffer: bytearray = field(default_factory=bytearray)
    head: bytearray = field(default_factory=bytearray)
    path: Path | None = None
    out: IO[bytes] | None = None


class UploadError(Exception):
    """An upload refused: ``status`` (400, 413) and the catalogue key of the message."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.values = values


@dataclass
class Upload:
    """What a multipart body held: plain fields, and the files stored by field name."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """The client's file name by field (display only)."""


def display_name(raw: str) -> str:
    """The last part of a client's file name (either slash), cut to 200 characters."""
    name = PureWindowsPath(raw.replace("\x00", "")).name
    return name[-200:]


STEM_LIMIT = 80
"""Characters kept of the client's file stem."""
# Names Windows reserves for devices whatever the suffix (officers run the server on Windows).
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{k}{n}" for k in ("COM", "LPT") for n in range(10)}


def stored_stem(raw: str, fallback: str) -> str:
    """The stem a data file is stored under: the client's stem with every character other
    than a letter, digit, ``_`` or ``-`` made ``_``; ``fallback`` when nothing of it is left
    or it names a Windows device."""
    # NFC: a name from a Mac arrives decomposed (ト + ゛), whose marks are not letters.
    stem = unicodedata.normalize("NFC", display_name(raw)).rsplit(".", 1)[0]
    safe = "".join(c if c.isalnum() or c in "_-" else "_" for c in stem)[:STEM_LIMIT]
    if not any(c.isalnum() for c in safe) or safe.upper() in _DEVICES:
        return fallback
    return safe


def _suffix(name: str, head: bytes, allowed: tuple[str, ...], fallback: str) -> str:
    suffix = Path(display_name(name)).suffix.lower()
    if suffix in allowed:
        return suffix
    if allowed is MAPPING_SUFFIXES:
        return fallback
    from stdschema.io.sniff import sniff_content

    return _READ_AS.get(sniff_content(head), fallback)


async def receive(
    chunks: AsyncIterator[bytes],
    content_type: str,
    folder: Path,
    max_upload: int,
    *,
    file_fields: dict[str, str],
) -> Upload:
    """Parse a ``multipart/form-data`` body from ``chunks`` into ``folder``.

    ``file_fields`` maps each accepted file field to its stored stem (``{"file": "input"}``);
    other file fields are read and dropped. Raises :class:`UploadError` with 413 as soon as
    the body passes ``max_upload`` bytes (the partial file is removed by the caller with the
    folder), and 400 for a body that is not multipart.
    """
    from python_multipart.multipart import MultipartParser, parse_options_header

    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadError(400, "web.upload.not_multipart")
    result = Upload()
    part = _Part()
    header_name = bytearray()
    header_value = bytearray()
    headers: dict[str, str] = {}

    def on_part_begin() -> None:
        nonlocal part
        headers.clear()
        part = _Part()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        headers[header_name.decode("latin-1").lower()] = header_value.decode("utf-8", "replace")
        header_name.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        _, options = parse_options_header(headers.get("content-disposition", ""))
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        part.filename = None if filename is None else filename.decode("utf-8", "replace")

    def open_file(head: bytes) -> None:
        mapping = part.name == "mapping"
        allowed = MAPPING_SUFFIXES if mapping else SUFFIXES
        suffix = _suffix(part.filename or "", head, allowed, ".yaml" if mapping else ".csv")
        stem = file_fields[part.name]
        if mapping:
            part.path = folder / f"{stem}{suffix}"
        else:
            inbox = folder / stem
            inbox.mkdir(mode=0o700, exist_ok=True)
            if any(inbox.iterdir()):
                raise UploadError(400, "web.upload.broken")  # a second file in one field
            part.path = inbox / f"{stored_stem(part.filename or '', stem)}{suffix}"
        # "x": a second part of the same field is refused, never written over the first.
        part.out = part.path.open("xb")
        part.out.write(head)

    def on_part_data(data: bytes, start: int, end: int) -> None:
        piece = data[start:end]
        if part.filename is None:
            if len(part.buffer) + len(piece) > FIELD_LIMIT:
                raise UploadError(413, "web.upload.field_too_large", name=part.name)
            part.buffer.extend(piece)
            return
        if part.name not in file_fields:
            return
        if part.out is None:
            # The suffix may need the first bytes (a name without an allowed suffix).
            part.head += piece
            if len(part.head) >= _HEAD:
                open_file(bytes(part.head))
            return
        part.out.write(piece)

    def on_part_end() -> None:
        if part.filename is None:
            result.fields[part.name] = part.buffer.decode("utf-8", "replace")
            return
        if part.name not in file_fields:
            return
        if part.out is None:
            if not part.head and not part.filename:
                return  # an empty file input: no file chosen
            open_file(bytes(part.head))
        assert part.out is not None and part.path is not None
        part.out.close()
        result.files[part.name] = part.path
        result.names[part.name] = display_name(part.filename)

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
        },
    )
    received = 0
    try:
        async for chunk in chunks:
            received += len(chunk)
            if received > max_upload:
                raise UploadError(413, "web.upload.too_large", limit=_megabytes(max_upload))
            try:
                parser.write(chunk)
            except (UploadError, OSError):
                raise
            except Exception as exc:  # the parser's own errors: a broken body
                raise UploadError(400, "web.upload.broken") from exc
        try:
            parser.finalize()
        except Exception as exc:
            raise UploadError(400, "web.upload.broken") from exc
    finally:
        if part.out is not None and not part.out.closed:
            part.out.close()
    return result


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"

"""The reading process of :mod:`stdschema.io.pump` (standard library only).

Run by file path (``python -I -S _pump_child.py ...``), so that it imports nothing of
stdschema and starts in a few milliseconds. It reads a file from a byte offset, cuts
it after the last line feed of each read (a line feed is never part of a CP932
character), decodes CP932 and encodes UTF-8, and writes frames to its standard
output: a header (see ``HEADER``) and the UTF-8 bytes. The parent gets bytes ready
for polars and the facts it would otherwise compute itself with the GIL held.

Arguments: path, start offset, codec (``utf-8`` or ``cp932``), read size, the
characters that make a CP932 decision doubtful (hex of their UTF-8) and the regex of
half-width katakana in UTF-8 (hex). On a byte the codec cannot decode it writes a
frame with ``BAD`` and no data, and stops.
"""

from __future__ import annotations

import os
import re
import struct
import sys
from collections.abc import Iterator

# payload bytes, the source offset after this frame, line feeds and commas in the
# payload, flags, first bytes of rare spaces seen (a bit each for 0xC2, 0xE1, 0xE2, 0xEF)
HEADER = struct.Struct("<QQQQII")
QUOTE, NUL, LONE_CR, DOUBT, BAD, EOF = 1, 2, 4, 8, 16, 32
LEADS = (0xC2, 0xE1, 0xE2, 0xEF)
_LONE_CR = re.compile(rb"\r(?!\n)")


def _write(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_frames(
    path: str, start: int, codec: str, size: int, doubt: str, kana: re.Pattern[bytes]
) -> Iterator[tuple[bytes, int, int, int, int, int]]:
    """(UTF-8 data, source offset after it, line feeds, commas, flags, leads) of each read."""
    offset = start
    carry = b""
    with open(path, "rb") as fh:
        fh.seek(start)
        eof = False
        while not eof:
            more = fh.read(size)
            eof = not more
            buf = carry + more if carry else more
            cut = len(buf) if eof else buf.rfind(b"\n") + 1
            if cut == 0 and not eof:
                carry = buf  # no line end yet: read on
                continue
            raw, carry = (buf, b"") if cut == len(buf) else (buf[:cut], buf[cut:])
            flags = EOF if eof else 0
            if b"\x00" in raw:
                flags |= NUL
            if codec == "cp932":
                try:
                    text = raw.decode("cp932")
                except UnicodeDecodeError as exc:
                    yield b"", offset + exc.start, 0, 0, BAD, 0
                    return
                data = text.encode("utf-8")
                if any(c in text for c in doubt) or kana.search(data):
                    flags |= DOUBT
            else:
                data = raw
            offset += len(raw)
            if b'"' in data:
                flags |= QUOTE
            if b"\r" in data and _LONE_CR.search(data):
                flags |= LONE_CR
            leads = sum(1 << k for k, b in enumerate(LEADS) if bytes((b,)) in data)
            yield data, offset, data.count(b"\n"), data.count(b","), flags, leads


def main(argv: list[str]) -> int:
    path, start, codec, size = argv[0], int(argv[1]), argv[2], int(argv[3])
    doubt = bytes.fromhex(argv[4]).decode("utf-8")
    kana = re.compile(bytes.fromhex(argv[5]))
    out = sys.stdout.fileno()
    for data, *facts in read_frames(path, start, codec, size, doubt, kana):
        _write(out, HEADER.pack(len(data), *facts))
        if data:
            _write(out, data)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the parent stopped reading (an error, or it had enough)
        sys.exit(0)

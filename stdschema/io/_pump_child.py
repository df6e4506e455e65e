"""The reading process of :mod:`stdschema.io.pump` (standard library only).

Run by file path (``python -I -S _pump_child.py ...``), so that it imports nothing of
stdschema and starts in a few milliseconds. It reads a file from a byte offset, cuts
it after the last line feed of each read (a line feed is never part of a CP932
character), decodes CP932 and encodes UTF-8, and writes frames to its standard
output: a header (see ``HEADER``) and the UTF-8 bytes. The parent gets bytes ready
for polars and the facts it would otherwise compute itself with the GIL held.

Arguments: path, start offset, codec (``utf-8`` or ``cp932``), read size. On a byte
the codec cannot decode it writes a frame with ``BAD`` and no data, and stops.
"""

from __future__ import annotations

import os
import re
import struct
import sys
from collections.abc import Iterator

# payload bytes, the source offset after this frame, line feeds in the payload, flags,
# first bytes of rare spaces seen (a bit each for 0xC2, 0xE1, 0xE2, 0xEF)
HEADER = struct.Struct("<QQQII")
QUOTE, NUL, LONE_CR, BAD, EOF = 1, 2, 4, 8, 16
LEADS = (0xC2, 0xE1, 0xE2, 0xEF)
_LONE_CR = re.compile(rb"\r(?!\n)")


def _write(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_frames(
    path: str, start: int, codec: str, size: int
) -> Iterator[tuple[bytes | memoryview, int, int, int, int]]:
    """(UTF-8 data, source offset after it, line feeds, flags, leads) of each read.

    The data of a UTF-8 file is a view of the read buffer, valid until the next frame is
    asked for (the bytes are never copied here: a copy of a 367 MB file cost 0.2 s).
    """
    offset = start
    buf = bytearray(2 * size)  # a read, and the unfinished record carried before it
    held = 0  # bytes of an unfinished record kept at the front of buf
    with open(path, "rb", buffering=0) as fh:
        fh.seek(start)
        eof = False
        while not eof:
            if len(buf) - held < size:  # a record longer than a read: grow the buffer
                buf.extend(bytes(len(buf)))
            with memoryview(buf) as whole:
                got = fh.readinto(whole[held : held + size])
            eof = not got
            end = held + got
            cut = end if eof else buf.rfind(b"\n", 0, end) + 1
            if cut == 0 and not eof:
                held = end  # no line end yet: read on
                continue
            # Facts from the source bytes: a line feed, quote, CR or NUL is never part of a
            # CP932 character, so the count is that of the UTF-8.
            flags = EOF if eof else 0
            if buf.find(b"\x00", 0, cut) >= 0:
                flags |= NUL
            if buf.find(b'"', 0, cut) >= 0:
                flags |= QUOTE
            if buf.find(b"\r", 0, cut) >= 0 and _LONE_CR.search(buf, 0, cut):
                flags |= LONE_CR
            newlines = buf.count(b"\n", 0, cut)
            view = memoryview(buf)[:cut]
            data: bytes | memoryview
            if codec == "cp932":
                try:
                    text = str(view, "cp932")
                except UnicodeDecodeError as exc:
                    view.release()
                    yield b"", offset + exc.start, 0, BAD, 0
                    return
                data = text.encode("utf-8")
                leads = _leads(data, len(data))
            else:
                data = view
                leads = _leads(buf, cut)
            offset += cut
            yield data, offset, newlines, flags, leads
            view.release()
            buf[: end - cut] = buf[cut:end]
            held = end - cut


def _leads(data: bytes | bytearray, end: int) -> int:
    """A bit for each of :data:`LEADS` that occurs in the first ``end`` bytes of ``data``."""
    return sum(1 << k for k, b in enumerate(LEADS) if data.find(bytes((b,)), 0, end) >= 0)


def main(argv: list[str]) -> int:
    path, start, codec, size = argv[0], int(argv[1]), argv[2], int(argv[3])
    out = sys.stdout.fileno()
    for data, *facts in read_frames(path, start, codec, size):
        _write(out, HEADER.pack(len(data), *facts))
        if data:
            _write(out, data)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the parent stopped reading (an error, or it had enough)
        sys.exit(0)

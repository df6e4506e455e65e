"""Frames of a CSV file for the fast engine: read, cut after a line feed, made UTF-8.

The frames of a large file come from a reading process (:mod:`stdschema.io._pump_child`),
which reads, decodes CP932 and counts on the other core while this process checks:
decoding and scanning bytes in Python hold the GIL, and on a CP932 file they took
as long as everything else together. A small file, or a machine where the process
cannot start, is read here by the same code. If the process stops before the end,
the file is read on here from the end of the last whole frame, so every byte is
read exactly once either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from stdschema.io import _pump_child as child

PUMP_MIN_BYTES = 16 * 1024 * 1024
"""Files with fewer bytes to read are read in this process (the process costs ~20 ms)."""

_PIPE_BYTES = 1 << 20  # Linux: a larger pipe means fewer switches between the processes


@dataclass(frozen=True)
class Frame:
    """Whole lines of the file as UTF-8, with the facts the reader found in them."""

    data: bytes
    end: int  # the source offset after the frame
    newlines: int
    flags: int
    leads: int  # first bytes of rare spaces present (see rare_leads)

    @property
    def quote(self) -> bool:
        return bool(self.flags & child.QUOTE)

    @property
    def nul(self) -> bool:
        return bool(self.flags & child.NUL)

    @property
    def lone_cr(self) -> bool:
        return bool(self.flags & child.LONE_CR)

    @property
    def bad(self) -> bool:
        return bool(self.flags & child.BAD)

    @property
    def eof(self) -> bool:
        return bool(self.flags & (child.EOF | child.BAD))


def rare_leads(leads: int) -> frozenset[int]:
    """The first bytes a frame's ``leads`` bits name."""
    return frozenset(b for k, b in enumerate(child.LEADS) if leads >> k & 1)


def frames(path: Path, start: int, codec: str, size: int) -> Iterator[Frame]:
    """The frames of ``path`` from byte ``start`` (a line start), ``size`` bytes a read."""
    if os.path.getsize(path) - start >= PUMP_MIN_BYTES:
        proc = _start(path, start, codec, size)
        if proc is not None:
            start = yield from _piped(proc, start)
            if start < 0:
                return
    for data, *facts in child.read_frames(str(path), start, codec, size):
        yield Frame(bytes(data), *facts)  # a UTF-8 frame's data is a view of the read buffer


def _start(path: Path, start: int, codec: str, size: int) -> subprocess.Popen[bytes] | None:
    """The reading process (None where there is no interpreter to run it with: an
    embedding or frozen application)."""
    if not sys.executable or getattr(sys, "frozen", False):
        return None
    args = [
        sys.executable,
        "-I",
        "-S",
        child.__file__,
        str(path),
        str(start),
        codec,
        str(size),
    ]
    try:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    except OSError:
        return None  # read here instead
    assert proc.stdout is not None
    try:
        import fcntl

        fcntl.fcntl(proc.stdout.fileno(), 1031, _PIPE_BYTES)  # F_SETPIPE_SZ
    except (ImportError, OSError):
        pass
    return proc


def _piped(proc: subprocess.Popen[bytes], start: int) -> Generator[Frame, None, int]:
    """The process's frames; returns -1 after the last one, or the source offset after
    the last whole frame when the process stopped early or met an undecodable byte
    (read on from there here: the same decoding gives the same error, through the
    caller's one path for it)."""
    assert proc.stdout is not None
    pipe = proc.stdout
    resume = start
    try:
        while True:
            head = pipe.read(child.HEADER.size)
            if len(head) < child.HEADER.size:
                return resume
            size, end, newlines, flags, leads = child.HEADER.unpack(head)
            data = pipe.read(size) if size else b""
            if len(data) < size or flags & child.BAD:
                return resume
            yield Frame(data, end, newlines, flags, leads)
            if flags & child.EOF:
                return -1
            resume = end
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the process (it may still be writing when the caller stops early)."""
    if proc.poll() is None:
        proc.kill()
    assert proc.stdout is not None
    proc.stdout.close()
    proc.wait()

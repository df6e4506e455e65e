"""Reading a CSV file in byte blocks cut at record boundaries (for the fast engine).

A quote-free block keeps its UTF-8 bytes for polars to parse, one record a line;
any other block is parsed by the csv module. Physical line numbers and the read
errors (bad quoting, an unclosed last quote) are the same as the row-by-row
reader's (:mod:`stdschema.io.csv_reader`).
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from stdschema.io.csv_reader import _csv_error, open_quote_line, physical_lines
from stdschema.io.encoding import cp932_doubt, overturns_cp932
from stdschema.io.errors import InputError, Reread
from stdschema.io.pump import Frame, frames

if TYPE_CHECKING:
    import polars as pl

    from stdschema.io.table import Record, Table

MAX_LINE_BYTES = 256 * 1024
"""Blocks with a longer line are read by the csv module (no frame of huge rows)."""

LINE = "_line"
"""The column of :meth:`Block.frame` holding each record's text (quote-free blocks)."""
WIDTH = "_width"
"""The column of :meth:`Block.frame` holding each record's number of cells (csv blocks)."""


@dataclass
class Block:
    """Rows of one block and their physical lines.

    A quote-free block keeps its UTF-8 bytes (``raw``) for polars to parse,
    one record a line; any other block is parsed by the csv module (``rows``).
    ``first_row`` is the spreadsheet row of its first record (:attr:`Record.row
    <stdschema.io.table.Record.row>`): blocks hold consecutive records, so record ``k``
    is on row ``first_row + k``.
    """

    lines: list[int]
    rows: list[list[str]] | None = None
    raw: bytes | None = None
    text_lines: Any = None  # the polars Series of lines, set by frame() for quote-free blocks
    first_row: int = 0
    guard: Guard | None = None
    leads: int | None = None  # first bytes of rare spaces in raw, when the reader counted them
    shaped: bool = False  # set by frame(): every record has exactly as many cells as names

    def row(self, k: int) -> int:
        """The spreadsheet row of the block's record ``k``."""
        return self.first_row + k

    def cells(self, k: int) -> list[str]:
        """The cells of the block's row ``k``."""
        if self.rows is not None:
            return self.rows[k]
        assert self.text_lines is not None
        text: str = self.text_lines[k]
        return text.split(",") if text else []

    def frame(self, names: list[str], read: list[str] | None = None) -> pl.DataFrame | None:
        """String columns ``names`` of the block (cells past them dropped, missing ones ""),
        and one more: :data:`LINE` (the record's text) for a quote-free block, :data:`WIDTH`
        (its number of cells) for one the csv module read.

        A quote-free block's records are parsed once, as lines; their cells are cut from
        the lines at each comma (which also counts them: ``shaped``). ``read``: only
        these of ``names``, parsed from the bytes by polars' CSV reader, which reads only
        the columns asked for (cheaper than cutting every cell of a wide record); the
        block is then never ``shaped``.

        None when polars does not read a quote-free block one record a line, or the
        block has a line longer than :data:`MAX_LINE_BYTES` (then :meth:`reparsed`
        reads it with the csv module, which enforces the field size limit).
        """
        import polars as pl

        if self.raw is None:
            assert self.rows is not None
            width = len(names)
            padded = [(r + [""] * width)[:width] for r in self.rows]
            frame = pl.DataFrame(padded, schema=dict.fromkeys(names, pl.String), orient="row")
            counts = pl.Series(WIDTH, [len(r) for r in self.rows], dtype=pl.Int64)
            return frame.hstack([counts])
        n = len(self.lines)
        try:
            lines = pl.read_csv(
                self.raw,
                has_header=False,
                separator="\x00",
                quote_char=None,
                new_columns=[LINE],
                schema={LINE: pl.String},
            )[LINE].fill_null("")
            if lines.len() != n or (lines.str.len_bytes().max() or 0) > MAX_LINE_BYTES:  # type: ignore[operator]
                return None
            if read is None:
                frame, shaped = _cut(lines, names)
            else:
                frame, shaped = self._columns(names, read), False
        except Exception:
            return None
        if frame.height != n:
            return None
        if self.guard is not None:
            self.guard.check_lines(lines)  # outside the try: its Reread must not be caught
        self.text_lines = lines
        self.shaped = shaped
        return frame.hstack([lines])

    def _columns(self, names: list[str], read: list[str]) -> pl.DataFrame:
        import polars as pl

        return pl.read_csv(
            self.raw,  # type: ignore[arg-type]
            has_header=False,
            quote_char=None,
            columns=[names.index(name) for name in read],
            schema=dict.fromkeys(names, pl.String),
            truncate_ragged_lines=True,
            empty_string_is_null=False,
        )

    def reparsed(self) -> Block:
        """A quote-free block polars did not read one record a line, read with csv."""
        assert self.raw is not None
        text = (self.guard or _NO_GUARD).decode(self.raw)
        rows, lines, _ = csv_rows(text, self.lines[0], Path("."))
        return Block(lines, rows=rows, first_row=self.first_row)


def _cut(lines: pl.Series, names: list[str]) -> tuple[pl.DataFrame, bool]:
    """Columns ``names`` of quote-free records cut from their lines at each comma (cells
    past the last name dropped, missing ones ""), and whether every record has exactly
    one cell a name."""
    import polars as pl

    cells = pl.col(LINE)
    cut = lines.to_frame().select(cells.str.split(","))
    frame = cut.select(
        *(cells.list.get(i, null_on_oob=True).fill_null("").alias(n) for i, n in enumerate(names)),
        (cells.list.len() == len(names)).all().alias(WIDTH),
    )
    return frame.drop(WIDTH), bool(frame[WIDTH][0])


def readable(table: Table) -> bool:
    """Whether :func:`table_blocks` reads this table exactly as its own records are read."""
    enc = table.encoding
    return (
        table.format == "csv"
        and enc is not None
        and enc.name in ("utf-8", "utf-8-sig", "cp932")
        and table.delimiter == ","
        and getattr(table, "header_offset", 0) == 0
        and table.line_ending_counts.get("CR", 0) == 0
        and not any("\n" in h or "\r" in h for h in table.header)
    )


def table_blocks(table: Table, block_bytes: int) -> Generator[Block, None, None]:
    """The data rows of a :func:`readable` table in blocks of about ``block_bytes``."""
    first = _first_record(table)
    if first is None:
        return
    assert table.encoding is not None
    path = Path(table.path)
    start = data_start(path, first.line)
    codec = "cp932" if table.encoding.name == "cp932" else "utf-8"
    row = first.row
    guard = Guard(table)
    for block in blocks(path, start, first.line, codec, block_bytes, guard):
        # Every record is in some block, in file order: counting them gives the rows.
        block.first_row = row
        row += len(block.lines)
        yield block


def _first_record(table: Table) -> Record | None:
    """The table's first data record; for a table opened ``lazy`` without verifying
    the whole file (the blocks check what they read, see :class:`Guard`)."""
    first_record = getattr(table, "first_record", None)
    if first_record is not None:
        found: Record | None = first_record()
        return found
    records = table.records()
    try:
        return next(records, None)
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()


class Guard:
    """What the blocks of a table opened ``lazy`` check as they are read.

    The table's encoding was decided from its head (:class:`~stdschema.io.encoding.Deferred`).
    A NUL byte or an undecodable byte past it, or (for CP932 decided by elimination) a
    character that could overturn the decision, runs the whole-file scan: that raises
    the error a file read without ``lazy`` gives, or :class:`Reread` when the scan names
    another encoding. Polars checks the UTF-8 of the blocks it parses; a block it
    rejects is decoded here. Blocks are checked on several threads: the scan runs once.
    """

    def __init__(self, table: Table | None) -> None:
        self.table = table
        self._one_scan = threading.Lock()

    @property
    def active(self) -> bool:
        return self.table is not None and getattr(self.table, "deferred", None) is not None

    @property
    def watching(self) -> bool:
        """Whether a character could overturn the encoding decision (see :meth:`check`)."""
        deferred = getattr(self.table, "deferred", None) if self.table is not None else None
        return deferred is not None and deferred.watch

    def _scan(self) -> None:
        assert self.table is not None
        with self._one_scan:
            self.table.verify()  # type: ignore[attr-defined]

    def fail(self) -> NoReturn:
        """The whole-file scan; raises its error, or Reread if it finds none."""
        self._scan()
        assert self.table is not None
        raise Reread(str(self.table.path))

    def check(self) -> None:
        """Text that may hold a character that could overturn a CP932 decision
        (:func:`~stdschema.io.encoding.overturns_cp932`): the whole-file scan; raises
        Reread if it names another encoding, else reading carries on."""
        if self.watching:
            self._scan()

    def decode(self, raw: bytes) -> str:
        """A frame's UTF-8 as text; bytes polars rejects and this too go to the scan,
        as does text that could overturn a CP932 decision."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if self.active:
                self.fail()
            raise
        if self.watching and overturns_cp932(text):
            self._scan()
        return text

    def check_lines(self, lines: pl.Series) -> None:
        """:meth:`check` for a block polars parsed (its records' text, ``lines``)."""
        import polars as pl

        if self.watching and lines.to_frame().select(cp932_doubt(pl.col(lines.name))).item():
            self._scan()


_NO_GUARD = Guard(None)
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_LONE_CR = re.compile(rb"\r(?!\n)")


def data_start(path: Path, first_line: int) -> int:
    """Byte offset of physical line ``first_line`` (CRLF, LF and CR each end a line)."""
    line = 1
    data = b""
    pos = 0
    with path.open("rb") as fh:
        while line < first_line:
            chunk = fh.read(1 << 20)
            eof = not chunk
            data += chunk
            for m in _LINE_BREAK.finditer(data, pos):
                if m.group() == b"\r" and m.end() == len(data) and not eof:
                    break  # maybe the first half of a CRLF: read on
                pos = m.end()
                line += 1
                if line == first_line:
                    return pos
            if eof:
                return len(data)
    return pos


def _check_unclosed(text: str, skip: int, line: int, path: Path) -> None:
    """The reader's error for a quote the file's last record never closes."""
    # The reader's line rules (CR, LF, CRLF only), not str.splitlines(): U+2028, NEL,
    # FF, ... inside a cell would shift the lines and misplace the last record.
    last = physical_lines(text)[skip:]
    opened = open_quote_line(last, line, ",")
    if opened is not None:
        end = line + len(last) - 1
        raise InputError(
            "unclosed-quote",
            f"unclosed quote: the quoted field opened on line {opened:,} never closes "
            f"(the file ends on line {end:,})",
            path=path,
            line=opened,
        )


def csv_rows(text: str, first_line: int, path: Path) -> tuple[list[list[str]], list[int], int]:
    """Rows of ``text`` by the csv module, their physical lines, and the next line number."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    lines: list[int] = []
    prev = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The same one-line error the row-by-row reader gives.
            line = first_line + prev
            raise _csv_error(exc, path, line, [], ",", csv.field_size_limit()) from None
        rows.append(cells)
        lines.append(first_line + prev)
        prev = reader.line_num
    return rows, lines, first_line + prev


def _quoted_cut(
    buf: bytes, first_line: int, path: Path, guard: Guard
) -> tuple[int, Block, int] | None:
    """For a buffer with quotes: the csv module decides where records end.

    Quote parity cannot (a quote inside an unquoted cell is a plain character), so
    the records are parsed, the last one is held back (it may continue in the next
    read), and the cut goes after the one before it. Returns the cut, the block of
    whole records and the line the held-back record starts on; None when there is
    not one whole record yet.
    """
    end = buf.rfind(b"\n") + 1
    if end == 0:
        return None
    rows, lines, _ = csv_rows(guard.decode(buf[:end]), first_line, path)
    if len(rows) < 2:
        return None
    keep = len(rows) - 1
    newlines = lines[keep] - first_line  # physical lines before the held-back record
    cut = 0
    if newlines:
        # The csv module's line count: CRLF, LF and a lone CR each end a line.
        for cut_at, _ in zip(_LINE_BREAK.finditer(buf), range(newlines), strict=False):
            cut = cut_at.end()
    return cut, Block(lines[:keep], rows=rows[:keep]), lines[keep]


def _plain_block(
    raw: bytes, line: int, path: Path, last: bool, guard: Guard, frame: Frame | None
) -> tuple[Block, int]:
    """A block of whole UTF-8 records without quotes in the buffer, and the next line
    number. ``frame``: the reading process's facts about ``raw`` (None: found here)."""
    if frame is not None:
        newlines, quote, lone_cr = frame.newlines, frame.quote, frame.lone_cr
    else:
        newlines = raw.count(b"\n")
        quote = b'"' in raw
        lone_cr = b"\r" in raw and _LONE_CR.search(raw) is not None
    simple = not quote and not lone_cr and b"\x00" not in raw
    if simple:
        count = newlines + (0 if raw.endswith(b"\n") else 1)
        leads = frame.leads if frame is not None else None
        block = Block(list(range(line, line + count)), raw=raw, guard=guard, leads=leads)
        return block, line + count
    decoded = guard.decode(raw)
    rows, lines, next_line = csv_rows(decoded, line, path)
    if last and lines:
        _check_unclosed(decoded, lines[-1] - line, lines[-1], path)
    return Block(lines, rows=rows), next_line


def blocks(
    path: Path,
    start: int,
    first_line: int,
    codec: str,
    block_bytes: int,
    guard: Guard = _NO_GUARD,
) -> Iterator[Block]:
    """Blocks of whole records from byte ``start`` (physical line ``first_line``) on.

    The file is read in frames cut after a line feed and made UTF-8 (:mod:`stdschema.io.pump`:
    by a reading process for a large file, else here); a frame with quotes has its
    records found by the csv module, which may hold the last one back for the next.
    """
    line = first_line
    buf = b""
    for frame in frames(path, start, codec, block_bytes):
        if frame.bad:
            guard.fail() if guard.active else _undecodable(path, codec)
        if frame.nul and guard.active:
            guard.fail()
        whole = not buf  # the frame's facts hold for the buffer
        buf = buf + frame.data if buf else frame.data
        eof = frame.eof
        if not eof and (frame.quote or (not whole and b'"' in buf)):
            found = _quoted_cut(buf, line, path, guard)
            if found is None:
                continue  # a record longer than the buffer: read more
            cut, block, line = found
            buf = buf[cut:]
            yield block
            continue
        if not buf:
            break
        block, line = _plain_block(buf, line, path, eof, guard, frame if whole else None)
        buf = b""
        yield block


def _undecodable(path: Path, codec: str) -> NoReturn:
    """A byte the codec cannot decode in a table read without ``lazy`` (verified before,
    so only a file changed while it is read gets here)."""
    raise InputError(
        "encoding-error",
        f"the file changed while it was read: it no longer decodes as {codec}",
        path=path,
    )

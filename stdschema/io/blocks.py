"""Reading a CSV file in byte blocks cut at record boundaries (for the fast engine).

A quote-free block keeps its UTF-8 bytes for polars to parse, one record a line;
any other block is parsed by the csv module. Physical line numbers and the read
errors (bad quoting, an unclosed last quote) are the same as the row-by-row
reader's (:mod:`stdschema.io.csv_reader`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdschema.io.csv_reader import _csv_error, open_quote_line, physical_lines
from stdschema.io.errors import InputError

if TYPE_CHECKING:
    import polars as pl

    from stdschema.io.table import Table

MAX_LINE_BYTES = 256 * 1024
"""Blocks with a longer line are read by the csv module (no frame of huge rows)."""


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

    def frame(self, names: list[str]) -> pl.DataFrame | None:
        """String columns ``names`` of the block (cells past them dropped, missing ones "").

        None when polars does not read a quote-free block one record a line (then
        :meth:`reparsed` reads it with the csv module).
        """
        import polars as pl

        if self.raw is None:
            assert self.rows is not None
            width = len(names)
            padded = [(r + [""] * width)[:width] for r in self.rows]
            return pl.DataFrame(padded, schema=dict.fromkeys(names, pl.String), orient="row")
        n = len(self.lines)
        try:
            lines = pl.read_csv(
                self.raw,
                has_header=False,
                separator="\x00",
                quote_char=None,
                new_columns=["line"],
                schema={"line": pl.String},
            )["line"].fill_null("")
            frame = pl.read_csv(
                self.raw,
                has_header=False,
                quote_char=None,
                new_columns=names,
                schema=dict.fromkeys(names, pl.String),
                truncate_ragged_lines=True,
            ).fill_null("")
        except Exception:
            return None
        if lines.len() != n or frame.height != n:
            return None
        self.text_lines = lines
        return frame

    def reparsed(self) -> Block:
        """A quote-free block polars did not read one record a line, read with csv."""
        assert self.raw is not None
        rows, lines, _ = csv_rows(self.raw.decode("utf-8"), self.lines[0], Path("."))
        return Block(lines, rows=rows, first_row=self.first_row)


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


def table_blocks(table: Table, block_bytes: int) -> Iterator[Block]:
    """The data rows of a :func:`readable` table in blocks of about ``block_bytes``."""
    records = table.records()
    first = next(records, None)
    close = getattr(records, "close", None)
    if close is not None:
        close()
    if first is None:
        return
    assert table.encoding is not None
    path = Path(table.path)
    start = data_start(path, first.line)
    codec = "cp932" if table.encoding.name == "cp932" else "utf-8"
    row = first.row
    for block in blocks(path, start, first.line, codec, block_bytes):
        # Every record is in some block, in file order: counting them gives the rows.
        block.first_row = row
        row += len(block.lines)
        yield block


def data_start(path: Path, first_line: int) -> int:
    """Byte offset of physical line ``first_line``."""
    offset, line = 0, 1
    with path.open("rb") as fh:
        while line < first_line:
            chunk = fh.read(1 << 20)
            if not chunk:
                return offset
            pos = 0
            while line < first_line:
                nl = chunk.find(b"\n", pos)
                if nl < 0:
                    break
                pos = nl + 1
                line += 1
            if line == first_line:
                return offset + pos
            offset += len(chunk)
    return offset


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


def _longest_line(data: bytes) -> int:
    return max(map(len, data.split(b"\n")), default=0)


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
    buf: bytes, codec: str, first_line: int, path: Path
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
    rows, lines, _ = csv_rows(buf[:end].decode(codec), first_line, path)
    if len(rows) < 2:
        return None
    keep = len(rows) - 1
    newlines = lines[keep] - first_line  # physical lines before the held-back record
    cut = 0
    for _ in range(newlines):
        cut = buf.index(b"\n", cut) + 1
    return cut, Block(lines[:keep], rows=rows[:keep]), lines[keep]


def _plain_block(raw: bytes, codec: str, line: int, path: Path, last: bool) -> tuple[Block, int]:
    """A block of whole records without quotes in the buffer, and the next line number."""
    text = raw.decode(codec) if codec != "utf-8" else None
    data = text.encode("utf-8") if text is not None else raw
    simple = (
        b'"' not in data
        and b"\x00" not in data
        and data.count(b"\r") == data.count(b"\r\n")
        and _longest_line(data) <= MAX_LINE_BYTES
    )
    if simple:
        count = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return Block(list(range(line, line + count)), raw=data), line + count
    decoded = text or raw.decode(codec)
    rows, lines, next_line = csv_rows(decoded, line, path)
    if last and lines:
        _check_unclosed(decoded, lines[-1] - line, lines[-1], path)
    return Block(lines, rows=rows), next_line


def blocks(
    path: Path, start: int, first_line: int, codec: str, block_bytes: int
) -> Iterator[Block]:
    """Blocks of whole records from byte ``start`` (physical line ``first_line``) on."""
    line = first_line
    with path.open("rb") as fh:
        fh.seek(start)
        buf = b""
        eof = False
        while not eof or buf:
            if not eof:
                more = fh.read(block_bytes)
                eof = not more
                buf += more
            if b'"' in buf and not eof:
                found = _quoted_cut(buf, codec, line, path)
                if found is None:
                    continue  # a record longer than the buffer: read more
                cut, block, line = found
                buf = buf[cut:]
                yield block
                continue
            cut = len(buf) if eof else buf.rfind(b"\n") + 1
            if cut == 0:
                continue  # no line end yet: read more
            raw, buf = buf[:cut], buf[cut:]
            if not raw:
                break
            block, line = _plain_block(raw, codec, line, path, eof and not buf)
            yield block

"""Format-independent view of an input file: a header plus streamed records."""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from stdschema.io.encoding import EncodingInfo
from stdschema.io.errors import InputError
from stdschema.io.notes import Note

# How far past the first row the header search may look.
TITLE_LOOKAHEAD = 10
METADATA_LOOKAHEAD = 30
PROPERTY_MARKER = "#property"


@dataclass(frozen=True, slots=True)
class Record:
    """One data row.

    ``line``/``end_line`` are the physical lines (1-based) where the record
    starts and ends (they differ when a quoted cell spans lines; for XLSX they
    are the row number).  ``cells`` are the values as written.  ``label`` holds
    the dropped first cell of Takamatsu ``#property`` files (a row number or ID).
    ``row`` is the row a spreadsheet shows for the record (CSV: its ordinal among all
    records of the file, title and header rows included, one record one row; XLSX:
    the sheet's row number; 0 where no spreadsheet row exists).
    """

    line: int
    end_line: int
    cells: list[str]
    label: str | None = None
    row: int = 0

    @property
    def is_blank(self) -> bool:
        """True when every cell is empty or whitespace (or there are none)."""
        return all(not c.strip() for c in self.cells)


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that is not data: ``reason`` is 'metadata', 'title', 'blank' or 'before-header'.
    ``row`` is its spreadsheet row, as for :class:`Record`."""

    line: int
    cells: list[str]
    reason: str
    row: int = 0


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    end_line: int
    cells: list[str]
    terminator: str = ""  # CSV only: the line end that closed the record
    row: int = 0  # the spreadsheet row (see Record.row)


def count_nonempty(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip())


def is_metadata_row(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


class Table:
    """An opened input file; use as a context manager and iterate ``records()``.

    Attributes common to all formats: ``path``, ``format`` ('csv', 'xlsx',
    'xml'), ``header`` (cells as written, BOM stripped), ``header_line``
    (physical 1-based line or row), ``preamble`` (rows skipped before or right
    after the header), ``notes`` (human-readable remarks about how the file
    was read).  ``header_offset`` is 1 when a leading marker column
    (``#property``) was dropped from the header and every record.

    Text formats also have ``encoding``; ``line_endings`` ('CRLF', 'LF', 'CR',
    'mixed', 'none') and ``line_ending_counts`` count every physical line
    break, including those inside quoted cells; ``trailing_newline`` tells
    whether the last byte ends a line.  For CSV, ``record_line_endings``
    classifies only the breaks that end records (an Excel export with Alt+Enter
    cells is 'CRLF' there but 'mixed' physically); it is ``None`` until
    ``records()`` has been read to the end.
    """

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.format = fmt
        self.encoding: EncodingInfo | None = None
        self.delimiter: str | None = None
        self.header: list[str] = []
        self.header_line = 0
        # The spreadsheet row of the header (see Record.row); 0 where there is none.
        self.header_row = 0
        self.header_offset = 0
        self.preamble: list[SkippedRow] = []
        self.line_endings: str | None = None
        self.line_ending_counts: dict[str, int] = {}
        self.record_line_endings: str | None = None
        self.trailing_newline: bool | None = None
        self.notes: list[str] = []
        self.dataset_hint: str | None = None
        self.sheet_name: str | None = None
        self.sheet_names: list[str] = []
        # XLSX: hidden sheets passed over to reach the first visible one.
        self.hidden_sheets_skipped: list[str] = []
        self._live: weakref.WeakSet[Generator[Record, None, None]] = weakref.WeakSet()
        self._closed = False

    def records(self) -> Iterator[Record]:
        """Stream the data records; may be called again to re-read from the start."""
        if self._closed:
            raise ValueError("records() on a closed table")
        gen = self._records()
        self._live.add(gen)
        return gen

    def __iter__(self) -> Iterator[Record]:
        return self.records()

    def _records(self) -> Generator[Record, None, None]:
        raise NotImplementedError

    def _release(self) -> None:
        """Free format-specific resources."""

    def close(self) -> None:
        for gen in list(self._live):
            gen.close()
        self._live.clear()
        if not self._closed:
            self._closed = True
            self._release()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"<Table {self.format} {str(self.path)!r} columns={len(self.header)} "
            f"header_line={self.header_line}>"
        )


class _Rows:
    """A row iterator with look-ahead that counts how many rows were taken."""

    def __init__(self, rows: Iterable[RawRow]) -> None:
        self._it = iter(rows)
        self._buf: deque[RawRow] = deque()
        self.taken = 0

    def peek(self, k: int = 0) -> RawRow | None:
        while len(self._buf) <= k:
            row = next(self._it, None)
            if row is None:
                return None
            self._buf.append(row)
        return self._buf[k]

    def take(self) -> RawRow | None:
        row = self._buf.popleft() if self._buf else next(self._it, None)
        if row is not None:
            self.taken += 1
        return row


@dataclass(slots=True)
class HeaderInfo:
    header: list[str]
    header_line: int
    header_row: int
    preamble: list[SkippedRow]
    consumed: int  # rows taken up to and including the header and its metadata rows
    marker: bool
    notes: list[str]


def _header_index(rows: _Rows, first: RawRow) -> tuple[int, str]:
    """Index (in the look-ahead) of the header and the reason for rows before it."""
    if is_metadata_row(first.cells):
        # Takamatsu "#LINK" files: '#lang', '#license', ... then '#property'.
        for k in range(METADATA_LOOKAHEAD):
            row = rows.peek(k)
            if row is None:
                break
            if not row.cells or count_nonempty(row.cells) == 0:
                continue
            if row.cells[0].strip() == PROPERTY_MARKER:
                return k, "metadata"
            if not is_metadata_row(row.cells):
                break
        return 0, "metadata"
    if count_nonempty(first.cells) == 1 and first.cells[0].strip():
        # A title row ("令和5年度 ...一覧") above the real header; the title sits
        # in the first cell (merged title cells keep their value there), which
        # keeps a header like ",件数" (unnamed label column) from looking like one.
        for k in range(1, TITLE_LOOKAHEAD + 1):
            row = rows.peek(k)
            if row is None:
                break
            if count_nonempty(row.cells) >= 2:
                return k, "title"
    return 0, "title"


def find_header(rows_in: Iterable[RawRow], header_row: int | None, path: Path) -> HeaderInfo:
    """Locate the header row; see ``open_table`` for the rules."""
    rows = _Rows(rows_in)
    preamble: list[SkippedRow] = []
    notes: list[str] = []
    header: RawRow | None = None
    if header_row is not None:
        while True:
            row = rows.take()
            if row is None:
                raise InputError(
                    "no-header",
                    f"header row {header_row} is past the end of the file",
                    path=path,
                    line=header_row,
                )
            if row.line == header_row:
                header = row
                break
            if row.end_line >= header_row:
                raise InputError(
                    "no-header",
                    f"header row {header_row} is inside the multi-line record on lines "
                    f"{row.line}-{row.end_line}",
                    path=path,
                    line=header_row,
                )
            reason = "blank" if count_nonempty(row.cells) == 0 else "before-header"
            preamble.append(SkippedRow(row.line, row.cells, reason, row.row))
    else:
        while (row := rows.peek()) is not None and count_nonempty(row.cells) == 0:
            rows.take()
            preamble.append(SkippedRow(row.line, row.cells, "blank", row.row))
        first = rows.peek()
        if first is None:
            raise InputError("no-header", "no header row: the file has only blank rows", path=path)
        index, reason = _header_index(rows, first)
        for _ in range(index):
            row = rows.take()
            assert row is not None
            why = "blank" if count_nonempty(row.cells) == 0 else reason
            preamble.append(SkippedRow(row.line, row.cells, why, row.row))
        header = rows.take()
        assert header is not None
        if index:
            notes.append(Note(f"header_after_{reason}", line=header.line, count=index))
    marker = bool(header.cells) and header.cells[0].strip() == PROPERTY_MARKER
    if marker:
        # '#object_type_xsd', '#property_context' follow the header in #LINK files.
        while (row := rows.peek()) is not None and is_metadata_row(row.cells):
            rows.take()
            preamble.append(SkippedRow(row.line, row.cells, "metadata", row.row))
        notes.append(Note("property_marker"))
    cells = header.cells[1:] if marker else list(header.cells)
    return HeaderInfo(cells, header.line, header.row, preamble, rows.taken, marker, notes)

"""Streaming CSV reader that keeps exact physical line numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TextIO

from stdschema.io.encoding import EncodingInfo, classify_line_endings, scan_head, scan_text
from stdschema.io.errors import InputError, Reread, os_error
from stdschema.io.notes import Note
from stdschema.io.table import (
    RawRow,
    Record,
    Table,
    find_header,
)

DEFAULT_MAX_FIELD_SIZE = 10 * 1024 * 1024
_CANDIDATES = (",", "\t", ";")
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}
_DELIMITER_ALIASES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}
# A quoted field, possibly left open at the end of the line.
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')
_SNIFF_LINES = 20


def _size(n: int) -> str:
    if n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    return f"{n:,} characters"


def open_quote_line(lines: list[str], first_line: int, delimiter: str) -> int | None:
    """Line where a still-open quoted field started, after reading ``lines``.

    Mirrors the (non-strict) state machine of Python's csv module.  Lines
    without a quote character cannot change the state except ending a record,
    which keeps this cheap on long records.
    """
    start_field, in_field, in_quoted, quote_in_quoted = range(4)
    state = start_field
    opened: int | None = None
    for number, line in enumerate(lines, start=first_line):
        if '"' not in line:
            if state != in_quoted:
                state = start_field
            continue
        for ch in line:
            if state == start_field:
                if ch == '"':
                    state, opened = in_quoted, number
                elif ch != delimiter and ch not in "\r\n":
                    state = in_field
            elif state == in_field:
                if ch == delimiter or ch in "\r\n":
                    state = start_field
            elif state == in_quoted:
                if ch == '"':
                    state = quote_in_quoted
            elif ch == '"':
                state = in_quoted
            elif ch == delimiter or ch in "\r\n":
                state = start_field
            else:
                state = in_field
    return opened if state == in_quoted else None


def physical_lines(text: str) -> list[str]:
    """``text`` split after each CRLF, CR or LF, ends kept: the lines the reader counts.

    Not ``str.splitlines()``, which also breaks at VT, FF, FS/GS/RS, NEL, U+2028 and
    U+2029: inside a CSV cell those are ordinary characters.
    """
    return io.StringIO(text, newline="").readlines()


class _LineSource:
    """Feeds ``csv.reader`` physical lines, remembering those of the current record."""

    def __init__(self, stream: TextIO, path: Path, max_line: int) -> None:
        self._stream = stream
        self._path = path
        self._max_line = max_line
        self.count = 0
        self.lines: list[str] = []

    def __iter__(self) -> _LineSource:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(self._max_line)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) >= self._max_line and line[-1] not in "\r\n":
            raise InputError(
                "too-large",
                f"line {self.count:,} is longer than {_size(self._max_line)}",
                path=self._path,
                line=self.count,
            )
        self.lines.append(line)
        return line

    def take(self) -> list[str]:
        lines, self.lines = self.lines, []
        return lines


def iter_csv_rows(
    path: Path, encoding: EncodingInfo, delimiter: str, max_field_size: int
) -> Generator[RawRow, None, None]:
    """Yield every CSV record (blank ones too) with its physical line span and its
    spreadsheet row (the record's ordinal in the file)."""
    # The csv module's limit is process-wide; set it for this reader.
    csv.field_size_limit(max_field_size)
    try:
        stream = open(path, encoding=encoding.codec, errors="strict", newline="")  # noqa: SIM115
    except OSError as exc:
        raise os_error(path, exc) from None
    with stream:
        src = _LineSource(stream, path, max(4 * max_field_size, 1024 * 1024))
        reader = csv.reader(src, delimiter=delimiter, quotechar='"', doublequote=True)
        prev_end = 0
        ordinal = 0
        pending: RawRow | None = None
        pending_lines: list[str] = []
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise _csv_error(
                    exc, path, prev_end + 1, src.lines, delimiter, max_field_size
                ) from None
            except UnicodeDecodeError as exc:  # only if the file changed since detection
                raise InputError(
                    "encoding-error", f"not valid {encoding.name}: {exc.reason}", path=path
                ) from None
            end = reader.line_num
            if prev_end == 0 and cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]
            lines = src.take()
            last = lines[-1] if lines else ""
            ending = "\r\n" if last.endswith("\r\n") else last[-1:] if last[-1:] in "\r\n" else ""
            # One record is one spreadsheet row, however many lines its cells span; a
            # blank line is a record too (csv yields [] for it), as Excel shows it.
            ordinal += 1
            row = RawRow(prev_end + 1, end, cells, ending, ordinal)
            prev_end = end
            # One record of look-ahead: only the last record can hide an
            # unclosed quote, and it must be reported instead of yielded.
            if pending is not None:
                yield pending
            pending, pending_lines = row, lines
        if pending is not None:
            opened = open_quote_line(pending_lines, pending.line, delimiter)
            if opened is not None:
                raise InputError(
                    "unclosed-quote",
                    f"unclosed quote: the quoted field opened on line {opened:,} never closes "
                    f"(the file ends on line {pending.end_line:,})",
                    path=path,
                    line=opened,
                )
            yield pending


def _csv_error(
    exc: csv.Error, path: Path, line: int, lines: list[str], delimiter: str, limit: int
) -> InputError:
    text = str(exc)
    if "field larger than field limit" in text:
        opened = open_quote_line(lines, line, delimiter)
        hint = ""
        if opened is not None:
            hint = f" (the quoted field opened on line {opened:,} may lack its closing quote)"
        return InputError(
            "too-large",
            f"a field in the record starting on line {line:,} is larger than {_size(limit)}{hint}",
            path=path,
            line=line,
        )
    return InputError(
        "csv-error", f"cannot parse CSV on line {line:,}: {text}", path=path, line=line
    )


def sniff_delimiter(path: Path, encoding: EncodingInfo, default: str = ",") -> str:
    """Pick tab or semicolon over ``default`` only when clearly better on the header line."""
    try:
        stream = open(path, encoding=encoding.codec, errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        raise os_error(path, exc) from None
    with stream:
        for _ in range(_SNIFF_LINES):
            line = stream.readline(65536)
            if not line:
                break
            bare = _QUOTED.sub("", line)
            counts = {d: bare.count(d) for d in _CANDIDATES}
            if not any(counts.values()):
                continue  # a title line or blank line: look at the next one
            base = counts[default]
            better = [d for d in _CANDIDATES if d != default and counts[d] >= 2 * base + 1]
            return max(better, key=lambda d: counts[d]) if better else default
    return default


def normalize_delimiter(delimiter: str, path: Path) -> str:
    value = _DELIMITER_ALIASES.get(delimiter.lower(), delimiter)
    if len(value) != 1 or value in '"\r\n':
        raise InputError(
            "bad-delimiter",
            f"delimiter must be a single character other than a quote or newline, "
            f"got {delimiter!r}",
            path=path,
        )
    return value


class CsvTable(Table):
    """A CSV (or TSV) file; see ``stdschema.io.open_table``."""

    def __init__(
        self,
        path: Path,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        header_row: int | None = None,
        max_field_size: int = DEFAULT_MAX_FIELD_SIZE,
        lazy: bool = False,
    ) -> None:
        super().__init__(path, "csv")
        self._max_field_size = max_field_size
        self._encoding_name = encoding
        self.deferred = scan_head(path, override=encoding) if lazy else None
        """Set while the encoding is decided from the head only (see :meth:`verify`)."""
        if self.deferred is not None:
            info, stats = self.deferred.info, self.deferred.head
        else:
            info, stats = scan_text(path, override=encoding, expected="CSV text")
        self.encoding = info
        if info.note:
            self.notes.append(info.note)
        self.line_endings = stats.line_endings
        self.line_ending_counts = stats.line_ending_counts
        self.trailing_newline = stats.trailing_newline
        if delimiter is not None:
            self.delimiter = normalize_delimiter(delimiter, path)
        else:
            default = "\t" if path.suffix.lower() == ".tsv" else ","
            self.delimiter = sniff_delimiter(path, info, default)
            if self.delimiter != ",":
                self.notes.append(Note(f"delimited_{_DELIMITER_NAMES[self.delimiter]}"))
        rows = self._rows()
        try:
            found = find_header(rows, header_row, path)
        finally:
            rows.close()
        self.header = found.header
        self.header_line = found.header_line
        self.header_row = found.header_row
        self.preamble = found.preamble
        self.header_offset = 1 if found.marker else 0
        self.notes.extend(found.notes)
        self._consumed = found.consumed

    def verify(self) -> None:
        """The whole file's encoding scan, for a table opened ``lazy``: raises the
        error a bad byte anywhere gives without ``lazy``, and :class:`Reread` when the
        whole file names another encoding than its head."""
        deferred, self.deferred = self.deferred, None
        if deferred is None:
            return
        info, stats = scan_text(self.path, override=self._encoding_name, expected="CSV text")
        if info != deferred.info:
            raise Reread(str(self.path))
        self.line_endings = stats.line_endings
        self.line_ending_counts = stats.line_ending_counts
        self.trailing_newline = stats.trailing_newline

    def first_record(self) -> Record | None:
        """The first data record, read without :meth:`verify` (where the fast engine's
        blocks start; they check the rest of the file as they read it)."""
        rows = self._rows()
        try:
            return next(self._data(rows), None)
        except (InputError, UnicodeError):
            if self.deferred is None:
                raise
            self.verify()  # the error the whole-file scan gives ...
            raise Reread(str(self.path)) from None  # ... or start over without lazy
        finally:
            rows.close()

    def _rows(self) -> Generator[RawRow, None, None]:
        assert self.delimiter is not None and self.encoding is not None
        return iter_csv_rows(self.path, self.encoding, self.delimiter, self._max_field_size)

    def _records(self) -> Generator[Record, None, None]:
        self.verify()
        rows = self._rows()
        try:
            yield from self._data(rows)
        finally:
            rows.close()

    def _data(self, rows: Iterator[RawRow]) -> Iterator[Record]:
        counts = {"CRLF": 0, "LF": 0, "CR": 0}
        kinds = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
        for _ in range(self._consumed):
            row = next(rows, None)
            if row is None:
                return
            if row.terminator:
                counts[kinds[row.terminator]] += 1
        marker = self.header_offset == 1
        # '#' metadata rows exist only before the header and right after it (find_header
        # consumed those): past them a cell starting with '#' is data, never skipped.
        for row in rows:
            if row.terminator:
                counts[kinds[row.terminator]] += 1
            if not marker:
                yield Record(row.line, row.end_line, row.cells, None, row.row)
            else:
                label = row.cells[0] if row.cells else None
                yield Record(row.line, row.end_line, row.cells[1:], label, row.row)
        self.record_line_endings = classify_line_endings(counts)

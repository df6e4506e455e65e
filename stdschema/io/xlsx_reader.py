"""XLSX reader: cells rendered as a person sees them in Excel."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import warnings
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from stdschema.io.errors import InputError, check_file, open_binary
from stdschema.io.notes import Note
from stdschema.io.table import RawRow, Record, Table, count_nonempty, find_header

# Decompressed size above which a workbook is refused (zip-bomb guard).
DEFAULT_MAX_XLSX_UNCOMPRESSED = 1024 * 1024 * 1024

# Limits checked by a streaming pre-scan before openpyxl reads a part (docs/security.md).
# openpyxl keeps every shared string in memory, and while opening a workbook it parses
# each whole sheet part into elements it does not free until the part ends.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
"""Unpacked size of the shared-strings part (the zip reader stops at the declared size)."""
MAX_SHARED_STRINGS = 1_000_000
"""Shared strings (distinct cell texts) in a workbook."""
MAX_SHARED_CHARS = 32 * 1024 * 1024
"""Characters in all shared strings together."""
MAX_ROW_CELLS = 16_384
"""Cell elements in one row: Excel's column count (A to XFD)."""
MAX_SHEET_ROWS = 1_048_576
"""Row elements in one sheet: Excel's row count."""
MAX_CELLS = 20_000_000
"""Cell elements in one sheet, and cells read from the chosen sheet (its rows times the
last column holding a value: empty cells before that column are read too)."""
MAX_HELD_ELEMENTS = MAX_SHEET_ROWS + 100_000
"""Elements of a sheet part a parser holds at once: its rows, and the children of any
other element until that element ends (merged ranges, links, ...)."""
# Elements of the shared-strings part that are not strings (openpyxl keeps them).
_MAX_OTHER_ELEMENTS = 1_000
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SI, _ROW, _C = f"{{{_MAIN_NS}}}si", f"{{{_MAIN_NS}}}row", f"{{{_MAIN_NS}}}c"
_V, _IS, _SHEET_DATA = f"{{{_MAIN_NS}}}v", f"{{{_MAIN_NS}}}is", f"{{{_MAIN_NS}}}sheetData"
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})")
# Rows read per capture of openpyxl's warnings while a sheet streams.
_WARNING_BATCH = 256
_MAX_WARNING_NOTES = 5
# Number formats like "000000" that zero-pad integers (codes with leading zeros).
_ZERO_PAD = re.compile(r"^0+$")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def cell_text(value: Any, number_format: str | None = None) -> str:
    """Render an openpyxl cell value the way Excel displays it, minus styling."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if value.is_integer():
            text = str(int(value))
        else:
            return repr(value)
    elif isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    elif isinstance(value, dt.date):
        return value.isoformat()
    elif isinstance(value, dt.time):
        if value.second == 0 and value.microsecond == 0:
            return value.strftime("%H:%M")
        return value.isoformat(timespec="seconds")
    else:
        return str(value)
    if number_format and _ZERO_PAD.match(number_format) and not text.startswith("-"):
        text = text.zfill(len(number_format))
    return text


def _check_zip(path: Path, limit: int) -> None:
    with open_binary(path) as f:
        head = f.read(8)
    if head == _OLE2:
        raise InputError(
            "xlsx-error",
            "not an .xlsx workbook: it is an OLE2 file (a legacy .xls, or a password-protected "
            "workbook); save it as an unprotected .xlsx or as CSV",
            path=path,
        )
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise InputError(
            "xlsx-error", "not a valid .xlsx workbook (it is not a ZIP archive)", path=path
        ) from None
    except OSError as exc:
        raise InputError("xlsx-error", f"cannot read the workbook: {exc}", path=path) from None
    if total > limit:
        raise InputError(
            "too-large",
            f"the workbook unpacks to {total:,} bytes, more than the limit of {limit:,}",
            path=path,
        )


class XlsxTable(Table):
    """The first visible (or chosen) worksheet of an .xlsx workbook."""

    def __init__(
        self,
        path: Path,
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        max_uncompressed: int = DEFAULT_MAX_XLSX_UNCOMPRESSED,
    ) -> None:
        super().__init__(path, "xlsx")
        if check_file(path) == 0:
            raise InputError("empty-file", "the file is empty (0 bytes)", path=path)
        _check_zip(path, max_uncompressed)
        self._warnings: list[str] = []
        self._extents: dict[str, SheetExtent] = {}
        self._header_row = header_row
        self._wb = self._load()
        try:
            self._select(sheet)
            rows = self._rows()
            try:
                found = find_header(rows, header_row, path)
            finally:
                rows.close()
        except BaseException:
            self._wb.close()
            raise
        self.header = _trim(found.header)
        self.header_line = found.header_line
        self.header_row = found.header_row
        self.preamble = found.preamble
        self.header_offset = 1 if found.marker else 0
        self.notes.extend(found.notes)
        self._consumed = found.consumed

    def _load(self) -> Any:
        try:
            reader = _reader_class()(self.path, read_only=True, data_only=True)
        except Exception as exc:
            raise InputError(
                "xlsx-error", f"cannot open the workbook: {_reason(exc)}", path=self.path
            ) from None
        reader.path = self.path
        reader.extents = self._extents
        try:
            with warnings.catch_warnings(record=True):
                # openpyxl warns about extensions and styles it drops; recorded here, they
                # stay off stderr (one line) and are dropped: none of them is a cell value.
                warnings.simplefilter("always")
                reader.read()
        except InputError:
            reader.archive.close()
            raise
        except Exception as exc:
            reader.archive.close()
            raise InputError(
                "xlsx-error", f"cannot open the workbook: {_reason(exc)}", path=self.path
            ) from None
        return reader.wb

    def _select(self, sheet: str | int | None) -> None:
        worksheets = self._wb.worksheets
        self.sheet_names = [ws.title for ws in worksheets]
        if not worksheets:
            raise InputError("xlsx-error", "the workbook has no worksheets", path=self.path)
        listing = ", ".join(repr(n) for n in self.sheet_names)
        if sheet is None:
            # Hidden sheets hold lookup lists and scratch work, not the published table.
            visible = [i for i, ws in enumerate(worksheets) if ws.sheet_state == "visible"]
            index = visible[0] if visible else 0
            self.hidden_sheets_skipped = self.sheet_names[:index]
        elif isinstance(sheet, str) and sheet in self.sheet_names:
            index = self.sheet_names.index(sheet)
        elif isinstance(sheet, int) or sheet.strip().isdigit():
            index = int(sheet) - 1
            if not 0 <= index < len(worksheets):
                raise InputError(
                    "sheet-not-found",
                    f"no sheet number {sheet}; the workbook has {len(worksheets)}: {listing}",
                    path=self.path,
                )
        else:
            raise InputError(
                "sheet-not-found", f"no sheet named {sheet!r}; sheets: {listing}", path=self.path
            )
        self._ws = worksheets[index]
        self.sheet_name = self.sheet_names[index]
        if len(worksheets) > 1:
            self.notes.append(Note("sheet_of", sheet=self.sheet_name, count=len(worksheets)))
        if self.hidden_sheets_skipped:
            names = ", ".join(repr(n) for n in self.hidden_sheets_skipped)
            self.notes.append(Note("hidden_sheets", names=names))
        # Stored dimensions are often wrong; the pre-scan's extent replaces them.
        self._ws.reset_dimensions()
        self._extent = self._extents.get(self.sheet_name, SheetExtent(0, 0))

    def _rows(self) -> Generator[RawRow, None, None]:
        extent = self._extent
        if extent.rows == 0:
            return  # no value anywhere: openpyxl would pad each row to its last styled cell
        # Bounds from the pre-scan: rows are read only as far as the last value and as
        # wide as the last column holding one (never to a styled cell at XFD).
        max_row = max(extent.rows, self._header_row or 0)
        source = self._ws.iter_rows(min_row=1, max_row=max_row, min_col=1, max_col=extent.columns)
        number = 0
        try:
            while number < max_row:
                batch: list[RawRow] = []
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    # openpyxl yields one row a number up to max_row; asking for more
                    # would parse the rest of the part (merged ranges, extensions, ...).
                    for row in itertools.islice(source, min(_WARNING_BATCH, max_row - number)):
                        number += 1
                        cells = _trim(
                            [
                                ""
                                if c.value is None
                                else cell_text(c.value, getattr(c, "number_format", None))
                                for c in row
                            ]
                        )
                        batch.append(RawRow(number, number, cells, row=number))
                self._note_warnings(_warning_text(caught))
                yield from batch
                if not batch:
                    return
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                "xlsx-error",
                f"cannot read sheet {self.sheet_name!r}: {_reason(exc)}",
                path=self.path,
            ) from None

    def _note_warnings(self, messages: list[str]) -> None:
        """Warnings while reading cells (e.g. a date serial out of range) become notes."""
        for message in messages:
            if message in self._warnings:
                continue
            self._warnings.append(message)
            if len(self._warnings) <= _MAX_WARNING_NOTES:
                self.notes.append(Note("openpyxl_warning", message=message))

    def _records(self) -> Generator[Record, None, None]:
        rows = self._rows()
        try:
            yield from self._data(rows)
        finally:
            rows.close()

    def _data(self, rows: Iterator[RawRow]) -> Iterator[Record]:
        for _ in range(self._consumed):
            if next(rows, None) is None:
                return
        width = len(self.header) + self.header_offset
        blank_start = 0
        blank_count = 0
        for row in rows:
            if count_nonempty(row.cells) == 0:
                # Sheets carry formatted-but-empty rows at the end; emit blank
                # rows only when data follows them.
                if not blank_count:
                    blank_start = row.line
                blank_count += 1
                continue
            for line in range(blank_start, blank_start + blank_count):
                yield Record(line, line, [""] * len(self.header), None, line)
            blank_count = 0
            cells = row.cells + [""] * (width - len(row.cells))
            # The sheet's own row number is the row (line is the same number).
            if self.header_offset:
                yield Record(row.line, row.line, cells[1:], cells[0], row.line)
            else:
                yield Record(row.line, row.line, cells, None, row.line)

    def _release(self) -> None:
        self._wb.close()


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]


def _iterparse(source: IO[bytes], events: tuple[str, ...] = ("end",)) -> Any:
    """lxml's streaming parser with nothing resolved or fetched; text nodes stay under
    libxml2's 10 MB cap (a larger one is an error, not a 1 GB string)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree.iterparse(
        source,
        events=events,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def _column_number(ref: str) -> int | None:
    match = _CELL_REF.match(ref)
    if match is None:
        return None
    number = 0
    for ch in match.group(1).upper():
        number = number * 26 + ord(ch) - 64
    return number


@dataclass(frozen=True, slots=True)
class SheetExtent:
    """Where a sheet's values end: the last row and last column holding one (0 if none)."""

    rows: int
    columns: int


def _too_large(
    path: Path, key: str, limit: int, sheet: str = "", rows: int = 0, columns: int = 0
) -> InputError:
    return InputError.catalogued(
        "too-large",
        f"input.xlsx.{key}",
        path=path,
        limit=limit,
        sheet=sheet,
        rows=rows,
        columns=columns,
    )


def scan_shared_strings(source: IO[bytes], path: Path) -> tuple[int, int]:
    """Count the shared strings and their characters, stopping at the limits.

    openpyxl frees each string's element once read but keeps every other element of
    the part whole: those are limited too.
    """
    count = chars = other = 0
    inside = 0  # depth inside an <si>
    for event, element in _iterparse(source, ("start", "end")):
        if event == "start":
            if inside or element.tag == _SI:
                inside += 1
            continue
        if inside:
            inside -= 1
            if inside:
                continue  # text runs of a string: counted with it
            count += 1
            chars += sum(len(text) for text in element.itertext())
            if count > MAX_SHARED_STRINGS:
                raise _too_large(path, "strings_count", MAX_SHARED_STRINGS)
            if chars > MAX_SHARED_CHARS:
                raise _too_large(path, "strings_chars", MAX_SHARED_CHARS)
        else:
            other += 1
            if other > _MAX_OTHER_ELEMENTS:
                raise _too_large(path, "strings_other", _MAX_OTHER_ELEMENTS)
        element.clear()
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]
    return count, chars


def _check_row_limits(rows: int, width: int, cells: int, path: Path, title: str) -> None:
    if rows > MAX_SHEET_ROWS:
        raise _too_large(path, "rows", MAX_SHEET_ROWS, sheet=title)
    if width > MAX_ROW_CELLS:
        raise _too_large(path, "row_cells", MAX_ROW_CELLS, sheet=title)
    if cells > MAX_CELLS:
        raise _too_large(path, "cells", MAX_CELLS, sheet=title)


def _drop_earlier_rows(row: Any) -> int:
    """Free the rows before ``row`` (openpyxl holds them: see ``held``); how many went."""
    parent = row.getparent()
    dropped = 0
    while row.getprevious() is not None:
        del parent[0]
        dropped += 1
    return dropped


def scan_sheet(source: IO[bytes], path: Path, title: str) -> SheetExtent:
    """The extent of a sheet's values, checking row, cell and element limits on the way.

    Mirrors openpyxl's reading: rows without ``r`` follow the previous row, cells
    without ``r`` follow the previous cell; a value is a non-empty ``<v>`` (cached
    formula results included) or an inline string ``<is>``. ``held`` follows what
    openpyxl's parser holds at once: it clears each element as it ends but keeps it,
    emptied, in its parent until the parent ends.
    """
    rows = cells = held = dropped = 0
    row_number = column = 0
    last_row = last_col = 0
    row_has_value = cell_has_value = False
    # The hot loop runs once an element: cells and values are neither cleared nor
    # deleted one by one (their row goes at once), and it stays one function (a call
    # an element would cost more than the parse); only per-row work is factored out.
    for _, element in _iterparse(source):
        tag = element.tag
        held += 1 - len(element)
        if tag == _C:
            ref = element.get("r")
            number = _column_number(ref) if ref else None
            column = number if number is not None else column + 1
            if cell_has_value:
                row_has_value = True
                if column > last_col:
                    last_col = column
                cell_has_value = False
            continue
        if tag == _V:
            if element.text and element.getparent().get("t") != "inlineStr":
                cell_has_value = True
            continue
        if tag == _ROW:
            rows += 1
            cells += len(element)
            _check_row_limits(rows, len(element), cells, path, title)
            ref = element.get("r")
            try:
                row_number = int(float(ref)) if ref else row_number + 1
            except ValueError:
                row_number += 1  # openpyxl refuses the sheet when it reads it
            if row_has_value:
                if row_number > last_row:
                    last_row = row_number
                row_has_value = False
            column = 0
            dropped += _drop_earlier_rows(element)
        elif tag == _IS:
            if element.getparent().get("t") == "inlineStr":
                cell_has_value = True
        elif tag == _SHEET_DATA:
            held -= dropped
            dropped = 0
        if held > MAX_HELD_ELEMENTS:
            raise _too_large(path, "elements", MAX_HELD_ELEMENTS, sheet=title)
        element.clear()
    if last_row * last_col > MAX_CELLS:
        raise _too_large(path, "grid", MAX_CELLS, sheet=title, rows=last_row, columns=last_col)
    return SheetExtent(last_row, last_col)


def _reader_class() -> Any:
    """openpyxl's workbook reader with the pre-scans run before it reads each part."""
    from openpyxl.reader.excel import ExcelReader  # type: ignore[import-untyped]
    from openpyxl.xml.constants import SHARED_STRINGS  # type: ignore[import-untyped]

    class BoundedReader(ExcelReader):  # type: ignore[misc]
        path: Path
        extents: dict[str, SheetExtent]

        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                name = part.PartName[1:]
                if self.archive.getinfo(name).file_size > MAX_SHARED_STRINGS_BYTES:
                    raise _too_large(self.path, "strings_bytes", MAX_SHARED_STRINGS_BYTES)
                with self.archive.open(name) as src:
                    scan_shared_strings(src, self.path)
            super().read_strings()

        def read_worksheets(self) -> None:
            # Opening a read-only sheet parses all of it (its size), so every sheet is
            # scanned first, not only the one that will be read.
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue
                with self.archive.open(rel.target) as src:
                    self.extents[sheet.name] = scan_sheet(src, self.path, sheet.name)
            super().read_worksheets()

    return BoundedReader


def _warning_text(caught: list[warnings.WarningMessage]) -> list[str]:
    return [_reason(Exception(str(w.message))) for w in caught]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0]

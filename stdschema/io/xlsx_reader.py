"""XLSX reader: cells rendered as a person sees them in Excel."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from stdschema.io.errors import InputError, check_file, open_binary
from stdschema.io.table import RawRow, Record, Table, count_nonempty, find_header

# Decompressed size above which a workbook is refused (zip-bomb guard).
DEFAULT_MAX_XLSX_UNCOMPRESSED = 1024 * 1024 * 1024
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
    """The first (or chosen) worksheet of an .xlsx workbook."""

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
        self.preamble = found.preamble
        self.header_offset = 1 if found.marker else 0
        self.notes.extend(found.notes)
        self._consumed = found.consumed

    def _load(self) -> Any:
        import openpyxl  # type: ignore[import-untyped]

        try:
            with warnings.catch_warnings():
                # openpyxl warns about unknown extensions/properties; not our user's concern.
                warnings.simplefilter("ignore")
                return openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:
            raise InputError(
                "xlsx-error", f"cannot open the workbook: {_reason(exc)}", path=self.path
            ) from None

    def _select(self, sheet: str | int | None) -> None:
        worksheets = self._wb.worksheets
        self.sheet_names = [ws.title for ws in worksheets]
        if not worksheets:
            raise InputError("xlsx-error", "the workbook has no worksheets", path=self.path)
        listing = ", ".join(repr(n) for n in self.sheet_names)
        if sheet is None:
            index = 0
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
            self.notes.append(f"reading sheet {self.sheet_name!r} of {len(worksheets)}")
        # Stored dimensions are often wrong; without them every row is read.
        self._ws.reset_dimensions()

    def _rows(self) -> Generator[RawRow, None, None]:
        try:
            for number, row in enumerate(self._ws.iter_rows(), start=1):
                cells = _trim([cell_text(c.value, getattr(c, "number_format", None)) for c in row])
                yield RawRow(number, number, cells)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                "xlsx-error",
                f"cannot read sheet {self.sheet_name!r}: {_reason(exc)}",
                path=self.path,
            ) from None

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
                yield Record(line, line, [""] * len(self.header))
            blank_count = 0
            cells = row.cells + [""] * (width - len(row.cells))
            if self.header_offset:
                yield Record(row.line, row.line, cells[1:], cells[0])
            else:
                yield Record(row.line, row.line, cells)

    def _release(self) -> None:
        self._wb.close()


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0]

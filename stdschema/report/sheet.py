"""The rows of a checked file as a spreadsheet shows them: the data copy of the workbook
and HTML reports.

A CSV record is one spreadsheet row (however many lines its cells span), and the rows
above the header (titles, ``#`` metadata) are rows too, so row ``n`` here is row ``n``
in Excel and a problem's ``row``/``column`` name its cell directly. XLSX rows keep the
sheet's own numbers. The file is read again, as the validator read it (same encoding and
sheet); ``limit`` caps the rows held, and :attr:`SheetCopy.total` still counts them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from stdschema.io.table import PROPERTY_MARKER

if TYPE_CHECKING:
    from stdschema.report.model import FileReport

__all__ = ["DEFAULT_LIMIT", "SheetCopy", "SheetRow", "read_sheet"]

DEFAULT_LIMIT = 5_000
"""Rows of data a report copies by default (the problems themselves are never capped)."""

RowKind = Literal["before-header", "header", "skipped", "data"]
"""``skipped``: a row below the header that is not data ('#' metadata after a '#property'
header)."""


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One spreadsheet row: its number, the physical line it starts on, its cells."""

    row: int
    line: int
    cells: list[str]
    kind: RowKind


@dataclass(slots=True)
class SheetCopy:
    """The rows of a file up to a limit; ``total`` counts every data row."""

    rows: list[SheetRow] = field(default_factory=list)
    header_row: int = 0
    total: int = 0
    limit: int = DEFAULT_LIMIT

    @property
    def capped(self) -> bool:
        """True when data rows past :attr:`limit` were left out."""
        return self.total > self.limit

    @property
    def width(self) -> int:
        """The widest row's number of cells."""
        return max((len(r.cells) for r in self.rows), default=0)

    def row_of_line(self) -> dict[int, int]:
        """The spreadsheet row of each held row, by the physical line it starts on."""
        return {r.line: r.row for r in self.rows}


def read_sheet(file: FileReport, limit: int = DEFAULT_LIMIT) -> SheetCopy | None:
    """The rows of ``file`` as a spreadsheet shows them, at most ``limit`` data rows;
    ``None`` when it cannot be read again (it could not be read, or changed since)."""
    if file.error is not None or file.values_masked:
        return None  # unreadable, or its values are not to be shown (--mask-values)
    from stdschema.io import InputError, open_table

    copy = SheetCopy(limit=limit)
    try:
        with open_table(file.path, encoding=_encoding(file), sheet=file.sheet) as table:
            marker = [PROPERTY_MARKER] if table.header_offset else []
            # Rows the reader passed over (titles above the header, '#' metadata rows just
            # below a '#property' header) are rows in Excel too: the copy keeps them so that
            # row n here stays row n there.
            for skipped in table.preamble:
                row = skipped.row or skipped.line
                kind: RowKind = "before-header" if skipped.line < table.header_line else "skipped"
                copy.rows.append(SheetRow(row, skipped.line, skipped.cells, kind))
            copy.header_row = table.header_row or table.header_line
            copy.rows.append(
                SheetRow(copy.header_row, table.header_line, marker + table.header, "header")
            )
            for index, record in enumerate(table.records(), start=1):
                copy.total += 1
                if copy.total > limit:
                    continue  # counted, not held
                cells = [record.label or "", *record.cells] if marker else record.cells
                row = record.row or (copy.header_row + index)
                copy.rows.append(SheetRow(row, record.line, cells, "data"))
    except (InputError, OSError):
        return None
    copy.rows.sort(key=lambda r: r.row)
    return copy


def _encoding(file: FileReport) -> str | None:
    # The validator's own choice, so that the copy decodes exactly as the check did; XLSX
    # and XML name theirs themselves.
    return file.encoding if file.format == "csv" else None

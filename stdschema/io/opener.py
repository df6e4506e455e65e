"""``open_table``: one entry point for CSV, XLSX and XML input."""

from __future__ import annotations

import os
from pathlib import Path

from stdschema.io.csv_reader import DEFAULT_MAX_FIELD_SIZE, CsvTable
from stdschema.io.sniff import sniff
from stdschema.io.table import Table


def open_table(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    max_field_size: int = DEFAULT_MAX_FIELD_SIZE,
    lazy: bool = False,
) -> Table:
    """Open a CSV/TSV, XLSX or dataset-XML file as a ``Table``.

    The format comes from ``sniff``.  CSV: the encoding is detected (or
    ``encoding`` is applied strictly), the delimiter is comma unless tab or
    semicolon is clearly better on the header line; the header is the first
    non-blank row, except that Takamatsu ``#LINK`` files use the ``#property``
    row (its marker column is dropped, see ``Table.header_offset``) and a
    single-cell title row above a wider row is skipped.  ``header_row`` (a
    1-based physical line, or row for XLSX) overrides the search.  ``sheet``
    picks an XLSX worksheet by name or 1-based index.  Every problem with the
    input raises ``InputError``.

    ``lazy``: a large CSV file's encoding is decided from its head and the rest is
    checked as it is read (:class:`~stdschema.io.encoding.Deferred`); the fast engine
    reads it once instead of twice. Reading records verifies the whole file first, as
    without ``lazy``; a reader may raise :class:`~stdschema.io.errors.Reread`.
    """
    p = Path(path)
    fmt = sniff(p)
    if fmt == "xlsx":
        from stdschema.io.xlsx_reader import XlsxTable

        return XlsxTable(p, sheet=sheet, header_row=header_row)
    if fmt == "xml":
        from stdschema.io.xml_reader import XmlTable

        return XmlTable(p, encoding=encoding)
    return CsvTable(
        p,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
        max_field_size=max_field_size,
        lazy=lazy,
    )

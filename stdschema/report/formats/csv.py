"""``csv``: one row a problem (and an unreadable file), cells safe in a spreadsheet.

The columns are :data:`CSV_COLUMNS` in that order whatever the language: ``--lang en`` names
them by these identifiers and writes severities as ``error``/``warning``/``info`` (the
stable form for programs); ``--lang ja`` gives Japanese headers and エラー/警告/情報 for
people opening it in Excel. ``row`` (the spreadsheet's row) comes before ``line`` (the
file's physical line). ``RenderOptions.bom`` starts the text with U+FEFF, which Excel needs
to read UTF-8; lines end in CRLF."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, StreamRun
from stdschema.report.formats._shared import FILE_ERROR_CODE, label, machine, path, severity_label

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, Report

CSV_COLUMNS = (
    "file",
    "row",
    "record",
    "line",
    "column",
    "column_letter",
    "header",
    "field",
    "code",
    "severity",
    "value",
    "message",
    "hint",
    "fixed_to",
)
_LINE_END = "\r\n"
BOM = "\ufeff"


class CsvReporter(Reporter):
    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"
    order = 6
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=_LINE_END)
        lang = options.lang
        writer.writerow([label(f"report.csv.col.{column}", lang) for column in CSV_COLUMNS])
        for file in report.files:
            records: list[dict[str, Any]] = []
            if file.error:
                records.append(
                    {"code": FILE_ERROR_CODE, "severity": "error", "message": file.error}
                )
            records += [
                machine(p, lang).model_dump(include=set(CSV_COLUMNS)) for p in file.problems
            ]
            for record in records:
                record["file"] = path(file)
                record["severity"] = severity_label(record["severity"], lang)
                writer.writerow([_cell(record.get(column)) for column in CSV_COLUMNS])
        return (BOM if options.bom else "") + buffer.getvalue()

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        yield run.empty()  # the header row (after the BOM, when asked)
        for file in files:
            yield run.one(file).partition(_LINE_END)[2]


REPORTER = CsvReporter()


def _cell(value: str | int | None) -> str | int:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection advice)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    # Escaped first: a report opened in a terminal or a log must not drive it either.
    return escape.neutralise_formula(escape.csv_text(value))

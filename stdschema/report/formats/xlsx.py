"""``xlsx``: a workbook a data officer opens in Excel (``--format xlsx -o report.xlsx``).

Three kinds of sheet, named in the report's language:

- 概要 (Summary): each file's dataset, how it was detected, encoding, rows, verdict, counts
  by severity and by kind of problem, what to fix first, and notes (details cut by
  ``--max-problems``, the data copy capped, a file that could not be read);
- 問題一覧 (Problems): one row a problem (and one for a file that could not be read), never
  capped; autofilter, frozen header, a fill by severity, and a link to the problem's cell;
- データ (Data): a copy of each file as a spreadsheet shows it (:mod:`stdschema.report.sheet`:
  row n of the sheet is row n in Excel), each problem cell filled by its worst severity and
  carrying a comment with the problem and the fix. The copy holds :data:`DATA_LIMIT` data
  rows a file and at most :data:`MAX_DATA_SHEETS` files; the summary says so.

Values from a file are always strings: a cell ``=1+1`` is stored as text, never a formula.
Characters XML cannot hold are shown as escapes (``\\x1b``), and a cell longer than Excel's
32,767 characters is cut with a note. The same report gives the same bytes (fixed dates in
the document properties and the zip entries).
"""

from __future__ import annotations

import functools
import io
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stdschema import __version__
from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter
from stdschema.report.formats._shared import (
    FILE_ERROR_CODE,
    RANK,
    code_counts,
    human,
    label,
    machine,
    overall,
    path,
    severity_label,
    title,
)

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report, SeverityName
from stdschema.report.sheet import DEFAULT_LIMIT, SheetCopy, read_sheet

# openpyxl has no type information (and is imported only when a workbook is written).
Cell = Any
Workbook = Any
Worksheet = Any

__all__ = ["DATA_LIMIT", "MAX_DATA_SHEETS", "REPORTER", "XlsxReporter", "workbook_bytes"]

DATA_LIMIT = DEFAULT_LIMIT
"""Data rows copied a file (the problems sheet is never capped)."""
MAX_DATA_SHEETS = 10
"""Files given a data copy; later files are in the summary and the problems sheet only."""
CELL_LIMIT = 32_767
"""The most characters an Excel cell holds; a longer cell makes Excel repair the file."""
# Document properties and zip entries carry this instead of the time of the run, so that
# the same report gives the same bytes. 1980-01-01 is the earliest time a zip entry holds.
FIXED_TIME = datetime(1980, 1, 1)

_FILLS: dict[str, str] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_HEADER_FILL = "D9D9D9"
# A spreadsheet runs a cell starting with one of these as a formula when it is edited;
# the quote prefix keeps such a cell text even then.
_FORMULA_START = ("=", "+", "-", "@")
# Sheet names: at most 31 characters, none of these, no apostrophe at either end.
_SHEET_NAME_BAD = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))
_SHEET_NAME_LIMIT = 31
# Comments: at most this many problems a cell are spelled out, each shortened.
_COMMENT_PROBLEMS = 5

# Problems sheet: (catalogue key of the header, width in characters).
_PROBLEM_COLUMNS: tuple[tuple[str, int], ...] = (
    ("xlsx.col.file", 28),
    ("xlsx.col.row", 7),
    ("xlsx.col.column", 6),
    ("xlsx.col.header", 20),
    ("xlsx.col.record", 24),
    ("xlsx.col.severity", 9),
    ("xlsx.col.code", 22),
    ("xlsx.col.message", 60),
    ("xlsx.col.hint", 50),
    ("xlsx.col.value", 24),
    ("xlsx.col.fixed_to", 18),
    ("xlsx.col.line", 9),
)


class XlsxReporter(Reporter):
    name = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    order = 7
    binary = True

    def render(self, report: Report, options: RenderOptions) -> str:
        from stdschema.report.render import BinaryFormatError

        raise BinaryFormatError(f"{self.name} is a binary format: use render_bytes()")

    def render_bytes(self, report: Report, options: RenderOptions) -> bytes:
        return workbook_bytes(report, options.lang)


REPORTER = XlsxReporter()


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a problem is in Excel: row and column of the file as a spreadsheet shows it;
    ``exact`` when the row is known (not a physical line standing in for it)."""

    row: int | None
    column: int | None
    exact: bool


@dataclass(slots=True)
class _File:
    """One file of the report and what the workbook holds of it."""

    report: FileReport
    copy: SheetCopy | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)
    places: list[_Place] = field(default_factory=list)
    held: set[int] = field(default_factory=set)
    """The rows the data copy holds."""

    def in_copy(self, place: _Place) -> bool:
        """Whether the data copy holds the problem's cell (its row known, not guessed)."""
        return place.exact and place.row in self.held


def workbook_bytes(
    report: Report,
    lang: Lang,
    *,
    data_limit: int = DATA_LIMIT,
    max_data_sheets: int = MAX_DATA_SHEETS,
) -> bytes:
    """``report`` as the bytes of an ``.xlsx`` workbook in ``lang``."""
    from openpyxl import Workbook as NewWorkbook  # type: ignore[import-untyped]

    book = NewWorkbook()
    summary = book.active
    assert summary is not None  # a new workbook has one sheet
    summary.title = label("xlsx.sheet.summary", lang)
    problems = book.create_sheet(label("xlsx.sheet.problems", lang))
    taken = {summary.title.casefold(), problems.title.casefold()}
    many = len(report.files) > 1
    files = [
        _prepare(file, lang, data_limit, max_data_sheets, taken, many=many) for file in report.files
    ]
    # Each file's data sheet gets its title first, so that the other sheets can link to it.
    for entry in files:
        if entry.copy is not None and entry.sheet is not None:
            _data_sheet(book.create_sheet(entry.sheet), entry, lang)
    _summary_sheet(summary, report, files, lang)
    _problems_sheet(problems, files, lang)
    return _save(book)


# --- preparing each file ------------------------------------------------------------------


def _prepare(
    file: FileReport,
    lang: Lang,
    data_limit: int,
    max_sheets: int,
    taken: set[str],
    *,
    many: bool,
) -> _File:
    entry = _File(file)
    if file.problems_truncated:
        total = file.summary.error + file.summary.warning + file.summary.info
        entry.notes.append(
            label("xlsx.note_truncated", lang, limit=len(file.problems), total=total)
        )
    if file.error is None:
        if len(taken) - 2 >= max_sheets:
            entry.notes.append(label("xlsx.note_sheets_capped", lang, limit=max_sheets))
        else:
            entry.copy = read_sheet(file, data_limit)
            if entry.copy is None:
                why = "xlsx.note_masked" if file.values_masked else "xlsx.note_no_copy"
                entry.notes.append(label(why, lang))
            else:
                entry.sheet = _sheet_name(file, lang, taken, many=many)
                entry.held = {r.row for r in entry.copy.rows}
                if entry.copy.capped:
                    entry.notes.append(
                        label("xlsx.note_capped", lang, limit=data_limit, total=entry.copy.total)
                    )
    entry.places = _places(file, entry.copy)
    return entry


def _sheet_name(file: FileReport, lang: Lang, taken: set[str], *, many: bool) -> str:
    """A unique sheet title for the file's data copy: データ for the one file of a report,
    else データ1, データ2 … followed by the file's name."""
    base = label("xlsx.sheet.data", lang)
    number = len(taken) - 1  # the summary and problems sheets are taken: the first is 1
    if not many:
        name = base
    else:
        stem = escape.path_text(file.path).replace("\\", "/").rsplit("/", 1)[-1]
        name = f"{base}{number} {stem.rsplit('.', 1)[0]}"
    name = name.translate(_SHEET_NAME_BAD)[:_SHEET_NAME_LIMIT].strip("'") or base
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"~{n}"
        candidate = name[: _SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def _places(file: FileReport, copy: SheetCopy | None) -> list[_Place]:
    """Each problem's cell in Excel: its ``row`` (or, where the reader gives none, the row
    of its physical line in the copy, else the line itself) and its ``column`` (which counts
    a leading ``#property`` column, as the spreadsheet does)."""
    by_line = copy.row_of_line() if copy is not None else {}
    places = []
    for problem in file.problems:
        row, exact = problem.row, problem.row is not None
        if row is None and problem.line is not None:
            found = by_line.get(problem.line)
            row, exact = (found, True) if found is not None else (problem.line, False)
        places.append(_Place(row, problem.column or None, exact))
    return places


# --- cells -----------------------------------------------------------------------------------


def _text(value: str, lang: Lang) -> str:
    """``value`` as an Excel cell can hold it: characters XML cannot carry as escapes, and
    cut (with a note) at Excel's limit."""
    safe = escape.xml_text(value)
    if len(safe) <= CELL_LIMIT:
        return safe
    note = label("xlsx.cut", lang, n=len(safe))
    return safe[: CELL_LIMIT - len(note)] + note


def _put(sheet: Worksheet, row: int, column: int, value: str | int | None, lang: Lang) -> Cell:
    """One cell: a number as a number, any text as a string (never a formula or an error
    value, whatever it starts with)."""
    cell: Cell = sheet.cell(row=row, column=column)
    if not value or isinstance(value, int):
        cell.value = value if isinstance(value, int) else None  # no empty string is stored
        return cell
    text = _text(value, lang)
    cell.value = text
    if cell.data_type != "s":  # openpyxl reads '=…' as a formula and '#N/A' as an error
        cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


@dataclass(frozen=True)
class _Styles:
    """The fonts and fills the workbook uses, made once."""

    bold: Any
    heading: Any
    header: Any
    severity: dict[str, Any]


@functools.cache
def _styles() -> _Styles:
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

    def fill(colour: str) -> Any:
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    return _Styles(
        bold=Font(bold=True),
        heading=Font(bold=True, size=14),
        header=fill(_HEADER_FILL),
        severity={severity: fill(colour) for severity, colour in _FILLS.items()},
    )


def _display_width(text: str) -> int:
    """Characters a cell needs: wide (CJK) characters count two."""
    line = text.split("\n", 1)[0]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:80])


def _header_row(sheet: Worksheet, row: int, values: Iterable[str], lang: Lang) -> None:
    styles = _styles()
    for column, value in enumerate(values, start=1):
        cell = _put(sheet, row, column, value, lang)
        cell.font = styles.bold
        cell.fill = styles.header


# --- the summary sheet ---------------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, report: Report, files: list[_File], lang: Lang) -> None:
    bold = _styles().bold
    writer = _Lines(sheet, lang)
    writer.add([label("xlsx.heading", lang)], font=_styles().heading)
    first_data = next((f.sheet for f in files if f.sheet), label("xlsx.sheet.data", lang))
    writer.add(
        [
            label(
                "xlsx.guide",
                lang,
                problems=label("xlsx.sheet.problems", lang),
                data=first_data,
            )
        ]
    )
    writer.add([label("xlsx.overall", lang), overall(report, lang)], font=bold)
    writer.add([label("xlsx.tool", lang), f"stdschema {__version__}"])
    for entry in files:
        writer.blank()
        _summary_file(writer, entry, lang)
    for letter, width in zip("ABCD", (22, 28, 46, 10), strict=True):
        sheet.column_dimensions[letter].width = width


class _Lines:
    """Rows appended to a sheet one after the other."""

    def __init__(self, sheet: Worksheet, lang: Lang) -> None:
        self.sheet = sheet
        self.lang = lang
        self.row = 0

    def add(
        self,
        values: list[str | int | None],
        *,
        font: object = None,
        fill: object = None,
    ) -> None:
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = _put(self.sheet, self.row, column, value, self.lang)
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill

    def blank(self) -> None:
        self.row += 1


def _summary_file(writer: _Lines, entry: _File, lang: Lang) -> None:
    styles = _styles()
    bold = styles.bold
    file = entry.report
    writer.add([label("xlsx.col.file", lang), path(file)], font=bold)
    writer.add([label("xlsx.dataset", lang), _dataset(file, lang)])
    writer.add([label("xlsx.detected", lang), _detected(file, lang)])
    if file.encoding:
        writer.add([label("xlsx.encoding", lang), file.encoding])
    if file.sheet:
        writer.add([label("xlsx.input_sheet", lang), file.sheet])
    writer.add([label("xlsx.rows", lang), file.rows])
    writer.add([label("xlsx.verdict", lang), _verdict(file, lang)], font=bold)
    if file.error:
        writer.add([label("xlsx.reason", lang), file.error], fill=styles.severity["error"])
    sheet = entry.sheet or label("xlsx.data_sheet_none", lang)
    writer.add([label("xlsx.data_sheet", lang), sheet])
    for note in entry.notes:
        writer.add([label("xlsx.notes", lang), note], fill=styles.severity["warning"])
    if file.error:
        return
    writer.blank()
    writer.add([label("xlsx.by_severity", lang)], font=bold)
    summary = file.summary
    for severity, n in (
        ("error", summary.error),
        ("warning", summary.warning),
        ("info", summary.info),
    ):
        fill = styles.severity[severity] if n else None
        writer.add([severity_label(severity, lang), n], fill=fill)
    kinds = _kinds(file, lang)
    if kinds:
        writer.blank()
        writer.add([label("xlsx.by_code", lang)], font=bold)
        writer.add(
            [
                label("xlsx.col.severity", lang),
                label("xlsx.col.code", lang),
                label("xlsx.col.title", lang),
                label("xlsx.col.count", lang),
            ],
            font=bold,
            fill=styles.header,
        )
        for worst, severities, code, n in kinds:
            writer.add([severities, code, title(code, lang), n], fill=styles.severity[worst])
    writer.blank()
    writer.add([label("xlsx.first", lang)], font=bold)
    for line in _first(entry, lang):
        writer.add([line])


def _dataset(file: FileReport, lang: Lang) -> str:
    ref = file.dataset
    if ref.id is None:
        return label("report.not_detected", lang)
    name = ref.name_ja or ref.id
    return label("xlsx.dataset_value", lang, name=name, id=ref.id, edition=ref.edition or "")


def _detected(file: FileReport, lang: Lang) -> str:
    ref = file.dataset
    method = label(f"report.detected_by.{ref.detected_by}", lang)
    if ref.score is not None and ref.detected_by != "option":
        return label("xlsx.detected_score", lang, method=method, score=f"{ref.score:.2f}")
    return method


def _verdict(file: FileReport, lang: Lang) -> str:
    if file.error:
        return label("xlsx.unreadable", lang)
    return label("report.valid" if file.valid else "report.invalid", lang)


def _kinds(file: FileReport, lang: Lang) -> list[tuple[str, str, str, int]]:
    """(worst severity, the severities as shown, code, count) a code, worst first, then the
    most frequent. The count is the summary's (complete); the severities split the details
    held, named with their counts when a code has more than one."""
    held: dict[str, Counter[str]] = {}
    for problem in file.problems:
        held.setdefault(problem.code, Counter())[problem.severity] += 1
    rows = []
    for code, n in code_counts(file).items():
        split = held.get(code) or Counter({_catalogue_severity(code): n})
        worst = max(split, key=lambda s: RANK[s])
        if len(split) == 1:
            shown = severity_label(worst, lang)
        else:
            ordered = sorted(split.items(), key=lambda kv: -RANK[kv[0]])
            shown = label("report.count_sep", lang).join(
                label("report.count", lang, label=severity_label(s, lang), n=k) for s, k in ordered
            )
        rows.append((worst, shown, code, n))
    rows.sort(key=lambda r: (-RANK[r[0]], -r[3], r[2]))
    return rows


def _catalogue_severity(code: str) -> SeverityName:
    from stdschema.problems import CATALOGUE

    entry = CATALOGUE.get(code)
    return entry.severity.value if entry is not None else "warning"


def _first(entry: _File, lang: Lang) -> list[str]:
    """What to fix first: the errors (else the warnings) of the codes touching the most
    rows, three at most, each with its hint and one place. When ``--max-problems`` kept no
    detail of them, the codes of that severity in the counts, most frequent first."""
    file = entry.report
    summary = file.summary
    severity = "error" if summary.error else "warning" if summary.warning else None
    if severity is None:
        return [label("xlsx.first_none", lang)]
    groups: dict[str, list[int]] = {}
    for index, problem in enumerate(file.problems):
        if problem.severity == severity:
            groups.setdefault(problem.code, []).append(index)
    if not groups:
        return _first_counted(file, severity, lang)
    ranked = sorted(
        groups.items(),
        key=lambda kv: (-len({entry.places[i].row for i in kv[1]}), -len(kv[1]), kv[0]),
    )
    lines = []
    for n, (code, indexes) in enumerate(ranked[:3], start=1):
        first = human(file.problems[indexes[0]], lang)
        rows = len({entry.places[i].row for i in indexes})
        text = label(
            "xlsx.first_item",
            lang,
            n=n,
            title=title(code, lang),
            code=code,
            count=len(indexes),
            rows=rows,
            hint=first.hint,
        )
        place = entry.places[indexes[0]]
        if place.row is not None:
            letter = _letter(place.column) if place.column else "-"
            text += " " + label("xlsx.first_example", lang, row=place.row, column=letter)
        lines.append(text)
    return lines


def _first_counted(file: FileReport, severity: str, lang: Lang) -> list[str]:
    """What to fix first from the counts alone: the codes whose catalogue severity is
    ``severity``, most frequent first, with the catalogue's hint where it is one sentence
    for every case."""
    from stdschema.problems import CATALOGUE

    found = [
        (n, code)
        for code, n in code_counts(file).items()
        if code in CATALOGUE and CATALOGUE[code].severity.value == severity
    ]
    lines = []
    for index, (n, code) in enumerate(sorted(found, key=lambda r: (-r[0], r[1]))[:3], start=1):
        entry = CATALOGUE[code]
        hint = entry.hint_ja if lang == "ja" else entry.hint_en
        lines.append(
            label(
                "xlsx.first_counted",
                lang,
                n=index,
                title=title(code, lang),
                code=code,
                count=n,
                hint="" if "{" in hint else hint,
            )
        )
    return lines or [label("xlsx.first_none", lang)]


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    letter: str = get_column_letter(column)
    return letter


# --- the problems sheet -----------------------------------------------------------------


def _problems_sheet(sheet: Worksheet, files: list[_File], lang: Lang) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink  # type: ignore[import-untyped]

    _header_row(sheet, 1, (label(key, lang) for key, _ in _PROBLEM_COLUMNS), lang)
    fills = _styles().severity
    row = 1
    for entry in files:
        file = entry.report
        name = path(file)
        if file.error:
            row += 1
            values: list[str | int | None] = [name, None, None, None, None]
            values += [severity_label("error", lang), FILE_ERROR_CODE, file.error]
            _problem_row(sheet, row, values, fills["error"], lang)
        for problem, place in zip(file.problems, entry.places, strict=True):
            row += 1
            shown = machine(problem, lang)
            letter = _letter(place.column) if place.column else None
            values = [
                name,
                place.row,
                letter,
                shown.header,
                shown.record,
                severity_label(problem.severity, lang),
                problem.code,
                shown.message,
                shown.hint,
                shown.value,
                shown.fixed_to,
                problem.line,
            ]
            _problem_row(sheet, row, values, fills[problem.severity], lang)
            if entry.sheet and entry.in_copy(place):
                assert place.row is not None
                target = f"{letter or 'A'}{place.row}"
                cell = sheet.cell(row=row, column=2)
                cell.hyperlink = Hyperlink(
                    ref=cell.coordinate, location=f"{_quoted(entry.sheet)}!{target}"
                )
                cell.style = "Hyperlink"
    last = _letter(len(_PROBLEM_COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{row}"
    sheet.freeze_panes = "A2"
    for index, (_, width) in enumerate(_PROBLEM_COLUMNS, start=1):
        sheet.column_dimensions[_letter(index)].width = width


def _problem_row(
    sheet: Worksheet, row: int, values: list[str | int | None], fill: object, lang: Lang
) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            _put(sheet, row, column, value, lang)
    sheet.cell(row=row, column=6).fill = fill


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# --- the data sheet -----------------------------------------------------------------------


def _data_sheet(sheet: Worksheet, entry: _File, lang: Lang) -> None:
    copy = entry.copy
    assert copy is not None
    styles = _styles()
    widths: dict[int, int] = {}
    for held in copy.rows:
        header = held.kind == "header"
        for column, value in enumerate(held.cells, start=1):
            if not value and not header:
                continue  # an empty cell need not exist
            cell = _put(sheet, held.row, column, value, lang)
            if header:
                cell.font = styles.bold
                cell.fill = styles.header
            if held.kind != "before-header" and held.row <= copy.header_row + 50:
                widths[column] = max(widths.get(column, 0), _display_width(value))
    _mark_problems(sheet, entry, lang)
    sheet.freeze_panes = f"A{copy.header_row + 1}"
    if copy.width:
        last_row = max((r.row for r in copy.rows), default=copy.header_row)
        sheet.auto_filter.ref = f"A{copy.header_row}:{_letter(copy.width)}{last_row}"
    for column, width in widths.items():
        sheet.column_dimensions[_letter(column)].width = min(max(width + 2, 6), 40)


def _mark_problems(sheet: Worksheet, entry: _File, lang: Lang) -> None:
    """Fill each problem cell by its worst severity and comment it with its problems."""
    from openpyxl.comments import Comment  # type: ignore[import-untyped]

    cells: dict[tuple[int, int], list[ProblemOut]] = {}
    for problem, place in zip(entry.report.problems, entry.places, strict=True):
        if entry.in_copy(place):
            assert place.row is not None
            cells.setdefault((place.row, place.column or 1), []).append(problem)
    fills = _styles().severity
    for (row, column), problems in cells.items():
        worst = max((p.severity for p in problems), key=lambda s: RANK[s])
        cell = sheet.cell(row=row, column=column)
        cell.fill = fills[worst]
        text = _comment_text(problems, lang)
        lines = sum(1 + _display_width(line) // 48 for line in text.split("\n"))
        cell.comment = Comment(text, "stdschema", height=min(20 + 15 * lines, 400), width=320)


def _comment_text(problems: list[ProblemOut], lang: Lang) -> str:
    parts = []
    ordered = sorted(problems, key=lambda p: -RANK[p.severity])
    for problem in ordered[:_COMMENT_PROBLEMS]:
        shown = human(problem, lang)
        lines = [
            label(
                "xlsx.comment",
                lang,
                severity=severity_label(problem.severity, lang),
                message=shown.message,
            )
        ]
        if shown.hint:
            lines.append(shown.hint)
        if shown.fixed_to is not None:
            lines.append(label("xlsx.comment_fix", lang, value=shown.fixed_to))
        parts.append("\n".join(lines))
    if len(ordered) > _COMMENT_PROBLEMS:
        parts.append(label("report.more", lang, n=len(ordered) - _COMMENT_PROBLEMS))
    return _text("\n\n".join(parts), lang)


# --- saving -----------------------------------------------------------------------------


def _save(book: Workbook) -> bytes:
    """The workbook's bytes, the same for the same content: openpyxl stamps the document's
    modified time and each zip entry's time at saving, so both are set to :data:`FIXED_TIME`."""
    from openpyxl.packaging.core import DocumentProperties  # type: ignore[import-untyped]
    from openpyxl.xml.functions import tostring  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    book.save(buffer)
    properties: DocumentProperties = book.properties
    properties.created = properties.modified = FIXED_TIME
    properties.creator = "stdschema"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = tostring(properties.to_tree())
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()

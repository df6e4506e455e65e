"""The ``xlsx`` report: a workbook of real files that openpyxl and LibreOffice open, with the
problems, a data copy whose rows are Excel's, comments on the problem cells, and no formula
ever written."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.messages import Lang, t
from stdschema.report.formats.xlsx import CELL_LIMIT, DATA_LIMIT, REPORTER, workbook_bytes
from stdschema.report.model import ProblemOut, Report
from stdschema.report.render import render_bytes
from stdschema.validation import Options, validate, validate_paths

ROOT = Path(__file__).parent.parent
REAL = ROOT / "tests" / "data" / "real"
TOURISM = REAL / "standard" / "yaizu_222127_tourism.csv"  # multi-line cells: rows ≠ lines
EVENT = REAL / "v2" / "12_event__122319_inzai.csv"  # warnings and infos only
TOILET = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
MARKED = REAL / "standard" / "takamatsu_public_toilet.csv"  # a leading #property column
FOOD_XLSX = REAL / "v2" / "15_food_business_all__132055_ome.xlsx"  # valid, 1,593 rows
UNREADABLE = REAL / "xml" / "yaizu_taxi_boarding_points_S2AConfig.xml"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
HOSTILE = {
    "名称": '=HYPERLINK("http://example.com/","click")',
    "名称_カナ": "=1+1",
    "名称_英語": "+SUM(A1:A2)",
    "設置位置": "@cmd",
    "備考": "-2+3",
    "画像": "#N/A",
    "利用可能時間特記事項": "bell\x07 and escape\x1b[31m",
}


def _book(report: Report, lang: Lang | None = None, **options: int) -> Any:
    data = workbook_bytes(report, lang or report.lang, **options)
    return load_workbook(io.BytesIO(data))


def _fill(cell: Any) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.start_color.rgb)[-6:]


def _cells(sheet: Any) -> Iterator[Any]:
    for row in sheet.iter_rows():
        yield from row


def _summary_text(book: Any) -> str:
    sheet = book.worksheets[0]
    return "\n".join(str(c.value) for c in _cells(sheet) if c.value is not None)


def _xml_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        }


@pytest.fixture(scope="module")
def tourism() -> Report:
    return validate(TOURISM, lang="ja")


@pytest.fixture(scope="module")
def tourism_book(tourism: Report) -> Any:
    return _book(tourism)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 焼津市 toilet file's header and first rows, with formula-like and control-character
    cells, a bad code that quotes one, and a cell longer than Excel holds."""
    with TOILET.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    body = [list(r) for r in rows[1:4]]
    for name, value in HOSTILE.items():
        body[0][header.index(name)] = value
    body[1][header.index("全国地方公共団体コード")] = "=1+1"  # invalid: the value is quoted
    body[2][header.index("備考")] = "長" * (CELL_LIMIT + 100)
    path = tmp_path_factory.mktemp("hostile") / "hostile_public_toilet.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([header, *body])
    return path


# --- the three sheets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "names"),
    [("ja", ["概要", "問題一覧", "データ"]), ("en", ["Summary", "Problems", "Data"])],
)
def test_three_sheets_named_in_the_language(tourism: Report, lang: Lang, names: list[str]) -> None:
    book = _book(tourism, lang)
    assert book.sheetnames == names
    problems = book.worksheets[1]
    headers = [c.value for c in problems[1]]
    assert headers[:3] == [
        t("xlsx.col.file", lang),
        t("xlsx.col.row", lang),
        t("xlsx.col.column", lang),
    ]
    if lang == "ja":
        assert {"ファイル", "行", "列", "項目", "レコード", "重大度", "コード", "内容"} <= set(
            headers
        )
        assert {"修正案/ヒント", "値", "修正後の値", "物理行"} <= set(headers)
    # The workbook names the file's severity words and titles in the language too.
    summary = _summary_text(book)
    assert ("必須項目が空欄" if lang == "ja" else "Required value missing") in summary


def test_summary_states_the_file_and_its_counts(tourism: Report, tourism_book: Any) -> None:
    file = tourism.files[0]
    text = _summary_text(tourism_book)
    assert str(TOURISM) in text or file.path in text
    assert "tourist_facilities" in text and "v1" in text
    assert "utf-8-sig" in text
    assert "不合格" in text
    rows: dict[str, Any] = {}
    for row in tourism_book.worksheets[0].iter_rows():
        rows.setdefault(str(row[0].value), row[1].value)  # the first of each label
    assert rows["データ行数"] == file.rows == 205
    assert (rows["エラー"], rows["警告"], rows["情報"]) == (3, 69, 19)
    by_code = {
        row[1].value: row[3].value
        for row in tourism_book.worksheets[0].iter_rows()
        if row[1].value in file.summary.by_code
    }
    assert by_code == file.summary.by_code
    severity = {
        row[1].value: row[0].value
        for row in tourism_book.worksheets[0].iter_rows()
        if row[1].value in file.summary.by_code
    }
    assert severity["surrounding-whitespace"] == "警告"
    assert severity["blank-required"] == "エラー"
    # What to fix first: the one error code, with its hint and a cell to look at.
    first = next(line for line in text.splitlines() if line.startswith("1. "))
    assert "blank-required" in first and "値を入力してください" in first and "例:" in first


def test_problems_sheet_has_one_row_a_problem(tourism: Report, tourism_book: Any) -> None:
    file = tourism.files[0]
    sheet = tourism_book.worksheets[1]
    assert sheet.max_row - 1 == len(file.problems) == 91
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(file.problems) + 1}"
    by_header = {c.value: c.column for c in sheet[1]}
    for index, problem in enumerate(file.problems, start=2):
        assert sheet.cell(index, by_header["コード"]).value == problem.code
        assert sheet.cell(index, by_header["物理行"]).value == problem.line
        severity = sheet.cell(index, by_header["重大度"])
        assert severity.value == t(f"report.severity.{problem.severity}", "ja")
        assert _fill(severity) == FILLS[problem.severity]
    widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, 13)]
    assert all(w >= 6 for w in widths) and max(widths) >= 50


def _record_rows(path: Path) -> list[list[str]]:
    """The file loaded the way Excel loads a CSV: one record, one row (row 1 the header)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_data_sheet_row_n_is_excel_row_n(tourism_book: Any) -> None:
    records = _record_rows(TOURISM)
    data = tourism_book["データ"]
    assert data.max_row == len(records) == 206
    assert data.freeze_panes == "A2"
    for number in (1, 2, 3, 44, 120, 206):
        cells = [c.value or "" for c in data[number]][: len(records[number - 1])]
        assert cells == records[number - 1], number
    # The file has cells with line breaks, so its physical lines run past its rows.
    assert TOURISM.read_bytes().count(b"\n") > len(records)


def _data_cell(book: Any, problem: ProblemOut, row: int) -> Any:
    assert problem.column is not None
    return book["データ"].cell(row=row, column=problem.column)


def test_problem_cells_are_filled_and_commented(tourism: Report, tourism_book: Any) -> None:
    problems_sheet = tourism_book.worksheets[1]
    data = tourism_book["データ"]
    commented = {c.coordinate for c in _cells(data) if c.comment is not None}
    expected = set()
    for index, problem in enumerate(tourism.files[0].problems, start=2):
        row = problems_sheet.cell(index, 2).value
        if problem.column is None or row is None:
            continue
        cell = _data_cell(tourism_book, problem, row)
        expected.add(cell.coordinate)
        assert cell.comment is not None, problem
        assert problem.message[:20] in cell.comment.text
        if problem.fixed_to:
            assert "修正案: " in cell.comment.text
        if problem.value is not None and problem.code != "header-variant":
            assert cell.value == problem.value  # the comment sits on the problem's own cell
        assert _fill(cell) in FILLS.values()
        # The problems sheet links to the cell.
        link = problems_sheet.cell(index, 2).hyperlink
        assert link is not None and link.location == f"'データ'!{cell.coordinate}"
    assert commented == expected
    assert len(commented) == 91  # one cell a problem in this file


def test_the_row_of_a_multi_line_record_is_excel_row(tourism: Report, tourism_book: Any) -> None:
    """A problem past the first multi-line cell names the row Excel shows, not the line."""
    problems_sheet = tourism_book.worksheets[1]
    records = _record_rows(TOURISM)
    header = records[0]
    checked = 0
    for index, problem in enumerate(tourism.files[0].problems, start=2):
        row = problems_sheet.cell(index, 2).value
        if problem.value is None or problem.line is None or problem.line == row:
            continue
        assert problem.column is not None
        assert records[row - 1][problem.column - 1] == problem.value
        assert header[problem.column - 1] == problem.header
        checked += 1
    assert checked >= 20


def test_property_marker_column_keeps_its_place() -> None:
    """takamatsu's file starts with a '#property' column: the data copy keeps it, and each
    header problem is commented on the header cell that holds that name."""
    report = validate(MARKED, lang="ja")
    book = _book(report)
    data = book["データ"]
    assert data["A1"].value == "#property"
    header_problems = [p for p in report.files[0].problems if p.line == 1 and p.header]
    assert len(header_problems) > 10
    for problem in header_problems:
        assert problem.column is not None
        cell = data.cell(1, problem.column)
        assert cell.value == problem.header
        assert cell.comment is not None and problem.message in cell.comment.text


# --- values are text, never formulas ----------------------------------------------------------


def test_hostile_cells_are_strings_never_formulas(hostile: Path) -> None:
    report = validate(hostile, lang="ja")
    data = workbook_bytes(report, "ja")
    parts = _xml_parts(data)
    sheets = [body for name, body in parts.items() if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 3
    assert not any("<f>" in body or "<f " in body for body in sheets)
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for cell in _cells(sheet):
            assert cell.data_type in ("s", "n"), (sheet.title, cell.coordinate, cell.value)
    sheet = book["データ"]
    header = [c.value for c in sheet[1]]
    row = {name: sheet.cell(2, header.index(name) + 1) for name in HOSTILE}
    for name, value in HOSTILE.items():
        if "\x07" in value:
            assert row[name].value == "bell\\x07 and escape\\x1b[31m"  # shown, not dropped
        else:
            assert row[name].value == value
            assert row[name].data_type == "s"
    assert row["名称_カナ"].quotePrefix  # stays text when the officer edits it
    # The bad code is quoted in the problems sheet as text too.
    problems = book["問題一覧"]
    values = [problems.cell(r, 10).value for r in range(2, problems.max_row + 1)]
    assert "=1+1" in values
    # A cell longer than Excel holds is cut, saying so.
    long_cell = sheet.cell(4, header.index("備考") + 1).value
    assert len(long_cell) <= CELL_LIMIT
    assert long_cell.endswith("以下省略）")


# --- caps and notes --------------------------------------------------------------------------


def test_data_copy_is_capped_and_says_so(tourism: Report) -> None:
    book = _book(tourism, data_limit=50)
    data = book["データ"]
    assert data.max_row == 51  # header and 50 rows
    text = _summary_text(book)
    assert t("xlsx.note_capped", "ja", limit=50, total=205) in text
    # The problems sheet is not capped; problems past the copy have no cell to comment.
    assert book["問題一覧"].max_row - 1 == len(tourism.files[0].problems)
    comments = sum(1 for c in _cells(data) if c.comment is not None)
    assert 0 < comments < len(tourism.files[0].problems)
    assert DATA_LIMIT == 5_000
    assert "5,000" in t("xlsx.note_capped", "ja", limit=DATA_LIMIT, total=9999)


def test_details_cut_by_max_problems_say_how_to_get_all() -> None:
    report = validate(TOURISM, lang="en", max_problems=5)
    book = _book(report)
    assert book["Problems"].max_row == 6
    text = _summary_text(book)
    assert "--max-problems 5;" in text and "--max-problems 91" in text
    # No error detail was kept, yet the counts have errors: they still come first.
    first = next(line for line in text.splitlines() if line.startswith("1. "))
    assert "(blank-required): 3 problem(s)" in first
    assert "(score 0.97)" in text


def test_unreadable_file_says_why_and_has_no_data_sheet() -> None:
    report = validate_paths([TOURISM, EVENT, UNREADABLE], Options(lang="ja"))
    unreadable = report.files[2]
    assert unreadable.error
    book = _book(report)
    assert book.sheetnames == [
        "概要",
        "問題一覧",
        "データ1 yaizu_222127_tourism",
        "データ2 12_event__122319_inzai",
    ]
    text = _summary_text(book)
    assert unreadable.error in text and "読み込めません" in text
    problems = book["問題一覧"]
    codes = [problems.cell(r, 7).value for r in range(2, problems.max_row + 1)]
    assert codes.count("file-error") == 1
    assert len(codes) == 1 + sum(len(f.problems) for f in report.files)
    # Links go to each file's own sheet.
    links = {c.hyperlink.location.split("!")[0] for c in problems["B"] if c.hyperlink}
    assert links == {"'データ1 yaizu_222127_tourism'", "'データ2 12_event__122319_inzai'"}


def test_data_sheets_are_capped_in_number() -> None:
    report = validate_paths([TOURISM, EVENT], Options(lang="en"))
    book = _book(report, max_data_sheets=1)
    assert book.sheetnames == ["Summary", "Problems", "Data1 yaizu_222127_tourism"]
    assert t("xlsx.note_sheets_capped", "en", limit=1) in _summary_text(book)


def test_sheet_names_are_valid_and_unique(tmp_path: Path) -> None:
    paths = []
    for name in ("a" * 40 + "[1]:*?.csv", "a" * 40 + "[2]:*?.csv", "'quoted'.csv"):
        paths.append(tmp_path / name)
        shutil.copyfile(EVENT, paths[-1])
    report = validate_paths(paths, Options(lang="ja"))
    names = _book(report).sheetnames[2:]
    assert len(names) == len({n.casefold() for n in names}) == 3
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")


def test_valid_xlsx_input_copies_every_row() -> None:
    report = validate(FOOD_XLSX, lang="ja")
    book = _book(report)
    data = book["データ"]
    assert data.max_row == 1 + report.files[0].rows == 1594
    assert not any(c.comment for c in _cells(data))
    assert t("xlsx.first_none", "ja") in _summary_text(book)


# --- the reporter, the CLI ---------------------------------------------------------------


def test_reporter_is_binary(tourism: Report) -> None:
    assert REPORTER.binary and REPORTER.name == "xlsx" and REPORTER.suffix == ".xlsx"
    data = render_bytes(tourism, "xlsx")
    assert data == render_bytes(tourism, "xlsx")
    assert data[:2] == b"PK"
    core = _xml_parts(data)["docProps/core.xml"]
    assert "1980-01-01T00:00:00Z" in core


@pytest.mark.parametrize(("path", "code"), [(TOURISM, 1), (EVENT, 0), (UNREADABLE, 2)])
def test_cli_writes_the_workbook(tmp_path: Path, path: Path, code: int) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(app, ["validate", str(path), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["概要", "問題一覧"]
    assert ("データ" in book.sheetnames) == (code != 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_cli_leaves_no_partial_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the previous report")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("stdschema.report.formats.xlsx.workbook_bytes", broken)
    result = CliRunner().invoke(app, ["validate", str(TOURISM), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


# --- LibreOffice -----------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Every sheet to its own CSV (UTF-8, comma, quote "): LibreOffice 7.2 and later.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbook(tmp_path: Path, hostile: Path) -> None:
    """LibreOffice Calc (headless) reads the workbook of a real file with problems and of
    hostile cells: every sheet converts, with the rows and the text cells as written. About
    7 s here, most of it LibreOffice's first start with a fresh profile."""
    assert SOFFICE is not None
    report = validate_paths([TOURISM, hostile], Options(lang="ja"))
    book = tmp_path / "report.xlsx"
    book.write_bytes(workbook_bytes(report, "ja"))
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(book),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    sheets = {p.name: p for p in out.iterdir()}
    names = ["概要", "問題一覧", "データ1 yaizu_222127_tourism", "データ2 hostile_public_toilet"]
    assert sorted(sheets) == sorted(f"report-{n}.csv" for n in names)

    def rows(name: str) -> list[list[str]]:
        with sheets[f"report-{name}.csv"].open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    problems = rows("問題一覧")
    assert len(problems) == 1 + sum(len(f.problems) for f in report.files)
    assert problems[0][:3] == ["ファイル", "行", "列"]
    # LibreOffice ends a line inside a cell with LF alone.
    expected = [[v.replace("\r\n", "\n") for v in r] for r in _record_rows(TOURISM)]
    assert rows("データ1 yaizu_222127_tourism") == expected
    copy = rows("データ2 hostile_public_toilet")
    header = copy[0]
    for name, value in HOSTILE.items():
        if "\x07" not in value:
            assert copy[1][header.index(name)] == value  # text, not a computed formula
    assert "=1+1" in [r[9] for r in problems]

"""Locations people use (issue 11): a problem's ``row`` is the row Excel shows for its record
and ``record`` names the record by its ID and 名称, in both engines and in conversion.

The reference is openpyxl: a CSV file loaded into a workbook the way Excel opens it (one
record, one row; title and header rows are rows too), or the sheet of an XLSX file itself.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from stdschema.checks.label import shorten
from stdschema.conversion.engine import upgrade
from stdschema.report.formats import REPORTERS
from stdschema.report.model import FileReport
from stdschema.report.render import render
from stdschema.validation import Options, build_report, validate_file

REAL = Path(__file__).parent / "data" / "real"
TOURISM = REAL / "standard" / "yaizu_222127_tourism.csv"  # 26 cells with line breaks
TAKAMATSU_TOILETS = REAL / "standard" / "takamatsu_public_toilet.csv"  # '#property' column A
OME_XLSX = REAL / "v2" / "15_food_business_all__132055_ome.xlsx"


def as_excel(path: Path, encoding: str) -> Any:
    """The CSV file as Excel shows it: each record one row of a worksheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    with path.open(encoding=encoding, newline="") as fh:
        for cells in csv.reader(fh):
            ws.append(cells)
    return ws


def check(path: Path, engine: str = "pydantic", **kw: Any) -> FileReport:
    return validate_file(path, Options(lang="ja", engine=engine, **kw))  # type: ignore[arg-type]


def cell(ws: Any, row: int, column: int) -> str:
    value = ws.cell(row=row, column=column).value
    return "" if value is None else str(value)


def column_of(ws: Any, header_row: int, header: str) -> int:
    """1-based column of ``header`` in the header row."""
    for c in ws[header_row]:
        if c.value == header:
            return int(c.column)
    raise AssertionError(f"no column {header!r}")


# --- CSV with multi-line cells -------------------------------------------------------------


@pytest.fixture(scope="module")
def tourism() -> tuple[FileReport, Any]:
    report = check(TOURISM)
    assert report.encoding is not None
    return report, as_excel(TOURISM, report.encoding)


def test_rows_name_the_excel_row_of_the_value(tourism: tuple[FileReport, Any]) -> None:
    report, ws = tourism
    valued = [p for p in report.problems if p.value is not None and p.line and p.line > 1]
    assert len(valued) >= 20
    for p in valued:
        assert p.row is not None and p.column is not None
        assert cell(ws, p.row, p.column) == p.value, p
    # After the multi-line cells line and row part: the 行 234 is Excel's row 203.
    late = [p for p in valued if p.line != p.row]
    assert len(late) >= 10
    phone = next(p for p in valued if p.code == "invalid-value" and p.line == 234)
    assert phone.row == 203 and phone.header == "連絡先電話番号"


def test_record_labels_hold_the_rows_id_and_name(tourism: tuple[FileReport, Any]) -> None:
    report, ws = tourism
    no, name = column_of(ws, 1, "NO"), column_of(ws, 1, "名称")
    data = [p for p in report.problems if p.row is not None and p.row > 1]
    assert data and all(p.record for p in data)
    for p in data:
        assert p.row is not None and p.record is not None
        expected = f"NO {cell(ws, p.row, no)} {shorten(cell(ws, p.row, name))}"
        assert p.record == expected.strip(), p
    # Blank cells have no value to find, only the record.
    blanks = [p for p in data if p.code == "blank-required"]
    assert blanks and all(cell(ws, p.row or 0, p.column or 0) == "" for p in blanks)


def test_header_problems_carry_the_header_row(tourism: tuple[FileReport, Any]) -> None:
    report, ws = tourism
    header = [p for p in report.problems if p.code in ("extra-label", "header-variant")]
    assert header
    for p in header:
        assert p.row == 1 and p.record is None
        assert cell(ws, 1, p.column or 0) == p.header


def test_both_engines_give_the_same_rows_and_records() -> None:
    slow, quick = check(TOURISM, "pydantic"), check(TOURISM, "fast")
    assert quick.engine == "fast" and slow.engine == "pydantic"

    def where(r: FileReport) -> list[tuple[Any, ...]]:
        return [(p.code, p.line, p.row, p.record, p.column) for p in r.problems]

    assert where(slow) == where(quick)
    assert any(p.row != p.line for p in quick.problems)


def test_labels_are_masked_with_mask_values() -> None:
    report = check(TOURISM, mask_values=True)
    labelled = [p for p in report.problems if p.record]
    assert labelled and {p.record for p in labelled} == {"***"}


# --- '#property' marker column and rows above the header -------------------------------------


def test_property_marker_column_counts_as_excel_shows_it() -> None:
    report = check(TAKAMATSU_TOILETS)
    assert report.encoding is not None
    ws = as_excel(TAKAMATSU_TOILETS, report.encoding)
    assert cell(ws, 1, 1) == "#property"
    valued = [p for p in report.problems if p.value is not None and p.line and p.line > 1]
    assert valued
    for p in valued:
        assert cell(ws, p.row or 0, p.column or 0) == p.value
        assert p.column_letter == ws.cell(row=1, column=p.column).column_letter
    # Header problems too: latitude is column B, behind the marker.
    variant = next(p for p in report.problems if p.code == "header-variant")
    assert (variant.header, variant.column_letter) == ("latitude", "B")
    # The order message names letters as Excel shows them.
    order = next(p for p in report.problems if p.code == "label-order")
    assert f"{order.column_letter} 列にあります" in order.message


def test_title_rows_above_the_header_are_rows(tmp_path: Path) -> None:
    # A real file as publishers often post it: a title and a blank row above the header,
    # and a remark with a line break in the first record.
    lines = TOURISM.read_bytes().decode("utf-8-sig").split("\r\n")
    first = lines[1].split(",")
    first[-1] = '"休業日は\n要確認"'
    text = "\r\n".join(["焼津市 観光施設一覧,,", ",,", lines[0], ",".join(first), *lines[2:]])
    path = tmp_path / "222127_tourism_titled.csv"
    path.write_text(text, encoding="utf-8")
    report = check(path)
    ws = as_excel(path, "utf-8")
    preamble = next(p for p in report.problems if p.code == "preamble-rows")
    assert (preamble.line, preamble.row) == (1, 1)
    header = [p for p in report.problems if p.code == "extra-label"]
    assert header and {p.row for p in header} == {3}
    for p in header:
        assert cell(ws, 3, p.column or 0) == p.header
    valued = [p for p in report.problems if p.value is not None and (p.row or 0) > 3]
    assert valued
    for p in valued:
        assert cell(ws, p.row or 0, p.column or 0) == p.value
    assert {p.line - (p.row or 0) for p in valued if p.line} >= {1}


# --- XLSX: the sheet's own rows ----------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Unknown type for SavedVersions")  # the real file's props
def test_xlsx_rows_are_the_sheets_row_numbers(tmp_path: Path) -> None:
    # The first 120 rows of a real sheet, below a title and a blank row (rows 1-2).
    source = openpyxl.load_workbook(OME_XLSX, read_only=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["青梅市 食品営業許可一覧"])
    ws.append([])
    for values in source.worksheets[0].iter_rows(max_row=120, values_only=True):
        ws.append(list(values))
    source.close()
    header_row = 3
    phone = column_of(ws, header_row, "施設電話番号")
    name = column_of(ws, header_row, "施設名称")
    for row in (40, 77, ws.max_row):
        ws.cell(row=row, column=phone, value="0428-22-111")  # a digit short
    path = tmp_path / "132055_food_business.xlsx"
    wb.save(path)
    report = check(path)
    bad = [p for p in report.problems if p.value == "0428-22-111"]
    assert [p.row for p in bad] == [40, 77, 122] and ws.max_row == 122
    for p in bad:
        assert p.line == p.row and p.column == phone
        assert p.record is not None and p.record.endswith(shorten(cell(ws, p.row or 0, name)))
    preamble = next(p for p in report.problems if p.code == "preamble-rows")
    assert preamble.row == 1


# --- conversion and the report formats ---------------------------------------------------------


def test_change_log_rows_name_the_excel_row(tmp_path: Path) -> None:
    report = upgrade(TOURISM, output=tmp_path / "out.csv", lang="ja")
    ws = as_excel(TOURISM, "utf-8-sig")
    with Path(report.changes).open(encoding="utf-8-sig", newline="") as fh:
        changes = list(csv.DictReader(fh))
    dropped = [c for c in changes if c["transform"] == "dropped"]
    assert len(dropped) > 100
    for c in dropped:
        # A dropped value is the source cell itself, found in Excel at its row.
        assert cell(ws, int(c["row"]), column_of(ws, 1, c["column"])) == c["before"]
    assert any(c["row"] != c["line"] for c in dropped)


def test_formats_carry_row_and_record(tourism: tuple[FileReport, Any]) -> None:
    report, _ = tourism
    run = build_report([report], Options(lang="ja"))
    phone = next(p for p in report.problems if p.line == 234 and p.code == "invalid-value")
    assert phone.record is not None
    sarif = render(run, "sarif", lang="ja")
    assert '"row": 203' in sarif and '"startLine": 234' in sarif
    # github annotates the first ten errors only (issue 14): the run of this one problem.
    alone = run.model_copy(update={"files": [report.model_copy(update={"problems": [phone]})]})
    github = render(alone, "github", lang="ja")
    assert f"line=234,col=25,title=invalid-value::203 行目（{phone.record}）: " in github
    junit = render(run, "junit", lang="ja")
    assert f"203 行目 Y 列「連絡先電話番号」（{phone.record}）: " in junit
    markdown = render(run, "markdown", lang="ja", max_per_code=10)
    assert f"| 203 | Y | 連絡先電話番号 | {phone.record} |" in markdown
    assert "markdown" in REPORTERS


def test_xml_has_no_rows_and_falls_back_to_lines(tmp_path: Path) -> None:
    path = tmp_path / "toilets.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<dataset id="public_toilets" edition="v2">\n'
        "  <record>\n    <id>1</id>\n    <name>駅前トイレ</name>\n"
        "    <latitude>north</latitude>\n  </record>\n</dataset>\n",
        encoding="utf-8",
    )
    report = check(path)
    bad = next(p for p in report.problems if p.value == "north")
    assert bad.row is None and bad.line == 3 and bad.record == "ID 1 駅前トイレ"

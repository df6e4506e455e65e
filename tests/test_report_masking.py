"""--mask-values reaches the reports that copy data: the workbook and the HTML page show no
cell of the file (no data sheet, no data table, no map), and say why."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from stdschema.cli import app

TOURISM = Path(__file__).parent / "data" / "real" / "standard" / "yaizu_222127_tourism.csv"


def _names() -> list[str]:
    """Every 名称 of the file: values a masked report must not carry."""
    with TOURISM.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["名称"] for row in rows if len(row["名称"]) >= 3]


def _run(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["validate", str(TOURISM), "-f", fmt, "-o", str(out), *extra])
    assert result.exit_code == 1, result.output  # the file has errors either way
    return out


def _xlsx_text(path: Path) -> str:
    """Every cell value and comment of the workbook, as one text."""
    book = openpyxl.load_workbook(path)
    parts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                parts.append(str(cell.value or ""))
                if cell.comment is not None:
                    parts.append(cell.comment.text)
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_a_masked_report_copies_no_value(tmp_path: Path, fmt: str) -> None:
    names = _names()
    plain = _run(tmp_path, fmt)
    text = _xlsx_text(plain) if fmt == "xlsx" else plain.read_text(encoding="utf-8")
    assert sum(name in text for name in names) > 100  # unmasked: the data is there
    plain.unlink()
    masked = _run(tmp_path, fmt, "--mask-values")
    text = _xlsx_text(masked) if fmt == "xlsx" else masked.read_text(encoding="utf-8")
    assert [name for name in names if name in text] == []
    assert "--mask-values" in text  # the report says why the data is missing


def test_a_masked_workbook_has_no_data_sheet(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_run(tmp_path, "xlsx", "--mask-values"))
    assert book.sheetnames == ["概要", "問題一覧"]

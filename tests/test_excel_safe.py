"""--excel-safe (issue 12, item 6): formula neutralisation only where it protects someone.

By default convert writes every cell of the standard CSV, the rejects file and the change log
as it is; with --excel-safe exactly the cells a spreadsheet would evaluate get a leading '.
The rule is stated in stdschema/conversion/excel_safe.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.conversion.engine import convert, upgrade
from stdschema.conversion.excel_safe import SafeCsvWriter, excel_safe, formula_risk
from stdschema.conversion.mapping import parse_mapping

REAL = Path(__file__).parent / "data" / "real"
EVACUATION = REAL / "legacy" / "takamatsu_0060_evacuation_space.csv"
EVACUATION_MAPPING = """version: 1
target: designated_emergency_evacuation_sites@v2
columns:
  名称: {source: name}
  所在地_連結表記: {source: address}
  電話番号: {source: telephoneNumber}
  緯度: {source: location, transforms: [{lat_lon: latitude}]}
  経度: {source: location, transforms: [{lat_lon: longitude}]}
  全国地方公共団体コード: {constant: "372013"}
  市区町村コード: {constant: "372013"}
  地方公共団体名: {constant: 香川県高松市}
"""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the rule, cell by cell ------------------------------------------------------

PREFIXED = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","x")',
    "=cmd|' /C calc'!A0",  # DDE
    "=",
    "@SUM(A1)",  # Lotus syntax: Excel runs it as =SUM(A1)
    "@yaizu_city",  # would show #NAME?
    "+cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0",
    "-2+3",  # Excel shows 1
    "+81-3-1234-5678",  # Excel computes -6834: the number would be lost on saving
    "+81 3 1234 5678",
    "-x",
    "\t=1+1",  # leading whitespace some importers trim
    "\r=1+1",
    " =1+1",
    "\u3000＝１＋１",  # full-width space and forms
    "＠SUM(A1)",
    "－２＋３",
]
KEPT = [
    "",
    "-",  # the placeholder: no operand, nothing to evaluate
    "--",
    "- -",
    "+",
    "－",  # full-width placeholder
    "-1",  # a number: nothing runs and the value is the one written
    "+81",
    "-12.5",
    "1e5",
    "-1e5",
    "0",
    "03-1234-5678",  # a telephone number with its area code starts with a digit
    "a=b",
    "名称=値",
    "\tx",  # a leading TAB before plain text
    "'=1+1",  # already text
    "ー",  # katakana prolonged sound mark, not a minus
    "−1+2",  # U+2212 MINUS SIGN: no spreadsheet reads it as an operator
]


@pytest.mark.parametrize("cell", PREFIXED)
def test_cells_a_spreadsheet_evaluates_are_prefixed(cell: str) -> None:
    assert formula_risk(cell)
    assert excel_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", KEPT)
def test_data_stays_as_written(cell: str) -> None:
    assert not formula_risk(cell)
    assert excel_safe(cell) == cell


def test_safe_csv_writer_follows_the_option() -> None:
    rows: list[list[object]] = [["line", "reasons", "name"], [3, "=1+1", "-"], [4, "", "@SUM(A1)"]]
    for option, expected in [
        (False, "line,reasons,name\r\n3,=1+1,-\r\n4,,@SUM(A1)\r\n"),
        (True, "line,reasons,name\r\n3,'=1+1,-\r\n4,,'@SUM(A1)\r\n"),
    ]:
        stream = io.StringIO()
        writer = SafeCsvWriter(stream, excel_safe=option)
        writer.writerow(rows[0])
        writer.writerows(rows[1:])
        assert stream.getvalue() == expected


# --- convert: the standard CSV, the rejects file and the change log ------------------

HOSTILE = (
    "name,address,pos,note\n"
    '=HYPERLINK("http://example.invalid"),静岡県焼津市本町1,-,+81-3-1234-5678\n'
    "@SUM(A1),,1階,-2+3\n"  # no address (◎): rejected
    "駅北トイレ,静岡県焼津市駅北1,-1,a=b\n"
)
HOSTILE_MAPPING = (
    "target: public_toilets@v2\ncolumns:\n  名称: {source: name}\n"
    "  所在地_連結表記: {source: address}\n  設置位置: {source: pos}\n"
    "  備考: {source: note, transforms: [trim]}\n"
)


def _convert_hostile(tmp_path: Path, *, excel_safe: bool = False) -> tuple[Path, Path, Path]:
    src = tmp_path / "in.csv"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out.csv"
    mapping = parse_mapping(HOSTILE_MAPPING)
    report = convert(src, mapping=mapping, output=out, excel_safe=excel_safe)
    assert (report.counts.read, report.counts.written, report.counts.rejected) == (3, 2, 1)
    return out, Path(report.rejects), Path(report.changes)


def test_default_writes_every_cell_as_it_is(tmp_path: Path) -> None:
    out, rejects, changes = _convert_hostile(tmp_path)
    rows = read_csv(out)
    assert [(r["名称"], r["設置位置"], r["備考"]) for r in rows] == [
        ('=HYPERLINK("http://example.invalid")', "-", "+81-3-1234-5678"),
        ("駅北トイレ", "-1", "a=b"),
    ]
    (rejected,) = read_csv(rejects)
    assert (rejected["name"], rejected["note"]) == ("@SUM(A1)", "-2+3")
    assert read_csv(changes) == []


def test_excel_safe_prefixes_output_rejects_and_change_log(tmp_path: Path) -> None:
    out, rejects, changes = _convert_hostile(tmp_path, excel_safe=True)
    rows = read_csv(out)
    assert [(r["名称"], r["設置位置"], r["備考"]) for r in rows] == [
        ('\'=HYPERLINK("http://example.invalid")', "-", "'+81-3-1234-5678"),
        ("駅北トイレ", "-1", "a=b"),
    ]
    (rejected,) = read_csv(rejects)
    assert (rejected["name"], rejected["pos"], rejected["note"]) == ("'@SUM(A1)", "1階", "'-2+3")
    logged = read_csv(changes)
    # Each prefixed cell of the standard file is a change; the log's own cells are
    # prefixed too, so the value before shows as text in a spreadsheet as well.
    assert [(c["column"], c["before"], c["after"], c["transform"]) for c in logged] == [
        (
            "名称",
            '\'=HYPERLINK("http://example.invalid")',
            '\'=HYPERLINK("http://example.invalid")',
            "excel_safe",
        ),
        ("備考", "'+81-3-1234-5678", "'+81-3-1234-5678", "excel_safe"),
    ]


def test_placeholder_dash_is_kept_and_the_output_passes_its_own_check(tmp_path: Path) -> None:
    """The issue's case: 高松市's evacuation sites write '-' for 'no telephone'. It used to
    be written as "'-", a value the source never had, which then failed the phone check."""
    from stdschema.validation import Options, validate_file

    with EVACUATION.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header = lines[6][1:]  # row 7 is '#property,name,…'
    phones = [dict(zip(header, line[1:], strict=False))["telephoneNumber"] for line in lines[9:]]
    assert phones.count("-") >= 10
    for option in (False, True):
        out = tmp_path / f"evacuation.{option}.csv"
        report = convert(
            EVACUATION, mapping=parse_mapping(EVACUATION_MAPPING), output=out, excel_safe=option
        )
        written = [r["電話番号"] for r in read_csv(out)]
        assert report.counts.written == len(written) == len(phones)
        assert written == phones  # the 14 '-' as the source wrote them, and every number

        assert not [c for c in read_csv(Path(report.changes)) if c["transform"] == "excel_safe"]
        checked = validate_file(out, Options(lang="en"))
        assert not [p for p in checked.problems if "'" in (p.value or "")]


def test_upgrade_follows_the_option(tmp_path: Path) -> None:
    v1 = Path(__file__).parent.parent / "examples" / "yaizu_aed_upgrade" / "222127_aed.csv"
    text = v1.read_text(encoding="utf-8-sig").splitlines()
    # One v1 row whose 名称 is a formula: written as it is, or prefixed with --excel-safe.
    first = next(csv.reader([text[1]]))
    first[next(csv.reader([text[0]])).index("名称")] = "=1+1"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(first)
    mine = tmp_path / "222127_aed.csv"
    mine.write_text(text[0] + "\n" + buf.getvalue(), encoding="utf-8")
    for option, expected in [(False, "=1+1"), (True, "'=1+1")]:
        out = tmp_path / f"up.{option}.csv"
        upgrade(mine, output=out, excel_safe=option)
        assert read_csv(out)[0]["名称"] == expected


# --- the command line ------------------------------------------------------------


def test_cli_excel_safe_option(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(HOSTILE, encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(HOSTILE_MAPPING, encoding="utf-8")
    runner = CliRunner()
    names: list[str] = []
    for flag in ("--excel-safe", "--no-excel-safe", None):
        out = tmp_path / f"out{len(names)}.csv"
        args = ["convert", str(src), "-m", str(mapping), "-o", str(out), "--lang", "en"]
        result = runner.invoke(app, [*args, flag] if flag else args)
        assert result.exit_code == 1, result.output  # one row rejected
        names.append(read_csv(out)[0]["名称"])
    assert names == [
        '\'=HYPERLINK("http://example.invalid")',
        '=HYPERLINK("http://example.invalid")',
        '=HYPERLINK("http://example.invalid")',
    ]

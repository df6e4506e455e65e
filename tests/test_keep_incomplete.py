"""``convert --keep-incomplete``: every row that can be placed is written, its gaps left blank
and listed (change log, report, console), on real legacy files and the mappings that
``map suggest`` drafts for them."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from stdschema.conversion.engine import ConvertReport, convert
from stdschema.conversion.mapping import Mapping, parse_mapping
from stdschema.conversion.suggest import render_yaml, suggest_mapping
from stdschema.validation import Options, validate_file

LEGACY = Path(__file__).parent / "data" / "real" / "legacy"
HOSPITALS = LEGACY / "takamatsu_hospital.csv"
EVACUATION = LEGACY / "takamatsu_0060_evacuation_space.csv"
CARE_CP932 = LEGACY / "yaizu_yohairyosya.csv"


def drafted(path: Path, target: str) -> Mapping:
    """The mapping ``map suggest`` writes for ``path``, used as it is (no edits)."""
    return parse_mapping(render_yaml(suggest_mapping(path, target), "ja"), "mapping.yaml")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run_both(tmp_path: Path, path: Path, target: str) -> tuple[ConvertReport, ConvertReport]:
    mapping = drafted(path, target)
    strict = convert(path, mapping=mapping, output=tmp_path / "strict.csv", lang="en")
    kept = convert(
        path, mapping=mapping, output=tmp_path / "kept.csv", lang="en", keep_incomplete=True
    )
    return strict, kept


def gap_cells(report: ConvertReport) -> set[tuple[int, str]]:
    return {(g.row or g.line, g.column) for g in report.gaps}


def assert_gaps_logged(report: ConvertReport) -> list[dict[str, str]]:
    """Every gap is a left_blank row of the change log, with the same row, column and reason."""
    logged = [c for c in read_csv(Path(report.changes)) if c["transform"] == "left_blank"]
    assert len(logged) == report.counts.gaps == len(report.gaps)
    assert {(int(c["row"]), c["column"]) for c in logged} == gap_cells(report)
    for change, gap in zip(logged, report.gaps, strict=True):
        assert change["after"] == ""
        assert change["before"] == gap.value
        assert change["description"] == gap.message != ""
    return logged


def test_hospital_list_keeps_all_628_rows(tmp_path: Path) -> None:
    # The case: 6 required columns have no source, so every row was rejected.
    strict, kept = run_both(tmp_path, HOSPITALS, "medical_institutions@v1")
    assert (strict.counts.read, strict.counts.written, strict.counts.rejected) == (628, 0, 628)
    assert strict.counts.keepable == 628 and not strict.gaps
    c = kept.counts
    assert (c.read, c.written, c.rejected) == (628, 628, 0) and kept.reconciled
    assert c.incomplete == 628
    # Six ◎ columns no input column fills, and 病床数 where the clinic has no beds.
    beds = sum(1 for r in read_csv(HOSPITALS) if not r["numberOfBeds"].strip())
    assert beds == 555
    # '19（休床中）' (19 beds, closed) is not a whole number for the suggested integer transform.
    closed = [(g.row, g.code, g.value) for g in kept.gaps if g.code == "transform-error"]
    assert closed == [(r, "transform-error", "19（休床中）") for r in (38, 62, 66)]
    assert Counter(g.column for g in kept.gaps) == {
        **dict.fromkeys(["名称_カナ", "医療機関の種類", "診療曜日", "診療開始時間"], 628),
        **dict.fromkeys(["診療終了時間", "URL"], 628),
        "病床数": beds + 3,
    }
    assert {g.code for g in kept.gaps} == {"blank-required", "transform-error"}
    assert read_csv(Path(kept.rejects)) == []
    assert_gaps_logged(kept)
    rows = read_csv(Path(kept.output))
    assert len(rows) == 628 and rows[0]["名称"] == "独立行政法人国立病院機構高松医療センター"
    assert all(r["名称_カナ"] == "" and r["URL"] == "" for r in rows)
    # The output validates with exactly the gaps as its errors: blank ◎ cells, same rows.
    result = validate_file(tmp_path / "kept.csv", Options(lang="en"))
    errors = [p for p in result.problems if p.severity == "error"]
    assert {p.code for p in errors} == {"blank-required"}
    assert {(p.row, p.header) for p in errors} == gap_cells(kept)


def test_evacuation_sites_keep_the_rows_blank_if_and_triangles_cost(tmp_path: Path) -> None:
    strict, kept = run_both(tmp_path, EVACUATION, "designated_emergency_evacuation_sites@v2")
    assert (strict.counts.read, strict.counts.written, strict.counts.rejected) == (193, 102, 91)
    assert strict.counts.keepable == 91
    c = kept.counts
    assert (c.read, c.written, c.rejected) == (193, 193, 0) and c.incomplete == 91
    logged = assert_gaps_logged(kept)
    by_column = Counter(g.column for g in kept.gaps)
    # '-' in 電話番号 (blank_if) blanks a ◎ cell in 14 rows: kept, each one a gap.
    assert by_column["電話番号"] == 14
    phones = [g for g in kept.gaps if g.column == "電話番号"]
    assert {g.code for g in phones} == {"blank-required"}
    # △ in a hazard flag: flag_1 refuses it; the cell is left blank and says why.
    triangles = [c for c in logged if c["column"].startswith("災害種別_")]
    assert triangles and {c["before"] for c in triangles} == {"△"}
    assert all("conditional" in c["description"] for c in triangles)
    first = next(g for g in kept.gaps if g.column == "災害種別_高潮")
    assert first.row == 10 and first.code == "transform-error"
    assert not first.message.startswith("災害種別_高潮")  # the column is the gap's, not repeated
    result = validate_file(tmp_path / "kept.csv", Options(lang="en"))
    errors = [p for p in result.problems if p.severity == "error"]
    assert {(p.code, p.header) for p in errors} == {("blank-required", "電話番号")}
    assert len(errors) == 14


def test_cp932_care_facilities_keep_rows_with_two_phone_numbers(tmp_path: Path) -> None:
    strict, kept = run_both(tmp_path, CARE_CP932, "public_facilities@v2")
    assert strict.encoding == kept.encoding == "cp932"
    assert strict.counts.rejected == 3 == strict.counts.keepable
    assert kept.counts.written == kept.counts.read == strict.counts.read
    assert [(g.row, g.column, g.code) for g in kept.gaps] == [
        (135, "電話番号", "transform-error"),
        (181, "電話番号", "transform-error"),
        (205, "電話番号", "transform-error"),
    ]
    assert kept.gaps[0].value == "（小）054-625-7200、（GH）054-625-8525"
    assert "not one phone number" in kept.gaps[0].message
    assert_gaps_logged(kept)
    result = validate_file(tmp_path / "kept.csv", Options(lang="en"))
    assert result.summary.error == 0


def test_xlsx_hospital_list(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    with open(HOSPITALS, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    book = openpyxl.Workbook()
    for cells in table:
        book.active.append(cells)
    src = tmp_path / "takamatsu_hospital.xlsx"
    book.save(src)
    report = convert(
        src,
        mapping=drafted(src, "medical_institutions@v1"),
        output=tmp_path / "out.csv",
        lang="en",
        keep_incomplete=True,
    )
    assert report.counts.read == report.counts.written == 628
    assert {g.row for g in report.gaps} == set(range(2, 630))


def test_rows_that_cannot_be_placed_stay_rejected(tmp_path: Path) -> None:
    lines = HOSPITALS.read_text(encoding="utf-8").splitlines()
    # Row 3 gets cells past the header (a shifted row); row 4 is blank.
    lines[2] += ',"extra"'
    lines[3] = "," * lines[0].count(",")
    src = tmp_path / "hospitals.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = convert(
        src,
        mapping=drafted(HOSPITALS, "medical_institutions@v1"),
        output=tmp_path / "out.csv",
        lang="en",
        keep_incomplete=True,
    )
    c = report.counts
    assert c.read == c.written + c.rejected and c.rejected == 2
    rejects = read_csv(Path(report.rejects))
    assert [r["row"] for r in rejects] == ["3", "4"]
    assert "more than the header" in rejects[0]["reasons"]
    assert rejects[1]["reasons"] == "blank row"
    assert 3 not in {g.row for g in report.gaps}


def test_repeated_id_is_left_blank(tmp_path: Path) -> None:
    lines = HOSPITALS.read_text(encoding="utf-8").splitlines()
    src = tmp_path / "hospitals.csv"
    src.write_text("\n".join([lines[0], lines[1], lines[2], lines[1]]) + "\n", encoding="utf-8")
    text = render_yaml(suggest_mapping(HOSPITALS, "medical_institutions@v1"), "en")
    number = '"NO": {source: "#property", transforms: [{regex_extract: {pattern: "[0-9]+$"}}]}'
    mapping = parse_mapping(text.replace('# "NO": {source: ?}', number))
    strict = convert(src, mapping=mapping, output=tmp_path / "strict.csv", lang="en")
    assert strict.counts.rejected == 3  # blank ◎ cells everywhere, and row 4 repeats row 2's NO
    kept = convert(
        src, mapping=mapping, output=tmp_path / "kept.csv", lang="en", keep_incomplete=True
    )
    assert kept.counts.written == 3
    repeat = [g for g in kept.gaps if g.column == "NO"]
    assert [(g.row, g.code, g.value) for g in repeat] == [(4, "unique-error", "1")]
    assert [r["NO"] for r in read_csv(tmp_path / "kept.csv")][2] == ""


def _cli(*args: object, lang: str = "ja") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONIOENCODING": "utf-8", "PATH": ""},
        check=False,
    )


def test_cli_lists_gaps_and_suggests_the_flag(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        render_yaml(suggest_mapping(EVACUATION, "designated_emergency_evacuation_sites@v2"), "ja"),
        encoding="utf-8",
    )
    strict = _cli("convert", EVACUATION, "-m", mapping, "-o", tmp_path / "a.csv")
    assert strict.returncode == 1
    assert "読み込み 193 行 = 書き出し 102 行 + 除外 91 行" in strict.stdout
    assert "除外した 91 行" in strict.stdout and "--keep-incomplete" in strict.stdout
    kept = _cli("convert", EVACUATION, "-m", mapping, "-o", tmp_path / "b.csv", "--keep-incomplete")
    assert kept.returncode == 0, kept.stderr
    assert "読み込み 193 行 = 書き出し 193 行 + 除外 0 行" in kept.stdout
    assert "空欄のまま書き出した行 91" in kept.stdout
    assert "10 行目 災害種別_高潮: flag_1: '△' は「条件付き・一部」の意味です" in kept.stdout
    assert "--keep-incomplete を付けると" not in kept.stdout
    en = _cli(
        "convert", EVACUATION, "-m", mapping, "-o", tmp_path / "c.csv", "--keep-incomplete",
        lang="en",
    )  # fmt: skip
    assert "read 193 = written 193 + rejected 0" in en.stdout
    assert "row 10, 災害種別_高潮: flag_1: '△' means 'conditional / partly'" in en.stdout


def test_fix_mode_blanks_both_halves_of_swapped_coordinates(tmp_path: Path) -> None:
    # The fix-mode case of test_convert: row 3 has swapped coordinates and a date in a time.
    src = tmp_path / "222127_public_toilet.csv"
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置,高度の種別,男性トイレ総数,利用開始時間,緯度,経度\n"
    src.write_text(
        header
        + "22212,1,A,静岡県焼津市本町1,入口,階,３,9:00,34.86,138.32\n"
        + "222127,2,B,静岡県焼津市本町2,入口,階数,1,令和6年4月1日,138.32,34.86\n",
        encoding="utf-8",
    )
    report = convert(
        src, dataset="public_toilets@v2", output=tmp_path / "out.csv", lang="en",
        keep_incomplete=True,
    )  # fmt: skip
    assert report.mode == "fix" and report.counts.written == 2
    assert [(g.row, g.column, g.code, g.value) for g in report.gaps] == [
        (3, "緯度", "coordinates-swapped", "138.32"),
        (3, "経度", "coordinates-swapped", "34.86"),
        (3, "利用開始時間", "invalid-value", "令和6年4月1日"),
    ]
    assert_gaps_logged(report)
    row = read_csv(tmp_path / "out.csv")[1]
    assert (row["緯度"], row["経度"], row["利用開始時間"], row["名称"]) == ("", "", "", "B")
    assert validate_file(tmp_path / "out.csv", Options(lang="en")).summary.error == 0

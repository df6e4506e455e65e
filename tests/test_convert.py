"""convert, upgrade and mapping files: counts reconcile, changes are logged, nothing partial."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.conversion.engine import convert, upgrade
from stdschema.conversion.mapping import MappingError, load_mapping, parse_mapping
from stdschema.datasets import detect
from stdschema.io import InputError, open_table
from stdschema.validation import Options, validate_file

ROOT = Path(__file__).parent.parent
REAL = ROOT / "tests" / "data" / "real"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("yaizu_222127_aed.csv", "aed_locations"),
        ("yaizu_222127_library.csv", "public_facilities"),
        ("yaizu_222127_preschool.csv", "childcare_facilities"),
        ("komae_132195_aed.csv", "aed_locations"),
        ("yaizu_222127_public_wireless_lan.csv", "public_wifi_access_points"),
        ("yaizu_222127_evacuation_space.csv", "designated_emergency_evacuation_sites"),
    ],
)
def test_upgrade_gives_v2_of_the_same_dataset(tmp_path: Path, name: str, dataset: str) -> None:
    out = tmp_path / name
    report = upgrade(REAL / "standard" / name, output=out, lang="en")
    assert report.mode == "upgrade" and report.target == f"{dataset}@v2"
    assert report.reconciled
    with open_table(out) as table:
        found = detect(list(table.header), out.name)
    assert found.best is not None and found.best.key == f"{dataset}@v2"
    assert found.best.score == 1.0
    checked = validate_file(out, Options(lang="en"))
    assert checked.valid, [p.message for p in checked.problems if p.severity == "error"][:3]


def test_upgrade_renames_and_repairs_are_logged(tmp_path: Path) -> None:
    out = tmp_path / "komae.csv"
    report = upgrade(REAL / "standard" / "komae_132195_aed.csv", output=out, lang="en")
    rows = read_csv(out)
    assert rows[0]["全国地方公共団体コード"] == "132195"
    assert rows[0]["地方公共団体名"] == "東京都狛江市"
    assert rows[0]["ID"]
    changes = read_csv(Path(report.changes))
    kana = [c for c in changes if c["column"] == "名称_カナ"]
    # One name a repair, in fix mode, mapping mode and the change log alike (issue 10).
    assert kana and kana[0]["transform"] == "kana_full_width"
    assert kana[0]["before"] != kana[0]["after"]
    assert len(changes) == report.counts.changes


def test_upgrade_flags_circle_to_1(tmp_path: Path) -> None:
    out = tmp_path / "evac.csv"
    report = upgrade(REAL / "standard" / "yaizu_222127_evacuation_space.csv", output=out, lang="en")
    assert report.counts.rejected == 0
    values = {r["災害種別_地震"] for r in read_csv(out)}
    assert values <= {"1", ""} and "1" in values
    changes = read_csv(Path(report.changes))
    assert {
        (c["before"], c["after"], c["transform"]) for c in changes if c["column"] == "災害種別_地震"
    } == {("○", "1", "flag_1")}


def test_upgrade_refuses_a_v2_file_naming_its_edition(tmp_path: Path) -> None:
    src = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
    with pytest.raises(MappingError, match=r"already in the current edition \(public_toilets@v2\)"):
        upgrade(src, output=tmp_path / "x.csv", lang="en")
    with pytest.raises(MappingError, match=r"すでに現行版（public_toilets@v2"):
        upgrade(src, output=tmp_path / "x.csv", lang="ja")
    assert list(tmp_path.iterdir()) == []


def test_upgrade_refuses_a_file_of_no_edition(tmp_path: Path) -> None:
    src = REAL / "legacy" / "takamatsu_hospital.csv"
    with pytest.raises(MappingError, match=r"not recognised as a 推奨データセット \(v1\) file"):
        upgrade(src, output=tmp_path / "x.csv", lang="en")
    assert list(tmp_path.iterdir()) == []


def test_fix_mode_header_variant_and_safe_repairs(tmp_path: Path) -> None:
    out = tmp_path / "preschool.csv"
    report = convert(
        REAL / "standard" / "yaizu_222127_preschool.csv",
        dataset="childcare_facilities@v1",
        output=out,
        lang="en",
    )
    assert report.mode == "fix" and report.reconciled
    assert report.counts.read == 60 == report.counts.written
    assert any("read as 都道府県コード又は市区町村コード" in n for n in report.notes)
    rows = read_csv(out)
    assert next(iter(rows[0])) == "都道府県コード又は市区町村コード"
    changes = read_csv(Path(report.changes))
    assert changes and {c["transform"] for c in changes} <= {"strip", "trim", "time"}
    assert validate_file(out, Options(lang="en")).valid


def test_fix_mode_does_not_make_unsafe_repairs(tmp_path: Path) -> None:
    src = tmp_path / "222127_public_toilet.csv"
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置,高度の種別,男性トイレ総数,利用開始時間,緯度,経度\n"
    src.write_text(
        header
        + "22212,1,A,静岡県焼津市本町1,入口,階,３,9:00,34.86,138.32\n"
        + "222127,2,B,静岡県焼津市本町2,入口,階数,1,令和6年4月1日,138.32,34.86\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    report = convert(src, dataset="public_toilets@v2", output=out, lang="en")
    changes = {
        (c["line"], c["column"]): (c["before"], c["after"], c["transform"])
        for c in read_csv(Path(report.changes))
    }
    assert changes[("2", "全国地方公共団体コード")] == ("22212", "222127", "local_gov_code")
    assert changes[("2", "男性トイレ総数")] == ("３", "3", "digits_half_width")
    assert changes[("2", "利用開始時間")] == ("9:00", "09:00", "time")
    # 階 → 階数 changes a meaning: fix mode leaves it (a warning in the output).
    assert ("2", "高度の種別") not in changes
    # Swapped coordinates and a date in a time column are not repaired: the row is rejected.
    rejects = read_csv(Path(report.rejects))
    assert [r["line"] for r in rejects] == ["3"]
    assert "swapped" in rejects[0]["reasons"]
    assert rejects[0]["緯度"] == "138.32"  # the row as read
    assert (report.counts.read, report.counts.written, report.counts.rejected) == (2, 1, 1)


MAPPING = """\
version: 1
target: aed_locations@v2
context: {publisher_code: "372013"}
columns:
  全国地方公共団体コード: {constant: "372013"}
  ID: {source: "#property"}
  名称: {source: name, transforms: [trim]}
  所在地_連結表記: {source: address, transforms: [{prefix: {text: 香川県}}]}
  設置位置: {source: installationPosition}
  latitude: {source: location, transforms: [{lat_lon: latitude}]}
  longitude: {source: location, transforms: [{lat_lon: longitude}]}
"""


def test_mapping_by_english_attribute_names_and_formats(tmp_path: Path) -> None:
    mapping = parse_mapping(MAPPING)
    src = REAL / "legacy" / "takamatsu_0002_aed_location.csv"
    for fmt in ("csv", "jsonl", "json", "geojson", "xml"):
        out = tmp_path / f"aed.{fmt}"
        report = convert(src, mapping=mapping, output=out, lang="en")
        assert report.format == fmt and report.reconciled
        assert report.counts.written == 514
    features = json.loads((tmp_path / "aed.geojson").read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"]["coordinates"] == [134.04522972, 34.34092056]
    first = json.loads((tmp_path / "aed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["ID"] == "1" and first["所在地_連結表記"].startswith("香川県高松市")
    assert validate_file(tmp_path / "aed.xml", Options(lang="en")).dataset.detected_by == "xml"


def test_unused_columns_are_logged_as_dropped(tmp_path: Path) -> None:
    out = tmp_path / "aed.csv"
    report = convert(
        REAL / "legacy" / "takamatsu_0002_aed_location.csv",
        mapping=parse_mapping(MAPPING),
        output=out,
        lang="en",
    )
    dropped = [c for c in read_csv(Path(report.changes)) if c["transform"] == "dropped"]
    assert len(dropped) == report.counts.dropped > 0
    assert {c["column"] for c in dropped} <= {
        "telephoneNumber",
        "availableDate",
        "startTime",
        "endTime",
        "availableDateNote",
        "equipmentForChildren",
    }
    assert any("not written" in n for n in report.notes)


def test_formula_injection_is_neutralised_and_logged_with_excel_safe(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('name,address,pos\n=HYPERLINK("x"),静岡県焼津市本町1,-2+3\n', encoding="utf-8")
    mapping = parse_mapping(
        "target: public_toilets@v2\ncolumns:\n  名称: {source: name}\n"
        "  所在地_連結表記: {source: address}\n  設置位置: {source: pos}\n"
    )
    out = tmp_path / "out.csv"
    # By default cells are data, written as they are (issue 12, item 6) ...
    report = convert(src, mapping=mapping, output=out)
    row = read_csv(out)[0]
    assert row["名称"] == '=HYPERLINK("x")' and row["設置位置"] == "-2+3"
    assert read_csv(Path(report.changes)) == []
    # ... and --excel-safe prefixes what a spreadsheet would evaluate, logging each cell.
    report = convert(src, mapping=mapping, output=out, excel_safe=True)
    row = read_csv(out)[0]
    assert row["名称"] == '\'=HYPERLINK("x")' and row["設置位置"] == "'-2+3"
    logged = {c["column"]: c["transform"] for c in read_csv(Path(report.changes))}
    assert logged == {"名称": "excel_safe", "設置位置": "excel_safe"}


def test_no_output_left_after_an_error_mid_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdschema.conversion import writers

    real = writers.make_writer
    written = {"n": 0}

    def failing_writer(*args: object, **kwargs: object) -> object:
        inner = real(*args, **kwargs)  # type: ignore[arg-type]

        class Failing:
            def write(self, cells: dict[str, str]) -> list[object]:
                written["n"] += 1
                if written["n"] == 50:
                    raise RuntimeError("simulated crash")
                return inner.write(cells)  # type: ignore[return-value]

            def close(self) -> None:
                inner.close()

        return Failing()

    monkeypatch.setattr(writers, "make_writer", failing_writer)
    out = tmp_path / "out" / "aed.csv"
    out.parent.mkdir()
    (tmp_path / "out" / "aed.csv.rejects.csv").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="simulated crash"):
        convert(
            REAL / "legacy" / "takamatsu_0002_aed_location.csv",
            mapping=parse_mapping(MAPPING),
            output=out,
        )
    # nothing new, no temporary files, and the old file untouched
    assert sorted(p.name for p in out.parent.iterdir()) == ["aed.csv.rejects.csv"]
    assert (out.parent / "aed.csv.rejects.csv").read_text(encoding="utf-8") == "old"


def test_killed_process_leaves_no_output(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from stdschema.conversion import writers\n"
        "real = writers.make_writer\n"
        "def make(*a, **k):\n"
        "    w = real(*a, **k)\n"
        "    orig = w.write\n"
        "    def write(cells):\n"
        "        r = orig(cells)\n"
        "        if cells.get('ID') == '100':\n"
        "            import os; os._exit(9)\n"
        "        return r\n"
        "    w.write = write\n"
        "    return w\n"
        "writers.make_writer = make\n"
        "from stdschema.cli import main\n"
        "sys.argv = ['stdschema', *sys.argv[1:]]\n"
        "main()\n"
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "convert",
            str(REAL / "legacy" / "takamatsu_0002_aed_location.csv"),
            "-m",
            str(mapping),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 9
    # A hard kill cannot clean up, but no file appears under an output name.
    names = [p.name for p in tmp_path.iterdir()]
    assert not [n for n in names if n.startswith("out.csv")]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("target: public_toilets@v2\ncolumns:\n  名前: {source: name}\n", "did you mean '名称'", 3),
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: n, transforms: [wareki]}\n",
            "wareki_to_iso",
            3,
        ),
        ("target: public_toilet@v2\ncolumns: {}\n", "did you mean 'public_toilets@v2'", 1),
        ("target: public_toilets@v2\ncolumns:\n  名称: {sourse: n}\n", "did you mean 'source'", 3),
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: [unclosed\n",
            "the bracket opened on line 3 is not closed",
            4,
        ),
        ("target: x\ncolumns:\n  a: &a {source: n}\n  b: *a\n", "aliases", 4),
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: a, constant: b}\n",
            "only one of",
            3,
        ),
        ("- a\n- b\n", "a YAML mapping", 1),
        # More slips, each with its fix: tests/test_mapping_errors.py.
    ],
)
def test_mapping_errors_name_the_line_and_a_suggestion(text: str, message: str, line: int) -> None:
    with pytest.raises(MappingError) as info:
        parse_mapping(text, "m.yaml", "en")
    assert message in str(info.value)
    assert info.value.line == line
    assert str(info.value).startswith(f"m.yaml:{line}:")


def test_mapping_to_an_unknown_input_column(tmp_path: Path) -> None:
    mapping = parse_mapping("target: public_toilets@v2\ncolumns:\n  名称: {source: nmae}\n")
    with pytest.raises(MappingError, match="did you mean 'name'"):
        convert(
            REAL / "legacy" / "takamatsu_0002_aed_location.csv",
            mapping=mapping,
            output=tmp_path / "o.csv",
            lang="en",
        )
    assert list(tmp_path.iterdir()) == []


def test_load_mapping_file_errors(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="not found"):
        load_mapping(tmp_path / "missing.yaml", "en")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(MappingError, match="not UTF-8"):
        load_mapping(bad, "en")


def test_xml_legacy_input_with_declared_encoding_mismatch(tmp_path: Path) -> None:
    mapping = parse_mapping(
        "target: tourist_points@v2\n"
        "source: {record_xpath: //Field}\n"
        "columns:\n"
        "  観光ポイント_ID: {source: '@id'}\n"
        "  観光ポイント_名称: {source: Title, default: '(no title)'}\n"
    )
    src = REAL / "xml" / "yaizu_elementary_school_district_S2AConfig.xml"
    report = convert(src, mapping=mapping, output=tmp_path / "fields.csv", lang="en")
    assert report.reconciled and report.counts.read > 0
    assert any(
        "declares shift_jis but is UTF-8" in n for n in [*report.notes, report.encoding or ""]
    )
    rows = read_csv(tmp_path / "fields.csv")
    assert rows[0]["観光ポイント_ID"] == "SAUID"


def test_unreadable_input_raises_and_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        convert(empty, dataset="public_toilets@v2", output=tmp_path / "o.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv"]


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_cli_convert_json_counts_and_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    proc = run(
        "convert",
        REAL / "legacy" / "takamatsu_0079_unapproved_childcare_facilities.csv",
        "-m",
        ROOT / "examples" / "takamatsu_childcare" / "mapping.yaml",
        "-o",
        out,
        "--json",
        "--bom",
    )
    assert proc.returncode == 1  # two rows rejected
    report = json.loads(proc.stdout)
    assert report["counts"]["read"] == report["counts"]["written"] + report["counts"]["rejected"]
    assert set(report["counts"]) >= {"read", "written", "rejected", "repaired"}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert Path(report["rejects"]).name == "x.csv.rejects.csv"
    assert Path(report["changes"]).name == "x.csv.changes.csv"


def test_cli_convert_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text(
        "target: public_toilets@v2\ncolumns:\n  名前: {source: name}\n", encoding="utf-8"
    )
    proc = run(
        "convert",
        REAL / "legacy" / "takamatsu_0002_aed_location.csv",
        "-m",
        bad,
        "-o",
        tmp_path / "o.csv",
        "--lang",
        "en",
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"{bad}:3" in proc.stderr and "did you mean '名称'" in proc.stderr
    assert not (tmp_path / "o.csv").exists()
    usage = run(
        "convert", REAL / "legacy" / "takamatsu_0002_aed_location.csv", "-o", tmp_path / "o.csv"
    )
    assert usage.returncode == 2 and "--mapping" in usage.stderr


# --- mappings that would write nothing, and repeated keys (issue 17) ------------------------

HEAD = "全国地方公共団体コード,名称,所在地_連結表記,設置位置\n"
TWO = HEAD + "222127,駅北公衆トイレ,静岡県焼津市,施設内\n222127,駅南,静岡県焼津市,施設内\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: a}\n  名称: {source: b}\n",
            4,
            "duplicate key '名称' (first at line 3)",
        ),
        ("target: public_toilets@v2\ntarget: aed_locations@v2\n", 2, "duplicate key 'target'"),
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: a, source: b}\n",
            3,
            "duplicate key 'source' (first at line 3)",
        ),
        # "yes" and "true" are one key (True) to YAML.
        (
            "target: public_toilets@v2\ncolumns:\n  名称: {source: a, map: {yes: '1', true: '2'}}\n",
            3,
            "duplicate key 'true'",
        ),
        ("target: public_toilets@v2\ncolumns: {}\n", 2, "columns is empty"),
    ],
)
def test_mapping_refuses_repeated_keys_and_empty_columns(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(MappingError) as info:
        parse_mapping(text, "m.yaml", "en")
    assert message in str(info.value)
    assert info.value.line == line


def test_mapping_messages_are_japanese_too() -> None:
    with pytest.raises(MappingError, match="キー「名称」が重複しています（最初は 3 行目）"):
        parse_mapping(
            "target: public_toilets@v2\ncolumns:\n  名称: {source: a}\n  名称: {source: b}\n",
            lang="ja",
        )


def test_a_mapping_built_without_columns_is_refused(tmp_path: Path) -> None:
    from stdschema.conversion.mapping import Mapping

    (tmp_path / "in.csv").write_text(TWO, encoding="utf-8")
    with pytest.raises(MappingError, match="columns is empty"):
        convert(
            tmp_path / "in.csv",
            output=tmp_path / "out.csv",
            mapping=Mapping(target="public_toilets@v2", columns={}),
            lang="en",
        )
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_records_the_mapping_empties_are_rejected_not_written(lang: str, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(TWO, encoding="utf-8")
    mapping = parse_mapping(
        "target: public_toilets@v2\ncolumns:\n"
        "  名称: {source: 名称, transforms: [{blank_if: {values: [駅北公衆トイレ]}}]}\n"
    )
    report = convert(tmp_path / "in.csv", output=tmp_path / "out.csv", mapping=mapping, lang=lang)
    c = report.counts
    assert (c.read, c.written, c.rejected) == (2, 0, 2) and report.reconciled
    # Row 3 keeps 名称 but the mapping fills no other required column.
    assert report.rejected_by_code == {"blank-output": 1, "blank-required": 2}
    rejects = list(csv.reader((tmp_path / "out.csv.rejects.csv").open(encoding="utf-8")))
    blank = "every output cell is blank" if lang == "en" else "出力の値がすべて空欄"
    assert rejects[0][:3] == ["line", "row", "reasons"]
    assert blank in rejects[1][2]
    assert read_csv(tmp_path / "out.csv") == []


# --- guidance between commands (issue 12, item 8) ------------------------------------------


@pytest.mark.parametrize(
    ("source", "dataset"),
    [
        ("takamatsu_0060_evacuation_space.csv", "designated_emergency_evacuation_sites@v2"),
        ("takamatsu_hospital.csv", "medical_institutions@v1"),
        ("yaizu_222127_hinannjo.csv", "designated_emergency_evacuation_sites@v2"),
    ],
)
def test_fix_mode_on_a_legacy_layout_asks_for_a_mapping(
    tmp_path: Path, source: str, dataset: str
) -> None:
    src = REAL / "legacy" / source
    out = tmp_path / "out.csv"
    with pytest.raises(MappingError) as info:
        convert(src, dataset=dataset, output=out, lang="en")
    message = str(info.value)
    assert f"is not in the {dataset} layout" in message
    assert f"stdschema map suggest {src} --dataset {dataset} -o mapping.yaml" in message
    assert f"stdschema convert {src} --mapping mapping.yaml -o {out}" in message
    assert list(tmp_path.iterdir()) == []


def test_cli_convert_dataset_on_a_legacy_layout(tmp_path: Path) -> None:
    src = REAL / "legacy" / "takamatsu_0060_evacuation_space.csv"
    target = "designated_emergency_evacuation_sites@v2"
    res = run("convert", src, "--dataset", target, "-o", tmp_path / "out.csv", "--lang", "ja")
    assert res.returncode == 2 and res.stdout == ""
    assert len(res.stderr.splitlines()) == 1  # one line, both commands in it
    assert f"{target} の形式ではありません" in res.stderr
    assert f"stdschema map suggest {src} --dataset {target} -o mapping.yaml" in res.stderr
    assert "所在地_連結表記" not in res.stderr  # no longer a reject per row for a blank column
    assert list(tmp_path.iterdir()) == []


def test_cli_convert_dataset_on_a_standard_file_with_many_local_columns(tmp_path: Path) -> None:
    # 奥多摩町's sports facilities: all 56 columns of public_facilities@v2 beside 139 of its
    # own. The target explains few of the file's columns, yet the file is in its layout.
    src = REAL / "v2" / "01_public_facility_sports_extension__133086_okutama.csv"
    out = tmp_path / "out.csv"
    res = run("convert", src, "--dataset", "public_facilities@v2", "-o", out, "--lang", "en")
    assert res.returncode in (0, 1), res.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows[0]) == 56 and len(rows) > 1


def test_cli_upgrade_names_the_edition(tmp_path: Path) -> None:
    src = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
    res = run("upgrade", src, "-o", tmp_path / "out.csv", "--lang", "ja")
    assert res.returncode == 2 and res.stdout == ""
    assert "すでに現行版（public_toilets@v2" in res.stderr
    assert "input column" not in res.stderr
    assert list(tmp_path.iterdir()) == []

"""Output writers and atomic output: every format read back (the JSON forms typed by the
dataset's JSON Schema), --excel-safe in the CSV writer, XML character replacement, and
OutputSet's commit/rollback behaviour. The excel-safe rule itself: tests/test_excel_safe.py;
typed outputs of every example validated with jsonschema: tests/test_typed_outputs.py."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from stdschema.conversion.writers import (
    FORMATS,
    CellChange,
    OutputSet,
    json_kinds,
    make_writer,
)
from stdschema.datasets import get_dataset
from stdschema.datasets.base import DatasetRecord
from stdschema.io import open_table

REAL = Path(__file__).parent / "data" / "real" / "v2" / "13_public_toilet__222127_yaizu.csv"
MODEL: type[DatasetRecord] = get_dataset("public_toilets@v2")
ATTR_TO_HEADER = {c.attr: c.header for c in MODEL.columns()}
# The toilet counts: integer in schemas/v2/public_toilets.schema.json, so JSON numbers.
COUNTS = [
    c.header for c, kind in zip(MODEL.columns(), json_kinds(MODEL), strict=True) if kind.integer
]

# Cells that need quoting or escaping somewhere, yet none a CSV formula or an XML-invalid char.
TRICKY = {
    "名称": 'a,b "quoted" <&> ]]> 𠮷',
    "備考": "line1\r\nline2\nline3\rend",
    "設置位置": "  padded\tinside  ",
}


def _real_rows(n: int = 20) -> list[dict[str, str]]:
    with REAL.open(encoding="utf-8", newline="") as handle:
        return [row for row, _ in zip(csv.DictReader(handle), range(n), strict=False)]


def _rows() -> list[dict[str, str]]:
    rows = _real_rows()
    rows.append({**rows[0], **TRICKY})
    rows.append({**rows[1], "緯度": "", "経度": "138.1"})
    return rows


def _write(
    path: Path,
    fmt: str,
    rows: list[dict[str, str]],
    *,
    header: str = "ja",
    bom: bool = False,
    excel_safe: bool = False,
) -> list[CellChange]:
    changes: list[CellChange] = []
    with OutputSet() as out:
        writer = make_writer(
            fmt, out.open_text(path, bom=bom), MODEL, header=header, excel_safe=excel_safe
        )
        for row in rows:
            changes += writer.write(row)
        writer.close()
        assert out.commit() == [path]
    return changes


def _cells(obj: dict[str, object]) -> dict[str, str]:
    """A typed JSON record back as the writer's cells: null or absent is blank, a number its text."""
    cells = dict.fromkeys(MODEL.headers(), "")
    for key, value in obj.items():
        assert value is None or isinstance(value, (str, int)), (key, value)
        cells[ATTR_TO_HEADER.get(key, key)] = "" if value is None else str(value)
    return cells


# --- round trips --------------------------------------------------------------


@pytest.mark.parametrize("bom", [False, True])
def test_csv_round_trip(tmp_path: Path, bom: bool) -> None:
    rows = _rows()
    path = tmp_path / "out.csv"
    assert _write(path, "csv", rows, bom=bom) == []
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is bom
    assert data.endswith(b"\r\n")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == MODEL.headers()
        assert list(reader) == rows
    # Record ends are CRLF; the bare LF/CR inside the quoted 備考 cell stay as written.
    first_line = data.split(b"\r\n", 1)[0].decode("utf-8-sig")
    assert first_line == ",".join(MODEL.headers())


def test_csv_english_header(tmp_path: Path) -> None:
    rows = _real_rows(3)
    path = tmp_path / "out.csv"
    _write(path, "csv", rows, header="en")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [c.attr for c in MODEL.columns()]
        back = [{ATTR_TO_HEADER[k]: v for k, v in row.items()} for row in reader]
    assert back == rows


def test_missing_cells_are_blank_and_unknown_keys_refused(tmp_path: Path) -> None:
    stream = io.StringIO()
    writer = make_writer("jsonl", stream, MODEL)
    writer.write({"名称": "x"})
    obj = json.loads(stream.getvalue())
    # Blank: null where the schema allows it; the two blank required columns (type string,
    # not nullable) are left out, so the schema's 'required' names them.
    required_blank = ["所在地_連結表記", "設置位置"]
    assert list(obj) == [h for h in MODEL.headers() if h not in required_blank]
    assert obj["名称"] == "x" and obj["ID"] is None and obj["男性トイレ総数"] is None
    with pytest.raises(ValueError, match="not columns of public_toilets@v2"):
        writer.write({"名前": "x"})


@pytest.mark.parametrize("header", ["ja", "en"])
def test_jsonl_round_trip(tmp_path: Path, header: str) -> None:
    rows = _rows()
    path = tmp_path / "out.jsonl"
    assert _write(path, "jsonl", rows, header=header) == []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows)  # no raw line breaks inside a record
    back = [json.loads(line) for line in lines]
    assert [_cells(obj) for obj in back] == rows
    count = "男性トイレ総数" if header == "ja" else "male_total"
    assert all(isinstance(obj[count], int) for obj in back)
    code = "全国地方公共団体コード" if header == "ja" else "local_government_code"
    assert back[0][code] == "222127"  # a code stays a string
    assert "静岡県焼津市" in lines[0]  # not \u-escaped


def test_json_round_trip(tmp_path: Path) -> None:
    rows = _rows()
    path = tmp_path / "out.json"
    _write(path, "json", rows)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[\n") and text.endswith("\n]\n")
    back = json.loads(text)
    assert [_cells(obj) for obj in back] == rows
    assert all(list(obj) == MODEL.headers() for obj in back)
    first = back[0]
    # Integers where the schema says integer; strings kept exactly as written elsewhere.
    assert {h: first[h] for h in COUNTS} == {h: int(rows[0][h]) for h in COUNTS}
    assert (first["緯度"], first["経度"]) == (rows[0]["緯度"], rows[0]["経度"])
    assert first["画像"] is None and rows[0]["画像"] == ""


@pytest.mark.parametrize("fmt", ["json", "geojson", "xml", "csv", "jsonl"])
def test_empty_dataset_is_a_valid_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"empty.{fmt}"
    _write(path, fmt, [])
    text = path.read_bytes().decode("utf-8")  # not read_text(): keep CRLF as written
    if fmt == "json":
        assert json.loads(text) == []
    elif fmt == "geojson":
        assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    elif fmt == "xml":
        with open_table(path) as table:
            assert table.dataset_hint == "public_toilets@v2"
            assert list(table.records()) == []
    elif fmt == "csv":
        assert text == ",".join(MODEL.headers()) + "\r\n"
    else:
        assert text == ""


def test_geojson(tmp_path: Path) -> None:
    rows = _rows()
    rows.append({**rows[0], "緯度": "北緯34度", "経度": "138.3"})
    rows.append({**rows[0], "緯度": "nan", "経度": "138.3"})
    rows.append({**rows[0], "緯度": "138.3207625", "経度": "34.8760119"})  # swapped
    rows.append({**rows[0], "緯度": " 34.5 ", "経度": "+138.25"})
    path = tmp_path / "out.geojson"
    assert _write(path, "geojson", rows) == []
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    features = doc["features"]
    assert len(features) == len(rows)
    for feature, row in zip(features, rows, strict=True):
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "geometry", "properties"}
        assert _cells(feature["properties"]) == row
    first = features[0]["geometry"]
    assert first == {
        "type": "Point",
        "coordinates": [float(rows[0]["経度"]), float(rows[0]["緯度"])],
    }
    assert first["coordinates"] == [138.3207625, 34.8760119]
    real_count = len(_real_rows())
    assert all(f["geometry"]["type"] == "Point" for f in features[:real_count])
    # blank latitude, not a number, NaN, out of range: no point
    assert [f["geometry"] for f in features[-5:-1]] == [None, None, None, None]
    assert features[-1]["geometry"]["coordinates"] == [138.25, 34.5]


def test_geojson_english_properties(tmp_path: Path) -> None:
    rows = _real_rows(2)
    path = tmp_path / "out.geojson"
    _write(path, "geojson", rows, header="en")
    doc = json.loads(path.read_text(encoding="utf-8"))
    props = doc["features"][0]["properties"]
    assert list(props) == [c.attr for c in MODEL.columns()]
    assert props["latitude"] == rows[0]["緯度"]


def _read_xml(path: Path) -> list[dict[str, str]]:
    with open_table(path) as table:
        assert table.dataset_hint == "public_toilets@v2"
        assert all(name in ATTR_TO_HEADER for name in table.header)
        out = []
        for record in table.records():
            cells = dict.fromkeys(MODEL.headers(), "")
            cells.update(
                {
                    ATTR_TO_HEADER[name]: v
                    for name, v in zip(table.header, record.cells, strict=True)
                }
            )
            out.append(cells)
        return out


def test_xml_round_trip(tmp_path: Path) -> None:
    rows = _rows()
    path = tmp_path / "out.xml"
    assert _write(path, "xml", rows) == []
    assert _read_xml(path) == rows
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<dataset xmlns="https://stdschema.org/ns/dataset/1" id="public_toilets" edition="v2">\n'
        "  <record>\n"
        "    <local_government_code>222127</local_government_code>\n"
    )
    assert text.endswith("  </record>\n</dataset>\n")
    assert "<name_en>" not in text.split("</record>")[0]  # blank cells omitted
    assert "&#13;" in text  # CR survives XML line-end normalisation


def test_xml_invalid_characters_replaced_and_reported(tmp_path: Path) -> None:
    row = {**_real_rows(1)[0], "名称": "a\x00b\x1fc\ufffed\x7f", "備考": "ok\tfine"}
    path = tmp_path / "out.xml"
    changes = _write(path, "xml", [row])
    assert changes == [
        CellChange(
            "名称",
            "a\x00b\x1fc\ufffed\x7f",
            "a\ufffdb\ufffdc\ufffdd\x7f",
            "replace_invalid_xml_char",
        )
    ]
    assert _read_xml(path) == [{**row, "名称": "a\ufffdb\ufffdc\ufffdd\x7f"}]


def test_xml_blank_record(tmp_path: Path) -> None:
    path = tmp_path / "out.xml"
    _write(path, "xml", [{}, _real_rows(1)[0]])
    assert "  <record/>\n" in path.read_text(encoding="utf-8")
    back = _read_xml(path)
    assert len(back) == 2 and back[0] == dict.fromkeys(MODEL.headers(), "")


# --- --excel-safe in the CSV writer -------------------------------------------
# (the rule, cell by cell: tests/test_excel_safe.py)


def _formula_row() -> dict[str, str]:
    return {
        **_real_rows(1)[0],
        "名称": "=SUM(A1)",
        "名称_カナ": "+cmd|' /C calc'!A0",
        "名称_英語": "-x",
        "設置位置": "@SUM(A1)",
        "備考": "\tx",  # a leading TAB before plain text: nothing to evaluate
        "利用可能時間特記事項": "-",  # a placeholder
        "緯度": "-12.5",
        "経度": "+81",
        "高度の値": "0",
    }


def test_csv_excel_safe_prefixes_and_reports(tmp_path: Path) -> None:
    row = _formula_row()
    path = tmp_path / "out.csv"
    changes = _write(path, "csv", [row], excel_safe=True)
    assert changes == [
        CellChange("名称", "=SUM(A1)", "'=SUM(A1)", "excel_safe"),
        CellChange("名称_カナ", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", "excel_safe"),
        CellChange("名称_英語", "-x", "'-x", "excel_safe"),
        CellChange("設置位置", "@SUM(A1)", "'@SUM(A1)", "excel_safe"),
    ]
    with path.open(encoding="utf-8", newline="") as handle:
        (back,) = list(csv.DictReader(handle))
    assert back == {**row, **{c.header: c.after for c in changes}}
    assert (back["備考"], back["利用可能時間特記事項"]) == ("\tx", "-")
    assert (back["緯度"], back["経度"], back["高度の値"]) == ("-12.5", "+81", "0")


def test_csv_writes_cells_as_they_are_by_default(tmp_path: Path) -> None:
    row = _formula_row()
    path = tmp_path / "out.csv"
    assert _write(path, "csv", [row]) == []
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == [row]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "geojson"])
def test_json_formats_keep_formulas(tmp_path: Path, fmt: str) -> None:
    stream = io.StringIO()
    writer = make_writer(fmt, stream, MODEL, excel_safe=True)  # for CSV only
    assert writer.write({"名称": "=SUM(A1)"}) == []
    writer.close()
    assert "=SUM(A1)" in stream.getvalue()


def test_make_writer_arguments() -> None:
    assert FORMATS == ("csv", "jsonl", "json", "geojson", "xml")
    with pytest.raises(ValueError, match="unknown output format"):
        make_writer("tsv", io.StringIO(), MODEL)
    with pytest.raises(ValueError, match="unknown header style"):
        make_writer("csv", io.StringIO(), MODEL, header="fr")
    writer = make_writer("json", io.StringIO(), MODEL)
    writer.close()
    writer.close()  # idempotent
    with pytest.raises(ValueError, match="closed"):
        writer.write({})


# --- OutputSet ----------------------------------------------------------------


def test_files_appear_only_on_commit(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.json"
    with OutputSet() as out:
        out.open_text(a, bom=True).write("x")
        out.open_text(b).write("y")
        listing = sorted(p.name for p in tmp_path.iterdir())
        assert len(listing) == 2 and all(n.startswith(".") and n.endswith(".tmp") for n in listing)
        assert not a.exists() and not b.exists()
        assert out.commit() == [a, b]
    assert sorted(tmp_path.iterdir()) == [a, b]
    assert a.read_bytes() == b"\xef\xbb\xbfx"
    assert b.read_bytes() == b"y"
    if sys.platform != "win32":
        assert stat.S_IMODE(a.stat().st_mode) == 0o644


def test_exception_leaves_nothing(tmp_path: Path) -> None:
    existing = tmp_path / "b.csv"
    existing.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"), OutputSet() as out:
        out.open_text(tmp_path / "a.csv").write("new a")
        out.open_text(existing).write("new b")
        raise RuntimeError("boom")
    assert sorted(tmp_path.iterdir()) == [existing]
    assert existing.read_text(encoding="utf-8") == "old"


def test_no_commit_leaves_nothing(tmp_path: Path) -> None:
    with OutputSet() as out:
        out.open_text(tmp_path / "a.csv").write("x")
    assert list(tmp_path.iterdir()) == []


def test_existing_file_replaced_on_success(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old", encoding="utf-8")
    with OutputSet() as out:
        out.open_text(target).write("new")
        assert target.read_text(encoding="utf-8") == "old"
        out.commit()
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_text(encoding="utf-8") == "new"


def test_failed_commit_renames_nothing(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("old", encoding="utf-8")
    blocked = tmp_path / "b.csv"
    blocked.mkdir()
    with OutputSet() as out:
        out.open_text(a).write("new")
        out.open_text(blocked).write("new")
        with pytest.raises(IsADirectoryError):
            out.commit()
    assert sorted(tmp_path.iterdir()) == [a, blocked]
    assert a.read_text(encoding="utf-8") == "old"


def test_caller_closed_stream_still_commits(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    with OutputSet() as out:
        stream = out.open_text(target)
        stream.write("done")
        stream.close()
        out.commit()
    assert target.read_text(encoding="utf-8") == "done"


def test_output_set_misuse(tmp_path: Path) -> None:
    with OutputSet() as out:
        out.open_text(tmp_path / "a.csv")
        with pytest.raises(ValueError, match="already an output"):
            out.open_text(tmp_path / "." / "a.csv")
        out.commit()
        with pytest.raises(RuntimeError):
            out.commit()
        with pytest.raises(RuntimeError):
            out.open_text(tmp_path / "b.csv")
    with pytest.raises(FileNotFoundError), OutputSet() as out:
        out.open_text(tmp_path / "missing" / "a.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    with OutputSet() as out:
        out.open_text(target, newline="\r\n").write("a\nb\n")
        out.commit()
    assert target.read_bytes() == b"a\r\nb\r\n"
    assert os.path.getsize(target) == 6

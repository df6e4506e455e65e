"""Typed machine outputs (issue 12, item 7): convert -f json|jsonl|geojson writes each value
with the JSON type the dataset's JSON Schema gives its column, and every record validates
against that schema (the schemas/ files, built by stdschema.schema.dataset_schema)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.conversion.engine import ConvertReport, convert, upgrade
from stdschema.conversion.mapping import MappingError
from stdschema.conversion.writers import JsonKind, json_kinds, make_writer
from stdschema.datasets import DatasetRecord, detect, get_dataset
from stdschema.io import open_table
from stdschema.schema import dataset_schema, dataset_schema_path
from tests.test_examples import CASES as EXAMPLE_CASES

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SCHEMAS = ROOT / "schemas"
REAL = Path(__file__).parent / "data" / "real"
FORMATS = ("json", "jsonl", "geojson")

Run = Callable[[Path], ConvertReport]


def _example(folder: str, source: str) -> Run:
    base = EXAMPLES / folder
    return lambda out: convert(
        base / source, mapping=base / "mapping.yaml", output=out, keep_incomplete=True
    )


# Every example of examples/README.md, converted as it says (tests/test_examples.py: every row
# kept with --keep-incomplete), the toilet file by fix mode, the v1 file by upgrade.
EXAMPLE_RUNS: dict[str, Run] = {
    "toilet": lambda out: convert(
        EXAMPLES / "222127_public_toilet.csv", dataset="public_toilets@v2", output=out
    ),
    "yaizu_aed_upgrade": lambda out: upgrade(
        EXAMPLES / "yaizu_aed_upgrade" / "222127_aed.csv", output=out
    ),
    **{case[0]: _example(case[0], case[1]) for case in EXAMPLE_CASES},
}
# The standard CSV each example's walkthrough checks in (the reference for blank cells).
CHECKED_IN = {case[0]: EXAMPLES / case[0] / "output" / case[2] for case in EXAMPLE_CASES}
# The 1,593-row XLSX example takes seconds a run: JSON only (the writers share the typing).
SLOW = {"ome_food_business_xlsx"}


def records(path: Path, fmt: str) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "geojson":
        return [feature["properties"] for feature in json.loads(text)["features"]]
    data: list[dict[str, Any]] = json.loads(text)
    return data


def checked_in_schema(model: type[DatasetRecord]) -> dict[str, Any]:
    """The dataset's file in schemas/, which a consumer of the output would use."""
    schema: dict[str, Any] = json.loads(
        (SCHEMAS / dataset_schema_path(model)).read_text(encoding="utf-8")
    )
    return schema


def schema_errors(model: type[DatasetRecord], items: list[dict[str, Any]]) -> list[str]:
    validator = jsonschema.Draft202012Validator(checked_in_schema(model))
    return [
        f"record {i}: {list(error.path)} {error.message}"
        for i, item in enumerate(items)
        for error in validator.iter_errors(item)
    ]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [(n, f) for n in EXAMPLE_RUNS for f in FORMATS if f == "json" or n not in SLOW],
)
def test_every_example_validates_against_its_schema(tmp_path: Path, name: str, fmt: str) -> None:
    """Zero errors, except that a required cell --keep-incomplete left blank for a person is
    absent from its record: the schema's 'required' names exactly those gaps."""
    out = tmp_path / f"{name}.{fmt}"
    report = EXAMPLE_RUNS[name](out)
    assert report.format == fmt and report.reconciled
    model = get_dataset(report.target)
    items = records(out, fmt)
    assert len(items) == report.counts.written == report.counts.read > 0
    gaps = []
    if name in CHECKED_IN:
        required = checked_in_schema(model).get("required", [])
        with CHECKED_IN[name].open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(items)
        gaps = [
            f"record {i}: [] '{header}' is a required property"
            for i, row in enumerate(rows)
            for header in required
            if row[header] == ""
        ]
    assert schema_errors(model, items) == gaps


def test_toilet_counts_are_numbers_codes_and_coordinates_strings(tmp_path: Path) -> None:
    """The issue's case: 112 toilet records gave 1,568 schema errors (counts as strings,
    blanks as ''). The same file as CSV is the reference for every value."""
    src = EXAMPLES / "222127_public_toilet.csv"
    out = tmp_path / "toilet.json"
    convert(src, dataset="public_toilets@v2", output=out)
    items = records(out, "json")
    with src.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(items) == len(rows) == 112
    model = get_dataset("public_toilets@v2")
    integer = {
        c.header for c, k in zip(model.columns(), json_kinds(model), strict=True) if k.integer
    }
    assert "男性トイレ総数" in integer and len(integer) == 11
    for item, row in zip(items, rows, strict=True):
        for header, cell in row.items():
            value = item[header]  # no required column is blank here: every key is present
            if cell == "":
                assert value is None, header
            elif header in integer:
                assert value == int(cell) and type(value) is int, header
            else:
                assert value == cell, header  # kept exactly as written
    assert items[0]["全国地方公共団体コード"] == "222127"
    assert isinstance(items[0]["緯度"], str)


def test_geojson_geometry_and_typed_properties(tmp_path: Path) -> None:
    out = tmp_path / "toilet.geojson"
    convert(EXAMPLES / "222127_public_toilet.csv", dataset="public_toilets@v2", output=out)
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    json_out = tmp_path / "toilet.json"
    convert(EXAMPLES / "222127_public_toilet.csv", dataset="public_toilets@v2", output=json_out)
    assert [f["properties"] for f in features] == records(json_out, "json")
    for feature in features:
        props = feature["properties"]
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [float(props["経度"]), float(props["緯度"])],
        }


def test_real_standard_files_in_fix_mode_validate(tmp_path: Path) -> None:
    """Every real standard CSV file of the test corpus whose dataset is modelled, through fix
    mode to JSON: the records written validate against their edition's schema (v1 and v2
    files of some twenty dataset editions)."""
    # CSV only: the reader does not matter here, and the one XLSX (1,593 rows) takes seconds.
    files = sorted([*REAL.glob("standard/*.csv"), *REAL.glob("v2/*.csv")])
    checked = 0
    for path in files:
        with open_table(path) as table:
            found = detect(list(table.header), path.name)
        if found.best is None:
            continue  # not a modelled dataset (sandbag stations, polling places)
        out = tmp_path / f"{path.stem}.json"
        try:
            report = convert(path, dataset=found.best.key, output=out)
        except MappingError:
            continue  # fix mode refuses a layout that needs a mapping

        items = records(out, "json")
        assert len(items) == report.counts.written
        assert schema_errors(get_dataset(report.target), items) == [], path.name
        checked += 1
    assert checked >= 24


# --- how a column's schema types its cells -------------------------------------------


def test_kinds_follow_the_exported_schema() -> None:
    """json_kinds reads the same schema as the checked-in file, column by column."""
    for key in ("public_toilets@v2", "designated_emergency_evacuation_sites@v2"):
        model = get_dataset(key)
        assert dataset_schema(model)["properties"] == checked_in_schema(model)["properties"]
    model = get_dataset("designated_emergency_evacuation_sites@v2")
    kinds = dict(zip(model.headers(), json_kinds(model), strict=True))
    # A flag (const "1" or null), an unconfirmed count (string) and the name (required string).
    assert kinds["災害種別_洪水"] == JsonKind(nullable=True, integer=False, number=False)
    assert kinds["想定収容人数"] == JsonKind(nullable=True, integer=False, number=False)
    assert kinds["名称"] == JsonKind(nullable=False, integer=False, number=False)


@pytest.mark.parametrize(
    ("kind", "cell", "expected"),
    [
        (JsonKind(True, True, False), "3", 3),
        (JsonKind(True, True, False), "-3", -3),
        (JsonKind(True, True, False), "", None),
        (JsonKind(True, True, False), "3.5", "3.5"),  # not an integer: kept, the schema says so
        (JsonKind(True, True, False), "３", "３"),  # full-width: not a plain ASCII number
        (JsonKind(True, True, False), "1_000", "1_000"),
        (JsonKind(True, True, False), " 3", " 3"),
        (JsonKind(True, True, True), "30.5", 30.5),
        (JsonKind(True, True, True), "1e999", "1e999"),  # JSON has no infinity
        (JsonKind(True, True, True), "nan", "nan"),
        (JsonKind(False, False, False), "007", "007"),
        (JsonKind(True, False, False), "", None),
    ],
)
def test_cell_values(kind: JsonKind, cell: str, expected: object) -> None:
    value = kind.value(cell)
    assert value == expected and type(value) is type(expected)


def test_blank_required_cell_is_left_out_and_the_schema_names_it() -> None:
    model = get_dataset("public_toilets@v2")
    stream = io.StringIO()
    writer = make_writer("json", stream, model)
    writer.write({"名称": "駅北トイレ", "男性トイレ総数": "2", "男性トイレ数（小便器）": "x"})
    writer.close()
    (item,) = json.loads(stream.getvalue())
    assert "所在地_連結表記" not in item and "設置位置" not in item
    assert item["男性トイレ総数"] == 2 and item["男性トイレ数（小便器）"] == "x"
    errors = schema_errors(model, [item])
    assert sorted(errors) == sorted(
        [
            "record 0: [] '所在地_連結表記' is a required property",
            "record 0: [] '設置位置' is a required property",
            "record 0: ['男性トイレ数（小便器）'] 'x' is not valid under any of the given schemas",
        ]
    )


def test_cli_json_output_is_typed(tmp_path: Path) -> None:
    out = tmp_path / "toilet.jsonl"
    args = ["convert", str(EXAMPLES / "222127_public_toilet.csv"), "-d", "public_toilets@v2"]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "-f", "jsonl", "--lang", "en"])
    assert result.exit_code == 0, result.output
    items = records(out, "jsonl")
    assert schema_errors(get_dataset("public_toilets@v2"), items) == []
    assert type(items[0]["男性トイレ総数"]) is int

"""Table Schema (issue 14, item 5): the export, frictionless agreeing with stdschema on real
files, and ``--schema`` bringing a dataset the project does not ship."""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.datasets import get_dataset, list_datasets
from stdschema.datasets.custom import SchemaFileError, load_dataset_file
from stdschema.rules.chars import SPACES, strip_spaces
from stdschema.schema import build_schemas, render
from stdschema.schema.table_schema import (
    DATE_PATTERN,
    EXACT_RULES,
    FORM_RULES,
    SPACE,
    VOCABULARY_RULES,
    cell_pattern,
    rule_pattern,
    table_schema,
    table_schemas,
)
from stdschema.types import RULES
from stdschema.validation import Options, validate_file

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
REAL = ROOT / "tests" / "data" / "real"
DATA = ROOT / "tests" / "data" / "table_schema"
SANDBAG = REAL / "standard" / "takamatsu_sandbag_creation_location.csv"
TOILETS = REAL / "standard" / "yaizu_222127_public_toilet.csv"

runner = CliRunner()


# --- the export ---------------------------------------------------------------------


def test_export_is_deterministic_and_checked_in() -> None:
    first = {rel: render(doc) for rel, doc in table_schemas().items()}
    assert first == {rel: render(doc) for rel, doc in table_schemas().items()}
    assert len(first) == len(list_datasets())
    on_disk = {
        p.relative_to(SCHEMAS).as_posix(): p.read_text(encoding="utf-8")
        for p in (SCHEMAS / "table-schema").glob("*.json")
    }
    assert on_disk == first
    assert set(first) <= set(build_schemas())  # the default export writes them too


def test_cli_export_table_schema_only(tmp_path: Path) -> None:
    out = tmp_path / "ts"
    result = runner.invoke(app, ["schema", "export", "--format", "table-schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == sorted(table_schemas())
    check = ["schema", "export", "--format", "table-schema", "--check", "--out", str(out)]
    assert runner.invoke(app, check).exit_code == 0
    (out / "table-schema" / "public_toilets@v2.json").write_text("{}\n", encoding="utf-8")
    stale = runner.invoke(app, check)
    assert stale.exit_code == 1
    assert "stale: table-schema/public_toilets@v2.json" in stale.output


def test_cli_export_unknown_format_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["schema", "export", "--format", "tableschema", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert "table-schema" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_fields_follow_the_sheet() -> None:
    model = get_dataset("public_toilets@v2")
    doc = table_schema(model)
    fields = {f["name"]: f for f in doc["fields"]}
    assert [f["name"] for f in doc["fields"]] == model.headers()
    assert {f["type"] for f in doc["fields"]} == {"string"}  # codes keep leading zeros
    assert doc["missingValues"] == [""] and doc["fieldsMatch"] == "partial"
    code = fields["全国地方公共団体コード"]
    assert code["x-stdschema"]["format"] == "local-gov-code"
    assert "required" not in code["constraints"]  # ○, not ◎
    assert fields["名称"]["constraints"]["required"] is True
    assert fields["ID"]["constraints"]["unique"] is True
    assert fields["名称_カナ"]["title"] == "nameKana"
    # 車椅子使用者用トイレ有無: 有/無 is not confirmed by the standard (a warning): no enum.
    wheelchair = fields["車椅子使用者用トイレ有無"]
    assert "constraints" not in wheelchair
    assert wheelchair["x-stdschema"] == {
        "no": 31,
        "requirement": "recommended",
        "format": "yes-no",
        "confirmed": False,
    }
    warned = table_schema(model, warnings=True)["fields"][30]
    assert warned["constraints"]["enum"] == ["有", "無"]


# --- patterns against the rules --------------------------------------------------------


@cache
def _adapter(rule: str) -> TypeAdapter[Any]:
    return TypeAdapter(RULES[rule].type)


def _rule_accepts(rule: str, value: str) -> bool:
    try:
        _adapter(rule).validate_python(value)
    except ValidationError:
        return False
    return True


def _variants(seed_values: list[str], rng: random.Random) -> set[str]:
    """The seeds, one- to three-character edits of them and short random strings."""
    alphabet = [*"0123456789０１-.:;,/@+()aZ アｱあ漢月火祝曜日\u3000", "https://", ".jp"]
    out = set(seed_values)
    for seed in seed_values:
        for _ in range(400):
            chars = list(seed)
            for _ in range(rng.randint(1, 3)):
                at = rng.randint(0, len(chars))
                op = rng.random()
                if op < 0.4 and chars:
                    chars[min(at, len(chars) - 1)] = rng.choice(alphabet)
                elif op < 0.7:
                    chars.insert(at, rng.choice(alphabet))
                elif chars:
                    del chars[min(at, len(chars) - 1)]
            out.add("".join(chars))
    for _ in range(1500):
        out.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    return {v for v in out if v}


SEEDS = {
    "chome_id": ["0003000", "0008-001"],
    "count": ["3", "120"],
    "date": ["2026-04-01", "2024-02-29"],
    "email": ["info@city.yaizu.lg.jp"],
    "extension": ["1234"],
    "half_width": ["Yaizu City Hall"],
    "katakana": ["ヤイヅシヤクショ"],
    "number": ["30.5", "-3"],
    "postal_code": ["4250022"],
    "record_id": ["LL0100022200", "1"],
    "time": ["09:00", "23:59"],
    "weekdays": ["月火水木金", "土曜日;日曜"],
    "corporate_number": ["8000020130001"],
    "local_gov_code": ["222127", "011002"],
    "longitude": ["138.3207625", "-12"],
    "phone": ["054-626-1139", "(054)626-1139"],
    "url": ["https://www.city.yaizu.lg.jp/"],
}


@pytest.mark.parametrize("rule", sorted(EXACT_RULES | FORM_RULES))
def test_rule_patterns_agree_with_the_rules(rule: str) -> None:
    """An exact rule's pattern accepts exactly what the rule accepts; a form rule's pattern
    accepts every value the rule accepts (it never refuses a good value)."""
    own = rule_pattern(rule) or ""
    pattern = re.compile(own)
    # As a cell's: spaces at the edges are stdschema's warning, the value is checked without.
    cells = {required: re.compile(cell_pattern(own, required)) for required in (True, False)}
    wrong = []
    for value in sorted(_variants(SEEDS[rule], random.Random(rule))):
        accepted = _rule_accepts(rule, value)
        matched = pattern.fullmatch(value) is not None
        if (accepted and not matched) or (rule in EXACT_RULES and matched and not accepted):
            wrong.append((value, accepted, matched))
        spaced = f" {value}\u3000"
        for required, cell in cells.items():
            # A cell of spaces only is blank: an error in a ◎ column, nothing in another.
            blank = not strip_spaces(spaced)
            accepted = not required if blank else _rule_accepts(rule, strip_spaces(spaced))
            matched = cell.fullmatch(spaced) is not None
            if (accepted and not matched) or (rule in EXACT_RULES and matched and not accepted):
                wrong.append((spaced, required, accepted, matched))
    assert wrong == []


def test_date_pattern_is_the_calendar() -> None:
    pattern = re.compile(DATE_PATTERN)
    day = date(1899, 12, 1)
    while day < date(2101, 3, 1):
        assert pattern.fullmatch(day.isoformat())
        day += timedelta(days=1)
    for year in (1900, 2000, 2023, 2024, 2100, 2400, 1, 9999):
        for month in range(0, 14):
            for dom in (0, 28, 29, 30, 31, 32):
                text = f"{year:04d}-{month:02d}-{dom:02d}"
                assert (pattern.fullmatch(text) is not None) == _rule_accepts("date", text), text
    assert not pattern.fullmatch("0000-01-01") and not pattern.fullmatch("2026-4-1")


def test_space_class_is_stdschemas_spaces() -> None:
    space = re.compile(SPACE)
    assert {chr(c) for c in range(0x110000) if space.fullmatch(chr(c))} == set(SPACES)


# --- frictionless against stdschema on real files ----------------------------------------

# Real files of shipped datasets: valid ones, and invalid ones whose errors are in rules a
# pattern states exactly (katakana) or in ◎ columns; 熊取町's file has blank rows, 広島市's
# spaces around its coordinates (a warning for stdschema, so no error for frictionless) and
# check digits a pattern cannot state.
AGREEING = [
    "standard/yaizu_222127_public_toilet.csv",
    "standard/yaizu_222127_aed.csv",
    "standard/yaizu_222127_library.csv",
    "standard/komae_132195_aed.csv",
    "standard/yaizu_222127_tourism.csv",
    "v2/09_care_service__122319_inzai.csv",
    "v2/31_tourist_attraction__122319_inzai.csv",
    "v2/02_cultural_property__273619_kumatori.csv",
    "v2/07_public_wifi__341002_hiroshima_city.csv",
]

EXPRESSIBLE = frozenset({"blank-required", "unique-error", "missing-label"})


def _flagged(path: Path) -> tuple[Any, set[Any], set[Any], set[Any]]:
    """stdschema's report and frictionless' verdict on ``path`` against the exported schema:
    (frictionless report, cells it flags, cells stdschema flags with errors a Table Schema
    states exactly, cells stdschema flags with errors of a form-only rule)."""
    frictionless = pytest.importorskip(
        "frictionless", reason="frictionless is not installed (pip install '.[dev]')"
    )
    report = validate_file(path, Options(lang="en", engine="pydantic"))
    model = get_dataset(f"{report.dataset.id}@{report.dataset.edition}")
    columns = {c.header: c for c in model.__columns__}
    by_attr = {c.attr: c.header for c in model.__columns__}
    descriptor = json.loads(
        (SCHEMAS / "table-schema" / f"{model.__dataset__.key}.json").read_text(encoding="utf-8")
    )
    resource = frictionless.Resource(
        path=path.name,
        basepath=str(path.parent),
        schema=frictionless.Schema.from_descriptor(descriptor),
        encoding=report.encoding,
        format="csv",
    )
    # Blank rows are frictionless' own structural check, not the schema's (stdschema: a warning).
    checklist = frictionless.Checklist(skip_errors=["blank-row"])
    verdict = frictionless.validate(resource, checklist=checklist, limit_errors=10**9)
    theirs = {(row, field) for row, field in verdict.flatten(["rowNumber", "fieldName"])}
    exact, form = set(), set()
    for p in report.problems:
        if p.severity != "error":
            continue
        if p.code == "missing-label":  # no cell: the column is named by its field
            exact.add((None, by_attr[p.field or ""]))
            continue
        column = columns.get(p.header or "")
        cell = (p.row, p.header)
        stated = column is not None and column.rule in EXACT_RULES | VOCABULARY_RULES
        if p.code in EXPRESSIBLE or stated:
            exact.add(cell)
        elif column is not None and column.rule in FORM_RULES:
            form.add(cell)
        else:
            raise AssertionError(f"an error Table Schema cannot state: {p.code} {p.header}")
    return verdict, theirs, exact, form


@pytest.mark.parametrize("name", AGREEING)
def test_frictionless_agrees_on_real_files(name: str) -> None:
    verdict, theirs, exact, form = _flagged(REAL / name)
    assert exact <= theirs  # every error a Table Schema states exactly, frictionless finds
    assert theirs <= exact | form  # and it finds nothing stdschema calls fine
    if not form:
        assert verdict.valid == (not exact)


def test_frictionless_agrees_on_a_generated_invalid_file(tmp_path: Path) -> None:
    """焼津市's valid toilet file with one fault a row; the check digit is beyond a pattern."""
    with TOILETS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    at = {h: i for i, h in enumerate(header)}
    faults = {
        2: ("名称", ""),  # blank ◎
        3: ("名称", "\u3000"),  # spaces only: blank for stdschema
        4: ("ID", rows[1][at["ID"]]),  # repeats row 2's ID
        5: ("利用開始時間", "9:00"),
        6: ("男性トイレ総数", "３"),
        7: ("全国地方公共団体コード", " 222127\u3000"),  # spaces: a warning only
        8: ("名称_カナ", "ふるさと"),
        9: ("全国地方公共団体コード", "222128"),  # wrong check digit
    }
    for row, (column, value) in faults.items():
        rows[row - 1][at[column]] = value
    path = tmp_path / "222127_public_toilet.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    verdict, theirs, exact, form = _flagged(path)
    assert exact == {
        (2, "名称"),
        (3, "名称"),
        (4, "ID"),
        (5, "利用開始時間"),
        (6, "男性トイレ総数"),
        (8, "名称_カナ"),
    }
    assert form == {(9, "全国地方公共団体コード")}
    assert theirs == exact and not verdict.valid

    # A missing ◎ column is missing for both; a missing ○ column for neither.
    dropped = [[c for i, c in enumerate(r) if i not in (at["設置位置"], at["画像"])] for r in rows]
    lean = tmp_path / "lean.csv"
    with lean.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(dropped[:1] + dropped[9:])
    verdict, theirs, exact, form = _flagged(lean)
    assert exact == theirs == {(None, "設置位置")}


# --- --schema: a dataset the project does not ship ---------------------------------------


def _problems(args: list[str]) -> tuple[int, list[tuple[Any, ...]], dict[str, Any]]:
    result = runner.invoke(app, ["validate", *args, "-f", "json", "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    entry = json.loads(result.stdout)["files"][0]
    found = [
        (p["row"], p["code"], p["severity"], p["header"], p["value"]) for p in entry["problems"]
    ]
    return result.exit_code, found, entry["dataset"]


@pytest.mark.parametrize("schema", ["sandbag.yaml", "sandbag.json"])
def test_schema_brings_a_dataset(schema: str) -> None:
    """高松市's 土のう作製場所 file matches no shipped dataset; its own definition (a dataset
    YAML, or a Table Schema with formats) checks it: 開始時間 8:00 is not hh:mm."""
    code, found, dataset = _problems([str(SANDBAG), "--schema", str(DATA / schema)])
    assert dataset["id"] == "sandbag_sites" and dataset["name_ja"] == "土のう作製場所一覧"
    assert dataset["detected_by"] == "schema"
    assert code == 1
    bad_times = [(row, "invalid-value", "error", "開始時間", "8:00") for row in range(2, 11)]
    assert [p for p in found if p[1] == "invalid-value"] == bad_times
    assert {p[1] for p in found} == {"invalid-value", "blank-label", "extra-label"}
    # Without it the file is a local layout.
    plain = runner.invoke(app, ["validate", str(SANDBAG), "-f", "json", "--lang", "en"])
    assert json.loads(plain.stdout)["files"][0]["dataset"]["id"] is None


@pytest.mark.parametrize(
    ("file", "dataset"),
    [
        ("standard/komae_132195_aed.csv", "aed_locations@v2"),
        ("v2/07_public_wifi__341002_hiroshima_city.csv", "public_wifi_access_points@v2"),
        ("v2/31_tourist_attraction__122319_inzai.csv", "tourist_points@v2"),
    ],
)
def test_exported_schema_checks_as_the_shipped_model(file: str, dataset: str) -> None:
    """The exported Table Schema given back to --schema reproduces the shipped edition:
    the same problems, warnings and repairs included."""
    schema = SCHEMAS / "table-schema" / f"{dataset}.json"
    by_schema = _problems([str(REAL / file), "--schema", str(schema)])
    by_dataset = _problems([str(REAL / file), "--dataset", dataset])
    assert by_schema[:2] == by_dataset[:2]
    assert by_schema[1]
    # The fast engine builds its screens from the same model: the same problems.
    fast = _problems([str(REAL / file), "--schema", str(schema), "--engine", "fast"])
    assert fast[:2] == by_schema[:2]


def test_exported_schemas_load_as_the_shipped_models() -> None:
    for model in list_datasets():
        custom = load_dataset_file(SCHEMAS / "table-schema" / f"{model.__dataset__.key}.json")
        assert custom.__dataset__.key == model.__dataset__.key
        facts = ("no", "header", "rule", "requirement", "rule_confirmed", "allowed_values")
        assert [[getattr(c, f) for f in facts] for c in custom.__columns__] == [
            [getattr(c, f) for f in facts] for c in model.__columns__
        ]


def test_convert_fixes_to_a_schema_dataset(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = ["convert", str(SANDBAG), "--schema", str(DATA / "sandbag.yaml"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["target"] == "sandbag_sites@v2" and summary["counts"]["written"] == 9
    with out.open(encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert list(written[0]) == [
        c.header for c in load_dataset_file(DATA / "sandbag.yaml").columns()
    ]
    assert {r["開始時間"] for r in written} == {"08:00"}  # the safe repair of fix mode
    both = runner.invoke(app, [*args, "-m", str(tmp_path / "m.yaml")])
    assert both.exit_code == 2 and "--mapping" in both.output


BAD = {
    "format.yaml": (
        "id: x\ncolumns:\n  - name: A\n    format: local-gov-cod\n",
        "unknown format local-gov-cod (did you mean: local-gov-code",
    ),
    "key.yaml": (
        "id: x\ncolumns:\n  - name: A\n    fromat: katakana\n",
        "column 'A': unknown key fromat (did you mean: format)",
    ),
    "top.yaml": ("id: x\ncolums: []\n", "unknown key colums (did you mean: columns)"),
    "noid.yaml": ("columns: [{name: A}]\n", "has no id"),
    "pattern.json": (
        '{"fields": [{"name": "A", "constraints": {"pattern": "[a-z]+"}}]}',
        "a free pattern cannot be checked",
    ),
    "type.json": ('{"fields": [{"name": "A", "type": "boolean"}]}', "type boolean"),
    "syntax.json": ('{"fields": [', "cannot be parsed at line 1"),
    "unique.yaml": ("id: x\ncolumns: [{name: A, unique: true}]\n", "ID columns only"),
    "neither.yaml": ("title: x\n", "neither a Table Schema"),
    "twice.yaml": ("id: x\ncolumns: [{name: A}, {name: A}]\n", "defined twice"),
    "missing.json": (
        '{"fields": [{"name": "A"}], "missingValues": ["", "-"]}',
        "only missingValues",
    ),
    "key.json": ('{"fields": [{"name": "A"}], "primaryKey": "A"}', "ID columns only"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_schema_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    text, expected = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaFileError):
        load_dataset_file(path)
    for command in (
        ["validate", str(TOILETS), "--schema", str(path)],
        ["convert", str(TOILETS), "--schema", str(path), "-o", str(tmp_path / "o.csv")],
    ):
        result = runner.invoke(app, [*command, "--lang", "en"])
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_primary_key_is_a_required_unique_id(tmp_path: Path) -> None:
    path = tmp_path / "ids.json"
    fields = [{"name": "ID", "format": "record-id"}, {"name": "名称"}]
    path.write_text(json.dumps({"fields": fields, "primaryKey": ["ID"]}), encoding="utf-8")
    (column, _) = load_dataset_file(path).columns()
    assert (column.rule, column.requirement.value) == ("record_id", "required")


def test_schema_and_dataset_together_is_a_usage_error() -> None:
    result = runner.invoke(
        app,
        ["validate", str(TOILETS), "--schema", str(DATA / "sandbag.yaml"), "-d", "public_toilets"],
    )
    assert result.exit_code == 2 and "--schema" in result.stderr


def test_frictionless_reads_the_shipped_schemas() -> None:
    """Every exported file is a valid Table Schema for frictionless (a custom ``format``
    would make it refuse the whole schema: the rule is in x-stdschema)."""
    frictionless = pytest.importorskip(
        "frictionless", reason="frictionless is not installed (pip install '.[dev]')"
    )
    for path in sorted((SCHEMAS / "table-schema").glob("*.json")):
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        assert frictionless.Schema.from_descriptor(descriptor).field_names


def test_schema_model_is_rebuilt_when_the_file_changes(tmp_path: Path) -> None:
    """The model is cached by file and version: an edited file is read again."""
    path = tmp_path / "d.yaml"
    shutil.copy(DATA / "sandbag.yaml", path)
    first = load_dataset_file(path)
    assert load_dataset_file(path) is first
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: sandbag_sites", "id: sandbag_sites_b") + "\n",
        encoding="utf-8",
    )
    assert load_dataset_file(path).__dataset__.id == "sandbag_sites_b"

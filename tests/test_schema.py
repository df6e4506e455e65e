"""Exported JSON Schemas: fresh in the repository, valid, and true to real data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from stdschema.datasets import get_dataset, list_datasets
from stdschema.schema import build_schemas, dataset_schema_path, export, stale

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"


def test_checked_in_schemas_are_fresh() -> None:
    assert stale(SCHEMAS) == []


def test_stale_detects_edits_and_leftovers(tmp_path: Path) -> None:
    export(tmp_path)
    assert stale(tmp_path) == []
    target = tmp_path / "v2" / "public_toilets.schema.json"
    target.write_text(
        target.read_text(encoding="utf-8").replace("名称", "名前", 1), encoding="utf-8"
    )
    (tmp_path / "v2" / "old.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "index.json").unlink()
    assert stale(tmp_path) == [
        "stale: v2/public_toilets.schema.json",
        "missing: index.json",
        "not generated: v2/old.schema.json",
    ]


@pytest.mark.parametrize("rel", sorted(build_schemas()))
def test_every_schema_is_valid_2020_12(rel: str) -> None:
    doc = json.loads((SCHEMAS / rel).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(doc)


def test_index_lists_every_edition() -> None:
    index = json.loads((SCHEMAS / "index.json").read_text(encoding="utf-8"))
    keys = {(d["id"], d["edition"]) for d in index["datasets"]}
    assert keys == {(m.__dataset__.id, m.__dataset__.edition) for m in list_datasets()}
    for entry in index["datasets"]:
        assert (SCHEMAS / entry["schema"]).is_file()


def test_real_rows_validate_against_the_exported_schema() -> None:
    model = get_dataset("public_toilets@v2")
    schema = json.loads((SCHEMAS / dataset_schema_path(model)).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    path = ROOT / "tests" / "data" / "real" / "v2" / "13_public_toilet__222127_yaizu.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        dumped = model.model_validate(row).model_dump(mode="json", by_alias=True)
        assert list(validator.iter_errors(dumped)) == []
    bad = model.model_validate(rows[0]).model_dump(mode="json", by_alias=True)
    bad["全国地方公共団体コード"] = "22212"
    assert [e.validator for e in validator.iter_errors(bad)] == ["anyOf"]
    assert schema["x-stdschema-dataset"]["confidence"] == "complete"
    assert schema["required"] == ["名称", "所在地_連結表記", "設置位置"]

"""Checked by mypy (tests/test_typing.py), never run: ``get_dataset`` keeps the model's class
for a type checker, so its fields keep their types. Each ``assert_type`` is an error when
the type differs, and the plain ``type[DatasetRecord]`` of an untyped ``get_dataset`` would
have no field to read."""

from __future__ import annotations

from typing import assert_type

from stdschema import get_dataset as exported
from stdschema.datasets import DatasetRecord, get_dataset
from stdschema.datasets.v1.aed_locations import AedLocationsV1
from stdschema.datasets.v1.public_toilets import PublicToiletsV1
from stdschema.datasets.v2.public_toilets import PublicToiletsV2

toilets = get_dataset("public_toilets@v2")
assert_type(toilets, type[PublicToiletsV2])
record = toilets.model_validate({"名称": "焼津駅", "所在地_連結表記": "焼津市", "設置位置": "駅前"})
assert_type(record, PublicToiletsV2)
assert_type(record.name, str)
assert_type(record.latitude, str | None)
assert_type(record.male_total, int | None)
assert_type(record.wheelchair_toilet, str | None)
name: str = record.name

# The id alone is its newest edition, as get_dataset resolves it; an edition given apart too.
assert_type(get_dataset("public_toilets"), type[PublicToiletsV2])
assert_type(get_dataset("public_toilets", "v1"), type[PublicToiletsV1])
assert_type(get_dataset("public_toilets@v1", "v1"), type[PublicToiletsV1])
assert_type(get_dataset("aed_locations@v1"), type[AedLocationsV1])
assert_type(exported("public_toilets@v2"), type[PublicToiletsV2])

# Any other string (a dataset named at run time) is some dataset edition.
chosen: str = "aed_locations@v2"
assert_type(get_dataset(chosen), type[DatasetRecord])

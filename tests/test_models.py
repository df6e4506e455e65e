"""Dataset models: faithful columns, metadata, and real rows through the classes."""

from __future__ import annotations

import csv
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError

from stdschema.datasets import Confidence, Requirement, get_dataset, list_datasets
from stdschema.datasets.v2 import PublicToiletsV2
from stdschema.types import RULES

REAL = Path(__file__).parent / "data" / "real"

# Column counts per shared/spec (issue 2: v1 all 14; v2 with an ordered list; issue 9: the
# round-2 lists and standard_v2_updates/).
EXPECTED_COLUMNS = {
    "aed_locations@v1": 22,
    "care_service_providers@v1": 22,
    "childcare_facilities@v1": 28,
    "cultural_properties@v1": 34,
    "designated_emergency_evacuation_sites@v1": 26,
    "events@v1": 32,
    "fire_water_facilities@v1": 11,
    "medical_institutions@v1": 26,
    "open_data_catalog@v1": 15,
    "population_by_area_and_age@v1": 47,
    "public_facilities@v1": 24,
    "public_toilets@v1": 32,
    "public_wifi_access_points@v1": 18,
    "tourist_facilities@v1": 30,
    "public_facilities@v2": 56,
    "cultural_properties@v2": 45,
    "designated_emergency_evacuation_sites@v2": 39,
    "childcare_facilities@v2": 53,
    "public_wifi_access_points@v2": 28,
    "aed_locations@v2": 39,
    "care_service_providers@v2": 36,
    "tourist_facilities@v2": 58,
    "public_toilets@v2": 39,
    "fire_water_facilities@v2": 16,
    "food_business_permits@v2": 34,
    "educational_institutions@v2": 23,
    "waste_sorting_rules@v2": 14,
    "tourist_points@v2": 13,
    # Round 2 (issue 9): ordered lists from real files ...
    "population_by_area_and_age@v2": 46,
    "open_data_catalog@v2": 42,
    "medical_institutions@v2": 42,
    "events@v2": 78,
    "school_districts@v2": 15,
    "disaster_radio_stations@v2": 14,
    "public_bicycle_parking@v2": 13,
    # ... and lists known only from ingest configs (Confidence.CONFIG_ONLY).
    "school_lunch_menus@v2": 47,
    "polling_stations@v2": 27,
    "waste_collection_points@v2": 16,
    "facilities@v2": 20,
}


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_registry_has_every_edition_with_its_column_count() -> None:
    got = {m.__dataset__.key: len(m.__columns__) for m in list_datasets()}
    assert got == EXPECTED_COLUMNS
    assert len(list_datasets("v1")) == 14
    assert len(list_datasets("v2")) == 25


@pytest.mark.parametrize("model", list_datasets(), ids=lambda m: m.__dataset__.key)
def test_model_structure(model: typing.Any) -> None:
    cols = model.__columns__
    assert [c.no for c in cols] == list(range(1, len(cols) + 1))
    assert len({c.header for c in cols}) == len(cols)
    assert len({c.attr for c in cols}) == len(cols)
    assert all(c.attr.isidentifier() and c.attr.isascii() for c in cols)
    info = model.__dataset__
    assert info.sources, "every dataset names its sources"
    assert isinstance(info.confidence, Confidence)
    hints = typing.get_type_hints(model, include_extras=True)
    for c in cols:
        assert c.rule in RULES
        field = model.model_fields[c.attr]
        assert field.alias == c.header
        # An unconfirmed rule must not reject data: the field is plain text.
        hint = hints[c.attr]
        if not c.rule_confirmed:
            assert hint in (str, str | None), (c.header, hint)
        elif c.rule != "text":
            assert RULES[c.rule].type in typing.get_args(hint) or hint == RULES[c.rule].type


def test_v1_requirement_marks_are_the_spec_ones() -> None:
    aed = get_dataset("aed_locations@v1")
    required = [c.header for c in aed.__columns__ if c.requirement is Requirement.REQUIRED]
    assert required == ["名称", "名称_カナ", "住所", "設置位置"]
    code = aed.__columns__[0]
    assert code.header == "都道府県コード又は市区町村コード"
    assert not code.requirement_confirmed


def test_v2_toilet_sheet_is_complete() -> None:
    info = PublicToiletsV2.__dataset__
    assert info.confidence is Confidence.COMPLETE
    assert info.slug == "public_toilet"
    required = [
        c.header for c in PublicToiletsV2.__columns__ if c.requirement is Requirement.REQUIRED
    ]
    assert required == ["名称", "所在地_連結表記", "設置位置"]
    by_header = {c.header: c for c in PublicToiletsV2.__columns__}
    # 〇 (U+3007) on the sheet means recommended, like ○.
    assert by_header["バリアフリートイレ数"].requirement is Requirement.RECOMMENDED
    assert by_header["利用開始時間"].rule == "time" and by_header["利用開始時間"].rule_confirmed
    assert by_header["高度の種別"].advisory  # the sheet's vocabulary, contradicted by real files
    assert by_header["全国地方公共団体コード"].format == "文字列（半角数字）"
    assert by_header["全国地方公共団体コード"].example == "011002"


def test_unconfirmed_facts_are_marked() -> None:
    evac = {
        c.header: c for c in get_dataset("designated_emergency_evacuation_sites@v2").__columns__
    }
    assert evac["災害種別_洪水"].requirement is Requirement.REQUIRED
    assert evac["災害種別_洪水"].rule == "flag_1"
    child = {c.header: c for c in get_dataset("childcare_facilities@v2").__columns__}
    assert not child["名称_英字"].header_confirmed  # seen in one file only
    assert child["名称"].requirement_hint is Requirement.REQUIRED  # ◎ in the legacy edition
    assert not child["名称"].requirement_confirmed
    assert get_dataset("cultural_properties@v2").__dataset__.confidence is Confidence.NAMES_ONLY


def test_real_toilet_rows_validate_by_japanese_header_and_round_trip() -> None:
    rows = read_csv(REAL / "v2" / "13_public_toilet__222127_yaizu.csv", "utf-8")
    assert len(rows) == 112
    for row in rows:
        record = PublicToiletsV2.model_validate(row)
        assert record.to_row() == list(row.values())
        by_alias = record.model_dump(by_alias=True)
        assert list(by_alias) == PublicToiletsV2.headers()
        assert PublicToiletsV2.model_validate(by_alias) == record
        by_name = record.model_dump()
        assert PublicToiletsV2.model_validate(by_name) == record
    first = PublicToiletsV2.model_validate(rows[0])
    assert first.local_government_code == "222127"
    assert first.male_total == 3
    assert first.latitude == "34.8760119"
    assert first.wheelchair_toilet == "有"


def test_real_fire_hydrant_rows_validate() -> None:
    model = get_dataset("fire_water_facilities@v2")
    rows = read_csv(REAL / "v2" / "14_fire_hydrant__222127_yaizu.csv", "utf-8")
    assert list(rows[0]) == model.headers()
    records = [model.model_validate(r) for r in rows]
    assert len(records) == 193
    assert records[0].chome_id is None or records[0].chome_id.isdigit()


def test_blank_required_cell_is_missing_and_blank_flag_is_allowed() -> None:
    with pytest.raises(ValidationError) as info:
        PublicToiletsV2.model_validate(
            {"名称": "", "所在地_連結表記": "静岡県焼津市", "設置位置": "x"}
        )
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [(("名称",), "missing")]
    evac = get_dataset("designated_emergency_evacuation_sites@v2")
    base = {
        "名称": "A",
        "所在地_連結表記": "B",
        "電話番号": "054-000-0000",
        "市区町村コード": "222127",
    }
    flags = {c.header: "" for c in evac.__columns__ if c.rule == "flag_1"}
    record = evac.model_validate(base | flags)
    assert record.hazard_flood is None


def test_bad_values_fail_with_stable_types() -> None:
    row = {"名称": "A", "所在地_連結表記": "B", "設置位置": "C"}
    with pytest.raises(ValidationError) as info:
        PublicToiletsV2.model_validate(
            row | {"全国地方公共団体コード": "222128", "名称_カナ": "ﾔｲﾂﾞ", "男性トイレ総数": "３"}
        )
    kinds = {e["loc"][0]: e["type"] for e in info.value.errors()}
    assert kinds == {
        "全国地方公共団体コード": "local_gov_code_check_digit",
        "名称_カナ": "kana_half_width",
        "男性トイレ総数": "count_format",
    }


def test_local_columns_are_ignored_by_the_model() -> None:
    record = PublicToiletsV2.model_validate(
        {"名称": "A", "所在地_連結表記": "B", "設置位置": "C", "独自項目": "x"}
    )
    assert "独自項目" not in record.model_dump(by_alias=True)


def test_shared_address_columns_are_defined_once() -> None:
    for model in list_datasets("v2"):
        cols = {c.header: c for c in model.__columns__}
        if "所在地_連結表記" in cols:
            assert cols["所在地_連結表記"].english_name == "fullAddress"
            assert cols["所在地_連結表記"].description
        if "緯度" in cols:
            assert cols["緯度"].rule == "latitude"

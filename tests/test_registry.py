"""Registry: get datasets by id, detect them from real headers and file names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from stdschema.datasets import (
    UnknownDatasetError,
    detect,
    detect_filename,
    get_dataset,
    normalize_header,
)

REAL = Path(__file__).parent / "data" / "real"

# Every real CSV whose MANIFEST names a standard dataset, with what it is.
EXPECTED = {
    "standard/komae_132195_aed.csv": "aed_locations@v1",
    "standard/takamatsu_public_toilet.csv": "public_toilets@v1",
    "standard/yaizu_222127_aed.csv": "aed_locations@v1",
    "standard/yaizu_222127_evacuation_space.csv": "designated_emergency_evacuation_sites@v1",
    "standard/yaizu_222127_fire_hydrant.csv": "fire_water_facilities@v2",
    "standard/yaizu_222127_library.csv": "public_facilities@v1",
    "standard/yaizu_222127_preschool.csv": "childcare_facilities@v1",
    "standard/yaizu_222127_public_toilet.csv": "public_toilets@v2",
    "standard/yaizu_222127_public_wireless_lan.csv": "public_wifi_access_points@v1",
    "standard/yaizu_222127_tourism.csv": "tourist_facilities@v1",
    "v2/01_public_facility_sports_extension__133086_okutama.csv": "public_facilities@v2",
    "v2/02_cultural_property__132152_kunitachi.csv": "cultural_properties@v2",
    "v2/02_cultural_property__273619_kumatori.csv": "cultural_properties@v2",
    "v2/07_public_wifi__341002_hiroshima_city.csv": "public_wifi_access_points@v2",
    "v2/11_tourism__402036_kurume.csv": "tourist_facilities@v2",
    "v2/13_public_toilet__222127_yaizu.csv": "public_toilets@v2",
    "v2/14_fire_hydrant__222127_yaizu.csv": "fire_water_facilities@v2",
    "v2/31_tourist_attraction__272272_higashiosaka.csv": "tourist_points@v2",
    "v2/transcribed/01_public_facility__172014_kanazawa_ckan_dump.EXCERPT.csv": "public_facilities@v2",
    "v2/transcribed/05_preschool__352071_kudamatsu.EXCERPT.csv": "childcare_facilities@v2",
    "v2/transcribed/08_aed__132128_hino.EXCERPT.csv": "aed_locations@v2",
    "v2/transcribed/09_care_service__352071_kudamatsu.EXCERPT.csv": "care_service_providers@v2",
    "v2/transcribed/24_educational_institution__352071_kudamatsu.csv": "educational_institutions@v2",
}


def header_of(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    for row in csv.reader(io.StringIO(text, newline="")):
        if row and row[0] == "#property":
            return row[1:]
        if row and not row[0].startswith("#"):
            return row
    raise AssertionError(f"no header in {path}")


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_real_files_are_detected(rel: str) -> None:
    path = REAL / rel
    found = detect(header_of(path), path.name)
    assert found.best is not None, [(c.key, c.score) for c in found.candidates]
    assert found.best.key == EXPECTED[rel]
    runner_up = found.candidates[1]
    assert found.best.score > runner_up.score


def test_food_business_xlsx_header_is_detected() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(
        REAL / "v2" / "15_food_business_all__132055_ome.xlsx", read_only=True
    )
    header = [str(c) for c in next(wb.worksheets[0].iter_rows(max_row=1, values_only=True))]
    wb.close()
    found = detect(header, "132055_food_business_all.xlsx")
    assert found.best is not None and found.best.key == "food_business_permits@v2"
    assert found.best.score == 1.0


def test_non_standard_file_is_not_recognised_but_has_candidates() -> None:
    path = REAL / "standard" / "takamatsu_sandbag_creation_location.csv"
    found = detect(header_of(path), path.name)
    assert found.best is None
    assert not found.recognised
    assert len(found.candidates) == 5
    assert found.candidates[0].score > 0


def test_header_variants_still_match() -> None:
    preschool = header_of(REAL / "standard" / "yaizu_222127_preschool.csv")
    assert preschool[0] == "都道府県コ\u2015ド又は市区町村コ\u2015ド"
    found = detect(preschool)
    assert found.best is not None and found.best.variants == 1
    assert normalize_header("名称(必須）") == normalize_header("名称")
    assert normalize_header("地方\r\n公共団体名") == "地方公共団体名"
    assert normalize_header("全国地方公共団体ｺｰﾄﾞ") == "全国地方公共団体コード"
    assert normalize_header("料金（基本）") == normalize_header("料金(基本)")


def test_english_attribute_names_are_recognised() -> None:
    model = get_dataset("public_toilets@v2")
    found = detect([c.attr for c in model.__columns__])
    assert found.best is not None and found.best.key == "public_toilets@v2"


def test_filename_detection() -> None:
    assert [m.__dataset__.key for m in detect_filename("222127_public_toilet.csv")] == [
        "public_toilets@v2",
        "public_toilets@v1",
    ]
    assert [m.__dataset__.key for m in detect_filename("132055_food_business_all.xlsx")] == [
        "food_business_permits@v2"
    ]
    assert detect_filename("notes.csv") == []
    # Without a header the file name's claim is listed but never picked.
    only_name = detect(None, "222127_public_toilet.csv")
    assert only_name.best is None
    assert [(c.key, c.method) for c in only_name.candidates] == [
        ("public_toilets@v2", "filename"),
        ("public_toilets@v1", "filename"),
    ]


def test_get_dataset() -> None:
    assert get_dataset("public_toilets@v2").__dataset__.edition == "v2"
    assert get_dataset("public_toilets", "v1").__dataset__.edition == "v1"
    assert get_dataset("public_toilets").__dataset__.edition == "v2"
    assert get_dataset("events").__dataset__.edition == "v2"  # round 2 of the spec
    with pytest.raises(UnknownDatasetError, match="did you mean 'public_toilets'"):
        get_dataset("public_toilet")
    with pytest.raises(UnknownDatasetError, match="no edition v1"):
        get_dataset("tourist_points@v1")  # a 定義書C sheet: no 推奨 edition
    with pytest.raises(UnknownDatasetError, match="unknown edition"):
        get_dataset("public_toilets@v3")

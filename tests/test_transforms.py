"""Named transforms of ``stdschema convert`` on real cells from tests/data/real."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import stdschema
from stdschema.conversion.engine import convert
from stdschema.conversion.transforms import (
    TRANSFORMS,
    BadArgumentError,
    Transform,
    TransformContext,
    TransformError,
    UnknownTransformError,
    apply_chain,
    referenced_columns,
    resolve,
)
from stdschema.io import open_table
from stdschema.normalize import in_japan
from stdschema.rules.chars import SPACES

REAL = Path(__file__).parent / "data" / "real"

TAKAMATSU_AED = "legacy/takamatsu_0002_aed_location.csv"
TAKAMATSU_EVACUATION = "legacy/takamatsu_0060_evacuation_space.csv"
TAKAMATSU_CULTURAL = "legacy/takamatsu_0063_cultural_property.csv"
TAKAMATSU_POPULATION = "legacy/takamatsu_0066_population_202303.csv"
TAKAMATSU_GARBAGE = "legacy/takamatsu_0074_garbage_separation.csv"
TAKAMATSU_CHILDCARE = "legacy/takamatsu_0079_unapproved_childcare_facilities.csv"
TAKAMATSU_MEMBERS = "legacy/takamatsu_0087_member_companies.csv"
TAKAMATSU_TAX = "legacy/takamatsu_0097_city_tax_settlement_r2.csv"
TAKAMATSU_HOSPITAL = "legacy/takamatsu_hospital.csv"
TAKAMATSU_TOILET = "standard/takamatsu_public_toilet.csv"
TAKAMATSU_SANDBAG = "standard/takamatsu_sandbag_creation_location.csv"
JOYO_AREA = "legacy/joyo_5374_area_days.csv"
JOYO_TARGET = "legacy/joyo_5374_target.csv"
KOMAE_AED = "standard/komae_132195_aed.csv"
MEGURO_CARE = "transcribed/meguro_131105_community_based_long_term_care_service_offices.csv"
YAIZU_AED = "standard/yaizu_222127_aed.csv"
YAIZU_EVACUATION = "standard/yaizu_222127_evacuation_space.csv"
YAIZU_HYDRANT = "standard/yaizu_222127_fire_hydrant.csv"
YAIZU_PARK = "legacy/yaizu_222127_park_info.csv"
YAIZU_PRESCHOOL = "standard/yaizu_222127_preschool.csv"
YAIZU_TOURISM = "standard/yaizu_222127_tourism.csv"
YAIZU_WIFI = "standard/yaizu_222127_public_wireless_lan.csv"
YAIZU_YOHAIRYOSYA = "legacy/yaizu_yohairyosya.csv"

NO_CONTEXT = TransformContext()
TAKAMATSU = TransformContext(
    publisher_code="372013",
    prefecture="香川県",
    filename="takamatsu_0063_cultural_property.csv",
)


@cache
def _rows(name: str) -> dict[int, dict[str, str]]:
    """Records of a real file by physical line, keyed by header (open_table handles encodings)."""
    with open_table(REAL / name) as table:
        return {r.line: dict(zip(table.header, r.cells, strict=False)) for r in table.records()}


def cell(name: str, line: int, header: str) -> str:
    return _rows(name)[line][header]


def column(name: str, header: str) -> list[str]:
    return [row[header] for row in _rows(name).values()]


def run(spec: str | dict[str, Any], value: str, ctx: TransformContext = NO_CONTEXT) -> str:
    transform, arg = resolve(spec)
    return transform.apply(value, arg, ctx)


def fails(spec: str | dict[str, Any], value: str, ctx: TransformContext = NO_CONTEXT) -> str:
    """The TransformError message for ``value``."""
    with pytest.raises(TransformError) as info:
        run(spec, value, ctx)
    return str(info.value)


# --- text ----------------------------------------------------------------------


def test_nfkc_real() -> None:
    assert run("nfkc", cell(TAKAMATSU_GARBAGE, 10, "name")) == "ICレコーダー"
    assert run("nfkc", cell(KOMAE_AED, 2, "名称_カナ")) == "コマエシヤクショ"


def test_trim_real() -> None:
    assert cell(YAIZU_PARK, 2, "面積（㎡）") == "32,500 "
    assert run("trim", "32,500 ") == "32,500"
    # 高松市's AED addresses end in an ideographic space.
    assert cell(TAKAMATSU_AED, 69, "address") == "高松市太田上町1045－2\u3000"
    assert run("trim", cell(TAKAMATSU_AED, 69, "address")) == "高松市太田上町1045－2"
    assert run("trim", "\u00a034.399833\u00a0") == "34.399833"


def test_fold_spaces_real() -> None:
    value = cell(TAKAMATSU_AED, 10, "installationPosition")
    assert value == "セントラルクリニック\u3000２階  セントラルクリニック\u3000４階"
    assert (
        run("fold_spaces", value) == "セントラルクリニック\u3000２階 セントラルクリニック\u3000４階"
    )


def test_half_width_real() -> None:
    assert run("half_width", cell(KOMAE_AED, 2, "住所")) == "狛江市和泉本町1丁目1番5号"
    # U+2212 between digits is a hyphen.
    assert cell(TAKAMATSU_SANDBAG, 2, "住所") == "高松市香西本町７６２−２"
    assert run("half_width", "高松市香西本町７６２−２") == "高松市香西本町762-2"
    # Kana stay as written.
    address = cell(TAKAMATSU_CHILDCARE, 12, "address")
    assert run("half_width", address) == "761-0071 高松市藤塚町二丁目12-13第2八十川ﾋﾞﾙ1F"
    assert run("half_width", cell(TAKAMATSU_AED, 69, "address")) == "高松市太田上町1045-2 "


def test_digits_half_width_real() -> None:
    assert run("digits_half_width", cell(YAIZU_AED, 2, "設置位置")) == "2階正面入口"
    # Only digits: the full-width hyphen stays.
    assert run("digits_half_width", "高松市太田上町１０４５－２") == "高松市太田上町1045－2"


def test_kana_full_width_real() -> None:
    kana = column(KOMAE_AED, "名称_カナ")
    assert "ｺﾏｴｼﾘﾂｺﾏｴﾀﾞｲｲﾁｼｮｳｶﾞｯｺｳ" in kana
    assert (
        run("kana_full_width", "ｺﾏｴｼﾘﾂｺﾏｴﾀﾞｲｲﾁｼｮｳｶﾞｯｺｳ") == "コマエシリツコマエダイイチショウガッコウ"
    )
    for value in kana:
        result = run("kana_full_width", value)
        assert not any("\uff61" <= c <= "\uff9f" for c in result), value
    assert cell(TAKAMATSU_AED, 375, "installationPosition") == "2Fスタッフステｰション内"
    assert run("kana_full_width", "2Fスタッフステｰション内") == "2Fスタッフステーション内"


def test_hiragana_to_katakana_real() -> None:
    assert run("hiragana_to_katakana", cell(JOYO_TARGET, 93, "name")) == "オシャブリ"
    assert run("hiragana_to_katakana", "こたつふとん") == "コタツフトン"
    assert run("hiragana_to_katakana", "ｺﾏｴ") == "ｺﾏｴ"


def test_katakana_real() -> None:
    name = cell(YAIZU_YOHAIRYOSYA, 74, "要配慮者利用施設名称")
    assert run("katakana", name) == "CRECHE TIA SUZI（クレシ チア スージィ）"
    assert run("katakana", cell(JOYO_TARGET, 250, "name")) == "コタツフトン"
    assert run("katakana", cell(YAIZU_EVACUATION, 2, "名称_カナ")) == "ナカミナトタワー"
    assert "kanji" in fails("katakana", cell(YAIZU_EVACUATION, 2, "名称"))


def test_lower_upper_real() -> None:
    assert cell(YAIZU_WIFI, 2, "SSID") == "DoSPOT-FREE"
    assert run("lower", "DoSPOT-FREE") == "dospot-free"
    assert run("upper", "DoSPOT-FREE") == "DOSPOT-FREE"


# --- dates ---------------------------------------------------------------------

CHILDCARE_OPENED = {
    10: "1972-04-01",  # S47.4.1
    11: "2007-04-01",  # H19.4.1
    12: "2000-10-15",  # H12.10.15
    24: "2018-04-01",  # H30.4.1
    25: "2019-04-01",  # H31.4.1, the last month of 平成
    27: "1974-09-02",  # S49.9.2
    28: "1965-04-01",  # S40.4.1
    30: "1990-12-01",  # H2.12.1
}


@pytest.mark.parametrize(("line", "expected"), sorted(CHILDCARE_OPENED.items()))
def test_wareki_to_iso_real(line: int, expected: str) -> None:
    assert run("wareki_to_iso", cell(TAKAMATSU_CHILDCARE, line, "fiscalYearStartDay")) == expected


def test_wareki_to_iso_whole_column() -> None:
    values = column(TAKAMATSU_CHILDCARE, "fiscalYearStartDay")
    converted = [v for v in values if v[0] in "SH"]
    assert len(converted) == len(values) - 1
    for value in converted:
        assert run("wareki_to_iso", value)[:2] in ("19", "20")
    # The last row switched to the US form.
    assert cell(TAKAMATSU_CHILDCARE, 45, "fiscalYearStartDay") == "3/25/2021"
    assert "use the date transform" in fails("wareki_to_iso", "3/25/2021")


def test_wareki_to_iso_kanji_and_passthrough() -> None:
    assert cell(MEGURO_CARE, 2, "確認日") == "令和3年6月1日"
    assert run("wareki_to_iso", "令和3年6月1日") == "2021-06-01"
    assert run("wareki_to_iso", "1972-04-01") == "1972-04-01"
    assert "not a 和暦 date" in fails("wareki_to_iso", "予約制")


def test_date_real() -> None:
    assert run("date", cell(TAKAMATSU_HOSPITAL, 2, "openingDate")) == "1947-04-01"
    assert run("date", "1907/6/30") == "1907-06-30"
    assert run("date", cell(TAKAMATSU_CULTURAL, 10, "culturalPropertyDate")) == "1904-08-29"
    assert run("date", "S47.4.1") == "1972-04-01"
    # Several dates in one cell are not one date.
    assert "not a date" in fails("date", "1985-4-13、2013-9-26、2020-10-9")


def test_date_us_order_real() -> None:
    assert cell(TAKAMATSU_MEMBERS, 10, "applicationDate") == "10/19/2017"
    message = fails("date", "10/19/2017")
    assert "us_order" in message
    assert run({"date": {"us_order": True}}, "10/19/2017") == "2017-10-19"
    assert run({"date": {"us_order": True}}, cell(TAKAMATSU_POPULATION, 10, "surveyDate")) == (
        "2023-03-01"
    )
    assert run({"date": {"us_order": False}}, "2023/3/1") == "2023-03-01"


def test_fiscal_year_real() -> None:
    assert set(column(TAKAMATSU_TAX, "year")) == {"令和2年度"}
    assert run("fiscal_year", "令和2年度") == "2020"
    assert run("fiscal_year", "2020") == "2020"
    assert "年度" in fails("fiscal_year", "令和2年")


# --- times ---------------------------------------------------------------------


def test_time_real() -> None:
    assert run("time", cell(KOMAE_AED, 2, "開始時間")) == "08:30"
    for value in column(TAKAMATSU_AED, "startTime") + column(TAKAMATSU_AED, "endTime"):
        assert run("time", value) == value
    assert run("time", "7：30") == "07:30"
    assert run("time", "9時30分") == "09:30"


def test_time_24_real() -> None:
    assert cell(TAKAMATSU_TOILET, 2, "endTime") == "24:00"
    message = fails("time", "24:00")
    assert "allow_24" in message
    assert run({"time": {"allow_24": True}}, "24:00") == "24:00"
    assert run({"time": {"allow_24": True}}, "２４：００") == "24:00"
    assert run({"time": {"allow_24": True}}, "23:59") == "23:59"
    assert "not a time of day" in fails({"time": {"allow_24": True}}, "24:30")


def test_time_from_free_text_chain() -> None:
    # 焼津市 preschools write the Wednesday closing time inside a sentence.
    note = cell(YAIZU_PRESCHOOL, 2, "利用可能日時特記事項")
    assert note == "水曜日は午後2時まで利用可能"
    chain = [
        resolve({"regex_extract": {"pattern": "(午[前後][0-9]+時(?:[0-9]+分)?)"}}),
        resolve("time"),
    ]
    assert apply_chain(note, chain, NO_CONTEXT)[0] == "14:00"


# Every weekday cell of 高松市's 認可外保育施設 list: line → (start, end); None is an error.
CHILDCARE_HOURS: dict[int, tuple[str | None, str | None]] = {
    10: ("07:30", "18:30"),  # 7：30～18：30
    11: ("09:00", "18:00"),  # 9：00～18：00（8：00～9：00,18：00～23：00）
    12: ("00:00", None),  # 0：00～24：00（24時間）
    13: ("16:00", "01:00"),  # 16：00～1：00（1：00～2：00）, overnight
    16: ("09:00", None),  # 9：00～25：00
    18: (None, None),  # ー
    27: ("07:30", "19:30"),  # 7：30～19：30（月水19：30～7：30,火木金19：30～20：30）
    30: (None, None),  # 月火木金 8：00～18：00 / 第１・３・５水 … on three lines
    42: ("08:15", "18:00"),  # 8：15～18：00
}


@pytest.mark.parametrize(("line", "expected"), sorted(CHILDCARE_HOURS.items()))
def test_time_range_real(line: int, expected: tuple[str | None, str | None]) -> None:
    value = cell(TAKAMATSU_CHILDCARE, line, "startTimeWeekDays")
    for spec, want in zip(("time_range_start", "time_range_end"), expected, strict=True):
        if want is None:
            with pytest.raises(TransformError):
                run(spec, value)
        else:
            assert run(spec, value) == want


def test_time_range_messages_real() -> None:
    assert "allow_24" in fails("time_range_end", cell(TAKAMATSU_CHILDCARE, 12, "startTimeSaturday"))
    assert run({"time_range_end": {"allow_24": True}}, "0：00～24：00（24時間）") == "24:00"
    assert "'25:00'" in fails("time_range_end", "9：00～25：00")
    assert "no time range" in fails(
        "time_range_start", cell(TAKAMATSU_CHILDCARE, 10, "startTimeSaturday")
    )
    # 祝 and 日 on two lines: not a plain range.
    sundays = cell(TAKAMATSU_CHILDCARE, 21, "startTimeSundays")
    assert sundays.startswith("祝：8：30～17：30")
    message = fails("time_range_start", sundays)
    assert "\n" not in message and "\\r\\n" in message


def test_time_range_tourism_real() -> None:
    assert run("time_range_start", cell(YAIZU_TOURISM, 22, "利用可能日時特記事項")) == "09:00"
    assert run("time_range_end", "9：00～15：00") == "15:00"
    assert run("time_range_end", cell(YAIZU_TOURISM, 26, "利用可能日時特記事項")) == "14:30"
    # Two ranges (lunch and dinner) are not one opening time.
    two = cell(YAIZU_TOURISM, 9, "利用可能日時特記事項")
    assert two == "11 :00～14:00/17:00～22:00"
    assert "only notes in parentheses" in fails("time_range_start", two)


def test_time_range_other_forms() -> None:
    assert run("time_range_start", "9:00-17:00") == "09:00"
    assert run("time_range_end", "9時～17時30分") == "17:30"
    assert run("time_range_end", "午前9時から午後5時") == "17:00"
    assert run("time_range_start", "07:30") == "07:30"


def test_time_range_after_blank_if_real() -> None:
    chain = [resolve({"blank_if": {"values": ["ー", "休"]}}), resolve("time_range_start")]
    starts = [
        apply_chain(v, chain, NO_CONTEXT)[0]
        for v in column(TAKAMATSU_CHILDCARE, "startTimeSaturday")
        if "\n" not in v and "25" not in v
    ]
    assert starts.count("") == 16  # 12 × 休, 4 × ー
    assert all(len(s) == 5 for s in starts if s)


# --- contact -------------------------------------------------------------------


def test_phone_real() -> None:
    assert run("phone", cell(YAIZU_AED, 2, "電話番号")) == "(054)626-1139"
    assert run("phone", cell(KOMAE_AED, 2, "電話番号")) == "03-3430-1111"
    two = cell(TAKAMATSU_CHILDCARE, 17, "telephoneNumber")
    assert two == "087-865-3111, 080-2972-4406"
    assert "not one phone number" in fails("phone", two)
    # No area code.
    assert "845-4111" in column(TAKAMATSU_AED, "telephoneNumber")
    fails("phone", "845-4111")


def test_postal_code_real() -> None:
    codes = column(YAIZU_YOHAIRYOSYA, "郵便番号")
    assert codes[0] == "425-0091"
    for value in codes:
        assert run("postal_code", value) == value.replace("-", "")
    assert run("postal_code", "〒425-0022") == "4250022"
    assert "postal code" in fails("postal_code", "425-002")


def test_extract_and_strip_postal_code_real() -> None:
    addresses = column(TAKAMATSU_CHILDCARE, "address")
    assert len(addresses) == 33
    for address in addresses:
        assert run("extract_postal_code", address) == address[:8].replace("-", "")
        assert run("strip_postal_code", address) == address[9:]
    line24 = cell(TAKAMATSU_CHILDCARE, 24, "address")
    assert run("extract_postal_code", line24) == "7600017"
    assert run("strip_postal_code", line24) == "高松市番町2-4-2７\u3000番町スクエア２F"


def test_postal_code_absent_real() -> None:
    address = cell(TAKAMATSU_AED, 10, "address")
    assert "no postal code" in fails("extract_postal_code", address)
    assert run("strip_postal_code", address) == address
    assert run("extract_postal_code", "〒７６０－００５２\u3000高松市") == "7600052"
    assert run("strip_postal_code", "〒７６０－００５２\u3000高松市") == "高松市"
    assert run("extract_postal_code", "7600052") == "7600052"


# --- codes ---------------------------------------------------------------------


@pytest.mark.parametrize("name", [TAKAMATSU_CULTURAL, TAKAMATSU_POPULATION, TAKAMATSU_TOILET])
def test_local_gov_code_five_digits_real(name: str) -> None:
    assert set(column(name, "prefCode")) == {"37201"}
    assert run("local_gov_code", "37201", TAKAMATSU) == "372013"
    assert run("local_gov_code", "37201") == "372013"


def test_local_gov_code_valid_and_full_width_real() -> None:
    assert run("local_gov_code", cell(YAIZU_EVACUATION, 2, "市区町村コード")) == "222127"
    assert run("local_gov_code", cell(TAKAMATSU_HOSPITAL, 2, "prefCode")) == "372013"
    assert run("local_gov_code", "３７２０１３") == "372013"


def test_local_gov_code_ambiguous_and_unknown() -> None:
    # 11100 is 札幌市 (011100) with its zero dropped or さいたま市 (11100 + check digit).
    message = fails("local_gov_code", "11100")
    assert "ambiguous" in message and "011100" in message and "111007" in message
    assert run("local_gov_code", "11100", TransformContext(prefecture="北海道")) == "011100"
    spec = {"local_gov_code": {"name_column": "city"}}
    assert run(spec, "11100", TransformContext(row={"city": "さいたま市"})) == "111007"
    assert "372013 exists" in fails("local_gov_code", "372014")
    assert "unknown" in fails("local_gov_code", "99999")


def test_code_from_name_real() -> None:
    assert run("code_from_name", cell(YAIZU_EVACUATION, 2, "市区町村名")) == "222127"
    assert run("code_from_name", cell(YAIZU_HYDRANT, 2, "地方公共団体名")) == "222127"
    assert run("code_from_name", cell(TAKAMATSU_CULTURAL, 10, "city")) == "372013"
    assert run("code_from_name", cell(MEGURO_CARE, 2, "市区町村名")) == "131105"
    assert run("code_from_name", "222127") == "222127"


def test_code_from_name_ambiguous() -> None:
    message = fails("code_from_name", "府中市")
    assert "2 local governments" in message and "132063" in message
    assert run("code_from_name", "府中市", TransformContext(prefecture="東京都")) == "132063"
    row = _rows(TAKAMATSU_CULTURAL)[10]
    spec = {"code_from_name": {"prefecture_column": "pref"}}
    assert run(spec, "高松市", TransformContext(row=row)) == "372013"
    assert run(spec, "府中市", TransformContext(row={"pref": "広島県"})) == "342084"
    assert "no local government named" in fails("code_from_name", "高松町")


# --- coordinates ---------------------------------------------------------------


def test_lat_lon_real() -> None:
    location = cell(TAKAMATSU_AED, 10, "location")
    assert location == "34.34092056,134.04522972"
    assert run({"lat_lon": "latitude"}, location) == "34.34092056"
    assert run({"lat_lon": "longitude"}, location) == "134.04522972"
    # 91 of the AED cells have a space after the comma, one a trailing space.
    assert cell(TAKAMATSU_AED, 213, "location") == "34.282855, 134.040625"
    assert run({"lat_lon": "longitude"}, "34.282855, 134.040625") == "134.040625"
    assert cell(TAKAMATSU_AED, 500, "location") == "34.212023,134.016963 "
    assert run({"lat_lon": "longitude"}, "34.212023,134.016963 ") == "134.016963"


@pytest.mark.parametrize(
    "name", [TAKAMATSU_AED, TAKAMATSU_EVACUATION, TAKAMATSU_POPULATION, TAKAMATSU_CHILDCARE]
)
def test_lat_lon_whole_columns_real(name: str) -> None:
    for value in column(name, "location"):
        lat = run({"lat_lon": "latitude"}, value)
        lon = run({"lat_lon": "longitude"}, value)
        if value == ",":
            assert lat == lon == ""
        else:
            assert f"{lat},{lon}" == value.replace(" ", "")
            assert in_japan(float(lat), float(lon))


def test_lat_lon_empty_pair_real() -> None:
    locations = column(TAKAMATSU_CULTURAL, "location")
    assert locations.count(",") == 127
    assert run({"lat_lon": "latitude"}, ",") == ""
    assert "not a 'latitude,longitude' pair" in fails(
        {"lat_lon": "latitude"}, cell(TAKAMATSU_CULTURAL, 10, "address")
    )


def test_fix_swapped_coordinates() -> None:
    row = _rows(TAKAMATSU_TOILET)[2]
    lat, lon = row["latitude"], row["longitude"]
    assert (lat, lon) == ("34.34551", "134.05267")
    take_lat = {"fix_swapped_coordinates": {"take": "latitude", "other": "longitude"}}
    take_lon = {"fix_swapped_coordinates": {"take": "longitude", "other": "latitude"}}
    # Correct pair: unchanged.
    assert run(take_lat, lat, TransformContext(row=row)) == lat
    assert run(take_lon, lon, TransformContext(row=row)) == lon
    # The same place with the columns swapped.
    swapped = {**row, "latitude": lon, "longitude": lat}
    assert run(take_lat, lon, TransformContext(row=swapped)) == lat
    assert run(take_lon, lat, TransformContext(row=swapped)) == lon
    # Nothing to compare with.
    assert run(take_lat, lon, TransformContext(row={"longitude": ""})) == lon
    assert "no column 'longitude'" in fails(take_lat, lon, TransformContext(row={}))
    assert referenced_columns([resolve(take_lat), resolve("trim")]) == ("longitude",)


# --- flags and lists -----------------------------------------------------------


def test_yes_no_real() -> None:
    for value in column(TAKAMATSU_AED, "equipmentForChildren"):
        assert run("yes_no", value) == value
    assert run("yes_no", cell(YAIZU_TOURISM, 139, "駐車場情報")) == "有"
    assert run("yes_no", cell(YAIZU_TOURISM, 13, "駐車場情報")) == "無"
    assert run("yes_no", "○") == "有"
    assert run("yes_no", "×") == "無"
    assert "conditional" in fails("yes_no", "△")


def test_flag_1_real() -> None:
    values = column(YAIZU_EVACUATION, "災害種別_地震")
    assert set(values) == {"○", ""}
    assert [run("flag_1", v) for v in values] == ["1" if v else "" for v in values]
    fire = column(TAKAMATSU_EVACUATION, "fire")
    assert set(fire) == {"○", "×", "-", "－"}
    assert {v: run("flag_1", v) for v in fire} == {"○": "1", "×": "", "-": "", "－": ""}
    assert run("flag_1", "1") == "1"
    assert run("flag_1", "有") == "1"


def test_flag_1_refuses_conditional_real() -> None:
    # 高松市's hazard table: △ is "conditional", neither yes nor no.
    assert cell(TAKAMATSU_EVACUATION, 10, "flood_L2") == "△"
    message = fails("flag_1", "△")
    assert "conditional" in message and "guess" in message
    assert set(column(YAIZU_YOHAIRYOSYA, "避難確保計画対象")) == {"○", "対象外"}
    assert run("flag_1", cell(YAIZU_YOHAIRYOSYA, 2, "避難確保計画対象")) == "1"
    assert "is not a flag" in fails("flag_1", "対象外")


def test_weekdays_real() -> None:
    for value in column(TAKAMATSU_AED, "availableDate"):
        assert run("weekdays", value) == value
    assert cell(JOYO_AREA, 2, "燃やすごみ") == "火 金"
    assert run("weekdays", "火 金") == "火金"
    assert run("weekdays", "月～金") == "月火水木金"
    assert "list of days" in fails("weekdays", "全日・全時間帯使用可")
    assert "全日・全時間帯使用可" in column(KOMAE_AED, "利用可能曜日")


# --- numbers -------------------------------------------------------------------


def test_number_real() -> None:
    areas = column(YAIZU_PARK, "面積（㎡）")
    assert areas[0] == "32,500 "
    assert run("number", "32,500 ") == "32500"
    for value in areas:
        assert run("number", value) == value.strip().replace(",", "")
    assert run("number", cell(TAKAMATSU_EVACUATION, 10, "elevation")) == "1.7"
    assert "not a number" in fails("number", "40人")


def test_integer_real() -> None:
    assert run("integer", "32,500 ") == "32500"
    assert run("integer", cell(TAKAMATSU_CHILDCARE, 10, "capacity")) == "105"
    assert run("integer", "12.0") == "12"
    assert "whole number" in fails("integer", cell(TAKAMATSU_EVACUATION, 10, "elevation"))
    assert "not a number" in fails("integer", cell(TAKAMATSU_CHILDCARE, 18, "capacity"))


# --- generic -------------------------------------------------------------------


def test_regex_replace_real() -> None:
    assert cell(YAIZU_TOURISM, 2, "最大収容人数") == "40人"
    assert run({"regex_replace": {"pattern": "人$", "replace": ""}}, "40人") == "40"
    photos = cell(YAIZU_PARK, 2, "焼津市OpenPhoto写真")
    all_ = run({"regex_replace": {"pattern": "、", "replace": ";"}}, photos)
    assert all_.startswith("5724;5723;") and "、" not in all_
    once = run({"regex_replace": {"pattern": "、", "replace": ";", "count": 1}}, photos)
    assert once.startswith("5724;5723、")
    spec = {"regex_replace": {"pattern": r"^(\d+)人", "replace": r"\1"}}
    assert run(spec, cell(YAIZU_TOURISM, 25, "最大収容人数")) == "15\u3000完全予約制"
    # An empty YAML value (`replace:`) means ''.
    assert run({"regex_replace": {"pattern": "人", "replace": None}}, "40人") == "40"


def test_regex_extract_real() -> None:
    spec = {"regex_extract": {"pattern": "^([0-9]+)人"}}
    assert run(spec, cell(YAIZU_TOURISM, 25, "最大収容人数")) == "15"
    assert run(spec, cell(YAIZU_TOURISM, 27, "最大収容人数")) == "200"
    floors = cell(YAIZU_TOURISM, 16, "最大収容人数")
    # A value the pattern does not match stays as it is by default (on_no_match: keep).
    assert run(spec, floors) == floors
    keep = {"regex_extract": {"pattern": "^([0-9]+)人", "on_no_match": "keep"}}
    assert run(keep, floors) == floors
    blank = {"regex_extract": {"pattern": "^([0-9]+)人", "on_no_match": "blank"}}
    assert run(blank, floors) == ""
    assert run(blank, cell(YAIZU_TOURISM, 27, "最大収容人数")) == "200"
    reject = {"regex_extract": {"pattern": "^([0-9]+)人", "on_no_match": "reject"}}
    assert "does not match '^([0-9]+)人'" in fails(reject, floors)
    assert run(reject, cell(YAIZU_TOURISM, 25, "最大収容人数")) == "15"
    named = {"regex_extract": {"pattern": "(?P<n>[0-9]+)人", "group": "n"}}
    assert run(named, run("nfkc", floors)) == "24"
    assert run({"regex_extract": {"pattern": "[0-9]+"}}, "40人") == "40"


def test_split_real() -> None:
    photos = cell(YAIZU_PARK, 2, "焼津市OpenPhoto写真")
    assert run({"split": {"sep": "、", "index": 0}}, photos) == "5724"
    assert run({"split": {"sep": "、", "index": -1}}, photos) == "5712"
    assert "index 13 is out of range" in fails({"split": {"sep": "、", "index": 13}}, photos)
    phones = cell(TAKAMATSU_CHILDCARE, 17, "telephoneNumber")
    chain = [resolve({"split": {"sep": ",", "index": 1}}), resolve("phone")]
    assert apply_chain(phones, chain, NO_CONTEXT)[0] == "080-2972-4406"
    assert run({"split": {"sep": ",", "index": 0}}, "087-831-5011") == "087-831-5011"


def test_replace_real() -> None:
    value = cell(TAKAMATSU_AED, 375, "installationPosition")
    assert run({"replace": {"from": "ｰ", "to": "ー"}}, value) == "2Fスタッフステーション内"
    assert run({"replace": {"from": "人", "to": None}}, "40人") == "40"


def test_prefix_suffix_real() -> None:
    spec = {"prefix": {"text": "静岡県"}}
    assert run(spec, cell(YAIZU_EVACUATION, 2, "住所")) == "静岡県焼津市中港5-463"
    already = cell(YAIZU_AED, 2, "住所")
    assert already == "静岡県焼津市本町2-16-32"
    assert run(spec, already) == already
    assert run({"suffix": {"text": "人"}}, cell(TAKAMATSU_CHILDCARE, 10, "capacity")) == "105人"
    assert run({"suffix": {"text": "人"}}, "105人") == "105人"
    assert run(spec, "") == ""


def test_blank_if_real() -> None:
    spec = {"blank_if": {"values": ["なし", "-", "ー"]}}
    assert run(spec, cell(TAKAMATSU_TOILET, 2, "availableDateNote")) == ""
    assert run(spec, cell(MEGURO_CARE, 2, "定員(人）")) == ""
    assert run(spec, cell(TAKAMATSU_CHILDCARE, 18, "capacity")) == ""
    assert run(spec, cell(TAKAMATSU_EVACUATION, 10, "telephoneNumber")) == "087-839-2611"
    assert run(spec, " なし\u3000") == ""
    # Exact values only: the full-width hyphen is another value.
    assert run(spec, "－") == "－"


# --- resolve -------------------------------------------------------------------


def test_resolve_bare_and_argument_forms() -> None:
    transform, arg = resolve("nfkc")
    assert transform is TRANSFORMS["nfkc"] and arg is None
    # YAML `- nfkc:` is {nfkc: None}.
    assert resolve({"nfkc": None}) == (TRANSFORMS["nfkc"], None)
    assert resolve({"lat_lon": "longitude"})[1] == "longitude"
    assert resolve("date")[1] is False
    assert resolve({"date": {"us_order": True}})[1] is True


def one_line(error: Exception) -> str:
    message = str(error)
    assert "\n" not in message
    assert message == error.args[0]
    return message


def test_unknown_transform_suggests() -> None:
    with pytest.raises(UnknownTransformError) as info:
        resolve("wareki_iso")
    assert isinstance(info.value, KeyError)
    assert one_line(info.value) == "unknown transform 'wareki_iso'; did you mean 'wareki_to_iso'?"
    assert info.value.suggestion == "wareki_to_iso"
    with pytest.raises(UnknownTransformError) as info:
        resolve({"halfwidth": None})
    assert "did you mean 'half_width'?" in str(info.value)
    with pytest.raises(UnknownTransformError) as info:
        resolve("zzzz")
    assert str(info.value) == "unknown transform 'zzzz'"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("split", "transform 'split' needs an argument, e.g. {split: {sep: \"、\", index: 0}}"),
        ({"lat_lon": None}, "needs an argument, e.g. {lat_lon: latitude}"),
        ({"nfkc": {"form": "NFC"}}, "transform 'nfkc' takes no argument; write just nfkc"),
        ({"split": {"sep": "、"}}, "transform 'split': missing key 'index'"),
        ({"split": {"sep": "、", "index": "0"}}, "'index' must be an integer, got '0'"),
        ({"split": {"sep": "、", "index": True}}, "'index' must be an integer, got True"),
        ({"split": {"sep": "", "index": 0}}, "'sep' must be non-empty text"),
        ({"split": {"sepp": "、", "index": 0}}, "unknown key 'sepp' (did you mean 'sep'?)"),
        ({"split": "、"}, "the argument must be a mapping with sep, index"),
        ({"lat_lon": "lat"}, "must be latitude or longitude, got 'lat'"),
        ({"date": {"us_order": "yes"}}, "'us_order' must be true or false"),
        ({"blank_if": {"values": [False, "-"]}}, "got False (quote it in YAML)"),
        ({"blank_if": {"values": "なし"}}, "'values' must be a list of texts"),
        ({"prefix": {"text": 0}}, "'text' must be non-empty text, got 0 (quote it in YAML)"),
        ({"regex_replace": {"pattern": "(", "replace": ""}}, "invalid regular expression '('"),
        ({"regex_replace": {"pattern": "(a)", "replace": r"\2"}}, "invalid group reference 2"),
        ({"regex_replace": {"pattern": "a", "replace": r"\g<x>"}}, "unknown group name 'x'"),
        ({"regex_replace": {"pattern": "a", "replace": "", "count": -1}}, "'count' must be"),
        ({"regex_extract": {"pattern": "[0-9"}}, "invalid regular expression"),
        ({"regex_extract": {"pattern": "a", "group": 2}}, "group 2 does not exist"),
        ({"regex_extract": {"pattern": "(a)", "group": "n"}}, "no group named 'n'"),
        (
            {"regex_extract": {"pattern": "a", "on_no_match": "drop"}},
            "'on_no_match' must be keep, blank or reject, got 'drop'",
        ),
        (
            {"fix_swapped_coordinates": {"take": "lat", "other": "経度"}},
            "'take' must be latitude or longitude",
        ),
        ({"a": 1, "b": 2}, "a transform is a name or a one-key mapping"),
        ({1: None}, "a transform is a name or a one-key mapping"),
        (["nfkc"], "a transform is a name or a one-key mapping"),
    ],
)
def test_bad_arguments(spec: Any, expected: str) -> None:
    with pytest.raises(BadArgumentError) as info:
        resolve(spec)
    assert isinstance(info.value, ValueError)
    assert expected in one_line(info.value)


def test_regex_compiled_once_at_resolve() -> None:
    _transform, arg = resolve({"regex_replace": {"pattern": "人$", "replace": ""}})
    assert arg.regex.pattern == "人$"
    assert resolve({"regex_replace": {"pattern": "(?x) 人 # persons", "replace": ""}})


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_registry_entries(name: str) -> None:
    transform = TRANSFORMS[name]
    assert transform.name == name
    assert transform.description_ja and transform.description_en
    assert transform.takes_argument in (True, False, "optional")
    if transform.takes_argument is False:
        assert transform.argument_example == name
    else:
        # The example in messages is valid YAML and a valid spec.
        spec = yaml.safe_load(transform.argument_example)
        assert resolve(spec)[0] is transform


def _example(transform: Transform) -> tuple[Transform, Any]:
    if transform.takes_argument is False:
        return resolve(transform.name)
    return resolve(yaml.safe_load(transform.argument_example))


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
@pytest.mark.parametrize("blank", ["", " ", "\u3000\u3000", "\u00a0"])
def test_blank_never_raises(name: str, blank: str) -> None:
    transform, arg = _example(TRANSFORMS[name])
    ctx = TransformContext(row={"city": "", "pref": "", "経度": ""})
    result = transform.apply(blank, arg, ctx)
    if blank == "":
        assert result == ""
    else:
        assert not result.strip(" \u3000\u00a0")


# --- apply_chain ---------------------------------------------------------------


def test_apply_chain_records_changed_steps_real() -> None:
    address = cell(TAKAMATSU_CHILDCARE, 12, "address")
    chain = [resolve(s) for s in ("strip_postal_code", "trim", "half_width", "kana_full_width")]
    value, steps = apply_chain(address, chain, NO_CONTEXT)
    assert value == "高松市藤塚町二丁目12-13第2八十川ビル1F"
    assert steps == [
        ("strip_postal_code", address, "高松市藤塚町二丁目12-１3第2八十川ﾋﾞﾙ1F"),
        (
            "half_width",
            "高松市藤塚町二丁目12-１3第2八十川ﾋﾞﾙ1F",
            "高松市藤塚町二丁目12-13第2八十川ﾋﾞﾙ1F",
        ),
        ("kana_full_width", "高松市藤塚町二丁目12-13第2八十川ﾋﾞﾙ1F", value),
    ]
    assert apply_chain(value, chain, NO_CONTEXT) == (value, [])
    assert apply_chain("x", [], NO_CONTEXT) == ("x", [])


def test_apply_chain_error_carries_step_real() -> None:
    capacity = cell(TAKAMATSU_CHILDCARE, 10, "capacity")
    chain = [resolve("trim"), resolve({"suffix": {"text": "名"}}), resolve("integer")]
    with pytest.raises(TransformError) as info:
        apply_chain(capacity, chain, NO_CONTEXT)
    error = info.value
    assert error.transform == "integer"
    assert error.value == "105名"
    assert error.steps == (("suffix", "105", "105名"),)
    assert str(error) == "integer: '105名' is not a number"


def test_apply_chain_capacity_column_real() -> None:
    chain = [resolve({"blank_if": {"values": ["ー"]}}), resolve("integer")]
    results = [
        apply_chain(v, chain, NO_CONTEXT)[0] for v in column(TAKAMATSU_CHILDCARE, "capacity")
    ]
    assert results.count("") == 4
    assert all(r.isdigit() for r in results if r)


# --- idempotence ---------------------------------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("ｱｶﾞﾊﾟｳﾞｰ･ﾞﾟあゔゝアー０９ＡＺ　 \t\n−ー－～：（）〒,"),
    )
)
DATE_LIKE = st.from_regex(
    r"([0-9０-９]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2}|[RHSTM][0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}"
    r"|(令和|平成|昭和)[0-9元]{1,2}年[0-9]{1,2}月[0-9]{1,2}日|(令和|平成)[0-9元]{1,2}年度)",
    fullmatch=True,
)
TIME_LIKE = st.from_regex(
    r"(午前|午後)?[0-9０-９]{1,2}([:：][0-9０-９]{2}|時([0-9]{1,2}分|半)?)"
    r"([～~〜-][0-9]{1,2}[:：][0-9]{2}(（[0-9]{1,2}：[0-9]{2}～[0-9]{1,2}：[0-9]{2}）)?)?",
    fullmatch=True,
)
OTHER_LIKE = st.from_regex(
    r"(〒?[0-9０-９]{3}[-－][0-9]{4} ?高松市|[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)? ?"
    r"|[○×△有無１1\-]|[月火水木金土日]{1,3}|0[0-9]{1,4}-[0-9]{2,4}-[0-9]{4})",
    fullmatch=True,
)

TEXT_TRANSFORMS = [
    "nfkc",
    "trim",
    "fold_spaces",
    "half_width",
    "digits_half_width",
    "kana_full_width",
    "hiragana_to_katakana",
]
VALUE_TRANSFORMS = [
    "katakana",
    "wareki_to_iso",
    "date",
    "fiscal_year",
    "time",
    "time_range_start",
    "time_range_end",
    "postal_code",
    "extract_postal_code",
    "phone",
    "number",
    "integer",
    "yes_no",
    "flag_1",
    "weekdays",
    "excel_serial_date",
]


@pytest.mark.parametrize("name", TEXT_TRANSFORMS)
@given(text=TEXT)
def test_text_transforms_idempotent(name: str, text: str) -> None:
    transform = TRANSFORMS[name]
    once = transform.apply(text, None, NO_CONTEXT)
    assert transform.apply(once, None, NO_CONTEXT) == once


@pytest.mark.parametrize("name", VALUE_TRANSFORMS)
@given(text=st.one_of(TEXT, DATE_LIKE, TIME_LIKE, OTHER_LIKE))
def test_value_transforms_idempotent(name: str, text: str) -> None:
    transform, arg = resolve(name)
    try:
        once = transform.apply(text, arg, NO_CONTEXT)
    except TransformError:
        return
    assert transform.apply(once, arg, NO_CONTEXT) == once


@given(text=st.one_of(TIME_LIKE, st.just("24:00"), st.just("０：００～２４：００")))
def test_allow_24_idempotent(text: str) -> None:
    for spec in ({"time": {"allow_24": True}}, {"time_range_end": {"allow_24": True}}):
        transform, arg = resolve(spec)
        try:
            once = transform.apply(text, arg, NO_CONTEXT)
        except TransformError:
            continue
        assert transform.apply(once, arg, NO_CONTEXT) == once


# --- fixes of issue 12: Excel serial dates, padded 和暦, regex_extract on_no_match ----------


def test_excel_serial_date_transform() -> None:
    assert run("excel_serial_date", "45016") == "2023-03-31"
    assert run("excel_serial_date", " ４５０１６ ") == "2023-03-31"
    # Anything else passes, so the transform can go before date in one chain.
    chain = [resolve("excel_serial_date"), resolve("date")]
    for value, expected in (
        ("45016", "2023-03-31"),
        ("2023/3/31", "2023-03-31"),
        ("R5.3.31", "2023-03-31"),
    ):
        assert apply_chain(value, chain, NO_CONTEXT)[0] == expected
    assert run("excel_serial_date", "120") == "120"
    assert run("excel_serial_date", "18263") == "18263"  # 1949-12-31: out of range, not read
    # date alone refuses a serial and says which transform reads it.
    assert "put excel_serial_date before date" in fails("date", "45016")


def test_year_alone_is_not_a_date() -> None:
    for value in ("令和元年", "平成 13年", "H13年"):
        assert "a year without month and day" in fails("wareki_to_iso", value)
        assert "a year without month and day" in fails("date", value)
    assert run("fiscal_year", "令和元年度") == "2019"


def test_padded_wareki_transforms() -> None:
    for value in ("H13. 1.29", "平成 13年 1月29日", "H.13.1.29", "Ｈ１３．　１．２９"):
        assert run("wareki_to_iso", value) == "2001-01-29"
        assert run("date", value) == "2001-01-29"
    assert run("wareki_to_iso", "R1.5.1") == run("date", "令和元年5月1日") == "2019-05-01"


def test_fix_mode_logs_excel_serial_and_padded_wareki(tmp_path: Path) -> None:
    """A real 焼津市 preschool file with dates as Excel and old ledgers write them."""
    source = REAL / "standard" / "yaizu_222127_preschool.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    column = header.index("認可等年月日")
    dates = {1: "45016", 2: "H13. 1.29", 3: "18263"}
    for index, value in dates.items():
        cells = lines[index].split(",")
        assert cells[column] == ""
        cells[column] = value
        lines[index] = ",".join(cells)
    src = tmp_path / "222127_preschool.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    report = convert(src, dataset="childcare_facilities@v1", output=out, lang="en")
    assert report.mode == "fix" and report.counts.read == report.counts.written == 60
    with open(Path(report.changes), encoding="utf-8-sig", newline="") as f:
        logged = {
            (row["line"], row["before"]): (row["after"], row["transform"])
            for row in csv.DictReader(f)
            if row["column"] == "認可等年月日"
        }
    assert logged == {
        ("2", "45016"): ("2023-03-31", "excel_serial_date"),
        ("3", "H13. 1.29"): ("2001-01-29", "wareki_to_iso"),
    }
    # 18263 (1949-12-31) is not taken for a date: it stays, and validation reports it.
    problems = stdschema.validate(out, lang="en").files[0].problems
    assert [(p.line, p.value) for p in problems if p.header == "認可等年月日"] == [(4, "18263")]


@given(text=st.one_of(TEXT, st.from_regex("[0-9０-９]{1,3}人.{0,5}", fullmatch=True)))
def test_regex_extract_on_no_match_modes(text: str) -> None:
    """A match is taken alike in every mode; a miss is kept, blanked or refused as asked."""
    results: dict[str, str | None] = {}
    for mode in ("keep", "blank", "reject"):
        transform, arg = resolve({"regex_extract": {"pattern": "([0-9]+)人", "on_no_match": mode}})
        try:
            results[mode] = transform.apply(text, arg, NO_CONTEXT)
        except TransformError:
            results[mode] = None
    assert results["keep"] == transform.apply(
        text, resolve({"regex_extract": {"pattern": "([0-9]+)人"}})[1], NO_CONTEXT
    )
    match = re.search("([0-9]+)人", text)
    if not text.strip(SPACES):  # a blank cell stays blank in every mode
        assert results == {"keep": "", "blank": "", "reject": ""}
    elif match:
        assert results == dict.fromkeys(results, match.group(1))
    else:
        assert results == {"keep": text, "blank": "", "reject": None}

"""Value types: check digits, formats and the error types reports rely on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from stdschema.checkdigits import (
    corporate_number_check_digit,
    is_valid_corporate_number,
    local_gov_check_digit,
)
from stdschema.types import (
    ERROR_TYPES,
    RULES,
    ChomeId,
    CorporateNumber,
    Email,
    Flag1,
    HalfWidthText,
    HttpUrl,
    IsoDate,
    KatakanaText,
    Latitude,
    LocalGovCode,
    Longitude,
    MultiValue,
    NonNegativeCount,
    PhoneNumber,
    PostalCode,
    RecordId,
    TimeHHMM,
    Weekdays,
    YesNo,
)


def error_type(tp: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(tp).validate_python(value)
    return str(info.value.errors()[0]["type"])


# Worked examples of shared/spec/checkdigits.md.
LOCAL_GOV_EXAMPLES = [
    "011002",
    "131016",
    "011011",
    "011070",
    "092011",
    "010006",
    "130001",
    "222127",
]
CORPORATE_VALID = [
    "7123456789012",
    "2120901007402",
    "7010705000725",
    "4000012090001",
    "8000020130001",
]
CORPORATE_INVALID = ["1234567891012", "1000020011002"]


@pytest.mark.parametrize("code", LOCAL_GOV_EXAMPLES)
def test_local_gov_worked_examples(code: str) -> None:
    assert TypeAdapter(LocalGovCode).validate_python(code) == code


def test_local_gov_wrong_check_digit_names_the_expected_digit() -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(LocalGovCode).validate_python("131017")
    err = info.value.errors()[0]
    assert err["type"] == "local_gov_code_check_digit"
    assert err["ctx"] == {"expected": "6", "actual": "7"}


@pytest.mark.parametrize("value", ["22212", "2221270", "２２２１２７", "22212a", " 222127"])
def test_local_gov_format(value: str) -> None:
    assert error_type(LocalGovCode, value) == "local_gov_code_format"


@pytest.mark.parametrize("number", CORPORATE_VALID)
def test_corporate_number_worked_examples(number: str) -> None:
    assert TypeAdapter(CorporateNumber).validate_python(number) == number


@pytest.mark.parametrize("number", CORPORATE_INVALID)
def test_corporate_number_placeholders_fail(number: str) -> None:
    assert error_type(CorporateNumber, number) == "corporate_number_check_digit"


def test_corporate_number_local_government_pattern() -> None:
    # check digit + 000020 + 全国地方公共団体コード (inferred in checkdigits.md)
    assert corporate_number_check_digit("000020131016") == "8"
    assert corporate_number_check_digit("000020011002") == "9"


@given(st.from_regex(r"[0-9]{5}", fullmatch=True))
def test_local_gov_generation_and_validation_agree(body: str) -> None:
    good = body + local_gov_check_digit(body)
    TypeAdapter(LocalGovCode).validate_python(good)
    for digit in "0123456789":
        if digit != good[5]:
            assert error_type(LocalGovCode, body + digit) == "local_gov_code_check_digit"


@given(st.from_regex(r"[0-9]{12}", fullmatch=True))
def test_corporate_generation_and_validation_agree(base: str) -> None:
    cd = corporate_number_check_digit(base)
    assert cd in "123456789"
    assert is_valid_corporate_number(cd + base)
    for digit in "123456789":
        if digit != cd:
            assert not is_valid_corporate_number(digit + base)


@pytest.mark.parametrize(
    ("tp", "good", "bad", "kind"),
    [
        (PostalCode, "4250022", "425-0022", "postal_code_format"),
        (PhoneNumber, "(054)626-1139", "626-1139", "phone_format"),
        (PhoneNumber, "054-629-6847", "０５４-６２９-６８４７", "phone_format"),
        (PhoneNumber, "0120-123-456", "なし", "phone_format"),
        (Email, "info@city.yaizu.lg.jp", "info＠city.yaizu.lg.jp", "email_format"),
        (HttpUrl, "https://www.city.yaizu.lg.jp/a,b.html", "www.city.yaizu.lg.jp", "url_format"),
        (HttpUrl, "http://example.jp/x", "http://example.jp/ x", "url_format"),
        (Latitude, "34.8760119", "34,876", "latitude_format"),
        (Latitude, "-33.5", "95.1", "latitude_range"),
        (Longitude, "138.3207625", "１３８.３２", "longitude_format"),
        (Longitude, "141.346814", "181", "longitude_range"),
        (ChomeId, "0003000", "136005", "chome_id_format"),
        (ChomeId, "0008-001", "0008001a", "chome_id_format"),
        (TimeHHMM, "09:00", "9:00", "time_format"),
        (TimeHHMM, "23:59", "24:00", "time_24"),
        (TimeHHMM, "00:00", "9:0", "time_format"),
        (Weekdays, "月火水木金土", "平日", "weekdays_format"),
        (KatakanaText, "フルサトノカワセトガワ", "ｺﾏｴｼﾔｸｼｮ", "kana_half_width"),
        (KatakanaText, "ハマドオリ（ヤクモドオリ）", "やいづ", "kana_hiragana"),
        (KatakanaText, "○○エキ", "焼津", "kana_kanji"),
        (HalfWidthText, "Yaizu City Hall", "Ｙａｉｚｕ", "not_half_width"),
        (RecordId, "LL0100022200", "LL-01", "id_format"),
        (NonNegativeCount, "3", "1_000", "count_format"),
        (NonNegativeCount, "0", "３", "count_format"),
        (NonNegativeCount, "12", " 3", "count_format"),
        (IsoDate, "2026-08-31", "2026/08/31", "date_format"),
        (IsoDate, "2024-02-29", "2023-02-29", "date_value"),
        (IsoDate, "1949-05-30", "令和3年6月1日", "date_format"),
    ],
)
def test_rule_accepts_and_rejects(tp: Any, good: str, bad: str, kind: str) -> None:
    TypeAdapter(tp).validate_python(good)
    assert error_type(tp, bad) == kind
    assert kind in ERROR_TYPES


def test_values_are_kept_as_written() -> None:
    assert TypeAdapter(Latitude).validate_python("43.064310") == "43.064310"
    assert TypeAdapter(NonNegativeCount).validate_python("06") == 6
    assert TypeAdapter(IsoDate).validate_python("2026-04-01") == date(2026, 4, 1)


def test_flags() -> None:
    assert TypeAdapter(YesNo).validate_python("有") == "有"
    assert error_type(YesNo, "あり") == "literal_error"
    assert TypeAdapter(Flag1).validate_python("1") == "1"
    assert error_type(Flag1, "○") == "literal_error"


def test_multi_value_splits_and_joins() -> None:
    ta = TypeAdapter(MultiValue)
    assert ta.validate_python("内科;外科") == ["内科", "外科"]
    assert ta.dump_python(["内科", "外科"]) == "内科;外科"
    assert error_type(MultiValue, "内科;;外科") == "multi_value_empty"


@pytest.mark.parametrize("key", sorted(RULES))
def test_rule_json_schema_is_valid(key: str) -> None:
    schema = TypeAdapter(RULES[key].type).json_schema()
    Draft202012Validator.check_schema(schema)

"""Value repairs: real cells from tests/data/real, era boundaries, round trips, suggest()."""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from stdschema.normalize import (
    Repair,
    digits_to_half_width,
    excel_serial_date,
    excel_serial_number,
    fiscal_year,
    fold_spaces,
    hiragana_to_katakana,
    in_japan,
    iso_to_wareki,
    kana_to_full_width,
    kana_to_half_width,
    nfkc,
    normalize_date,
    normalize_flag_1,
    normalize_local_gov_code,
    normalize_number,
    normalize_phone,
    normalize_postal_code,
    normalize_time,
    normalize_weekdays,
    normalize_yes_no,
    repair_local_gov_code,
    split_lat_lon,
    suggest,
    swap_if_lat_lon_swapped,
    to_half_width,
    to_katakana,
    wareki_to_iso,
)
from stdschema.types import RULES

REAL = Path(__file__).parent / "data" / "real"


@cache
def _table(name: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    raw = (REAL / name).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    # 高松市 files carry metadata rows; the header is the "#property" row.
    start = next((i for i, row in enumerate(rows) if row and row[0] == "#property"), 0)
    body = tuple(tuple(row) for row in rows[start + 1 :] if row and not row[0].startswith("#"))
    return tuple(rows[start]), body


def column(name: str, header: str) -> list[str]:
    """Every cell of one column of a real file, in file order."""
    head, body = _table(name)
    index = head.index(header)
    return [row[index] for row in body if index < len(row)]


def is_valid(rule: str, value: str) -> bool:
    try:
        TypeAdapter(RULES[rule].type).validate_python(value)
    except ValidationError:
        return False
    return True


TAKAMATSU_CHILDCARE = "legacy/takamatsu_0079_unapproved_childcare_facilities.csv"
KOMAE_AED = "standard/komae_132195_aed.csv"


# --- width, spaces and kana on real cells ------------------------------------


def test_to_half_width_real_address_dash_between_digits() -> None:
    # U+2212 MINUS SIGN between full-width digits in 高松市's sandbag addresses.
    addresses = column("standard/takamatsu_sandbag_creation_location.csv", "住所")
    assert addresses[0] == "高松市香西本町７６２−２"
    assert to_half_width(addresses[0]) == "高松市香西本町762-2"
    assert to_half_width(addresses[7]) == "高松市牟礼町牟礼152-10"
    assert all(to_half_width(a).startswith("高松市") for a in addresses)


def test_to_half_width_real_names() -> None:
    names = column(TAKAMATSU_CHILDCARE, "name")
    assert to_half_width(names[2]) == "24時間保育クラブキッズ"
    assert to_half_width(names[9]) == "Petit-Petite"
    assert column("legacy/joyo_5374_target.csv", "name")[0] == "ＩＨクッキングヒーター"
    assert to_half_width("ＩＨクッキングヒーター") == "IHクッキングヒーター"
    header = _table("transcribed/tokyo_bousai_H26fusuigai_060.csv")[0]
    assert to_half_width(header[1]) == "護衛艦DDH(約14000t)"


def test_to_half_width_keeps_kana_and_long_vowel() -> None:
    assert to_half_width("タカマツシカタハラマチコウシュウベンジョ") == (
        "タカマツシカタハラマチコウシュウベンジョ"
    )
    assert to_half_width("コーヒー") == "コーヒー"
    assert to_half_width("ｺﾏｴ") == "ｺﾏｴ"  # NFKC would widen these
    assert to_half_width("054ー629ー6847") == "054-629-6847"
    assert to_half_width("ア－イ") == "ア-イ"  # U+FF0D is full-width ASCII
    assert to_half_width("第２ー３") == "第2-3"


def test_digits_to_half_width_real_address() -> None:
    address = column(KOMAE_AED, "住所")[0]
    assert address == "狛江市和泉本町１丁目１番5号"
    assert digits_to_half_width(address) == "狛江市和泉本町1丁目1番5号"
    assert digits_to_half_width("ＡＢ１") == "ＡＢ1"


def test_nfkc() -> None:
    assert nfkc("ｺﾏｴ１㍻") == "コマエ1平成"
    assert nfkc("plain") == "plain"


def test_fold_spaces_real_cells() -> None:
    # 高松市 writes names and owners with runs of U+3000.
    name = column(TAKAMATSU_CHILDCARE, "name")[5]
    assert name == "プリスクール　　イングリッシュ　ワールド"
    assert fold_spaces(name) == "プリスクール　イングリッシュ　ワールド"
    assert fold_spaces("  a  b\u3000 c ") == "a b\u3000c"
    assert fold_spaces("\u3000\t名称\n") == "名称"
    assert fold_spaces("1行目\n\n2行目") == "1行目\n\n2行目"
    # 広島市 coordinates carry NBSP.
    lats = column("v2/07_public_wifi__341002_hiroshima_city.csv", "緯度")
    assert "\xa034.391838" in lats
    assert fold_spaces("\xa034.391838") == "34.391838"


def test_kana_to_full_width_real_komae_names() -> None:
    kana = [value for value in column(KOMAE_AED, "名称_カナ") if value]
    assert kana[0] == "ｺﾏｴｼﾔｸｼｮ"
    assert kana_to_full_width(kana[0]) == "コマエシヤクショ"
    assert kana_to_full_width("ｺﾏｴｼﾘﾂｺﾏｴﾀﾞｲｲﾁｼｮｳｶﾞｯｺｳ") == "コマエシリツコマエダイイチショウガッコウ"
    for value in kana:
        fixed = kana_to_full_width(value)
        assert is_valid("katakana", fixed), value


def test_kana_to_full_width_marks_and_mixed_text() -> None:
    assert kana_to_full_width("ﾊﾟﾝ ｳﾞｨ ﾜﾞ") == "パン ヴィ ヷ"
    assert kana_to_full_width("ｰ･｢｣｡､") == "ー・「」。、"
    assert kana_to_full_width("ｱﾞ") == "ア゛"  # no composed form: keep the mark
    address = column(TAKAMATSU_CHILDCARE, "address")[2]
    assert kana_to_full_width(address) == "761-0071 高松市藤塚町二丁目12-１3第2八十川ビル1F"
    owner = column(TAKAMATSU_CHILDCARE, "Establisher")[4]
    assert kana_to_full_width(owner) == (
        "株式会社　リバティー・インターナショナルアカデミー　代表取締役　森村　文代"
    )


def test_hiragana_and_to_katakana() -> None:
    furigana = set(column("legacy/joyo_5374_target.csv", "furigana"))
    assert {hiragana_to_katakana(f) for f in furigana} >= {"ア", "イ", "ウ"}
    assert hiragana_to_katakana("ゔぁゝゞ") == "ヴァヽヾ"
    assert to_katakana("ｺﾏｴ しやくしょ") == "コマエ シヤクショ"
    assert to_katakana("こまえ市") is None
    assert to_katakana("々") is None
    assert to_katakana("Hiroshima SUBARU") == "Hiroshima SUBARU"


# --- dates -------------------------------------------------------------------


def test_wareki_real_takamatsu_start_days() -> None:
    values = column(TAKAMATSU_CHILDCARE, "fiscalYearStartDay")
    converted = {value: wareki_to_iso(value) for value in values}
    assert converted["S47.4.1"] == "1972-04-01"
    assert converted["H12.10.15"] == "2000-10-15"
    assert converted["H25.3.27"] == "2013-03-27"
    # One newer row switched to the US form the rest of 高松市's files use.
    assert [v for v, iso in converted.items() if iso is None] == ["3/25/2021"]
    assert normalize_date("3/25/2021", us_order=True) == "2021-03-25"
    assert all(normalize_date(v, us_order=True) for v in values)


def test_wareki_real_meguro_check_date() -> None:
    name = "transcribed/meguro_131105_community_based_long_term_care_service_offices.csv"
    assert set(column(name, "確認日")) == {"令和3年6月1日"}
    assert wareki_to_iso("令和3年6月1日") == "2021-06-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和3年6月1日", "2021-06-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("R5.4.1", "2023-04-01"),
        ("R05.04.01", "2023-04-01"),
        ("H30/4/1", "2018-04-01"),
        ("H30-4-1", "2018-04-01"),
        ("h30.4.1", "2018-04-01"),
        ("平30.4.1", "2018-04-01"),
        ("R元.5.1", "2019-05-01"),
        ("令和３年６月１日", "2021-06-01"),
        ("Ｒ５．４．１", "2023-04-01"),
        ("平成 31年 4月 30日", "2019-04-30"),
        ("　令和3年6月1日 ", "2021-06-01"),
        ("㍻31年4月30日", "2019-04-30"),
        ("㋿元年5月1日", "2019-05-01"),
        ("㍼47年4月1日", "1972-04-01"),
        ("㍽2年1月1日", "1913-01-01"),
        ("㍾6年1月1日", "1873-01-01"),
        ("令和3年6月1日（火）", "2021-06-01"),
        ("令和3年6月1日(火曜日)", "2021-06-01"),
        ("令和3年6月1日 火曜日", "2021-06-01"),
        ("令和3年6月1日(月)", None),  # the day of the week contradicts the date
        ("令和3年2月30日", None),
        ("令和2年元月1日", None),
        ("令和0年5月1日", None),
        ("令和3年6月", None),
        ("H30.4/1", "2018-04-01"),
        ("X30.4.1", None),
        ("", None),
    ],
)
def test_wareki_to_iso_forms(text: str, expected: str | None) -> None:
    assert wareki_to_iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成31年5月1日", None),
        ("令和元年4月30日", None),
        ("昭和64年1月7日", "1989-01-07"),
        ("昭和64年1月8日", None),
        ("平成元年1月8日", "1989-01-08"),
        ("平成元年1月7日", None),
        ("大正15年12月24日", "1926-12-24"),
        ("昭和元年12月25日", "1926-12-25"),
        # The 改元 took effect on the day itself, so both eras name it.
        ("大正15年12月25日", "1926-12-25"),
        ("大正15年12月26日", None),
        ("明治45年7月30日", "1912-07-30"),
        ("大正元年7月30日", "1912-07-30"),
        ("明治45年7月31日", None),
        ("大正元年7月29日", None),
        ("明治元年1月25日", "1868-01-25"),
        ("明治元年1月24日", None),
        ("明治5年12月2日", "1872-12-02"),  # lunar in reality, read as Gregorian
    ],
)
def test_era_boundaries(text: str, expected: str | None) -> None:
    assert wareki_to_iso(text) == expected


def test_iso_to_wareki() -> None:
    assert iso_to_wareki(date(2023, 4, 1)) == "令和5年4月1日"
    assert iso_to_wareki("2019-05-01") == "令和元年5月1日"
    assert iso_to_wareki("2019-04-30") == "平成31年4月30日"
    assert iso_to_wareki("1912-07-30") == "大正元年7月30日"
    assert iso_to_wareki("1926-12-25") == "昭和元年12月25日"
    with pytest.raises(ValueError):
        iso_to_wareki("1868-01-24")


@given(st.dates(min_value=date(1868, 9, 8), max_value=date(2100, 12, 31)))
def test_iso_wareki_round_trip(day: date) -> None:
    wareki = iso_to_wareki(day)
    assert wareki_to_iso(wareki) == day.isoformat()
    assert normalize_date(wareki) == day.isoformat()
    # The abbreviated form 高松市 uses (H12.10.15), with full-width digits too.
    era, rest = wareki[:2], wareki[2:]
    year, rest = rest.split("年")
    month, rest = rest.split("月")
    letter = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}[era]
    short = f"{letter}{1 if year == '元' else year}.{month}.{rest.rstrip('日')}"
    assert wareki_to_iso(short) == day.isoformat()
    assert wareki_to_iso(to_full_width_digits(short)) == day.isoformat()


def to_full_width_digits(text: str) -> str:
    return text.translate({cp: cp + 0xFEE0 for cp in range(0x30, 0x3A)})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Padded to a fixed width with spaces, as some ledgers print them.
        ("H13. 1.29", "2001-01-29"),
        ("H13. 1. 9", "2001-01-09"),
        ("H 13. 1. 9", "2001-01-09"),
        ("S47.12. 1", "1972-12-01"),
        ("H13 / 1 / 29", "2001-01-29"),
        ("平成 13年 1月29日", "2001-01-29"),
        ("平成１３年\u3000１月２９日", "2001-01-29"),
        # A dot after the era letter.
        ("H.13.1.29", "2001-01-29"),
        ("Ｈ．１３．１．２９", "2001-01-29"),
        ("R.1.5.1", "2019-05-01"),
        ("R1.5.1", "2019-05-01"),
        ("令和元年5月1日", "2019-05-01"),
        # A year alone names no day.
        ("令和元年", None),
        ("平成13年", None),
        ("H13", None),
        ("H13. 1.", None),
        ("H..13.1.29", None),
    ],
)
def test_wareki_padded_and_spaced(text: str, expected: str | None) -> None:
    assert wareki_to_iso(text) == expected
    assert normalize_date(text) == expected


_LETTERS = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}


@given(
    st.dates(min_value=date(1868, 9, 8), max_value=date(2100, 12, 31)),
    st.sampled_from(["", "."]),
    st.sampled_from([".", "/", "-"]),
    st.booleans(),
    st.booleans(),
)
def test_padded_wareki_round_trip(
    day: date, era_dot: str, sep: str, pad: bool, full_width: bool
) -> None:
    """A date written in the short 和暦 form, padded and in either width, reads back as itself."""
    era, rest = iso_to_wareki(day)[:2], iso_to_wareki(day)[2:]
    year, rest = rest.split("年")
    month, rest = rest.split("月")
    width = "{:>2}" if pad else "{}"
    text = (
        f"{_LETTERS[era]}{era_dot}{1 if year == '元' else year}{sep}"
        f"{width.format(month)}{sep}{width.format(rest.rstrip('日'))}"
    )
    if full_width:
        text = to_half_width_inverse(text)
    assert wareki_to_iso(text) == day.isoformat()


def to_half_width_inverse(text: str) -> str:
    """ASCII letters, digits and punctuation as their full-width forms; a space as U+3000."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45016", "2023-03-31"),
        ("44197", "2021-01-01"),
        ("36526", "2000-01-01"),
        ("25569", "1970-01-01"),  # the Unix epoch
        ("１８２６４", "1950-01-01"),  # the first day read
        (" 73415 ", "2100-12-31"),  # the last day read
        ("18263", None),  # 1949-12-31: too early to be taken for a date
        ("73416", None),  # 2101-01-01
        ("60", None),  # Excel's fictitious 1900-02-29
        ("4501", None),
        ("450160", None),
        ("45016.5", None),  # a date with a time of day
        ("45,016", None),
        ("-45016", None),
        ("2023-03-31", None),
        ("", None),
    ],
)
def test_excel_serial_date(text: str, expected: str | None) -> None:
    assert excel_serial_date(text) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_excel_serial_round_trip(day: date) -> None:
    serial = excel_serial_number(day)
    assert 18264 <= serial <= 73415
    assert excel_serial_date(str(serial)) == day.isoformat()
    # A serial is never read as a date by the date parser itself.
    assert normalize_date(str(serial)) is None


def test_excel_serial_is_a_safe_repair_of_dates() -> None:
    repair = suggest("45016", "date")
    assert repair == Repair("45016", "2023-03-31", "excel_serial_date")
    assert suggest("１８２６４", "date") == Repair("１８２６４", "1950-01-01", "excel_serial_date")
    # Out of range, or not a date column: no repair.
    assert suggest("18263", "date") is None
    assert suggest("45016", "count") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和2年度", "2020"),
        ("R2年度", "2020"),
        ("2020年度", "2020"),
        ("２０２０年度", "2020"),
        ("令和元年度", "2019"),
        ("平成31年度", "2019"),
        ("平成 30 年度", "2018"),
        ("2020", "2020"),
        ("平成32年度", None),
        ("R2", None),
        ("令和2年", None),
    ],
)
def test_fiscal_year(text: str, expected: str | None) -> None:
    assert fiscal_year(text) == expected


def test_fiscal_year_real_file_name() -> None:
    # takamatsu_0097_city_tax_settlement_r2: "r2" is 令和2年度.
    assert fiscal_year("R2年度") == "2020"


def test_normalize_date_real_slash_dates() -> None:
    hospital = column("legacy/takamatsu_hospital.csv", "openingDate")
    assert normalize_date(hospital[0]) == "1947-04-01"
    assert normalize_date(hospital[2]) == "1907-06-30"
    kumatori = column("v2/02_cultural_property__273619_kumatori.csv", "文化財指定日")
    assert normalize_date(kumatori[0]) == "1949-05-30"
    for value in hospital + kumatori:
        if value:
            assert normalize_date(value) is not None, value


def test_normalize_date_real_us_dates() -> None:
    survey = column("legacy/takamatsu_0066_population_202303.csv", "surveyDate")
    assert set(survey) == {"3/1/2023"}
    assert normalize_date("3/1/2023", us_order=True) == "2023-03-01"
    assert normalize_date("3/1/2023") is None
    events = column("legacy/takamatsu_0081_event_list.csv", "startDate")
    assert normalize_date(events[0], us_order=True) == "2020-05-16"
    # The same column also holds "2020.10/5": year first, so month then day.
    assert normalize_date("2020.10/5", us_order=True) == "2020-10-05"
    applications = column("legacy/takamatsu_0087_member_companies.csv", "applicationDate")
    assert normalize_date(applications[0], us_order=True) == "2017-10-19"
    for value in events + applications:
        if value:
            assert normalize_date(value, us_order=True) is not None, value
    # endDate mixes in Excel datetimes; dropping a real time of day is not a repair.
    ends = column("legacy/takamatsu_0081_event_list.csv", "endDate")
    assert "8/2/2020  3:30:00 PM" in ends
    assert normalize_date("8/2/2020  3:30:00 PM", us_order=True) is None
    assert normalize_date("8/2/2020 0:00:00", us_order=True) == "2020-08-02"


def test_normalize_date_real_iso_unchanged() -> None:
    for value in column("legacy/yaizu_222127_traffic_accident_2022.csv", "発生日時（年月日）"):
        assert normalize_date(value) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-01", "2023-04-01"),
        ("2023-4-1", "2023-04-01"),
        ("2023/04/01", "2023-04-01"),
        ("2023.4.1", "2023-04-01"),
        ("2023年4月1日", "2023-04-01"),
        ("2023年4月1日(土)", "2023-04-01"),
        ("2023年4月1日(日)", None),
        ("２０２３／４／１", "2023-04-01"),
        ("20230401", "2023-04-01"),
        ("20230231", None),
        ("2023/4/1 0:00:00", "2023-04-01"),
        ("2023-04-01T00:00:00", "2023-04-01"),
        ("2023/4/1 12:00", None),  # a real time of day is not ours to drop
        ("R5.4.1", "2023-04-01"),
        ("2023/13/1", None),
        ("13/1/2023", None),
        ("23/4/1", None),
        ("45017", None),  # Excel serial
        ("2020.10/5", "2020-10-05"),
        ("2023/4/1/2", None),
        ("", None),
    ],
)
def test_normalize_date_forms(text: str, expected: str | None) -> None:
    assert normalize_date(text) == expected


def test_normalize_date_us_order() -> None:
    assert normalize_date("12/31/2023", us_order=True) == "2023-12-31"
    assert normalize_date("31/12/2023", us_order=True) is None
    assert normalize_date("2023/4/1", us_order=True) == "2023-04-01"


# --- times -------------------------------------------------------------------


def test_normalize_time_real_takamatsu_ranges() -> None:
    weekdays = column(TAKAMATSU_CHILDCARE, "startTimeWeekDays")
    assert weekdays[0] == "7：30～18：30"
    start, end = weekdays[0].split("～")
    assert (normalize_time(start), normalize_time(end)) == ("07:30", "18:30")
    after_midnight = weekdays[6].split("～")
    assert [normalize_time(t) for t in after_midnight] == ["09:00", None]  # 25：00
    assert normalize_time("ー") is None
    assert normalize_time("休") is None


def test_normalize_time_real_columns() -> None:
    komae = [t for t in column(KOMAE_AED, "開始時間") if t]
    assert normalize_time(komae[0]) == "08:30"
    assert all(is_valid("time", normalize_time(t) or "") for t in komae)
    sandbag = column("standard/takamatsu_sandbag_creation_location.csv", "開始時間")
    assert {normalize_time(t) for t in sandbag} == {"08:00"}
    hino = "v2/transcribed/08_aed__132128_hino.EXCERPT.csv"
    assert normalize_time(column(hino, "開始時間")[0]) == "00:00"
    assert normalize_time(column(hino, "終了時間")[0]) == "23:59"
    toilet = column("standard/takamatsu_public_toilet.csv", "endTime")
    assert toilet[0] == "24:00"
    assert normalize_time(toilet[0]) is None
    for value in column("standard/yaizu_222127_preschool.csv", "開始時間"):
        assert normalize_time(value) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", "09:00"),
        ("09:00", "09:00"),
        ("7：30", "07:30"),
        ("９：００", "09:00"),
        ("9時30分", "09:30"),
        ("9時5分", "09:05"),
        ("9時", "09:00"),
        ("9時半", "09:30"),
        ("09:00:00", "09:00"),
        ("0900", "09:00"),
        ("午前9時", "09:00"),
        ("午後1時30分", "13:30"),
        ("午後0時", "12:00"),
        ("午前0時", "00:00"),
        ("AM9:00", "09:00"),
        ("9:00 pm", "21:00"),
        ("12:30 PM", "12:30"),
        ("12:00 AM", "00:00"),
        ("23:59", "23:59"),
        ("24:00", None),
        ("25:00", None),
        ("9:0", None),
        ("9:60", None),
        ("09:00:30", None),
        ("午後12時", None),  # 午前/午後12時 read differently by different people
        ("午後13時", None),
        ("13:00 PM", None),
        ("900", None),
        ("9", None),
        ("9:00-17:00", None),
        ("", None),
    ],
)
def test_normalize_time_forms(text: str, expected: str | None) -> None:
    assert normalize_time(text) == expected


# --- codes, contact, coordinates ---------------------------------------------


def test_normalize_postal_code_real() -> None:
    yaizu = column("legacy/yaizu_yohairyosya.csv", "郵便番号")
    assert normalize_postal_code(yaizu[0]) == "4250091"
    assert all(normalize_postal_code(v) is not None for v in yaizu)
    kurume = column("v2/11_tourism__402036_kurume.csv", "郵便番号")
    assert normalize_postal_code(kurume[0]) == "8390809"
    kanazawa = column(
        "v2/transcribed/01_public_facility__172014_kanazawa_ckan_dump.EXCERPT.csv", "郵便番号"
    )
    assert [normalize_postal_code(v) for v in kanazawa] == [None, None, "9200853", "9200377"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〒425-0022", "4250022"),
        ("〒 425-0022", "4250022"),
        ("425-0022", "4250022"),
        ("４２５－００２２", "4250022"),
        ("４２５ー００２２", "4250022"),
        ("4250022", "4250022"),
        ("425 0022", "4250022"),
        ("425-00222", None),
        ("600001", None),  # a lost leading zero is not ours to restore
        ("", None),
    ],
)
def test_normalize_postal_code(text: str, expected: str | None) -> None:
    assert normalize_postal_code(text) == expected


def test_normalize_phone_real() -> None:
    yaizu = column("standard/yaizu_222127_aed.csv", "電話番号")
    assert all(normalize_phone(v) == v for v in yaizu)  # (054)626-1139 style kept
    fax = column("standard/yaizu_222127_preschool.csv", "FAX番号")
    assert "(054)629-3520 " in fax
    assert normalize_phone("(054)629-3520 ") == "(054)629-3520"
    takamatsu = column(TAKAMATSU_CHILDCARE, "telephoneNumber")
    assert takamatsu[7] == "087-865-3111, 080-2972-4406"
    assert normalize_phone(takamatsu[7]) is None
    assert normalize_phone(takamatsu[0]) == "087-831-5011"
    assert "ー" in column("legacy/yaizu_222127_hinannjo.csv", "電話番号")
    assert normalize_phone("ー") is None
    school = column(
        "v2/transcribed/24_educational_institution__352071_kudamatsu.csv", "教育機関_連絡先電話番号"
    )
    assert normalize_phone(school[0]) is None  # 44-1705 lacks the area code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("０５４－６２６－１１３９", "054-626-1139"),
        ("（０５４）６２６－１１３９", "(054)626-1139"),
        ("054ー629ー6847", "054-629-6847"),
        ("054‐629‐6847", "054-629-6847"),
        ("054 626 1139", "0546261139"),
        ("09012345678", "09012345678"),
        ("TEL 054-626-1139", None),
        ("054-626-113", None),
        ("なし", None),
    ],
)
def test_normalize_phone(text: str, expected: str | None) -> None:
    assert normalize_phone(text) == expected


def test_normalize_local_gov_code() -> None:
    assert normalize_local_gov_code("２２２１２７") == "222127"
    assert normalize_local_gov_code(" 222127 ") == "222127"
    assert normalize_local_gov_code("222128") == "222128"  # check digit is not ours
    assert normalize_local_gov_code("22212") is None
    assert normalize_local_gov_code("") is None


def test_repair_local_gov_code_uses_context() -> None:
    assert repair_local_gov_code("22212") == "222127"
    # 11100 is 札幌市清田区 with its zero lost, or さいたま市 without its check digit.
    assert repair_local_gov_code("11100") is None
    assert repair_local_gov_code("11100", publisher_code="111007") == "111007"
    assert repair_local_gov_code("11100", prefecture="北海道") == "011100"
    assert repair_local_gov_code("11100", filename="011100_aed.csv") == "011100"
    assert repair_local_gov_code("11100", unrelated="x") is None
    # 広島市's file holds 314002 once: a valid-looking code that does not exist.
    assert "314002" in column(
        "v2/07_public_wifi__341002_hiroshima_city.csv", "全国地方公共団体コード"
    )
    assert repair_local_gov_code("314002", publisher_code="341002") is None


def test_split_lat_lon_real() -> None:
    for name in (TAKAMATSU_CHILDCARE, "legacy/takamatsu_0066_population_202303.csv"):
        for cell in column(name, "location"):
            pair = split_lat_lon(cell)
            if cell == ",":  # an empty location, written as a bare comma
                assert pair is None
                continue
            assert pair is not None, cell
            assert in_japan(float(pair[0]), float(pair[1]))
    assert split_lat_lon(column(TAKAMATSU_CHILDCARE, "location")[0]) == ("34.340613", "134.052601")
    assert "," in column("legacy/takamatsu_0063_cultural_property.csv", "location")
    assert split_lat_lon(",") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34.34551,134.05267", ("34.34551", "134.05267")),
        ("34.34551, 134.05267", ("34.34551", "134.05267")),
        ("34.34551，134.05267", ("34.34551", "134.05267")),
        ("３４．３４５５１，１３４．０５２６７", ("34.34551", "134.05267")),
        (" 34.34551 134.05267 ", ("34.34551", "134.05267")),
        ("34.34551,", None),
        ("34.3,134.0,1", None),
        ("北緯34度", None),
    ],
)
def test_split_lat_lon(text: str, expected: tuple[str, str] | None) -> None:
    assert split_lat_lon(text) == expected


def test_swap_and_bounds() -> None:
    assert swap_if_lat_lon_swapped("134.05267", "34.34551") == ("34.34551", "134.05267")
    assert swap_if_lat_lon_swapped("34.34551", "134.05267") is None
    assert swap_if_lat_lon_swapped("0", "0") is None
    assert swap_if_lat_lon_swapped("", "34.3") is None
    assert in_japan(20.0, 122.0) and in_japan(46.0, 154.0)
    assert not in_japan(19.99, 130.0) and not in_japan(35.0, 154.01)


# --- numbers and vocabularies ------------------------------------------------


def test_normalize_number_real_park_area() -> None:
    areas = column("legacy/yaizu_222127_park_info.csv", "面積（㎡）")
    assert areas[0] == "32,500 "
    assert normalize_number(areas[0]) == "32500"
    assert normalize_number("３") == "3"
    assert normalize_number("−5") == "-5"
    assert normalize_number("1.5") == "1.5"
    assert normalize_number("12,34") is None
    assert normalize_number("40人") is None


def test_yes_no_and_flags_real() -> None:
    tourism = column("standard/yaizu_222127_tourism.csv", "車イスでの入店可能")
    assert {"○", "〇"} <= set(tourism)  # U+25CB and U+3007 in the same column
    assert {normalize_flag_1(v) for v in tourism if v} == {"1"}
    hazards = column("legacy/takamatsu_0060_evacuation_space.csv", "flood_L1")
    assert {v: normalize_yes_no(v) for v in set(hazards)} == {
        "○": "有",
        "×": "無",
        "△": None,
        "-": None,
        "－": None,
    }
    assert normalize_yes_no(" あり ") == "有"
    assert normalize_yes_no("ﾅｼ") == "無"
    assert normalize_flag_1("１") == "1"
    assert normalize_flag_1("×") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("月火水木金", "月火水木金"),
        ("月・水・金", "月・水・金"),
        ("月 水 金", "月水金"),
        ("月/水/金", "月水金"),
        ("月～金", "月火水木金"),
        ("月曜日から金曜日", "月火水木金"),
        ("月〜金・祝", "月火水木金祝"),
        ("土～月", "土日月"),
        ("月～月", None),
        ("月～金 月", None),
        ("全日・全時間帯使用可", None),
        ("平日", None),
    ],
)
def test_normalize_weekdays(text: str, expected: str | None) -> None:
    assert normalize_weekdays(text) == expected


def test_normalize_weekdays_real() -> None:
    for value in column(KOMAE_AED, "利用可能曜日"):
        if value and value != "全日・全時間帯使用可":
            assert normalize_weekdays(value) == value
    assert normalize_weekdays("全日・全時間帯使用可") is None


# --- properties --------------------------------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("ｱｶﾞﾊﾟｳﾞｰ･ﾞﾟあゔゝアー０９ＡＺ　 \t\n−ー－"),
    )
)
TIME_LIKE = st.from_regex(
    r"(午前|午後|AM ?)?[0-9０-９]{1,2}([:：][0-9０-９]{2}(:00)?|時([0-9]{1,2}分|半)?)",
    fullmatch=True,
)
DATE_LIKE = st.from_regex(
    r"([0-9]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2}|[0-9]{8}|[RHSTM][0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2})",
    fullmatch=True,
)


@pytest.mark.parametrize(
    "func", [nfkc, fold_spaces, to_half_width, kana_to_full_width, hiragana_to_katakana]
)
@given(text=TEXT)
def test_text_transforms_are_idempotent(func: object, text: str) -> None:
    assert callable(func)
    once = func(text)
    assert func(once) == once


@given(text=st.one_of(TEXT, TIME_LIKE))
def test_normalize_time_is_idempotent(text: str) -> None:
    once = normalize_time(text)
    if once is not None:
        assert normalize_time(once) == once
        assert is_valid("time", once)


@given(text=st.one_of(TEXT, DATE_LIKE))
def test_normalize_date_is_idempotent(text: str) -> None:
    once = normalize_date(text)
    if once is not None:
        assert normalize_date(once) == once
        assert is_valid("date", once)


@given(st.times())
def test_valid_times_unchanged(moment: object) -> None:
    text = format(moment, "%H:%M")
    assert normalize_time(text) == text


@given(st.dates(min_value=date(1000, 1, 1)))
def test_valid_dates_unchanged(day: date) -> None:
    assert normalize_date(day.isoformat()) == day.isoformat()


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_ascii_unchanged(text: str) -> None:
    assert to_half_width(text) == text
    assert kana_to_full_width(text) == text


HALF_WIDTH_ABLE = sorted(
    c
    for c in map(chr, range(0x3000, 0x3100))
    if kana_to_half_width(c) != c and c not in "゛゜\u3099\u309a"
)


@given(st.text(alphabet=st.sampled_from(HALF_WIDTH_ABLE)))
def test_kana_round_trip(text: str) -> None:
    half = kana_to_half_width(text)
    assert all(not 0x3000 <= ord(c) <= 0x30FF for c in half)
    assert kana_to_full_width(half) == text


def test_kana_round_trip_covers_voiced_kana() -> None:
    assert {"ガ", "パ", "ヴ", "ヷ", "ヺ", "ー", "・", "ッ"} <= set(HALF_WIDTH_ABLE)
    assert "ヰ" not in HALF_WIDTH_ABLE
    assert kana_to_half_width("ヴァイオリン・ケース") == "ｳﾞｧｲｵﾘﾝ･ｹｰｽ"


# --- suggest -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rule", "after", "transform"),
    [
        ("ｺﾏｴｼﾔｸｼｮ", "katakana", "コマエシヤクショ", "kana_full_width"),
        ("こまえしやくしょ", "katakana", "コマエシヤクショ", "hiragana_to_katakana"),
        ("ｺﾏｴ しやくしょ", "katakana", "コマエ シヤクショ", "katakana"),
        ("３", "count", "3", "digits_half_width"),
        ("32,500 ", "count", "32500", "number"),
        ("－５．５", "number", "-5.5", "number"),
        ("R5.4.1", "date", "2023-04-01", "wareki_to_iso"),
        ("2023/4/1", "date", "2023-04-01", "date"),
        ("9:00", "time", "09:00", "time"),
        ("○", "flag_1", "1", "flag_1"),
        ("〇", "flag_1", "1", "flag_1"),
        ("あり", "yes_no", "有", "yes_no"),
        ("なし", "yes_no", "無", "yes_no"),
        ("○", "yes_no", "有", "yes_no"),
        ("×", "yes_no", "無", "yes_no"),
        (" 054-626-1139 ", "phone", "054-626-1139", "trim"),
        ("０５４－６２６－１１３９", "phone", "054-626-1139", "phone"),
        ("〒425-0022", "postal_code", "4250022", "postal_code"),
        ("34.399833\xa0", "latitude", "34.399833", "trim"),
        ("３４．８６", "latitude", "34.86", "half_width"),
        (" 132.453553", "longitude", "132.453553", "trim"),
        ("０００３０００", "chome_id", "0003000", "half_width"),
        ("ＡＢ０１", "record_id", "AB01", "half_width"),
        ("８００００２０１３０００１", "corporate_number", "8000020130001", "digits_half_width"),
        ("１２３４", "extension", "1234", "digits_half_width"),
        ("info＠city.yaizu.lg.jp", "email", "info@city.yaizu.lg.jp", "half_width"),
        ("Yaizu\u3000City", "half_width", "Yaizu City", "half_width"),
        ("①", "half_width", "1", "nfkc"),
        ("月～金", "weekdays", "月火水木金", "weekdays"),
        ("階", "height_kind", "階数", "height_kind"),
        ("内科;;外科;", "multi", "内科;外科", "drop_empty_items"),
        ("２２２１２７", "local_gov_code", "222127", "normalize_local_gov_code"),
        ("https://example.jp/ ", "url", "https://example.jp/", "trim"),
    ],
)
def test_suggest(value: str, rule: str, after: str, transform: str) -> None:
    assert suggest(value, rule) == Repair(value, after, transform)


def test_suggest_local_gov_code_with_context() -> None:
    repair = suggest("22212", "local_gov_code", publisher_code="222127", filename="222127_aed.csv")
    assert repair == Repair("22212", "222127", "local_gov_code")
    assert suggest("11100", "local_gov_code") is None
    assert suggest("11100", "local_gov_code", publisher_code="111007") == Repair(
        "11100", "111007", "local_gov_code"
    )
    assert suggest("222128", "local_gov_code") is None  # a wrong check digit stays an error


def test_suggest_us_dates_only_when_told() -> None:
    assert suggest("3/1/2023", "date") is None
    assert suggest("3/1/2023", "date", us_order=True) == Repair("3/1/2023", "2023-03-01", "date")


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("コマエシヤクショ", "katakana"),  # already valid
        ("09:00", "time"),
        ("2023-04-01", "date"),
        ("24:00", "time"),  # the caller decides
        ("市役所", "katakana"),
        ("平成31年5月1日", "date"),
        ("△", "yes_no"),
        ("×", "flag_1"),
        ("087-865-3111, 080-2972-4406", "phone"),
        ("全日・全時間帯使用可", "weekdays"),
        ("2442・2421", "extension"),
        (" anything ", "text"),
        ("-", "postal_code"),
        ("40人", "count"),
        ("https://ja.wikipedia.org/wiki/焼津市", "url"),
    ],
)
def test_suggest_declines(value: str, rule: str) -> None:
    assert suggest(value, rule) is None


def test_suggest_unknown_rule() -> None:
    with pytest.raises(KeyError):
        suggest("x", "no_such_rule")


def test_suggest_real_komae_kana_column() -> None:
    for value in column(KOMAE_AED, "名称_カナ"):
        if value:
            repair = suggest(value, "katakana")
            assert repair is not None and repair.transform == "kana_full_width", value


def test_suggest_real_yaizu_flags_and_heights() -> None:
    flags = column("standard/yaizu_222127_evacuation_space.csv", "災害種別_地震")
    assert {suggest(v, "flag_1") for v in flags if v} == {Repair("○", "1", "flag_1")}
    kinds = column("standard/yaizu_222127_public_toilet.csv", "高度の種別")
    assert {suggest(v, "height_kind") for v in kinds if v} == {Repair("階", "階数", "height_kind")}


def test_suggest_real_hiroshima_coordinates() -> None:
    name = "v2/07_public_wifi__341002_hiroshima_city.csv"
    fixed = 0
    for rule, header in (("latitude", "緯度"), ("longitude", "経度")):
        for value in column(name, header):
            if value and not is_valid(rule, value):
                repair = suggest(value, rule)
                assert repair is not None and repair.transform == "trim", value
                fixed += 1
    assert fixed >= 4


@pytest.mark.parametrize("rule", sorted(RULES))
@given(text=TEXT)
def test_suggest_only_offers_valid_changes(rule: str, text: str) -> None:
    repair = suggest(text, rule)
    if repair is not None:
        assert repair.before == text
        assert repair.after != text
        assert is_valid(rule, repair.after)

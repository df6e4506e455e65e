"""Suggest a mapping file for a legacy input: which input column fills which standard column.

The engine behind ``stdschema map suggest``. It is deterministic and explains
itself: every standard column gets a confidence and short English reasons.

1. Header evidence: the exact standard header, a normalised spelling, the
   column's aliases and English names, the 推奨 (v1) ↔ 標準 (v2) renames, a
   synonym table of words real files use, keywords inside longer headers and,
   weakest, fuzzy similarity.
2. Value evidence from the first ``sample_rows`` records: codes, dates, times,
   coordinates, kana, widths, flags, phone numbers and postal codes confirm or
   contradict a header match and pick the transforms.
3. A greedy assignment by confidence; each input column is used once, except
   where one cell feeds two columns ("lat,lon", "9:00～17:00", a postal code in
   front of the address, one legacy flag for several hazards).
4. Constants for the publisher's code and name, from the file name, a
   constant code column or constant prefecture/municipality columns.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit
from stdschema.conversion.mapping import ColumnRule, Context, Mapping, SourceOptions, TransformSpec
from stdschema.datasets import Column, DatasetRecord, get_dataset, normalize_header, resolve_header
from stdschema.normalize import (
    lat_lon_in_one_cell,
    normalize_date,
    normalize_flag_1,
    normalize_local_gov_code,
    normalize_number,
    normalize_phone,
    normalize_postal_code,
    normalize_time,
    normalize_weekdays,
    normalize_yes_no,
    split_lat_lon,
    to_katakana,
    wareki_to_iso,
)
from stdschema.report import escape

__all__ = [
    "KEYWORDS",
    "MAPPED_THRESHOLD",
    "SYNONYMS",
    "ColumnSuggestion",
    "MappingSuggestion",
    "render_yaml",
    "suggest_mapping",
]

MAPPED_THRESHOLD = 0.5
"""A suggestion at least this confident is written as a mapping entry; below, as a comment."""

_ALTERNATIVE_FLOOR = 0.3
_VALUE_ONLY_CAP = 0.45  # values alone never map a column: a person confirms

# Header-evidence strengths, strongest first.
_EXACT = 1.0
_VARIANT = 0.95
_RENAMED = 0.9
_SYNONYM = 0.85
_PAIR_SYNONYM = 0.8
_BRACKETED_NOTE = 0.75
_KEYWORD = 0.6
_WEAK_KEYWORD = 0.55
_FUZZY = 0.45
_STRONG = 0.75  # a source with a match this strong is not offered elsewhere by keyword


# --------------------------------------------------------------------------- results


@dataclass
class ColumnSuggestion:
    """How one standard column could be filled, and why."""

    target: str
    """The standard column's Japanese header."""
    rule: ColumnRule | None
    """The suggested rule; None when no candidate was found."""
    confidence: float
    reasons: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    """Other input columns that could fill this column, best first."""
    requirement: str = ""
    """◎ required, ○ recommended or '' optional."""

    @property
    def mapped(self) -> bool:
        """True when the rule is confident enough to be written as a mapping entry."""
        return self.rule is not None and self.confidence >= MAPPED_THRESHOLD


@dataclass
class MappingSuggestion:
    """A suggested mapping for one input file and target dataset."""

    target: str
    source: SourceOptions
    context: Context
    columns: list[ColumnSuggestion]
    """One entry per standard column, in standard order."""
    unused_sources: list[str]
    input_path: str = ""
    input_columns: list[str] = field(default_factory=list)
    rows_sampled: int = 0
    notes: list[str] = field(default_factory=list)

    def mapping(self) -> Mapping:
        """The confident part as a :class:`Mapping` (what :func:`render_yaml` writes uncommented)."""
        columns = {c.target: c.rule for c in self.columns if c.mapped and c.rule is not None}
        return Mapping(
            target=self.target, source=self.source, context=self.context, columns=columns
        )

    def get(self, target: str) -> ColumnSuggestion:
        """The suggestion for one standard column (by Japanese header)."""
        for column in self.columns:
            if column.target == target:
                return column
        raise KeyError(target)


# --------------------------------------------------------------------------- synonyms

# (standard headers, words): a header written as one of the words denotes the
# first of the standard headers the target dataset has, so one entry serves
# both editions (住所 in 推奨 v1, 所在地_連結表記 in 標準 v2) and datasets that
# name the same thing differently (開始時間 / 利用開始時間 / 診療開始時間).
SYNONYMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("全国地方公共団体コード", "都道府県コード又は市区町村コード"),
        (
            "全国地方公共団体コード", "都道府県コード又は市区町村コード", "地方公共団体コード",
            "団体コード", "自治体コード", "市区町村コード", "市町村コード", "行政区域コード",
            "prefCode", "cityCode", "lgCode", "localGovernmentCode", "municipalityCode",
        ),
    ),
    (
        ("ID", "NO"),
        (
            "ID", "NO", "No.", "№", "番号", "通し番号", "通番", "連番", "管理番号", "整理番号",
            "施設ID", "施設番号", "identification", "identifier", "number", "num", "serial",
        ),
    ),
    (("地方公共団体名",), ("地方公共団体名", "自治体名", "公共団体名", "localGovernmentName")),
    (
        ("名称", "施設名称", "介護サービス事業所名称", "イベント名", "データ名称", "ゴミの品目"),
        (
            "名称", "名前", "施設名", "施設名称", "施設の名称", "事業所名", "事業所名称",
            "避難所名", "避難場所名", "避難所名称", "避難場所名称", "公園名", "店舗名", "名",
            "name", "facilityName", "title",
        ),
    ),
    (
        ("名称_カナ", "施設名称_カナ", "介護サービス事業所名称_カナ", "イベント名_カナ"),
        (
            "名称_カナ", "名称カナ", "名称(カナ)", "ふりがな", "フリガナ", "よみがな", "ヨミガナ",
            "読み", "よみ", "読み仮名", "読みがな", "カナ", "かな", "カナ名称", "施設名カナ",
            "施設名(カナ)", "施設名ふりがな", "施設名フリガナ", "kana", "furigana", "yomi",
            "fullNameInKana", "nameKana", "nameInKana",
        ),
    ),
    (
        ("名称_英語", "名称_英字", "施設名称_英字", "介護サービス事業所名称_英字", "イベント名_英語"),
        (
            "名称_英語", "名称_英字", "英語名", "英語名称", "英名", "英字名", "名称(英語)",
            "名称(英字)", "ローマ字", "ローマ字表記", "englishName", "nameEn", "name_en",
            "nameInEnglish", "fullNameInRomaji", "nameInRomaji",
        ),
    ),
    (("名称_通称",), ("名称_通称", "通称", "通称名", "別名", "略称", "alternativeName", "commonName")),
    (
        ("所在地_連結表記", "住所"),
        (
            "所在地_連結表記", "住所", "所在地", "所在", "所在地住所", "施設住所", "施設所在地",
            "住所地", "場所住所", "設置場所住所", "address", "fullAddress", "streetAddressFull",
        ),
    ),
    (
        ("所在地_都道府県", "都道府県名", "施設所在地_都道府県"),
        (
            "所在地_都道府県", "都道府県", "都道府県名", "県名", "pref", "prefecture", "prefName",
            "prefectureName",
        ),
    ),
    (
        ("所在地_市区町村", "市区町村名", "施設所在地_市区町村"),
        (
            "所在地_市区町村", "市区町村", "市区町村名", "市町村", "市町村名", "city", "cityName",
            "municipality", "municipalityName",
        ),
    ),
    (
        ("所在地_町字", "施設所在地_町字"),
        ("所在地_町字", "町字", "町名", "町丁目", "大字", "大字町丁目", "town", "townName"),
    ),
    (
        ("所在地_番地以下", "施設所在地_番地以下"),
        ("所在地_番地以下", "番地", "番地以下", "地番", "cityBlock", "blockNumber"),
    ),
    (
        ("建物名等(方書)", "方書", "施設方書"),
        (
            "建物名等(方書)", "方書", "方書き", "建物名", "建物名等", "建物", "ビル名", "katagaki",
            "buildingName", "building",
        ),
    ),
    (("町字ID",), ("町字ID", "町字コード", "chomeId", "streetAddressId")),
    (
        ("所在地_全国地方公共団体コード",),
        ("所在地_全国地方公共団体コード", "所在地コード", "所在地団体コード"),
    ),
    (
        ("緯度", "観光ポイント_緯度"),
        ("緯度", "北緯", "lat", "latitude", "ido", "Y", "Y座標", "y座標", "緯度(世界測地系)"),
    ),
    (
        ("経度", "観光ポイント_経度"),
        ("経度", "東経", "lon", "lng", "long", "longitude", "keido", "X", "X座標", "経度(世界測地系)"),
    ),
    (("標高", "高度の値"), ("標高", "海抜", "高さ", "elevation", "altitude", "height")),
    (
        ("設置位置",),
        (
            "設置位置", "設置場所", "設置個所", "設置箇所", "設置場所詳細", "設置位置詳細",
            "installationPosition", "installationLocation", "installationPlace",
        ),
    ),
    (
        ("電話番号", "施設電話番号", "連絡先電話番号"),
        (
            "電話番号", "電話", "TEL", "tel", "telephone", "telephoneNumber", "telephoneNo",
            "phone", "phoneNumber", "代表電話", "代表電話番号", "電話番号(代表)", "連絡先電話番号",
        ),
    ),
    (("内線番号", "連絡先内線番号"), ("内線番号", "内線", "extension", "extensionNumber")),
    (
        ("FAX番号",),
        ("FAX番号", "FAX", "ファックス", "ファクス", "ファクシミリ", "ファックス番号", "faxNumber"),
    ),
    (
        ("連絡先メールアドレス",),
        ("連絡先メールアドレス", "メールアドレス", "メール", "Eメール", "email", "mail", "mailAddress"),
    ),
    (
        ("郵便番号", "教育機関_郵便番号"),
        ("郵便番号", "〒", "郵便", "zip", "zipcode", "zipCode", "postalCode", "postcode", "postCode"),
    ),
    (
        ("URL",),
        (
            "URL", "ホームページ", "ホームページアドレス", "HP", "ウェブサイト", "webサイト",
            "web", "website", "homepage", "link", "リンク", "url", "詳細URL",
        ),
    ),
    (("画像", "画像1", "観光ポイント_画像"), ("画像", "写真", "image", "imageUrl", "画像URL", "picture", "photo")),
    (
        ("画像_ライセンス", "画像1_ライセンス", "観光ポイント_画像_ライセンス"),
        ("画像_ライセンス", "画像ライセンス", "写真ライセンス", "imageLicense", "iamgeLicense", "pictureLicense"),
    ),
    (
        ("開始時間", "利用開始時間", "診療開始時間"),
        (
            "開始時間", "開始時刻", "開館時間", "開所時間", "開園時間", "開場時間", "営業開始時間",
            "受付開始時間", "利用開始時間", "startTime", "openingTime", "openTime", "opens",
        ),
    ),
    (
        ("終了時間", "利用終了時間", "診療終了時間"),
        (
            "終了時間", "終了時刻", "閉館時間", "閉所時間", "閉園時間", "閉場時間", "営業終了時間",
            "受付終了時間", "利用終了時間", "endTime", "closingTime", "closeTime", "closes",
        ),
    ),
    (
        ("利用可能曜日", "診療曜日"),
        (
            "利用可能曜日", "曜日", "利用曜日", "開館日", "開館曜日", "営業日", "営業曜日",
            "availableDate", "availableDays", "dayOfWeek", "openingDays",
        ),
    ),
    (
        ("利用可能日時特記事項", "利用可能時間特記事項", "診療日時特記事項"),
        (
            "利用可能日時特記事項", "利用可能時間特記事項", "特記事項", "利用時間備考",
            "開館時間備考", "休館日", "休業日", "定休日", "availableDateNote", "availableTimeNote",
        ),
    ),
    (("備考", "注意点"), ("備考", "注記", "メモ", "その他", "note", "notes", "remarks", "remark", "comment")),
    (
        ("説明", "概要", "観光ポイント_説明"),
        ("説明", "説明文", "概要", "紹介", "紹介文", "施設概要", "description", "summary", "overview"),
    ),
    (("説明_英語", "概要_英語"), ("説明_英語", "説明英語", "descriptionEng", "descriptionEn")),
    (("概要_英語", "説明_英語"), ("概要_英語", "概要英語", "summaryEng", "summaryInRomaji")),
    (
        ("種別", "種類", "医療機関の種類", "分別区分"),
        ("種別", "種類", "施設種別", "施設種類", "施設区分", "区分", "分類", "type", "kind", "category"),
    ),
    (("文化財分類", "種別", "分別区分"), ("文化財分類", "指定区分", "classification")),
    (("ゴミの品目",), ("ゴミの品目", "ごみの品目", "品目", "品名", "ごみの名前", "item")),
    (("分別区分",), ("分別区分", "分別", "分別方法", "ごみの種類", "出し方区分")),
    (("注意点",), ("注意点", "注意", "注意事項", "出し方", "notice")),
    (("法人番号",), ("法人番号", "corporateNumber")),
    (("法人の名称", "法人名"), ("法人の名称", "法人名", "corporateName")),
    (
        ("団体名", "設置者", "法人の名称"),
        ("団体名", "設置者", "設置主体", "運営主体", "運営者", "事業者", "Establisher", "establisher", "organization"),
    ),
    (("連絡先名称",), ("連絡先名称", "問い合わせ先", "問合せ先", "お問い合わせ先", "担当課", "所管課", "jurisdiction")),
    (
        ("小児対応設備の有無",),
        ("小児対応設備の有無", "小児対応", "小児対応設備", "小児用パッド", "小児用", "equipmentForChildren"),
    ),
    (
        ("収容定員", "定員", "想定収容人数"),
        ("収容定員", "定員", "収容人数", "収容人員", "想定収容人数", "capacity", "maxCapacity"),
    ),
    (("受入年齢",), ("受入年齢", "受け入れ年齢", "受入れ年齢", "対象年齢", "年齢", "targetAge")),
    (
        ("認可等年月日",),
        (
            "認可等年月日", "認可年月日", "認可日", "設置年月日", "開設年月日", "開設日", "設立年月日",
            "開所日", "開所年月日", "fiscalYearStartDay", "establishmentDate", "openingDate",
        ),
    ),
    (("一時預かりの有無",), ("一時預かりの有無", "一時預かり", "一時保育", "temporaryCare")),
    (("開始日",), ("開始日", "開催日", "開催開始日", "開始年月日", "startDate")),
    (("終了日",), ("終了日", "開催終了日", "終了年月日", "endDate")),
    (("イベント名",), ("イベント名", "催し名", "行事名", "催し物名", "eventName")),
    (("場所名称",), ("場所名称", "会場", "会場名", "開催場所", "venue", "placeName")),
    (("主催者",), ("主催者", "主催", "organizer")),
    (("文化財指定日",), ("文化財指定日", "指定日", "指定年月日", "culturalPropertyDate")),
    (("所有者等",), ("所有者等", "所有者", "owner")),
    (("員数（数）",), ("員数（数）", "員数", "member")),
    (("員数（単位）",), ("員数（単位）", "員数単位", "memberUnit")),
    (("病床数",), ("病床数", "ベッド数", "numberOfBeds")),
    (("診療科目",), ("診療科目", "診療科", "medicalSubjects")),
    (("総人口",), ("総人口", "人口", "totalPopulation")),
    (("男性",), ("男性", "男", "male", "man")),
    (("女性",), ("女性", "女", "female", "woman")),
    (("世帯数",), ("世帯数", "households", "numberOfHouseholds")),
    (("調査年月日",), ("調査年月日", "調査日", "基準日", "surveyDate")),
    (("地域名",), ("地域名", "町丁名", "regionName")),
    (("地域コード",), ("地域コード", "町丁コード", "regionCode")),
    (("駐車場情報",), ("駐車場情報", "駐車場", "駐車場詳細", "parking")),
    (("アクセス方法",), ("アクセス方法", "アクセス", "交通アクセス", "交通", "最寄り駅", "access")),
    (("料金(基本)", "料金"), ("料金(基本)", "料金", "利用料金", "利用料", "fee", "price")),
    (("SSID",), ("SSID", "ssid", "ネットワーク名")),
    (("提供エリア",), ("提供エリア", "利用可能エリア", "エリア", "area")),
    (("口径",), ("口径", "diameter")),
    (("災害種別_洪水",), ("災害種別_洪水", "洪水", "flood", "flood_L1", "flood_L2")),
    (
        ("災害種別_崖崩れ、土石流及び地滑り",),
        ("災害種別_崖崩れ、土石流及び地滑り", "土砂災害", "崖崩れ", "がけ崩れ", "土石流", "地滑り", "sedimentDisaster", "landslide"),
    ),
    (("災害種別_高潮",), ("災害種別_高潮", "高潮", "stormSurge")),
    (("災害種別_地震",), ("災害種別_地震", "地震", "earthquake")),
    (("災害種別_津波",), ("災害種別_津波", "津波", "tsunami", "tunami")),
    (("災害種別_大規模な火事",), ("災害種別_大規模な火事", "大規模な火事", "大規模火災", "火事", "火災", "fire")),
    (("災害種別_内水氾濫",), ("災害種別_内水氾濫", "内水氾濫", "内水", "inundation", "inlandFlooding")),
    (("災害種別_火山現象",), ("災害種別_火山現象", "火山現象", "火山", "噴火", "volcano", "eruption")),
    (
        ("指定避難所との重複",),
        ("指定避難所との重複", "指定避難所", "避難所との重複", "避難所指定", "alsoForShelter", "shelter"),
    ),
    (
        ("対象となる町会・自治会",),
        ("対象となる町会・自治会", "町内会", "自治会", "町会", "対象自治会", "対象地区", "residentsAssociation"),
    ),
    # 高松市's public-toilet property names.
    (("男性トイレ総数",), ("男性トイレ総数", "totalMensRestroom")),
    (("男性トイレ数（小便器）",), ("男性トイレ数（小便器）", "smallMensRestroom")),
    (("男性トイレ数（和式）",), ("男性トイレ数（和式）", "japaneseMensRestroom")),
    (("男性トイレ数（洋式）",), ("男性トイレ数（洋式）", "westernMensRestroom")),
    (("女性トイレ総数",), ("女性トイレ総数", "totalWomanRestroom", "totalWomensRestroom")),
    (("女性トイレ数（和式）",), ("女性トイレ数（和式）", "japaneseWomanRestroom")),
    (("女性トイレ数（洋式）",), ("女性トイレ数（洋式）", "westernWomanRestroom")),
    (("男女共用トイレ総数",), ("男女共用トイレ総数", "sharedRestroom")),
    (("男女共用トイレ数（和式）",), ("男女共用トイレ数（和式）", "japaneseSharedRestroom")),
    (("男女共用トイレ数（洋式）",), ("男女共用トイレ数（洋式）", "westernSharedRestroom")),
    (("バリアフリートイレ数", "多機能トイレ数"), ("多機能トイレ数", "多機能トイレ", "multifunctionalRestroom")),
    (("車椅子使用者用トイレ有無",), ("車椅子使用者用トイレ有無", "車椅子トイレ", "wheelchairRestroom")),
    (("乳幼児用設備設置トイレ有無",), ("乳幼児用設備設置トイレ有無", "ベビーシート", "anInfantRestroom")),
    (("オストメイト設置トイレ有無",), ("オストメイト設置トイレ有無", "オストメイト", "ostomateRestroom")),
)  # fmt: skip

# One cell holding both coordinates ("34.34,134.05"): feeds 緯度 and 経度.
PAIR_WORDS: tuple[str, ...] = (
    "location", "位置", "座標", "緯度経度", "緯度・経度", "位置情報", "latlon", "latlng",
    "latLong", "coordinates", "coordinate", "point", "geo", "geolocation",
)  # fmt: skip

# Words inside longer headers ("開設される災害の種類（地震・津波）", "公園HPアドレス",
# "startTimeWeekDays"): weaker evidence. A header naming several hazards feeds
# several flag columns.
KEYWORDS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("fax", ("FAX番号",), _KEYWORD),
    ("ファックス", ("FAX番号",), _KEYWORD),
    ("内線", ("内線番号", "連絡先内線番号"), _KEYWORD),
    ("電話", ("電話番号", "施設電話番号", "連絡先電話番号"), _KEYWORD),
    ("tel", ("電話番号", "施設電話番号", "連絡先電話番号"), _WEAK_KEYWORD),
    ("phone", ("電話番号", "施設電話番号", "連絡先電話番号"), _KEYWORD),
    ("メール", ("連絡先メールアドレス",), _KEYWORD),
    ("mail", ("連絡先メールアドレス",), _KEYWORD),
    ("郵便", ("郵便番号",), _KEYWORD),
    ("postal", ("郵便番号",), _KEYWORD),
    ("zip", ("郵便番号",), _KEYWORD),
    ("ふりがな", ("名称_カナ",), _KEYWORD),
    ("フリガナ", ("名称_カナ",), _KEYWORD),
    ("カナ", ("名称_カナ",), _KEYWORD),
    ("kana", ("名称_カナ",), _KEYWORD),
    ("英語", ("名称_英語", "名称_英字"), _WEAK_KEYWORD),
    ("romaji", ("名称_英語", "名称_英字"), _WEAK_KEYWORD),
    ("住所", ("所在地_連結表記", "住所"), _KEYWORD),
    ("所在地", ("所在地_連結表記", "住所"), _KEYWORD),
    ("address", ("所在地_連結表記", "住所"), _WEAK_KEYWORD),
    ("方書", ("建物名等(方書)", "方書"), _KEYWORD),
    ("緯度", ("緯度",), _KEYWORD),
    ("経度", ("経度",), _KEYWORD),
    ("latitude", ("緯度",), _KEYWORD),
    ("longitude", ("経度",), _KEYWORD),
    ("url", ("URL",), _KEYWORD),
    ("hp", ("URL",), _WEAK_KEYWORD),
    ("ホームページ", ("URL",), _KEYWORD),
    ("画像", ("画像", "画像1"), _WEAK_KEYWORD),
    ("写真", ("画像", "画像1"), _WEAK_KEYWORD),
    ("starttime", ("開始時間", "利用開始時間", "診療開始時間"), _KEYWORD),
    ("endtime", ("終了時間", "利用終了時間", "診療終了時間"), _KEYWORD),
    ("開館時間", ("開始時間", "利用開始時間"), _KEYWORD),
    ("営業時間", ("開始時間", "利用開始時間"), _KEYWORD),
    ("利用時間", ("開始時間", "利用開始時間"), _KEYWORD),
    ("診療時間", ("診療開始時間",), _KEYWORD),
    ("備考", ("備考",), _WEAK_KEYWORD),
    ("説明", ("説明", "概要"), _WEAK_KEYWORD),
    ("紹介", ("説明", "概要"), _WEAK_KEYWORD),
    ("概要", ("概要", "説明"), _WEAK_KEYWORD),
    ("駐車場", ("駐車場情報",), _KEYWORD),
    ("定員", ("収容定員", "定員", "想定収容人数"), _KEYWORD),
    ("収容", ("収容定員", "定員", "想定収容人数"), _KEYWORD),
    ("種別", ("種別", "種類"), _WEAK_KEYWORD),
    ("種類", ("種類", "種別"), _WEAK_KEYWORD),
    ("洪水", ("災害種別_洪水",), _KEYWORD),
    ("flood", ("災害種別_洪水",), _KEYWORD),
    ("風水害", ("災害種別_洪水",), _KEYWORD),
    ("風水害", ("災害種別_高潮",), _KEYWORD),
    ("風水害", ("災害種別_内水氾濫",), _KEYWORD),
    ("土砂", ("災害種別_崖崩れ、土石流及び地滑り",), _KEYWORD),
    ("崖崩れ", ("災害種別_崖崩れ、土石流及び地滑り",), _KEYWORD),
    ("がけ崩れ", ("災害種別_崖崩れ、土石流及び地滑り",), _KEYWORD),
    ("高潮", ("災害種別_高潮",), _KEYWORD),
    ("地震", ("災害種別_地震",), _KEYWORD),
    ("津波", ("災害種別_津波",), _KEYWORD),
    ("火事", ("災害種別_大規模な火事",), _KEYWORD),
    ("火災", ("災害種別_大規模な火事",), _KEYWORD),
    ("内水", ("災害種別_内水氾濫",), _KEYWORD),
    ("火山", ("災害種別_火山現象",), _KEYWORD),
)

# Headers ending in 名/名称/name usually name the record ("公園名",
# "要配慮者利用施設名称", "groupName"); these do not.
_NAME_SUFFIXES = ("名称", "名", "name")
_NOT_NAMES = frozenset(
    {"都道府県名", "市区町村名", "市町村名", "県名", "団体名", "法人名", "町名", "地域名", "会社名",
     "プレフィックス名", "prefname", "cityname", "townname", "username", "filename"}
)  # fmt: skip

# Columns filled from the same cell as their partner when it holds a pair.
_RANGE_PARTNERS: dict[str, str] = {
    "開始時間": "終了時間",
    "利用開始時間": "利用終了時間",
    "診療開始時間": "診療終了時間",
    "子供預かり開所時間": "子供預かり閉所時間",
}
_END_TIMES = frozenset(_RANGE_PARTNERS.values())
_ADDRESS_HEADERS = frozenset({"所在地_連結表記", "住所"})
_POSTAL_HEADERS = ("郵便番号", "教育機関_郵便番号")
# Publisher code columns; 市区町村コード (指定緊急避難場所) is the site's
# municipality, almost always the publisher in a municipal file.
_CODE_HEADERS = ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード")

_SEPARATORS = re.compile(r"[\s_\-‐‑–—−.,:;/・･()\[\]{}（）［］｛｝「」『』【】〔〕]+")
_BRACKETED = re.compile(r"[（(【\[［〔][^）)】\]］〕]*[）)】\]］〕]")


def _key(text: str) -> str:
    """Comparison key of a header word: NFKC, case-folded, separators and brackets dropped."""
    folded = unicodedata.normalize("NFKC", text.lstrip("\ufeff")).casefold()
    return _SEPARATORS.sub("", folded)


@dataclass(frozen=True, slots=True)
class _Word:
    header: str
    pair: bool = False


def _synonym_index(model: type[DatasetRecord]) -> dict[str, list[_Word]]:
    """Synonym key → standard headers of ``model`` it denotes."""
    present = set(model.headers())
    index: dict[str, list[_Word]] = {}
    for targets, words in SYNONYMS:
        header = next((t for t in targets if t in present), None)
        if header is None:
            continue
        for word in words:
            entries = index.setdefault(_key(word), [])
            if all(w.header != header for w in entries):
                entries.append(_Word(header))
    for latlon in ("緯度", "経度"):
        if latlon in present:
            for word in PAIR_WORDS:
                index.setdefault(_key(word), []).append(_Word(latlon, pair=True))
    return index


def _renames(model: type[DatasetRecord]) -> dict[str, str]:
    """Key of the other edition's header → this model's header (推奨 ↔ 標準 renames)."""
    from stdschema.conversion.upgrade import RENAMES

    present = set(model.headers())
    out: dict[str, str] = {}
    for v2, v1 in RENAMES.items():
        if isinstance(v1, tuple):
            continue
        if model.__dataset__.edition == "v2" and v2 in present:
            out[_key(v1)] = v2
        elif model.__dataset__.edition == "v1" and v1 in present:
            out[_key(v2)] = v1
    return out


# --------------------------------------------------------------------------- values

_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_HALF_KANA = re.compile("[\uff61-\uff9f]")
_HIRAGANA = re.compile("[\u3041-\u3096]")
_KATAKANA = re.compile("[\u30a1-\u30fa]")
_FULL_DIGIT = re.compile("[０-９]")
_FULL_ASCII = re.compile("[\uff01-\uff5e]")
_DECIMAL = re.compile(r"-?[0-9]{1,3}\.[0-9]+")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PLAIN_INT = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_TIME_RANGE = re.compile(r"\s*([0-9]{1,2}:[0-9]{2})\s*[~〜\-ー−―‐]\s*([0-9]{1,2}:[0-9]{2})")
_POSTAL_PREFIX = re.compile(r"〒?\s*[0-9]{3}[-ー−‐―]?[0-9]{4}[\s]+\S")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_ALNUM = re.compile(r"[0-9A-Za-z_\-]+")
_CIRCLES = frozenset({"○", "〇", "◯", "●"})
_CROSSES = frozenset({"×", "✕", "✖", "-", "－", "ー"})
_EDGE_SPACE = " \t\r\n\u3000\u00a0"


@dataclass
class _Profile:
    """What the sample values of one input column look like."""

    name: str
    index: int
    values: list[str]
    """Non-blank values of the sample, stripped."""
    edge_space: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    distinct: int = 0

    @property
    def n(self) -> int:
        return len(self.values)

    def frac(self, kind: str) -> float:
        return self.counts[kind] / self.n if self.n else 0.0

    def without(self, drop: frozenset[str]) -> _Profile:
        """The same column judged without the values in ``drop``."""
        kept = [v for v in self.values if v not in drop]
        if len(kept) == len(self.values):
            return self
        out = _Profile(self.name, self.index, kept, self.edge_space, distinct=len(set(kept)))
        for value in kept:
            out.counts.update(_classify(value))
        return out

    def constant(self) -> str | None:
        """The single value of the column when every sampled row has it."""
        return self.values[0] if self.n and self.distinct == 1 else None


@lru_cache(maxsize=65536)
def _classify(value: str) -> frozenset[str]:
    """The kinds a single (stripped, non-blank) value has."""
    kinds: set[str] = set()
    folded = unicodedata.normalize("NFKC", value)
    if _DECIMAL.fullmatch(folded):
        number = float(folded)
        if 20.0 <= number <= 46.0:
            kinds.add("lat")
        if 122.0 <= number <= 154.0:
            kinds.add("lon")
    ordered = lat_lon_in_one_cell(value)
    if ordered is not None:
        kinds.add("pair")
        if ordered != split_lat_lon(value):
            kinds.add("pair_swapped")
    digits = folded.strip()
    if digits.isascii() and digits.isdigit():
        if len(digits) == 6 and is_valid_local_gov_code(digits) and _known_code(digits):
            kinds.add("code6")
        if len(digits) == 5 and _known_code(digits + local_gov_check_digit(digits)):
            kinds.add("code5")
        if len(digits) == 7:
            kinds.add("digits7")
        if len(digits) == 13:
            kinds.add("digits13")
    if normalize_number(value) is not None:
        kinds.add("number")
        if _PLAIN_NUMBER.fullmatch(value):
            kinds.add("number_plain")
        if "." not in (normalize_number(value) or "."):
            kinds.add("int")
            if _PLAIN_INT.fullmatch(value):
                kinds.add("int_plain")
    if normalize_date(value) is not None:
        kinds.add("date")
        if _ISO_DATE.fullmatch(value):
            kinds.add("date_iso")
        if wareki_to_iso(value) is not None:
            kinds.add("wareki")
    elif normalize_date(value, us_order=True) is not None:
        kinds.update(("date", "date_us"))
    if normalize_time(value) is not None:
        kinds.add("time")
        if _PLAIN_TIME.fullmatch(value):
            kinds.add("time_plain")
    elif folded.strip() in ("24:00", "24時"):
        kinds.update(("time", "time24"))
    elif _TIME_RANGE.match(folded):
        kinds.add("time_range")
    if _HALF_KANA.search(value):
        kinds.add("half_kana")
    if _HIRAGANA.search(value):
        kinds.add("hiragana")
    if _KANJI.search(value):
        kinds.add("kanji")
    kana = to_katakana(value)
    if kana is not None and _KATAKANA.search(kana) and not _FULL_ASCII.search(kana):
        kinds.add("kana")
    if _FULL_DIGIT.search(value):
        kinds.add("full_digits")
    if _FULL_ASCII.search(value):
        kinds.add("full_ascii")
    if value.isascii():
        kinds.add("ascii")
        if _ALNUM.fullmatch(value):
            kinds.add("alnum")
    if value in _CIRCLES or normalize_flag_1(value) is not None:
        kinds.update(("flag", "circle") if value != "1" else ("flag",))
    if value in _CROSSES:
        kinds.add("cross")
    if normalize_yes_no(value) is not None:
        kinds.add("yes_no")
        if value in ("有", "無"):
            kinds.add("yes_no_plain")
    phone = normalize_phone(value)
    if phone is not None:
        kinds.add("phone")
        if phone == value:
            kinds.add("phone_plain")
    if normalize_postal_code(value) is not None:
        kinds.add("postal")
        if value.isascii() and len(value) == 7 and value.isdigit():
            kinds.add("postal_plain")
    if _POSTAL_PREFIX.match(folded):
        kinds.add("postal_prefix")
    if _URL.match(value):
        kinds.add("url")
    if _EMAIL.fullmatch(value):
        kinds.add("email")
    weekdays = normalize_weekdays(value)
    if weekdays is not None:
        kinds.add("weekdays")
        if weekdays == value:
            kinds.add("weekdays_plain")
    return frozenset(kinds)


def _known_code(code: str) -> bool:
    from stdschema.codes import exists

    return exists(code)


def _profile(name: str, index: int, raw: Iterable[str]) -> _Profile:
    values: list[str] = []
    edge = 0
    for cell in raw:
        stripped = cell.strip(_EDGE_SPACE)
        # 高松市 writes "," for a missing "lat,lon": no data, like a blank cell.
        if not stripped.strip(",，、 "):
            continue
        if stripped != cell:
            edge += 1
        values.append(stripped)
    profile = _Profile(name, index, values, edge_space=edge, distinct=len(set(values)))
    for value in values:
        profile.counts.update(_classify(value))
    return profile


def _pct(x: float) -> str:
    return "<1%" if 0 < x < 0.005 else f"{round(100 * x)}%"


@dataclass
class _Evidence:
    """What the values say about filling one standard column from one input column."""

    fit: float = 0.0
    """-1 (values contradict the column) … 0 (no opinion) … 1 (values are what the column holds)."""
    transforms: list[TransformSpec] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    shared: bool = False
    """The cell can also feed another column (a pair, a range, a glued postal code)."""


# Cells that say "nothing here" in columns whose values have a format.
_PLACEHOLDERS = frozenset(
    {"-", "－", "ー", "―", "‐", "−", "—", "なし", "無し", "不明", "未定", "該当なし", "*", "＊", "/"}
)  # fmt: skip
_BLANKABLE = frozenset(
    {"phone", "extension", "postal_code", "url", "email", "date", "time", "number", "count",
     "corporate_number", "latitude", "longitude", "weekdays", "local_gov_code"}
)  # fmt: skip

_SPECIFIC_RULES = frozenset(
    {"latitude", "longitude", "local_gov_code", "postal_code", "url", "email", "corporate_number",
     "chome_id", "phone", "date", "time", "weekdays", "katakana"}
)  # fmt: skip


def _evidence(p: _Profile, column: Column, *, pair_header: bool = False) -> _Evidence:
    """Judge the values of ``p`` as contents of ``column`` and pick transforms."""
    if column.rule in ("latitude", "longitude") and pair_header:
        ev = _pair_evidence(p, column.rule == "latitude")
        if p.n:
            ev.fit = p.frac("pair") * 2 - 1
        return ev
    if p.n == 0:
        return _Evidence(0.0, [], ["the column is empty in the sample"])
    placeholders: list[str] = []
    if column.rule in _BLANKABLE:
        # "ー" or "なし" in a phone or date column means "no value": blank_if
        # keeps those rows instead of rejecting them.
        placeholders = sorted({v for v in p.values if v in _PLACEHOLDERS})
        p = p.without(frozenset(placeholders))
        if p.n == 0:
            return _Evidence(0.0, [], ["the column holds only placeholders such as 'ー'"])
    ev = _judge(p, column)
    if placeholders and ev.fit > 0:
        listed = ", ".join(repr(v) for v in placeholders)
        ev.transforms.insert(0, {"blank_if": {"values": placeholders}})
        ev.reasons.append(f"placeholder values {listed} become blank")
    if p.edge_space and not any(t == "trim" for t in ev.transforms):
        ev.transforms.insert(0, "trim")
    return ev


def _judge(p: _Profile, column: Column) -> _Evidence:
    rule = column.rule
    if rule in ("latitude", "longitude"):
        return _judge_coordinate(p, column)
    if rule == "local_gov_code":
        six, five = p.frac("code6"), p.frac("code5")
        if six + five >= 0.5:
            reasons = []
            if six:
                reasons.append(f"values are valid 6-digit codes ({_pct(six)})")
            if five:
                reasons.append(f"values are 5-digit codes without the check digit ({_pct(five)})")
            needs = five > 0 or six < 1
            return _Evidence(min(1.0, six + five), ["local_gov_code"] if needs else [], reasons)
        return _Evidence(-0.6, [], ["values are not local government codes"])
    if rule == "record_id":
        unique = p.distinct / p.n
        alnum = max(p.frac("alnum"), p.frac("int"))
        transforms: list[TransformSpec] = ["half_width"] if p.frac("full_ascii") else []
        if unique >= 0.95 and alnum >= 0.9:
            return _Evidence(0.6, transforms, ["values are unique alphanumeric IDs"])
        if unique < 0.9:
            return _Evidence(-0.4, transforms, [f"values repeat ({p.distinct} distinct of {p.n})"])
        return _Evidence(0.0, transforms, [])
    if rule == "katakana":
        kana = p.frac("kana")
        if kana >= 0.5:
            reasons = [f"values are kana ({_pct(kana)})"]
            half, hira = p.frac("half_kana"), p.frac("hiragana")
            transforms = []
            if half and hira:
                transforms = ["katakana"]
            elif half:
                transforms = ["kana_full_width"]
            elif hira:
                transforms = ["hiragana_to_katakana"]
            if half:
                reasons.append(f"half-width katakana in {_pct(half)} of values")
            if hira:
                reasons.append(f"hiragana in {_pct(hira)} of values")
            return _Evidence(kana, transforms, reasons)
        if p.frac("kanji") >= 0.5:
            return _Evidence(
                -0.7, [], [f"values contain kanji ({_pct(p.frac('kanji'))}), not kana"]
            )
        return _Evidence(-0.3, [], ["values are not kana"])
    if rule == "half_width":
        ascii_ = p.frac("ascii")
        if ascii_ + p.frac("full_ascii") >= 0.5 and not p.frac("kanji"):
            transforms = ["half_width"] if p.frac("full_ascii") else []
            return _Evidence(0.5, transforms, ["values are Latin-script text"])
        return _Evidence(-0.5, [], ["values are not half-width text"])
    if rule == "postal_code":
        postal = p.frac("postal")
        if postal >= 0.5:
            needs = p.frac("postal_plain") < 1
            return _Evidence(
                postal,
                ["postal_code"] if needs else [],
                [f"values are postal codes ({_pct(postal)})"],
            )
        prefix = p.frac("postal_prefix")
        if prefix >= 0.5:
            return _Evidence(
                prefix,
                ["extract_postal_code"],
                [f"values start with a postal code ({_pct(prefix)})"],
                shared=True,
            )
        return _Evidence(-0.6, [], ["values are not postal codes"])
    if rule in ("phone",):
        phone = p.frac("phone")
        if phone >= 0.5:
            reasons = [f"values look like phone numbers ({_pct(phone)})"]
            odd = [v for v in p.values if "phone" not in _classify(v)]
            if odd:
                reasons.append(f"{len(odd)} values are not, e.g. {_short(odd[0])!r}")
            needs = p.frac("phone_plain") < 1
            return _Evidence(phone, ["phone"] if needs else [], reasons)
        return _Evidence(-0.6, [], ["values are not phone numbers"])
    if rule == "url":
        url = p.frac("url")
        if url >= 0.5:
            return _Evidence(url, [], [f"values are URLs ({_pct(url)})"])
        return _Evidence(-0.6, [], ["values are not URLs"])
    if rule == "email":
        email = p.frac("email")
        if email >= 0.5:
            return _Evidence(email, [], [f"values are e-mail addresses ({_pct(email)})"])
        return _Evidence(-0.6, [], ["values are not e-mail addresses"])
    if rule in ("count", "number"):
        kind, plain, name = ("int", "int_plain", "integer") if rule == "count" else (
            "number", "number_plain", "number")  # fmt: skip
        share = p.frac(kind)
        if share >= 0.5:
            needs = p.frac(plain) < 1
            return _Evidence(
                share * 0.6, [name] if needs else [], [f"values are numbers ({_pct(share)})"]
            )
        return _Evidence(-0.5, [], ["values are not numbers"])
    if rule == "date":
        return _judge_date(p)
    if rule == "time":
        return _judge_time(p, column)
    if rule == "weekdays":
        days = p.frac("weekdays")
        if days >= 0.5:
            needs = p.frac("weekdays_plain") < 1
            return _Evidence(
                days, ["weekdays"] if needs else [], [f"values are days of the week ({_pct(days)})"]
            )
        return _Evidence(-0.3, [], ["values are not days of the week"])
    if rule == "yes_no":
        yes_no = p.frac("yes_no")
        if yes_no >= 0.5:
            needs = p.frac("yes_no_plain") < 1
            return _Evidence(
                yes_no, ["yes_no"] if needs else [], [f"values are yes/no marks ({_pct(yes_no)})"]
            )
        return _Evidence(-0.4, [], ["values are not yes/no marks"])
    if rule == "flag_1":
        return _judge_flag(p)
    if rule == "corporate_number":
        share = p.frac("digits13")
        return (_Evidence(share, [], [f"values have 13 digits ({_pct(share)})"]) if share >= 0.5
                else _Evidence(-0.5, [], ["values are not 13-digit numbers"]))  # fmt: skip
    if rule == "chome_id":
        share = p.frac("digits7")
        return (_Evidence(share, [], [f"values have 7 digits ({_pct(share)})"]) if share >= 0.5
                else _Evidence(-0.5, [], ["values are not 7-digit IDs"]))  # fmt: skip
    return _judge_text(p, column)


def _judge_coordinate(p: _Profile, column: Column) -> _Evidence:
    latitude = column.rule == "latitude"
    want, other = ("lat", "lon") if latitude else ("lon", "lat")
    noun, other_noun = ("latitudes", "longitudes") if latitude else ("longitudes", "latitudes")
    pair = p.frac("pair")
    if pair >= 0.5:
        return _pair_evidence(p, latitude)
    mine, theirs = p.frac(want), p.frac(other)
    if mine >= 0.5:
        transforms: list[TransformSpec] = ["half_width"] if p.frac("full_ascii") else []
        return _Evidence(mine, transforms, [f"values are {noun} in Japan ({_pct(mine)})"])
    if theirs >= 0.5:
        return _Evidence(
            -theirs,
            [],
            [f"values look like {other_noun} ({_pct(theirs)}): 緯度 and 経度 may be swapped"],
        )
    return _Evidence(-0.6, [], ["values are not coordinates in Japan"])


def _pair_evidence(p: _Profile, latitude: bool) -> _Evidence:
    """lat_lon for one cell holding both coordinates (lat_lon takes the parts in written order)."""
    reasons = [f"values are 'lat,lon' pairs ({_pct(p.frac('pair'))})"] if p.n else []
    first = latitude
    if p.frac("pair_swapped") >= 0.5:
        reasons.append("pairs are written longitude first")
        first = not latitude
    arg = "latitude" if first else "longitude"
    return _Evidence(p.frac("pair"), [{"lat_lon": arg}], reasons, shared=True)


def _judge_date(p: _Profile) -> _Evidence:
    dates = p.frac("date")
    if dates < 0.5:
        return _Evidence(-0.5, [], ["values are not dates"])
    wareki, iso, us = p.frac("wareki"), p.frac("date_iso"), p.counts["date_us"]
    if wareki >= 0.5:
        reasons = [f"values look like 和暦 dates ({_pct(wareki)})"]
    else:
        reasons = [f"values are dates ({_pct(dates)})"]
    transform: TransformSpec = "date"
    if us:
        # 高松市 writes 3/25/2021; us_order also reads every other form.
        reasons.append(f"{us} values are M/D/YYYY")
        transform = {"date": {"us_order": True}}
    elif wareki == dates:
        transform = "wareki_to_iso"
    return _Evidence(dates, [] if iso == 1 else [transform], reasons)


def _judge_time(p: _Profile, column: Column) -> _Evidence:
    times, ranges = p.frac("time"), p.frac("time_range")
    if times >= 0.5:
        needs = p.frac("time_plain") < 1
        reasons = [f"values are times ({_pct(times)})"]
        if p.frac("full_ascii"):
            reasons.append("full-width digits or colons")
        if p.counts["time24"]:
            reasons.append(
                f"'24:00' in {p.counts['time24']} values is not a valid time "
                "(map it to 23:59, or keep it with {time: {allow_24: true}} and explain)"
            )
        return _Evidence(times, ["time"] if needs else [], reasons)
    if ranges >= 0.5:
        end = column.header in _END_TIMES
        example = next(v for v in p.values if _TIME_RANGE.match(unicodedata.normalize("NFKC", v)))
        return _Evidence(
            ranges,
            ["time_range_end" if end else "time_range_start"],
            [f"values are time ranges like {_short(example)!r} ({_pct(ranges)})"],
            shared=True,
        )
    return _Evidence(-0.5, [], ["values are not times"])


def _judge_flag(p: _Profile) -> _Evidence:
    marks = p.frac("flag") + p.frac("cross")
    if marks < 0.5:
        return _Evidence(-0.5, [], ["values are not ○/1 flags"])
    reasons = [f"values are ○/1 flags ({_pct(marks)})"]
    others = Counter(v for v in p.values if not {"flag", "cross"} & _classify(v))
    if others:
        listed = ", ".join(f"{v!r} ×{n}" for v, n in others.most_common(3))
        if any(v in ("△", "▲") for v in others):
            listed += " (flag_1 refuses △, 'conditional': decide it with map or blank_if)"
        reasons.append(f"other values: {listed}")
    needs = p.frac("circle") > 0 or p.frac("cross") > 0
    return _Evidence(marks, ["flag_1"] if needs else [], reasons)


def _judge_text(p: _Profile, column: Column) -> _Evidence:
    ev = _Evidence()
    address = column.header in _ADDRESS_HEADERS
    for kind, noun in (
        ("pair", "coordinate pairs"),
        ("lat", "latitudes"),
        ("lon", "longitudes"),
        ("url", "URLs"),
        ("time", "times"),
        ("date", "dates"),
        ("phone", "phone numbers"),
    ):
        if p.frac(kind) >= 0.8:
            ev.fit = -0.4
            ev.reasons.append(f"values look like {noun} ({_pct(p.frac(kind))}), not text")
            return ev
    if address:
        if p.frac("kanji") >= 0.8:
            ev.fit = 0.3
        prefix = p.frac("postal_prefix")
        if prefix:
            ev.transforms.append("strip_postal_code")
            ev.reasons.append(f"a postal code precedes the address in {_pct(prefix)} of values")
    if p.frac("half_kana"):
        ev.transforms.append("kana_full_width")
        ev.reasons.append(f"half-width katakana in {_pct(p.frac('half_kana'))} of values")
    if p.frac("full_digits"):
        ev.transforms.append("digits_half_width")
        ev.reasons.append(f"full-width digits in {_pct(p.frac('full_digits'))} of values")
    return ev


def _short(text: str, limit: int = 24) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------- header evidence


@dataclass(frozen=True, slots=True)
class _HeaderMatch:
    score: float
    reason: str
    pair: bool = False
    keyword: bool = False


def _header_matches(
    source: str,
    model: type[DatasetRecord],
    synonyms: dict[str, list[_Word]],
    renames: dict[str, str],
) -> dict[str, _HeaderMatch]:
    """Standard header → best header evidence that ``source`` denotes it."""
    found: dict[str, _HeaderMatch] = {}

    def offer(header: str, match: _HeaderMatch) -> None:
        if header not in found or match.score > found[header].score:
            found[header] = match

    key = _key(source)
    if not key:
        return found
    resolved = resolve_header(model, source)
    if resolved is not None:
        column, exact = resolved
        if exact:
            offer(column.header, _HeaderMatch(_EXACT, "header matches exactly"))
        else:
            offer(column.header, _HeaderMatch(_VARIANT, _variant_reason(source, column)))
    if key in renames:
        edition = "推奨 (v1)" if model.__dataset__.edition == "v2" else "標準 (v2)"
        offer(
            renames[key],
            _HeaderMatch(_RENAMED, f"header {source!r} is the {edition} name of {renames[key]}"),
        )
    for word in synonyms.get(key, ()):
        score = _PAIR_SYNONYM if word.pair else _SYNONYM
        if word.pair:
            reason = f"header {source!r} names a 'lat,lon' column"
        else:
            reason = f"header {source!r} is a known synonym of {word.header}"
        offer(word.header, _HeaderMatch(score, reason, pair=word.pair))
    bare = _key(_BRACKETED.sub("", unicodedata.normalize("NFKC", source)))
    if bare and bare != key:
        for word in synonyms.get(bare, ()):
            reason = f"header {source!r} without its bracketed note is a synonym of {word.header}"
            offer(word.header, _HeaderMatch(_bracketed_score(word), reason, pair=word.pair))
    if any(m.score >= _STRONG for m in found.values()):
        # A header that clearly names one column is not offered to others by
        # keyword ("都道府県名" ends in 名 but is not the record's name).
        return found
    present = set(model.headers())
    for keyword, targets, score in KEYWORDS:
        if _key(keyword) in key:
            header = next((t for t in targets if t in present), None)
            if header is not None:
                reason = f"header {source!r} contains {keyword!r}"
                offer(header, _HeaderMatch(score, reason, keyword=True))
    band = _age_band(key)
    if band is not None and band in present:
        reason = f"header {source!r} reads as the 5-year age band {band}"
        offer(band, _HeaderMatch(_KEYWORD, reason, keyword=True))
    if key.endswith(tuple(_key(s) for s in _NAME_SUFFIXES)) and key not in _NOT_NAMES:
        name_header = next((h for h in ("名称", "施設名称", "イベント名") if h in present), None)
        if name_header is not None:
            suffix = next(s for s in _NAME_SUFFIXES if key.endswith(_key(s)))
            offer(
                name_header,
                _HeaderMatch(_WEAK_KEYWORD, f"header {source!r} ends in {suffix!r}", keyword=True),
            )
    for column in model.__columns__:
        if column.header in found:
            continue
        best, similar = _fuzzy(key, column, synonyms)
        if best >= 0.75:
            offer(
                column.header,
                _HeaderMatch(round(_FUZZY * best, 3), f"header {source!r} resembles {similar!r}"),
            )
    return found


_AGE_BAND = re.compile(r"(man|male|men|woman|female|women)([0-9]{1,2})")


def _age_band(key: str) -> str | None:
    """高松市 numbers the 5-year bands of 地域・年齢別人口: man1 is 0-4歳, man18 85歳以上."""
    match = _AGE_BAND.fullmatch(key)
    if match is None or not 1 <= int(match.group(2)) <= 18:
        return None
    sex = "女性" if match.group(1).startswith(("wom", "fem")) else "男性"
    n = int(match.group(2))
    band = "85歳以上" if n == 18 else f"{5 * (n - 1)}-{5 * n - 1}歳"
    return f"{band}の{sex}"


def _bracketed_score(word: _Word) -> float:
    return _BRACKETED_NOTE - (0.05 if word.pair else 0.0)


def _variant_reason(source: str, column: Column) -> str:
    key = normalize_header(source)
    if key == normalize_header(column.header):
        return f"header {source!r} is {column.header} spelled differently"
    if key in (normalize_header(column.attr), normalize_header(column.english_name or "")):
        return f"header {source!r} is the English name of {column.header}"
    return f"header {source!r} is a known alias of {column.header}"


def _fuzzy(key: str, column: Column, synonyms: dict[str, list[_Word]]) -> tuple[float, str]:
    words = [column.header, column.attr, column.english_name or ""]
    words += [k for k, ws in synonyms.items() if any(w.header == column.header for w in ws)]
    best, best_word = 0.0, ""
    for word in words:
        other = _key(word)
        if len(other) < 3 or len(key) < 3:
            continue  # two letters resemble everything
        ratio = difflib.SequenceMatcher(None, key, other).ratio()
        if ratio > best:
            best, best_word = ratio, word
    return best, best_word


# --------------------------------------------------------------------------- reading


@dataclass
class _Input:
    header: list[str]
    columns: dict[str, list[str]]
    rows: int
    source: SourceOptions
    notes: list[str]
    attribution: str | None = None
    """The publisher named in a Takamatsu '#attribution_name' metadata row."""


def _read(
    path: Path,
    *,
    encoding: str | None,
    sheet: str | int | None,
    header_row: int | None,
    record_xpath: str | None,
    namespaces: dict[str, str] | None,
    sample_rows: int,
) -> _Input:
    from stdschema.io import iter_xml_records, open_table

    if record_xpath:
        it = iter_xml_records(path, record_xpath, namespaces, encoding=encoding)
        header: list[str] = []
        records: list[dict[str, str]] = []
        with it:
            for _line, fields in it:
                if len(records) >= sample_rows:
                    break
                records.append(fields)
                header.extend(k for k in fields if k not in header)
        by_field = {h: [r.get(h, "") for r in records] for h in header}
        source = SourceOptions(
            format="xml",
            encoding=encoding,
            record_xpath=record_xpath,
            namespaces=dict(namespaces or {}),
        )
        return _Input(header, by_field, len(records), source, list(it.notes))
    with open_table(path, encoding=encoding, header_row=header_row, sheet=sheet) as table:
        header = list(table.header)
        cells: list[list[str]] = [[] for _ in header]
        rows = 0
        for record in table.records():
            if record.is_blank:
                continue
            if rows >= sample_rows:
                break
            rows += 1
            for i in range(len(header)):
                cells[i].append(record.cells[i] if i < len(record.cells) else "")
        detected = table.encoding.name if table.encoding else None
        # UTF-8 is found again on every read; anything else is written down so
        # that the conversion reads the file the way it was sampled.
        keep = encoding or (detected if detected and not detected.startswith("utf-8") else None)
        source = SourceOptions(
            format="xlsx" if table.format == "xlsx" else None,
            encoding=keep if table.format != "xlsx" else None,
            header_row=header_row,
            sheet=sheet,
        )
        notes = list(table.notes)
        attribution = next(
            (
                row.cells[1].strip()
                for row in table.preamble
                if len(row.cells) > 1 and row.cells[0].strip() == "#attribution_name"
            ),
            None,
        )
    columns: dict[str, list[str]] = {}
    kept: list[str] = []
    for name, values in zip(header, cells, strict=True):
        if not name.strip():
            notes.append("a column without a header cannot be mapped by name; it is skipped")
            continue
        if name in columns:
            notes.append(f"header {name!r} repeats; only its first column can be mapped")
            continue
        columns[name] = values
        kept.append(name)
    return _Input(kept, columns, rows, source, notes, attribution or None)


# --------------------------------------------------------------------------- assignment


@dataclass
class _Candidate:
    column: Column
    source: str
    index: int
    confidence: float
    rule: ColumnRule
    reasons: list[str]
    shared: bool
    by_header: bool = True
    """False when only the values suggested it."""


def _confidence(header: float, fit: float, rule: str) -> float:
    if header <= 0:
        if fit >= 0.8 and rule in _SPECIFIC_RULES:
            return min(_VALUE_ONLY_CAP, 0.2 + 0.25 * fit)
        return 0.0
    if fit >= 0:
        return header + (1 - header) * 0.5 * fit
    return max(0.0, header + 0.4 * fit)


def _candidates(model: type[DatasetRecord], profiles: list[_Profile]) -> list[_Candidate]:
    synonyms = _synonym_index(model)
    renames = _renames(model)
    by_header = {c.header: c for c in model.__columns__}
    out: list[_Candidate] = []
    for p in profiles:
        matches = _header_matches(p.name, model, synonyms, renames)
        for column in model.__columns__:
            match = matches.get(column.header)
            ev = _evidence(p, column, pair_header=bool(match and match.pair))
            score = match.score if match else 0.0
            confidence = _confidence(score, ev.fit, column.rule)
            if confidence <= 0:
                continue
            reasons = [match.reason] if match else ["no header evidence; judged by values only"]
            reasons += ev.reasons
            shared = ev.shared or bool(match and match.keyword and column.rule == "flag_1")
            rule = ColumnRule(source=p.name, transforms=list(ev.transforms))
            out.append(
                _Candidate(
                    column, p.name, p.index, confidence, rule, reasons, shared, match is not None
                )
            )
            partner = _partner(column, ev, by_header)
            if partner is not None:
                pev = _evidence(p, partner, pair_header=bool(match and match.pair))
                prule = ColumnRule(source=p.name, transforms=list(pev.transforms))
                preasons = [*reasons[:1], *pev.reasons, f"the same cell also fills {column.header}"]
                out.append(
                    _Candidate(
                        partner,
                        p.name,
                        p.index,
                        confidence,
                        prule,
                        preasons,
                        True,
                        match is not None,
                    )
                )
            if column.header in _ADDRESS_HEADERS and p.frac("postal_prefix") >= 0.5:
                postal = next((by_header[h] for h in _POSTAL_HEADERS if h in by_header), None)
                if postal is not None:
                    pev = _evidence(p, postal)
                    prule = ColumnRule(source=p.name, transforms=list(pev.transforms))
                    preasons = [
                        f"the address column {p.name!r} starts with a postal code",
                        *pev.reasons,
                    ]
                    out.append(
                        _Candidate(
                            postal, p.name, p.index, confidence * 0.85, prule, preasons, True
                        )
                    )
    return out


def _partner(column: Column, ev: _Evidence, by_header: dict[str, Column]) -> Column | None:
    """The other column one cell also fills: 経度 for 緯度 from a pair, the end of a range."""
    if not ev.shared:
        return None
    if column.header == "緯度" and "経度" in by_header:
        return by_header["経度"]
    partner = _RANGE_PARTNERS.get(column.header)
    if partner is not None and partner in by_header and "time_range_start" in ev.transforms:
        return by_header[partner]
    return None


def _assign(
    model: type[DatasetRecord], candidates: list[_Candidate]
) -> tuple[dict[str, _Candidate], dict[str, list[_Candidate]]]:
    """Greedy by confidence: each standard column once, each input column once unless shared."""
    order = sorted(candidates, key=lambda c: (-c.confidence, c.column.no, c.index))
    chosen: dict[str, _Candidate] = {}
    uses: dict[str, list[_Candidate]] = {}
    for cand in order:
        if cand.confidence < MAPPED_THRESHOLD or cand.column.header in chosen:
            continue
        previous = uses.get(cand.source, [])
        if previous and not (cand.shared or all(c.shared for c in previous)):
            continue
        chosen[cand.column.header] = cand
        uses.setdefault(cand.source, []).append(cand)
    per_target: dict[str, list[_Candidate]] = {}
    for cand in order:
        per_target.setdefault(cand.column.header, []).append(cand)
    return chosen, per_target


def _fix_swapped(chosen: dict[str, _Candidate], profiles: list[_Profile]) -> None:
    """Add fix_swapped_coordinates when some rows hold 緯度 and 経度 the wrong way round."""
    lat, lon = chosen.get("緯度"), chosen.get("経度")
    if lat is None or lon is None or lat.source == lon.source:
        return
    by_name = {p.name: p for p in profiles}
    lat_p, lon_p = by_name[lat.source], by_name[lon.source]
    swapped = min(lat_p.counts["lon"], lon_p.counts["lat"]) if lon_p.n else lat_p.counts["lon"]
    if not swapped:
        return
    for cand, take, other in ((lat, "latitude", lon.source), (lon, "longitude", lat.source)):
        fix: TransformSpec = {"fix_swapped_coordinates": {"take": take, "other": other}}
        cand.rule = ColumnRule(source=cand.source, transforms=[*cand.rule.transforms, fix])
        cand.reasons.append(f"{swapped} rows have 緯度 and 経度 swapped")


# --------------------------------------------------------------------------- publisher


@dataclass(frozen=True, slots=True)
class _Publisher:
    code: str
    reason: str
    source: str | None = None  # the input column it was read from


_FILENAME_CODE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


def _publisher(path: Path, profiles: list[_Profile], attribution: str | None) -> _Publisher | None:
    """The publisher's 全国地方公共団体コード, from a constant code column, the file name,
    the '#attribution_name' row or constant prefecture and municipality names."""
    from stdschema.codes import code_for_name, lookup

    for p in profiles:
        value = p.constant()
        if value is None:
            continue
        code = normalize_local_gov_code(value)
        if code is None:
            digits = unicodedata.normalize("NFKC", value).strip()
            if len(digits) == 5 and digits.isdigit():
                code = digits + local_gov_check_digit(digits)
        if code is not None and is_valid_local_gov_code(code) and lookup(code) is not None:
            return _Publisher(code, f"constant code in column {p.name!r}", p.name)
    match = _FILENAME_CODE.search(path.stem)
    if match and is_valid_local_gov_code(match.group(1)) and lookup(match.group(1)) is not None:
        return _Publisher(match.group(1), "from the file name")
    if attribution:
        code = code_for_name(attribution)
        if code is not None:
            return _Publisher(code, f"the file's #attribution_name row names {attribution}")
    # Constant prefecture and municipality names ("香川県", "高松市") name the publisher.
    names = [p.constant() for p in profiles]
    constants = [v for v in names if v and _KANJI.search(v) and len(v) <= 12]
    prefecture = next((v for v in constants if v.endswith(("都", "道", "府", "県"))), None)
    for value in constants:
        if value == prefecture:
            continue
        code = code_for_name(value, prefecture)
        entry = lookup(code) if code else None
        if code and entry is not None and entry.kind != "prefecture":
            return _Publisher(code, f"constant municipality name {value!r}")
    return None


# --------------------------------------------------------------------------- entry point


def suggest_mapping(
    path: str | os.PathLike[str],
    target: str,
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    record_xpath: str | None = None,
    namespaces: dict[str, str] | None = None,
    sample_rows: int = 500,
) -> MappingSuggestion:
    """Suggest how the columns of ``path`` fill the standard dataset ``target`` (``id@edition``).

    Raises :class:`stdschema.datasets.UnknownDatasetError` for an unknown target and
    :class:`stdschema.io.InputError` for an unreadable input.
    """
    from stdschema.codes import lookup

    model = get_dataset(target)
    p = Path(path)
    data = _read(
        p,
        encoding=encoding,
        sheet=sheet,
        header_row=header_row,
        record_xpath=record_xpath,
        namespaces=namespaces,
        sample_rows=max(1, sample_rows),
    )
    profiles = [_profile(name, i, data.columns[name]) for i, name in enumerate(data.header)]
    chosen, per_target = _assign(model, _candidates(model, profiles))

    publisher = _publisher(p, profiles, data.attribution)
    context = Context()
    if publisher is not None:
        entry = lookup(publisher.code)
        context = Context(
            publisher_code=publisher.code, prefecture=entry.prefecture if entry else None
        )
    extra = _constants(model, chosen, per_target, profiles, publisher)
    _fix_swapped(chosen, profiles)

    columns: list[ColumnSuggestion] = []
    for column in model.__columns__:
        columns.append(_column_suggestion(column, chosen, per_target, extra))
    used: set[str] = set()
    for suggestion in columns:
        if suggestion.mapped and suggestion.rule is not None:
            if suggestion.rule.source is not None:
                used.add(suggestion.rule.source)
            used.update(suggestion.rule.concat or [])
    return MappingSuggestion(
        target=model.__dataset__.key,
        source=data.source,
        context=context,
        columns=columns,
        unused_sources=[h for h in data.header if h not in used],
        input_path=str(path),
        input_columns=list(data.header),
        rows_sampled=data.rows,
        notes=data.notes,
    )


def _constants(
    model: type[DatasetRecord],
    chosen: dict[str, _Candidate],
    per_target: dict[str, list[_Candidate]],
    profiles: list[_Profile],
    publisher: _Publisher | None,
) -> dict[str, ColumnSuggestion]:
    """Rules for publisher columns no input column fills: constants and the v1 name concat."""
    from stdschema.codes import lookup

    present = {c.header: c for c in model.__columns__}
    out: dict[str, ColumnSuggestion] = {}
    mark = {c.header: c.requirement.mark for c in model.__columns__}
    if publisher is not None:
        entry = lookup(publisher.code)
        for header in _CODE_HEADERS:
            if header in present and header not in chosen:
                confidence = 0.7
                rule = ColumnRule(constant=publisher.code)
                reasons = [publisher.reason]
                if publisher.source is not None:
                    # A constant code column is read rather than copied: a later
                    # file may hold other codes. Its header may be no evidence
                    # here (市区町村コード also fills its own column).
                    confidence = 0.8
                    rule = ColumnRule(source=publisher.source, transforms=["local_gov_code"])
                    for cand in per_target.get(header, []):
                        if cand.source == publisher.source:
                            rule = cand.rule
                            reasons += cand.reasons
                            confidence = max(confidence, min(cand.confidence, 0.9))
                            break
                out[header] = ColumnSuggestion(header, rule, confidence, reasons, [], mark[header])
        if entry is not None:
            names = {"地方公共団体名": entry.name, "都道府県名": entry.prefecture}
            if entry.municipality:
                names["市区町村名"] = entry.municipality
            for header, value in names.items():
                if header in present and header not in chosen and value:
                    out[header] = ColumnSuggestion(
                        header,
                        ColumnRule(constant=value),
                        0.65,
                        [f"the name of {publisher.code} in the code registry"],
                        [],
                        mark[header],
                    )
    # 推奨 (v1) files name the publisher in two columns; the upgrade joins them.
    if "地方公共団体名" in present and "地方公共団体名" not in chosen:
        pref = next(
            (p for p in profiles if _key(p.name) in (_key("都道府県名"), "pref", "prefname")), None
        )
        city = next(
            (p for p in profiles if _key(p.name) in (_key("市区町村名"), "city", "cityname")), None
        )
        if pref is not None and city is not None and pref.n and city.n:
            used = {c.source for c in chosen.values() if not c.shared}
            if pref.name not in used and city.name not in used:
                out["地方公共団体名"] = ColumnSuggestion(
                    "地方公共団体名",
                    ColumnRule(concat=[pref.name, city.name]),
                    0.75,
                    [
                        f"{pref.name!r} + {city.name!r} name the publisher, as in the v1 → v2 upgrade"
                    ],
                    [],
                    mark["地方公共団体名"],
                )
    return out


def _column_suggestion(
    column: Column,
    chosen: dict[str, _Candidate],
    per_target: dict[str, list[_Candidate]],
    extra: dict[str, ColumnSuggestion],
) -> ColumnSuggestion:
    mark = column.requirement.mark
    taken = {c.source for c in chosen.values()}
    # Values alone suggest many columns for an input column already placed
    # (a URL column looks like every URL column): only unplaced ones are offered.
    others = [
        c
        for c in per_target.get(column.header, [])
        if c.by_header or c.source not in taken or c is chosen.get(column.header)
    ]
    cand = chosen.get(column.header)
    if cand is not None:
        alternatives = _alternatives(others, exclude=cand.source)
        return ColumnSuggestion(
            column.header, cand.rule, round(cand.confidence, 2), cand.reasons, alternatives, mark
        )
    if column.header in extra:
        suggestion = extra[column.header]
        source = suggestion.rule.source if suggestion.rule is not None else None
        suggestion.alternatives = _alternatives(others, exclude=source)
        return suggestion
    if others and others[0].confidence >= _ALTERNATIVE_FLOOR:
        best = others[0]
        reasons = list(best.reasons)
        if best.confidence >= MAPPED_THRESHOLD:
            reasons.insert(0, f"{best.source!r} is already used for another column")
        return ColumnSuggestion(
            column.header,
            best.rule,
            round(min(best.confidence, MAPPED_THRESHOLD - 0.01), 2),
            reasons,
            _alternatives(others, exclude=best.source),
            mark,
        )
    return ColumnSuggestion(column.header, None, 0.0, ["no candidate found"], [], mark)


def _alternatives(cands: list[_Candidate], exclude: str | None = None) -> list[str]:
    names: list[str] = []
    for cand in cands:
        if cand.confidence < _ALTERNATIVE_FLOOR or cand.source == exclude or cand.source in names:
            continue
        names.append(cand.source)
    return names[:3]


# --------------------------------------------------------------------------- YAML


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that loads back as the exact string (headers may hold ESC,
    bidi overrides or line separators): see :func:`stdschema.report.escape.yaml_scalar`."""
    return escape.yaml_scalar(text)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _scalar(str(value))


def _rule_yaml(rule: ColumnRule) -> str:
    data = rule.model_dump(exclude_defaults=True)
    return _flow(data)


def _comment(text: str) -> str:
    """Untrusted text in a YAML comment: one line, nothing a YAML reader or a terminal refuses
    or obeys (the file is printed to the terminal without ``-o``)."""
    return escape.yaml_comment(escape.path_text(text))


def _wrap(prefix: str, items: list[str], width: int = 96) -> list[str]:
    lines: list[str] = []
    line = prefix
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line != prefix:
            lines.append(line.rstrip())
            line = "#   "
        line += piece
    lines.append(line.rstrip())
    return lines


def render_yaml(s: MappingSuggestion) -> str:
    """The suggestion as a mapping file a person reviews, edits and passes to ``stdschema convert``."""
    model = get_dataset(s.target)
    mapped = [c for c in s.columns if c.mapped]
    missing_required = [c.target for c in s.columns if not c.mapped and c.requirement == "◎"]
    lines = [
        "# Mapping suggested by `stdschema map suggest`: review it before use.",
        f"# input:  {_comment(s.input_path) or '(unknown)'}"
        + (f" ({s.rows_sampled} rows sampled)" if s.rows_sampled else ""),
        f"# target: {s.target} ({model.__dataset__.name_ja})",
        f"# mapped: {len(mapped)} of {len(s.columns)} standard columns"
        + (f"; required but unmapped: {', '.join(missing_required)}" if missing_required else ""),
        "#",
        "# Each entry ends with its confidence (0-1) and the evidence. Entries that",
        "# are commented out had no confident source: write `source:` (an input",
        "# column), `concat:` or `constant:`, then remove the leading '# '.",
        "# Use it with: stdschema convert INPUT --mapping THIS_FILE --output OUT.csv",
    ]
    lines += [f"# note: {_comment(n)}" for n in dict.fromkeys(s.notes)]
    lines += ["version: 1", f"target: {_scalar(s.target)}"]
    source = s.source.model_dump(exclude_defaults=True)
    if source:
        lines.append("source:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in source.items()]
    context = s.context.model_dump(exclude_defaults=True)
    if context:
        lines.append("context:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in context.items()]
    lines.append("columns:" if mapped else "columns: {}")
    for c in s.columns:
        key = _scalar(c.target)
        why = _comment("; ".join(c.reasons[:3]))
        if c.mapped and c.rule is not None:
            lines.append(f"  {key}: {_rule_yaml(c.rule)}   # confidence {c.confidence:.2f}: {why}")
            if c.alternatives:
                lines.append(f"    # also possible: {_comment(', '.join(c.alternatives))}")
            continue
        needed = {"◎": " (◎ required)", "○": " (○ recommended)"}.get(c.requirement, "")
        if c.rule is None:
            lines.append(f"  # {key}: {{source: ?}}   # no candidate found{needed}")
        else:
            lines.append(
                f"  # {key}: {_rule_yaml(c.rule)}   # candidate, confidence "
                f"{c.confidence:.2f}{needed}: {why}"
            )
    if s.unused_sources:
        lines += _wrap("# unused input columns: ", [_comment(u) for u in s.unused_sources])
    else:
        lines.append("# every input column is used")
    return "\n".join(lines) + "\n"

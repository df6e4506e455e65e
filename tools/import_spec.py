"""Import the research spec (shared/spec/*.yaml) into dataset modules.

Writes ``stdschema/datasets/v1/*.py`` and ``stdschema/datasets/v2/*.py``: one
small module per dataset edition, each a typed Pydantic class. All curation
(English attribute names, which rule a column carries, what is confirmed)
lives in the tables below, so re-running after a spec update is safe. A file in
``standard_v2_updates/`` supersedes the one of the same name in ``standard_v2/``;
定義書C sheets with the 施設・設備分離型 block are generated on
``stdschema.datasets.facility_split.FacilitySplitRecord`` and declare only their own
columns and what each of their sources attests of the shared items.

    python tools/import_spec.py [--spec ../shared/spec] [--check]

``--check`` exits 1 when the checked-in modules differ from what the spec
gives (CI runs it when ``../shared/spec`` is present). Both modes also bring (or check)
the header index detection reads (``stdschema/datasets/header_index.json``, built from the
models by ``python -m stdschema.datasets.index``) up to date.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "stdschema" / "datasets"

# v2 datasets with an ordered column list (spec/standard_v2/README.md; round 2 adds
# 04, 06, 10, 12, 17, 23 and 26).
V2_IDS = (
    "public_facilities",
    "cultural_properties",
    "designated_emergency_evacuation_sites",
    "population_by_area_and_age",
    "childcare_facilities",
    "open_data_catalog",
    "public_wifi_access_points",
    "aed_locations",
    "care_service_providers",
    "medical_institutions",
    "tourist_facilities",
    "events",
    "public_toilets",
    "fire_water_facilities",
    "food_business_permits",
    "school_districts",
    "disaster_radio_stations",
    "educational_institutions",
    "public_bicycle_parking",
    "waste_sorting_rules",
    "tourist_points",
)

# v2 lists known only from third-party ingest configs (config order, or none): modelled
# with Confidence.CONFIG_ONLY, so column order is not checked and a missing column is at
# most a warning. B-22 and C-25 (also config or model-only) and C-29 (nothing) are left
# out: stdschema/datasets/excluded.py says why, and build() checks the two lists agree.
V2_CONFIG_ONLY = (
    "school_lunch_menus",
    "polling_stations",
    "waste_collection_points",
    "facilities",
)

# Dataset id -> spec file stem, where they differ.
SPEC_FILES = {"facilities": "facility_companion"}

# Dataset names that the spec's wording does not give as a title.
NAME_JA = {"facilities": "施設（施設・設備分離型）"}

# 定義書C sheets: the prefix of their items. Sheets whose list holds the whole shared
# block (<prefix>_全国地方公共団体コード … <prefix>_座標参照系コード) are generated on
# stdschema.datasets.facility_split.FacilitySplitRecord and declare only their own
# columns; C-24's items are another block (the 文部科学省 学校コード layout), so it is an
# ordinary model that only records its prefix.
PREFIXES = {
    "disaster_radio_stations": "防災行政無線",
    "educational_institutions": "教育機関",
    "public_bicycle_parking": "公営駐輪場",
    "polling_stations": "投票所",
    "waste_collection_points": "ゴミ集積場所",
    "tourist_points": "観光ポイント",
}

NAME_EN = {
    "aed_locations": "AED locations",
    "care_service_providers": "Care service providers",
    "childcare_facilities": "Childcare facilities",
    "cultural_properties": "Cultural properties",
    "designated_emergency_evacuation_sites": "Designated emergency evacuation sites",
    "disaster_radio_stations": "Disaster-prevention radio outdoor stations",
    "events": "Events",
    "facilities": "Facilities (facility/equipment split layout)",
    "fire_water_facilities": "Fire-fighting water facilities",
    "medical_institutions": "Medical institutions",
    "open_data_catalog": "Open data catalogue",
    "polling_stations": "Polling stations",
    "population_by_area_and_age": "Population by area and age",
    "public_bicycle_parking": "Public bicycle parking",
    "public_facilities": "Public facilities",
    "public_toilets": "Public toilets",
    "public_wifi_access_points": "Public Wi-Fi access points",
    "school_districts": "Elementary and junior high school districts",
    "school_lunch_menus": "School lunch menus",
    "tourist_facilities": "Tourist facilities",
    "food_business_permits": "Food business permits and notifications",
    "educational_institutions": "Educational institutions",
    "waste_collection_points": "Waste collection points",
    "waste_sorting_rules": "Waste sorting rules",
    "tourist_points": "Tourist points",
}

# Extra file-name slugs seen in real files (common_rules.md §12, MANIFEST).
SLUG_ALIASES = {
    "public_facilities": ("library",),
    "tourist_points": ("tourist_attraction",),
    # The slug of the superseded C-28 list, and 日野市's real file name (update notes).
    "waste_sorting_rules": ("waste_sorting", "garbage_separate"),
    # 印西市's original file name is misspelt 122319_emergrncy_radio.csv (C-23 spec).
    "disaster_radio_stations": ("emergrncy_radio",),
}

# Other names real files use for a column, keyed by (dataset, edition). Detection
# and header checks accept them as variants of the standard header.
ALIASES: dict[tuple[str, str], dict[str, str]] = {
    # 高松市 publishes 公衆トイレ一覧 with English (IMI-style) property names,
    # one for one with the 推奨 layout (incl. its typo "iamgeLicense").
    ("public_toilets", "v1"): {
        "prefCode": "都道府県コード又は市区町村コード",
        "identification": "NO",
        "pref": "都道府県名",
        "city": "市区町村名",
        "name": "名称",
        "fullNameInKana": "名称_カナ",
        "fullNameInRomaji": "名称_英語",
        "address": "住所",
        "katagaki": "方書",
        "installationPosition": "設置位置",
        "latitude": "緯度",
        "longitude": "経度",
        "totalMensRestroom": "男性トイレ総数",
        "smallMensRestroom": "男性トイレ数（小便器）",
        "japaneseMensRestroom": "男性トイレ数（和式）",
        "westernMensRestroom": "男性トイレ数（洋式）",
        "totalWomanRestroom": "女性トイレ総数",
        "japaneseWomanRestroom": "女性トイレ数（和式）",
        "westernWomanRestroom": "女性トイレ数（洋式）",
        "sharedRestroom": "男女共用トイレ総数",
        "japaneseSharedRestroom": "男女共用トイレ数（和式）",
        "westernSharedRestroom": "男女共用トイレ数（洋式）",
        "multifunctionalRestroom": "多機能トイレ数",
        "wheelchairRestroom": "車椅子使用者用トイレ有無",
        "anInfantRestroom": "乳幼児用設備設置トイレ有無",
        "ostomateRestroom": "オストメイト設置トイレ有無",
        "startTime": "利用開始時間",
        "endTime": "利用終了時間",
        "availableDateNote": "利用可能時間特記事項",
        "image": "画像",
        "iamgeLicense": "画像_ライセンス",
        "note": "備考",
    },
}

# v2 confidence, from the research index (spec/standard_v2/README.md). Its "high" /
# "medium" grade the names and order only: a sheet is COMPLETE when 区分, 形式 and 記入例
# come from the sheet itself (13), PARTIAL when some of them do (03; 08 and 11 for columns
# 1-7), NAMES_ONLY when only names and order are attested (every other ordered list,
# round 2 included: no 区分/形式/記入例 was found for a new sheet), and CONFIG_ONLY for
# the V2_CONFIG_ONLY lists.
V2_CONFIDENCE = {
    "public_toilets": "COMPLETE",
    "designated_emergency_evacuation_sites": "PARTIAL",
    "aed_locations": "PARTIAL",
    "tourist_facilities": "PARTIAL",
}

# header -> (attribute, rule or None for the shared default / text)
ATTRS: dict[str, tuple[str, str | None]] = {
    "都道府県コード又は市区町村コード": ("local_government_code", "local_gov_code"),
    "全国地方公共団体コード": ("local_government_code", None),
    "NO": ("no", "record_id"),
    "ID": ("id", None),
    "都道府県名": ("prefecture_name", None),
    "市区町村名": ("municipality_name", None),
    "地方公共団体名": ("local_government_name", None),
    "名称": ("name", None),
    "名称_カナ": ("name_kana", "katakana"),
    "名称_英語": ("name_en", "half_width"),
    "名称_英字": ("name_en", "half_width"),
    "名称_通称": ("common_name", None),
    "住所": ("address", None),
    "方書": ("address_building", None),
    "所在地_全国地方公共団体コード": ("located_local_government_code", None),
    "町字ID": ("chome_id", None),
    "所在地_連結表記": ("full_address", None),
    "所在地_都道府県": ("address_prefecture", None),
    "所在地_市区町村": ("address_municipality", None),
    "所在地_町字": ("address_town", None),
    "所在地_番地以下": ("address_block", None),
    "建物名等(方書)": ("address_building", None),
    "緯度": ("latitude", None),
    "経度": ("longitude", None),
    "高度の種別": ("height_kind", None),
    "高度の値": ("height", None),
    "標高": ("elevation", "number"),
    "設置位置": ("installation_position", None),
    "電話番号": ("phone", None),
    "内線番号": ("extension", None),
    "FAX番号": ("fax", None),
    "連絡先メールアドレス": ("contact_email", None),
    "連絡先FormURL": ("contact_form_url", None),
    "連絡先備考（その他、SNSなど）": ("contact_remarks", None),
    "連絡先名称": ("contact_name", None),
    "連絡先電話番号": ("contact_phone", "phone"),
    "連絡先内線番号": ("contact_extension", "extension"),
    "郵便番号": ("postal_code", None),
    "法人番号": ("corporate_number", None),
    "団体名": ("organization_name", None),
    "法人の名称": ("corporation_name", None),
    "法人名": ("corporation_name", None),
    "利用可能曜日": ("available_days", None),
    "利用可能曜日特記事項": ("available_days_remarks", None),
    "開始時間": ("start_time", None),
    "終了時間": ("end_time", None),
    "利用開始時間": ("start_time", "time"),
    "利用終了時間": ("end_time", "time"),
    "利用可能日時特記事項": ("availability_remarks", None),
    "利用可能時間特記事項": ("availability_remarks", None),
    "小児対応設備の有無": ("pediatric_equipment", "yes_no"),
    "URL": ("url", None),
    "画像": ("image", None),
    "画像_ライセンス": ("image_license", None),
    "画像1": ("image1", "url"),
    "画像1_ライセンス": ("image1_license", None),
    "画像2": ("image2", "url"),
    "画像2_ライセンス": ("image2_license", None),
    "外部利用不可": ("no_external_use", None),
    "備考": ("remarks", None),
    "介護サービス事業所名称": ("name", None),
    "介護サービス事業所名称_カナ": ("name_kana", "katakana"),
    "介護サービス事業所名称_英字": ("name_en", "half_width"),
    "実施サービス": ("services", None),
    "事業所番号": ("office_number", None),
    "定員": ("capacity", "count"),
    "種別": ("kind", None),
    "アクセス方法": ("access", None),
    "駐車場情報": ("parking", None),
    "認可等年月日": ("approval_date", "date"),
    "収容定員": ("capacity", "count"),
    "受入年齢": ("accepted_ages", None),
    "一時預かりの有無": ("temporary_care", "yes_no"),
    "子供預かり料金種別": ("childcare_fee_kind", None),
    "子供預かり料金": ("childcare_fee", None),
    "子供預かり料金備考": ("childcare_fee_remarks", None),
    "子供預かり開所時間": ("childcare_opening_time", "time"),
    "子供預かり閉所時間": ("childcare_closing_time", "time"),
    "病児保育の有無": ("sick_child_care", "yes_no"),
    "授乳室": ("nursing_room", None),
    "おむつ替えコーナー": ("diaper_changing", None),
    "飲食可否": ("eating_allowed", None),
    "ベビーカー貸出": ("stroller_rental", None),
    "ベビーカー利用": ("stroller_access", None),
    "文化財分類": ("classification", None),
    "種類": ("category", None),
    "場所名称": ("place_name", None),
    "員数（数）": ("quantity", "count"),
    "員数（単位）": ("quantity_unit", None),
    "所有者等": ("owner", None),
    "文化財指定日": ("designation_date", "date"),
    "概要": ("summary", None),
    "概要_英語": ("summary_en", None),
    "説明": ("description", None),
    "説明_英語": ("description_en", None),
    "市区町村コード": ("municipality_code", "local_gov_code"),
    "災害種別_洪水": ("hazard_flood", "flag_1"),
    "災害種別_崖崩れ、土石流及び地滑り": ("hazard_landslide", "flag_1"),
    "災害種別_高潮": ("hazard_storm_surge", "flag_1"),
    "災害種別_地震": ("hazard_earthquake", "flag_1"),
    "災害種別_津波": ("hazard_tsunami", "flag_1"),
    "災害種別_大規模な火事": ("hazard_large_fire", "flag_1"),
    "災害種別_内水氾濫": ("hazard_inland_flood", "flag_1"),
    "災害種別_火山現象": ("hazard_volcano", "flag_1"),
    "指定避難所との重複": ("also_shelter", "flag_1"),
    "想定収容人数": ("capacity", "count"),
    "対象となる町会・自治会": ("target_communities", "multi"),
    "イベント名": ("name", None),
    "イベント名_カナ": ("name_kana", "katakana"),
    "イベント名_英語": ("name_en", "half_width"),
    "開始日": ("start_date", "date"),
    "終了日": ("end_date", "date"),
    "開始日時特記事項": ("start_remarks", None),
    "料金(基本)": ("fee_basic", None),
    "料金(詳細)": ("fee_details", None),
    "主催者": ("organizer", None),
    "参加申込終了日": ("application_end_date", "date"),
    "参加申込終了時間": ("application_end_time", "time"),
    "参加申込方法": ("application_method", None),
    "口径": ("diameter", "number"),
    "医療機関の種類": ("institution_kind", None),
    "医療機関コード": ("institution_code", None),
    "診療曜日": ("consultation_days", "weekdays"),
    "診療開始時間": ("consultation_start_time", "time"),
    "診療終了時間": ("consultation_end_time", "time"),
    "診療日時特記事項": ("consultation_remarks", None),
    "時間外における対応": ("after_hours", None),
    "診療科目": ("departments", "multi"),
    "病床数": ("beds", "count"),
    "データ名称": ("data_name", None),
    "データ概要": ("data_summary", None),
    "データ形式": ("data_format", None),
    "分類": ("category", None),
    "更新頻度": ("update_frequency", None),
    "API対応有無": ("api_available", "yes_no"),
    "ライセンス": ("license", None),
    "登録日": ("registration_date", "date"),
    "最終更新日": ("last_modified_date", "date"),
    "地域コード": ("area_code", None),
    "調査年月日": ("survey_date", "date"),
    "地域名": ("area_name", None),
    "総人口": ("total_population", "count"),
    "男性": ("male", "count"),
    "女性": ("female", "count"),
    "世帯数": ("households", "count"),
    "POIコード": ("poi_code", None),
    "バリアフリー情報": ("barrier_free", "multi"),
    "男性トイレ総数": ("male_total", "count"),
    "男性トイレ数（小便器）": ("male_urinals", "count"),
    "男性トイレ数（和式）": ("male_japanese_style", "count"),
    "男性トイレ数（洋式）": ("male_western_style", "count"),
    "女性トイレ総数": ("female_total", "count"),
    "女性トイレ数（和式）": ("female_japanese_style", "count"),
    "女性トイレ数（洋式）": ("female_western_style", "count"),
    "男女共用トイレ総数": ("unisex_total", "count"),
    "男女共用トイレ数（和式）": ("unisex_japanese_style", "count"),
    "男女共用トイレ数（洋式）": ("unisex_western_style", "count"),
    "多機能トイレ数": ("multipurpose_toilets", "count"),
    "バリアフリートイレ数": ("barrier_free_toilets", "count"),
    "車椅子使用者用トイレ有無": ("wheelchair_toilet", "yes_no"),
    "乳幼児用設備設置トイレ有無": ("baby_care_toilet", "yes_no"),
    "オストメイト設置トイレ有無": ("ostomate_toilet", "yes_no"),
    "設置者": ("installer", None),
    "SSID": ("ssid", None),
    "提供エリア": ("coverage_area", None),
    "施設名称": ("name", None),
    "施設名称_カナ": ("name_kana", "katakana"),
    "施設名称_英字": ("name_en", "half_width"),
    "営業の種類": ("business_type", None),
    "業態": ("business_form", None),
    "施設所在地_都道府県": ("address_prefecture", None),
    "施設所在地_市区町村": ("address_municipality", None),
    "施設所在地_町字": ("address_town", None),
    "施設所在地_番地以下": ("address_block", None),
    "施設方書": ("address_building", None),
    "施設電話番号": ("phone", "phone"),
    "許可番号": ("permit_number", None),
    "初回許可年月日": ("first_permit_date", "date"),
    "許可年月日": ("permit_date", "date"),
    "許可開始日": ("permit_start_date", "date"),
    "許可満了日": ("permit_expiry_date", "date"),
    "廃業年月日": ("closure_date", "date"),
    "申請区分": ("application_kind", None),
    "許可条件": ("permit_conditions", None),
    "外部識別子": ("external_id_kind", None),
    "外部識別子の値": ("external_id", None),
    "車椅子可": ("wheelchair_accessible", None),
    "車椅子貸出": ("wheelchair_rental", None),
    "ツエ貸出": ("cane_rental", None),
    "バリアフリートイレ": ("barrier_free_toilet", None),
    "スロープ、エレベータ、エスカレータ": ("slope_elevator_escalator", None),
    "点字ブロック等の移動支援": ("tactile_paving", None),
    "点字や読上による支援": ("braille_or_reading", None),
    "盲導犬・介助犬、聴導犬同伴": ("assistance_dogs", None),
    "字幕": ("captions", None),
    "筆談対応": ("written_communication", None),
    "優先駐車場": ("priority_parking", None),
    "オストメイト対応トイレ": ("ostomate_toilet", None),
    "教育機関_学校コード": ("school_code", None),
    "教育機関_学校種": ("school_type", None),
    "教育機関_都道府県番号": ("prefecture_number", None),
    "教育機関_設置区分": ("establishment_kind", None),
    "教育機関_設置者情報": ("establisher", None),
    "教育機関_本分校": ("main_or_branch", None),
    "教育機関_本校学校コード": ("main_school_code", None),
    "教育機関_本校学校名": ("main_school_name", None),
    "教育機関_学校名": ("name", None),
    "教育機関_学校名カナ表記": ("name_kana", "katakana"),
    "教育機関_学校略称": ("short_name", None),
    "教育機関_学校所在地（市区町村）": ("address_municipality", None),
    "教育機関_学校所在地（町字）": ("address_town", None),
    "教育機関_学校所在地（番地以下）": ("address_block", None),
    "教育機関_郵便番号": ("postal_code", "postal_code"),
    "教育機関_連絡先名称": ("contact_name", None),
    "教育機関_連絡先電話番号": ("contact_phone", "phone"),
    "教育機関_属性情報設定年月日": ("valid_from", "date"),
    "教育機関_属性情報廃止年月日": ("valid_until", "date"),
    "教育機関_旧学校調査番号": ("former_survey_number", None),
    "教育機関_移行後の学校コード": ("successor_school_code", None),
    "地物・地点_ID": ("feature_id", None),
    "観光ポイント_画像": ("image", "url"),
    "観光ポイント_画像_ライセンス": ("image_license", None),
    # 定義書C link columns (unprefixed) and sheet items; the shared prefixed block is
    # declared in stdschema.datasets.facility_split.
    "施設_ID": ("facility_id", None),
    "設備_ID": ("equipment_id", None),
    "防災行政無線_地区名": ("district_name", None),
    "防災行政無線_備考": ("remarks", None),
    "公営駐輪場_屋内外": ("indoor_outdoor", None),
    "公営駐輪場_最大駐輪台数": ("capacity", "count"),
    "投票区番号": ("voting_district_number", None),
    "連結表記": ("full_address", None),
    "都道府県": ("address_prefecture", None),
    "市区町村": ("address_municipality", None),
    "行政区名": ("address_ward", None),
    "町字": ("address_town", None),
    "番地以下": ("address_block", None),
    "建物名等_方書": ("address_building", None),
    "投票所_投票所区分": ("station_kind", None),
    "投票所_投票区名": ("voting_district_name", None),
    "選挙区分": ("election_kind", None),
    "ゴミ集積場所_ゴミ種類": ("waste_kinds", None),
    "ゴミ集積場所_地区名": ("district_name", None),
    "ゴミ集積場所_ゴミ収集日": ("collection_days", None),
    "ゴミ集積場所_自治体のページURL": ("page_url", "url"),
    "ゴミ集積場所_注意事項": ("precautions", None),
    # The 施設 file of the 施設・設備分離型 layout (config spellings).
    "施設_名称": ("name", None),
    "施設_POIコード": ("poi_code", None),
    "住所_連結表記": ("full_address", None),
    "住所_都道府県": ("address_prefecture", None),
    "住所_市区町村（郡）": ("address_municipality_with_county", None),
    "住所_市区町村": ("address_municipality", None),
    "住所_町字": ("address_town", None),
    "住所_町字ID": ("chome_id", "chome_id"),
    "住所_番地以下": ("address_block", None),
    "住所_建物名等(方書)": ("address_building", None),
    "連絡先_郵便番号": ("postal_code", "postal_code"),
    "連絡先_電話番号": ("phone", "phone"),
    "住所_緯度": ("latitude", "latitude"),
    "住所_経度": ("longitude", "longitude"),
    "施設_サービス曜日": ("service_days", "weekdays"),
    "施設_開始時刻": ("start_time", "time"),
    "施設_終了時刻": ("end_time", "time"),
    "施設_日時備考": ("time_remarks", None),
    "施設_URL": ("url", "url"),
    "ゴミの品目": ("item", None),
    "ゴミの品目_カナ": ("item_kana", "katakana"),
    "ゴミの品目_英字": ("item_en", "half_width"),
    "地区名": ("district_name", None),
    "粗大ごみ回収料金": ("bulky_waste_fee", None),
    #
    "災害拠点分類": ("disaster_base_kind", None),
    "状況": ("status", None),
    #
    "言語コード": ("language_code", None),
    "イベント通称": ("common_name", None),
    "サブタイトル": ("subtitle", None),
    "コンテンツURL": ("content_url", "url"),
    "状態": ("state", None),
    "キーワード": ("keywords", None),
    "タグ": ("tags", None),
    "対象となる産業": ("target_industries", None),
    "開催パターン": ("schedule_pattern", None),
    "所要時間": ("duration", None),
    "掲載開始日": ("listing_start_date", "date"),
    "掲載終了日": ("listing_end_date", "date"),
    "サブイベント": ("sub_events", None),
    "イベント種類": ("event_kind", None),
    "共催団体": ("co_organizers", None),
    "関連組織": ("related_organizations", None),
    "対象者": ("audience", None),
    "対象者備考": ("audience_remarks", None),
    "集合（受付）場所": ("meeting_place", None),
    "駐車場料金": ("parking_fee", None),
    "駐輪場情報": ("bicycle_parking", None),
    "Web開催": ("online", None),
    "Web開催URL": ("online_url", "url"),
    "ツール・環境": ("online_tools", None),
    "定員備考": ("capacity_remarks", None),
    "決済種別": ("payment_methods", None),
    "外国語対応": ("foreign_languages", None),
    "外国語対応備考": ("foreign_languages_remarks", None),
    "開催条件": ("conditions", None),
    "申込開始日": ("application_start_date", "date"),
    "申込開始時刻": ("application_start_time", "time"),
    "申込URL": ("application_url", "url"),
    # a DCAT-like catalogue, データセット_* then ファイル_* items.
    "データセット_ID": ("dataset_id", None),
    "データセット_タイトル": ("dataset_title", None),
    "データセット_サブタイトル": ("dataset_subtitle", None),
    "データセット_概要": ("dataset_summary", None),
    "データセット_キーワード": ("dataset_keywords", None),
    "データセット_分類": ("dataset_category", None),
    "データセット_ユニバーサルメニュー": ("dataset_universal_menu", None),
    "データセット_公開日": ("dataset_issued", "date"),
    "データセット_最終更新日": ("dataset_modified", "date"),
    "データセット_バージョン": ("dataset_version", None),
    "データセット_言語": ("dataset_language", None),
    "データセット_URL": ("dataset_url", "url"),
    "データセット_更新頻度": ("dataset_update_frequency", None),
    "データセット_準拠する標準": ("dataset_conforms_to", None),
    "データセット_関連ドキュメント": ("dataset_related_documents", None),
    "データセット_来歴情報": ("dataset_provenance", None),
    "データセット_対象地域": ("dataset_spatial", None),
    "データセット_対象期間": ("dataset_temporal", None),
    "データセット_連絡先名称": ("dataset_contact_name", None),
    "データセット_連絡先メールアドレス": ("dataset_contact_email", "email"),
    "データセット_連絡先電話番号": ("dataset_contact_phone", "phone"),
    "データセット_連絡先内線番号": ("dataset_contact_extension", "extension"),
    "データセット_連絡先FormURL": ("dataset_contact_form_url", "url"),
    "データセット_連絡先備考（その他、SNSなど）": ("dataset_contact_remarks", None),
    "データセット_備考": ("dataset_remarks", None),
    "ファイル_タイトル": ("file_title", None),
    "ファイル_アクセスURL": ("file_access_url", "url"),
    "ファイル_ダウンロードURL": ("file_download_url", "url"),
    "ファイル_説明": ("file_description", None),
    "ファイル形式": ("file_format", None),
    "ファイル_ライセンス": ("file_license", None),
    "ファイル_ステータス": ("file_status", None),
    "ファイル_サイズ": ("file_size", None),
    "ファイル_公開日": ("file_issued", "date"),
    "ファイル_最終更新日": ("file_modified", "date"),
    "ファイル_利用規約": ("file_terms_of_use", None),
    "ファイル_関連ドキュメント": ("file_related_documents", None),
    "ファイル_言語": ("file_language", None),
    "ファイル_準拠する標準": ("file_conforms_to", None),
    "ファイル_API対応有無": ("file_api_available", "yes_no"),
    # the school block (facts in common.SHARED_COLUMNS), then each sheet's items.
    "情報の管理主体_全国地方公共団体コード": ("managing_local_government_code", "local_gov_code"),
    "学校ID": ("school_id", None),
    "学校コード": ("school_code", None),
    "学校所在地_都道府県名": ("school_prefecture", None),
    "学校所在地_郡名": ("school_county", None),
    "学校所在地_市区町村名": ("school_municipality", None),
    "学校所在地_行政区名": ("school_ward", None),
    "学校所在地_全国地方公共団体コード": ("school_local_government_code", None),
    "学校名称": ("school_name", None),
    "学校名称_カナ": ("school_name_kana", None),
    "行政サービス拠点種別": ("service_base_kind", None),
    "通学区域_登録年月日": ("district_registered_date", "date"),
    "通学区域_廃止日": ("district_abolished_date", "date"),
    "通学区域の住所": ("district_addresses", None),
    "特記事項": ("special_notes", None),
    "ポリゴン_ファイル名": ("polygon_file_name", None),
    "対象学年": ("grade", None),
    "レコードID": ("record_id", None),
    "提供年月日": ("serving_date", "date"),
    "献立ID": ("menu_id", None),
    "料理ID": ("dish_id", None),
    "料理名称": ("dish_name", None),
    "同一料理内通し番号": ("serial_in_dish", None),
    "食品ID": ("food_id", None),
    "食品名称（成分表）": ("food_name_standard", None),
    "食品名称（独自）": ("food_name_local", None),
    "食品群（6群）": ("food_group_6", None),
    "食品群（3群）": ("food_group_3", None),
    "分量": ("amount", None),
    "エネルギー": ("energy", None),
    "たんぱく質": ("protein", None),
    "たんぱく質エネルギー比": ("protein_energy_ratio", None),
    "脂質": ("fat", None),
    "脂質エネルギー比": ("fat_energy_ratio", None),
    "食塩相当量": ("salt_equivalent", None),
    "カルシウム": ("calcium", None),
    "マグネシウム": ("magnesium", None),
    "鉄": ("iron", None),
    "ビタミンA_ug": ("vitamin_a_ug", None),
    "ビタミンA_ugRAE": ("vitamin_a_ug_rae", None),
    "ビタミンA_IU": ("vitamin_a_iu", None),
    "ビタミンB1": ("vitamin_b1", None),
    "ビタミンB2": ("vitamin_b2", None),
    "ビタミンC": ("vitamin_c", None),
    "食物繊維": ("dietary_fiber", None),
    "亜鉛": ("zinc", None),
    "炭水化物": ("carbohydrate", None),
    "糖質量": ("sugar", None),
    "アレルゲン情報公開・非公開": ("allergen_disclosure", None),
    "アレルゲン品目": ("allergens", None),
    "調理方法（料理単位）": ("cooking_method_dish", None),
    "調理方法（食材単位）": ("cooking_method_ingredient", None),
    "分別区分": ("sorting_category", None),
    "注意点": ("notes", None),
    "料金種別": ("fee_kind", None),
    "料金": ("fee", None),
    "料金備考": ("fee_remarks", None),
}

_AGE_BAND = re.compile(r"(\d+)(?:-(\d+))?歳(以上)?の(男性|女性)")

# Rules enforced (errors) wherever they appear: [spec] rules of common_rules.md.
ENFORCED_RULES = {
    "local_gov_code",
    "corporate_number",
    "record_id",
    "katakana",
    "half_width",
    "latitude",
    "longitude",
    "url",
    "multi",
    "text",
}

# Rules whose own 形式 wording on a sheet confirms them.
FORMAT_CONFIRMS = {
    "count": "数値",
    "time": "時刻",
    "flag_1": "1",
}


def attr_and_rule(header: str) -> tuple[str, str | None]:
    if header in ATTRS:
        return ATTRS[header]
    m = _AGE_BAND.fullmatch(header)
    if m:
        lo, hi, plus, sex = m.groups()
        band = f"{lo}_plus" if plus else f"{lo}_{hi}"
        return (f"{'male' if sex == '男性' else 'female'}_{band}", "count")
    raise KeyError(f"no attribute name for header {header!r}: add it to ATTRS")


def shared_default(header: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from stdschema.datasets.common import SHARED_COLUMNS

    return SHARED_COLUMNS.get(header, {})


def py(value: Any) -> str:
    return repr(value)


def class_name(dataset_id: str, edition: str) -> str:
    return "".join(p.capitalize() for p in dataset_id.split("_")) + edition.upper()


def short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_notes(f: dict[str, Any]) -> tuple[str, ...]:
    """The spec's notes on a column, and the spellings each source uses where they differ."""
    notes = [n for n in (f.get("note"), f.get("required_hint")) if n]
    seen_in = f.get("exact_name_in")
    if isinstance(seen_in, dict):
        notes.append(
            "exact spelling seen in: " + ", ".join(f"{k}: {v}" for k, v in seen_in.items())
        )
    elif seen_in:
        notes.append("exact spelling seen in: " + ", ".join(seen_in))
    return tuple(short(n) for n in notes)


def header_confirmed(edition: str, f: dict[str, Any]) -> bool:
    """A v2 header attested by fewer than two independent sources is unconfirmed."""
    confirmed_by = f.get("confirmed_by")
    return not (edition == "v2" and confirmed_by is not None and confirmed_by < 2)


def requirement_args(
    edition: str, f: dict[str, Any], v1_marks: dict[str, str]
) -> tuple[Any, list[str]]:
    """The column's 区分 (a Requirement) and the col() arguments that state it."""
    from stdschema.datasets.base import Requirement

    mark = f.get("required")
    if edition == "v1":
        req_confirmed = mark == "◎" or not f.get("unconfirmed_required_mark")
    else:
        req_confirmed = mark is not None
    requirement = Requirement.from_mark(mark)
    args: list[str] = []
    if requirement is not Requirement.OPTIONAL:
        args.append(f"requirement=Requirement.{requirement.name}")
    if not req_confirmed:
        args.append("requirement_confirmed=False")
        hinted = v1_marks.get(f["name"]) == "◎" or f.get("required_hint")
        if edition == "v2" and hinted:
            args.append("requirement_hint=Requirement.REQUIRED")
    return requirement, args


def rule_args(
    f: dict[str, Any], rule: str | None, shared: dict[str, Any]
) -> tuple[str, bool, list[str]]:
    """The column's value rule, whether the spec confirms it, and the col() arguments."""
    effective_rule = rule or shared.get("rule", "text")
    fmt = f.get("format")
    allowed = tuple(str(v) for v in (f.get("allowed_values") or []) if v != "")
    if f.get("separator") == ";":
        effective_rule = "multi"
    if allowed and set(allowed) == {"有", "無"}:
        effective_rule, allowed = "yes_no", ()
    if allowed and set(allowed) == {"1"}:
        effective_rule, allowed = "flag_1", ()
    if effective_rule in ENFORCED_RULES:
        confirmed = True
    elif effective_rule in FORMAT_CONFIRMS:
        confirmed = bool(fmt and FORMAT_CONFIRMS[effective_rule] in fmt)
    else:
        confirmed = False
    confirmed = confirmed and not allowed
    args: list[str] = []
    if effective_rule != shared.get("rule", "text"):
        args.append(f"rule={py(effective_rule)}")
    if confirmed != shared.get("rule_confirmed", True):
        args.append(f"rule_confirmed={confirmed}")
    if allowed:
        args.append(f"allowed_values={py(allowed)}")
    return effective_rule, confirmed, args


def fact_args(
    edition: str, f: dict[str, Any], shared: dict[str, Any], aliases: tuple[str, ...]
) -> list[str]:
    """The col() arguments for English name, 形式, 記入例, description, provenance, notes."""
    args: list[str] = []
    english = f.get("english_name")
    if english and english != shared.get("english_name"):
        args.append(f"english_name={py(english)}")
    if f.get("format"):
        args.append(f"format={py(f['format'])}")
    example = f.get("example")
    if example not in (None, "") and not f.get("unconfirmed_example"):
        args.append(f"example={py(str(example))}")
    if f.get("description"):
        args.append(f"description={py(short(f['description']))}")
    if not header_confirmed(edition, f):
        args.append("header_confirmed=False")
    if aliases:
        args.append(f"aliases={py(aliases)}")
    if f.get("sources"):
        args.append(f"sources={py(tuple(f['sources']))}")
    notes = field_notes(f)
    if notes:
        args.append(f"notes={py(notes)}")
    return args


def field_block(
    edition: str, d: dict[str, Any], f: dict[str, Any], v1_marks: dict[str, str]
) -> tuple[str, str]:
    from stdschema.datasets.base import Requirement
    from stdschema.types import RULES

    header = f["name"]
    aliases = tuple(a for a, h in ALIASES.get((d["id"], edition), {}).items() if h == header)
    attr, rule = attr_and_rule(header)
    shared = shared_default(header)
    requirement, req_args = requirement_args(edition, f, v1_marks)
    effective_rule, confirmed, rule_col_args = rule_args(f, rule, shared)
    args = [
        str(f["no"]),
        py(header),
        *req_args,
        *rule_col_args,
        *fact_args(edition, f, shared, aliases),
    ]
    rtype = RULES[effective_rule].python_type if confirmed else "str"
    if effective_rule == "multi":
        rtype = "MultiValue"
    required = requirement is Requirement.REQUIRED and effective_rule != "flag_1"
    ann = rtype if required else f"{rtype} | None"
    return attr, f"    {attr}: {ann} = col({', '.join(args)})"


HEADER_TMPL = """\
\"\"\"{name_ja} ({edition_name}): {name_en}.

Generated by ``tools/import_spec.py`` from ``shared/spec/{spec_path}``;
edit the tool's tables, not this file.
\"\"\"

from __future__ import annotations

{imports}

__all__ = ["{cls}"]


class {cls}({base}):
    \"\"\"{name_ja} ({edition}): {name_en}.

    Status: {status}
    \"\"\"

    __dataset__ = DatasetInfo(
        id={id!r},
        edition={edition!r},
        name_ja={name_ja!r},
        name_en={name_en!r},
        slug={slug!r},
        slug_aliases={slug_aliases!r},
        sheet={sheet!r},
        version={version!r},
        confidence=Confidence.{confidence},
        status={status!r},
        sources={sources!r},
        notes={notes!r},{prefix_line}
    )
{shared_block}
"""


def shared_items() -> dict[str, str]:
    """Unprefixed item → attribute of the 施設・設備分離型 block, in block order."""
    sys.path.insert(0, str(ROOT))
    from stdschema.datasets.facility_split import FacilitySplitRecord

    return {str(f.alias): a for a, f in FacilitySplitRecord.__pydantic_fields__.items()}


def shared_item(edition: str, d: dict[str, Any], f: dict[str, Any]) -> str:
    """``SharedItem(...)``: what the sheet's sources attest of one shared item."""
    stated = [
        k for k in ("required", "format", "example", "allowed_values", "separator") if f.get(k)
    ]
    if stated or f.get("required") is not None:
        # FacilitySplitRecord declares these facts once for every sheet; a sheet that
        # states its own needs them carried per sheet first.
        raise ValueError(
            f"{d['id']}: {f['name']} states {stated or ['required']}: extend SharedItem"
        )
    args = []
    if f.get("sources"):
        args.append(f"sources={py(tuple(f['sources']))}")
    if not header_confirmed(edition, f):
        args.append("header_confirmed=False")
    notes = field_notes(f)
    if notes:
        args.append(f"notes={py(notes)}")
    return f"SharedItem({', '.join(args)})"


def ordered_fields(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The spec's columns in order; an unordered (config) list in its config's order."""
    if d.get("fields"):
        return [dict(f) for f in d["fields"]]
    fields = sorted(d.get("fields_unordered") or [], key=lambda f: f["config_position"])
    return [dict(f, no=f["config_position"]) for f in fields]


def render(edition: str, d: dict[str, Any], v1: dict[str, Any] | None, spec_path: str = "") -> str:
    v1_marks = {f["name"]: f.get("required") for f in (v1 or {}).get("fields") or []}
    v1_desc = {f["name"]: f.get("description") for f in (v1 or {}).get("fields") or []}
    fields = ordered_fields(d)
    if [f["no"] for f in fields] != list(range(1, len(fields) + 1)):
        raise ValueError(f"{d['id']}@{edition}: columns are not numbered 1..n")
    prefix = PREFIXES.get(d["id"]) if edition == "v2" else None
    names = {f["name"] for f in fields}
    block = {f"{prefix}_{item}": item for item in shared_items()} if prefix else {}
    split = bool(block) and set(block) <= names
    lines: list[str] = []
    shared: list[str] = []
    seen: dict[str, int] = {}
    for f in fields:
        if split and f["name"] in block:
            shared.append(f"        {block[f['name']]!r}: {shared_item(edition, d, f)},")
            continue
        if edition == "v2" and not f.get("description") and v1_desc.get(f["name"]):
            f["description"] = v1_desc[f["name"]]
        attr, line = field_block(edition, d, f, v1_marks)
        if attr in seen or (split and attr in shared_items().values()):
            raise ValueError(f"{d['id']}@{edition}: attribute {attr} used twice")
        seen[attr] = 1
        lines.append(line)
    body = "\n".join(lines)
    from stdschema.types import RULES

    type_names = sorted(
        t for t in {r.python_type for r in RULES.values()} - {"str"} if re.search(rf"\b{t}\b", body)
    )
    if edition == "v1":
        sources = tuple(short(s) for s in d.get("source_urls") or [])
        confidence = "PARTIAL"
        sheet = None
        version = d["version"]
    else:
        sources = tuple(f"{k}: {short(v)}" for k, v in (d.get("sources") or {}).items())
        if d["id"] in V2_CONFIG_ONLY:
            confidence = "CONFIG_ONLY"
        else:
            confidence = V2_CONFIDENCE.get(d["id"], "NAMES_ONLY")
        sheet = d.get("sheet")
        version = d["version"]
    slug = d.get("file_name_slug")
    if slug and " " in slug:
        slug = slug.split()[0]
    base_names = ["Confidence", "DatasetInfo"]
    base_names += [] if split else ["DatasetRecord"]
    base_names += (["Requirement"] if "Requirement." in body else []) + ["col"]
    imports = ["from typing import ClassVar\n"] if shared else []
    imports.append(f"from stdschema.datasets.base import {', '.join(base_names)}")
    if split:
        imports.append(
            "from stdschema.datasets.facility_split import FacilitySplitRecord"
            + (", SharedItem" if shared else "")
        )
    if type_names:
        imports.append(f"from stdschema.types import {', '.join(type_names)}")
    shared_block = (
        "\n    __shared_items__: ClassVar[dict[str, SharedItem]] = {\n"
        + "\n".join(shared)
        + "\n    }\n"
        if shared
        else ""
    )
    header = HEADER_TMPL.format(
        name_ja=NAME_JA.get(d["id"], d["name_ja"]),
        edition=edition,
        edition_name="推奨データセット" if edition == "v1" else "自治体標準オープンデータセット",
        name_en=NAME_EN[d["id"]],
        spec_path=spec_path
        or f"{'suisho_v1' if edition == 'v1' else 'standard_v2'}/{d['id']}.yaml",
        id=d["id"],
        imports="\n".join(imports),
        base="FacilitySplitRecord" if split else "DatasetRecord",
        cls=class_name(d["id"], edition),
        status=short(d.get("status", ""), 2000),
        slug=slug,
        slug_aliases=SLUG_ALIASES.get(d["id"], ()),
        sheet=sheet,
        version=short(version),
        confidence=confidence,
        sources=sources,
        notes=tuple(short(n) for n in d.get("notes") or []),
        prefix_line=f"\n        prefix={prefix!r}," if prefix else "",
        shared_block=shared_block,
    )
    return header + "\n" + body + "\n"


def render_index(edition: str, ids: list[str]) -> str:
    """The edition's package: names its models, imports each one's module on first use
    (PEP 562), so that detection, which reads the header index, builds only the model of
    the dataset it picks; ``MODELS`` imports them all."""
    checked = "\n".join(
        f"    from stdschema.datasets.{edition}.{i} import {class_name(i, edition)}" for i in ids
    )
    modules = "\n".join(f"    {class_name(i, edition)!r}: {i!r}," for i in ids)
    return (
        f'"""Dataset models of the {edition} edition (generated by tools/import_spec.py).\n\n'
        "Each model's module is imported when the model is first asked for (PEP 562): "
        "detection\nreads the header index and imports the detected dataset's model only; "
        '``MODELS``\nimports every one.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "import importlib\n"
        "from typing import TYPE_CHECKING, Any\n\n"
        f"if TYPE_CHECKING:\n{checked}\n\n"
        f"_MODULES = {{\n{modules}\n}}\n"
        '"""Model class → its module in this package, in registry order."""\n\n'
        f'__all__ = ["MODELS", {", ".join(repr(class_name(i, edition)) for i in ids)}]\n\n\n'
        "def __getattr__(name: str) -> Any:\n"
        '    if name == "MODELS":\n'
        "        models = tuple(__getattr__(n) for n in _MODULES)\n"
        "        globals()[name] = models\n"
        "        return models\n"
        "    module = _MODULES.get(name)\n"
        "    if module is None:\n"
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'
        '    model = getattr(importlib.import_module(f"{__name__}.{module}"), name)\n'
        "    globals()[name] = model\n"
        "    return model\n"
    )


def v2_spec_path(spec: Path, dataset_id: str) -> Path:
    """The spec file of a v2 dataset: ``standard_v2_updates/`` supersedes ``standard_v2/``."""
    stem = SPEC_FILES.get(dataset_id, dataset_id)
    update = spec / "standard_v2_updates" / f"{stem}.yaml"
    return update if update.exists() else spec / "standard_v2" / f"{stem}.yaml"


def check_coverage(spec: Path) -> None:
    """Every v2 spec file is modelled or listed as left out, never silently skipped."""
    sys.path.insert(0, str(ROOT))
    from stdschema.datasets.excluded import NOT_MODELLED

    modelled = {SPEC_FILES.get(i, i) for i in (*V2_IDS, *V2_CONFIG_ONLY)}
    left_out = {n.id for n in NOT_MODELLED}
    on_disk = {p.stem for p in (spec / "standard_v2").glob("*.yaml")}
    unknown = on_disk - modelled - left_out
    if unknown or modelled & left_out:
        raise SystemExit(
            f"spec and tables disagree: not modelled nor excluded {sorted(unknown)}, "
            f"both {sorted(modelled & left_out)}"
        )


def build(spec: Path) -> dict[Path, str]:
    out: dict[Path, str] = {}
    v1_docs = {}
    for path in sorted((spec / "suisho_v1").glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        v1_docs[d["id"]] = d
        out[PKG / "v1" / f"{d['id']}.py"] = render("v1", d, None)
    out[PKG / "v1" / "__init__.py"] = render_index("v1", sorted(v1_docs))
    check_coverage(spec)
    v2_ids = sorted((*V2_IDS, *V2_CONFIG_ONLY))
    for dataset_id in v2_ids:
        path = v2_spec_path(spec, dataset_id)
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        d["id"] = dataset_id
        out[PKG / "v2" / f"{dataset_id}.py"] = render(
            "v2", d, v1_docs.get(dataset_id), path.relative_to(spec).as_posix()
        )
    out[PKG / "v2" / "__init__.py"] = render_index("v2", v2_ids)
    return out


def formatted(files: dict[Path, str]) -> dict[Path, str]:
    """Run ruff format over the generated text so checked-in files are stable."""
    result = {}
    for path, text in files.items():
        proc = subprocess.run(
            ["ruff", "format", "--stdin-filename", str(path), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        result[path] = proc.stdout
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT.parent / "shared" / "spec")
    parser.add_argument("--check", action="store_true", help="exit 1 when modules are stale")
    args = parser.parse_args()
    files = formatted(build(args.spec))
    stale = [
        p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}")
        # The index is checked against the checked-in models (stale ones are listed above).
        index_stale = _index("--check") != 0
        return 1 if stale or index_stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files ({len(stale)} changed)")
    return _index("--write")


def _index(mode: str) -> int:
    """Run the header index's ``--write`` or ``--check`` in a fresh interpreter, so that it
    reads the modules just written, not ones this process may have imported."""
    return subprocess.run(
        [sys.executable, "-m", "stdschema.datasets.index", mode], cwd=ROOT, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())

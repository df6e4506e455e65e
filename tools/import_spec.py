"""Import the research spec (shared/spec/*.yaml) into dataset modules.

Writes ``stdschema/datasets/v1/*.py`` and ``stdschema/datasets/v2/*.py``: one
small module per dataset edition, each a typed Pydantic class. All curation
(English attribute names, which rule a column carries, what is confirmed)
lives in the tables below, so re-running after a spec update is safe.

    python tools/import_spec.py [--spec ../shared/spec] [--check]

``--check`` exits 1 when the checked-in modules differ from what the spec
gives (CI runs it when ``../shared/spec`` is present).
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

# v2 datasets with an ordered column list (issue: not 04, whose age-band headers are unknown).
V2_IDS = (
    "public_facilities",
    "cultural_properties",
    "designated_emergency_evacuation_sites",
    "childcare_facilities",
    "public_wifi_access_points",
    "aed_locations",
    "care_service_providers",
    "tourist_facilities",
    "public_toilets",
    "fire_water_facilities",
    "food_business_permits",
    "educational_institutions",
    "waste_sorting_rules",
    "tourist_points",
)

NAME_EN = {
    "aed_locations": "AED locations",
    "care_service_providers": "Care service providers",
    "childcare_facilities": "Childcare facilities",
    "cultural_properties": "Cultural properties",
    "designated_emergency_evacuation_sites": "Designated emergency evacuation sites",
    "events": "Events",
    "fire_water_facilities": "Fire-fighting water facilities",
    "medical_institutions": "Medical institutions",
    "open_data_catalog": "Open data catalogue",
    "population_by_area_and_age": "Population by area and age",
    "public_facilities": "Public facilities",
    "public_toilets": "Public toilets",
    "public_wifi_access_points": "Public Wi-Fi access points",
    "tourist_facilities": "Tourist facilities",
    "food_business_permits": "Food business permits and notifications",
    "educational_institutions": "Educational institutions",
    "waste_sorting_rules": "Waste sorting rules",
    "tourist_points": "Tourist points",
}

# Extra file-name slugs seen in real files (common_rules.md §12, MANIFEST).
SLUG_ALIASES = {
    "public_facilities": ("library",),
    "tourist_points": ("tourist_attraction",),
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

# v2 confidence: from the research index (spec/standard_v2/README.md).
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
    "観光ポイント_全国地方公共団体コード": ("local_government_code", "local_gov_code"),
    "地物・地点_ID": ("feature_id", None),
    "観光ポイント_ID": ("id", "record_id"),
    "観光ポイント_名称": ("name", None),
    "観光ポイント_名称（カナ）": ("name_kana", "katakana"),
    "観光ポイント_名称（英字）": ("name_en", "half_width"),
    "観光ポイント_説明": ("description", None),
    "観光ポイント_緯度": ("latitude", "latitude"),
    "観光ポイント_経度": ("longitude", "longitude"),
    "観光ポイント_座標参照系": ("crs", None),
    "観光ポイント_座標参照系コード": ("crs_code", None),
    "観光ポイント_画像": ("image", "url"),
    "観光ポイント_画像_ライセンス": ("image_license", None),
    "ゴミの品目": ("item", None),
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


def field_block(
    edition: str, d: dict[str, Any], f: dict[str, Any], v1_marks: dict[str, str]
) -> tuple[str, str]:
    header = f["name"]
    aliases = tuple(a for a, h in ALIASES.get((d["id"], edition), {}).items() if h == header)
    attr, rule = attr_and_rule(header)
    shared = shared_default(header)
    effective_rule = rule or shared.get("rule", "text")
    fmt = f.get("format")
    args: list[str] = [str(f["no"]), py(header)]

    # 区分
    mark = f.get("required")
    if edition == "v1":
        req_confirmed = mark == "◎" or not f.get("unconfirmed_required_mark")
    else:
        req_confirmed = mark is not None
    from stdschema.datasets.base import Requirement

    requirement = Requirement.from_mark(mark)
    if requirement is not Requirement.OPTIONAL:
        args.append(f"requirement=Requirement.{requirement.name}")
    if not req_confirmed:
        args.append("requirement_confirmed=False")
    hint = None
    if (not req_confirmed and edition == "v2") and (
        v1_marks.get(header) == "◎" or f.get("required_hint")
    ):
        hint = "REQUIRED"
    if hint:
        args.append(f"requirement_hint=Requirement.{hint}")

    # rule and its confirmation
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
    if allowed:
        confirmed = False
    if effective_rule != shared.get("rule", "text"):
        args.append(f"rule={py(effective_rule)}")
    if confirmed != shared.get("rule_confirmed", True):
        args.append(f"rule_confirmed={confirmed}")
    if allowed:
        args.append(f"allowed_values={py(allowed)}")

    english = f.get("english_name")
    if english and english != shared.get("english_name"):
        args.append(f"english_name={py(english)}")
    if fmt:
        args.append(f"format={py(fmt)}")
    example = f.get("example")
    if example not in (None, "") and not f.get("unconfirmed_example"):
        args.append(f"example={py(str(example))}")
    desc = f.get("description")
    if desc:
        args.append(f"description={py(short(desc))}")
    confirmed_by = f.get("confirmed_by")
    if edition == "v2" and confirmed_by is not None and confirmed_by < 2:
        args.append("header_confirmed=False")
    if aliases:
        args.append(f"aliases={py(aliases)}")
    if f.get("sources"):
        args.append(f"sources={py(tuple(f['sources']))}")
    notes = [
        n for n in (f.get("note"), f.get("required_hint"), f.get("type_hint_note") and None) if n
    ]
    if f.get("exact_name_in"):
        notes.append("exact spelling seen in: " + ", ".join(f["exact_name_in"]))
    if notes:
        args.append(f"notes={py(tuple(short(n) for n in notes))}")

    # annotation
    from stdschema.types import RULES

    rtype = RULES[effective_rule].python_type if confirmed else "str"
    if effective_rule == "multi":
        rtype = "MultiValue"
    required = requirement is Requirement.REQUIRED and effective_rule != "flag_1"
    ann = rtype if required else f"{rtype} | None"
    line = f"    {attr}: {ann} = col({', '.join(args)})"
    return attr, line


HEADER_TMPL = '''"""{name_ja} ({edition_name}): {name_en}.

Generated by ``tools/import_spec.py`` from ``shared/spec/{spec_dir}/{id}.yaml``;
edit the tool's tables, not this file.
"""

from __future__ import annotations

from stdschema.datasets.base import {base_imports}
{type_import}

__all__ = ["{cls}"]


class {cls}(DatasetRecord):
    """{name_ja} ({edition}): {name_en}.

    Status: {status}
    """

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
        notes={notes!r},
    )

'''


def render(edition: str, d: dict[str, Any], v1: dict[str, Any] | None) -> str:
    v1_marks = {f["name"]: f.get("required") for f in (v1 or {}).get("fields") or []}
    v1_desc = {f["name"]: f.get("description") for f in (v1 or {}).get("fields") or []}
    lines: list[str] = []
    seen: dict[str, int] = {}
    for f in d["fields"]:
        f = dict(f)
        if edition == "v2" and not f.get("description") and v1_desc.get(f["name"]):
            f["description"] = v1_desc[f["name"]]
        attr, line = field_block(edition, d, f, v1_marks)
        if attr in seen:
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
        confidence = V2_CONFIDENCE.get(d["id"], "NAMES_ONLY")
        sheet = d.get("sheet")
        version = d["version"]
    slug = d.get("file_name_slug")
    if slug and " " in slug:
        slug = slug.split()[0]
    header = HEADER_TMPL.format(
        name_ja=d["name_ja"],
        edition=edition,
        edition_name="推奨データセット" if edition == "v1" else "自治体標準オープンデータセット",
        name_en=NAME_EN[d["id"]],
        spec_dir="suisho_v1" if edition == "v1" else "standard_v2",
        id=d["id"],
        base_imports=", ".join(
            ["Confidence", "DatasetInfo", "DatasetRecord"]
            + (["Requirement"] if "Requirement." in body else [])
            + ["col"]
        ),
        type_import=f"from stdschema.types import {', '.join(type_names)}" if type_names else "",
        cls=class_name(d["id"], edition),
        status=short(d.get("status", ""), 2000),
        slug=slug,
        slug_aliases=SLUG_ALIASES.get(d["id"], ()),
        sheet=sheet,
        version=short(version),
        confidence=confidence,
        sources=sources,
        notes=tuple(short(n) for n in d.get("notes") or []),
    )
    return header + body + "\n"


def render_index(edition: str, ids: list[str]) -> str:
    imports = "\n".join(
        f"from stdschema.datasets.{edition}.{i} import {class_name(i, edition)}" for i in ids
    )
    names = ",\n".join(f"    {class_name(i, edition)}" for i in ids)
    return (
        f'"""Dataset models of the {edition} edition (generated by tools/import_spec.py)."""\n\n'
        f"from __future__ import annotations\n\n{imports}\n\n"
        f"MODELS = (\n{names},\n)\n\n"
        f'__all__ = ["MODELS", {", ".join(repr(class_name(i, edition)) for i in ids)}]\n'
    )


def build(spec: Path) -> dict[Path, str]:
    out: dict[Path, str] = {}
    v1_docs = {}
    for path in sorted((spec / "suisho_v1").glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        v1_docs[d["id"]] = d
        out[PKG / "v1" / f"{d['id']}.py"] = render("v1", d, None)
    out[PKG / "v1" / "__init__.py"] = render_index("v1", sorted(v1_docs))
    v2_ids = []
    for dataset_id in sorted(V2_IDS):
        d = yaml.safe_load(
            (spec / "standard_v2" / f"{dataset_id}.yaml").read_text(encoding="utf-8")
        )
        out[PKG / "v2" / f"{dataset_id}.py"] = render("v2", d, v1_docs.get(dataset_id))
        v2_ids.append(dataset_id)
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
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

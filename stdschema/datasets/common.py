"""Facts shared by same-named columns across datasets (address block, contact columns).

:func:`stdschema.datasets.base.col` fills these in, so each dataset module
states only what its own sheet says (position, 区分, 形式, 記入例, sources).
"""

from __future__ import annotations

from typing import Any

# header -> defaults for col(): rule, rule_confirmed, english_name, description.
# Confirmation follows shared/spec/common_rules.md: [spec]/[spec-3p] rules are
# enforced, [unconfirmed] ones are advisory (reported as warnings).
SHARED_COLUMNS: dict[str, dict[str, Any]] = {
    "全国地方公共団体コード": {
        "rule": "local_gov_code",
        "description": "Code of the local government that manages and publishes the data.",
        "english_name": "localGovernmentCode",
    },
    "ID": {
        "rule": "record_id",
        "description": "Identifier unique within the publishing government's data.",
        "english_name": "identifier",
    },
    "地方公共団体名": {
        "description": "Name of the publishing government, prefecture and municipality in one string.",
        "english_name": "localGovernmentName",
    },
    "所在地_全国地方公共団体コード": {
        "rule": "local_gov_code",
        "description": "Code of the municipality where the place is.",
        "english_name": "locatedLocalGovernmentCode",
    },
    "町字ID": {
        "rule": "chome_id",
        "rule_confirmed": False,
        "description": "町字ID of the Address Base Registry (アドレス・ベース・レジストリ).",
        "english_name": "streetAddressId",
    },
    "所在地_連結表記": {
        "description": "Full address from the prefecture to the building, in one string.",
        "english_name": "fullAddress",
    },
    "所在地_都道府県": {"description": "Prefecture of the address.", "english_name": "prefecture"},
    "所在地_市区町村": {
        "description": "Municipality of the address, including 郡 and designated-city ward.",
        "english_name": "city",
    },
    "所在地_町字": {
        "description": "Town (町字) of the address incl. 丁目.",
        "english_name": "streetAddress",
    },
    "所在地_番地以下": {"description": "Block, lot and below.", "english_name": "cityBlock"},
    "建物名等(方書)": {
        "description": "Building name, floor, room.",
        "english_name": "buildingNameEtc",
    },
    "緯度": {
        "rule": "latitude",
        "description": "Latitude in decimal degrees.",
        "english_name": "latitude",
    },
    "経度": {
        "rule": "longitude",
        "description": "Longitude in decimal degrees.",
        "english_name": "longitude",
    },
    "高度の種別": {
        "rule": "height_kind",
        "rule_confirmed": False,
        "description": "Kind of the height value: 階数 (floor), 標高 (elevation) or 地表高 (above ground).",
        "english_name": "heightType",
    },
    "高度の値": {
        "rule": "number",
        "rule_confirmed": False,
        "description": "Height value in the unit of 高度の種別 (floors or metres).",
        "english_name": "height",
    },
    "電話番号": {
        "rule": "phone",
        "rule_confirmed": False,
        "description": "Telephone number of the contact point.",
        "english_name": "contactPointPhoneNumber",
    },
    "内線番号": {
        "rule": "extension",
        "rule_confirmed": False,
        "description": "Extension number of the contact point.",
    },
    "FAX番号": {"rule": "phone", "rule_confirmed": False, "description": "Fax number."},
    "連絡先メールアドレス": {
        "rule": "email",
        "rule_confirmed": False,
        "description": "E-mail address of the contact point.",
    },
    "連絡先FormURL": {"rule": "url", "description": "URL of the contact form."},
    "連絡先備考（その他、SNSなど）": {
        "description": "Other contact information such as SNS accounts."
    },
    "郵便番号": {
        "rule": "postal_code",
        "rule_confirmed": False,
        "description": "Postal code of the contact point.",
        "english_name": "contactPointPostalCode",
    },
    "法人番号": {
        "rule": "corporate_number",
        "description": "Corporate number (法人番号) of the managing body.",
    },
    "URL": {"rule": "url", "description": "URL of a page about the record.", "english_name": "url"},
    "画像": {"rule": "url", "description": "URL of an image.", "english_name": "pictureUrl"},
    "画像_ライセンス": {
        "description": "Licence of the image (e.g. PDL1.0, CC BY 4.0).",
        "english_name": "pictureLicense",
    },
    "利用可能曜日": {
        "rule": "weekdays",
        "rule_confirmed": False,
        "description": "Days of the week on which it can be used.",
    },
    "開始時間": {
        "rule": "time",
        "rule_confirmed": False,
        "description": "Opening time (hh:mm).",
        "english_name": "startTime",
    },
    "終了時間": {
        "rule": "time",
        "rule_confirmed": False,
        "description": "Closing time (hh:mm).",
        "english_name": "endTime",
    },
    "備考": {"description": "Remarks.", "english_name": "remarks"},
    # 定義書C 施設・設備分離型: the unprefixed link to the companion 施設 file.
    "施設_ID": {
        "description": "ID of the facility in the companion 施設 file the row belongs to.",
    },
    # The school block that opens A-16 (学校給食献立情報) and A-17 (小中学校通学区域情報).
    "学校ID": {"description": "ID of the school."},
    "学校コード": {"description": "School code (学校コード) of the 文部科学省, 13 characters."},
    "学校所在地_都道府県名": {"description": "Prefecture where the school is."},
    "学校所在地_郡名": {"description": "County (郡) where the school is."},
    "学校所在地_市区町村名": {"description": "Municipality where the school is."},
    "学校所在地_行政区名": {"description": "Ward of a designated city where the school is."},
    "学校所在地_全国地方公共団体コード": {
        "rule": "local_gov_code",
        "description": "Code of the municipality where the school is.",
    },
    "学校名称": {"description": "Name of the school."},
    "学校名称_カナ": {
        "rule": "katakana",
        "description": "Reading of the school name in full-width katakana.",
    },
}

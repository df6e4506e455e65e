"""The words real files use for standard headers: synonyms, pair words, keywords, and the
strength of each kind of header evidence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdschema.datasets import DatasetRecord

# Header-evidence strengths, strongest first.
EXACT = 1.0
VARIANT = 0.95
RENAMED = 0.9
SYNONYM = 0.85
PAIR_SYNONYM = 0.8
BRACKETED_NOTE = 0.75
KEYWORD = 0.6
WEAK_KEYWORD = 0.55
FUZZY = 0.45
STRONG = 0.75  # a source with a match this strong is not offered elsewhere by keyword


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
    ("fax", ("FAX番号",), KEYWORD),
    ("ファックス", ("FAX番号",), KEYWORD),
    ("内線", ("内線番号", "連絡先内線番号"), KEYWORD),
    ("電話", ("電話番号", "施設電話番号", "連絡先電話番号"), KEYWORD),
    ("tel", ("電話番号", "施設電話番号", "連絡先電話番号"), WEAK_KEYWORD),
    ("phone", ("電話番号", "施設電話番号", "連絡先電話番号"), KEYWORD),
    ("メール", ("連絡先メールアドレス",), KEYWORD),
    ("mail", ("連絡先メールアドレス",), KEYWORD),
    ("郵便", ("郵便番号",), KEYWORD),
    ("postal", ("郵便番号",), KEYWORD),
    ("zip", ("郵便番号",), KEYWORD),
    ("ふりがな", ("名称_カナ",), KEYWORD),
    ("フリガナ", ("名称_カナ",), KEYWORD),
    ("カナ", ("名称_カナ",), KEYWORD),
    ("kana", ("名称_カナ",), KEYWORD),
    ("英語", ("名称_英語", "名称_英字"), WEAK_KEYWORD),
    ("romaji", ("名称_英語", "名称_英字"), WEAK_KEYWORD),
    ("住所", ("所在地_連結表記", "住所"), KEYWORD),
    ("所在地", ("所在地_連結表記", "住所"), KEYWORD),
    ("address", ("所在地_連結表記", "住所"), WEAK_KEYWORD),
    ("方書", ("建物名等(方書)", "方書"), KEYWORD),
    ("緯度", ("緯度",), KEYWORD),
    ("経度", ("経度",), KEYWORD),
    ("latitude", ("緯度",), KEYWORD),
    ("longitude", ("経度",), KEYWORD),
    ("url", ("URL",), KEYWORD),
    ("hp", ("URL",), WEAK_KEYWORD),
    ("ホームページ", ("URL",), KEYWORD),
    ("画像", ("画像", "画像1"), WEAK_KEYWORD),
    ("写真", ("画像", "画像1"), WEAK_KEYWORD),
    ("starttime", ("開始時間", "利用開始時間", "診療開始時間"), KEYWORD),
    ("endtime", ("終了時間", "利用終了時間", "診療終了時間"), KEYWORD),
    ("開館時間", ("開始時間", "利用開始時間"), KEYWORD),
    ("営業時間", ("開始時間", "利用開始時間"), KEYWORD),
    ("利用時間", ("開始時間", "利用開始時間"), KEYWORD),
    ("診療時間", ("診療開始時間",), KEYWORD),
    ("備考", ("備考",), WEAK_KEYWORD),
    ("説明", ("説明", "概要"), WEAK_KEYWORD),
    ("紹介", ("説明", "概要"), WEAK_KEYWORD),
    ("概要", ("概要", "説明"), WEAK_KEYWORD),
    ("駐車場", ("駐車場情報",), KEYWORD),
    ("定員", ("収容定員", "定員", "想定収容人数"), KEYWORD),
    ("収容", ("収容定員", "定員", "想定収容人数"), KEYWORD),
    ("種別", ("種別", "種類"), WEAK_KEYWORD),
    ("種類", ("種類", "種別"), WEAK_KEYWORD),
    ("洪水", ("災害種別_洪水",), KEYWORD),
    ("flood", ("災害種別_洪水",), KEYWORD),
    ("風水害", ("災害種別_洪水",), KEYWORD),
    ("風水害", ("災害種別_高潮",), KEYWORD),
    ("風水害", ("災害種別_内水氾濫",), KEYWORD),
    ("土砂", ("災害種別_崖崩れ、土石流及び地滑り",), KEYWORD),
    ("崖崩れ", ("災害種別_崖崩れ、土石流及び地滑り",), KEYWORD),
    ("がけ崩れ", ("災害種別_崖崩れ、土石流及び地滑り",), KEYWORD),
    ("高潮", ("災害種別_高潮",), KEYWORD),
    ("地震", ("災害種別_地震",), KEYWORD),
    ("津波", ("災害種別_津波",), KEYWORD),
    ("火事", ("災害種別_大規模な火事",), KEYWORD),
    ("火災", ("災害種別_大規模な火事",), KEYWORD),
    ("内水", ("災害種別_内水氾濫",), KEYWORD),
    ("火山", ("災害種別_火山現象",), KEYWORD),
)

# Headers ending in 名/名称/name usually name the record ("公園名",
# "要配慮者利用施設名称", "groupName"); these do not.
NAME_SUFFIXES = ("名称", "名", "name")
NOT_NAMES = frozenset(
    {"都道府県名", "市区町村名", "市町村名", "県名", "団体名", "法人名", "町名", "地域名", "会社名",
     "プレフィックス名", "prefname", "cityname", "townname", "username", "filename"}
)  # fmt: skip

# Columns filled from the same cell as their partner when it holds a pair.
RANGE_PARTNERS: dict[str, str] = {
    "開始時間": "終了時間",
    "利用開始時間": "利用終了時間",
    "診療開始時間": "診療終了時間",
    "子供預かり開所時間": "子供預かり閉所時間",
}
END_TIMES = frozenset(RANGE_PARTNERS.values())
ADDRESS_HEADERS = frozenset({"所在地_連結表記", "住所"})
POSTAL_HEADERS = ("郵便番号", "教育機関_郵便番号")
# Publisher code columns; 市区町村コード (指定緊急避難場所) is the site's
# municipality, almost always the publisher in a municipal file.
CODE_HEADERS = ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード")

SEPARATORS = re.compile(r"[\s_\-‐‑–—−.,:;/・･()\[\]{}（）［］｛｝「」『』【】〔〕]+")
BRACKETED = re.compile(r"[（(【\[［〔][^）)】\]］〕]*[）)】\]］〕]")


def header_key(text: str) -> str:
    """Comparison key of a header word: NFKC, case-folded, separators and brackets dropped."""
    folded = unicodedata.normalize("NFKC", text.lstrip("\ufeff")).casefold()
    return SEPARATORS.sub("", folded)


@dataclass(frozen=True, slots=True)
class Word:
    header: str
    pair: bool = False


def synonym_index(model: type[DatasetRecord]) -> dict[str, list[Word]]:
    """Synonym key → standard headers of ``model`` it denotes."""
    present = set(model.headers())
    index: dict[str, list[Word]] = {}
    for targets, words in SYNONYMS:
        header = next((t for t in targets if t in present), None)
        if header is None:
            continue
        for word in words:
            entries = index.setdefault(header_key(word), [])
            if all(w.header != header for w in entries):
                entries.append(Word(header))
    for latlon in ("緯度", "経度"):
        if latlon in present:
            for word in PAIR_WORDS:
                index.setdefault(header_key(word), []).append(Word(latlon, pair=True))
    return index


def rename_index(model: type[DatasetRecord]) -> dict[str, str]:
    """Key of the other edition's header → this model's header (推奨 ↔ 標準 renames)."""
    from stdschema.conversion.upgrade import RENAMES

    present = set(model.headers())
    out: dict[str, str] = {}
    for v2, v1 in RENAMES.items():
        if isinstance(v1, tuple):
            continue
        if model.__dataset__.edition == "v2" and v2 in present:
            out[header_key(v1)] = v2
        elif model.__dataset__.edition == "v1" and v1 in present:
            out[header_key(v2)] = v1
    return out

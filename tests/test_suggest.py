"""``stdschema map suggest``: mapping suggestions for real legacy files and small synthetic ones."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from stdschema.conversion.mapping import ColumnRule, MappingError, parse_mapping
from stdschema.conversion.suggest import (
    MAPPED_THRESHOLD,
    SYNONYMS,
    MappingSuggestion,
    Reason,
    render_yaml,
    suggest_mapping,
)
from stdschema.datasets import UnknownDatasetError, get_dataset, list_datasets
from stdschema.messages import Lang, t

REAL = Path(__file__).parent / "data" / "real"


def _rule(s: MappingSuggestion, target: str) -> ColumnRule:
    column = s.get(target)
    assert column.mapped, f"{target} is not mapped: {column.confidence} {column.reasons}"
    assert column.rule is not None
    return column.rule


def _names(rule: ColumnRule) -> list[str]:
    """Transform names of a rule, arguments dropped."""
    return [t if isinstance(t, str) else next(iter(t)) for t in rule.transforms]


def _en(reasons: Sequence[Reason | str]) -> list[str]:
    """Reasons or notes as English text."""
    return [r.text("en") if isinstance(r, Reason) else r for r in reasons]


def _checked_yaml(s: MappingSuggestion, lang: Lang = "en") -> str:
    """render_yaml output, parsed by the real mapping loader and compared with the suggestion."""
    text = render_yaml(s, lang)
    mapping = parse_mapping(text, "suggested.yaml")
    assert mapping.target == s.target
    assert mapping.columns == s.mapping().columns
    assert mapping.source == s.source
    assert mapping.context == s.context
    return text


def _csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


# --------------------------------------------------------------------------- real files


@pytest.fixture(scope="module")
def takamatsu_aed() -> MappingSuggestion:
    return suggest_mapping(REAL / "legacy/takamatsu_0002_aed_location.csv", "aed_locations@v2")


def test_takamatsu_aed_columns(takamatsu_aed: MappingSuggestion) -> None:
    s = takamatsu_aed
    assert s.target == "aed_locations@v2"
    assert _rule(s, "名称").source == "name"
    assert _rule(s, "所在地_連結表記").source == "address"
    assert _rule(s, "設置位置").source == "installationPosition"
    assert _rule(s, "電話番号").source == "telephoneNumber"
    assert _rule(s, "開始時間").source == "startTime"
    assert _rule(s, "終了時間").source == "endTime"
    assert _rule(s, "緯度") == ColumnRule(source="location", transforms=[{"lat_lon": "latitude"}])
    assert _rule(s, "経度") == ColumnRule(source="location", transforms=[{"lat_lon": "longitude"}])
    # The '#attribution_name' metadata row names 高松市.
    assert s.context.publisher_code == "372013"
    assert _rule(s, "全国地方公共団体コード").constant == "372013"
    assert _rule(s, "地方公共団体名").constant == "香川県高松市"
    assert s.unused_sources == []
    assert [c.target for c in s.columns] == get_dataset("aed_locations@v2").headers()


def test_takamatsu_aed_yaml(takamatsu_aed: MappingSuggestion) -> None:
    text = _checked_yaml(takamatsu_aed)
    assert "legacy/takamatsu_0002_aed_location.csv" in text.splitlines()[1]
    assert "名称: {source: name" in text
    assert "# confidence" in text.split("名称: {source: name", 1)[1].splitlines()[0]
    # Unmapped standard columns are commented-out entries.
    assert "  # 名称_英字: {source: ?}   # no candidate found" in text
    assert "  # 画像1: {source: ?}" in text
    assert text.endswith("# every input column is used\n")


def test_takamatsu_childcare() -> None:
    s = suggest_mapping(
        REAL / "legacy/takamatsu_0079_unapproved_childcare_facilities.csv",
        "childcare_facilities@v2",
    )
    assert _rule(s, "名称").source == "name"
    address = _rule(s, "所在地_連結表記")
    assert address.source == "address"
    assert "strip_postal_code" in _names(address)
    postal = _rule(s, "郵便番号")
    assert (postal.source, postal.transforms) == ("address", ["extract_postal_code"])
    assert _rule(s, "電話番号").source == "telephoneNumber"
    assert _rule(s, "緯度").transforms == [{"lat_lon": "latitude"}]
    assert _rule(s, "経度").transforms == [{"lat_lon": "longitude"}]
    # S47.4.1 … plus one 3/25/2021: date with us_order reads both.
    approval = _rule(s, "認可等年月日")
    assert approval.source == "fiscalYearStartDay"
    assert approval.transforms == [{"date": {"us_order": True}}]
    assert any("和暦" in r for r in _en(s.get("認可等年月日").reasons))
    # One cell "7：30～18：30" gives both times.
    assert _rule(s, "開始時間").source == "startTimeWeekDays"
    assert "time_range_start" in _names(_rule(s, "開始時間"))
    assert _rule(s, "終了時間").source == "startTimeWeekDays"
    assert "time_range_end" in _names(_rule(s, "終了時間"))
    assert _rule(s, "収容定員").source == "capacity"
    assert "serviceContents" in s.unused_sources
    text = _checked_yaml(s)
    assert "# unused input columns: " in text and "serviceContents" in text.split("# unused")[1]


def test_yaizu_evacuation_shelters() -> None:
    s = suggest_mapping(
        REAL / "legacy/yaizu_222127_hinannjo.csv", "designated_emergency_evacuation_sites@v2"
    )
    assert _rule(s, "名称").source == "名称"
    assert _rule(s, "名称_カナ").source == "名称_カナ"
    assert _rule(s, "所在地_連結表記").source == "住所"
    assert _rule(s, "ID").source == "NO"
    assert _rule(s, "緯度") == ColumnRule(source="緯度")
    assert _rule(s, "経度") == ColumnRule(source="経度")
    assert _rule(s, "市区町村コード").source == "市区町村コード"
    # 'ー' in the phone column is a placeholder, not a number.
    phone = _rule(s, "電話番号")
    assert phone.transforms[0] == {"blank_if": {"values": ["ー"]}}
    # One legacy flag column covers two standard hazards.
    both = "開設される災害の種類（地震・津波）"
    for hazard in ("災害種別_地震", "災害種別_津波"):
        assert _rule(s, hazard) == ColumnRule(source=both, transforms=["flag_1"])
    assert (
        _rule(s, "災害種別_崖崩れ、土石流及び地滑り").source == "開設される災害の種類（土砂災害）"
    )
    assert s.context.publisher_code == "222127"
    assert _rule(s, "地方公共団体名").constant == "静岡県焼津市"
    assert not s.get("災害種別_火山現象").mapped
    text = _checked_yaml(s)
    assert "# 災害種別_火山現象: {source: ?}   # no candidate found (◎ required)" in text
    assert "UTMポイント" in s.unused_sources


def test_yaizu_parks() -> None:
    s = suggest_mapping(REAL / "legacy/yaizu_222127_park_info.csv", "public_facilities@v2")
    assert _rule(s, "ID").source == "ID"
    assert _rule(s, "名称").source == "公園名"
    assert _rule(s, "所在地_連結表記").source == "住所（番地まで）"
    assert _rule(s, "緯度").source == "緯度"
    assert _rule(s, "URL").source == "公園HPアドレス"
    assert _rule(s, "全国地方公共団体コード").constant == "222127"
    assert "from the file name" in _en(s.get("全国地方公共団体コード").reasons)
    # A column of photo IDs is not an image URL.
    assert not s.get("画像").mapped
    _checked_yaml(s)


def test_komae_v1_file_to_v2() -> None:
    s = suggest_mapping(REAL / "standard/komae_132195_aed.csv", "aed_locations@v2")
    assert _rule(s, "所在地_連結表記").source == "住所"
    assert _rule(s, "全国地方公共団体コード").source == "都道府県コード又は市区町村コード"
    assert _rule(s, "ID").source == "NO"
    assert _rule(s, "建物名等(方書)").source == "方書"
    kana = _rule(s, "名称_カナ")
    assert (kana.source, kana.transforms) == ("名称_カナ", ["kana_full_width"])
    assert any("half-width katakana" in r for r in _en(s.get("名称_カナ").reasons))
    assert _rule(s, "電話番号").transforms == [{"blank_if": {"values": ["なし"]}}]
    assert s.get("名称").confidence == 1.0
    assert s.context.publisher_code == "132195"
    _checked_yaml(s)


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("legacy/takamatsu_0060_evacuation_space.csv", "designated_emergency_evacuation_sites@v2"),
        ("legacy/takamatsu_0063_cultural_property.csv", "cultural_properties@v2"),
        ("legacy/takamatsu_0066_population_202303.csv", "population_by_area_and_age@v1"),
        ("legacy/takamatsu_0081_event_list.csv", "events@v1"),
        ("legacy/takamatsu_hospital.csv", "medical_institutions@v1"),
        ("legacy/yaizu_yohairyosya.csv", "public_facilities@v2"),
        ("legacy/joyo_5374_target.csv", "waste_sorting_rules@v2"),
        ("standard/takamatsu_public_toilet.csv", "public_toilets@v2"),
        ("standard/yaizu_222127_preschool.csv", "childcare_facilities@v1"),
        ("standard/yaizu_222127_aed.csv", "aed_locations@v1"),
        ("standard/yaizu_222127_tourism.csv", "tourist_facilities@v2"),
    ],
)
def test_more_real_files_give_loadable_yaml(name: str, target: str) -> None:
    s = suggest_mapping(REAL / name, target)
    _checked_yaml(s)
    assert any(c.mapped for c in s.columns)


def test_takamatsu_toilet_english_names() -> None:
    s = suggest_mapping(REAL / "standard/takamatsu_public_toilet.csv", "public_toilets@v2")
    assert _rule(s, "全国地方公共団体コード") == ColumnRule(
        source="prefCode", transforms=["local_gov_code"]
    )
    assert _rule(s, "名称_カナ").source == "fullNameInKana"
    assert _rule(s, "男性トイレ総数").source == "totalMensRestroom"
    assert _rule(s, "利用終了時間").source == "endTime"
    assert any("24:00" in r for r in _en(s.get("利用終了時間").reasons))


def test_population_age_bands() -> None:
    s = suggest_mapping(
        REAL / "legacy/takamatsu_0066_population_202303.csv", "population_by_area_and_age@v1"
    )
    assert _rule(s, "0-4歳の男性").source == "man1"
    assert _rule(s, "85歳以上の女性").source == "woman18"
    assert _rule(s, "調査年月日").transforms == [{"date": {"us_order": True}}]


def test_same_dataset_edition_is_all_exact() -> None:
    s = suggest_mapping(REAL / "standard/komae_132195_aed.csv", "aed_locations@v1")
    for column in s.columns:
        assert column.mapped
        assert column.rule is not None and column.rule.source == column.target
        assert _en(column.reasons)[0] == "header matches exactly"


def test_cp932_input_keeps_its_encoding() -> None:
    s = suggest_mapping(REAL / "legacy/yaizu_yohairyosya.csv", "public_facilities@v2")
    assert s.source.encoding == "cp932"
    assert _rule(s, "郵便番号").transforms == ["postal_code"]
    assert _rule(s, "所在地_連結表記").source == "所在地"
    assert "encoding: cp932" in _checked_yaml(s)


# --------------------------------------------------------------------------- synthetic files


def test_value_detectors(tmp_path: Path) -> None:
    rows = [
        ["番号", "施設名", "ﾌﾘｶﾞﾅ", "市町村コード", "開設日", "開館時間", "閉館時間", "〒", "TEL", "小児用"],
        ["1", "中央公民館", "ﾁｭｳｵｳｺｳﾐﾝｶﾝ", "22212", "令和3年4月1日", "９：００", "１７：００", "〒425-0022", "054-626-1111", "○"],
        ["2", "西公民館", "ﾆｼｺｳﾐﾝｶﾝ", "22212", "平成30年10月1日", "９：３０", "１７：３０", "〒425-0023", "０５４－６２６－２２２２", "×"],
        ["3", "東公民館", "ﾋｶﾞｼｺｳﾐﾝｶﾝ", "22212", "R1.5.1", "10:00", "18:00", "〒425-0024", "054-626-3333", "○"],
    ]  # fmt: skip
    s = suggest_mapping(_csv(tmp_path / "facilities.csv", rows), "aed_locations@v2")
    assert _rule(s, "ID").source == "番号"
    assert _rule(s, "名称").source == "施設名"
    assert _rule(s, "名称_カナ") == ColumnRule(source="ﾌﾘｶﾞﾅ", transforms=["kana_full_width"])
    assert _rule(s, "全国地方公共団体コード") == ColumnRule(
        source="市町村コード", transforms=["local_gov_code"]
    )
    assert _rule(s, "開始時間") == ColumnRule(source="開館時間", transforms=["time"])
    assert _rule(s, "終了時間") == ColumnRule(source="閉館時間", transforms=["time"])
    assert _rule(s, "郵便番号") == ColumnRule(source="〒", transforms=["postal_code"])
    assert _rule(s, "電話番号") == ColumnRule(source="TEL", transforms=["phone"])
    # ○/× in a 有/無 column is yes_no; in a flag column it would be flag_1.
    assert _rule(s, "小児対応設備の有無") == ColumnRule(source="小児用", transforms=["yes_no"])
    # The constant 5-digit code names the publisher.
    assert s.context.publisher_code == "222127"
    assert s.context.prefecture == "静岡県"
    _checked_yaml(s)

    childcare = suggest_mapping(tmp_path / "facilities.csv", "childcare_facilities@v2")
    approval = _rule(childcare, "認可等年月日")
    assert (approval.source, approval.transforms) == ("開設日", ["wareki_to_iso"])
    _checked_yaml(childcare)


def test_flags_for_hazard_columns(tmp_path: Path) -> None:
    rows = [["名称", "住所", "電話", "洪水", "地震"], ["A", "焼津市1", "054-000-0000", "○", ""]]
    rows += [["B", "焼津市2", "054-000-0001", "", "○"]]
    s = suggest_mapping(
        _csv(tmp_path / "222127_evacuation.csv", rows), "designated_emergency_evacuation_sites@v2"
    )
    assert _rule(s, "災害種別_洪水") == ColumnRule(source="洪水", transforms=["flag_1"])
    assert _rule(s, "災害種別_地震") == ColumnRule(source="地震", transforms=["flag_1"])
    assert _rule(s, "全国地方公共団体コード").constant == "222127"
    assert _rule(s, "市区町村コード").constant == "222127"
    _checked_yaml(s)


def test_swapped_coordinates_lower_confidence(tmp_path: Path) -> None:
    rows = [["名称", "緯度", "経度"]]
    rows += [[f"P{i}", f"138.3{i}1", f"34.8{i}2"] for i in range(5)]
    s = suggest_mapping(_csv(tmp_path / "points.csv", rows), "aed_locations@v2")
    lat = s.get("緯度")
    assert lat.rule is not None and lat.rule.source == "緯度"
    assert MAPPED_THRESHOLD <= lat.confidence < 0.8
    assert any("swapped" in r for r in _en(lat.reasons))
    assert lat.rule.transforms == [
        {"fix_swapped_coordinates": {"take": "latitude", "other": "経度"}}
    ]
    lon = _rule(s, "経度")
    assert lon.transforms == [{"fix_swapped_coordinates": {"take": "longitude", "other": "緯度"}}]
    _checked_yaml(s)


def test_unusual_headers_survive_yaml(tmp_path: Path) -> None:
    odd = ["名称\n(必須)", "備考: #1", 'say "hi"', "yes", "001", "- x", "[a]"]
    rows = [odd, ["A", "n", "q", "y", "1", "x", "a"], ["B", "m", "r", "n", "2", "y", "b"]]
    s = suggest_mapping(_csv(tmp_path / "odd.csv", rows), "aed_locations@v2")
    assert _rule(s, "名称").source == "名称\n(必須)"
    assert _rule(s, "備考").source == "備考: #1"
    text = _checked_yaml(s)
    # Unused names are listed in comments on single lines.
    assert all(line.startswith(("#", " ", "version", "target", "source", "context", "columns"))
               for line in text.splitlines())  # fmt: skip


def test_empty_header_and_duplicates_are_skipped(tmp_path: Path) -> None:
    rows = [["名称", "", "名称"], ["A", "x", "B"]]
    s = suggest_mapping(_csv(tmp_path / "dup.csv", rows), "aed_locations@v2")
    assert _rule(s, "名称").source == "名称"
    assert any("repeats" in n for n in _en(s.notes))
    assert any("without a header" in n for n in _en(s.notes))
    _checked_yaml(s)


def test_no_mapped_columns_still_loads(tmp_path: Path) -> None:
    s = suggest_mapping(_csv(tmp_path / "x.csv", [["foo", "bar"], ["1", "2"]]), "aed_locations@v2")
    assert not any(c.mapped for c in s.columns)
    text = render_yaml(s, "en")
    assert "columns: {}" in text
    assert "# unused input columns: foo, bar" in text
    # The draft says so, but it cannot be used as it is: every output cell would be blank.
    with pytest.raises(MappingError, match="columns is empty"):
        parse_mapping(text, "suggested.yaml", "en")


def test_xml_records(tmp_path: Path) -> None:
    path = tmp_path / "points.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<root>'
        "<item><name>A</name><lat>34.86</lat><lon>138.32</lon><tel>054-626-1111</tel></item>"
        "<item><name>B</name><lat>34.87</lat><lon>138.33</lon><tel>054-626-2222</tel></item>"
        "</root>",
        encoding="utf-8",
    )
    s = suggest_mapping(path, "aed_locations@v2", record_xpath="//item")
    assert s.source.format == "xml" and s.source.record_xpath == "//item"
    assert _rule(s, "名称").source == "name"
    assert _rule(s, "緯度").source == "lat"
    assert _rule(s, "経度").source == "lon"
    assert _rule(s, "電話番号").source == "tel"
    _checked_yaml(s)


def test_sample_rows_limit(tmp_path: Path) -> None:
    rows = [["名称"]] + [[f"n{i}"] for i in range(50)]
    s = suggest_mapping(_csv(tmp_path / "many.csv", rows), "aed_locations@v2", sample_rows=10)
    assert s.rows_sampled == 10
    assert "(10 rows sampled)" in render_yaml(s, "en")
    assert "（見本 10 行）" in render_yaml(s, "ja")


def test_unknown_target(tmp_path: Path) -> None:
    with pytest.raises(UnknownDatasetError):
        suggest_mapping(_csv(tmp_path / "x.csv", [["a"], ["1"]]), "no_such_dataset@v2")


def test_synonym_table_targets_exist() -> None:
    headers = {h for model in list_datasets() for h in model.headers()}
    for targets, words in SYNONYMS:
        assert all(t in headers for t in targets), targets
        assert words


def test_every_value_rule_has_a_judge() -> None:
    """A rule without an entry would quietly be judged as text: each one is listed, and the
    rules judged as text are named here on purpose."""
    from stdschema.conversion.suggest.judges import JUDGES, judge_text
    from stdschema.types import RULES

    assert set(JUDGES) == set(RULES)
    text_judged = {rule for rule, entry in JUDGES.items() if entry.judge is judge_text}
    assert text_judged == {"text", "extension", "height_kind", "multi"}


def test_judges_by_rule_on_real_values() -> None:
    """Each rule's judge singles out, by values alone, the column 高松市's cultural property
    file uses for it (a rule judged as text would single out nothing)."""
    from stdschema.conversion.suggest.judges import evidence
    from stdschema.conversion.suggest.profile import profile_column
    from stdschema.conversion.suggest.reading import read_sample

    data = read_sample(
        REAL / "legacy" / "takamatsu_0063_cultural_property.csv",
        encoding=None,
        sheet=None,
        header_row=None,
        record_xpath=None,
        namespaces=None,
        sample_rows=500,
    )
    profiles = [profile_column(n, i, data.columns[n]) for i, n in enumerate(data.header)]
    columns = {c.header: c for c in get_dataset("cultural_properties@v2").__columns__}
    expected = {
        "全国地方公共団体コード": "prefCode",  # local_gov_code
        "緯度": "location",  # latitude (from 'lat,lon' pairs)
        "電話番号": "telephoneNumber",  # phone
        "文化財指定日": "culturalPropertyDate",  # date
        "利用可能曜日": "availableDate",  # weekdays
    }
    for target, source in expected.items():
        fits = {p.name: evidence(p, columns[target]).fit for p in profiles}
        assert [n for n, fit in fits.items() if fit > 0.5] == [source], (target, fits)


# --------------------------------------------------------------------------- one language

LEGACY_TARGETS = {
    "joyo_5374_area_days.csv": "waste_sorting_rules@v2",
    "joyo_5374_target.csv": "waste_sorting_rules@v2",
    "takamatsu_0002_aed_location.csv": "aed_locations@v2",
    "takamatsu_0060_evacuation_space.csv": "designated_emergency_evacuation_sites@v1",
    "takamatsu_0063_cultural_property.csv": "cultural_properties@v2",
    "takamatsu_0066_population_202303.csv": "population_by_area_and_age@v1",
    "takamatsu_0074_garbage_separation.csv": "waste_sorting_rules@v2",
    "takamatsu_0079_unapproved_childcare_facilities.csv": "childcare_facilities@v2",
    "takamatsu_0081_event_list.csv": "events@v1",
    "takamatsu_0087_member_companies.csv": "public_facilities@v2",
    "takamatsu_0097_city_tax_settlement_r2.csv": "public_facilities@v2",
    "takamatsu_hospital.csv": "medical_institutions@v1",
    "yaizu_222127_hinannjo.csv": "designated_emergency_evacuation_sites@v2",
    "yaizu_222127_nouen.csv": "public_facilities@v2",
    "yaizu_222127_park_info.csv": "public_facilities@v2",
    "yaizu_222127_traffic_accident_2022.csv": "public_facilities@v2",
    "yaizu_yohairyosya.csv": "public_facilities@v2",
}

# Quoted headers and values are the file's own words, in whatever language it uses.
_QUOTED = re.compile(r"「[^」]*」|'[^']*'|\"[^\"]*\"|`[^`]*`")
# Three ASCII words in a row: a sentence (or a clause) of English.
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
# Three hiragana in a row: Japanese prose (headers are kanji and katakana with a particle).
_JAPANESE = re.compile(r"[\u3041-\u309f]{3,}")


LIST_LABELS = ("suggest.unused", "suggest.also_possible")


def _comments(text: str) -> list[str]:
    """The comment of every line of a suggested mapping (for a commented-out entry, the
    comment after its rule), quoted words removed."""
    # Lists of input headers (unused, other candidates) are the file's words too.
    langs: tuple[Lang, ...] = ("ja", "en")
    lists = tuple(t(key, lang).split(":")[0] for key in LIST_LABELS for lang in langs)
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith("#   ") or (not stripped.startswith("#") and "   # " not in line):
            continue  # a continued list of headers, or YAML without a comment
        comment = line.rsplit("   # ", 1)[1] if "   # " in line else stripped.lstrip("# ")
        if comment.startswith(lists):
            continue
        found.append(_QUOTED.sub("", comment))
    return found


@pytest.fixture(scope="module")
def legacy_suggestions() -> dict[str, MappingSuggestion]:
    files = sorted((REAL / "legacy").glob("*.csv"))
    assert [f.name for f in files] == sorted(LEGACY_TARGETS)  # a new file gets a target here
    return {f.name: suggest_mapping(f, LEGACY_TARGETS[f.name]) for f in files}


def test_japanese_comments_have_no_english_sentence(
    legacy_suggestions: dict[str, MappingSuggestion],
) -> None:
    for name, s in legacy_suggestions.items():
        text = render_yaml(s, "ja")
        english = [c for c in _comments(text) if _ENGLISH.search(c)]
        assert english == [], name
        assert "確からしさ" in text


def test_english_comments_have_no_japanese_prose(
    legacy_suggestions: dict[str, MappingSuggestion],
) -> None:
    for name, s in legacy_suggestions.items():
        text = render_yaml(s, "en")
        # Standard headers are names (対象となる町会・自治会), not prose: left out too.
        headers = sorted(get_dataset(s.target).headers(), key=len, reverse=True)
        comments = [re.sub("|".join(map(re.escape, headers)), "", c) for c in _comments(text)]
        japanese = [c for c in comments if _JAPANESE.search(c)]
        assert japanese == [], name
        assert "confidence" in text


def test_the_language_detectors_catch_the_other_language(
    legacy_suggestions: dict[str, MappingSuggestion],
) -> None:
    # The two checks above would pass on empty comments: each finds the other language.
    s = legacy_suggestions["takamatsu_0002_aed_location.csv"]
    assert any(_ENGLISH.search(c) for c in _comments(render_yaml(s, "en")))
    assert any(_JAPANESE.search(c) for c in _comments(render_yaml(s, "ja")))


def test_blank_if_on_a_required_column_says_what_happens(
    legacy_suggestions: dict[str, MappingSuggestion],
) -> None:
    # 高松市's evacuation sites write "-" for 14 sites without a phone; 電話番号 is ◎ in v1.
    s = legacy_suggestions["takamatsu_0060_evacuation_space.csv"]
    phone = s.get("電話番号")
    assert phone.requirement == "◎"
    assert phone.rule is not None and {"blank_if": {"values": ["-"]}} in phone.rule.transforms
    ja = render_yaml(s, "ja").splitlines()
    entry = next(i for i, line in enumerate(ja) if line.startswith("  電話番号: "))
    warning = ja[entry + 1]
    assert warning.startswith("    # 注意: 電話番号 は◎（必須）の列です。")
    for words in ('"-" のセルは空欄', "見本では 14 行", "除外行", "--keep-incomplete"):
        assert words in warning
    en = render_yaml(s, "en").splitlines()
    warning = en[entry + 1]
    assert warning.startswith("    # warning: 電話番号 is a ◎ (required) column")
    for words in ("14 rows in the sample", "rejects those rows", "--keep-incomplete"):
        assert words in warning
    # An optional column gets the placeholder rule without a warning.
    for column in s.columns:
        if column.requirement != "◎":
            assert not any(r.warning and "blank" in r.key for r in column.reasons), column


def test_map_suggest_console_line_follows_lang(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stdschema.cli import app

    source = REAL / "legacy/takamatsu_0002_aed_location.csv"
    cases: tuple[tuple[Lang, str], ...] = (("ja", "列を対応付けました"), ("en", "columns mapped"))
    for lang, expected in cases:
        out = tmp_path / f"m.{lang}.yaml"
        args = ["map", "suggest", str(source), "-d", "aed_locations@v2", "-o", str(out)]
        result = CliRunner().invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 0, result.stderr
        assert expected in result.stdout
        assert out.read_text(encoding="utf-8").splitlines()[0] == "# " + t("suggest.title", lang)

"""Detection a user can trust (issue 9): the header decides, never the file name alone.

The corpus: every real standard file the tests hold (renamed to a neutral name, so only the
header can decide), every modelled dataset's own header row, legacy files of the same
subjects saved under misleading names, and current-standard headers of sheets that have no
model. Detection must be right on all of them, and no legacy file may be checked against a
standard dataset.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.datasets import detect, header_edition, list_datasets
from stdschema.io import open_table
from stdschema.validation import Options, validate_file

ROOT = Path(__file__).parent.parent
REAL = ROOT / "tests" / "data" / "real"

STANDARD = {
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
    "transcribed/meguro_131105_population_20210101_excerpt.csv": "population_by_area_and_age@v1",
    "v2/01_public_facility_sports_extension__133086_okutama.csv": "public_facilities@v2",
    "v2/02_cultural_property__132152_kunitachi.csv": "cultural_properties@v2",
    "v2/02_cultural_property__273619_kumatori.csv": "cultural_properties@v2",
    "v2/05_preschool__122319_inzai.csv": "childcare_facilities@v2",
    "v2/06_open_data_list__122319_inzai.csv": "open_data_catalog@v2",
    "v2/07_public_wifi__341002_hiroshima_city.csv": "public_wifi_access_points@v2",
    "v2/09_care_service__122319_inzai.csv": "care_service_providers@v2",
    "v2/10_hospital__122319_inzai.csv": "medical_institutions@v2",
    "v2/11_tourism__402036_kurume.csv": "tourist_facilities@v2",
    "v2/12_event__122319_inzai.csv": "events@v2",
    "v2/13_public_toilet__222127_yaizu.csv": "public_toilets@v2",
    "v2/14_fire_hydrant__222127_yaizu.csv": "fire_water_facilities@v2",
    "v2/15_food_business_all__132055_ome.xlsx": "food_business_permits@v2",
    "v2/17_school_district__122319_inzai.csv": "school_districts@v2",
    "v2/23_emergency_radio__122319_inzai.csv": "disaster_radio_stations@v2",
    "v2/26_bicycle_parking__122319_inzai.csv": "public_bicycle_parking@v2",
    "v2/31_tourist_attraction__122319_inzai.csv": "tourist_points@v2",
    "v2/31_tourist_attraction__272272_higashiosaka.csv": "tourist_points@v2",
    "v2/transcribed/01_public_facility__172014_kanazawa_ckan_dump.EXCERPT.csv": (
        "public_facilities@v2"
    ),
    "v2/transcribed/05_preschool__352071_kudamatsu.EXCERPT.csv": "childcare_facilities@v2",
    "v2/transcribed/08_aed__132128_hino.EXCERPT.csv": "aed_locations@v2",
    "v2/transcribed/09_care_service__352071_kudamatsu.EXCERPT.csv": "care_service_providers@v2",
    "v2/transcribed/24_educational_institution__352071_kudamatsu.csv": (
        "educational_institutions@v2"
    ),
}

# Legacy (local-layout) files, each saved under the name a standard file of the same
# subject would have: the name must not make them a standard dataset.
LEGACY = {
    "legacy/takamatsu_0002_aed_location.csv": "372013_aed.csv",
    "legacy/takamatsu_0060_evacuation_space.csv": "372013_evacuation_space.csv",
    "legacy/takamatsu_0063_cultural_property.csv": "372013_cultural_property.csv",
    "legacy/takamatsu_0066_population_202303.csv": "372013_population.csv",
    "legacy/takamatsu_0074_garbage_separation.csv": "372013_waste_sorting.csv",
    "legacy/takamatsu_0079_unapproved_childcare_facilities.csv": "372013_preschool.csv",
    "legacy/takamatsu_0081_event_list.csv": "372013_event.csv",
    "legacy/takamatsu_hospital.csv": "372013_hospital.csv",
    "legacy/yaizu_222127_hinannjo.csv": "222127_evacuation_space.csv",
    "legacy/yaizu_222127_nouen.csv": "222127_public_facility.csv",
    "legacy/yaizu_222127_park_info.csv": "222127_public_facility.csv",
    "legacy/yaizu_yohairyosya.csv": "222127_care_service.csv",
    "legacy/joyo_5374_target.csv": "262072_waste_sorting.csv",
    "transcribed/shinagawa_toilet_excerpt.csv": "131091_public_toilet.csv",
    "transcribed/meguro_131105_community_based_long_term_care_service_offices.csv": (
        "131105_care_service.csv"
    ),
    "standard/takamatsu_sandbag_creation_location.csv": "372013_public_facility.csv",
    # The UTF-16 tab-separated 投票所 file (an Excel "Unicode text" export named .csv).
    "v2/27_polling_place_local__122319_inzai.csv": "122319_polling_place.csv",
}

# Current-standard headers of sheets without a model (names from the project's research
# notes: B-22 from an ingest config, C-25 from the Digital Agency's area-data model).
NOT_MODELLED = {
    "support_programs": [
        "全国地方公共団体コード",
        "地方公共団体名",
        "制度所管組織",
        "支援制度ID",
        "支援制度種別",
        "タイトル（制度名）",
        "サブタイトル（通称等）",
        "対象者",
        "対象地域",
        "制度概要",
        "内容",
        "利用・申請方法",
        "募集時期",
        "受付開始日",
        "受付終了日",
        "根拠法令",
        "詳細参照先",
        "関連制度",
        "お問い合わせ先",
        "電子申請URL",
        "キーワード",
        "公開日",
        "連絡先名称",
        "連絡先電話番号",
        "連絡先メールアドレス",
        "連絡先FormURL",
        "郵便番号",
        "連絡先住所",
        "URL",
    ],
    "public_parking_lots": [
        "全国地方公共団体コード",
        "ID",
        "地方公共団体名",
        "名称",
        "名称_カナ",
        "名称_英字",
        "概要",
        "所在地_全国地方公共団体コード",
        "町字ID",
        "所在地_連結表記",
        "所在地_都道府県",
        "所在地_市区町村",
        "所在地_町字",
        "所在地_番地以下",
        "建物名等(方書)",
        "郵便番号",
        "緯度",
        "経度",
        "連絡先名称",
        "連絡先電話番号",
        "連絡先内線番号",
        "連絡先メールアドレス",
        "連絡先FormURL",
        "連絡先備考",
        "サービス曜日",
        "開始時刻",
        "終了時刻",
        "24時間利用可能可否",
        "日時備考",
        "料金_種別",
        "料金_基本",
        "料金_時間帯別",
        "料金_最大料金",
        "料金_定期",
        "料金_割引",
        "料金備考",
        "決済種別",
        "車種",
        "最大駐車台数_普通車",
        "最大駐車台数_バス",
        "最大駐車台数_バイク",
        "付帯設備",
        "車両サイズ制限_高さ",
        "車両サイズ制限_幅",
        "車両サイズ制限_長さ",
        "身障者用駐車区画数",
        "EV充電器の有無",
        "EV充電器の口数",
        "備考",
    ],
}


def header_of(path: Path) -> list[str]:
    with open_table(path) as table:
        return list(table.header)


def neutral_copy(rel: str, folder: Path, name: str) -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REAL / rel, target)
    return target


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_corpus_is_large_enough() -> None:
    """The issue asks for at least 20 headers; every modelled dataset is in it."""
    assert len(STANDARD) + len(LEGACY) + len(NOT_MODELLED) >= 20
    assert len(list_datasets()) >= 24


@pytest.mark.parametrize("rel", sorted(STANDARD))
def test_real_standard_file_is_detected_by_header_alone(rel: str) -> None:
    found = detect(header_of(REAL / rel), "data" + Path(rel).suffix)
    assert found.best is not None, [(c.key, c.score) for c in found.candidates]
    assert found.best.key == STANDARD[rel]
    assert found.best.method == "header"
    # The pick comes first, and no runner-up is ranked above it.
    assert found.candidates[0] is found.best
    assert all(c.score <= found.best.score for c in found.candidates[1:])


@pytest.mark.parametrize("model", list_datasets(), ids=lambda m: m.__dataset__.key)
def test_every_modelled_header_is_detected(model: type) -> None:
    found = detect(model.headers(), "data.csv")
    assert found.best is not None and found.best.model is model
    assert found.best.score == 1.0


@pytest.mark.parametrize("rel", sorted(STANDARD))
def test_current_form_is_never_checked_against_the_recommended_edition(rel: str) -> None:
    header = header_of(REAL / rel)
    found = detect(header, "data.csv")
    if header_edition(header) == "v2":
        assert all(c.model.__dataset__.edition == "v2" for c in found.candidates)
    if header_edition(header) == "v1":
        assert all(c.model.__dataset__.edition == "v1" for c in found.candidates)


@pytest.mark.parametrize("rel", sorted(LEGACY))
def test_legacy_file_under_a_misleading_name_is_not_a_standard_dataset(
    rel: str, tmp_path: Path
) -> None:
    path = neutral_copy(rel, tmp_path, LEGACY[rel])
    found = detect(header_of(path), path.name)
    assert found.best is None, (found.best.key, found.best.score)
    report = validate_file(path, Options(lang="en"))
    assert report.dataset.id is None
    codes = set(report.summary.by_code)
    assert "dataset-not-recognised" in codes
    # Nothing was checked against a standard dataset's columns.
    assert not codes & {"missing-label", "extra-label", "label-order", "header-variant"}


def test_local_layout_polling_file_is_read_and_called_a_local_layout(tmp_path: Path) -> None:
    path = neutral_copy(
        "v2/27_polling_place_local__122319_inzai.csv", tmp_path, "122319_polling_place.csv"
    )
    report = validate_file(path, Options(lang="ja"))
    assert report.encoding == "utf-16" and report.rows == 23
    [problem] = [p for p in report.problems if p.code == "dataset-not-recognised"]
    assert "自治体独自の様式" in problem.message and "map suggest" in (problem.hint or "")


@pytest.mark.parametrize("sheet", sorted(NOT_MODELLED))
def test_current_form_without_a_model_checks_only_the_common_columns(
    sheet: str, tmp_path: Path
) -> None:
    header = NOT_MODELLED[sheet]
    found = detect(header, f"122319_{sheet}.csv")
    assert found.best is None and found.edition == "v2"
    assert "全国地方公共団体コード" in found.standard_like
    # One good row, one with a wrong check digit and a bad URL: the common columns'
    # values are still checked; nothing else is claimed.
    good = dict.fromkeys(header, "")
    good.update({"全国地方公共団体コード": "122319", "地方公共団体名": "千葉県印西市"})
    url, url_field = ("URL", "url") if "URL" in header else ("連絡先FormURL", "contact_form_url")
    good[url] = "https://www.city.inzai.lg.jp/"
    bad = dict(good, 全国地方公共団体コード="122318")
    bad[url] = "www.city.inzai.lg.jp"
    lines = [",".join(header)] + [",".join(row[h] for h in header) for row in (good, bad)]
    path = tmp_path / f"122319_{sheet}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_file(path, Options(lang="en"))
    assert report.dataset.id is None and report.rows == 2
    by_code = report.summary.by_code
    assert by_code.pop("dataset-not-modelled") == 1
    assert {(p.code, p.line, p.field) for p in report.problems if p.line == 3} == {
        ("check-digit-error", 3, "local_government_code"),
        ("invalid-value", 3, url_field),
    }
    assert not set(by_code) & {"missing-label", "extra-label", "label-order", "blank-required"}
    assert report.summary.error == 2 and not report.valid


def test_the_file_name_only_breaks_a_tie() -> None:
    public, tourist = (
        next(m for m in list_datasets("v2") if m.__dataset__.id == i)
        for i in ("public_facilities", "tourist_facilities")
    )
    # The columns the two layouts share: a tie within the margin, above the bar.
    shared = [h for h in public.headers() if h in set(tourist.headers())]
    neutral = detect(shared, "data.csv")
    assert neutral.best is not None and neutral.best.method == "header"
    first, second = neutral.candidates[:2]
    assert {first.key, second.key} == {"public_facilities@v2", "tourist_facilities@v2"}
    assert first.score - second.score < 0.05
    other = second.model.__dataset__.slug
    named = detect(shared, f"402036_{other}.csv")
    assert named.best is not None and named.best.model is second.model
    assert named.best.method == "header+filename" and named.candidates[0] is named.best


def test_a_low_header_score_is_never_rescued_by_the_file_name() -> None:
    # 7 columns every dataset shares, in a file called …_aed.csv: not an AED list.
    header = [
        "全国地方公共団体コード",
        "ID",
        "地方公共団体名",
        "名称",
        "所在地_連結表記",
        "緯度",
        "経度",
    ]
    found = detect(header, "132128_aed.csv")
    assert found.best is None
    assert found.standard_like  # still checked as the standard's common columns


def test_a_clear_subset_of_one_layout_is_that_dataset() -> None:
    # Half of the toilet columns, including the toilet-specific ones: a toilet list that
    # leaves columns out (its missing columns are then reported), not "unknown".
    model = next(m for m in list_datasets("v2") if m.__dataset__.id == "public_toilets")
    header = model.headers()[::2]
    found = detect(header, "data.csv")
    assert found.best is not None and found.best.model is model


def test_detect_command_lists_every_file_and_an_unreadable_one_as_an_error(
    tmp_path: Path,
) -> None:
    good = neutral_copy("v2/10_hospital__122319_inzai.csv", tmp_path, "a.csv")
    broken = tmp_path / "b.csv"
    broken.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    legacy = neutral_copy("legacy/takamatsu_0002_aed_location.csv", tmp_path, "c_aed.csv")
    proc = run_cli("datasets", "detect", "--json", good, broken, legacy)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("stdschema: ")
    entries = json.loads(proc.stdout)
    assert [Path(e["path"]).name for e in entries] == ["a.csv", "b.csv", "c_aed.csv"]
    assert (entries[0]["id"], entries[0]["edition"]) == ("medical_institutions", "v2")
    assert entries[1]["id"] is None and entries[1]["error_code"]
    assert entries[2]["id"] is None and "error" not in entries[2]
    text = run_cli("datasets", "detect", good, broken)
    assert text.returncode == 2
    assert "medical_institutions@v2" in text.stdout and "見出し行により判定" in text.stdout


def test_detect_command_on_the_whole_corpus(tmp_path: Path) -> None:
    files = [
        neutral_copy(rel, tmp_path / str(i), "data" + Path(rel).suffix)
        for i, rel in enumerate(sorted(STANDARD))
    ]
    proc = run_cli("datasets", "detect", "--json", *files)
    assert proc.returncode == 0, proc.stderr
    got = [f"{e['id']}@{e['edition']}" for e in json.loads(proc.stdout)]
    assert got == [STANDARD[rel] for rel in sorted(STANDARD)]

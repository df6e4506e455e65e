"""The header-variant table: a variant is reported once, with the standard spelling, and the
column under it is still checked as that standard column (never one missing + one extra)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import stdschema
from stdschema.datasets import (
    Confidence,
    DatasetInfo,
    DatasetRecord,
    get_dataset,
    list_datasets,
    normalize_header,
    resolve_header,
)
from stdschema.datasets.base import col
from stdschema.datasets.variants import VARIANTS, HeaderVariant, variant_spellings
from stdschema.io import open_table
from stdschema.report.model import FileReport
from stdschema.validation import Options, validate_file

REAL = Path(__file__).parent / "data" / "real"

V1_MARKERS = ("都道府県コード又は市区町村コード", "都道府県名")
V2_MARKERS = ("全国地方公共団体コード", "地方公共団体名")


def real_rows(rel: str, rows: int = 1) -> tuple[list[str], list[list[str]]]:
    """Header and the first data rows of a real file, as read."""
    with open_table(REAL / rel) as table:
        records = []
        for record in table.records():
            records.append(list(record.cells))
            if len(records) == rows:
                break
        return list(table.header), records


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def variant_file(
    tmp_path: Path,
    header: list[str],
    row: list[str],
    standard: str,
    written: str,
    value: str,
) -> Path:
    """``header``/``row`` with the column ``standard`` renamed ``written`` and holding ``value``."""
    at = header.index(standard)
    header = [written if i == at else h for i, h in enumerate(header)]
    row = [value if i == at else c for i, c in enumerate(row)]
    return write_csv(tmp_path / "data.csv", header, [row])


def check(path: Path, dataset: str) -> FileReport:
    """Validate against ``dataset``; the fast engine and the Pydantic path must agree."""
    report = stdschema.validate(path, dataset=dataset, lang="en").files[0]
    slow = validate_file(path, Options(dataset=dataset, lang="en", engine="pydantic"))
    quick = validate_file(path, Options(dataset=dataset, lang="en", engine="fast"))
    assert slow.problems == quick.problems == report.problems
    return report


def assert_mapped(report: FileReport, written: str, expected: str, value_code: str | None) -> None:
    """``written`` is one header-variant of ``expected``; its cells get ``value_code``."""
    variants = [p for p in report.problems if p.code == "header-variant" and p.header == written]
    assert [(p.line, p.fixed_to, p.severity) for p in variants] == [(1, expected, "warning")]
    assert expected in variants[0].message
    column, field = variants[0].column, variants[0].field
    assert not [p for p in report.problems if p.code == "extra-label" and p.header == written]
    assert not [p for p in report.problems if p.code == "missing-label" and p.field == field]
    if value_code is None:
        return
    checked = [
        p
        for p in report.problems
        if p.line == 2 and p.column == column and p.field == field and p.header == written
    ]
    assert value_code in {p.code for p in checked}, report.problems


def model_row(dataset: str) -> tuple[list[str], list[str]]:
    """A model's standard header row with a blank data row (a realistic empty template)."""
    header = get_dataset(dataset).headers()
    return header, [""] * len(header)


# --- full- and half-width brackets: normalize_header's NFKC, no table entry -------------


def test_full_width_brackets_fold_to_the_half_width_standard(tmp_path: Path) -> None:
    # 焼津市's v1 観光施設 file writes 料金（基本）/料金（詳細）; v1 writes 料金(基本).
    header, rows = real_rows("standard/yaizu_222127_tourism.csv")
    assert "料金（基本）" in header
    assert normalize_header("料金（基本）") == normalize_header("料金(基本)")
    at = header.index("料金（基本）")
    rows[0][at] = " 大人500円 "
    report = check(write_csv(tmp_path / "data.csv", header, rows), "tourist_facilities@v1")
    assert_mapped(report, "料金（基本）", "料金(基本)", "surrounding-whitespace")
    assert_mapped(report, "料金（詳細）", "料金(詳細)", None)


def test_half_width_brackets_fold_to_the_full_width_standard(tmp_path: Path) -> None:
    # v2 公衆トイレ (焼津市) writes 男性トイレ数（小便器） full-width; a half-width copy is the same.
    header, rows = real_rows("v2/13_public_toilet__222127_yaizu.csv")
    path = variant_file(
        tmp_path, header, rows[0], "男性トイレ数（小便器）", "男性トイレ数(小便器)", "三"
    )
    report = check(path, "public_toilets@v2")
    assert_mapped(report, "男性トイレ数(小便器)", "男性トイレ数（小便器）", "invalid-value")


# --- 利用可能時間特記事項 / 利用可能日時特記事項 ------------------------------------------

_REMARKS = ("利用可能日時特記事項", "利用可能時間特記事項")


def test_each_dataset_has_one_remark_spelling_and_accepts_the_other() -> None:
    having = {m.__dataset__.key: [h for h in _REMARKS if h in m.headers()] for m in list_datasets()}
    # What the spec decided: 公衆トイレ (both editions) and 公共施設 v2 write 時間.
    assert having["public_toilets@v1"] == having["public_toilets@v2"] == ["利用可能時間特記事項"]
    assert having["public_facilities@v2"] == ["利用可能時間特記事項"]
    assert having["public_facilities@v1"] == having["aed_locations@v1"] == ["利用可能日時特記事項"]
    for model in list_datasets():
        own = having[model.__dataset__.key]
        if len(own) != 1:
            continue
        [other] = [h for h in _REMARKS if h not in own]
        assert variant_spellings(model)[other] == own[0]


@pytest.mark.parametrize(
    ("rel", "dataset", "standard", "written"),
    [
        # 焼津市 AED (v1) and 図書館 (v1 公共施設): 日時 is theirs, 時間 the variant.
        ("standard/yaizu_222127_aed.csv", "aed_locations@v1", *_REMARKS),
        ("standard/yaizu_222127_library.csv", "public_facilities@v1", *_REMARKS),
        # 焼津市 公衆トイレ (v2) and 奥多摩町 公共施設 (v2): 時間 is theirs.
        ("v2/13_public_toilet__222127_yaizu.csv", "public_toilets@v2", *reversed(_REMARKS)),
        (
            "v2/01_public_facility_sports_extension__133086_okutama.csv",
            "public_facilities@v2",
            *reversed(_REMARKS),
        ),
    ],
)
def test_remark_spelling_of_the_other_sheets(
    tmp_path: Path, rel: str, dataset: str, standard: str, written: str
) -> None:
    header, rows = real_rows(rel)
    path = variant_file(tmp_path, header, rows[0], standard, written, "年末年始は休み ")
    report = check(path, dataset)
    assert_mapped(report, written, standard, "surrounding-whitespace")


# --- coordinates ----------------------------------------------------------------------

_LATITUDES = next(v for v in VARIANTS if v.standard == "緯度").spellings
_LONGITUDES = next(v for v in VARIANTS if v.standard == "経度").spellings


@pytest.mark.parametrize("written", _LATITUDES)
def test_latitude_spellings_are_checked_as_latitude(tmp_path: Path, written: str) -> None:
    header, rows = real_rows("standard/yaizu_222127_aed.csv")
    path = variant_file(tmp_path, header, rows[0], "緯度", written, "135.0")
    report = check(path, "aed_locations@v1")
    assert_mapped(report, written, "緯度", "invalid-value")


@pytest.mark.parametrize("written", _LONGITUDES)
def test_longitude_spellings_are_checked_as_longitude(tmp_path: Path, written: str) -> None:
    header, rows = real_rows("v2/14_fire_hydrant__222127_yaizu.csv")
    path = variant_file(tmp_path, header, rows[0], "経度", written, "東経138度")
    report = check(path, "fire_water_facilities@v2")
    assert_mapped(report, written, "経度", "invalid-value")


def test_english_coordinate_names_stay_with_the_model_not_the_table() -> None:
    # latitude/longitude are the attribute names of 緯度/経度: the model's own names win.
    spellings = variant_spellings(get_dataset("aed_locations@v1"))
    assert "latitude" not in spellings and "lat" in spellings
    assert resolve_header(get_dataset("aed_locations@v1"), "Latitude") is not None


# --- the code column ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["市区町村コード", "団体コード", "地方公共団体コード"])
def test_code_column_v1(tmp_path: Path, written: str) -> None:
    # 焼津市 AED (v1); 222128 fails the check digit of 222127.
    header, rows = real_rows("standard/yaizu_222127_aed.csv")
    standard = "都道府県コード又は市区町村コード"
    path = variant_file(tmp_path, header, rows[0], standard, written, "222128")
    assert_mapped(check(path, "aed_locations@v1"), written, standard, "check-digit-error")


def test_code_column_v1_mhlw_spelling(tmp_path: Path) -> None:
    # 厚生労働省's 介護サービス事業所 files write 都道府県コード又は市町村コード (no 区).
    header, row = model_row("care_service_providers@v1")
    standard, written = "都道府県コード又は市区町村コード", "都道府県コード又は市町村コード"
    path = variant_file(tmp_path, header, row, standard, written, "131017")
    report = check(path, "care_service_providers@v1")
    assert_mapped(report, written, standard, "check-digit-error")


@pytest.mark.parametrize("written", ["市区町村コード", "団体コード", "地方公共団体コード"])
def test_code_column_v2(tmp_path: Path, written: str) -> None:
    header, rows = real_rows("v2/14_fire_hydrant__222127_yaizu.csv")
    path = variant_file(tmp_path, header, rows[0], "全国地方公共団体コード", written, "222128")
    report = check(path, "fire_water_facilities@v2")
    assert_mapped(report, written, "全国地方公共団体コード", "check-digit-error")


def test_evacuation_sites_keep_their_own_municipality_code_column(tmp_path: Path) -> None:
    # 指定緊急避難場所 has a 市区町村コード column of its own (v1 and v2): never a variant there.
    for key in (
        "designated_emergency_evacuation_sites@v1",
        "designated_emergency_evacuation_sites@v2",
    ):
        model = get_dataset(key)
        assert "市区町村コード" in model.headers()
        assert "市区町村コード" not in variant_spellings(model)
        assert resolve_header(model, "市区町村コード") == (
            next(c for c in model.__columns__ if c.header == "市区町村コード"),
            True,
        )
    # v2 has 全国地方公共団体コード too; 団体コード still means that one.
    header, row = model_row("designated_emergency_evacuation_sites@v2")
    path = variant_file(tmp_path, header, row, "全国地方公共団体コード", "団体コード", "222128")
    report = check(path, "designated_emergency_evacuation_sites@v2")
    assert_mapped(report, "団体コード", "全国地方公共団体コード", "check-digit-error")


# --- 指定緊急避難場所: the hazard flags -----------------------------------------------------

_HAZARDS = [v for v in VARIANTS if v.standard.startswith("災害種別_")]


def _hazard_cases() -> list[tuple[str, str]]:
    return [(v.standard, s) for v in _HAZARDS for s in v.spellings]


def test_every_hazard_flag_has_an_entry() -> None:
    for key in (
        "designated_emergency_evacuation_sites@v1",
        "designated_emergency_evacuation_sites@v2",
    ):
        flags = [h for h in get_dataset(key).headers() if h.startswith("災害種別_")]
        assert len(flags) == 8
        assert sorted(flags) == sorted(v.standard for v in _HAZARDS)


@pytest.mark.parametrize(("standard", "written"), _hazard_cases())
def test_hazard_flag_spellings_v1(tmp_path: Path, standard: str, written: str) -> None:
    # 焼津市's v1 file (its 〇 flags are reported too; the cell under test holds 2).
    header, rows = real_rows("standard/yaizu_222127_evacuation_space.csv")
    path = variant_file(tmp_path, header, rows[0], standard, written, "2")
    report = check(path, "designated_emergency_evacuation_sites@v1")
    assert_mapped(report, written, standard, "not-allowed-value")


@pytest.mark.parametrize(("standard", "written"), _hazard_cases())
def test_hazard_flag_spellings_v2(tmp_path: Path, standard: str, written: str) -> None:
    header, row = model_row("designated_emergency_evacuation_sites@v2")
    path = variant_file(tmp_path, header, row, standard, written, "2")
    report = check(path, "designated_emergency_evacuation_sites@v2")
    assert_mapped(report, written, standard, "not-allowed-value")


def test_hazard_slips_named_by_the_issue() -> None:
    spellings = variant_spellings(get_dataset("designated_emergency_evacuation_sites@v2"))
    landslide = "災害種別_崖崩れ、土石流及び地滑り"
    for written in (
        "災害種別_崖崩れ_土石流及び地滑り",
        "災害種別_崖崩れ・土石流及び地滑り",
        "崖崩れ、土石流及び地滑り",
    ):
        assert spellings[written] == landslide
    assert spellings["災害種別_大規模火事"] == "災害種別_大規模な火事"
    # Half-width 、 (U+FF64) needs no entry: NFKC folds it.
    assert normalize_header("災害種別_崖崩れ\uff64土石流及び地滑り") == normalize_header(landslide)
    # Other datasets do not take the bare hazard words.
    assert "地震" not in variant_spellings(get_dataset("public_facilities@v2"))


# --- 定義書C 施設・設備分離型: the prefix rule -----------------------------------------------


class _SchoolsC24(DatasetRecord):
    """下松市's C-24 header (prefixed items, unprefixed 緯度/経度), abridged."""

    __dataset__ = DatasetInfo(
        id="test_schools",
        edition="v2",
        name_ja="教育機関一覧 (test)",
        slug=None,
        sheet="C-24",
        version="test",
        confidence=Confidence.NAMES_ONLY,
        status="test",
        prefix="教育機関",
    )
    school_code: str | None = col(1, "教育機関_学校コード")
    name: str | None = col(2, "教育機関_学校名")
    address_municipality: str | None = col(3, "教育機関_学校所在地（市区町村）")
    latitude: str | None = col(4, "緯度")
    longitude: str | None = col(5, "経度")


class _RadioC23(DatasetRecord):
    """印西市's C-23 header (every item prefixed, linked through 施設_ID), abridged."""

    __dataset__ = DatasetInfo(
        id="test_radio",
        edition="v2",
        name_ja="防災行政無線 (test)",
        slug=None,
        sheet="C-23",
        version="test",
        confidence=Confidence.NAMES_ONLY,
        status="test",
        prefix="防災行政無線",
    )
    code: str | None = col(1, "防災行政無線_全国地方公共団体コード")
    facility_id: str | None = col(2, "施設_ID")
    radio_id: str | None = col(3, "防災行政無線_ID")
    name: str | None = col(4, "防災行政無線_名称")
    latitude: str | None = col(5, "防災行政無線_緯度")
    longitude: str | None = col(6, "防災行政無線_経度")


class _Clash(DatasetRecord):
    """A prefixed model with both X and <prefix>_X: neither is a variant of the other."""

    __dataset__ = DatasetInfo(
        id="test_clash",
        edition="v2",
        name_ja="test",
        slug=None,
        sheet=None,
        version="test",
        confidence=Confidence.NAMES_ONLY,
        status="test",
        prefix="公営駐輪場",
    )
    name: str | None = col(1, "名称")
    own_name: str | None = col(2, "公営駐輪場_名称")
    latitude: str | None = col(3, "公営駐輪場_緯度")


def test_prefix_rule_both_directions() -> None:
    schools = variant_spellings(_SchoolsC24)
    # Prefixed columns written without the prefix (舞鶴市's file) ...
    assert schools["学校コード"] == "教育機関_学校コード"
    assert schools["学校名"] == "教育機関_学校名"
    assert schools["学校所在地（市区町村）"] == "教育機関_学校所在地（市区町村）"
    # ... and unprefixed columns written with it (日野市's files: 教育機関_緯度).
    assert schools["教育機関_緯度"] == "緯度"
    assert schools["教育機関_経度"] == "経度"
    # Table entries apply to prefixed models, with and without the prefix.
    assert schools["lat"] == schools["教育機関_lat"] == "緯度"

    radio = variant_spellings(_RadioC23)
    assert radio["名称"] == "防災行政無線_名称"
    assert radio["ID"] == "防災行政無線_ID"
    assert radio["防災行政無線_施設_ID"] == "施設_ID"
    # The table's 緯度/経度 and code entries resolve to the model's prefixed columns.
    assert radio["緯度"] == radio["lat"] == radio["緯度（世界測地系）"] == "防災行政無線_緯度"
    assert radio["lon"] == "防災行政無線_経度"
    assert radio["全国地方公共団体コード"] == "防災行政無線_全国地方公共団体コード"
    assert radio["市区町村コード"] == "防災行政無線_全国地方公共団体コード"


def test_prefix_rule_never_shadows_a_column() -> None:
    clash = variant_spellings(_Clash)
    assert "名称" not in clash and "公営駐輪場_名称" not in clash
    assert clash["緯度"] == "公営駐輪場_緯度"


def test_unprefixed_model_gets_only_table_spellings() -> None:
    model = get_dataset("public_toilets@v2")
    assert model.__dataset__.prefix is None
    table = {s for v in VARIANTS for s in v.spellings}
    assert set(variant_spellings(model)) <= table


def test_tourist_points_accept_unprefixed_headers(tmp_path: Path) -> None:
    # 印西市's C-31 file, with two columns written without 観光ポイント_.
    model = get_dataset("tourist_points@v2")
    assert model.__dataset__.prefix == "観光ポイント"
    header, rows = real_rows("v2/31_tourist_attraction__122319_inzai.csv")
    row = rows[0]
    header = ["名称" if h == "観光ポイント_名称" else h for h in header]
    path = variant_file(tmp_path, header, row, "観光ポイント_緯度", "緯度", "135.0")
    report = check(path, "tourist_points@v2")
    assert_mapped(report, "緯度", "観光ポイント_緯度", "invalid-value")
    assert_mapped(report, "名称", "観光ポイント_名称", None)


def test_tourist_points_coordinate_table_entries(tmp_path: Path) -> None:
    header, rows = real_rows("v2/31_tourist_attraction__122319_inzai.csv")
    path = variant_file(tmp_path, header, rows[0], "観光ポイント_経度", "lng", "東経140度")
    report = check(path, "tourist_points@v2")
    assert_mapped(report, "lng", "観光ポイント_経度", "invalid-value")


def test_educational_institutions_both_coordinate_spellings(tmp_path: Path) -> None:
    # 下松市 writes 緯度, 日野市's files 教育機関_緯度: whichever the model has, the other maps.
    model = get_dataset("educational_institutions@v2")
    [standard] = [c.header for c in model.__columns__ if c.header.endswith("緯度")]
    other = "教育機関_緯度" if standard == "緯度" else "緯度"
    header, rows = real_rows("v2/transcribed/24_educational_institution__352071_kudamatsu.csv")
    written_in_file = "緯度"
    header = [standard if h == written_in_file else h for h in header]
    path = variant_file(tmp_path, header, rows[0], standard, other, "135.0")
    report = check(path, "educational_institutions@v2")
    assert_mapped(report, other, standard, "invalid-value")


@pytest.mark.parametrize("part", ["市区町村", "町字", "番地以下"])
def test_educational_institutions_address_with_underscore(tmp_path: Path, part: str) -> None:
    # 日野市/東京都 ingest configs accept 教育機関_学校所在地_市区町村 for （市区町村）.
    header, rows = real_rows("v2/transcribed/24_educational_institution__352071_kudamatsu.csv")
    standard = f"教育機関_学校所在地（{part}）"
    for written in (f"教育機関_学校所在地_{part}", f"学校所在地_{part}"):
        path = variant_file(tmp_path, header, rows[0], standard, written, " 下松市 ")
        report = check(path, "educational_institutions@v2")
        assert_mapped(report, written, standard, "surrounding-whitespace")


# --- the table as a whole -------------------------------------------------------------


def _applies(entry: HeaderVariant, model: type[DatasetRecord]) -> bool:
    info = model.__dataset__
    return entry.applies_to(info.id, info.key)


def test_every_entry_has_a_source_and_applies_somewhere() -> None:
    for entry in VARIANTS:
        assert entry.source.strip()
        assert entry.spellings
        targets = [
            m
            for m in list_datasets()
            if _applies(entry, m)
            and (
                entry.standard in m.headers()
                or (
                    m.__dataset__.prefix is not None
                    and f"{m.__dataset__.prefix}_{entry.standard}" in m.headers()
                )
            )
        ]
        assert targets, f"no dataset has {entry.standard!r}"


def test_no_spelling_is_lost_to_a_clash() -> None:
    # Every spelling of an entry reaches every model that has the entry's column, unless
    # that model already knows the spelling as one of its own names.
    for model in list_datasets():
        headers = model.headers()
        prefix = model.__dataset__.prefix
        spellings = {normalize_header(w): s for w, s in variant_spellings(model).items()}
        own = {
            normalize_header(name)
            for c in model.__columns__
            for name in (c.header, c.attr, c.english_name, *c.aliases)
            if name
        }
        for entry in VARIANTS:
            if not _applies(entry, model):
                continue
            if entry.standard in headers:
                target = entry.standard
            elif prefix is not None and f"{prefix}_{entry.standard}" in headers:
                target = f"{prefix}_{entry.standard}"
            else:
                continue
            for written in entry.spellings:
                key = normalize_header(written)
                assert key in own or spellings.get(key) == target, (model, written)


@pytest.mark.parametrize("model", list_datasets(), ids=lambda m: m.__dataset__.key)
def test_variants_map_onto_real_columns_and_never_shadow_one(model: type[DatasetRecord]) -> None:
    headers = model.headers()
    own = {normalize_header(h) for h in headers}
    markers = V1_MARKERS if model.__dataset__.edition == "v2" else V2_MARKERS
    spellings = variant_spellings(model)
    for written, standard in spellings.items():
        assert standard in headers, (written, standard)
        assert normalize_header(written) not in own, written
        # An edition marker of the other edition is never a variant: it decides the edition.
        assert normalize_header(written) not in {normalize_header(m) for m in markers}
        # The registry reads the table: the spelling resolves to that column, not as exact.
        found = resolve_header(model, written)
        assert found is not None and (found[0].header, found[1]) == (standard, False)
    keys = [normalize_header(w) for w in spellings]
    assert len(keys) == len(set(keys))

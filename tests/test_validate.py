"""stdschema.validate on real municipal files: datasets, encodings and specific problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdschema.io import InputError
from stdschema.report.model import FileReport, ProblemOut
from stdschema.validation import Options, expand_paths, validate, validate_file, validate_paths

REAL = Path(__file__).parent / "data" / "real"


def check(rel: str, **kw: object) -> FileReport:
    return validate(REAL / rel, lang="en", **kw).files[0]  # type: ignore[arg-type]


def problems(report: FileReport, code: str) -> list[ProblemOut]:
    return [p for p in report.problems if p.code == code]


def test_yaizu_public_toilets_v2_is_valid() -> None:
    r = check("v2/13_public_toilet__222127_yaizu.csv")
    assert (r.dataset.id, r.dataset.edition, r.dataset.detected_by) == (
        "public_toilets",
        "v2",
        "header",
    )
    assert (r.encoding, r.format, r.rows) == ("utf-8", "csv", 112)
    assert r.valid and r.summary.error == 0
    # 高度の種別 "階" is outside the sheet's vocabulary; the rule is unconfirmed: a warning.
    bad = problems(r, "not-allowed-value")
    assert {(p.value, p.fixed_to, p.severity, p.column_letter) for p in bad} == {
        ("階", "階数", "warning", "R")
    }
    assert len(bad) == 5


def test_yaizu_fire_hydrants_v2_is_valid() -> None:
    r = check("standard/yaizu_222127_fire_hydrant.csv")
    assert (r.dataset.id, r.dataset.edition) == ("fire_water_facilities", "v2")
    assert r.valid and r.rows == 193
    assert set(r.summary.by_code) == {"surrounding-whitespace"}


def test_yaizu_preschool_header_variant_with_expected_spelling() -> None:
    r = check("standard/yaizu_222127_preschool.csv")
    assert (r.dataset.id, r.dataset.edition) == ("childcare_facilities", "v1")
    [variant] = problems(r, "header-variant")
    assert variant.severity == "warning"
    assert (variant.line, variant.column, variant.column_letter) == (1, 1, "A")
    assert variant.header == "都道府県コ\u2015ド又は市区町村コ\u2015ド"
    assert variant.fixed_to == "都道府県コード又は市区町村コード"
    assert variant.field == "local_government_code"
    # The column is still checked under its standard name: its codes are valid.
    assert not [p for p in r.problems if p.field == "local_government_code" and p.line != 1]
    # A trailing space in a phone number is reported with the fix.
    spaces = problems(r, "surrounding-whitespace")
    assert any(p.value == "(054)629-4753 " and p.fixed_to == "(054)629-4753" for p in spaces)


def test_komae_aed_half_width_kana_gets_the_full_width_fix() -> None:
    r = check("standard/komae_132195_aed.csv")
    assert (r.dataset.id, r.dataset.edition, r.encoding) == ("aed_locations", "v1", "utf-8")
    kana = [p for p in r.problems if p.header == "名称_カナ" and p.code == "invalid-value"]
    assert kana, "half-width kana in 名称_カナ must be reported"
    first = kana[0]
    assert first.severity == "error"
    assert first.value is not None and first.fixed_to is not None
    assert any("\uff61" <= ch <= "\uff9f" for ch in first.value)
    assert not any("\uff61" <= ch <= "\uff9f" for ch in first.fixed_to)
    assert "half-width katakana" in first.message
    assert first.column_letter == "F"
    assert not r.valid


def test_takamatsu_metadata_rows_are_found_and_skipped() -> None:
    r = check("legacy/takamatsu_0002_aed_location.csv")
    [pre] = problems(r, "preamble-rows")
    assert pre.severity == "info" and pre.line == 1
    assert r.rows == 514
    toilet = check("standard/takamatsu_public_toilet.csv")
    assert (toilet.dataset.id, toilet.dataset.edition) == ("public_toilets", "v1")
    # English (IMI) property names are recognised as variants of the standard headers.
    variants = problems(toilet, "header-variant")
    assert {p.fixed_to for p in variants} >= {"緯度", "経度", "名称_カナ", "画像_ライセンス"}
    assert toilet.rows == 169
    # 24:00 as a closing time is named as such.
    assert any(p.value == "24:00" and p.rule == "time" for p in problems(toilet, "invalid-value"))


def test_yaizu_cp932_circled_digits_decode() -> None:
    r = check("legacy/yaizu_yohairyosya.csv")
    assert r.encoding == "cp932"
    assert r.dataset.detected_by == "none"
    assert [p.code for p in r.problems] == ["encoding-not-utf8", "dataset-not-recognised"]
    assert r.rows == 277


def test_kumatori_cp932_with_required_marks_in_headers() -> None:
    r = check("v2/02_cultural_property__273619_kumatori.csv")
    assert (r.dataset.id, r.dataset.edition, r.encoding) == ("cultural_properties", "v2", "cp932")
    fixed = {p.header: p.fixed_to for p in problems(r, "header-variant")}
    assert fixed == {
        "地方\r\n公共団体名": "地方公共団体名",
        "名称(必須）": "名称",
        "文化財分類(必須）": "文化財分類",
        "緯度(必須）": "緯度",
        "経度(必須）": "経度",
    }
    assert [p.header for p in problems(r, "extra-label")] == ["最終更新履歴"]
    dates = [p for p in problems(r, "invalid-value") if p.rule == "date"]
    assert dates[0].value == "1949/5/30" and dates[0].fixed_to == "1949-05-30"
    assert dates[0].severity == "warning"  # the date format is unconfirmed in the standard
    assert len(problems(r, "blank-row")) == 16


def test_ome_food_business_xlsx() -> None:
    r = check("v2/15_food_business_all__132055_ome.xlsx")
    assert (r.dataset.id, r.dataset.edition, r.format) == ("food_business_permits", "v2", "xlsx")
    assert r.rows == 1593
    assert r.encoding is None
    assert r.valid


def test_hiroshima_wifi_transposed_publisher_code_and_nbsp() -> None:
    r = check("v2/07_public_wifi__341002_hiroshima_city.csv")
    assert (r.dataset.id, r.dataset.edition, r.encoding) == (
        "public_wifi_access_points",
        "v2",
        "utf-8-sig",
    )
    digit = problems(r, "check-digit-error")
    assert digit and {p.value for p in digit} == {"314002"}
    assert all(p.field == "local_government_code" and p.severity == "error" for p in digit)
    nbsp = [p for p in problems(r, "surrounding-whitespace") if p.header == "緯度"]
    assert any("\xa0" in (p.value or "") and p.fixed_to == (p.value or "").strip() for p in nbsp)
    english = [p for p in problems(r, "invalid-value") if p.header == "名称_英語"]
    assert english and "\u3000" in (english[0].value or "")


def test_kurume_tourism_cp932_postal_code_fix() -> None:
    r = check("v2/11_tourism__402036_kurume.csv")
    assert (r.dataset.id, r.dataset.edition, r.encoding) == ("tourist_facilities", "v2", "cp932")
    postal = [p for p in problems(r, "invalid-value") if p.rule == "postal_code"]
    assert postal[0].value == "839-0809" and postal[0].fixed_to == "8390809"
    assert postal[0].severity == "warning"
    chome = [p for p in problems(r, "invalid-value") if p.rule == "chome_id"]
    assert chome[0].value == "136005" and chome[0].fixed_to is None  # a zero lost: no guess


def test_yaizu_tourism_multiline_cells_keep_physical_lines() -> None:
    r = check("standard/yaizu_222127_tourism.csv")
    assert (r.dataset.id, r.dataset.edition, r.encoding) == (
        "tourist_facilities",
        "v1",
        "utf-8-sig",
    )
    assert [p.fixed_to for p in problems(r, "header-variant")] == ["料金(基本)", "料金(詳細)"]
    assert problems(r, "blank-label")[0].column_letter == "AX"
    blank_kana = problems(r, "blank-required")
    raw = (REAL / "standard" / "yaizu_222127_tourism.csv").read_text(encoding="utf-8-sig")
    lines = raw.splitlines()
    for p in blank_kana:
        assert p.line is not None
        # the reported physical line is where that record starts: its ID sits there
        assert lines[p.line - 1].startswith("222127,")


def test_hino_aed_v2_times_with_seconds() -> None:
    r = check("v2/transcribed/08_aed__132128_hino.EXCERPT.csv")
    assert (r.dataset.id, r.dataset.edition) == ("aed_locations", "v2")
    times = [p for p in problems(r, "invalid-value") if p.rule == "time"]
    assert ("00:00:00", "00:00") in {(p.value, p.fixed_to) for p in times}


def test_kudamatsu_school_phone_without_area_code_has_no_fix() -> None:
    r = check("v2/transcribed/24_educational_institution__352071_kudamatsu.csv")
    assert (r.dataset.id, r.dataset.edition) == ("educational_institutions", "v2")
    phones = [p for p in problems(r, "invalid-value") if p.rule == "phone"]
    assert phones[0].value == "44-1705" and phones[0].fixed_to is None


def test_not_recognised_file_names_nearest_candidates() -> None:
    r = check("standard/takamatsu_sandbag_creation_location.csv")
    [p] = problems(r, "dataset-not-recognised")
    assert "aed_locations@v1" in p.message
    assert not r.valid


def test_dataset_option_overrides_detection() -> None:
    r = check("v2/13_public_toilet__222127_yaizu.csv", dataset="public_toilets@v1")
    assert (r.dataset.id, r.dataset.edition, r.dataset.detected_by) == (
        "public_toilets",
        "v1",
        "option",
    )
    missing = {p.field for p in problems(r, "missing-label")}
    assert "no" in missing  # NO is a v1 column


def test_max_problems_keeps_counting() -> None:
    full = check("v2/13_public_toilet__222127_yaizu.csv")
    capped = check("v2/13_public_toilet__222127_yaizu.csv", max_problems=3)
    assert len(capped.problems) == 3 and capped.problems_truncated
    assert capped.summary == full.summary


def test_fail_on_warning() -> None:
    r = validate(REAL / "v2/13_public_toilet__222127_yaizu.csv", fail_on="warning")
    assert not r.valid and not r.files[0].valid


def test_japanese_is_the_default_language() -> None:
    r = validate(REAL / "standard/yaizu_222127_preschool.csv", lang="ja").files[0]
    [variant] = problems(r, "header-variant")
    assert variant.message.startswith("項目名「")
    assert "都道府県コード又は市区町村コード" in variant.hint


def test_generated_faults(tmp_path: Path) -> None:
    header = "全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,設置位置,緯度,経度\n"
    rows = [
        "222127,1,静岡県焼津市,A,焼津市本町,入口,34.8670,138.3237",  # fine
        "222127,1,静岡県焼津市,B,焼津市本町,入口,138.3237,34.8670",  # duplicate ID, swapped
        "22212,2,静岡県焼津市,C,焼津市本町,入口,0,0",  # zero-dropped? no: 5 digits; zero coords
        "131016,3,静岡県焼津市,D,焼津市本町,入口,,",  # code/name mismatch
        "222127,4,静岡県焼津市,,焼津市本町,入口,34.8,",  # blank 名称, half coordinate
        ",,,,,,,",  # blank row
        "222127,5,静岡県焼津市,E,焼津市本町,入口,34.8,138.3,extra",  # extra cell
    ]
    path = tmp_path / "222127_public_toilet.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    # 8 of 39 columns: the header alone does not make it a toilet list (the file name
    # never decides), so the dataset is named.
    r = validate_file(path, Options(dataset="public_toilets@v2", lang="en"))
    got = {(p.code, p.line) for p in r.problems if p.code not in ("missing-label",)}
    assert got >= {
        ("unique-error", 3),
        ("coordinates-swapped", 3),
        ("invalid-value", 4),
        ("coordinates-zero", 4),
        ("code-name-mismatch", 5),
        ("blank-required", 6),
        ("coordinates-incomplete", 6),
        ("blank-row", 7),
        ("extra-cell", 8),
    }
    swapped = next(p for p in r.problems if p.code == "coordinates-swapped")
    assert swapped.fixed_to == "34.8670,138.3237"
    dup = next(p for p in r.problems if p.code == "unique-error")
    assert "row 2" in dup.message
    five = next(p for p in r.problems if p.code == "invalid-value" and p.line == 4)
    assert five.fixed_to == "222127"  # 5-digit code repaired from the file name's code


def test_unreadable_files_raise_or_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as info:
        validate(empty)
    assert info.value.code == "empty-file"
    report = validate_paths([empty, REAL / "v2/13_public_toilet__222127_yaizu.csv"])
    assert report.files[0].error_code == "empty-file" and not report.valid
    assert report.files[1].valid


def test_expand_paths_directories_and_globs() -> None:
    files = expand_paths([REAL / "xml", str(REAL / "v2" / "1*_*.csv")])
    names = [f.name for f in files]
    assert "yaizu_taxi_boarding_points_S2AConfig.xml" in names
    assert "13_public_toilet__222127_yaizu.csv" in names
    assert len(names) == len(set(names))


def test_jobs_give_the_same_report() -> None:
    files = [REAL / "v2/13_public_toilet__222127_yaizu.csv", REAL / "standard/komae_132195_aed.csv"]
    one = validate_paths(files, Options(lang="en"))
    two = validate_paths(files, Options(lang="en"), jobs=2)
    assert one == two


def test_dataset_xml_is_validated_with_record_lines(tmp_path: Path) -> None:
    model_headers = [
        "local_government_code",
        "id",
        "local_government_name",
        "name",
        "full_address",
        "installation_position",
    ]
    records = [
        ("222127", "1", "静岡県焼津市", "駅北公衆トイレ", "静岡県焼津市駅北1-1", "駅前"),
        ("222128", "2", "静岡県焼津市", "港公衆トイレ", "静岡県焼津市港1-1", "港"),
        ("222127", "3", "静岡県焼津市", "", "静岡県焼津市本町1-1", "広場"),
    ]
    body = "".join(
        "  <record>\n"
        + "".join(f"    <{h}>{v}</{h}>\n" for h, v in zip(model_headers, rec, strict=True) if v)
        + "  </record>\n"
        for rec in records
    )
    path = tmp_path / "toilets.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<dataset xmlns="https://stdschema.org/ns/dataset/1" id="public_toilets" edition="v2">\n'
        + body
        + "</dataset>\n",
        encoding="utf-8",
    )
    r = validate_file(path, Options(lang="en"))
    assert (r.format, r.dataset.id, r.dataset.edition, r.dataset.detected_by) == (
        "xml",
        "public_toilets",
        "v2",
        "xml",
    )
    assert r.rows == 3
    digit = problems(r, "check-digit-error")
    assert [(p.line, p.field, p.value) for p in digit] == [(11, "local_government_code", "222128")]
    blank = problems(r, "blank-required")
    assert [(p.line, p.field) for p in blank] == [(19, "name")]
    # The English element names are the attribute names, not header variants.
    assert problems(r, "header-variant") == []


def test_mask_values_keeps_cells_out_of_the_report() -> None:
    path = REAL / "standard" / "komae_132195_aed.csv"
    plain = validate(path, lang="en").files[0]
    masked = validate(path, lang="en", mask_values=True).files[0]
    assert masked.summary == plain.summary
    secrets = {p.value for p in plain.problems if p.value} | {
        p.fixed_to for p in plain.problems if p.fixed_to
    }
    assert any("ｺﾏｴ" in s for s in secrets)
    for p in masked.problems:
        assert p.value in (None, "***") and p.fixed_to in (None, "***")
        for secret in secrets:
            if len(secret) > 5:
                assert secret not in p.message and secret not in p.hint


# --- reports streamed file by file (issue 17) -------------------------------------------


def _run_files(tmp_path: Path) -> list[Path]:
    """A run with every kind of file part: problems past the limit, an unreadable file,
    a file of another dataset, real files with details, and a file holding controls."""
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置,画像"
    row = "222127,A1,駅北\x1b[31mトイレ,静岡県焼津市駅北5丁目2-11,施設内,https://a.jp/\\x"
    (tmp_path / "ids.csv").write_text(header + "\n" + (row + "\n") * 30, encoding="utf-8")
    (tmp_path / "other.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    return [
        REAL / "v2/13_public_toilet__222127_yaizu.csv",
        tmp_path / "ids.csv",
        tmp_path / "missing.csv",
        tmp_path / "other.csv",
        REAL / "v2/13_public_toilet__222127_yaizu.csv",
    ]


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "markdown", "csv"])
@pytest.mark.parametrize(("quiet", "color"), [(False, False), (True, False), (False, True)])
def test_streamed_report_is_the_rendered_report(
    fmt: str, quiet: bool, color: bool, tmp_path: Path
) -> None:
    from stdschema.report.render import render
    from stdschema.report.stream import ReportStream
    from stdschema.validation import iter_reports

    if (quiet or color) and fmt != "text":
        pytest.skip("quiet and colour are options of text")
    options = Options(dataset="public_toilets@v2", lang="en", max_problems=12)
    files = _run_files(tmp_path)
    whole = validate_paths(files, options)
    stream = ReportStream(
        fmt, lang="en", fail_on="error", max_problems=12, quiet=quiet, color=color
    )
    streamed = "".join(stream.chunks(iter_reports(files, options)))
    assert streamed == render(whole, fmt, lang="en", quiet=quiet, color=color)
    assert (stream.valid, stream.files) == (whole.valid, len(whole.files))
    assert stream.unreadable == [(str(tmp_path / "missing.csv"), whole.files[2].error)]
    assert stream.report().summary == whole.summary


def test_streamed_json_report_matches_the_published_schema(tmp_path: Path) -> None:
    import json

    import jsonschema

    from stdschema.report.stream import ReportStream
    from stdschema.validation import iter_reports

    schema_path = Path(__file__).parents[1] / "schemas" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    options = Options(dataset="public_toilets@v2", lang="ja")
    stream = ReportStream("json", lang="ja")
    text = "".join(stream.chunks(iter_reports(_run_files(tmp_path), options)))
    jsonschema.validate(json.loads(text), schema)


def test_streaming_a_format_with_no_file_gives_the_empty_report() -> None:
    from stdschema.report.render import render
    from stdschema.report.stream import ReportStream

    for fmt in ("text", "json", "junit", "sarif", "github", "markdown", "csv"):
        stream = ReportStream(fmt, lang="en")
        assert "".join(stream.chunks([])) == render(stream.report(), fmt, lang="en")


def test_jobs_stream_files_in_order() -> None:
    from stdschema.validation import iter_reports

    files = sorted((REAL / "v2").glob("*.csv"))[:6]
    options = Options(lang="en")
    one = [r.model_dump() for r in iter_reports(files, options)]
    two = [r.model_dump() for r in iter_reports(files, options, jobs=2)]
    assert one == two


# --- uniqueness: repeats past --max-problems are counted, not held ------------------------


@pytest.mark.parametrize("engine", ["fast", "pydantic"])
@pytest.mark.parametrize("max_problems", [0, 3, 40, None])
def test_repeated_ids_same_report_at_any_limit(
    engine: str, max_problems: int | None, tmp_path: Path
) -> None:
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置"
    lines = [header]
    for i in range(20_000):  # more than one batch of the tracker
        ident = "B1" if i % 7 == 0 else f"A{(i * 7919) % 9000}"
        name = "" if i % 997 == 0 else "駅北"
        lines.append(f"222127,{ident},{name},静岡県焼津市,施設内")
    path = tmp_path / "ids.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = Options(dataset="public_toilets@v2", lang="en", engine=engine)  # type: ignore[arg-type]
    full = validate_file(path, options)
    limited = validate_file(
        path,
        Options(dataset="public_toilets@v2", lang="en", engine=engine, max_problems=max_problems),  # type: ignore[arg-type]
    )
    assert limited.summary == full.summary
    assert full.summary.by_code["unique-error"] == 20_000 - 9001  # 9000 A…, and B1
    if max_problems is None:
        assert limited.problems == full.problems
    else:
        # The details kept are the unlimited report's (same wording, same first line).
        assert len(limited.problems) == max_problems and limited.problems_truncated
        assert all(p in full.problems for p in limited.problems)
    repeats = [p for p in full.problems if p.code == "unique-error" and p.value == "B1"]
    assert len(repeats) == 20_000 // 7 and all("row 2" in p.message for p in repeats)


# --- folders ---------------------------------------------------------------------------


def test_expand_paths_refuses_folders_nested_past_the_limit(tmp_path: Path) -> None:
    from stdschema.validation import MAX_DEPTH, PathError

    deep = tmp_path / "t"
    path = deep
    for _ in range(MAX_DEPTH):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "x.csv").write_text("a\n", encoding="utf-8")
    assert expand_paths([deep]) == [path / "x.csv"]
    (path / "d").mkdir()
    with pytest.raises(PathError, match=f"nested deeper than {MAX_DEPTH} levels"):
        expand_paths([deep], "en")


# --- time-order: a start time after the end time of its pair ---------------------

KUDAMATSU_PRESCHOOL = REAL / "v2" / "transcribed" / "05_preschool__352071_kudamatsu.EXCERPT.csv"


def _edited(tmp_path: Path, source: Path, edits: dict[tuple[int, str], str]) -> Path:
    """A copy of ``source`` with cells replaced: (physical line, header) -> value.

    The postal codes lose their hyphen (the publisher's fix), so that no other problem
    sends a row through the fast engine's exact path: only the time-order screen can.
    """
    import csv

    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    postal = rows[0].index("郵便番号")
    for row in rows[1:]:
        row[postal] = row[postal].replace("-", "")
    for (line, header), value in edits.items():
        rows[line - 1][rows[0].index(header)] = value
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


@pytest.mark.parametrize("engine", ["pydantic", "fast"])
def test_time_order_on_real_preschool_rows(tmp_path: Path, engine: str) -> None:
    # 下松市's hours as published have none out of order; line 4's written backwards
    # (19:15 to 07:15) and an evening-only 子供預かり (20:00 to 08:00, a night nursery)
    # are. Line 12's 09:00 to 09:00 is not "after"; line 13's 7:00 is not hh:mm (the
    # value rule reports it) and is not compared.
    assert not problems(validate_file(KUDAMATSU_PRESCHOOL), "time-order")
    path = _edited(
        tmp_path,
        KUDAMATSU_PRESCHOOL,
        {
            (4, "開始時間"): "19:15",
            (4, "終了時間"): "07:15",
            (9, "子供預かり開所時間"): "20:00",
            (9, "子供預かり閉所時間"): "08:00",
            (12, "終了時間"): "09:00",
            (13, "終了時間"): "06:00",
        },
    )
    report = validate_file(path, Options(lang="en", engine=engine))  # type: ignore[arg-type]
    assert report.engine == engine
    found = problems(report, "time-order")
    assert [(p.line, p.header, p.value, p.severity) for p in found] == [
        (4, "開始時間", "19:15", "warning"),
        (9, "子供預かり開所時間", "20:00", "warning"),
    ]
    assert found[0].message == "Start 19:15 is after end 07:15."
    assert report.summary.by_code["invalid-value"] == 1  # line 13's 7:00; nothing else


@pytest.mark.parametrize("engine", ["pydantic", "fast"])
def test_time_order_of_an_event_spanning_days(tmp_path: Path, engine: str) -> None:
    # 開始日 and 終了日 on different days: 19:00 to 05:00 is an overnight event, in order;
    # on the same day, or with no dates, it is not.
    from stdschema.datasets import get_dataset

    headers = get_dataset("events@v2").headers()
    base = {"全国地方公共団体コード": "372013", "ID": "EV0001", "地方公共団体名": "香川県高松市"}
    rows = [
        {"イベント名": "天体観望会", "開始日": "2024-08-12", "終了日": "2024-08-13"},
        {"イベント名": "夜の観望会", "開始日": "2024-08-12", "終了日": "2024-08-12"},
        {"イベント名": "観望会（日付なし）"},
    ]
    lines = [",".join(headers)]
    for n, row in enumerate(rows, 1):
        cells = {**base, **row, "ID": f"EV000{n}", "開始時間": "19:00", "終了時間": "05:00"}
        lines.append(",".join(cells.get(h, "") for h in headers))
    path = tmp_path / "372013_event.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    options = Options(lang="en", engine=engine, dataset="events@v2")  # type: ignore[arg-type]
    report = validate_file(path, options)
    assert [p.line for p in problems(report, "time-order")] == [3, 4]


def test_time_order_masks_the_times(tmp_path: Path) -> None:
    path = _edited(tmp_path, KUDAMATSU_PRESCHOOL, {(4, "開始時間"): "19:30"})
    report = validate_file(path, Options(lang="en", mask_values=True))
    (found,) = problems(report, "time-order")
    assert found.message == "Start *** is after end ***." and found.value == "***"

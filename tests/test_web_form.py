"""The mapping form of ``stdschema serve`` (stdschema.web.form) on real legacy files.

Every check runs the real suggester and converter: the form's mapping must convert exactly
as ``stdschema convert --mapping`` does with the YAML the form writes.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.conversion.engine import convert
from stdschema.conversion.mapping import MappingError, load_mapping, parse_mapping
from stdschema.conversion.transforms import TRANSFORMS
from stdschema.datasets import get_dataset
from stdschema.web.form import (
    MAX_ARGUMENT,
    Form,
    FormRow,
    _argument_text,
    _spec,
    apply_choices,
    build_form,
    form_from_mapping,
    form_mapping,
    mapping_yaml,
    preview_counts,
    refresh_samples,
    transform_choices,
)

LEGACY = Path(__file__).parent / "data" / "real" / "legacy"
AED = LEGACY / "takamatsu_0002_aed_location.csv"  # #LINK metadata rows, UTF-8 BOM, 514 rows
NOUEN = LEGACY / "yaizu_222127_nouen.csv"  # CP932, 9 rows
HINAN = LEGACY / "yaizu_222127_hinannjo.csv"  # UTF-8, 56 rows, ○ flags


def row(form: Form, target: str) -> FormRow:
    return next(r for r in form.rows if r.target == target)


def fields(form: Form) -> dict[str, str]:
    """What the browser posts back for an untouched form."""
    posted: dict[str, str] = {}
    for r in form.rows:
        posted[f"source-{r.index}"] = r.source or ""
        posted[f"transform-{r.index}"] = r.transform
        posted[f"argument-{r.index}"] = r.argument
    return posted


def cli_convert(src: Path, mapping: Path, out: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["convert", str(src), "--mapping", str(mapping), "--output", str(out)],
        env={"STDSCHEMA_LANG": None},
    )
    # 1: some rows went to the rejects file (the conversion itself ran).
    assert result.exit_code in (0, 1) and out.exists(), result.output


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def aed_form() -> Form:
    started = time.perf_counter()
    form = build_form(AED, "aed_locations@v2", lang="ja")
    print(f"build_form on {AED.name}: {time.perf_counter() - started:.2f} s")
    return form


def test_build_form_finds_the_suggested_sources(aed_form: Form) -> None:
    assert aed_form.target == "aed_locations@v2"
    assert aed_form.input_columns[:2] == ["name", "address"]
    assert aed_form.context == {"publisher_code": "372013", "prefecture": "香川県"}
    lat = row(aed_form, "緯度")
    assert (lat.source, lat.transform, lat.argument) == ("location", "lat_lon", "latitude")
    assert lat.kept_rule is None and lat.confidence is not None and lat.confidence >= 0.5
    before, after = lat.samples[0]
    assert after == before.split(",")[0] and after
    phone = row(aed_form, "電話番号")
    assert (phone.source, phone.transform) == ("telephoneNumber", "phone")
    # The file holds a 7-digit number: the row says why phone refuses it, in Japanese.
    assert phone.error is not None and "845-4111" in phone.error and "電話番号" in phone.error
    assert not phone.invalid
    # A chain of two transforms cannot be shown as one pick: kept, and described.
    name = row(aed_form, "名称")
    assert name.source == "name" and name.transform == ""
    assert (
        name.kept_rule is not None
        and "trim" in name.kept_rule
        and "kana_full_width" in name.kept_rule
    )
    code = row(aed_form, "全国地方公共団体コード")
    assert code.kept_rule is not None and "372013" in code.kept_rule
    assert code.samples == [("372013", "372013")]
    model = get_dataset("aed_locations@v2")
    assert [r.requirement for r in aed_form.rows] == [c.requirement.mark for c in model.__columns__]
    assert [(r.target, r.key) for r in aed_form.rows] == [
        (c.header, c.attr) for c in model.__columns__
    ]
    assert [r.index for r in aed_form.rows] == list(range(len(aed_form.rows)))
    assert any("7" in note for note in aed_form.notes)  # the header is on line 7


def test_untouched_form_posts_back_the_same_mapping(aed_form: Form) -> None:
    before = form_mapping(aed_form)
    assert form_mapping(apply_choices(aed_form, {}, lang="ja")) == before
    assert form_mapping(apply_choices(aed_form, fields(aed_form), lang="ja")) == before


def test_changing_a_source_and_a_transform_changes_mapping_and_samples(tmp_path: Path) -> None:
    form = build_form(NOUEN, "public_facilities@v2", lang="ja")
    assert form.source == {"encoding": "cp932"}
    assert row(form, "名称").source == "農園名"
    address = row(form, "所在地_連結表記")
    assert address.source == "住所" and address.transform == ""
    assert any(";" in before for before, _ in address.samples)
    remarks = row(form, "備考")
    assert remarks.source is None and remarks.rule is None

    # "A-1" is no ID the standard takes (and repeats): the officer leaves ID out.
    posted = {
        f"source-{row(form, 'ID').index}": "",
        f"source-{remarks.index}": "区分",
        f"transform-{address.index}": "replace",
        f"argument-{address.index}": 'from: ";", to: "、"',
    }
    edited = refresh_samples(apply_choices(form, posted, lang="ja"), NOUEN, lang="ja")
    mapping = form_mapping(edited)
    assert mapping.columns["備考"].source == "区分"
    assert mapping.columns["所在地_連結表記"].transforms == [{"replace": {"from": ";", "to": "、"}}]
    assert "区分" not in edited.unused_sources and "ID" in edited.unused_sources
    assert "ID" not in mapping.columns
    new_address = row(edited, "所在地_連結表記")
    assert new_address.error is None and new_address.reasons == ["画面で選んだ設定"]
    assert ("静岡県焼津市中里480-1;480-2", "静岡県焼津市中里480-1、480-2") in new_address.samples
    assert row(edited, "備考").samples == [("市民農園", "市民農園")]

    # The samples are what the converter writes.
    out = tmp_path / "out.csv"
    report = convert(NOUEN, output=out, mapping=mapping, lang="ja")
    assert report.counts.rejected == 0
    written = read_csv(out)
    for r in edited.rows:
        for _before, after in r.samples:
            assert after in [w[r.target] for w in written], (r.target, after)


def test_mapping_yaml_round_trips_through_load_mapping_and_the_cli(
    aed_form: Form, tmp_path: Path
) -> None:
    name, note = row(aed_form, "名称"), row(aed_form, "備考")
    posted = {
        f"transform-{name.index}": "nfkc",
        f"source-{note.index}": "availableDateNote",
        f"transform-{note.index}": "prefix",
        f"argument-{note.index}": "利用:",
    }
    form = apply_choices(aed_form, posted, lang="ja")
    assert form_mapping(form).columns["名称"].transforms == ["nfkc"]
    text = mapping_yaml(form, lang="ja")
    assert text.startswith("# `stdschema serve`")
    saved = tmp_path / "aed.mapping.yaml"
    saved.write_text(text, encoding="utf-8")
    assert load_mapping(saved) == form_mapping(form)
    assert parse_mapping(mapping_yaml(form, lang="en")) == form_mapping(form)

    by_cli, by_api = tmp_path / "cli.csv", tmp_path / "api.csv"
    started = time.perf_counter()
    cli_convert(AED, saved, by_cli)
    convert(AED, output=by_api, mapping=form_mapping(form), lang="ja")
    print(f"two conversions of {AED.name}: {time.perf_counter() - started:.2f} s")
    assert by_cli.read_bytes() == by_api.read_bytes()
    written = read_csv(by_api)
    assert any(w["備考"].startswith("利用:") for w in written)


SAVED = """\
version: 1
target: designated_emergency_evacuation_sites@v2
columns:
  全国地方公共団体コード: {source: 市区町村コード}
  ID: {source: "NO"}
  地方公共団体名: {concat: [都道府県名, 市区町村名]}
  名称: {source: 名称, transforms: [trim, digits_half_width]}
  名称_カナ: {source: 名称_カナ, transforms: [kana_full_width]}
  所在地_連結表記: {source: 住所}
  緯度: {source: 緯度}
  経度: {source: 経度}
  電話番号: {source: 電話番号, transforms: [{blank_if: {values: [ー]}}]}
  市区町村コード: {source: 市区町村コード}
  災害種別_洪水: {source: "開設される災害の種類（風水害）", map: {"○": "1"}, default: "0"}
  災害種別_崖崩れ、土石流及び地滑り: {source: "開設される災害の種類（土砂災害）", transforms: [flag_1]}
  災害種別_高潮: {source: "開設される災害の種類（風水害）", transforms: [flag_1]}
  災害種別_地震: {source: "開設される災害の種類（地震・津波）", transforms: [flag_1]}
  災害種別_津波: {source: "開設される災害の種類（地震・津波）", transforms: [flag_1]}
  災害種別_内水氾濫: {source: "開設される災害の種類（風水害）", transforms: [flag_1]}
  備考: {constant: 焼津市の指定避難所}
"""


def test_saved_mapping_converts_like_the_cli_without_edits(tmp_path: Path) -> None:
    saved = tmp_path / "hinan.yaml"
    saved.write_text(SAVED, encoding="utf-8")
    mapping = load_mapping(saved)
    form = form_from_mapping(HINAN, mapping, lang="ja")
    assert form_mapping(form) == mapping
    kept = {r.target for r in form.rows if r.kept_rule is not None}
    assert kept == {"地方公共団体名", "名称", "災害種別_洪水", "備考"}
    assert row(form, "電話番号").transform == "blank_if"
    assert row(form, "電話番号").argument == "[ー]"
    # The browser posts every field back unchanged: nothing moves.
    again = apply_choices(form, fields(form), lang="ja")
    assert form_mapping(again) == mapping
    by_cli, by_form = tmp_path / "cli.csv", tmp_path / "form.csv"
    cli_convert(HINAN, saved, by_cli)
    convert(HINAN, output=by_form, mapping=form_mapping(again), lang="ja")
    assert by_cli.read_bytes() == by_form.read_bytes()
    written = read_csv(by_form)
    assert "1" in {w["災害種別_洪水"] for w in written} <= {"0", "1"}
    assert {w["地方公共団体名"] for w in written} == {"静岡県焼津市"}
    for side in (".rejects.csv", ".changes.csv"):
        cli_side = by_cli.with_name(by_cli.name + side).read_bytes()
        assert cli_side == by_form.with_name(by_form.name + side).read_bytes()
    # A kept rule is replaced only when its row's column or transform changes.
    flood = row(form, "災害種別_洪水")
    edited = apply_choices(form, {f"transform-{flood.index}": "flag_1"}, lang="ja")
    assert form_mapping(edited).columns["災害種別_洪水"].model_dump(exclude_defaults=True) == {
        "source": "開設される災害の種類（風水害）",
        "transforms": ["flag_1"],
    }
    assert row(edited, "災害種別_洪水").kept_rule is None


def test_a_cp932_saved_mapping_from_the_form(tmp_path: Path) -> None:
    form = build_form(NOUEN, "public_facilities@v2", lang="en")
    saved = tmp_path / "nouen.yaml"
    saved.write_text(mapping_yaml(form, lang="en"), encoding="utf-8")
    again = form_from_mapping(NOUEN, load_mapping(saved), lang="en")
    assert form_mapping(again) == form_mapping(form)
    assert row(again, "名称").samples[0] == ("やまとファミリー農園（策牛）",) * 2
    assert row(again, "名称").reasons == ["as in the saved mapping"]


HOSTILE = [
    ("source", "no such column", "「no such column」は入力ファイルの列にありません"),
    ("source", "../../etc/passwd", "入力ファイルの列にありません"),
    ("transform", "rm -rf", "「rm -rf」という変換はありません"),
    ("transform", "nfkc\x00", "制御文字"),
    ("argument", "x" * (MAX_ARGUMENT + 1), "引数が長すぎます"),
    ("argument", "a\x1b[31m", "制御文字"),
    ("source", "y" * 100_000, "長すぎます"),
]


@pytest.mark.parametrize(("kind", "value", "message"), HOSTILE)
def test_hostile_fields_give_a_row_error(
    aed_form: Form, kind: str, value: str, message: str
) -> None:
    target = row(aed_form, "緯度")
    posted = {f"{kind}-{target.index}": value}
    if kind == "argument":
        posted[f"transform-{target.index}"] = "prefix"
    form = apply_choices(aed_form, posted, lang="ja")
    got = row(form, "緯度")
    assert got.invalid and got.error is not None and message in got.error, got.error
    assert got.rule is None and "緯度" not in form_mapping(form).columns
    assert len(got.argument) <= MAX_ARGUMENT and len(got.source or "") <= 2000
    with pytest.raises(MappingError, match="緯度"):
        form_mapping(form, strict=True)
    # The YAML still loads, without that column, and says why as a comment only.
    assert parse_mapping(mapping_yaml(form, lang="ja")) == form_mapping(form)


@pytest.mark.parametrize(
    ("transform", "argument", "message"),
    [
        ("split", 'sep: "、"', "index"),  # a required key left out
        ("split", "{sep: a, index: *x}", "引数"),  # a YAML alias
        ("split", "{sep: a, index: !!python/object:os.system x}", "引数"),
        ("split", "[" * 400, "引数"),  # nested deep enough to trouble a recursive parser
        ("date", "maybe", "true または false"),
        ("nfkc", "extra", "引数を取りません"),
        ("lat_lon", "altitude", "latitude または longitude"),
        ("regex_replace", "{pattern: '(', replace: x}", "("),
        ("local_gov_code", "{name_column: 市町村名}", "「市町村名」は入力ファイルの列にありません"),
        ("", "orphan", "変換を選んでください"),
    ],
)
def test_hostile_arguments_give_a_row_error(
    aed_form: Form, transform: str, argument: str, message: str
) -> None:
    target = row(aed_form, "利用可能曜日")
    assert target.source == "availableDate" and target.kept_rule is None
    posted = {f"transform-{target.index}": transform, f"argument-{target.index}": argument}
    got = row(apply_choices(aed_form, posted, lang="ja"), "利用可能曜日")
    assert got.invalid and got.error is not None and message in got.error, got.error


def test_a_transform_without_a_column_and_an_emptied_row(aed_form: Form) -> None:
    url = row(aed_form, "URL")
    got = row(apply_choices(aed_form, {f"transform-{url.index}": "trim"}, lang="en"), "URL")
    assert got.error is not None and "pick an input column" in got.error
    lat = row(aed_form, "緯度")
    cleared = apply_choices(
        aed_form, {f"source-{lat.index}": "", f"transform-{lat.index}": ""}, lang="ja"
    )
    assert row(cleared, "緯度").error is None and "緯度" not in form_mapping(cleared).columns
    assert "location" in cleared.unused_sources or row(cleared, "経度").source == "location"


def test_preview_counts_reconcile_and_leave_nothing_behind(
    aed_form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    started = time.perf_counter()
    whole = preview_counts(aed_form, AED, lang="ja")
    print(f"preview of {AED.name}: {time.perf_counter() - started:.2f} s")
    assert whole.read == 514 and not whole.sample and whole.error is None
    assert whole.read == whole.written + whole.rejected
    report = convert(AED, output=tmp_path / "all.csv", mapping=form_mapping(aed_form), lang="ja")
    assert (whole.written, whole.rejected) == (report.counts.written, report.counts.rejected)
    assert whole.rejected_by_code == report.rejected_by_code
    assert whole.problems and "845-4111" in whole.problems[0] and "行目" in whole.problems[0]

    part = preview_counts(aed_form, AED, lang="ja", limit_rows=50)
    assert part.sample and part.limit == 50
    assert part.read == 50 == part.written + part.rejected
    assert list(scratch.iterdir()) == []

    cp932 = build_form(NOUEN, "public_facilities@v2", lang="ja")
    few = preview_counts(cp932, NOUEN, lang="ja", limit_rows=4)
    assert (few.read, few.sample) == (4, True) and few.read == few.written + few.rejected
    assert list(scratch.iterdir()) == []


def test_preview_of_a_form_with_nothing_mapped_is_an_error_not_an_exception() -> None:
    one = parse_mapping("version: 1\ntarget: aed_locations@v2\ncolumns:\n  名称: {source: name}\n")
    form = form_from_mapping(AED, one, lang="ja")
    name = row(form, "名称")
    assert name.samples[0][0] == name.samples[0][1] != ""
    cleared = apply_choices(form, {f"source-{name.index}": ""}, lang="ja")
    assert form_mapping(cleared).columns == {}
    assert refresh_samples(cleared, AED, lang="ja").rows[name.index].samples == []
    got = preview_counts(cleared, AED, lang="ja")
    assert got.error is not None and "columns" in got.error
    assert (got.read, got.written, got.rejected) == (0, 0, 0) and got.problems == [got.error]


def test_transform_choices_document_every_transform() -> None:
    choices = transform_choices("ja")
    assert choices[0].name == "" and choices[0].label == "変換しない"
    assert [c.name for c in choices[1:]] == list(TRANSFORMS)
    split = next(c for c in choices if c.name == "split")
    assert "区切り" in split.description and "sep" in split.argument_hint
    assert any('"5724、5713、5712" → "5724"' in e for e in split.examples)
    english = {c.name: c for c in transform_choices("en")}
    assert english["nfkc"].description.startswith("Applies")


def test_every_registry_example_argument_reads_back_as_its_spec() -> None:
    """The argument text the form shows for each documented spec gives that spec again."""
    for transform in TRANSFORMS.values():
        for example in transform.examples:
            spec = yaml.safe_load(io.StringIO(example.spec))
            text = _argument_text(transform.name, spec)
            assert _spec(transform.name, text, "ja") == spec, (example.spec, text)


def test_a_saved_mapping_naming_a_missing_column_says_so_and_can_be_fixed(
    tmp_path: Path,
) -> None:
    """Next month's file renamed a column: the row says so, the preview refuses as the CLI
    does, and picking the new column in the form repairs it."""
    saved = tmp_path / "old.yaml"
    saved.write_text(
        "version: 1\ntarget: aed_locations@v2\ncolumns:\n"
        "  名称: {source: name}\n  電話番号: {source: tel, transforms: [phone]}\n",
        encoding="utf-8",
    )
    form = form_from_mapping(AED, load_mapping(saved), lang="ja")
    phone = row(form, "電話番号")
    assert phone.error is not None and "「tel」は入力ファイルの列にありません" in phone.error
    assert not phone.invalid and form_mapping(form).columns["電話番号"].source == "tel"
    refused = preview_counts(form, AED, lang="ja")
    assert refused.error is not None and "tel" in refused.error and refused.read == 0
    fixed = apply_choices(form, {f"source-{phone.index}": "telephoneNumber"}, lang="ja")
    fixed = refresh_samples(fixed, AED, lang="ja")
    assert row(fixed, "電話番号").samples[0] == ("087-845-6080", "087-845-6080")
    counts = preview_counts(fixed, AED, lang="ja")
    assert counts.error is None and counts.read == 514 == counts.written + counts.rejected


def test_control_characters_are_shown_written_out(aed_form: Form) -> None:
    target = row(aed_form, "利用可能曜日")
    posted = {f"transform-{target.index}": "prefix", f"argument-{target.index}": "\x1b[2J\x00"}
    got = row(apply_choices(aed_form, posted, lang="ja"), "利用可能曜日")
    assert got.invalid and got.argument == "\\x1b[2J\\x00"

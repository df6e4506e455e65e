"""The Python API (issue 14, item 8): ``stdschema.validate`` on every kind of source gives
the report of the equivalent file, with identical problems; ``stdschema.explain`` words a
model's ``ValidationError`` as ``validate`` words the same cells; the standard's English
item names are accepted by ``model_validate``."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from pydantic import ValidationError

import stdschema
from stdschema.datasets import get_dataset
from stdschema.io import InputError
from stdschema.report.model import FileReport
from stdschema.validation import validate_file

REAL = Path(__file__).parent / "data" / "real"
FILES = {
    # blank recommended cells, values outside a vocabulary
    "toilets": REAL / "standard" / "yaizu_222127_public_toilet.csv",
    # a BOM, 24 records with line breaks in cells (line and row differ), a blank header
    # cell, columns of the publisher's own, blank required cells
    "tourism": REAL / "standard" / "yaizu_222127_tourism.csv",
    # invalid values with their repairs, errors and warnings
    "aed": REAL / "standard" / "komae_132195_aed.csv",
}


@cache
def _expected(name: str) -> FileReport:
    return validate_file(FILES[name])


def _dict_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _polars(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False)  # every column text, as the file has it


def _pandas(path: Path) -> Any:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    # pandas names a blank header cell "Unnamed: n"; the file's cell is blank.
    frame.columns = ["" if c.startswith("Unnamed: ") else c for c in frame.columns]
    return frame


KINDS: dict[str, tuple[Callable[[Path], Any], str | None]] = {
    # kind: (the source made from the file, the name the report gives it; None: the path)
    "path": (lambda p: p, None),
    "str": (str, None),
    "bytes": (lambda p: p.read_bytes(), "<bytes>"),
    "bytearray": (lambda p: bytearray(p.read_bytes()), "<bytes>"),
    "BytesIO": (lambda p: io.BytesIO(p.read_bytes()), "<file>"),
    "dict rows": (_dict_rows, "<records>"),
    "DictReader": (
        lambda p: csv.DictReader(io.StringIO(p.read_bytes().decode("utf-8-sig"), newline="")),
        "<records>",
    ),
    "polars": (_polars, "<DataFrame>"),
    "pandas": (_pandas, "<DataFrame>"),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name", list(FILES))
def test_every_kind_of_source_gives_the_files_problems(name: str, kind: str) -> None:
    path = FILES[name]
    make, shown = KINDS[kind]
    report = stdschema.validate(make(path))
    got, expected = report.files[0], _expected(name)
    assert got.path == (shown or str(path))
    assert got.problems == expected.problems  # code, line, row, column, value, message …
    assert got.summary == expected.summary
    assert (got.dataset, got.rows, got.valid) == (expected.dataset, expected.rows, expected.valid)
    assert got.problems, "each file has problems to compare"


def test_line_and_row_differ_where_cells_hold_line_breaks() -> None:
    # What makes the tourism file a test of the locations: rows a CSV of the dicts has.
    problems = _expected("tourism").problems
    assert any(p.row is not None and p.line != p.row for p in problems)


def test_a_file_object_is_named_by_its_path_and_read_from_where_it_stands() -> None:
    path = FILES["aed"]
    with path.open("rb") as f:
        got = stdschema.validate(f).files[0]
    assert got.path == str(path)
    assert got.problems == _expected("aed").problems


def test_name_names_the_source_and_its_suffix_tells_the_format() -> None:
    xlsx = REAL / "v2" / "15_food_business_all__132055_ome.xlsx"
    expected = validate_file(xlsx)
    for name in (None, "ome.xlsx"):
        got = stdschema.validate(xlsx.read_bytes(), name=name).files[0]
        assert got.path == (name or "<bytes>")
        assert (got.format, got.sheet) == ("xlsx", expected.sheet)
        assert got.problems == expected.problems


def test_bytes_in_cp932_are_read_as_the_file_is() -> None:
    legacy = REAL / "legacy" / "yaizu_yohairyosya.csv"
    expected = validate_file(legacy)
    assert expected.encoding == "cp932"
    # The name is the file's: the guidance quotes it and detection may read it.
    got = stdschema.validate(legacy.read_bytes(), name=str(legacy), lang="ja").files[0]
    assert got.encoding == "cp932"
    assert got.next_commands == expected.next_commands
    assert got.problems == expected.problems


def test_a_dataset_option_applies_to_every_kind() -> None:
    rows = _dict_rows(FILES["toilets"])
    got = stdschema.validate(rows, dataset="public_toilets@v1", lang="en").files[0]
    expected = stdschema.validate(FILES["toilets"], "public_toilets@v1", lang="en").files[0]
    assert got.dataset.detected_by == "option"
    assert got.problems == expected.problems
    assert any(p.code == "missing-label" for p in got.problems)


def test_dict_rows_keep_missing_keys_blank_and_refuse_keys_the_header_lacks() -> None:
    rows = _dict_rows(FILES["toilets"])[:3]
    first = dict(rows[0])
    del rows[1]["名称"]  # a blank cell, as csv.DictWriter writes it
    report = stdschema.validate(rows, lang="en").files[0]
    blank = [p for p in report.problems if p.code == "blank-required"]
    assert [(p.line, p.header) for p in blank] == [(3, "名称")]
    with pytest.raises(ValueError, match="row 2 has the key 'extra'"):
        stdschema.validate([first, {**first, "extra": "1"}], lang="en")


def test_empty_input_is_an_input_error_named_as_the_source() -> None:
    with pytest.raises(InputError) as caught:
        stdschema.validate(b"")
    assert caught.value.path == Path("<bytes>")
    with pytest.raises(InputError):
        stdschema.validate([])


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "cannot validate a int"), ("ja", "int は検査できません")]
)
def test_another_kind_of_source_is_a_type_error_in_the_language(lang: str, text: str) -> None:
    with pytest.raises(TypeError, match=text):
        stdschema.validate(42, lang=lang)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        stdschema.validate([1, 2], lang=lang)  # type: ignore[list-item]


def test_importing_stdschema_and_naming_the_api_imports_no_heavy_library() -> None:
    code = (
        "import sys, stdschema\n"
        "stdschema.validate, stdschema.explain\n"
        "print(' '.join(m for m in ('pydantic', 'polars', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


# --- explain ----------------------------------------------------------------------------

_CELL_FIELDS = ("code", "severity", "header", "field", "value")
_WORDING = ("message", "hint", "fixed_to", "rule")


def _cell_problems(problems: list[Any]) -> list[tuple[Any, ...]]:
    return sorted(tuple(getattr(p, f) for f in _CELL_FIELDS + _WORDING) for p in problems)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_explain_words_a_models_errors_as_validate_words_the_same_cells(lang: str) -> None:
    model = get_dataset("aed_locations@v2")
    rows = _dict_rows(FILES["aed"])
    report = stdschema.validate(rows, lang=lang).files[0]
    explained = 0
    for line, row in enumerate(rows, start=2):
        try:
            model.model_validate(row)
        except ValidationError as exc:
            got, errors = stdschema.explain(exc, lang=lang), exc.errors()
        else:
            continue
        # The model enforces the confirmed rules: validate's errors on the row's cells.
        same_row = [
            p
            for p in report.problems
            if p.line == line and p.field is not None and p.severity == "error"
        ]
        assert _cell_problems(got.problems) == _cell_problems(same_row)
        assert len(got.problems) == len(errors)
        assert all(p.line is None and p.row is None for p in got.problems)
        # Columns are the standard's (the file has columns of its own before them).
        numbers = {c.header: c.no for c in model.__columns__}
        assert [p.column for p in got.problems] == [numbers[p.header] for p in got.problems]
        explained += 1
    assert explained == 57  # every row has a half-width 名称_カナ


def test_explain_in_japanese_and_english() -> None:
    model = get_dataset("public_toilets@v2")
    row = {"名称": "", "所在地_連結表記": "静岡県焼津市本町2-16-32", "設置位置": "駅前"}
    row |= {"ID": "1", "全国地方公共団体コード": "222128", "男性トイレ総数": "３"}
    with pytest.raises(ValidationError) as caught:
        model.model_validate(row)
    ja, en = stdschema.explain(caught.value), stdschema.explain(caught.value, lang="en")
    # In the standard's column order: コード (1), 名称 (4), 男性トイレ総数 (20).
    assert [p.code for p in ja.problems] == ["check-digit-error", "blank-required", "invalid-value"]
    assert [p.code for p in en.problems] == [p.code for p in ja.problems]
    by_code = {p.code: p for p in ja.problems}
    assert by_code["blank-required"].message == "必須項目（◎）「名称」が空欄です。"
    assert by_code["invalid-value"].fixed_to == "3"  # the full-width digit's repair
    assert by_code["check-digit-error"].column_letter == "A"
    assert by_code["blank-required"].record == "ID 1"  # the row's ID from the error's input
    assert str(ja).splitlines()[0] == "公衆トイレ一覧（public_toilets@v2）の問題 3 件:"
    assert "【エラー】必須項目（◎）「名称」が空欄です。" in str(ja)
    assert str(en).splitlines()[0] == "3 problem(s) with Public toilets (public_toilets@v2):"
    assert "[error] Required column '名称' is blank." in str(en).splitlines()
    assert en.as_dicts()[1]["header"] == "名称"


def test_explain_refuses_what_it_cannot_word() -> None:
    with pytest.raises(TypeError, match="not a ValueError"):
        stdschema.explain(ValueError("x"), lang="en")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        get_dataset("public_toilets@v2").model_validate(["not", "a", "dict"])
    with pytest.raises(TypeError, match="takes a dict keyed by the headers"):
        stdschema.explain(caught.value, lang="en")


# --- English item names -----------------------------------------------------------------


def test_the_standards_english_item_names_are_accepted_as_keys() -> None:
    model = get_dataset("public_toilets@v2")
    by_header = {"名称": "駅", "所在地_連結表記": "焼津市本町", "設置位置": "駅前", "緯度": "34.8"}
    english = {
        model.__columns__[[c.header for c in model.__columns__].index(h)].english_name: v
        for h, v in by_header.items()
    }
    assert set(english) == {"name", "fullAddress", "installationLocation", "latitude"}
    record = model.model_validate(english | {"totalMaleToilet": "3", "identifier": ""})
    assert record == model.model_validate(by_header | {"男性トイレ総数": "3"})
    # Serialisation is unchanged: headers (aliases) or attribute names, never English ones.
    assert "所在地_連結表記" in record.model_dump(by_alias=True)
    assert "installationLocation" not in record.model_dump()
    # The header's own cell wins over the English name's.
    both = model.model_validate(by_header | {"name": "別の名前"})
    assert both.name == "駅"
    with pytest.raises(ValidationError) as caught:
        model.model_validate(english | {"localGovernmentCode": "222128"})
    assert [p.code for p in stdschema.explain(caught.value).problems] == ["check-digit-error"]

"""The rule registry: each value rule complete in its own module, and a fast engine that
fails closed when a rule has no screen."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from pydantic import TypeAdapter, ValidationError

from stdschema.checks.fast import rule_flag
from stdschema.conversion.transforms import TRANSFORMS, TransformContext, apply_chain, resolve
from stdschema.datasets import list_datasets
from stdschema.normalize import suggest
from stdschema.problems import CATALOGUE, ERROR_DETAILS, code_for_error_type
from stdschema.rules import REGISTRY
from stdschema.rules.base import ANY_VALUE, EXACT_PATH_ONLY
from stdschema.rules.chars import SPACES, has_edge_space, strip_spaces
from stdschema.rules.registry import ERROR_TYPES, SAFE_REPAIRS
from stdschema.types import RULES
from stdschema.validation import Options, validate_file

# Repairs no named transform does (only normalize.suggest offers them).
REPAIRS_WITHOUT_TRANSFORM = {"normalize_local_gov_code", "height_kind", "drop_empty_items"}

# Cells of every kind: valid and invalid values of each rule, widths, kana, spaces.
SAMPLES = [
    "222127", "222128", "２２２１２７", "8000020130001", "8000020130002", "AB01", "L-1",
    "エキマエ", "ｴｷﾏｴ", "えきまえ", "駅前", "Yaizu City", "Ｙａｉｚｕ", "34.86", "３４．８６",
    "95.0", "-179.5", "181", "0003000", "0008-001", "4250022", "425-0022", "054-626-1139",
    "（054）626-1139", "0476(42)5111", "1234", "１２３４", "info@city.yaizu.lg.jp",
    "https://www.city.yaizu.lg.jp/", "https://例え.jp/", "http:///x", "3", "-3", "3.5",
    "32,500", "2026-04-01", "2026-02-30", "R5.4.1", "09:00", "9:00", "24:00", "月火水木金",
    "月～金", "有", "あり", "1", "○", "階数", "階", "内科;外科", "内科;;外科", "a;\u200b;b",
    "222127\u3000", " 222127", "222127\u200b", "\ufeff222127", "x\u2003",
]  # fmt: skip


def _valid(rule: str, value: str) -> bool:
    try:
        TypeAdapter(REGISTRY[rule].type).validate_python(value)
    except ValidationError:
        return False
    return True


def test_registry_is_the_rules_of_types() -> None:
    # The README's stdschema.types.RULES is the registry itself, not a copy.
    assert RULES is REGISTRY
    assert {"text", "local_gov_code", "corporate_number", "katakana", "phone"} <= set(REGISTRY)


def test_every_column_rule_is_registered() -> None:
    used = {c.rule for model in list_datasets() for c in model.__columns__}
    assert used - set(REGISTRY) == set()


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_rule_is_complete(key: str) -> None:
    spec = REGISTRY[key]
    assert spec.key == key
    TypeAdapter(spec.type)  # a type Pydantic can build a validator for
    assert spec.python_type and spec.ja and spec.en
    # A screen, or an explicit statement: the exact path checks every cell, or every value passes.
    assert callable(spec.screen) or spec.screen in (EXACT_PATH_ONLY, ANY_VALUE), key
    for error in spec.errors:
        assert error.ja and error.en, error.key
        assert error.code in CATALOGUE, error.key
        assert ERROR_DETAILS[error.key] == (error.ja, error.en)
        assert code_for_error_type(error.key) == error.code


def test_every_error_a_validator_raises_is_declared() -> None:
    raised: set[str] = set()
    for key in REGISTRY:
        adapter = TypeAdapter(REGISTRY[key].type)
        for value in SAMPLES:
            try:
                adapter.validate_python(value)
            except ValidationError as exc:
                raised.update(e["type"] for e in exc.errors())
    assert raised - set(ERROR_DETAILS) == set()
    # And the samples reach most declared errors, so the check above means something.
    assert len(raised & ERROR_TYPES) >= len(ERROR_TYPES) - 4


@pytest.mark.parametrize("key", sorted(k for k in REGISTRY if callable(REGISTRY[k].screen)))
def test_screen_never_passes_what_the_rule_refuses(key: str) -> None:
    cells = [v for v in SAMPLES if v]
    flag = rule_flag(key, pl.col("v"))
    assert flag is not None
    passed = pl.DataFrame({"v": cells}).select(~flag)["v"].to_list()
    wrong = [v for v, ok in zip(cells, passed, strict=True) if ok and not _valid(key, v)]
    assert wrong == []


def test_repairs_carry_the_names_of_the_transforms() -> None:
    steps = {step.name: step for spec in REGISTRY.values() for step in spec.repairs}
    assert set(steps) - set(TRANSFORMS) == REPAIRS_WITHOUT_TRANSFORM
    ctx = TransformContext()
    for name, step in steps.items():
        if name in REPAIRS_WITHOUT_TRANSFORM:
            continue
        chain = [resolve(name)]
        for value in SAMPLES:
            after = step.apply(value, {})
            if after is not None and after != value:
                # Where the repair applies, the transform of that name does the same.
                assert apply_chain(value, chain, ctx)[0] == after, (name, value)


def test_fix_mode_repairs_are_named_once() -> None:
    assert "kana_full_width" in SAFE_REPAIRS and "kana_to_full_width" not in SAFE_REPAIRS
    assert "trim" in SAFE_REPAIRS
    assert suggest("ｺﾏｴ", "katakana") is not None
    assert suggest("ｺﾏｴ", "katakana").transform == "kana_full_width"  # type: ignore[union-attr]


def test_spaces_are_pythons_and_the_invisible_ones() -> None:
    python = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(SPACES) == python | {"\u200b", "\ufeff"}
    # U+3000 and U+200B are spaces around a value alike: same test, same repair.
    for cell in ("222127\u3000", "222127\u200b", "\ufeff222127"):
        assert has_edge_space(cell)
        assert strip_spaces(cell) == "222127"
        assert suggest(cell, "local_gov_code") is not None
        assert suggest(cell, "local_gov_code").transform == "trim"  # type: ignore[union-attr]
    assert not has_edge_space("2221\u200b27")


# --- the fast engine fails closed -----------------------------------------------------


def _kana_file(tmp_path: Path) -> Path:
    path = tmp_path / "toilets.csv"
    path.write_text(
        "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ\n"
        "222127,1,焼津市,駅前トイレ,エキマエトイレ\n"
        "222127,2,焼津市,駅前トイレ,ｴｷﾏｴ\n",
        encoding="utf-8",
    )
    return path


def _invalid_values(path: Path, engine: str) -> Counter[tuple[int | None, str | None]]:
    report = validate_file(
        path,
        Options(lang="en", engine=engine, dataset="public_toilets@v2"),  # type: ignore[arg-type]
    )
    return Counter((p.line, p.field) for p in report.problems if p.code == "invalid-value")


@pytest.mark.parametrize("screen", [None, EXACT_PATH_ONLY])
def test_fast_engine_flags_a_rule_without_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screen: str | None
) -> None:
    path = _kana_file(tmp_path)
    expected = Counter({(3, "name_kana"): 1})
    assert _invalid_values(path, "pydantic") == expected
    assert _invalid_values(path, "fast") == expected
    # Without the katakana screen every non-blank katakana cell goes to the exact path,
    # which still finds ｴｷﾏｴ (failing open, the fast engine would report nothing).
    katakana = dataclasses.replace(REGISTRY["katakana"], screen=screen)
    monkeypatch.setitem(REGISTRY, "katakana", katakana)
    assert _invalid_values(path, "fast") == expected


def test_rule_flag_without_screen_flags_every_nonblank_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frame = pl.DataFrame({"v": ["", "エキマエ", "ｴｷﾏｴ"]})
    flagged = frame.select(rule_flag("katakana", pl.col("v")))["v"].to_list()
    assert flagged == [False, False, True]
    monkeypatch.setitem(
        REGISTRY, "katakana", dataclasses.replace(REGISTRY["katakana"], screen=None)
    )
    assert frame.select(rule_flag("katakana", pl.col("v")))["v"].to_list() == [False, True, True]
    assert frame.select(rule_flag("no_such_rule", pl.col("v")))["v"].to_list() == [
        False,
        True,
        True,
    ]


@pytest.mark.parametrize("key", sorted(k for k in REGISTRY if REGISTRY[k].screen == ANY_VALUE))
def test_a_rule_that_passes_any_value_refuses_none(key: str) -> None:
    """The fast engine does not read a column whose only rule passes every value: the
    rule must accept every sample, odd widths, spaces and controls included."""
    assert rule_flag(key, pl.col("v")) is None
    assert [v for v in [*SAMPLES, *SPACES, "\x00", "a\nb"] if not _valid(key, v)] == []


# --- one whitespace everywhere --------------------------------------------------------


# Issue 10: `222127\u3000` gave a warning and `222127\u200b` an error with the same fix;
# the row checker and the fast line screen now read stdschema.rules.chars.
@pytest.mark.parametrize("engine", ["pydantic", "fast"])
def test_invisible_space_is_reported_like_an_ideographic_space(tmp_path: Path, engine: str) -> None:
    found = []
    for space in ("\u3000", "\u200b"):
        path = tmp_path / f"toilets_{ord(space):x}.csv"
        path.write_text(
            f"全国地方公共団体コード,ID,地方公共団体名,名称\n222127{space},1,焼津市,駅前トイレ\n",
            encoding="utf-8",
        )
        report = validate_file(
            path,
            Options(lang="en", engine=engine, dataset="public_toilets@v2"),  # type: ignore[arg-type]
        )
        found.append([(p.code, p.severity, p.fixed_to) for p in report.problems if p.line == 2])
    assert found[0] == found[1]

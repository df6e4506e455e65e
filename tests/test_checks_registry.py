"""The row-check registry: every check reachable by the fast engine, every problem code
produced by someone, and every produced code in the catalogue.

Each assertion goes through a function that lists the offenders; the tests with
``monkeypatch`` remove one entry and show that function then names it.
"""

from __future__ import annotations

import csv
import importlib
import inspect
from pathlib import Path

import pytest

from stdschema.checks import base, header, rows
from stdschema.checks.base import RowCheck, has_screen, row_checks
from stdschema.checks.builtin.coordinates import Coordinates
from stdschema.problems import CATALOGUE
from stdschema.rules import REGISTRY
from stdschema.rules.base import PYDANTIC_ERRORS
from stdschema.validation import Options, validate_file

REAL = Path(__file__).parent / "data" / "real"

# Producers that are not row checks or value rules: module -> the codes it declares.
OTHER_PRODUCERS = {
    "stdschema.checks.rows": rows.CODES,
    "stdschema.checks.header": header.CODES,
    "stdschema.validation": importlib.import_module("stdschema.validation").CODES,
    "stdschema.distributed.remote": importlib.import_module("stdschema.distributed.remote").CODES,
}


def producers() -> dict[str, set[str]]:
    """Problem code -> who reports it (a row check, a value rule, or a module)."""
    found: dict[str, set[str]] = {}
    for check in row_checks():
        for code in check.codes:
            found.setdefault(code, set()).add(f"check {check.name}")
    for spec in REGISTRY.values():
        for error in spec.errors:
            found.setdefault(error.code, set()).add(f"rule {spec.key}")
    for error in PYDANTIC_ERRORS:
        found.setdefault(error.code, set()).add(f"pydantic {error.key}")
    found.setdefault("invalid-value", set()).add("rules (any error type without a code)")
    for module, codes in OTHER_PRODUCERS.items():
        for code in codes:
            found.setdefault(code, set()).add(module)
    return found


def without_producer() -> set[str]:
    return set(CATALOGUE) - set(producers())


def not_in_catalogue() -> set[str]:
    return set(producers()) - set(CATALOGUE)


def unscreened() -> list[str]:
    """Checks the fast engine has no form of, and that do not say so (or say both)."""
    return [c.name for c in row_checks() if has_screen(c) == c.exact_only]


def undeclared() -> list[str]:
    """Codes a producer declares that its module's source never names."""
    bad = []
    for check in row_checks():
        source = inspect.getsource(inspect.getmodule(check))  # type: ignore[arg-type]
        bad += [f"{check.name}: {code}" for code in check.codes if f'"{code}"' not in source]
    for module, codes in OTHER_PRODUCERS.items():
        source = inspect.getsource(importlib.import_module(module))
        # Once in the CODES tuple, and at least once more where it is reported.
        bad += [f"{module}: {code}" for code in codes if source.count(f'"{code}"') < 2]
    return bad


# --- the registry as it is -------------------------------------------------------


def test_every_check_has_a_screen_or_is_declared_exact_path_only() -> None:
    assert row_checks(), "no checks found"
    assert unscreened() == []


def test_every_catalogue_code_has_a_producer() -> None:
    assert without_producer() == set()


def test_every_producer_code_is_in_the_catalogue() -> None:
    assert not_in_catalogue() == set()


def test_declared_codes_are_the_ones_the_code_reports() -> None:
    assert undeclared() == []


def test_check_names_are_unique_and_registration_refuses_a_second() -> None:
    names = [c.name for c in row_checks()]
    assert len(names) == len(set(names))

    class Impostor(RowCheck):
        name = "coordinates"
        codes = ()

    with pytest.raises(ValueError, match="two row checks named 'coordinates'"):
        base.register(Impostor)


# --- and with one entry removed -----------------------------------------------------


def test_a_check_that_loses_its_screen_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Coordinates, "screen", RowCheck.screen)
    assert unscreened() == ["coordinates"]
    monkeypatch.setattr(Coordinates, "exact_only", True)
    assert unscreened() == []  # declared: the fast engine fails closed on it


def test_a_removed_check_leaves_its_codes_without_producer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(base._CHECKS, "time-order")
    assert without_producer() == {"time-order"}


def test_a_removed_catalogue_entry_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(CATALOGUE, "coordinates-zero")
    assert not_in_catalogue() == {"coordinates-zero"}


def test_a_stale_declaration_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Coordinates, "codes", (*Coordinates.codes, "coordinates-rounded"))
    assert undeclared() == ["coordinates: coordinates-rounded"]
    assert not_in_catalogue() == {"coordinates-rounded"}


# --- failing closed, on real rows ----------------------------------------------------


def _dropped_digit(tmp_path: Path) -> Path:
    """焼津市's public toilets with the first digit of line 5's 経度 lost (138.32… → 38.32…),
    a pair that is well formed but not in Japan. The file is clean otherwise, so only the
    coordinate check's screen can send that row to the exact path."""
    source = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    lon = table[0].index("経度")
    assert table[4][lon].startswith("138.")
    table[4][lon] = table[4][lon][1:]
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(table)
    return path


def _outside(path: Path) -> list[int]:
    report = validate_file(path, Options(lang="en", engine="fast"))
    assert report.engine == "fast"
    return [p.line or 0 for p in report.problems if p.code == "coordinates-outside-japan"]


def test_a_check_without_a_screen_still_sees_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dropped_digit(tmp_path)
    assert _outside(path) == [5]
    # Forgotten screen: fail closed, every row with a coordinate takes the exact path.
    monkeypatch.setattr(Coordinates, "screen", RowCheck.screen)
    assert _outside(path) == [5]
    # Declared exact-path-only: the same.
    monkeypatch.setattr(Coordinates, "exact_only", True)
    assert _outside(path) == [5]


def test_a_screen_that_passes_everything_would_hide_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What failing open looks like: the reason the engine never trusts a missing screen.
    import polars as pl

    path = _dropped_digit(tmp_path)
    monkeypatch.setattr(Coordinates, "screen", lambda self, col: pl.lit(False))
    assert _outside(path) == []

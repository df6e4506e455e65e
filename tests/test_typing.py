"""``get_dataset`` is typed (issue 14, item 8): mypy sees ``get_dataset("public_toilets@v2")``
as ``type[PublicToiletsV2]`` and so knows its fields (tests/typing/check_get_dataset.py),
and a field the model lacks is an error. The overloads are generated with the header index
and checked with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.datasets import _all_models, get_dataset
from stdschema.datasets.index import TYPING_PATH, entries_from_models, main, render_typing

ROOT = Path(__file__).parent.parent
CHECKED = ROOT / "tests" / "typing" / "check_get_dataset.py"

WRONG = """\
from stdschema.datasets import get_dataset

record = get_dataset("public_toilets@v2").model_validate({})
record.no_such_field
count: str = record.male_total
also = get_dataset("aed_locations").model_validate({}).male_total
"""


def test_mypy_keeps_the_models_fields_and_refuses_what_the_model_lacks(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is a dev dependency (pip install -e '.[dev]')")
    wrong = tmp_path / "wrong_field.py"
    wrong.write_text(WRONG, encoding="utf-8")
    # One run for both files; the project's configuration (strict, the pydantic plugin)
    # and its cache, as `mypy` in .ci/run uses them.
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(CHECKED), str(wrong)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert not [line for line in errors if CHECKED.name in line], done.stdout
    found = sorted(line.split(": error: ")[1] for line in errors if wrong.name in line)
    assert found == [
        '"AedLocationsV2" has no attribute "male_total"  [attr-defined]',
        '"PublicToiletsV2" has no attribute "no_such_field"  [attr-defined]',
        'Incompatible types in assignment (expression has type "int | None", variable has '
        'type "str")  [assignment]',
    ], done.stdout
    assert done.returncode == 1


def test_the_overloads_are_generated_from_the_models() -> None:
    entries = entries_from_models(_all_models())
    text = render_typing(entries)
    assert TYPING_PATH.read_text(encoding="utf-8") == text, "run the index's --write"
    for e in entries:
        assert f'dataset_id: Literal["{e.key}"],' in text
        assert f") -> type[{e.cls}]: ..." in text
    assert main(["--check"]) == 0


def test_the_generated_module_runs_as_get_dataset_does() -> None:
    from stdschema.datasets import _typing

    for key in ("public_toilets@v2", "public_toilets", "aed_locations@v1"):
        assert _typing.get_dataset(key) is get_dataset(key)

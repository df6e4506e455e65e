"""Every example in examples/ converts again to exactly the checked-in output, which validates."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from stdschema.conversion.engine import convert, upgrade
from stdschema.validation import Options, validate_file

EXAMPLES = Path(__file__).parent.parent / "examples"

# folder, source, output name, expected (read, written, rejected)
CASES = [
    ("takamatsu_aed", "takamatsu_0002_aed_location.csv", "372013_aed.csv", (514, 513, 1)),
    (
        "takamatsu_childcare",
        "takamatsu_0079_unapproved_childcare_facilities.csv",
        "372013_preschool.csv",
        (33, 31, 2),
    ),
    ("yaizu_parks", "yaizu_222127_park_info.csv", "222127_public_facility.csv", (142, 142, 0)),
]


def _same_files(expected_dir: Path, got_dir: Path, name: str) -> None:
    for suffix in ("", ".rejects.csv", ".changes.csv"):
        expected, got = expected_dir / (name + suffix), got_dir / (name + suffix)
        assert filecmp.cmp(expected, got, shallow=False), f"{got} differs from {expected}"


@pytest.mark.parametrize(("folder", "source", "name", "counts"), CASES, ids=[c[0] for c in CASES])
def test_example_converts_to_the_checked_in_output(
    tmp_path: Path, folder: str, source: str, name: str, counts: tuple[int, int, int]
) -> None:
    base = EXAMPLES / folder
    report = convert(
        base / source, mapping=base / "mapping.yaml", output=tmp_path / name, lang="en"
    )
    c = report.counts
    assert (c.read, c.written, c.rejected) == counts
    assert report.reconciled and c.read == c.written + c.rejected
    _same_files(base / "output", tmp_path, name)
    result = validate_file(tmp_path / name, Options(lang="en"))
    assert result.valid and result.summary.error == 0
    assert result.dataset.id == report.target.split("@")[0]


def test_upgrade_example() -> None:
    base = EXAMPLES / "yaizu_aed_upgrade"
    out = base / "output" / "222127_aed.csv"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        got = Path(tmp) / "222127_aed.csv"
        report = upgrade(base / "222127_aed.csv", output=got, lang="en")
        assert (report.counts.read, report.counts.written) == (82, 82)
        _same_files(out.parent, Path(tmp), "222127_aed.csv")
    assert validate_file(out, Options(lang="en")).valid

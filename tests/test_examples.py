"""Every example in examples/ converts again to exactly the checked-in output, which validates."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from stdschema.conversion.engine import convert, upgrade
from stdschema.conversion.mapping import load_mapping
from stdschema.validation import Options, validate_file

EXAMPLES = Path(__file__).parent.parent / "examples"

# folder, source, output name, (read, written, rejected), the problem codes validation may
# still find in the output (blank cells left for a person, and what the source gets wrong;
# examples/README.md says which is which)
CASES = [
    (
        "takamatsu_aed",
        "takamatsu_0002_aed_location.csv",
        "372013_aed.csv",
        (514, 514, 0),
        {"blank-likely-required"},
    ),
    (
        "takamatsu_childcare",
        "takamatsu_0079_unapproved_childcare_facilities.csv",
        "372013_preschool.csv",
        (33, 33, 0),
        {"blank-likely-required", "invalid-value", "time-order"},
    ),
    (
        "yaizu_parks",
        "yaizu_222127_park_info.csv",
        "222127_public_facility.csv",
        (142, 142, 0),
        {"blank-likely-required", "surrounding-whitespace"},
    ),
    (
        "takamatsu_hospital",
        "takamatsu_hospital.csv",
        "372013_hospital.csv",
        (628, 628, 0),
        {"blank-likely-required"},
    ),
    (
        "takamatsu_evacuation",
        "takamatsu_0060_evacuation_space.csv",
        "372013_evacuation_space.csv",
        (193, 193, 0),
        {"blank-required", "blank-recommended"},
    ),
    (
        "yaizu_yohairyosya",
        "yaizu_yohairyosya.csv",
        "222127_public_facility.csv",
        (277, 277, 0),
        {"blank-likely-required"},
    ),
    (
        "ome_food_business_xlsx",
        "15_food_business_all__132055_ome.xlsx",
        "132055_food_business_all.csv",
        (1593, 1593, 0),
        set(),
    ),
]

# folder → the edits the checked-in mapping made to map suggest's draft
# (mapping.suggested.yaml): column entries added, removed or changed
EDITS = {
    "takamatsu_hospital": {"ID"},
    "takamatsu_evacuation": {"ID"},
    "yaizu_yohairyosya": {"全国地方公共団体コード", "地方公共団体名", "所在地_連結表記"},
    "ome_food_business_xlsx": set(),
}


def _same_files(expected_dir: Path, got_dir: Path, name: str) -> None:
    for suffix in ("", ".rejects.csv", ".changes.csv"):
        expected, got = expected_dir / (name + suffix), got_dir / (name + suffix)
        assert filecmp.cmp(expected, got, shallow=False), f"{got} differs from {expected}"


@pytest.mark.parametrize(
    ("folder", "source", "name", "counts", "codes"), CASES, ids=[c[0] for c in CASES]
)
def test_example_converts_to_the_checked_in_output(
    tmp_path: Path,
    folder: str,
    source: str,
    name: str,
    counts: tuple[int, int, int],
    codes: set[str],
) -> None:
    """Every row is kept (--keep-incomplete): written = read, and the output validates with
    only the problems the walkthrough names."""
    base = EXAMPLES / folder
    report = convert(
        base / source,
        mapping=base / "mapping.yaml",
        output=tmp_path / name,
        lang="ja",
        keep_incomplete=True,
    )
    c = report.counts
    assert (c.read, c.written, c.rejected) == counts
    assert report.reconciled and c.read == c.written + c.rejected
    _same_files(base / "output", tmp_path, name)
    result = validate_file(tmp_path / name, Options(lang="ja"))
    assert set(result.summary.by_code) <= codes
    assert result.dataset.id == report.target.split("@")[0]


@pytest.mark.parametrize("folder", sorted(EDITS))
def test_the_mapping_is_the_draft_with_the_edits_the_walkthrough_counts(folder: str) -> None:
    base = EXAMPLES / folder
    draft = load_mapping(base / "mapping.suggested.yaml")
    final = load_mapping(base / "mapping.yaml")
    assert (draft.target, draft.source, draft.context) == (
        final.target,
        final.source,
        final.context,
    )
    changed = {
        column
        for column in set(draft.columns) | set(final.columns)
        if draft.columns.get(column) != final.columns.get(column)
    }
    assert changed == EDITS[folder]


def test_upgrade_example() -> None:
    base = EXAMPLES / "yaizu_aed_upgrade"
    out = base / "output" / "222127_aed.csv"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        got = Path(tmp) / "222127_aed.csv"
        report = upgrade(base / "222127_aed.csv", output=got, lang="ja")
        assert (report.counts.read, report.counts.written) == (82, 82)
        _same_files(out.parent, Path(tmp), "222127_aed.csv")
    assert validate_file(out, Options(lang="ja")).valid

"""validate's guidance between commands (issue 12, item 8): a file that needs a mapping
ends its text report with the commands to run next, filled in; machine formats carry them in
the problem's hint and in ``next_commands``."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.messages import Lang, t
from stdschema.validation import NEEDS_MAPPING_SHARE, Options, next_commands, validate_file

REAL = Path(__file__).parent / "data" / "real"
HOSPITAL = REAL / "legacy" / "takamatsu_hospital.csv"
AED = REAL / "legacy" / "takamatsu_0002_aed_location.csv"
NOUEN = REAL / "legacy" / "yaizu_222127_nouen.csv"


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout


def _expected(path: Path, dataset: str) -> list[str]:
    return [
        f"stdschema map suggest {path} --dataset {dataset} -o mapping.yaml",
        f"stdschema convert {path} --mapping mapping.yaml -o out.csv",
    ]


def _tail(text: str, lang: Lang) -> list[str]:
    """The report's lines after the guidance heading, up to the run's verdict."""
    lines = text.splitlines()
    start = lines.index(t("guidance.next", lang))
    return [line.strip() for line in lines[start + 1 :] if line.strip()][:-1]


def test_unrecognised_legacy_file_ends_with_the_commands_in_both_languages() -> None:
    # 高松市's hospital list: its header scores best for public_bicycle_parking@v2 (0.31), its
    # name says hospital, and the current edition of that dataset is the target to convert to.
    for lang in ("ja", "en"):
        code, out = _validate(str(HOSPITAL), "--lang", lang)
        assert code == 1
        assert _tail(out, lang) == _expected(HOSPITAL, "medical_institutions@v2")
        # Nothing but the verdict follows the commands.
        assert out.rstrip().splitlines()[-1].startswith(("結果", "Result"))


def test_the_machine_formats_carry_the_commands() -> None:
    code, out = _validate(str(AED), "-f", "json")
    assert code == 1
    file = json.loads(out)["files"][0]
    suggest, convert = _expected(AED, "aed_locations@v2")
    assert file["next_commands"] == [suggest, convert]
    (problem,) = [p for p in file["problems"] if p["code"] == "dataset-not-recognised"]
    assert suggest in problem["hint"] and convert in problem["hint"]


def test_without_a_name_the_nearest_candidate_of_detection_is_named() -> None:
    # 焼津市's family farms: no dataset in the name; detection's nearest (all far below the bar).
    report = validate_file(NOUEN, Options(lang="ja"))
    assert report.dataset.id is None
    (problem,) = [p for p in report.problems if p.code == "dataset-not-recognised"]
    nearest = problem.message.split("最も近い候補: ")[1].split(" ")[0]
    assert nearest.endswith("@v2")
    assert report.next_commands == _expected(NOUEN, nearest)


def test_with_no_dataset_near_the_reader_is_told_to_pick_one() -> None:
    # 高松市's 認可外保育施設: no dataset in the name, every candidate below 0.3.
    source = REAL / "legacy" / "takamatsu_0079_unapproved_childcare_facilities.csv"
    code, out = _validate(str(source))
    assert code == 1
    lines = out.splitlines()
    heading = lines.index(t("guidance.next_pick", "ja"))
    assert [line.strip() for line in lines[heading + 1 : heading + 3]] == _expected(source, "ID@v2")


def test_a_recognised_file_lacking_many_columns_gets_needs_mapping() -> None:
    report = validate_file(HOSPITAL, Options(dataset="medical_institutions@v2", lang="en"))
    (problem,) = [p for p in report.problems if p.code == "needs-mapping"]
    missing = sum(1 for p in report.problems if p.code == "missing-label")
    assert missing / 42 >= NEEDS_MAPPING_SHARE
    assert f"lacks {missing} of the 42 columns of medical_institutions@v2" in problem.message
    assert report.next_commands == _expected(HOSPITAL, "medical_institutions@v2")
    assert report.next_commands[0] in problem.hint
    # A v1 dataset named with --dataset: the conversion targets the current edition.
    old = validate_file(HOSPITAL, Options(dataset="medical_institutions@v1", lang="en"))
    assert old.next_commands == _expected(HOSPITAL, "medical_institutions@v2")


def test_standard_files_get_no_guidance() -> None:
    for name in ("standard/yaizu_222127_aed.csv", "v2/06_open_data_list__122319_inzai.csv"):
        # The second lacks one of its 42 columns: a missing-label, not a conversion.
        report = validate_file(REAL / name, Options(lang="ja"))
        assert report.next_commands == []
        assert "needs-mapping" not in report.summary.by_code
        _code, out = _validate(str(REAL / name))
        assert t("guidance.next", "ja") not in out


def test_the_first_command_runs_as_printed(tmp_path: Path) -> None:
    suggest = validate_file(HOSPITAL, Options(lang="ja")).next_commands[0]
    words = shlex.split(suggest)
    assert words[:3] == ["stdschema", "map", "suggest"]
    out = tmp_path / "mapping.yaml"
    result = CliRunner().invoke(app, [*words[1:-1], str(out)])
    assert result.exit_code == 0, result.stderr
    assert "target: medical_institutions@v2" in out.read_text(encoding="utf-8")


def test_a_path_that_is_not_one_plain_word_is_quoted() -> None:
    assert next_commands(Path("公開 データ/a b.csv"), "aed_locations@v2")[0] == (
        'stdschema map suggest "公開 データ/a b.csv" --dataset aed_locations@v2 -o mapping.yaml'
    )
    assert next_commands(Path("データ/避難所.csv"), None)[1] == (
        "stdschema convert データ/避難所.csv --mapping mapping.yaml -o out.csv"
    )
    assert "--dataset ID@v2" in next_commands(Path("x.csv"), None)[0]

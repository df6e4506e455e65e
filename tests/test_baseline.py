"""Baselines (issue 14): problems already in the baseline are reported as known and do not
fail the run; they are matched by file, code, column header and value, never by line, and
counted (the Nth identical problem is known only when the baseline holds N). Runs in a copy of
``tests/data/ci_repo`` (its stdschema.toml: fail-on warning, the baseline, datasets by glob)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from stdschema.baseline import FileBaseline, Matcher, load_baseline, normalised
from tests.test_config import CI_REPO, files_by_name, one_line_error, run

WIFI = Path("data") / "wifi" / "yaizu_222127_public_wireless_lan.csv"
AED = Path("data") / "aed" / "komae_132195_aed.csv"
# The wifi file's one problem: line 7's 住所 ends with a space (surrounding-whitespace).
KNOWN_LINE = 7
NEW_ROW = (
    "222127,1000000099,静岡県,焼津市,市役所アトレ庁舎３階,シヤクショアトレチョウシャサンカイ,,"
    "静岡県焼津市本町5-6-1,,34.863094,138.320351,,(054)626-2171,,DoSPOT-FREE,,,\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(CI_REPO, copy)
    return copy


def insert_row(path: Path, line: int, row: str) -> None:
    """Put ``row`` at physical ``line`` of the file (the rows from there move down)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, row)
    path.write_text("".join(lines), encoding="utf-8")


def report(repo: Path, *args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    done = run("validate", "data", "--format", "json", *args, cwd=cwd or repo)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_the_repo_as_committed_is_all_known(repo: Path) -> None:
    code, data = report(repo)
    assert code == 0
    files = files_by_name(data)
    aed = files[AED.name]
    assert aed["summary"]["error"] == 57 and aed["summary"]["known"] == 77
    assert aed["valid"] is True and all(p["known"] for p in aed["problems"])
    assert data["summary"]["known"] == 78 and data["valid"] is True


def test_a_row_inserted_above_a_known_problem_keeps_it_known(repo: Path) -> None:
    insert_row(repo / WIFI, 2, NEW_ROW)
    code, data = report(repo)
    assert code == 0
    wifi = files_by_name(data)[WIFI.name]
    [problem] = wifi["problems"]
    assert (problem["code"], problem["line"], problem["known"]) == (
        "surrounding-whitespace",
        KNOWN_LINE + 1,
        True,
    )
    assert wifi["rows"] == 18 and wifi["summary"]["known"] == 1


def test_quiet_prints_nothing_when_every_problem_is_known(repo: Path) -> None:
    done = run("validate", "data", "--quiet", cwd=repo)
    assert (done.returncode, done.stdout) == (0, "")
    bad = NEW_ROW.replace("本町5-6-1,", "本町5-6-1　,")
    insert_row(repo / WIFI, 2, bad)
    done = run("validate", "data", "--quiet", "--lang", "en", cwd=repo)
    assert done.returncode == 1
    # Only the new problem: the known one on the next line stays out of a quiet run.
    [line] = done.stdout.splitlines()
    assert WIFI.name in line and "surrounding-whitespace" in line


def test_a_new_problem_fails_the_run(repo: Path) -> None:
    bad = NEW_ROW.replace("本町5-6-1,", "本町5-6-1　,")  # a full-width space after the address
    insert_row(repo / WIFI, 2, bad)
    code, data = report(repo)
    assert code == 1 and data["valid"] is False
    wifi = files_by_name(data)[WIFI.name]
    assert [(p["line"], p["known"]) for p in wifi["problems"]] == [(2, False), (8, True)]
    assert (wifi["summary"]["warning"], wifi["summary"]["known"]) == (2, 1)
    # Every other file still passes: only the new problem fails the run.
    assert [f["path"] for f in data["files"] if not f["valid"]] == [WIFI.as_posix()]
    text = run("validate", "data", "--lang", "en", cwd=repo)
    assert "1 of them are known from the baseline" in text.stdout
    assert "(79 known from the baseline)" not in text.stdout
    assert "(78 known from the baseline)" in text.stdout


def test_the_nth_identical_problem_is_known_only_if_the_baseline_has_n(repo: Path) -> None:
    lines = (repo / WIFI).read_text(encoding="utf-8").splitlines(keepends=True)
    again = lines[KNOWN_LINE - 1].replace("1000000010", "1000000098")  # same cells, a new ID
    insert_row(repo / WIFI, 2, again)
    code, data = report(repo)
    assert code == 1
    wifi = files_by_name(data)[WIFI.name]
    # The first one met is known, the second is new: one known, as the baseline has one.
    assert [(p["line"], p["known"]) for p in wifi["problems"]] == [(2, True), (8, False)]


@pytest.mark.parametrize(
    ("flags", "exit_code", "whitespace"),
    [
        ((), 1, 2),
        (("--ignore", "surrounding-whitespace"), 0, 0),
        (("--ignore", "warning"), 0, 0),
        (("--select", "error"), 0, 0),
        (("--select", "surrounding-whitespace,error"), 1, 2),
        (("--select", "invalid-value,info"), 0, 0),
        # The same code in both: --ignore wins.
        (("--select", "surrounding-whitespace", "--ignore", "surrounding-whitespace"), 0, 0),
        # A code decides before a severity.
        (("--select", "surrounding-whitespace", "--ignore", "warning"), 1, 2),
        # --select drops the file's ignore: the event file's blank cells are warnings again.
        (("--select", "warning", "--ignore", "surrounding-whitespace"), 1, 0),
        (("--select", "warning", "--ignore", "surrounding-whitespace,blank-likely-required"), 0, 0),
        (("--fail-on", "error"), 0, 2),
    ],
)
def test_select_and_ignore_change_the_exit_code(
    repo: Path, flags: tuple[str, ...], exit_code: int, whitespace: int
) -> None:
    # A new surrounding-whitespace warning beside the known one (fail-on "warning" in the
    # configuration; --ignore adds to its ignore, --select starts afresh).
    insert_row(repo / WIFI, 2, NEW_ROW.replace("DoSPOT-FREE", " DoSPOT-FREE"))
    code, data = report(repo, *flags)
    assert code == exit_code
    # What is not selected is not counted either.
    assert data["summary"]["by_code"].get("surrounding-whitespace", 0) == whitespace


def test_select_and_ignore_without_a_baseline() -> None:
    def exit_code(*flags: str) -> int:
        return run("validate", AED, "--no-config", *flags, cwd=CI_REPO).returncode

    assert exit_code() == 1  # 57 errors (名称_カナ) and 20 warnings
    assert exit_code("--select", "warning") == 0
    assert exit_code("--select", "warning", "--fail-on", "warning") == 1
    assert exit_code("--ignore", "error") == 0
    assert exit_code("--ignore", "invalid-value", "--fail-on", "info") == 0


def test_write_baseline_then_check_from_another_folder(repo: Path) -> None:
    (repo / "baseline.json").unlink()
    # The configuration names a baseline that does not exist yet: writing it is allowed.
    done = run("validate", "data", "--write-baseline", "accepted.json", "--lang", "en", cwd=repo)
    assert done.returncode == 0, done.stderr  # 57 errors, but they are the baseline now
    assert "wrote the baseline accepted.json: 4 files, 78 problems" in done.stderr
    written = json.loads((repo / "accepted.json").read_text(encoding="utf-8"))
    assert written["report_version"] == "1.2" and written["max_problems"] is None
    assert sorted(f["path"] for f in written["files"]) == [
        "data/aed/komae_132195_aed.csv",
        "data/events/12_event__122319_inzai.csv",
        "data/library/yaizu_222127_library.csv",
        "data/wifi/yaizu_222127_public_wireless_lan.csv",
    ]
    # Relative paths are read from the baseline's folder, whatever the working directory.
    insert_row(repo / WIFI, 2, NEW_ROW)
    done = run("validate", ".", "--baseline", "../accepted.json", cwd=repo / "data")
    assert done.returncode == 0, done.stdout
    # Without any baseline the file's errors fail the run again.
    (repo / "stdschema.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run("validate", "data", cwd=repo).returncode == 1


def test_a_missing_or_foreign_baseline_is_one_line(repo: Path) -> None:
    line = one_line_error(run("validate", "data", "--baseline", "nope.json", cwd=repo))
    assert "nope.json" in line
    line = one_line_error(run("validate", "data", "--baseline", AED, "--lang", "en", cwd=repo))
    assert "is not a stdschema JSON report" in line or "cannot read the baseline" in line
    (repo / "other.json").write_text('{"files": "x"}', encoding="utf-8")
    line = one_line_error(
        run("validate", "data", "--baseline", "other.json", "--lang", "en", cwd=repo)
    )
    assert "is not a stdschema JSON report" in line


def test_masked_values_still_match(repo: Path) -> None:
    # A masked run against a baseline holding the values: matched exactly, shown masked.
    code, data = report(repo, "--mask-values")
    assert code == 0 and data["summary"]["known"] == 78
    aed = files_by_name(data)[AED.name]
    assert {p["value"] for p in aed["problems"]} == {"***"}
    # A baseline written masked holds no value: matched by code and column, still counted.
    done = run("validate", "data", "--mask-values", "--write-baseline", "masked.json", cwd=repo)
    assert done.returncode == 0
    text = (repo / "masked.json").read_text(encoding="utf-8")
    assert "ｺﾏｴｼﾔｸｼｮ" not in text and "2968-1 " not in text
    assert report(repo, "--baseline", "masked.json")[0] == 0
    insert_row(repo / WIFI, 2, NEW_ROW)
    assert report(repo, "--baseline", "masked.json")[0] == 0
    lines = (repo / WIFI).read_text(encoding="utf-8").splitlines(keepends=True)
    insert_row(repo / WIFI, 2, lines[KNOWN_LINE].replace("1000000010", "1000000097"))
    code, data = report(repo, "--baseline", "masked.json")
    assert code == 1  # two whitespace problems in 住所, one known
    assert files_by_name(data)[WIFI.name]["summary"]["known"] == 1


@pytest.mark.parametrize("engine", ["pydantic", "fast"])
def test_known_past_max_problems_and_with_either_engine(repo: Path, engine: str) -> None:
    code, data = report(repo, "--max-problems", "5", "--engine", engine)
    assert code == 0
    aed = files_by_name(data)[AED.name]
    assert aed["engine"] == engine
    # Details stop at 5; every problem is still matched and counted.
    assert len(aed["problems"]) == 5 and aed["problems_truncated"] is True
    assert (aed["summary"]["error"], aed["summary"]["warning"], aed["summary"]["known"]) == (
        57,
        20,
        77,
    )


def test_matcher_counts_and_paths(tmp_path: Path) -> None:
    known = FileBaseline({("invalid-value", "開始時間", "8:30"): 2})
    matcher = Matcher(known)
    taken = [matcher.take("invalid-value", "開始時間", "8:30") for _ in range(3)]
    assert taken == [True, True, False]
    assert not Matcher(known).take("invalid-value", "開始時間", "9:00")
    masked = Matcher(FileBaseline({("invalid-value", "開始時間", None): 1}, masked=True))
    assert masked.take("invalid-value", "開始時間", "anything")
    assert not masked.take("invalid-value", "開始時間", "anything")

    baseline = load_baseline(CI_REPO / "baseline.json")
    by_file = {Path(name).name: f for name, f in baseline.files.items()}
    assert sum(by_file[AED.name].counts.values()) == 77
    assert Counter(k[1] for k, n in by_file[AED.name].counts.items() for _ in range(n)) == {
        "名称_カナ": 57,
        "開始時間": 16,
        "内線番号": 2,
        "電話番号": 1,
        "利用可能曜日": 1,
    }
    assert normalised(CI_REPO / AED) in baseline.files
    assert baseline.matcher(tmp_path / "elsewhere.csv") is None

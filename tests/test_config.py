"""Configuration (issue 14): ``stdschema.toml`` or ``[tool.stdschema]`` found upward, applied
by ``validate`` with no flags, overridden by flags, shown by ``config show``; a setting no
run could use is one line naming the nearest key, code, severity or dataset."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.config import ConfigError, find_config, glob_matches, load_config, selected

ROOT = Path(__file__).parent.parent
CI_REPO = ROOT / "tests" / "data" / "ci_repo"
TOILETS = ROOT / "examples" / "222127_public_toilet.csv"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Done:
    """The CLI run in ``cwd`` in this process (typer's runner: fast); ``STDSCHEMA_LANG`` unset
    unless ``env`` sets it."""
    with chdir(cwd):
        result = CliRunner().invoke(
            app, [str(a) for a in args], env={"STDSCHEMA_LANG": None, **(env or {})}
        )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console command in its own process, as CI runs it."""
    environ = {k: v for k, v in os.environ.items() if k != "STDSCHEMA_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=environ,
    )


def one_line_error(proc: Done) -> str:
    """The one stderr line of a usage error (exit 2, no traceback, nothing on stdout)."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stdschema: "), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    return lines[0]


def files_by_name(report: dict[str, Any]) -> dict[str, Any]:
    return {Path(f["path"]).name: f for f in report["files"]}


# --- finding the file ----------------------------------------------------------------------


def test_the_nearest_folder_with_a_configuration_decides(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "stdschema.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.stdschema]\nfail-on = "warning"\n', encoding="utf-8"
    )
    # A pyproject.toml without the table is no configuration: the search goes on upward.
    (tmp_path / "a" / "b" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n")
    assert find_config(deep) == tmp_path / "a" / "pyproject.toml"
    # In one folder stdschema.toml wins over pyproject.toml.
    (tmp_path / "a" / "stdschema.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert find_config(deep) == tmp_path / "a" / "stdschema.toml"
    assert load_config(tmp_path / "a" / "pyproject.toml").values == {"fail-on": "warning"}


def test_a_broken_pyproject_is_an_error_only_when_it_names_stdschema(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.stdschema\nfail-on = ", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml is not valid TOML"):
        find_config(tmp_path)


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("data/aed/*.csv", "data/aed/komae.csv", True),
        ("data/aed/*.csv", "data/aed/old/komae.csv", False),  # * stays in one folder
        ("data/**/*.csv", "data/aed/old/komae.csv", True),
        ("data/**/*.csv", "data/komae.csv", True),  # ** may be no folder at all
        ("*.xlsx", "deep/in/the/tree/book.xlsx", True),  # no '/': the file name alone
        ("./data/aed/*.csv", "data/aed/komae.csv", True),
        ("data/aed/komae_??????_aed.csv", "data/aed/komae_132195_aed.csv", True),
        ("data/[ab]*/*.csv", "data/aed/x.csv", True),
        ("data/[!ab]*/*.csv", "data/aed/x.csv", False),
        ("data/aed/*.csv", "data/aed/komae.csv.bak", False),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_the_first_matching_glob_names_the_dataset(tmp_path: Path) -> None:
    (tmp_path / "stdschema.toml").write_text(
        '[datasets]\n"data/aed/special_*.csv" = "aed_locations@v2"\n'
        '"data/aed/*.csv" = "aed_locations@v1"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "stdschema.toml")
    aed = tmp_path / "data" / "aed"
    assert config.dataset_for(aed / "special_1.csv") == "aed_locations@v2"
    assert config.dataset_for(aed / "komae.csv") == "aed_locations@v1"
    assert config.dataset_for(tmp_path / "data" / "toilets.csv") is None
    assert config.dataset_for(tmp_path.parent / "data" / "aed" / "x.csv") is None


# --- which problems a run keeps -------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "kept"),
    [
        ((), (), True),
        (("error",), (), False),  # a warning, not selected
        (("warning",), (), True),
        (("invalid-value",), (), True),
        ((), ("invalid-value",), False),
        ((), ("warning",), False),
        (("invalid-value",), ("invalid-value",), False),  # same code: ignore wins
        (("warning",), ("warning",), False),  # same severity: ignore wins
        (("invalid-value",), ("warning",), True),  # a code decides before a severity
        (("warning",), ("invalid-value",), False),
        (("blank-recommended",), (), False),  # another code selected only
    ],
)
def test_selection_rule(select: tuple[str, ...], ignore: tuple[str, ...], kept: bool) -> None:
    assert selected("invalid-value", "warning", select, ignore) is kept


# --- validate applies it ------------------------------------------------------------------


def test_validate_with_no_flags_applies_the_configuration() -> None:
    done = run_process("validate", "data", "--format", "json", cwd=CI_REPO)
    # fail-on = "warning", but every warning and error is in the baseline.
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["fail_on"] == "warning" and report["valid"] is True
    files = files_by_name(report)
    aed = files["komae_132195_aed.csv"]
    assert aed["dataset"]["detected_by"] == "config"
    assert (aed["dataset"]["id"], aed["dataset"]["edition"]) == ("aed_locations", "v1")
    assert files["yaizu_222127_public_wireless_lan.csv"]["dataset"]["detected_by"] == "config"
    # Files no glob names are detected from their header as before.
    assert files["yaizu_222127_library.csv"]["dataset"]["detected_by"] == "header"
    # ignore = ["blank-likely-required", "info"]: neither reported nor counted.
    events = files["12_event__122319_inzai.csv"]
    assert events["summary"] == {
        "error": 0,
        "warning": 0,
        "info": 0,
        "known": 0,
        "by_code": {},
        "by_column": {},
    }
    assert report["summary"]["info"] == 0 and report["summary"]["known"] == 78


def test_from_a_subfolder_the_configuration_above_applies() -> None:
    done = run("validate", "aed", "--format", "json", cwd=CI_REPO / "data")
    assert done.returncode == 0, done.stderr
    aed = json.loads(done.stdout)["files"][0]
    # The glob is read from the configuration's folder, the baseline too.
    assert aed["dataset"]["detected_by"] == "config"
    assert aed["summary"]["known"] == 77


def test_flags_override_the_file() -> None:
    assert run("validate", "data", cwd=CI_REPO).returncode == 0
    # Without the configuration: komae's 57 errors fail the run.
    assert run("validate", "data", "--no-config", cwd=CI_REPO).returncode == 1
    # --select starts afresh (the file's ignore goes too): the event file's 8 blank
    # likely-required cells are warnings again, and the file's fail-on "warning" fails them.
    selecting = run("validate", "data", "--select", "warning", "--format", "json", cwd=CI_REPO)
    assert selecting.returncode == 1
    events = files_by_name(json.loads(selecting.stdout))["12_event__122319_inzai.csv"]
    assert events["summary"]["by_code"] == {"blank-likely-required": 8}
    assert json.loads(selecting.stdout)["summary"]["error"] == 0  # not selected
    # ... unless --fail-on error overrides the file's fail-on.
    assert (
        run("validate", "data", "--select", "warning", "--fail-on", "error", cwd=CI_REPO).returncode
        == 0
    )
    # --ignore alone adds to the file's ignore: infos and blank likely-required cells stay out.
    ignoring = run(
        "validate", "data", "--ignore", "surrounding-whitespace", "--format", "json", cwd=CI_REPO
    )
    assert ignoring.returncode == 0
    summary = json.loads(ignoring.stdout)["summary"]
    assert set(summary["by_code"]) == {"invalid-value"} and summary["known"] == 77


def test_format_lang_and_max_problems_from_the_file(tmp_path: Path) -> None:
    shutil.copy(TOILETS, tmp_path / "toilets.csv")
    (tmp_path / "stdschema.toml").write_text(
        'format = "json"\nlang = "en"\nmax-problems = 3\n', encoding="utf-8"
    )
    done = run("validate", "toilets.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["lang"] == "en" and report["max_problems"] == 3
    assert len(report["files"][0]["problems"]) == 3
    # STDSCHEMA_LANG, then --lang, come before the file's lang.
    assert (
        json.loads(
            run("validate", "toilets.csv", cwd=tmp_path, env={"STDSCHEMA_LANG": "ja"}).stdout
        )["lang"]
        == "ja"
    )
    assert (
        json.loads(run("validate", "toilets.csv", "--lang", "ja", cwd=tmp_path).stdout)["lang"]
        == "ja"
    )
    text = run("validate", "toilets.csv", "--format", "text", cwd=tmp_path)
    assert "Summary" in text.stdout and "集計" not in text.stdout


def test_an_explicit_config_file(tmp_path: Path) -> None:
    settings = tmp_path / "ci-settings.toml"
    settings.write_text('fail-on = "warning"\n', encoding="utf-8")
    # The toilets file has warnings only: exit 1 once fail-on is warning.
    assert run("validate", TOILETS, cwd=tmp_path).returncode == 0
    assert run("validate", TOILETS, "--config", settings, cwd=tmp_path).returncode == 1
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.stdschema]\nselect = ["error"]\nfail-on = "warning"\n')
    assert run("validate", TOILETS, "--config", pyproject, cwd=ROOT).returncode == 0


# --- config show ----------------------------------------------------------------------------


def test_config_show_says_where_each_setting_came_from() -> None:
    done = run("config", "show", "--lang", "en", cwd=CI_REPO / "data")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines()[2:] if line.strip()}
    assert done.stdout.splitlines()[0] == f"Configuration file: {Path('..', 'stdschema.toml')}"
    assert lines["lang"].split()[1:] == ["en", "command", "line"]
    assert lines["fail-on"].split()[1:] == ["warning", "../stdschema.toml:fail-on"]
    assert lines["max-problems"].split()[1:] == ["10000", "default"]
    assert lines["ignore"].split()[-1] == "../stdschema.toml:ignore"
    assert "data/aed/*.csv → aed_locations@v1" in lines["datasets"]
    assert "data/wifi/*.csv → public_wifi_access_points@v1" in done.stdout
    ja = run("config", "show", cwd=CI_REPO)
    assert "設定ファイル: stdschema.toml" in ja.stdout and "既定値" in ja.stdout

    shown = json.loads(run("config", "show", "--format", "json", cwd=CI_REPO).stdout)
    assert shown["config"] == "stdschema.toml"
    settings = shown["settings"]
    assert settings["fail-on"] == {"value": "warning", "source": "stdschema.toml:fail-on"}
    assert settings["select"] == {"value": [], "source": "default"}
    assert settings["ignore"]["value"] == ["blank-likely-required", "info"]
    assert settings["datasets"]["value"] == {
        "data/aed/*.csv": "aed_locations@v1",
        "data/wifi/*.csv": "public_wifi_access_points@v1",
    }
    assert settings["baseline"]["value"] == str(CI_REPO / "baseline.json")
    env = run("config", "show", "--format", "json", cwd=CI_REPO, env={"STDSCHEMA_LANG": "en"})
    assert json.loads(env.stdout)["settings"]["lang"] == {"value": "en", "source": "env"}


def test_config_show_of_a_pyproject_names_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.stdschema]\nfail-on = "info"\n')
    shown = json.loads(run("config", "show", "--format", "json", cwd=tmp_path).stdout)
    assert shown["settings"]["fail-on"]["source"] == "pyproject.toml:tool.stdschema.fail-on"
    none = json.loads(run("config", "show", "--no-config", "--format", "json", cwd=tmp_path).stdout)
    assert none["config"] is None and none["settings"]["fail-on"]["source"] == "default"


# --- settings no run could use ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('fail_on = "warning"\n', ["'fail_on'", "'fail-on'"]),
        ('selct = ["error"]\n', ["'selct'", "'select'"]),
        ('colour = "red"\n', ["'colour'", "fail-on", "max-problems"]),  # nothing near: all keys
        ('select = ["blank-requird"]\n', ["select", "'blank-requird'", "'blank-required'"]),
        ('ignore = ["warn"]\n', ["ignore", "'warn'", "'warning'"]),
        ('select = "error"\n', ["select", "'error'"]),  # not a list
        ('fail-on = "warn"\n', ["fail-on", "'warn'", "'warning'"]),
        ('lang = "fr"\n', ["lang", "'fr'", "ja, en"]),
        ("max-problems = -1\n", ["max-problems", "-1"]),
        ('format = "sarf"\n', ["format", "'sarf'", "'sarif'"]),
        ('[datasets]\n"*.csv" = "aed_location@v2"\n', ['datasets."*.csv"', "'aed_locations'"]),
        ('[datasets]\n"*.csv" = "aed_locations@v3"\n', ['datasets."*.csv"', "v1, v2"]),
        ("fail-on = \n", ["TOML", "line 1"]),
    ],
)
def test_a_bad_setting_is_one_line_with_the_nearest_name(
    tmp_path: Path, toml: str, words: list[str]
) -> None:
    (tmp_path / "stdschema.toml").write_text(toml, encoding="utf-8")
    line = one_line_error(run("validate", TOILETS, "--lang", "en", cwd=tmp_path))
    assert "stdschema.toml" in line
    for word in words:
        assert word in line, line
    # config show reports it the same way.
    assert one_line_error(run("config", "show", "--lang", "en", cwd=tmp_path)) == line


def test_bad_flags_are_one_line_too(tmp_path: Path) -> None:
    line = one_line_error(run("validate", TOILETS, "--select", "blank-recomended", cwd=tmp_path))
    assert "--select" in line and "'blank-recommended'" in line
    line = one_line_error(
        run("validate", TOILETS, "--ignore", "error,nfo", "--lang", "en", cwd=tmp_path)
    )
    assert "--ignore" in line and "'info'" in line
    missing = one_line_error(run("validate", TOILETS, "--config", "nowhere.toml", cwd=tmp_path))
    assert "nowhere.toml" in missing
    both = run(
        "validate", TOILETS, "--config", "x.toml", "--no-config", "--lang", "en", cwd=tmp_path
    )
    assert "--no-config" in one_line_error(both)


def test_the_library_error_names_the_key() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(CI_REPO / "data" / "aed" / "komae_132195_aed.csv")
    assert "TOML" in str(caught.value)

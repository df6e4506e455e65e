"""action.yml, the composite GitHub Action: its shell steps run here as the Actions runner runs
them (``bash --noprofile --norc -eo pipefail``, the step's ``env:`` with the ``${{ }}``
expressions resolved from the inputs, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
GITHUB_ACTION_PATH set), on real files. The ``uses:`` steps (setup-python, the SARIF upload)
belong to GitHub and are only read.

The install step installs the action's own files into a virtualenv, as a workflow pinned to a
version tag gets them (a copy without git metadata), without the network: the virtualenv sees
this environment's packages, pip may use no index, and stdschema is built without build
isolation."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = ROOT / "examples" / "222127_public_toilet.csv"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TAG = "v9.8.7"  # the ref a workflow would name in `uses: …/stdschema@v9.8.7`


def _step(step_id_or_name: str) -> dict[str, Any]:
    for step in ACTION["runs"]["steps"]:
        if step_id_or_name in (step.get("id"), step.get("name")):
            return dict(step)
    raise AssertionError(f"no step {step_id_or_name!r} in action.yml")


def _context(inputs: Mapping[str, str]) -> dict[str, str]:
    """What the runner puts behind ``${{ }}``: each input (its default unless given)."""
    known = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    unknown = set(inputs) - set(known)
    assert not unknown, f"inputs action.yml does not declare: {unknown}"
    return {f"inputs.{name}": inputs.get(name, default) for name, default in known.items()}


def _resolve(text: str, context: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        assert match.group(1) in context, f"an expression this test cannot resolve: {match[0]}"
        return context[match.group(1)]

    return EXPRESSION.sub(value, text)


@dataclass
class StepRun:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def _run(
    step: dict[str, Any],
    context: Mapping[str, str],
    *,
    cwd: Path,
    action_path: Path,
    path: list[Path],
    extra_env: Mapping[str, str] = {},
) -> StepRun:
    assert step["shell"] == "bash"
    # Inputs go through env: an expression inside the script would be shell injection.
    assert "${{" not in step["run"]
    meta = cwd.parent / f"{cwd.name}-runner"
    meta.mkdir(exist_ok=True)
    script, output, summary = meta / "step.sh", meta / "output", meta / "summary.md"
    script.write_text(step["run"], encoding="utf-8")
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PIP_"))}
    env.update({k: _resolve(str(v), context) for k, v in step.get("env", {}).items()})
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_OUTPUT=str(output),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_ACTION_PATH=str(action_path),
        GITHUB_WORKSPACE=str(cwd),
        PATH=os.pathsep.join([*map(str, path), env.get("PATH", "")]),
        **extra_env,
    )
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    outputs = dict(
        line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line
    )
    return StepRun(
        done.returncode, done.stdout, done.stderr, outputs, summary.read_text(encoding="utf-8")
    )


@dataclass
class Installed:
    bin: Path  # the virtualenv's scripts, first on PATH as setup-python's Python would be
    work: Path  # the workspace: good.csv and bad.csv
    action_path: Path
    install: StepRun


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("action")
    # The action's files as GitHub fetches them: the repository's files, no .git.
    action_path = base / "action"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (action_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, action_path / name)

    # Without a pip of its own, whose ensurepip would also bring Python 3.11's old setuptools:
    # this environment's pip and setuptools (the dev extra's) install into it.
    venv = base / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=300,
    )
    work = base / "work"
    work.mkdir()
    shutil.copyfile(GOOD, work / "good.csv")
    # The same real file with one wrong check digit in the first record's 全国地方公共団体コード.
    lines = GOOD.read_bytes().split(b"\n")
    lines[1] = b"222128" + lines[1][len(b"222127") :]
    (work / "bad.csv").write_bytes(b"\n".join(lines))

    context = _context({}) | {"github.action_path": str(action_path), "github.action_ref": TAG}
    install = _run(
        _step("Install stdschema"),
        context,
        cwd=work,
        action_path=action_path,
        path=[venv / "bin"],
        extra_env={"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"},
    )
    assert install.returncode == 0, install.stdout + install.stderr
    yield Installed(venv / "bin", work, action_path, install)


def _validate(installed: Installed, **inputs: str) -> StepRun:
    return _run(
        _step("validate"),
        _context(inputs),
        cwd=installed.work,
        action_path=installed.action_path,
        path=[installed.bin],
        extra_env={"NO_COLOR": "1"},
    )


def _sarif_results(installed: Installed, run: StepRun) -> list[dict[str, Any]]:
    log = json.loads((installed.work / run.outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    return [result for sarif_run in log["runs"] for result in sarif_run["results"]]


def test_install_puts_the_tagged_version_of_the_actions_files_on_path(
    installed: Installed,
) -> None:
    assert (installed.bin / "stdschema").is_file()
    assert installed.install.stdout.strip().splitlines()[-1] == f"stdschema {TAG[1:]}"


def test_a_valid_file_passes_with_a_sarif_report_and_a_summary(installed: Installed) -> None:
    run = _validate(installed, paths="good.csv")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.outputs == {"sarif-file": "stdschema.sarif", "exit-code": "0"}
    levels = {r["level"] for r in _sarif_results(installed, run)}
    assert "error" not in levels and "warning" in levels
    assert run.summary.startswith("## stdschema") and "good.csv" in run.summary
    assert "::warning file=good.csv,line=14," in run.stdout  # 高度の種別 階 on line 14
    assert "::error" not in run.stdout


def test_an_error_fails_the_step_and_reaches_sarif_summary_and_annotations(
    installed: Installed,
) -> None:
    run = _validate(installed, paths="good.csv\nbad.csv\n")
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.outputs["exit-code"] == "1"
    errors = [r for r in _sarif_results(installed, run) if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["check-digit-error"]
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("bad.csv")
    assert location["region"]["startLine"] == 2
    assert "`check-digit-error`" in run.summary and "222128" in run.summary
    assert "::error file=bad.csv,line=2," in run.stdout


def test_dataset_and_fail_on_inputs_decide_the_result(installed: Installed) -> None:
    # Warnings only: passes at the default fail-on, fails at warning.
    assert _validate(installed, paths="good.csv", **{"fail-on": "warning"}).returncode == 1
    assert _validate(installed, paths="good.csv", dataset="public_toilets@v2").returncode == 0
    # Checked as another dataset, the toilets file has its columns in the wrong places.
    run = _validate(installed, paths="good.csv", dataset="aed_locations@v2")
    assert "aed_locations@v2" in run.summary and "title=label-order" in run.stdout


def test_an_unreadable_file_is_reported_in_the_sarif_too(installed: Installed) -> None:
    run = _validate(installed, paths="good.csv missing.csv")
    assert run.returncode == 2
    assert run.outputs == {"sarif-file": "stdschema.sarif", "exit-code": "2"}
    assert "file-error" in {r["ruleId"] for r in _sarif_results(installed, run)}


def test_a_usage_error_writes_no_sarif_so_nothing_is_uploaded(installed: Installed) -> None:
    (installed.work / "stdschema.sarif").write_text("{}", encoding="utf-8")  # a previous run's
    run = _validate(installed, paths="good.csv", dataset="no_such_dataset@v2")
    assert run.returncode == 2
    assert run.outputs == {"exit-code": "2"}
    assert not (installed.work / "stdschema.sarif").exists()
    upload = _step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "steps.validate.outputs.sarif-file != ''" in upload["if"]


def test_a_baseline_keeps_known_problems_from_failing_the_step(installed: Installed) -> None:
    stdschema = installed.bin / "stdschema"
    help_text = subprocess.run(
        [stdschema, "validate", "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--write-baseline" not in help_text:
        pytest.skip("validate has no --baseline/--write-baseline yet (issue 14, item 2)")
    subprocess.run(
        [stdschema, "validate", "--write-baseline", "known.json", "bad.csv"],
        cwd=installed.work,
        capture_output=True,
        check=True,
    )
    run = _validate(installed, paths="bad.csv", baseline="known.json")
    assert run.returncode == 0, run.stdout + run.stderr
    states = {r.get("baselineState") for r in _sarif_results(installed, run)}
    assert states == {"unchanged"}
    # Without it the same file fails.
    assert _validate(installed, paths="bad.csv").returncode == 1


def _recording_stdschema(folder: Path) -> Path:
    """A stand-in ``stdschema`` that records its arguments (one JSON list a call) and writes
    the -o file, for the inputs this test cannot run for real."""
    folder.mkdir(exist_ok=True)
    fake = folder / "stdschema"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "args = sys.argv[1:]\n"
        "with open(os.environ['RECORD'], 'a', encoding='utf-8') as log:\n"
        "    log.write(json.dumps(args) + '\\n')\n"
        "if '-o' in args:\n"
        "    open(args[args.index('-o') + 1], 'w').close()\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return folder


@pytest.mark.parametrize("baseline", ["known.json", ""])
def test_every_input_reaches_each_validate_call(tmp_path: Path, baseline: str) -> None:
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    (work / "data" / "one.csv").write_text("", encoding="utf-8")  # a glob the shell could expand
    record = tmp_path / "calls.jsonl"
    inputs = {
        "paths": "data/*.csv\n  extra.xml ",
        "dataset": "aed_locations@v2",
        "fail-on": "warning",
        "baseline": baseline,
        "sarif-file": "out.sarif",
    }
    run = _run(
        _step("validate"),
        _context(inputs),
        cwd=work,
        action_path=ROOT,
        path=[_recording_stdschema(tmp_path / "bin")],
        extra_env={"RECORD": str(record)},
    )
    assert run.returncode == 0, run.stderr
    assert run.outputs == {"sarif-file": "out.sarif", "exit-code": "0"}
    calls = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    options = ["--fail-on", "warning", "--dataset", "aed_locations@v2"]
    options += ["--baseline", "known.json"] if baseline else []
    paths = ["--", "data/*.csv", "extra.xml"]  # the glob left to stdschema
    assert calls == [
        ["validate", *options, "--format", "sarif", "-o", "out.sarif", *paths],
        ["validate", *options, "--format", "markdown", *paths],
        ["validate", *options, "--format", "github", *paths],
    ]


def test_the_uses_steps_take_the_inputs() -> None:
    setup = _step("Set up Python")
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert set(ACTION["inputs"]) >= {"paths", "dataset", "fail-on", "baseline", "version"}
    assert ACTION["runs"]["using"] == "composite"

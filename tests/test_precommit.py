"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real through ``pre-commit try-repo``
in a temporary git repository: pre-commit builds the hook's environment from a snapshot of this
working tree and runs the hook on the files given.

Nothing is fetched: the hook's virtualenv sees this environment's packages (the runtime
dependencies, setuptools and setuptools-scm come with the dev extra), pip may use no index, and
stdschema itself is built from the snapshot without build isolation.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "222127_public_toilet.csv"

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (pip install '.[dev]' -c constraints.txt installs it)",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git work tree"),
]


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def _snapshot(into: Path) -> str:
    """Clone this repository and commit the working tree's state on top (tracked changes and
    untracked files that are not ignored), so that the hooks tested are the ones on disk.
    Returns the commit."""
    _git(into.parent, "clone", "--quiet", "--no-checkout", str(ROOT), into.name)
    _git(into, "checkout", "--quiet", "HEAD")
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, into / name
        if not source.is_file():  # deleted in the working tree
            target.unlink(missing_ok=True)
        elif not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    _git(into, "add", "--all")
    if _git(into, "status", "--porcelain"):
        _git(into, "commit", "--quiet", "--no-verify", "-m", "working tree")
    return _git(into, "rev-parse", "HEAD").strip()


@dataclass
class Setup:
    repo: Path  # the snapshot of stdschema that pre-commit installs from
    rev: str
    work: Path  # a user's repository holding the data files
    env: dict[str, str]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "stdschema"
    rev = _snapshot(repo)

    work = base / "work"
    work.mkdir()
    _git(work, "init", "--quiet")
    shutil.copyfile(GOOD, work / "good.csv")
    # The same real file with one wrong check digit in the first record's 全国地方公共団体コード.
    lines = GOOD.read_bytes().split(b"\n")
    assert lines[1].startswith(b"222127,1,")
    lines[1] = b"222128" + lines[1][len(b"222127") :]
    (work / "bad.csv").write_bytes(b"\n".join(lines))
    (work / "notes.txt").write_text("not data\n", encoding="utf-8")
    _git(work, "add", "good.csv", "bad.csv", "notes.txt")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(base / "cache"),
        VIRTUALENV_SYSTEM_SITE_PACKAGES="1",
        PIP_NO_INDEX="1",
        # pip reads a "no-" switch as the value of the positive option: 0 = no build isolation.
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        STDSCHEMA_LANG="en",
        NO_COLOR="1",
    )
    yield Setup(repo, rev, work, env)


def _try_repo(setup: Setup, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "try-repo", str(setup.repo), hook),
            *("--ref", setup.rev, "--color", "never", *args),
        ],
        cwd=setup.work,
        env=setup.env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_validate_hook_passes_a_valid_file_and_leaves_other_files_alone(setup: Setup) -> None:
    # validate would refuse notes.txt (not a data file): the hook's `files` keeps it out.
    done = _try_repo(setup, "stdschema-validate", "--files", "good.csv", "notes.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stdschema validate" in done.stdout and "Passed" in done.stdout


def test_validate_hook_fails_a_file_with_an_error(setup: Setup) -> None:
    done = _try_repo(setup, "stdschema-validate", "--files", "good.csv", "bad.csv")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    # The failure is validate's finding (exit 1), not a broken install.
    assert "exit code: 1" in done.stdout
    assert "check-digit-error" in done.stdout and "bad.csv" in done.stdout


def test_schema_check_hook_finds_a_stale_exported_schema(setup: Setup) -> None:
    # This repository's schemas/ (current: tests/test_schema.py), one file of it edited.
    schemas = setup.work / "schemas"
    shutil.copytree(ROOT / "schemas", schemas)
    index = schemas / "index.json"
    index.write_text(index.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # Runs on every commit (always_run), whatever the files.
    done = _try_repo(setup, "stdschema-schema-check", "--files", "good.csv")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "stdschema schema export --check" in done.stdout and "Failed" in done.stdout
    # Only the edited file is reported: every other exported schema matched.
    reported = [line for line in done.stdout.splitlines() if line.startswith("stale: ")]
    assert reported == ["stale: index.json"]

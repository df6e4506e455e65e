"""Releases (issue 14, item 7): the version comes from the git tag through setuptools-scm as
README.md's release procedure says; every dev tool is pinned in constraints.txt; and
tools/raise_pins.py rewrites the pins without touching anything else. The build itself (sdist,
wheel, twine check, install in a fresh virtualenv) is .ci/run's release check."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tools.raise_pins import Change, raise_pins

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _canonical(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name
    return re.sub(r"[-_.]+", "-", name[0]).lower()


def test_every_dev_tool_is_pinned_and_every_pin_is_a_dev_tool() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    tools = {_canonical(r) for r in extras["dev"] + extras["test"]} - {"stdschema"}
    pins = {
        _canonical(line)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert pins == tools
    # What setuptools-scm needs to build is what the dev extra installs.
    requires = {_canonical(r) for r in PYPROJECT["build-system"]["requires"]}
    assert requires <= tools


def test_raise_pins_rewrites_only_the_versions() -> None:
    text = "# dev tools\r\nruff==0.1.0  # linter\r\n\r\nmypy==1.0\r\ntypes-PyYAML==6.0.1\r\n"
    newest = {"ruff": "0.9.9", "mypy": "1.0", "types-PyYAML": "6.0.12"}
    raised, changes = raise_pins(text, newest.__getitem__)
    assert raised == (
        "# dev tools\r\nruff==0.9.9  # linter\r\n\r\nmypy==1.0\r\ntypes-PyYAML==6.0.12\r\n"
    )
    assert changes == [Change("ruff", "0.1.0", "0.9.9"), Change("types-PyYAML", "6.0.1", "6.0.12")]
    assert raise_pins(raised, newest.__getitem__) == (raised, [])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git work tree")
@pytest.mark.skipif(
    importlib.util.find_spec("setuptools_scm") is None,
    reason="setuptools-scm is not installed (pip install '.[dev]' -c constraints.txt installs it)",
)
def test_the_version_follows_the_tags(tmp_path: Path) -> None:
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path))

    def version(where: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "setuptools_scm"],
            cwd=where,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return done.stdout.strip()

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return done.stdout.strip()

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, env=env)
    if not git("tag", "--list"):  # no release tagged yet: 0.1.devN+gHASH, N commits
        found = re.fullmatch(r"0\.1\.dev(\d+)\+g([0-9a-f]{7,})", version(clone))
        assert found, version(clone)
        assert int(found[1]) == int(git("rev-list", "--count", "HEAD"))
        assert git("rev-parse", "HEAD").startswith(found[2])

    git("tag", "-a", "v1.2.3", "-m", "stdschema 1.2.3")
    assert version(clone) == "1.2.3"
    git("commit", "--quiet", "--allow-empty", "-m", "after the release")
    found = re.fullmatch(r"1\.2\.4\.dev1\+g([0-9a-f]{7,})", version(clone))
    assert found and git("rev-parse", "HEAD").startswith(found[1])

    # A copy of the source without git metadata.
    bare = tmp_path / "copy"
    bare.mkdir()
    shutil.copyfile(ROOT / "pyproject.toml", bare / "pyproject.toml")
    assert version(bare) == PYPROJECT["tool"]["setuptools_scm"]["fallback_version"]


def test_the_readme_snippets_name_only_hooks_and_inputs_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In a repository's CI") :]
    config, workflow = (
        yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)[:2]
    )
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert {h["id"] for h in config["repos"][0]["hooks"]} == hooks
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["open-data"]["steps"] if "with" in s]
    assert set(step["with"]) <= set(action["inputs"])
    for name in set(action["inputs"]) - set(step["with"]):
        assert f"`{name}`" in section  # the other inputs are listed below the snippet

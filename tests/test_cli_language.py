"""Help and usage errors in the user's language (issue 14, item 6; docs/cli-language.md).

The help of every command is Japanese by default and English with ``--lang en`` or
``STDSCHEMA_LANG=en``; fixed choices are listed in it; the parser's errors are one line in
the run's language, exit 2, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.cli.common import ConfigFormat, ConvertFormat, Edition, SchemaFormat
from stdschema.messages import Lang, t
from stdschema.report.formats import FORMATS

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "222127_public_toilet.csv"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")

# Each command's argv, its help key, and the choices its help lists.
COMMANDS: list[tuple[list[str], str, list[tuple[str, ...]]]] = [
    ([], "app", [("ja", "en")]),
    (
        ["validate"],
        "validate",
        [FORMATS, ("error", "warning", "info"), ("auto", "fast", "pydantic"), ("ja", "en")],
    ),
    (["convert"], "convert", [get_args(ConvertFormat), ("ja", "en")]),
    (["upgrade"], "upgrade", [get_args(ConvertFormat)]),
    (["map"], "map", []),
    (["map", "suggest"], "map.suggest", [("ja", "en")]),
    (["map", "transforms"], "map.transforms", [("ja", "en")]),
    (["datasets"], "datasets", [get_args(Edition)]),
    (["datasets", "show"], "datasets.show", []),
    (["datasets", "detect"], "datasets.detect", []),
    (["schema"], "schema", []),
    (["schema", "export"], "schema.export", [get_args(SchemaFormat)]),
    (["config"], "config", []),
    (["config", "show"], "config.show", [get_args(ConfigFormat)]),
]

# Renders the help of every command in one process, as the console script does each: the
# help's language is decided from the first argv (or the environment) when stdschema.cli
# is imported.
_HELP_ALL = """
import contextlib, io, json, sys
argvs = json.loads(sys.argv[1])
extra = json.loads(sys.argv[2])
sys.argv = ["stdschema", *argvs[0], "--help", *extra]
from stdschema.cli import main
out = []
for argv in argvs:
    # map, schema and config take no --lang of their own: the root's says it for them.
    before, after = (extra, []) if argv in (["map"], ["schema"], ["config"]) else ([], extra)
    sys.argv = ["stdschema", *before, *argv, "--help", *after]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            main()
        except SystemExit as exc:
            assert exc.code in (0, None), (argv, exc.code)
    out.append(buffer.getvalue())
print(json.dumps(out))
"""


def _env(lang: str | None) -> dict[str, str]:
    env = dict(os.environ, COLUMNS="200", TERMINAL_WIDTH="200")
    env.pop("STDSCHEMA_LANG", None)
    if lang is not None:
        env["STDSCHEMA_LANG"] = lang
    return env


def run(*args: str | Path, env_lang: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(env_lang),
    )


def flat(text: str) -> str:
    """``text`` without whitespace and box drawing: rich wraps help at any width."""
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


# How the run asks for its language: default (Japanese), --lang en, STDSCHEMA_LANG=en.
MODES: list[tuple[Lang, list[str], str | None]] = [
    ("ja", [], None),
    ("en", ["--lang", "en"], None),
    ("en", [], "en"),
]


@pytest.fixture(scope="module", params=MODES, ids=["default", "--lang en", "STDSCHEMA_LANG"])
def helps(request: pytest.FixtureRequest) -> tuple[Lang, list[str]]:
    import json

    lang, extra, env_lang = request.param
    argvs = [argv for argv, _, _ in COMMANDS]
    done = subprocess.run(
        [sys.executable, "-c", _HELP_ALL, json.dumps(argvs), json.dumps(extra)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(env_lang),
    )
    assert done.returncode == 0, done.stderr
    return lang, json.loads(done.stdout)


@pytest.mark.parametrize(("index", "command"), enumerate(COMMANDS), ids=lambda c: str(c))
def test_help_of_every_command_is_in_the_runs_language_and_lists_the_choices(
    helps: tuple[Lang, list[str]],
    index: int,
    command: tuple[list[str], str, list[tuple[str, ...]]],
) -> None:
    lang, outputs = helps
    other: Lang = "en" if lang == "ja" else "ja"
    _, key, choices = command
    shown = flat(outputs[index])
    assert "Usage" in shown
    # The command's own help (its first paragraph), the --help option's, the panel title.
    for part in (f"help.{key}", "help.help", "help.label.options"):
        assert flat(t(part, lang).split("\n\n")[0]) in shown, (part, outputs[index])
        assert flat(t(part, other).split("\n\n")[0]) not in shown, part
    for values in choices:
        assert "<" + "|".join(values) + ">" in shown, (values, outputs[index])
    if lang == "en":
        assert not JAPANESE.search(shown.replace("推奨データセット", "")), outputs[index]


def test_validate_help_words_each_option_in_the_runs_language(
    helps: tuple[Lang, list[str]],
) -> None:
    lang, outputs = helps
    shown = flat(outputs[1])
    for key in ("validate.fail_on", "validate.format", "validate.engine", "opt.config"):
        assert flat(t(f"help.{key}", lang)) in shown, key


def test_the_literal_choices_are_the_registries() -> None:
    """Choices the CLI cannot take from a light registry (theirs import pydantic)."""
    from stdschema.conversion.writers import FORMATS as WRITERS
    from stdschema.datasets import list_datasets
    from stdschema.schema import FORMATS as SCHEMA_FORMATS

    assert get_args(ConvertFormat) == WRITERS
    assert get_args(SchemaFormat) == SCHEMA_FORMATS
    assert set(get_args(Edition)) == {model.__dataset__.edition for model in list_datasets()}


def _one_line(done: subprocess.CompletedProcess[str], lang: Lang) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    prefix = f"stdschema: {t('error.prefix', lang)}: "
    assert line.startswith(prefix), line
    if lang == "en":
        assert not JAPANESE.search(line), line
    else:  # none of the parser's English words
        assert not re.search(r"Invalid|No such|Missing|Usage|Error|Got unexpected", line), line
    return line[len(prefix) :]


def _see_help(line: str, lang: Lang, command: str = "validate") -> str:
    # click names the program as it was run: `python -m stdschema` here.
    where = f"python -m stdschema {command}".rstrip()
    return t("usage.see_help", lang, line=line, command=where)


@pytest.mark.parametrize(("lang", "flags", "env_lang"), MODES, ids=["ja", "--lang", "env"])
def test_a_bad_choice_is_one_line_listing_the_choices(
    lang: Lang, flags: list[str], env_lang: str | None
) -> None:
    done = run("validate", *flags, "--format", "pdf", EXAMPLE, env_lang=env_lang)
    choice = t("usage.choice", lang, option="--format", choices=", ".join(FORMATS), value="'pdf'")
    assert _one_line(done, lang) == _see_help(choice, lang)
    done = run("validate", "--fail-on", "fatal", *flags, EXAMPLE, env_lang=env_lang)
    levels = "error, warning, info"
    choice = t("usage.choice", lang, option="--fail-on", choices=levels, value="'fatal'")
    assert _one_line(done, lang) == _see_help(choice, lang)


@pytest.mark.parametrize(("lang", "flags", "env_lang"), MODES, ids=["ja", "--lang", "env"])
def test_unknown_option_missing_argument_and_bad_number(
    lang: Lang, flags: list[str], env_lang: str | None
) -> None:
    line = _one_line(run("validate", *flags, "--xyzzy", EXAMPLE, env_lang=env_lang), lang)
    assert line == _see_help(t("usage.no_such_option", lang, option="--xyzzy"), lang)
    line = _one_line(run("validate", *flags, env_lang=env_lang), lang)
    assert line == _see_help(t("usage.missing_argument", lang, name="PATHS"), lang)
    line = _one_line(run("validate", *flags, "-j", "two", EXAMPLE, env_lang=env_lang), lang)
    assert line == _see_help(t("usage.not_int", lang, option="--jobs", value="'two'"), lang)
    line = _one_line(run("convert", *flags, EXAMPLE, env_lang=env_lang), lang)
    missing = t("usage.missing_option", lang, option="--output")
    assert line == _see_help(missing, lang, "convert")


def test_a_mistyped_option_or_command_is_suggested() -> None:
    line = _one_line(run("validate", "--fail-onn", "error", EXAMPLE), "ja")
    possible = t("usage.did_you_mean", "ja", option="--fail-onn", possible="--fail-on")
    assert line == _see_help(possible, "ja")
    line = _one_line(run("--lang", "en", "valdate", EXAMPLE), "en")
    near = t("usage.command_near", "en", command="valdate", possible="validate")
    assert line == _see_help(near, "en", "")


def test_the_root_lang_is_the_runs_language() -> None:
    """`stdschema --lang en COMMAND` words the command's errors in English too."""
    done = run("--lang", "en", "validate", "--dataset", "no_such@v2", EXAMPLE)
    assert not JAPANESE.search(done.stderr) and done.returncode == 2, done.stderr


def test_in_process_runs_word_usage_errors_alike() -> None:
    """The root command's class words the parser's errors, so CliRunner gets the line too."""
    result = CliRunner().invoke(
        app, ["validate", "--lang", "en", "--engine", "turbo", str(EXAMPLE)]
    )
    assert result.exit_code == 2
    choices = "auto, fast, pydantic"
    choice = t("usage.choice", "en", option="--engine", choices=choices, value="'turbo'")
    expected = t("usage.see_help", "en", line=choice, command="stdschema validate")
    assert result.stderr.splitlines() == [f"stdschema: error: {expected}"]


@pytest.mark.parametrize(("lang", "flags"), [("ja", []), ("en", ["--lang", "en"])])
def test_a_group_without_its_subcommand_prints_its_help_in_the_runs_language(
    lang: Lang, flags: list[str]
) -> None:
    done = run(*flags, "map")
    shown = flat(done.stdout)
    assert "Traceback" not in done.stderr and "Usage" in shown
    for key in ("help.map", "help.help", "help.label.options", "help.label.commands"):
        assert flat(t(key, lang)) in shown, (key, done.stdout)

"""Start-up stays light (issue 13): the CLI's modules import none of the heavy libraries, so
that ``stdschema --help`` and a small file's first line do not wait for them. They are
imported where a command needs them (the model when a report is built, polars for the fast
engine on large files, openpyxl for a workbook, lxml for XML), and a run builds the model of
the dataset it checks only. No timings here: what is imported is the measure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.report.formats import FORMATS, ORDER, get_reporter

HEAVY = ("pydantic", "polars", "openpyxl", "lxml", "yaml", "jsonschema")
DATA = Path(__file__).parent / "data"
TOILETS = DATA / "real" / "v2" / "13_public_toilet__222127_yaizu.csv"


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100", TERMINAL_WIDTH="100")
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _loaded_after(
    argv: list[str], preload: str = ""
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the console entry point with ``argv`` in a fresh process; the modules it loaded."""
    code = (
        "import atexit, sys\n"
        f"{preload}\n"
        "atexit.register(lambda: sys.__stderr__.write('\\nMODULES ' + ' '.join(sys.modules)))\n"
        "sys.argv = ['stdschema', *sys.argv[1:]]\n"
        "from stdschema.cli import main\n"
        "main()\n"
    )
    done = _run(code, *argv)
    head, _, tail = done.stderr.rpartition("\nMODULES ")
    done.stderr = head
    return done, set(tail.split())


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = f"import sys, stdschema.cli\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    done = _run(code)
    assert done.returncode == 0 and done.stdout.strip() == ""


def test_help_works_without_them() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stdschema", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "validate" in done.stdout


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], []])
def test_help_imports_no_model_no_format_and_no_unused_rich_module(argv: list[str]) -> None:
    done, loaded = _loaded_after(argv)
    assert "Usage" in done.stdout
    heavy = {m.split(".")[0] for m in loaded} & set(HEAVY)
    # Below a command, typer coerces the root's unset --help (None) through a pydantic
    # TypeAdapter (typer >= 0.24): `validate --help` loads pydantic, though nothing of ours.
    assert heavy == (set() if argv in (["--help"], []) else {"pydantic"})
    assert not {m for m in loaded if m.startswith("stdschema.datasets")}
    # The format registry knows the names (for --format's help) without importing a format.
    assert not {m for m in loaded if m.startswith("stdschema.report.")} - {
        "stdschema.report.formats",
        "stdschema.report.formats._base",
    }
    # typer's help renderer imports these for Markdown help and pretty tracebacks, unused here.
    assert "rich.markdown" not in loaded and "rich.traceback" not in loaded
    assert "markdown_it" not in loaded and "pygments" not in loaded


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        [],
        ["validate", "--help"],
        ["convert", "--help"],
        ["datasets", "--help"],
        ["map", "--help"],
        ["schema", "--help"],
    ],
)
def test_help_is_typers_own_rendering(argv: list[str]) -> None:
    """The help printed without rich.markdown is byte for byte the help printed with it."""
    light, _ = _loaded_after(argv)
    full, loaded = _loaded_after(argv, preload="import typer.rich_utils")
    assert "rich.markdown" in loaded
    assert light.returncode == full.returncode
    assert light.stdout == full.stdout and "Usage" in light.stdout
    assert light.stderr == full.stderr


def test_the_real_rich_modules_stay_importable_after_help() -> None:
    code = (
        "import sys\n"
        "from stdschema.cli import load_help_renderer\n"
        "load_help_renderer()\n"
        "import typer.rich_utils\n"
        "from rich.markdown import Markdown\n"
        "from rich.traceback import Traceback\n"
        "print(Markdown.__module__, Traceback.__module__, type(typer.rich_utils.Markdown('x')).__module__)\n"
    )
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["rich.markdown", "rich.traceback", "rich.markdown"]


def test_a_small_file_imports_its_model_only_and_no_polars() -> None:
    done, loaded = _loaded_after(["validate", str(TOILETS)])
    assert done.returncode in (0, 1), done.stderr
    assert "public_toilets@v2" in done.stdout
    assert "polars" not in loaded
    assert {m for m in loaded if m.startswith("stdschema.datasets.v")} == {
        "stdschema.datasets.v2",
        "stdschema.datasets.v2.public_toilets",
    }
    # The format the run renders is imported; the workbook and page formats are not.
    assert "stdschema.report.formats.text" in loaded
    assert not {"stdschema.report.formats.xlsx", "stdschema.report.formats.html"} & loaded
    # Nor the fast engine (a small file stays on the exact path), nor remote inputs (no URL),
    # nor Dask.
    assert not {"stdschema.checks.fast", "stdschema.io.blocks"} & loaded
    assert "stdschema.distributed.remote" not in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("distributed", "dask", "fsspec")}


def test_a_named_dataset_imports_that_model_only() -> None:
    done, loaded = _loaded_after(
        ["validate", str(TOILETS), "--dataset", "public_toilets@v2", "--format", "json"]
    )
    assert done.returncode in (0, 1), done.stderr
    assert {m for m in loaded if m.startswith("stdschema.datasets.v")} == {
        "stdschema.datasets.v2",
        "stdschema.datasets.v2.public_toilets",
    }
    assert "stdschema.report.formats.text" not in loaded


def test_the_format_registry_lists_every_module_in_the_reporters_order() -> None:
    reporters = [get_reporter(name) for name in FORMATS]
    assert [r.name for r in reporters] == list(FORMATS)
    by_order = sorted(reporters, key=lambda r: (r.order, r.name))
    assert tuple(r.name for r in by_order) == FORMATS
    assert set(ORDER) == set(FORMATS)


def test_the_light_code_list_is_the_registrys() -> None:
    """codes.exists and name_matches read code, prefecture and municipality alone (no
    entries, no name indexes): the same facts as the full parse."""
    from stdschema import codes

    entries = codes.all_codes()
    assert codes._own_names() == {e.code: (e.prefecture, e.municipality) for e in entries}
    assert len(entries) > 1700


def test_a_codes_own_name_matches_it_by_either_path() -> None:
    """name_matches answers yes to a code's own name without the name indexes: the full
    lookup (find_by_name) says yes to the same names, for every code in the list."""
    from stdschema import codes

    for e in codes.all_codes():
        own = [e.name, e.municipality or e.prefecture, f" {e.prefecture} {e.municipality}"]
        for name in own:
            assert codes.name_matches(e.code, name), (e.code, name)
            assert any(hit.code == e.code for hit in codes.find_by_name(name)), (e.code, name)
    assert not codes.name_matches("222127", "藤枝市")
    assert codes.name_matches("222127", "静岡県 焼津市")


# --- the console script's process settings (stdschema.console) ------------------------


def test_the_console_script_is_stdschema_console_run() -> None:
    import tomllib

    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text("utf-8"))["project"]["scripts"]
    assert scripts["stdschema"] == "stdschema.console:run"


_THRESHOLDS = """
import gc
default = gc.get_threshold()
import stdschema.cli  # as a library: the setting is left alone
assert gc.get_threshold() == default, gc.get_threshold()
stdschema.cli.run = lambda: print(*default, *gc.get_threshold())
"""


@pytest.mark.parametrize(
    "entry",
    [
        "from stdschema.console import run\nrun()\n",
        "import runpy\nrunpy.run_module('stdschema', run_name='__main__')\n",
    ],
    ids=["console-script", "python-m"],
)
def test_a_command_line_run_collects_less_often_from_its_first_import(entry: str) -> None:
    """Both entries raise the youngest generation's threshold before the CLI's modules
    load (here they are loaded already, so the CLI's run only reports the setting)."""
    from stdschema.console import GC_FIRST_THRESHOLD

    done = _run(_THRESHOLDS + entry)
    assert done.returncode == 0, done.stderr
    before, after = (list(map(int, done.stdout.split()))[k : k + 3] for k in (0, 3))
    assert after == [GC_FIRST_THRESHOLD, *before[1:]]
    assert before[0] < GC_FIRST_THRESHOLD


# --- the quick exit (stdschema.cli.run) ------------------------------------------------

_FINALISED = (
    "import sys\n"
    "class Noisy:\n"
    "    def __del__(self, write=sys.__stderr__.write):\n"
    "        write('FINALISED\\n')\n"
    "noisy = Noisy()\n"
)


def _entry(argv: list[str], before: str = "") -> subprocess.CompletedProcess[str]:
    """The console script's entry point ``run`` in a fresh process, after ``before``."""
    code = (
        "import atexit, sys\n"
        f"{_FINALISED}{before}\n"
        "atexit.register(lambda: sys.__stderr__.write('ATEXIT\\n'))\n"
        "sys.argv = ['stdschema', *sys.argv[1:]]\n"
        "from stdschema.cli import run\n"
        "run()\n"
    )
    return _run(code, *argv)


def test_a_finished_command_exits_without_tearing_the_interpreter_down() -> None:
    done = _entry(["--version"])
    assert done.returncode == 0 and done.stdout.startswith("stdschema ")
    # atexit handlers ran (process pools, temporary folders, logging), teardown did not.
    assert "ATEXIT" in done.stderr and "FINALISED" not in done.stderr


@pytest.mark.parametrize(("argv", "status"), [([str(TOILETS)], 0), (["no-such-file.csv"], 2)])
def test_the_quick_exit_keeps_the_status_and_every_byte_of_the_report(
    argv: list[str], status: int
) -> None:
    done = _entry(["validate", "-f", "json", *argv])
    assert done.returncode == status
    if status == 0:
        import json

        report = json.loads(done.stdout)  # the whole report reached the pipe
        assert report["files"][0]["rows"] > 0
    else:
        assert done.stderr.count("\n") >= 1 and "Traceback" not in done.stderr


def test_a_running_thread_or_a_message_takes_the_ordinary_exit() -> None:
    # A non-daemon thread still running: the interpreter waits for it, so must we.
    thread = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('THREAD DONE'))).start()\n"
    )
    done = _entry(["--version"], thread)
    assert done.returncode == 0 and "THREAD DONE" in done.stdout
    assert "FINALISED" in done.stderr
    # An exit status that is a message is printed by the interpreter, as before.
    code = "import sys\nfrom stdschema.cli import quick_exit\nquick_exit('a message')\n"
    done = _run(code)
    assert done.returncode == 1 and done.stderr.strip() == "a message"

"""Start-up stays light: the CLI's modules import none of the heavy libraries, so that
``stdschema --help`` and a small file's first line do not wait for them (issue 13). They are
imported where a command needs them (the model when a report is built, polars for the fast
engine, openpyxl for a workbook, lxml for XML)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pydantic", "polars", "openpyxl", "lxml", "yaml", "jsonschema")


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = f"import sys, stdschema.cli\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_help_works_without_them() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stdschema", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "validate" in done.stdout

"""Regenerate the expected report outputs in ``tests/data/reporters/``.

``run.<lang>.json`` is a real run (``stdschema validate --lang <lang> --max-problems 12
--format json`` over the files of ``tests.test_reporters.FILES``); every other
``run.<lang>.<format>`` is that report rendered again by the format's reporter (binary
formats have no expected file). Run it after an intended change to the checks or a
format, and read the diff before committing it:

    python tools/regen_reporters.py          # rewrite the files
    python tools/regen_reporters.py --check  # exit 1 when one is stale
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import stdschema.report.formats.html  # noqa: E402
import stdschema.report.stream  # noqa: E402
from stdschema.report.formats import REPORTERS  # noqa: E402
from stdschema.report.model import Report  # noqa: E402
from stdschema.report.render import render  # noqa: E402
from tests.test_reporters import DATA, FILES, LANGS  # noqa: E402

EXPECTED_VERSION = "0.1.0"
"""The stdschema version the expected files name. The running version comes from git (a
new one every commit), so the run's version is replaced by this one, and the formats that
name the running stdschema are rendered with it."""


def expected_outputs() -> dict[Path, bytes]:
    """Every expected file's name and content, from a fresh run."""
    stdschema.report.stream.__version__ = EXPECTED_VERSION  # type: ignore[attr-defined]
    stdschema.report.formats.html.__version__ = EXPECTED_VERSION  # type: ignore[attr-defined]
    out: dict[Path, bytes] = {}
    for lang in LANGS:
        paths = [f"tests/data/real/{name}" for name in FILES]
        options = ["--lang", lang, "--max-problems", "12", "--format", "json"]
        run = subprocess.run(
            [sys.executable, "-m", "stdschema", "validate", *options, *paths],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if run.returncode not in (0, 1, 2) or not run.stdout:
            raise SystemExit(f"validate failed: {run.stderr.decode(errors='replace')}")
        running = Report.model_validate_json(run.stdout).tool.version
        # The tool block is the report's first "version" key with this value.
        text = run.stdout.replace(
            f'"version": "{running}"'.encode(), f'"version": "{EXPECTED_VERSION}"'.encode(), 1
        )
        out[DATA / f"run.{lang}.json"] = text
        report = Report.model_validate_json(text)
        for name, reporter in REPORTERS.items():
            if reporter.binary or name == "json":
                continue
            out[DATA / f"run.{lang}.{name}"] = render(report, name).encode("utf-8")
        out[DATA / f"run.{lang}.text-quiet"] = render(report, "text", quiet=True).encode("utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, write none")
    args = parser.parse_args()
    stale = []
    for path, content in expected_outputs().items():
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.write_bytes(content)
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Raise the dev-tool pins of constraints.txt to the newest releases pip can install.

Usage::

    python tools/raise_pins.py            # rewrite constraints.txt, print what changed
    python tools/raise_pins.py --check    # write nothing; exit 1 when a pin is behind

Each ``name==version`` line gets the version ``pip install`` would choose for ``name`` today
(pip's own configured indexes, this Python); comments, order and the other lines stay. Run
weekly by .github/workflows/raise-pins.yml, which opens a pull request with the result, so a
new release of ruff, mypy or pytest reaches CI through a reviewed change rather than on a
fresh machine (README.md, "Releases").
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parent.parent / "constraints.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)(?P<rest>.*)$")


@dataclass(frozen=True)
class Change:
    name: str
    old: str
    new: str


def newest(name: str) -> str:
    """The version of ``name`` that pip would install now, ignoring what is installed."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-deps"),
            *("--ignore-installed", "--disable-pip-version-check", "--report", "-", name),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    return str(report["install"][0]["metadata"]["version"])


def raise_pins(text: str, lookup: Callable[[str], str]) -> tuple[str, list[Change]]:
    """``text`` with every pin set to ``lookup(name)``, and the pins that changed."""
    lines, changes = [], []
    for line in text.splitlines(keepends=True):
        match = PIN.match(line.rstrip("\r\n"))
        if match:
            name, old = match["name"], match["version"]
            new = lookup(name)
            if new != old:
                changes.append(Change(name, old, new))
                ending = line[len(line.rstrip("\r\n")) :]
                line = f"{name}=={new}{match['rest']}{ending}"
        lines.append(line)
    return "".join(lines), changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if behind")
    parser.add_argument("--file", type=Path, default=CONSTRAINTS, help="constraints file")
    args = parser.parse_args(argv)

    text = args.file.read_text(encoding="utf-8")
    raised, changes = raise_pins(text, newest)
    for change in changes:
        print(f"{change.name}: {change.old} -> {change.new}")
    if args.check:
        return 1 if changes else 0
    if changes:
        args.file.write_text(raised, encoding="utf-8")
    else:
        print("every pin is the newest release")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

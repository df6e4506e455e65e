"""Hostile-corpus kinds, round 2: text (registered in :data:`tests.hostile.corpus.KINDS`).

File names and cells that try to drive a terminal, a CI log or a Markdown viewer, that are
not valid UTF-8, or that are megabytes long. Each runs ``validate -f json -o`` and ``convert``;
``test_text.py`` runs the other formats and commands on the same kinds of input.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.corpus import (
    CONVERTED_ALL,
    GOOD_CSV,
    HEADER,
    Case,
    Ctx,
    Expect,
    MiB,
    kind,
)

# Cells of the first column are shown in the report as the invalid value they are.
HOSTILE_VALUES = (
    "[click](https://evil.invalid/x)",
    "![x](https://evil.invalid/p.png)",
    "<https://evil.invalid/>",
    "see https://evil.invalid/ or www.evil.invalid",
    "1\u202e2\u2066\u200b\u2060\ufeff3",
    "\x1b]8;;https://evil.invalid\x07link\x1b]8;;\x07\x9b31m",
    "a\u2028::error::pwned\u0085b",
    "<img src=x onerror=alert(1)>|`code`|$x$",
)
HOSTILE_CSV = (
    HEADER
    + "\n"
    + "".join(f'"{v}",駅北公衆トイレ,静岡県焼津市駅北5丁目2-11,施設内\n' for v in HOSTILE_VALUES)
)

# A 9 MiB value is invalid in the code column: the report quotes it (shortened).
LONG_VALUE = 9 * MiB


def long_values(path: Path) -> None:
    """~37 MiB: four rows whose first cell is 9 MiB of letters, then a good row."""
    row_tail = b",\xe9\xa7\x85\xe5\x8c\x97,x,y\n"
    with open(path, "wb") as f:
        f.write(HEADER.encode() + b"\n")
        for i in range(4):
            f.write(b"x" * (LONG_VALUE + i) + row_tail)
        f.write(GOOD_CSV.split("\n", 1)[1].encode())


@kind("text-hostile-cells")
def hostile_cells(ctx: Ctx) -> Case:
    # Link, image, autolink, bidi, zero-width, OSC 8, C1 CSI and line separators in cells.
    return Case(
        "cells.csv",
        {"cells.csv": HOSTILE_CSV.encode()},
        validate=Expect(1, r'"code": "invalid-value"'),
        convert=Expect(1, rf"read {len(HOSTILE_VALUES)} = written 0 \+ rejected"),
    )


@kind("text-hostile-header")
def hostile_header(ctx: Ctx) -> Case:
    # Escape sequences and bidi overrides in a header cell: an unknown column, named in output.
    header = HEADER + ",\x1b]8;;https://evil.invalid\x07x\x1b]8;;\x07\u202e,\u200b"
    rows = GOOD_CSV.split("\n", 1)[1].replace("\n", ",a,b\n")
    return Case(
        "header.csv",
        {"header.csv": (header + "\n" + rows).encode()},
        validate=Expect(0, r'"rows": 1'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("text-filename-not-utf8")
def filename_not_utf8(ctx: Ctx) -> Case:
    # b"\xff\xfe.csv": Python sees surrogate escapes; every output must still be UTF-8.
    name = b"\xff\xfe.csv".decode("utf-8", "surrogateescape")
    return Case(
        name,
        {name: GOOD_CSV.encode()},
        validate=Expect(0, r'"path": "\\\\xff\\\\xfe\.csv"'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("text-filename-newline-command")
def filename_newline(ctx: Ctx) -> Case:
    # A newline in a file name would start a GitHub workflow command on its own line.
    name = "a\n::error::pwned.csv"
    return Case(
        name,
        {name: GOOD_CSV.encode()},
        validate=Expect(0, r'"path": "a\\n::error::pwned\.csv"'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("text-filename-rich-markup")
def filename_markup(ctx: Ctx) -> Case:
    # Rich markup in a name: a closing tag (MarkupError) inside a folder named "[".
    name = "[/bold].csv"
    return Case(
        name,
        {name: GOOD_CSV.encode()},
        validate=Expect(0, r'"path": "\[/bold\]\.csv"'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("text-long-values", heavy=True)
def long_values_kind(ctx: Ctx) -> Case:
    # 9 MiB values: the JSON report keeps a bounded prefix and says how long the value was.
    return Case(
        "long.csv",
        {"long.csv": long_values},
        validate=Expect(1, r"x{100}.*\(9,437,184 characters\)"),
        convert=Expect(1, r"read 5 = written 1 \+ rejected 4"),
    )

#!/usr/bin/env python3
"""Fuzz target: arbitrary bytes as a CSV file through ``open_table`` and ``validate_file``.

The only exception allowed to escape is ``stdschema.io.InputError``; anything
else, or a broken invariant (asserted below), is a finding. The file is
validated against public_toilets@v2 by both engines, which must agree
exactly (problems, counts, rows, or the same ``InputError``), and with the
dataset detected.

    python tests/fuzz/fuzz_csv_reader.py -max_total_time=1200 CORPUS_DIR
"""

from __future__ import annotations

import os
from pathlib import Path

if __package__:
    from tests.fuzz.harness import Finding, one_line, run, scratch
else:  # run as a script: python tests/fuzz/<target>.py
    from harness import Finding, one_line, run, scratch  # type: ignore[no-redef]

from stdschema.io import InputError, open_table
from stdschema.report.model import FileReport
from stdschema.validation import Options, validate_file

# A fixed dataset runs every row check, on both engines; auto-detect runs the detector too.
SLOW = Options(dataset="public_toilets@v2", engine="pydantic")
FAST = Options(dataset="public_toilets@v2", engine="fast")
AUTO = Options(lang="en")
FAST_BLOCK_BYTES = 300
# Differential check of the two engines; FUZZ_COMPARE_ENGINES=0 turns it off, e.g. to
# look for crashes only while a known difference is being fixed.
COMPARE_ENGINES = os.environ.get("FUZZ_COMPARE_ENGINES", "1") != "0"


def check_input_error(exc: InputError) -> None:
    """The CLI prints ``str(exc)`` as its one line on stderr."""
    assert exc.code and one_line(str(exc)), repr(exc)


def read_all(path: Path) -> None:
    try:
        with open_table(path) as table:
            previous = table.header_line
            for record in table.records():
                # Physical lines only move forward, and a record spans at least its own line.
                assert previous < record.line <= record.end_line, (previous, record)
                previous = record.end_line
    except InputError as exc:
        check_input_error(exc)


def validate(path: Path, options: Options) -> FileReport | InputError:
    """The report, or the ``InputError`` that says why the file cannot be read."""
    try:
        report = validate_file(path, options)
    except InputError as exc:
        check_input_error(exc)
        return exc
    report.model_dump_json()
    return report


def compare_engines(slow: FileReport | InputError, quick: FileReport | InputError) -> None:
    """The fast engine must report exactly what the Pydantic path reports."""
    if isinstance(slow, InputError) or isinstance(quick, InputError):
        if type(slow) is not type(quick) or getattr(slow, "code", 0) != getattr(quick, "code", 0):
            raise Finding(
                "engines-readability",
                f"pydantic={getattr(slow, 'code', 'report')} fast={getattr(quick, 'code', 'report')}",
            )
        return
    if quick.engine != "fast":
        return  # the fast engine declined the file
    if slow.rows != quick.rows:
        raise Finding("engines-rows", f"pydantic={slow.rows} fast={quick.rows}")
    if slow.problems != quick.problems or slow.summary != quick.summary:
        a = {(p.code, p.line, p.column) for p in slow.problems}
        b = {(p.code, p.line, p.column) for p in quick.problems}
        codes = sorted({c for c, _, _ in a ^ b}) or ["same-codes"]
        raise Finding(
            "engines-problems " + ",".join(codes),
            f"only pydantic: {sorted(a - b)[:5]} only fast: {sorted(b - a)[:5]}",
        )


def validate_fast(path: Path) -> FileReport | InputError:
    # Blocks of a few hundred bytes, so that fuzz-sized files are cut at many record
    # boundaries (as in test_fast_engine.py); restored for whatever runs next.
    from stdschema.checks import fast

    saved = fast.BLOCK_BYTES
    fast.BLOCK_BYTES = FAST_BLOCK_BYTES
    try:
        return validate(path, FAST)
    finally:
        fast.BLOCK_BYTES = saved


def TestOneInput(data: bytes) -> None:
    path = scratch("input.csv", data)
    read_all(path)
    slow, quick = validate(path, SLOW), validate_fast(path)
    if COMPARE_ENGINES:
        compare_engines(slow, quick)
    validate(path, AUTO)


if __name__ == "__main__":
    run(TestOneInput)

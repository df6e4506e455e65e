#!/usr/bin/env python3
"""Fuzz target: arbitrary bytes as an XML file through ``open_table`` and ``iter_xml_records``.

The only exception allowed to escape is ``stdschema.io.InputError``; anything
else, or a broken invariant (asserted below), is a finding.

    python tests/fuzz/fuzz_xml_reader.py -max_total_time=1200 CORPUS_DIR
"""

from __future__ import annotations

if __package__:
    from tests.fuzz.harness import one_line, run, scratch
else:  # run as a script: python tests/fuzz/<target>.py
    from harness import one_line, run, scratch  # type: ignore[no-redef]

from stdschema.io import InputError, iter_xml_records, open_table
from stdschema.validation import Options, validate_file

OPTIONS = Options(dataset="public_toilets@v2")


def check_input_error(exc: InputError) -> None:
    """The CLI prints ``str(exc)`` as its one line on stderr."""
    assert exc.code and one_line(str(exc)), repr(exc)


def TestOneInput(data: bytes) -> None:
    path = scratch("input.xml", data)
    try:
        with open_table(path) as table:
            width = len(table.header)
            for record in table.records():
                # The dataset form is rectangular: one cell per header name.
                assert len(record.cells) == width, (width, record)
    except InputError as exc:
        check_input_error(exc)
    try:
        with iter_xml_records(path, "//record") as records:
            for _line, fields in records:
                assert all(isinstance(v, str) for v in fields.values()), fields
    except InputError as exc:
        check_input_error(exc)
    try:
        validate_file(path, OPTIONS).model_dump_json()
    except InputError as exc:
        check_input_error(exc)


if __name__ == "__main__":
    run(TestOneInput)

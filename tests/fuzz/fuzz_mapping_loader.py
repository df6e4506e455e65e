#!/usr/bin/env python3
"""Fuzz target: arbitrary bytes as a mapping file through ``parse_mapping`` and ``load_mapping``.

The only exception allowed to escape is ``MappingError``; anything else, or a
broken invariant (asserted below), is a finding. A mapping that loads has its
transform chains run on sample values, where only ``TransformError`` is allowed.

    python tests/fuzz/fuzz_mapping_loader.py -max_total_time=1200 CORPUS_DIR
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

if __package__:
    from tests.fuzz.harness import one_line, run, scratch
else:  # run as a script: python tests/fuzz/<target>.py
    from harness import one_line, run, scratch  # type: ignore[no-redef]

from stdschema.conversion.mapping import Mapping, MappingError, load_mapping, parse_mapping
from stdschema.conversion.transforms import (
    TransformContext,
    TransformError,
    apply_chain,
    resolve,
)


def outcome(load: Callable[[Any], Mapping], arg: Any) -> Mapping | None:
    """The loaded mapping, or None for a ``MappingError`` (whose message is one line)."""
    try:
        mapping = load(arg)
    except MappingError as exc:
        assert one_line(str(exc)), repr(exc)
        return None
    assert isinstance(mapping, Mapping)
    return mapping


# Values a chain is run on once the mapping loads: blank, text, and each kind of junk.
SAMPLES = (
    "",
    " ",
    "a",
    "１２３",
    "令和5年4月1日",
    "9:00～17:00",
    "ｱｲｳ",
    "34.1,135.2",
    "〒760-0001",
)


def run_chains(mapping: Mapping, extra: str) -> None:
    """Every column's transforms on sample values: only ``TransformError`` may escape."""
    context = TransformContext(row={name: extra for name in mapping.input_columns()})
    for rule in mapping.columns.values():
        # Whatever the mapping writes must be encodable in the UTF-8 output files.
        for text in (rule.constant, rule.default, *(rule.map or {}).values()):
            if text is not None:
                text.encode("utf-8")
        chain = [resolve(spec) for spec in rule.transforms]
        for value in (*SAMPLES, extra):
            try:
                after, _steps = apply_chain(value, chain, context)
            except TransformError:
                continue
            after.encode("utf-8")


def TestOneInput(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    parsed = outcome(parse_mapping, text)
    if parsed is not None:
        run_chains(parsed, text[:64])
    loaded = outcome(load_mapping, scratch("mapping.yaml", data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    # load_mapping is "decode as UTF-8 (BOM allowed), then parse": both must agree.
    assert outcome(parse_mapping, text) == loaded, (parsed, loaded)


if __name__ == "__main__":
    run(TestOneInput)

"""Every fuzz target on its seeds and on a few hundred hypothesis inputs, without atheris.

This keeps the targets importable and green in the normal test run; the real
coverage-guided runs are described in README.md.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import fuzz_csv_reader, fuzz_mapping_loader, fuzz_xml_reader, seeds

DICTS = Path(__file__).parent / "dicts"

TARGETS: dict[str, tuple[ModuleType, Callable[[], dict[str, bytes]]]] = {
    "csv": (fuzz_csv_reader, seeds.csv_seeds),
    "xml": (fuzz_xml_reader, seeds.xml_seeds),
    "mapping": (fuzz_mapping_loader, seeds.mapping_seeds),
}


@functools.cache
def seed_set(kind: str) -> dict[str, bytes]:
    return TARGETS[kind][1]()


@functools.cache
def dictionary_tokens(kind: str) -> list[bytes]:
    """The values of a libFuzzer dictionary (``name="value"`` lines with \\xNN escapes)."""
    tokens = []
    for line in (DICTS / f"{kind}.dict").read_text(encoding="ascii").splitlines():
        if "=" in line and not line.startswith("#"):
            quoted = line.split("=", 1)[1].strip()
            tokens.append(codecs.escape_decode(quoted[1:-1].encode())[0])
    return tokens


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A seed with a few libFuzzer-like edits: insert, erase, bit flip, truncate, token."""
    data = bytearray(draw(st.sampled_from(list(seed_set(kind).values()))))
    tokens = dictionary_tokens(kind)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["insert", "token", "erase", "flip", "truncate"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(tokens))
        elif op == "erase":
            del data[pos : pos + draw(st.integers(1, 64))]
        elif op == "flip" and pos < len(data):
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


def inputs(kind: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=256), mutated(kind))


SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind, (_, make) in TARGETS.items() for name in make()],
)
def test_seed(kind: str, name: str) -> None:
    TARGETS[kind][0].TestOneInput(seed_set(kind)[name])


@SETTINGS
@given(inputs("csv"))
def test_csv_reader_random(data: bytes) -> None:
    fuzz_csv_reader.TestOneInput(data)


@SETTINGS
@given(inputs("xml"))
def test_xml_reader_random(data: bytes) -> None:
    fuzz_xml_reader.TestOneInput(data)


@SETTINGS
@given(inputs("mapping"))
def test_mapping_loader_random(data: bytes) -> None:
    fuzz_mapping_loader.TestOneInput(data)


def test_targets_import_without_atheris() -> None:
    # The atheris import lives in harness.run(), called only under __main__.
    for module, _ in TARGETS.values():
        assert "atheris" not in vars(module)

"""Inputs the fuzz targets found failing, kept as small literals (see docs/reliability.md).

Each case runs through its target's ``TestOneInput`` (which allows only the
target's own error type to escape) and then checks the specific outcome.
"""

from __future__ import annotations

import pytest

from stdschema.conversion.mapping import MappingError, parse_mapping
from stdschema.conversion.transforms import TransformContext, apply_chain, resolve
from stdschema.io import InputError, open_table
from tests.fuzz import fuzz_csv_reader, fuzz_mapping_loader, fuzz_xml_reader
from tests.fuzz.harness import scratch

# fuzz_xml_reader, 2026-11-26: an XML declaration naming UTF-16 over bytes that are
# neither UTF-8 nor start with a BOM made Python's utf-16 decoder raise a bare
# UnicodeError ("UTF-16 stream does not start with BOM"), which escaped open_table.
XML_DECLARES_UTF16_WITHOUT_BOM = (
    b'<?xml ver\xff\xffs\xff\xff\xff\xffencoding="UTF-16">\n</Report>\n',
    b'<?xml version="1.0" encoding="UTF-16"?>\n<dataset>\xff</dataset>',
    b'<?xml version="1.0" encoding="utf-16"?><a>\x82</a>',
)


@pytest.mark.parametrize("data", XML_DECLARES_UTF16_WITHOUT_BOM)
def test_xml_declared_utf16_without_bom(data: bytes) -> None:
    fuzz_xml_reader.TestOneInput(data)
    with pytest.raises(InputError) as err:
        open_table(scratch("input.xml", data))
    assert err.value.code == "encoding-error"
    assert "UTF-16" in str(err.value) or "utf-16" in str(err.value)


def test_csv_override_utf16_without_bom() -> None:
    # The same decoder failure through a CSV encoding override.
    path = scratch("input.csv", "名称,ID\r\n".encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        open_table(path, encoding="utf-16")
    assert err.value.code == "encoding-error"


# fuzz_mapping_loader, 2026-11-26 (verification run): PyYAML's safe constructors trust
# their resolvers and explicit tags, so 0x_ (an int by the resolver's pattern, nothing
# left after removing "_") raised a bare ValueError out of parse_mapping. The same hole
# gave ValueError, KeyError, IndexError and AttributeError for the other cases here.
YAML_BAD_SCALARS = (
    b"blioeversion: 0x_",  # the fuzz input as found
    b"version: 0b_",
    b"a: 2020-13-45",
    b"a: 0000-01-01",
    b"a: !!int x",
    b"a: !!float x",
    b"a: !!timestamp x",
    b"a: !!bool x",
    b"a: !!int",
    "target: public_toilets@v2\ncolumns:\n  名称: {source: a, note: 0x_}".encode(),
)


@pytest.mark.parametrize("data", YAML_BAD_SCALARS)
def test_yaml_scalar_constructor_errors(data: bytes) -> None:
    fuzz_mapping_loader.TestOneInput(data)
    with pytest.raises(MappingError, match="is not a valid") as err:
        parse_mapping(data.decode(), lang="en")
    assert err.value.line is not None


# fuzz_mapping_loader, 2026-11-26 (verification run): PyYAML's scanner passes a
# double-quoted "\UFFFFFFFF" escape straight to chr(): OverflowError (ValueError for
# \U00110000). Reviewing it showed "\uD800" loading a lone surrogate that made convert
# fail on its first write ("internal error: UnicodeEncodeError").
YAML_BAD_ESCAPES = {
    "fuzz-input": b'#y\x91M-M !\n{"\\\\\xbb\xbf\xa4\xa31\xa3\xa3\xa30\x8d\\\\\\\\\\U'
    + b"F" * 40
    + b"\\*\\\\\\\xb4\\# \xab\x9c:)",
    "too-large": b'a: "\\UFFFFFFFF"',
    "past-unicode": b'a: "\\U00110000"',
    "lone-surrogate": b'a: "\\uD800"',
    "surrogate-pair-escapes": b'a: "\\uD83D\\uDE00"',
}


@pytest.mark.parametrize("case", sorted(YAML_BAD_ESCAPES))
def test_yaml_escape_errors(case: str) -> None:
    data = YAML_BAD_ESCAPES[case]
    fuzz_mapping_loader.TestOneInput(data)
    with pytest.raises(MappingError, match="escape"):
        parse_mapping(data.decode("utf-8", "replace"), lang="en")


def test_yaml_escape_of_last_character_still_loads() -> None:
    text = 'target: public_toilets@v2\ncolumns:\n  名称: {constant: "\\U0010FFFF \\U0001F600"}\n'
    assert parse_mapping(text).columns["名称"].constant == "\U0010ffff \U0001f600"


# Found by review while writing fuzz_mapping_loader.py (the 20-minute run did not reach
# them: they need hundreds of nested brackets or numbers past 2**63), fixed on the same day.
MAPPING = "target: public_toilets@v2\ncolumns:\n  名称: {source: a, transforms: [%s]}\n"
MAPPING_ERRORS = {
    # PyYAML composes recursively: RecursionError escaped parse_mapping.
    "deep-yaml": ("[" * 1000, "nested too deeply"),
    "deep-yaml-mapping": ("a: " + "{" * 1000, "nested too deeply"),
    # re.compile raised OverflowError for a repeat count past C int.
    "regex-repeat-overflow": (
        MAPPING % '{regex_replace: {pattern: "a{4294967296}", replace: ""}}',
        "repetition number is too large",
    ),
    # sre_parse recurses once per group: RecursionError escaped resolve().
    "regex-deep-groups": (
        MAPPING % ('{regex_extract: {pattern: "' + "(" * 1200 + "a" + ")" * 1200 + '"}}'),
        "invalid regular expression",
    ),
}


@pytest.mark.parametrize("case", sorted(MAPPING_ERRORS))
def test_mapping_error_not_crash(case: str) -> None:
    text, message = MAPPING_ERRORS[case]
    fuzz_mapping_loader.TestOneInput(text.encode())
    with pytest.raises(MappingError, match=message):
        parse_mapping(text, lang="en")


def test_regex_replace_huge_count_runs() -> None:
    # A count past C ssize_t loaded fine but made re.sub raise OverflowError on the first row.
    text = MAPPING % '{regex_replace: {pattern: "a", replace: "b", count: 99999999999999999999}}'
    fuzz_mapping_loader.TestOneInput(text.encode())
    chain = [resolve(spec) for spec in parse_mapping(text).columns["名称"].transforms]
    assert apply_chain("aaa", chain, TransformContext())[0] == "bbb"


# fuzz_csv_reader comparing the engines, 2026-11-26: the fast engine (checks/fast.py)
# and the Pydantic path disagreed; fixed (the csv module now decides where a block with
# quotes may be cut, and the last record is checked for an unclosed quote).
ENGINE_DIFFERENCES = {
    # A stray quote inside an unquoted field, then a quoted field spanning lines: the csv
    # module reads one record, the fast engine's record splitter two (found as pydantic=7
    # fast=8 rows in a mutated 焼津市 toilet file, shrunk by hand).
    "stray-quote-then-multiline-field": 'x,備考\na"b,"\n"c\n'.encode(),
    # An unclosed quote in the last record (not the first): InputError('unclosed-quote') on
    # the Pydantic path, a report with the rest of the file as one cell on the fast path.
    "unclosed-quote-at-end": 'x,備考\nq,r\na,"b\n'.encode(),
}


@pytest.mark.parametrize("case", sorted(ENGINE_DIFFERENCES))
def test_engines_agree(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzz_csv_reader, "COMPARE_ENGINES", True)
    fuzz_csv_reader.TestOneInput(ENGINE_DIFFERENCES[case])

"""The header index (issue 13): detection reads it instead of building every model.

The index file must be what the models say (regenerate it with
``python -m stdschema.datasets.index --write``), and detection from it must give exactly what
detection from the models gives: the same pick, method, scores, counts, missing and extra
columns, candidates and edition, on every real file of the tests and every model's own header.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.datasets import (
    Candidate,
    Detection,
    _all_models,
    _detect,
    _entries,
    _scoring,
    detect,
    detect_filename,
    get_dataset,
)
from stdschema.datasets.index import INDEX_PATH, REGENERATE, entries_from_models, render
from stdschema.io import InputError, open_table

DATA = Path(__file__).parent / "data"
TABLES = sorted(
    p
    for p in DATA.rglob("*")
    if p.suffix.lower() in (".csv", ".xlsx", ".tsv", ".xml") and not p.name.endswith(".truth.csv")
)


def _headers() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for path in TABLES:
        try:
            with open_table(path) as table:
                found.append((path.relative_to(DATA).as_posix(), list(table.header)))
        except InputError:
            continue  # a deliberately unreadable file has no header to detect from
    return found


HEADERS = _headers()


def _facts(found: Detection) -> tuple[object, ...]:
    """Everything a detection says, with datasets named by key (entries differ by source)."""

    def one(c: Candidate) -> tuple[object, ...]:
        return (c.key, c.score, c.method, c.matched, c.variants, c.missing, c.extra, c.explained)

    best = one(found.best) if found.best is not None else None
    return (best, [one(c) for c in found.candidates], found.edition, found.standard_like)


def test_the_index_file_is_what_the_models_say() -> None:
    current = render(entries_from_models(_all_models()))
    assert INDEX_PATH.read_text(encoding="utf-8") == current, f"stale: run {REGENERATE}"


def test_the_index_lists_every_model_in_registry_order() -> None:
    models = _all_models()
    assert [e.key for e in _entries()] == [m.__dataset__.key for m in models]
    for entry, model in zip(_entries(), models, strict=True):
        assert entry.model() is model
        assert list(entry.headers) == model.headers()
        assert entry.name_ja == model.__dataset__.name_ja
        assert entry.confidence == model.__dataset__.confidence.value


def test_the_corpus_has_real_headers() -> None:
    assert len(HEADERS) >= 60
    assert any(name.startswith("real/v2/") for name, _ in HEADERS)


def test_detection_from_the_index_equals_detection_from_the_models() -> None:
    from_models = _scoring(entries_from_models(_all_models()))
    headers = list(HEADERS)
    headers += [(m.__dataset__.key, m.headers()) for m in _all_models()]
    recognised = 0
    for name, header in headers:
        for filename in (name, "data.csv"):
            expected = _detect(from_models, header, filename, 5)
            got = detect(header, filename)
            assert _facts(got) == _facts(expected), name
            recognised += got.recognised
    # Not a vacuous comparison: most of the corpus is recognised as some dataset.
    assert recognised > len(headers)


@pytest.mark.parametrize(
    "filename",
    ["222127_public_toilet.csv", "132055_food_business_all.xlsx", "aed.csv", "notes.csv"],
)
def test_file_name_detection_is_the_same(filename: str) -> None:
    from_models = _scoring(entries_from_models(_all_models()))
    expected = _detect(from_models, [], filename, 5)
    assert _facts(detect([], filename)) == _facts(expected)
    assert [m.__dataset__.key for m in detect_filename(filename)] == [
        c.key for c in expected.candidates
    ]


def test_the_pick_is_its_own_model() -> None:
    header = get_dataset("public_toilets@v2").headers()
    best = detect(header).best
    assert best is not None and best.model is get_dataset("public_toilets@v2")


def test_detection_imports_only_the_detected_model() -> None:
    """A fresh process: detecting a public-toilet header builds no other dataset's model."""
    code = (
        "import sys\n"
        "from stdschema.datasets import detect, get_dataset\n"
        "from stdschema.io import open_table\n"
        f"with open_table({str(DATA / 'real/v2/13_public_toilet__222127_yaizu.csv')!r}) as t:\n"
        "    found = detect(list(t.header), 'x.csv')\n"
        "print(found.best.model.__dataset__.key)\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('stdschema.datasets.v'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    key, modules = done.stdout.split()
    assert key == "public_toilets@v2"
    assert modules.split(",") == ["stdschema.datasets.v2", "stdschema.datasets.v2.public_toilets"]


def test_the_index_command_checks_and_refuses_other_arguments() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "stdschema.datasets.index", "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "RuntimeWarning" not in ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "stdschema.datasets.index", "--bogus"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2

"""The header index: what detection needs of every dataset model, without the models.

Detection compares a file's header with every dataset edition. Building all the Pydantic
models for that costs more than checking a small file, so :mod:`stdschema.datasets` reads
this index instead and imports the model of the detected dataset only. The index
(``header_index.json`` next to this module) holds, for each model in registry order: its
id, edition, name, confidence, the module and class that define it, its file-name slugs,
its standard headers in order, and every spelling detection accepts for them (each
normalised with :func:`~stdschema.datasets.headers.normalize_header`: headers, aliases,
attribute names, English names and the variant table), mapped to the standard header.

The file is generated from the models: regenerate it with
``python -m stdschema.datasets.index --write``; ``--check`` exits 1 when it is stale, and
tests/test_header_index.py fails then too.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdschema.datasets.headers import normalize_header

if TYPE_CHECKING:
    from stdschema.datasets.base import DatasetRecord, Edition

__all__ = [
    "INDEX_PATH",
    "REGENERATE",
    "DatasetEntry",
    "column_names",
    "entries_from_models",
    "load",
    "main",
    "render",
]

INDEX_PATH = Path(__file__).with_name("header_index.json")
REGENERATE = "python -m stdschema.datasets.index --write"
FORMAT = 1
"""Bumped when the file's layout changes."""


@dataclass(frozen=True, slots=True, eq=False)
class DatasetEntry:
    """One dataset edition as detection sees it (compared by identity, like a model)."""

    id: str
    edition: Edition
    name_ja: str
    confidence: str
    module: str
    cls: str
    slug: str | None
    slug_aliases: tuple[str, ...]
    headers: tuple[str, ...]
    """The standard header row, in order."""
    names: Mapping[str, str]
    """Normalised spelling → the standard header it denotes (in the order detection
    adds them: headers, then aliases, attribute and English names, then variants)."""

    @property
    def key(self) -> str:
        """``id@edition``, e.g. ``public_toilets@v2``."""
        return f"{self.id}@{self.edition}"

    def model(self) -> type[DatasetRecord]:
        """The model class: imports its module (and no other dataset's) on first use."""
        found: type[DatasetRecord] = getattr(importlib.import_module(self.module), self.cls)
        return found


def column_names(model: type[DatasetRecord]) -> dict[str, str]:
    """Every spelling detection accepts for ``model``'s columns: normalised → standard.

    The standard header first, then the known aliases, attribute names, the spec's English
    names and the variant table: files keyed by any of them describe the same columns.
    """
    from stdschema.datasets.variants import variant_spellings

    names = {normalize_header(c.header): c.header for c in model.__columns__}
    for c in model.__columns__:
        for name in (*c.aliases, c.attr, c.english_name):
            if name:
                names.setdefault(normalize_header(name), c.header)
    for written, standard in variant_spellings(model).items():
        names.setdefault(normalize_header(written), standard)
    return names


def _entry_of(model: type[DatasetRecord]) -> DatasetEntry:
    info = model.__dataset__
    return DatasetEntry(
        id=info.id,
        edition=info.edition,
        name_ja=info.name_ja,
        confidence=info.confidence.value,
        module=model.__module__,
        cls=model.__qualname__,
        slug=info.slug,
        slug_aliases=tuple(info.slug_aliases),
        headers=tuple(c.header for c in model.__columns__),
        names=column_names(model),
    )


def entries_from_models(models: Iterable[type[DatasetRecord]]) -> tuple[DatasetEntry, ...]:
    """The index built from the models themselves (what the file must equal)."""
    return tuple(_entry_of(m) for m in models)


def _as_json(entry: DatasetEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "edition": entry.edition,
        "name_ja": entry.name_ja,
        "confidence": entry.confidence,
        "module": entry.module,
        "class": entry.cls,
        "slug": entry.slug,
        "slug_aliases": list(entry.slug_aliases),
        "headers": list(entry.headers),
        "names": dict(entry.names),
    }


def _from_json(data: Mapping[str, Any]) -> DatasetEntry:
    return DatasetEntry(
        id=data["id"],
        edition=data["edition"],
        name_ja=data["name_ja"],
        confidence=data["confidence"],
        module=data["module"],
        cls=data["class"],
        slug=data["slug"],
        slug_aliases=tuple(data["slug_aliases"]),
        headers=tuple(data["headers"]),
        names=data["names"],
    )


def render(entries: Sequence[DatasetEntry]) -> str:
    """The index file's text (one dataset a line's worth of JSON, stable for diffs)."""
    body = {
        "format": FORMAT,
        "generated_by": REGENERATE,
        "datasets": [_as_json(e) for e in entries],
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


@cache
def load() -> tuple[DatasetEntry, ...]:
    """The index file's entries, in registry order (v1 then v2, as the packages list them)."""
    data = json.loads(INDEX_PATH.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise RuntimeError(f"{INDEX_PATH.name} has another layout: run {REGENERATE}")
    return tuple(_from_json(d) for d in data["datasets"])


def _current_text() -> str:
    from stdschema.datasets import _all_models

    return render(entries_from_models(_all_models()))


def main(argv: Sequence[str] | None = None) -> int:
    """``--write`` regenerates the index from the models; ``--check`` exits 1 when stale."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--write"]:
        INDEX_PATH.write_text(_current_text(), encoding="utf-8")
        print(f"wrote {INDEX_PATH.name}")
        return 0
    if args == ["--check"]:
        stale = not INDEX_PATH.exists() or INDEX_PATH.read_text(encoding="utf-8") != _current_text()
        if stale:
            print(f"{INDEX_PATH.name} is stale: run {REGENERATE}")
        return 1 if stale else 0
    print("usage: python -m stdschema.datasets.index --write | --check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

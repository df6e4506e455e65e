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
tests/test_header_index.py fails then too. The same command writes (and checks)
``_typing.py``, the typed overloads of :func:`stdschema.datasets.get_dataset` (one a
dataset edition, by ``id@edition`` and by id), which type checkers read instead of the
function's plain signature (tests/test_typing.py).
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
    "TYPING_PATH",
    "DatasetEntry",
    "column_names",
    "entries_from_models",
    "load",
    "main",
    "render",
    "render_typing",
]

INDEX_PATH = Path(__file__).with_name("header_index.json")
TYPING_PATH = Path(__file__).with_name("_typing.py")
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


def render_typing(entries: Sequence[DatasetEntry]) -> str:
    """The text of ``_typing.py``: an overload of ``get_dataset`` for each dataset edition
    (``"id@edition"``, and ``"id"`` with the edition given) and for each id alone (the
    newest edition, as :func:`stdschema.datasets.get_dataset` resolves it), then the plain
    signature for any other string."""
    newest: dict[str, DatasetEntry] = {}
    for e in entries:
        if e.id not in newest or e.edition > newest[e.id].edition:
            newest[e.id] = e
    lines = [
        '"""Typed overloads of :func:`stdschema.datasets.get_dataset`: the model class of each',
        "dataset edition, for type checkers (imported under ``TYPE_CHECKING`` only).",
        "",
        f"Generated from the models by ``{REGENERATE}``; do not edit.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Literal, overload",
        "",
        "if TYPE_CHECKING:",
        "    from stdschema.datasets.base import DatasetRecord",
    ]
    for e in sorted(entries, key=lambda e: (e.module, e.cls)):
        lines += [f"    from {e.module} import (", f"        {e.cls},", "    )"]

    def overload(dataset_id: str, edition: str, cls: str) -> list[str]:
        return [
            "",
            "",
            "@overload",
            "def get_dataset(",
            f'    dataset_id: Literal["{dataset_id}"],',
            f"    edition: {edition},",
            f") -> type[{cls}]: ...",
        ]

    for e in entries:
        lines += overload(e.key, f'Literal["{e.edition}"] | None = None', e.cls)
        lines += overload(e.id, f'Literal["{e.edition}"]', e.cls)
    for e in sorted(newest.values(), key=lambda e: e.id):
        lines += overload(e.id, "None = None", e.cls)
    lines += [
        "",
        "",
        "@overload",
        "def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]: ...",
        "",
        "",
        "def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]:",
        "    from stdschema.datasets import _get_dataset",
        "",
        "    return _get_dataset(dataset_id, edition)",
    ]
    return "\n".join(lines) + "\n"


def _current() -> dict[Path, str]:
    """Each generated file and the text the models give it."""
    from stdschema.datasets import _all_models

    entries = entries_from_models(_all_models())
    return {INDEX_PATH: render(entries), TYPING_PATH: render_typing(entries)}


def main(argv: Sequence[str] | None = None) -> int:
    """``--write`` regenerates the index (and the typed overloads) from the models;
    ``--check`` exits 1 when either is stale."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--write"]:
        for path, text in _current().items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}")
        return 0
    if args == ["--check"]:
        stale = [
            path
            for path, text in _current().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"{path.name} is stale: run {REGENERATE}")
        return 1 if stale else 0
    print("usage: python -m stdschema.datasets.index --write | --check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

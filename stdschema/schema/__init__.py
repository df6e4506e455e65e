"""JSON Schema and Table Schema export of every dataset edition (the files under ``schemas/``)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from stdschema.datasets import DatasetRecord, list_datasets
from stdschema.messages import Lang, t
from stdschema.schema.base import BASE_ID, META_SCHEMA, dataset_facts


def dataset_schema_path(model: type[DatasetRecord]) -> str:
    """Relative path of a dataset edition's schema inside ``schemas/``."""
    info = model.__dataset__
    return f"{info.edition}/{info.id}.schema.json"


def dataset_schema(model: type[DatasetRecord]) -> dict[str, Any]:
    """JSON Schema (2020-12) of one record of a dataset edition, keyed by Japanese header."""
    info = model.__dataset__
    body = model.model_json_schema(by_alias=True, mode="validation")
    unconfirmed = [c.header for c in model.unconfirmed_rules()]
    schema: dict[str, Any] = {
        "$schema": META_SCHEMA,
        "$id": f"{BASE_ID}/{dataset_schema_path(model)}",
        "title": f"{info.name_ja} ({info.edition})",
        "description": (
            f"One record of {info.name_ja} ({info.name_en}), {info.edition} edition. "
            f"Keys are the exact Japanese headers. Confidence: {info.confidence.value}."
        ),
        "x-stdschema-dataset": {
            **dataset_facts(info),
            "status": info.status,
            "columns": model.headers(),
            "unconfirmed_rules": unconfirmed,
            "sources": list(info.sources),
        },
    }
    body.pop("title", None)
    body.pop("description", None)
    schema.update(body)
    return schema


FORMATS = ("all", "json-schema", "table-schema")
"""What ``stdschema schema export --format`` writes: everything, or one kind of schema."""


def build_schemas(fmt: str = "all") -> dict[str, dict[str, Any]]:
    """Every file of ``schemas/`` (``fmt``: all, or only the JSON Schemas with the index and
    stdschema's own schemas, or only the Table Schemas): relative path → JSON document."""
    from stdschema.schema.table_schema import table_schema_path, table_schemas

    if fmt == "table-schema":
        return table_schemas()
    files: dict[str, dict[str, Any]] = {}
    index = []
    for model in list_datasets():
        info = model.__dataset__
        path = dataset_schema_path(model)
        files[path] = dataset_schema(model)
        index.append(
            {
                "id": info.id,
                "edition": info.edition,
                "name_ja": info.name_ja,
                "confidence": info.confidence.value,
                "columns": len(model.__columns__),
                "schema": path,
                "table_schema": table_schema_path(model),
            }
        )
    from stdschema.schema.extra import extra_schemas

    files.update(extra_schemas())
    files["index.json"] = {
        # No version here: it changes with every commit (git tags, setuptools-scm), and the
        # files are stale only when their content is.
        "generator": "stdschema",
        "datasets": index,
        "other": sorted(p for p in files if not p.startswith(("v1/", "v2/"))),
    }
    if fmt == "all":
        files.update(table_schemas())
    return files


def render(document: dict[str, Any]) -> str:
    """Stable text form of a schema file (sorted by nothing but insertion, UTF-8)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export(out: Path, lang: Lang | None = None, fmt: str = "all") -> list[Path]:
    """Write all schemas under ``out`` as one set; returns the paths written.

    Every file is written to a temporary file and the set is renamed into place only
    when all are complete (:class:`stdschema.outputs.OutputSet`), so a full disk or a
    kill leaves the old files, never a truncated one. Below ``out`` no symlink is
    followed: a link where a folder or a schema file goes raises
    :class:`stdschema.outputs.OutputError` before anything is written. Folders created
    here are removed again when the export fails.
    """
    from stdschema.outputs import OutputSet, check_target

    files = build_schemas(fmt)
    created: list[Path] = []
    try:
        _make_folder(out, created, lang, follow=True)
        for rel in files:
            folder = out
            for part in Path(rel).parts[:-1]:
                folder = folder / part
                _make_folder(folder, created, lang, follow=False)
            check_target(out / rel, lang)
        with OutputSet(lang) as outputs:
            for rel, doc in files.items():
                outputs.open_text(out / rel).write(render(doc))
            outputs.commit()
    except BaseException:
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [out / rel for rel in files]


def _make_folder(folder: Path, created: list[Path], lang: Lang | None, *, follow: bool) -> None:
    """Create ``folder`` (recording what was created) or check it is a real folder.

    ``follow`` is for ``--out`` itself, which the user named: it may be a link to a folder.
    """
    from stdschema.outputs import OutputError

    try:
        st = os.stat(folder) if follow else os.lstat(folder)
    except FileNotFoundError:
        missing = [folder, *(p for p in folder.parents if not p.exists())] if follow else [folder]
        for path in reversed(missing):
            path.mkdir()
            created.append(path)
        return
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(t("output.symlink", lang, path=folder))
    if not stat.S_ISDIR(st.st_mode):
        reason = os.strerror(errno.ENOTDIR)
        raise OutputError(t("output.cannot_write", lang, path=folder, reason=reason))


def stale(out: Path, fmt: str = "all") -> list[str]:
    """Relative paths under ``out`` that are missing, different or no longer generated
    (of the files ``fmt`` writes)."""
    from stdschema.schema.table_schema import FOLDER

    expected = {rel: render(doc) for rel, doc in build_schemas(fmt).items()}
    problems = []
    for rel, text in expected.items():
        path = out / rel
        if not path.is_file():
            problems.append(f"missing: {rel}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"stale: {rel}")
    if out.is_dir():
        for path in sorted(out.rglob("*.json")):
            rel = path.relative_to(out).as_posix()
            # Another format's files are not this check's business.
            if (fmt == "table-schema") != rel.startswith(f"{FOLDER}/") and fmt != "all":
                continue
            if rel not in expected:
                problems.append(f"not generated: {rel}")
    return problems

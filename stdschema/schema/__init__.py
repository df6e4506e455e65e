"""JSON Schema export of every dataset edition (the files under ``schemas/``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from stdschema import __version__
from stdschema.datasets import DatasetRecord, list_datasets
from stdschema.schema.base import BASE_ID, META_SCHEMA


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
            "id": info.id,
            "edition": info.edition,
            "name_ja": info.name_ja,
            "name_en": info.name_en,
            "slug": info.slug,
            "sheet": info.sheet,
            "version": info.version,
            "confidence": info.confidence.value,
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


def build_schemas() -> dict[str, dict[str, Any]]:
    """Every file of ``schemas/``: relative path → JSON document."""
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
            }
        )
    from stdschema.schema.extra import extra_schemas

    files.update(extra_schemas())
    files["index.json"] = {
        "generator": f"stdschema {__version__}",
        "datasets": index,
        "other": sorted(p for p in files if not p.startswith(("v1/", "v2/"))),
    }
    return files


def render(document: dict[str, Any]) -> str:
    """Stable text form of a schema file (sorted by nothing but insertion, UTF-8)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export(out: Path) -> list[Path]:
    """Write all schemas under ``out``; returns the paths written."""
    written = []
    for rel, doc in build_schemas().items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(doc), encoding="utf-8")
        written.append(path)
    return written


def stale(out: Path) -> list[str]:
    """Relative paths under ``out`` that are missing, different or no longer generated."""
    expected = {rel: render(doc) for rel, doc in build_schemas().items()}
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
            if rel not in expected:
                problems.append(f"not generated: {rel}")
    return problems

"""Schemas of stdschema's own documents: the validation report and the mapping file."""

from __future__ import annotations

from typing import Any

from stdschema.schema.base import BASE_ID, META_SCHEMA


def extra_schemas() -> dict[str, dict[str, Any]]:
    """Relative path → JSON Schema of stdschema's own file formats."""
    from stdschema.conversion.mapping import mapping_json_schema
    from stdschema.distributed.catalog import SCHEMA_FILE, catalogue_schema
    from stdschema.report.model import Report

    report = Report.model_json_schema(mode="serialization")
    return {
        "report.schema.json": {
            "$schema": META_SCHEMA,
            "$id": f"{BASE_ID}/report.schema.json",
            **report,
        },
        "mapping.schema.json": {
            "$schema": META_SCHEMA,
            "$id": f"{BASE_ID}/mapping.schema.json",
            **mapping_json_schema(),
            "title": "stdschema mapping file",
        },
        # `stdschema catalog validate --format json` (a CKAN portal's files, issue 16).
        SCHEMA_FILE: catalogue_schema(),
    }

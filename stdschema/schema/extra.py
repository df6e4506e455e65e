"""Schemas of stdschema's own documents (report, mapping) added as they land."""

from __future__ import annotations

from typing import Any


def extra_schemas() -> dict[str, dict[str, Any]]:
    """Relative path → JSON Schema of stdschema's own file formats."""
    return {}

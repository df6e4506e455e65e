"""Identifiers shared by every exported schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stdschema.datasets.base import DatasetInfo

META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://stdschema.org/schemas"


def dataset_facts(info: DatasetInfo) -> dict[str, Any]:
    """The dataset edition's facts both schema exports carry (JSON Schema and Table Schema)."""
    return {
        "id": info.id,
        "edition": info.edition,
        "name_ja": info.name_ja,
        "name_en": info.name_en,
        "slug": info.slug,
        "sheet": info.sheet,
        "version": info.version,
        "confidence": info.confidence.value,
    }

"""Identifiers shared by every exported schema."""

from __future__ import annotations

META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://stdschema.org/schemas"

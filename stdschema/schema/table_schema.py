"""Frictionless Table Schema of every dataset edition (``schemas/table-schema/``).

Only what stdschema reports as an *error* becomes a constraint, so that a file is valid for
frictionless exactly when stdschema finds no error of the kinds Table Schema can state:
``required`` for ◎ columns, ``unique`` for IDs, ``pattern`` where a rule has a regular
expression, ``enum`` for confirmed vocabularies. Rules the standard does not confirm (warnings
in stdschema) and the legacy vocabularies stay out of ``constraints``; every field names its
rule in ``x-stdschema`` (frictionless accepts only ``default``, ``email``, ``uri``, ``binary``
and ``uuid`` as string formats: a custom ``format`` makes the whole schema invalid there).

Every field is a string. frictionless parses typed cells more loosely than the standard writes
them (``integer`` takes ``+3``, ``３`` and ``1_000``; ``date`` takes ``2026-4-1``; ``time`` with
``%H:%M`` takes ``9:00``; ``number`` takes ``1e3`` and ``NaN``), and its ``pattern`` applies to
strings only, so the standard's forms are patterns on strings (a date's is exact, leap years
included) and codes keep their leading zeros.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

from stdschema.datasets import Column, DatasetRecord, Requirement, list_datasets
from stdschema.schema.base import dataset_facts

FOLDER: Final = "table-schema"
"""Where the Table Schemas sit inside ``schemas/``."""

EXTENSION_KEY: Final = "x-stdschema"
"""The field property naming the column's rule and facts (ignored by frictionless)."""

_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN: Final = f"(?:(?!0000)[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
"""YYYY-MM-DD of a real calendar date (year 0001-9999), as ``date.fromisoformat`` reads it."""

EXACT_RULES: Final = frozenset(
    {
        "chome_id",
        "count",
        "date",
        "email",
        "extension",
        "half_width",
        "katakana",
        "number",
        "postal_code",
        "record_id",
        "time",
        "weekdays",
    }
)
"""Rules that are their regular expression: a value passes the rule exactly when it matches
(``tests/test_table_schema.py`` compares them value by value)."""

FORM_RULES: Final = frozenset({"corporate_number", "local_gov_code", "longitude", "phone", "url"})
"""Rules whose regular expression is their form only: every valid value matches, but the
rule checks more (check digits, the code list, the digit count, the range). 緯度's pattern
is neither (``010.5`` passes the rule), so it has none here."""

_OWN_PATTERNS: Final = {"count": "[0-9]+", "date": DATE_PATTERN}
"""Rules whose JSON Schema states no pattern (an integer, a date)."""

VOCABULARY_RULES: Final = frozenset({"yes_no", "flag_1", "height_kind"})


def format_name(rule: str) -> str:
    """The named format of a rule: its registry key in kebab case (``local-gov-code``)."""
    return rule.replace("_", "-")


def table_schema_path(model: type[DatasetRecord]) -> str:
    """Relative path of a dataset edition's Table Schema inside ``schemas/``."""
    return f"{FOLDER}/{model.__dataset__.key}.json"


@cache
def rule_pattern(rule: str) -> str | None:
    """The pattern of a rule as a Table Schema constraint (frictionless anchors it itself, so
    the expression is one group), or None when the rule has none that never refuses a valid
    value."""
    if rule not in EXACT_RULES | FORM_RULES:
        return None
    pattern = _OWN_PATTERNS.get(rule)
    if pattern is None:
        from pydantic import TypeAdapter

        from stdschema.types import RULES

        schema = TypeAdapter(RULES[rule].type).json_schema(mode="validation")
        pattern = str(schema["pattern"]).removeprefix("^").removesuffix("$")
    return pattern if _one_group(pattern) else f"(?:{pattern})"


def _one_group(pattern: str) -> bool:
    """Whether ``pattern`` is one non-capturing group from its first character to its last."""
    if not pattern.startswith("(?:"):
        return False
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i == len(pattern) - 1
    return False


SPACE: Final = r"[\s\u200b\ufeff]"
r"""One of :data:`stdschema.rules.chars.SPACES` (Python's ``\s``, the zero-width space, a BOM)."""

NOT_BLANK: Final = rf"{SPACE}*[^\s\u200b\ufeff][\s\S]*"
"""A ◎ cell of spaces only is blank for stdschema (``blank-required``), not for ``required``."""


def cell_pattern(pattern: str, required: bool) -> str:
    """A rule's pattern as a cell's: stdschema checks a value without the spaces at its
    edges (reporting them as a warning, ``surrounding-whitespace``) and takes a cell of
    spaces only as blank, an error only in a ◎ column."""
    if not required:
        return f"{SPACE}*{pattern}?{SPACE}*"
    if re.fullmatch(pattern, ""):  # the rule allows spaces only: say "not blank" first
        return rf"(?=[\s\S]*[^\s\u200b\ufeff]){SPACE}*{pattern}{SPACE}*"
    return f"{SPACE}*{pattern}{SPACE}*"


def vocabulary(rule: str) -> list[str]:
    """The values of a vocabulary rule (有/無, 1, 階数/標高/地表高)."""
    from stdschema.types import RULES

    args = getattr(RULES[rule].type, "__args__", ())
    return [str(a) for a in args]


def field_constraints(column: Column, *, warnings: bool = False) -> dict[str, Any]:
    """The Table Schema constraints stdschema enforces as errors on ``column``; with
    ``warnings`` also those of an unconfirmed rule and the legacy vocabularies (which
    stdschema reports as warnings)."""
    from stdschema.checks.rows import blank_code

    found: dict[str, Any] = {}
    required = blank_code(column) == "blank-required"
    if required:
        found["required"] = True
    if column.rule == "record_id":
        found["unique"] = True
    pattern = rule_pattern(column.rule) if column.rule_confirmed or warnings else None
    if pattern is not None:
        found["pattern"] = cell_pattern(pattern, required)
    elif required:
        found["pattern"] = NOT_BLANK
    if (column.rule_confirmed or warnings) and column.rule in VOCABULARY_RULES:
        found["enum"] = vocabulary(column.rule)
    if warnings and column.allowed_values:
        found["enum"] = list(column.allowed_values)
    return found


def field_descriptor(column: Column, *, warnings: bool = False) -> dict[str, Any]:
    """One field: the exact Japanese header as ``name``, the spec's facts, constraints."""
    field: dict[str, Any] = {"name": column.header}
    if column.english_name:
        field["title"] = column.english_name
    described = [
        f"形式: {column.format}" if column.format else "",
        column.description or "",
    ]
    if any(described):
        field["description"] = " ".join(d for d in described if d)
    field["type"] = "string"
    if column.example not in (None, ""):
        field["example"] = column.example
    constraints = field_constraints(column, warnings=warnings)
    if constraints:
        field["constraints"] = constraints
    extra: dict[str, Any] = {
        "no": column.no,
        "requirement": column.requirement.value,
        "format": format_name(column.rule),
        "confirmed": column.rule_confirmed,
    }
    if column.requirement_hint is Requirement.REQUIRED:
        extra["likely_required"] = True
    if column.allowed_values:
        extra["enum"] = list(column.allowed_values)
    field[EXTENSION_KEY] = extra
    return field


def table_schema(
    model: type[DatasetRecord], header: list[str] | None = None, *, warnings: bool = False
) -> dict[str, Any]:
    """The Table Schema of ``model``: fields in the sheet's order, or in ``header``'s order
    (a column the edition does not have is a plain string field). ``warnings``: constraints
    for what stdschema warns about too (:func:`field_constraints`), as the benchmark
    compares frictionless with every rule stdschema checks.

    ``fieldsMatch: partial`` reads a file's columns by name, as stdschema does: a missing ◎
    column is still an error (``missing-label``), other missing columns and extra ones are not.
    """
    info = model.__dataset__
    columns = {c.header: c for c in model.__columns__}
    if header is None:
        fields = [field_descriptor(c, warnings=warnings) for c in model.__columns__]
    else:
        fields = [
            field_descriptor(columns[name], warnings=warnings)
            if name in columns
            else {"name": name, "type": "string"}
            for name in header
        ]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",  # fieldsMatch is v2
        "title": f"{info.name_ja} ({info.edition})",
        "description": (
            f"{info.name_ja} ({info.name_en}), {info.edition} edition: one row a record, "
            f"the exact Japanese headers. Confidence: {info.confidence.value}. "
            "Generated by stdschema; x-stdschema names each column's rule."
        ),
        "fields": fields,
        "missingValues": [""],
        "fieldsMatch": "partial",
        EXTENSION_KEY: dataset_facts(info),
    }


def table_schemas() -> dict[str, dict[str, Any]]:
    """Every Table Schema file of ``schemas/``: relative path → document."""
    return {table_schema_path(m): table_schema(m) for m in list_datasets()}

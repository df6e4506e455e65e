"""A decimal number in half-width digits, kept as written."""

from __future__ import annotations

from typing import Annotated

from stdschema.rules.base import (
    DIGITS_HALF_WIDTH,
    NUMBER,
    ErrorType,
    RuleSpec,
    matches,
    regex_screen,
    schema,
)

_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"

NumberText = Annotated[
    str,
    matches(_NUMBER, "number_format", "must be a number in half-width digits, e.g. 3 or 30.5"),
    schema(_NUMBER, "A decimal number in half-width digits, kept as written.", ["30.5"]),
]

SPECS = (
    RuleSpec(
        "number",
        NumberText,
        "NumberText",
        "数値（半角）",
        "number (half-width)",
        errors=(
            ErrorType(
                "number_format", "半角の数値で書きます", "write a number in half-width digits"
            ),
        ),
        repairs=(DIGITS_HALF_WIDTH, NUMBER),
        screen=regex_screen(_NUMBER),
    ),
)

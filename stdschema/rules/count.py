"""数値（半角数字）: a whole number of 0 or more."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.rules.base import (
    DIGITS_HALF_WIDTH,
    NUMBER,
    ErrorType,
    RuleSpec,
    err,
    regex_screen,
    require_str,
)

_DIGITS = re.compile(r"[0-9]+")


def _check_count(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise err("count_format", "must be a whole number of 0 or more")
        return value
    value = require_str(value)
    if not _DIGITS.fullmatch(value):
        raise err("count_format", "must be a whole number of 0 or more in half-width digits")
    return int(value)


NonNegativeCount = Annotated[
    int,
    BeforeValidator(_check_count),
    Field(
        json_schema_extra={"minimum": 0},
        description="数値（半角数字）: a whole number of 0 or more.",
        examples=[3],
    ),
]

SPECS = (
    RuleSpec(
        "count",
        NonNegativeCount,
        "NonNegativeCount",
        "0以上の整数",
        "whole number of 0 or more",
        errors=(
            ErrorType(
                "count_format",
                "0以上の整数を半角数字で書きます",
                "write a whole number of 0 or more in half-width digits",
            ),
        ),
        # "number" may give -5 or 3.5: the repair is only offered when the result passes.
        repairs=(DIGITS_HALF_WIDTH, NUMBER),
        screen=regex_screen(r"[0-9]+"),
    ),
)

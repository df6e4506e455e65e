"""緯度 and 経度: decimal degrees, kept as written (whether the pair lies in Japan is a row
check)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.rules.base import HALF_WIDTH, ErrorType, RuleSpec, Screen, err, require_str

if TYPE_CHECKING:
    import polars as pl

DEGREES_PATTERN = r"-?[0-9]{1,3}(?:\.[0-9]+)?"
"""The form of 緯度 and 経度 (the range, ±90 or ±180, is checked besides)."""
_DECIMAL = re.compile(DEGREES_PATTERN)


def _coordinate(kind: str, limit: int) -> Callable[[Any], str]:
    def check(raw: Any) -> str:
        value = require_str(raw)
        if not _DECIMAL.fullmatch(value):
            raise err(
                f"{kind}_format",
                "must be decimal degrees in half-width digits, e.g. {example}",
                example="34.876012" if kind == "latitude" else "138.320763",
            )
        if abs(float(value)) > limit:
            raise err(f"{kind}_range", "must be between -{limit} and {limit}", limit=limit)
        return value

    return check


def _screen(limit: int) -> Screen:
    def valid(col: pl.Expr) -> pl.Expr:
        import polars as pl

        number = col.cast(pl.Float64, strict=False).abs()
        return col.str.contains(f"^(?:{DEGREES_PATTERN})$") & (number <= limit)

    return valid


Latitude = Annotated[
    str,
    BeforeValidator(_coordinate("latitude", 90)),
    Field(
        json_schema_extra={"pattern": r"^-?[0-9]{1,2}(\.[0-9]+)?$"},
        description="緯度: decimal degrees, kept as written (e.g. 43.064310).",
        examples=["34.8760119"],
    ),
]
Longitude = Annotated[
    str,
    BeforeValidator(_coordinate("longitude", 180)),
    Field(
        json_schema_extra={"pattern": r"^-?[0-9]{1,3}(\.[0-9]+)?$"},
        description="経度: decimal degrees, kept as written (e.g. 141.346814).",
        examples=["138.3207625"],
    ),
]

SPECS = (
    RuleSpec(
        "latitude",
        Latitude,
        "Latitude",
        "緯度（10進数の度）",
        "latitude (decimal degrees)",
        errors=(
            ErrorType(
                "latitude_format",
                "10進数の度を半角で書きます（例 34.876012）",
                "write decimal degrees (e.g. 34.876012)",
            ),
            ErrorType(
                "latitude_range", "-90〜90 の範囲で書きます", "it must be between -90 and 90"
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=_screen(90),
    ),
    RuleSpec(
        "longitude",
        Longitude,
        "Longitude",
        "経度（10進数の度）",
        "longitude (decimal degrees)",
        errors=(
            ErrorType(
                "longitude_format",
                "10進数の度を半角で書きます（例 138.320763）",
                "write decimal degrees (e.g. 138.320763)",
            ),
            ErrorType(
                "longitude_range", "-180〜180 の範囲で書きます", "it must be between -180 and 180"
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=_screen(180),
    ),
)

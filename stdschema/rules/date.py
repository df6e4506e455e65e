"""日付: YYYY-MM-DD (ISO 8601), a real calendar date."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.normalize import excel_serial_date, normalize_date, wareki_to_iso
from stdschema.rules.base import ErrorType, RepairStep, RuleSpec, err, plain, require_str

if TYPE_CHECKING:
    import polars as pl

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _check_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    value = require_str(value)
    if not _ISO_DATE.fullmatch(value):
        raise err("date_format", "must be a date written YYYY-MM-DD, e.g. 2026-04-01")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise err("date_value", "is not a real calendar date") from None


IsoDate = Annotated[
    date,
    BeforeValidator(_check_date),
    Field(description="日付: YYYY-MM-DD (ISO 8601).", examples=["2026-04-01"]),
]


def _screen(col: pl.Expr) -> pl.Expr:
    return (
        col.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        & col.str.to_date("%Y-%m-%d", strict=False).is_not_null()
    )


SPECS = (
    RuleSpec(
        "date",
        IsoDate,
        "IsoDate",
        "日付（YYYY-MM-DD）",
        "date (YYYY-MM-DD)",
        errors=(
            ErrorType(
                "date_format",
                "YYYY-MM-DD 形式で書きます（例 2026-04-01）",
                "write YYYY-MM-DD (e.g. 2026-04-01)",
            ),
            ErrorType("date_value", "存在しない日付です", "no such calendar date"),
        ),
        repairs=(
            plain("wareki_to_iso", wareki_to_iso, safe=True),
            RepairStep(
                "date",
                lambda text, context: normalize_date(text, us_order=bool(context.get("us_order"))),
                safe=True,
            ),
            # Safe: in a date column a five-digit whole number for a day in 1950..2100 is
            # what Excel writes for a date cell saved without its format; it has no other
            # reading there, and the day it names is the same.
            plain("excel_serial_date", excel_serial_date, safe=True),
        ),
        screen=_screen,
    ),
)

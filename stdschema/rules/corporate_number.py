"""法人番号: 13 digits, the first a modulus-9 check digit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.checkdigits import corporate_number_check_digit, is_valid_corporate_number
from stdschema.rules.base import DIGITS_HALF_WIDTH, ErrorType, RuleSpec, err, require_str

if TYPE_CHECKING:
    import polars as pl


def _check_corporate_number(raw: Any) -> str:
    value = require_str(raw)
    if len(value) != 13 or not value.isascii() or not value.isdigit() or value[0] == "0":
        raise err(
            "corporate_number_format",
            "must be 13 half-width digits, the first not 0, got {value!r}",
            value=value,
        )
    if not is_valid_corporate_number(value):
        raise err(
            "corporate_number_check_digit",
            "check digit should be {expected}, got {actual}",
            expected=corporate_number_check_digit(value[1:]),
            actual=value[0],
        )
    return value


CorporateNumber = Annotated[
    str,
    BeforeValidator(_check_corporate_number),
    Field(
        json_schema_extra={"pattern": r"^[1-9][0-9]{12}$"},
        description="法人番号: 13 digits, the first a modulus-9 check digit.",
        examples=["8000020130001"],
    ),
]
"""法人番号 (13 digits, leading check digit)."""


def _screen(col: pl.Expr) -> pl.Expr:
    import polars as pl

    # The digits by integer arithmetic on the cell read as a number (one parse, not
    # thirteen substrings each parsed); only cells of thirteen digits count. Digit n from
    # the right (n = 1..12) of the 12-digit base weighs 1 (odd n) or 2 (even n).
    number = col.cast(pl.Int64, strict=False)
    total = None
    for n in range(1, 13):
        digit = number // 10 ** (n - 1) % 10 * (1 if n % 2 else 2)
        total = digit if total is None else total + digit
    assert total is not None
    check: pl.Expr = 9 - total % 9
    first = number // 10**12
    return col.str.contains(r"^[1-9][0-9]{12}$") & (check == first)


SPECS = (
    RuleSpec(
        "corporate_number",
        CorporateNumber,
        "CorporateNumber",
        "法人番号（13桁）",
        "corporate number (13 digits)",
        errors=(
            ErrorType(
                "corporate_number_format",
                "先頭が0でない13桁の半角数字で書きます",
                "write 13 half-width digits, the first not 0",
            ),
            ErrorType(
                "corporate_number_check_digit",
                "チェックデジットは {expected} のはずが {actual} です",
                "the check digit should be {expected}, not {actual}",
                code="check-digit-error",
            ),
        ),
        repairs=(DIGITS_HALF_WIDTH,),
        screen=_screen,
    ),
)

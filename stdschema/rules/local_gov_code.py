"""全国地方公共団体コード: 6 digits, the last a modulus-11 check digit (existence is checked
by the row checker against the code list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit
from stdschema.normalize import normalize_local_gov_code, repair_local_gov_code
from stdschema.rules.base import ErrorType, RepairStep, RuleSpec, err, plain, require_str

if TYPE_CHECKING:
    import polars as pl


def _check_local_gov_code(raw: Any) -> str:
    value = require_str(raw)
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        raise err(
            "local_gov_code_format",
            "must be 6 half-width digits including the check digit, got {value!r}",
            value=value,
        )
    if not is_valid_local_gov_code(value):
        expected = local_gov_check_digit(value[:5])
        raise err(
            "local_gov_code_check_digit",
            "check digit should be {expected}, got {actual}",
            expected=expected,
            actual=value[5],
        )
    return value


LocalGovCode = Annotated[
    str,
    BeforeValidator(_check_local_gov_code),
    Field(
        json_schema_extra={"pattern": r"^[0-9]{6}$"},
        description="全国地方公共団体コード: 6 digits, the last a modulus-11 check digit.",
        examples=["222127", "011002"],
    ),
]
"""全国地方公共団体コード (6 digits incl. check digit; existence is checked by the registry)."""


def _screen(col: pl.Expr) -> pl.Expr:
    import polars as pl

    # The digits by integer arithmetic on the cell read as a number (one parse, not six
    # substrings each parsed); only cells of six digits count.
    n = col.cast(pl.Int64, strict=False)
    digits = [n // p % 10 for p in (100_000, 10_000, 1_000, 100, 10, 1)]
    total = digits[0] * 6 + digits[1] * 5 + digits[2] * 4 + digits[3] * 3 + digits[4] * 2
    check: pl.Expr = (11 - total % 11) % 10
    return col.str.contains(r"^[0-9]{6}$") & (check == digits[5])


SPECS = (
    RuleSpec(
        "local_gov_code",
        LocalGovCode,
        "LocalGovCode",
        "全国地方公共団体コード（6桁）",
        "local government code (6 digits)",
        errors=(
            ErrorType(
                "local_gov_code_format",
                "6桁の半角数字（チェックデジットを含む）で書きます",
                "write 6 half-width digits including the check digit",
            ),
            ErrorType(
                "local_gov_code_check_digit",
                "チェックデジットは {expected} のはずが {actual} です",
                "the check digit should be {expected}, not {actual}",
                code="check-digit-error",
            ),
        ),
        repairs=(
            plain("normalize_local_gov_code", normalize_local_gov_code, safe=True),
            RepairStep(
                "local_gov_code",
                lambda text, context: repair_local_gov_code(text, **context),
                safe=True,
            ),
        ),
        screen=_screen,
    ),
)

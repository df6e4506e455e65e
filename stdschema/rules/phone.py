"""電話番号: 10 or 11 half-width digits from the area code; hyphens, spaces or brackets
may separate the groups."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.normalize import normalize_phone
from stdschema.rules.base import ErrorType, RuleSpec, err, plain, require_str

if TYPE_CHECKING:
    import polars as pl

# Digit groups with the area code first; a hyphen or one space separates two groups, and a
# group in brackets needs no separator: 054-626-1139, (054)-626-1139, 0476(42)5111,
# 090 1234 5678. Everything half-width, as the sheet's 形式 (文字列（半角文字）) says:
# （054）626-1139 fails and gets the half-width repair. Each repetition starts with a
# separator or an opening bracket, so the pattern never backtracks (Python) and polars
# reads it as is.
PHONE_PATTERN = (
    r"(?:0[0-9]*|\(0[0-9]*\)[0-9]*)"
    r"(?:[- ](?:[0-9]+|\([0-9]+\)[0-9]*)|\([0-9]+\)[0-9]*)*"
)
"""The form of 電話番号 (the digit count, 10 or 11, is checked besides)."""
PHONE_DIGITS = (10, 11)
"""Digits of a Japanese number with its area code (11 for 0X0 mobile/IP numbers and 0800)."""

_PHONE = re.compile(PHONE_PATTERN)


def _check_phone(raw: Any) -> str:
    value = require_str(raw)
    if not _PHONE.fullmatch(value) or sum(c in "0123456789" for c in value) not in PHONE_DIGITS:
        raise err(
            "phone_format",
            "must be a 10 or 11 digit number starting with the area code, in half-width "
            "digits; hyphens, single spaces or brackets may separate the groups",
        )
    return value


PhoneNumber = Annotated[
    str,
    BeforeValidator(_check_phone),
    Field(
        json_schema_extra={"pattern": f"^(?:{PHONE_PATTERN})$"},
        description="電話番号: 10 or 11 half-width digits from the area code; hyphens, spaces "
        "or brackets may separate the groups.",
        examples=["054-626-1139", "(054)626-1139", "0476(42)5111"],
    ),
]


def _screen(col: pl.Expr) -> pl.Expr:
    digits = col.str.count_matches(r"[0-9]")
    return col.str.contains(f"^(?:{PHONE_PATTERN})$") & digits.is_in(list(PHONE_DIGITS))


SPECS = (
    RuleSpec(
        "phone",
        PhoneNumber,
        "PhoneNumber",
        "電話番号",
        "telephone number",
        errors=(
            ErrorType(
                "phone_format",
                "市外局番から10桁または11桁を半角数字で書きます（区切りに半角のハイフン・空白・括弧を使えます）",
                "write all 10 or 11 digits from the area code in half-width digits (half-width "
                "hyphens, spaces or brackets may separate the groups)",
            ),
        ),
        repairs=(plain("phone", normalize_phone, safe=True),),
        screen=_screen,
    ),
)

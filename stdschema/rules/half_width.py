"""文字列（半角英数字）: half-width (ASCII) letters, digits, spaces and punctuation."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.normalize import nfkc
from stdschema.rules.base import (
    HALF_WIDTH,
    ErrorType,
    RuleSpec,
    err,
    plain,
    regex_screen,
    require_str,
)


def _check_half_width(raw: Any) -> str:
    value = require_str(raw)
    for ch in value:
        if not (" " <= ch <= "~"):
            fixed = unicodedata.normalize("NFKC", ch)
            raise err(
                "not_half_width",
                "contains {char!r}, which is not a half-width character",
                char=ch,
                suggestion=fixed if fixed.isascii() else "",
            )
    return value


HalfWidthText = Annotated[
    str,
    BeforeValidator(_check_half_width),
    Field(
        json_schema_extra={"pattern": r"^[\x20-\x7e]*$"},
        description="文字列（半角英数字）: half-width (ASCII) letters, digits, spaces and punctuation.",
        examples=["Yaizu City Hall"],
    ),
]

SPECS = (
    RuleSpec(
        "half_width",
        HalfWidthText,
        "HalfWidthText",
        "半角英数字",
        "half-width alphanumerics",
        errors=(
            ErrorType(
                "not_half_width",
                "全角文字「{char}」が含まれています。半角で書きます",
                "it contains the full-width character '{char}'; write half-width characters",
            ),
        ),
        # NFKC also folds ㍻ or half-width kana: more than the form, so not in fix mode.
        repairs=(HALF_WIDTH, plain("nfkc", nfkc, safe=False)),
        screen=regex_screen(r"[\x20-\x7e]*"),
    ),
)
